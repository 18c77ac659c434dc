"""What the terminal shows, colours and bars included, as a web page or an SVG picture: rich
records a terminal renderer's output and exports it."""

from __future__ import annotations

import io
from collections.abc import Callable

from rich.console import Console

from intimacy_cli.render import terminal
from intimacy_cli.report import Report

WIDTH = 88


def recorded(draw: Callable[[Console], None]) -> Console:
    console = Console(
        record=True,
        file=io.StringIO(),
        width=WIDTH,
        color_system="truecolor",
        force_terminal=True,
        highlight=False,
        emoji=False,
    )
    draw(console)
    return console


def html(report: Report) -> str:
    return recorded(lambda console: terminal.render(report, console)).export_html()


def svg(report: Report) -> str:
    title = f"{report.bank_title}: a reflection"
    return recorded(lambda console: terminal.render(report, console)).export_svg(title=title)
