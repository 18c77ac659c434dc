"""Options and arguments that more than one command takes, worded once, with what the shell
completes for each (question set ids, who to reflect on, history numbers)."""

import os
from typing import Literal

import typer

from intimacy_cli import LARGEST_RESULT_ID
from intimacy_cli.focus import FOCUSES

# Typer draws help and usage errors with rich, in bold and colour even under NO_COLOR; with
# NO_COLOR set, plain click help instead (no escape codes at all).
MARKUP_MODE: Literal["rich"] | None = None if os.environ.get("NO_COLOR") else "rich"


def _focus(value: str | None) -> str | None:
    """--for, in any case, checked against the foci (one list: focus.FOCUSES)."""
    if value is None or value.lower() in FOCUSES:
        return None if value is None else value.lower()
    from intimacy_cli import safetext

    raise typer.BadParameter(f"'{safetext.clean(value)}' is not one of: {', '.join(FOCUSES)}")


def _complete_focus(incomplete: str) -> list[str]:
    return [focus for focus in FOCUSES if focus.startswith(incomplete.lower())]


def _complete_bank(incomplete: str) -> list[str]:
    """The ids of the shipped sets and of the person's own (never a failure: no completions)."""
    from intimacy_cli import catalog
    from intimacy_cli.errors import InputError

    try:
        ids = catalog.shipped_ids() + [path.stem for path in catalog.user_files()]
    except InputError:
        ids = catalog.shipped_ids()
    return sorted(i for i in set(ids) if i.startswith(incomplete))


def complete_history_id(incomplete: str) -> list[str]:
    """The numbers of kept results (read-only; none when there is no history or it is
    unusable)."""
    from intimacy_cli import history
    from intimacy_cli.errors import InputError

    try:
        kept, _ = history.results(with_answers=False)
    except (InputError, history.HistoryError):
        return []
    return [str(saved.id) for saved in kept if str(saved.id).startswith(incomplete)]


BANK = typer.Argument(
    metavar="[BANK]",
    help="A question set (see `intimacy banks`), or the path to a .yaml question file.",
    autocompletion=_complete_bank,
)
FOCUS = typer.Option(
    "--for",
    metavar="WHO",
    callback=_focus,
    autocompletion=_complete_focus,
    help=f"Who to reflect on: {', '.join(FOCUSES)}. Asked first when not given (with "
    "--answers: everyone).",
)
RESULT = typer.Argument(
    metavar="A",
    help="A JSON export, or a history number (digits alone).",
    autocompletion=complete_history_id,
)
OTHER_RESULT = typer.Argument(
    metavar="B",
    help="Another, of the same question set.",
    autocompletion=complete_history_id,
)
HISTORY_ID = typer.Argument(
    metavar="ID",
    min=1,
    max=LARGEST_RESULT_ID,
    help="The result's number (see `intimacy history`).",
    autocompletion=complete_history_id,
)
COUNTRY = typer.Option(
    "--country",
    metavar="CODE",
    help="Two-letter country code for the crisis and support lines (default: from your locale, "
    "else US; UK works for GB).",
)
EXPORT = typer.Option(
    "--export",
    metavar="PATH",
    dir_okay=False,
    help="Also write the result to PATH: .txt (plain text), .md (Markdown), .json, .html (a web "
    "page) or .svg (a picture of the summary as the terminal shows it). Readable only by you.",
)
FORCE = typer.Option("--force", help="Let --export replace an existing file.")
PLAIN = typer.Option(
    "--plain",
    help="Plain lines with no bars or tables (also when TERM=dumb), good with screen readers; "
    "with check, numbered questions you answer by typing.",
)
WITH_SAFETY_ANSWERS = typer.Option(
    "--with-safety-answers",
    help="Keep your answers to the safety questions in the export (left out unless you ask, "
    "since anyone who opens the file could read them).",
)
