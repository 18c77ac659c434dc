"""The `intimacy` command's entry point: the one place a run starts and ends.

`main(argv, env)` runs one command line in an `Environment` (the process's own, or a test's)
and returns its exit code; it is the last word on any error that escapes. `run()` is what the
installed command calls.

What makes start-up fast:

- The cyclic garbage collector is off from the start of a run until the person has answered a
  first question (pipeline.py switches it back on; `main` does in any case when the run ends).
  Start-up creates a great many objects and no cycles worth collecting (about 5 ms).
- The commonest runs need no option parsing to speak of, so they start without Typer (about
  15 ms of imports): `intimacy --version` is answered at once, and `intimacy check` with at
  most a question set and `--for WHO` is read by `quick` and goes straight to the use-case
  layer. Any other command line goes to Typer, which refuses a bad option before any
  question.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from intimacy_cli.pipeline import CheckRequest
    from intimacy_cli.runtime import Environment


def main(argv: list[str] | None = None, env: Environment | None = None) -> int:
    """Run `argv` (default: this process's arguments) and return the exit code."""
    from intimacy_cli.runtime import Environment, installed

    gc.disable()
    try:
        with installed(env or Environment.real()):
            return _run(sys.argv[1:] if argv is None else argv)
    finally:
        gc.enable()


def run() -> NoReturn:
    """The installed `intimacy` command."""
    try:
        code = main()
    except KeyboardInterrupt:  # so early that nothing was set up to catch it: end all the same
        code = 130
        try:
            from intimacy_cli.streams import say_stopped

            say_stopped(None)
        except BaseException:
            pass  # stopped again: say nothing more
    sys.exit(code)


def _run(argv: list[str]) -> int:
    # Started with standard input or error closed: read nothing, and say things to no one,
    # rather than fail on the first word (or let a file we open take the stream's number).
    if sys.stdin is None:
        sys.stdin = open(os.devnull)  # noqa: SIM115 - for the rest of the run
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the rest of the run
    # Never die on a character the terminal cannot show (PYTHONIOENCODING=ascii and the like).
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    from intimacy_cli import streams
    from intimacy_cli.runtime import ExitCode
    from intimacy_cli.screen import settle_terminal_size
    from intimacy_cli.streams import guard_stdout, handled_errors, notice
    from intimacy_cli.streams import refuse_invisible_arguments as refuse_invisible

    streams.written.clear()  # a new run has written nothing yet
    try:
        # The commands handle their own errors; this catches what falls between them, such as
        # Ctrl-C while Typer loads, or a closed standard output.
        with handled_errors():
            guard_stdout()
            settle_terminal_size()
            refuse_invisible(argv)
            if argv == ["--version"]:  # the answer needs nothing else at all
                from intimacy_cli import __version__

                sys.stdout.write(f"intimacy {__version__}\n")
                return ExitCode.OK
            try:
                request = quick(argv)
                if request is not None:
                    from intimacy_cli import pipeline

                    pipeline.check(request)
                else:
                    from intimacy_cli.cli import app

                    app(args=argv, prog_name="intimacy")
            finally:
                sys.stdout.flush()  # inside the handler: a full disk is an error, not a trace
    except SystemExit as ended:  # Typer's, and ours, carry the exit code
        return ended.code if isinstance(ended.code, int) else ExitCode.FAILURE
    except Exception as error:
        if os.environ.get("INTIMACY_DEBUG"):
            raise
        # A bug of ours. One line, and no traceback: its locals could hold private answers.
        notice(
            f"error: intimacy hit an unexpected problem ({type(error).__name__}); nothing "
            "was saved. Set INTIMACY_DEBUG=1 to see the details."
        )
        return ExitCode.FAILURE
    return ExitCode.OK


def quick(argv: list[str]) -> CheckRequest | None:
    """`check`, with at most a question set (an id or a path) and `--for WHO` (or
    `--for=WHO`), as a request; None for anything else, which Typer reads."""
    from intimacy_cli.focus import FOCUSES

    if not argv or argv[0] != "check":
        return None
    words = list(argv[1:])
    focus = None
    for index, word in enumerate(words):
        if word.startswith("--for="):
            focus, words = word.removeprefix("--for="), words[:index] + words[index + 1 :]
            break
        if word == "--for" and index + 1 < len(words):
            focus, words = words[index + 1], words[:index] + words[index + 2 :]
            break
    if focus is not None and focus.lower() not in FOCUSES:
        return None  # Typer says what is wrong with it
    if len(words) > 1 or (words and words[0].startswith("-")):
        return None
    from intimacy_cli.pipeline import CheckRequest

    return CheckRequest(
        bank_name=words[0] if words else CheckRequest.bank_name,
        focus=focus.lower() if focus else None,
    )
