"""A document's first section as a printed page: size, margins, and its header and footer text.

    page = first_section_page(package, package.main_document)
    page.width_pt, page.height_pt, page.margins_pt    # from w:pgSz and w:pgMar (twips / 20)
    page.header, page.footer                          # plain text of the default header and footer parts
    page.margins_of(number)                           # (header, footer) of page `number`, from 0: the first
                                                      # page's and even pages' own where the document has them

Word's defaults when the section says nothing: A4 (the brief's choice, and Word's outside the US), one-inch
margins, header and footer half an inch from the edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from redliner.core.oxml.ns import R_NS, w
from redliner.core.oxml.wordml import W_P, W_PPR, W_T, W_TAB, W_TYPE, on_off

A4_TWIPS = (11906, 16838)
INCH = 1440  # twips
W_SECTPR, W_PGSZ, W_PGMAR = w("sectPr"), w("pgSz"), w("pgMar")
R_ID = f"{{{R_NS}}}id"
W_FLD_SIMPLE, W_FLD_CHAR, W_INSTR = w("fldSimple"), w("fldChar"), w("instrText")
W_TITLE_PG, W_EVEN_AND_ODD = w("titlePg"), w("evenAndOddHeaders")
_HIDDEN = frozenset(w(n) for n in ("del", "moveFrom"))


@dataclass
class SectionPage:
    width: int = A4_TWIPS[0]  # twips
    height: int = A4_TWIPS[1]
    top: int = INCH
    right: int = INCH
    bottom: int = INCH
    left: int = INCH
    header_distance: int = INCH // 2
    footer_distance: int = INCH // 2
    landscape: bool = False
    header: str = ""
    footer: str = ""
    title_page: bool = False  # w:titlePg: the first page has a header and footer of its own ("first")
    even_and_odd: bool = False  # the settings' w:evenAndOddHeaders: so have even pages ("even")
    others: dict = field(default_factory=dict)  # ("header" | "footer", "first" | "even") -> text
    references: dict = field(default_factory=dict)  # ("header" | "footer", type) -> relationship id

    def margins_of(self, number: int) -> tuple[str, str]:
        """(header, footer) of page `number` (from 0), as Word picks them: the first page's own if the section has
        a title page, an even page's own if the document has even and odd headers, else the default ones. One the
        section does not give is blank (Word would take the previous section's, and this is the first)."""
        if number == 0 and self.title_page:
            kind = "first"
        elif number % 2 and self.even_and_odd:
            kind = "even"
        else:
            return self.header, self.footer
        return self.others.get(("header", kind), ""), self.others.get(("footer", kind), "")

    @property
    def size_pt(self) -> tuple[float, float]:
        return self.width / 20, self.height / 20

    @property
    def margins_pt(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) in points."""
        return self.left / 20, self.top / 20, self.right / 20, self.bottom / 20


def first_section(body):
    """The first section's w:sectPr: in the pPr of the paragraph that ends the first section, else the body's."""
    for found in body.iterfind(f".//{W_PPR}/{W_SECTPR}"):  # searched in C: a body has thousands of paragraphs
        if found.getparent().getparent().tag == W_P:  # not a w:pPrChange's record of old properties
            return found
    return body.find(W_SECTPR)


def read_section(section) -> SectionPage:
    page = SectionPage()
    if section is None:
        return page
    size = section.find(W_PGSZ)
    if size is not None:
        page.width = _twips(size, "w", page.width)
        page.height = _twips(size, "h", page.height)
        page.landscape = size.get(w("orient")) == "landscape"
    margins = section.find(W_PGMAR)
    if margins is not None:
        for name in ("top", "right", "bottom", "left"):
            setattr(page, name, abs(_twips(margins, name, getattr(page, name))))  # negative: text may overlap
        page.header_distance = _twips(margins, "header", page.header_distance)
        page.footer_distance = _twips(margins, "footer", page.footer_distance)
    for kind in ("header", "footer"):
        for reference in section.iter(w(f"{kind}Reference")):
            page.references[(kind, reference.get(W_TYPE, "default"))] = reference.get(R_ID, "")
    title_page = section.find(W_TITLE_PG)
    page.title_page = on_off(title_page)
    return page


def first_section_page(package, main_part: str) -> SectionPage:
    """The first section of the main document, its default header and footer text resolved in the package."""
    root = package.xml(main_part)
    body = root.find(w("body"))
    page = read_section(first_section(body if body is not None else root))
    settings = package.related(main_part, RT.SETTINGS)
    switch = package.xml(settings[0]).find(W_EVEN_AND_ODD) if settings else None
    page.even_and_odd = on_off(switch)
    targets = {rid: target for rid, _, target in package.relationships(main_part)}
    for (kind, which), rid in page.references.items():
        target = targets.get(rid)
        if target and package.has(target):
            lines = (story_text(p).strip() for p in package.xml(target).iter(W_P))
            text = " / ".join(line for line in lines if line)
            if which == "default":
                setattr(page, kind, text)
            else:
                page.others[(kind, which)] = text
    return page


def story_text(paragraph) -> str:
    """A header or footer paragraph's text; a PAGE or NUMPAGES field (simple or complex) becomes {PAGE} or
    {NUMPAGES} in place of the number Word cached, so each printed page can show its own."""
    parts, field_code, showing, cached = [], None, True, set()
    for node in paragraph.iter(W_FLD_SIMPLE, W_FLD_CHAR, W_INSTR, W_T, W_TAB):
        if node.tag == W_FLD_SIMPLE:
            placeholder = _placeholder(node.get(w("instr"), ""))
            if placeholder:
                parts.append(placeholder)
                cached.update(node.iter(W_T))  # the number Word cached: replaced
        elif node.tag == W_FLD_CHAR:
            kind = node.get(w("fldCharType"))
            if kind == "begin":
                field_code, showing = "", True
            elif kind == "separate" and field_code is not None:
                placeholder = _placeholder(field_code)
                if placeholder:
                    parts.append(placeholder)
                    showing = False
            elif kind == "end":
                field_code, showing = None, True
        elif node.tag == W_INSTR:
            if field_code is not None:
                field_code += node.text or ""
        elif showing and node not in cached and _visible(node, paragraph):
            parts.append("\t" if node.tag == W_TAB else node.text or "")
    return " ".join("".join(parts).split())


def _placeholder(instruction: str) -> str:
    words = instruction.split()
    name = words[0].upper() if words else ""
    return {"PAGE": "{PAGE}", "NUMPAGES": "{NUMPAGES}", "SECTIONPAGES": "{NUMPAGES}"}.get(name, "")


def _visible(node, paragraph) -> bool:
    current = node.getparent()
    while current is not None and current is not paragraph:
        if current.tag in _HIDDEN:
            return False
        current = current.getparent()
    return True


def _twips(element, name: str, default: int) -> int:
    value = element.get(w(name), "")
    try:
        return int(float(value))
    except ValueError:
        return default
