"""The question bank: a validated, immutable model of one question file.

Loading is the only place that reads question files. Every problem becomes a `Problem`
naming the file, the line and what is wrong, in words a content writer understands; all the
problems in a file are collected, not just the first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from intimacy_cli import safetext
from intimacy_cli.errors import BankError, Problem
from intimacy_cli.focus import PLACEHOLDER, PLACEHOLDERS

if TYPE_CHECKING:
    from intimacy_cli.yamlsafe import Node

MAX_BANK_BYTES = 8 * 1024 * 1024
MAX_SCALE_POINTS = 9  # so that every point has a number key
SHORT_TEXT = 300  # ids, names, labels, question text
LONG_TEXT = 2000  # intro, reflections, practices, headlines

Band = Literal["low", "middle", "high"]
BANDS: tuple[Band, ...] = ("low", "middle", "high")
QuestionKind = Literal["scale", "choose-any"]
KINDS: tuple[QuestionKind, ...] = ("scale", "choose-any")
MAX_CHOICES = 20

_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
BANK_KEYS = ("id", "title", "version", "intro", "scale", "bands", "headlines", "areas", "questions")
OPTIONAL_BANK_KEYS = ("closing",)


@dataclass(frozen=True)
class ScalePoint:
    value: int
    label: str


@dataclass(frozen=True)
class Practice:
    text: str
    opens_up: bool  # asks the person to open up more; left out when safety comes first


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    reflections: dict[Band, str]
    practices: tuple[Practice, ...]


@dataclass(frozen=True)
class Choice:
    """One option of a choose-any question, with what it brings to the summary when chosen."""

    id: str
    label: str
    reflection: str
    practice: Practice


@dataclass(frozen=True)
class Question:
    id: str
    kind: QuestionKind
    text: str
    help: str | None
    area: str | None  # scale questions only
    reverse: bool
    concern: frozenset[int]  # scale values that signal a safety concern; empty for most
    choices: tuple[Choice, ...]  # choose-any questions only


@dataclass(frozen=True)
class Bank:
    id: str
    title: str
    version: int
    intro: str
    scale: tuple[ScalePoint, ...]
    low_below: int  # a score under this is "low"
    high_from: int  # a score from this up is "high"
    headlines: dict[Band, str]
    closing: str | None  # shown after the areas, e.g. how they are tied together
    areas: tuple[Area, ...]
    questions: tuple[Question, ...]
    source: str
    shipped: bool = False

    @property
    def scale_questions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.kind == "scale")

    def area(self, area_id: str) -> Area:
        return next(area for area in self.areas if area.id == area_id)


# ---------------------------------------------------------------- loading


def load_path(path: Path) -> Bank:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BANK_BYTES + 1)
    except OSError as error:
        raise BankError(
            [Problem(str(path), 0, f"cannot read the file: {error.strerror}")]
        ) from None
    return load_bytes(data, str(path))


def load_bytes(data: bytes, source: str) -> Bank:
    from intimacy_cli import yamlsafe

    try:
        root = parse_document(data, source, MAX_BANK_BYTES)
    except yamlsafe.YamlError as error:
        raise BankError([Problem(source, error.line, error.message)]) from None
    checker = _Checker(source)
    bank = checker.bank(root)
    if checker.problems or bank is None:
        raise BankError(sorted(checker.problems, key=lambda problem: problem.line))
    return bank


def parse_document(data: bytes, source: str, max_bytes: int) -> Node:
    """Size cap, strict UTF-8, then the safe YAML pass. Shared with the answers file."""
    from intimacy_cli import yamlsafe  # here: YAML is not needed to show the first question

    if len(data) > max_bytes:
        raise yamlsafe.YamlError(0, f"the file is larger than {max_bytes // 1024 // 1024} MiB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start]
        raise yamlsafe.YamlError(line, f"not UTF-8 text (byte 0x{byte:02x})") from None
    return yamlsafe.parse(text.removeprefix("\ufeff"))


# ---------------------------------------------------------------- checking

T = TypeVar("T")


class _Checker:
    """Reads Nodes into the model, noting every problem instead of stopping at the first."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.source, line, message))

    # -- the parts of a bank

    def bank(self, root: Node) -> Bank | None:
        fields = self.mapping(root, "the question file", BANK_KEYS, OPTIONAL_BANK_KEYS)
        if fields is None:
            return None
        bank_id = self.identifier(fields.get("id"), "'id'")
        title = self.text(fields.get("title"), "'title'", SHORT_TEXT)
        version = self.integer(fields.get("version"), "'version'", minimum=1)
        intro = self.text(fields.get("intro"), "'intro'", LONG_TEXT)
        closing = self.text(fields.get("closing"), "'closing'", LONG_TEXT)
        scale = self.scale(fields.get("scale"))
        bands = self.bands(fields.get("bands"))
        headlines = self.by_band(fields.get("headlines"), "'headlines'")
        areas = self.items(fields.get("areas"), "'areas'", self.area)
        questions = self.items(
            fields.get("questions"), "'questions'", lambda node: self.question(node, scale)
        )
        self.check_links(areas, questions)
        if self.problems:
            return None
        assert bank_id and title and version and intro and scale and bands and headlines
        assert areas is not None and questions is not None
        return Bank(
            id=bank_id,
            title=title,
            version=version,
            intro=intro,
            scale=tuple(scale),
            low_below=bands[0],
            high_from=bands[1],
            headlines=headlines,
            closing=closing,
            areas=tuple(area for area, _ in areas),
            questions=tuple(q for q, _ in questions),
            source=self.source,
        )

    def scale(self, node: Node | None) -> list[ScalePoint] | None:
        items = self.sequence(node, "'scale'", minimum=2, maximum=MAX_SCALE_POINTS)
        if items is None:
            return None
        points: list[ScalePoint] = []
        for item in items:
            fields = self.mapping(item, "a scale point", required=("value", "label"))
            if fields is None:
                continue
            value = self.integer(fields.get("value"), "a scale 'value'")
            label = self.text(fields.get("label"), "a scale 'label'", SHORT_TEXT)
            if value is None or label is None:
                continue
            if points and value <= points[-1].value:
                self.problem(
                    item.line, f"scale values must go up: {value} comes after {points[-1].value}"
                )
            if any(point.label.casefold() == label.casefold() for point in points):
                self.problem(item.line, f"the scale label '{label}' is used twice")
            points.append(ScalePoint(value, label))
        return points if len(points) == len(items) else None

    def bands(self, node: Node | None) -> tuple[int, int] | None:
        fields = self.mapping(node, "'bands'", required=("low", "high"))
        if fields is None:
            return None
        low = self.integer(fields["low"], "'bands: low'", minimum=1, maximum=99)
        high = self.integer(fields["high"], "'bands: high'", minimum=1, maximum=100)
        if low is None or high is None:
            return None
        if low >= high:
            self.problem(fields["high"].line, f"'bands: high' ({high}) must be above 'low' ({low})")
            return None
        return low, high

    def by_band(self, node: Node | None, what: str) -> dict[Band, str] | None:
        fields = self.mapping(node, what, required=BANDS)
        if fields is None:
            return None
        texts = {band: self.text(fields[band], f"'{band}' in {what}", LONG_TEXT) for band in BANDS}
        if any(text is None for text in texts.values()):
            return None
        return {band: text for band, text in texts.items() if text is not None}

    def area(self, node: Node) -> Area | None:
        fields = self.mapping(node, "an area", required=("id", "name", "reflections", "practices"))
        if fields is None:
            return None
        area_id = self.identifier(fields["id"], "an area 'id'")
        what = f"area '{area_id}'"
        name = self.text(fields["name"], f"the 'name' of {what}", SHORT_TEXT)
        reflections = self.by_band(fields["reflections"], f"the 'reflections' of {what}")
        practice_nodes = self.sequence(fields["practices"], f"the 'practices' of {what}", 1)
        practices = [self.practice(item, f"a practice of {what}") for item in practice_nodes or ()]
        if not (area_id and name and reflections and practice_nodes) or None in practices:
            return None
        return Area(area_id, name, reflections, tuple(p for p in practices if p is not None))

    def practice(self, node: Node, what: str) -> Practice | None:
        """A practice is its text, or `{text: ..., opens_up: true}`."""
        if not isinstance(node.value, dict):
            text = self.text(node, what, LONG_TEXT)
            return Practice(text, opens_up=False) if text else None
        fields = self.mapping(node, what, required=("text",), optional=("opens_up",))
        if fields is None:
            return None
        text = self.text(fields["text"], f"the 'text' of {what}", LONG_TEXT)
        opens_up = self.boolean(fields.get("opens_up"), f"'opens_up' of {what}", default=False)
        return Practice(text, opens_up) if text is not None and opens_up is not None else None

    def question(self, node: Node, scale: list[ScalePoint] | None) -> Question | None:
        fields = self.mapping(
            node,
            "a question",
            required=("id", "text"),
            optional=("kind", "area", "reverse", "help", "safety", "concern", "choices"),
        )
        if fields is None:
            return None
        question_id = self.identifier(fields["id"], "a question 'id'")
        what = f"question '{question_id}'"
        kind = self.one_of(fields.get("kind"), f"the 'kind' of {what}", KINDS)
        text = self.text(fields["text"], f"the 'text' of {what}", SHORT_TEXT)
        help_text = self.text(fields.get("help"), f"the 'help' of {what}", SHORT_TEXT)
        if not (question_id and kind and text) or ("help" in fields and help_text is None):
            return None
        if kind == "choose-any":
            for key in ("area", "reverse", "safety", "concern"):
                if key in fields:
                    self.problem(
                        fields[key].line, f"'{key}' does not go with kind: choose-any in {what}"
                    )
            choices = self.choose_any_choices(fields.get("choices"), what)
            if choices is None:
                return None
            return Question(question_id, kind, text, help_text, None, False, frozenset(), choices)
        if "choices" in fields:
            self.problem(fields["choices"].line, f"'choices' needs kind: choose-any in {what}")
        if "area" not in fields:
            self.problem(node.line, f"{what} is missing 'area'")
            return None
        area = self.identifier(fields["area"], f"the 'area' of {what}")
        reverse = self.boolean(fields.get("reverse"), f"'reverse' of {what}", default=False)
        concern = self.concern(fields, what, scale)
        if not area or reverse is None or concern is None:
            return None
        return Question(question_id, kind, text, help_text, area, reverse, concern, ())

    def concern(
        self, fields: dict[str, Node], what: str, scale: list[ScalePoint] | None
    ) -> frozenset[int] | None:
        """`safety: true` with `concern: [values]`: the answers that signal a safety concern."""
        safety = self.boolean(fields.get("safety"), f"'safety' of {what}", default=False)
        if safety is None:
            return None
        if not safety:
            if "concern" in fields:
                self.problem(fields["concern"].line, f"'concern' needs safety: true in {what}")
                return None
            return frozenset()
        if "concern" not in fields:
            self.problem(
                fields["safety"].line,
                f"{what} has safety: true but no 'concern' "
                "(the scale values that signal a concern)",
            )
            return None
        nodes = self.sequence(fields["concern"], f"the 'concern' of {what}", minimum=1)
        if nodes is None or scale is None:
            return None
        values = [self.integer(item, f"a 'concern' value of {what}") for item in nodes]
        on_scale = {point.value for point in scale}
        for item, value in zip(nodes, values, strict=True):
            if value is not None and value not in on_scale:
                self.problem(
                    item.line, f"the 'concern' value {value} of {what} is not on the scale"
                )
                return None
        return frozenset(v for v in values if v is not None) if None not in values else None

    def choose_any_choices(self, node: Node | None, what: str) -> tuple[Choice, ...] | None:
        if node is None:
            self.problem(0, f"{what} has kind: choose-any but no 'choices'")
            return None
        items = self.items(
            node,
            f"the 'choices' of {what}",
            lambda item: self.choice(item, what),
            minimum=2,
            maximum=MAX_CHOICES,
        )
        if items is None:
            return None
        self.unique_ids(items, f"choice (in {what})")
        return tuple(choice for choice, _ in items)

    def choice(self, node: Node, what: str) -> Choice | None:
        fields = self.mapping(
            node, f"a choice of {what}", required=("id", "label", "reflection", "practice")
        )
        if fields is None:
            return None
        choice_id = self.identifier(fields["id"], f"a choice 'id' of {what}")
        where = f"choice '{choice_id}' of {what}"
        label = self.text(fields["label"], f"the 'label' of {where}", SHORT_TEXT)
        reflection = self.text(fields["reflection"], f"the 'reflection' of {where}", LONG_TEXT)
        practice = self.practice(fields["practice"], f"the 'practice' of {where}")
        if not (choice_id and label and reflection and practice):
            return None
        return Choice(choice_id, label, reflection, practice)

    def check_links(
        self, areas: list[tuple[Area, int]] | None, questions: list[tuple[Question, int]] | None
    ) -> None:
        if areas is None or questions is None:
            return
        self.unique_ids(areas, "area")
        self.unique_ids(questions, "question")
        area_ids = {area.id for area, _ in areas}
        for question, line in questions:
            if question.area is not None and question.area not in area_ids:
                self.problem(
                    line,
                    f"question '{question.id}' names area '{question.area}', "
                    "which is not listed under 'areas'",
                )
        asked = {question.area for question, _ in questions}
        for area, line in areas:
            if area.id not in asked:
                self.problem(line, f"area '{area.id}' has no questions")

    def unique_ids(
        self,
        items: list[tuple[Area, int]] | list[tuple[Question, int]] | list[tuple[Choice, int]],
        kind: str,
    ) -> None:
        first_line: dict[str, int] = {}
        for item, line in items:
            if item.id in first_line:
                self.problem(
                    line,
                    f"the {kind} id '{item.id}' is used twice "
                    f"(first on line {first_line[item.id]})",
                )
            first_line.setdefault(item.id, line)

    # -- shapes and values

    def items(
        self,
        node: Node | None,
        what: str,
        read: Callable[[Node], T | None],
        minimum: int = 1,
        maximum: int | None = None,
    ) -> list[tuple[T, int]] | None:
        nodes = self.sequence(node, what, minimum, maximum)
        if nodes is None:
            return None
        read_items = [(read(item), item.line) for item in nodes]
        return [(item, line) for item, line in read_items if item is not None]

    def one_of(
        self, node: Node | None, what: str, allowed: tuple[QuestionKind, ...]
    ) -> QuestionKind | None:
        if node is None:
            return allowed[0]
        for option in allowed:
            if node.value == option:
                return option
        self.problem(node.line, f"{what} must be one of: {', '.join(allowed)}")
        return None

    def mapping(
        self,
        node: Node | None,
        what: str,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
    ) -> dict[str, Node] | None:
        if node is None:
            return None
        if not isinstance(node.value, dict):
            self.problem(node.line, f"{what} must be a set of 'key: value' lines")
            return None
        allowed = required + optional
        for key, value in node.value.items():
            if key not in allowed:
                self.problem(
                    value.line, f"unknown key '{key}' in {what} (expected: {', '.join(allowed)})"
                )
        missing = [key for key in required if key not in node.value]
        if missing:
            self.problem(node.line, f"{what} is missing {', '.join(map(repr, missing))}")
        return None if missing else node.value

    def sequence(
        self, node: Node | None, what: str, minimum: int = 0, maximum: int | None = None
    ) -> list[Node] | None:
        if node is None:
            return None
        if not isinstance(node.value, list):
            self.problem(node.line, f"{what} must be a list (lines starting with '- ')")
            return None
        if len(node.value) < minimum:
            self.problem(node.line, f"{what} needs at least {minimum} item(s)")
            return None
        if maximum is not None and len(node.value) > maximum:
            self.problem(node.line, f"{what} can have at most {maximum} items")
            return None
        return node.value

    def text(self, node: Node | None, what: str, max_length: int) -> str | None:
        if node is None:
            return None
        if node.surprise:
            self.problem(
                node.line,
                f"{what} '{node.value}' would be read as {node.surprise} by "
                "YAML tools: put it in quotes",
            )
            return None
        if not isinstance(node.value, str):
            self.problem(node.line, f"{what} must be text")
            return None
        text = safetext.clean(node.value)
        if not text:
            self.problem(node.line, f"{what} is empty")
            return None
        if len(text) > max_length:
            self.problem(node.line, f"{what} is longer than {max_length} characters")
            return None
        for name in PLACEHOLDER.findall(text):
            if name not in PLACEHOLDERS:
                known = ", ".join("{" + known + "}" for known in sorted(PLACEHOLDERS))
                self.problem(
                    node.line, f"unknown placeholder {{{name}}} in {what} (you can use {known})"
                )
                return None
        return text

    def identifier(self, node: Node | None, what: str) -> str | None:
        text = self.text(node, what, 64)
        if text is not None and not _ID.match(text):
            assert node is not None
            self.problem(node.line, f"{what} '{text}' must use only a-z, 0-9 and '-'")
            return None
        return text

    def integer(
        self, node: Node | None, what: str, minimum: int | None = None, maximum: int | None = None
    ) -> int | None:
        if node is None:
            return None
        if isinstance(node.value, bool) or not isinstance(node.value, int):
            hint = " (write plain digits)" if node.surprise else ""
            self.problem(node.line, f"{what} must be a whole number, not '{node.value}'{hint}")
            return None
        if (minimum is not None and node.value < minimum) or (
            maximum is not None and node.value > maximum
        ):
            bounds = f"from {minimum}" + (f" to {maximum}" if maximum is not None else " up")
            self.problem(node.line, f"{what} must be {bounds}, not {node.value}")
            return None
        return node.value

    def boolean(self, node: Node | None, what: str, default: bool) -> bool | None:
        if node is None:
            return default
        if not isinstance(node.value, bool):
            self.problem(node.line, f"{what} must be true or false, not '{node.value}'")
            return None
        return node.value
