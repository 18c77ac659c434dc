from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import all_answers
from hypothesis import settings

import intimacy_cli

# Tests must exercise the installed package (with its bundled question files), never the
# source tree beside them: an editable or missing install would hide packaging mistakes.
assert "site-packages" in intimacy_cli.__file__, (
    f"intimacy_cli imported from {intimacy_cli.__file__}: install it with pip install '.[test]'"
)


# Property tests: 100 examples each by default; HYPOTHESIS_PROFILE=thorough for a long hunt.
settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile("thorough", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A long hunt is meant to take long: the guard against a hanging run (pytest-timeout,
    300 s a test) is lifted for it."""
    if os.environ.get("HYPOTHESIS_PROFILE") == "thorough":
        for item in items:
            item.add_marker(pytest.mark.timeout(0))


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(all_answers(4)))
    return path
