"""The JSON report: written by `--export x.json` and `--json`, read back by `compare`.

Writer and reader live together so that the format is defined once. A JSON file may come from
someone else, so the reader trusts nothing in it: it opens only a regular file (a FIFO or a
device would hang or never end), refuses floats, huge numbers, deep nesting and duplicate
keys, checks every field it uses, and names a question set only by id (never a path).
"""

from __future__ import annotations

import errno
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from intimacy_cli import safetext
from intimacy_cli.bank import MAX_VERSION, WISHES, is_id
from intimacy_cli.errors import InputError
from intimacy_cli.focus import FOCUSES
from intimacy_cli.report import Report

FORMAT = "intimacy-report"
FORMAT_VERSION = 2
MAX_BYTES = 4 * 1024 * 1024
MAX_DIGITS = 18  # whole numbers in our files are small; anything longer is not ours


def data(report: Report, with_safety_answers: bool) -> dict[str, Any]:
    answers = report.answers if with_safety_answers else report.shared_answers
    lines = [
        {"name": line.name, "how": line.how, "source": line.source, "checked": line.checked}
        for line in report.safety_lines
    ]
    safety = None
    if report.concern:
        from intimacy_cli import report as words

        safety = {
            "notes": list(report.safety_notes) if with_safety_answers else [],
            "text": words.SAFETY_FIRST,
            "lines": lines,
            "support": list(words.SUPPORT),
            "leave_no_trace": words.LEAVE_NO_TRACE,
        }
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "bank": {"id": report.bank_id, "version": report.bank_version, "title": report.bank_title},
        "focus": report.focus,
        "country": report.country or None,
        "created": report.created.isoformat(timespec="seconds"),
        "safety_concern": report.concern,
        "safety_caution": report.caution is not None,
        "safety_answers": "included" if answers == report.answers else "left out",
        "answers": dict(answers),
        "scores": {
            "overall": report.overall,
            "overall_band": report.overall_band,
            "areas": {
                area.id: {
                    "name": area.name,
                    "score": area.score,
                    "band": area.band,
                    "words": area.band_words,
                    "wish": area.wish,
                    "answered": area.answered,
                    "total": area.total,
                }
                for area in report.areas
            },
        },
        "summary": {
            "headline": report.headline,
            "wishes": report.wishes,
            "caution": report.caution,
            "caution_lines": lines if report.caution else [],
            "safety": safety,
            "reflections": {area.id: area.reflection for area in report.areas},
            "going_well": list(report.going_well),
            "practices": [{"area": p.area, "text": p.text} for p in report.practices],
            "practices_note": report.practices_note,
            "barriers": [
                {"label": b.label, "reflection": b.reflection, "practice": b.practice}
                for b in report.barriers
            ],
            "closing": report.closing,
            "since": report.since.isoformat(timespec="seconds") if report.since else None,
            "changes": list(report.changes),
        },
        "disclaimer": report.disclaimer,
        "crisis": report.crisis,
    }


@dataclass(frozen=True)
class Shared:
    """What `compare` takes from a JSON report, every field checked."""

    bank_id: str
    bank_version: int
    focus: str
    created: datetime
    concern: bool
    caution: bool  # short of a concern, care is due (see scoring.Scores)
    areas: dict[str, int | None]
    wishes: dict[str, str | None]


class _Refused(ValueError):
    pass


def read(path: Path) -> Shared:
    """A JSON report from `path`, or an InputError that says what is wrong with it."""
    from intimacy_cli.files import read_regular

    source = safetext.clean(str(path))
    try:
        data = read_regular(path, MAX_BYTES)
        if len(data) > MAX_BYTES:
            raise _Refused(f"it is larger than {MAX_BYTES // 1024 // 1024} MiB")
        return _shared(_parse(data))
    except OSError as error:
        if error.errno != errno.EINVAL:  # EINVAL: there, but not a regular file
            raise InputError.single(source, f"cannot read the file: {error.strerror}") from None
        why = error.strerror
    except _Refused as error:
        why = str(error)
    raise InputError.single(
        source,
        f"is not a result that compare can read: {why} (use a .json file from "
        "`intimacy check --export`, or a history number)",
    )


def _parse(data: bytes) -> Any:
    try:
        return json.loads(
            data.decode("utf-8-sig"),  # a byte order mark, as some editors write, is fine
            parse_float=_no_float,
            parse_int=_small_int,
            parse_constant=_no_float,
            object_pairs_hook=_no_duplicates,
        )
    except UnicodeDecodeError:
        raise _Refused("it is not UTF-8 text") from None
    except RecursionError:
        raise _Refused("it is nested too deeply") from None
    except json.JSONDecodeError as error:
        raise _Refused(f"it is not valid JSON (line {error.lineno})") from None


def _no_float(text: str) -> Any:
    raise _Refused(f"'{text[:20]}' is not a whole number; the format has no fractions")


def _small_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _Refused(f"a number with {len(text)} digits is far too large")
    return int(text)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Refused(f"the key '{safetext.clean(key)[:40]}' appears twice")
        result[key] = value
    return result


def _shared(tree: Any) -> Shared:
    root = _mapping(tree, "the file")
    if root.get("format") != FORMAT:
        raise _Refused(f'it has no "format": "{FORMAT}"')
    version = root.get("format_version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise _Refused(
            f"its format_version is {_shown(version)}; this intimacy reads version "
            f"{FORMAT_VERSION} (export the result again with this intimacy)"
        )
    bank = _mapping(root.get("bank"), "'bank'")
    bank_id = _text(bank.get("id"), "'bank.id'")
    if not is_id(bank_id):
        raise _Refused(
            f"'bank.id' must be a question set's id (a-z, 0-9, '-'), not {_shown(bank_id)}"
        )
    focus = _text(root.get("focus"), "'focus'")
    if focus not in FOCUSES:
        raise _Refused(f"'focus' must be one of {', '.join(FOCUSES)}, not {_shown(focus)}")
    created = _text(root.get("created"), "'created'")
    try:
        when = datetime.fromisoformat(created[:40])
    except ValueError:
        raise _Refused(f"'created' is not a date and time: {_shown(created)}") from None
    concern = root.get("safety_concern")
    if not isinstance(concern, bool):
        raise _Refused("'safety_concern' must be true or false")
    caution = root.get("safety_caution")
    if not isinstance(caution, bool):
        raise _Refused("'safety_caution' must be true or false")
    areas: dict[str, int | None] = {}
    wishes: dict[str, str | None] = {}
    scores = _mapping(_mapping(root.get("scores"), "'scores'").get("areas"), "'scores.areas'")
    for area_id, entry in scores.items():
        where = f"'scores.areas.{safetext.clean(area_id)[:40]}'"
        if not is_id(area_id):
            raise _Refused(f"{where} is not an area id")
        fields = _mapping(entry, where)
        areas[area_id] = _score(fields.get("score"), f"{where}.score")
        wish = fields.get("wish")
        if wish is not None and not (isinstance(wish, str) and wish in WISHES):
            raise _Refused(f"{where}.wish must be one of {', '.join(WISHES)} or null")
        wishes[area_id] = wish
    if not areas:
        raise _Refused("'scores.areas' holds no part to compare")
    return Shared(
        bank_id,
        _whole(bank.get("version"), "'bank.version'", 1, MAX_VERSION),
        focus,
        when,
        concern,
        caution,
        areas,
        wishes,
    )


def _mapping(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Refused(f"{what} must be a JSON object")
    return value


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise _Refused(f"{what} must be text")
    return value


def _whole(value: Any, what: str, lowest: int, highest: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lowest <= value <= highest:
        raise _Refused(
            f"{what} must be a whole number from {lowest} to {highest}, not {_shown(value)}"
        )
    return value


def _score(value: Any, what: str) -> int | None:
    return None if value is None else _whole(value, what, 0, 100)


def _shown(value: Any) -> str:
    return safetext.clean(json.dumps(value))[:40]
