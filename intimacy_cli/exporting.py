"""Writing what the person asked to keep: an export is checked before any question, written
privately and atomically (see files.py), and says first what in it could be sensitive."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from intimacy_cli.errors import InputError
from intimacy_cli.streams import notice

if TYPE_CHECKING:
    from intimacy_cli.quiz import Interviewer
    from intimacy_cli.report import Report

SAFETY_ANSWERS_IN = (
    "{path} will hold your answers to the safety questions: anyone who can open the file can "
    "read them."
)
SAFETY_ANSWERS_OUT = (
    "Your answers to the safety questions are left out of {path}; add --with-safety-answers "
    "to keep them in (to show a counsellor, say)."
)
SHOWS_CONCERN = (
    "{path} opens with the safety section, so anyone who opens it, or compares it with theirs, "
    "can see that some of your answers suggest you may not feel safe."
)
SHOWS_CAUTION = (
    "{path} says why it lists support lines for anyone who feels uneasy or afraid with someone "
    "close: anyone who opens it can read that."
)


def check(path: Path | None, force: bool) -> None:
    """Refuse a bad export path up front, before any question is asked."""
    if path is None:
        return
    from intimacy_cli import files
    from intimacy_cli.render import EXPORT_FORMATS

    if path.suffix.lower() not in EXPORT_FORMATS:
        endings = ", ".join(EXPORT_FORMATS)
        raise InputError.single(str(path), f"unknown export format: use a name ending {endings}")
    files.check_target(path, force)


def write(path: Path, text: str, force: bool) -> None:
    """Write `text` to `path` privately and atomically, and say so."""
    from intimacy_cli import files
    from intimacy_cli.streams import uninterrupted

    with uninterrupted(f"the export {path}"):
        files.write_private(path, text, force)
        notice(f"Saved to {path} (readable only by you).")


def warned(
    path: Path, report: Report, with_safety_answers: bool, interviewer: Interviewer | None
) -> bool:
    """Say what in the export could be sensitive; at a terminal, when it would show a safety
    concern or a reason for caution, ask first (No unless the person says yes). Whether
    to write it."""
    answered = any(
        value is not None and value != report.shared_answers.get(key)
        for key, value in report.answers.items()
    )
    if answered:
        notice((SAFETY_ANSWERS_IN if with_safety_answers else SAFETY_ANSWERS_OUT).format(path=path))
    if report.concern or report.caution:
        notice((SHOWS_CONCERN if report.concern else SHOWS_CAUTION).format(path=path))
        if interviewer is not None:
            from intimacy_cli import safetext

            return interviewer.confirm(f"Write {safetext.clean(str(path))} anyway?")
    return True


def report_if_agreed(
    path: Path,
    report: Report,
    force: bool,
    with_safety_answers: bool,
    interviewer: Interviewer | None,
) -> None:
    """The report written to `path` once `warned` agrees, or a word that nothing was."""
    if warned(path, report, with_safety_answers, interviewer):
        report_file(path, report, force, with_safety_answers)
    else:
        notice(f"Nothing was written to {path}.")


def report_file(path: Path, report: Report, force: bool, with_safety_answers: bool) -> None:
    from intimacy_cli import layout, render, reportjson

    blocks = layout.summary(report, "all" if with_safety_answers else "without-safety")
    text = render.export(
        path.suffix.lower(), blocks, lambda: reportjson.data(report, with_safety_answers)
    )
    write(path, text, force)
