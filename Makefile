# Developer shortcuts; CI runs .ci/run, which does the same as `make check`.
.PHONY: install test lint check

install:
	python -m pip install torch==2.13.0
	python -m pip install -e ".[dev]"

test:
	python -m pytest

lint:
	ruff check src tests benchmarks
	ruff format --check src tests benchmarks
	mypy

check: test lint
