"""The ``songngu`` command line: one click group, thin commands, one error boundary.

Every command converts its options, calls one library function and reports. Errors raised as
:class:`~songngu.errors.SongnguError` become ``Error: <message>`` on stderr and the error's
``exit_code`` (1); Ctrl-C during a translation says what is saved and exits 130;
usage errors exit 2 (click's convention); ``--debug`` or ``SONGNGU_DEBUG=1`` adds the
traceback. Anything else propagates, so bugs stay loud.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

import click

from songngu._version import __version__
from songngu.cli.library_warnings import STDERR_HANDLER_NAME
from songngu.cli.output import CliState, echo_error
from songngu.errors import SongnguError, TranslationInterrupted

VERBOSE_HELP = "More messages on stderr, library warnings included (-vv for debug)."
QUIET_HELP = "Only errors on stderr: no progress, notes or summary."

EXIT_CODES = """\b
Exit codes:
  0  success
  1  an error (bad input, missing model, unwritable output), or
     --strict and an error-severity QA issue
  2  a usage error (unknown option, missing argument)"""


@click.group(epilog=EXIT_CODES, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="songngu")
@click.option("--debug", is_flag=True, envvar="SONGNGU_DEBUG", help="Show tracebacks of errors.")
@click.option("-v", "--verbose", count=True, help=VERBOSE_HELP)
@click.option("-q", "--quiet", is_flag=True, help=QUIET_HELP)
@click.pass_obj
def cli(state: CliState, debug: bool, verbose: int, quiet: bool) -> None:
    """Translate Vietnamese news into English with a local model, a glossary and a review file.

    \b
    Example:
      songngu translate article.txt      # output/article.vi-en.docx and .md
      songngu segment article.txt        # one sentence per line
    """
    state.debug = debug
    _set_verbosity(state, -1 if quiet else verbose)


def _set_verbosity(state: CliState, verbosity: int) -> None:
    state.verbosity = verbosity
    levels = [logging.ERROR, logging.WARNING, logging.INFO, logging.DEBUG]
    _configure_logging(levels[max(-1, min(verbosity, 2)) + 1])


def _verbosity_after_command(
    context: click.Context, parameter: click.Parameter, value: int
) -> None:
    """Apply ``-q``/``-v`` given after the subcommand (they override those given before it)."""
    if value:
        state = context.find_object(CliState) or CliState()
        _set_verbosity(state, -1 if parameter.name == "quiet" else value)


def _add_verbosity_options(command: click.Command) -> None:
    """Let ``-q``/``-v`` follow the subcommand too (``songngu translate a.txt -q``)."""
    if isinstance(command, click.Group):
        for subcommand in command.commands.values():
            _add_verbosity_options(subcommand)
        return
    kinds = (
        (["-v", "--verbose"], {"count": True}, VERBOSE_HELP),
        (["-q", "--quiet"], {"is_flag": True}, QUIET_HELP),
    )
    command.params += [
        click.Option(
            names, expose_value=False, callback=_verbosity_after_command, help=text, **kind
        )
        for names, kind, text in kinds
    ]


def _configure_logging(level: int) -> None:
    """Send the messages of songngu and of the Hugging Face Hub to stderr, each one once."""
    from huggingface_hub.utils import logging as hub_logging

    stderr = logging.StreamHandler(sys.stderr)
    stderr.set_name(STDERR_HANDLER_NAME)
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", handlers=[stderr]
    )
    root = logging.getLogger()
    if any(h.get_name() == STDERR_HANDLER_NAME for h in root.handlers):
        root.setLevel(level)  # basicConfig sets the level only the first time
    # huggingface_hub gives its logger a stderr handler of its own when imported
    # (utils/logging.py), and the records also reach the root handler above: every Hub warning
    # came out twice. Ours alone prints them, at the level of -v/-q.
    hub_logger = hub_logging.get_logger()
    for handler in list(hub_logger.handlers):
        hub_logger.removeHandler(handler)
    hub_logger.setLevel(level)
    # Its HTTP retries log each failed try and "Retrying in 1s [Retry 1/5]": a page of warnings
    # before the one error songngu reports anyway. Shown from -v on.
    retries = level if level < logging.WARNING else logging.ERROR
    hub_logging.get_logger("huggingface_hub.utils._http").setLevel(retries)


def _register_commands() -> None:
    from songngu.cli import checks, glossary, memory, models, review, segment, translate

    for module in (translate, segment, models, checks, review, memory, glossary):
        module.register(cli)
    _add_verbosity_options(cli)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the CLI; the one place that turns songngu errors into messages and exit codes."""
    state = CliState(debug=False)
    try:
        result = cli.main(args=argv, prog_name="songngu", obj=state, standalone_mode=False)
    except click.exceptions.Abort as abort:
        # click turns every KeyboardInterrupt into Abort (after a newline); a translation's
        # says what its resume journal keeps.
        interrupt = abort.__cause__
        if isinstance(interrupt, TranslationInterrupted):
            click.echo(f"Interrupted; {interrupt}", err=True)
            sys.exit(interrupt.exit_code)
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except SongnguError as error:
        echo_error(error, debug=state.debug)
        sys.exit(error.exit_code)
    sys.exit(result if isinstance(result, int) else 0)


_register_commands()
