"""The installed `intimacy check` in a real pseudo-terminal, driven by key presses (pexpect)."""

from __future__ import annotations

import io
import json
import os
import re
import stat
from pathlib import Path

import pexpect
import pyte
import pytest
from helpers import (
    INTIMACY,
    QUIET_ENV,
    REPO,
    Screen,
    all_answers,
    answer,
    expect,
    expect_stopped,
    key_for,
    run,
    spawn,
)

from intimacy_cli import catalog, report
from intimacy_cli.focus import fill

DOWN, ENTER = "\x1b[B", "\r"


CORE = catalog.load("emotional-intimacy")
QUESTIONS = len(CORE.questions)


def test_a_whole_questionnaire_with_skip_and_back(tmp_path: Path) -> None:
    child = spawn("check", "--export", "mine.txt", cwd=tmp_path)
    expect(child, "not a diagnosis")
    expect(child, "Who would you like to reflect on")
    child.send("1" + ENTER)  # My partner
    answer(child, 1, "4" + ENTER)
    answer(child, 2, "s" + ENTER)  # Skip (prefer not to say)
    answer(child, 3, "b" + ENTER)  # Back to question 2 ...
    answer(child, 2, "5" + ENTER)  # ... and answer it after all
    for number, question in enumerate(CORE.questions[2:], start=3):
        if question.safety:
            keys = ENTER  # Never
        elif question.kind == "wish":
            keys = DOWN + ENTER  # A little more
        else:
            keys = DOWN + DOWN + ENTER  # "Sometimes", with the arrow keys
        answer(child, number, keys)
    expect(child, "Practices to try")
    assert "Your safety comes first" not in child.before  # no safety answer was concerning
    expect(child, "988")
    expect(child, "Keep this result in your private history on this computer")
    child.send(ENTER)  # the default: No
    expect(child, "Saved to mine.txt")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    export = (tmp_path / "mine.txt").read_text()
    assert "About your partner" in export and "988" in export
    # Question 2 was answered 5 after going back, so sharing is 4, 5, then 3 and 3 on two
    # questions worded the other way round: (0.75 + 1 + 0.5 + 0.5) / 4.
    assert re.search(r"Sharing your inner world\n.*69 of 100, room to grow", export)
    assert "You would like a little more." in export
    assert "\x1b" not in export


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_no_colour_settings_give_no_escape_codes_on_a_terminal(
    tmp_path: Path, env: dict[str, str]
) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps(all_answers(3)))
    child = spawn("check", "--answers", str(answers), cwd=tmp_path, env=env)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "988" in child.before and "\x1b" not in child.before


def test_colour_is_on_by_default_on_a_terminal(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps(all_answers(3)))
    child = spawn("check", "--answers", str(answers), cwd=tmp_path)
    child.expect(pexpect.EOF)
    assert "\x1b[" in child.before
    # rich pads lines with spaces; none reach the screen, not even before a colour's end
    assert not re.search(r" (\x1b\[[0-9;]*m)*\r\n", child.before)


def test_json_to_a_file_keeps_prompts_on_the_terminal(tmp_path: Path) -> None:
    child = pexpect.spawn(
        "/bin/sh",
        ["-c", f"'{INTIMACY}' check --for family --json > out.json"],
        cwd=str(tmp_path),
        env={**os.environ, **QUIET_ENV, "TERM": "xterm"},
        dimensions=(40, 100),
        encoding="utf-8",
        timeout=15,
    )
    child.delaybeforesend = None
    for number in range(1, QUESTIONS + 1):
        answer(child, number, key_for(number, "2") + ENTER)
    expect(child, "Keep this result")
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    text = (tmp_path / "out.json").read_text()
    assert text.startswith("{") and '"focus": "family"' in text  # no prompt drawn into it


@pytest.mark.parametrize("redirect", ["", " --json > out.json"])
def test_a_narrow_terminal_breaks_lines_between_words(tmp_path: Path, redirect: str) -> None:
    # 60 columns, with no COLUMNS setting: the width comes from the terminal itself (stderr's,
    # when stdout goes to a file).
    child = pexpect.spawn(
        "/bin/sh",
        ["-c", f"'{INTIMACY}' check --for partner{redirect}"],
        cwd=str(tmp_path),
        env={**os.environ, **QUIET_ENV, "TERM": "xterm", "COLUMNS": ""},
        dimensions=(50, 60),
        encoding="utf-8",
        timeout=15,
    )
    child.delaybeforesend = None
    screen = Screen(child)
    for number in (1, 2, 3):
        screen.expect(f"{number} of {QUESTIONS} · ")
        child.send("s" + ENTER)  # Skip (prefer not to say): the longest answer there is
    screen.expect(f"4 of {QUESTIONS} · ")
    screen.expect("Back")
    shown = screen.words()
    for text in [CORE.intro, *(question.text for question in CORE.questions[:4])]:
        assert " ".join(fill(text, "partner").split()) in shown
    assert shown.count("Skip (prefer not to say)") == 4  # three answers, and the fourth's choice
    child.sendintr()
    child.expect(pexpect.EOF)


def test_a_concerning_safety_answer_puts_safety_first(tmp_path: Path) -> None:
    """Afraid "Rarely", the lowest answer that signals a concern, and everything else at the
    close end with a wish for more: safety first, no praise, and a warning before anything
    that would show it is kept or written."""
    afraid = next(n for n, q in enumerate(CORE.questions, start=1) if q.concern)
    child = spawn("check", "--for", "partner", "--export", "mine.txt", cwd=tmp_path)
    for number, question in enumerate(CORE.questions, start=1):
        if number == afraid:
            keys = "2"
        elif question.kind == "wish":
            keys = "3"  # Much more
        else:
            keys = "1" if question.reverse else "5"
        answer(child, number, keys + ENTER)
    expect(child, "Your safety comes first")
    expect(child, "1-800-799-7233")
    expect(child, "Sharing your inner world")  # the scores come after
    expect(child, "Anyone who can use")
    summary = child.before
    assert "a strength" not in summary and "room to grow" not in summary
    assert "couples" not in summary.replace("counselling as a couple", "")
    child.send(ENTER)  # No, do not keep it
    expect(child, "opens with the safety section")
    expect(child, "Write mine.txt anyway")
    child.send(ENTER)  # No
    expect(child, "Nothing was written to mine.txt")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert list(tmp_path.iterdir()) == []


def skip_the_rest_and_write_mine_md(child: pexpect.spawn, remaining: range) -> None:
    """In plain lines: skip the remaining questions, keep nothing, and write the export when
    asked (the safety question is skipped too, so it asks first)."""
    for _ in remaining:
        child.expect("b to go back: ")
        child.sendline("s")
    child.expect("Part by part.")
    child.expect("Type y for yes or n for no")
    child.sendline("")
    child.expect("Write mine.md anyway?")
    child.sendline("y")
    child.expect(pexpect.EOF)


def test_plain_prompts_on_a_dumb_terminal(tmp_path: Path) -> None:
    child = spawn("check", "--export", "mine.md", cwd=tmp_path, env={"TERM": "dumb"})
    child.logfile_read = shown = io.StringIO()
    child.expect("Type 1-4: ")
    child.sendline("3")  # My friends
    child.expect(f"1 of {QUESTIONS}. How often")
    child.expect("s to skip: ")
    child.sendline("7")
    child.expect("Please type a number from 1 to 5, s to skip.")
    child.sendline("4")
    child.expect("s to skip, b to go back: ")
    child.sendline("b")
    child.expect("Your earlier answer: Often")
    child.sendline("2")
    skip_the_rest_and_write_mine_md(child, range(2, QUESTIONS + 1))
    child.close()
    assert child.exitstatus == 0
    assert "\x1b" not in shown.getvalue()  # not in a prompt, not in the summary
    assert "Rarely" in (tmp_path / "mine.md").read_text()


def test_ctrl_d_at_a_prompt_stops_like_ctrl_c(tmp_path: Path) -> None:
    child = spawn("check", "--for", "family", "--export", "mine.txt", cwd=tmp_path)
    answer(child, 1, "2" + ENTER)
    expect(child, f"2 of {QUESTIONS} · ")
    child.sendeof()
    expect_stopped(child)
    assert list(tmp_path.iterdir()) == []


def test_saying_yes_keeps_the_result_privately(tmp_path: Path) -> None:
    # `intimacy check` alone: its first question is asked before Typer starts (entry.py), and
    # the answer must carry through to the result like --for.
    home = tmp_path / "home"
    child = spawn("check", cwd=tmp_path, env={"INTIMACY_HOME": str(home)})
    expect(child, "not a diagnosis")
    expect(child, "Who would you like to reflect on")
    child.send("3" + ENTER)  # My friends
    expect(child, "your friends right now")  # the set's intro, filled in
    for number in range(1, QUESTIONS + 1):
        answer(child, number, key_for(number, "4") + ENTER)
    expect(child, "Keep this result in your private history")
    child.send("y")
    expect(child, "Kept in your private history as #1")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "history.sqlite3").stat().st_mode) == 0o600
    kept = json.loads(run("history", "--json", env={"INTIMACY_HOME": str(home)}).stdout)
    assert [(k["focus"], k["answers"]["tell-worries"]) for k in kept] == [("friends", 4)]
    assert kept[0]["wishes"]["sharing"] == "as-is"


@pytest.mark.parametrize("stop", ["Ctrl-C", "Ctrl-D"])
def test_stopping_at_the_very_first_question_exits_130_with_the_footer(
    tmp_path: Path, stop: str
) -> None:
    child = spawn("check", cwd=tmp_path, env={"INTIMACY_HOME": str(tmp_path / "home")})
    expect(child, "Who would you like to reflect on")
    if stop == "Ctrl-C":
        child.sendintr()
    else:
        child.sendeof()
    expect_stopped(child)
    assert list(tmp_path.iterdir()) == []


def test_an_own_file_taking_the_core_sets_id_is_named_before_any_question(
    tmp_path: Path,
) -> None:
    """The shipped set still runs; the file that took its id is named first, not obeyed."""
    own = tmp_path / "home" / "questions"
    own.mkdir(parents=True)
    (own / "mine.yaml").write_text((REPO / "questions" / "emotional-intimacy.yaml").read_text())
    child = spawn("check", env={"INTIMACY_HOME": str(tmp_path / "home")})
    child.logfile_read = shown = io.StringIO()
    expect(child, "Who would you like")
    words = " ".join(shown.getvalue().split())
    assert "mine.yaml:1: the id 'emotional-intimacy' is already used" in words
    assert words.index("already used") < words.index("Who would you like")
    # fitted to the screen between words (a path longer than a line is kept whole)
    lines = shown.getvalue().split("\x1b")[0].splitlines()
    assert [line for line in lines if len(line) >= 80 and " " in line.strip()] == []
    child.sendintr()
    expect_stopped(child)


def test_the_first_question_in_plain_lines_on_a_dumb_terminal(tmp_path: Path) -> None:
    child = spawn("check", cwd=tmp_path, env={"TERM": "dumb"})
    child.logfile_read = shown = io.StringIO()
    expect(child, "Type 1-4: ")
    child.send("2" + ENTER)  # My family
    expect(child, "your family right now")
    expect(child, f"1 of {QUESTIONS}. ")
    child.sendintr()
    expect_stopped(child)
    assert "\x1b" not in shown.getvalue()


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["no-such-command"]])
def test_help_and_usage_errors_obey_no_color_on_a_terminal(tmp_path: Path, args: list[str]) -> None:
    child = spawn(*args, cwd=tmp_path, env={"NO_COLOR": "1"})
    child.expect(pexpect.EOF)
    assert "intimacy" in child.before and "\x1b" not in child.before


def test_an_ascii_only_terminal_does_not_crash(tmp_path: Path) -> None:
    child = spawn(
        "check", "--for", "partner", "--no-save", cwd=tmp_path, env={"PYTHONIOENCODING": "ascii"}
    )
    for number in range(1, QUESTIONS + 1):
        expect(child, f"{number} of {QUESTIONS} ")  # "·" cannot be shown; it becomes "?"
        child.send("3" + ENTER)
    expect(child, "988")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Traceback" not in child.before


WISH = next(n for n, q in enumerate(CORE.questions, start=1) if q.kind == "wish")


def test_wish_questions_take_arrows_numbers_skip_and_back(tmp_path: Path) -> None:
    child = spawn("check", "--for", "friends", "--export", "mine.txt", cwd=tmp_path)
    for number in range(1, WISH):
        answer(child, number, "3" + ENTER)
    answer(child, WISH, DOWN + DOWN + ENTER)  # Much more, with the arrow keys
    answer(child, WISH + 1, "b" + ENTER)  # back to the wish ...
    expect(child, f"{WISH} of {QUESTIONS} · ")
    expect(child, "Much more")
    child.send("4" + ENTER)  # Less, with a number key
    for number in range(WISH + 1, QUESTIONS + 1):
        answer(child, number, ("s" if CORE.questions[number - 1].kind == "wish" else "1") + ENTER)
    expect(child, "Keep this result")
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    export = (tmp_path / "mine.txt").read_text()
    assert "Sharing your inner world" in export and report.WISH_WORDS["less"] in export
    assert "You did not say how you would like this to be." in export  # the skipped wishes
    assert "Less: I would like more space" in export  # the answer, in the person's words


def test_wish_questions_in_plain_lines(tmp_path: Path) -> None:
    child = spawn(
        "check", "--for", "friends", "--export", "mine.md", cwd=tmp_path, env={"TERM": "dumb"}
    )
    for number in range(1, WISH):
        child.expect(f"{number} of {QUESTIONS}. ")
        child.expect("s to skip[^:]*: ")
        child.sendline("3")
    child.expect(f"{WISH} of {QUESTIONS}. Thinking about how much you share")
    child.expect("  1 It suits me as it is")
    child.expect("Type a number from 1 to 4, s to skip, b to go back: ")
    child.sendline("5")
    child.expect("Please type a number from 1 to 4")
    child.sendline("2")  # A little more
    skip_the_rest_and_write_mine_md(child, range(WISH + 1, QUESTIONS + 1))
    assert "You would like a little more." in (tmp_path / "mine.md").read_text()


class XtermScreen(pyte.Screen):  # type: ignore[misc]
    """pyte's screen with the alternate screen xterm has (mode 1049): entering keeps the main
    screen aside and shows a blank one; leaving brings the main screen back as it was."""

    saved: list[dict[int, object]] | None = None

    def set_mode(self, *modes: int, **kwargs: object) -> None:
        if kwargs.get("private") and 1049 in modes and self.saved is None:
            self.saved = [dict(self.buffer[row]) for row in range(self.lines)]
            self.erase_in_display(2)
        super().set_mode(*modes, **kwargs)

    def reset_mode(self, *modes: int, **kwargs: object) -> None:
        if kwargs.get("private") and 1049 in modes and self.saved is not None:
            self.erase_in_display(2)
            for row, line in enumerate(self.saved):
                self.buffer[row].update(line)
            self.saved = None
        super().reset_mode(*modes, **kwargs)


class AlternateScreen(Screen):
    """What a person sees on a terminal that has an alternate screen, as xterm does."""

    def __init__(self, child: pexpect.spawn) -> None:
        super().__init__(child)
        rows, columns = child.getwinsize()
        self.screen = XtermScreen(columns, rows)
        self._stream = pyte.Stream(self.screen)


@pytest.mark.parametrize("ending", ["finished", "Ctrl-C", "q"])
def test_a_private_run_leaves_nothing_on_screen(tmp_path: Path, ending: str) -> None:
    child = spawn("check", "--for", "partner", "--private", cwd=tmp_path, dimensions=(30, 90))
    screen = AlternateScreen(child)
    screen.write("$ intimacy check --private\r\n")  # what was on screen before
    screen.expect(f"1 of {QUESTIONS} · ")
    assert "q leaves at once" in screen.words()
    if ending == "finished":
        child.send(key_for(1, "3") + ENTER)
        for number in range(2, QUESTIONS + 1):
            screen.expect(f"{number} of {QUESTIONS} · ")
            child.send(key_for(number, "3") + ENTER)
        screen.expect("q or Enter to close")
        assert "Part by part" in screen.words() or "Sharing" in screen.words()
        child.send("q")
    elif ending == "Ctrl-C":
        child.send("3" + ENTER)
        screen.expect(f"2 of {QUESTIONS} · ")
        child.sendintr()
    else:
        child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    shown = screen.words()
    assert "intimacy check --private" in shown  # the screen as it was before
    for question in CORE.questions:
        assert fill(question.text, "partner")[:30] not in shown
    for left in ("reflection", "Sharing your inner world", "988", "Nothing was saved"):
        assert left not in shown
    assert list(tmp_path.iterdir()) == []
    assert child.exitstatus == (0 if ending == "finished" else 130)


@pytest.mark.parametrize(("args", "env"), [(["--plain"], {}), ([], {"TERM": "dumb"})])
def test_a_private_run_is_refused_where_it_cannot_hide(
    tmp_path: Path, args: list[str], env: dict[str, str]
) -> None:
    child = spawn("check", "--private", *args, cwd=tmp_path, env=env)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert "cannot hide the output here" in child.before
    assert "Who would you like" not in child.before


@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP"])
def test_a_private_run_ended_by_a_signal_still_leaves_nothing_on_screen(
    tmp_path: Path, how: str
) -> None:
    import signal

    child = spawn("check", "--for", "partner", "--private", cwd=tmp_path, dimensions=(30, 90))
    screen = AlternateScreen(child)
    screen.write("$ intimacy check --private\r\n")
    screen.expect(f"1 of {QUESTIONS} · ")
    child.send("2" + ENTER)
    screen.expect(f"2 of {QUESTIONS} · ")
    child.kill(getattr(signal, how))
    child.expect(pexpect.EOF)
    child.close()
    shown = screen.words()
    assert "intimacy check --private" in shown and "Rarely" not in shown
    assert fill(CORE.questions[0].text, "partner")[:30] not in shown


def test_ctrl_c_at_the_forget_question_stops_like_anywhere(tmp_path: Path) -> None:
    home = tmp_path / "home"
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps(all_answers(3)))
    run("check", "--answers", str(answers), "--save", env={"INTIMACY_HOME": str(home)})
    child = spawn("history", "forget", "1", env={"INTIMACY_HOME": str(home)})
    child.expect(r"Forget result #1 for good\?")
    child.sendintr()
    expect_stopped(child)
