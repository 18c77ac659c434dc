"""The Report: what the summary says, before any layout."""

from __future__ import annotations

from datetime import datetime, timezone

from intimacy_cli import catalog, report, scoring
from intimacy_cli.focus import fill
from intimacy_cli.helplines import for_country

SHIPPED = catalog.load("emotional-intimacy")
WHEN = datetime(2026, 11, 25, 20, 0, tzinfo=timezone.utc)
US = for_country("US")


def make(answers: dict[str, scoring.Answer], focus: str = "partner") -> report.Report:
    return report.reflect(SHIPPED, focus, answers, scoring.score(SHIPPED, answers), WHEN, US)


def by_area(values: dict[str, int]) -> dict[str, scoring.Answer]:
    """Answer each area's questions at one closeness level (1-5), reverse items included."""
    return {q.id: 6 - values[q.area] if q.reverse else values[q.area] for q in SHIPPED.questions}


LEVELS = {"sharing": 5, "knowing": 1, "safety": 2, "reciprocity": 4, "trust": 3}


def test_reflections_follow_each_areas_band_and_the_focus() -> None:
    result = make(by_area(LEVELS))
    areas = {area.id: area for area in result.areas}
    assert areas["sharing"].band == "high" and areas["sharing"].band_words == "a strength"
    assert areas["knowing"].band == "low" and areas["knowing"].band_words == "room to grow"
    assert areas["trust"].band == "middle"
    assert areas["knowing"].reflection == fill(
        SHIPPED.area("knowing").reflections["low"], "partner"
    )
    assert "{people}" not in result.headline and "your partner" in result.headline


def test_practices_come_from_the_areas_with_most_room_to_grow() -> None:
    result = make(by_area(LEVELS))
    assert 2 <= len(result.practices) <= 4
    assert {p.area for p in result.practices} == {
        "Knowing them deeply",
        "Feeling safe to be yourself",
    }
    assert result.practices[0].area == "Knowing them deeply"  # the lowest first


def test_going_well_names_the_strengths_or_says_something_kind() -> None:
    assert make(by_area(LEVELS)).going_well == ("Sharing your inner world", "Being there for them")
    low = make(by_area(dict.fromkeys(LEVELS, 1)))
    assert low.going_well == (report.NO_STRENGTH_YET,)


def test_all_strengths_still_get_practices_to_keep_it_going() -> None:
    result = make(by_area(dict.fromkeys(LEVELS, 5)))
    assert 2 <= len(result.practices) <= 4


def test_everything_skipped_reads_as_a_choice_not_a_verdict() -> None:
    result = make(dict.fromkeys((q.id for q in SHIPPED.questions), None))
    assert result.headline == report.SKIPPED_MOST_HEADLINE
    assert all(area.band_words == "not enough answers" for area in result.areas)
    assert 2 <= len(result.practices) <= 4


def test_every_report_carries_disclaimer_and_crisis_footer() -> None:
    result = make(by_area(LEVELS))
    assert "not a diagnosis" in result.disclaimer
    assert (
        "988" in result.crisis and "911" in result.crisis and "findahelpline.com" in result.crisis
    )


def test_responses_put_each_answer_in_words_for_the_focus() -> None:
    answers = by_area(LEVELS)
    answers["share-struggles"] = None
    responses = make(answers, focus="family").responses
    assert len(responses) == len(SHIPPED.questions)
    assert responses[0].question == (
        "How often do you feel comfortable telling your family about your struggles?"
    )
    assert responses[0].answer == "skipped (prefer not to say)"
    assert responses[1].answer == "Almost always"  # sharing at level 5


BARRIERS = catalog.load("barriers")
AFRAID = "afraid-of-reaction"  # the shipped safety question, concerning at 4 and 5


def test_safety_first_when_a_safety_answer_signals_a_concern() -> None:
    answers = by_area(LEVELS)
    answers[AFRAID] = 5
    result = make(answers)
    assert result.safety_first is not None and "your partner" in result.safety_first
    assert "safety matters more than closeness" in result.safety_first
    assert result.safety_lines[0].name == "National Domestic Violence Hotline"
    assert any("988" in line.how for line in result.safety_lines)
    opening_up = {p.text for a in SHIPPED.areas for p in a.practices if p.opens_up}
    assert opening_up and not opening_up & {fill(p.text, "partner") for p in result.practices}
    assert 1 <= len(result.practices) <= 4


def test_no_safety_section_otherwise_and_opening_up_practices_are_allowed() -> None:
    answers = by_area({**LEVELS, "sharing": 1})
    answers[AFRAID] = 2
    result = make(answers)
    assert result.safety_first is None and result.safety_lines == ()
    assert any(p.area == "Sharing your inner world" for p in result.practices)


def barriers_report(chosen: tuple[str, ...], afraid: int) -> report.Report:
    answers: dict[str, scoring.Answer] = {q.id: 3 for q in BARRIERS.scale_questions}
    answers["what-gets-in-the-way"] = chosen
    answers["hold-back-fear"] = afraid
    scores = scoring.score(BARRIERS, answers)
    return report.reflect(BARRIERS, "friends", answers, scores, WHEN, US)


def test_each_chosen_barrier_brings_its_reflection_and_practice() -> None:
    result = barriers_report(("stonewalling", "shyness-anxiety"), afraid=1)
    assert [b.label for b in result.barriers] == [
        "Stonewalling, when someone shuts down and will not engage",
        "Shyness or anxiety",
    ]
    assert "pause" in (result.barriers[0].practice or "")
    assert all(b.practice for b in result.barriers)
    assert result.responses[0].answer == (
        "Stonewalling, when someone shuts down and will not engage; Shyness or anxiety"
    )
    assert barriers_report((), afraid=1).responses[0].answer == "none of these"


def test_barrier_practices_that_ask_to_open_up_are_left_out_when_safety_comes_first() -> None:
    result = barriers_report(("stonewalling", "unsafe-past"), afraid=5)
    assert result.safety_first
    assert result.barriers[0].practice is None  # "agree together to pause" asks for engagement
    assert result.barriers[1].practice  # "a therapist can help" does not


def test_closing_text_follows_the_focus() -> None:
    four = catalog.load("four-types")
    answers: dict[str, scoring.Answer] = {q.id: 4 for q in four.questions}
    result = report.reflect(four, "family", answers, scoring.score(four, answers), WHEN, US)
    assert result.closing and "tied together" in result.closing


def test_the_crisis_footer_follows_the_country() -> None:
    answers = by_area(LEVELS)
    scores = scoring.score(SHIPPED, answers)
    gb = report.reflect(SHIPPED, "partner", answers, scores, WHEN, for_country("GB"))
    assert "116 123" in gb.crisis and gb.country == "GB"
