"""A fault suite for the history, in the spirit of SQLite's own: symbolic links, other programs'
files, read-only files and folders, racing writers and first creators, a kill at every step of a
save, damaged rows. After each, the person's results are intact, and nothing outside the
history folder changed (every file the test made is hashed before and after)."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from helpers import INTIMACY, QUIET_ENV, all_answers, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intimacy_cli import catalog, history

VERSION = catalog.load("emotional-intimacy").version


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("INTIMACY_HOME", str(folder))
    return folder


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(all_answers(3)))
    return path


def env(home: Path) -> dict[str, str]:
    return {"INTIMACY_HOME": str(home)}


def database(home: Path) -> Path:
    return home / history.FILE_NAME


def kept(day: int = 1) -> history.Saved:
    """A whole result of the core set, as a run about everyone would keep it."""
    core = catalog.load("emotional-intimacy")
    return history.Saved(
        created=datetime(2026, 1, day, tzinfo=timezone.utc),
        bank_id="emotional-intimacy",
        bank_version=VERSION,
        focus="everyone",
        country="US",
        answers={
            q.id: (1 if q.safety else 3) if q.kind == "scale" else None for q in core.questions
        },
        overall=50,
        areas={"sharing": 50},
        wishes={},
    )


def hashes(folder: Path, outside: Path | None = None) -> dict[str, str]:
    """Every file under `folder` (but not under `outside`) and its content's hash."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if outside is not None and outside in path.parents:
            continue
        if path.is_file() and not path.is_symlink():
            found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def foreign_database(path: Path) -> None:
    """Another program's SQLite file, in write-ahead-log mode."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.execute("INSERT INTO notes VALUES ('not yours')")
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def check(home: Path, answers: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run("check", "--answers", str(answers), *extra, env=env(home))


@pytest.mark.parametrize("save", ["--save", "--no-save"])
def test_a_symlink_to_another_programs_database_is_never_followed(
    tmp_path: Path, home: Path, answers: Path, save: str
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    foreign_database(elsewhere / "app.sqlite3")
    home.mkdir(mode=0o700)
    database(home).symlink_to(elsewhere / "app.sqlite3")
    before = hashes(tmp_path)
    result = check(home, answers, save)
    assert hashes(tmp_path) == before  # the other file, and everything else, untouched
    assert sorted(p.name for p in elsewhere.iterdir()) == ["app.sqlite3"]  # no -wal, -shm
    assert "988" in result.stdout  # the summary is still shown
    assert "is a symbolic link; intimacy does not follow it" in result.stderr
    assert result.returncode == (1 if save == "--save" else 0)
    assert run("history", env=env(home)).returncode == 1


def test_a_dangling_symlink_creates_nothing_at_its_target(
    tmp_path: Path, home: Path, answers: Path
) -> None:
    home.mkdir(mode=0o700)
    target = tmp_path / "not-yet" / "created.sqlite3"
    target.parent.mkdir()
    database(home).symlink_to(target)
    result = check(home, answers, "--save")
    assert result.returncode == 1 and "symbolic link" in result.stderr
    assert not target.exists()


def test_another_programs_database_in_our_place_is_left_exactly_as_it_was(
    tmp_path: Path, home: Path, answers: Path
) -> None:
    home.mkdir(mode=0o700)
    foreign_database(database(home))
    before = hashes(tmp_path)
    for extra in (("--save",), ("--no-save",)):
        result = check(home, answers, *extra)
        assert "is not an intimacy history (it holds other data)" in result.stderr
        assert hashes(tmp_path) == before  # not switched to another journal mode, not migrated
    assert sorted(p.name for p in home.iterdir()) == [history.FILE_NAME]


def test_a_folder_others_can_write_to_is_refused(tmp_path: Path, home: Path, answers: Path) -> None:
    home.mkdir()
    home.chmod(0o777)
    result = check(home, answers, "--save")
    assert result.returncode == 1 and "can be changed by other users" in result.stderr
    assert list(home.iterdir()) == []


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """`path` made read-only, for root too (who ignores permission bits): chattr +i."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222)
        try:
            yield
        finally:
            path.chmod(mode)


@pytest.mark.parametrize("which", ["file", "folder"])
def test_a_read_only_history_is_a_clear_error_and_still_read(
    tmp_path: Path, home: Path, answers: Path, which: str
) -> None:
    history.save(kept())
    with read_only(database(home) if which == "file" else home):
        before = hashes(tmp_path)
        result = check(home, answers, "--save")
        listing = run("history", "--json", env=env(home))
        assert hashes(tmp_path) == before
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "cannot" in result.stderr and str(home) in result.stderr
    assert "Since last time" in result.stdout  # reading needs no write
    assert [row["id"] for row in json.loads(listing.stdout)] == [1]


def test_intimacy_home_that_is_a_file_or_unwritable_is_named(tmp_path: Path, answers: Path) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("mine")
    for command in (("history",), ("check", "--answers", str(answers)), ("banks",)):
        result = run(*command, env={"INTIMACY_HOME": str(a_file)})
        assert result.returncode == 2, command
        assert f"error: INTIMACY_HOME: '{a_file}' is not a folder" in result.stderr
    assert a_file.read_text() == "mine"
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o700)
    with read_only(locked):
        result = run(
            "check", "--answers", str(answers), "--save", env={"INTIMACY_HOME": str(locked)}
        )
    assert result.returncode == 1 and str(locked) in result.stderr
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr


def test_twenty_first_saves_at_once_keep_twenty_results(
    tmp_path: Path, home: Path, answers: Path
) -> None:
    processes = [
        subprocess.Popen(
            [str(INTIMACY), "check", "--answers", str(answers), "--save"],
            env={**os.environ, **QUIET_ENV, **env(home)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(20)
    ]
    errors = [process.communicate()[1] for process in processes]
    assert [process.returncode for process in processes] == [0] * 20, errors
    assert len(history.results()[0]) == 20


# Runs one save in a child process that kills itself (SIGKILL, no clean-up of any kind) just
# before SQL statement number N; N = 0 kills it between creating the file and the first one.
KILL_AT_STEP = """
import os, signal, sqlite3, sys
from datetime import datetime, timezone
from intimacy_cli import history

stop = int(sys.argv[1])
steps = 0
real_connect = sqlite3.connect

def connect(*args, **kwargs):
    connection = real_connect(*args, **kwargs)
    def step(statement):
        global steps
        steps += 1
        if steps > stop:
            os.kill(os.getpid(), signal.SIGKILL)
    connection.set_trace_callback(step)
    return connection

sqlite3.connect = connect
if stop == 0:
    real_open = os.open
    def open_then_die(path, flags, *rest):
        descriptor = real_open(path, flags, *rest)
        if str(path).endswith(history.FILE_NAME):
            os.kill(os.getpid(), signal.SIGKILL)
        return descriptor
    os.open = open_then_die
history.save(history.Saved(datetime(2026, 2, 2, tzinfo=timezone.utc), "emotional-intimacy",
    int(sys.argv[2]), "everyone", "US", {"marker": 1}, 50, {"sharing": 50}, {}))
print("saved")
"""


@pytest.mark.parametrize("first", [True, False], ids=["first-save", "later-save"])
def test_a_kill_at_every_step_of_a_save_loses_nothing(
    tmp_path: Path, home: Path, first: bool
) -> None:
    """Whatever step a save is killed at, earlier results are intact, the file is consistent,
    and the next save works; and the killed result is either wholly there or not at all."""
    step = 0
    while True:
        if database(home).exists():
            for path in home.iterdir():
                path.unlink()
        if not first:
            history.save(kept())
        before = hashes(tmp_path, outside=home)
        child = subprocess.run(
            [sys.executable, "-c", KILL_AT_STEP, str(step), str(VERSION)],
            capture_output=True,
            text=True,
            env={**os.environ, **env(home)},
        )
        assert hashes(tmp_path, outside=home) == before
        results = history.results()[0] if database(home).exists() else []
        assert len(results) in ((0, 1) if first else (1, 2)), step
        if not first:
            assert results[0].created == kept().created
        if database(home).exists() and database(home).stat().st_size:
            connection = sqlite3.connect(database(home))
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            connection.close()
        history.save(kept(2))  # the history still works
        if child.returncode == 0:
            assert "saved" in child.stdout and step > 3
            break
        assert child.returncode == -9, child.stderr
        step += 1


def insert_raw(home: Path, **columns: object) -> None:
    """A row written behind intimacy's back, as a damaged disk or another program might."""
    row = {
        "created": "2026-03-03T10:00:00+00:00",
        "bank_id": "emotional-intimacy",
        "bank_version": VERSION,
        "focus": "everyone",
        "country": "US",
        "answers": "{}",
        "scores": '{"overall": 50, "areas": {"sharing": 50}}',
    }
    row.update(columns)
    connection = sqlite3.connect(database(home))
    connection.execute(
        f"INSERT INTO results ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
        list(row.values()),
    )
    connection.commit()
    connection.close()


DAMAGE = [
    {"answers": "{not json"},
    {"created": "yesterday"},
    {"focus": "the boss"},
    {"bank_id": "../../etc/passwd"},
    {"bank_version": 2**62},
    {"scores": '{"overall": 1e999, "areas": {}}'},
    {"scores": '{"overall": 50, "areas": {"sharing": 101}}'},
    {"answers": '{"q": ' + "9" * 5000 + "}"},
    {"answers": '{"q": [[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]}'},
    {"country": "\x1b[2JXX"},
    {"scores": '{"overall": 50, "areas": {"\\u001b[31mred": 5}}'},
]


@pytest.mark.parametrize(
    "damage", DAMAGE, ids=[next(iter(d)) + str(i) for i, d in enumerate(DAMAGE)]
)
def test_a_damaged_row_is_named_and_nothing_else_stops(
    tmp_path: Path, home: Path, answers: Path, damage: dict[str, object]
) -> None:
    history.save(kept())
    insert_raw(home, **damage)
    before = hashes(tmp_path)
    listing = run("history", env=env(home))
    if "answers" in damage:  # the listing shows scores only, and reads no answers
        assert listing.returncode == 0 and "2026-03-03" in listing.stdout
    else:
        assert listing.returncode == 1
        assert f"result #2 in {database(home)} is damaged" in listing.stderr
    assert "2026-01-01" in listing.stdout  # the good row is still shown
    shown = run("history", "show", "2", env=env(home))
    assert shown.returncode == 1 and "is damaged" in shown.stderr
    compared = run("compare", "1", "2", env=env(home))
    assert compared.returncode == 1 and "is damaged" in compared.stderr
    summary = check(home, answers, "--no-save")  # the questionnaire still runs
    assert summary.returncode == 0 and "988" in summary.stdout
    for result in (listing, shown, compared, summary):
        assert "\x1b" not in result.stdout + result.stderr
        assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
    assert hashes(tmp_path) == before  # none of it wrote a byte
    assert "`intimacy history forget 2` removes it" in shown.stderr
    forgot = run("history", "forget", "2", "--yes", env=env(home))  # alone, without --all
    assert forgot.returncode == 0, forgot.stderr
    assert [saved.id for saved in history.results()[0]] == [1] and history.results()[1] == []


def test_reading_never_writes(tmp_path: Path, home: Path, answers: Path) -> None:
    history.save(kept())
    status = database(home).stat()
    before = hashes(tmp_path)
    for command in (
        ("check", "--answers", str(answers), "--no-save"),  # "since last time" reads
        ("history",),
        ("history", "--json"),
        ("history", "show", "1"),
        ("compare", "1", "1"),
    ):
        assert run(*command, env=env(home)).returncode == 0, command
    assert hashes(tmp_path) == before
    assert database(home).stat().st_mtime_ns == status.st_mtime_ns
    assert sorted(p.name for p in home.iterdir()) == [history.FILE_NAME]


@pytest.mark.parametrize("number", [str(2**64), str(2**63), "0", "99999999999999999999999999"])
def test_an_id_too_large_for_the_history_is_a_clear_error(home: Path, number: str) -> None:
    history.save(kept())
    for command in (("history", "show", number), ("history", "forget", number, "--yes")):
        result = run(*command, env=env(home))
        assert result.returncode == 2, command
        assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
    compared = run("compare", "1", number, env=env(home))
    assert compared.returncode in (1, 2) and "unexpected" not in compared.stderr
    assert f"no result {number}" in compared.stderr or "is not" in compared.stderr
    assert len(history.results()[0]) == 1


def test_a_history_that_cannot_be_read_is_named_and_the_summary_still_comes(
    tmp_path: Path, home: Path, answers: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    history.save(kept())
    real_open = Path.open

    def refused(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == database(home):
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refused)
    result = check(home, answers, "--no-save")
    assert result.returncode == 0 and "988" in result.stdout
    assert f"cannot read the history {database(home)}: Permission denied" in result.stderr
    listing = run("history", env=env(home))
    assert listing.returncode == 1 and "Permission denied" in listing.stderr
    assert "unexpected" not in listing.stderr


def test_a_folder_that_cannot_be_looked_into_is_never_called_empty(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    history.save(kept())
    real_lstat = Path.lstat

    def refused(self: Path) -> os.stat_result:
        if self == database(home):
            raise PermissionError(13, "Permission denied", str(self))
        return real_lstat(self)

    monkeypatch.setattr(Path, "lstat", refused)
    for command in (("history",), ("history", "forget", "--all", "--yes")):
        result = run(*command, env=env(home))
        assert result.returncode == 1, command
        assert "cannot look for the history" in result.stderr and "empty" not in result.stdout


@pytest.mark.parametrize("version", [0, 1, 2, 3])
def test_another_programs_results_table_is_not_taken_for_ours(
    tmp_path: Path, home: Path, answers: Path, version: int
) -> None:
    """A file with a table called results, at any schema version, but not our columns."""
    home.mkdir(mode=0o700)
    connection = sqlite3.connect(database(home))
    connection.execute("CREATE TABLE results (id INTEGER PRIMARY KEY, score REAL, note TEXT)")
    connection.execute("INSERT INTO results (score, note) VALUES (1.5, 'theirs')")
    connection.execute(f"PRAGMA user_version = {version}")
    connection.commit()
    connection.close()
    before = hashes(tmp_path)
    for command in (
        ("history",),
        ("history", "forget", "--all", "--yes"),
        ("check", "--answers", str(answers), "--save"),
    ):
        result = run(*command, env=env(home))
        assert result.returncode == 1, command
        assert "is not an intimacy history" in result.stderr, command
    assert hashes(tmp_path) == before


def test_a_kept_result_that_does_not_fit_its_set_is_never_compared(home: Path) -> None:
    history.save(kept())
    wrong = dict(kept().answers, **{"tell-worries": 1000, "feel-judged": -1000})
    history.save(kept()._replace(answers=wrong))
    for command in (("compare", "1", "2"), ("history", "show", "2")):
        result = run(*command, env=env(home))
        assert result.returncode == 1 and "does not fit" in result.stderr, command
        assert "1000" not in result.stdout


def test_a_damaged_newest_row_does_not_hide_the_last_good_one(home: Path, answers: Path) -> None:
    history.save(kept())
    insert_raw(home, created="not a date")
    result = check(home, answers, "--no-save")
    assert result.returncode == 0 and "Since last time" in result.stdout
    assert "Not comparing" not in result.stderr


def test_a_save_stopped_half_way_leaves_the_history_readable(home: Path) -> None:
    """Killed in the middle of its transaction, a save leaves a journal behind; the next read
    puts the file back as it was before that save and reads it."""
    history.save(kept())
    step = 0
    while not database(home).with_name(history.FILE_NAME + "-journal").exists():
        step += 1
        subprocess.run(
            [sys.executable, "-c", KILL_AT_STEP, str(step), str(VERSION)],
            env={**os.environ, **env(home)},
            capture_output=True,
        )
        assert step < 30
    listing = run("history", "--json", env=env(home))
    assert listing.returncode == 0, listing.stderr
    assert [row["id"] for row in json.loads(listing.stdout)] == [1]


def test_folders_made_for_the_history_are_private_whatever_the_umask(
    tmp_path: Path, answers: Path
) -> None:
    home = tmp_path / "made" / "for" / "it"
    old = os.umask(0)
    try:
        result = run("check", "--answers", str(answers), "--save", env=env(home))
    finally:
        os.umask(old)
    assert result.returncode == 0, result.stderr
    for folder in (tmp_path / "made", tmp_path / "made" / "for", home):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_a_full_disk_during_a_save_says_so(tmp_path: Path, home: Path, answers: Path) -> None:
    import resource
    import signal

    history.save(kept())

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    result = subprocess.run(
        [str(INTIMACY), "check", "--answers", str(answers), "--save"],
        env={**os.environ, **QUIET_ENV, **env(home)},
        capture_output=True,
        text=True,
        preexec_fn=small_disk,
    )
    assert result.returncode == 1
    assert "the disk is full or the file is too large" in result.stderr
    assert "rollback" not in result.stderr and len(history.results()[0]) == 1


# Every value SQLite can store in a NOT NULL column, and JSON of any shape.
row_values = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.binary(max_size=20),
    st.recursive(
        st.none() | st.integers() | st.text(max_size=10),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
        ),
        max_leaves=8,
    ).map(json.dumps),
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.fixed_dictionaries({column: row_values for column in history.COLUMNS[1:]}))
def test_any_row_is_read_back_or_named_as_damaged(home: Path, row: dict[str, object]) -> None:
    """Whatever a row holds (written behind intimacy's back), reading gives a result or names
    the row as damaged; never anything else."""
    if database(home).exists():
        database(home).unlink()
    history.save(kept())
    insert_raw(home, **row)
    good, damaged = history.results()
    assert len(good) + len(damaged) == 2 and good[0].created == kept().created
    try:
        history.get(2)
        history.latest("emotional-intimacy", VERSION, "everyone")
    except history.HistoryError as error:
        assert "is damaged" in str(error)


def test_a_row_whose_number_is_not_a_result_number_is_damaged(home: Path) -> None:
    """Numbers forget cannot take get the remedy that works; a number that is text (a table
    made by hand, with our marks on it) is damaged, and never reaches the screen raw."""
    history.save(kept())
    insert_raw(home, id=-5, created="bad")
    insert_raw(home, id=0, focus="x")
    listing = run("history", env=env(home))
    assert listing.returncode == 1
    assert "forget -5" not in listing.stderr and "forget 0" not in listing.stderr
    assert listing.stderr.count("only `intimacy history forget --all` can remove it") == 2
    connection = sqlite3.connect(database(home))
    columns = [row[1] for row in connection.execute("PRAGMA table_info(results)")]
    connection.executescript(
        f"CREATE TABLE loose ({', '.join(c + (' TEXT' if c == 'id' else '') for c in columns)});"
        f"INSERT INTO loose SELECT * FROM results WHERE id > 0; DROP TABLE results;"
        "ALTER TABLE loose RENAME TO results;"
    )
    connection.execute("UPDATE results SET id = ?", ("abc\x1b[2J",))
    connection.commit()
    connection.close()
    for command in (("history",), ("history", "--json")):
        result = run(*command, env=env(home))
        assert "\x1b" not in result.stdout + result.stderr, command
        assert "\\u001b" not in result.stdout, command
        assert "unexpected" not in result.stderr and result.returncode in (0, 1), command
