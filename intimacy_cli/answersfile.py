"""Answers from a file (`--answers FILE`, or `-` for stdin) instead of from the keyboard.

The file is a YAML or JSON mapping from question id to a scale value (an integer), an exact
scale label, or `skip`; for a choose-any question, a list of choice ids (`[]` for none); for a
wish question, a wish (`as-is`, `a-little-more`, `much-more`, `less`, or its words), which may
be left out: the summary then says that it was not said, rather than assume. Only the
questions asked with the chosen focus are answered. Every problem is collected, so one run
names all of them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from intimacy_cli import safetext, yamlsafe
from intimacy_cli.bank import WISHES, Answer, Bank, Question, parse_document, shown
from intimacy_cli.errors import AnswersError, Problem
from intimacy_cli.yamlsafe import Node

MAX_ANSWERS_BYTES = 1024 * 1024
SKIP_WORD = "skip"


def read(spec: str, bank: Bank, focus: str) -> dict[str, Answer]:
    source = "<stdin>" if spec == "-" else spec
    try:
        if spec == "-":
            data = sys.stdin.buffer.read(MAX_ANSWERS_BYTES + 1)
        else:
            from intimacy_cli.files import read_regular

            data = read_regular(Path(spec), MAX_ANSWERS_BYTES)
        root = parse_document(data, source, MAX_ANSWERS_BYTES)
    except OSError as error:
        raise AnswersError.single(source, f"cannot read the file: {error.strerror}") from None
    except yamlsafe.YamlError as error:
        raise AnswersError([Problem(source, error.line, error.message)]) from None
    return parse(root, bank, focus, source)


def parse(root: Node, bank: Bank, focus: str, source: str) -> dict[str, Answer]:
    if not isinstance(root.value, dict):
        raise AnswersError(
            [
                Problem(
                    source, root.line, "the answers must be 'question-id: answer' lines (a mapping)"
                )
            ]
        )
    problems: list[Problem] = []
    asked = bank.asked(focus)
    known = {question.id for question in asked}
    unknown = [key for key in root.value if key not in known]
    other_foci = {q.id for q in bank.questions} - known
    if unknown:
        line = root.value[unknown[0]].line
        if set(unknown) <= other_foci:
            problems.append(
                Problem(source, line, f"not asked with --for {focus}: {_names(unknown)}")
            )
        else:
            problems.append(Problem(source, line, f"unknown question id(s): {_names(unknown)}"))
    missing = [q.id for q in asked if q.id not in root.value and q.kind != "wish"]
    if missing:
        problems.append(
            Problem(
                source,
                0,
                f"no answer for: {_names(missing)} (write '{SKIP_WORD}' to leave one out)",
            )
        )
    answers: dict[str, Answer] = {}
    for question in asked:
        node = root.value.get(question.id)
        if node is None:
            if question.kind == "wish":
                answers[question.id] = None  # not said: the summary says so
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
    if question.kind == "wish":
        return _wish(node)
    value = node.value
    if isinstance(value, int) and not isinstance(value, bool):
        if any(point.value == value for point in bank.scale):
            return value
    elif isinstance(value, str) and not node.surprise:
        wanted = safetext.clean(value).casefold()
        for point in bank.scale:
            # A label, or a value written as text ('4', as some tools quote every value).
            if wanted in (point.label.casefold(), str(point.value)):
                return point.value
    values = ", ".join(str(point.value) for point in bank.scale)
    raise ValueError(
        f"'{shown(node)}' is not an answer here (use one of {values}, a label such as "
        f"'{bank.scale[-1].label}', or '{SKIP_WORD}')"
    )


def _choices(node: Node, question: Question) -> tuple[str, ...]:
    """A choose-any answer: a list of choice ids, maybe empty."""
    ids = [choice.id for choice in question.choices]
    if not isinstance(node.value, list):
        raise ValueError(
            f"'{shown(node)}' is not an answer here (use a list of choice ids such as "
            f"[{ids[0]}], [] for none of them, or '{SKIP_WORD}')"
        )
    picked = [str(item.value) for item in node.value]
    unknown = [item for item in picked if item not in ids]
    if unknown:
        raise ValueError(f"unknown choice(s): {_names(unknown)} (choose from: {_names(ids, 20)})")
    return tuple(choice_id for choice_id in ids if choice_id in picked)


def _wish(node: Node) -> str:
    if isinstance(node.value, str) and not node.surprise:
        wanted = safetext.clean(node.value).casefold()
        for wish, words in WISHES.items():
            if wanted in (wish, words.casefold()):
                return wish
    raise ValueError(
        f"'{shown(node)}' is not a wish (use one of {', '.join(WISHES)}, or '{SKIP_WORD}')"
    )


def _is_skip(node: Node) -> bool:
    """`skip`, or no value at all (`null`, as a JSON export writes a skipped answer)."""
    if node.value is None:
        return True
    return isinstance(node.value, str) and safetext.clean(node.value).casefold() == SKIP_WORD


def _names(ids: list[str], shown: int = 5) -> str:
    names = ", ".join(safetext.clean(name)[:40] for name in ids[:shown])
    return names + (f" and {len(ids) - shown} more" if len(ids) > shown else "")
