"""Who the questions are about, and the words that stand in for {people} and {People}.

Kept apart from bank.py so that asking who to reflect on needs nothing else.
"""

from __future__ import annotations

import re

# Each focus: the words for {people} and {People}, and how the person picks it ("title").
FOCUSES: dict[str, dict[str, str]] = {
    "partner": {"people": "your partner", "People": "Your partner", "title": "My partner"},
    "family": {"people": "your family", "People": "Your family", "title": "My family"},
    "friends": {"people": "your friends", "People": "Your friends", "title": "My friends"},
    "everyone": {
        "people": "the people close to you",
        "People": "The people close to you",
        "title": "The people close to me, in general",
    },
}
PLACEHOLDERS = frozenset({"people", "People"})
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def fill(text: str, focus: str) -> str:
    """Put the focus's words in place of {people} and the other placeholders."""
    words = FOCUSES[focus]
    return PLACEHOLDER.sub(lambda match: words[match.group(1)], text)
