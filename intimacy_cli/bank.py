"""The question bank: a validated, immutable model of one question file.

Loading is the only place that reads question files. Every problem becomes a `Problem`
naming the file, the line and what is wrong, in words a content writer understands; all the
problems in a file are collected, not just the first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, TypeVar

from intimacy_cli import safetext
from intimacy_cli.errors import BankError, Problem
from intimacy_cli.focus import FOCUSES, PLACEHOLDER, PLACEHOLDERS

if TYPE_CHECKING:
    from intimacy_cli.yamlsafe import Node

MAX_BANK_BYTES = 8 * 1024 * 1024
MAX_SCALE_POINTS = 9  # so that every point has a number key
SHORT_TEXT = 300  # ids, names, labels, question text
LONG_TEXT = 2000  # intro, reflections, practices, headlines

Band = Literal["low", "middle", "high"]
BANDS: tuple[Band, ...] = ("low", "middle", "high")
QuestionKind = Literal["scale", "choose-any", "wish"]
KINDS: tuple[QuestionKind, ...] = ("scale", "choose-any", "wish")
MAX_CHOICES = 20
MAX_PROBLEMS = 100  # listed for one file; a broken file of a million keys is not read out
MAX_VERSION = 1_000_000  # far above any real set, far below what SQLite can store
MAX_SCALE_VALUE = 1000
MIN_AREA_QUESTIONS = 4  # a common floor for a stable score (see README, How the scores work)

# What a person can say about an area, after its questions: the id kept in answers, and the
# words they pick. The same for every set, so that they read the same everywhere.
WISHES: dict[str, str] = {
    "as-is": "It suits me as it is",
    "a-little-more": "A little more",
    "much-more": "Much more",
    "less": "Less: I would like more space",
}
WANTS_MORE = frozenset({"a-little-more", "much-more"})
# How a wish is marked after a score in a table (history, compare).
WISH_MARKS = {"as-is": "=", "a-little-more": "+", "much-more": "++", "less": "-"}
WISH_LEGEND = (
    "After a score: + would like a little more, ++ much more, = suits as it is, - would like "
    "more space; no mark: not said."
)
PracticeWish = Literal["more", "less", "any"]
PRACTICE_WISHES: tuple[PracticeWish, ...] = ("more", "less", "any")

# An answer: a scale value; the chosen choice ids of a choose-any question (maybe none); a
# wish id; or None for "prefer not to say" (and for a wish nobody gave).
Answer = int | tuple[str, ...] | str | None

_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
BANK_KEYS = ("id", "title", "version", "intro", "scale", "bands", "headlines", "areas", "questions")
OPTIONAL_BANK_KEYS = ("closing",)


def is_id(text: str) -> bool:
    """Whether `text` is an id as question files write them: a-z, 0-9 and '-'."""
    return len(text) <= 64 and _ID.match(text) is not None


class ScalePoint(NamedTuple):
    value: int
    label: str


class Practice(NamedTuple):
    text: str
    wish: PracticeWish  # for someone who would like more of the area, less of it, or either
    # Asks nothing of the other person (support for oneself), so it may still be suggested
    # when a safety answer signals a concern. Unmarked practices are left out then.
    safe_if_concern: bool = False


class Area(NamedTuple):
    id: str
    name: str
    reflections: dict[Band, str]
    practices: tuple[Practice, ...]
    # A low score here can mean that opening up does not feel safe: the whole reflection is
    # then careful, as after a skipped safety question.
    caution_if_low: bool = False


class Choice(NamedTuple):
    """One option of a choose-any question, with what it brings to the summary when chosen."""

    id: str
    label: str
    reflection: str
    practice: Practice
    safety: bool = False  # choosing it signals a safety concern


class Question(NamedTuple):
    id: str
    kind: QuestionKind
    text: str
    help: str | None
    area: str | None  # scored scale questions and wish questions only
    reverse: bool
    concern: frozenset[int]  # a safety question's values that signal a concern; else empty
    choices: tuple[Choice, ...]  # choose-any questions only
    foci: frozenset[str] = frozenset()  # asked only with these foci; empty: with every focus
    concern_note: str | None = None  # said in the safety section when this answer signals it
    # A safety question beside an optional part: skipped together with most of that area, it
    # reads as declining the part, not as a reason for caution.
    declined_with: str | None = None

    @property
    def safety(self) -> bool:
        """A safety question: never scored; some answers signal a concern."""
        return bool(self.concern)

    @property
    def scored(self) -> bool:
        return self.kind == "scale" and not self.concern

    def asked_for(self, focus: str) -> bool:
        return not self.foci or focus in self.foci


class Bank(NamedTuple):
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

    def asked(self, focus: str) -> tuple[Question, ...]:
        """The questions asked with this focus, in order."""
        return tuple(q for q in self.questions if q.asked_for(focus))

    def area(self, area_id: str) -> Area:
        return self.areas_by_id()[area_id]

    def areas_by_id(self) -> dict[str, Area]:
        """Built on each call: a loop over areas takes it once, not once per area."""
        return {area.id: area for area in self.areas}


# ---------------------------------------------------------------- compiled

# A shipped set is checked when the package is built (hatch_build.py) and kept as JSON beside
# its YAML file, so that running it needs no YAML parser: `as_data` writes it, `from_data`
# reads it back.


def as_data(bank: Bank) -> dict[str, Any]:
    return {
        "id": bank.id,
        "title": bank.title,
        "version": bank.version,
        "intro": bank.intro,
        "scale": [[point.value, point.label] for point in bank.scale],
        "bands": [bank.low_below, bank.high_from],
        "headlines": bank.headlines,
        "closing": bank.closing,
        "areas": [
            {
                "id": area.id,
                "name": area.name,
                "reflections": area.reflections,
                "practices": [_practice_data(p) for p in area.practices],
                "caution_if_low": area.caution_if_low,
            }
            for area in bank.areas
        ],
        "questions": [
            {
                "id": q.id,
                "kind": q.kind,
                "text": q.text,
                "help": q.help,
                "area": q.area,
                "reverse": q.reverse,
                "concern": sorted(q.concern),
                "choices": [
                    {
                        "id": c.id,
                        "label": c.label,
                        "reflection": c.reflection,
                        "practice": _practice_data(c.practice),
                        "safety": c.safety,
                    }
                    for c in q.choices
                ],
                "foci": sorted(q.foci),
                "concern_note": q.concern_note,
                "declined_with": q.declined_with,
            }
            for q in bank.questions
        ],
        "source": bank.source,
    }


def _practice_data(practice: Practice) -> list[Any]:
    return [practice.text, practice.wish, practice.safe_if_concern]


def from_data(data: dict[str, Any]) -> Bank:
    return Bank(
        id=data["id"],
        title=data["title"],
        version=data["version"],
        intro=data["intro"],
        scale=tuple(ScalePoint(value, label) for value, label in data["scale"]),
        low_below=data["bands"][0],
        high_from=data["bands"][1],
        headlines=data["headlines"],
        closing=data["closing"],
        areas=tuple(
            Area(
                a["id"],
                a["name"],
                a["reflections"],
                tuple(Practice(*p) for p in a["practices"]),
                a["caution_if_low"],
            )
            for a in data["areas"]
        ),
        questions=tuple(
            Question(
                q["id"],
                q["kind"],
                q["text"],
                q["help"],
                q["area"],
                q["reverse"],
                frozenset(q["concern"]),
                tuple(
                    Choice(
                        c["id"], c["label"], c["reflection"], Practice(*c["practice"]), c["safety"]
                    )
                    for c in q["choices"]
                ),
                frozenset(q["foci"]),
                q["concern_note"],
                q["declined_with"],
            )
            for q in data["questions"]
        ),
        source=data["source"],
    )


# ---------------------------------------------------------------- loading


def load_path(path: Path) -> Bank:
    from intimacy_cli.files import read_regular

    try:
        data = read_regular(path, MAX_BANK_BYTES)
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
        raise BankError(checker.report())
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
S = TypeVar("S", bound=str)

PRACTICE_MARKS = ("wish", "safe_if_concern")
# The keys each kind of question takes.
KIND_KEYS: dict[QuestionKind, frozenset[str]] = {
    "scale": frozenset(
        {
            "id",
            "text",
            "kind",
            "area",
            "reverse",
            "help",
            "safety",
            "concern",
            "concern_note",
            "declined_with",
            "only_for",
        }
    ),
    "choose-any": frozenset({"id", "text", "kind", "help", "choices", "only_for"}),
    "wish": frozenset({"id", "text", "kind", "area", "help", "only_for"}),
}
# The keys a question of some kind may have, besides the two every question must.
QUESTION_KEYS = tuple(sorted(frozenset().union(*KIND_KEYS.values()) - {"id", "text"}))


class _Checker:
    """Reads Nodes into the model, noting every problem instead of stopping at the first."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.more = 0  # problems past MAX_PROBLEMS, counted but not kept

    def problem(self, line: int, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(self.source, line, message))
        else:
            self.more += 1

    def report(self) -> list[Problem]:
        """The problems in the order of their lines, and how many more there were."""
        found = sorted(self.problems, key=lambda problem: problem.line)
        if self.more:
            more = f"... and {self.more:,} more problems (fix these first, then validate again)"
            found.append(Problem(self.source, 0, more))
        return found

    # -- the parts of a bank

    def bank(self, root: Node) -> Bank | None:
        fields = self.mapping(root, "the question file", BANK_KEYS, OPTIONAL_BANK_KEYS)
        if fields is None:
            return None
        bank_id = self.identifier(fields.get("id"), "'id'")
        title = self.text(fields.get("title"), "'title'", SHORT_TEXT, filled=False)
        version = self.integer(fields.get("version"), "'version'", minimum=1, maximum=MAX_VERSION)
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
        self.check_design(areas, [q for q, _ in questions], bands)
        if self.problems:
            return None
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
            value = self.integer(
                fields.get("value"), "a scale 'value'", -MAX_SCALE_VALUE, MAX_SCALE_VALUE
            )
            label = self.text(fields.get("label"), "a scale 'label'", SHORT_TEXT, filled=False)
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
        fields = self.mapping(
            node,
            "an area",
            required=("id", "name", "reflections", "practices"),
            optional=("caution_if_low",),
        )
        if fields is None:
            return None
        area_id = self.identifier(fields["id"], "an area 'id'")
        what = f"area '{area_id}'"
        name = self.text(fields["name"], f"the 'name' of {what}", SHORT_TEXT, filled=False)
        reflections = self.by_band(fields["reflections"], f"the 'reflections' of {what}")
        practice_nodes = self.sequence(fields["practices"], f"the 'practices' of {what}", 1)
        practices = [self.practice(item, f"a practice of {what}") for item in practice_nodes or ()]
        caution = self.boolean(
            fields.get("caution_if_low"), f"'caution_if_low' of {what}", default=False
        )
        if not (area_id and name and reflections and practice_nodes and caution is not None):
            return None
        if None in practices:
            return None
        return Area(
            area_id, name, reflections, tuple(p for p in practices if p is not None), caution
        )

    def practice(self, node: Node, what: str) -> Practice | None:
        """A practice is its text, or `{text, wish, safe_if_concern}`."""
        if not isinstance(node.value, dict):
            text = self.text(node, what, LONG_TEXT)
            return Practice(text, "more") if text else None
        fields = self.mapping(node, what, required=("text",), optional=PRACTICE_MARKS)
        if fields is None:
            return None
        text = self.text(fields["text"], f"the 'text' of {what}", LONG_TEXT)
        wish = self.one_of(fields.get("wish"), f"the 'wish' of {what}", PRACTICE_WISHES)
        safe = self.boolean(
            fields.get("safe_if_concern"), f"'safe_if_concern' of {what}", default=False
        )
        if text is None or wish is None or safe is None:
            return None
        return Practice(text, wish, safe)

    def question(self, node: Node, scale: list[ScalePoint] | None) -> Question | None:
        fields = self.mapping(node, "a question", required=("id", "text"), optional=QUESTION_KEYS)
        if fields is None:
            return None
        question_id = self.identifier(fields["id"], "a question 'id'")
        what = f"question '{question_id}'"
        kind = self.one_of(fields.get("kind"), f"the 'kind' of {what}", KINDS)
        text = self.text(fields["text"], f"the 'text' of {what}", SHORT_TEXT)
        help_text = self.text(fields.get("help"), f"the 'help' of {what}", SHORT_TEXT)
        foci = self.foci(fields.get("only_for"), f"the 'only_for' of {what}")
        if not (question_id and kind and text and foci is not None) or (
            "help" in fields and help_text is None
        ):
            return None
        for key in fields:
            if key not in KIND_KEYS[kind]:
                self.problem(fields[key].line, f"'{key}' does not go with kind: {kind} in {what}")
        question = Question(question_id, kind, text, help_text, None, False, frozenset(), (), foci)
        if kind == "choose-any":
            choices = self.choose_any_choices(fields.get("choices"), what)
            return None if choices is None else question._replace(choices=choices)
        if kind == "wish":
            area = self.area_link(fields, node, what)
            return None if area is None else question._replace(area=area)
        concern = self.concern(fields, what, scale)
        if concern is None:
            return None
        if concern:
            if "area" in fields:
                self.problem(
                    fields["area"].line,
                    f"{what} is a safety question, which is never scored: remove its 'area'",
                )
            if "reverse" in fields:
                self.problem(
                    fields["reverse"].line, f"'reverse' does not go with safety: true in {what}"
                )
            note = self.text(fields.get("concern_note"), f"the 'concern_note' of {what}", LONG_TEXT)
            declined = fields.get("declined_with")
            declined_with = self.identifier(declined, f"the 'declined_with' of {what}")
            if ("concern_note" in fields and note is None) or (declined and not declined_with):
                return None
            return question._replace(
                concern=concern, concern_note=note, declined_with=declined_with or None
            )
        for key in ("concern_note", "declined_with"):
            if key in fields:
                self.problem(fields[key].line, f"'{key}' needs safety: true in {what}")
        area = self.area_link(fields, node, what)
        reverse = self.boolean(fields.get("reverse"), f"'reverse' of {what}", default=False)
        if not area or reverse is None:
            return None
        return question._replace(area=area, reverse=reverse)

    def area_link(self, fields: dict[str, Node], node: Node, what: str) -> str | None:
        if "area" not in fields:
            self.problem(node.line, f"{what} is missing 'area'")
            return None
        return self.identifier(fields["area"], f"the 'area' of {what}")

    def foci(self, node: Node | None, what: str) -> frozenset[str] | None:
        """`only_for: [partner, ...]`: the foci a question is asked with (default: every one)."""
        if node is None:
            return frozenset()
        items = self.sequence(node, what, minimum=1, maximum=len(FOCUSES))
        if items is None:
            return None
        foci = [self.one_of(item, f"a focus in {what}", tuple(FOCUSES)) for item in items]
        return None if None in foci else frozenset(f for f in foci if f is not None)

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
            node,
            f"a choice of {what}",
            required=("id", "label", "reflection", "practice"),
            optional=("safety",),
        )
        if fields is None:
            return None
        choice_id = self.identifier(fields["id"], f"a choice 'id' of {what}")
        where = f"choice '{choice_id}' of {what}"
        label = self.text(fields["label"], f"the 'label' of {where}", SHORT_TEXT, filled=False)
        reflection = self.text(fields["reflection"], f"the 'reflection' of {where}", LONG_TEXT)
        practice = self.practice(fields["practice"], f"the 'practice' of {where}")
        safety = self.boolean(fields.get("safety"), f"'safety' of {where}", default=False)
        if not (choice_id and label and reflection and practice) or safety is None:
            return None
        return Choice(choice_id, label, reflection, practice, safety)

    def check_links(
        self, areas: list[tuple[Area, int]] | None, questions: list[tuple[Question, int]] | None
    ) -> None:
        if areas is None or questions is None:
            return
        self.unique_ids(areas, "area")
        self.unique_ids(questions, "question")
        area_ids = {area.id for area, _ in areas}
        for question, line in questions:
            for named in (question.area, question.declined_with):
                if named is not None and named not in area_ids:
                    self.problem(
                        line,
                        f"question '{question.id}' names area '{named}', "
                        "which is not listed under 'areas'",
                    )
        scored = {question.area for question, _ in questions if question.scored}
        for area, line in areas:
            if area.id not in scored:
                self.problem(line, f"area '{area.id}' has no questions")

    def check_design(
        self, areas: list[tuple[Area, int]], questions: list[Question], bands: tuple[int, int]
    ) -> None:
        """What makes an area's score honest, for every focus it is asked with: enough
        questions, worded both ways round so that answering everything alike lands in the
        middle, at most one wish question, and practices for either wish."""
        by_area: dict[str, list[Question]] = {area.id: [] for area, _ in areas}
        for question in questions:
            if question.area is not None:
                by_area[question.area].append(question)
        for focus in FOCUSES:
            if not any(q.scored and q.asked_for(focus) for q in questions):
                self.problem(0, f"the set asks no scored question with --for {focus}")
        for area, line in areas:
            variants: dict[tuple[str, ...], list[str]] = {}
            for focus in FOCUSES:
                ids = tuple(q.id for q in by_area[area.id] if q.asked_for(focus))
                variants.setdefault(ids, []).append(focus)
            for asked_ids, foci in variants.items():
                questions_asked = [q for q in by_area[area.id] if q.id in asked_ids]
                where = f"area '{area.id}'"
                if len(variants) > 1:
                    where += f" (with --for {' or '.join(foci)})"
                self.check_area(questions_asked, where, line, bands)
            if any(q.kind == "wish" for q in by_area[area.id]):
                for wish in ("more", "less"):
                    if not any(p.wish in (wish, "any") for p in area.practices):
                        self.problem(
                            line,
                            f"area '{area.id}' has a wish question but no practice for "
                            f"someone who would like {wish} (mark one wish: {wish})",
                        )

    def check_area(
        self, asked: list[Question], where: str, line: int, bands: tuple[int, int]
    ) -> None:
        scored = [q for q in asked if q.scored]
        if not scored:
            if asked:
                self.problem(line, f"{where} has a wish question but no questions to score")
            return
        if len(scored) < MIN_AREA_QUESTIONS:
            self.problem(
                line,
                f"{where} has {len(scored)} scored question(s); it needs at least "
                f"{MIN_AREA_QUESTIONS}, so that no single answer decides it",
            )
        reversed_share = sum(q.reverse for q in scored) / len(scored)
        for same, share in (("first", reversed_share), ("last", 1 - reversed_share)):
            score = round(100 * share)
            if not bands[0] <= score < bands[1]:
                self.problem(
                    line,
                    f"{where}: answering every question with the {same} point of the scale "
                    f"would score {score}, outside the middle band; word about half of its "
                    "questions the other way round (reverse: true)",
                )
        if sum(q.kind == "wish" for q in asked) > 1:
            self.problem(line, f"{where} has more than one wish question")

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

    def one_of(self, node: Node | None, what: str, allowed: tuple[S, ...]) -> S | None:
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

    def text(
        self, node: Node | None, what: str, max_length: int, filled: bool = True
    ) -> str | None:
        """Text, checked; `filled`: whether {people} is filled in where it is shown (it is
        not in titles, names and labels, which read the same for every focus)."""
        if node is None:
            return None
        if node.surprise:
            self.problem(
                node.line,
                f"{what} '{shown(node)}' would be read as {node.surprise} by "
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
            if not filled:
                self.problem(
                    node.line,
                    f"{what} is shown as written, so it cannot use {{{name}}}: write it out",
                )
                return None
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
            self.problem(node.line, f"{what} must be a whole number, not '{shown(node)}'{hint}")
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
            self.problem(node.line, f"{what} must be true or false, not '{shown(node)}'")
            return None
        return node.value


def shown(node: Node) -> str:
    """A value as a problem message quotes it: short, and only ever text."""
    if isinstance(node.value, list):
        return "a list"
    if isinstance(node.value, dict):
        return "a set of keys"
    return safetext.clean(str(node.value))[:40]
