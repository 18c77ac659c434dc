"""Breaking text into lines: between words, and never inside a phone number, whether it is
written with spaces ("116 123", "13 11 14") or hyphens ("1-800-799-7233"). A crisis number split
over two lines can be misread at the worst moment.

Every renderer and prompt wraps through `wrap`. rich would break at a no-break space, so the
terminal summary hands rich lines already wrapped here.
"""

from __future__ import annotations

import re
import textwrap

_NO_BREAK = "\u00a0"  # textwrap never breaks at it
# A number written in parts, as phone numbers are, with its letters if it spells a word
# (1-800-656-HOPE): kept whole by every format.
NUMBER_IN_PARTS = re.compile(r"\d+(?:[ -]\d+)+(?:-[A-Z]+)?")


def wrap(text: str, width: int, indent: str = "", later: str | None = None) -> list[str]:
    """`text` in lines of at most `width` characters, the first starting with `indent` and the
    rest with `later` (default: `indent`). A longer word (a file's path, an address) gets a
    line to itself, whole, for the terminal to fold: broken by us, it would not copy whole."""
    held = NUMBER_IN_PARTS.sub(lambda number: number[0].replace(" ", _NO_BREAK), text)
    lines = textwrap.wrap(
        held,
        max(width, 1),  # textwrap refuses 0; a terminal can claim anything
        initial_indent=indent,
        subsequent_indent=indent if later is None else later,
        break_on_hyphens=False,
        break_long_words=False,
    )
    return [line.replace(_NO_BREAK, " ") for line in lines]
