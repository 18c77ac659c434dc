"""Each renderer lays out the same Report; none may drop the disclaimer or the crisis footer."""

from __future__ import annotations

import io
import json
import re
from datetime import datetime, timezone
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from helpers import PHONE_NUMBER
from rich.console import Console
from test_bank import MINIMAL

from intimacy_cli import bank, catalog, report, scoring
from intimacy_cli.helplines import RESOURCES, Country, for_country
from intimacy_cli.output import paragraph
from intimacy_cli.render import EXPORT_FORMATS, export_renderer, plain, terminal

WHEN = datetime(2026, 11, 25, 20, 0, tzinfo=timezone.utc)
US = for_country("US")


def make(source: bank.Bank) -> report.Report:
    """Every question answered one below the top of the scale, the first one skipped."""
    answers: dict[str, scoring.Answer] = {q.id: source.scale[-2].value for q in source.questions}
    answers[source.questions[0].id] = None
    return report.reflect(source, "friends", answers, scoring.score(source, answers), WHEN, US)


SAMPLE = make(catalog.load("emotional-intimacy"))


def on_terminal(result: report.Report, width: int = 80, color: bool = False) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, force_terminal=color, color_system="truecolor" if color else None
    )
    terminal.render(result, console)
    return buffer.getvalue()


def words(text: str) -> str:
    return " ".join(text.replace("\\", "").split())


TEXT_FORMATS = [".txt", ".md", ".json"]
PICTURE_FORMATS = [".html", ".svg"]


def test_every_format_is_tested() -> None:
    assert sorted(EXPORT_FORMATS) == sorted(TEXT_FORMATS + PICTURE_FORMATS)


def picture_text(suffix: str, result: report.Report) -> str:
    """The words a picture export shows, after checking that it parses."""
    out = export_renderer(suffix)(result)
    if suffix == ".svg":
        root = ElementTree.fromstring(out)  # raises on anything that is not well-formed XML
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        return "".join(root.itertext()).replace("\xa0", " ")
    assert out.lstrip().lower().startswith("<!doctype html>")
    parser = TextOfHtml()
    parser.feed(out)
    parser.close()
    return " ".join(parser.texts)


class TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.texts.append(data)


@pytest.mark.parametrize("suffix", PICTURE_FORMATS)
def test_picture_exports_are_valid_and_show_the_summary(suffix: str) -> None:
    text = picture_text(suffix, SAMPLE)
    assert "988" in text and "diagnosis" in text
    assert SAMPLE.areas[0].name in text
    assert "█" in text  # the bars, as the terminal shows them


@pytest.mark.parametrize("suffix", TEXT_FORMATS)
def test_every_export_carries_disclaimer_footer_and_content(suffix: str) -> None:
    out = words(export_renderer(suffix)(SAMPLE))
    assert words(report.DISCLAIMER) in out
    assert words(US.footer) in out
    assert words(SAMPLE.headline) in out
    for area in SAMPLE.areas:
        assert words(area.reflection) in out
    for practice in SAMPLE.practices:
        assert words(practice.text) in out


def test_terminal_summary_carries_everything_and_no_escape_codes_without_colour() -> None:
    out = on_terminal(SAMPLE)
    assert "\x1b" not in out
    flat = words(out)
    assert words(report.DISCLAIMER) in flat and words(US.footer) in flat
    assert "Practices to try" in out and "What seems to be going well" in out
    assert "not enough answers" not in out  # one skip in three is still enough
    assert re.search(r"█+░* \d+ of 100, ", out)


def test_colour_is_used_on_a_colour_terminal() -> None:
    assert "\x1b[" in on_terminal(SAMPLE, color=True)


def test_text_export_is_plain_and_wrapped() -> None:
    out = export_renderer(".txt")(SAMPLE)
    assert "\x1b" not in out
    assert max(len(line) for line in out.splitlines()) <= 72
    assert re.search(r"\[#+-*\]  \d+ of 100", out)


def test_json_export_has_what_a_program_needs() -> None:
    data = json.loads(export_renderer(".json")(SAMPLE))
    assert data["format"] == "intimacy-report" and data["format_version"] == 1
    assert data["bank"] == {
        "id": "emotional-intimacy",
        "version": 1,
        "title": "Signs of emotional intimacy",
    }
    assert data["focus"] == "friends"
    assert data["created"] == "2026-11-25T20:00:00+00:00"
    assert data["answers"]["share-struggles"] is None
    assert data["answers"]["share-feelings"] == 4
    assert set(data["scores"]["areas"]) == {a.id for a in SAMPLE.areas}
    assert data["scores"]["overall"] == SAMPLE.overall
    assert "988" in data["crisis"] and "diagnosis" in data["disclaimer"]


HOSTILE = bank.load_bytes(
    MINIMAL.replace(
        "text: Do you talk with {people}?",
        "text: '[bold red]Do you[/] talk [link=http://x]with[/link] {people}?'",
    )
    .replace("name: Sharing", "name: '<b>Sharing</b> *now*'")
    .encode(),
    "hostile.yaml",
)


def test_markup_in_question_files_shows_literally_on_the_terminal() -> None:
    out = on_terminal(make(HOSTILE), color=True)
    assert "<b>Sharing</b> *now*" in out
    assert "\x1b]8;" not in out  # no hyperlink was made


def test_markdown_export_escapes_text_from_question_files() -> None:
    out = export_renderer(".md")(make(HOSTILE))
    assert r"\<b\>Sharing\<b\> \*now\*".replace(r"\<b\> ", r"\</b\> ") in out
    assert "<b>" not in out


@pytest.mark.parametrize("width", [20, 40])
def test_narrow_terminals_keep_numbers_whole_and_lines_inside_the_width(width: int) -> None:
    out = on_terminal(SAMPLE, width=width)
    assert all(len(line.rstrip()) <= width for line in out.splitlines())
    assert re.search(r"(^|\s)988(\s|$)", out)
    assert "findahelpline.com" in out


def test_ascii_only_terminal_gets_ascii_bars() -> None:
    buffer = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    console = Console(file=buffer, width=80, color_system=None)
    terminal.render(SAMPLE, console)
    buffer.seek(0)
    out = buffer.read()
    assert "█" not in out and re.search(r"#+-* \d+ of 100", out)


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_text_exports_list_each_question_with_the_answer_in_words(suffix: str) -> None:
    out = words(export_renderer(suffix)(SAMPLE))
    for response in SAMPLE.responses:
        assert words(response.question) in out
    assert "skipped (prefer not to say)" in out and "Often" in out


def everything_report(place: Country = US) -> report.Report:
    """The barriers set with a safety concern: every optional section is on."""
    barriers = catalog.load("barriers")
    answers: dict[str, scoring.Answer] = {q.id: 2 for q in barriers.scale_questions}
    answers["what-gets-in-the-way"] = ("stonewalling", "unsafe-past")
    answers["hold-back-fear"] = 5
    result = report.reflect(
        barriers, "partner", answers, scoring.score(barriers, answers), WHEN, place
    )
    assert result.safety_first and result.barriers
    return result


FULL = everything_report()


def test_every_format_shows_safety_first_and_the_barriers() -> None:
    outputs = {suffix: export_renderer(suffix)(FULL) for suffix in TEXT_FORMATS}
    outputs.update({suffix: picture_text(suffix, FULL) for suffix in PICTURE_FORMATS})
    outputs["terminal"] = on_terminal(FULL)
    outputs["plain"] = plain.render(FULL)
    for name, out in outputs.items():
        flat = words(out)
        assert words(FULL.safety_first or "") in flat, name
        assert "1-800-799-7233" in flat, name
        for barrier in FULL.barriers:
            assert words(barrier.reflection) in flat, name
        assert words(US.footer) in flat and words(report.DISCLAIMER) in flat, name
        if name != ".json":  # safety comes before the scores wherever there is an order to read
            assert flat.index("1-800-799-7233") < flat.index(FULL.areas[0].name), name


def broken_numbers(numbers: set[str], out: str) -> list[str]:
    lines = [" ".join(line.split()) for line in out.splitlines()]
    return [number for number in numbers if not any(number in line for line in lines)]


@pytest.mark.parametrize("code", sorted(json.loads(RESOURCES.read_text())["countries"]))
def test_no_width_splits_a_phone_number_over_two_lines(
    code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = everything_report(for_country(code))
    in_footer = set(PHONE_NUMBER.findall(result.crisis))
    numbers = in_footer.union(*(PHONE_NUMBER.findall(line.how) for line in result.safety_lines))
    assert in_footer
    assert broken_numbers(numbers, export_renderer(".txt")(result)) == []
    for width in range(20, 101):
        assert broken_numbers(numbers, on_terminal(result, width=width)) == [], width
        monkeypatch.setenv("COLUMNS", str(width))
        interrupted = io.StringIO()  # a stopped run shows the footer alone
        paragraph(interrupted, result.crisis)
        assert broken_numbers(in_footer, interrupted.getvalue()) == [], width


def test_plain_summary_is_words_and_numbers_one_idea_per_line() -> None:
    out = plain.render(FULL)
    assert not re.search(r"[█░#─•]|\[|\x1b", out)
    lines = out.splitlines()
    first = FULL.areas[0]
    assert f"{first.name}: {first.score} of 100, {first.band_words}." in lines
    assert FULL.areas[0].reflection in lines  # a whole paragraph on its own line, unwrapped
    assert US.footer in lines and report.DISCLAIMER in lines


def test_json_carries_barriers_safety_and_country() -> None:
    data = json.loads(export_renderer(".json")(FULL))
    assert data["country"] == "US"
    assert data["answers"]["what-gets-in-the-way"] == ["stonewalling", "unsafe-past"]
    assert data["summary"]["safety_first"] == FULL.safety_first
    assert data["summary"]["safety_lines"][0]["source"] == "https://www.thehotline.org"
    assert [b["label"] for b in data["summary"]["barriers"]] == [b.label for b in FULL.barriers]
