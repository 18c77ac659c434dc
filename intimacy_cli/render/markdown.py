"""The Markdown export."""

from __future__ import annotations

import re

from intimacy_cli.render import (
    ANSWERS_HEADING,
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

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def render(report: Report) -> str:
    lines = [
        f"# {escape(report.bank_title)}: a reflection",
        "",
        f"*About {escape(report.focus_words)}, {long_date(report)}*",
    ]
    if report.safety_first:
        lines += ["", f"## {SAFETY_HEADING}", "", escape(report.safety_first), ""]
        lines += [f"- {escape(helpline(line))}" for line in report.safety_lines]
    lines += ["", escape(report.headline), "", f"## {AREAS_HEADING}"]
    for area in report.areas:
        lines += [
            "",
            f"### {escape(area.name)}",
            "",
            f"**{score_line(area.score, area.band_words)}**",
            "",
            escape(area.reflection),
        ]
    if report.closing:
        lines += ["", escape(report.closing)]
    if report.changes:
        lines += ["", f"## {since_heading(report)}", ""]
        lines += [f"- {escape(text)}" for text in report.changes]
    if report.barriers:
        lines += ["", f"## {BARRIERS_HEADING}"]
        for barrier in report.barriers:
            lines += ["", f"### {escape(barrier.label)}", "", escape(barrier.reflection)]
            if barrier.practice:
                lines += ["", escape(try_this(barrier.practice))]
    lines += ["", f"## {GOING_WELL_HEADING}", ""]
    lines += [f"- {escape(text)}" for text in report.going_well]
    if report.practices:
        lines += ["", f"## {PRACTICES_HEADING}", ""]
        lines += [f"- {escape(p.text)} *({escape(p.area)})*" for p in report.practices]
    lines += ["", f"## {ANSWERS_HEADING}", ""]
    lines += [
        f"{number}. {escape(r.question)} **{escape(r.answer)}**"
        for number, r in enumerate(report.responses, start=1)
    ]
    lines += ["", "---", "", f"*{escape(report.disclaimer)}*", "", f"**{escape(report.crisis)}**"]
    return "\n".join(lines) + "\n"


def escape(text: str) -> str:
    """Text from a question file, shown as written: no Markdown or HTML it could smuggle in."""
    return _SPECIAL.sub(r"\\\1", text)
