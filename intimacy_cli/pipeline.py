"""What a run does, step by step, apart from how the command line asked for it.

A check (`check`):
    1. check what was asked before any question: the country, the kind of terminal, the
       question set (the person's own files are read at once), the export path;
    2. ask who to reflect on, then the questions (`quiz`), or read the answers
       (`answersfile`);
    3. score them (`scoring.score`): safety answers are never scored, wishes are kept apart;
    4. read the last kept result of the same set, version and focus, without writing a
       byte (`history`), to say what changed since then;
    5. reflect (`report.reflect`): every word the person will read, safety first;
    6. lay it out (`layout.summary`) and show it (`screen.show`), or page it on the alternate
       screen for a private run (`private`);
    7. export it (`exporting`) and keep it in the history (`history.save`), each only when
       the person asked for it, after saying what in it could be sensitive.

Showing a kept result again (`kept`) runs steps 3, 5 and 6 on the kept answers; comparing
(`compare`) scores each side the same way.

Both the Typer commands (cli/) and entry.py's quick start call these functions. Modules are
imported inside them, where they are needed, so that the first question comes at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from intimacy_cli import DEFAULT_BANK
from intimacy_cli.streams import DISCLAIMER, handled_errors, notice

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from intimacy_cli import layout
    from intimacy_cli.bank import Answer, Bank
    from intimacy_cli.comparison import Comparison, Result
    from intimacy_cli.history import Saved
    from intimacy_cli.quiz import Interviewer
    from intimacy_cli.report import Previous, Report

OLD_VERSION_NOTE = (
    "This result was kept with version {version} of these questions, and the questions have "
    "changed since. Its words belonged to the old questions, so it is shown as it was scored: "
    "the number for each part, nothing more."
)
OLD_VERSION_CARE = (
    "If you ever feel unsafe with someone close to you, the lines in `intimacy resources` are "
    "there for you, even just to talk."
)
KEEP_QUESTION = "Keep this result in your private history on this computer? ({path})"
KEEP_WITH_CONCERN = (
    "Keep this result in your private history on this computer? Anyone who can use this "
    "account could read it, your answers about safety included. ({path})"
)
READABLE_BY_ANYONE = (
    "Anyone who can use this account could read it, your answers about safety included."
)


@dataclass(frozen=True)
class CheckRequest:
    """What the person asked of `intimacy check` (see its options)."""

    bank_name: str = DEFAULT_BANK
    focus: str | None = None  # asked first when None (with answers from a file: everyone)
    answers_file: str | None = None
    export: Path | None = None
    force: bool = False
    with_safety_answers: bool = False
    as_json: bool = False
    plain: bool = False
    private: bool = False
    country: str | None = None
    save: bool | None = None  # None: ask, at a terminal; never without one


def check(request: CheckRequest) -> None:
    """A whole check, steps 1 to 7."""
    from intimacy_cli import catalog, exporting, quiz
    from intimacy_cli.helplines import country_code

    with handled_errors(request.country, private=request.private):
        code = country_code(request.country)
        plain = quiz.plain_wanted(request.plain)
        if request.private:
            from intimacy_cli import private

            keeps = request.export is not None or bool(request.save) or request.as_json
            private.check_possible(plain, keeps)
        load_bank = catalog.deferred(request.bank_name)
        exporting.check(request.export, request.force)
        interviewer: Interviewer | None = None
        with _screen(request.private):
            if request.answers_file is not None:
                from intimacy_cli import answersfile

                focus, bank = request.focus or "everyone", load_bank()
                answers = answersfile.read(request.answers_file, bank, focus)
            else:
                interviewer = quiz.interviewer(plain, quick_exit=request.private)
                if request.focus is None:  # the set loads while the person chooses who
                    load_bank = _meanwhile(load_bank)
                focus = request.focus or quiz.ask_focus(interviewer)
                bank = load_bank()
                answers = _interview(bank, focus, interviewer)
            from intimacy_cli.runtime import now

            report = reflect(bank, focus, answers, code, now(), previous(bank, focus))
            if request.private:
                from intimacy_cli import private

                private.page(report)
                return
            _show(report, request.as_json, plain, request.with_safety_answers)
        save = request.save
        if save is None:
            save = interviewer is not None and _ask_to_keep(interviewer, report.concern)
        if request.export is not None:
            _export(request, report, interviewer or quiz.asker_if_present(plain))
        if save:
            keep(report)


def _meanwhile(work: Callable[[], Bank]) -> Callable[[], Bank]:
    """`work` started now in a thread (the main one mostly waits for a key meanwhile); what
    is returned waits for it to finish and gives its result, or raises its error."""
    import threading

    outcome: list[Bank | BaseException] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as error:  # handed to the main thread, which says what it is
            outcome.append(error)

    thread = threading.Thread(target=run, name="load-set", daemon=True)
    thread.start()

    def result() -> Bank:
        thread.join()
        if isinstance(outcome[0], BaseException):
            raise outcome[0]
        return outcome[0]

    return result


def _screen(private: bool) -> AbstractContextManager[None]:
    """The alternate screen for a private run; else nothing special."""
    if not private:
        from contextlib import nullcontext

        return nullcontext()
    from intimacy_cli import private as hidden

    return hidden.alternate_screen()


def _interview(bank: Bank, focus: str, interviewer: Interviewer) -> dict[str, Answer]:
    from intimacy_cli import quiz
    from intimacy_cli.focus import fill
    from intimacy_cli.screen import paragraph, screen

    terminal = screen()
    paragraph(terminal, fill(bank.intro, focus))
    answers = quiz.walk(bank, focus, interviewer, on_first_answer=_after_first_answer)
    terminal.write("\n")  # a breath between the last question and the summary
    return answers


def _after_first_answer() -> None:
    """Start-up is over: the garbage collector back on (see entry.py), and what the summary
    needs imported while the person reads the questions (the main thread mostly waits for
    keys then), so the summary appears at once after the last answer."""
    import gc
    import threading

    gc.enable()

    def imports() -> None:
        from intimacy_cli import history, layout, report, reportjson  # noqa: F401
        from intimacy_cli.render import plain, terminal  # noqa: F401

    threading.Thread(target=imports, name="warm-up", daemon=True).start()


def _ask_to_keep(interviewer: Interviewer, concern: bool) -> bool:
    from intimacy_cli import history, safetext
    from intimacy_cli.screen import screen

    screen().write("\n")
    question = KEEP_WITH_CONCERN if concern else KEEP_QUESTION
    return interviewer.confirm(question.format(path=safetext.clean(str(history.location()))))


def _show(report: Report, as_json: bool, plain: bool, with_safety_answers: bool) -> None:
    from intimacy_cli import layout
    from intimacy_cli.render import show

    if as_json:
        import sys

        from intimacy_cli import render, reportjson

        sys.stdout.write(render.as_json(reportjson.data(report, with_safety_answers)))
    else:
        show(layout.summary(report), plain)


def _export(request: CheckRequest, report: Report, interviewer: Interviewer | None) -> None:
    """Write the export, after saying what in it could be sensitive (and, at a terminal, when
    the file would show a safety concern, asking first)."""
    from intimacy_cli import exporting

    assert request.export is not None
    exporting.report_if_agreed(
        request.export, report, request.force, request.with_safety_answers, interviewer
    )


def keep(report: Report) -> None:
    """Step 7: save a new result to the history (created privately on first use)."""
    from intimacy_cli.streams import uninterrupted

    with uninterrupted("a result kept in your history"):
        _keep(report)


def _keep(report: Report) -> None:
    from intimacy_cli import history

    result_id = history.save(
        history.Saved(
            created=report.created,
            bank_id=report.bank_id,
            bank_version=report.bank_version,
            focus=report.focus,
            country=report.country,
            answers=dict(report.answers),
            overall=report.overall,
            areas={area.id: area.score for area in report.areas},
            wishes={area.id: area.wish for area in report.areas},
            concern=report.concern,
        )
    )
    notice(
        f"Kept in your private history as #{result_id} ({history.location()}). "
        f"`intimacy history forget {result_id}` removes it."
        + (f" {READABLE_BY_ANYONE}" if report.concern else "")
    )


def reflect(
    bank: Bank,
    focus: str,
    answers: Mapping[str, Answer],
    country: str,
    created: datetime,
    previous: Previous | None = None,
) -> Report:
    """Steps 3 and 5: the report for these answers."""
    from intimacy_cli import helplines, report, scoring

    place = helplines.for_country(country)
    scores = scoring.score(bank, focus, answers)
    return report.reflect(bank, focus, answers, scores, created, place, previous)


def previous(bank: Bank, focus: str) -> Previous | None:
    """Step 4: the last kept result of this set, version and focus, scored again; never
    required, so any problem with the history is a notice and the run goes on."""
    from intimacy_cli import history, scoring
    from intimacy_cli.report import Previous

    try:
        saved = history.latest(bank.id, bank.version, focus)
    except history.HistoryError as error:
        notice(f"(Not comparing with last time: {error}.)")
        return None
    if saved is None or not scoring.answers_fit(bank, focus, saved.answers):
        return None
    return Previous(saved.created, scoring.score(bank, focus, saved.answers))


def kept(saved: Saved, bank: Bank) -> Report | None:
    """A kept result's report, rebuilt from its answers; None when it was made with another
    version of its questions (see `as_scored`)."""
    from intimacy_cli import helplines, scoring
    from intimacy_cli.history import HistoryError

    if saved.bank_version != bank.version:
        return None
    if not scoring.answers_fit(bank, saved.focus, saved.answers):
        raise HistoryError(f"result #{saved.id} does not fit '{saved.bank_id}'; it may be damaged")
    country = saved.country or helplines.country_code()
    return reflect(bank, saved.focus, saved.answers, country, saved.created)


def as_scored(saved: Saved) -> list[layout.Block]:
    """A result kept with an older version of its questions: its scores as they were kept."""
    from intimacy_cli import helplines, layout
    from intimacy_cli.focus import FOCUSES, fill
    from intimacy_cli.report import SAFETY_HEADLINE

    place = helplines.for_country(saved.country or helplines.country_code())
    care: list[layout.Block] = [layout.Paragraph(OLD_VERSION_CARE)]
    if saved.concern:  # kept with a safety concern: safety first, as when it was made
        headline = fill(SAFETY_HEADLINE, saved.focus)
        care = layout.safety_section(headline, (), place.safety_first)
    return [
        layout.Title(
            f"{saved.bank_id}, version {saved.bank_version}: a kept result",
            f"About {FOCUSES[saved.focus]['people']}, {saved.created.day} {saved.created:%B %Y}",
        ),
        *care,
        layout.Paragraph(OLD_VERSION_NOTE.format(version=saved.bank_version)),
        layout.Table(
            ("Part", "Score"),
            tuple(
                (area, "-" if score is None else str(score)) for area, score in saved.areas.items()
            ),
        ),
        layout.Footer(DISCLAIMER, place.footer),
    ]


def as_scored_data(saved: Saved) -> dict[str, Any]:
    from intimacy_cli import helplines

    place = helplines.for_country(saved.country or helplines.country_code())
    return {
        "format": "intimacy-kept-scores",
        "format_version": 1,
        "bank": {"id": saved.bank_id, "version": saved.bank_version},
        "focus": saved.focus,
        "created": saved.created.isoformat(timespec="seconds"),
        "note": OLD_VERSION_NOTE.format(version=saved.bank_version),
        "scores": {"overall": saved.overall, "areas": saved.areas},
        "disclaimer": DISCLAIMER,
        "crisis": place.footer,
    }


def compare(bank: Bank, first: Result, second: Result, country: str) -> Comparison:
    from intimacy_cli import comparison, helplines

    return comparison.compare(bank, first, second, helplines.for_country(country))
