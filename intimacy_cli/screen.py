"""The terminal: how wide it is (held to sane bounds, whatever the environment claims), where
prompts are drawn, and summaries drawn on it.

Imported at start-up, so it imports nothing heavy at module level.
"""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING, Any, TextIO, cast

from intimacy_cli.errors import InputError
from intimacy_cli.wrapping import wrap

if TYPE_CHECKING:
    from rich.console import Console


def paragraph(stream: TextIO, text: str) -> None:
    stream.write(fitted(stream, text) + "\n\n")
    stream.flush()


def fitted(stream: TextIO, text: str, indent: str = "") -> str:
    """`text` in lines for the terminal that `stream` shows on (80 columns at most), with no
    phone number split."""
    return "\n".join(wrap(text, min(terminal_width(stream), 80) - 1, indent))


# What any width claimed is held to: narrower is unreadable (the terminal wraps what we
# write), wider is hard to read; and so no claim (0, or 10^8) can empty or swell the output.
MIN_WIDTH, MAX_WIDTH = 20, 120
MIN_LINES, MAX_LINES = 5, 1000


def settle_terminal_size() -> None:
    """Hold what the environment claims about the terminal's size to something usable, for us
    and for every library that reads it (rich, Typer's help, prompt_toolkit): a claim that is
    not a plain number above 0 is dropped (the terminal's own size is used), one out of bounds
    is brought within them. So no claim (0, -5, "abc", "²", 10^8) can empty the output, swell
    it without bound, or crash a library that trusts it."""
    for name, bounds in (("COLUMNS", (MIN_WIDTH, MAX_WIDTH)), ("LINES", (MIN_LINES, MAX_LINES))):
        claimed = _claimed_size(name, *bounds)
        if claimed is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = str(claimed)


def _claimed_size(name: str, lowest: int, highest: int) -> int | None:
    """$COLUMNS or $LINES within bounds, or None when unset or not a number above 0."""
    claimed = os.environ.get(name, "")
    if not re.fullmatch(r"[0-9]{1,9}", claimed) or int(claimed) == 0:
        return None
    return max(lowest, min(int(claimed), highest))


def terminal_width(stream: TextIO) -> int:
    """How wide the terminal is that `stream` shows on, held between MIN_WIDTH and MAX_WIDTH:
    $COLUMNS when it is a number above 0, as everywhere; else the terminal's own width
    (stderr's, say, when stdout is a file); else 80."""
    claimed = _claimed_size("COLUMNS", MIN_WIDTH, MAX_WIDTH)
    if claimed is not None:
        return claimed
    try:
        width = os.get_terminal_size(stream.fileno()).columns or 80
    except (OSError, ValueError):  # not a terminal, or a stream with no file behind it
        width = 80
    return max(MIN_WIDTH, min(width, MAX_WIDTH))


def screen() -> TextIO:
    """Where prompts are drawn: the terminal, never a redirected stdout (say `--json > f`)."""
    for stream in (sys.stdout, sys.stderr):
        if stream.isatty():
            return stream
    raise InputError.single(
        "stdout",
        "is not a terminal and neither is stderr, so the questions cannot be shown: use "
        "--answers FILE",
    )


def stdout_console() -> Console:
    from rich.console import Console

    no_color = bool(os.environ.get("NO_COLOR"))  # rich alone would still print bold and dim
    return Console(
        file=cast("TextIO", _TrimmedLines(sys.stdout)),
        width=terminal_width(sys.stdout),
        highlight=False,
        emoji=False,
        color_system=None if no_color else "auto",
    )


# The end of a line: spaces, and colour codes among them (kept; the spaces go).
_LINE_END = re.compile(r"(?: |\x1b\[[0-9;]*m)+\n")
_COLOUR_CODE = re.compile(r"\x1b\[[0-9;]*m")


class _TrimmedLines:
    """stdout without the spaces rich pads lines with, so that copied or redirected text is
    clean; everything else (isatty, encoding, flush) is stdout's own."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(_LINE_END.sub(_codes_and_newline, text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _codes_and_newline(line_end: re.Match[str]) -> str:
    return "".join(_COLOUR_CODE.findall(line_end.group())) + "\n"
