from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import all_answers

import intimacy_cli

# Tests must exercise the installed package (with its bundled question files), never the
# source tree beside them: an editable or missing install would hide packaging mistakes.
assert "site-packages" in intimacy_cli.__file__, (
    f"intimacy_cli imported from {intimacy_cli.__file__}: install it with pip install '.[test]'"
)


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(all_answers(4)))
    return path
