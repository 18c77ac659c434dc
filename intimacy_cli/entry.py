"""The `intimacy` command's entry point: the first of our code that runs, and the last word on
any error that escapes.

Two things here bring the first question sooner:

- The cyclic garbage collector is off from here until the person has answered a first question
  (cli.py switches it back on). Start-up creates a great many objects and no cycles worth
  collecting, yet the collector would scan them again and again (about 5 ms).
- `intimacy check` on its own, the commonest run, has no options to parse. So its first
  question (who to reflect on) is asked before Typer is even imported (about 15 ms), and the
  answer goes on to the command as `--for`. Any other command line goes straight to Typer.
"""

import gc
import os
import sys

gc.disable()


def main() -> None:
    # Never die on a character the terminal cannot show (PYTHONIOENCODING=ascii and the like).
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    from intimacy_cli.output import (
        EXIT_FAILURE,
        guard_stdout,
        handled_errors,
        notice,
        refuse_invisible_arguments,
        settle_terminal_size,
    )

    try:
        # The commands handle their own errors; this catches what falls between them, such as
        # Ctrl-C while Typer loads after the first answer.
        with handled_errors():
            guard_stdout()
            settle_terminal_size()
            refuse_invisible_arguments(sys.argv[1:])
            if sys.argv[1:] == ["check"]:
                sys.argv += ["--for", _ask_focus_first()]
            from intimacy_cli.cli import app

            try:
                app(prog_name="intimacy")
            finally:
                sys.stdout.flush()  # inside the handler: a full disk is an error, not a trace
    except Exception as error:
        if os.environ.get("INTIMACY_DEBUG"):
            raise
        # A bug of ours. One line, and no traceback: its locals could hold private answers.
        notice(
            f"error: intimacy hit an unexpected problem ({type(error).__name__}); nothing "
            "was saved. Set INTIMACY_DEBUG=1 to see the details."
        )
        sys.exit(EXIT_FAILURE)


def _ask_focus_first() -> str:
    """What `check` would do before its first question, then that question."""
    from intimacy_cli import DEFAULT_BANK, catalog, quiz

    catalog.deferred(DEFAULT_BANK)  # the person's own question files, checked first
    return quiz.ask_focus(quiz.interviewer(quiz.plain_wanted(False)))
