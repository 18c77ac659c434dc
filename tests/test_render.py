"""Every format draws the same layout; none may drop the disclaimer or the crisis footer, and
where safety comes first it comes first in every one of them."""

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

from intimacy_cli import bank, catalog, layout, render, report, reportjson, scoring
from intimacy_cli.bank import Bank
from intimacy_cli.helplines import RESOURCES, Country, for_country
from intimacy_cli.render import EXPORT_FORMATS, plain, terminal
from intimacy_cli.screen import paragraph
from intimacy_cli.streams import DISCLAIMER

WHEN = datetime(2026, 11, 25, 20, 0, tzinfo=timezone.utc)
US = for_country("US")
AFRAID = "afraid-of-reaction"  # the core set's safety question
COUNTRIES = sorted(json.loads(RESOURCES.read_text())["countries"])


def answered(source: Bank, focus: str = "friends", level: int = -2) -> dict[str, scoring.Answer]:
    """Every scale question one below the top of the scale (the first one skipped), safety
    questions at Never, wishes for a little more, nothing ticked."""
    answers: dict[str, scoring.Answer] = {}
    for q in source.asked(focus):
        if q.safety:
            answers[q.id] = source.scale[0].value
        elif q.kind == "scale":
            answers[q.id] = source.scale[level].value
        elif q.kind == "wish":
            answers[q.id] = "a-little-more"
        else:
            answers[q.id] = ()
    answers[source.asked(focus)[0].id] = None
    return answers


def make(
    source: Bank,
    answers: dict[str, scoring.Answer] | None = None,
    focus: str = "friends",
    place: Country = US,
) -> report.Report:
    answers = answered(source, focus) if answers is None else answers
    scores = scoring.score(source, focus, answers)
    return report.reflect(source, focus, answers, scores, WHEN, place)


def exported(suffix: str, result: report.Report, with_safety: bool = False) -> str:
    blocks = layout.summary(result, "all" if with_safety else "without-safety")
    return render.export(suffix, blocks, lambda: reportjson.data(result, with_safety))


SAMPLE = make(catalog.load("emotional-intimacy"))


def on_terminal(result: report.Report, width: int = 80, color: bool = False) -> str:
    return drawn(layout.summary(result), width, color)


def drawn(blocks: list[layout.Block], width: int = 80, color: bool = False) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, force_terminal=color, color_system="truecolor" if color else None
    )
    terminal.draw(blocks, console)
    return buffer.getvalue()


def words(text: str) -> str:
    return " ".join(text.replace("\\", "").split())


INLINE = {"span", "strong", "em", "code", "a"}


class TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in INLINE:  # a new block of text: words on either side stay apart
            self.texts.append(" ")

    def handle_data(self, data: str) -> None:
        self.texts.append(data)


def shown_words(suffix: str, out: str) -> str:
    """The words a reader of this format sees (checking that pictures and pages parse)."""
    if suffix == ".svg":
        root = ElementTree.fromstring(out)  # raises on anything that is not well-formed XML
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        return words("".join(root.itertext()).replace("\xa0", " "))
    if suffix == ".html":
        assert out.lstrip().lower().startswith("<!doctype html>")
        parser = TextOfHtml()
        parser.feed(out)
        parser.close()
        return words("".join(parser.texts))
    return words(out)


def every_format(result: report.Report) -> dict[str, str]:
    """What the person reads in each format: the screen, plain lines, and every export."""
    outputs = {suffix: shown_words(suffix, exported(suffix, result)) for suffix in EXPORT_FORMATS}
    outputs["terminal"] = words(on_terminal(result))
    outputs["plain"] = words(plain.render(layout.summary(result)))
    return outputs


def test_every_format_is_tested() -> None:
    assert sorted(EXPORT_FORMATS) == sorted([".txt", ".md", ".json", ".html", ".svg"])
    assert set(render.DRAWN) | {".json"} == set(EXPORT_FORMATS)


@pytest.mark.parametrize("name", [*EXPORT_FORMATS, "terminal", "plain"])
def test_every_format_carries_disclaimer_footer_and_content(name: str) -> None:
    out = every_format(SAMPLE)[name]
    assert words(DISCLAIMER) in out and words(US.footer) in out
    assert words(SAMPLE.headline) in out
    for area in SAMPLE.areas:
        assert words(area.reflection or "") in out, area.id
    for practice in SAMPLE.practices:
        assert words(practice.text) in out


def test_terminal_summary_has_bars_of_one_colour_and_no_escape_codes_without_colour() -> None:
    out = on_terminal(SAMPLE)
    assert "\x1b" not in out
    assert "Practices to try" in out and "What seems to be going well" in out
    assert "not enough answers" not in out  # one skip in four is still enough
    assert re.search(r"█+░* \d+ of 100, ", out)
    coloured = on_terminal(make(catalog.load("four-types"), focus="partner"), color=True)
    bar_colours = set(re.findall(r"\x1b\[([0-9;]+)m█", coloured))
    assert len(bar_colours) == 1  # an amount, not a traffic light


@pytest.mark.parametrize("bank_id", catalog.shipped_ids())
def test_text_export_is_plain_and_wrapped(bank_id: str) -> None:
    """Every line fits 72 columns, answers included (every choice of a checklist ticked)."""
    source = catalog.load(bank_id)
    answers = answered(source, "partner")
    for question in source.asked("partner"):
        if question.kind == "choose-any":
            answers[question.id] = tuple(choice.id for choice in question.choices)
    for with_safety in (False, True):
        out = exported(".txt", make(source, answers, "partner"), with_safety)
        assert "\x1b" not in out
        assert [line for line in out.splitlines() if len(line) > 72] == []
        assert re.search(r"\[#+-*\]  \d+ of 100", out)


def test_a_long_title_is_wrapped_in_the_text_export_too() -> None:
    long_title = "A set with a title much longer than any line of text should ever be, to see"
    source = bank.load_bytes(
        MINIMAL.replace("title: A tiny set", f"title: {long_title}").encode(), "long.yaml"
    )
    out = exported(".txt", make(source))
    assert [line for line in out.splitlines() if len(line) > 72] == []
    assert words(long_title) in words(out)


def test_json_export_has_what_a_program_needs() -> None:
    data = json.loads(exported(".json", SAMPLE))
    assert data["format"] == "intimacy-report" and data["format_version"] == 2
    assert data["bank"] == {
        "id": "emotional-intimacy",
        "version": 2,
        "title": "Signs of emotional intimacy",
    }
    assert data["focus"] == "friends" and data["created"] == "2026-11-25T20:00:00+00:00"
    assert data["answers"]["tell-worries"] is None
    assert data["answers"]["share-good-news"] == 4
    assert set(data["scores"]["areas"]) == {a.id for a in SAMPLE.areas}
    assert data["scores"]["areas"]["sharing"]["wish"] == "a-little-more"
    assert data["scores"]["overall"] == SAMPLE.overall
    assert data["safety_concern"] is False and data["summary"]["safety"] is None
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


def test_markdown_and_html_escape_text_from_question_files() -> None:
    md = exported(".md", make(HOSTILE))
    assert r"\<b\>Sharing\</b\> \*now\*" in md and "<b>" not in md
    page = exported(".html", make(HOSTILE))
    assert "&lt;b&gt;Sharing&lt;/b&gt;" in page and "<b>" not in page


@pytest.mark.parametrize("width", [20, 40])
def test_narrow_terminals_keep_numbers_whole_and_lines_inside_the_width(width: int) -> None:
    out = on_terminal(SAMPLE, width=width)
    assert all(len(line.rstrip()) <= width for line in out.splitlines())
    assert re.search(r"(^|\s)988(\s|$)", out)
    assert "findahelpline.com" in out


def test_ascii_only_terminal_gets_ascii_bars() -> None:
    buffer = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    console = Console(file=buffer, width=80, color_system=None)
    terminal.draw(layout.summary(SAMPLE), console)
    buffer.seek(0)
    out = buffer.read()
    assert "█" not in out and re.search(r"#+-* \d+ of 100", out)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_exports_list_each_question_with_the_answer_in_words(suffix: str) -> None:
    out = shown_words(suffix, exported(suffix, SAMPLE))
    for response in SAMPLE.responses:
        if response.shared is not None:
            assert words(response.question) in out
    assert "skipped (prefer not to say)" in out and "Often" in out and "A little more" in out


# ---------------------------------------------------------------- safety in every format


def concern_report(bank_id: str, place: Country = US) -> report.Report:
    """A set answered at the close end with wishes for more, and its first safety question at
    the lowest answer that signals a concern."""
    source = catalog.load(bank_id)
    answers = answered(source, "partner", level=-1)
    answers[source.asked("partner")[0].id] = source.scale[-1].value  # not skipped here
    first = next(q for q in source.asked("partner") if q.safety)
    answers[first.id] = min(first.concern)
    result = make(source, answers, "partner", place)
    assert result.concern
    return result


def calm_report(bank_id: str, place: Country = US) -> report.Report:
    source = catalog.load(bank_id)
    answers = answered(source, "partner", level=-1)
    return make(source, answers, "partner", place)


def unsafe_practices(source: Bank) -> list[str]:
    """Every practice that is not marked safe under a concern, as the person would read it."""
    texts = [p.text for a in source.areas for p in a.practices if not p.safe_if_concern]
    texts += [
        c.practice.text
        for q in source.questions
        for c in q.choices
        if not c.practice.safe_if_concern
    ]
    return [report.fill(text, "partner") for text in texts]


@pytest.mark.parametrize("code", COUNTRIES)
@pytest.mark.parametrize("bank_id", catalog.shipped_ids())
def test_a_concern_puts_safety_first_in_every_format(bank_id: str, code: str) -> None:
    place = for_country(code)
    result = concern_report(bank_id, place)
    safety_lines = [line for line in place.lines if line.safety]
    assert safety_lines, code  # every country has a line for people who may not be safe
    forbidden = unsafe_practices(catalog.load(bank_id))
    for name, out in every_format(result).items():
        where = (bank_id, code, name)
        assert words(result.headline) in out, where
        assert words(report.SAFETY_FIRST) in out, where
        for line in safety_lines:
            assert words(line.how) in out, where
        assert "a strength" not in out and "room to grow" not in out, where
        assert layout.GOING_WELL_HEADING not in out, where
        for practice in forbidden:
            assert words(practice) not in out, where
        assert words(place.footer) in out and words(DISCLAIMER) in out, where
        if name != ".json":  # safety comes before the scores wherever there is an order
            assert out.index(words(safety_lines[0].how)) < out.index(result.areas[0].name), where


@pytest.mark.parametrize("bank_id", catalog.shipped_ids())
def test_no_concern_brings_none_of_it(bank_id: str) -> None:
    result = calm_report(bank_id)
    assert not result.concern
    for name, out in every_format(result).items():
        assert layout.SAFETY_HEADING not in out, (bank_id, name)
        assert words(report.SAFETY_FIRST) not in out, (bank_id, name)
        assert "1-800-799-7233" not in out, (bank_id, name)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".json", ".html"])
def test_safety_answers_are_left_out_of_exports_unless_asked_for(suffix: str) -> None:
    result = concern_report("barriers")
    safety_questions = [r for r in result.responses if r.shared is None]
    kept_out = exported(suffix, result)
    kept_in = exported(suffix, result, with_safety=True)
    if suffix == ".json":
        out, full = json.loads(kept_out), json.loads(kept_in)
        assert out["safety_answers"] == "left out" and full["safety_answers"] == "included"
        assert not {r.id for r in safety_questions} & set(out["answers"])
        assert {r.id for r in safety_questions} <= set(full["answers"])
        return
    out, full = shown_words(suffix, kept_out), shown_words(suffix, kept_in)
    assert words(layout.SAFETY_ANSWERS_LEFT_OUT) in out
    assert words(layout.SAFETY_ANSWERS_LEFT_OUT) not in full
    for response in safety_questions:
        assert words(response.question) not in out and words(response.question) in full


def test_the_plain_summary_is_words_and_numbers_one_idea_per_line() -> None:
    full = concern_report("barriers")
    out = plain.render(layout.summary(full))
    assert not re.search(r"[█░#─•]|\[|\x1b", out)
    lines = out.splitlines()
    first = full.areas[0]
    assert f"{first.name}: {first.score} of 100." in lines  # no words under a concern
    assert report.SAFETY_FIRST in lines  # a whole paragraph on its own line, unwrapped
    assert US.footer in lines and DISCLAIMER in lines


def test_json_carries_barriers_safety_and_country() -> None:
    full = concern_report("barriers")
    data = json.loads(exported(".json", full))
    assert data["country"] == "US" and data["safety_concern"] is True
    assert data["summary"]["safety"]["text"] == report.SAFETY_FIRST
    hotline = data["summary"]["safety"]["lines"][1]  # after the emergency number
    assert hotline["source"] == "https://www.thehotline.org" and hotline["checked"]
    assert [b["label"] for b in data["summary"]["barriers"]] == [b.label for b in full.barriers]


def test_the_html_page_is_semantic_and_self_contained() -> None:
    page = exported(".html", concern_report("emotional-intimacy"))
    parser = TextOfHtml()
    parser.feed(page)
    assert {"h1", "h2", "h3", "ul", "ol", "meter", "footer", "main"} <= set(parser.tags)
    assert "script" not in parser.tags and "pre" not in parser.tags
    assert "default-src 'none'" in page and "@media print" in page
    assert "prefers-color-scheme: dark" in page
    assert not re.search(r"(src|href)\s*=|url\(|@import", page)  # nothing to fetch


def test_the_svg_picture_names_no_remote_font() -> None:
    picture = exported(".svg", SAMPLE)
    assert "http" not in picture.replace("http://www.w3.org/", "")
    assert "@font-face" not in picture and "█" in picture


def broken_numbers(numbers: set[str], out: str) -> list[str]:
    lines = [" ".join(line.split()) for line in out.splitlines()]
    return [number for number in numbers if not any(number in line for line in lines)]


@pytest.mark.parametrize("code", COUNTRIES)
def test_no_width_splits_a_phone_number_over_two_lines(
    code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = concern_report("barriers", for_country(code))
    in_footer = set(PHONE_NUMBER.findall(result.crisis))
    numbers = in_footer.union(*(PHONE_NUMBER.findall(line.how) for line in result.safety_lines))
    assert in_footer
    assert broken_numbers(numbers, exported(".txt", result)) == []
    # Only the blocks that hold a number are drawn at each width (wrapping is per block).
    with_numbers = [block for block in layout.summary(result) if PHONE_NUMBER.search(repr(block))]
    assert len(with_numbers) >= 2  # the safety section's lines and the footer
    for width in range(20, 101):
        assert broken_numbers(numbers, drawn(with_numbers, width)) == [], width
        monkeypatch.setenv("COLUMNS", str(width))
        interrupted = io.StringIO()  # a stopped run shows the footer alone
        paragraph(interrupted, result.crisis)
        assert broken_numbers(in_footer, interrupted.getvalue()) == [], width


def test_a_ticked_safety_choice_is_left_out_of_exports_unless_asked_for() -> None:
    source = catalog.load("barriers")
    answers = answered(source, "partner")
    answers["what-gets-in-the-way"] = ("little-time", "afraid-controlled-pressured")
    result = make(source, answers, "partner")
    label = "Feeling afraid, controlled or pressured"
    assert result.safety_notes  # what the summary says about the tick gives it away too
    note = words(result.safety_notes[0])
    for suffix in (".txt", ".md", ".html"):
        out = shown_words(suffix, exported(suffix, result))
        assert label not in out and note not in out, suffix
        full = shown_words(suffix, exported(suffix, result, with_safety=True))
        assert label in full and note in full, suffix
    data = json.loads(exported(".json", result))
    assert data["answers"]["what-gets-in-the-way"] == ["little-time"]
    assert data["safety_answers"] == "left out" and data["summary"]["safety"]["notes"] == []
    full_data = json.loads(exported(".json", result, with_safety=True))
    assert full_data["summary"]["safety"]["notes"] == list(result.safety_notes)


class Asker:
    """Stands in for the person at a terminal: says No, and remembers what it was asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def confirm(self, question: str) -> bool:
        self.asked.append(question)
        return False


@pytest.mark.parametrize("kind", ["concern", "skipped", "calm"])
def test_an_export_that_would_show_a_safety_signal_is_only_written_if_you_say_so(
    kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathlib import Path

    from intimacy_cli import exporting

    source = catalog.load("emotional-intimacy")
    answers = answered(source, "partner", level=-1)
    answers[source.asked("partner")[0].id] = source.scale[-1].value
    answers[AFRAID] = {"concern": 2, "skipped": None, "calm": 1}[kind]
    result = make(source, answers, "partner")
    asker = Asker()
    written = exporting.warned(Path("mine.txt"), result, False, asker)  # type: ignore[arg-type]
    said = capsys.readouterr().err
    if kind == "calm":
        assert written and asker.asked == [] and "anyone who opens it" not in said
        return
    assert not written and asker.asked == ["Write mine.txt anyway?"]
    assert "mine.txt" in said and "anyone who opens it" in said
    assert ("says why it lists support lines" in said) == (kind == "skipped")


def test_caution_says_why_lists_the_lines_and_a_word_on_privacy_in_every_format() -> None:
    source = catalog.load("emotional-intimacy")
    answers = answered(source, "partner", level=-1)
    answers[AFRAID] = None
    result = make(source, answers, "partner")
    assert result.caution and not result.concern
    lines = [line for line in US.lines if line.safety]
    for name, out in every_format(result).items():
        assert words(result.caution) in out, name
        for line in lines:
            assert words(line.how) in out, (name, line.name)
        if name != ".json":
            assert words(report.CAUTION_PRIVACY) in out, name
            assert out.index(words(result.caution)) < out.index(result.areas[0].name), name
    data = json.loads(exported(".json", result))
    assert [line["name"] for line in data["summary"]["caution_lines"]] == [x.name for x in lines]


def test_the_left_out_line_never_hides_that_safety_came_first() -> None:
    concern = exported(".txt", concern_report("emotional-intimacy"))
    assert words(layout.STILL_SAFETY_FIRST) in words(concern)
    calm = exported(".txt", calm_report("emotional-intimacy"))
    assert words(layout.SAFETY_ANSWERS_LEFT_OUT) in words(calm)  # a Never is left out too
    assert words(layout.STILL_SAFETY_FIRST) not in words(calm)


def test_a_ticked_choice_held_back_under_a_concern_does_not_stand_alone() -> None:
    source = catalog.load("barriers")
    answers = answered(source, "partner")
    answers["what-gets-in-the-way"] = ("little-time", "contempt")
    answers["phone-checked"] = 2
    result = make(source, answers, "partner")
    assert result.concern
    labels = {b.label for b in result.barriers}
    entries = [b for b in layout.summary(result) if isinstance(b, layout.Entry)]
    ticked = [e for e in entries if e.name in labels]
    assert len(ticked) == 2 and all(e.lines for e in ticked)
    assert [e.lines for e in ticked if e.name == "Too little time together"] == [
        (layout.SET_ASIDE,)
    ]


@pytest.mark.parametrize("code", COUNTRIES)
def test_the_page_holds_every_phone_number_whole_letters_included(code: str) -> None:
    """A browser breaks after a hyphen: each number, and the word some spell
    (1-800-656-HOPE), sits in one span that is never broken."""
    place = for_country(code)
    page = exported(".html", concern_report("emotional-intimacy", place))
    for line in place.lines:
        for number in re.findall(PHONE_NUMBER.pattern + r"(?:-[A-Z]+)?", line.how):
            if re.search(r"[ -]", number):
                assert f'<span class="number">{number}</span>' in page, (code, number)
