"""Document view benchmark: render a generated SOP draft into a QTextDocument, and refresh after one accept.

    QT_QPA_PLATFORM=offscreen python -m benchmarks.bench_render             # 10, 100, 500 pages
    QT_QPA_PLATFORM=offscreen python -m benchmarks.bench_render --pages 10 --runs 3
    QT_QPA_PLATFORM=offscreen python -m benchmarks.bench_render --clock cpu   # this process's CPU time

The draft (made here, ~40 paragraphs a page): a heading every ~12 paragraphs, lettered and numbered list
items, a table every ~50 paragraphs, and every third paragraph an italic proposal, a tracked insertion or a
tracked deletion (two authors). Figures are the best of N runs (time.perf_counter, or time.process_time with
--clock cpu), as other processes share the machine:

- open: ReviewDocument.open with the italic marker rule (the engine's part, before the view).
- render: render(review, MARKUP) into a fresh QTextDocument; FINAL likewise (it previews every change).
- shown: render + QTextEdit.setDocument + the first paint (processEvents), what a reader waits for; "laid out"
  adds the rest of Qt's layout, which QTextEdit otherwise does lazily in the background.
- refresh: after accepting one change (25 spread over the document), refresh_paragraphs on the document shown
  in the QTextEdit, which includes Qt relaying out the blocks after the edit; "+ paint" adds the repaint that
  follows (processEvents), "worst" is the slowest of the 25. The budget is 16 ms. "in place" counts refreshes
  that rewrote only the decided paragraph.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import zipfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QTextEdit  # noqa: E402

from redliner.core import Decision, ReviewDocument, parse_rules  # noqa: E402
from redliner.ui.render import ViewMode, refresh_paragraphs, render  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARAGRAPHS_PER_PAGE = 40
PROSE = ("the department shall review each community partnership and report the results to the chief "
         "officers will attend neighborhood meetings in their assigned districts every quarter while staffing "
         "permits training includes problem solving and procedural justice")
WORDS = PROSE.split(" ")

OPC = "http://schemas.openxmlformats.org/package/2006"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORDML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _override(part: str, kind: str) -> str:
    return f'<Override PartName="/word/{part}.xml" ContentType="{WORDML}.{kind}+xml"/>'


def _relationship(number: int, kind: str, target: str) -> str:
    return f'<Relationship Id="rId{number}" Type="{OFFICE}/{kind}" Target="{target}"/>'


CONTENT_TYPES = (f'{XML_DECLARATION}<Types xmlns="{OPC}/content-types">'
                 f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 f'{_override("document", "document.main")}{_override("styles", "styles")}'
                 f'{_override("numbering", "numbering")}</Types>')
ROOT_RELS = (f'{XML_DECLARATION}<Relationships xmlns="{OPC}/relationships">'
             f'{_relationship(1, "officeDocument", "word/document.xml")}</Relationships>')
DOC_RELS = (f'{XML_DECLARATION}<Relationships xmlns="{OPC}/relationships">'
            f'{_relationship(1, "styles", "styles.xml")}{_relationship(2, "numbering", "numbering.xml")}'
            "</Relationships>")
STYLES = (f'{XML_DECLARATION}<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="Heading2">'
          '<w:name w:val="heading 2"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style></w:styles>')
NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="1">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""


def sentence(seed: int, length: int) -> str:
    return " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(length))


def run(text: str, props: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{props}</w:rPr>" if props else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def changed_paragraph(n: int, revision: int) -> str:
    """Every third paragraph carries one change: italic proposal, insertion or deletion, in turn."""
    before, middle, after = sentence(n, 6) + " ", sentence(n + 1, 3), " " + sentence(n + 2, 5) + "."
    author = ("Alex Rivera", "Jordan Lee")[n % 2]
    attrs = f'w:id="{revision}" w:author="{author}" w:date="2024-05-01T00:00:00Z"'
    kind = (n // 3) % 3
    if kind == 0:
        changed = run(middle, "<w:i/>")
    elif kind == 1:
        changed = f"<w:ins {attrs}>{run(middle)}</w:ins>"
    else:
        changed = f'<w:del {attrs}><w:r><w:delText xml:space="preserve">{middle}</w:delText></w:r></w:del>'
    return run(before) + changed + run(after)


def table(n: int) -> str:
    cells = "".join(f"<w:tc><w:p>{run(sentence(n + c, 3))}</w:p></w:tc>" for c in range(3))
    return f"<w:tbl>{''.join(f'<w:tr>{cells}</w:tr>' for _ in range(3))}</w:tbl>"


def body(paragraphs: int) -> str:
    parts = []
    for n in range(paragraphs):
        if n % 50 == 49:
            parts.append(table(n))
        if n % 12 == 0:
            parts.append(f'<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr>{run(f"0{n // 12}.00 Section")}</w:p>')
            continue
        level = 0 if n % 12 == 1 else (1 if n % 4 else 2)
        props = f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        content = changed_paragraph(n, n) if n % 3 == 1 else run(sentence(n, 8) + ".")
        parts.append(f"<w:p>{props}{content}</w:p>")
    return "".join(parts)


def write_draft(path: Path, pages: int) -> int:
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>'
                f"{body(pages * PARAGRAPHS_PER_PAGE)}<w:sectPr/></w:body></w:document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
                           ("word/_rels/document.xml.rels", DOC_RELS), ("word/styles.xml", STYLES),
                           ("word/numbering.xml", NUMBERING), ("word/document.xml", document)):
            archive.writestr(name, data)
    return len(document.encode("utf-8"))


CLOCK = time.perf_counter  # --clock cpu: time.process_time, this process's CPU time, steadier on a busy machine


def timed(action) -> tuple[float, object]:
    start = CLOCK()
    result = action()
    return CLOCK() - start, result


def measure(path: Path, runs: int, app: QApplication) -> dict:
    rules = parse_rules("italic")
    opens = [timed(lambda: ReviewDocument.open(path, rules)) for _ in range(runs)]
    review = opens[-1][1]
    renders = [timed(lambda: render(review, ViewMode.MARKUP))[0] for _ in range(runs)]
    finals = [timed(lambda: render(review, ViewMode.FINAL))[0] for _ in range(runs)]
    view = QTextEdit()
    view.resize(900, 700)
    view.show()
    shown, laid_out = [], []
    for _ in range(runs):
        start = CLOCK()
        rendered = render(review, ViewMode.MARKUP)
        view.setDocument(rendered.document)
        app.processEvents()
        shown.append(CLOCK() - start)
        rendered.document.documentLayout().documentSize()  # Qt lays out the rest lazily; finish it
        laid_out.append(CLOCK() - start)
    app.processEvents()
    refreshes, painted, incremental = [], [], 0
    step = max(1, len(review.changes) // 25)
    for change in review.changes[::step]:
        tries = []
        for _ in range(runs):  # accept, refresh, paint; undo and refresh again; keep the best try
            journal = review.decide([change], Decision.ACCEPT)
            start = CLOCK()
            incremental += refresh_paragraphs(rendered, review, [change.id])
            refreshed = CLOCK() - start
            app.processEvents()
            tries.append((refreshed, CLOCK() - start))
            review.undo(journal)
            refresh_paragraphs(rendered, review, [change.id])
            app.processEvents()
        refreshes.append(min(t[0] for t in tries))
        painted.append(min(t[1] for t in tries))
    view.close()
    return {"changes": len(review.changes), "open": opens, "render": renders, "final": finals, "shown": shown,
            "laid out": laid_out, "refresh": refreshes, "painted": painted,
            "incremental": f"{incremental}/{len(refreshes) * runs}"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, nargs="*", default=[10, 100, 500])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall")
    args = parser.parse_args()
    global CLOCK
    CLOCK = time.process_time if args.clock == "cpu" else time.perf_counter
    app = QApplication.instance() or QApplication([])
    ms = lambda values: f"{min(t if isinstance(t, float) else t[0] for t in values) * 1000:8.1f}"  # noqa: E731
    median = lambda values: f"{statistics.median(values) * 1000:8.1f}"  # noqa: E731
    worst = lambda values: f"{max(values) * 1000:8.1f}"  # noqa: E731
    print(f"{args.clock} clock; best of {args.runs} runs, robust to load from other processes; refresh: ~25 accepts "
          f"spread over the document, each the best of {args.runs} tries, median and worst; times in ms")
    print(f"{'pages':>5} {'paras':>6} {'MB xml':>6} {'changes':>7} {'open':>8} {'render':>8} {'final':>8} "
          f"{'shown':>8} {'laid out':>8} {'refresh':>8} {'+ paint':>8} {'worst':>8} {'in place':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for pages in args.pages:
            path = Path(folder) / f"sop-{pages}.docx"
            size = write_draft(path, pages)
            found = measure(path, args.runs, app)
            print(f"{pages:5d} {pages * PARAGRAPHS_PER_PAGE:6d} {size / 1e6:6.2f} {found['changes']:7d} "
                  f"{ms(found['open'])} {ms(found['render'])} {ms(found['final'])} {ms(found['shown'])} "
                  f"{ms(found['laid out'])} "
                  f"{median(found['refresh'])} {median(found['painted'])} {worst(found['painted'])} "
                  f"{found['incremental']:>8}")
    print(f"load average (1, 5, 15 min): {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
