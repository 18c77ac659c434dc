"""The plain-text export: no colour codes, wrapped for any editor or printer."""

from __future__ import annotations

from intimacy_cli.render import (
    ANSWERS_HEADING,
    AREAS_HEADING,
    BARRIERS_HEADING,
    GOING_WELL_HEADING,
    PRACTICES_HEADING,
    SAFETY_HEADING,
    filled_cells,
    helpline,
    long_date,
    score_line,
    since_heading,
    try_this,
)
from intimacy_cli.report import Report
from intimacy_cli.wrapping import wrap

WIDTH = 72
BAR_WIDTH = 20


def render(report: Report) -> str:
    lines = [
        f"{report.bank_title}: a reflection",
        f"About {report.focus_words}, {long_date(report)}",
    ]
    if report.safety_first:
        lines += ["", SAFETY_HEADING.upper(), *_wrap(report.safety_first)]
        lines += [line for entry in report.safety_lines for line in _bullet(helpline(entry))]
    lines += ["", *_wrap(report.headline), "", AREAS_HEADING.upper()]
    for area in report.areas:
        lines += ["", area.name, "  " + _bar(area.score) + score_line(area.score, area.band_words)]
        lines += _wrap(area.reflection, indent="  ")
    if report.closing:
        lines += ["", *_wrap(report.closing)]
    if report.changes:
        lines += ["", since_heading(report).upper()]
        lines += [line for text in report.changes for line in _bullet(text)]
    if report.barriers:
        lines += ["", BARRIERS_HEADING.upper()]
        for barrier in report.barriers:
            lines += ["", barrier.label, *_wrap(barrier.reflection, indent="  ")]
            if barrier.practice:
                lines += _wrap(try_this(barrier.practice), indent="  ")
    lines += ["", GOING_WELL_HEADING.upper()]
    lines += [line for text in report.going_well for line in _bullet(text)]
    if report.practices:
        lines += ["", PRACTICES_HEADING.upper()]
        lines += [line for p in report.practices for line in _bullet(f"{p.text} ({p.area})")]
    lines += ["", ANSWERS_HEADING.upper()]
    for number, response in enumerate(report.responses, start=1):
        lines += ["", *_wrap(f"{number}. {response.question}"), f"   {response.answer}"]
    lines += ["", "-" * WIDTH, *_wrap(report.disclaimer), "", *_wrap(report.crisis)]
    return "\n".join(lines) + "\n"


def _bar(score: int | None) -> str:
    if score is None:
        return ""
    filled = filled_cells(score, BAR_WIDTH)
    return "[" + "#" * filled + "-" * (BAR_WIDTH - filled) + "]  "


def _wrap(text: str, indent: str = "") -> list[str]:
    return wrap(text, WIDTH, indent)


def _bullet(text: str) -> list[str]:
    return wrap(text, WIDTH, "  - ", "    ")
