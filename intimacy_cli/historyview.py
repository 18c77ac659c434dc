"""`intimacy history`: past results as tables, and each area's trend as a sparkline."""

from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import groupby

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from intimacy_cli.bank import WISH_LEGEND, WISH_MARKS, Bank
from intimacy_cli.history import Saved
from intimacy_cli.layout import Footer
from intimacy_cli.streams import count

CONCERN_MARK = "!"
CONCERN_LEGEND = (
    "! safety came first in this result: its numbers say less than what you said about feeling "
    "unsafe (`intimacy history show ID`, with its number, has the support lines)."
)
SPARKS = "▁▂▃▄▅▆▇█"
ASCII_SPARKS = "_.-=+*#@"
TREND_POINTS = 40  # a longer history is averaged into this many points


def sparkline(scores: Sequence[int | None], unicode: bool = True) -> str:
    """Scores on 0-100 as one character each (averaged down to TREND_POINTS); ' ' for none."""
    marks = SPARKS if unicode else ASCII_SPARKS
    points = _downsample(scores, TREND_POINTS)
    return "".join(
        " " if point is None else marks[min(len(marks) - 1, int(point * len(marks) / 101))]
        for point in points
    )


def _downsample(scores: Sequence[int | None], most: int) -> list[float | None]:
    if len(scores) <= most:
        return [score for score in scores]
    points: list[float | None] = []
    for index in range(most):
        bucket = [
            s
            for s in scores[index * len(scores) // most : (index + 1) * len(scores) // most]
            if s is not None
        ]
        points.append(sum(bucket) / len(bucket) if bucket else None)
    return points


def render(results: Sequence[Saved], console: Console, limit: int) -> None:
    """One section per question set and focus: the latest `limit` results, then the trends."""
    unicode = console.encoding.lower().startswith("utf")
    ordered = sorted(results, key=lambda saved: (saved.bank_id, saved.focus))
    for (bank_id, focus), group in groupby(ordered, key=lambda saved: (saved.bank_id, saved.focus)):
        rows = list(group)
        areas = list(rows[-1].areas)
        console.print(Text(f"{bank_id}, about: {focus} ({count(rows, 'result')})", style="bold"))
        # Light rules and single spaces between columns, so that the core set's headings fit
        # whole in 80 columns.
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True)
        table.add_column("#", justify="right")
        table.add_column("date", no_wrap=True)
        table.add_column("", no_wrap=True)  # "!": safety came first in this result
        for heading in ("overall", *areas):
            table.add_column(heading, justify="right")
        shown = rows[-limit:] if limit else rows
        for saved in shown:
            table.add_row(
                str(saved.id),
                f"{saved.created:%Y-%m-%d %H:%M}",
                CONCERN_MARK if saved.concern else "",
                _score(saved.overall),
                *(_cell(saved.areas.get(area), saved.wishes.get(area)) for area in areas),
            )
        console.print(table)
        if any(saved.wishes.get(area) for saved in shown for area in areas):
            console.print(Text(WISH_LEGEND, style="dim"))
        if any(saved.concern for saved in shown):
            console.print(Text(CONCERN_LEGEND, style="dim"))
        if len(shown) < len(rows):
            console.print(
                Text(f"(the latest {len(shown)} of {len(rows)}; --limit 0 shows all)", style="dim")
            )
        console.print(Text("Trend, oldest to newest:", style="dim"))
        trends = Table.grid(padding=(0, 2))
        for _ in range(3):
            trends.add_column()
        for area in ["overall", *areas]:
            scores = [
                saved.overall if area == "overall" else saved.areas.get(area) for saved in rows
            ]
            known = [score for score in scores if score is not None]
            ends = f"{known[0]} -> {known[-1]}" if known else "-"
            trends.add_row(area, sparkline(scores, unicode), ends)
        console.print(trends)
        console.print()


def footer() -> Footer:
    """The disclaimer and the crisis lines, under the history as under every summary."""
    from intimacy_cli import helplines
    from intimacy_cli.streams import DISCLAIMER

    return Footer(DISCLAIMER, helplines.for_country(helplines.country_code()).footer)


def _score(score: int | None) -> str:
    return "-" if score is None else str(score)


def _cell(score: int | None, wish: str | None) -> str:
    return f"{_score(score)}{WISH_MARKS[wish]}" if wish else _score(score)


def as_json(results: Sequence[Saved], with_safety_answers: bool) -> str:
    """The kept results for programs; like every export, without the answers to the safety
    questions unless asked for (and without any answers of a result whose question set is
    not at hand to tell which those are)."""
    banks: dict[str, Bank | None] = {}  # each question set loaded once, not once a result
    rows = [
        {
            "id": saved.id,
            "created": saved.created.isoformat(timespec="seconds"),
            "bank": {"id": saved.bank_id, "version": saved.bank_version},
            "focus": saved.focus,
            "country": saved.country or None,
            "overall": saved.overall,
            "areas": saved.areas,
            "wishes": saved.wishes,
            "safety_concern": saved.concern,
            "answers": saved.answers if with_safety_answers else _shared(saved, banks),
        }
        for saved in results
    ]
    # One result a line: json's C encoder does that, where indenting falls back to Python's.
    return "[\n" + ",\n".join(f"  {json.dumps(row)}" for row in rows) + "\n]\n" if rows else "[]\n"


def _shared(saved: Saved, banks: dict[str, Bank | None]) -> dict[str, object] | None:
    from intimacy_cli.report import shared_answers

    if saved.bank_id not in banks:
        banks[saved.bank_id] = _bank(saved.bank_id)
    bank = banks[saved.bank_id]
    if bank is None or bank.version != saved.bank_version:
        return None
    return dict(shared_answers(bank, saved.focus, saved.answers))


def _bank(bank_id: str) -> Bank | None:
    from intimacy_cli import catalog
    from intimacy_cli.errors import InputError

    try:
        return catalog.load_by_id(bank_id)
    except InputError:
        return None
