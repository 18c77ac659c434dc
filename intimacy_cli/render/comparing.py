"""A comparison of two results, in every format `compare --export` takes."""

from __future__ import annotations

import json
from collections.abc import Callable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from intimacy_cli.comparison import Comparison
from intimacy_cli.render import picture
from intimacy_cli.render.terminal import bullets, held
from intimacy_cli.wrapping import wrap

ALIKE_HEADING = "Where you see things most alike"
DIFFER_HEADING = "Where you see things most differently"
STARTERS_HEADING = "Conversation starters"


def _score(score: int | None) -> str:
    return "-" if score is None else str(score)


def _difference(difference: int | None) -> str:
    return "-" if difference is None else str(difference)


def _sections(c: Comparison) -> list[tuple[str, tuple[str, ...]]]:
    differ = c.differ_most or ("No area stands far apart.",)
    return [(ALIKE_HEADING, c.most_alike), (DIFFER_HEADING, differ), (STARTERS_HEADING, c.starters)]


def text(c: Comparison) -> str:
    width = max(len(row.area) for row in c.rows)
    lines = [f"{c.title}: {c.first.label} and {c.second.label}", ""]
    lines.append(f"{'':{width}}  {c.first.label:>14}  {c.second.label:>14}  difference")
    for row in c.rows:
        lines.append(
            f"{row.area:{width}}  {_score(row.first):>14}  {_score(row.second):>14}  "
            f"{_difference(row.difference)}"
        )
    for heading, items in _sections(c):
        if items:
            lines += ["", heading.upper()]
            lines += [line for item in items for line in wrap(item, 72, "  - ", "    ")]
    for paragraph in (c.note, c.disclaimer, c.crisis):
        lines += ["", *wrap(paragraph, 72)]
    return "\n".join(lines) + "\n"


def markdown(c: Comparison) -> str:
    from intimacy_cli.render.markdown import escape

    lines = [
        f"# {escape(c.title)}: {escape(c.first.label)} and {escape(c.second.label)}",
        "",
        f"| Area | {escape(c.first.label)} | {escape(c.second.label)} | Difference |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {escape(row.area)} | {_score(row.first)} | {_score(row.second)} | "
        f"{_difference(row.difference)} |"
        for row in c.rows
    ]
    for heading, items in _sections(c):
        if items:
            lines += ["", f"## {heading}", "", *(f"- {escape(item)}" for item in items)]
    lines += [
        "",
        escape(c.note),
        "",
        "---",
        "",
        f"*{escape(c.disclaimer)}*",
        "",
        f"**{escape(c.crisis)}**",
    ]
    return "\n".join(lines) + "\n"


def as_json(c: Comparison) -> str:
    sides = [
        {
            "label": side.label,
            "focus": side.focus,
            "created": side.created.isoformat(timespec="seconds"),
        }
        for side in (c.first, c.second)
    ]
    data = {
        "format": "intimacy-comparison",
        "format_version": 1,
        "bank": {"id": c.first.bank_id, "version": c.first.bank_version, "title": c.title},
        "results": sides,
        "areas": [
            {"area": row.area, "scores": [row.first, row.second], "difference": row.difference}
            for row in c.rows
        ],
        "most_alike": list(c.most_alike),
        "differ_most": list(c.differ_most),
        "conversation_starters": list(c.starters),
        "note": c.note,
        "disclaimer": c.disclaimer,
        "crisis": c.crisis,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def terminal(c: Comparison, console: Console) -> None:
    console.print(Text(f"{c.title}: {c.first.label} and {c.second.label}", style="bold"))
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("Area")
    for heading in (c.first.label, c.second.label, "Difference"):
        table.add_column(Text(heading), justify="right")
    for row in c.rows:
        table.add_row(
            Text(row.area), _score(row.first), _score(row.second), _difference(row.difference)
        )
    console.print()
    console.print(table)
    for heading, items in _sections(c):
        if items:
            console.print()
            console.print(Text(heading, style="bold"))
            console.print(bullets([Text(item) for item in items], "-"))
    console.print()
    console.print(Text(c.note))
    console.print()
    console.print(Text(c.disclaimer, style="dim"))
    console.print(held(c.crisis, console.width, "bold"))


EXPORTS: dict[str, Callable[[Comparison], str]] = {
    ".txt": text,
    ".md": markdown,
    ".json": as_json,
    ".html": lambda c: picture.recorded(lambda console: terminal(c, console)).export_html(),
    ".svg": lambda c: picture.recorded(lambda console: terminal(c, console)).export_svg(
        title=c.title
    ),
}
