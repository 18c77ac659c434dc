"""Hostile-file-safe YAML reading: the only module that touches YAML.

We never let a YAML library build Python objects from a file. libyaml's C parser turns the
text into a stream of events, and we compose those events ourselves, iteratively, into
`Node`s that remember their line. That one pass lets us refuse, before anything is built:
anchors and aliases (alias bombs), tags (`!!python/object`), nesting deeper than a few levels
(libyaml's recursive composer segfaults on ~25,000 levels of `[`), duplicate keys and extra
documents. Scalars are resolved by a small, strict resolver: YAML 1.1 surprises such as `no`
or `017` are kept as text and flagged, so the caller can ask the writer to say what they mean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

import yaml

MAX_DEPTH = 12
# Values in one file: a real question set has a few thousand; a file of nothing but empty
# lists or keys (millions of them fit under the size cap) is refused before it is all built.
MAX_VALUES = 50_000

try:  # libyaml is bundled with PyYAML's wheels; the pure-Python parser is the fallback.
    _Parser: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = yaml.SafeLoader

Value = None | bool | int | str | list["Node"] | dict[str, "Node"]
_FRAMING = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)

_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Whole numbers of up to 18 digits: ours are small, and a longer one (say 5,000 digits, which
# Python would refuse to convert) is kept as text flagged as a number.
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})\Z")
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
# What YAML 1.1 loaders (PyYAML's safe_load among them) would silently turn into something
# that is not text: yes/no/on/off as booleans, 017 as octal, 1_000, 0x1f, 1:30, floats.
_YAML11_BOOL = re.compile(r"(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)\Z")
_YAML11_NUMBER = re.compile(
    r"[-+]?(?:0[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+"
    r"|[0-9][0-9_]*|(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+][0-9]+)?|\.(?:inf|Inf|INF)"
    r"|\.(?:nan|NaN|NAN))\Z"
)


class YamlError(Exception):
    """A problem with the file as YAML, at a 1-based line (0 when unknown)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(eq=False)
class Node:
    """A composed YAML value and the line it starts on.

    `surprise` is set on plain scalars that other YAML tools would not read as text
    ("a yes/no value", "a number"): their `value` is kept as the text that was written.
    """

    value: Value
    line: int
    surprise: str | None = None


def parse(text: str) -> Node:
    """Compose exactly one YAML document from `text`; raise YamlError on anything unsafe."""
    control = _RAW_CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        raise YamlError(line, f"a control character (U+{ord(control.group()):04X}) is not allowed")
    stack: list[tuple[Node, str | None]] = []  # open collections and a mapping's pending key
    root: Node | None = None
    documents = 0
    values = 0
    try:
        for event in yaml.parse(text, Loader=_Parser):
            kind = type(event)  # one look-up per event: a large file has many
            if kind in _FRAMING:
                continue
            line = event.start_mark.line + 1 if event.start_mark else 0
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlError(
                        line, "only one YAML document is allowed (found a second '---')"
                    )
                continue
            if kind is yaml.AliasEvent:
                raise YamlError(line, "YAML aliases (*name) are not allowed")
            if kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                node = stack.pop()[0]
                if stack:
                    _attach(stack, node)
                else:
                    root = node
                continue
            # A scalar, or the start of a sequence or mapping: one more value.
            _refuse_anchor_and_tag(cast(yaml.NodeEvent, event), line)
            values += 1
            if values > MAX_VALUES:
                raise YamlError(line, f"the file holds more than {MAX_VALUES:,} values")
            if kind is yaml.ScalarEvent:
                node = _scalar(cast(yaml.ScalarEvent, event), line)
                if stack:
                    _attach(stack, node)
                else:
                    root = node
                continue
            if len(stack) >= MAX_DEPTH:
                raise YamlError(line, f"nesting is deeper than {MAX_DEPTH} levels")
            stack.append((Node([] if kind is yaml.SequenceStartEvent else {}, line), None))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        raise YamlError(line, f"not valid YAML: {error.problem or error.context}") from None
    except yaml.YAMLError as error:
        raise YamlError(0, f"not valid YAML: {error}") from None
    if root is None:
        raise YamlError(1, "the file is empty")
    return root


def _refuse_anchor_and_tag(event: yaml.NodeEvent, line: int) -> None:
    if event.anchor is not None:
        raise YamlError(line, f"YAML anchors (&{event.anchor}) are not allowed")
    tag = getattr(event, "tag", None)
    if tag is not None:
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise YamlError(line, f"YAML tags ({shown}) are not allowed")


def _scalar(event: yaml.ScalarEvent, line: int) -> Node:
    text = event.value
    if not event.implicit[0]:  # quoted or block scalar: always text
        return Node(text, line)
    if text in _NULL:
        return Node(None, line)
    if text in _TRUE or text in _FALSE:
        return Node(text in _TRUE, line)
    if _INT.match(text):
        return Node(int(text), line)
    if _YAML11_BOOL.match(text):
        return Node(text, line, surprise="a yes/no value")
    if _YAML11_NUMBER.match(text):
        return Node(text, line, surprise="a number")
    return Node(text, line)


def _attach(stack: list[tuple[Node, str | None]], node: Node) -> None:
    parent, key = stack[-1]
    if isinstance(parent.value, list):
        parent.value.append(node)
        return
    assert isinstance(parent.value, dict)
    if key is not None:  # the value for the pending key
        parent.value[key] = node
        stack[-1] = (parent, None)
        return
    if isinstance(node.value, (list, dict)) or node.value is None:
        raise YamlError(node.line, "a key must be plain text")
    key = str(node.value)
    if key in parent.value:
        raise YamlError(node.line, f"duplicate key '{key}'")
    stack[-1] = (parent, key)


def plain(node: Node) -> object:
    """The node as plain Python data (for JSON Schema checks and tests)."""
    if isinstance(node.value, list):
        return [plain(item) for item in node.value]
    if isinstance(node.value, dict):
        return {key: plain(item) for key, item in node.value.items()}
    return node.value
