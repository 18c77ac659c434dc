"""Writing the user's files: atomically, readable by the user alone, never over a file by accident.

A file is first written in full, flushed to disk, and only then given its name, so whatever
happens (an error, Ctrl-C, even SIGKILL) the name shows either the old file or the complete new
one. On Linux the new file is born nameless (O_TMPFILE) and named with linkat(AT_EMPTY_PATH), so
an interrupted write leaves nothing behind at all. Where that is not available it is a hidden
temporary file beside the target, removed on any failure the process lives through. Either way
it has mode 0600 whatever the umask.

Without `force` the name is given with a link, which fails if anything (a file, a symlink) is
already there: an existing file is never replaced and a symlink is never followed. With `force`,
a rename swaps the name over in one step.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from intimacy_cli.errors import InputError, RunError

_TEMPORARY_PREFIX = ".intimacy-"
_AT_FDCWD, _AT_EMPTY_PATH = -100, 0x1000
# What a system without nameless files answers; anything else is a real failure.
_NO_NAMELESS_FILES = {
    errno.EOPNOTSUPP,
    errno.EISDIR,
    errno.EINVAL,
    errno.EPERM,
    errno.ENOENT,
    errno.ENOSYS,
    errno.EXDEV,
}


class _NamelessUnavailable(Exception):
    pass


def read_regular(path: Path, limit: int) -> bytes:
    """At most `limit` + 1 bytes of the regular file at `path` (one more than allowed, so the
    caller can tell a file that is too large). It is opened without waiting (a FIFO would wait
    for a writer forever) and refused unless it is a regular file (not a FIFO, a device or a
    folder): an OSError either way, whose strerror says what is wrong."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(errno.EINVAL, "it is not a regular file")
        chunks, left = [], limit + 1
        while left > 0 and (chunk := os.read(descriptor, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


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
        try:
            _write_nameless(path, data, force)
        except _NamelessUnavailable:
            _write_named(path, data, force)
    except FileExistsError:
        raise InputError.single(str(path), "already exists (use --force to replace it)") from None
    except OSError as error:
        raise RunError(f"cannot write {path}: {error.strerror}") from None
    _sync_folder(path.parent)


def _write_nameless(path: Path, data: bytes, force: bool) -> None:
    if not hasattr(os, "O_TMPFILE"):
        raise _NamelessUnavailable
    try:
        descriptor = os.open(path.parent, os.O_TMPFILE | os.O_WRONLY, 0o600)
    except OSError as error:
        if error.errno in _NO_NAMELESS_FILES:
            raise _NamelessUnavailable from None
        raise
    try:
        _write_all(descriptor, data)
        if not force:
            _name(descriptor, path)
            return
        temporary = _fresh_name(path, lambda name: _name(descriptor, name))
        try:
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise
    finally:
        os.close(descriptor)


def _name(descriptor: int, path: Path) -> None:
    """linkat(descriptor, "", AT_FDCWD, path, AT_EMPTY_PATH): give a nameless file its name."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.linkat(descriptor, b"", _AT_FDCWD, os.fsencode(path), _AT_EMPTY_PATH) == 0:
        return
    code = ctypes.get_errno()
    if code in _NO_NAMELESS_FILES:
        raise _NamelessUnavailable
    raise OSError(code, os.strerror(code), str(path))


def _fresh_name(path: Path, make: Callable[[Path], None]) -> Path:
    """A hidden name beside `path` that did not exist, made with `make`."""
    while True:
        temporary = path.parent / f"{_TEMPORARY_PREFIX}{os.urandom(6).hex()}"
        try:
            make(temporary)
            return temporary
        except FileExistsError:
            continue


def _write_named(path: Path, data: bytes, force: bool) -> None:
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=_TEMPORARY_PREFIX)
    try:
        _write_all(descriptor, data)
        if force:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)
    finally:
        os.close(descriptor)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _write_all(descriptor: int, data: bytes) -> None:
    os.fchmod(descriptor, 0o600)  # whatever the umask
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]
    os.fsync(descriptor)


def _sync_folder(folder: Path) -> None:
    """Make the new name itself durable."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
