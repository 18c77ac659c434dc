"""The Markdown export. Every text is escaped: it may come from a question file."""

from __future__ import annotations

import re

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

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def render(blocks: list[Block]) -> str:
    return "\n\n".join("\n".join(_lines(block)) for block in blocks) + "\n"


def _lines(block: Block) -> list[str]:
    if isinstance(block, Title):
        return [f"# {escape(block.text)}", "", f"*{escape(block.subtitle)}*"]
    if isinstance(block, Heading):
        return [f"## {escape(block.text)}"]
    if isinstance(block, Paragraph):
        marks = {"strong": "**", "quiet": "*"}.get(block.tone, "")
        return [f"{marks}{escape(block.text)}{marks}"]
    if isinstance(block, Bullets):
        asides = block.asides or ("",) * len(block.items)
        return [
            f"- {escape(item)}" + (f" *({escape(aside)})*" if aside else "")
            for item, aside in zip(block.items, asides, strict=True)
        ]
    if isinstance(block, Entry):
        lines = [f"### {escape(block.name)}"]
        if block.score_words is not None:
            lines += ["", f"**{escape(block.score_words)}**"]
        return lines + [line for text in block.lines for line in ("", escape(text))]
    if isinstance(block, Table):
        return [
            _row(block.headers),
            "| --- |" + " ---: |" * (len(block.headers) - 1),
            *(_row(row) for row in block.rows),
        ]
    if isinstance(block, Answers):
        lines = [escape(block.note), ""] if block.note else []
        return lines + [
            f"{number}. {escape(question)} **{escape(answer)}**"
            for number, (question, answer) in enumerate(block.items, start=1)
        ]
    return ["---", "", f"*{escape(block.disclaimer)}*", "", f"**{escape(block.crisis)}**"]


def _row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(escape(cell) for cell in cells) + " |"


def escape(text: str) -> str:
    """Text shown as written: no Markdown or HTML it could smuggle in."""
    return _SPECIAL.sub(r"\\\1", text)
