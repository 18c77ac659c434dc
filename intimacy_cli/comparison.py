"""Two results of the same question set side by side: where they meet, where they differ, and,
for two people, what to talk about. Never who is "right".

When either result signals a safety concern, the comparison puts safety first and offers no
conversation starters: talking it through together is not advised while someone may not feel
safe. Caution short of a concern (a skipped safety question, say) holds the starters back too,
as it holds back practices that ask anything of the other person. Results about different
people are not compared.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from intimacy_cli import layout, scoring
from intimacy_cli.bank import WISH_LEGEND, WISH_MARKS, Bank
from intimacy_cli.errors import InputError
from intimacy_cli.focus import FOCUSES
from intimacy_cli.helplines import Country
from intimacy_cli.history import Saved
from intimacy_cli.reportjson import Shared
from intimacy_cli.streams import DISCLAIMER

NOT_A_CONTEST = (
    "Different answers are not a contest: each shows how one person experiences the "
    "relationship at one moment."
)
TWO_PEOPLE = {
    "subtitle": "Two results side by side",
    "alike": "Where you see things most alike",
    "differ": "Where you see things most differently",
    "note": f"{NOT_A_CONTEST} The differences are places to get curious together.",
    # Where care is due, not an invitation to explore the differences together.
    "caution note": (
        f"{NOT_A_CONTEST} If talking about them together does not feel easy, a counsellor of "
        "your own is a good place to start."
    ),
    "safety": (
        "At least one of these results has an answer suggesting that someone may not feel "
        "safe. That matters more than any comparison, so there are no conversation starters "
        "here."
    ),
    "concern note": (
        "While safety comes first, this is not something to go through together. Keep it for "
        "yourself, or for a counsellor of your own."
    ),
}
OVER_TIME = {
    "subtitle": "Your results at two times",
    "alike": "Where your answers stayed closest",
    "differ": "Where your answers moved most",
    "note": (
        "Scores move with what life brings. A difference between two times tells you what "
        "changed, not how well you did."
    ),
    "safety": (
        "At least one of these results has an answer suggesting that you may not always feel "
        "safe. That matters more than any comparison."
    ),
    "concern note": (
        "Scores can look high even when fear or pressure is there: what you said about fear or "
        "pressure matters more than any number here."
    ),
}
STARTERS_HEADING = "Conversation starters"
STARTERS = (
    'Take turns saying what "{area}" looks like for you, with one recent moment as an example.',
    'Ask each other about one small thing that would make "{area}" feel better this week.',
)
# Two people read the starters together: only ever as an invitation, never where one is afraid.
STARTERS_INTRO = (
    "Only if you both feel safe and free to talk about this. If either of you ever feels afraid "
    "of the other, leave these aside: the lines in `intimacy resources` are there for you alone."
)
NOTHING_FAR_APART = "No part stands far apart."
NOTHING_CLOSE = "No part has scores close together."
BIG_DIFFERENCE = 15  # score points from which two people's areas get conversation starters


@dataclass(frozen=True)
class Result:
    """One side of a comparison, from a JSON export or from this person's history."""

    label: str
    bank_id: str
    bank_version: int
    focus: str
    created: datetime
    areas: dict[str, int | None]
    wishes: dict[str, str | None]
    concern: bool
    caution: bool  # short of a concern, care is due: no starters, as no practices
    kept: bool  # from the history on this computer, rather than a file


@dataclass(frozen=True)
class Row:
    area: str
    first: int | None
    second: int | None
    first_wish: str | None
    second_wish: str | None

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
    over_time: bool  # both from the history: one person at two times
    country: Country

    @property
    def concern(self) -> bool:
        return self.first.concern or self.second.concern

    @property
    def cautious(self) -> bool:
        return _cautious(self.first, self.second)


def from_history(saved: Saved, bank: Bank) -> Result:
    """A kept result, scored again with its own question set (which must be that version)."""
    label = f"#{saved.id} ({saved.created:%Y-%m-%d})"
    _same_version(label, saved.bank_id, saved.bank_version, bank)
    if not scoring.answers_fit(bank, saved.focus, saved.answers):
        from intimacy_cli.history import HistoryError

        raise HistoryError(f"result #{saved.id} does not fit '{saved.bank_id}'; it may be damaged")
    scores = scoring.score(bank, saved.focus, saved.answers)
    return Result(
        label,
        saved.bank_id,
        saved.bank_version,
        saved.focus,
        saved.created,
        {area.area_id: area.score for area in scores.areas},
        {area.area_id: area.wish for area in scores.areas},
        scores.concern,
        scores.cautious,
        kept=True,
    )


def from_shared(label: str, shared: Shared) -> Result:
    return Result(
        label,
        shared.bank_id,
        shared.bank_version,
        shared.focus,
        shared.created,
        shared.areas,
        shared.wishes,
        shared.concern,
        shared.caution,
        kept=False,
    )


def _cautious(first: Result, second: Result) -> bool:
    """A concern, or care due short of one, on either side."""
    return any(side.concern or side.caution for side in (first, second))


def _same_focus(first: Result, second: Result) -> None:
    """Answers about a partner and answers about friends measure different things."""
    if first.focus != second.focus:
        about = FOCUSES[second.focus]["people"]
        other = FOCUSES[first.focus]["people"]
        raise InputError.single(
            second.label,
            f"is about {about}, and {first.label} about {other}; "
            "both results must be about the same people",
        )


def _same_version(label: str, bank_id: str, version: int, bank: Bank) -> None:
    if (bank_id, version) == (bank.id, bank.version):
        return
    if bank_id == bank.id:
        why = (
            f"is from version {version} of '{bank_id}', and this intimacy asks version "
            f"{bank.version}; the questions changed between versions, so the scores do not "
            "line up"
        )
    else:
        why = f"is from '{bank_id}'; both results must come from the same question set"
    raise InputError.single(label, why)


def compare(bank: Bank, first: Result, second: Result, country: Country) -> Comparison:
    for side in (first, second):
        _same_version(side.label, side.bank_id, side.bank_version, bank)
        if not any(area.id in side.areas for area in bank.areas):
            raise InputError.single(side.label, f"holds no part of '{bank.id}' to compare")
    _same_focus(first, second)
    rows = tuple(
        Row(
            area.name,
            first.areas.get(area.id),
            second.areas.get(area.id),
            first.wishes.get(area.id),
            second.wishes.get(area.id),
        )
        for area in bank.areas
        if area.id in first.areas or area.id in second.areas
    )
    compared = sorted(
        (row for row in rows if row.difference is not None), key=lambda row: row.difference or 0
    )
    alike = tuple(row.area for row in compared[:2] if (row.difference or 0) < BIG_DIFFERENCE)
    differ = tuple(
        row.area for row in reversed(compared[-2:]) if (row.difference or 0) >= BIG_DIFFERENCE
    )
    over_time = first.kept and second.kept
    starters: tuple[str, ...] = ()
    if not (over_time or _cautious(first, second)):
        starters = tuple(template.format(area=area) for area in differ for template in STARTERS)
    return Comparison(bank.title, first, second, rows, alike, differ, starters, over_time, country)


def blocks(c: Comparison) -> list[layout.Block]:
    """The comparison as a layout, in the same blocks as a summary."""
    words = OVER_TIME if c.over_time else TWO_PEOPLE
    out: list[layout.Block] = [
        layout.Title(f"{c.title}: {c.first.label} and {c.second.label}", words["subtitle"])
    ]
    if c.concern:
        out += layout.safety_section(words["safety"], (), c.country.safety_first)
    out.append(
        layout.Table(
            ("Part", c.first.label, c.second.label, "Difference"),
            tuple(
                (
                    row.area,
                    _cell(row.first, row.first_wish),
                    _cell(row.second, row.second_wish),
                    "-" if row.difference is None else str(row.difference),
                )
                for row in c.rows
            ),
        )
    )
    out.append(layout.Paragraph(WISH_LEGEND, "quiet"))
    if c.concern:  # no looking for differences to talk over: the numbers, and safety
        return [
            *out,
            layout.Paragraph(words["concern note"]),
            layout.Footer(DISCLAIMER, c.country.footer),
        ]
    out += [layout.Heading(words["alike"]), layout.Bullets(c.most_alike or (NOTHING_CLOSE,))]
    out += [layout.Heading(words["differ"]), layout.Bullets(c.differ_most or (NOTHING_FAR_APART,))]
    if c.starters:
        out += [
            layout.Heading(STARTERS_HEADING),
            layout.Paragraph(STARTERS_INTRO),
            layout.Bullets(c.starters),
        ]
    note = words.get("caution note", words["note"]) if c.cautious else words["note"]
    out += [layout.Paragraph(note), layout.Footer(DISCLAIMER, c.country.footer)]
    return out


def _cell(score: int | None, wish: str | None) -> str:
    shown = "-" if score is None else str(score)
    return f"{shown} {WISH_MARKS[wish]}" if wish else shown


def data(c: Comparison) -> dict[str, Any]:
    """The comparison as JSON data, for `compare --export x.json`."""
    return {
        "format": "intimacy-comparison",
        "format_version": 2,
        "bank": {"id": c.first.bank_id, "version": c.first.bank_version, "title": c.title},
        "over_time": c.over_time,
        "safety_concern": c.concern,
        "results": [
            {
                "label": side.label,
                "focus": side.focus,
                "created": side.created.isoformat(timespec="seconds"),
            }
            for side in (c.first, c.second)
        ],
        "areas": [
            {
                "area": row.area,
                "scores": [row.first, row.second],
                "wishes": [row.first_wish, row.second_wish],
                "difference": row.difference,
            }
            for row in c.rows
        ],
        "most_alike": [] if c.concern else list(c.most_alike),
        "differ_most": [] if c.concern else list(c.differ_most),
        "conversation_starters": list(c.starters),
        "conversation_starters_note": STARTERS_INTRO if c.starters else None,
        "disclaimer": DISCLAIMER,
        "crisis": c.country.footer,
    }
