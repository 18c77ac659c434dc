"""The Markdown export."""

from __future__ import annotations

import re

from intimacy_cli.render import long_date, score_line
from intimacy_cli.report import Report

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def render(report: Report) -> str:
    lines = [
        f"# {_md(report.bank_title)}: a reflection",
        "",
        f"*About {_md(report.focus_words)}, {long_date(report)}*",
        "",
        _md(report.headline),
        "",
        "## Area by area",
    ]
    for area in report.areas:
        lines += [
            "",
            f"### {_md(area.name)}",
            "",
            f"**{score_line(area.score, area.band_words)}**",
            "",
            _md(area.reflection),
        ]
    lines += ["", "## What seems to be going well", ""]
    lines += [f"- {_md(text)}" for text in report.going_well]
    lines += ["", "## Practices to try", ""]
    lines += [f"- {_md(p.text)} *({_md(p.area)})*" for p in report.practices]
    lines += ["", "## Your answers", ""]
    lines += [
        f"{number}. {_md(r.question)} **{_md(r.answer)}**"
        for number, r in enumerate(report.responses, start=1)
    ]
    lines += ["", "---", "", f"*{_md(report.disclaimer)}*", "", f"**{_md(report.crisis)}**"]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Text from a question file, shown as written: no Markdown or HTML it could smuggle in."""
    return _SPECIAL.sub(r"\\\1", text)
