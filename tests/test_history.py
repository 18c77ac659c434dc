"""The private history, through the command with INTIMACY_HOME in a temporary folder, plus
what only the raw database file can show. Faults and attacks: test_history_faults.py."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest
from helpers import run, spawn

from intimacy_cli import catalog, history


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def env(home: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The history's place, for commands run here and in a child process alike."""
    monkeypatch.setenv("INTIMACY_HOME", str(home))
    return {"INTIMACY_HOME": str(home)}


def database(home: Path) -> Path:
    return home / history.FILE_NAME


def answers_for(
    bank_id: str, value: int | str, focus: str = "everyone", **wishes: str
) -> dict[str, object]:
    """Every scale question at `value`, safety questions at Never, nothing ticked, and the
    given wishes (by area id)."""
    loaded = catalog.load(bank_id)
    answers: dict[str, object] = {}
    for q in loaded.asked(focus):
        if q.kind == "choose-any":
            answers[q.id] = []
        elif q.kind == "wish":
            answers[q.id] = wishes.get(q.area or "", "skip")
        else:
            answers[q.id] = 1 if q.safety else value
    return answers


def check(
    env: dict[str, str],
    tmp_path: Path,
    value: int | str = 3,
    *extra: str,
    bank_id: str = "emotional-intimacy",
    focus: str = "everyone",
    answers: dict[str, object] | None = None,
) -> subprocess.CompletedProcess[str]:
    path = tmp_path / f"answers-{bank_id}-{value}-{focus}.json"
    path.write_text(json.dumps(answers or answers_for(bank_id, value, focus)))
    return run("check", bank_id, "--answers", str(path), "--for", focus, *extra, env=env)


def kept(**fields: object) -> history.Saved:
    """A result as the history keeps it, with harmless defaults."""
    values: dict[str, object] = {
        "created": datetime(2026, 1, 1, tzinfo=timezone.utc),
        "bank_id": "emotional-intimacy",
        "bank_version": catalog.load("emotional-intimacy").version,
        "focus": "partner",
        "country": "US",
        "answers": {},
        "overall": 50,
        "areas": {"sharing": 50},
        "wishes": {},
    }
    values.update(fields)
    return history.Saved(**values)  # type: ignore[arg-type]


def test_nothing_is_kept_without_being_asked(
    env: dict[str, str], home: Path, tmp_path: Path
) -> None:
    assert check(env, tmp_path).returncode == 0
    assert check(env, tmp_path, 3, "--no-save").returncode == 0
    assert not home.exists()
    assert "empty" in run("history", env=env).stdout


def test_keep_list_show_and_forget(env: dict[str, str], home: Path, tmp_path: Path) -> None:
    first = check(env, tmp_path, 2, "--save", focus="partner")
    assert first.returncode == 0, first.stderr
    assert f"Kept in your private history as #1 ({database(home)})" in first.stderr
    more = answers_for("emotional-intimacy", 4, "partner", sharing="a-little-more")
    check(env, tmp_path, 4, "--save", focus="partner", answers=more)
    listing = run("history", env=env)
    assert listing.returncode == 0
    assert "emotional-intimacy, about: partner (2 results)" in listing.stdout
    assert "Trend, oldest to newest:" in listing.stdout
    assert "sharing" in listing.stdout and "50 -> 50" in listing.stdout
    assert "50+" in listing.stdout  # the wish beside the score, with its legend
    assert "+ would like a little more" in " ".join(listing.stdout.split())
    headings = next(line for line in listing.stdout.splitlines() if line.startswith("#"))
    areas = [area.id for area in catalog.load("emotional-intimacy").areas]
    assert headings.split() == ["#", "date", "overall", *areas]  # whole, in 80 columns

    shown = run("history", "show", "2", "--export", str(tmp_path / "two.md"), env=env)
    assert shown.returncode == 0, shown.stderr
    assert "About your partner" in shown.stdout and "988" in shown.stdout
    assert "You would like a little more." in " ".join(shown.stdout.split())
    assert "Since last time" not in shown.stdout
    assert "Often" in (tmp_path / "two.md").read_text()
    assert stat.S_IMODE((tmp_path / "two.md").stat().st_mode) == 0o600

    refused = run("history", "forget", "1", env=env)
    assert refused.returncode == 2 and "--yes" in refused.stderr
    forgot = run("history", "forget", "1", "--yes", env=env)
    assert forgot.returncode == 0 and "Forgot 1 result" in forgot.stdout
    data = json.loads(run("history", "--json", env=env).stdout)
    assert [row["id"] for row in data] == [2]
    assert data[0]["wishes"]["sharing"] == "a-little-more"
    assert run("history", "show", "1", env=env).returncode == 1


def test_a_new_run_says_what_changed_since_last_time(env: dict[str, str], tmp_path: Path) -> None:
    low = answers_for("emotional-intimacy", 1, "friends")
    low |= {q.id: 5 for q in catalog.load("emotional-intimacy").questions if q.reverse}
    check(env, tmp_path, 1, "--save", focus="friends", answers=low)
    again = check(env, tmp_path, 4, focus="friends")
    out = " ".join(again.stdout.split())
    assert "Since last time" in out
    assert "Sharing your inner world: higher than last time (0 then, 50 now)." in out
    assert "helping" not in out
    other_focus = check(env, tmp_path, 4, focus="family")
    assert "Since last time" not in other_focus.stdout


def test_history_filters_and_json(env: dict[str, str], tmp_path: Path) -> None:
    check(env, tmp_path, 3, "--save")
    check(env, tmp_path, 3, "--save", bank_id="four-types")
    rows = json.loads(run("history", "--json", "--bank", "four-types", env=env).stdout)
    assert [row["bank"]["id"] for row in rows] == ["four-types"]
    assert set(rows[0]) >= {"id", "created", "focus", "overall", "areas", "wishes", "answers"}
    today = datetime.now().astimezone().date().isoformat()
    assert len(json.loads(run("history", "--json", "--since", today, env=env).stdout)) == 2
    assert json.loads(run("history", "--json", "--since", "2999-01-01", env=env).stdout) == []
    for not_a_day in ("last week", "2026-13-45", "2026-02-30"):
        bad = run("history", "--since", not_a_day, env=env)
        assert bad.returncode == 2 and f"'{not_a_day}' is not a date" in bad.stderr


def test_long_histories_show_the_latest_rows_and_trend_over_all(env: dict[str, str]) -> None:
    for day in range(1, 121):
        created = datetime(2026, 1, 1 + day % 28, tzinfo=timezone.utc)
        history.save(kept(created=created, overall=day % 100, areas={"sharing": day % 100}))
    listing = run("history", env=env)
    assert listing.returncode == 0
    assert "(the latest 20 of 120; --limit 0 shows all)" in listing.stdout


def test_results_of_an_older_version_of_the_questions_still_show(env: dict[str, str]) -> None:
    history.save(kept(bank_version=1, areas={"sharing": 40, "trust": 70}, overall=55))
    listing = run("history", env=env)
    assert listing.returncode == 0 and "trust" in listing.stdout
    shown = run("history", "show", "1", env=env)
    out = " ".join(shown.stdout.split())
    assert shown.returncode == 0, shown.stderr
    assert "version 1" in out and "the questions have changed since" in out
    assert re.search(r"trust\W+70", shown.stdout)
    assert "988" in out and "not a diagnosis" in out


def test_forget_all_needs_confirmation_or_yes(env: dict[str, str], tmp_path: Path) -> None:
    check(env, tmp_path, 3, "--save")
    refused = run("history", "forget", "--all", env=env)
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert run("history", "forget", env=env).returncode == 2  # neither a number nor --all
    done = run("history", "forget", "--all", "--yes", env=env)
    assert done.returncode == 0 and "Forgot 1 result" in done.stdout
    assert json.loads(run("history", "--json", env=env).stdout) == []


def test_files_are_private_even_under_umask_000(home: Path, env: dict[str, str]) -> None:
    old = os.umask(0)
    try:
        history.save(kept())
    finally:
        os.umask(old)
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE(database(home).stat().st_mode) == 0o600
    assert sorted(path.name for path in home.iterdir()) == [history.FILE_NAME]  # no journal left


def raw_bytes(home: Path) -> bytes:
    return b"".join(path.read_bytes() for path in home.iterdir())


def test_a_forgotten_result_is_gone_from_the_bytes_on_disk(home: Path, env: dict[str, str]) -> None:
    marker = "forget-me-question-7d1c"
    keep = history.save(kept(answers={"kept-question": 1}))
    gone = history.save(
        kept(created=datetime(1999, 2, 3, 4, 5, 6, tzinfo=timezone.utc), answers={marker: 5})
    )
    assert marker.encode() in raw_bytes(home)
    assert history.forget(gone) == 1
    data = raw_bytes(home)
    assert marker.encode() not in data and b"1999-02-03" not in data
    assert b"kept-question" in data
    assert [saved.id for saved in history.results()[0]] == [keep]


def test_a_damaged_database_is_reported_and_left_alone(
    home: Path, env: dict[str, str], tmp_path: Path
) -> None:
    home.mkdir(mode=0o700)
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
    history.save(kept())
    with sqlite3.connect(database(home)) as connection:
        connection.execute("PRAGMA user_version = 99")
    connection.close()
    before = raw_bytes(home)
    result = check(env, tmp_path, 3, "--save")
    assert result.returncode == 1 and "newer version of intimacy" in result.stderr
    assert str(database(home)) in result.stderr
    assert raw_bytes(home) == before


def test_a_locked_database_is_a_clear_error(
    home: Path, env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    history.save(kept())
    monkeypatch.setattr(history, "WRITE_TIMEOUT", 0.5)
    holder = sqlite3.connect(database(home), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(history.HistoryError, match="in use by another program"):
            history.save(kept())
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert len(history.results()[0]) == 1


def first_schema(home: Path) -> None:
    """A history as the first version of intimacy wrote it: schema 1, no application id."""
    home.mkdir(mode=0o700)
    connection = sqlite3.connect(database(home))
    connection.executescript(history.MIGRATIONS[0])
    connection.execute("PRAGMA user_version = 1")
    connection.execute(
        "INSERT INTO results (created, bank_id, bank_version, focus, answers, scores) "
        "VALUES ('2025-05-05T10:00:00+00:00', 'emotional-intimacy', 1, 'family', '{}', "
        '\'{"overall": 40, "areas": {"sharing": 40}}\')'
    )
    connection.commit()
    connection.close()
    database(home).chmod(0o600)


def test_an_older_history_is_read_as_it_is_and_migrated_only_by_a_save(
    home: Path, env: dict[str, str]
) -> None:
    first_schema(home)
    before = database(home).read_bytes()
    rows = json.loads(run("history", "--json", env=env).stdout)
    assert rows[0]["focus"] == "family" and rows[0]["areas"] == {"sharing": 40}
    assert rows[0]["country"] is None
    assert database(home).read_bytes() == before  # reading never writes
    history.save(kept())
    with sqlite3.connect(database(home)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == history.SCHEMA_VERSION
        assert connection.execute("PRAGMA application_id").fetchone()[0] == history.APPLICATION_ID
    connection.close()
    assert len(history.results()[0]) == 2


def test_forget_asks_at_a_terminal_and_no_is_the_default(env: dict[str, str]) -> None:
    import pexpect

    history.save(kept())
    history.save(kept())
    for reply, remaining in (("\r", [1, 2]), ("y\r", [2])):
        child = spawn("history", "forget", "1", env=env)
        child.expect(r"Forget result #1 for good\? \[y/N\]")
        child.send(reply)
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
        assert [saved.id for saved in history.results()[0]] == remaining


def test_the_history_carries_the_footer_and_its_json_leaves_safety_answers_out(
    env: dict[str, str], tmp_path: Path
) -> None:
    afraid = answers_for("emotional-intimacy", 3, "partner") | {"afraid-of-reaction": 4}
    check(env, tmp_path, 3, "--save", focus="partner", answers=afraid)
    listing = run("history", env=env)
    flat = " ".join(listing.stdout.split())
    assert "not a diagnosis" in flat and "988" in flat
    assert "safety came first in this result" in flat
    rows = json.loads(run("history", "--json", env=env).stdout)
    assert "afraid-of-reaction" not in rows[0]["answers"] and rows[0]["safety_concern"]
    full = json.loads(run("history", "--json", "--with-safety-answers", env=env).stdout)
    assert full[0]["answers"]["afraid-of-reaction"] == 4


def test_an_older_result_kept_with_a_concern_still_puts_safety_first(env: dict[str, str]) -> None:
    history.save(kept(bank_version=1, concern=True))
    history.save(kept(bank_version=1))
    with_concern = " ".join(run("history", "show", "1", env=env).stdout.split())
    assert with_concern.index("Your safety comes first") < with_concern.index("Part")
    assert "1-800-799-7233" in with_concern
    without = " ".join(run("history", "show", "2", env=env).stdout.split())
    assert "Your safety comes first" not in without and "intimacy resources" in without


def test_the_json_history_loads_each_question_set_once_however_many_results(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The work grows with the results, not with results times question files."""
    from intimacy_cli import historyview

    loads: list[str] = []
    load_by_id = catalog.load_by_id

    def counted(bank_id: str) -> object:
        loads.append(bank_id)
        return load_by_id(bank_id)

    monkeypatch.setattr(catalog, "load_by_id", counted)
    results = [kept(id=n) for n in range(1, 41)] + [kept(id=41, bank_id="barriers")]
    rows = json.loads(historyview.as_json(results, with_safety_answers=False))
    assert len(rows) == 41 and "afraid-of-reaction" not in rows[0]["answers"]
    assert sorted(loads) == ["barriers", "emotional-intimacy"]


def test_an_export_that_would_show_safety_first_asks_at_a_terminal(
    env: dict[str, str], tmp_path: Path
) -> None:
    """Shown again, or answered from a file: a person at the terminal is asked first, as in a
    questionnaire, and No is the default."""
    import pexpect

    afraid = tmp_path / "afraid.json"
    afraid.write_text(json.dumps(answers_for("emotional-intimacy", 3) | {"afraid-of-reaction": 3}))
    assert run("check", "--answers", str(afraid), "--save", env=env).returncode == 0
    for command in (
        ("history", "show", "1", "--export", "kept.txt"),
        ("check", "--answers", str(afraid), "--no-save", "--export", "kept.txt"),
    ):
        child = spawn(*command, env=env, cwd=tmp_path)
        child.expect("Write kept.txt anyway")
        child.send("\r")
        child.expect("Nothing was written to kept.txt")
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0, command
        assert not (tmp_path / "kept.txt").exists(), command
