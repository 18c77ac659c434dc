"""Renderers lay a Report out; they never decide what it says.

One module per output. An export format is picked by the file's ending.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from intimacy_cli.helplines import Line
from intimacy_cli.report import Report

# Section headings, the same in every format.
SAFETY_HEADING = "Your safety comes first"
AREAS_HEADING = "Area by area"
BARRIERS_HEADING = "What may be getting in the way"
GOING_WELL_HEADING = "What seems to be going well"
PRACTICES_HEADING = "Practices to try"
ANSWERS_HEADING = "Your answers"

# file ending -> module in this package with a `render(report) -> str`
EXPORT_FORMATS = {".txt": "text", ".md": "markdown", ".json": "jsonout"}


def export_renderer(suffix: str) -> Callable[[Report], str]:
    renderer: Callable[[Report], str] = import_module(f"{__name__}.{EXPORT_FORMATS[suffix]}").render
    return renderer


def filled_cells(score: int, width: int) -> int:
    """How many of `width` bar cells a 0-100 score fills."""
    return round(score * width / 100)


def score_line(score: int | None, band_words: str) -> str:
    return f"{score} of 100, {band_words}" if score is not None else band_words


def long_date(report: Report) -> str:
    return f"{report.created.day} {report.created:%B %Y}"


def helpline(line: Line) -> str:
    return f"{line.name}: {line.how}"


def try_this(practice: str) -> str:
    return f"Something to try: {practice}"
