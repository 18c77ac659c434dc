"""`intimacy check`: its options, turned into a request for the use-case layer."""

from pathlib import Path
from typing import Annotated

import typer

from intimacy_cli import DEFAULT_BANK
from intimacy_cli.cli.options import (
    BANK,
    COUNTRY,
    EXPORT,
    FOCUS,
    FORCE,
    PLAIN,
    WITH_SAFETY_ANSWERS,
)


def check(
    bank_name: Annotated[str, BANK] = DEFAULT_BANK,
    focus: Annotated[str | None, FOCUS] = None,
    answers_file: Annotated[
        str | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="Take the answers from a YAML or JSON file ('-' for stdin) instead of asking: "
            "question id -> scale value, label, or 'skip'; a list of choice ids for a checklist; "
            "a wish (as-is, a-little-more, much-more, less), which may be left out.",
        ),
    ] = None,
    export: Annotated[Path | None, EXPORT] = None,
    force: Annotated[bool, FORCE] = False,
    with_safety_answers: Annotated[bool, WITH_SAFETY_ANSWERS] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the report as JSON instead of the summary.")
    ] = False,
    plain: Annotated[bool, PLAIN] = False,
    private: Annotated[
        bool,
        typer.Option(
            "--private",
            help="Leave no trace on screen: the questions and the summary use the terminal's "
            "alternate screen, cleared when the run ends (q leaves at once). Nothing is kept "
            "or exported.",
        ),
    ] = False,
    country: Annotated[str | None, COUNTRY] = None,
    save: Annotated[
        bool | None,
        typer.Option(
            "--save/--no-save",
            help="Keep the result in your private history on this computer, or not, without "
            "being asked. Without either, you are asked (and never, without a terminal).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Answer the questions and get a reflective summary, with practices to try."""
    from intimacy_cli import pipeline

    pipeline.check(
        pipeline.CheckRequest(
            bank_name,
            focus,
            answers_file,
            export,
            force,
            with_safety_answers,
            as_json,
            plain,
            private,
            country,
            save,
        )
    )
