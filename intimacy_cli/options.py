"""Options that more than one command takes, worded once."""

from __future__ import annotations

import os
from typing import Literal

import typer

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
