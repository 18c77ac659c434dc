"""Answers from a file (`--answers FILE`, or `-` for stdin) instead of from the keyboard.

The file is a YAML or JSON mapping from question id to a scale value (an integer), an exact
scale label, or `skip`. Every problem is collected, so one run names all of them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from intimacy_cli import safetext, yamlsafe
from intimacy_cli.bank import Bank, parse_document
from intimacy_cli.errors import AnswersError, Problem
from intimacy_cli.scoring import Answer
from intimacy_cli.yamlsafe import Node

MAX_ANSWERS_BYTES = 1024 * 1024
SKIP_WORD = "skip"


def read(spec: str, bank: Bank) -> dict[str, Answer]:
    source = "<stdin>" if spec == "-" else spec
    try:
        if spec == "-":
            data = sys.stdin.buffer.read(MAX_ANSWERS_BYTES + 1)
        else:
            with Path(spec).open("rb") as file:
                data = file.read(MAX_ANSWERS_BYTES + 1)
        root = parse_document(data, source, MAX_ANSWERS_BYTES)
    except OSError as error:
        raise AnswersError.single(source, f"cannot read the file: {error.strerror}") from None
    except yamlsafe.YamlError as error:
        raise AnswersError([Problem(source, error.line, error.message)]) from None
    return parse(root, bank, source)


def parse(root: Node, bank: Bank, source: str) -> dict[str, Answer]:
    if not isinstance(root.value, dict):
        raise AnswersError(
            [
                Problem(
                    source, root.line, "the answers must be 'question-id: answer' lines (a mapping)"
                )
            ]
        )
    problems: list[Problem] = []
    known = {question.id for question in bank.questions}
    unknown = [key for key in root.value if key not in known]
    if unknown:
        problems.append(
            Problem(
                source, root.value[unknown[0]].line, f"unknown question id(s): {_names(unknown)}"
            )
        )
    missing = [question.id for question in bank.questions if question.id not in root.value]
    if missing:
        problems.append(
            Problem(
                source,
                0,
                f"no answer for: {_names(missing)} (write '{SKIP_WORD}' to leave one out)",
            )
        )
    answers: dict[str, Answer] = {}
    for question_id in known & root.value.keys():
        node = root.value[question_id]
        try:
            answers[question_id] = _answer(node, bank)
        except ValueError as error:
            problems.append(Problem(source, node.line, f"{question_id}: {error}"))
    if problems:
        raise AnswersError(sorted(problems, key=lambda problem: problem.line))
    return {question.id: answers[question.id] for question in bank.questions}


def _answer(node: Node, bank: Bank) -> Answer:
    value = node.value
    if isinstance(value, int) and not isinstance(value, bool):
        if any(point.value == value for point in bank.scale):
            return value
    elif isinstance(value, str) and not node.surprise:
        wanted = safetext.clean(value).casefold()
        if wanted == SKIP_WORD:
            return None
        for point in bank.scale:
            if point.label.casefold() == wanted:
                return point.value
    values = ", ".join(str(point.value) for point in bank.scale)
    shown = safetext.clean(str(value))[:40]
    raise ValueError(
        f"'{shown}' is not an answer here (use one of {values}, a label such as "
        f"'{bank.scale[-1].label}', or '{SKIP_WORD}')"
    )


def _names(ids: list[str], shown: int = 5) -> str:
    names = ", ".join(safetext.clean(name)[:40] for name in ids[:shown])
    return names + (f" and {len(ids) - shown} more" if len(ids) > shown else "")
