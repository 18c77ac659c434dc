"""The command line: thin Typer commands over load -> ask -> score -> reflect -> render.

Errors become messages and exit codes in one place, `output.handled_errors`. Heavy modules
(rich, questionary, sqlite3) are imported inside the commands that need them, so start-up
stays fast. No `from __future__ import annotations` here or in cli_history.py: Typer would
evaluate every command's string annotations at each start (2-3 ms); names imported only for
type checking are quoted instead.
"""

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from intimacy_cli import DEFAULT_BANK, __version__, cli_history
from intimacy_cli.errors import InputError
from intimacy_cli.options import (
    COUNTRY,
    EXPORT,
    FOCUS,
    FORCE,
    MARKUP_MODE,
    PLAIN,
    WITH_SAFETY_ANSWERS,
)
from intimacy_cli.output import (
    EXIT_USAGE,
    count,
    fitted,
    handled_errors,
    notice,
    paragraph,
    result_line,
    screen,
    show,
)

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from intimacy_cli.bank import Bank
    from intimacy_cli.quiz import Interviewer
    from intimacy_cli.report import Report
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
    focus: Annotated[str | None, FOCUS] = None,
    answers_file: Annotated[
        str | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="Take the answers from a YAML or JSON file ('-' for stdin) instead of asking: "
            "question id -> scale value, label, or 'skip'; a list of choice ids for a checklist; "
            "a wish (as-is, a-little-more, much-more, less), which may be left out.",
        ),
    ] = None,
    export: Annotated[Path | None, EXPORT] = None,
    force: Annotated[bool, FORCE] = False,
    with_safety_answers: Annotated[bool, WITH_SAFETY_ANSWERS] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the report as JSON instead of the summary.")
    ] = False,
    plain: Annotated[bool, PLAIN] = False,
    private: Annotated[
        bool,
        typer.Option(
            "--private",
            help="Leave no trace on screen: the questions and the summary use the terminal's "
            "alternate screen, cleared when the run ends (q leaves at once). Nothing is kept "
            "or exported.",
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
    from intimacy_cli import catalog, exporting, quiz, render

    # A bare `intimacy check` arrives here with its first question asked (by entry.py, as
    # --for): what is checked here before asking, for the defaults, entry.py must check too.
    with handled_errors(country, private=private):
        from intimacy_cli.helplines import country_code

        code = country_code(country)  # a bad --country is refused before any question
        plain = quiz.plain_wanted(plain)
        if private:
            from intimacy_cli import private as hidden

            hidden.check_possible(plain, export is not None or bool(save) or as_json)
        load_bank = catalog.deferred(bank_name)
        exporting.check(export, force, render.EXPORT_FORMATS)  # now, not after twenty questions
        interviewer: Interviewer | None = None
        with _screen(private):
            if answers_file is not None:
                from intimacy_cli import answersfile

                chosen_focus, bank = focus or "everyone", load_bank()
                answers = answersfile.read(answers_file, bank, chosen_focus)
            else:
                interviewer = quiz.interviewer(plain, quick_exit=private)
                chosen_focus = focus or quiz.ask_focus(interviewer)
                bank = load_bank()
                answers = _interview(bank, chosen_focus, interviewer)
            report = _reflect(bank, chosen_focus, answers, code)
            if private:
                from intimacy_cli import private as hidden

                hidden.page(report)
                return
            _show(report, as_json, plain, with_safety_answers)
        if save is None:
            save = interviewer is not None and _ask_to_keep(interviewer, report.concern)
        if export is not None:
            _export(export, report, force, with_safety_answers, interviewer)
        if save:
            cli_history.keep(report)


def _screen(private: bool) -> "AbstractContextManager[None]":
    """The alternate screen for a private run; else nothing special."""
    if not private:
        from contextlib import nullcontext

        return nullcontext()
    from intimacy_cli import private as hidden

    return hidden.alternate_screen()


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
        from intimacy_cli import history, layout, pipeline  # noqa: F401
        from intimacy_cli.render import plain, terminal  # noqa: F401

    threading.Thread(target=imports, name="warm-up", daemon=True).start()


KEEP_QUESTION = "Keep this result in your private history on this computer? ({path})"
KEEP_WITH_CONCERN = (
    "Keep this result in your private history on this computer? Anyone who can use this "
    "account could read it, your answers about safety included. ({path})"
)


def _ask_to_keep(interviewer: "Interviewer", concern: bool) -> bool:
    from intimacy_cli import history

    terminal = screen()
    terminal.write("\n")
    from intimacy_cli import safetext

    question = KEEP_WITH_CONCERN if concern else KEEP_QUESTION
    return interviewer.confirm(question.format(path=safetext.clean(str(history.location()))))


def _reflect(bank: "Bank", focus: str, answers: dict[str, "Answer"], country: str) -> "Report":
    from datetime import datetime

    from intimacy_cli import pipeline

    previous = pipeline.previous(bank, focus)
    return pipeline.reflect(bank, focus, answers, country, datetime.now().astimezone(), previous)


def _show(report: "Report", as_json: bool, plain: bool, with_safety_answers: bool) -> None:
    from intimacy_cli import layout, render

    if as_json:
        from intimacy_cli import reportjson

        sys.stdout.write(render.as_json(reportjson.data(report, with_safety_answers)))
    else:
        show(layout.summary(report), plain)


def _export(
    path: Path,
    report: "Report",
    force: bool,
    with_safety_answers: bool,
    interviewer: "Interviewer | None",
) -> None:
    """Write the export, after saying what in it could be sensitive (and, at a terminal, when
    the file would show a safety concern, asking first)."""
    from intimacy_cli import exporting

    if not exporting.warned(path, report, with_safety_answers, interviewer):
        notice(f"Nothing was written to {path}.")
        return
    exporting.report_file(path, report, force, with_safety_answers)


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
        sys.stdout.write("\n")
        result_line(f"Your own question files go in {catalog.user_folder()}")
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
    from intimacy_cli.layout import helpline

    with handled_errors(country):
        code = helplines.country_code(country)
        place = helplines.for_country(code)
        where = f"{place.name} ({code})" if place.code else f"{code}: we have no lines for it yet"
        sys.stdout.write(fitted(sys.stdout, f"Crisis and support lines for {where}") + "\n")
        # The lines for people who may not be safe with someone close come first.
        for line in sorted(place.lines, key=lambda line: not line.safety):
            sys.stdout.write(f"\n{fitted(sys.stdout, helpline(line.name, line.how))}\n")
            source = f"source: {line.source} (checked {line.checked})"
            sys.stdout.write(f"{fitted(sys.stdout, source, indent='  ')}\n")
        if place.code:
            sys.stdout.write(f"\n{fitted(sys.stdout, 'Anywhere else: see findahelpline.com')}\n")
        sys.stdout.write(f"\n{fitted(sys.stdout, place.footer)}\n")
