"""From scores to a Report: every word the summary says, and nothing about how it looks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from intimacy_cli import scoring
from intimacy_cli.bank import Area, Band, Bank, Practice, Question
from intimacy_cli.focus import FOCUSES, fill
from intimacy_cli.helplines import Country, Line
from intimacy_cli.scoring import Answer, AreaScore, Scores

DISCLAIMER = (
    "This is a tool for reflection, not a diagnosis. It is not intended to replace help, "
    "diagnosis or treatment from a clinical or medical professional. If you are struggling, "
    "please reach out to one."
)
NOTHING_SAVED = "Stopped. Nothing was saved."
SAFETY_FIRST = (
    "Some of your answers suggest that you may not always feel safe with {people}. Your safety "
    "matters more than closeness, and you deserve to feel safe. You do not have to work this out "
    "alone: support is available, free and confidential, whenever you want it."
)

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
NONE_CHOSEN_WORDS = "none of these"
MAX_PRACTICES = 4
SAME_WITHIN = 5  # score points: a smaller change reads as "about the same"


@dataclass(frozen=True)
class Previous:
    """The last saved result of the same question set and focus."""

    created: datetime
    areas: Mapping[str, int | None]


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
class Suggestion:
    """A practice to try, and the area it is for."""

    area: str
    text: str


@dataclass(frozen=True)
class Barrier:
    """Something chosen in a choose-any question, with its own reflection and practice."""

    label: str
    reflection: str
    practice: str | None  # None when it would ask to open up while safety comes first


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
    practices: tuple[Suggestion, ...]
    barriers: tuple[Barrier, ...]
    closing: str | None
    safety_first: str | None  # shown before the scores when a safety answer signals a concern
    safety_lines: tuple[Line, ...]  # support lines for the safety section
    answers: Mapping[str, Answer]
    responses: tuple[Response, ...]
    country: str
    crisis: str
    since: datetime | None = None  # when the previous result was saved, if there is one
    changes: tuple[str, ...] = ()  # what changed since then, area by area
    disclaimer: str = DISCLAIMER


def reflect(
    bank: Bank,
    focus: str,
    answers: Mapping[str, Answer],
    scores: Scores,
    created: datetime,
    country: Country,
    previous: Previous | None = None,
) -> Report:
    safety = scoring.safety_concern(bank, answers)
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
        practices=_choose_practices(bank, scores.areas, focus, safety),
        barriers=tuple(
            barrier
            for q in bank.questions
            for barrier in _barriers(q, answers.get(q.id), focus, safety)
        ),
        closing=fill(bank.closing, focus) if bank.closing else None,
        safety_first=fill(SAFETY_FIRST, focus) if safety else None,
        # The lines for people who may not be safe first, then the crisis lines.
        safety_lines=tuple(sorted(country.lines, key=lambda line: not line.safety))
        if safety
        else (),
        answers=dict(answers),
        responses=tuple(
            Response(fill(q.text, focus), _answer_words(bank, q, answers[q.id]))
            for q in bank.questions
        ),
        country=country.code,
        crisis=country.footer,
        since=previous.created if previous else None,
        changes=_changes(areas, previous) if previous else (),
    )


def _changes(areas: tuple[AreaReport, ...], previous: Previous) -> tuple[str, ...]:
    """Change since last time in kind words: movement is information, not a verdict."""
    lines = []
    for area in areas:
        before = previous.areas.get(area.id)
        if area.score is None or before is None:
            continue
        if area.score - before >= SAME_WITHIN:
            lines.append(
                f"{area.name}: up from {before} to {area.score}. Something you are "
                "doing may be helping."
            )
        elif before - area.score >= SAME_WITHIN:
            lines.append(
                f"{area.name}: {area.score}, from {before}. Closeness moves with what "
                "life brings; this is something to notice gently, not a verdict."
            )
        else:
            lines.append(
                f"{area.name}: about the same as last time ({before} then, {area.score} now)."
            )
    return tuple(lines)


def _usable(practice: Practice, safety: bool) -> bool:
    """While safety comes first, nothing that asks the person to open up more."""
    return not (safety and practice.opens_up)


def _barriers(question: Question, answer: Answer, focus: str, safety: bool) -> list[Barrier]:
    return [
        Barrier(
            choice.label,
            fill(choice.reflection, focus),
            fill(choice.practice.text, focus) if _usable(choice.practice, safety) else None,
        )
        for choice in scoring.chosen(question, answer)
    ]


def _answer_words(bank: Bank, question: Question, answer: Answer) -> str:
    if answer is None:
        return SKIPPED_WORDS
    if isinstance(answer, tuple):
        labels = [choice.label for choice in scoring.chosen(question, answer)]
        return "; ".join(labels) or NONE_CHOSEN_WORDS
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
    bank: Bank, scores: tuple[AreaScore, ...], focus: str, safety: bool
) -> tuple[Suggestion, ...]:
    """Two to four practices, from the one or two areas with the most room to grow."""
    scored = sorted((s for s in scores if s.score is not None), key=lambda s: s.score or 0)
    growing = [s for s in scored if s.band != "high"]
    # When every area is a strength, the lowest ones still get practices to keep it going;
    # when nothing could be scored, the bank's own order decides.
    ranked = [bank.area(s.area_id) for s in growing or scored] or list(bank.areas)
    usable = [(area, [p for p in area.practices if _usable(p, safety)]) for area in ranked]
    usable = [(area, practices) for area, practices in usable if practices]
    if not usable:
        return ()
    first_two = usable[:2]
    per_area = MAX_PRACTICES // len(first_two)
    chosen = [
        Suggestion(area.name, fill(practice.text, focus))
        for area, practices in first_two
        for practice in practices[:per_area]
    ]
    for area, practices in usable[2:]:  # only when the first areas have very few practices
        if len(chosen) >= 2:
            break
        chosen.append(Suggestion(area.name, fill(practices[0].text, focus)))
    return tuple(chosen[:MAX_PRACTICES])
