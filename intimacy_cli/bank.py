"""The question bank: a validated, immutable model of one question file.

Loading is the only place that reads question files. Every problem becomes a `Problem`
naming the file, the line and what is wrong, in words a content writer understands; all the
problems in a file are collected, not just the first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal, TypeVar

from intimacy_cli import safetext, yamlsafe
from intimacy_cli.errors import BankError, Problem
from intimacy_cli.yamlsafe import Node

MAX_BANK_BYTES = 8 * 1024 * 1024
MAX_SCALE_POINTS = 9  # so that every point has a number key
SHORT_TEXT = 300  # ids, names, labels, question text
LONG_TEXT = 2000  # intro, reflections, practices, headlines

Band = Literal["low", "middle", "high"]
BANDS: tuple[Band, ...] = ("low", "middle", "high")

# Who the questions are about, and how each placeholder reads for them.
FOCUSES: dict[str, dict[str, str]] = {
    "partner": {"people": "your partner", "People": "Your partner"},
    "family": {"people": "your family", "People": "Your family"},
    "friends": {"people": "your friends", "People": "Your friends"},
    "everyone": {"people": "the people close to you", "People": "The people close to you"},
}
PLACEHOLDERS = frozenset(FOCUSES["everyone"])
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")


def fill(text: str, focus: str) -> str:
    """Put the focus's words in place of {people} and the other placeholders."""
    words = FOCUSES[focus]
    return _PLACEHOLDER.sub(lambda match: words[match.group(1)], text)


@dataclass(frozen=True)
class ScalePoint:
    value: int
    label: str


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    reflections: dict[Band, str]
    practices: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    id: str
    area: str
    text: str
    reverse: bool
    help: str | None


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
    areas: tuple[Area, ...]
    questions: tuple[Question, ...]
    source: str

    def area(self, area_id: str) -> Area:
        return next(area for area in self.areas if area.id == area_id)


# ---------------------------------------------------------------- loading


def shipped_ids() -> list[str]:
    folder = resources.files("intimacy_cli") / "questions"
    return sorted(
        item.name[: -len(".yaml")] for item in folder.iterdir() if item.name.endswith(".yaml")
    )


def load(name: str) -> Bank:
    """A shipped bank by id, or a bank file by path (anything with a '/' or a .yaml ending)."""
    if "/" in name or name.endswith((".yaml", ".yml")):
        return load_path(Path(name))
    if name not in shipped_ids():
        known = ", ".join(shipped_ids())
        raise BankError([Problem(name, 0, f"no such question set (shipped: {known})")])
    resource = resources.files("intimacy_cli") / "questions" / f"{name}.yaml"
    return load_bytes(resource.read_bytes(), f"{name}.yaml")


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
        fields = self.mapping(
            root,
            "the question file",
            required=(
                "id",
                "title",
                "version",
                "intro",
                "scale",
                "bands",
                "headlines",
                "areas",
                "questions",
            ),
        )
        if fields is None:
            return None
        bank_id = self.identifier(fields.get("id"), "'id'")
        title = self.text(fields.get("title"), "'title'", SHORT_TEXT)
        version = self.integer(fields.get("version"), "'version'", minimum=1)
        intro = self.text(fields.get("intro"), "'intro'", LONG_TEXT)
        scale = self.scale(fields.get("scale"))
        bands = self.bands(fields.get("bands"))
        headlines = self.by_band(fields.get("headlines"), "'headlines'")
        areas = self.items(fields.get("areas"), "'areas'", self.area, "area")
        questions = self.items(fields.get("questions"), "'questions'", self.question, "question")
        self.check_links(areas, questions, fields)
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
        practice_nodes = self.sequence(fields["practices"], f"the 'practices' of {what}", minimum=1)
        practices = [
            self.text(item, f"a practice of {what}", LONG_TEXT) for item in practice_nodes or ()
        ]
        if not (area_id and name and reflections and practice_nodes) or None in practices:
            return None
        return Area(area_id, name, reflections, tuple(p for p in practices if p is not None))

    def question(self, node: Node) -> Question | None:
        fields = self.mapping(
            node, "a question", required=("id", "area", "text"), optional=("reverse", "help")
        )
        if fields is None:
            return None
        question_id = self.identifier(fields["id"], "a question 'id'")
        what = f"question '{question_id}'"
        area = self.identifier(fields["area"], f"the 'area' of {what}")
        text = self.text(fields["text"], f"the 'text' of {what}", SHORT_TEXT)
        reverse = self.boolean(fields.get("reverse"), f"'reverse' of {what}", default=False)
        help_text = (
            self.text(fields["help"], f"the 'help' of {what}", SHORT_TEXT)
            if "help" in fields
            else None
        )
        if not (question_id and area and text) or reverse is None:
            return None
        return Question(question_id, area, text, reverse, help_text)

    def check_links(
        self,
        areas: list[tuple[Area, int]] | None,
        questions: list[tuple[Question, int]] | None,
        fields: dict[str, Node],
    ) -> None:
        if areas is None or questions is None:
            return
        self.unique_ids(areas, "area")
        self.unique_ids(questions, "question")
        area_ids = {area.id for area, _ in areas}
        for question, line in questions:
            if question.area not in area_ids:
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
        self, items: list[tuple[Area, int]] | list[tuple[Question, int]], kind: str
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
        self, node: Node | None, what: str, read: Callable[[Node], T | None], kind: str
    ) -> list[tuple[T, int]] | None:
        nodes = self.sequence(node, what, minimum=1)
        if nodes is None:
            return None
        read_items = [(read(item), item.line) for item in nodes]
        return [(item, line) for item, line in read_items if item is not None]

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
        for key in missing:
            self.problem(node.line, f"{what} is missing '{key}'")
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
        for name in _PLACEHOLDER.findall(text):
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
