"""Answers from a file: values, labels, skip, and every kind of wrong answer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_bank import MINIMAL

from intimacy_cli import answersfile, bank
from intimacy_cli.errors import AnswersError

TINY = bank.load_bytes(MINIMAL.encode(), "tiny.yaml")


def read(tmp_path: Path, text: str) -> dict[str, int | None]:
    path = tmp_path / "answers.yaml"
    path.write_text(text)
    return answersfile.read(str(path), TINY)


def problems(tmp_path: Path, text: str) -> str:
    with pytest.raises(AnswersError) as caught:
        read(tmp_path, text)
    return "\n".join(str(problem) for problem in caught.value.problems)


def test_values_labels_and_skip(tmp_path: Path) -> None:
    assert read(tmp_path, "q1: 2\nq2: skip\n") == {"q1": 2, "q2": None}
    assert read(tmp_path, "q2: always\nq1: Never\n") == {"q1": 1, "q2": 3}


def test_json_works_too(tmp_path: Path) -> None:
    assert read(tmp_path, '{"q1": 3, "q2": "SKIP"}') == {"q1": 3, "q2": None}


def test_missing_and_unknown_ids_are_named(tmp_path: Path) -> None:
    found = problems(tmp_path, "q1: 2\nq9: 1\nq8: 1\n")
    assert "unknown question id(s): q9, q8" in found
    assert "no answer for: q2 (write 'skip' to leave one out)" in found


@pytest.mark.parametrize("value", ["4", "0", "maybe", "yes", "true", "1.5", "[1, 2]", "~", "'3'"])
def test_out_of_range_and_wrong_values_name_the_question_and_line(
    tmp_path: Path, value: str
) -> None:
    found = problems(tmp_path, f"q1: 2\nq2: {value}\n")
    assert found.startswith(f"{tmp_path / 'answers.yaml'}:2: q2: ")
    assert (
        "is not an answer here (use one of 1, 2, 3, a label such as 'Always', or 'skip')" in found
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- 1\n- 2\n", "must be 'question-id: answer' lines"),
        ("", "the file is empty"),
        ("q1: &a 1\nq2: *a\n", "anchors"),
        ("q1: 1\nq1: 2\n", "duplicate key 'q1'"),
    ],
)
def test_malformed_files(tmp_path: Path, text: str, expected: str) -> None:
    assert expected in problems(tmp_path, text)


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(AnswersError, match="cannot read the file"):
        answersfile.read(str(tmp_path / "nope.yaml"), TINY)


def test_choose_any_answers_are_lists_of_choice_ids(tmp_path: Path) -> None:
    from test_bank import CHOOSE_ANY

    checklist = bank.load_bytes(CHOOSE_ANY.encode(), "c.yaml")
    path = tmp_path / "answers.yaml"

    def read_checklist(value: str) -> object:
        path.write_text(f"q1: 1\nq2: 2\nin-the-way: {value}\n")
        return answersfile.read(str(path), checklist)["in-the-way"]

    assert read_checklist("[busy, judged]") == ("judged", "busy")
    assert read_checklist("[]") == ()
    assert read_checklist("skip") is None
    for wrong, expected in [
        ("[lonely]", "unknown choice(s): lonely (choose from: judged, busy)"),
        ("busy", "is not an answer here (use a list of choice ids"),
    ]:
        with pytest.raises(AnswersError, match=re.escape(expected)):
            read_checklist(wrong)
