"""Scores: reverse items, skipped items, bands and the 'not enough answers' rule."""

from __future__ import annotations

from test_bank import MINIMAL

from intimacy_cli import bank, catalog, scoring

TINY = bank.load_bytes(MINIMAL.encode(), "tiny.yaml")  # q1 plain, q2 reverse; scale 1-3


def test_reverse_item_is_flipped() -> None:
    # "Always" on a plain item and "Never" on a reversed one are both the closer end.
    scores = scoring.score(TINY, {"q1": 3, "q2": 1})
    assert scores.areas[0].score == 100
    scores = scoring.score(TINY, {"q1": 1, "q2": 3})
    assert scores.areas[0].score == 0


def test_mean_of_answered_items_on_0_to_100() -> None:
    assert scoring.score(TINY, {"q1": 2, "q2": 1}).areas[0].score == 75  # (0.5 + 1) / 2


def test_bands_follow_the_banks_cut_points() -> None:
    assert scoring.band_of(TINY, 39) == "low"
    assert scoring.band_of(TINY, 40) == "middle"
    assert scoring.band_of(TINY, 69) == "middle"
    assert scoring.band_of(TINY, 70) == "high"


def test_a_skipped_item_is_left_out_of_the_mean() -> None:
    area = scoring.score(TINY, {"q1": 3, "q2": None}).areas[0]
    assert (area.score, area.answered, area.total) == (100, 1, 2)


def test_most_items_skipped_means_not_enough_answers_not_a_low_score() -> None:
    shipped = catalog.load("emotional-intimacy")
    answers: dict[str, scoring.Answer] = {q.id: 5 for q in shipped.questions}
    sharing = [q.id for q in shipped.questions if q.area == "sharing"]
    for question_id in sharing[:2]:  # two of three skipped
        answers[question_id] = None
    scores = scoring.score(shipped, answers)
    by_area = {area.area_id: area for area in scores.areas}
    assert by_area["sharing"].score is None and by_area["sharing"].band is None
    assert by_area["sharing"].answered == 1
    assert by_area["knowing"].score == 100


def test_overall_is_the_mean_of_scored_areas_and_none_when_nothing_was_answered() -> None:
    shipped = catalog.load("emotional-intimacy")
    answers: dict[str, scoring.Answer] = {
        q.id: (5 if q.area == "sharing" else 1) if not q.reverse else 5 for q in shipped.questions
    }
    scores = scoring.score(shipped, answers)
    assert scores.overall == round(100 / len(shipped.areas))
    assert scores.overall_band == "low"
    nothing = scoring.score(shipped, {q.id: None for q in shipped.questions})
    assert nothing.overall is None and nothing.overall_band is None


def test_choose_any_answers_stay_out_of_the_area_scores() -> None:
    from test_bank import CHOOSE_ANY

    with_checklist = bank.load_bytes(CHOOSE_ANY.encode(), "c.yaml")
    answers: dict[str, scoring.Answer] = {"q1": 3, "q2": 1, "in-the-way": ("busy",)}
    assert scoring.score(with_checklist, answers) == scoring.score(TINY, answers)
    question = with_checklist.questions[-1]
    assert [c.id for c in scoring.chosen(question, ("busy", "judged"))] == ["judged", "busy"]
    assert scoring.chosen(question, None) == ()


def test_safety_concern_only_at_the_concerning_answers() -> None:
    from test_bank import SAFETY

    safety = bank.load_bytes(SAFETY.encode(), "s.yaml")  # q2: concern at 3
    assert scoring.safety_concern(safety, {"q1": 1, "q2": 3})
    assert not scoring.safety_concern(safety, {"q1": 3, "q2": 2})
    assert not scoring.safety_concern(safety, {"q1": 3, "q2": None})
    assert not scoring.safety_concern(TINY, {"q1": 3, "q2": 3})  # no safety question at all
