"""The JSON Schema that ships with the package agrees with the loader."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
from test_bank import (
    CHOOSE_ANY,
    CHOOSE_ANY_PROBLEMS,
    LESS,
    MINIMAL,
    MINIMAL_PROBLEMS,
    SAFETY,
    SAFETY_PROBLEMS,
    WISH,
)

from intimacy_cli import bank, catalog, yamlsafe
from intimacy_cli.errors import BankError

SCHEMA = json.loads((resources.files("intimacy_cli") / "data" / "bank.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def schema_accepts(text: str) -> bool:
    return VALIDATOR.is_valid(yamlsafe.plain(yamlsafe.parse(text)))


def loader_accepts(text: str) -> bool:
    try:
        bank.load_bytes(text.encode(), "example.yaml")
    except BankError:
        return False
    return True


def test_schema_is_a_valid_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("bank_id", catalog.shipped_ids())
def test_every_shipped_bank_passes_the_schema(bank_id: str) -> None:
    text = (resources.files("intimacy_cli") / "questions" / f"{bank_id}.yaml").read_text()
    VALIDATOR.validate(yamlsafe.plain(yamlsafe.parse(text)))


# Examples a schema can judge (shape, types, required and unknown keys); the loader's extra
# checks (unique ids, links, ascending scale) are covered in test_bank.
EXAMPLES = {
    "valid": MINIMAL,
    "help and reverse": MINIMAL.replace("reverse: true", "reverse: true\n    help: A hint.", 1),
    "unknown key": MINIMAL.replace("reverse: true", "reverse: true\n    colour: blue"),
    "reverse not a boolean": MINIMAL.replace("reverse: true", "reverse: 1"),
    "missing text": MINIMAL.replace("    text: Is it hard?\n", ""),
    "version zero": MINIMAL.replace("version: 1", "version: 0"),
    "bad id": MINIMAL.replace("id: tiny", "id: Tiny"),
    "one-point scale": MINIMAL.replace(
        "  - {value: 2, label: Sometimes}\n  - {value: 3, label: Always}\n", ""
    ),
    "no practices": MINIMAL.replace('practices: ["Talk with {people}."]', "practices: []"),
    "band missing": MINIMAL.replace("middle: M, ", ""),
    "label not text": MINIMAL.replace("label: Never", "label: [Never]"),
    "empty title": MINIMAL.replace("title: A tiny set", "title: ' '"),
    "band over 100": MINIMAL.replace("high: 70}", "high: 170}"),
    "closing": MINIMAL + "closing: How it all ties together.\n",
    "choose-any": CHOOSE_ANY,
    "choose-any with an area": CHOOSE_ANY.replace(
        "kind: choose-any", "kind: choose-any\n    area: x"
    ),
    "choose-any without choices": CHOOSE_ANY[: CHOOSE_ANY.index("    choices:")],
    "choices on a scale question": CHOOSE_ANY.replace(
        "    kind: choose-any\n", "    area: sharing\n"
    ),
    "practice without text": CHOOSE_ANY.replace('text: "Spend time with {people}.", ', ""),
    "safety": SAFETY,
    "safety without concern": SAFETY.replace("    concern: [3]\n", ""),
    "concern without safety": SAFETY.replace("    safety: true\n", ""),
    "concern not a list": SAFETY.replace("concern: [3]", "concern: 3"),
    "safety with an area": SAFETY.replace(
        "    safety: true\n", "    safety: true\n    area: sharing\n"
    ),
    "only for a partner": SAFETY + "    only_for: [partner]\n",
    "only for nobody": MINIMAL + "    only_for: []\n",
    "only for someone unknown": MINIMAL + "    only_for: [cousins]\n",
    "wish": MINIMAL.replace('    practices: ["Talk with {people}."]', LESS) + WISH,
    "wish without an area": MINIMAL.replace('    practices: ["Talk with {people}."]', LESS)
    + WISH.replace("    area: sharing\n", ""),
    "wish with reverse": MINIMAL.replace('    practices: ["Talk with {people}."]', LESS)
    + WISH.replace("    area: sharing\n", "    area: sharing\n    reverse: true\n"),
    "practice wish unknown": MINIMAL.replace(
        'practices: ["Talk with {people}."]', "practices: [{text: T, wish: sideways}]"
    ),
    "practice marked safe": MINIMAL.replace(
        'practices: ["Talk with {people}."]', "practices: [{text: T, safe_if_concern: true}]"
    ),
    "safety declined with an area": SAFETY + "    declined_with: sharing\n",
    "declined with, on a scored question": MINIMAL + "    declined_with: sharing\n",
    "area marked for caution": MINIMAL.replace(
        "    name: Sharing\n", "    name: Sharing\n    caution_if_low: true\n"
    ),
    "area caution not a boolean": MINIMAL.replace(
        "    name: Sharing\n", "    name: Sharing\n    caution_if_low: sometimes\n"
    ),
}
VALID = {
    "valid",
    "help and reverse",
    "closing",
    "choose-any",
    "safety",
    "only for a partner",
    "wish",
    "practice marked safe",
    "area marked for caution",
    "safety declined with an area",
}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_schema_and_loader_agree(name: str) -> None:
    text = EXAMPLES[name]
    assert text != MINIMAL or name == "valid", "the example did not change anything"
    assert schema_accepts(text) == loader_accepts(text)
    assert loader_accepts(text) == (name in VALID)


def every_example_in_the_tests() -> list[str]:
    """Every question file the bank tests use, valid or not (where it is YAML at all)."""
    texts = [MINIMAL, CHOOSE_ANY, SAFETY, *EXAMPLES.values()]
    texts += [MINIMAL.replace(old, new, 1) for old, new, _ in MINIMAL_PROBLEMS]
    texts += [CHOOSE_ANY.replace(old, new, 1) for old, new, _ in CHOOSE_ANY_PROBLEMS]
    texts += [text for text, _ in SAFETY_PROBLEMS]
    return texts


@pytest.mark.parametrize("text", every_example_in_the_tests())
def test_the_schema_never_refuses_what_the_loader_accepts(text: str) -> None:
    """The loader checks more than a schema can (unique ids, links, placeholders, YAML 1.1
    surprises), so the two agree one way: every file the loader accepts, the schema accepts;
    so whatever the schema refuses, the loader refuses too."""
    try:
        tree = yamlsafe.plain(yamlsafe.parse(text))
    except yamlsafe.YamlError:
        assert not loader_accepts(text)
        return
    assert VALIDATOR.is_valid(tree) or not loader_accepts(text)
