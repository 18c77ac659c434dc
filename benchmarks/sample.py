"""Large, valid question files, for the benchmark and for the test that work grows in step
with the file (tests/test_robustness.py)."""

from __future__ import annotations

import textwrap


def bank_text(areas: int, per_area: int = 4) -> str:
    """A valid question file with `areas` areas of `per_area` scored questions each (every
    other one worded the other way round) and a wish question after each area."""
    scale = "\n".join(f"  - {{value: {v}, label: Point {v}}}" for v in range(1, 6))
    area_text = "".join(
        textwrap.dedent(f"""\
          - id: area-{a}
            name: Area number {a}
            reflections: {{low: Low reflection {a}., middle: Middle {a}., high: High {a}.}}
            practices:
              - First practice {a}.
              - Second practice {a}.
              - {{text: A practice about space {a}., wish: less, safe_if_concern: true}}
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
            help: A short hint that helps the person answer question number {q}.
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
