"""Answers from a file: values, labels, skip, and every kind of wrong answer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_bank import LESS, MINIMAL, WISH

from intimacy_cli import answersfile, bank
from intimacy_cli.errors import AnswersError

TINY = bank.load_bytes(MINIMAL.encode(), "tiny.yaml")
REST = "q3: 1\nq4: 1\n"  # the other two questions, which most examples do not care about


def read(tmp_path: Path, text: str, source: bank.Bank = TINY) -> dict[str, object]:
    path = tmp_path / "answers.yaml"
    path.write_text(text)
    return dict(answersfile.read(str(path), source, "everyone"))


def problems(tmp_path: Path, text: str) -> str:
    with pytest.raises(AnswersError) as caught:
        read(tmp_path, text)
    return "\n".join(str(problem) for problem in caught.value.problems)


def test_values_labels_and_skip(tmp_path: Path) -> None:
    assert read(tmp_path, "q1: 2\nq2: skip\n" + REST) == {"q1": 2, "q2": None, "q3": 1, "q4": 1}
    assert read(tmp_path, "q2: always\nq1: Never\nq3: ~\nq4: 1\n") == {
        "q1": 1,
        "q2": 3,
        "q3": None,  # no value: skipped, as a JSON export writes it
        "q4": 1,
    }


def test_json_works_too(tmp_path: Path) -> None:
    read_back = read(tmp_path, '{"q1": 3, "q2": "SKIP", "q3": null, "q4": 2}')
    assert read_back == {"q1": 3, "q2": None, "q3": None, "q4": 2}


def test_missing_and_unknown_ids_are_named(tmp_path: Path) -> None:
    found = problems(tmp_path, "q1: 2\nq9: 1\nq8: 1\n")
    assert "unknown question id(s): q9, q8" in found
    assert "no answer for: q2, q3, q4 (write 'skip' to leave one out)" in found


@pytest.mark.parametrize(
    "value", ["4", "0", "maybe", "yes", "true", "1.5", "[1, 2]", "'7'", "9" * 5000]
)
def test_out_of_range_and_wrong_values_name_the_question_and_line(
    tmp_path: Path, value: str
) -> None:
    found = problems(tmp_path, f"q1: 2\nq2: {value}\n" + REST)
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
        answersfile.read(str(tmp_path / "nope.yaml"), TINY, "everyone")


def test_choose_any_answers_are_lists_of_choice_ids(tmp_path: Path) -> None:
    from test_bank import CHOOSE_ANY

    checklist = bank.load_bytes(CHOOSE_ANY.encode(), "c.yaml")
    path = tmp_path / "answers.yaml"

    def read_checklist(value: str) -> object:
        path.write_text(f"q1: 1\nq2: 2\nin-the-way: {value}\n" + REST)
        return answersfile.read(str(path), checklist, "everyone")["in-the-way"]

    assert read_checklist("[busy, judged]") == ("judged", "busy")
    assert read_checklist("[]") == ()
    assert read_checklist("skip") is None
    for wrong, expected in [
        ("[lonely]", "unknown choice(s): lonely (choose from: judged, busy)"),
        ("busy", "is not an answer here (use a list of choice ids"),
    ]:
        with pytest.raises(AnswersError, match=re.escape(expected)):
            read_checklist(wrong)


WISHING = bank.load_bytes(
    (MINIMAL.replace('    practices: ["Talk with {people}."]', LESS) + WISH).encode(), "w.yaml"
)


def test_a_wish_may_be_given_by_id_or_words_or_left_out(tmp_path: Path) -> None:
    answers = "q1: 1\nq2: 1\n" + REST
    assert read(tmp_path, answers + "wish: much-more\n", WISHING)["wish"] == "much-more"
    assert read(tmp_path, answers + "wish: It suits me as it is\n", WISHING)["wish"] == "as-is"
    assert read(tmp_path, answers, WISHING)["wish"] is None  # not said: nothing assumed
    path = tmp_path / "answers.yaml"
    path.write_text(answers + "wish: sideways\n")
    with pytest.raises(AnswersError, match="'sideways' is not a wish"):
        answersfile.read(str(path), WISHING, "everyone")


def test_questions_of_another_focus_are_named_as_such(tmp_path: Path) -> None:
    from intimacy_cli import catalog

    four = catalog.load("four-types")
    path = tmp_path / "answers.yaml"
    path.write_text("".join(f"{q.id}: skip\n" for q in four.asked("partner")))
    with pytest.raises(AnswersError, match="not asked with --for family: sex-feels-good"):
        answersfile.read(str(path), four, "family")
    assert set(answersfile.read(str(path), four, "partner")) == {
        q.id for q in four.asked("partner")
    }


def test_a_value_written_as_text_is_read_and_a_list_is_named_plainly(tmp_path: Path) -> None:
    assert read(tmp_path, "q1: '3'\nq2: '1'\n" + REST)["q1"] == 3
    found = problems(tmp_path, "q1: [4]\nq2: {a: 1}\n" + REST)
    assert "q1: 'a list' is not an answer here" in found
    assert "q2: 'a set of keys' is not an answer here" in found and "Node" not in found
