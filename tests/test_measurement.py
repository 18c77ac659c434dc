"""A check on the scoring without real respondents (see README, How the scores work).

Simulated people have a hidden level of closeness in each part, answer each question at that
level plus noise, rounded to the scale, and some lean towards agreeing whatever is asked. The
part scores should order people by their hidden level, and leaning towards agreeing should never
by itself make a strength. This checks the arithmetic and the keying, not that the questions
measure what they say (only real respondents can show that).
"""

from __future__ import annotations

import random
from statistics import mean

import pytest

from intimacy_cli import catalog, scoring
from intimacy_cli.bank import Bank

PEOPLE = 600
NOISE = 0.8  # in scale points: a person answering twice rarely gives the same answers
AGREEING_SHARE = 0.3  # the share of people who lean towards agreeing ...
AGREEING_PULL = (0.5, 1.5)  # ... and by how many scale points
# Bound for the rank correlation (Spearman) of part score and hidden level. Measured with this
# simulation, every shipped part reaches 0.93 to 0.94; scoring a single question of a part the
# wrong way round drops that part to 0.76-0.82. So 0.85 passes honest keying with room for
# sampling, and fails a part with one question keyed wrong (see the last test).
BOUND = 0.85


def answer(bank: Bank, level: float, reverse: bool, pull: float, noise: float) -> int:
    """One answer: the person's level (-2..2 around the middle of the scale; a question worded
    the other way round is answered at the opposite end), their pull towards agreeing, noise."""
    points = [point.value for point in bank.scale]
    middle = (len(points) - 1) / 2
    position = middle + (-level if reverse else level) + pull + noise
    return points[min(len(points) - 1, max(0, round(position)))]


def respond(
    bank: Bank, focus: str, levels: dict[str, float], pull: float, noise: random.Random | None
) -> dict[str, scoring.Answer]:
    return {
        q.id: answer(
            bank, levels[q.area or ""], q.reverse, pull, noise.gauss(0, NOISE) if noise else 0.0
        )
        for q in bank.asked(focus)
        if q.scored
    }


def ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=values.__getitem__)
    result = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for index in order[start : end + 1]:
            result[index] = (start + end) / 2  # ties share the mean of their ranks
        start = end + 1
    return result


def spearman(xs: list[float], ys: list[float]) -> float:
    rx, ry = ranks(xs), ranks(ys)
    mx, my = mean(rx), mean(ry)
    covariance = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    spread = (sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry)) ** 0.5
    return covariance / spread


def correlations(scored_by: Bank, answered_by: Bank, seed: str) -> dict[str, float]:
    """Each part's rank correlation of score and hidden level over simulated people, who
    answer `answered_by`'s questions and are scored by `scored_by`'s keying."""
    randomness = random.Random(seed)
    areas = sorted({q.area for q in answered_by.asked("partner") if q.scored and q.area})
    hidden: dict[str, list[float]] = {area: [] for area in areas}
    scored: dict[str, list[float]] = {area: [] for area in areas}
    for _ in range(PEOPLE):
        levels = {area: randomness.uniform(-2, 2) for area in areas}
        pull = randomness.uniform(*AGREEING_PULL) if randomness.random() < AGREEING_SHARE else 0
        answers = respond(answered_by, "partner", levels, pull, randomness)
        for area in scoring.score(scored_by, "partner", answers).areas:
            assert area.score is not None
            hidden[area.area_id].append(levels[area.area_id])
            scored[area.area_id].append(area.score)
    return {area: round(spearman(hidden[area], scored[area]), 3) for area in areas}


@pytest.mark.parametrize("bank_id", catalog.shipped_ids())
def test_part_scores_order_people_by_their_hidden_level(bank_id: str) -> None:
    bank = catalog.load(bank_id)
    found = correlations(bank, bank, bank_id)
    assert min(found.values()) >= BOUND, found


@pytest.mark.parametrize("bank_id", catalog.shipped_ids())
@pytest.mark.parametrize("pull", [0.5, 1.0, 1.5, 2.0, 3.0])
def test_leaning_towards_agreeing_alone_never_makes_a_strength(bank_id: str, pull: float) -> None:
    """Someone in the middle of every part who leans towards agreeing, however strongly,
    lands in the middle band everywhere."""
    bank = catalog.load(bank_id)
    areas = {q.area for q in bank.asked("partner") if q.scored and q.area}
    answers = respond(bank, "partner", dict.fromkeys(areas, 0.0), pull, None)
    for area in scoring.score(bank, "partner", answers).areas:
        assert area.band == "middle", (area.area_id, area.score)


def test_with_noise_leaning_towards_agreeing_brings_no_more_strengths() -> None:
    bank = catalog.load("emotional-intimacy")
    areas = {q.area for q in bank.questions if q.scored and q.area}
    randomness = random.Random(5)

    def strengths(pull: float) -> int:
        count = 0
        for _ in range(PEOPLE):
            answers = respond(bank, "everyone", dict.fromkeys(areas, 0.0), pull, randomness)
            scores = scoring.score(bank, "everyone", answers)
            count += sum(area.band == "high" for area in scores.areas)
        return count

    assert strengths(1.5) <= strengths(0.0) * 1.5 + 10


def test_the_simulation_can_tell_a_bad_keying_apart() -> None:
    """The check can fail: one question per part scored the wrong way round falls under the
    bound; and with every question worded one way round, leaning towards agreeing makes
    strengths out of nothing."""
    bank = catalog.load("emotional-intimacy")
    first_reversed = {q.area: q.id for q in reversed(bank.questions) if q.scored and q.reverse}
    wrong = bank._replace(
        questions=tuple(
            q._replace(reverse=False) if q.id in first_reversed.values() else q
            for q in bank.questions
        ),
    )
    assert max(correlations(wrong, bank, "mis-keyed").values()) < BOUND
    one_way = bank._replace(questions=tuple(q._replace(reverse=False) for q in bank.questions))
    areas = {q.area for q in bank.questions if q.scored and q.area}
    answers = respond(one_way, "everyone", dict.fromkeys(areas, 0.0), 1.5, None)
    assert all(a.band == "high" for a in scoring.score(one_way, "everyone", answers).areas)
