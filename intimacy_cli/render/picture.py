"""`.svg`: a picture of the summary as the terminal shows it, colours and bars included.

rich records the terminal renderer and draws it as SVG. rich's own template loads its font
from a CDN when the file is opened, which would tell a server that, when and from where the
file was opened; ours keeps rich's drawing and names local fonts only.
"""

from __future__ import annotations

import io
import re

from rich._export_format import CONSOLE_SVG_FORMAT
from rich.console import Console

from intimacy_cli.layout import Block, Title
from intimacy_cli.render import terminal

WIDTH = 88
# rich's template with its @font-face rules (the remote fonts) and its web-address comment
# taken out: the picture names no address at all.
OFFLINE_SVG_FORMAT = re.sub(
    r"@font-face \{\{.*?\}\}\s*|<!--.*?-->\s*", "", CONSOLE_SVG_FORMAT, flags=re.S
)


def render(blocks: list[Block]) -> str:
    console = Console(
        record=True,
        file=io.StringIO(),
        width=WIDTH,
        color_system="truecolor",
        force_terminal=True,
        highlight=False,
        emoji=False,
    )
    terminal.draw(blocks, console)
    title = next((block.text for block in blocks if isinstance(block, Title)), "intimacy")
    return console.export_svg(title=title, code_format=OFFLINE_SVG_FORMAT)
