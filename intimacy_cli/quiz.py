"""Asking: turns a Bank into Answers at the keyboard.

`walk` is the question-by-question logic (progress, skip, going back), written against a plain
`Asker` function so it is tested without a terminal. Two askers draw the questions:
`KeyboardAsker` (questionary, arrow keys; imported only when someone is really asked) and
`PlainAsker` (numbered prompts and typed answers, for TERM=dumb, --plain and screen readers).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from intimacy_cli.errors import InputError
from intimacy_cli.focus import FOCUSES, fill
from intimacy_cli.screen import paragraph, screen
from intimacy_cli.wrapping import wrap

if TYPE_CHECKING:
    import questionary

    from intimacy_cli.bank import Answer, Bank, Question

BEFORE_YOU_START = "This is for reflection, not a diagnosis. Your answers stay on this computer."
SKIP = "skip"
BACK = "back"
SKIP_TITLE = "Skip (prefer not to say)"
BACK_TITLE = "Back"
FOCUS_QUESTION = "Who would you like to reflect on?"
QUICK_EXIT_HINT = "q leaves at once, leaving nothing on screen"

# What an asker returns: a scale value, the chosen ids of a choose-any question, a wish id
# (a key of bank.WISHES), SKIP or BACK.
Reply = int | tuple[str, ...] | str


@dataclass(frozen=True)
class Step:
    """One question as the person sees it."""

    question: Question
    text: str  # with the focus filled in
    number: int  # 1-based
    total: int
    previous: Reply | None  # the earlier answer when coming back (SKIP if skipped), else None
    can_go_back: bool


Asker = Callable[["Bank", Step], Reply]


class Interviewer(Protocol):
    """An asker that can also ask who the questions are about."""

    def focus(self) -> str: ...

    def confirm(self, question: str) -> bool:
        """A yes/no question whose answer is No unless the person says yes."""
        ...

    def __call__(self, bank: Bank, step: Step) -> Reply: ...


def plain_wanted(asked: bool) -> bool:
    """Plain questions and summary: asked for (--plain), or a terminal that cannot draw menus."""
    return asked or os.environ.get("TERM") == "dumb"


def interviewer(plain: bool, quick_exit: bool = False) -> Interviewer:
    """Who asks the questions on this terminal; an InputError when there is no one to ask.
    With `quick_exit`, q at any question leaves at once (as Ctrl-C does), and each question
    says so."""
    # prompt_toolkit needs a real terminal; piped or /dev/null stdin would fail or hang.
    if not sys.stdin.isatty():
        raise InputError.single(
            "stdin",
            "is not a terminal, so there is no one to ask: use --answers FILE (or --answers - "
            "to read answers from stdin)",
        )
    terminal = screen()
    return PlainAsker(terminal, sys.stdin) if plain else KeyboardAsker(terminal, quick_exit)


def asker_if_present(plain: bool) -> Interviewer | None:
    """Someone to ask a yes/no question of, when a person is at the terminal: a run answered
    from a file still asks before writing what could show a safety concern."""
    return interviewer(plain) if sys.stdin.isatty() else None


def ask_focus(asker: Interviewer) -> str:
    """The first question of a run: who the questions are about (after a word on what this is)."""
    terminal = screen()
    paragraph(terminal, BEFORE_YOU_START)
    focus = asker.focus()
    terminal.write("\n")  # a breath before the set's introduction
    return focus


def walk(
    bank: Bank, focus: str, ask: Asker, on_first_answer: Callable[[], None] | None = None
) -> dict[str, Answer]:
    """Ask every question in order; BACK returns to the previous one with its answer kept."""
    from intimacy_cli.bank import WISHES

    answers: dict[str, Answer] = {}
    index = 0
    questions = bank.asked(focus)
    total = len(questions)
    while index < total:
        question = questions[index]
        previous: Reply | None = None
        if question.id in answers:
            earlier = answers[question.id]
            previous = SKIP if earlier is None else earlier
        step = Step(question, fill(question.text, focus), index + 1, total, previous, index > 0)
        reply = ask(bank, step)
        if on_first_answer is not None:
            on_first_answer()
            on_first_answer = None
        if reply == BACK:
            index = max(index - 1, 0)  # the first question has nowhere to go back to
            continue
        if reply == SKIP:
            answers[question.id] = None
        elif isinstance(reply, str) and not (question.kind == "wish" and reply in WISHES):
            raise ValueError(f"an asker replied {reply!r}")
        else:
            answers[question.id] = reply
        index += 1
    return {question.id: answers[question.id] for question in questions}


class KeyboardAsker:
    """questionary prompts drawn on `screen` (the terminal, even when stdout is redirected)."""

    def __init__(self, screen: TextIO | None, quick_exit: bool = False) -> None:
        """`screen` is the stream to draw on; None keeps prompt_toolkit's session default.
        With `quick_exit`, q leaves at once, and every question says so."""
        # Imported here: prompt_toolkit and questionary are most of our start-up time.
        from prompt_toolkit.output import create_output

        self.output = create_output(stdout=screen) if screen is not None else None
        self.quick_exit = quick_exit

    def focus(self) -> str:
        import questionary

        choices = [
            questionary.Choice(words["title"], value=focus, shortcut_key=str(number))
            for number, (focus, words) in enumerate(FOCUSES.items(), start=1)
        ]
        instruction = self._how("arrow keys or number keys, then Enter", first=True)
        question = questionary.select(
            self._fitted(FOCUS_QUESTION, [instruction, *(w["title"] for w in FOCUSES.values())]),
            choices=choices,
            use_shortcuts=True,
            instruction=instruction,
            output=self.output,
        )
        focus: str = self._ask(question)
        return focus

    def confirm(self, question: str) -> bool:
        import questionary

        message = self._fitted(question, ["(y/N) Yes"])
        return bool(self._ask(questionary.confirm(message, default=False, output=self.output)))

    def __call__(self, bank: Bank, step: Step) -> Reply:
        import questionary

        message = f"{step.number} of {step.total} · {step.text}"
        if step.question.kind == "choose-any":
            return self._choose_any(message, step)
        choices = [
            questionary.Choice(title, value=value, shortcut_key=str(number))
            for number, (value, title) in enumerate(_options(bank, step.question), start=1)
        ]
        choices += self._skip_and_back(step, shortcuts=True)
        instruction = self._instruction(step, "arrow keys or number keys, then Enter")
        answers = [str(choice.title) for choice in choices]
        question = questionary.select(
            self._fitted(message, [instruction, *answers]),
            choices=choices,
            default=next((c for c in choices if c.value == step.previous), None),
            use_shortcuts=True,
            instruction=instruction,
            output=self.output,
        )
        reply: Reply = self._ask(question)
        return reply

    def _choose_any(self, message: str, step: Step) -> Reply:
        import questionary

        before = step.previous if isinstance(step.previous, tuple) else ()
        choices: list[questionary.Choice | questionary.Separator] = [
            questionary.Choice(choice.label, value=choice.id, checked=choice.id in before)
            for choice in step.question.choices
        ]
        choices.append(questionary.Separator())
        choices += self._skip_and_back(step, shortcuts=False)
        instruction = self._instruction(step, "Space to tick, Enter when done")
        # What questionary shows once answered: "[label]" for one tick, else "done (n selections)".
        answers = [f"[{choice.label}]" for choice in step.question.choices]
        question = questionary.checkbox(
            self._fitted(message, [instruction, "done (20 selections)", *answers]),
            choices=choices,
            instruction=instruction,
            output=self.output,
        )
        picked: list[str] = self._ask(question)
        for special in (BACK, SKIP):
            if special in picked:
                return special
        return tuple(picked)

    def _fitted(self, message: str, tails: Iterable[str]) -> str:
        """`message` fitted to the terminal it is drawn on, with room for the longest of
        `tails`, what questionary may write after it (see `fit`)."""
        from prompt_toolkit.application.current import get_app_session

        output = self.output or get_app_session().output
        return fit(message, max(map(len, tails)), output.get_size().columns)

    def _ask(self, question: questionary.Question) -> Any:
        from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

        # Ctrl-D (end of input) stops the run like Ctrl-C; questionary alone would ignore it.
        extra = KeyBindings()
        extra.add("c-d", eager=True)(lambda event: event.app.exit(exception=EOFError))
        if self.quick_exit:
            extra.add("q", eager=True)(lambda event: event.app.exit(exception=KeyboardInterrupt))
        application = question.application
        application.key_bindings = merge_key_bindings(
            [application.key_bindings or KeyBindings(), extra]
        )
        # unsafe_ask: plain ask() swallows Ctrl-C and returns None; we want the interrupt.
        return question.unsafe_ask()

    def _instruction(self, step: Step, how: str) -> str:
        if step.question.help:
            return self._how(step.question.help, first=True)
        # The how-to once, on the first question of its kind; after that it is only noise.
        first_of_kind = step.number == 1 or step.question.kind == "choose-any"
        return self._how(how, first_of_kind)

    def _how(self, how: str, first: bool) -> str:
        parts = [how] if first else []
        if self.quick_exit:
            parts.append(QUICK_EXIT_HINT)
        return f"({'; '.join(parts)})" if parts else " "

    @staticmethod
    def _skip_and_back(step: Step, shortcuts: bool) -> list[questionary.Choice]:
        import questionary

        choices = [
            questionary.Choice(SKIP_TITLE, value=SKIP, shortcut_key="s" if shortcuts else True)
        ]
        if step.can_go_back:
            choices.append(
                questionary.Choice(BACK_TITLE, value=BACK, shortcut_key="b" if shortcuts else True)
            )
        return choices


def fit(message: str, tail: int, columns: int) -> str:
    """A question broken between words for a terminal `columns` wide (prompt_toolkit alone
    breaks lines inside words), its later lines indented under the text that follows
    questionary's "? ". `tail` is the width of the longest thing questionary writes after the
    question (the how-to, or the answer): when that would not fit on the last line, it gets a
    line of its own."""
    width = max(columns - 1, 10)  # not the last column, where some terminals wrap by themselves
    lines = wrap(message, width - 2) or [""]
    fitted = "\n  ".join(lines)
    if 2 + len(lines[-1]) + 1 + tail > width:
        fitted += "\n "  # questionary adds a space of its own, so the tail is indented by 2
    return fitted


def _options(bank: Bank, question: Question) -> list[tuple[int | str, str]]:
    """The answers a scale or wish question offers: (value, words)."""
    if question.kind == "wish":
        from intimacy_cli.bank import WISHES

        return list(WISHES.items())
    return [(point.value, point.label) for point in bank.scale]


def _number(typed: str, most: int) -> bool:
    """Whether `typed` is one of 1 to `most`, in plain digits (not "²" or "①", which
    str.isdigit accepts and int() refuses)."""
    return re.fullmatch(r"[0-9]{1,3}", typed) is not None and 1 <= int(typed) <= most


class PlainAsker:
    """Numbered questions and typed answers: no cursor movement, nothing redrawn. For TERM=dumb,
    --plain, and screen readers. Reads lines from `keyboard`, writes to `screen`."""

    def __init__(self, screen: TextIO, keyboard: TextIO) -> None:
        self.screen = screen
        self.keyboard = keyboard
        self._asked = False  # the first question follows a paragraph and its blank line

    def focus(self) -> str:
        self._say(FOCUS_QUESTION)
        for number, words in enumerate(FOCUSES.values(), start=1):
            self._say(f"  {number} {words['title']}")
        while True:
            typed = self._read(f"Type 1-{len(FOCUSES)}: ")
            if _number(typed, len(FOCUSES)):
                return list(FOCUSES)[int(typed) - 1]
            self._say(f"Please type a number from 1 to {len(FOCUSES)}.")

    def confirm(self, question: str) -> bool:
        self._say(question)
        while True:
            typed = self._read("Type y for yes or n for no (Enter: no): ").lower()
            if typed in ("", "n", "no"):
                return False
            if typed in ("y", "yes"):
                return True

    def __call__(self, bank: Bank, step: Step) -> Reply:
        if self._asked:
            self._say("")
        self._asked = True
        self._say(f"{step.number} of {step.total}. {step.text}")
        if step.question.help:
            self._say(step.question.help)
        if step.question.kind == "choose-any":
            return self._choose_any(step)
        options = _options(bank, step.question)
        for number, (_, words) in enumerate(options, start=1):
            self._say(f"  {number} {words}")
        if step.previous is not None:
            self._say(f"Your earlier answer: {self._earlier(options, step)}")
        how = f"a number from 1 to {len(options)}, s to skip" + self._back(step)
        while True:
            typed = self._read(f"Type {how}: ").lower()
            if _number(typed, len(options)):
                return options[int(typed) - 1][0]
            if special := self._special(typed, step):
                return special
            self._say(f"Please type {how}.")

    def _choose_any(self, step: Step) -> Reply:
        choices = step.question.choices
        for number, choice in enumerate(choices, start=1):
            self._say(f"  {number} {choice.label}")
        if step.previous is not None:
            self._say(f"Your earlier answer: {self._earlier_ticks(step)}")
        # As the keyboard prompt does with its ticks, Enter keeps what was ticked before.
        earlier = step.previous if isinstance(step.previous, tuple) and step.previous else None
        enter = (
            "Enter alone keeps your earlier answer, 0 for none"
            if earlier
            else "Enter alone for none"
        )
        how = f"the numbers that apply (like 1 3), {enter}, s to skip" + self._back(step)
        while True:
            typed = self._read(f"Type {how}: ").lower()
            if special := self._special(typed, step):
                return special
            if earlier and typed.strip() in ("", "0"):
                return earlier if not typed.strip() else ()
            numbers = typed.replace(",", " ").split()
            if all(_number(n, len(choices)) for n in numbers):
                picked = {choices[int(n) - 1].id for n in numbers}
                return tuple(choice.id for choice in choices if choice.id in picked)
            self._say(f"Please type {how}.")

    @staticmethod
    def _back(step: Step) -> str:
        return ", b to go back" if step.can_go_back else ""

    @staticmethod
    def _special(typed: str, step: Step) -> str | None:
        if typed == "s":
            return SKIP
        if typed == "b" and step.can_go_back:
            return BACK
        return None

    @staticmethod
    def _earlier(options: list[tuple[int | str, str]], step: Step) -> str:
        if step.previous == SKIP:
            return SKIP_TITLE
        return next(words for value, words in options if value == step.previous)

    @staticmethod
    def _earlier_ticks(step: Step) -> str:
        if step.previous == SKIP:
            return SKIP_TITLE
        ticked = step.previous if isinstance(step.previous, tuple) else ()
        numbers = [str(n) for n, c in enumerate(step.question.choices, start=1) if c.id in ticked]
        return " ".join(numbers) if numbers else "none of them"

    def _say(self, text: str) -> None:
        self.screen.write(text + "\n")

    def _read(self, prompt: str) -> str:
        self.screen.write(prompt)
        self.screen.flush()
        line = self.keyboard.readline()
        if not line:  # the keyboard was closed (Ctrl-D): stop, as with Ctrl-C
            raise EOFError
        return line.strip()
