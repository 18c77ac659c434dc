"""Asking: turns a Bank into Answers at the keyboard.

`walk` is the question-by-question logic (progress, skip, going back), written against a plain
`Asker` function so it is tested without a terminal. `KeyboardAsker` is the questionary-backed
asker; questionary is imported only here, and only when someone is really asked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from intimacy_cli.bank import Bank, Question, fill
from intimacy_cli.scoring import Answer

if TYPE_CHECKING:
    import questionary

SKIP = "skip"
BACK = "back"
SKIP_TITLE = "Skip (prefer not to say)"
BACK_TITLE = "Back"
FOCUS_QUESTION = "Who would you like to reflect on?"
FOCUS_TITLES = {
    "partner": "My partner",
    "family": "My family",
    "friends": "My friends",
    "everyone": "The people close to me, in general",
}


@dataclass(frozen=True)
class Step:
    """One question as the person sees it."""

    question: Question
    text: str  # with the focus filled in
    number: int  # 1-based
    total: int
    previous: Answer | str | None  # the earlier answer when coming back, else None
    can_go_back: bool


# Shows a Step and returns a scale value, SKIP or BACK.
Asker = Callable[[Bank, Step], "int | str"]


def walk(bank: Bank, focus: str, ask: Asker) -> dict[str, Answer]:
    """Ask every question in order; BACK returns to the previous one with its answer kept."""
    answers: dict[str, Answer] = {}
    index = 0
    total = len(bank.questions)
    while index < total:
        question = bank.questions[index]
        previous: Answer | str | None = None
        if question.id in answers:
            previous = SKIP if answers[question.id] is None else answers[question.id]
        step = Step(question, fill(question.text, focus), index + 1, total, previous, index > 0)
        choice = ask(bank, step)
        if choice == BACK:
            index -= 1
            continue
        answers[question.id] = None if choice == SKIP else int(choice)
        index += 1
    return {question.id: answers[question.id] for question in bank.questions}


class KeyboardAsker:
    """questionary prompts drawn on `output` (the terminal, even when stdout is redirected)."""

    def __init__(self, screen: TextIO | None) -> None:
        """`screen` is the stream to draw on; None keeps prompt_toolkit's session default."""
        # Imported here: prompt_toolkit and questionary are most of our start-up time.
        from prompt_toolkit.output import create_output

        self.output = create_output(stdout=screen) if screen is not None else None

    def focus(self) -> str:
        import questionary

        choices = [
            questionary.Choice(title, value=focus, shortcut_key=str(number))
            for number, (focus, title) in enumerate(FOCUS_TITLES.items(), start=1)
        ]
        focus: str = self._ask(
            questionary.select(
                FOCUS_QUESTION, choices=choices, use_shortcuts=True, output=self.output
            )
        )
        return focus

    def __call__(self, bank: Bank, step: Step) -> int | str:
        import questionary

        choices = [
            questionary.Choice(point.label, value=point.value, shortcut_key=str(number))
            for number, point in enumerate(bank.scale, start=1)
        ]
        choices.append(questionary.Choice(SKIP_TITLE, value=SKIP, shortcut_key="s"))
        if step.can_go_back:
            choices.append(questionary.Choice(BACK_TITLE, value=BACK, shortcut_key="b"))
        question = questionary.select(
            f"{step.number} of {step.total} · {step.text}",
            choices=choices,
            default=next((c for c in choices if c.value == step.previous), None),
            use_shortcuts=True,
            instruction=_instruction(step),
            output=self.output,
        )
        answer: int | str = self._ask(question)
        return answer

    @staticmethod
    def _ask(question: questionary.Question) -> Any:
        # unsafe_ask: plain ask() swallows Ctrl-C and returns None; we want the interrupt.
        return question.unsafe_ask()


def _instruction(step: Step) -> str:
    if step.question.help:
        return f"({step.question.help})"
    # The how-to once, on the first question; after that it is only noise.
    return "(arrow keys or number keys, then Enter)" if step.number == 1 else " "
