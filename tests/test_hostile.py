"""Hostile question files, hostile answers and a hostile environment, through the installed
command. Each either fails with exit 2 and a clear one-line message, or renders safely; none
may crash, hang (every run has a time-out) or print a traceback."""

from __future__ import annotations

import copy
import json
import os
import re
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from helpers import (
    INTIMACY,
    QUIET_ENV,
    all_answers,
    answer,
    expect,
    expect_stopped,
    run,
    run_process,
    spawn,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_bank import CHOOSE_ANY, MINIMAL, SAFETY

from intimacy_cli import answersfile, bank, catalog, yamlsafe
from intimacy_cli.errors import AnswersError, BankError

BILLION_LAUGHS = "a: &a ['x','x']\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: &d [*c,*c]\ne: [*d,*d]\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("python tag", b"!!python/object/apply:os.system ['echo owned']\n", "YAML tags"),
        ("alias bomb", BILLION_LAUGHS.encode(), "YAML anchors"),
        ("self reference", b"a: &a [*a]\n", "YAML anchors"),
        # Newer PyYAML builds stop at libyaml's own nesting limit before we see an event; with
        # older ones (PyYAML 6.0.1, our lowest) our limit of 12 levels speaks first.
        ("deep [", b"[" * 100_000, ("not valid YAML", "nesting is deeper")),
        ("deep {", b"{" * 100_000, ("not valid YAML", "nesting is deeper")),
        ("deep block", b"".join(b"  " * i + b"- \n" for i in range(2000)), "nesting is deeper"),
        ("over the cap", b"id: x\n" + b"#" * (9 * 1024 * 1024), "larger than 8 MiB"),
        ("10 MB string", b"title: '" + b"x" * 10_000_000 + b"'\n", "larger than 8 MiB"),
        ("invalid UTF-8", b"id: x\ntitle: \xff\xfe\n", ":2: not UTF-8 text"),
        ("raw control byte", b"id: x\ntitle: a\x1bb\n", ":2: a control character (U+001B)"),
        (
            "duplicate keys",
            MINIMAL.replace("version: 1", "version: 1\nversion: 2").encode(),
            ":4: duplicate key 'version'",
        ),
        ("duplicate ids", MINIMAL.replace("id: q2", "id: q1").encode(), "is used twice"),
        ("unknown key", (MINIMAL + "author: me\n").encode(), "unknown key 'author'"),
        (
            "reverse: no",
            MINIMAL.replace("reverse: true", "reverse: no", 1).encode(),
            "must be true or false, not 'no'",
        ),
        (
            "version: 017",
            MINIMAL.replace("version: 1", "version: 017").encode(),
            "write plain digits",
        ),
        ("empty", b"", "the file is empty"),
        ("only spaces", b"   \n\n", "the file is empty"),
        ("multi-document", (MINIMAL + "---\n" + MINIMAL).encode(), "only one YAML document"),
        ("a list", b"- 1\n- 2\n", "must be a set of 'key: value' lines"),
        ("a number", b"42\n", "must be a set of 'key: value' lines"),
    ],
)
def test_hostile_question_files_are_refused_cleanly(
    tmp_path: Path, name: str, content: bytes, message: str | tuple[str, ...]
) -> None:
    messages = (message,) if isinstance(message, str) else message
    path = tmp_path / "hostile.yaml"
    path.write_bytes(content)
    # First validate in a process of its own, where a crash in the YAML parser would show as
    # a failure rather than take the tests down; then check, in this one.
    runs = (
        lambda: run_process("validate", str(path), timeout=10),
        lambda: run("check", str(path), "--answers", "-", stdin="q1: 1\n"),
    )
    for started in runs:
        result = started()
        assert result.returncode == 2, (name, result.returncode, result.stderr)
        output = result.stdout + result.stderr
        assert any(text in output for text in messages), (name, output[:500])
        assert "Traceback" not in output and "owned" not in output


ESCAPES = (
    'text: "Clear \\e[2J screen \\e]8;;https://evil.example\\e\\\\link\\e]8;;\\e\\\\ '
    'clipboard \\e]52;c;ZXZpbA==\\a bell \\a {people}?"'
)
MARKUP = "text: '[bold red]loud[/] [link=https://evil.example]click[/link] {people}?'"


@pytest.mark.parametrize("text", [ESCAPES, MARKUP])
def test_escape_sequences_and_markup_reach_the_terminal_harmless(tmp_path: Path, text: str) -> None:
    path = tmp_path / "sneaky.yaml"
    path.write_text(
        MINIMAL.replace("text: Do you talk with {people}?", text).replace(
            "name: Sharing", "name: '[on red]Sharing[/] \\x1b[5m'"
        )
    )
    answers = tmp_path / "a.yaml"
    answers.write_text("q1: 3\nq2: 1\nq3: 1\nq4: 1\n")
    for suffix in (".txt", ".md", ".json", ".html", ".svg"):
        export = tmp_path / f"out{suffix}"
        result = run("check", str(path), "--answers", str(answers), "--export", str(export))
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        assert "\x1b" not in export.read_text()
    assert "[on red]Sharing[/]" in result.stdout  # markup is shown as written, not obeyed
    if text == MARKUP:
        assert "[bold red]loud[/]" in (tmp_path / "out.txt").read_text()


def test_escape_sequences_never_reach_a_colour_terminal(tmp_path: Path) -> None:
    path = tmp_path / "sneaky.yaml"
    path.write_text(MINIMAL.replace("text: Do you talk with {people}?", ESCAPES))
    answers = tmp_path / "a.yaml"
    answers.write_text("q1: 3\nq2: 1\nq3: 1\nq4: 1\n")
    child = spawn("check", str(path), "--answers", str(answers))
    child.expect(pexpect.EOF)
    shown = child.before
    assert "\x1b[" in shown  # colours are on ...
    for sequence in ("\x1b[2J", "\x1b]8;;https://evil", "\x1b]52;", "\x07"):
        assert sequence not in shown  # ... but nothing from the file is obeyed


# ---------------------------------------------------------------- properties

SETTINGS = settings(suppress_health_check=[HealthCheck.too_slow])  # how many: see conftest.py
yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=30,
)


def loads_or_explains(data: bytes) -> None:
    """A valid bank, or the loader's own error naming the file; anything else escapes."""
    try:
        loaded = bank.load_bytes(data, "fuzz.yaml")
    except BankError as error:
        assert error.problems and all(p.source == "fuzz.yaml" for p in error.problems)
    else:
        assert loaded.questions


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes_load_or_raise_the_loaders_own_error(data: bytes) -> None:
    loads_or_explains(data)


@SETTINGS
@given(yaml_values)
def test_any_structure_loads_or_raises_the_loaders_own_error(value: object) -> None:
    loads_or_explains(json.dumps(value).encode())  # JSON is YAML: a structure of any shape


@SETTINGS
@given(
    st.dictionaries(
        st.sampled_from(bank.BANK_KEYS + bank.OPTIONAL_BANK_KEYS),
        yaml_values,
        max_size=9,
    )
)
def test_bank_shaped_structures_load_or_raise_the_loaders_own_error(value: object) -> None:
    loads_or_explains(json.dumps(value).encode())


VALID = yamlsafe.plain(
    yamlsafe.parse(
        SAFETY.replace("questions:\n", "closing: C.\nquestions:\n") + CHOOSE_ANY[len(MINIMAL) :]
    )
)


@SETTINGS
@given(st.data())
def test_a_valid_bank_with_parts_replaced_loads_or_raises_the_loaders_own_error(
    data: st.DataObject,
) -> None:
    document = copy.deepcopy(VALID)
    for _ in range(data.draw(st.integers(1, 3))):
        node = document
        while True:  # walk down to a random part, then replace it with anything
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            if not keys:
                break
            key = data.draw(st.sampled_from(keys))
            if isinstance(node[key], (dict, list)) and data.draw(st.booleans()):
                node = node[key]
                continue
            node[key] = data.draw(yaml_values)
            break
    loads_or_explains(json.dumps(document).encode())


def test_the_unchanged_bank_used_above_is_valid() -> None:
    loads_or_explains(json.dumps(VALID).encode())


TINY = bank.load_bytes(MINIMAL.encode(), "tiny.yaml")


@SETTINGS
@given(st.binary(max_size=500) | yaml_values.map(lambda v: json.dumps(v).encode()))
def test_any_answers_file_parses_or_raises_the_answers_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("answers") / "a.yaml"
    path.write_bytes(data)
    try:
        answers = answersfile.read(str(path), TINY, "everyone")
    except AnswersError as error:
        assert error.problems
    else:
        assert set(answers) == {"q1", "q2", "q3", "q4"}


# ---------------------------------------------------------------- terminal and process

CORE = catalog.load("emotional-intimacy")
QUESTIONS = len(CORE.questions)
# One question of each kind the prompts draw differently: the first (no going back), a scale
# question, a safety question, a wish, and the last; the keys reach every prompt the same way
# (test_quiz.py), so these stand for every question.
STOPS = sorted(
    {
        1,
        next(n for n, q in enumerate(CORE.questions, start=2) if q.scored),
        next(n for n, q in enumerate(CORE.questions, start=1) if q.safety),
        next(n for n, q in enumerate(CORE.questions, start=1) if q.kind == "wish"),
        QUESTIONS,
    }
)


@pytest.mark.parametrize("stop_at", STOPS)
def test_ctrl_c_at_any_kind_of_question_exits_130_and_writes_nothing(
    tmp_path: Path, stop_at: int
) -> None:
    child = spawn(
        "check",
        "--for",
        "partner",
        "--export",
        "out.txt",
        cwd=tmp_path,
        env={"INTIMACY_HOME": str(tmp_path / "home")},
    )
    for number in range(1, stop_at):
        answer(child, number, "3\r")
    expect(child, f"{stop_at} of {QUESTIONS} · ")
    child.sendintr()
    expect_stopped(child)
    assert list(tmp_path.iterdir()) == []


# Run the installed entry point with the command module failing to load, the way Ctrl-C (or a
# bug of ours) would strike between two steps.
FAILING_LOAD = """
import sys
from importlib.abc import MetaPathFinder

class Fail(MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "intimacy_cli.cli":
            raise {error}

sys.meta_path.insert(0, Fail())
sys.argv = ["intimacy", "--help"]  # through Typer: the command modules are loaded
from intimacy_cli.entry import run
run()
"""


def entry_point_failing_with(error: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", FAILING_LOAD.format(error=error)],
        capture_output=True,
        text=True,
        env={**os.environ, **QUIET_ENV, **env},
        timeout=20,
    )


def test_ctrl_c_between_steps_still_ends_with_the_footer() -> None:
    result = entry_point_failing_with("KeyboardInterrupt", {})
    assert result.returncode == 130
    assert "Nothing was saved" in result.stderr and "988" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bug_of_ours_is_one_line_unless_debugging() -> None:
    result = entry_point_failing_with("RuntimeError('private words')", {})
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "error: intimacy hit an unexpected problem (RuntimeError); nothing was saved. Set "
        "INTIMACY_DEBUG=1 to see the details."
    ]
    debugging = entry_point_failing_with("RuntimeError('private words')", {"INTIMACY_DEBUG": "1"})
    assert "Traceback" in debugging.stderr and "private words" in debugging.stderr


def test_a_20_column_terminal_keeps_the_crisis_numbers_whole(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    safety = {**all_answers(3), "afraid-of-reaction": 5}
    answers.write_text(json.dumps(safety))
    child = spawn("check", "--answers", str(answers), env={"COLUMNS": "20"}, dimensions=(200, 20))
    child.expect(pexpect.EOF)
    shown = re.sub(r"\x1b\[[0-9;]*m", "", child.before)  # colours take no room on screen
    lines = [line.strip() for line in shown.splitlines()]
    assert all(len(line) <= 20 for line in lines)
    for number in ("988", "911", "1-800-799-7233", "741741"):
        assert any(number in line for line in lines), number


def test_export_is_private_under_umask_000(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps(all_answers(3)))
    export = tmp_path / "r.txt"
    result = subprocess.run(
        [str(INTIMACY), "check", "--answers", str(answers), "--export", str(export)],
        env={**os.environ, **QUIET_ENV},
        capture_output=True,
        timeout=20,
        preexec_fn=lambda: os.umask(0),
    )
    assert result.returncode == 0
    assert stat.S_IMODE(export.stat().st_mode) == 0o600


def test_dev_full_is_refused_and_untouched(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps(all_answers(3)))
    for extra in ([], ["--force"]):
        result = run("check", "--answers", str(answers), "--export", "/dev/full", *extra)
        assert result.returncode == 2 and "Traceback" not in result.stderr
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_full_disk_fails_cleanly_with_no_partial_file(tmp_path: Path) -> None:
    """Writes past 2 KiB fail (RLIMIT_FSIZE), as on a full disk: exit 1, nothing left behind."""
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps(all_answers(3)))
    out = tmp_path / "out"
    out.mkdir()

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))

    result = subprocess.run(
        [str(INTIMACY), "check", "--answers", str(answers), "--export", str(out / "r.txt")],
        env={**os.environ, **QUIET_ENV},
        capture_output=True,
        text=True,
        timeout=20,
        preexec_fn=small_disk,
    )
    assert result.returncode == 1
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr
    assert list(out.iterdir()) == []
