"""Text from files is shown in a terminal: make sure it can only ever be text."""

from __future__ import annotations

import re

# Whole escape sequences first (CSI such as ESC[2J, OSC such as ESC]8;; links or ESC]52;
# clipboard writes), so no half of one is left behind; then any lone control character,
# C0 and C1, and the bidirectional overrides that can make text read differently than it is.
_ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Strip escape sequences and control characters, and fold runs of white space."""
    text = _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))
    return " ".join(text.split())
