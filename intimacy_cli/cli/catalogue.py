"""The catalogue of what ships and what is the person's own: question sets (`banks`,
`validate`, `schema`) and support lines (`resources`)."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from intimacy_cli.cli.options import COUNTRY
from intimacy_cli.errors import InputError
from intimacy_cli.runtime import ExitCode
from intimacy_cli.screen import fitted
from intimacy_cli.streams import count, handled_errors, result_line


def banks() -> None:
    """List the question sets: the shipped ones and your own (from your question folder)."""
    from intimacy_cli import catalog, safetext

    with handled_errors():
        found, problems = catalog.everything()
        rows: list[tuple[str, ...]] = [("ID", "QUESTIONS", "FROM", "TITLE")]
        for b in found:
            origin = "shipped" if b.shipped else b.source
            values = (b.id, str(len(b.questions)), origin, b.title)
            rows.append(tuple(safetext.clean(value) for value in values))
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
            sys.stdout.write("  ".join([*cells, row[3]]) + "\n")
        sys.stdout.write("\n")
        result_line(f"Your own question files go in {catalog.user_folder()}")
        if problems:
            raise InputError(problems)


def validate(
    paths: Annotated[
        list[Path], typer.Argument(metavar="PATH...", help="Question files to check.")
    ],
) -> None:
    """Check question files and list every problem as file:line: message."""
    from intimacy_cli import bank as bank_files
    from intimacy_cli.errors import BankError

    with handled_errors():
        invalid = 0
        for path in paths:
            try:
                loaded = bank_files.load_path(path)
            except BankError as error:
                invalid += 1
                for problem in error.problems:
                    result_line(str(problem))
                continue
            questions, areas = count(loaded.questions, "question"), count(loaded.areas, "area")
            result_line(f"{path}: valid: '{loaded.id}', {questions} in {areas}")
        if invalid:
            raise typer.Exit(ExitCode.USAGE)


def schema() -> None:
    """Print the JSON Schema of question files, for your editor."""
    sys.stdout.write(
        (Path(__file__).parent.parent / "data" / "bank.schema.json").read_text("utf-8")
    )


def resources(country: Annotated[str | None, COUNTRY] = None) -> None:
    """Crisis and support lines for your country, each with its source."""
    from intimacy_cli import helplines
    from intimacy_cli.layout import helpline

    with handled_errors(country):
        code = helplines.country_code(country)
        place = helplines.for_country(code)
        where = f"{place.name} ({code})" if place.code else f"{code}: we have no lines for it yet"
        sys.stdout.write(fitted(sys.stdout, f"Crisis and support lines for {where}") + "\n")
        for line in place.safety_first:
            sys.stdout.write(f"\n{fitted(sys.stdout, helpline(line.name, line.how))}\n")
            source = f"source: {line.source} (checked {line.checked})"
            sys.stdout.write(f"{fitted(sys.stdout, source, indent='  ')}\n")
        if place.code:
            sys.stdout.write(f"\n{fitted(sys.stdout, 'Anywhere else: see findahelpline.com')}\n")
        sys.stdout.write(f"\n{fitted(sys.stdout, place.footer)}\n")
