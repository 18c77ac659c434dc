"""One place that decides what goes where and how a run ends: results on stdout, errors and
notices on stderr, and errors turned into a message and an exit code (`handled_errors`).

Imported at start-up, so it imports nothing heavy at module level.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sized
from contextlib import contextmanager
from typing import Any, NoReturn, TextIO, cast

from intimacy_cli import safetext
from intimacy_cli.errors import InputError, RunError
from intimacy_cli.runtime import ExitCode

DISCLAIMER = (
    "This is a reflection to help you think, not a diagnosis of you or of anyone else. It "
    "cannot take the place of care from a qualified professional; if things feel hard, "
    "please talk to one."
)
NOTHING_SAVED = "Stopped. Nothing was saved."


class _GuardedStdout:
    """stdout, with a failure to write it (full, closed, gone) turned into a clear error
    instead of a traceback; everything else (isatty, fileno, encoding) is stdout's own."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as error:
            _stdout_failed(error)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            _stdout_failed(error)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def guard_stdout() -> None:
    """Make a failure to write stdout a one-line error (see _GuardedStdout)."""
    if sys.stdout is None:  # started with standard output closed
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - for the rest of the process
        raise RunError("standard output is closed, so the result has nowhere to go")
    sys.stdout = cast("TextIO", _GuardedStdout(sys.stdout))


def _stdout_failed(error: OSError) -> NoReturn:
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - nothing more goes there, even at exit
    if isinstance(error, BrokenPipeError):  # the reader has gone (say `| head`): nothing to add
        raise SystemExit(ExitCode.FAILURE)
    raise RunError(f"cannot write to standard output: {error.strerror or error}")


def refuse_invisible_arguments(arguments: list[str]) -> None:
    """An argument with an escape sequence or an invisible character in it would be echoed
    back in messages, or name a file that reads differently than it is: refuse it whole."""
    for number, argument in enumerate(arguments, start=1):
        if not safetext.is_clean(argument):
            raise InputError.single(
                f"argument {number}",
                f"'{safetext.clean(argument)[:40]}' holds a control, escape or invisible "
                "character; type it again without",
            )


def notice(message: str) -> None:
    """A word on stderr: fitted to the terminal between words, or one line for a program."""
    text = safetext.clean(message)
    if sys.stderr.isatty():
        from intimacy_cli.screen import fitted

        text = fitted(sys.stderr, text)
    sys.stderr.write(text + "\n")


def result_line(text: str) -> None:
    """One line of a command's result on stdout, with anything from files made harmless."""
    sys.stdout.write(safetext.clean(text) + "\n")


def count(items: Sized, noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


def fail(lines: list[str], code: int) -> NoReturn:
    for line in lines:
        notice(f"error: {line}")
    raise SystemExit(code)


# What this run has written so far (an export, a kept result), for a truthful word if it
# is stopped; see `uninterrupted`.
written: list[str] = []


@contextmanager
def uninterrupted(what: str) -> Iterator[None]:
    """Ctrl-C waits until the block is done, and then stops the run: a file or a kept result
    is either wholly written, noted in `written` and said, or not written at all."""
    import signal

    stopped: list[int] = []
    before = signal.signal(signal.SIGINT, lambda number, frame: stopped.append(number))
    try:
        yield
        written.append(what)
    finally:
        signal.signal(signal.SIGINT, before)
    if stopped:
        raise KeyboardInterrupt


def say_stopped(country: str | None) -> None:
    """How a stopped run ends: what it wrote, if anything; the disclaimer; the crisis footer
    for `country` when it is valid (else the locale's)."""
    from intimacy_cli import helplines
    from intimacy_cli.screen import paragraph

    try:
        footer = helplines.for_country(helplines.country_code(country)).footer
    except InputError:
        footer = helplines.for_country(helplines.country_code()).footer
    said = NOTHING_SAVED
    if written:
        said = f"Stopped. Written before you stopped: {'; '.join(written)}."
    sys.stderr.write("\n")
    for text in (said, DISCLAIMER, footer):
        paragraph(sys.stderr, safetext.clean(text))


@contextmanager
def handled_errors(country: str | None = None, private: bool = False) -> Iterator[None]:
    """The one place where errors become a message on stderr and an exit code. An interrupted
    run still shows the disclaimer and the crisis footer, for `country` when it is valid;
    except a private run, which leaves nothing behind on screen at all (q or Ctrl-C there is
    a quick exit)."""
    try:
        yield
    except InputError as error:
        fail([str(problem) for problem in error.problems], ExitCode.USAGE)
    except RunError as error:
        fail([str(error)], ExitCode.FAILURE)
    except (KeyboardInterrupt, EOFError):
        if not private:
            say_stopped(country)
        raise SystemExit(ExitCode.INTERRUPTED) from None
