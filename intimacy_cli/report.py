"""From scores to a Report: every word the summary says, and nothing about how it looks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from intimacy_cli.bank import FOCUSES, Area, Band, Bank, fill
from intimacy_cli.scoring import Answer, AreaScore, Scores

DISCLAIMER = (
    "This is a tool for reflection, not a diagnosis. It is not intended to replace help, "
    "diagnosis or treatment from a clinical or medical professional. If you are struggling, "
    "please reach out to one."
)
CRISIS_FOOTER = (
    "If you are in crisis, call or text 988 (Suicide & Crisis Lifeline, US); in immediate danger "
    "call 911 or your local emergency number; outside the US see findahelpline.com."
)
BEFORE_YOU_START = "This is for reflection, not a diagnosis. Your answers stay on this computer."
NOTHING_SAVED = "Stopped. Nothing was saved."

BAND_WORDS: dict[Band, str] = {"low": "room to grow", "middle": "growing", "high": "a strength"}
NOT_ENOUGH_ANSWERS = "not enough answers"
NOT_ENOUGH_REFLECTION = (
    "You skipped most of these questions, so there is too little here to reflect back. "
    "That is okay: you decide what to look at, and when."
)
SKIPPED_MOST_HEADLINE = (
    "You skipped most of the questions, so there is little to reflect back this time, and that "
    "is okay. The practices below are a gentle place to start whenever you feel ready."
)
NO_STRENGTH_YET = (
    "Nothing stands out as a strength just yet, and that is okay: taking this time to reflect "
    "is a step in itself."
)
SKIPPED_WORDS = "skipped (prefer not to say)"
MAX_PRACTICES = 4


@dataclass(frozen=True)
class AreaReport:
    id: str
    name: str
    score: int | None
    band: Band | None
    band_words: str
    reflection: str
    answered: int
    total: int


@dataclass(frozen=True)
class Practice:
    area: str
    text: str


@dataclass(frozen=True)
class Response:
    """One question and the answer given, in words (for the exports)."""

    question: str
    answer: str


@dataclass(frozen=True)
class Report:
    bank_id: str
    bank_title: str
    bank_version: int
    focus: str
    focus_words: str
    created: datetime
    headline: str
    overall: int | None
    overall_band: Band | None
    areas: tuple[AreaReport, ...]
    going_well: tuple[str, ...]
    practices: tuple[Practice, ...]
    answers: Mapping[str, Answer]
    responses: tuple[Response, ...]
    disclaimer: str = DISCLAIMER
    crisis: str = CRISIS_FOOTER


def reflect(
    bank: Bank, focus: str, answers: Mapping[str, Answer], scores: Scores, created: datetime
) -> Report:
    areas = tuple(_area_report(bank.area(s.area_id), s, focus) for s in scores.areas)
    headline = (
        fill(bank.headlines[scores.overall_band], focus)
        if scores.overall_band
        else SKIPPED_MOST_HEADLINE
    )
    strengths = tuple(area.name for area in areas if area.band == "high")
    return Report(
        bank_id=bank.id,
        bank_title=bank.title,
        bank_version=bank.version,
        focus=focus,
        focus_words=FOCUSES[focus]["people"],
        created=created,
        headline=headline,
        overall=scores.overall,
        overall_band=scores.overall_band,
        areas=areas,
        going_well=strengths or (NO_STRENGTH_YET,),
        practices=_choose_practices(bank, scores.areas, focus),
        answers=dict(answers),
        responses=tuple(
            Response(fill(q.text, focus), _answer_words(bank, answers[q.id]))
            for q in bank.questions
        ),
    )


def _answer_words(bank: Bank, answer: Answer) -> str:
    if answer is None:
        return SKIPPED_WORDS
    return next(point.label for point in bank.scale if point.value == answer)


def _area_report(area: Area, score: AreaScore, focus: str) -> AreaReport:
    if score.band is None:
        band_words, reflection = NOT_ENOUGH_ANSWERS, NOT_ENOUGH_REFLECTION
    else:
        band_words, reflection = BAND_WORDS[score.band], fill(area.reflections[score.band], focus)
    return AreaReport(
        area.id,
        area.name,
        score.score,
        score.band,
        band_words,
        reflection,
        score.answered,
        score.total,
    )


def _choose_practices(
    bank: Bank, scores: tuple[AreaScore, ...], focus: str
) -> tuple[Practice, ...]:
    """Two to four practices, from the one or two areas with the most room to grow."""
    scored = sorted((s for s in scores if s.score is not None), key=lambda s: s.score or 0)
    growing = [s for s in scored if s.band != "high"]
    # When every area is a strength, the lowest ones still get practices to keep it going;
    # when nothing could be scored, the bank's own order decides.
    ranked = [bank.area(s.area_id) for s in growing or scored] or list(bank.areas)
    first_two = ranked[:2]
    per_area = MAX_PRACTICES // len(first_two)
    chosen = [
        Practice(area.name, fill(text, focus))
        for area in first_two
        for text in area.practices[:per_area]
    ]
    for area in ranked[2:]:  # only when the first areas have very few practices
        if len(chosen) >= 2:
            break
        chosen.append(Practice(area.name, fill(area.practices[0], focus)))
    return tuple(chosen[:MAX_PRACTICES])
