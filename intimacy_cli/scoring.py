"""Pure arithmetic from answers to scores: no text, no I/O.

Only scored questions count towards an area (safety questions never do). Each pass over the
questions is a single one, so the work grows in step with the size of the question file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from intimacy_cli.bank import WISHES, Answer, Band, Bank, Choice, Question


@dataclass(frozen=True)
class AreaScore:
    area_id: str
    score: int | None  # 0-100; None when too few questions were answered to say
    exact: float | None  # the unrounded mean on 0-1, for comparing with another time
    band: Band | None
    answered: int
    total: int
    wish: str | None  # what the person would like (a key of WISHES), or None if unsaid
    wish_asked: bool


@dataclass(frozen=True)
class Scores:
    areas: tuple[AreaScore, ...]
    overall: int | None
    overall_band: Band | None
    concern: bool  # a safety answer signals that the person may not feel safe
    # Short of a concern, care is due (no praise, only practices safe then, the support
    # lines) when a safety question, or most of an area marked `caution_if_low`, was left
    # unanswered ...
    unease: bool = False
    # ... or when an area marked `caution_if_low` is low: the name of the first such area.
    guarded_by: str | None = None

    @property
    def cautious(self) -> bool:
        return self.concern or self.unease or self.guarded_by is not None


def band_of(bank: Bank, score: int) -> Band:
    if score < bank.low_below:
        return "low"
    return "high" if score >= bank.high_from else "middle"


def item_score(bank: Bank, question: Question, value: int) -> float:
    """One answer on 0-1, where 1 is always the closer end (reverse items are flipped)."""
    lowest, highest = bank.scale[0].value, bank.scale[-1].value
    position = (value - lowest) / (highest - lowest)
    return 1 - position if question.reverse else position


def score(bank: Bank, focus: str, answers: Mapping[str, Answer]) -> Scores:
    asked = bank.asked(focus)
    by_area: dict[str, list[Question]] = {}
    wish_questions: dict[str, Question] = {}
    for question in asked:
        if question.scored and question.area is not None:
            by_area.setdefault(question.area, []).append(question)
        elif question.kind == "wish" and question.area is not None:
            wish_questions[question.area] = question
    areas = tuple(
        _area_score(bank, area.id, by_area[area.id], wish_questions.get(area.id), answers)
        for area in bank.areas
        if area.id in by_area
    )
    scored = [area.score for area in areas if area.score is not None]
    # The overall score weighs each area equally, however many questions it has.
    overall = round(sum(scored) / len(scored)) if scored else None
    return Scores(
        areas,
        overall,
        band_of(bank, overall) if overall is not None else None,
        bool(concerns(asked, answers)),
        _skipped_safety(asked, answers, areas) or _unanswered_care(bank, areas),
        _guarded_by(bank, areas),
    )


def _unanswered_care(bank: Bank, areas: tuple[AreaScore, ...]) -> bool:
    """An area marked `caution_if_low` left mostly unanswered: skipping it must not be a way
    around the care that a low score there brings."""
    by_id = bank.areas_by_id()
    return any(a.band is None and by_id[a.area_id].caution_if_low for a in areas)


def _guarded_by(bank: Bank, areas: tuple[AreaScore, ...]) -> str | None:
    """The first area marked `caution_if_low` that scored low."""
    by_id = bank.areas_by_id()
    return next(
        (a.area_id for a in areas if a.band == "low" and by_id[a.area_id].caution_if_low), None
    )


def _area_score(
    bank: Bank,
    area_id: str,
    questions: list[Question],
    wish_question: Question | None,
    answers: Mapping[str, Answer],
) -> AreaScore:
    values = [
        item_score(bank, q, value)
        for q in questions
        if isinstance(value := answers.get(q.id), int) and not isinstance(value, bool)
    ]
    wish = answers.get(wish_question.id) if wish_question else None
    wish = wish if isinstance(wish, str) and wish in WISHES else None
    # Skipped questions are left out of the mean; when most were skipped there is too little
    # to reflect back honestly, so we say so instead of showing a low score.
    if not values or 2 * len(values) < len(questions):
        return AreaScore(
            area_id, None, None, None, len(values), len(questions), wish, wish_question is not None
        )
    exact = sum(values) / len(values)
    area_score = round(100 * exact)
    return AreaScore(
        area_id,
        area_score,
        exact,
        band_of(bank, area_score),
        len(values),
        len(questions),
        wish,
        wish_question is not None,
    )


def one_step(bank: Bank, area: AreaScore) -> float:
    """How far (0-100) one answer moving one point of the scale moves this area's score."""
    return 100 / ((len(bank.scale) - 1) * max(area.answered, 1))


def change(bank: Bank, now: AreaScore, then: AreaScore) -> int:
    """+1 or -1 when the area moved by more than one answer moving one step could explain
    (at either time), else 0: smaller movements are within what answering alone can give."""
    if now.exact is None or then.exact is None:
        return 0
    moved = 100 * (now.exact - then.exact)
    if abs(moved) <= max(one_step(bank, now), one_step(bank, then)) + 1e-9:
        return 0
    return 1 if moved > 0 else -1


def concerns(
    asked: tuple[Question, ...], answers: Mapping[str, Answer]
) -> tuple[Question | Choice, ...]:
    """What signalled a safety concern: safety questions answered at a concerning value, and
    safety choices ticked."""
    found: list[Question | Choice] = []
    for question in asked:
        answer = answers.get(question.id)
        if question.kind == "choose-any":
            found += [choice for choice in chosen(question, answer) if choice.safety]
        elif isinstance(answer, int) and answer in question.concern:
            found.append(question)
    return tuple(found)


def _skipped_safety(
    asked: tuple[Question, ...], answers: Mapping[str, Answer], areas: tuple[AreaScore, ...]
) -> bool:
    """A safety question asked and skipped: the person may have had a reason not to say.
    Unless it sits beside an optional part that was skipped too: that is declining the part."""
    declined = {a.area_id for a in areas if a.band is None}
    return any(
        q.safety and answers.get(q.id) is None and q.declined_with not in declined for q in asked
    )


def chosen(question: Question, answer: Answer) -> tuple[Choice, ...]:
    """The choices picked in a choose-any answer, in the question's order."""
    picked = answer if isinstance(answer, tuple) else ()
    return tuple(choice for choice in question.choices if choice.id in picked)


def answers_fit(bank: Bank, focus: str, answers: Mapping[str, Answer]) -> bool:
    """Whether the answers are the questions asked with `focus`, each with an answer its kind
    allows (for answers kept elsewhere, such as the history)."""
    asked = bank.asked(focus)
    if set(answers) != {question.id for question in asked}:
        return False
    values = {point.value for point in bank.scale}
    return all(_fits(question, answers[question.id], values) for question in asked)


def _fits(question: Question, answer: Answer, values: set[int]) -> bool:
    if answer is None:
        return True
    if question.kind == "choose-any":
        ids = {choice.id for choice in question.choices}
        return isinstance(answer, tuple) and set(answer) <= ids
    if question.kind == "wish":
        return isinstance(answer, str) and answer in WISHES
    return isinstance(answer, int) and not isinstance(answer, bool) and answer in values
