"""The summary in the terminal, with rich.

Every string is wrapped in `Text`, so nothing from a question file is ever read as markup.
"""

from __future__ import annotations

from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from intimacy_cli.render import (
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
from intimacy_cli.report import AreaReport, Report
from intimacy_cli.wrapping import wrap

BAND_STYLES = {"low": "yellow", "middle": "cyan", "high": "green"}
MAX_BAR_WIDTH = 20
BULLET_INDENT = 4  # the indent, the bullet and a space


def render(report: Report, console: Console) -> None:
    unicode = console.encoding.lower().startswith("utf")
    bullet = "•" if unicode else "-"
    console.print(Text(f"{report.bank_title}: a reflection", style="bold"))
    console.print(Text(f"About {report.focus_words}, {long_date(report)}", style="dim"))
    if report.safety_first:
        console.print()
        console.print(Text(SAFETY_HEADING, style="bold magenta"))
        console.print(Text(report.safety_first))
        lines = [
            held(helpline(line), console.width - BULLET_INDENT) for line in report.safety_lines
        ]
        console.print(bullets(lines, bullet))
    console.print()
    console.print(Text(report.headline))
    for area in report.areas:
        console.print()
        console.print(Text(area.name, style="bold"))
        console.print(_indented(_score(area, console.width, unicode)))
        console.print(_indented(Text(area.reflection)))
    if report.closing:
        console.print()
        console.print(Text(report.closing))
    if report.changes:
        console.print()
        console.print(Text(since_heading(report), style="bold"))
        console.print(bullets([Text(text) for text in report.changes], bullet))
    if report.barriers:
        console.print()
        console.print(Text(BARRIERS_HEADING, style="bold"))
        for barrier in report.barriers:
            console.print()
            console.print(_indented(Text(barrier.label, style="bold")))
            console.print(_indented(Text(barrier.reflection)))
            if barrier.practice:
                console.print(_indented(Text(try_this(barrier.practice))))
    console.print()
    console.print(Text(GOING_WELL_HEADING, style="bold"))
    console.print(bullets([Text(text) for text in report.going_well], bullet))
    if report.practices:
        console.print()
        console.print(Text(PRACTICES_HEADING, style="bold"))
        console.print(
            bullets(
                [Text.assemble(p.text, (f" ({p.area})", "dim")) for p in report.practices], bullet
            )
        )
    console.print()
    console.print(Rule(characters="─" if unicode else "-", style="dim"))
    console.print(Text(report.disclaimer, style="dim"))
    console.print()
    console.print(held(report.crisis, console.width, "bold"))


def held(text: str, width: int, style: str = "") -> Text:
    """`text` wrapped by us, not by rich, which would split a phone number such as "116 123"
    (see wrapping.py)."""
    return Text("\n".join(wrap(text, width)), style=style)


def _indented(renderable: RenderableType) -> Padding:
    return Padding(renderable, (0, 0, 0, 2), expand=False)


def _score(area: AreaReport, width: int, unicode: bool) -> Text:
    words = score_line(area.score, area.band_words)
    if area.score is None:
        return Text(words, style="dim")
    bar_width = max(0, min(MAX_BAR_WIDTH, width - len(words) - 4))
    filled = filled_cells(area.score, bar_width)
    full, empty = ("█", "░") if unicode else ("#", "-")
    style = BAND_STYLES[area.band or "middle"]
    bar = Text.assemble((full * filled, style), (empty * (bar_width - filled), "dim"))
    return Text.assemble(bar, " " if bar_width else "", words)


def bullets(items: list[Text], bullet: str) -> Padding:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for item in items:
        grid.add_row(bullet, item)
    return _indented(grid)
