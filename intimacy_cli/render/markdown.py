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
    try_this,
)
from intimacy_cli.report import Report

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def render(report: Report) -> str:
    lines = [
        f"# {_md(report.bank_title)}: a reflection",
        "",
        f"*About {_md(report.focus_words)}, {long_date(report)}*",
    ]
    if report.safety_first:
        lines += ["", f"## {SAFETY_HEADING}", "", _md(report.safety_first), ""]
        lines += [f"- {_md(helpline(line))}" for line in report.safety_lines]
    lines += ["", _md(report.headline), "", f"## {AREAS_HEADING}"]
    for area in report.areas:
        lines += [
            "",
            f"### {_md(area.name)}",
            "",
            f"**{score_line(area.score, area.band_words)}**",
            "",
            _md(area.reflection),
        ]
    if report.closing:
        lines += ["", _md(report.closing)]
    if report.barriers:
        lines += ["", f"## {BARRIERS_HEADING}"]
        for barrier in report.barriers:
            lines += ["", f"### {_md(barrier.label)}", "", _md(barrier.reflection)]
            if barrier.practice:
                lines += ["", _md(try_this(barrier.practice))]
    lines += ["", f"## {GOING_WELL_HEADING}", ""]
    lines += [f"- {_md(text)}" for text in report.going_well]
    if report.practices:
        lines += ["", f"## {PRACTICES_HEADING}", ""]
        lines += [f"- {_md(p.text)} *({_md(p.area)})*" for p in report.practices]
    lines += ["", f"## {ANSWERS_HEADING}", ""]
    lines += [
        f"{number}. {_md(r.question)} **{_md(r.answer)}**"
        for number, r in enumerate(report.responses, start=1)
    ]
    lines += ["", "---", "", f"*{_md(report.disclaimer)}*", "", f"**{_md(report.crisis)}**"]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Text from a question file, shown as written: no Markdown or HTML it could smuggle in."""
    return _SPECIAL.sub(r"\\\1", text)
