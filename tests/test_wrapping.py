"""Lines are broken between words, and never inside a phone number."""

from __future__ import annotations

from random import Random

from hypothesis import given
from hypothesis import strategies as st

from intimacy_cli.wrapping import wrap

word = st.text(alphabet="abcdefg,.()", min_size=1, max_size=12)
digits = st.text(alphabet="0123456789", min_size=1, max_size=4)
number = st.one_of(
    st.lists(digits, min_size=1, max_size=4).map(" ".join),  # 116 123, 0477 13 11 14
    st.lists(digits, min_size=2, max_size=4).map("-".join),  # 1-800-799-7233
)


@given(
    words=st.lists(word, min_size=1, max_size=20),
    numbers=st.lists(st.tuples(word, number), min_size=1, max_size=5),
    order=st.randoms(use_true_random=False),
    width=st.integers(min_value=1, max_value=80),
    indent=st.sampled_from(["", "  ", "  - "]),
)
def test_numbers_stay_whole_and_lines_fit(
    words: list[str],
    numbers: list[tuple[str, str]],
    order: Random,
    width: int,
    indent: str,
) -> None:
    # Each number after a word, as in "call 116 123": two numbers side by side read as one.
    pieces = words + [f"{before} {digits}" for before, digits in numbers]
    order.shuffle(pieces)
    text = " ".join(pieces)
    lines = wrap(text, width, indent)
    assert lines  # something, however narrow
    longest = max(len(token) for token in [*words, *(part for pair in numbers for part in pair)])
    if longest + len(indent) > width:
        return  # a word or number that cannot fit is broken, as it must be
    assert all(len(line) <= width for line in lines)
    for _, digits in numbers:
        assert any(digits in line for line in lines), (digits, lines)
    assert all(line.startswith(indent) for line in lines)
    unindented = " ".join(line[len(indent) :] for line in lines)
    assert unindented.split() == text.split()  # nothing lost, nothing added


def test_a_space_inside_a_number_is_not_a_place_to_break() -> None:
    assert wrap("call Samaritans on 116 123 free", 22) == ["call Samaritans on", "116 123 free"]
    assert wrap("call 1-800-799-7233 now", 16) == ["call", "1-800-799-7233", "now"]
