"""The installed `intimacy` command, end to end with --answers: every option, every exit code."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import INTIMACY, all_answers, run
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
    assert top.returncode == 0 and "check" in top.stdout and "--version" in top.stdout
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
    assert set(json.loads(result.stdout)["answers"].values()) == {4}


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
    path.write_text("share-struggles: 9\nnot-a-question: 1\n")
    result = run("check", "--answers", str(path))
    assert result.returncode == 2
    assert "share-struggles: '9' is not an answer here" in result.stderr
    assert "unknown question id(s): not-a-question" in result.stderr
    assert "no answer for:" in result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr


def test_own_bank_by_path_and_its_errors_with_lines(tmp_path: Path) -> None:
    bank_path = tmp_path / "tiny.yaml"
    bank_path.write_text(MINIMAL)
    answers = tmp_path / "a.yaml"
    answers.write_text("q1: 3\nq2: Never\n")
    result = run("check", str(bank_path), "--answers", str(answers))
    assert result.returncode == 0 and "A tiny set: a reflection" in result.stdout
    bank_path.write_text(MINIMAL.replace("reverse: true", "reverse: no"))
    broken = run("check", str(bank_path), "--answers", str(answers))
    assert broken.returncode == 2
    assert broken.stderr == (
        f"error: {bank_path}:23: 'reverse' of question 'q2' must be true or false, not 'no'\n"
    )


def test_unknown_shipped_bank() -> None:
    result = run("check", "nothing-like-this", "--answers", "-")
    assert result.returncode == 2 and "no such question set" in result.stderr


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
    result = run("check", "--answers", str(answers_file), env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert "988" in result.stdout
