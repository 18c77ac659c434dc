"""One place that decides what goes where: results on stdout; errors, notices and prompts on
stderr or the terminal; and how errors become exit codes (`handled_errors`).

Imported at start-up, so it imports nothing heavy at module level; not even Typer, as
entry.py asks the first question of `intimacy check` before Typer is imported. Exits are plain
SystemExit, which Typer lets through with its code.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator, Sized
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, cast

from intimacy_cli import safetext
from intimacy_cli.errors import InputError, RunError
from intimacy_cli.wrapping import wrap

if TYPE_CHECKING:
    from rich.console import Console

    from intimacy_cli.layout import Block

EXIT_FAILURE, EXIT_USAGE, EXIT_INTERRUPTED = 1, 2, 130  # and 0: done


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
        raise SystemExit(EXIT_FAILURE)
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
    sys.stderr.write(safetext.clean(message) + "\n")


def result_line(text: str) -> None:
    """One line of a command's result on stdout, with anything from files made harmless."""
    sys.stdout.write(safetext.clean(text) + "\n")


def count(items: Sized, noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


def paragraph(stream: TextIO, text: str) -> None:
    stream.write(fitted(stream, text) + "\n\n")
    stream.flush()


def fitted(stream: TextIO, text: str, indent: str = "") -> str:
    """`text` in lines for the terminal that `stream` shows on (80 columns at most), with no
    phone number split."""
    return "\n".join(wrap(text, min(terminal_width(stream), 80) - 1, indent))


# What any width claimed is held to: narrower is unreadable (the terminal wraps what we
# write), wider is hard to read; and so no claim (0, or 10^8) can empty or swell the output.
MIN_WIDTH, MAX_WIDTH = 20, 120
MIN_LINES, MAX_LINES = 5, 1000


def settle_terminal_size() -> None:
    """Hold what the environment claims about the terminal's size to something usable, for us
    and for every library that reads it (rich, Typer's help, prompt_toolkit): a claim that is
    not a plain number above 0 is dropped (the terminal's own size is used), one out of bounds
    is brought within them. So no claim (0, -5, "abc", "²", 10^8) can empty the output, swell
    it without bound, or crash a library that trusts it."""
    for name, bounds in (("COLUMNS", (MIN_WIDTH, MAX_WIDTH)), ("LINES", (MIN_LINES, MAX_LINES))):
        claimed = _claimed_size(name, *bounds)
        if claimed is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = str(claimed)


def _claimed_size(name: str, lowest: int, highest: int) -> int | None:
    """$COLUMNS or $LINES within bounds, or None when unset or not a number above 0."""
    claimed = os.environ.get(name, "")
    if not re.fullmatch(r"[0-9]{1,9}", claimed) or int(claimed) == 0:
        return None
    return max(lowest, min(int(claimed), highest))


def terminal_width(stream: TextIO) -> int:
    """How wide the terminal is that `stream` shows on, held between MIN_WIDTH and MAX_WIDTH:
    $COLUMNS when it is a number above 0, as everywhere; else the terminal's own width
    (stderr's, say, when stdout is a file); else 80."""
    claimed = _claimed_size("COLUMNS", MIN_WIDTH, MAX_WIDTH)
    if claimed is not None:
        return claimed
    try:
        width = os.get_terminal_size(stream.fileno()).columns or 80
    except (OSError, ValueError):  # not a terminal, or a stream with no file behind it
        width = 80
    return max(MIN_WIDTH, min(width, MAX_WIDTH))


def screen() -> TextIO:
    """Where prompts are drawn: the terminal, never a redirected stdout (say `--json > f`)."""
    for stream in (sys.stdout, sys.stderr):
        if stream.isatty():
            return stream
    raise InputError.single(
        "stdout",
        "is not a terminal and neither is stderr, so the questions cannot be shown: use "
        "--answers FILE",
    )


def stdout_console() -> Console:
    from rich.console import Console

    no_color = bool(os.environ.get("NO_COLOR"))  # rich alone would still print bold and dim
    return Console(
        file=cast("TextIO", _TrimmedLines(sys.stdout)),
        width=terminal_width(sys.stdout),
        highlight=False,
        emoji=False,
        color_system=None if no_color else "auto",
    )


def show(blocks: list[Block], plain: bool) -> None:
    """A summary or comparison on stdout: plain lines (--plain, TERM=dumb, screen readers), or
    drawn by rich."""
    if plain:
        from intimacy_cli.render import plain as plain_lines

        sys.stdout.write(plain_lines.render(blocks))
    else:
        from intimacy_cli.render import terminal

        terminal.draw(blocks, stdout_console())


# The end of a line: spaces, and colour codes among them (kept; the spaces go).
_LINE_END = re.compile(r"(?: |\x1b\[[0-9;]*m)+\n")
_COLOUR_CODE = re.compile(r"\x1b\[[0-9;]*m")


class _TrimmedLines:
    """stdout without the spaces rich pads lines with, so that copied or redirected text is
    clean; everything else (isatty, encoding, flush) is stdout's own."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(_LINE_END.sub(_codes_and_newline, text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _codes_and_newline(line_end: re.Match[str]) -> str:
    return "".join(_COLOUR_CODE.findall(line_end.group())) + "\n"


def fail(lines: list[str], code: int) -> NoReturn:
    for line in lines:
        notice(f"error: {line}")
    raise SystemExit(code)


@contextmanager
def handled_errors(country: str | None = None, private: bool = False) -> Iterator[None]:
    """The one place where errors become a message on stderr and an exit code. An interrupted
    run still shows the disclaimer and the crisis footer, for `country` when it is valid;
    except a private run, which leaves nothing behind on screen at all (q or Ctrl-C there is
    a quick exit)."""
    try:
        yield
    except InputError as error:
        fail([str(problem) for problem in error.problems], EXIT_USAGE)
    except RunError as error:
        fail([str(error)], EXIT_FAILURE)
    except (KeyboardInterrupt, EOFError):
        if private:
            raise SystemExit(EXIT_INTERRUPTED) from None
        from intimacy_cli import helplines
        from intimacy_cli.report import DISCLAIMER, NOTHING_SAVED

        try:
            footer = helplines.for_country(helplines.country_code(country)).footer
        except InputError:
            footer = helplines.for_country(helplines.country_code()).footer
        sys.stderr.write("\n")
        for text in (NOTHING_SAVED, DISCLAIMER, footer):
            paragraph(sys.stderr, text)
        raise SystemExit(EXIT_INTERRUPTED) from None
