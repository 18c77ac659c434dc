"""Renderers draw the blocks of a layout; they never decide what is said or in what order.

One module per format, each with `render(blocks) -> str` (the terminal's draws on a rich
console instead). An export format is picked by the file's ending; `.json` is data, not a
drawing, so its writer is passed in by whoever exports.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only for types: importing this package must stay light
    from intimacy_cli.layout import Block

# file ending -> the module in this package that draws it
DRAWN = {".txt": "text", ".md": "markdown", ".html": "page", ".svg": "picture"}
EXPORT_FORMATS = (".txt", ".md", ".json", ".html", ".svg")


def export(suffix: str, blocks: list[Block], data: Callable[[], dict[str, Any]]) -> str:
    """The file's text for an export ending in `suffix`."""
    if suffix == ".json":
        return as_json(data())
    draw: Callable[[list[Block]], str] = import_module(f"{__name__}.{DRAWN[suffix]}").render
    return draw(blocks)


def as_json(data: dict[str, Any]) -> str:
    import json

    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def show(blocks: list[Block], plain: bool) -> None:
    """A summary or comparison on stdout: plain lines (--plain, TERM=dumb, screen readers), or
    drawn by rich."""
    if plain:
        from intimacy_cli.render import plain as plain_lines

        sys.stdout.write(plain_lines.render(blocks))
    else:
        from intimacy_cli.render import terminal
        from intimacy_cli.screen import stdout_console

        terminal.draw(blocks, stdout_console())


def gap_before(previous: Block | None, block: Block) -> bool:
    """Whether a blank line separates `block` from the one before: always, except between a
    heading and what it heads (unless that is a named entry, which gets room of its own)."""
    from intimacy_cli.layout import Entry, Heading

    if previous is None:
        return False
    return not isinstance(previous, Heading) or isinstance(block, Entry)


def filled_cells(score: int, width: int) -> int:
    """How many of `width` bar cells a 0-100 score fills."""
    return round(score * width / 100)
