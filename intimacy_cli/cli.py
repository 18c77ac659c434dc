"""The command line: thin Typer commands over load -> ask -> score -> reflect -> render.

Errors become messages and exit codes in one place, `handled_errors`. Heavy modules (rich,
questionary) are imported inside the commands that need them, so start-up stays fast.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TextIO

import typer

from intimacy_cli import __version__, safetext
from intimacy_cli.errors import InputError, RunError

if TYPE_CHECKING:
    from rich.console import Console

    from intimacy_cli.bank import Bank
    from intimacy_cli.report import Report
    from intimacy_cli.scoring import Answer

EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

app = typer.Typer(
    name="intimacy",
    help="A private, offline self-assessment about emotional intimacy: trust, openness and "
    "feeling seen and known. For reflection, not diagnosis.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # locals would include the person's answers
)


class Focus(str, Enum):
    partner = "partner"
    family = "family"
    friends = "friends"
    everyone = "everyone"


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"intimacy {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """A private, offline self-assessment about emotional intimacy: trust, openness and feeling
    seen and known. For reflection, not diagnosis. Nothing leaves this computer."""


@app.command()
def check(
    bank_name: Annotated[
        str,
        typer.Argument(
            metavar="[BANK]",
            help="A shipped question set, or the path to your own .yaml question file.",
        ),
    ] = "emotional-intimacy",
    focus: Annotated[
        Focus | None,
        typer.Option(
            "--for",
            case_sensitive=False,
            help="Who to reflect on. Asked first when not given (with --answers: everyone).",
        ),
    ] = None,
    answers_file: Annotated[
        str | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="Take the answers from a YAML or JSON file ('-' for stdin) instead of asking: "
            "question id -> scale value, label, or 'skip'.",
        ),
    ] = None,
    export: Annotated[
        Path | None,
        typer.Option(
            "--export",
            metavar="PATH",
            dir_okay=False,
            help="Also write the summary to PATH: .txt (plain text), .md (Markdown) or .json. "
            "Readable only by you.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Let --export replace an existing file.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the report as JSON instead of the summary.")
    ] = False,
) -> None:
    """Answer the questions and get a reflective summary, with practices to try."""
    from intimacy_cli import bank as banks
    from intimacy_cli import files, render

    with handled_errors():
        bank = banks.load(bank_name)
        if export is not None:
            if export.suffix.lower() not in render.EXPORT_FORMATS:
                raise InputError.single(
                    str(export),
                    "unknown export format: use a name ending " + ", ".join(render.EXPORT_FORMATS),
                )
            files.check_target(export, force)  # refuse now, not after twenty questions
        if answers_file is not None:
            from intimacy_cli import answersfile

            chosen_focus = (focus or Focus.everyone).value
            answers = answersfile.read(answers_file, bank)
        else:
            chosen_focus, answers = _ask_at_keyboard(bank, focus.value if focus else None)
        report = _reflect(bank, chosen_focus, answers)
        if as_json:
            sys.stdout.write(render.export_renderer(".json")(report))
        else:
            from intimacy_cli.render import terminal

            terminal.render(report, _stdout_console())
        if export is not None:
            files.write_private(
                export, render.export_renderer(export.suffix.lower())(report), force
            )
            _notice(f"Saved to {export} (readable only by you).")


def _reflect(bank: Bank, focus: str, answers: dict[str, Answer]) -> Report:
    from datetime import datetime

    from intimacy_cli import report, scoring

    scores = scoring.score(bank, answers)
    return report.reflect(bank, focus, answers, scores, datetime.now().astimezone())


def _ask_at_keyboard(bank: Bank, focus: str | None) -> tuple[str, dict[str, Answer]]:
    from intimacy_cli import quiz
    from intimacy_cli.bank import fill
    from intimacy_cli.report import BEFORE_YOU_START

    # prompt_toolkit needs a real terminal; piped or /dev/null stdin would fail or hang.
    if not sys.stdin.isatty():
        raise InputError.single(
            "stdin",
            "is not a terminal, so there is no one to ask: use "
            "--answers FILE (or --answers - to read answers from stdin)",
        )
    screen = _screen()
    _write_paragraph(screen, BEFORE_YOU_START)
    asker = quiz.KeyboardAsker(screen)
    focus = focus or asker.focus()
    _write_paragraph(screen, fill(bank.intro, focus))
    return focus, quiz.walk(bank, focus, asker)


def _screen() -> TextIO:
    """Where prompts are drawn: the terminal, never a redirected stdout (say `--json > f`)."""
    for stream in (sys.stdout, sys.stderr):
        if stream.isatty():
            return stream
    raise InputError.single(
        "stdout",
        "is not a terminal and neither is stderr, so the "
        "questions cannot be shown: use --answers FILE",
    )


def _write_paragraph(stream: TextIO, text: str) -> None:
    width = min(shutil.get_terminal_size().columns, 80) - 1
    stream.write(textwrap.fill(text, max(width, 20)) + "\n\n")
    stream.flush()


def _stdout_console() -> Console:
    from rich.console import Console

    no_color = bool(os.environ.get("NO_COLOR"))  # rich alone would still print bold and dim
    return Console(highlight=False, emoji=False, color_system=None if no_color else "auto")


def _notice(message: str) -> None:
    sys.stderr.write(safetext.clean(message) + "\n")


def _fail(lines: list[str], code: int) -> NoReturn:
    for line in lines:
        _notice(f"error: {line}")
    raise typer.Exit(code)


@contextmanager
def handled_errors() -> Iterator[None]:
    """The one place where errors become a message on stderr and an exit code."""
    try:
        yield
    except InputError as error:
        _fail([str(problem) for problem in error.problems], EXIT_USAGE)
    except RunError as error:
        _fail([str(error)], EXIT_FAILURE)
    except (KeyboardInterrupt, EOFError):
        from intimacy_cli.report import CRISIS_FOOTER, NOTHING_SAVED

        sys.stderr.write("\n")
        for paragraph in (NOTHING_SAVED, CRISIS_FOOTER):
            _write_paragraph(sys.stderr, paragraph)
        raise typer.Exit(EXIT_INTERRUPTED) from None


def main() -> None:
    # Never die on a character the terminal cannot show (PYTHONIOENCODING=ascii and the like).
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        app(prog_name="intimacy")
    except Exception as error:
        if os.environ.get("INTIMACY_DEBUG"):
            raise
        # A bug of ours. One line, and no traceback: its locals could hold private answers.
        _notice(
            f"error: intimacy hit an unexpected problem ({type(error).__name__}); nothing "
            "was saved. Set INTIMACY_DEBUG=1 to see the details."
        )
        sys.exit(EXIT_FAILURE)
