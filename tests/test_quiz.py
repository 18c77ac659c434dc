"""Asking: the question-by-question walk, and the real questionary prompts fed by a pipe."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from test_bank import CHOOSE_ANY, LESS, MINIMAL, WISH

from intimacy_cli import bank, catalog, quiz
from intimacy_cli.focus import FOCUSES

# The walk needs no valid set, so these keep the first two questions of the tiny set: q1, q2
# on a scale of 1-3.
LOADED = bank.load_bytes(MINIMAL.encode(), "tiny.yaml")
TINY = LOADED._replace(questions=LOADED.questions[:2])
SHIPPED = catalog.load("emotional-intimacy")


def scripted(choices: list[int | str], seen: list[quiz.Step]) -> quiz.Asker:
    replies = iter(choices)

    def ask(_: bank.Bank, step: quiz.Step) -> int | str:
        seen.append(step)
        return next(replies)

    return ask


def test_walk_asks_in_order_with_progress_and_focus_words() -> None:
    seen: list[quiz.Step] = []
    assert quiz.walk(TINY, "family", scripted([3, 1], seen)) == {"q1": 3, "q2": 1}
    assert [(s.number, s.total, s.can_go_back) for s in seen] == [(1, 2, False), (2, 2, True)]
    assert seen[0].text == "Do you talk with your family?"


def test_back_returns_to_the_previous_question_with_its_answer_and_lets_it_change() -> None:
    seen: list[quiz.Step] = []
    answers = quiz.walk(TINY, "partner", scripted([2, quiz.BACK, 3, quiz.SKIP], seen))
    assert answers == {"q1": 3, "q2": None}
    assert [s.question.id for s in seen] == ["q1", "q2", "q1", "q2"]
    assert seen[2].previous == 2  # the earlier answer is pre-selected


def test_a_skipped_answer_is_remembered_as_skip_when_coming_back() -> None:
    seen: list[quiz.Step] = []
    quiz.walk(TINY, "partner", scripted([quiz.SKIP, quiz.BACK, 1, 2], seen))
    assert seen[2].previous == quiz.SKIP


Keyboard = tuple[quiz.KeyboardAsker, PipeInput]


@pytest.fixture
def keyboard() -> Iterator[Keyboard]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield quiz.KeyboardAsker(None), pipe


DOWN, ENTER, CTRL_C = "\x1b[B", "\r", "\x03"


def run_keys(keyboard: Keyboard, keys: str, focus: str = "friends") -> dict[str, int | None]:
    asker, pipe = keyboard
    pipe.send_text(keys)
    return quiz.walk(TINY, focus, asker)


def test_arrow_keys_number_keys_skip_and_back_at_a_real_prompt(keyboard: Keyboard) -> None:
    # q1: arrow down twice -> 3; q2: "b" -> back to q1; q1: "2" -> 2; q2: "s" -> skip
    answers = run_keys(keyboard, DOWN + DOWN + ENTER + "b" + ENTER + "2" + ENTER + "s" + ENTER)
    assert answers == {"q1": 2, "q2": None}


def test_there_is_no_back_on_the_first_question(keyboard: Keyboard) -> None:
    # "b" means nothing on the first question, so Enter takes the first point of the scale.
    assert run_keys(keyboard, "b" + ENTER + "3" + ENTER) == {"q1": 1, "q2": 3}


def test_ctrl_c_raises_keyboard_interrupt(keyboard: Keyboard) -> None:
    with pytest.raises(KeyboardInterrupt):
        run_keys(keyboard, "1" + ENTER + CTRL_C)


def test_ctrl_d_raises_end_of_input(keyboard: Keyboard) -> None:
    with pytest.raises(EOFError):
        run_keys(keyboard, "1" + ENTER + "\x04")


def test_focus_question(keyboard: Keyboard) -> None:
    asker, pipe = keyboard
    pipe.send_text("3" + ENTER)
    assert asker.focus() == "friends"


def test_every_focus_has_a_title_and_only_people_is_a_placeholder() -> None:
    from intimacy_cli.focus import PLACEHOLDERS

    assert all(
        words["title"] and set(words) == {"people", "People", "title"} for words in FOCUSES.values()
    )
    assert {"people", "People"} == PLACEHOLDERS


# q1, q2 on the scale, then in-the-way: judged, busy
WITH_CHECKLIST = bank.load_bytes(CHOOSE_ANY.encode(), "c.yaml")
CHECKLIST = WITH_CHECKLIST._replace(questions=(*TINY.questions, WITH_CHECKLIST.questions[-1]))
# q1, then the wish for its area: as it is, a little more, much more, less
WITH_WISH = bank.load_bytes(
    (MINIMAL.replace('    practices: ["Talk with {people}."]', LESS) + WISH).encode(), "w.yaml"
)
WISHING = WITH_WISH._replace(questions=(WITH_WISH.questions[0], WITH_WISH.questions[-1]))


def test_wish_questions_at_a_real_prompt_take_arrows_numbers_skip_and_back(
    keyboard: Keyboard,
) -> None:
    asker, pipe = keyboard
    # q1: 2; the wish: down twice (much more), then b back to q1: 3; the wish: "4" (less)
    pipe.send_text("2" + ENTER + DOWN + DOWN + "b" + ENTER + "3" + ENTER + "4" + ENTER)
    assert quiz.walk(WISHING, "friends", asker) == {"q1": 3, "wish": "less"}


def test_a_wish_can_be_skipped_and_is_asked_after_its_area(keyboard: Keyboard) -> None:
    asker, pipe = keyboard
    pipe.send_text("1" + ENTER + "s" + ENTER)
    assert quiz.walk(WISHING, "friends", asker) == {"q1": 1, "wish": None}
    pipe.send_text("1" + ENTER + DOWN + ENTER)
    assert quiz.walk(WISHING, "friends", asker) == {"q1": 1, "wish": "a-little-more"}


def test_plain_wish_questions_are_numbered_and_typed() -> None:
    answers, shown = plain_walk("2\nb\n3\n2\n", WISHING)
    assert answers == {"q1": 3, "wish": "a-little-more"}
    assert "  1 It suits me as it is" in shown and "  4 Less: I would like more space" in shown
    assert "Please type" not in shown


def test_questions_for_another_focus_are_not_asked() -> None:
    four = catalog.load("four-types")
    seen: list[quiz.Step] = []
    family = quiz.walk(four, "family", scripted([quiz.SKIP] * 40, seen))
    assert not {q.id for q in four.questions if q.area == "sexual"} & set(family)
    assert seen[-1].total == len(four.asked("family")) < len(four.asked("partner"))


def test_q_leaves_at_once_when_asked_for_and_each_question_says_so() -> None:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        asker = quiz.KeyboardAsker(None, quick_exit=True)
        step = quiz.Step(TINY.questions[1], "Is it hard?", 2, 2, None, True)
        assert quiz.QUICK_EXIT_HINT in asker._instruction(step, "how")
        pipe.send_text("q")
        with pytest.raises(KeyboardInterrupt):
            quiz.walk(TINY, "friends", asker)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("q" + ENTER + "1" + ENTER)  # without it, q is not a key that does anything
        assert quiz.walk(TINY, "friends", quiz.KeyboardAsker(None)) == {"q1": 1, "q2": 1}


SPACE = " "


def test_checkbox_question_at_a_real_prompt(keyboard: Keyboard) -> None:
    asker, pipe = keyboard
    # q1 -> 1, q2 -> 2, checklist: tick the second choice only.
    pipe.send_text("1" + ENTER + "2" + ENTER + DOWN + SPACE + ENTER)
    assert quiz.walk(CHECKLIST, "friends", asker) == {"q1": 1, "q2": 2, "in-the-way": ("busy",)}


def test_checkbox_skip_and_back(keyboard: Keyboard) -> None:
    asker, pipe = keyboard
    # checklist: tick Back (after judged, busy and a separator: skip, back) -> q2 again -> 3,
    # then the checklist again: tick Skip.
    keys = "1" + ENTER + "2" + ENTER + DOWN * 3 + SPACE + ENTER + "3" + ENTER
    keys += DOWN * 2 + SPACE + ENTER
    pipe.send_text(keys)
    assert quiz.walk(CHECKLIST, "friends", asker) == {"q1": 1, "q2": 3, "in-the-way": None}


def plain_walk(typed: str, source: bank.Bank = CHECKLIST) -> tuple[dict[str, object], str]:
    import io

    screen = io.StringIO()
    asker = quiz.PlainAsker(screen, io.StringIO(typed))
    return dict(quiz.walk(source, "partner", asker)), screen.getvalue()


def test_plain_prompts_take_numbers_skip_back_and_lists() -> None:
    answers, shown = plain_walk("3\nb\n2\ns\n2 1\n")
    assert answers == {"q1": 2, "q2": None, "in-the-way": ("judged", "busy")}
    assert shown.startswith("1 of 3. Do you talk with your partner?\n")  # no blank line first
    assert "s to skip: \n2 of 3. " in shown  # after the typed line's own newline: one blank
    assert "  3 Always" in shown
    assert "Your earlier answer: Always" in shown  # after going back
    assert "b to go back" in shown
    assert "\x1b" not in shown


def test_plain_prompts_ask_again_after_a_wrong_answer_and_enter_means_none() -> None:
    answers, shown = plain_walk("9\nhello\nb\n1\n3\n\n")
    assert answers == {"q1": 1, "q2": 3, "in-the-way": ()}
    assert shown.count("Please type a number from 1 to 3, s to skip.") == 3  # no back on q1


def test_plain_prompts_stop_on_end_of_input() -> None:
    with pytest.raises(EOFError):
        plain_walk("1\n")


def test_plain_focus_question() -> None:
    import io

    asker = quiz.PlainAsker(io.StringIO(), io.StringIO("0\n2\n"))
    assert asker.focus() == "family"


words = st.text(alphabet="abcdefghij?,·", min_size=1, max_size=30)


@given(
    message=st.lists(words, min_size=1, max_size=40).map(" ".join),
    tail=st.integers(min_value=0, max_value=60),
    columns=st.integers(min_value=1, max_value=200),
)
def test_fit_breaks_between_words_within_the_width_and_leaves_room_for_the_tail(
    message: str, tail: int, columns: int
) -> None:
    fitted = quiz.fit(message, tail, columns)
    width = max(columns - 1, 10)
    # As questionary shows it: "? ", the question, a space, then the how-to or the answer.
    lines = f"? {fitted} {'x' * tail}".split("\n")
    assert all(line.startswith("  ") for line in lines[1:])  # under the text, not the "?"
    if tail <= width - 2:  # within the width, but for a longer word on a line of its own
        assert all(len(line) <= width or len(line[2:].split()) == 1 for line in lines)
    if all(len(word) <= width - 2 for word in message.split()):
        assert fitted.split() == message.split()  # no word broken, none lost


@pytest.mark.parametrize("typed", ["²", "①", "٣", "1.0", "+1", " "])
def test_plain_prompts_take_plain_digits_only_and_ask_again(typed: str) -> None:
    answers, shown = plain_walk(f"{typed}\n1\n2\n\n")
    assert answers["q1"] == 1
    assert "Please type a number from 1 to 3" in shown


def test_plain_checklist_shows_the_earlier_ticks_after_going_back() -> None:
    checklist_first = CHECKLIST._replace(questions=CHECKLIST.questions[::-1])
    # the checklist: tick 2 and 1; back from the next question; the checklist again: Enter
    # keeps... nothing (Enter alone is "none"), so type the ticks anew; then the rest.
    answers, shown = plain_walk("2 1\nb\n2\n1\n3\n", checklist_first)
    assert shown.count("Your earlier answer: 1 2") == 1
    assert answers == {"in-the-way": ("busy",), "q2": 1, "q1": 3}
    answers, shown = plain_walk("2 1\nb\n\n1\n3\n", checklist_first)  # Enter keeps them
    assert "Enter alone keeps your earlier answer, 0 for none" in shown
    assert answers["in-the-way"] == ("judged", "busy")
    answers, _ = plain_walk("2 1\nb\n0\n1\n3\n", checklist_first)  # 0 for none
    assert answers["in-the-way"] == ()
    _, skipped = plain_walk("s\nb\n\n1\n1\n", checklist_first)
    assert "Your earlier answer: Skip" in skipped
