"""The summary in the terminal, with rich.

Every string is wrapped in `Text`, so nothing is ever read as markup; and every line of words
is broken by `wrapping.wrap`, not by rich, which would split a phone number such as "116 123".
Bars all have one colour: they show an amount, not a grade.
"""

from __future__ import annotations

from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table as RichTable
from rich.text import Text

from intimacy_cli.layout import (
    Answers,
    Block,
    Bullets,
    Entry,
    Footer,
    Heading,
    Paragraph,
    Table,
    Title,
    Tone,
)
from intimacy_cli.render import filled_cells, gap_before
from intimacy_cli.wrapping import wrap

TONES: dict[Tone, str] = {"normal": "", "quiet": "dim", "strong": "bold", "safety": "bold"}
BAR_STYLE = "blue"
MAX_BAR_WIDTH = 20
INDENT = 2
BULLET_INDENT = INDENT + 2  # the indent, the bullet and a space


def draw(blocks: list[Block], console: Console) -> None:
    previous: Block | None = None
    for block in blocks:
        if gap_before(previous, block):
            console.print()
        console.print(_renderable(block, console))
        previous = block


def _renderable(block: Block, console: Console) -> RenderableType:
    width = console.width
    unicode = console.encoding.lower().startswith("utf")
    if isinstance(block, Title):
        return Text.assemble((block.text, "bold"), "\n", (block.subtitle, "dim"))
    if isinstance(block, Heading):
        return Text(block.text, style="bold magenta" if block.tone == "safety" else "bold")
    if isinstance(block, Paragraph):
        return held(block.text, width, TONES[block.tone])
    if isinstance(block, Bullets):
        return bullets(block, width, "•" if unicode else "-")
    if isinstance(block, Entry):
        lines: list[RenderableType] = [Text(block.name, style="bold")]
        if block.score_words is not None:
            lines.append(_indented(_score(block.score, block.score_words, width, unicode)))
        lines += [_indented(held(text, width - INDENT)) for text in block.lines]
        return _stacked(lines)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Answers):  # exports only; drawn plainly if ever asked
        return held(" ".join(f"{q} {a}." for q, a in block.items), width)
    return _footer(block, width, unicode)


def held(text: str, width: int, style: str = "") -> Text:
    """`text` wrapped by us (see wrapping.py), for rich to print as it is."""
    return Text("\n".join(wrap(text, width)), style=style)


def bullets(block: Bullets, width: int, bullet: str) -> Padding:
    grid = RichTable.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    asides = block.asides or ("",) * len(block.items)
    for item, aside in zip(block.items, asides, strict=True):
        text = held(f"{item} ({aside})" if aside else item, width - BULLET_INDENT)
        if aside:  # the aside, dimmed, at the end of the last line
            text.stylize("dim", len(text) - len(aside) - 2)
        grid.add_row(bullet, text)
    return _indented(grid)


def _footer(block: Footer, width: int, unicode: bool) -> RenderableType:
    return _stacked(
        [
            Rule(characters="─" if unicode else "-", style="dim"),
            held(block.disclaimer, width, "dim"),
            Text(),
            held(block.crisis, width, "bold"),
        ]
    )


def _table(block: Table) -> RichTable:
    table = RichTable(show_edge=False, pad_edge=False)
    for column, heading in enumerate(block.headers):
        table.add_column(Text(heading), justify="left" if column == 0 else "right")
    for row in block.rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def _stacked(items: list[RenderableType]) -> RenderableType:
    from rich.console import Group

    return Group(*items)


def _indented(renderable: RenderableType) -> Padding:
    return Padding(renderable, (0, 0, 0, INDENT), expand=False)


def _score(score: int | None, words: str, width: int, unicode: bool) -> Text:
    if score is None:
        return Text(words, style="dim")
    bar_width = max(0, min(MAX_BAR_WIDTH, width - len(words) - INDENT - 2))
    filled = filled_cells(score, bar_width)
    full, empty = ("█", "░") if unicode else ("#", "-")
    bar = Text.assemble((full * filled, BAR_STYLE), (empty * (bar_width - filled), "dim"))
    return Text.assemble(bar, " " if bar_width else "", words)
