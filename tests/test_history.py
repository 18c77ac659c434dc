"""The private history and comparisons, through the installed command with INTIMACY_HOME in a
temporary folder, plus what only the raw database file can show."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import stat
import subprocess
import time
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

import pytest
from helpers import INTIMACY, QUIET_ENV, all_answers, run, spawn

from intimacy_cli import catalog, history


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def env(home: Path) -> dict[str, str]:
    return {"INTIMACY_HOME": str(home)}


def database(home: Path) -> Path:
    return home / history.FILE_NAME


def check(
    env: dict[str, str],
    tmp_path: Path,
    value: int | str = 3,
    *extra: str,
    bank_id: str = "emotional-intimacy",
) -> subprocess.CompletedProcess[str]:
    answers = tmp_path / f"answers-{bank_id}-{value}.json"
    loaded = catalog.load(bank_id)
    answers.write_text(
        json.dumps({q.id: ([] if q.kind == "choose-any" else value) for q in loaded.questions})
    )
    return run("check", bank_id, "--answers", str(answers), *extra, env=env)


def test_nothing_is_kept_without_being_asked(
    env: dict[str, str], home: Path, tmp_path: Path
) -> None:
    assert check(env, tmp_path).returncode == 0
    assert check(env, tmp_path, 3, "--no-save").returncode == 0
    assert not home.exists()
    assert "empty" in run("history", env=env).stdout


def test_keep_list_show_and_forget(env: dict[str, str], home: Path, tmp_path: Path) -> None:
    kept = check(env, tmp_path, 2, "--save", "--for", "partner")
    assert kept.returncode == 0, kept.stderr
    assert f"Kept in your private history as #1 ({database(home)})" in kept.stderr
    check(env, tmp_path, 4, "--save", "--for", "partner")
    listing = run("history", env=env)
    assert listing.returncode == 0
    assert "emotional-intimacy, about: partner (2 results)" in listing.stdout
    assert "Trend, oldest to newest:" in listing.stdout
    assert "sharing" in listing.stdout and "25 -> 75" in listing.stdout
    headings = next(line for line in listing.stdout.splitlines() if line.startswith("#"))
    areas = [area.id for area in catalog.load("emotional-intimacy").areas]
    assert headings.split() == ["#", "date", "overall", *areas]  # whole, in 80 columns

    shown = run("history", "show", "2", "--export", str(tmp_path / "two.md"), env=env)
    assert shown.returncode == 0, shown.stderr
    assert "About your partner" in shown.stdout and "988" in shown.stdout
    assert "Since last time" not in shown.stdout
    assert "Often" in (tmp_path / "two.md").read_text()
    assert stat.S_IMODE((tmp_path / "two.md").stat().st_mode) == 0o600

    refused = run("history", "forget", "1", env=env)
    assert refused.returncode == 2 and "--yes" in refused.stderr
    forgot = run("history", "forget", "1", "--yes", env=env)
    assert forgot.returncode == 0 and "Forgot 1 result" in forgot.stdout
    data = json.loads(run("history", "--json", env=env).stdout)
    assert [row["id"] for row in data] == [2]
    assert run("history", "show", "1", env=env).returncode == 1


def test_a_new_run_says_what_changed_since_last_time(env: dict[str, str], tmp_path: Path) -> None:
    check(env, tmp_path, 2, "--save", "--for", "friends")
    again = check(env, tmp_path, 4, "--for", "friends")
    assert "Since last time" in again.stdout
    assert "Sharing your inner world: up from 25 to 75" in " ".join(again.stdout.split())
    other_focus = check(env, tmp_path, 4, "--for", "family")
    assert "Since last time" not in other_focus.stdout


def test_history_filters_and_json(env: dict[str, str], tmp_path: Path) -> None:
    check(env, tmp_path, 3, "--save")
    check(env, tmp_path, 3, "--save", bank_id="four-types")
    rows = json.loads(run("history", "--json", "--bank", "four-types", env=env).stdout)
    assert [row["bank"]["id"] for row in rows] == ["four-types"]
    assert set(rows[0]) >= {"id", "created", "focus", "overall", "areas", "answers"}
    today = datetime.now().astimezone().date().isoformat()
    assert len(json.loads(run("history", "--json", "--since", today, env=env).stdout)) == 2
    assert json.loads(run("history", "--json", "--since", "2999-01-01", env=env).stdout) == []
    bad = run("history", "--since", "last week", env=env)
    assert bad.returncode == 2 and "not a date" in bad.stderr


def test_long_histories_show_the_latest_rows_and_trend_over_all(
    home: Path, env: dict[str, str]
) -> None:
    with history.opened(database(home), create=True) as connection:
        for day in range(1, 121):
            created = datetime(2026, 1, 1, tzinfo=timezone.utc).replace(day=1 + day % 28)
            history.save(
                connection,
                created,
                "emotional-intimacy",
                1,
                "partner",
                "US",
                {},
                day % 100,
                {"sharing": day % 100},
            )
    listing = run("history", env=env)
    assert listing.returncode == 0
    assert "(the latest 20 of 120; --limit 0 shows all)" in listing.stdout


def test_forget_all_needs_confirmation_or_yes(
    env: dict[str, str], home: Path, tmp_path: Path
) -> None:
    check(env, tmp_path, 3, "--save")
    refused = run("history", "forget", "--all", env=env)
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert run("history", "forget", env=env).returncode == 2  # neither a number nor --all
    done = run("history", "forget", "--all", "--yes", env=env)
    assert done.returncode == 0 and "Forgot 1 result" in done.stdout
    assert json.loads(run("history", "--json", env=env).stdout) == []


def test_files_are_private_even_under_umask_000(
    home: Path, env: dict[str, str], tmp_path: Path
) -> None:
    old = os.umask(0)
    try:
        with history.opened(database(home), create=True) as connection:
            history.save(connection, datetime.now(timezone.utc), "x", 1, "partner", "", {}, 1, {})
            side_files = [Path(f"{database(home)}-wal"), Path(f"{database(home)}-shm")]
            assert all(path.exists() for path in side_files)  # while the connection is open
            for path in side_files:
                assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    finally:
        os.umask(old)
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE(database(home).stat().st_mode) == 0o600


def raw_bytes(home: Path) -> bytes:
    return b"".join(path.read_bytes() for path in home.iterdir())


def test_a_forgotten_result_is_gone_from_the_bytes_on_disk(home: Path) -> None:
    marker = "forget-me-question-7d1c"
    with history.opened(database(home), create=True) as connection:
        kept = history.save(
            connection,
            datetime(2026, 1, 1, tzinfo=timezone.utc),
            "x",
            1,
            "partner",
            "",
            {"kept-question": 1},
            1,
            {},
        )
        gone = history.save(
            connection,
            datetime(1999, 2, 3, 4, 5, 6, tzinfo=timezone.utc),
            "x",
            1,
            "partner",
            "",
            {marker: 5},
            5,
            {},
        )
    assert marker.encode() in raw_bytes(home)
    with history.opened(database(home)) as connection:
        assert history.forget(connection, gone) == 1
    data = raw_bytes(home)
    assert marker.encode() not in data and b"1999-02-03" not in data
    assert b"kept-question" in data
    with history.opened(database(home)) as connection:
        assert [saved.id for saved in history.results(connection)] == [kept]


def test_a_damaged_database_is_reported_and_left_alone(
    home: Path, env: dict[str, str], tmp_path: Path
) -> None:
    home.mkdir()
    damaged = b"SQLite format 3\x00" + b"\xde\xad" * 600
    database(home).write_bytes(damaged)
    result = check(env, tmp_path, 3, "--save")
    assert result.returncode == 1
    assert "988" in result.stdout  # the questionnaire still ran
    assert f"the history {database(home)} is damaged" in result.stderr
    assert "Traceback" not in result.stderr
    assert database(home).read_bytes() == damaged
    assert run("history", env=env).returncode == 1


def test_a_database_from_a_newer_version_is_reported_and_left_alone(
    home: Path, env: dict[str, str], tmp_path: Path
) -> None:
    with history.opened(database(home), create=True):
        pass
    with closing(sqlite3.connect(database(home))) as connection:
        connection.execute("PRAGMA user_version = 99")
    before = raw_bytes(home)
    result = check(env, tmp_path, 3, "--save")
    assert result.returncode == 1 and "newer version of intimacy" in result.stderr
    assert str(database(home)) in result.stderr
    assert raw_bytes(home) == before


def test_a_locked_database_is_a_clear_error(
    home: Path, env: dict[str, str], tmp_path: Path
) -> None:
    with history.opened(database(home), create=True):
        pass
    holder = sqlite3.connect(database(home), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = check(env, tmp_path, 3, "--save")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 1 and "in use by another program" in result.stderr


def test_migration_from_the_first_schema_version(home: Path, env: dict[str, str]) -> None:
    home.mkdir()
    with sqlite3.connect(database(home)) as connection:
        connection.executescript(history.MIGRATIONS[0])
        connection.execute("PRAGMA user_version = 1")
        connection.execute(
            "INSERT INTO results (created, bank_id, bank_version, focus, answers, scores) "
            "VALUES ('2025-05-05T10:00:00+00:00', 'emotional-intimacy', 1, 'family', '{}', "
            '\'{"overall": 40, "areas": {"sharing": 40}}\')'
        )
    rows = json.loads(run("history", "--json", env=env).stdout)
    assert rows[0]["focus"] == "family" and rows[0]["areas"] == {"sharing": 40}
    assert rows[0]["country"] is None
    with sqlite3.connect(database(home)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == history.SCHEMA_VERSION


def test_killed_while_saving_leaves_a_consistent_database(
    home: Path, env: dict[str, str], tmp_path: Path
) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps(all_answers(3)))
    randomness = random.Random(7)
    for _ in range(8):
        before = _count_rows(home)
        process = subprocess.Popen(
            [str(INTIMACY), "check", "--answers", str(answers), "--save"],
            env={**os.environ, **QUIET_ENV, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(randomness.uniform(0.05, 0.4))
        process.send_signal(signal.SIGKILL)
        process.wait()
        after = _count_rows(home)
        assert after in (before, before + 1)
    with sqlite3.connect(database(home)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _count_rows(home: Path) -> int:
    if not database(home).exists():
        return 0
    with history.opened(database(home)) as connection:
        return len(history.results(connection))


def export(
    env: dict[str, str],
    tmp_path: Path,
    value: int,
    bank_id: str = "emotional-intimacy",
    focus: str = "partner",
) -> Path:
    path = tmp_path / f"{bank_id}-{value}-{focus}.json"
    result = check(env, tmp_path, value, "--for", focus, "--export", str(path), bank_id=bank_id)
    assert result.returncode == 0, result.stderr
    return path


def test_compare_two_people_from_their_exports(env: dict[str, str], tmp_path: Path) -> None:
    mine, theirs = export(env, tmp_path, 2), export(env, tmp_path, 5)
    result = run("compare", str(mine), str(theirs), "--export", str(tmp_path / "c.md"), env=env)
    assert result.returncode == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "Where you see things most alike" in out
    assert "Where you see things most differently" in out
    assert "Conversation starters" in out and "not a contest" in out
    assert "988" in out
    assert "right" not in out.lower().replace("rights", "")  # never who is "right"
    saved = (tmp_path / "c.md").read_text()
    assert "| Sharing your inner world |" in saved and "988" in saved


def test_compare_a_person_over_time_by_history_numbers(env: dict[str, str], tmp_path: Path) -> None:
    check(env, tmp_path, 2, "--save")
    check(env, tmp_path, 2, "--save")
    result = run("compare", "1", "2", "--export", str(tmp_path / "c.json"), env=env)
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "c.json").read_text())
    assert data["format"] == "intimacy-comparison"
    assert all(row["difference"] == 0 for row in data["areas"])
    assert data["differ_most"] == [] and data["conversation_starters"] == []


def test_compare_across_question_sets_fails_cleanly(env: dict[str, str], tmp_path: Path) -> None:
    core, four = export(env, tmp_path, 3), export(env, tmp_path, 3, bank_id="four-types")
    result = run("compare", str(core), str(four), env=env)
    assert result.returncode == 2
    assert "must come from the same question set" in result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr


@pytest.mark.parametrize("content", ["not json", '{"format": "something-else"}', "[]"])
def test_compare_refuses_files_that_are_not_exports(
    env: dict[str, str], tmp_path: Path, content: str
) -> None:
    mine = export(env, tmp_path, 3)
    other = tmp_path / "other.json"
    other.write_text(content)
    result = run("compare", str(mine), str(other), env=env)
    assert result.returncode == 2 and "is not a result to compare" in result.stderr


def test_compare_with_a_missing_history_number(env: dict[str, str], tmp_path: Path) -> None:
    check(env, tmp_path, 3, "--save")
    result = run("compare", "1", "9", env=env)
    assert result.returncode == 1 and "there is no result 9" in result.stderr


def test_forget_asks_at_a_terminal_and_no_is_the_default(
    env: dict[str, str], home: Path, tmp_path: Path
) -> None:
    import pexpect

    check(env, tmp_path, 3, "--save")
    check(env, tmp_path, 3, "--save")
    for reply, remaining in (("\r", [1, 2]), ("y\r", [2])):
        child = spawn("history", "forget", "1", env=env)
        child.expect(r"Forget result #1 for good\? \[y/N\]")
        child.send(reply)
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
        rows = json.loads(run("history", "--json", env=env).stdout)
        assert [row["id"] for row in rows] == remaining


@pytest.mark.parametrize("suffix", [".txt", ".html", ".svg"])
def test_compare_exports_every_format_with_the_footer(
    env: dict[str, str], tmp_path: Path, suffix: str
) -> None:
    from xml.etree import ElementTree

    mine, theirs = export(env, tmp_path, 2), export(env, tmp_path, 5)
    target = tmp_path / f"both{suffix}"
    result = run("compare", str(mine), str(theirs), "--export", str(target), env=env)
    assert result.returncode == 0, result.stderr
    content = target.read_text()
    if suffix == ".svg":
        ElementTree.fromstring(content)  # well-formed
    assert "988" in content and "Sharing your inner world" in content.replace("&#160;", " ")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
