"""Large, valid question files, for the benchmark and for the test that work grows in step
with the file (tests/test_robustness.py). The texts are long, as a writer's might be, so that
a file at the size cap stays under the cap on values (yamlsafe.MAX_VALUES)."""

from __future__ import annotations

import textwrap

# A reflection as long as a careful writer's might be (a few hundred words at most).
LONG = " ".join(["These words say gently and plainly what the answers here suggest."] * 29)


def bank_text(areas: int, per_area: int = 4) -> str:
    """A valid question file with `areas` areas of `per_area` scored questions each (every
    other one worded the other way round) and a wish question after each area."""
    scale = "\n".join(f"  - {{value: {v}, label: Point {v}}}" for v in range(1, 6))
    area_text = "".join(
        textwrap.dedent(f"""\
          - id: area-{a}
            name: Area number {a}
            reflections:
              low: {LONG} Low, area {a}.
              middle: {LONG} Middle, area {a}.
              high: {LONG} High, area {a}.
            practices:
              - {LONG} First practice, area {a}.
              - {LONG} Second practice, area {a}.
              - {{text: {LONG} About space in area {a}., wish: less, safe_if_concern: true}}
        """)
        for a in range(areas)
    )
    questions = "".join(
        textwrap.dedent(f"""\
          - id: question-{a}-{q}
            area: area-{a}
            text: >-
              How often do you notice, when you spend an ordinary evening with {{people}}, that
              you feel comfortable sharing what is really on your mind, question {q}?
            help: >-
              A longer hint that helps the person answer question number {q}, the way a
              careful writer might explain what the question means and what it does not mean,
              so that nobody has to guess what is being asked of them or why it matters.
            reverse: {"true" if q % 2 else "false"}
        """)
        + textwrap.dedent(f"""\
          - id: wish-{a}
            kind: wish
            area: area-{a}
            text: How would you like area {a} to be with {{people}}?
        """)
        * (q == per_area - 1)
        for a in range(areas)
        for q in range(per_area)
    )
    return (
        "id: benchmark\ntitle: A large question set\nversion: 1\nintro: Hello {people}.\n"
        f"scale:\n{scale}\nbands: {{low: 40, high: 70}}\n"
        "headlines: {low: Low., middle: Middle., high: High.}\n"
        f"areas:\n{area_text}questions:\n{questions}"
    )


def areas_at_the_size_cap(cap: int, per_area: int = 4) -> int:
    """The most areas that fit in a file of at most `cap` bytes (ids grow longer as the count
    grows, so the first estimate is brought down until it fits)."""
    small, large = len(bank_text(100, per_area).encode()), len(bank_text(1100, per_area).encode())
    areas = int(100 + (cap - small) * 1000 / (large - small))
    while len(bank_text(areas, per_area).encode()) > cap:
        areas -= max(1, areas // 200)
    return areas
