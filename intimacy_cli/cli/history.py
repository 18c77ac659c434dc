"""`intimacy history ...` and `intimacy compare`: the private history and comparisons.

Like the rest of cli/, imports nothing heavy until a command runs.
"""

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from intimacy_cli import LARGEST_RESULT_ID
from intimacy_cli.cli.options import (
    COUNTRY,
    EXPORT,
    FORCE,
    HISTORY_ID,
    MARKUP_MODE,
    OTHER_RESULT,
    PLAIN,
    RESULT,
    WITH_SAFETY_ANSWERS,
    complete_history_id,
)
from intimacy_cli.errors import InputError, RunError
from intimacy_cli.render import show
from intimacy_cli.runtime import ExitCode
from intimacy_cli.screen import stdout_console
from intimacy_cli.streams import count, handled_errors, notice, result_line

if TYPE_CHECKING:
    from intimacy_cli.comparison import Result

history_app = typer.Typer(
    help="Your private history on this computer: past results and how they change.",
    rich_markup_mode=MARKUP_MODE,
)


@history_app.callback(invoke_without_command=True)
def list_results(
    context: typer.Context,
    bank_id: Annotated[
        str | None, typer.Option("--bank", metavar="ID", help="Only this question set.")
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="DATE", help="Only results from this date (YYYY-MM-DD)."),
    ] = None,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", min=0, max=LARGEST_RESULT_ID, help="Rows per table (0: all); trends use all."
        ),
    ] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
    with_safety_answers: Annotated[bool, WITH_SAFETY_ANSWERS] = False,
) -> None:
    """Past results with a trend line per area; `history show ID` for one in full."""
    if context.invoked_subcommand is not None:
        return
    from intimacy_cli import history, historyview

    with handled_errors():
        if since is not None and not _is_date(since):
            raise InputError.single("--since", f"'{since}' is not a date like 2026-11-25")
        if not history.exists():
            result_line("Your history is empty: nothing has been kept on this computer.")
            return
        results, damaged = history.results(bank_id, since, with_answers=as_json)
        if as_json:
            sys.stdout.write(historyview.as_json(results, with_safety_answers))
        elif not results:
            result_line("No results match.")
        else:
            historyview.render(results, stdout_console(), limit)
            show([historyview.footer()], plain=False)
        for row in damaged:
            notice(
                f"error: result #{row.id} in {history.location()} is damaged ({row.why}); it "
                "is left out, and was left as it is" + history.forget_hint(row.id)
            )
        if damaged:
            raise SystemExit(ExitCode.FAILURE)


def _is_date(text: str) -> bool:
    """YYYY-MM-DD, and a day the calendar has (2026-02-30 is not one)."""
    from datetime import date

    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


@history_app.command(name="show")
def show_kept(
    result_id: Annotated[int, HISTORY_ID],
    export: Annotated[Path | None, EXPORT] = None,
    force: Annotated[bool, FORCE] = False,
    with_safety_answers: Annotated[bool, WITH_SAFETY_ANSWERS] = False,
    plain: Annotated[bool, PLAIN] = False,
) -> None:
    """The full summary of a past result, exported like a new one."""
    from intimacy_cli import catalog, exporting, history, layout, pipeline, quiz, render

    plain = quiz.plain_wanted(plain)
    with handled_errors():
        exporting.check(export, force)
        saved = history.get(result_id)
        report = pipeline.kept(saved, catalog.load_by_id(saved.bank_id))
        if report is None:  # made with an older version of its questions
            blocks = pipeline.as_scored(saved)
            show(blocks, plain)
            if export is not None:
                data = pipeline.as_scored_data(saved)
                exporting.write(
                    export, render.export(export.suffix.lower(), blocks, lambda: data), force
                )
            return
        show(layout.summary(report), plain)
        if export is not None:
            asker = quiz.asker_if_present(plain)
            exporting.report_if_agreed(export, report, force, with_safety_answers, asker)


@history_app.command()
def forget(
    result_id: Annotated[
        int | None,
        typer.Argument(
            metavar="[ID]",
            min=1,
            max=LARGEST_RESULT_ID,
            help="The result to forget.",
            autocompletion=complete_history_id,
        ),
    ] = None,
    everything: Annotated[bool, typer.Option("--all", help="Forget every result.")] = False,
    yes: Annotated[
        bool, typer.Option("--yes", help="Do not ask to confirm (for scripts).")
    ] = False,
) -> None:
    """Remove one result, or all of them, from the history for real (not just hidden)."""
    from intimacy_cli import history

    with handled_errors():
        if (result_id is not None) == everything:  # exactly one of the two
            raise InputError.single("forget", "give one result's number, or --all")
        if not history.exists():
            result_line("Your history is empty: there is nothing to forget.")
            return
        if result_id is not None:
            history.require(result_id)  # a clear error for a wrong number, before asking
        if not yes:
            if not sys.stdin.isatty():
                raise InputError.single("forget", "needs --yes when not asked at a terminal")
            what = "every result" if everything else f"result #{result_id}"
            try:
                confirmed = typer.confirm(f"Forget {what} for good?", default=False)
            except typer.Abort:  # Ctrl-C or Ctrl-D at the question: a stop, like anywhere
                raise KeyboardInterrupt from None
            if not confirmed:
                result_line("Nothing was forgotten.")
                return
        deleted = history.forget(result_id)
        result_line(f"Forgot {count(range(deleted), 'result')}; they are gone from the file.")


def compare(
    first: Annotated[str, RESULT],
    second: Annotated[str, OTHER_RESULT],
    export: Annotated[Path | None, EXPORT] = None,
    force: Annotated[bool, FORCE] = False,
    country: Annotated[str | None, COUNTRY] = None,
    plain: Annotated[bool, PLAIN] = False,
) -> None:
    """Two results side by side: for two people, or for one person over time."""
    from intimacy_cli import catalog, comparison, exporting, helplines, pipeline, quiz, render

    plain = quiz.plain_wanted(plain)
    with handled_errors(country):
        code = helplines.country_code(country)
        exporting.check(export, force)
        a, b = _result(first), _result(second)
        compared = pipeline.compare(catalog.load_by_id(a.bank_id), a, b, code)
        blocks = comparison.blocks(compared)
        show(blocks, plain)
        if export is not None:
            if compared.concern:
                notice(COMPARISON_SHOWS_CONCERN.format(path=export))
            text = render.export(export.suffix.lower(), blocks, lambda: comparison.data(compared))
            exporting.write(export, text, force)


COMPARISON_SHOWS_CONCERN = (
    "{path} shows that one of these results signals a safety concern: whoever opens it, the "
    "person the answers are about included, would see that."
)


def _result(name: str) -> "Result":
    """A side of a comparison: a history number (digits only), or a JSON report's path."""
    from intimacy_cli import catalog, comparison, history, reportjson, safetext

    if re.fullmatch(r"[0-9]+", name):  # digits alone: a history number, never a file
        if len(name) > len(str(LARGEST_RESULT_ID)) or not 0 < int(name) <= LARGEST_RESULT_ID:
            raise RunError(f"there is no result {name} in the history")
        saved = history.get(int(name))
        return comparison.from_history(saved, catalog.load_by_id(saved.bank_id))
    path = Path(name)
    return comparison.from_shared(safetext.clean(path.stem)[:40], reportjson.read(path))
