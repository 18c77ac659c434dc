"""Options that more than one command takes, worded once."""

from __future__ import annotations

import os
from typing import Literal

import typer

from intimacy_cli.focus import FOCUSES

# Typer draws help and usage errors with rich, in bold and colour even under NO_COLOR; with
# NO_COLOR set, plain click help instead (no escape codes at all).
MARKUP_MODE: Literal["rich"] | None = None if os.environ.get("NO_COLOR") else "rich"

COUNTRY = typer.Option(
    "--country",
    metavar="CODE",
    help="Two-letter country code for the crisis and support lines (default: from your locale, "
    "else US).",
)
EXPORT = typer.Option(
    "--export",
    metavar="PATH",
    dir_okay=False,
    help="Also write the result to PATH: .txt (plain text), .md (Markdown), .json, or .html and "
    ".svg (a picture of the summary as the terminal shows it). Readable only by you.",
)
FORCE = typer.Option("--force", help="Let --export replace an existing file.")
PLAIN = typer.Option(
    "--plain",
    help="Plain lines with no bars or tables (also when TERM=dumb), good with screen readers; "
    "with check, numbered questions you answer by typing.",
)


def _focus(value: str | None) -> str | None:
    """--for, in any case, checked against the foci (one list: focus.FOCUSES)."""
    if value is None or value.lower() in FOCUSES:
        return None if value is None else value.lower()
    raise typer.BadParameter(f"'{value}' is not one of: {', '.join(FOCUSES)}")


FOCUS = typer.Option(
    "--for",
    metavar="WHO",
    callback=_focus,
    help=f"Who to reflect on: {', '.join(FOCUSES)}. Asked first when not given (with "
    "--answers: everyone).",
)
WITH_SAFETY_ANSWERS = typer.Option(
    "--with-safety-answers",
    help="Keep your answers to the safety questions in the export (left out unless you ask, "
    "since anyone who opens the file could read them).",
)
