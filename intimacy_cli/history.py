"""The private history: past results in SQLite, on this computer only, and only when asked.

The folder is 0700 and the database 0600 before the first write (SQLite gives its -wal and
-shm files the database's mode). Writes are synchronous=FULL; deleted rows are overwritten
(secure_delete), then the WAL is emptied and the file rebuilt (VACUUM) so a forgotten result
is gone from the bytes on disk. The schema is versioned with PRAGMA user_version and migrated
forward. A database that is corrupt, locked or from a newer version is never repaired or
replaced: each is a HistoryError that names the file.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from intimacy_cli.errors import RunError
from intimacy_cli.scoring import Answer

FILE_NAME = "history.sqlite3"

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


class HistoryError(RunError):
    """The history cannot be read or written; the message names the file."""


@dataclass(frozen=True)
class Saved:
    """One stored result: what was answered and how it scored, never the rendered text."""

    id: int
    created: datetime
    bank_id: str
    bank_version: int
    focus: str
    country: str
    answers: dict[str, Answer]
    overall: int | None
    areas: dict[str, int | None]  # area id -> score


def location() -> Path:
    """The history file: in $INTIMACY_HOME when set, else the user data folder."""
    home = os.environ.get("INTIMACY_HOME")
    if home:
        return Path(home) / FILE_NAME
    import platformdirs

    return Path(platformdirs.user_data_dir("intimacy")) / FILE_NAME


@contextlib.contextmanager
def opened(path: Path, create: bool = False) -> Iterator[sqlite3.Connection]:
    """The database, checked and migrated; with `create`, made (privately) if missing."""
    if not path.exists():
        if not create:
            raise HistoryError(f"there is no history yet ({path})")
        _create_private(path)
    try:
        connection = sqlite3.connect(path, timeout=2, isolation_level=None)
    except sqlite3.Error as error:
        raise HistoryError(f"cannot open the history {path}: {error}") from None
    try:
        _prepare(connection, path)
        yield connection
    except sqlite3.DatabaseError as error:
        raise HistoryError(_explain(error, path)) from None
    finally:
        connection.close()


def _create_private(path: Path) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        # An empty file with mode 0600 before SQLite writes a byte; O_EXCL: never over another.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    except OSError as error:
        raise HistoryError(f"cannot create the history {path}: {error.strerror}") from None


def _prepare(connection: sqlite3.Connection, path: Path) -> None:
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise HistoryError(
                f"the history {path} was made by a newer version of intimacy; update intimacy "
                "to use it (the file was left as it is)"
            )
        if connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("database disk image is malformed")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA secure_delete = ON")
        _migrate(connection, version)
    except sqlite3.DatabaseError as error:
        raise HistoryError(_explain(error, path)) from None


def _migrate(connection: sqlite3.Connection, version: int) -> None:
    for number in range(version, SCHEMA_VERSION):
        connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[number].split(";"):
                if statement.strip():
                    connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {number + 1}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise


def _explain(error: sqlite3.Error, path: Path) -> str:
    text = str(error)
    if "locked" in text or "busy" in text:
        return f"the history {path} is in use by another program; try again in a moment"
    if "not a database" in text or "malformed" in text:
        return (
            f"the history {path} is damaged and cannot be read; it was left as it is (move it "
            "away to start a new one)"
        )
    return f"the history {path} cannot be used: {text}"


# ---------------------------------------------------------------- rows


def save(
    connection: sqlite3.Connection,
    created: datetime,
    bank_id: str,
    bank_version: int,
    focus: str,
    country: str,
    answers: dict[str, Answer],
    overall: int | None,
    areas: dict[str, int | None],
) -> int:
    cursor = connection.execute(
        "INSERT INTO results (created, bank_id, bank_version, focus, country, answers, scores)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            created.isoformat(timespec="seconds"),
            bank_id,
            bank_version,
            focus,
            country,
            json.dumps(answers),
            json.dumps({"overall": overall, "areas": areas}),
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


_COLUMNS = "id, created, bank_id, bank_version, focus, country, answers, scores"


def results(
    connection: sqlite3.Connection, bank_id: str | None = None, since: str | None = None
) -> list[Saved]:
    """Past results, oldest first."""
    query = f"SELECT {_COLUMNS} FROM results WHERE 1 = 1"
    parameters: list[str] = []
    if bank_id is not None:
        query += " AND bank_id = ?"
        parameters.append(bank_id)
    if since is not None:
        query += " AND created >= ?"
        parameters.append(since)
    rows = connection.execute(query + " ORDER BY created, id", parameters).fetchall()
    return [_saved(row) for row in rows]


def latest(connection: sqlite3.Connection, bank_id: str, focus: str) -> Saved | None:
    row = connection.execute(
        f"SELECT {_COLUMNS} FROM results WHERE bank_id = ? AND focus = ? "
        "ORDER BY created DESC, id DESC LIMIT 1",
        (bank_id, focus),
    ).fetchone()
    return _saved(row) if row else None


def get(connection: sqlite3.Connection, result_id: int) -> Saved:
    row = connection.execute(
        f"SELECT {_COLUMNS} FROM results WHERE id = ?", (result_id,)
    ).fetchone()
    if row is None:
        raise HistoryError(f"there is no result {result_id} in the history")
    return _saved(row)


def forget(connection: sqlite3.Connection, result_id: int | None) -> int:
    """Delete one result (or all, with None) for real; returns how many were deleted."""
    if result_id is None:
        deleted = connection.execute("DELETE FROM results").rowcount
    else:
        deleted = connection.execute("DELETE FROM results WHERE id = ?", (result_id,)).rowcount
    # secure_delete zeroed the rows' pages; move that into the main file, empty the WAL, and
    # rebuild the file so no free page keeps an old copy.
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("VACUUM")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return deleted


def _saved(row: tuple[Any, ...]) -> Saved:
    result_id, created, bank_id, bank_version, focus, country, answers, scores = row
    decoded = json.loads(scores)
    return Saved(
        id=result_id,
        created=datetime.fromisoformat(created),
        bank_id=bank_id,
        bank_version=bank_version,
        focus=focus,
        country=country,
        answers={k: tuple(v) if isinstance(v, list) else v for k, v in json.loads(answers).items()},
        overall=decoded["overall"],
        areas=decoded["areas"],
    )
