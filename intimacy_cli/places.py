"""Where intimacy keeps the person's files: one answer for every command."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from intimacy_cli.errors import InputError


def home(kind: Literal["data", "config"]) -> Path:
    """The folder for the history ("data") or for question files of one's own ("config"):
    $INTIMACY_HOME for both when it is set, else the platform's folder for each."""
    value = os.environ.get("INTIMACY_HOME")
    if value:
        folder = Path(value)
        if folder.exists() and not folder.is_dir():
            raise InputError.single("INTIMACY_HOME", f"'{value}' is not a folder")
        return folder
    import platformdirs  # only when it is needed: it is not free to import

    if kind == "data":
        return Path(platformdirs.user_data_dir("intimacy"))
    return Path(platformdirs.user_config_dir("intimacy"))
