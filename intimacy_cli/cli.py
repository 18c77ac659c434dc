"""The command line: thin Typer commands over load -> ask -> score -> reflect -> render.

Errors become messages and exit codes in one place, `output.handled_errors`. Heavy modules
(rich, questionary, sqlite3) are imported inside the commands that need them, so start-up
stays fast. No `from __future__ import annotations` here or in cli_history.py: Typer would
evaluate every command's string annotations at each start (2-3 ms); names imported only for
type checking are quoted instead.
"""

import gc
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from intimacy_cli import DEFAULT_BANK, __version__, cli_history
from intimacy_cli.errors import InputError
from intimacy_cli.options import COUNTRY, EXPORT, FORCE, MARKUP_MODE
from intimacy_cli.output import (
    EXIT_USAGE,
    check_export,
    count,
    fitted,
    handled_errors,
    notice,
    paragraph,
    result_line,
    screen,
    stdout_console,
    write_export,
)

if TYPE_CHECKING:
    from intimacy_cli.bank import Bank
    from intimacy_cli.quiz import Interviewer
    from intimacy_cli.report import Previous, Report
    from intimacy_cli.scoring import Answer

app = typer.Typer(
    name="intimacy",
    help="A private, offline self-assessment about emotional intimacy: trust, openness and "
    "feeling seen and known. For reflection, not diagnosis.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # locals would include the person's answers
    rich_markup_mode=MARKUP_MODE,
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
            help="A question set (see `intimacy banks`), or the path to a .yaml question file.",
        ),
    ] = DEFAULT_BANK,
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
            "question id -> scale value, label, or 'skip'; a list of choice ids for a checklist.",
        ),
    ] = None,
    export: Annotated[Path | None, EXPORT] = None,
    force: Annotated[bool, FORCE] = False,
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
    country: Annotated[str | None, COUNTRY] = None,
    save: Annotated[
        bool | None,
        typer.Option(
            "--save/--no-save",
            help="Keep the result in your private history on this computer, or not, without "
            "being asked. Without either, you are asked (and never, without a terminal).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Answer the questions and get a reflective summary, with practices to try."""
    from intimacy_cli import catalog, quiz, render

    # A bare `intimacy check` arrives here with its first question asked (by entry.py, as
    # --for): what is checked here before asking, for the defaults, entry.py must check too.
    with handled_errors(country):
        if country is not None:  # a bad --country is refused before any question
            from intimacy_cli.helplines import country_code

            country_code(country)
        plain = quiz.plain_wanted(plain)
        load_bank = catalog.deferred(bank_name)
        check_export(export, force, render.EXPORT_FORMATS)  # now, not after twenty questions
        interviewer: Interviewer | None = None
        if answers_file is not None:
            from intimacy_cli import answersfile

            chosen_focus, bank = (focus or Focus.everyone).value, load_bank()
            answers = answersfile.read(answers_file, bank)
        else:
            interviewer = quiz.interviewer(plain)
            chosen_focus = focus.value if focus else quiz.ask_focus(interviewer)
            bank = load_bank()
            answers = _interview(bank, chosen_focus, interviewer)
        report = _reflect(bank, chosen_focus, answers, country, _previous(bank, chosen_focus))
        _show(report, as_json, plain)
        if save is None:
            save = interviewer is not None and _ask_to_keep(interviewer)
        if export is not None:
            write_export(export, lambda suffix: render.export_renderer(suffix)(report), force)
        if save:
            cli_history.keep(report)


def _interview(bank: "Bank", focus: str, interviewer: "Interviewer") -> dict[str, "Answer"]:
    from intimacy_cli import quiz
    from intimacy_cli.focus import fill

    terminal = screen()
    paragraph(terminal, fill(bank.intro, focus))
    answers = quiz.walk(bank, focus, interviewer, on_first_answer=_after_first_answer)
    terminal.write("\n")  # a breath between the last question and the summary
    return answers


def _after_first_answer() -> None:
    gc.enable()  # start-up is over (see entry.py)
    _warm_up()


def _warm_up() -> None:
    """Import what the summary needs while the person reads the questions (the main thread
    mostly waits for keys then), so the summary appears at once after the last answer."""
    import threading

    def imports() -> None:
        from intimacy_cli import history, report  # noqa: F401
        from intimacy_cli.render import plain, terminal  # noqa: F401

        history.location()

    threading.Thread(target=imports, name="warm-up", daemon=True).start()


def _ask_to_keep(interviewer: "Interviewer") -> bool:
    from intimacy_cli import history

    terminal = screen()
    terminal.write("\n")
    return interviewer.confirm(
        f"Keep this result in your private history on this computer? ({history.location()})"
    )


def _previous(bank: "Bank", focus: str) -> "Previous | None":
    """The last kept result of this set and focus, to say what changed; never required."""
    from intimacy_cli import history
    from intimacy_cli.report import Previous

    path = history.location()
    if not path.exists():
        return None
    try:
        with history.opened(path) as connection:
            saved = history.latest(connection, bank.id, focus)
    except history.HistoryError as error:
        notice(f"(Not comparing with last time: {error}.)")
        return None
    if saved is None or saved.bank_version != bank.version:
        return None
    return Previous(saved.created, saved.areas)


def _reflect(
    bank: "Bank",
    focus: str,
    answers: dict[str, "Answer"],
    country: str | None,
    previous: "Previous | None",
) -> "Report":
    from datetime import datetime

    from intimacy_cli import helplines, report, scoring

    place = helplines.for_country(helplines.country_code(country))
    scores = scoring.score(bank, answers)
    created = datetime.now().astimezone()
    return report.reflect(bank, focus, answers, scores, created, place, previous)


def _show(report: "Report", as_json: bool, plain: bool) -> None:
    from intimacy_cli import render

    if as_json:
        sys.stdout.write(render.export_renderer(".json")(report))
    elif plain:
        from intimacy_cli.render import plain as plain_text

        sys.stdout.write(plain_text.render(report))
    else:
        from intimacy_cli.render import terminal

        terminal.render(report, stdout_console())


# After `check`, so that help lists check first (Typer lists a group like history last).
app.add_typer(cli_history.history_app, name="history")
app.command()(cli_history.compare)


@app.command()
def banks() -> None:
    """List the question sets: the shipped ones and your own (from your question folder)."""
    from intimacy_cli import catalog, safetext

    with handled_errors():
        found, problems = catalog.everything()
        rows: list[tuple[str, ...]] = [("ID", "QUESTIONS", "FROM", "TITLE")]
        for b in found:
            origin = "shipped" if b.shipped else b.source
            values = (b.id, str(len(b.questions)), origin, b.title)
            rows.append(tuple(safetext.clean(value) for value in values))
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
            sys.stdout.write("  ".join([*cells, row[3]]) + "\n")
        sys.stdout.write(f"\nYour own question files go in {catalog.user_folder()}\n")
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
                    result_line(str(problem))
                continue
            questions, areas = count(loaded.questions, "question"), count(loaded.areas, "area")
            result_line(f"{path}: valid: '{loaded.id}', {questions} in {areas}")
        if invalid:
            raise typer.Exit(EXIT_USAGE)


@app.command()
def schema() -> None:
    """Print the JSON Schema of question files, for your editor."""
    sys.stdout.write((Path(__file__).parent / "data" / "bank.schema.json").read_text("utf-8"))


@app.command(name="resources")
def show_resources(country: Annotated[str | None, COUNTRY] = None) -> None:
    """Crisis and support lines for your country, each with its source."""
    from intimacy_cli import helplines
    from intimacy_cli.render import helpline

    with handled_errors(country):
        code = helplines.country_code(country)
        place = helplines.for_country(code)
        where = f"{place.name} ({code})" if place.code else f"{code}: we have no lines for it yet"
        sys.stdout.write(fitted(sys.stdout, f"Crisis and support lines for {where}") + "\n")
        for line in place.lines:
            sys.stdout.write(f"\n{fitted(sys.stdout, helpline(line))}\n  source: {line.source}\n")
        if place.code:
            sys.stdout.write(f"\n{fitted(sys.stdout, 'Anywhere else: see findahelpline.com')}\n")
        sys.stdout.write(f"\n{fitted(sys.stdout, place.footer)}\n")
