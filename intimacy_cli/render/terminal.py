"""The summary in the terminal, with rich.

Every string is wrapped in `Text`, so nothing from a question file is ever read as markup.
"""

from __future__ import annotations

from rich.console import Console
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from intimacy_cli.render import filled_cells, long_date, score_line
from intimacy_cli.report import AreaReport, Report

BAND_STYLES = {"low": "yellow", "middle": "cyan", "high": "green"}
MAX_BAR_WIDTH = 20


def render(report: Report, console: Console) -> None:
    unicode = console.encoding.lower().startswith("utf")
    console.print(Text(f"{report.bank_title}: a reflection", style="bold"))
    console.print(Text(f"About {report.focus_words}, {long_date(report)}", style="dim"))
    console.print()
    console.print(Text(report.headline))
    for area in report.areas:
        console.print()
        console.print(Text(area.name, style="bold"))
        console.print(Padding(_score(area, console.width, unicode), (0, 0, 0, 2), expand=False))
        console.print(Padding(Text(area.reflection), (0, 0, 0, 2), expand=False))
    bullet = "•" if unicode else "-"
    console.print()
    console.print(Text("What seems to be going well", style="bold"))
    console.print(_bullets([Text(text) for text in report.going_well], bullet))
    console.print()
    console.print(Text("Practices to try", style="bold"))
    console.print(
        _bullets([Text.assemble(p.text, (f" ({p.area})", "dim")) for p in report.practices], bullet)
    )
    console.print()
    console.print(Rule(characters="─" if unicode else "-", style="dim"))
    console.print(Text(report.disclaimer, style="dim"))
    console.print()
    console.print(Text(report.crisis, style="bold"))


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


def _bullets(items: list[Text], bullet: str) -> Padding:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for item in items:
        grid.add_row(bullet, item)
    return Padding(grid, (0, 0, 0, 2), expand=False)
