"""`.html`: a self-contained web page of the summary, worth printing and easy to listen to.

Semantic HTML (headings, lists, a labelled `<meter>` for each score), one stylesheet for
screen and print, light and dark. No script, and a Content-Security-Policy that forbids
fetching anything at all, so opening the file tells nobody anything.
"""

from __future__ import annotations

from html import escape

from intimacy_cli.layout import (
    Answers,
    Block,
    Bullets,
    Entry,
    Footer,
    Heading,
    Paragraph,
    Table,
    Title,
)
from intimacy_cli.wrapping import NUMBER_IN_PARTS

STYLE = """
:root { color-scheme: light dark; --text: #1d1d1f; --page: #fdfdfb; --quiet: #5a5a5f;
  --accent: #3b5b92; --safety: #7a2e7a; --rule: #d6d6d0; }
@media (prefers-color-scheme: dark) {
  :root { --text: #ececec; --page: #17181b; --quiet: #a8a8ae; --accent: #8fb0e8;
    --safety: #e0a3e0; --rule: #3a3b40; }
}
body { margin: 0; background: var(--page); color: var(--text);
  font: 1.05rem/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; }
main, body > footer { max-width: 42rem; margin: 0 auto; padding: 2rem 1.25rem 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--rule); }
h2.safety { color: var(--safety); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .25rem; }
.subtitle, .quiet, .aside { color: var(--quiet); }
.strong { font-weight: 600; }
.number { white-space: nowrap; }
.score { display: flex; align-items: center; gap: .75rem; margin: .25rem 0; }
meter { width: 10rem; height: 1rem; appearance: none; -webkit-appearance: none; }
/* One colour for every score: an amount, not a traffic light. */
meter::-webkit-meter-bar { background: var(--rule); border: none; border-radius: 3px; }
meter::-webkit-meter-optimum-value, meter::-webkit-meter-suboptimum-value,
meter::-webkit-meter-even-less-good-value { background: var(--accent); border-radius: 3px; }
meter::-moz-meter-bar { background: var(--accent); }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { padding: .25rem .75rem; border-bottom: 1px solid var(--rule); text-align: right; }
th[scope=row], thead th:first-child { text-align: left; }
body > footer { margin-top: 1.5rem; border-top: 1px solid var(--rule); padding-bottom: 3rem; }
footer .crisis { font-weight: 700; }
@media print {
  :root { --text: #000; --page: #fff; --quiet: #333; --accent: #000; --safety: #000; }
  main, body > footer { max-width: none; padding: 0; }
  h2 { break-after: avoid; } h3 { break-after: avoid; }
  section, li { break-inside: avoid; }
}
"""
# Nothing may be fetched: no image, font, style sheet, script or frame from anywhere.
POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def render(blocks: list[Block]) -> str:
    title = next((block.text for block in blocks if isinstance(block, Title)), "intimacy")
    body: list[str] = ["<main>"]
    in_section = False
    for block in blocks:
        if isinstance(block, (Heading, Footer)) and in_section:
            body.append("</section>")
            in_section = False
        if isinstance(block, Heading):
            body.append("<section>")
            in_section = True
        if isinstance(block, Footer):  # the page's own footer, after the main content
            body.append("</main>")
        body.append(_html(block))
    if in_section:
        body.append("</section>")
    if "</main>" not in body:
        body.append("</main>")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _html(block: Block) -> str:
    if isinstance(block, Title):
        return f'<h1>{escape(block.text)}</h1>\n<p class="subtitle">{escape(block.subtitle)}</p>'
    if isinstance(block, Heading):
        tone = ' class="safety"' if block.tone == "safety" else ""
        return f"<h2{tone}>{escape(block.text)}</h2>"
    if isinstance(block, Paragraph):
        tone = f' class="{block.tone}"' if block.tone in ("quiet", "strong") else ""
        return f"<p{tone}>{_text(block.text)}</p>"
    if isinstance(block, Bullets):
        asides = block.asides or ("",) * len(block.items)
        items = [
            f"<li>{_text(item)}"
            + (f' <span class="aside">({escape(aside)})</span>' if aside else "")
            + "</li>"
            for item, aside in zip(block.items, asides, strict=True)
        ]
        return "<ul>\n" + "\n".join(items) + "\n</ul>"
    if isinstance(block, Entry):
        parts = [f"<h3>{escape(block.name)}</h3>"]
        if block.score_words is not None:
            parts.append(_score(block))
        parts += [f"<p>{_text(line)}</p>" for line in block.lines]
        return "\n".join(parts)
    if isinstance(block, Table):
        head = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in block.headers)
        rows = [
            f'<tr><th scope="row">{escape(row[0])}</th>'
            + "".join(f"<td>{escape(cell)}</td>" for cell in row[1:])
            + "</tr>"
            for row in block.rows
        ]
        return (
            f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n"
            + "\n".join(rows)
            + "\n</tbody>\n</table>"
        )
    if isinstance(block, Answers):
        note = f'<p class="quiet">{escape(block.note)}</p>\n' if block.note else ""
        items = [
            f"<li>{escape(question)} <strong>{escape(answer)}</strong></li>"
            for question, answer in block.items
        ]
        return note + "<ol>\n" + "\n".join(items) + "\n</ol>"
    return (
        "<footer>\n"
        f'<p class="quiet">{escape(block.disclaimer)}</p>\n'
        f'<p class="crisis">{_text(block.crisis)}</p>\n'
        "</footer>"
    )


def _text(text: str) -> str:
    """`text` escaped for HTML, with every phone number kept on one line: a browser would break
    one at a space or after a hyphen."""
    return NUMBER_IN_PARTS.sub(
        lambda number: f'<span class="number">{number[0]}</span>', escape(text)
    )


def _score(block: Entry) -> str:
    words = escape(block.score_words or "")
    if block.score is None:
        return f'<p class="score quiet">{words}</p>'
    label = escape(f"{block.name}: {block.score} of 100")
    return (
        f'<p class="score"><meter min="0" max="100" value="{block.score}" '
        f'aria-label="{label}">{block.score} of 100</meter> <span>{words}</span></p>'
    )
