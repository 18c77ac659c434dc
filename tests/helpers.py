"""Shared helpers (tests/ is on pytest's pythonpath). Tests use the installed package."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHIPPED_BANK = REPO / "questions" / "emotional-intimacy.yaml"
INTIMACY = Path(sys.executable).parent / "intimacy"
# A known terminal and locale (C names no country, so helplines default to the US), and no
# question folder of the developer's own.
QUIET_ENV = {
    "NO_COLOR": "",
    "COLUMNS": "80",
    "LANG": "C.UTF-8",
    "LC_ALL": "",
    "LC_MESSAGES": "",
    "INTIMACY_HOME": str(Path(__file__).parent / "no-such-home"),
}


def run(
    *args: str,
    stdin: str | bytes | None = "",
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 20,
) -> subprocess.CompletedProcess[str]:
    """Run the installed `intimacy` script; stdin is a pipe (not a terminal) unless None."""
    full_env = {**os.environ, **QUIET_ENV, **(env or {})}
    data = stdin.encode() if isinstance(stdin, str) else stdin
    result = subprocess.run(
        [str(INTIMACY), *args],
        input=data,
        capture_output=True,
        env=full_env,
        cwd=cwd,
        timeout=timeout,
        stdin=subprocess.DEVNULL if stdin is None else None,
    )
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8", "replace"),
        result.stderr.decode("utf-8", "replace"),
    )


def all_answers(value: int | str = 3, **overrides: int | str) -> dict[str, int | str]:
    """An answer for every question of the shipped bank."""
    from intimacy_cli import catalog

    loaded = catalog.load("emotional-intimacy")
    answers: dict[str, int | str] = {q.id: value for q in loaded.questions}
    answers.update({key.replace("_", "-"): item for key, item in overrides.items()})
    return answers
