"""What a summary or a comparison shows, in order, as a list of plain blocks.

The order of sections is decided here once (safety first, the footer last), and every format
in `render/` draws the same blocks: a renderer decides how a block looks, never what is in
it or where it goes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from intimacy_cli import report as words
from intimacy_cli.helplines import Line
from intimacy_cli.report import Report

Tone = Literal["normal", "quiet", "strong", "safety"]

SAFETY_HEADING = "Your safety comes first"
AREAS_HEADING = "Part by part"
BARRIERS_HEADING = "What may be getting in the way"
# A ticked choice whose reflection and practice are both held back while care is due: said,
# so that the label does not stand alone as if something were missing.
SET_ASIDE = "You named this. While your safety comes first, this reflection leaves it aside."
GOING_WELL_HEADING = "What seems to be going well"
PRACTICES_HEADING = "Practices to try"
ANSWERS_HEADING = "Your answers"
SAFETY_ANSWERS_LEFT_OUT = (
    "Your answers to the safety questions, and what this reflection says about each of them, "
    "are left out of this file on purpose. To keep them in, for example to show a counsellor, "
    "export again with --with-safety-answers."
)
# Where safety comes first, the file still opens with it: the line must not suggest otherwise.
STILL_SAFETY_FIRST = (
    " The safety section at the top still shows that some of your answers suggested you may "
    "not feel safe."
)


@dataclass(frozen=True)
class Title:
    text: str
    subtitle: str


@dataclass(frozen=True)
class Heading:
    text: str
    tone: Tone = "normal"


@dataclass(frozen=True)
class Paragraph:
    text: str
    tone: Tone = "normal"


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    asides: tuple[str, ...] = ()  # a quiet note after each item (say, the area), when given


@dataclass(frozen=True)
class Entry:
    """A named part: an area with its score, or something chosen from a checklist."""

    name: str
    lines: tuple[str, ...]
    score: int | None = None
    score_words: str | None = None  # "55 of 100, in the middle"; None for no score line


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Answers:
    """The questions with the answers given, for exports."""

    items: tuple[tuple[str, str], ...]
    note: str | None = None


@dataclass(frozen=True)
class Footer:
    disclaimer: str
    crisis: str


Block = Title | Heading | Paragraph | Bullets | Entry | Table | Answers | Footer
AnswersShown = Literal["none", "without-safety", "all"]


def long_date(report: Report) -> str:
    return f"{report.created.day} {report.created:%B %Y}"


def score_line(score: int | None, band_words: str) -> str:
    if score is None:
        return band_words
    return f"{score} of 100, {band_words}" if band_words else f"{score} of 100"


def try_this(practice: str) -> str:
    return f"Something to try: {practice}"


def helpline(name: str, how: str) -> str:
    return f"{name}: {how}"


def summary(report: Report, answers: AnswersShown = "none") -> list[Block]:
    """The summary of one result, safety first when it signals a concern."""
    blocks: list[Block] = [
        Title(
            f"{report.bank_title}: a reflection", f"About {report.focus_words}, {long_date(report)}"
        )
    ]
    if report.concern:
        # The notes speak of the answers that signalled the concern: a file that leaves those
        # answers out leaves them out too.
        notes = () if answers == "without-safety" else report.safety_notes
        blocks += safety_section(report.headline, notes, report.safety_lines)
    else:
        blocks.append(Paragraph(report.headline))
    if report.caution:
        blocks.append(Paragraph(report.caution))
        blocks.append(Bullets(tuple(helpline(line.name, line.how) for line in report.safety_lines)))
        blocks.append(Paragraph(words.CAUTION_PRIVACY))
    if report.wishes:
        blocks.append(Paragraph(report.wishes))
    blocks.append(Heading(AREAS_HEADING))
    if report.concern:
        blocks.append(Paragraph(words.AREAS_UNDER_CONCERN, "quiet"))
    for area in report.areas:
        lines = tuple(line for line in (area.wish_words, area.reflection) if line)
        blocks.append(Entry(area.name, lines, area.score, score_line(area.score, area.band_words)))
    if report.closing:
        blocks.append(Paragraph(report.closing))
    if report.changes:
        assert report.since is not None
        since = f"{report.since.day} {report.since:%B %Y}"
        blocks += [Heading(f"Since last time ({since})"), Bullets(report.changes)]
    if report.barriers:
        blocks.append(Heading(BARRIERS_HEADING))
        for barrier in report.barriers:
            practice = (try_this(barrier.practice),) if barrier.practice else ()
            reflection = (barrier.reflection,) if barrier.reflection else ()
            blocks.append(Entry(barrier.label, (*reflection, *practice) or (SET_ASIDE,)))
    if report.going_well:
        blocks += [Heading(GOING_WELL_HEADING), Bullets(report.going_well)]
    if report.practices or report.practices_note:
        blocks.append(Heading(PRACTICES_HEADING))
        if report.practices_note:
            blocks.append(Paragraph(report.practices_note))
        if report.practices:
            blocks.append(
                Bullets(
                    tuple(p.text for p in report.practices),
                    tuple(p.area for p in report.practices),
                )
            )
    if answers != "none":
        blocks += [Heading(ANSWERS_HEADING), answers_block(report, answers == "all")]
    blocks.append(Footer(report.disclaimer, report.crisis))
    return blocks


def safety_section(headline: str, notes: tuple[str, ...], lines: tuple[Line, ...]) -> list[Block]:
    return [
        Heading(SAFETY_HEADING, "safety"),
        Paragraph(headline, "strong"),
        *(Paragraph(note) for note in notes),
        Paragraph(words.SAFETY_FIRST),
        Bullets(tuple(helpline(line.name, line.how) for line in lines)),
        Paragraph(words.SUPPORT_INTRO),
        Bullets(words.SUPPORT),
        Paragraph(words.LEAVE_NO_TRACE),
    ]


def answers_block(report: Report, with_safety: bool) -> Answers:
    """The questions and answers; without the safety answers unless asked for (a checklist
    then shows what was ticked but its safety choices), and a line saying they were left out."""
    if with_safety:
        return Answers(tuple((r.question, r.answer) for r in report.responses))
    left_out = any(r.shared != r.answer for r in report.responses)
    note = SAFETY_ANSWERS_LEFT_OUT + (STILL_SAFETY_FIRST if report.concern else "")
    return Answers(
        tuple((r.question, r.shared) for r in report.responses if r.shared is not None),
        note if left_out else None,
    )
