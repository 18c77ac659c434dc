"""The Report: what the summary says, before any layout. Safety governs it; wishes come before
scores; the words never grade."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intimacy_cli import catalog, report, scoring
from intimacy_cli.bank import WANTS_MORE, WISHES, Bank
from intimacy_cli.focus import FOCUSES, fill
from intimacy_cli.helplines import for_country

SHIPPED = catalog.load("emotional-intimacy")
BARRIERS = catalog.load("barriers")
FOUR = catalog.load("four-types")
WHEN = datetime(2026, 11, 25, 20, 0, tzinfo=timezone.utc)
US = for_country("US")
AFRAID = "afraid-of-reaction"  # the core set's safety question: any answer but Never


def make(
    answers: dict[str, scoring.Answer],
    focus: str = "partner",
    source: Bank = SHIPPED,
    previous: report.Previous | None = None,
) -> report.Report:
    scores = scoring.score(source, focus, answers)
    return report.reflect(source, focus, answers, scores, WHEN, US, previous)


def by_area(
    values: dict[str, int], source: Bank = SHIPPED, focus: str = "partner"
) -> dict[str, scoring.Answer]:
    """Each area's questions at one closeness level (1-5), reverse items included; safety
    questions at Never; wishes not said."""
    answers: dict[str, scoring.Answer] = {}
    for q in source.asked(focus):
        if q.scored:
            assert q.area is not None
            answers[q.id] = 6 - values[q.area] if q.reverse else values[q.area]
        elif q.kind == "scale":
            answers[q.id] = 1
        else:
            answers[q.id] = None
    return answers


# Feeling safe to be yourself in the middle: low there brings caution (tested on its own).
LEVELS = {"sharing": 5, "knowing": 1, "being-yourself": 3, "reciprocity": 2}


def test_reflections_follow_each_areas_band_and_the_focus() -> None:
    result = make(by_area(LEVELS))
    areas = {area.id: area for area in result.areas}
    assert areas["sharing"].band == "high" and areas["sharing"].band_words == "a strength"
    assert areas["knowing"].band == "low" and areas["knowing"].band_words == "low"
    assert areas["being-yourself"].band == "middle"
    assert areas["knowing"].reflection == fill(
        SHIPPED.area("knowing").reflections["low"], "partner"
    )
    assert "{people}" not in result.headline and "your partner" in result.headline
    assert result.wishes == report.WISHES_UNSAID  # said once, not under every part
    assert all(area.wish_words is None for area in result.areas)


def test_room_to_grow_only_where_the_person_would_like_more() -> None:
    answers = by_area(LEVELS)
    answers |= {
        "wish-knowing": "a-little-more",
        "wish-reciprocity": "as-is",
        "wish-sharing": "less",
    }
    areas = {area.id: area for area in make(answers).areas}
    assert areas["knowing"].band_words == "room to grow"
    assert areas["reciprocity"].band_words == "low"  # low, but it suits them as it is
    assert areas["sharing"].band_words == "high"  # high, and they would like less: no praise
    assert areas["being-yourself"].wish_words == report.WISH_UNSAID
    assert areas["reciprocity"].wish_words == report.WISH_WORDS["as-is"]


def test_practices_follow_the_wish_first() -> None:
    answers = by_area(LEVELS) | {
        "wish-sharing": "much-more",
        "wish-knowing": "as-is",
        "wish-being-yourself": "as-is",
        "wish-reciprocity": "less",
    }
    result = make(answers)
    assert {p.area for p in result.practices} == {
        "Sharing your inner world",
        "Being there for them",
    }
    assert result.practices[0].area == "Sharing your inner world"  # much more comes first
    less = {
        fill(p.text, "partner") for p in SHIPPED.area("reciprocity").practices if p.wish != "more"
    }
    assert {p.text for p in result.practices if p.area == "Being there for them"} <= less
    assert result.practices_note is None


@pytest.mark.parametrize("area_id", [area.id for area in SHIPPED.areas])
def test_less_brings_only_practices_about_boundaries_and_space(area_id: str) -> None:
    answers = by_area(dict.fromkeys(LEVELS, 3)) | {
        q.id: ("less" if q.area == area_id else "as-is")
        for q in SHIPPED.questions
        if q.kind == "wish"
    }
    result = make(answers)
    area = SHIPPED.area(area_id)
    allowed = {fill(p.text, "partner") for p in area.practices if p.wish in ("less", "any")}
    assert result.practices and {p.text for p in result.practices} <= allowed


def test_a_part_that_suits_the_person_is_never_room_to_grow_and_gets_no_practice() -> None:
    answers = by_area({**dict.fromkeys(LEVELS, 1), "being-yourself": 3}) | {
        q.id: "as-is" for q in SHIPPED.questions if q.kind == "wish"
    }
    result = make(answers)
    assert all(area.band_words != "room to grow" for area in result.areas)
    assert result.practices == () and result.practices_note == report.NOTHING_TO_CHANGE
    assert result.wishes == report.ALL_AS_IT_IS


def test_with_no_wish_said_practices_go_to_the_lowest_parts_and_say_why() -> None:
    result = make(by_area(LEVELS))
    assert 2 <= len(result.practices) <= 4
    assert result.practices[0].area == "Knowing them"  # the lowest first
    assert result.practices_note == report.PRACTICES_FOR_LOWEST


@given(
    st.sampled_from(catalog.shipped_ids()),
    st.sampled_from(list(FOCUSES)),
    st.sampled_from(["first", "last"]),
    st.sampled_from(["unsaid", "first"]),
)
def test_the_same_answer_everywhere_gives_no_strength_and_no_room_to_grow(
    bank_id: str, focus: str, end: str, wish: str
) -> None:
    """Someone who gives every question the same answer, at either end of the scale (wishes
    not said, or the first one offered, as pressing 1 everywhere would), is told nothing is a
    strength and nothing has room to grow."""
    source = catalog.load(bank_id)
    value = source.scale[0 if end == "first" else -1].value
    answers: dict[str, scoring.Answer] = {}
    for q in source.asked(focus):
        if q.kind == "scale":
            answers[q.id] = value
        elif q.kind == "wish":
            answers[q.id] = next(iter(WISHES)) if wish == "first" else None
        else:
            answers[q.id] = ()
    result = make(answers, focus, source)
    assert all(area.band == "middle" for area in result.areas)
    assert all(area.band_words not in ("a strength", "room to grow") for area in result.areas)


def test_going_well_names_the_strengths_or_says_something_kind() -> None:
    assert make(by_area(LEVELS)).going_well == ("Sharing your inner world",)
    low = make(by_area({**dict.fromkeys(LEVELS, 1), "being-yourself": 3}))
    assert low.going_well == (report.NO_STRENGTH,)


def test_everything_skipped_reads_as_a_choice_not_a_verdict() -> None:
    result = make(dict.fromkeys((q.id for q in SHIPPED.questions), None))
    assert result.headline == report.SKIPPED_MOST_HEADLINE
    assert all(area.band_words == "not enough answers" for area in result.areas)


def test_every_report_carries_disclaimer_and_crisis_footer() -> None:
    result = make(by_area(LEVELS))
    assert "not a diagnosis" in result.disclaimer
    assert "988" in result.crisis and "911" in result.crisis
    assert "findahelpline.com" in result.crisis


def test_responses_put_each_answer_in_words_and_mark_the_safety_ones() -> None:
    answers = by_area(LEVELS, focus="family")
    answers["tell-worries"] = None
    answers["wish-sharing"] = "a-little-more"
    responses = {r.id: r for r in make(answers, focus="family").responses}
    assert len(responses) == len(SHIPPED.questions)
    assert responses["tell-worries"].question == (
        "How often do you tell your family when something is weighing on you?"
    )
    assert responses["tell-worries"].answer == "skipped (prefer not to say)"
    assert responses["share-good-news"].answer == "Almost always"  # sharing at level 5
    assert responses["wish-sharing"].answer == "A little more"
    assert responses["wish-knowing"].answer == "not said"
    assert [r.id for r in responses.values() if r.shared is None] == [AFRAID]


# ---------------------------------------------------------------- safety governs


def concerned(source: Bank = SHIPPED, focus: str = "partner") -> dict[str, scoring.Answer]:
    """Everything at the close end, wishes for more, and one safety answer at its lowest
    concerning value."""
    answers = by_area(dict.fromkeys({q.area for q in source.questions if q.area}, 5), source, focus)
    for q in source.asked(focus):
        if q.kind == "wish":
            answers[q.id] = "much-more"
    first = next(q for q in source.asked(focus) if q.safety)
    answers[first.id] = min(first.concern)
    return answers


@pytest.mark.parametrize("bank_id", catalog.shipped_ids())
def test_a_concern_changes_the_whole_report(bank_id: str) -> None:
    source = catalog.load(bank_id)
    answers = concerned(source)
    result = make(answers, source=source)
    assert result.concern
    assert result.headline == fill(report.SAFETY_HEADLINE, "partner")
    assert "your partner" in result.headline
    names = [line.name for line in result.safety_lines]
    assert names[:2] == ["Emergency services", "National Domestic Violence Hotline"]
    assert all(area.band_words not in ("a strength", "room to grow") for area in result.areas)
    assert all(area.reflection is None for area in result.areas)
    assert result.going_well == () and result.closing is None
    safe = {fill(p.text, "partner") for a in source.areas for p in a.practices if p.safe_if_concern}
    assert {p.text for p in result.practices} <= safe
    assert result.practices_note is None
    # The same answers without the concern: praise and closeness practices come back.
    first = next(q for q in source.asked("partner") if q.safety)
    calm = make({**answers, first.id: 1}, source=source)
    assert not calm.concern and calm.safety_lines == ()
    assert any(area.band_words == "a strength" for area in calm.areas)


@pytest.mark.parametrize("bank_id", catalog.shipped_ids())
def test_the_lowest_concerning_answer_triggers_and_the_one_below_does_not(bank_id: str) -> None:
    source = catalog.load(bank_id)
    for question in (q for q in source.questions if q.safety):
        focus = next(iter(question.foci), "partner") if question.foci else "partner"
        answers = by_area(
            dict.fromkeys({q.area for q in source.questions if q.area}, 3), source, focus
        )
        lowest = min(question.concern)
        assert make({**answers, question.id: lowest}, focus, source).concern, question.id
        assert not make({**answers, question.id: lowest - 1}, focus, source).concern, question.id


def test_every_safety_answer_but_never_is_a_concern_in_every_shipped_set() -> None:
    for bank_id in catalog.shipped_ids():
        source = catalog.load(bank_id)
        for question in (q for q in source.questions if q.safety):
            assert set(question.concern) == {p.value for p in source.scale} - {1}, question.id


@pytest.mark.parametrize("bank_id", catalog.shipped_ids())
def test_no_practice_without_the_safe_mark_survives_the_safety_filter(bank_id: str) -> None:
    """Default-deny: every practice of every shipped set, areas and checklist choices alike,
    goes through the filter, and only the ones marked safe come out."""
    source = catalog.load(bank_id)
    practices = [p for area in source.areas for p in area.practices]
    practices += [c.practice for q in source.questions for c in q.choices]
    survivors = [p for p in practices if report.usable(p, concern=True)]
    assert survivors and all(p.safe_if_concern for p in survivors)
    assert all(report.usable(p, concern=False) for p in practices)


def test_barrier_practices_that_are_not_marked_safe_are_left_out_under_a_concern() -> None:
    answers = by_area(dict.fromkeys({"acceptance", "repair", "readiness"}, 3), BARRIERS, "friends")
    answers["what-gets-in-the-way"] = ("contempt", "stonewalling", "afraid-controlled-pressured")
    result = make(answers, "friends", BARRIERS)
    assert result.concern
    practices = {b.label: b.practice for b in result.barriers}
    assert practices["Stonewalling, when someone shuts down and will not engage"] is None
    contempt = practices["Contempt, such as eye-rolling, mocking or put-downs"]
    assert contempt is not None and "counsellor of your own" in contempt  # no confronting
    assert all(b.reflection is None for b in result.barriers)  # they speak of closeness


def test_each_chosen_barrier_brings_its_reflection_and_practice() -> None:
    answers = by_area(dict.fromkeys({"acceptance", "repair", "readiness"}, 3), BARRIERS, "friends")
    answers["what-gets-in-the-way"] = ("feeling-judged", "little-time")
    result = make(answers, "friends", BARRIERS)
    assert [b.label for b in result.barriers] == ["Feeling judged", "Too little time together"]
    assert all(b.practice for b in result.barriers)
    assert "your friends" in (result.barriers[0].practice or "")


def test_changes_since_last_time_are_neutral_and_named_only_past_one_step() -> None:
    then = scoring.score(SHIPPED, "partner", by_area(dict.fromkeys(LEVELS, 2)))
    answers = by_area({**dict.fromkeys(LEVELS, 2), "sharing": 5})
    answers["tell-worries"] = 2  # one answer moved back: sharing still rose a lot
    result = make(answers, previous=report.Previous(WHEN, then))
    by_name = {line.split(":")[0]: line for line in result.changes}
    assert "higher than last time" in by_name["Sharing your inner world"]
    assert "about the same as last time" in by_name["Knowing them"]
    assert all("helping" not in line for line in result.changes)
    assert result.since == WHEN


LEVELS_FOUR = {a.id: 3 for a in FOUR.areas}


def test_the_closing_text_follows_the_focus_and_waits_while_safety_comes_first() -> None:
    calm = make(by_area(LEVELS_FOUR, FOUR, "friends"), "friends", FOUR)
    assert calm.closing is not None and "{people}" not in calm.closing
    assert make(concerned(FOUR, "friends"), "friends", FOUR).closing is None


def test_a_checklist_answer_is_listed_in_words() -> None:
    answers = by_area(dict.fromkeys({"acceptance", "repair", "readiness"}, 3), BARRIERS, "friends")
    answers["what-gets-in-the-way"] = ("withdrawal", "shyness-anxiety")
    responses = {r.id: r.answer for r in make(answers, "friends", BARRIERS).responses}
    assert responses["what-gets-in-the-way"] == "Pulling away or going quiet; Shyness or anxiety"
    answers["what-gets-in-the-way"] = ()
    responses = {r.id: r.answer for r in make(answers, "friends", BARRIERS).responses}
    assert responses["what-gets-in-the-way"] == "none of these"


def test_the_crisis_footer_follows_the_country() -> None:
    scores = scoring.score(SHIPPED, "partner", by_area(LEVELS))
    gb = report.reflect(SHIPPED, "partner", by_area(LEVELS), scores, WHEN, for_country("GB"))
    assert "116 123" in gb.crisis and gb.country == "GB"


def test_band_words_never_imply_a_trend_or_a_grade() -> None:
    words = set(report.LEVEL_WORDS.values()) | {report.STRENGTH, report.ROOM_TO_GROW}
    assert not {"growing", "good", "bad", "poor", "excellent", "fail"} & {
        w for phrase in words for w in phrase.split()
    }
    for band_text in (
        a.reflections["middle"] for b in catalog.shipped_ids() for a in catalog.load(b).areas
    ):
        assert "often" not in band_text.lower().split(), band_text  # middle is "Sometimes"


def test_wishes_for_more_are_the_only_way_to_room_to_grow() -> None:
    assert {"a-little-more", "much-more"} == set(WANTS_MORE)


@pytest.mark.parametrize("bank_id", catalog.shipped_ids())
def test_a_skipped_safety_question_brings_caution_and_lines_but_no_concern(bank_id: str) -> None:
    """Skipping is allowed and may be telling: no praise, no practice that asks anything of
    them, and the lines for people who may not be safe, without saying that they are not."""
    source = catalog.load(bank_id)
    for question in (q for q in source.questions if q.safety):
        focus = next(iter(question.foci), "partner") if question.foci else "partner"
        calm = concerned(source, focus)
        calm.update({q.id: 1 for q in source.asked(focus) if q.safety})
        assert make(calm, focus, source).caution is None, question.id
        result = make({**calm, question.id: None}, focus, source)
        assert not result.concern and result.caution, question.id
        assert "did not answer every question about feeling safe" in result.caution
        assert result.headline == report.CAUTION_HEADLINE
        assert all(area.band_words != report.STRENGTH for area in result.areas)
        assert result.going_well == () and result.practices_note is None
        safe = {fill(p.text, focus) for a in source.areas for p in a.practices if p.safe_if_concern}
        assert {p.text for p in result.practices} <= safe, question.id
        assert result.safety_lines and all(line.safety for line in result.safety_lines)


MARKED = [
    (b, a.id) for b in catalog.shipped_ids() for a in catalog.load(b).areas if a.caution_if_low
]


def test_the_parts_where_a_low_score_brings_caution() -> None:
    assert MARKED == [("barriers", "acceptance"), ("emotional-intimacy", "being-yourself")]


@pytest.mark.parametrize(("bank_id", "area_id"), MARKED)
def test_a_low_score_where_it_can_mean_unsafe_brings_caution_without_any_fear_said(
    bank_id: str, area_id: str
) -> None:
    """Many people at risk say no to fear; always watching their words, or feeling put down,
    says something too. And skipping most of that part must not be a way around the care."""
    source = catalog.load(bank_id)
    levels = {area.id: 5 for area in source.areas} | {area_id: 1}
    wishes = {q.id: "much-more" for q in source.questions if q.kind == "wish"}
    result = make(by_area(levels, source) | wishes, source=source)
    name = source.area(area_id).name
    assert not result.concern and result.caution is not None
    assert f'"{name}"' in result.caution and "your partner" in result.caution
    assert all(
        area.band_words not in (report.STRENGTH, report.ROOM_TO_GROW) for area in result.areas
    )
    assert all(area.reflection is None for area in result.areas if area.band == "high")
    safe = {fill(p.text, "partner") for a in source.areas for p in a.practices if p.safe_if_concern}
    assert {p.text for p in result.practices} <= safe
    assert result.going_well == () and result.safety_lines
    middle = make(by_area(levels | {area_id: 3}, source) | wishes, source=source)
    assert middle.caution is None and any(a.band_words == report.STRENGTH for a in middle.areas)
    skipped = by_area(levels, source) | wishes
    skipped.update({q.id: None for q in source.questions if q.area == area_id and q.scored})
    result = make(skipped, source=source)
    assert result.caution and "did not answer every question about feeling safe" in result.caution


def test_skipping_an_optional_part_with_its_safety_question_is_declining_not_caution() -> None:
    """The questions on sexual closeness may be skipped, and are said to be: skipping all of
    them, the pressure question included, is a choice, not a reason for caution."""
    sexual = [q.id for q in FOUR.questions if q.area == "sexual" and q.scored]
    assert sexual
    calm = by_area(dict.fromkeys((a.id for a in FOUR.areas), 4), FOUR)
    declined = calm | dict.fromkeys([*sexual, "pressured-sex"], None)
    assert make(declined, source=FOUR).caution is None
    assert make(calm | {"pressured-sex": None}, source=FOUR).caution  # skipped on its own
    answered_only_it = calm | dict.fromkeys(sexual, None) | {"pressured-sex": 1}
    assert make(answered_only_it, source=FOUR).caution is None


def test_after_a_skipped_safety_question_barrier_practices_must_be_marked_safe() -> None:
    answers = by_area(dict.fromkeys({"acceptance", "repair", "readiness"}, 3), BARRIERS, "friends")
    answers["what-gets-in-the-way"] = ("stonewalling", "little-time")
    assert all(b.practice for b in make(answers, "friends", BARRIERS).barriers)
    answers["phone-checked"] = None
    practices = {b.label: b.practice for b in make(answers, "friends", BARRIERS).barriers}
    assert practices["Stonewalling, when someone shuts down and will not engage"] is None


def test_under_a_concern_the_numbers_carry_no_words_that_could_reassure() -> None:
    result = make(concerned())
    assert all(area.band_words == "" for area in result.areas)


def test_what_signalled_the_concern_speaks_first_and_the_checklist_waits() -> None:
    four = make(concerned(FOUR), "partner", FOUR)
    four_answers = concerned(FOUR)
    four_answers["pressured-sex"] = 2  # Rarely: any pressure is a concern
    pressured = make(four_answers, "partner", FOUR)
    assert any(
        "never your fault, even if you went along" in note for note in pressured.safety_notes
    )
    assert four.safety_notes == ()  # the fear question has no note of its own
    answers = by_area(dict.fromkeys({"acceptance", "repair", "readiness"}, 3), BARRIERS, "friends")
    answers["what-gets-in-the-way"] = ("little-time", "afraid-controlled-pressured")
    result = make(answers, "friends", BARRIERS)
    assert result.safety_notes and "afraid, controlled or pressured" in result.safety_notes[0]
    assert [b.label for b in result.barriers] == ["Too little time together"]
    assert result.barriers[0].reflection is None  # no talk of closeness slipping away
    shared = {r.id: r.shared for r in result.responses}
    assert shared["what-gets-in-the-way"] == "Too little time together"
    assert result.shared_answers["what-gets-in-the-way"] == ("little-time",)
