"""Crisis and support lines: the country from the locale, and the data behind every footer."""

from __future__ import annotations

from datetime import date

import pytest

from intimacy_cli import helplines
from intimacy_cli.errors import InputError


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "en_GB.UTF-8"}, "GB"),
        ({"LANG": "en_AU.UTF-8"}, "AU"),
        ({"LANG": "fr_CA.UTF-8"}, "CA"),
        ({"LANG": "de_DE"}, "DE"),
        ({"LANG": "C.UTF-8"}, "US"),
        ({"LANG": "POSIX"}, "US"),
        ({}, "US"),
        ({"LC_ALL": "en_IE.UTF-8", "LANG": "en_GB.UTF-8"}, "IE"),  # LC_ALL wins
        ({"LC_MESSAGES": "en_AU.UTF-8", "LANG": "en_GB.UTF-8"}, "AU"),
        ({"LC_ALL": "", "LANG": "en_GB.UTF-8"}, "GB"),  # an empty variable does not count
    ],
)
def test_country_from_the_locale(environ: dict[str, str], expected: str) -> None:
    assert helplines.country_code(environ=environ) == expected


def test_given_country_wins_and_must_be_two_letters() -> None:
    assert helplines.country_code("gb", environ={"LANG": "en_US.UTF-8"}) == "GB"
    with pytest.raises(InputError, match="not a two-letter country code"):
        helplines.country_code("USA")


@pytest.mark.parametrize(
    ("code", "number"),
    [("US", "988"), ("CA", "988"), ("GB", "116 123"), ("IE", "116 123"), ("AU", "13 11 14")],
)
def test_each_countrys_footer_and_lines(code: str, number: str) -> None:
    place = helplines.for_country(code)
    assert place.code == code
    assert number in place.footer and "findahelpline.com" in place.footer
    assert any(number in line.how for line in place.lines)
    assert any(line.safety for line in place.lines)  # a line for people who may not be safe
    # Where safety comes first: the emergency number, then the lines for people not safe.
    ordered = place.safety_first
    assert ordered[0].emergency and sum(line.emergency for line in ordered) == 1
    kinds = [line.safety for line in ordered[1:]]
    assert kinds == sorted(kinds, reverse=True), code
    for line in place.lines:  # each line says where and when it was checked
        assert line.source.strip(), line.name
        assert date.fromisoformat(line.checked) <= date(2026, 11, 26), line.name


@pytest.mark.parametrize(
    ("code", "detail"),
    [
        ("GB", "0808 2000 247"),
        ("GB", "0808 801 0327"),
        ("GB", "0800 027 1234"),
        ("GB", "0808 80 10 800"),
        ("GB", "0808 802 1414"),
        ("GB", "text SHOUT to 85258"),
        ("GB", "press 55"),
        ("IE", "1800 341 900"),
        ("AU", "1800 737 732"),
        ("AU", "0458 737 732"),
        ("CA", "sheltersafe.ca"),
    ],
)
def test_the_verified_abuse_and_text_lines_outside_the_us(code: str, detail: str) -> None:
    assert any(detail in line.how for line in helplines.for_country(code).lines)


@pytest.mark.parametrize("written", ["UK", "uk", "Uk"])
def test_uk_is_accepted_for_gb_in_any_case(written: str) -> None:
    assert helplines.country_code(written) == "GB"
    assert helplines.country_code(environ={"LANG": "en_UK.UTF-8"}) == "GB"


def test_us_lines_include_crisis_text_and_domestic_violence_hotline() -> None:
    lines = {line.name: line for line in helplines.for_country("US").lines}
    assert "text HOME to 741741" in lines["Crisis Text Line"].how
    hotline = lines["National Domestic Violence Hotline"]
    assert hotline.safety
    for detail in ("1-800-799-7233", "1-800-787-3224", "START to 88788", "thehotline.org"):
        assert detail in hotline.how


def test_everyone_else_is_pointed_to_findahelpline() -> None:
    place = helplines.for_country("DE")
    assert place.code == "" and "findahelpline.com" in place.footer
