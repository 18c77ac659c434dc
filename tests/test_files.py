"""Writing exports: atomic, private, and never over something by accident."""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from intimacy_cli import files
from intimacy_cli.errors import InputError, RunError


@pytest.fixture(autouse=True, params=["nameless", "named"])
def how(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test runs twice: with nameless files (Linux) and with the hidden-name fallback."""
    if request.param == "named":
        monkeypatch.delattr(os, "O_TMPFILE", raising=False)
    return str(request.param)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_file_is_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        files.write_private(tmp_path / "r.txt", "hello\n", force=False)
    finally:
        os.umask(old)
    assert (tmp_path / "r.txt").read_text() == "hello\n"
    assert mode(tmp_path / "r.txt") == 0o600
    assert os.listdir(tmp_path) == ["r.txt"]  # no temporary file left behind


def test_existing_file_is_refused_and_untouched_without_force(tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    target.write_text("keep me")
    with pytest.raises(InputError, match="already exists"):
        files.write_private(target, "new", force=False)
    assert target.read_text() == "keep me"
    files.write_private(target, "new", force=True)
    assert target.read_text() == "new" and mode(target) == 0o600


def test_symlink_is_not_followed(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "elsewhere.txt")
    with pytest.raises(InputError, match="already exists"):
        files.write_private(link, "x", force=False)
    assert not (tmp_path / "elsewhere.txt").exists()
    files.write_private(link, "x", force=True)  # replaces the link itself, atomically
    assert not link.is_symlink() and link.read_text() == "x"
    assert not (tmp_path / "elsewhere.txt").exists()


def test_race_with_a_file_appearing_is_still_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.txt"
    monkeypatch.setattr(files, "check_target", lambda path, force: None)
    target.write_text("arrived first")
    with pytest.raises(InputError):
        files.write_private(target, "late", force=False)
    assert target.read_text() == "arrived first"
    assert os.listdir(tmp_path) == ["r.txt"]


def test_devices_and_folders_are_refused_even_with_force(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a regular file"):
        files.write_private(Path("/dev/full"), "x", force=True)
    with pytest.raises(InputError, match="not a regular file"):
        files.check_target(tmp_path, force=True)


def test_missing_or_unwritable_folder_is_a_run_error(tmp_path: Path) -> None:
    with pytest.raises(RunError, match="does not exist"):
        files.write_private(tmp_path / "no" / "r.txt", "x", force=False)
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    if os.geteuid() != 0:  # root may write anywhere
        with pytest.raises(RunError, match="no permission"):
            files.write_private(locked / "r.txt", "x", force=False)


def test_a_failed_write_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(RunError, match="No space left on device"):
        files.write_private(tmp_path / "r.txt", "x" * 10_000, force=False)
    assert os.listdir(tmp_path) == []


KILLER = """
import sys
from pathlib import Path
from intimacy_cli import files
if sys.argv[2] == "named":
    import os
    del os.O_TMPFILE
files.write_private(Path(sys.argv[1]), "B" * 20_000_000, force=True)
"""


def test_sigkill_during_an_export_leaves_the_old_or_the_complete_new_file(
    tmp_path: Path, how: str
) -> None:
    target = tmp_path / "r.txt"
    old = "A" * 1_000_000
    randomness = random.Random(11)
    for _ in range(6):
        target.write_text(old)
        process = subprocess.Popen([sys.executable, "-c", KILLER, str(target), how])
        time.sleep(randomness.uniform(0.02, 0.25))
        process.send_signal(signal.SIGKILL)
        process.wait()
        content = target.read_text()
        assert content == old or content == "B" * 20_000_000
        if how == "nameless":  # nothing with a name is ever half-written
            assert os.listdir(tmp_path) == ["r.txt"]
