"""Scores: reverse items, skipped items, bands, wishes, safety answers kept apart, and what
counts as a change."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from test_bank import CHOOSE_ANY, MINIMAL, SAFETY

from intimacy_cli import bank, catalog, scoring

TINY = bank.load_bytes(MINIMAL.encode(), "tiny.yaml")  # q1, q3 plain; q2, q4 reverse; scale 1-3
CORE = catalog.load("emotional-intimacy")


def tiny(q1: int | None, q2: int | None, q3: int | None = 2, q4: int | None = 2) -> scoring.Scores:
    return scoring.score(TINY, "everyone", {"q1": q1, "q2": q2, "q3": q3, "q4": q4})


def test_reverse_item_is_flipped() -> None:
    # "Always" on a plain item and "Never" on a reversed one are both the closer end.
    assert tiny(3, 1, 3, 1).areas[0].score == 100
    assert tiny(1, 3, 1, 3).areas[0].score == 0


def test_mean_of_answered_items_on_0_to_100() -> None:
    assert tiny(2, 1, 3, 1).areas[0].score == round(100 * (0.5 + 1 + 1 + 1) / 4)


def test_bands_follow_the_banks_cut_points() -> None:
    assert scoring.band_of(TINY, 39) == "low"
    assert scoring.band_of(TINY, 40) == "middle"
    assert scoring.band_of(TINY, 69) == "middle"
    assert scoring.band_of(TINY, 70) == "high"


def test_a_skipped_item_is_left_out_of_the_mean() -> None:
    area = tiny(3, None, 3, 1).areas[0]
    assert (area.score, area.answered, area.total) == (100, 3, 4)


def test_most_items_skipped_means_not_enough_answers_not_a_low_score() -> None:
    answers: dict[str, scoring.Answer] = {q.id: 5 for q in CORE.questions if q.kind == "scale"}
    sharing = [q.id for q in CORE.questions if q.area == "sharing" and q.scored]
    for question_id in sharing[:3]:  # three of four skipped
        answers[question_id] = None
    by_area = {area.area_id: area for area in scoring.score(CORE, "partner", answers).areas}
    assert by_area["sharing"].score is None and by_area["sharing"].band is None
    assert by_area["sharing"].answered == 1
    assert by_area["knowing"].score == 50  # two plain at the top, two reversed at the bottom


def test_overall_is_the_mean_of_scored_areas_and_none_when_nothing_was_answered() -> None:
    answers: dict[str, scoring.Answer] = {
        q.id: (5 if q.area == "sharing" else 1) if not q.reverse else 5
        for q in CORE.questions
        if q.scored
    }
    scores = scoring.score(CORE, "partner", answers)
    assert scores.overall == round(100 / len(CORE.areas) * 0.5)
    assert scores.overall_band == "low"
    nothing = scoring.score(CORE, "partner", dict.fromkeys((q.id for q in CORE.questions), None))
    assert nothing.overall is None and nothing.overall_band is None


def test_choose_any_answers_stay_out_of_the_area_scores() -> None:
    with_checklist = bank.load_bytes(CHOOSE_ANY.encode(), "c.yaml")
    answers: dict[str, scoring.Answer] = {"q1": 3, "q2": 1, "q3": 2, "q4": 2}
    both = scoring.score(with_checklist, "everyone", {**answers, "in-the-way": ("busy",)})
    assert both.areas == scoring.score(TINY, "everyone", answers).areas
    question = with_checklist.questions[-1]
    assert [c.id for c in scoring.chosen(question, ("busy", "judged"))] == ["judged", "busy"]
    assert scoring.chosen(question, None) == ()


SAFE = bank.load_bytes(SAFETY.encode(), "s.yaml")  # afraid: concern at 3


def test_safety_concern_only_at_the_concerning_answers() -> None:
    base = {"q1": 2, "q2": 2, "q3": 2, "q4": 2}
    assert scoring.score(SAFE, "everyone", {**base, "afraid": 3}).concern
    assert not scoring.score(SAFE, "everyone", {**base, "afraid": 2}).concern
    assert not scoring.score(SAFE, "everyone", {**base, "afraid": None}).concern
    assert not tiny(3, 3).concern  # no safety question at all


@given(st.sampled_from(catalog.shipped_ids()), st.integers(1, 5), st.integers(1, 5))
def test_a_safety_answer_is_never_averaged_into_any_score(
    bank_id: str, level: int, afraid: int
) -> None:
    loaded = catalog.load(bank_id)
    answers: dict[str, scoring.Answer] = {q.id: level for q in loaded.asked("partner") if q.scored}
    safety = {q.id: afraid for q in loaded.asked("partner") if q.safety}
    without = scoring.score(loaded, "partner", answers)
    with_safety = scoring.score(loaded, "partner", {**answers, **safety})
    assert with_safety.areas == without.areas and with_safety.overall == without.overall


def test_a_checked_safety_choice_signals_a_concern() -> None:
    barriers = catalog.load("barriers")
    answers: dict[str, scoring.Answer] = {q.id: 1 for q in barriers.questions if q.safety}
    assert not scoring.score(barriers, "friends", answers).concern
    answers["what-gets-in-the-way"] = ("afraid-controlled-pressured",)
    assert scoring.score(barriers, "friends", answers).concern


def test_the_wish_is_kept_beside_the_score() -> None:
    answers: dict[str, scoring.Answer] = {q.id: 3 for q in CORE.questions if q.scored}
    answers["wish-sharing"] = "less"
    by_area = {a.area_id: a for a in scoring.score(CORE, "family", answers).areas}
    assert by_area["sharing"].wish == "less" and by_area["knowing"].wish is None
    assert all(area.wish_asked for area in by_area.values())


@given(
    st.sampled_from(catalog.shipped_ids()),
    st.sampled_from(["partner", "family"]),
    st.data(),
)
def test_one_answer_moving_one_step_is_never_a_change(
    bank_id: str, focus: str, data: st.DataObject
) -> None:
    loaded = catalog.load(bank_id)
    scored = [q for q in loaded.asked(focus) if q.scored]
    values = [point.value for point in loaded.scale]
    answers: dict[str, scoring.Answer] = {
        q.id: data.draw(st.sampled_from([*values, None])) for q in scored
    }
    moved = data.draw(st.sampled_from([q.id for q in scored if answers[q.id] is not None] or [""]))
    if not moved:
        return
    before = answers[moved]
    assert isinstance(before, int)
    step = data.draw(st.sampled_from([v for v in (before - 1, before + 1) if v in values]))
    then = scoring.score(loaded, focus, answers)
    now = scoring.score(loaded, focus, {**answers, moved: step})
    for now_area, then_area in zip(now.areas, then.areas, strict=True):
        assert scoring.change(loaded, now_area, then_area) == 0


def test_a_change_larger_than_one_step_is_reported_in_its_direction() -> None:
    low = {q.id: (1 if not q.reverse else 5) for q in CORE.questions if q.scored}
    high = {q.id: (5 if not q.reverse else 1) for q in CORE.questions if q.scored}
    then = scoring.score(CORE, "partner", low).areas[0]
    now = scoring.score(CORE, "partner", high).areas[0]
    assert scoring.change(CORE, now, then) == 1 and scoring.change(CORE, then, now) == -1


def test_answers_fit_only_the_questions_asked_with_that_focus() -> None:
    four = catalog.load("four-types")
    partner = {q.id: None for q in four.asked("partner")}
    assert scoring.answers_fit(four, "partner", partner)
    assert not scoring.answers_fit(four, "family", partner)  # sexual closeness is not asked
    assert not scoring.answers_fit(four, "partner", {**partner, "wish-sexual": "sideways"})
