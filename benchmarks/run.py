#!/usr/bin/env python3
"""Benchmark intimacy against the floor it cannot beat, side by side, interleaved.

    python benchmarks/run.py           # the full run (about a minute)
    python benchmarks/run.py --quick   # fewer rounds, for CI

Needs the installed `intimacy` (next to this Python), pexpect, and nothing else. It writes its
reference scripts (a bare questionary prompt, a bare Typer app) to a temporary folder, runs
every case once per round in turn (so a busy moment hits all of them alike), and prints a table
of medians and ratios against the targets. It prints figures and asserts no timing (it only
checks that the refusals it times are refusals).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pexpect
from sample import areas_at_the_size_cap, bank_text

PYTHON = sys.executable
INTIMACY = str(Path(sys.executable).parent / "intimacy")
CURSOR_POSITION_REQUEST = "\x1b\\[6n"

BARE_SELECT = """\
import questionary

questionary.select(
    "How often?", choices=["Never", "Rarely", "Sometimes", "Often", "Almost always"]
).unsafe_ask()
"""
BARE_TWO_SELECTS = """\
import questionary

questionary.select("Who?", choices=["Partner", "Family", "Friends", "Everyone"]).unsafe_ask()
questionary.select(
    "How often?", choices=["Never", "Rarely", "Sometimes", "Often", "Almost always"]
).unsafe_ask()
"""
BARE_TYPER = """\
import typer

app = typer.Typer()  # as Typer makes it, shell completion included (intimacy has it too)


def show_version(value: bool) -> None:
    if value:
        print("bare 1.0")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=show_version, is_eager=True),
) -> None:
    \"\"\"A bare Typer app.\"\"\"


@app.command()
def check() -> None:
    \"\"\"Show one questionary prompt.\"\"\"
    import questionary

    questionary.select(
        "How often?", choices=["Never", "Rarely", "Sometimes", "Often", "Almost always"]
    ).unsafe_ask()


app()
"""


def spawn(command: str, args: list[str], env: dict[str, str]) -> pexpect.spawn:
    child = pexpect.spawn(
        command,
        args,
        dimensions=(40, 100),
        encoding="utf-8",
        timeout=20,
        env={**os.environ, "TERM": "xterm-256color", **env},
    )
    child.delaybeforesend = None  # pexpect would wait 50 ms before each key; a terminal does not
    return child


def expect(child: pexpect.spawn, pattern: str) -> None:
    """Wait for `pattern`, answering cursor-position requests as a real terminal does."""
    while child.expect([pattern, CURSOR_POSITION_REQUEST]) == 1:
        child.send("\x1b[1;1R")


def to_prompt(command: str, args: list[str], pattern: str, env: dict[str, str]) -> float:
    """Seconds from starting a process on a terminal to `pattern` being drawn."""
    started = time.perf_counter()
    child = spawn(command, args, env)
    expect(child, pattern)
    elapsed = time.perf_counter() - started
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    return elapsed


def whole_run(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, env={**os.environ, **env}, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def answer_to_next_prompt(
    command: str, args: list[str], first: str, second: str, env: dict[str, str]
) -> float:
    """Seconds from answering the prompt showing `first` to the next one, showing `second`.
    The script waits a moment first, as a person reading would (intimacy loads the question
    set meanwhile: see pipeline.py)."""
    child = spawn(command, args, env)
    expect(child, first)
    time.sleep(0.5)
    started = time.perf_counter()
    child.send("\r")
    expect(child, second)
    elapsed = time.perf_counter() - started
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    return elapsed


def last_answer_to_summary(env: dict[str, str], questions: int) -> float:
    """Seconds from the last Enter to the end of the summary (the crisis footer) on screen.

    After the first answer the script waits a moment, as a person reading would: intimacy
    prepares the summary while the questions are on screen."""
    child = spawn(INTIMACY, ["check", "--for", "partner", "--no-save"], env)
    for number in range(1, questions + 1):
        expect(child, f"{number} of {questions} ·")
        if number == questions:
            started = time.perf_counter()
        child.send("3\r")
        if number == 1:
            time.sleep(0.5)
    expect(child, "findahelpline.com")
    elapsed = time.perf_counter() - started
    child.expect(pexpect.EOF)
    child.close()
    return elapsed


HOSTILE_FILES = {
    # All bulk, at the size cap: millions of empty lists, empty mappings, or numbers.
    "empty-lists.yaml": b"a: [" + b"[]," * 2_700_000 + b"]",
    "empty-mappings.yaml": b"questions: [" + b"{}," * 2_700_000 + b"]",
    "numbers.yaml": b"- [" + b"1," * 4_000_000 + b"]",
    "deep-brackets.yaml": b"[" * 100_000,
    "deep-braces.yaml": b"{" * 100_000,
    "alias-bomb.yaml": b"a: &a ['x','x']\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n",
    "python-tag.yaml": b"!!python/object/apply:os.system ['true']\n",
    "ten-mb-string.yaml": b"title: '" + b"x" * 10_000_000 + b"'\n",
    "invalid-utf8.yaml": b"id: x\ntitle: \xff\n",
}


def slowest_refusal(folder: Path, env: dict[str, str]) -> float:
    """The slowest of `intimacy validate` on each hostile file (each must refuse, exit 2)."""
    slowest = 0.0
    for name, content in HOSTILE_FILES.items():
        path = folder / name
        path.write_bytes(content)
        started = time.perf_counter()
        result = subprocess.run(
            [INTIMACY, "validate", str(path)],
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        slowest = max(slowest, time.perf_counter() - started)
        assert result.returncode == 2, name
    return slowest


def no_terminal(env: dict[str, str]) -> float:
    """`intimacy check` with stdin from /dev/null: it must refuse at once (exit 2)."""
    started = time.perf_counter()
    result = subprocess.run(
        [INTIMACY, "check"],
        env={**os.environ, **env},
        stdin=subprocess.DEVNULL,
        capture_output=True,
    )
    assert result.returncode == 2
    return time.perf_counter() - started


def in_process(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def fill_history(home: Path, results: int) -> None:
    """A history of `results` results, written in one transaction (saving them one by one, each
    flushed to disk, would take minutes): the first through intimacy, which makes the file, the
    rest as rows alike."""
    import json
    import sqlite3

    from intimacy_cli import history

    areas = ["sharing", "knowing", "being-yourself", "reciprocity"]
    start = datetime(2020, 1, 1, tzinfo=timezone.utc)
    os.environ["INTIMACY_HOME"] = str(home)
    first = history.Saved(
        start, "emotional-intimacy", 2, "partner", "US", {}, 50, dict.fromkeys(areas, 50), {}
    )
    history.save(first)
    rows = []
    for number in range(1, results):
        scores = {area: (number * 7 + i * 13) % 101 for i, area in enumerate(areas)}
        created = (start + timedelta(hours=number)).isoformat(timespec="seconds")
        overall = sum(scores.values()) // len(areas)
        rows.append((created, json.dumps({"overall": overall, "areas": scores, "wishes": {}})))
    connection = sqlite3.connect(home / history.FILE_NAME)
    connection.executemany(
        "INSERT INTO results (created, bank_id, bank_version, focus, country, answers, scores)"
        " VALUES (?, 'emotional-intimacy', 2, 'partner', 'US', '{}', ?)",
        rows,
    )
    connection.commit()
    connection.close()


def cap_check(folder: Path, env: dict[str, str]) -> float:
    """Seconds for `intimacy check` on a valid question file at the size cap, with answers."""
    import json

    from intimacy_cli import bank

    path = folder / "cap.yaml"
    if not path.exists():
        path.write_text(bank_text(areas_at_the_size_cap(bank.MAX_BANK_BYTES)))
        loaded = bank.load_path(path)
        answers = {q.id: 3 for q in loaded.questions if q.scored}
        (folder / "cap-answers.json").write_text(json.dumps(answers))
    answers_path = folder / "cap-answers.json"
    return whole_run([INTIMACY, "check", str(path), "--answers", str(answers_path)], env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds (for CI)")
    rounds = 3 if parser.parse_args().quick else 15

    from yaml import CSafeLoader, load

    from intimacy_cli import bank, catalog

    questions = len(catalog.load("emotional-intimacy").asked("partner"))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "bare_select.py").write_text(BARE_SELECT)
        (work / "bare_typer.py").write_text(BARE_TYPER)
        (work / "bare_two_selects.py").write_text(BARE_TWO_SELECTS)
        empty_home = {"INTIMACY_HOME": str(work / "empty-home")}
        full_home, one_home = work / "full-home", work / "one-home"
        fill_history(full_home, 10_000)
        fill_history(one_home, 1)
        big = bank_text(250).encode()  # 1,000 scored questions

        cases: dict[str, Callable[[], float]] = {
            "python -c pass": lambda: whole_run([PYTHON, "-c", "pass"], {}),
            "bare Typer app --version": lambda: whole_run(
                [PYTHON, str(work / "bare_typer.py"), "--version"], {}
            ),
            "intimacy --version": lambda: whole_run([INTIMACY, "--version"], empty_home),
            "bare Typer app --help": lambda: whole_run(
                [PYTHON, str(work / "bare_typer.py"), "--help"], {}
            ),
            "intimacy --help": lambda: whole_run([INTIMACY, "--help"], empty_home),
            "bare questionary prompt, to the prompt": lambda: to_prompt(
                PYTHON, [str(work / "bare_select.py")], "Almost always", {}
            ),
            "bare Typer app check, to the prompt": lambda: to_prompt(
                PYTHON, [str(work / "bare_typer.py"), "check"], "Almost always", {}
            ),
            "intimacy check, to the first question": lambda: to_prompt(
                INTIMACY, ["check"], "in general", empty_home
            ),
            "intimacy check --for partner, to the first question": lambda: to_prompt(
                INTIMACY, ["check", "--for", "partner"], "Almost always", empty_home
            ),
            "intimacy check four-types, to the first question": lambda: to_prompt(
                INTIMACY, ["check", "four-types"], "in general", empty_home
            ),
            "bare questionary: an answer to the next prompt": lambda: answer_to_next_prompt(
                PYTHON, [str(work / "bare_two_selects.py")], "Everyone", "Almost always", {}
            ),
            "intimacy check: first answer to the set's first question": lambda: (
                answer_to_next_prompt(
                    INTIMACY, ["check"], "in general", f"1 of {questions} ·", empty_home
                )
            ),
            "intimacy: last answer to complete summary": lambda: last_answer_to_summary(
                empty_home, questions
            ),
            "yaml CSafeLoader, 1,000 questions": lambda: in_process(
                lambda: load(big, Loader=CSafeLoader)
            ),
            "intimacy bank load, 1,000 questions": lambda: in_process(
                lambda: bank.load_bytes(big, "big.yaml")
            ),
            "intimacy history, 1 result": lambda: whole_run(
                [INTIMACY, "history"], {"INTIMACY_HOME": str(one_home)}
            ),
            "intimacy history, 10,000 results": lambda: whole_run(
                [INTIMACY, "history"], {"INTIMACY_HOME": str(full_home)}
            ),
            "slowest hostile question file, refused": lambda: slowest_refusal(work, empty_home),
            "intimacy check, stdin from /dev/null, refused": lambda: no_terminal(empty_home),
            "intimacy check, a question file at the size cap": lambda: cap_check(work, empty_home),
        }
        timings: dict[str, list[float]] = {name: [] for name in cases}
        for round_number in range(rounds):
            for name, case in cases.items():
                timings[name].append(case())
            print(f"round {round_number + 1} of {rounds} done", file=sys.stderr)

    median = {name: statistics.median(values) * 1000 for name, values in timings.items()}
    rows = [
        ("python -c pass", None, None),
        ("bare Typer app --version", None, None),
        ("intimacy --version", "bare Typer app --version", 1.10),
        ("bare Typer app --help", None, None),
        ("intimacy --help", "bare Typer app --help", 1.10),
        ("bare questionary prompt, to the prompt", None, None),
        ("bare Typer app check, to the prompt", "bare questionary prompt, to the prompt", None),
        ("intimacy check, to the first question", "bare questionary prompt, to the prompt", 1.15),
        (
            "intimacy check --for partner, to the first question",
            "bare questionary prompt, to the prompt",
            1.15,
        ),
        (
            "intimacy check four-types, to the first question",
            "bare questionary prompt, to the prompt",
            1.15,
        ),
        ("bare questionary: an answer to the next prompt", None, None),
        (
            "intimacy check: first answer to the set's first question",
            "bare questionary: an answer to the next prompt",
            1.15,
        ),
        # The summary appears as soon as a next question would.
        (
            "intimacy: last answer to complete summary",
            "bare questionary: an answer to the next prompt",
            1.0,
        ),
        ("yaml CSafeLoader, 1,000 questions", None, None),
        ("intimacy bank load, 1,000 questions", "yaml CSafeLoader, 1,000 questions", 2.0),
        ("intimacy history, 1 result", None, None),
        # Reading 10,000 results costs no more than starting the command at all.
        ("intimacy history, 10,000 results", "intimacy history, 1 result", 2.0),
        ("slowest hostile question file, refused", None, None),
        ("intimacy check, stdin from /dev/null, refused", None, None),
        ("intimacy check, a question file at the size cap", None, None),
    ]
    absolute = {
        "slowest hostile question file, refused": 1000.0,
        "intimacy check, stdin from /dev/null, refused": 1000.0,
        "intimacy check, a question file at the size cap": 5000.0,
    }
    print(
        f"\nMedians of {rounds} interleaved rounds, Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} cores\n"
    )
    print("| what | median | ratio | target | met |")
    print("| --- | ---: | ---: | ---: | --- |")
    for name, reference, target in rows:
        ratio = median[name] / median[reference] if reference else None
        if target is not None and ratio is not None:
            goal, met = f"≤ {target:.2f}x", ratio <= target
        elif name in absolute:
            goal, met = f"< {absolute[name]:.0f} ms", median[name] < absolute[name]
        else:
            goal, met = "", None
        shown_ratio = f"{ratio:.2f}x" if ratio is not None else ""
        verdict = {True: "yes", False: "NO", None: ""}[met]
        print(f"| {name} | {median[name]:.1f} ms | {shown_ratio} | {goal} | {verdict} |")


if __name__ == "__main__":
    main()
