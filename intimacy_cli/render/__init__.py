"""Renderers lay a Report out; they never decide what it says.

One module per output. An export format is picked by the file's ending.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for types: importing this package must stay light (see cli.check)
    from intimacy_cli.helplines import Line
    from intimacy_cli.report import Report

# Section headings, the same in every format.
SAFETY_HEADING = "Your safety comes first"
AREAS_HEADING = "Area by area"
BARRIERS_HEADING = "What may be getting in the way"
GOING_WELL_HEADING = "What seems to be going well"
PRACTICES_HEADING = "Practices to try"
ANSWERS_HEADING = "Your answers"


def since_heading(report: Report) -> str:
    assert report.since is not None
    return f"Since last time ({report.since.day} {report.since:%B %Y})"


# file ending -> "module.function" in this package, a function (report) -> str
EXPORT_FORMATS = {
    ".txt": "text.render",
    ".md": "markdown.render",
    ".json": "jsonout.render",
    ".html": "picture.html",
    ".svg": "picture.svg",
}


def export_renderer(suffix: str) -> Callable[[Report], str]:
    module, function = EXPORT_FORMATS[suffix].split(".")
    renderer: Callable[[Report], str] = getattr(import_module(f"{__name__}.{module}"), function)
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
