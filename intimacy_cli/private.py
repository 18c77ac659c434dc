"""`check --private`: a run that leaves nothing on the screen or in its scrollback.

The whole run happens on the terminal's alternate screen, the way a pager does: the questions,
then the summary in a scrollable view. When it ends (closed, finished, Ctrl-C, or q at any
question), the terminal returns to the screen it had before, and nothing is kept or exported.
A terminal that cannot draw menus (--plain, TERM=dumb) has no alternate screen to hide in, so
a private run is refused there with a clear message rather than run in the open.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from intimacy_cli.errors import InputError

if TYPE_CHECKING:
    from intimacy_cli.report import Report

ENTER_ALTERNATE, LEAVE_ALTERNATE = "\x1b[?1049h\x1b[H\x1b[2J", "\x1b[?1049l"
PAGER_HINT = "Up/Down and PgUp/PgDn to read; q or Enter to close, leaving nothing on screen"


def check_possible(plain: bool, keeps_something: bool) -> None:
    """Refuse, before any question, a private run that could not stay private."""
    if keeps_something:
        raise InputError.single(
            "--private", "keeps nothing, so it does not go with --export, --save or --json"
        )
    if plain or not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise InputError.single(
            "--private",
            "cannot hide the output here: it needs a terminal that can draw menus (not "
            "--plain or TERM=dumb, and not a pipe or a file), which has an alternate screen "
            "to leave when the run ends",
        )


@contextmanager
def alternate_screen() -> Iterator[None]:
    """The terminal's alternate screen for as long as the block runs, however it ends: a
    terminal closed (SIGHUP) or a polite kill (SIGTERM) stops the run like Ctrl-C, so the
    screen is left too."""
    import signal

    def stop(number: int, frame: object) -> None:
        raise KeyboardInterrupt

    before = {number: signal.signal(number, stop) for number in (signal.SIGTERM, signal.SIGHUP)}
    sys.stdout.write(ENTER_ALTERNATE)
    sys.stdout.flush()
    try:
        yield
    finally:
        sys.stdout.write(LEAVE_ALTERNATE)
        sys.stdout.flush()
        for number, handler in before.items():
            signal.signal(number, handler)


def page(report: Report) -> None:
    """The summary in a full-screen, scrollable view that leaves no trace when closed."""
    from prompt_toolkit.application import Application
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.layout import HSplit, Layout, Window
    from prompt_toolkit.layout.controls import FormattedTextControl
    from prompt_toolkit.widgets import TextArea

    text = _drawn(report)
    view = TextArea(text=text, read_only=True, scrollbar=True, wrap_lines=True, focusable=True)
    keys = KeyBindings()
    for key in ("q", "enter", "c-c", "c-d"):
        keys.add(key, eager=True)(lambda event: event.app.exit())
    view.buffer.cursor_position = 0
    hint = Window(FormattedTextControl(PAGER_HINT), height=1, style="reverse")
    application: Application[None] = Application(
        layout=Layout(HSplit([view, hint]), focused_element=view),
        key_bindings=keys,
        full_screen=True,
        mouse_support=False,
    )
    application.run()


def _drawn(report: Report) -> str:
    """The summary as the terminal would show it, without colour, at the screen's width."""
    import io

    from rich.console import Console

    from intimacy_cli import layout
    from intimacy_cli.render import terminal
    from intimacy_cli.screen import terminal_width

    console = Console(
        file=io.StringIO(),
        width=terminal_width(sys.stdout) - 2,  # room for the scroll bar
        color_system=None,
        highlight=False,
        emoji=False,
    )
    terminal.draw(layout.summary(report), console)
    output = console.file
    assert isinstance(output, io.StringIO)
    return "\n".join(line.rstrip() for line in output.getvalue().splitlines())
