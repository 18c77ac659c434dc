"""The built wheel, installed into a fresh venv, works from any folder (question files included)."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

from helpers import REPO, all_answers


def test_wheel_installs_and_runs_in_a_fresh_venv(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(REPO)],
        check=True,
    )
    wheel = next(dist.glob("intimacy-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "intimacy_cli/questions/emotional-intimacy.yaml" in names
    assert "intimacy_cli/data/bank.schema.json" in names

    env_dir = tmp_path / "venv"
    venv.create(env_dir)  # without pip of its own: the running pip installs into it, seconds sooner
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(env_dir / "bin" / "python"),
            "install",
            "--quiet",
            str(wheel),
        ],
        check=True,
    )

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "answers.json").write_text(json.dumps(all_answers(4)))
    result = subprocess.run(
        [
            str(env_dir / "bin" / "intimacy"),
            "check",
            "--answers",
            "answers.json",
            "--export",
            "reflection.md",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Signs of emotional intimacy" in result.stdout
    assert "988" in (elsewhere / "reflection.md").read_text()
