"""The plain-text export: no colour codes, wrapped at 72 columns for any editor or printer."""

from __future__ import annotations

from intimacy_cli.layout import (
    Answers,
    Block,
    Bullets,
    Entry,
    Heading,
    Paragraph,
    Table,
    Title,
)
from intimacy_cli.render import filled_cells, gap_before
from intimacy_cli.wrapping import wrap

WIDTH = 72
BAR_WIDTH = 20


def render(blocks: list[Block]) -> str:
    lines: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if gap_before(previous, block):
            lines.append("")
        lines += _lines(block)
        previous = block
    return "\n".join(lines) + "\n"


def _lines(block: Block) -> list[str]:
    if isinstance(block, Title):
        return [*_wrap(block.text), *_wrap(block.subtitle)]
    if isinstance(block, Heading):
        return [block.text.upper()]
    if isinstance(block, Paragraph):
        return _wrap(block.text)
    if isinstance(block, Bullets):
        asides = block.asides or ("",) * len(block.items)
        return [
            line
            for item, aside in zip(block.items, asides, strict=True)
            for line in wrap(f"{item} ({aside})" if aside else item, WIDTH, "  - ", "    ")
        ]
    if isinstance(block, Entry):
        lines = [block.name]
        if block.score_words is not None:
            lines.append("  " + _bar(block.score) + block.score_words)
        return lines + [line for text in block.lines for line in _wrap(text, "  ")]
    if isinstance(block, Table):
        return table(block)
    if isinstance(block, Answers):
        lines = _wrap(block.note) if block.note else []
        for number, (question, answer) in enumerate(block.items, start=1):
            lines += ["", *_wrap(f"{number}. {question}"), *_wrap(answer, "   ")]
        return lines
    return ["-" * WIDTH, *_wrap(block.disclaimer), "", *_wrap(block.crisis)]


def table(block: Table) -> list[str]:
    """Columns padded to their widest cell: the first to the left, the others to the right."""
    rows = [block.headers, *block.rows]
    widths = [max(len(row[column]) for row in rows) for column in range(len(block.headers))]
    return [
        "  ".join(
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


def _bar(score: int | None) -> str:
    if score is None:
        return ""
    filled = filled_cells(score, BAR_WIDTH)
    return "[" + "#" * filled + "-" * (BAR_WIDTH - filled) + "]  "


def _wrap(text: str, indent: str = "") -> list[str]:
    return wrap(text, WIDTH, indent)
