"""Loading question files: the shipped bank, and every way a file can be wrong."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from intimacy_cli import bank, catalog
from intimacy_cli.errors import BankError
from intimacy_cli.focus import FOCUSES, fill

MINIMAL = """\
id: tiny
title: A tiny set
version: 1
intro: Hello {people}.
scale:
  - {value: 1, label: Never}
  - {value: 2, label: Sometimes}
  - {value: 3, label: Always}
bands: {low: 40, high: 70}
headlines: {low: Low., middle: Middle., high: High.}
areas:
  - id: sharing
    name: Sharing
    reflections: {low: L, middle: M, high: H}
    practices: ["Talk with {people}."]
questions:
  - id: q1
    area: sharing
    text: Do you talk with {people}?
  - id: q2
    area: sharing
    text: Is it hard?
    reverse: true
  - id: q3
    area: sharing
    text: Do you listen to {people}?
  - id: q4
    area: sharing
    text: Do you hold back?
    reverse: true
"""


def load(text: str) -> bank.Bank:
    return bank.load_bytes(text.encode(), "test.yaml")


def problems(text: str | bytes) -> list[str]:
    data = text.encode() if isinstance(text, str) else text
    with pytest.raises(BankError) as caught:
        bank.load_bytes(data, "test.yaml")
    return [str(problem) for problem in caught.value.problems]


def test_minimal_bank_loads_with_its_parts() -> None:
    loaded = load(MINIMAL)
    assert loaded.id == "tiny"
    assert [point.value for point in loaded.scale] == [1, 2, 3]
    assert [q.reverse for q in loaded.questions] == [False, True, False, True]
    assert loaded.area("sharing").practices == (bank.Practice("Talk with {people}.", "more"),)
    assert (loaded.low_below, loaded.high_from) == (40, 70)


def test_shipped_core_set_meets_the_content_brief_and_stays_short() -> None:
    shipped = catalog.load("emotional-intimacy")
    assert len(shipped.questions) <= 24  # wish and safety questions included
    assert {a.id for a in shipped.areas} == {"sharing", "knowing", "being-yourself", "reciprocity"}
    for area in shipped.areas:
        assert set(area.reflections) == {"low", "middle", "high"}
        assert {p.wish for p in area.practices} >= {"more", "less"}, area.id
    assert all("{people}" in q.text for q in shipped.questions)
    assert "emotional-intimacy" in catalog.shipped_ids()


@pytest.mark.parametrize("bank_id", catalog.shipped_ids())
@pytest.mark.parametrize("focus", list(FOCUSES))
def test_every_shipped_area_is_measured_honestly_for_every_focus(bank_id: str, focus: str) -> None:
    """At least four scored questions, at least one worded the other way round, and answering
    everything alike lands in the middle; one wish question each; safety never scored."""
    loaded = catalog.load(bank_id)
    asked = loaded.asked(focus)
    scored_areas = {q.area for q in asked if q.scored}
    assert scored_areas, (bank_id, focus)
    for area_id in scored_areas:
        scored = [q for q in asked if q.scored and q.area == area_id]
        assert len(scored) >= 4 and any(q.reverse for q in scored), (bank_id, area_id)
        for share in (sum(q.reverse for q in scored), sum(not q.reverse for q in scored)):
            assert loaded.low_below <= round(100 * share / len(scored)) < loaded.high_from
        assert sum(q.kind == "wish" and q.area == area_id for q in asked) == 1
    assert any(q.safety for q in asked), (bank_id, focus)
    assert all(q.area is None for q in asked if q.safety)


def test_sexual_closeness_is_asked_only_about_a_partner() -> None:
    four = catalog.load("four-types")
    partner = {q.area for q in four.asked("partner")}
    assert "sexual" in partner
    for focus in ("family", "friends", "everyone"):
        assert "sexual" not in {q.area for q in four.asked(focus)}
    pressure = [q for q in four.asked("partner") if q.safety and "pressured" in q.text]
    assert pressure and min(pressure[0].concern) == 2  # any pressure at all is a concern


def test_fill_uses_the_focus_words() -> None:
    assert fill("Talk with {people}. {People} listen.", "partner") == (
        "Talk with your partner. Your partner listen."
    )
    assert fill("with {people}", "everyone") == "with the people close to you"


MINIMAL_PROBLEMS = [
    (
        "    reverse: true",
        "    reverse: no",
        "test.yaml:23: 'reverse' of question 'q2' must be true or false, not 'no'",
    ),
    (
        "    reverse: true",
        "    reverse: yes\n    extra: 1",
        "test.yaml:24: unknown key 'extra' in a question",
    ),
    (
        "  - id: q2\n",
        "  - id: q1\n",
        "test.yaml:20: the question id 'q1' is used twice (first on line 17)",
    ),
    (
        "    area: sharing\n    text: Is",
        "    area: trust\n    text: Is",
        "test.yaml:20: question 'q2' names area 'trust', which is not listed under 'areas'",
    ),
    (
        "Do you talk with {people}?",
        "Do you talk with {partner}?",
        "test.yaml:19: unknown placeholder {partner} in the 'text' of question 'q1'",
    ),
    (
        "  - {value: 2, label: Sometimes}",
        "  - {value: 0, label: Sometimes}",
        "test.yaml:7: scale values must go up: 0 comes after 1",
    ),
    (
        "  - {value: 3, label: Always}",
        "  - {value: 3, label: never}",
        "test.yaml:8: the scale label 'never' is used twice",
    ),
    (
        "version: 1",
        "version: 017",
        "test.yaml:3: 'version' must be a whole number, not '017' (write plain digits)",
    ),
    ("version: 1", "version: one", "test.yaml:3: 'version' must be a whole number"),
    (
        "title: A tiny set",
        "title: no",
        "test.yaml:2: 'title' 'no' would be read as a yes/no value by YAML tools: put it in quotes",
    ),
    ("title: A tiny set", "title: 1.5", "test.yaml:2: 'title' '1.5' would be read as a number"),
    ("title: A tiny set", "title: [a]", "test.yaml:2: 'title' must be text"),
    ("title: A tiny set", "title: '  '", "test.yaml:2: 'title' is empty"),
    ("id: tiny", "id: Tiny Set", "test.yaml:1: 'id' 'Tiny Set' must use only a-z, 0-9 and '-'"),
    (
        "bands: {low: 40, high: 70}",
        "bands: {low: 70, high: 40}",
        "test.yaml:9: 'bands: high' (40) must be above 'low' (70)",
    ),
    (
        "bands: {low: 40, high: 70}",
        "bands: {low: 40, high: 700}",
        "test.yaml:9: 'bands: high' must be from 1 to 100, not 700",
    ),
    (
        "headlines: {low: Low., middle: Middle., high: High.}",
        "headlines: {low: Low.}",
        "test.yaml:10: 'headlines' is missing 'middle'",
    ),
    (
        '    practices: ["Talk with {people}."]',
        "    practices: []",
        "test.yaml:15: the 'practices' of area 'sharing' needs at least 1 item(s)",
    ),
    ("questions:\n", "questions: oops\nx:\n", "test.yaml:16: 'questions' must be a list"),
    (
        "title: A tiny set",
        "title: A tiny set\ntitle: Again",
        "test.yaml:3: duplicate key 'title'",
    ),
    (
        "intro: Hello {people}.",
        "intro: &x Hello",
        "test.yaml:4: YAML anchors (&x) are not allowed",
    ),
    (
        "title: A tiny set",
        "title: !!python/object/apply:os.system [ls]",
        "test.yaml:2: YAML tags (!!python/object/apply:os.system) are not allowed",
    ),
    ("title: A tiny set", "title: [unclosed", "test.yaml:3: not valid YAML"),
]


@pytest.mark.parametrize(("old", "new", "expected"), MINIMAL_PROBLEMS)
def test_each_problem_names_file_line_and_what_is_wrong(old: str, new: str, expected: str) -> None:
    assert old in MINIMAL
    found = problems(MINIMAL.replace(old, new, 1))
    assert any(problem.startswith(expected) for problem in found), found


def test_every_problem_in_a_file_is_reported_not_just_the_first() -> None:
    text = MINIMAL.replace("version: 1", "version: x").replace("reverse: true", "reverse: maybe", 1)
    found = problems(text + "colour: blue\n")
    assert len(found) == 3
    assert [problem.split(":")[1] for problem in found] == ["3", "23", "31"]


def test_missing_top_level_keys_are_named() -> None:
    assert problems("id: x\n") == [
        "test.yaml:1: the question file is missing 'title', 'version', 'intro', 'scale', "
        "'bands', 'headlines', 'areas', 'questions'"
    ]


def test_an_area_without_questions_is_an_error() -> None:
    extra_area = MINIMAL.replace(
        "questions:\n",
        textwrap.dedent("""\
          - id: lonely
            name: Lonely
            reflections: {low: L, middle: M, high: H}
            practices: [P]
        questions:
        """),
    )
    assert any("area 'lonely' has no questions" in p for p in problems(extra_area))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "test.yaml:1: the file is empty"),
        (b"# only a comment\n", "test.yaml:1: the file is empty"),
        (b"- a list\n", "test.yaml:1: the question file must be a set of 'key: value' lines"),
        (b"a: 1\n---\nb: 2\n", "test.yaml:2: only one YAML document is allowed"),
        (b"id: x\ntitle: caf\xe9\n", "test.yaml:2: not UTF-8 text (byte 0xe9)"),
        (b"id: x\ntitle: bell\x07\n", "test.yaml:2: a control character (U+0007) is not allowed"),
        (b"a: &a [*a]\n", "test.yaml:1: YAML anchors (&a) are not allowed"),
        (b"a: *b\n", "test.yaml:1: YAML aliases (*name) are not allowed"),
        (b"[" * 100_000, "test.yaml:1: "),
        (b"{" * 100_000, "test.yaml:1: "),
        (b"a:\n" + b"".join(b"  " * i + b"- \n" for i in range(1, 40)), "nesting is deeper than"),
    ],
)
def test_hostile_and_broken_files_are_refused_cleanly(data: bytes, expected: str) -> None:
    assert any(expected in problem for problem in problems(data)), problems(data)


def test_size_cap_is_checked_before_parsing() -> None:
    data = b"title: '" + b"x" * (bank.MAX_BANK_BYTES + 10) + b"'\n"
    assert problems(data) == ["test.yaml: the file is larger than 8 MiB"]


def test_escape_sequences_and_markup_in_text_are_made_harmless() -> None:
    hostile = MINIMAL.replace(
        "text: Do you talk with {people}?",
        'text: "Do you \\e[2Jtalk \\e]8;;http://x\\e\\\\with\\e]8;;\\e\\\\ '
        '[bold]{people}[/]?\\x07"',
    )
    question = load(hostile).questions[0]
    assert "\x1b" not in question.text and "\x07" not in question.text
    assert question.text == "Do you talk with [bold]{people}[/]?"


def test_byte_order_mark_is_accepted() -> None:
    assert bank.load_bytes(b"\xef\xbb\xbf" + MINIMAL.encode(), "bom.yaml").id == "tiny"


def test_unknown_shipped_id_and_unreadable_path(tmp_path: Path) -> None:
    with pytest.raises(BankError, match="no such question set"):
        catalog.load("no-such-set")
    with pytest.raises(BankError, match="cannot read the file"):
        catalog.load(str(tmp_path / "missing.yaml"))


def test_path_loading_reads_a_users_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(MINIMAL)
    assert catalog.load(str(path)).source == str(path)


CHOOSE_ANY = (
    MINIMAL
    + """\
  - id: in-the-way
    kind: choose-any
    text: What gets in the way with {people}?
    choices:
      - id: judged
        label: Feeling judged
        reflection: Judgment makes sharing hard.
        practice: Say what helps you feel heard.
      - id: busy
        label: Too little time
        reflection: Closeness needs time.
        practice: {text: "Spend time with {people}.", wish: any, safe_if_concern: true}
"""
)
SAFETY = (
    MINIMAL
    + """\
  - id: afraid
    text: Are you afraid of {people}?
    safety: true
    concern: [3]
"""
)


def test_choose_any_questions_load_with_their_choices() -> None:
    question = load(CHOOSE_ANY).questions[-1]
    assert question.kind == "choose-any" and question.area is None
    assert [c.id for c in question.choices] == ["judged", "busy"]
    assert question.choices[1].practice == bank.Practice("Spend time with {people}.", "any", True)
    assert not question.scored and all(q.scored for q in load(MINIMAL).questions)


def test_safety_questions_load_with_their_concerning_answers_and_are_never_scored() -> None:
    question = load(SAFETY).questions[-1]
    assert question.concern == frozenset({3}) and question.safety and not question.scored
    assert question.area is None and load(SAFETY).questions[0].concern == frozenset()


def test_practices_are_marked_by_the_wish_they_serve_and_whether_safe_under_a_concern() -> None:
    text = MINIMAL.replace(
        'practices: ["Talk with {people}."]',
        'practices: [{text: "Talk.", wish: less, safe_if_concern: true}, "Listen."]',
    )
    assert load(text).areas[0].practices == (
        bank.Practice("Talk.", "less", True),
        bank.Practice("Listen.", "more", False),
    )


CHOOSE_ANY_PROBLEMS = [
    (
        "    kind: choose-any\n",
        "    kind: choose-any\n    area: sharing\n",
        "test.yaml:33: 'area' does not go with kind: choose-any in question 'in-the-way'",
    ),
    (
        "    kind: choose-any\n",
        "    kind: checklist\n",
        "test.yaml:32: the 'kind' of question 'in-the-way' must be one of: scale, choose-any, wish",
    ),
    (
        "    kind: choose-any\n",
        "    area: sharing\n",
        "test.yaml:35: 'choices' does not go with kind: scale in question 'in-the-way'",
    ),
    (
        "      - id: busy",
        "      - id: judged",
        "test.yaml:39: the choice (in question 'in-the-way') id 'judged' is used twice",
    ),
    (
        "        practice: Say what helps you feel heard.\n",
        "",
        "test.yaml:35: a choice of question 'in-the-way' is missing 'practice'",
    ),
    (
        "safe_if_concern: true}",
        "safe_if_concern: maybe}",
        "test.yaml:42: 'safe_if_concern' of the 'practice' of choice 'busy'",
    ),
    (
        "wish: any,",
        "wish: sideways,",
        "test.yaml:42: the 'wish' of the 'practice' of choice 'busy' of question 'in-the-way' "
        "must be one of: more, less, any",
    ),
    (
        "wish: any,",
        "opens_up: true,",
        "test.yaml:42: unknown key 'opens_up' in the 'practice' of choice 'busy'",
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), CHOOSE_ANY_PROBLEMS)
def test_choose_any_problems(old: str, new: str, expected: str) -> None:
    assert old in CHOOSE_ANY
    found = problems(CHOOSE_ANY.replace(old, new, 1))
    assert any(problem.startswith(expected) for problem in found), found


SAFETY_PROBLEMS = [
    (
        SAFETY.replace("    concern: [3]\n", ""),
        "test.yaml:33: question 'afraid' has safety: true but no 'concern'",
    ),
    (
        SAFETY.replace("concern: [3]", "concern: [7]"),
        "test.yaml:34: the 'concern' value 7 of question 'afraid' is not on the scale",
    ),
    (
        SAFETY.replace("    safety: true\n", ""),
        "test.yaml:33: 'concern' needs safety: true in question 'afraid'",
    ),
    (
        SAFETY.replace("concern: [3]", "concern: Often"),
        "test.yaml:34: the 'concern' of question 'afraid' must be a list",
    ),
    (
        SAFETY.replace("    safety: true\n", "    safety: true\n    area: sharing\n"),
        "test.yaml:34: question 'afraid' is a safety question, which is never scored",
    ),
    (
        SAFETY.replace("    safety: true\n", "    safety: true\n    reverse: true\n"),
        "test.yaml:34: 'reverse' does not go with safety: true in question 'afraid'",
    ),
    (
        SAFETY + "    declined_with: nowhere\n",
        "test.yaml:31: question 'afraid' names area 'nowhere', which is not listed",
    ),
    (
        MINIMAL + "    declined_with: sharing\n",
        "test.yaml:31: 'declined_with' needs safety: true in question 'q4'",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SAFETY_PROBLEMS)
def test_safety_problems(text: str, expected: str) -> None:
    assert any(problem.startswith(expected) for problem in problems(text)), problems(text)


def test_shipped_sets_cover_the_four_types_and_what_gets_in_the_way() -> None:
    assert {"emotional-intimacy", "four-types", "barriers"} <= set(catalog.shipped_ids())
    four = catalog.load("four-types")
    assert [a.id for a in four.areas] == [
        "emotional",
        "physical",
        "spiritual",
        "intellectual",
        "sexual",
    ]
    assert four.closing and "lean on one another" in four.closing
    barriers = catalog.load("barriers")
    checklist = [q for q in barriers.questions if q.kind == "choose-any"]
    assert len(checklist) == 1
    choices = {c.id: c for c in checklist[0].choices}
    assert {
        "feeling-judged",
        "contempt",
        "withdrawal",
        "stonewalling",
        "breach-of-trust",
        "unsafe-past",
        "shyness-anxiety",
        "afraid-controlled-pressured",
    } <= set(choices)
    assert [c for c in choices.values() if c.safety] == [choices["afraid-controlled-pressured"]]
    assert "pause" in choices["stonewalling"].practice.text
    # Being controlled, one idea a question: who you may see, your phone, your money.
    control = {q.id for q in barriers.questions if q.safety}
    assert {"permission-to-see-others", "phone-checked", "money-kept-from-you"} <= control
    for bank_id in catalog.shipped_ids():
        assert catalog.load(bank_id).shipped


WISH = """\
  - id: wish
    kind: wish
    area: sharing
    text: How would you like sharing with {people} to be?
"""
LESS = '    practices: ["Talk with {people}.", {text: "Keep some things.", wish: less}]'


def test_wish_questions_load_and_need_practices_for_either_wish() -> None:
    with_less = MINIMAL.replace('    practices: ["Talk with {people}."]', LESS) + WISH
    question = load(with_less).questions[-1]
    assert question.kind == "wish" and question.area == "sharing" and not question.scored
    assert any(
        "area 'sharing' has a wish question but no practice for someone who would like less" in p
        for p in problems(MINIMAL + WISH)
    )


DESIGN_PROBLEMS = [
    (
        MINIMAL.replace(
            "  - id: q4\n    area: sharing\n",
            "  - id: q4\n    area: sharing\n    only_for: [partner]\n",
        ),
        "area 'sharing' (with --for family or friends or everyone) has 3 scored question(s); "
        "it needs at least 4",
    ),
    (
        MINIMAL.replace("    reverse: true\n", ""),
        "area 'sharing': answering every question with the last point of the scale would score "
        "100, outside the middle band",
    ),
    (
        MINIMAL.replace('    practices: ["Talk with {people}."]', LESS)
        + WISH
        + WISH.replace("id: wish", "id: wish2"),
        "area 'sharing' has more than one wish question",
    ),
    (
        MINIMAL + "    only_for: [partners]\n",
        "a focus in the 'only_for' of question 'q4' must be one of: partner, family",
    ),
    (
        MINIMAL + WISH.replace("    area: sharing\n", "    area: sharing\n    reverse: true\n"),
        "'reverse' does not go with kind: wish in question 'wish'",
    ),
]


@pytest.mark.parametrize(("text", "expected"), DESIGN_PROBLEMS)
def test_measurement_design_problems(text: str, expected: str) -> None:
    found = problems(text)
    assert any(expected in problem for problem in found), found


def test_own_question_files_are_found_by_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTIMACY_HOME", str(tmp_path))
    (tmp_path / "questions").mkdir()
    (tmp_path / "questions" / "tiny.yaml").write_text(MINIMAL)
    assert catalog.user_folder() == tmp_path / "questions"
    assert catalog.load("tiny").source == str(tmp_path / "questions" / "tiny.yaml")
    assert catalog.load("emotional-intimacy").shipped
    found, found_problems = catalog.everything()
    assert [b.id for b in found][-1] == "tiny" and found_problems == []


def test_own_file_with_a_shipped_id_is_named_not_obeyed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("INTIMACY_HOME", str(tmp_path))
    (tmp_path / "questions").mkdir()
    (tmp_path / "questions" / "mine.yaml").write_text(MINIMAL.replace("id: tiny", "id: barriers"))
    assert catalog.load("barriers").shipped  # the shipped set, not the file that took its id
    assert "mine.yaml:1: the id 'barriers' is already used by a shipped" in capsys.readouterr().err
    assert catalog.load("four-types").shipped  # other sets still work
    found, found_problems = catalog.everything()
    assert [b.id for b in found] == catalog.shipped_ids()
    assert len(found_problems) == 1 and found_problems[0].source.endswith("mine.yaml")


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("title: A tiny set", "title: Time with {people}", "'title'"),
        ("name: Sharing", "name: Sharing with {people}", "the 'name' of area 'sharing'"),
        ("label: Never}", 'label: "Never with {people}"}', "a scale 'label'"),
    ],
)
def test_placeholders_only_where_they_are_filled_in(old: str, new: str, where: str) -> None:
    found = problems(MINIMAL.replace(old, new))
    assert any(f"{where} is shown as written, so it cannot use {{people}}" in p for p in found)


@pytest.mark.parametrize("bank_id", catalog.shipped_ids())
def test_each_shipped_set_runs_from_the_json_compiled_from_its_checked_yaml(bank_id: str) -> None:
    """The build checks each shipped YAML file and compiles it (hatch_build.py); what runs is
    exactly what the YAML says."""
    from_yaml = catalog.load_yaml_of_shipped(bank_id)
    assert catalog.load(bank_id) == from_yaml._replace(shipped=True)
