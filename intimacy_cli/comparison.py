"""Two results of the same question set side by side: where they meet, where they differ, and
what to talk about. Never who is "right"."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from intimacy_cli.bank import Bank
from intimacy_cli.errors import InputError
from intimacy_cli.history import Saved
from intimacy_cli.report import DISCLAIMER

MAX_REPORT_BYTES = 4 * 1024 * 1024
NOT_A_CONTEST = (
    "Different answers are not a contest: each shows how one person experiences the "
    "relationship at one moment. The differences are places to get curious together."
)
STARTERS = (
    'Ask each other what "{area}" looks like for you, and share one moment when you felt it.',
    'Talk about one small thing that would help "{area}" grow this week, for each of you.',
)
BIG_DIFFERENCE = 15  # score points from which an area gets conversation starters


@dataclass(frozen=True)
class Result:
    """One side of a comparison, from a JSON export or from the history."""

    label: str
    bank_id: str
    bank_version: int
    focus: str
    created: datetime
    areas: dict[str, int | None]


@dataclass(frozen=True)
class Row:
    area: str
    first: int | None
    second: int | None

    @property
    def difference(self) -> int | None:
        if self.first is None or self.second is None:
            return None
        return abs(self.first - self.second)


@dataclass(frozen=True)
class Comparison:
    title: str
    first: Result
    second: Result
    rows: tuple[Row, ...]
    most_alike: tuple[str, ...]
    differ_most: tuple[str, ...]
    starters: tuple[str, ...]
    crisis: str
    note: str = NOT_A_CONTEST
    disclaimer: str = DISCLAIMER


def from_history(saved: Saved) -> Result:
    label = f"#{saved.id} ({saved.created:%Y-%m-%d})"
    return Result(label, saved.bank_id, saved.bank_version, saved.focus, saved.created, saved.areas)


def from_export(path: Path) -> Result:
    """A result from a `--export x.json` file; anything else is a clear error."""
    try:
        with path.open("rb") as file:
            data = json.loads(file.read(MAX_REPORT_BYTES + 1))
        if data.get("format") != "intimacy-report":
            raise ValueError("not an intimacy JSON export")
        areas = {key: value["score"] for key, value in data["scores"]["areas"].items()}
        if not all(score is None or isinstance(score, int) for score in areas.values()):
            raise ValueError("an area score is not a number")
        return Result(
            path.stem,
            str(data["bank"]["id"]),
            int(data["bank"]["version"]),
            str(data["focus"]),
            datetime.fromisoformat(data["created"]),
            areas,
        )
    except OSError as error:
        raise InputError.single(str(path), f"cannot read the file: {error.strerror}") from None
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise InputError.single(
            str(path),
            f"is not a result to compare ({error}); use a .json file from "
            "`intimacy check --export` or a history number",
        ) from None


def compare(bank: Bank, first: Result, second: Result, crisis: str) -> Comparison:
    for side in (first, second):
        if (side.bank_id, side.bank_version) != (bank.id, bank.version):
            raise InputError.single(
                side.label,
                f"is from '{side.bank_id}' version {side.bank_version}; both results "
                f"must come from the same question set and version ('{bank.id}' version "
                f"{bank.version})",
            )
    rows = tuple(
        Row(area.name, first.areas.get(area.id), second.areas.get(area.id)) for area in bank.areas
    )
    compared = sorted(
        (row for row in rows if row.difference is not None), key=lambda row: row.difference or 0
    )
    alike = tuple(row.area for row in compared[:2])
    differ = tuple(
        row.area for row in reversed(compared[-2:]) if (row.difference or 0) >= BIG_DIFFERENCE
    )
    starters = tuple(template.format(area=area) for area in differ for template in STARTERS)
    return Comparison(bank.title, first, second, rows, alike, differ, starters, crisis)
