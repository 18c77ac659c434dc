"""Shared helpers (tests/ is on pytest's pythonpath). Tests use the installed package."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pexpect
import pyte

REPO = Path(__file__).resolve().parent.parent
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
    """Run `intimacy` in this process, through its one exit point `main(argv, env)`, with a
    fake environment: stdin (not a terminal; None is empty, as /dev/null), stdout and stderr
    in memory, the variables, the folder. `timeout` is for `run_process`; here pytest-timeout
    stops a run that hangs."""
    from intimacy_cli.entry import main
    from intimacy_cli.runtime import Environment

    data = stdin.encode() if isinstance(stdin, str) else (stdin or b"")
    out, err = io.BytesIO(), io.BytesIO()
    streams = [
        io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"),
        io.TextIOWrapper(out, encoding="utf-8", write_through=True),
        io.TextIOWrapper(err, encoding="utf-8", write_through=True),
    ]
    environ = {**os.environ, **QUIET_ENV, **(env or {})}
    code = main(list(args), Environment(*streams, environ=environ, cwd=cwd))
    for stream in streams[1:]:
        stream.flush()
    return subprocess.CompletedProcess(
        [str(INTIMACY), *args],
        int(code),
        out.getvalue().decode("utf-8", "replace"),
        err.getvalue().decode("utf-8", "replace"),
    )


def run_process(
    *args: str,
    stdin: str | bytes | None = "",
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 20,
) -> subprocess.CompletedProcess[str]:
    """Run the installed `intimacy` script in a process of its own, for what only a process
    shows: its encoding, a hang (the time-out), its own file descriptors. stdin is a pipe
    (not a terminal) unless None (/dev/null)."""
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
    """An answer for every scale question of the shipped core set (for every focus); safety
    questions at Never unless overridden; wishes left out (not said)."""
    from intimacy_cli import catalog

    loaded = catalog.load("emotional-intimacy")
    answers: dict[str, int | str] = {
        q.id: 1 if q.safety else value for q in loaded.questions if q.kind == "scale"
    }
    answers.update({key.replace("_", "-"): item for key, item in overrides.items()})
    return answers


CURSOR_POSITION_REQUEST = "\x1b\\[6n"
PHONE_NUMBER = re.compile(r"\d[\d -]*\d")  # 988, 1-800-799-7233, 116 123, 0477 13 11 14


def spawn(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    dimensions: tuple[int, int] = (40, 100),
) -> pexpect.spawn:
    """The installed `intimacy` in a real pseudo-terminal."""
    full_env = {**os.environ, **QUIET_ENV, "TERM": "xterm-256color", **(env or {})}
    child = pexpect.spawn(
        str(INTIMACY),
        list(args),
        cwd=str(cwd) if cwd else None,
        env=full_env,
        dimensions=dimensions,
        encoding="utf-8",
        timeout=15,
    )
    child.delaybeforesend = None  # pexpect waits 50 ms before each send unless told not to
    return child


def expect(child: pexpect.spawn, pattern: str) -> None:
    """Wait for `pattern`, answering prompt_toolkit's cursor-position requests as a terminal
    would (unanswered, each prompt waits for a time-out before it draws)."""
    while child.expect([pattern, CURSOR_POSITION_REQUEST]) == 1:
        child.send("\x1b[1;1R")


def expect_stopped(child: pexpect.spawn) -> None:
    """How a run stopped by Ctrl-C or Ctrl-D ends: nothing saved, the disclaimer and the crisis
    footer all the same, exit 130, and no traceback."""
    expect(child, "Nothing was saved")
    expect(child, "not a diagnosis")
    expect(child, "988")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in child.before


def answer(child: pexpect.spawn, number: int, keys: str) -> None:
    """Wait for question `number` of the shipped core set, then press `keys`."""
    from intimacy_cli import catalog

    total = len(catalog.load("emotional-intimacy").questions)
    expect(child, rf"{number} of {total} · ")
    child.send(keys)


def key_for(question_number: int, level: str) -> str:
    """The number key that answers question `question_number` of the core set at `level` (a
    point of the scale) when it is scored; Never when it is a safety question; "It suits me as
    it is" when it is a wish."""
    from intimacy_cli import catalog

    question = catalog.load("emotional-intimacy").questions[question_number - 1]
    if question.safety or question.kind == "wish":
        return "1"
    return level


class Screen:
    """What a person would see on `child`'s terminal (pyte emulates it), and cursor-position
    answers from where the cursor really is, as a real terminal gives them."""

    def __init__(self, child: pexpect.spawn) -> None:
        rows, columns = child.getwinsize()
        self.child = child
        self.screen = pyte.Screen(columns, rows)
        self._stream = pyte.Stream(self.screen)
        child.logfile_read = self  # everything the program writes reaches the emulated screen

    def write(self, data: str) -> None:
        self._stream.feed(data)

    def flush(self) -> None:
        pass

    def expect(self, pattern: str) -> None:
        while self.child.expect([pattern, CURSOR_POSITION_REQUEST]) == 1:
            cursor = self.screen.cursor
            self.child.send(f"\x1b[{cursor.y + 1};{cursor.x + 1}R")

    def words(self) -> str:
        """The screen's text with its lines joined by single spaces: a word that a line's end
        breaks in two shows as two words."""
        return " ".join(" ".join(line.split()) for line in self.screen.display if line.strip())
