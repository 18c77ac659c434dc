"""Pure arithmetic from answers to scores: no text, no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from intimacy_cli.bank import Band, Bank, Choice, Question

# A scale value; the chosen choice ids of a choose-any question (maybe none); or None for
# "prefer not to say".
Answer = int | tuple[str, ...] | None


@dataclass(frozen=True)
class AreaScore:
    area_id: str
    score: int | None  # 0-100; None when too few questions were answered to say
    band: Band | None
    answered: int
    total: int


@dataclass(frozen=True)
class Scores:
    areas: tuple[AreaScore, ...]
    overall: int | None
    overall_band: Band | None


def band_of(bank: Bank, score: int) -> Band:
    if score < bank.low_below:
        return "low"
    return "high" if score >= bank.high_from else "middle"


def item_score(bank: Bank, question: Question, value: int) -> float:
    """One answer on 0-1, where 1 is always the closer end (reverse items are flipped)."""
    lowest, highest = bank.scale[0].value, bank.scale[-1].value
    position = (value - lowest) / (highest - lowest)
    return 1 - position if question.reverse else position


def score(bank: Bank, answers: Mapping[str, Answer]) -> Scores:
    areas = tuple(_area_score(bank, area_id, answers) for area_id in (a.id for a in bank.areas))
    scored = [area.score for area in areas if area.score is not None]
    # The overall score weighs each area equally, however many questions it has.
    overall = round(sum(scored) / len(scored)) if scored else None
    return Scores(areas, overall, band_of(bank, overall) if overall is not None else None)


def _area_score(bank: Bank, area_id: str, answers: Mapping[str, Answer]) -> AreaScore:
    questions = [q for q in bank.scale_questions if q.area == area_id]
    values = [
        item_score(bank, q, value) for q in questions if isinstance(value := answers.get(q.id), int)
    ]
    # Skipped questions are left out of the mean; when most were skipped there is too little
    # to reflect back honestly, so we say so instead of showing a low score.
    if not values or 2 * len(values) < len(questions):
        return AreaScore(area_id, None, None, len(values), len(questions))
    area_score = round(100 * sum(values) / len(values))
    return AreaScore(area_id, area_score, band_of(bank, area_score), len(values), len(questions))


def safety_concern(bank: Bank, answers: Mapping[str, Answer]) -> bool:
    """Whether any safety question was answered at its concerning end."""
    return any(answers.get(q.id) in q.concern for q in bank.scale_questions if q.concern)


def chosen(question: Question, answer: Answer) -> tuple[Choice, ...]:
    """The choices picked in a choose-any answer, in the question's order."""
    picked = answer if isinstance(answer, tuple) else ()
    return tuple(choice for choice in question.choices if choice.id in picked)


def answers_fit(bank: Bank, answers: Mapping[str, Answer]) -> bool:
    """Whether every question has an answer its kind allows (for answers kept elsewhere)."""
    values = {point.value for point in bank.scale}
    for question in bank.questions:
        if question.id not in answers:
            return False
        answer = answers[question.id]
        if answer is None:
            continue
        if question.kind == "choose-any":
            ids = {choice.id for choice in question.choices}
            if not (isinstance(answer, tuple) and set(answer) <= ids):
                return False
        elif isinstance(answer, bool) or answer not in values:
            return False
    return True
