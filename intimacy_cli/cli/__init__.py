"""The command line: Typer commands, thin, over the use-case layer (pipeline.py).

Errors become messages and exit codes in one place, `streams.handled_errors`. Heavy modules
(rich's renderers, questionary, sqlite3, YAML) are imported inside the commands that need them,
so start-up stays fast. No `from __future__ import annotations` in this package: Typer would
evaluate every command's string annotations at each start (2-3 ms); names imported only for
type checking are quoted instead.

The commands are registered in the order help lists them: check first.
"""

from typing import Annotated

import typer

from intimacy_cli import __version__
from intimacy_cli.cli import catalogue, check, history
from intimacy_cli.cli.options import MARKUP_MODE

app = typer.Typer(
    name="intimacy",
    help="A private, offline self-assessment about emotional intimacy: trust, openness and "
    "feeling seen and known. For reflection, not diagnosis.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals would include the person's answers
    rich_markup_mode=MARKUP_MODE,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"intimacy {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """A private, offline self-assessment about emotional intimacy: trust, openness and feeling
    seen and known. For reflection, not diagnosis. Nothing leaves this computer."""


app.command(name="check")(check.check)
app.add_typer(history.history_app, name="history")
app.command(name="compare")(history.compare)
app.command(name="banks")(catalogue.banks)
app.command(name="validate")(catalogue.validate)
app.command(name="schema")(catalogue.schema)
app.command(name="resources")(catalogue.resources)
