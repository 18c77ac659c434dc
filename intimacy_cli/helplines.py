"""Crisis and support lines by country, from data/resources.json.

The country comes from `--country`, else from the locale (LANG=en_GB.UTF-8 -> GB), else US.
The crisis footer of every summary, export and interrupted run follows the same choice.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from intimacy_cli.errors import InputError

RESOURCES = Path(__file__).parent / "data" / "resources.json"
DEFAULT_COUNTRY = "US"  # when neither --country nor the locale names one
_LOCALE_COUNTRY = re.compile(r"^[a-zA-Z]{2,3}_([a-zA-Z]{2})\b")
ALIASES = {"UK": "GB"}  # what people write for the United Kingdom; ISO 3166 says GB


@dataclass(frozen=True)
class Line:
    name: str
    how: str
    source: str
    checked: str  # the date the line was last checked at its source (YYYY-MM-DD)
    safety: bool  # for someone who may not be safe with the people they live or are close with
    emergency: bool = False  # the emergency number, for immediate danger


@dataclass(frozen=True)
class Country:
    code: str  # "US", or "" for everywhere else
    name: str
    footer: str
    lines: tuple[Line, ...]

    @property
    def safety_first(self) -> tuple[Line, ...]:
        """The emergency number first (for immediate danger), then the lines for people who may
        not be safe with someone close, then the rest."""
        return tuple(sorted(self.lines, key=lambda line: (not line.emergency, not line.safety)))


@cache
def _data() -> dict[str, Any]:
    import json

    data: dict[str, Any] = json.loads(RESOURCES.read_text("utf-8"))
    return data


def _country(code: str, entry: dict[str, Any]) -> Country:
    lines = tuple(
        Line(
            line["name"],
            line["how"],
            line["source"],
            line["checked"],
            line.get("safety", False),
            line.get("emergency", False),
        )
        for line in entry["lines"]
    )
    return Country(code, entry["name"], entry["footer"], lines)


def country_code(given: str | None = None, environ: dict[str, str] | None = None) -> str:
    """The chosen two-letter country code: given, else from the locale, else the default."""
    if given is not None:
        if not re.fullmatch(r"[a-zA-Z]{2}", given):
            raise InputError.single("--country", f"'{given}' is not a two-letter country code")
        return ALIASES.get(given.upper(), given.upper())
    env = os.environ if environ is None else environ
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):  # the POSIX order of precedence
        value = env.get(variable)
        if value:
            match = _LOCALE_COUNTRY.match(value)
            if match:
                code = match.group(1).upper()
                return ALIASES.get(code, code)
            break  # C, POSIX and the like name no country
    return DEFAULT_COUNTRY


def for_country(code: str) -> Country:
    """The country's lines, or the lines for everywhere else when we have none for it."""
    entry = _data()["countries"].get(code)
    return _country(code, entry) if entry else _country("", _data()["elsewhere"])
