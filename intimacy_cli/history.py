"""The private history: past results in SQLite, on this computer only, and only when asked.

Rules, each for something that went wrong once:

- Nothing outside our own file changes. The history file is never a symbolic link (refused,
  never followed), never another program's database (a file is ours when it carries our
  application id, or is an older history of ours, or is empty), and lives in a folder that
  only its owner can write to. Nothing is created, migrated or switched before that is known.
- Reading never writes: "since last time" and `history` open the file read-only, and a
  missing file is simply an empty history.
- Racing first saves lose nothing: creating and migrating the schema is one transaction that
  a second process waits for (the busy timeout), and each save is its own transaction.
- Files are private: the folder is 0700 and the database 0600 before its first byte. Writes are
  synchronous=FULL with a rollback journal; deleted rows are overwritten (secure_delete) and the
  file is rebuilt (VACUUM), so a forgotten result is gone from the bytes on disk.
- A database that is damaged, locked, foreign or from a newer version is never repaired or
  replaced: each is a HistoryError that names the file; a damaged row names its number.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import sqlite3
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

from intimacy_cli import LARGEST_RESULT_ID
from intimacy_cli.bank import MAX_SCALE_VALUE, MAX_VERSION, WISHES, Answer, is_id
from intimacy_cli.errors import RunError
from intimacy_cli.focus import FOCUSES

FILE_NAME = "history.sqlite3"
APPLICATION_ID = 0x494E5449  # "INTI": marks a SQLite file as an intimacy history
WRITE_TIMEOUT = 30.0  # seconds a save waits for another one to finish
READ_TIMEOUT = 5.0

# Each entry moves the schema from version N to N+1; the database's user_version says how many
# have run. Never edit one that has shipped: add a new one.
MIGRATIONS = (
    """
    CREATE TABLE results (
        id INTEGER PRIMARY KEY,
        created TEXT NOT NULL,
        bank_id TEXT NOT NULL,
        bank_version INTEGER NOT NULL,
        focus TEXT NOT NULL,
        answers TEXT NOT NULL,
        scores TEXT NOT NULL
    );
    """,
    """
    ALTER TABLE results ADD COLUMN country TEXT NOT NULL DEFAULT '';
    CREATE INDEX results_by_bank ON results (bank_id, focus, created);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
COLUMNS = ("id", "created", "bank_id", "bank_version", "focus", "country", "answers", "scores")


class HistoryError(RunError):
    """The history cannot be read or written; the message names the file."""


class Saved(NamedTuple):  # a tuple: a history of thousands is read back quickly
    """One result as it is kept: what was answered and how it scored, never the rendered text.
    `id` is given by the history when the result is saved."""

    created: datetime
    bank_id: str
    bank_version: int
    focus: str
    country: str
    answers: dict[str, Answer]
    overall: int | None
    areas: dict[str, int | None]  # area id -> score
    wishes: dict[str, str | None]  # area id -> wish
    concern: bool = False  # a safety answer signalled a concern, so safety came first
    id: int = 0


def location() -> Path:
    """The history file: in $INTIMACY_HOME when set, else the user data folder."""
    from intimacy_cli.places import home

    return home("data") / FILE_NAME


# ---------------------------------------------------------------- opening


@contextlib.contextmanager
def _reading(path: Path) -> Iterator[sqlite3.Connection | None]:
    """The history opened read-only, or None when there is none yet (or it is empty)."""
    if not _present(path, create=False):
        yield None
        return
    # A history in rollback-journal mode is read with SQLite's locks, in one transaction, so a
    # save under way is never half-read. One that an older intimacy left in write-ahead-log
    # mode cannot be opened that way without files being created beside it, so it (like any
    # such file, until it is known to be ours) is read as it stands: immutable.
    rollback = _uses_rollback_journal(path)
    if rollback and _unfinished_save(path):
        _recover(path)
    with _connected(path, "ro" if rollback else "ro&immutable=1", READ_TIMEOUT) as connection:
        connection.execute("BEGIN")
        try:
            yield connection if _check_ours(connection, path) else None
        finally:
            connection.execute("ROLLBACK")


@contextlib.contextmanager
def _writing(path: Path) -> Iterator[sqlite3.Connection]:
    """The history opened for writing, created privately and migrated when needed."""
    _present(path, create=True)
    if not _uses_rollback_journal(path):
        # A write-ahead-log file gets files created beside it as soon as SQLite opens it for
        # writing: make sure first that it is ours (opened immutable: no lock, nothing made).
        with _connected(path, "ro&immutable=1", READ_TIMEOUT) as connection:
            _check_ours(connection, path)
    with _connected(path, "rw", WRITE_TIMEOUT) as connection:
        _prepare(connection, path)
        yield connection


def _uses_rollback_journal(path: Path) -> bool:
    """From the file's header (bytes 18 and 19 are 2 for a write-ahead log); an empty or
    short file counts as a rollback journal, which is what a new history uses."""
    try:
        with path.open("rb") as file:
            header = file.read(20)
    except OSError as error:
        raise HistoryError(f"cannot read the history {path}: {error.strerror}") from None
    return header[18:20] != b"\x02\x02"


def _unfinished_save(path: Path) -> bool:
    """Whether a save that was stopped half-way left its journal beside the file."""
    journal = path.with_name(path.name + "-journal")
    return journal.is_file() and journal.stat().st_size > 0


def _recover(path: Path) -> None:
    """Put the history back as it was before a save that was stopped half-way: what SQLite
    does when it next writes, done now so that the file can be read (it adds nothing)."""
    with _connected(path, "rw", WRITE_TIMEOUT) as connection:
        connection.execute("BEGIN IMMEDIATE")
        _check_ours(connection, path)
        connection.execute("ROLLBACK")


def _present(path: Path, create: bool) -> bool:
    """Whether the history file is there (made empty and private first, with `create`), after
    checking that it and its folder are safe to use."""
    folder = path.parent
    try:
        if create:
            _make_private_folders(folder)
        _check_folder(folder)
        if create:
            with contextlib.suppress(FileExistsError):
                flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
                os.close(os.open(path, flags, 0o600))
        status = path.lstat()
    except FileNotFoundError:
        return False
    except OSError as error:
        raise HistoryError(f"cannot use the history {path}: {error.strerror}") from None
    _check_file(path, status)
    return True


def _make_private_folders(folder: Path) -> None:
    """`folder` and any missing folder above it, each made 0700 whatever the umask (so that
    no other user can swap a folder on the way)."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        with contextlib.suppress(FileExistsError):
            made.mkdir(mode=0o700)
            made.chmod(0o700)  # mkdir's mode is masked by the umask


def _check_folder(folder: Path) -> None:
    status = folder.stat()
    if not stat.S_ISDIR(status.st_mode):
        raise HistoryError(f"cannot use the history folder {folder}: it is not a folder")
    if status.st_uid != os.getuid():
        raise HistoryError(
            f"the history folder {folder} belongs to another user, so intimacy will not keep "
            "anything there; use a folder of your own (INTIMACY_HOME)"
        )
    if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise HistoryError(
            f"the history folder {folder} can be changed by other users, so intimacy will not "
            "keep anything there; use a folder of your own (INTIMACY_HOME)"
        )


def _check_file(path: Path, status: os.stat_result) -> None:
    if stat.S_ISLNK(status.st_mode):
        raise HistoryError(
            f"the history {path} is a symbolic link; intimacy does not follow it (it was left "
            "as it is)"
        )
    if not stat.S_ISREG(status.st_mode):
        raise HistoryError(f"the history {path} is not a regular file; it was left as it is")
    if status.st_uid != os.getuid():
        raise HistoryError(f"the history {path} belongs to another user; it was left as it is")


@contextlib.contextmanager
def _connected(path: Path, mode: str, timeout: float) -> Iterator[sqlite3.Connection]:
    before = path.lstat()
    uri = f"file:{quote(str(path.absolute()))}?mode={mode}"  # "rw" never creates the file
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
    except sqlite3.Error as error:
        raise HistoryError(_explain(error, path)) from None
    try:
        after = path.lstat()  # the file SQLite opened is the one we checked, not a swap
        if (before.st_dev, before.st_ino) != (after.st_dev, after.st_ino):
            raise HistoryError(f"the history {path} changed while it was being opened; try again")
        _check_file(path, after)
        yield connection
    except sqlite3.Error as error:
        raise HistoryError(_explain(error, path)) from None
    except OSError as error:
        raise HistoryError(f"cannot use the history {path}: {error.strerror}") from None
    finally:
        connection.close()


def _check_ours(connection: sqlite3.Connection, path: Path) -> int:
    """The schema version of our history, 0 for an empty file; a HistoryError for a file that
    is not ours, damaged, or from a newer intimacy. Reads only."""
    application = connection.execute("PRAGMA application_id").fetchone()[0]
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    objects = set(connection.execute("SELECT type, name FROM sqlite_master").fetchall())
    if application == 0 and version == 0 and not objects:
        return 0  # empty: a new history
    ours = ("table", "results") in objects and (
        application == APPLICATION_ID or _shaped_like_an_older_history(connection, version)
    )
    if not ours:
        raise HistoryError(
            f"{path} is not an intimacy history (it holds other data); it was left as it is"
        )
    if version > SCHEMA_VERSION:
        raise HistoryError(
            f"the history {path} was made by a newer version of intimacy; update intimacy to "
            "use it (the file was left as it is)"
        )
    if connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise sqlite3.DatabaseError("database disk image is malformed")
    return int(version)


# The tables and columns that each schema version had, before intimacy marked its files with
# an application id: a file without the mark is ours only if it has exactly these.
OLDER_SHAPES = {
    1: ({("table", "results")}, COLUMNS[:5] + COLUMNS[6:]),
    2: ({("table", "results"), ("index", "results_by_bank")}, COLUMNS),
}


def _shaped_like_an_older_history(connection: sqlite3.Connection, version: int) -> bool:
    if version not in OLDER_SHAPES:
        return False
    objects, columns = OLDER_SHAPES[version]
    found = set(connection.execute("SELECT type, name FROM sqlite_master").fetchall())
    found_columns = tuple(row[1] for row in connection.execute("PRAGMA table_info(results)"))
    return found == objects and found_columns == columns


def _prepare(connection: sqlite3.Connection, path: Path) -> None:
    """Make our history ready to write: in one transaction that others wait for, check that
    the file is ours, then create or migrate it; then the settings every write relies on."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = _check_ours(connection, path)
        for number in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[number].split(";"):
                if statement.strip():
                    connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute("COMMIT")
    except BaseException:
        _roll_back(connection)
        raise
    # A rollback journal: readers open the file read-only and never need to write beside it
    # (a write-ahead log would make them create -wal and -shm files).
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA secure_delete = ON")


def _roll_back(connection: sqlite3.Connection) -> None:
    """Undo a transaction that did not finish (one that did stays as it is)."""
    if connection.in_transaction:
        connection.execute("ROLLBACK")


def _explain(error: sqlite3.Error, path: Path) -> str:
    text = str(error)
    if "full" in text or "disk I/O" in text or "too large" in text:
        return f"the history {path} cannot be written: the disk is full or the file is too large"
    if "locked" in text or "busy" in text:
        return f"the history {path} is in use by another program; try again in a moment"
    if "not a database" in text or "malformed" in text:
        return (
            f"the history {path} is damaged and cannot be read; it was left as it is (move it "
            "away to start a new one)"
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return f"the history {path} cannot be written (it or its folder is read-only)"
    return f"the history {path} cannot be used: {text}"


# ---------------------------------------------------------------- rows


def save(record: Saved) -> int:
    """Keep a new result; returns its number."""
    path = location()
    with _writing(path) as connection:
        connection.execute("BEGIN IMMEDIATE")
        try:
            cursor = connection.execute(
                "INSERT INTO results (created, bank_id, bank_version, focus, country, answers,"
                " scores) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    record.created.isoformat(timespec="seconds"),
                    record.bank_id,
                    record.bank_version,
                    record.focus,
                    record.country,
                    json.dumps(record.answers),
                    json.dumps(
                        {
                            "overall": record.overall,
                            "areas": record.areas,
                            "wishes": record.wishes,
                            "concern": record.concern,
                        }
                    ),
                ),
            )
            connection.execute("COMMIT")
        except BaseException:
            _roll_back(connection)
            raise
    assert cursor.lastrowid is not None
    return cursor.lastrowid


@dataclass(frozen=True)
class Damaged:
    """A row that could not be read back, and why."""

    id: int
    why: str


def results(
    bank_id: str | None = None, since: str | None = None, with_answers: bool = True
) -> tuple[list[Saved], list[Damaged]]:
    """Past results, oldest first, and the rows that are damaged (left out, never changed).
    Without `with_answers`, the answers are neither read nor checked (a listing shows only
    the scores), and each result's `answers` is empty."""
    query, parameters = "WHERE 1 = 1", []
    if bank_id is not None:
        query += " AND bank_id = ?"
        parameters.append(bank_id)
    if since is not None:
        query += " AND created >= ?"
        parameters.append(since)
    good: list[Saved] = []
    damaged: list[Damaged] = []
    skipped = () if with_answers else ("answers",)
    for row in _rows(query + " ORDER BY created, id", parameters, skipped):
        try:
            good.append(_saved(row, with_answers))
        except _DamagedRow as error:
            damaged.append(Damaged(_row_id(row), str(error)))
    return good, damaged


def latest(bank_id: str, bank_version: int, focus: str) -> Saved | None:
    """The newest readable result of this set, version and focus (damaged rows are passed
    over: "since last time" is never required)."""
    rows = _rows(
        "WHERE bank_id = ? AND bank_version = ? AND focus = ? ORDER BY created DESC, id DESC",
        [bank_id, bank_version, focus],
    )
    for row in rows:
        with contextlib.suppress(_DamagedRow):
            return _saved(row)
    return None


def get(result_id: int) -> Saved:
    return _saved_or_error(_row(result_id))


def require(result_id: int) -> None:
    """An error unless the result is kept, whether or not it reads cleanly: a damaged result
    can still be forgotten."""
    _row(result_id)


def _row(result_id: int) -> tuple[Any, ...]:
    rows = _rows("WHERE id = ?", [result_id]) if 0 < result_id <= LARGEST_RESULT_ID else []
    if not rows:
        raise HistoryError(f"there is no result {result_id} in the history")
    return rows[0]


def forget(result_id: int | None) -> int:
    """Delete one result (or all, with None) for real; returns how many were deleted. The
    history must be there (see `exists`)."""
    with _writing(location()) as connection:
        if result_id is None:
            deleted = connection.execute("DELETE FROM results").rowcount
        else:
            if (
                not 0 < result_id <= LARGEST_RESULT_ID
                or not connection.execute(
                    "SELECT 1 FROM results WHERE id = ?", (result_id,)
                ).fetchone()
            ):
                raise HistoryError(f"there is no result {result_id} in the history")
            deleted = connection.execute("DELETE FROM results WHERE id = ?", (result_id,)).rowcount
        # secure_delete zeroed the rows' pages; rebuild the file so no free page keeps an old
        # copy (and empty a write-ahead log an older intimacy may have left).
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("VACUUM")
    return deleted


def exists() -> bool:
    """Whether there is a history file (it may still be refused when opened); a folder that
    cannot be looked into is an error, never "there is none"."""
    path = location()
    try:
        path.lstat()
    except FileNotFoundError:
        return False
    except OSError as error:
        raise HistoryError(f"cannot look for the history {path}: {error.strerror}") from None
    return True


def _rows(
    where: str, parameters: list[Any], skipped: tuple[str, ...] = ()
) -> list[tuple[Any, ...]]:
    """The rows `where` selects, with each of the `skipped` columns read as ''."""
    path = location()
    with _reading(path) as connection:
        if connection is None:
            return []
        present = {row[1] for row in connection.execute("PRAGMA table_info(results)")}
        # An older history may lack a column: read it as empty rather than migrate (a read
        # never writes).
        columns = ", ".join(
            c if c in present and c not in skipped else f"'' AS {c}" for c in COLUMNS
        )
        return connection.execute(f"SELECT {columns} FROM results {where}", parameters).fetchall()


class _DamagedRow(ValueError):
    pass


def _row_id(row: tuple[Any, ...]) -> int:
    return row[0] if isinstance(row[0], int) else 0


def _saved_or_error(row: tuple[Any, ...]) -> Saved:
    try:
        return _saved(row)
    except _DamagedRow as error:
        number = _row_id(row)
        raise HistoryError(
            f"result #{number} in {location()} is damaged ({error}); it was left as it is"
            + forget_hint(number)
        ) from None


def forget_hint(number: int) -> str:
    """How to remove a damaged result: by its number when `forget` can take it, else all."""
    if 0 < number <= LARGEST_RESULT_ID:
        return f" (`intimacy history forget {number}` removes it)"
    return " (only `intimacy history forget --all` can remove it)"


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}T[\d:.+\-Z]{8,20}\Z")
_COUNTRY = re.compile(r"([A-Z]{2})?")  # "" for everywhere else
# The same few ids stand in every row of a history: each is checked once a run.
_an_id = functools.lru_cache(maxsize=1024)(is_id)


def _saved(row: tuple[Any, ...], with_answers: bool = True) -> Saved:
    """A row read back, every field checked: the file is only as trustworthy as the disk."""
    result_id, created, bank_id, bank_version, focus, country, answers, scores = row
    _check(type(result_id) is int and 0 < result_id <= LARGEST_RESULT_ID, "its number")
    _check(isinstance(created, str) and _DATE.match(created) is not None, "its date")
    try:
        when = datetime.fromisoformat(created)
    except ValueError:
        raise _DamagedRow("its date") from None
    _check(isinstance(bank_id, str) and _an_id(bank_id), "its question set")
    _check(
        isinstance(bank_version, int) and 1 <= bank_version <= MAX_VERSION,
        "its question set's version",
    )
    _check(focus in FOCUSES, "who it is about")
    _check(
        isinstance(country, str) and _COUNTRY.fullmatch(country) is not None,
        "its country",
    )
    kept: dict[str, Answer] = {}
    if with_answers:
        decoded_answers = _json(answers, "its answers")
        _check(isinstance(decoded_answers, dict), "its answers")
        for key, value in decoded_answers.items():
            _check(_an_id(key), "its answers")
            kept[key] = _answer(value)
    decoded = _json(scores, "its scores")
    _check(isinstance(decoded, dict), "its scores")
    overall = decoded.get("overall")
    areas = decoded.get("areas")
    wishes = decoded.get("wishes", {})
    concern = decoded.get("concern", False)
    _check(isinstance(concern, bool), "its scores")
    _check(
        _is_score(overall) and isinstance(areas, dict) and isinstance(wishes, dict), "its scores"
    )
    _check(all(map(_an_id, areas)) and all(map(_is_score, areas.values())), "its scores")
    _check(all(_an_id(k) and (v is None or v in WISHES) for k, v in wishes.items()), "its wishes")
    return Saved(
        when,
        bank_id,
        bank_version,
        focus,
        country,
        kept,
        overall,
        areas,
        wishes,
        concern,
        result_id,
    )


def _check(good: bool, what: str) -> None:
    if not good:
        raise _DamagedRow(what)


def _json(text: Any, what: str) -> Any:
    if not isinstance(text, str):
        raise _DamagedRow(what)
    try:
        return _DECODER.decode(text)
    except (ValueError, RecursionError):
        raise _DamagedRow(what) from None


def _refuse(text: str) -> Any:
    raise ValueError(text)


_DECODER = json.JSONDecoder(parse_float=_refuse, parse_constant=_refuse)  # one for every row


def _answer(value: Any) -> Answer:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) <= MAX_SCALE_VALUE:
        return value
    if isinstance(value, str) and value in WISHES:
        return value
    if isinstance(value, list) and all(isinstance(v, str) and _an_id(v) for v in value):
        return tuple(value)
    raise _DamagedRow("its answers")


def _is_score(value: Any) -> bool:
    return value is None or (type(value) is int and 0 <= value <= 100)  # not a bool
