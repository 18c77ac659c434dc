"""The README's architecture paragraph matches the imports: data flows left to right along the
line it names, each module imports only modules to its left and the helpers, and the helpers
import only helpers."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from helpers import REPO

import intimacy_cli

PACKAGE = Path(intimacy_cli.__file__).parent


def the_line() -> list[str]:
    """The modules of the README's line, in order."""
    readme = (REPO / "README.md").read_text()
    section = readme[readme.index("### How the code is laid out") :]
    paragraph = section[section.index("`yamlsafe` →") :].split("\n\n", 1)[0]
    return [name.rstrip("/") for name in re.findall(r"`([a-z/]+)`", paragraph)]


def helpers_named() -> list[str]:
    readme = (REPO / "README.md").read_text()
    sentence = readme[readme.index("Helpers any of them may use:") :].split("\n\n", 1)[0]
    return [name for name in re.findall(r"`([a-z]+)`", sentence)]


def sources(module: str) -> list[Path]:
    path = PACKAGE / module
    return sorted(path.glob("*.py")) if path.is_dir() else [path.with_suffix(".py")]


def imported(module: str) -> set[str]:
    """Our own modules that `module` imports anywhere in its code (top level, inside
    functions, or for type checking only), by their first name under intimacy_cli."""
    found: set[str] = set()
    for path in sources(module):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                parts = node.module.split(".")
                if parts[0] == "intimacy_cli":
                    if len(parts) > 1:
                        found.add(parts[1])
                    else:
                        found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    parts = alias.name.split(".")
                    if parts[0] == "intimacy_cli" and len(parts) > 1:
                        found.add(parts[1])
    found.discard(module)
    return {
        name for name in found if (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").exists()
    }


LINE = the_line()
HELPERS = helpers_named()


def test_every_module_is_named_once() -> None:
    ours = {p.stem for p in PACKAGE.glob("*.py")} | {
        p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()
    }
    ours -= {"__init__", "__main__"}
    named = LINE + HELPERS
    assert len(named) == len(set(named))
    assert set(named) == ours


@pytest.mark.parametrize("position", range(len(LINE)), ids=LINE)
def test_each_module_of_the_line_imports_only_what_is_to_its_left(position: int) -> None:
    module = LINE[position]
    allowed = set(LINE[:position]) | set(HELPERS)
    assert imported(module) <= allowed, imported(module) - allowed


@pytest.mark.parametrize("module", HELPERS)
def test_the_helpers_import_only_helpers(module: str) -> None:
    assert imported(module) <= set(HELPERS), imported(module) - set(HELPERS)
