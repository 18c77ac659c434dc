"""Answers from a file (`--answers FILE`, or `-` for stdin) instead of from the keyboard.

The file is a YAML or JSON mapping from question id to a scale value (an integer), an exact
scale label, or `skip`; for a choose-any question, a list of choice ids (`[]` for none).
Every problem is collected, so one run names all of them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from intimacy_cli import safetext, yamlsafe
from intimacy_cli.bank import Bank, Question, parse_document
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
    for question in bank.questions:
        node = root.value.get(question.id)
        if node is None:
            continue
        try:
            answers[question.id] = _answer(node, bank, question)
        except ValueError as error:
            problems.append(Problem(source, node.line, f"{question.id}: {error}"))
    if problems:
        raise AnswersError(sorted(problems, key=lambda problem: problem.line))
    return answers


def _answer(node: Node, bank: Bank, question: Question) -> Answer:
    if _is_skip(node):
        return None
    if question.kind == "choose-any":
        return _choices(node, question)
    value = node.value
    if isinstance(value, int) and not isinstance(value, bool):
        if any(point.value == value for point in bank.scale):
            return value
    elif isinstance(value, str) and not node.surprise:
        wanted = safetext.clean(value).casefold()
        for point in bank.scale:
            if point.label.casefold() == wanted:
                return point.value
    values = ", ".join(str(point.value) for point in bank.scale)
    raise ValueError(
        f"'{_shown(node)}' is not an answer here (use one of {values}, a label such as "
        f"'{bank.scale[-1].label}', or '{SKIP_WORD}')"
    )


def _choices(node: Node, question: Question) -> tuple[str, ...]:
    """A choose-any answer: a list of choice ids, maybe empty."""
    ids = [choice.id for choice in question.choices]
    if not isinstance(node.value, list):
        raise ValueError(
            f"'{_shown(node)}' is not an answer here (use a list of choice ids such as "
            f"[{ids[0]}], [] for none of them, or '{SKIP_WORD}')"
        )
    picked = [str(item.value) for item in node.value]
    unknown = [item for item in picked if item not in ids]
    if unknown:
        raise ValueError(f"unknown choice(s): {_names(unknown)} (choose from: {_names(ids, 20)})")
    return tuple(choice_id for choice_id in ids if choice_id in picked)


def _is_skip(node: Node) -> bool:
    return isinstance(node.value, str) and safetext.clean(node.value).casefold() == SKIP_WORD


def _shown(node: Node) -> str:
    return safetext.clean(str(node.value))[:40]


def _names(ids: list[str], shown: int = 5) -> str:
    names = ", ".join(safetext.clean(name)[:40] for name in ids[:shown])
    return names + (f" and {len(ids) - shown} more" if len(ids) > shown else "")
