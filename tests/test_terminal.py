"""The installed `intimacy check` in a real pseudo-terminal, driven by key presses (pexpect)."""

from __future__ import annotations

import io
import json
import os
import re
import stat
from pathlib import Path

import pexpect
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
    run,
    spawn,
)

from intimacy_cli import catalog
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
    for number in range(3, QUESTIONS + 1):
        answer(child, number, DOWN + DOWN + ENTER)  # "Sometimes", with the arrow keys
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
    # Question 2 was answered 5 after going back, so sharing is 4, 5 and 3: (0.75+1+0.5)/3.
    assert re.search(r"Sharing your inner world\n.*75 of 100", export)
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
    for number in range(1, QUESTIONS + 1):
        answer(child, number, "2" + ENTER)
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
    afraid = next(n for n, q in enumerate(CORE.questions, start=1) if q.concern)
    child = spawn("check", "--for", "partner", cwd=tmp_path)
    for number in range(1, QUESTIONS + 1):
        answer(child, number, ("5" if number == afraid else "3") + ENTER)
    expect(child, "Your safety comes first")
    expect(child, "1-800-799-7233")
    expect(child, "Sharing your inner world")  # the scores come after
    expect(child, "Keep this result")
    child.send("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


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
    for _ in range(2, QUESTIONS + 1):
        child.expect("b to go back: ")
        child.sendline("s")
    child.expect("Area by area.")
    child.expect("Type y for yes or n for no")
    child.sendline("")
    child.expect(pexpect.EOF)
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
    expect(child, "connected you feel to your friends")  # the set's intro, filled in
    for number in range(1, QUESTIONS + 1):
        answer(child, number, "4" + ENTER)
    expect(child, "Keep this result in your private history")
    child.send("y")
    expect(child, "Kept in your private history as #1")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "history.sqlite3").stat().st_mode) == 0o600
    kept = json.loads(run("history", "--json", env={"INTIMACY_HOME": str(home)}).stdout)
    assert [(k["focus"], k["answers"]["share-struggles"]) for k in kept] == [("friends", 4)]


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


def test_an_own_file_taking_the_core_sets_id_is_reported_before_any_question(
    tmp_path: Path,
) -> None:
    own = tmp_path / "home" / "questions"
    own.mkdir(parents=True)
    (own / "mine.yaml").write_text((REPO / "questions" / "emotional-intimacy.yaml").read_text())
    child = spawn("check", env={"INTIMACY_HOME": str(tmp_path / "home")})
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert "mine.yaml:1: the id 'emotional-intimacy' is already used" in child.before
    assert "Who would you like" not in child.before and "Traceback" not in child.before


def test_the_first_question_in_plain_lines_on_a_dumb_terminal(tmp_path: Path) -> None:
    child = spawn("check", cwd=tmp_path, env={"TERM": "dumb"})
    child.logfile_read = shown = io.StringIO()
    expect(child, "Type 1-4: ")
    child.send("2" + ENTER)  # My family
    expect(child, "connected you feel to your family")
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
