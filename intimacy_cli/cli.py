"""The command line: thin Typer commands over load -> ask -> score -> reflect -> render.

Errors become messages and exit codes in one place, `handled_errors`. Heavy modules (rich,
questionary) are imported inside the commands that need them, so start-up stays fast.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from collections.abc import Iterator, Sized
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
    from intimacy_cli.helplines import Country
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


COUNTRY_OPTION = typer.Option(
    "--country",
    metavar="CODE",
    help="Two-letter country code for the crisis and support lines (default: from your locale, "
    "else US).",
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
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            help="Numbered questions you answer by typing, and a summary in plain lines with no "
            "bars (also when TERM=dumb). Good with screen readers.",
        ),
    ] = False,
    country: Annotated[str | None, COUNTRY_OPTION] = None,
) -> None:
    """Answer the questions and get a reflective summary, with practices to try."""
    from intimacy_cli import bank as banks
    from intimacy_cli import files, helplines, render

    with handled_errors(country):
        place = helplines.for_country(helplines.country_code(country))
        plain = plain or os.environ.get("TERM") == "dumb"
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
            chosen_focus, answers = _ask_at_keyboard(bank, focus.value if focus else None, plain)
        report = _reflect(bank, chosen_focus, answers, place)
        if as_json:
            sys.stdout.write(render.export_renderer(".json")(report))
        elif plain:
            from intimacy_cli.render import plain as plain_text

            sys.stdout.write(plain_text.render(report))
        else:
            from intimacy_cli.render import terminal

            terminal.render(report, _stdout_console())
        if export is not None:
            files.write_private(
                export, render.export_renderer(export.suffix.lower())(report), force
            )
            _notice(f"Saved to {export} (readable only by you).")


@app.command()
def banks() -> None:
    """List the question sets: the shipped ones and your own (from your question folder)."""
    from intimacy_cli import bank as bank_files

    with handled_errors():
        found, problems = bank_files.catalog()
        rows: list[tuple[str, ...]] = [("ID", "QUESTIONS", "FROM", "TITLE")]
        for b in found:
            origin = "shipped" if b.shipped else b.source
            rows.append(
                tuple(safetext.clean(c) for c in (b.id, str(len(b.questions)), origin, b.title))
            )
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
            sys.stdout.write("  ".join([*cells, row[3]]) + "\n")
        sys.stdout.write(f"\nYour own question files go in {bank_files.user_folder()}\n")
        if problems:
            raise InputError(problems)


@app.command()
def validate(
    paths: Annotated[
        list[Path], typer.Argument(metavar="PATH...", help="Question files to check.")
    ],
) -> None:
    """Check question files and list every problem as file:line: message."""
    from intimacy_cli import bank as bank_files
    from intimacy_cli.errors import BankError

    with handled_errors():
        invalid = 0
        for path in paths:
            try:
                loaded = bank_files.load_path(path)
            except BankError as error:
                invalid += 1
                for problem in error.problems:
                    sys.stdout.write(safetext.clean(str(problem)) + "\n")
                continue
            sys.stdout.write(
                safetext.clean(
                    f"{path}: valid: '{loaded.id}', {_count(loaded.questions, 'question')} "
                    f"in {_count(loaded.areas, 'area')}"
                )
                + "\n"
            )
        if invalid:
            raise typer.Exit(EXIT_USAGE)


@app.command()
def schema() -> None:
    """Print the JSON Schema of question files, for your editor."""
    from importlib import resources

    sys.stdout.write((resources.files("intimacy_cli") / "data" / "bank.schema.json").read_text())


@app.command(name="resources")
def show_resources(country: Annotated[str | None, COUNTRY_OPTION] = None) -> None:
    """Crisis and support lines for your country, each with its source."""
    from intimacy_cli import helplines
    from intimacy_cli.render import helpline

    with handled_errors(country):
        code = helplines.country_code(country)
        place = helplines.for_country(code)
        where = f"{place.name} ({code})" if place.code else f"{code}: we have no lines for it yet"
        sys.stdout.write(f"Crisis and support lines for {where}\n")
        for line in place.lines:
            sys.stdout.write(f"\n{helpline(line)}\n  source: {line.source}\n")
        if place.code:
            sys.stdout.write("\nAnywhere else: see findahelpline.com\n")
        sys.stdout.write(f"\n{place.footer}\n")


def _reflect(bank: Bank, focus: str, answers: dict[str, Answer], place: Country) -> Report:
    from datetime import datetime

    from intimacy_cli import report, scoring

    scores = scoring.score(bank, answers)
    return report.reflect(bank, focus, answers, scores, datetime.now().astimezone(), place)


def _ask_at_keyboard(bank: Bank, focus: str | None, plain: bool) -> tuple[str, dict[str, Answer]]:
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
    asker: quiz.Interviewer = (
        quiz.PlainAsker(screen, sys.stdin) if plain else quiz.KeyboardAsker(screen)
    )
    focus = focus or asker.focus()
    _write_paragraph(screen, fill(bank.intro, focus))
    answers = quiz.walk(bank, focus, asker)
    screen.write("\n")  # a breath between the last question and the summary
    return focus, answers


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


def _count(items: Sized, noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


def _notice(message: str) -> None:
    sys.stderr.write(safetext.clean(message) + "\n")


def _fail(lines: list[str], code: int) -> NoReturn:
    for line in lines:
        _notice(f"error: {line}")
    raise typer.Exit(code)


@contextmanager
def handled_errors(country: str | None = None) -> Iterator[None]:
    """The one place where errors become a message on stderr and an exit code. An interrupted
    run still shows the crisis footer, for `country` when it is a valid choice."""
    try:
        yield
    except InputError as error:
        _fail([str(problem) for problem in error.problems], EXIT_USAGE)
    except RunError as error:
        _fail([str(error)], EXIT_FAILURE)
    except (KeyboardInterrupt, EOFError):
        from intimacy_cli import helplines
        from intimacy_cli.report import DISCLAIMER, NOTHING_SAVED

        try:
            footer = helplines.for_country(helplines.country_code(country)).footer
        except InputError:
            footer = helplines.for_country(helplines.country_code()).footer
        sys.stderr.write("\n")
        for paragraph in (NOTHING_SAVED, DISCLAIMER, footer):
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
