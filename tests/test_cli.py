"""The installed `intimacy` command, end to end with --answers: every option, every exit code."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import INTIMACY, PHONE_NUMBER, REPO, all_answers, run, run_process
from test_bank import MINIMAL

import intimacy_cli
from intimacy_cli.helplines import for_country
from intimacy_cli.report import DISCLAIMER

CRISIS_FOOTER = for_country("US").footer


def flat(text: str) -> str:
    return " ".join(text.split())


def test_version_and_module_entry_point() -> None:
    assert run("--version").stdout == f"intimacy {intimacy_cli.__version__}\n"
    module = subprocess.run(
        [sys.executable, "-m", "intimacy_cli", "--version"], capture_output=True, text=True
    )
    assert module.returncode == 0 and module.stdout == f"intimacy {intimacy_cli.__version__}\n"


def test_help_describes_every_option() -> None:
    top = run("--help")
    assert top.returncode == 0 and "--version" in top.stdout
    listed = re.findall(r"^\W*([a-z]+)  ", top.stdout.split("Commands")[1], re.MULTILINE)
    assert listed[0] == "check"  # the command people come for, first
    commands = {"check", "history", "compare", "banks", "validate", "schema", "resources"}
    assert set(listed) == commands
    check_help = flat(run("check", "--help").stdout)
    for option in ("--for", "--answers", "--export", "--force", "--json", "[BANK]"):
        assert option in check_help
    assert "partner" in check_help and ".txt" in check_help


def test_no_arguments_shows_help_not_a_traceback() -> None:
    result = run()
    assert "check" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_summary_from_an_answers_file(answers_file: Path) -> None:
    result = run("check", "--answers", str(answers_file), "--for", "partner")
    assert result.returncode == 0, result.stderr
    out = flat(result.stdout)
    assert "Signs of emotional intimacy: a reflection" in out
    assert "About your partner" in out
    assert flat(DISCLAIMER) in out and flat(CRISIS_FOOTER) in out
    assert "\x1b" not in result.stdout  # piped: plain output
    assert not [line for line in result.stdout.splitlines() if line.endswith(" ")]  # rich pads
    assert result.stderr == ""


def test_focus_defaults_to_everyone_and_is_case_insensitive(answers_file: Path) -> None:
    assert "About the people close to you" in run("check", "--answers", str(answers_file)).stdout
    assert (
        "About your family"
        in run("check", "--answers", str(answers_file), "--for", "FAMILY").stdout
    )


def test_unknown_focus_is_a_usage_error(answers_file: Path) -> None:
    result = run("check", "--answers", str(answers_file), "--for", "boss")
    assert result.returncode == 2 and "boss" in result.stderr
    assert "Traceback" not in result.stderr


def test_answers_from_stdin() -> None:
    result = run("check", "--answers", "-", "--json", stdin=json.dumps(all_answers("Often")))
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout)["answers"]
    assert {value for value in answers.values() if value is not None} == {4}
    assert answers["wish-sharing"] is None  # a wish left out is not said, not assumed
    assert "afraid-of-reaction" not in answers  # safety answers stay out unless asked for


def test_json_goes_to_stdout_alone(answers_file: Path) -> None:
    result = run("check", "--answers", str(answers_file), "--json", "--for", "friends")
    data = json.loads(result.stdout)
    assert data["focus"] == "friends" and data["bank"]["id"] == "emotional-intimacy"
    assert "988" in data["crisis"]
    assert result.stderr == ""


@pytest.mark.parametrize("suffix", [".txt", ".md", ".json"])
def test_export_writes_a_private_file_in_each_format(
    answers_file: Path, tmp_path: Path, suffix: str
) -> None:
    target = tmp_path / f"reflection{suffix}"
    result = run("check", "--answers", str(answers_file), "--export", str(target))
    assert result.returncode == 0, result.stderr
    assert f"Saved to {target}" in result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    content = target.read_text()
    assert "988" in content and "\x1b" not in content
    if suffix == ".json":
        assert json.loads(content)["format"] == "intimacy-report"


def test_export_refuses_an_existing_file_before_asking_anything(
    answers_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "reflection.txt"
    target.write_text("my old notes")
    refused = run("check", "--answers", str(answers_file), "--export", str(target))
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert refused.stdout == ""  # refused up front: no summary was shown
    assert target.read_text() == "my old notes"
    forced = run("check", "--answers", str(answers_file), "--export", str(target), "--force")
    assert forced.returncode == 0 and "988" in target.read_text()


def test_export_refuses_a_symlink_and_does_not_create_its_target(
    answers_file: Path, tmp_path: Path
) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "target.txt")
    result = run("check", "--answers", str(answers_file), "--export", str(link))
    assert result.returncode == 2
    assert not (tmp_path / "target.txt").exists()


def test_export_with_an_unknown_ending_is_a_usage_error(answers_file: Path, tmp_path: Path) -> None:
    result = run("check", "--answers", str(answers_file), "--export", str(tmp_path / "r.pdf"))
    assert result.returncode == 2 and "unknown export format" in result.stderr


def test_export_to_a_missing_folder_is_a_failure_with_no_file(
    answers_file: Path, tmp_path: Path
) -> None:
    result = run(
        "check", "--answers", str(answers_file), "--export", str(tmp_path / "nowhere" / "r.txt")
    )
    assert result.returncode == 1 and "does not exist" in result.stderr
    assert not (tmp_path / "nowhere").exists()
    assert "Traceback" not in result.stderr


def test_bad_answers_exit_2_naming_them(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text("tell-worries: 9\nnot-a-question: 1\n")
    result = run("check", "--answers", str(path))
    assert result.returncode == 2
    assert "tell-worries: '9' is not an answer here" in result.stderr
    assert "unknown question id(s): not-a-question" in result.stderr
    assert "no answer for:" in result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr


def test_own_bank_by_path_and_its_errors_with_lines(tmp_path: Path) -> None:
    bank_path = tmp_path / "tiny.yaml"
    bank_path.write_text(MINIMAL)
    answers = tmp_path / "a.yaml"
    answers.write_text("q1: 3\nq2: Never\nq3: 1\nq4: 1\n")
    result = run("check", str(bank_path), "--answers", str(answers))
    assert result.returncode == 0 and "A tiny set: a reflection" in result.stdout
    bank_path.write_text(MINIMAL.replace("reverse: true", "reverse: no", 1))
    broken = run("check", str(bank_path), "--answers", str(answers))
    assert broken.returncode == 2
    assert broken.stderr == (
        f"error: {bank_path}:23: 'reverse' of question 'q2' must be true or false, not 'no'\n"
    )


def test_unknown_shipped_bank(tmp_path: Path) -> None:
    env = {"INTIMACY_HOME": str(tmp_path / "home")}
    result = run("check", "nothing-like-this", "--answers", "-", env=env)
    assert result.returncode == 2 and "no such question set" in result.stderr
    # where a set of one's own would have to be, to be found by its id
    assert f"when its file is in {tmp_path / 'home' / 'questions'}" in flat(result.stderr)


def test_no_terminal_and_no_answers_exits_2_at_once_with_a_hint() -> None:
    for stdin in (None, "3\n"):  # /dev/null, then a pipe
        started = time.monotonic()
        result = run("check", stdin=stdin)
        assert time.monotonic() - started < 5
        assert result.returncode == 2
        assert "--answers" in result.stderr and "Traceback" not in result.stderr


def test_output_piped_into_head_ends_without_a_traceback(answers_file: Path) -> None:
    result = subprocess.run(
        f"'{INTIMACY}' check --answers '{answers_file}' | head -1",
        shell=True,
        capture_output=True,
        text=True,
    )
    assert result.stdout.startswith("Signs of emotional intimacy")
    assert "Traceback" not in result.stderr and "Error" not in result.stderr


def test_an_ascii_only_output_does_not_crash(answers_file: Path) -> None:
    result = run_process("check", "--answers", str(answers_file), env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert "988" in result.stdout


def own_questions(tmp_path: Path, **files: str) -> dict[str, str]:
    """A question folder of one's own, as the environment for `run`."""
    folder = tmp_path / "home" / "questions"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text)
    return {"INTIMACY_HOME": str(tmp_path / "home")}


def test_banks_lists_shipped_and_own_sets(tmp_path: Path) -> None:
    result = run("banks", env=own_questions(tmp_path, tiny=MINIMAL))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "QUESTIONS", "FROM", "TITLE"]
    assert any(line.split()[:3] == ["emotional-intimacy", "21", "shipped"] for line in lines)
    assert any(line.startswith("four-types ") for line in lines)
    tiny = next(line for line in lines if line.startswith("tiny "))
    assert "4" in tiny.split() and str(tmp_path / "home" / "questions" / "tiny.yaml") in tiny
    assert f"Your own question files go in {tmp_path / 'home' / 'questions'}" in result.stdout


def test_an_own_set_with_a_shipped_id_is_named_and_the_shipped_set_still_runs(
    tmp_path: Path, answers_file: Path
) -> None:
    env = own_questions(tmp_path, mine=MINIMAL.replace("id: tiny", "id: emotional-intimacy"))
    listing = run("banks", env=env)
    assert listing.returncode == 2
    assert "mine.yaml:1: the id 'emotional-intimacy' is already used by a shipped" in (
        listing.stderr
    )
    checked = run("check", "--answers", str(answers_file), "--save", env=env)
    assert checked.returncode == 0, checked.stderr
    assert "already used by a shipped question set" in flat(checked.stderr)
    assert "(it was left out)" in flat(checked.stderr)
    assert "Signs of emotional intimacy" in checked.stdout and "988" in checked.stdout
    assert run("history", "show", "1", env=env).returncode == 0


def test_a_file_run_by_path_may_not_pose_as_a_shipped_set(
    tmp_path: Path, answers_file: Path
) -> None:
    """Its results would be kept, compared and re-read as the shipped set's."""
    shipped = REPO / "questions" / "emotional-intimacy.yaml"
    env = {"INTIMACY_HOME": str(tmp_path / "home")}
    same = run("check", str(shipped), "--answers", str(answers_file), "--no-save", env=env)
    assert same.returncode == 0, same.stderr  # the shipped set's own file is that set
    edited = tmp_path / "mine.yaml"
    edited.write_text(shipped.read_text().replace("title: ", "title: My copy of ", 1))
    refused = run("check", str(edited), "--answers", str(answers_file), "--save", env=env)
    assert refused.returncode == 2 and refused.stdout == ""
    assert f"{edited}:1: the id 'emotional-intimacy' is already used by a shipped" in flat(
        refused.stderr
    )
    assert not (tmp_path / "home").exists() or not any((tmp_path / "home").rglob("*.sqlite3"))


def test_a_file_run_by_path_may_not_pose_as_a_set_of_ones_own(tmp_path: Path) -> None:
    env = own_questions(tmp_path, tiny=MINIMAL)
    own = tmp_path / "home" / "questions" / "tiny.yaml"
    answers = tmp_path / "answers.yaml"
    answers.write_text("q1: 3\nq2: 3\nq3: 3\nq4: 3\n")
    same = run("check", str(own), "--answers", str(answers), "--no-save", env=env)
    assert same.returncode == 0, same.stderr
    other = tmp_path / "other.yaml"
    other.write_text(MINIMAL.replace("title: A tiny set", "title: Another set"))
    refused = run("check", str(other), "--answers", str(answers), "--save", env=env)
    assert refused.returncode == 2
    assert f"the id 'tiny' is already used by {own}" in flat(refused.stderr)


def test_check_takes_an_own_set_by_id(tmp_path: Path) -> None:
    result = run(
        "check",
        "tiny",
        "--answers",
        "-",
        stdin="q1: 3\nq2: skip\nq3: 1\nq4: 1\n",
        env=own_questions(tmp_path, tiny=MINIMAL),
    )
    assert result.returncode == 0, result.stderr
    assert "A tiny set: a reflection" in result.stdout


def test_validate_lists_every_problem_with_its_line(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL)
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        MINIMAL.replace("version: 1", "version: one").replace("reverse: true", "reverse: no", 1)
    )
    result = run("validate", str(good), str(bad))
    assert result.returncode == 2
    assert result.stdout.splitlines() == [
        f"{good}: valid: 'tiny', 4 questions in 1 area",
        f"{bad}:3: 'version' must be a whole number, not 'one'",
        f"{bad}:23: 'reverse' of question 'q2' must be true or false, not 'no'",
    ]
    assert run("validate", str(good)).returncode == 0
    assert run("validate").returncode == 2  # nothing to validate is a usage error


def test_validate_all_shipped_sets() -> None:
    result = run("validate", *sorted(str(p) for p in (REPO / "questions").glob("*.yaml")))
    assert result.returncode == 0 and result.stdout.count(": valid: ") == 3


def test_schema_prints_the_shipped_json_schema() -> None:
    from importlib import resources

    result = run("schema")
    shipped = (resources.files("intimacy_cli") / "data" / "bank.schema.json").read_text()
    assert result.returncode == 0 and json.loads(result.stdout) == json.loads(shipped)


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        ((), {}, ["United States (US)", "988", "741741", "1-800-799-7233", "findahelpline.com"]),
        (
            (),
            {"LANG": "en_GB.UTF-8"},
            ["United Kingdom (GB)", "116 123", "999", "0808 2000 247", "85258", "press 55"],
        ),
        (("--country", "uk"), {}, ["United Kingdom (GB)", "0808 80 10 800", "0808 802 1414"]),
        (("--country", "ca"), {"LANG": "en_GB.UTF-8"}, ["Canada (CA)", "988", "sheltersafe.ca"]),
        (("--country", "IE"), {}, ["Ireland (IE)", "116 123", "1800 341 900"]),
        (("--country", "AU"), {}, ["Australia (AU)", "13 11 14", "0477 13 11 14", "1800 737 732"]),
        (("--country", "DE"), {}, ["DE: we have no lines for it yet", "findahelpline.com"]),
    ],
)
def test_resources_for_each_country(
    args: tuple[str, ...], env: dict[str, str], expected: list[str]
) -> None:
    result = run("resources", *args, env={"COLUMNS": "24", **env})
    assert result.returncode == 0, result.stderr
    for text in expected:
        assert text in flat(result.stdout)
    assert "source:" in result.stdout and "checked 2026-" in flat(result.stdout)
    lines = result.stdout.splitlines()
    # COLUMNS is kept; only a word longer than that (an address) has a line to itself, whole,
    # so that it can be copied or opened.
    assert all(len(line) <= 24 or len(line.split()) == 1 for line in lines)
    for address in re.findall(r"https?://\S+", flat(result.stdout)):
        assert any(address.rstrip(").") in line for line in lines), address
    # Every number a person would dial stays on one line ("116\n123" would read "116 123").
    for number in PHONE_NUMBER.findall(flat(result.stdout)):
        assert any(number in line for line in lines), number


def test_resources_refuses_a_bad_country_code() -> None:
    result = run("resources", "--country", "USA")
    assert result.returncode == 2 and "two-letter" in result.stderr


def test_summary_footer_follows_the_locale_and_the_country_option(answers_file: Path) -> None:
    by_locale = run("check", "--answers", str(answers_file), env={"LANG": "en_AU.UTF-8"})
    assert "Lifeline on 13 11 14" in flat(by_locale.stdout)
    chosen = run("check", "--answers", str(answers_file), "--country", "GB", "--json")
    assert "116 123" in json.loads(chosen.stdout)["crisis"]


@pytest.mark.parametrize("how", [("--plain",), ()])
def test_plain_summary_with_plain_flag_or_dumb_terminal(
    answers_file: Path, how: tuple[str, ...]
) -> None:
    result = run("check", "--answers", str(answers_file), *how, env={} if how else {"TERM": "dumb"})
    assert result.returncode == 0
    assert "Part by part." in result.stdout and "988" in result.stdout
    assert not any(mark in result.stdout for mark in "█░─•[")


def test_checklist_answers_through_the_command_line(tmp_path: Path) -> None:
    from intimacy_cli import catalog

    barriers = catalog.load("barriers")
    answers: dict[str, object] = {q.id: 3 for q in barriers.questions if q.scored}
    answers |= {q.id: 1 for q in barriers.questions if q.safety}
    answers["what-gets-in-the-way"] = ["stonewalling"]
    result = run("check", "barriers", "--answers", "-", "--json", stdin=json.dumps(answers))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["answers"]["what-gets-in-the-way"] == ["stonewalling"]
    assert data["summary"]["barriers"][0]["label"].startswith("Stonewalling")


def test_the_readme_example_question_file_is_valid(tmp_path: Path) -> None:
    import re

    from helpers import REPO

    readme = (REPO / "README.md").read_text()
    example = re.search(r"small example:\n\n```yaml\n(.*?)```", readme, re.S)
    assert example is not None
    path = tmp_path / "evenings.yaml"
    path.write_text(example.group(1))
    result = run("validate", str(path))
    assert result.stdout == f"{path}: valid: 'evenings', 7 questions in 1 area\n"


def completions(words: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash would offer after `words` (Typer's completion protocol)."""
    parts = words.split(" ")
    result = run(
        env={
            "_INTIMACY_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(parts) - 1),
            **(env or {}),
        }
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_the_shell_completes_commands_options_foci_sets_and_history_numbers(
    tmp_path: Path, answers_file: Path
) -> None:
    assert completions("intimacy hi") == ["history"]
    assert "--for" in completions("intimacy check --f")
    assert completions("intimacy check --for f") == ["family", "friends"]
    assert completions("intimacy check fo") == ["four-types"]
    home = {"INTIMACY_HOME": str(tmp_path / "home")}
    assert completions("intimacy history show ", home) == []  # no history: nothing to offer
    for _ in range(2):
        run("check", "--answers", str(answers_file), "--save", env=home)
    assert completions("intimacy history show ", home) == ["1", "2"]
    assert completions("intimacy compare 2 ", home) == ["1", "2"]
    installer = run("--show-completion", "bash")
    assert installer.returncode == 0 and "_INTIMACY_COMPLETE" in installer.stdout


START_UP = """
import atexit, sys
target = sys.argv[1]
def written():
    with open(target, "w") as out:
        out.write("\\n".join(sorted(sys.modules)))
atexit.register(written)
sys.argv = ["intimacy", *sys.argv[2:]]
from intimacy_cli.entry import run
run()
"""
HEAVY = ("sqlite3", "yaml", "intimacy_cli.report", "intimacy_cli.render.")


@pytest.mark.parametrize(
    ("args", "first_question"),
    [
        (["--version"], None),
        (["--help"], None),
        (["check"], "in general"),
        (["check", "--for", "partner"], "Almost always"),
    ],
)
def test_start_up_imports_nothing_it_does_not_need(
    tmp_path: Path, args: list[str], first_question: str | None
) -> None:
    """Up to the first question (or the answer to --version and --help): no history database,
    no YAML parser, no report and none of our renderers."""
    import pexpect
    from helpers import QUIET_ENV, expect

    modules = tmp_path / "modules.txt"
    child = pexpect.spawn(
        sys.executable,
        ["-c", START_UP, str(modules), *args],
        env={**os.environ, **QUIET_ENV, "TERM": "xterm"},
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
        cwd=str(tmp_path),  # not the source tree: the installed package
    )
    if first_question:
        expect(child, first_question)
        child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    loaded = modules.read_text().split()
    assert "intimacy_cli.entry" in loaded
    assert not [name for name in loaded if name.startswith(HEAVY) or name in HEAVY]
