"""Run the command-line interface: ``python -m songngu``."""

from songngu.cli import main

main()
