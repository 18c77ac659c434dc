"""The summary as plain lines, for TERM=dumb, --plain and screen readers.

Words and numbers only: no bars, no box drawing, no wrapping (the terminal or the reader does
that), one idea per line.
"""

from __future__ import annotations

from intimacy_cli.render import (
    AREAS_HEADING,
    BARRIERS_HEADING,
    GOING_WELL_HEADING,
    PRACTICES_HEADING,
    SAFETY_HEADING,
    helpline,
    long_date,
    score_line,
    since_heading,
    try_this,
)
from intimacy_cli.report import Report


def render(report: Report) -> str:
    lines = [f"{report.bank_title}: a reflection about {report.focus_words}, {long_date(report)}."]
    if report.safety_first:
        lines += ["", f"{SAFETY_HEADING}.", report.safety_first]
        lines += [f"{helpline(line)}." for line in report.safety_lines]
    lines += ["", report.headline, "", f"{AREAS_HEADING}."]
    for area in report.areas:
        lines += [f"{area.name}: {score_line(area.score, area.band_words)}.", area.reflection]
    if report.closing:
        lines += ["", report.closing]
    if report.changes:
        lines += ["", f"{since_heading(report)}.", *report.changes]
    if report.barriers:
        lines += ["", f"{BARRIERS_HEADING}."]
        for barrier in report.barriers:
            lines += [f"{barrier.label}.", barrier.reflection]
            if barrier.practice:
                lines.append(try_this(barrier.practice))
    lines += ["", f"{GOING_WELL_HEADING}.", *report.going_well]
    if report.practices:
        lines += ["", f"{PRACTICES_HEADING}."]
        lines += [f"For {p.area}: {p.text}" for p in report.practices]
    lines += ["", report.disclaimer, report.crisis]
    return "\n".join(lines) + "\n"
