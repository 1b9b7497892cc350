"""Generate SOP-like .docx drafts for the engine benchmarks.

A document is sections of a standard operating procedure: a Heading1, body paragraphs, Heading2 subsections
with lettered (lowerLetter) and numbered (decimal) lists, and metadata or responsibility tables. About one
paragraph in three carries a change:

- variant ``tracked``: w:ins, w:del and del+ins replacements by three authors, now and then a formatting
  change (w:rPrChange) or an inserted paragraph mark;
- variant ``italic``: proposals typed in italics (runs with <w:i/>), as staff without Track Changes do.

Pages are counted as 40 paragraphs (table cells included), so 500 pages is 20,000 paragraphs; the wording is
sized so that word/document.xml is about 4.5 MB at 500 pages (italic; tracked carries another 0.6 MB of
revision markup). Everything comes from one seeded random
generator: a seed, size and variant always give the same bytes.

    python -m benchmarks.generate --out /tmp/sop --pages 10 100 500 --variant tracked italic
"""

from __future__ import annotations

import argparse
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from . import package_parts as parts
from .prose import Prose

PARAGRAPHS_PER_PAGE = 40
VARIANTS = ("tracked", "italic")
AUTHORS = ("Alex Rivera", "Jordan Lee", "Sam Okafor")
CHANGE_EVERY = 3  # paragraphs
# Tracked change kinds (engine ChangeKind values) and how often each is drawn.
TRACKED_MIX = (("insertion", 35), ("deletion", 25), ("replacement", 30), ("format", 6), ("paragraph-mark", 4))
LETTERED_ITEM = '<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>'
NUMBERED_ITEM = '<w:pStyle w:val="ListNumber"/>'


@dataclass
class Generated:
    path: Path
    pages: int
    variant: str
    paragraphs: int = 0
    document_xml_bytes: int = 0
    expected: Counter = field(default_factory=Counter)  # change kind -> how many the engine should find

    @property
    def changes(self) -> int:
        return sum(self.expected.values())


def generate(path, pages: int, variant: str = "tracked", seed: int = 1) -> Generated:
    """Write an SOP-like .docx of about `pages` pages to path and say what changes it holds."""
    if variant not in VARIANTS:
        raise ValueError(f"variant must be one of {VARIANTS}, not {variant!r}")
    writer = BodyWriter(Prose(seed * 1000 + pages), variant)
    body = writer.sop(pages * PARAGRAPHS_PER_PAGE)
    document = (f'{parts.DECLARATION}<w:document xmlns:w="{parts.W}" xmlns:r="{parts.R}"><w:body>'
                f"{body}{parts.SECTION_PROPERTIES}</w:body></w:document>").encode()
    path = Path(path)
    _write_package(path, document, pages)
    return Generated(path, pages, variant, writer.paragraphs, len(document), writer.expected)


def _write_package(path: Path, document: bytes, pages: int) -> None:
    entries = {
        "[Content_Types].xml": parts.CONTENT_TYPES,
        "_rels/.rels": parts.ROOT_RELS,
        "word/document.xml": document,
        "word/_rels/document.xml.rels": parts.DOCUMENT_RELS,
        "word/styles.xml": parts.STYLES,
        "word/numbering.xml": parts.NUMBERING,
        "word/settings.xml": parts.SETTINGS,
        "word/header1.xml": parts.HEADER.format(number="OPS-204"),
        "word/footer1.xml": parts.FOOTER,
        "docProps/core.xml": parts.CORE.format(title="Community Policing Operations"),
        "docProps/app.xml": parts.APP.format(pages=pages),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 3, 18, 16, 30, 0)), data,
                             compress_type=zipfile.ZIP_DEFLATED)


def _text_run(text: str, rpr: str = "") -> str:
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}<w:t{space}>{escape(text)}</w:t></w:r>"


def _deleted_run(text: str) -> str:
    return f'<w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r>'


class BodyWriter:
    """Builds the w:body content as strings, counting paragraphs and the changes it plants."""

    def __init__(self, prose: Prose, variant: str):
        self.prose = prose
        self.random = prose.random
        self.variant = variant
        self.out: list[str] = []
        self.paragraphs = 0
        self.changes = 0
        self.revision_id = 0
        self._author, self._date = AUTHORS[0], ""  # of the revision being written
        self.expected: Counter = Counter()

    # -- document structure ----------------------------------------------------------------------

    def sop(self, paragraph_target: int) -> str:
        self.paragraph('<w:pStyle w:val="Title"/>', _text_run("Community Policing Operations Manual"))
        self.table(self.prose.metadata_rows(1))
        section = 1
        while self.paragraphs < paragraph_target:
            self.section(section)
            section += 1
        return "".join(self.out)

    def section(self, number: int) -> None:
        self.paragraph('<w:pStyle w:val="Heading1"/>', _text_run(self.prose.section_title(number)))
        for _ in range(self.random.randint(1, 3)):
            self.prose_paragraph('<w:pStyle w:val="BodyText"/>', self.prose.paragraph(self.random.choice((1, 1, 2))))
        for letter in "ABC"[: self.random.randint(1, 3)]:
            self.subsection(letter)
        if number % 4 == 0:
            self.table(self.prose.responsibility_rows(self.random.randint(3, 5)))
        elif number % 9 == 0:
            self.table(self.prose.metadata_rows(number))

    def subsection(self, letter: str) -> None:
        self.paragraph('<w:pStyle w:val="Heading2"/>', _text_run(self.prose.subsection_title(letter)))
        if self.random.random() < 0.5:  # lettered: direct numbering, as Word's list button writes it
            ppr, count = LETTERED_ITEM, self.random.randint(2, 4)
        else:  # numbered steps: the List Number style carries the numbering, as SOP templates do
            ppr, count = NUMBERED_ITEM, self.random.randint(3, 6)
        for _ in range(count):
            self.prose_paragraph(ppr, self.prose.sentence())

    def table(self, rows: list[list[str]]) -> None:
        width = 9360 // len(rows[0])
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in rows[0])
        self.out.append('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
                        f'</w:tblPr><w:tblGrid>{grid}</w:tblGrid>')
        for header, row in enumerate(rows):
            self.out.append("<w:tr>")
            for cell in row:
                self.out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>')
                rpr = "<w:b/>" if header == 0 else ""
                self.paragraph('<w:pStyle w:val="TableText"/>', _text_run(cell, rpr))
                self.out.append("</w:tc>")
            self.out.append("</w:tr>")
        self.out.append("</w:tbl>")

    def paragraph(self, ppr: str, content: str) -> None:
        self.out.append(f"<w:p><w:pPr>{ppr}</w:pPr>{content}</w:p>")
        self.paragraphs += 1

    # -- changes ---------------------------------------------------------------------------------------

    def prose_paragraph(self, ppr: str, text: str) -> None:
        if self.changes * CHANGE_EVERY > self.paragraphs:  # ahead of one change per CHANGE_EVERY paragraphs
            self.paragraph(ppr, _text_run(text))
            return
        self.changes += 1
        if self.variant == "italic":
            self.paragraph(ppr, self.italic_proposal(text))
            return
        kind = self.random.choices([k for k, _ in TRACKED_MIX], [n for _, n in TRACKED_MIX])[0]
        self.expected[kind] += 1
        if kind == "paragraph-mark":
            self.paragraph(f"{ppr}<w:rPr><w:ins {self.revision_attributes()}/></w:rPr>", _text_run(text))
        else:
            self.paragraph(ppr, self.tracked_runs(kind, text))

    def split(self, text: str) -> tuple[str, str, str]:
        """(before, one to three words, after) at word boundaries; before and middle keep their space."""
        words = text.split(" ")
        start = self.random.randint(1, max(1, len(words) - 4))
        end = min(start + self.random.randint(1, 3), len(words) - 1)
        return " ".join(words[:start]) + " ", " ".join(words[start:end]) + " ", " ".join(words[end:])

    def tracked_runs(self, kind: str, text: str) -> str:
        before, middle, after = self.split(text)
        attributes = self.revision_attributes()
        if kind == "insertion":
            change = f"<w:ins {attributes}>{_text_run(self.prose.proposal() + ' ')}</w:ins>{_text_run(middle)}"
        elif kind == "deletion":
            change = f"<w:del {attributes}>{_deleted_run(middle)}</w:del>"
        elif kind == "replacement":
            change = (f"<w:del {attributes}>{_deleted_run(middle)}</w:del>"
                      f"<w:ins {self.revision_attributes(same_author=True)}>"
                      f"{_text_run(self.prose.replacement() + ' ')}</w:ins>")
        else:  # format: the words were made bold; before that they had no direct formatting
            change = _text_run(middle, f"<w:b/><w:rPrChange {attributes}><w:rPr/></w:rPrChange>")
        return _text_run(before) + change + _text_run(after)

    def italic_proposal(self, text: str) -> str:
        before, middle, after = self.split(text)
        self.expected["insertion"] += 1
        words = self.prose.proposal().split(" ")
        if len(words) > 1 and self.random.random() < 0.5:  # one span typed as two italic runs
            proposal = (_text_run(words[0] + " ", "<w:i/><w:iCs/>")
                        + _text_run(" ".join(words[1:]) + " ", "<w:i/><w:iCs/>"))
        else:
            proposal = _text_run(" ".join(words) + " ", "<w:i/>")
        return _text_run(before) + proposal + _text_run(middle + after)

    def revision_attributes(self, same_author: bool = False) -> str:
        if not same_author:
            self._author = self.random.choice(AUTHORS)
            self._date = f"2024-03-{self.random.randint(1, 28):02d}T{self.random.randint(8, 17):02d}:00:00Z"
        self.revision_id += 1
        return f'w:id="{self.revision_id}" w:author="{self._author}" w:date="{self._date}"'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out"), help="folder for the .docx files")
    parser.add_argument("--pages", type=int, nargs="+", default=[10, 100, 500])
    parser.add_argument("--variant", nargs="+", choices=VARIANTS, default=list(VARIANTS))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for pages in args.pages:
        for variant in args.variant:
            made = generate(args.out / f"sop-{pages}p-{variant}.docx", pages, variant, args.seed)
            kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(made.expected.items()))
            print(f"{made.path}: {made.paragraphs} paragraphs, document.xml {made.document_xml_bytes / 1e6:.2f} MB,"
                  f" {made.changes} changes ({kinds})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
