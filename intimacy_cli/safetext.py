"""Text from outside (files, the history, names typed on the command line) is shown in a
terminal: make sure it can only ever be plain, visible text.

`clean` is the one function for that, applied where outside text enters the program.
"""

from __future__ import annotations

import re

# Whole escape sequences first (CSI such as ESC[2J, OSC such as ESC]8;; links or ESC]52;
# clipboard writes), so no half of one is left behind.
_ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?")
_NOT_PLAIN_ASCII = re.compile(r"[^\x20-\x7e]")
# Controls (C0 and C1), format characters (bidirectional marks and overrides such as U+200E,
# U+202E and U+061C, zero-width characters, tag characters, the byte order mark) and lone
# surrogates: nothing a person could see, and some change how the rest reads.
_INVISIBLE = frozenset({"Cc", "Cf", "Cs"})
# Letters by category, but blank by design: the Hangul fillers.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")


def clean(text: str) -> str:
    """Strip escape sequences, control, format and surrogate characters, and fold runs of
    white space into single spaces."""
    folded = " ".join(_ESCAPE_SEQUENCE.sub("", text).split())
    return _NOT_PLAIN_ASCII.sub(_visible, folded)  # only non-ASCII characters are looked up


def _visible(match: re.Match[str]) -> str:
    import unicodedata  # here: only text beyond plain ASCII needs it

    character = match.group()
    invisible = unicodedata.category(character) in _INVISIBLE or character in _BLANK_LETTERS
    return "" if invisible else character


def is_clean(text: str) -> bool:
    """Whether `text` holds nothing `clean` would remove (white space aside)."""
    return clean(text) == " ".join(text.split())
