"""What a run does, step by step, apart from how the command line asks for it.

A check:
    1. load the question set (`catalog`), checked before any question;
    2. ask who to reflect on and the questions (`quiz`), or read the answers (`answersfile`);
    3. score them (`scoring.score`): safety answers are never scored, wishes are kept apart;
    4. read the last kept result of the same set and focus, if any, without writing a byte
       (`history`), to say what changed since then;
    5. reflect (`report.reflect`): every word the person will read, safety first;
    6. lay it out (`layout.summary`) and draw it on the screen, or export it (`render`);
    7. keep it in the history, only if the person said so.

Showing a kept result again runs steps 3, 5 and 6 on the kept answers (`kept`), and comparing
two results scores each side the same way (`compare`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from intimacy_cli import helplines, layout, report, scoring
from intimacy_cli.bank import Bank
from intimacy_cli.comparison import Comparison, Result
from intimacy_cli.history import HistoryError, Saved
from intimacy_cli.output import notice
from intimacy_cli.report import Previous, Report
from intimacy_cli.scoring import Answer

OLD_VERSION_NOTE = (
    "This result was kept with version {version} of these questions, and the questions have "
    "changed since. Its words belonged to the old questions, so it is shown as it was scored: "
    "the number for each part, nothing more."
)


def reflect(
    bank: Bank,
    focus: str,
    answers: Mapping[str, Answer],
    country: str,
    created: datetime,
    previous: Previous | None = None,
) -> Report:
    """Steps 3 and 5: the report for these answers."""
    place = helplines.for_country(country)
    scores = scoring.score(bank, focus, answers)
    return report.reflect(bank, focus, answers, scores, created, place, previous)


def previous(bank: Bank, focus: str) -> Previous | None:
    """Step 4: the last kept result of this set, version and focus, scored again; never
    required, so any problem with the history is a notice and the run goes on."""
    from intimacy_cli import history

    try:
        saved = history.latest(bank.id, bank.version, focus)
    except HistoryError as error:
        notice(f"(Not comparing with last time: {error}.)")
        return None
    if saved is None or not scoring.answers_fit(bank, focus, saved.answers):
        return None
    return Previous(saved.created, scoring.score(bank, focus, saved.answers))


def kept(saved: Saved, bank: Bank) -> Report | None:
    """A kept result's report, rebuilt from its answers; None when it was made with another
    version of its questions (see `as_scored`)."""
    if saved.bank_version != bank.version:
        return None
    if not scoring.answers_fit(bank, saved.focus, saved.answers):
        raise HistoryError(f"result #{saved.id} does not fit '{saved.bank_id}'; it may be damaged")
    country = saved.country or helplines.country_code()
    return reflect(bank, saved.focus, saved.answers, country, saved.created)


def as_scored(saved: Saved) -> list[layout.Block]:
    """A result kept with an older version of its questions: its scores as they were kept."""
    from intimacy_cli.focus import FOCUSES

    place = helplines.for_country(saved.country or helplines.country_code())
    return [
        layout.Title(
            f"{saved.bank_id}, version {saved.bank_version}: a kept result",
            f"About {FOCUSES[saved.focus]['people']}, {saved.created.day} {saved.created:%B %Y}",
        ),
        layout.Paragraph(OLD_VERSION_NOTE.format(version=saved.bank_version)),
        layout.Table(
            ("Part", "Score"),
            tuple(
                (area, "-" if score is None else str(score)) for area, score in saved.areas.items()
            ),
        ),
        layout.Footer(report.DISCLAIMER, place.footer),
    ]


def as_scored_data(saved: Saved) -> dict[str, Any]:
    place = helplines.for_country(saved.country or helplines.country_code())
    return {
        "format": "intimacy-kept-scores",
        "format_version": 1,
        "bank": {"id": saved.bank_id, "version": saved.bank_version},
        "focus": saved.focus,
        "created": saved.created.isoformat(timespec="seconds"),
        "note": OLD_VERSION_NOTE.format(version=saved.bank_version),
        "scores": {"overall": saved.overall, "areas": saved.areas},
        "disclaimer": report.DISCLAIMER,
        "crisis": place.footer,
    }


def compare(bank: Bank, first: Result, second: Result, country: str) -> Comparison:
    from intimacy_cli import comparison

    return comparison.compare(bank, first, second, helplines.for_country(country))
