"""Mutants: proof that the tests can fail. Each entry changes one line of the installed
package (a fix undone), runs the test written for it, and puts the line back; every one must
be caught.

    python tests/mutants.py        # after pip install '.[test]'
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import intimacy_cli

SP = Path(intimacy_cli.__file__).parent
REPO = Path(__file__).resolve().parent.parent
MUTATIONS = [
    (
        "history.py",
        "    return found == objects and found_columns == columns",
        "    return True",
        "tests/test_history_faults.py::test_another_programs_results_table_is_not_taken_for_ours",
    ),
    (
        "report.py",
        "    return practice.safe_if_concern or not concern",
        "    return True",
        "tests/test_report.py::test_no_practice_without_the_safe_mark_survives_the_safety_filter",
    ),
    (
        "scoring.py",
        "    if abs(moved) <= max(one_step(bank, now), one_step(bank, then)) + 1e-9:",
        "    if abs(moved) <= 0:",
        "tests/test_scoring.py::test_one_answer_moving_one_step_is_never_a_change",
    ),
    (
        "safetext.py",
        '_INVISIBLE = frozenset({"Cc", "Cf", "Cs"})',
        '_INVISIBLE = frozenset({"Cc", "Cs"})',
        "tests/test_robustness.py::test_cleaned_text_holds_nothing_invisible_and_keeps_the_visible",
    ),
    (
        "screen.py",
        "    for name, bounds in",
        "    return\n    for name, bounds in",
        "tests/test_robustness.py::test_any_width_the_environment_claims_still_shows_the_footer",
    ),
    (
        "streams.py",
        "    before = signal.signal(signal.SIGINT, lambda number, frame: stopped.append(number))",
        "    before = signal.getsignal(signal.SIGINT)",
        "tests/test_robustness.py::test_ctrl_c_while_an_export_is_written_waits_and_says_what_was_written",
    ),
    (
        "history.py",
        "        with contextlib.suppress(_DamagedRow):\n            return _saved(row)",
        "        return _saved_or_error(row)",
        "tests/test_history_faults.py::test_a_damaged_newest_row_does_not_hide_the_last_good_one",
    ),
    (
        "yamlsafe.py",
        "MAX_VALUES = 50_000",
        "MAX_VALUES = 50_000_000",
        "tests/test_robustness.py::test_a_file_of_nothing_but_values_is_refused_quickly",
    ),
    (
        "private.py",
        "    before = {number: signal.signal(number, stop) for number in "
        "(signal.SIGTERM, signal.SIGHUP)}",
        "    before = {}",
        "tests/test_terminal.py::test_a_private_run_ended_by_a_signal_still_leaves_nothing_on_screen",
    ),
    (
        "report.py",
        '    if concern:\n        return ""  # numbers only',
        '    if False:\n        return ""  # numbers only',
        "tests/test_render.py::test_a_concern_puts_safety_first_in_every_format",
    ),
    (
        "bank.py",
        "        if len(scored) < MIN_AREA_QUESTIONS:",
        "        if False:",
        "tests/test_bank.py::test_measurement_design_problems",
    ),
    (
        "comparison.py",
        "    if not (over_time or _cautious(first, second)):",
        "    if not over_time:",
        "tests/test_compare.py::test_a_concern_on_either_side_puts_safety_first_and_no_starters",
    ),
    (
        "files.py",
        "        if not stat.S_ISREG(os.fstat(descriptor).st_mode):",
        "        if False:",
        "tests/test_robustness.py::test_a_fifo_is_refused_at_once_wherever_a_file_is_read",
    ),
    (
        "reportjson.py",
        "    answers = report.answers if with_safety_answers else report.shared_answers",
        "    answers = report.answers",
        "tests/test_render.py::test_safety_answers_are_left_out_of_exports_unless_asked_for",
    ),
    (
        "scoring.py",
        "_area_score(bank, area.id, by_area[area.id],",
        "_area_score(bank, area.id, [q for q in asked if q.scored and q.area == area.id],",
        "tests/test_robustness.py::test_the_work_grows_in_step_with_the_question_file",
    ),
    (
        "wrapping.py",
        '    held = NUMBER_IN_PARTS.sub(lambda number: number[0].replace(" ", _NO_BREAK), text)',
        "    held = text",
        "tests/test_render.py::test_no_width_splits_a_phone_number_over_two_lines",
    ),
    (
        "wrapping.py",
        "        break_long_words=False,",
        "",
        "tests/test_cli.py::test_resources_for_each_country",
    ),
    (
        "history.py",
        '    _check(isinstance(created, str) and _DATE.match(created) is not None, "its date")',
        '    _check(not isinstance(created, str) or _DATE.match(created) is not None, "its date")',
        "tests/test_history_faults.py::test_any_row_is_read_back_or_named_as_damaged",
    ),
    (
        "screen.py",
        "MIN_WIDTH, MAX_WIDTH = 20, 120",
        "MIN_WIDTH, MAX_WIDTH = 20, 100_000",
        "tests/test_robustness.py::test_any_environment_still_gives_the_summary_and_its_footer",
    ),
    (
        "report.py",
        "    cautious = scores.cautious",
        "    cautious = scores.concern",
        "tests/test_report.py::test_a_skipped_safety_question_brings_caution_and_lines_but_no_concern",
    ),
    (
        "layout.py",
        '        notes = () if answers == "without-safety" else report.safety_notes',
        "        notes = report.safety_notes",
        "tests/test_render.py::test_a_ticked_safety_choice_is_left_out_of_exports_unless_asked_for",
    ),
    (
        "render/page.py",
        """        lambda number: f'<span class="number">{number[0]}</span>', escape(text)""",
        "        lambda number: number[0], escape(text)",
        "tests/test_browser.py::test_no_width_of_window_splits_a_phone_number_on_the_page",
    ),
    (
        "scoring.py",
        " and by_id[a.area_id].caution_if_low), None",
        " and False), None",
        "tests/test_report.py::test_a_low_score_where_it_can_mean_unsafe_brings_caution_without_any_fear_said",
    ),
    (
        "scoring.py",
        " and q.declined_with not in declined for q in asked",
        " for q in asked",
        "tests/test_report.py::test_skipping_an_optional_part_with_its_safety_question_is_declining_not_caution",
    ),
    (
        "history.py",
        '    _check(type(result_id) is int and 0 < result_id <= LARGEST_RESULT_ID, "its number")',
        "    pass",
        "tests/test_history_faults.py::test_a_row_whose_number_is_not_a_result_number_is_damaged",
    ),
    (
        "comparison.py",
        "    if not (over_time or _cautious(first, second)):",
        "    if not (over_time or any(side.concern for side in (first, second))):",
        "tests/test_compare.py::test_a_skipped_safety_question_on_either_side_holds_the_starters_back",
    ),
]


def main() -> int:
    missed = 0
    for path, old, new, test in MUTATIONS:
        missed += not caught(SP / path, old, new, test)
    return missed


def caught(full: Path, old: str, new: str, test: str) -> bool:
    text = full.read_text()
    assert old in text, (full, old)
    backup = full.with_suffix(".orig")
    shutil.copy(full, backup)
    full.write_text(text.replace(old, new, 1))
    try:
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0", test]
        result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)
    finally:
        shutil.move(backup, full)
    found = result.returncode != 0
    print(("caught " if found else "MISSED ") + f"{full.name}: {test.split('::')[1]}")
    return found


if __name__ == "__main__":
    sys.exit(main())
