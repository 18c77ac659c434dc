"""Build hook: check every shipped question set and compile it to JSON for the wheel.

Each questions/*.yaml is loaded with the package's own loader, with every check it makes (an
invalid set fails the build), and written as intimacy_cli/questions/<id>.json beside its YAML
file, so that the installed program reads shipped sets without a YAML parser.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileQuestionSets(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        sys.path.insert(0, self.root)  # the package being built, from its source
        from intimacy_cli import bank

        self.compiled = Path(tempfile.mkdtemp(prefix="intimacy-questions-"))
        for path in sorted(Path(self.root, "questions").glob("*.yaml")):
            loaded = bank.load_bytes(path.read_bytes(), path.name)
            target = self.compiled / f"{loaded.id}.json"
            target.write_text(json.dumps(bank.as_data(loaded), ensure_ascii=False), "utf-8")
            build_data["force_include"][str(target)] = f"intimacy_cli/questions/{target.name}"
