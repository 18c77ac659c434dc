"""The summary as plain lines, for TERM=dumb, --plain and screen readers.

Words and numbers only: no bars, no box drawing, no wrapping (the terminal or the reader does
that), one idea per line.
"""

from __future__ import annotations

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
)


def render(blocks: list[Block]) -> str:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, (Heading, Paragraph, Footer)):
            lines.append("")
        lines += _lines(block)
    return "\n".join(lines) + "\n"


def _lines(block: Block) -> list[str]:
    if isinstance(block, Title):
        return [f"{block.text}. {block.subtitle}."]
    if isinstance(block, Heading):
        return [f"{block.text}."]
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, Bullets):
        if block.asides:
            return [
                f"For {aside}: {item}"
                for item, aside in zip(block.items, block.asides, strict=True)
            ]
        return list(block.items)
    if isinstance(block, Entry):
        first = f"{block.name}: {block.score_words}." if block.score_words else f"{block.name}."
        return [first, *block.lines]
    if isinstance(block, Table):
        return [
            f"{row[0]}: "
            + ", ".join(f"{h} {cell}" for h, cell in zip(block.headers[1:], row[1:], strict=True))
            + "."
            for row in block.rows
        ]
    if isinstance(block, Answers):
        lines = [block.note] if block.note else []
        return lines + [
            f"{number}. {question} {answer}."
            for number, (question, answer) in enumerate(block.items, start=1)
        ]
    return [block.disclaimer, block.crisis]
