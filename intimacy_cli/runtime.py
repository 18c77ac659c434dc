"""What a run takes from outside the program, and how it ends.

`main(argv, env)` (entry.py) installs an `Environment` for the length of a run: the streams,
the environment variables, the clock and the working folder. The code reads them where every
library does (sys.stdout, os.environ), so rich, Typer and prompt_toolkit see the same ones; a
test passes a fake environment and runs any command in-process.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from pathlib import Path
from typing import TextIO


class ExitCode(IntEnum):
    """How a run ends (see README, Exit codes)."""

    OK = 0
    FAILURE = 1  # a failure while running
    USAGE = 2  # bad usage or a bad input file
    INTERRUPTED = 130  # stopped with Ctrl-C


def _local_now() -> datetime:
    return datetime.now().astimezone()


@dataclass
class Environment:
    """Everything a run takes from outside: streams, variables, the clock, the folder."""

    stdin: TextIO
    stdout: TextIO
    stderr: TextIO
    environ: MutableMapping[str, str]
    now: Callable[[], datetime] = _local_now
    cwd: Path | None = None  # None: stay where the process is

    @classmethod
    def real(cls) -> Environment:
        """This process's own: nothing is swapped."""
        return cls(sys.stdin, sys.stdout, sys.stderr, os.environ)


_clock: Callable[[], datetime] = _local_now


def now() -> datetime:
    """The time of day, from the installed environment's clock."""
    return _clock()


@contextmanager
def installed(env: Environment) -> Iterator[None]:
    """`env` in place of the process's streams, variables, clock and folder; restored after,
    however the run ends."""
    global _clock
    saved = (sys.stdin, sys.stdout, sys.stderr, dict(os.environ), _clock, os.getcwd())
    sys.stdin, sys.stdout, sys.stderr = env.stdin, env.stdout, env.stderr
    if env.environ is not os.environ:
        os.environ.clear()
        os.environ.update(env.environ)
    _clock = env.now
    if env.cwd is not None:
        os.chdir(env.cwd)
    try:
        yield
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved[0], saved[1], saved[2]
        if env.environ is not os.environ:
            os.environ.clear()
            os.environ.update(saved[3])
        _clock = saved[4]
        os.chdir(saved[5])
