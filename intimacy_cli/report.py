"""From scores to a Report: every word the summary says, and nothing about how it looks.

Two rules govern what is said:

- Safety first. When a safety answer signals a concern, the whole reflection changes: a
  safety headline and section instead of the closeness headline, no area called a strength,
  no "going well", and only practices marked `safe_if_concern` (support for the person on
  their own). Everything else is left out by default: nothing asks them to open up to, test,
  confront or spend more time with that person, or to go to joint or couples counselling.
- The person's wish before the score. An area that suits them as it is is never "room to
  grow"; practices go to the areas where they would like a change, and "less" brings
  practices about boundaries and space.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from intimacy_cli import scoring
from intimacy_cli.bank import (
    WANTS_MORE,
    WISHES,
    Answer,
    Area,
    Band,
    Bank,
    Choice,
    Practice,
    Question,
)
from intimacy_cli.focus import FOCUSES, fill
from intimacy_cli.helplines import Country, Line
from intimacy_cli.scoring import AreaScore, Scores
from intimacy_cli.streams import DISCLAIMER

SAFETY_HEADLINE = (
    "Some of your answers suggest that you may not always feel safe with {people}. That "
    "matters more than anything else in this reflection."
)
SAFETY_FIRST = (
    "Feeling unsafe with someone close to you is never your fault, and you do not have to face "
    "it alone. The people at the lines below listen without judging, and they can help you "
    "think through what would keep you safe, whenever you are ready. You do not need to be "
    "sure what is happening, or ready to change anything, to call."
)
SUPPORT_INTRO = (
    "Support for you, on your own terms. Counselling together is not advised while you may not "
    "feel safe; help just for you comes first:"
)
SUPPORT = (
    "a counsellor or therapist of your own, someone who is there for you alone;",
    "someone you trust, a friend or a relative, whom you could talk to;",
    "a plan for a hard moment: where you could go, who you would call, and important numbers "
    "kept somewhere safe;",
    "one of the lines above, even just to talk things over.",
)
LEAVE_NO_TRACE = (
    "If someone else may look at this computer: `intimacy check --private` leaves nothing on "
    "the screen when it ends; a result is kept only if you say yes; `intimacy history forget "
    "--all` removes kept results for good; delete any file you exported; and close the "
    "terminal window you used when you are done, since clearing the screen may not clear what "
    "can be scrolled back to. Your shell keeps the commands you typed, and a browser the pages "
    "it opened, an exported page included; wiping all of that can itself be noticed, so "
    "removing only these entries, or using a device they do not use, may be safer. If your "
    "phone may be checked, calls, texts and web pages can show in its history; a friend's "
    "phone or a work phone may be safer for reaching out."
)
AREAS_UNDER_CONCERN = (
    "While safety comes first, the parts below are shown as numbers only, without praise or "
    "advice about closeness. Scores can look high even when fear or pressure is there: what "
    "you said about fear or pressure matters more than any number here."
)
SKIPPED_SAFETY = (
    "You did not answer every question about feeling safe with {people}, and that is fine: "
    "you never have to say. So this reflection keeps to the numbers and to ideas that are just "
    "for you. In case it is ever useful, these lines are there for anyone who feels uneasy or "
    "afraid with someone close, even just to talk:"
)
GUARDED = (
    "Your answers about {area} suggest that being open with {people} may not feel safe at the "
    "moment. So this reflection keeps to the numbers and to ideas that are just for you. If you "
    "ever feel uneasy or afraid with them, these lines are there for you, even just to talk:"
)
CAUTION_PRIVACY = (
    "If someone else may see this screen: `intimacy check --private` leaves nothing behind "
    "when it ends, and closing the terminal window helps too."
)
CAUTION_HEADLINE = "Here is what your answers suggest, part by part."

# Words for where a score falls. The bands are words for reflection chosen by the authors of
# the question set, not norms: "a strength" and "room to grow" also depend on what the person
# would like (see `_band_words`).
LEVEL_WORDS: dict[Band, str] = {"low": "low", "middle": "in the middle", "high": "high"}
STRENGTH = "a strength"
ROOM_TO_GROW = "room to grow"
NOT_ENOUGH_ANSWERS = "not enough answers"
NOT_ENOUGH_REFLECTION = (
    "You skipped most of these questions, so there is too little here to reflect back. "
    "That is okay: you decide what to look at, and when."
)
SKIPPED_MOST_HEADLINE = (
    "You skipped most of the questions, so there is little to reflect back this time, and that "
    "is okay."
)
NO_STRENGTH = (
    "None of the parts is marked as a strength this time, and that is fine: this is a picture "
    "of one moment, not a verdict."
)

# What the person said they would like, in the summary's words.
WISH_WORDS = {
    "as-is": "It suits you as it is.",
    "a-little-more": "You would like a little more.",
    "much-more": "You would like much more.",
    "less": "You would like more space here.",
}
WISH_SHORT = {
    "as-is": "as it is",
    "a-little-more": "a little more",
    "much-more": "much more",
    "less": "less",
}
WISH_UNSAID = "You did not say how you would like this to be."
WISH_UNSAID_WORDS = "not said"
WISHES_UNSAID = (
    "You did not say how you would like these parts to be, so this reflection does not assume "
    "either way."
)
ALL_AS_IT_IS = "You said that each part suits you as it is."
PRACTICES_FOR_LOWEST = (
    "You did not say where you would like a change, so these are for parts your answers do not "
    "put high, in case you would like more there."
)
NOTHING_TO_CHANGE = (
    "You said each part suits you as it is, so there is nothing here you need to change."
)

SKIPPED_WORDS = "skipped (prefer not to say)"
NONE_CHOSEN_WORDS = "none of these"
MAX_PRACTICES = 4


@dataclass(frozen=True)
class Previous:
    """The last kept result of the same question set, version and focus, scored again."""

    created: datetime
    scores: Scores


@dataclass(frozen=True)
class AreaReport:
    id: str
    name: str
    score: int | None
    band: Band | None
    band_words: str
    wish: str | None  # a key of WISHES, or None when not said
    wish_words: str | None  # None when the set does not ask
    reflection: str | None  # None while safety comes first
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
    reflection: str | None  # None while safety comes first
    practice: str | None  # None when it is not safe to suggest while safety comes first


@dataclass(frozen=True)
class Response:
    """One question and the answer given, in words (for the exports)."""

    id: str
    question: str
    answer: str
    # The answer as an export shows it unless safety answers are asked for: None for a safety
    # question; for a checklist, without the safety choices ticked.
    shared: str | None


@dataclass(frozen=True)
class Report:
    bank_id: str
    bank_title: str
    bank_version: int
    focus: str
    focus_words: str
    created: datetime
    concern: bool  # a safety answer signals a concern: safety governs what follows
    headline: str
    safety_notes: tuple[str, ...]  # what the answers that signalled the concern bring
    caution: str | None  # why care is due short of a concern, before the support lines
    wishes: str | None  # what the person would like, area by area, in a sentence
    overall: int | None
    overall_band: Band | None
    areas: tuple[AreaReport, ...]
    going_well: tuple[str, ...]  # empty while safety comes first
    practices: tuple[Suggestion, ...]
    practices_note: str | None
    barriers: tuple[Barrier, ...]
    closing: str | None
    safety_lines: tuple[Line, ...]  # support lines for the safety section; empty without one
    answers: Mapping[str, Answer]
    shared_answers: Mapping[str, Answer]  # without the safety answers (see Response.shared)
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
    concern = scores.concern
    # A concern, or care due short of one: no praise, and no practice that asks anything of
    # the other person.
    cautious = scores.cautious
    # When no wish was said at all, the summary says so once rather than under every part.
    any_wish = any(s.wish is not None for s in scores.areas)
    by_id = bank.areas_by_id()
    areas = tuple(
        _area_report(by_id[s.area_id], s, focus, concern, cautious, any_wish) for s in scores.areas
    )
    practices, practices_note = _choose_practices(bank, scores.areas, focus, cautious)
    asked = bank.asked(focus)
    signalled = scoring.concerns(asked, answers)
    shared = shared_answers(bank, focus, answers)
    return Report(
        bank_id=bank.id,
        bank_title=bank.title,
        bank_version=bank.version,
        focus=focus,
        focus_words=FOCUSES[focus]["people"],
        created=created,
        concern=concern,
        headline=fill(_headline(bank, scores), focus),
        safety_notes=tuple(fill(note, focus) for note in map(_note, signalled) if note),
        caution=None if concern else _caution(scores, by_id, focus),
        wishes=_wishes(scores.areas, {area.id: area.name for area in areas}),
        overall=scores.overall,
        overall_band=scores.overall_band,
        areas=areas,
        going_well=() if cautious else _going_well(areas),
        practices=practices,
        practices_note=practices_note,
        barriers=tuple(
            barrier for q in asked for barrier in _barriers(q, answers.get(q.id), focus, scores)
        ),
        closing=fill(bank.closing, focus) if bank.closing and not concern else None,
        safety_lines=_safety_lines(country, scores),
        answers=dict(answers),
        shared_answers=shared,
        responses=tuple(
            Response(
                q.id,
                fill(q.text, focus),
                _answer_words(bank, q, answers.get(q.id)),
                _answer_words(bank, q, shared[q.id]) if q.id in shared else None,
            )
            for q in asked
        ),
        country=country.code,
        crisis=country.footer,
        since=previous.created if previous else None,
        changes=_changes(bank, scores, previous) if previous else (),
    )


def _headline(bank: Bank, scores: Scores) -> str:
    if scores.concern:
        return SAFETY_HEADLINE
    if scores.overall_band is None:
        return SKIPPED_MOST_HEADLINE
    if scores.cautious:
        return CAUTION_HEADLINE
    return bank.headlines[scores.overall_band]


def _note(signal: Question | Choice) -> str | None:
    """What a safety answer brings to the safety section: a question's note, or the reflection
    of a checklist choice (shown there, first, instead of among the other choices)."""
    return signal.reflection if isinstance(signal, Choice) else signal.concern_note


def shared_answers(bank: Bank, focus: str, answers: Mapping[str, Answer]) -> dict[str, Answer]:
    """The answers as an export shows them unless safety answers are asked for: without the
    safety questions, and without the safety choices ticked in a checklist."""
    return {q.id: _shared(q, answers.get(q.id)) for q in bank.asked(focus) if not q.safety}


def _shared(question: Question, answer: Answer) -> Answer:
    """A checklist answer without its safety choices; any other answer as it is."""
    if question.kind != "choose-any" or not isinstance(answer, tuple):
        return answer
    kept = {choice.id for choice in question.choices if not choice.safety}
    return tuple(choice_id for choice_id in answer if choice_id in kept)


def _band_words(band: Band | None, wish: str | None, concern: bool, cautious: bool) -> str:
    if band is None:
        return NOT_ENOUGH_ANSWERS
    if concern:
        return ""  # numbers only: even "high" could read as reassurance
    if band == "high" and wish != "less" and not cautious:
        return STRENGTH
    if band != "high" and wish in WANTS_MORE and not cautious:
        return ROOM_TO_GROW  # not under caution: it would make feeling unsafe their work
    return LEVEL_WORDS[band]


def _area_report(
    area: Area, score: AreaScore, focus: str, concern: bool, cautious: bool, any_wish: bool
) -> AreaReport:
    if concern or (cautious and score.band == "high"):
        reflection = None  # under caution, the high reflections would read as praise
    elif score.band is None:
        reflection = NOT_ENOUGH_REFLECTION
    else:
        reflection = fill(area.reflections[score.band], focus)
    wish_words = None
    if score.wish:
        wish_words = WISH_WORDS[score.wish]
    elif score.wish_asked and any_wish:
        wish_words = WISH_UNSAID
    return AreaReport(
        area.id,
        area.name,
        score.score,
        score.band,
        _band_words(score.band, score.wish, concern, cautious),
        score.wish,
        wish_words,
        reflection,
        score.answered,
        score.total,
    )


def _wishes(scores: tuple[AreaScore, ...], names: dict[str, str]) -> str | None:
    """What the person would like, in one or two sentences; None when the set does not ask."""
    asked = [area for area in scores if area.wish_asked]
    if not asked:
        return None
    more = [names[area.area_id] for area in asked if area.wish in WANTS_MORE]
    less = [names[area.area_id] for area in asked if area.wish == "less"]
    if not more and not less:
        if all(area.wish == "as-is" for area in asked):
            return ALL_AS_IT_IS
        if all(area.wish is None for area in asked):
            return WISHES_UNSAID
    sentences = []
    if more:
        sentences.append(f"You said you would like more in: {', '.join(more)}.")
    if less:
        sentences.append(f"You would like more space in: {', '.join(less)}.")
    return " ".join(sentences) or None


def _going_well(areas: tuple[AreaReport, ...]) -> tuple[str, ...]:
    return tuple(area.name for area in areas if area.band_words == STRENGTH) or (NO_STRENGTH,)


def _changes(bank: Bank, scores: Scores, previous: Previous) -> tuple[str, ...]:
    """Change since last time in neutral words: movement is information, not a verdict. A
    change is named only when it is larger than one answer moving one step could make."""
    before = {area.area_id: area for area in previous.scores.areas}
    names = {area.id: area.name for area in bank.areas}
    lines = []
    for now in scores.areas:
        then = before.get(now.area_id)
        if then is None or now.score is None or then.score is None:
            continue
        moved = scoring.change(bank, now, then)
        how = {1: "higher than", -1: "lower than", 0: "about the same as"}[moved]
        line = f"{names[now.area_id]}: {how} last time ({then.score} then, {now.score} now)."
        if now.wish and then.wish and now.wish != then.wish:
            line += (
                f" What you would like: {WISH_SHORT[then.wish]} then, {WISH_SHORT[now.wish]} now."
            )
        lines.append(line)
    return tuple(lines)


def usable(practice: Practice, concern: bool) -> bool:
    """Default-deny: while safety comes first, only practices marked safe for that case."""
    return practice.safe_if_concern or not concern


def _barriers(question: Question, answer: Answer, focus: str, scores: Scores) -> list[Barrier]:
    """The choices ticked, each with its reflection and practice; while safety comes first,
    without the reflections (they speak of closeness), and without the safety choices, which
    the safety section shows first. A practice only if it is safe whenever caution is due."""
    concern, cautious = scores.concern, scores.cautious
    return [
        Barrier(
            choice.label,
            None if concern else fill(choice.reflection, focus),
            fill(choice.practice.text, focus) if usable(choice.practice, cautious) else None,
        )
        for choice in scoring.chosen(question, answer)
        if not (concern and choice.safety)
    ]


def _caution(scores: Scores, areas: dict[str, Area], focus: str) -> str | None:
    """Why care is due, short of a concern: what the answers said, else the skipped question."""
    if scores.guarded_by is not None:
        name = areas[scores.guarded_by].name
        return fill(GUARDED.replace("{area}", f'"{name}"'), focus)
    return fill(SKIPPED_SAFETY, focus) if scores.unease else None


def _safety_lines(country: Country, scores: Scores) -> tuple[Line, ...]:
    """Under a concern, every line, the emergency number and the ones for people who may not
    be safe first; when care is due short of a concern, those lines alone (all of them where
    none is marked so)."""
    if scores.concern:
        return country.safety_first
    if scores.cautious:
        return tuple(line for line in country.lines if line.safety) or country.lines
    return ()


def _answer_words(bank: Bank, question: Question, answer: Answer) -> str:
    if question.kind == "wish":
        return WISHES[answer] if isinstance(answer, str) and answer in WISHES else WISH_UNSAID_WORDS
    if answer is None:
        return SKIPPED_WORDS
    if isinstance(answer, tuple):
        labels = [choice.label for choice in scoring.chosen(question, answer)]
        return "; ".join(labels) or NONE_CHOSEN_WORDS
    return next(point.label for point in bank.scale if point.value == answer)


def _targets(scores: tuple[AreaScore, ...]) -> tuple[list[tuple[AreaScore, str]], str | None]:
    """The areas that get practices, with the wish each serves, and a note on the choice."""

    def lowest_first(area: AreaScore) -> float:
        return area.exact if area.exact is not None else 2.0  # unscored areas last

    if any(area.wish is not None for area in scores):
        much = [(a, "more") for a in scores if a.wish == "much-more"]
        little = [(a, "more") for a in scores if a.wish == "a-little-more"]
        less = [(a, "less") for a in scores if a.wish == "less"]
        targets = sorted(much, key=lambda t: lowest_first(t[0]))
        targets += sorted(little, key=lambda t: lowest_first(t[0]))
        targets += sorted(less, key=lambda t: lowest_first(t[0]))
        return targets, None if targets else NOTHING_TO_CHANGE
    # Nothing said: the lowest parts, in case the person would like more there.
    ranked = sorted(scores, key=lowest_first)
    below_high = [area for area in ranked if area.band != "high"]
    return [(area, "more") for area in below_high or ranked], PRACTICES_FOR_LOWEST


def _choose_practices(
    bank: Bank, scores: tuple[AreaScore, ...], focus: str, cautious: bool
) -> tuple[tuple[Suggestion, ...], str | None]:
    """Up to four practices, from the first one or two areas that want a change; when caution
    is due, only those marked safe then."""
    targets, note = _targets(scores)
    if cautious:
        note = None  # the notes speak of wanting more closeness: not while caution is due
    usable_by_area = []
    by_id = bank.areas_by_id()
    for score, wish in targets:
        area = by_id[score.area_id]
        fitting = [p for p in area.practices if p.wish in (wish, "any") and usable(p, cautious)]
        if fitting:
            usable_by_area.append((area, fitting))
    if not usable_by_area:
        return (), note if not targets else None
    first_two = usable_by_area[:2]
    per_area = MAX_PRACTICES // len(first_two)
    chosen = [
        Suggestion(area.name, fill(practice.text, focus))
        for area, practices in first_two
        for practice in practices[:per_area]
    ]
    for area, practices in usable_by_area[2:]:  # only when the first areas have very few
        if len(chosen) >= 2:
            break
        chosen.append(Suggestion(area.name, fill(practices[0].text, focus)))
    return tuple(chosen[:MAX_PRACTICES]), note
