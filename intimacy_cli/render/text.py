"""The plain-text export: no colour codes, wrapped for any editor or printer."""

from __future__ import annotations

import textwrap

from intimacy_cli.render import filled_cells, long_date, score_line
from intimacy_cli.report import Report

WIDTH = 72
BAR_WIDTH = 20


def render(report: Report) -> str:
    lines = [
        f"{report.bank_title}: a reflection",
        f"About {report.focus_words}, {long_date(report)}",
        "",
        *_wrap(report.headline),
        "",
        "AREA BY AREA",
    ]
    for area in report.areas:
        lines += ["", area.name, "  " + _bar(area.score) + score_line(area.score, area.band_words)]
        lines += _wrap(area.reflection, indent="  ")
    lines += ["", "WHAT SEEMS TO BE GOING WELL"]
    lines += [line for text in report.going_well for line in _bullet(text)]
    lines += ["", "PRACTICES TO TRY"]
    lines += [line for p in report.practices for line in _bullet(f"{p.text} ({p.area})")]
    lines += ["", "YOUR ANSWERS"]
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
    return textwrap.wrap(
        text, WIDTH, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
    )


def _bullet(text: str) -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent="  - ", subsequent_indent="    ", break_on_hyphens=False
    )
