"""Crisis and support lines: the country from the locale, and the data behind every footer."""

from __future__ import annotations

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
    assert all(line.source.startswith("https://") for line in place.lines)


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
