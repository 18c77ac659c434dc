"""Every export opened in a real browser (Debian's Chromium, driven by Playwright) with the
network watched: opening a file must not tell anyone anything. And the web page read as a
screen reader reads it.

Needs /usr/bin/chromium (.ci/run installs it). Without it these tests are skipped, unless
INTIMACY_REQUIRE_BROWSER=1 (as in CI) makes that a failure.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import PHONE_NUMBER, all_answers, run

CHROMIUM = Path("/usr/bin/chromium")
FORMATS = [".txt", ".md", ".json", ".html", ".svg"]

if not CHROMIUM.exists():
    if os.environ.get("INTIMACY_REQUIRE_BROWSER"):
        raise RuntimeError(f"{CHROMIUM} is missing: the browser tests cannot run")
    pytest.skip(f"{CHROMIUM} is not installed", allow_module_level=True)

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield launched
        launched.close()


def opened(browser: Browser, path: Path) -> tuple[Page, list[str]]:
    """The file opened in a fresh page, and every request the page made, the file included
    (anything else is refused, so nothing leaves even if the file asked for it)."""
    page = browser.new_page()
    requests: list[str] = []

    def watch(route: object) -> None:
        request = route.request  # type: ignore[attr-defined]
        requests.append(request.url)
        if request.url == path.as_uri():
            route.continue_()  # type: ignore[attr-defined]
        else:
            route.abort()  # type: ignore[attr-defined]

    page.route("**/*", watch)
    page.goto(path.as_uri())
    page.wait_for_load_state("networkidle")
    return page, requests


COUNTRIES = sorted(
    json.loads((Path(__file__).parents[1] / "intimacy_cli/data/resources.json").read_text())[
        "countries"
    ]
)
# Every piece of text that looks like a phone number, and how many lines the page gives it.
LINES_PER_NUMBER = """pattern => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(new RegExp(pattern, "g"))) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
      found.push([match[0], tops.size]);
    }
  }
  return found;
}"""


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A summary that puts safety first, and a comparison, in every format."""
    folder = tmp_path_factory.mktemp("exports")
    answers = folder / "answers.json"
    answers.write_text(json.dumps(all_answers(4, afraid_of_reaction=3)))
    made: dict[str, Path] = {}
    for suffix in FORMATS:
        target = folder / f"summary{suffix}"
        result = run(
            "check", "--for", "partner", "--answers", str(answers), "--export", str(target)
        )
        assert result.returncode == 0, result.stderr
        made[f"summary{suffix}"] = target
    for suffix in FORMATS:
        target = folder / f"comparison{suffix}"
        summary = made["summary.json"]
        result = run("compare", str(summary), str(summary), "--export", str(target))
        assert result.returncode == 0, result.stderr
        made[f"comparison{suffix}"] = target
    return made


@pytest.mark.parametrize("kind", ["summary", "comparison"])
@pytest.mark.parametrize("suffix", FORMATS)
def test_opening_an_export_reaches_nothing_beyond_the_file(
    browser: Browser, exports: dict[str, Path], kind: str, suffix: str
) -> None:
    path = exports[f"{kind}{suffix}"]
    page, requests = opened(browser, path)
    assert requests == [path.as_uri()]
    assert "988" in page.content()
    page.close()


def test_the_page_reads_as_headings_lists_scores_and_a_footer(
    browser: Browser, exports: dict[str, Path], tmp_path: Path
) -> None:
    page, _ = opened(browser, exports["summary.html"])
    tree = page.locator("body").aria_snapshot()
    assert 'heading "Signs of emotional intimacy: a reflection" [level=1]' in tree
    assert 'heading "Your safety comes first" [level=2]' in tree
    assert 'heading "Sharing your inner world" [level=3]' in tree
    assert 'meter "Sharing your inner world:' in tree
    assert "contentinfo" in tree and "988" in tree.split("contentinfo", 1)[1]
    assert tree.index("Your safety comes first") < tree.index("Sharing your inner world")
    shot = tmp_path / "page.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    page.emulate_media(media="print")
    assert page.locator("footer").is_visible()
    page.close()


@pytest.mark.parametrize("country", COUNTRIES)
def test_no_width_of_window_splits_a_phone_number_on_the_page(
    browser: Browser, tmp_path: Path, country: str
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(all_answers(4, afraid_of_reaction=3)))
    target = tmp_path / "summary.html"
    result = run(
        "check", "--for", "partner", "--answers", str(answers), "--country", country,
        "--export", str(target),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    page, _ = opened(browser, target)
    for width in range(160, 720, 16):
        page.set_viewport_size({"width": width, "height": 800})
        numbers = page.evaluate(LINES_PER_NUMBER, PHONE_NUMBER.pattern + "(?:-[A-Z]+)?")
        assert any(" " in number or "-" in number for number, _ in numbers), country
        split = [number for number, lines in numbers if lines > 1]  # 0: not drawn (a meter)
        assert split == [], (country, width)
    page.close()
