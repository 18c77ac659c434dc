"""The errors the CLI turns into messages and exit codes (see cli.handled_errors)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple


class Problem(NamedTuple):
    """What is wrong with an input file, and where."""

    source: str
    line: int
    message: str
    clash: str = ""  # for a file of one's own that takes a set's id already taken: that id

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


class InputError(Exception):
    """Bad usage or a bad input file: exit code 2."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = list(problems)

    @classmethod
    def single(cls, source: str, message: str) -> InputError:
        return cls([Problem(source, 0, message)])


class BankError(InputError):
    """One or more problems with a question file."""


class AnswersError(InputError):
    """One or more problems with an answers file."""


class RunError(Exception):
    """A failure while running, such as a file that cannot be written: exit code 1."""
