"""Writing the user's files: atomically, readable by the user alone, never over a file by accident.

A file is first written in full to a temporary file beside the target (mode 0600 whatever the
umask), flushed to disk, and only then given the target's name. Without `force`, the name is
given with link(), which fails if anything (a file, a symlink) is already there, so an existing
file is never replaced and a symlink is never followed. With `force`, os.replace() swaps the
name over in one step. Interrupted at any point, the target is either untouched or complete.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from intimacy_cli.errors import InputError, RunError


def check_target(path: Path, force: bool) -> None:
    """Refuse early, before any questions are asked, a target we would refuse later."""
    try:
        status = path.lstat()
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise RunError(f"cannot write {path}: {error.strerror}") from None
    if status is not None:
        if not force:
            raise InputError.single(str(path), "already exists (use --force to replace it)")
        if not (stat.S_ISREG(status.st_mode) or stat.S_ISLNK(status.st_mode)):
            raise InputError.single(str(path), "is not a regular file; choose another name")
    folder = path.parent
    if not folder.is_dir():
        raise RunError(f"cannot write {path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise RunError(f"cannot write {path}: no permission to write in {folder}")


def write_private(path: Path, content: str, force: bool) -> None:
    check_target(path, force)
    data = content.encode("utf-8")
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise RunError(f"cannot write {path}: {error.strerror}") from None
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if force:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)
    except FileExistsError:
        raise InputError.single(str(path), "already exists (use --force to replace it)") from None
    except OSError as error:
        raise RunError(f"cannot write {path}: {error.strerror}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the new name itself durable."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
