"""`intimacy history ...` and `intimacy compare`: the private history and comparisons.

Registered on the app by cli.py; like it, imports nothing heavy until a command runs.
"""

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from intimacy_cli.errors import InputError, RunError
from intimacy_cli.options import COUNTRY, EXPORT, FORCE, MARKUP_MODE
from intimacy_cli.output import (
    check_export,
    count,
    handled_errors,
    notice,
    result_line,
    stdout_console,
    write_export,
)

if TYPE_CHECKING:
    from intimacy_cli.comparison import Result
    from intimacy_cli.history import Saved
    from intimacy_cli.report import Report

history_app = typer.Typer(
    help="Your private history on this computer: past results and how they change.",
    rich_markup_mode=MARKUP_MODE,
)


def keep(report: "Report") -> None:
    """Save a new result to the history (created privately on first use)."""
    from intimacy_cli import history

    path = history.location()
    with history.opened(path, create=True) as connection:
        result_id = history.save(
            connection,
            report.created,
            report.bank_id,
            report.bank_version,
            report.focus,
            report.country,
            dict(report.answers),
            report.overall,
            {area.id: area.score for area in report.areas},
        )
    notice(
        f"Kept in your private history as #{result_id} ({path}). "
        f"`intimacy history forget {result_id}` removes it."
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
        int, typer.Option("--limit", min=0, help="Rows per table (0: all); trends use all.")
    ] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
) -> None:
    """Past results with a trend line per area; `history show ID` for one in full."""
    if context.invoked_subcommand is not None:
        return
    from intimacy_cli import history
    from intimacy_cli.render import historyview

    with handled_errors():
        if since is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", since):
            raise InputError.single("--since", f"'{since}' is not a date like 2026-11-25")
        path = history.location()
        if not path.exists():
            result_line("Your history is empty: nothing has been kept on this computer.")
            return
        with history.opened(path) as connection:
            results = history.results(connection, bank_id, since)
        if as_json:
            sys.stdout.write(historyview.as_json(results))
        elif not results:
            result_line("No results match.")
        else:
            historyview.render(results, stdout_console(), limit)


@history_app.command()
def show(
    result_id: Annotated[int, typer.Argument(metavar="ID", help="The result's number.")],
    export: Annotated[Path | None, EXPORT] = None,
    force: Annotated[bool, FORCE] = False,
) -> None:
    """The full summary of a past result, exported like a new one."""
    from intimacy_cli import history, render

    with handled_errors():
        check_export(export, force, render.EXPORT_FORMATS)
        with history.opened(history.location()) as connection:
            saved = history.get(connection, result_id)
        report = _rebuilt(saved)
        from intimacy_cli.render import terminal

        terminal.render(report, stdout_console())
        if export is not None:
            write_export(export, lambda suffix: render.export_renderer(suffix)(report), force)


def _rebuilt(saved: "Saved") -> "Report":
    """The summary of a kept result, rebuilt from its answers with the same question set."""
    from intimacy_cli import catalog, helplines, report, scoring

    loaded = catalog.load(saved.bank_id)
    if loaded.version != saved.bank_version:
        raise RunError(
            f"result #{saved.id} was made with version {saved.bank_version} of "
            f"'{saved.bank_id}' and this intimacy has version {loaded.version}, so its summary "
            "cannot be rebuilt (`intimacy history --json` shows its scores)"
        )
    if not scoring.answers_fit(loaded, saved.answers):
        raise RunError(f"result #{saved.id} does not fit '{saved.bank_id}'; it may be damaged")
    place = helplines.for_country(saved.country or helplines.country_code())
    scores = scoring.score(loaded, saved.answers)
    return report.reflect(loaded, saved.focus, saved.answers, scores, saved.created, place)


@history_app.command()
def forget(
    result_id: Annotated[
        int | None, typer.Argument(metavar="[ID]", help="The result to forget.")
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
        path = history.location()
        if not path.exists():
            result_line("Your history is empty: there is nothing to forget.")
            return
        if not yes:
            if not sys.stdin.isatty():
                raise InputError.single("forget", "needs --yes when not asked at a terminal")
            what = "every result" if everything else f"result #{result_id}"
            if not typer.confirm(f"Forget {what} for good?", default=False):
                result_line("Nothing was forgotten.")
                return
        with history.opened(path) as connection:
            if result_id is not None:
                history.get(connection, result_id)  # a clear error for a wrong number
            deleted = history.forget(connection, result_id)
        result_line(f"Forgot {count(range(deleted), 'result')}; they are gone from the file.")


def compare(
    first: Annotated[str, typer.Argument(metavar="A", help="A JSON export or a history number.")],
    second: Annotated[str, typer.Argument(metavar="B", help="Another, of the same set.")],
    export: Annotated[Path | None, EXPORT] = None,
    force: Annotated[bool, FORCE] = False,
    country: Annotated[str | None, COUNTRY] = None,
) -> None:
    """Two results side by side: for two people, or for one person over time."""
    from intimacy_cli import catalog, comparison, helplines
    from intimacy_cli.render import comparing

    with handled_errors(country):
        place = helplines.for_country(helplines.country_code(country))
        check_export(export, force, comparing.EXPORTS)
        a, b = _result(first), _result(second)
        compared = comparison.compare(catalog.load(a.bank_id), a, b, place.footer)
        comparing.terminal(compared, stdout_console())
        if export is not None:
            write_export(export, lambda suffix: comparing.EXPORTS[suffix](compared), force)


def _result(name: str) -> "Result":
    from intimacy_cli import comparison, history

    if name.isdigit():
        with history.opened(history.location()) as connection:
            return comparison.from_history(history.get(connection, int(name)))
    return comparison.from_export(Path(name))
