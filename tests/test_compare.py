"""`intimacy compare`: two people, or one person over time; safety first when either result
signals a concern; and a file from someone else trusted in nothing."""

from __future__ import annotations

import copy
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from helpers import run, run_process
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intimacy_cli import catalog, reportjson
from intimacy_cli.comparison import STARTERS_INTRO
from intimacy_cli.errors import InputError


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("INTIMACY_HOME", str(tmp_path / "home"))
    return {"INTIMACY_HOME": str(tmp_path / "home")}


def answers_for(bank_id: str, value: int, afraid: int = 1, **wishes: str) -> dict[str, object]:
    loaded = catalog.load(bank_id)
    answers: dict[str, object] = {}
    for q in loaded.asked("partner"):
        if q.kind == "choose-any":
            answers[q.id] = []
        elif q.kind == "wish":
            answers[q.id] = wishes.get(q.area or "", "skip")
        else:
            answers[q.id] = afraid if q.safety else (6 - value if q.reverse else value)
    return answers


def export(
    env: dict[str, str], tmp_path: Path, value: int, bank_id: str = "emotional-intimacy", **kw: Any
) -> Path:
    name = f"{bank_id}-{value}-{kw.get('afraid', 1)}"
    answers = tmp_path / f"{name}-answers.json"
    answers.write_text(json.dumps(answers_for(bank_id, value, **kw)))
    path = tmp_path / f"{name}.json"
    result = run(
        "check",
        bank_id,
        "--for",
        "partner",
        "--answers",
        str(answers),
        "--export",
        str(path),
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return path


def flat(text: str) -> str:
    return " ".join(text.split())


def test_two_people_from_their_exports(env: dict[str, str], tmp_path: Path) -> None:
    mine = export(env, tmp_path, 3)
    theirs = export(env, tmp_path, 5, sharing="much-more")
    result = run("compare", str(mine), str(theirs), "--export", str(tmp_path / "c.md"), env=env)
    assert result.returncode == 0, result.stderr
    out = flat(result.stdout)
    assert "Where you see things most alike" in out
    assert "Where you see things most differently" in out
    assert "Conversation starters" in out and "not a contest" in out and "Ask each other" in out
    assert out.index(" ".join(STARTERS_INTRO.split())) < out.index("Ask each other")
    assert "100 ++" in out  # the wish beside the score
    assert "988" in out and "not a diagnosis" in out
    assert "right" not in out.lower().replace("rights", "")  # never who is "right"
    saved = (tmp_path / "c.md").read_text()
    assert "| Sharing your inner world |" in saved and "988" in saved


def test_one_person_over_time_is_not_spoken_to_as_two(env: dict[str, str], tmp_path: Path) -> None:
    for value in (2, 5):
        answers = tmp_path / f"a{value}.json"
        answers.write_text(json.dumps(answers_for("emotional-intimacy", value)))
        run("check", "--for", "partner", "--answers", str(answers), "--save", env=env)
    result = run("compare", "1", "2", "--export", str(tmp_path / "c.json"), env=env)
    assert result.returncode == 0, result.stderr
    out = flat(result.stdout)
    assert "Your results at two times" in out and "Where your answers moved most" in out
    assert "each other" not in out and "Conversation starters" not in out
    data = json.loads((tmp_path / "c.json").read_text())
    assert data["format"] == "intimacy-comparison" and data["over_time"] is True
    assert data["conversation_starters"] == []


def test_a_concern_on_either_side_puts_safety_first_and_no_starters(
    env: dict[str, str], tmp_path: Path
) -> None:
    calm = export(env, tmp_path, 2)
    afraid = export(env, tmp_path, 5, afraid=3)
    for first, second in ((calm, afraid), (afraid, calm)):
        result = run("compare", str(first), str(second), "--country", "GB", env=env)
        assert result.returncode == 0, result.stderr
        out = flat(result.stdout)
        assert out.index("Your safety comes first") < out.index("Difference")
        assert "0808 2000 247" in out and "116 123" in out
        assert "Conversation starters" not in out and "Ask each other" not in out
        assert "most differently" not in out and "curious together" not in out
        assert "not something to go through together" in out
    exported = run(
        "compare", str(calm), str(afraid), "--export", str(tmp_path / "both.txt"), env=env
    )
    assert "the person the answers are about included, would see that" in flat(exported.stderr)


def test_one_person_over_time_with_a_concern_is_spoken_to_as_you(
    env: dict[str, str], tmp_path: Path
) -> None:
    for afraid in (1, 4):
        answers = tmp_path / f"a{afraid}.json"
        answers.write_text(json.dumps(answers_for("emotional-intimacy", 4, afraid=afraid)))
        run("check", "--for", "partner", "--answers", str(answers), "--save", env=env)
    out = flat(run("compare", "1", "2", env=env).stdout)
    assert "you may not always feel safe" in out and "that someone may not" not in out
    listing = run("history", env=env).stdout
    assert "safety came first in this result" in flat(listing)
    marked = [line for line in listing.splitlines() if line.strip().startswith("2 ")]
    assert marked and "!" in marked[0]


def test_the_exported_json_leaves_the_safety_answers_out(
    env: dict[str, str], tmp_path: Path
) -> None:
    data = json.loads(export(env, tmp_path, 5, afraid=4).read_text())
    assert data["safety_concern"] is True and data["safety_answers"] == "left out"
    assert "afraid-of-reaction" not in data["answers"]


def test_results_of_different_sets_or_versions_say_why_they_cannot_be_compared(
    env: dict[str, str], tmp_path: Path
) -> None:
    core, four = export(env, tmp_path, 3), export(env, tmp_path, 3, bank_id="four-types")
    result = run("compare", str(core), str(four), env=env)
    assert result.returncode == 2 and "must come from the same question set" in result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    old = json.loads(core.read_text())
    old["bank"]["version"] = 1
    older = tmp_path / "older.json"
    older.write_text(json.dumps(old))
    result = run("compare", str(core), str(older), env=env)
    assert result.returncode == 2
    assert "is from version 1 of 'emotional-intimacy'" in result.stderr
    assert "the questions changed between versions" in result.stderr


def test_a_missing_history_number(env: dict[str, str], tmp_path: Path) -> None:
    result = run("compare", "1", "9", env=env)
    assert result.returncode == 1 and "there is no result 1" in result.stderr


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".svg", ".json"])
def test_compare_exports_every_format_privately_with_the_footer(
    env: dict[str, str], tmp_path: Path, suffix: str
) -> None:
    mine, theirs = export(env, tmp_path, 2), export(env, tmp_path, 5)
    target = tmp_path / f"both{suffix}"
    result = run("compare", str(mine), str(theirs), "--export", str(target), env=env)
    assert result.returncode == 0, result.stderr
    content = target.read_text().replace("&#160;", " ")
    assert "988" in content and "Sharing your inner world" in content
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


# ---------------------------------------------------------------- a file from someone else


def a_valid_export(tmp_path: Path, env: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(export(env, tmp_path, 3).read_text())
    return data


HOSTILE: list[tuple[str, Any, str]] = [
    ("a path for a set", ("bank", "id", "/etc/passwd"), "must be a question set's id"),
    ("a relative path", ("bank", "id", "../../x"), "must be a question set's id"),
    ("an unknown set", ("bank", "id", "no-such-set"), "no such question set"),
    ("an older format", ("format_version", None, 1), "format_version is 1"),
    ("a future format", ("format_version", None, 99), "format_version is 99"),
    ("a yes for a version", ("format_version", None, True), "format_version is true"),
    ("a fraction", ("scores", "areas", {"sharing": {"score": 50.5}}), "not a whole number"),
    ("a boolean score", ("scores", "areas", {"sharing": {"score": True}}), "whole number from 0"),
    ("a score above 100", ("scores", "areas", {"sharing": {"score": 101}}), "from 0 to 100"),
    ("a negative score", ("scores", "areas", {"sharing": {"score": -1}}), "from 0 to 100"),
    ("a version too large", ("bank", "version", 2**70), "too large"),
    ("a focus unknown", ("focus", None, "the boss"), "'focus' must be one of"),
    ("a date that is not", ("created", None, "yesterday"), "not a date"),
    ("an unknown wish", ("scores", "areas", {"sharing": {"score": 5, "wish": "x"}}), "wish"),
    # found by the thorough hunt: a list cannot even be looked up among the wishes
    ("a list for a wish", ("scores", "areas", {"sharing": {"score": 5, "wish": ["less"]}}), "wish"),
    ("no concern flag", ("safety_concern", None, "no"), "must be true or false"),
]


@pytest.mark.parametrize(("name", "change", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_file_from_someone_else_is_trusted_in_nothing(
    env: dict[str, str], tmp_path: Path, name: str, change: tuple[str, Any, Any], message: str
) -> None:
    data = a_valid_export(tmp_path, env)
    key, inner, value = change
    if inner is None:
        data[key] = value
    else:
        data[key][inner] = value
    path = tmp_path / "theirs.json"
    path.write_text(json.dumps(data))
    result = run("compare", str(path), str(path), env=env)
    assert result.returncode == 2, (name, result.stderr)
    assert message in result.stderr, (name, result.stderr)
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
    assert "root:" not in result.stdout + result.stderr  # /etc/passwd was never read


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("1e999", '{"format": "intimacy-report", "format_version": 1e999}', "not a whole number"),
        ("NaN", '{"format": "intimacy-report", "format_version": NaN}', "not a whole number"),
        ("5,000 digits", '{"format_version": ' + "9" * 5000 + "}", "far too large"),
        ("deep nesting", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("duplicate keys", '{"format": "intimacy-report", "format": "x"}', "appears twice"),
        ("not JSON", "not json", "not valid JSON"),
        ("not an object", "[]", "must be a JSON object"),
        ("another format", '{"format": "something-else"}', 'no "format": "intimacy-report"'),
        ("not UTF-8", b"\xff\xfe{}", "not UTF-8"),
    ],
)
def test_malformed_files_are_refused_with_what_is_wrong(
    env: dict[str, str], tmp_path: Path, name: str, raw: str | bytes, message: str
) -> None:
    path = tmp_path / "theirs.json"
    path.write_bytes(raw if isinstance(raw, bytes) else raw.encode())
    result = run("compare", str(path), str(path), env=env)
    assert result.returncode == 2, (name, result.stderr)
    assert message in result.stderr and "unexpected" not in result.stderr, (name, result.stderr)


def test_a_fifo_a_folder_or_a_device_is_refused_at_once(
    env: dict[str, str], tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    for path in (fifo, tmp_path, Path("/dev/zero")):
        result = run_process("compare", str(path), str(path), env=env, timeout=10)  # no hang
        assert result.returncode == 2 and "not a regular file" in result.stderr, path


def test_a_file_over_the_size_cap_is_refused(env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text('{"pad": "' + "x" * (reportjson.MAX_BYTES + 10) + '"}')
    result = run("compare", str(path), str(path), env=env)
    assert result.returncode == 2 and "larger than 4 MiB" in result.stderr


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=12,
)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_change_to_a_valid_export_is_read_or_refused_with_the_readers_own_error(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    """A valid export with any one value anywhere replaced by anything JSON can hold."""
    from datetime import datetime, timezone

    from intimacy_cli import layout, render, report, scoring
    from intimacy_cli.helplines import for_country

    core = catalog.load("emotional-intimacy")
    answers: dict[str, scoring.Answer] = {
        q.id: 3 if q.kind == "scale" else None for q in core.questions
    }
    made = report.reflect(
        core,
        "partner",
        answers,
        scoring.score(core, "partner", answers),
        datetime(2026, 1, 1, tzinfo=timezone.utc),
        for_country("US"),
    )
    tree = json.loads(
        render.export(".json", layout.summary(made), lambda: reportjson.data(made, False))
    )
    target: Any = tree
    while isinstance(target, (dict, list)) and target and data.draw(st.booleans()):
        keys = list(target) if isinstance(target, dict) else list(range(len(target)))
        key = data.draw(st.sampled_from(keys))
        if not isinstance(target[key], (dict, list)) or data.draw(st.booleans()):
            target[key] = data.draw(json_values)
            break
        target = target[key]
    path = tmp_path_factory.mktemp("shared") / "theirs.json"
    path.write_text(json.dumps(copy.deepcopy(tree)))
    try:
        shared = reportjson.read(path)
    except InputError as error:
        assert error.problems and "is not a result that compare can read" in str(error)
    else:
        assert shared.bank_version >= 1 and all(
            score is None or 0 <= score <= 100 for score in shared.areas.values()
        )


def test_an_export_saved_with_a_byte_order_mark_is_read(
    env: dict[str, str], tmp_path: Path
) -> None:
    mine = export(env, tmp_path, 3)
    marked = tmp_path / "marked.json"
    marked.write_bytes(b"\xef\xbb\xbf" + mine.read_bytes())
    assert run("compare", str(mine), str(marked), env=env).returncode == 0


def test_a_skipped_safety_question_on_either_side_holds_the_starters_back(
    env: dict[str, str], tmp_path: Path
) -> None:
    low = export(env, tmp_path, 3)
    answered = export(env, tmp_path, 5)
    assert "Conversation starters" in flat(run("compare", str(low), str(answered), env=env).stdout)
    skipped = export(env, tmp_path, 5, afraid="skip")
    assert json.loads(skipped.read_text())["safety_caution"] is True
    for first, second in ((low, skipped), (skipped, low)):
        result = run("compare", str(first), str(second), env=env)
        assert result.returncode == 0, result.stderr
        out = flat(result.stdout)
        assert "Conversation starters" not in out and "Ask each other" not in out
        assert "get curious together" not in out and "a counsellor of your own" in out
        assert "988" in out


def test_results_about_different_people_are_not_compared(
    env: dict[str, str], tmp_path: Path
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(answers_for("emotional-intimacy", 3)))
    for focus in ("partner", "friends"):
        saved = run("check", "--for", focus, "--answers", str(answers), "--save", env=env)
        assert saved.returncode == 0, saved.stderr
    kept = run("compare", "1", "2", env=env)
    assert kept.returncode == 2 and kept.stdout == ""
    assert "#2" in kept.stderr and "about your friends" in kept.stderr
    assert "must be about the same people" in kept.stderr
    mine = export(env, tmp_path, 3)
    data = json.loads(mine.read_text())
    data["focus"] = "family"
    theirs = tmp_path / "theirs.json"
    theirs.write_text(json.dumps(data))
    shared = run("compare", str(mine), str(theirs), env=env)
    assert shared.returncode == 2 and "about your family" in shared.stderr
    assert run("compare", str(mine), str(mine), env=env).returncode == 0


def test_a_shared_file_with_no_parts_is_refused(env: dict[str, str], tmp_path: Path) -> None:
    mine = export(env, tmp_path, 3)
    data = json.loads(mine.read_text())
    data["scores"]["areas"] = {}
    empty = tmp_path / "empty.json"
    empty.write_text(json.dumps(data))
    result = run("compare", str(mine), str(empty), env=env)
    assert result.returncode == 2 and "holds no part to compare" in result.stderr
    data["scores"]["areas"] = {"nowhere": {"score": 5, "wish": None}}  # none of the set's
    empty.write_text(json.dumps(data))
    result = run("compare", str(empty), str(mine), env=env)
    assert (
        result.returncode == 2 and "empty: holds no part of 'emotional-intimacy'" in result.stderr
    )


def test_a_shared_file_must_say_whether_caution_was_due(
    env: dict[str, str], tmp_path: Path
) -> None:
    mine = export(env, tmp_path, 3)
    data = json.loads(mine.read_text())
    del data["safety_caution"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data))
    result = run("compare", str(mine), str(old), env=env)
    assert result.returncode == 2 and "'safety_caution' must be true or false" in result.stderr
