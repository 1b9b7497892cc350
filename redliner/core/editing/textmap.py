"""A paragraph's text as the Markup view shows it, and where each character of it lives in the XML.

Offsets count what the Markup view shows: every character of w:t and w:delText (inserted and deleted text
alike, inside hyperlinks, smart tags, simple fields and content controls), one for each other visible thing
in a run (tab, break, symbol, picture, note reference...) and one for an inline equation. A field's code is
not shown and counts nothing. Text boxes are paragraphs of their own: a picture counts one, whatever it holds.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from redliner.core.oxml.ns import w
from redliner.core.oxml.wordml import W_BR, W_CR, W_DELTEXT, W_P, W_R, W_T, W_TAB

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MATH_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
MC_ALTERNATE = f"{{{MC_NS}}}AlternateContent"
MATH_TAGS = frozenset((f"{{{MATH_NS}}}oMath", f"{{{MATH_NS}}}oMathPara"))
OBJECT = "\ufffc"
LINE_BREAK = "\u2028"

INSERTION_TAGS = frozenset((w("ins"), w("moveTo")))
DELETION_TAGS = frozenset((w("del"), w("moveFrom")))
REVISION_WRAPPERS = INSERTION_TAGS | DELETION_TAGS
# Where a run (or a revision holding runs) may stand: a paragraph and the inline containers of one.
RUN_CONTAINERS = frozenset((W_P, *(w(n) for n in ("hyperlink", "smartTag", "sdtContent", "fldSimple", "customXml",
                                                 "dir", "bdo"))))
PICTURE_TAGS = frozenset((w("drawing"), w("pict"), w("object"), MC_ALTERNATE))
# Run children shown as one character each (w:t and w:delText are shown character by character).
_SHOWN = {W_TAB: "\t", w("ptab"): "\t", W_BR: LINE_BREAK, W_CR: LINE_BREAK, w("noBreakHyphen"): "\u2011",
          w("sym"): OBJECT, w("footnoteReference"): OBJECT, w("endnoteReference"): OBJECT,
          **dict.fromkeys(PICTURE_TAGS, OBJECT)}
_SKIPPED = frozenset((w("pPr"), w("rPr"), w("sdtPr"), w("sdtEndPr"), w("customXmlPr"), w("smartTagPr")))
W_FLDCHAR, W_FLDCHARTYPE, W_AUTHOR = w("fldChar"), w("fldCharType"), w("author")
W_SDT, W_LOCK, W_VAL, W_FLDSIMPLE = w("sdt"), w("lock"), w("val"), w("fldSimple")
LOCKS = frozenset(("sdtContentLocked", "contentLocked", "sdtLocked"))

IN_FIELD = "cannot edit inside a field"
IN_EQUATION = "cannot edit inside an equation"
IN_LOCKED_CONTROL = "cannot edit inside a locked content control"
IN_PICTURE = "cannot edit inside a picture or text box"


@dataclass(slots=True)
class Segment:
    """Characters [start, start + width) of the paragraph, held by one element."""

    start: int
    width: int
    element: object  # w:t / w:delText (one character per character), another run child, or an m:oMath
    run: object  # the w:r holding the element (None for an equation)
    insertion: object  # innermost w:ins / w:moveTo around it, None when none
    deletion: object  # innermost w:del / w:moveFrom around it, None when none
    refusal: str  # '' when editable, else why not


@dataclass(slots=True)
class Atom:
    """One character of the paragraph as the Markup view shows it."""

    offset: int
    char: str
    element: object
    index: int  # character index within element (0 but for w:t and w:delText)
    run: object
    insertion: object  # the w:ins / w:moveTo holding it, or None
    deletion: object  # the w:del / w:moveFrom holding it, or None
    refusal: str  # '' when the character can be edited, else the reason

    @property
    def inserted(self) -> bool:
        return self.insertion is not None

    @property
    def inserted_by(self) -> str | None:
        return None if self.insertion is None else self.insertion.get(W_AUTHOR, "")

    @property
    def deleted(self) -> bool:
        return self.deletion is not None or self.element.tag == W_DELTEXT

    @property
    def editable(self) -> bool:
        return not self.refusal


class ParagraphText:
    def __init__(self, paragraph):
        self.paragraph = paragraph
        self.segments: list[Segment] = []
        self._starts: list[int] = []
        self._chars: list[str] = []
        self._fields: list[str] = []  # 'code' or 'result' for each open complex field
        self._length = 0
        self.refusal = _paragraph_refusal(paragraph)
        self._read(paragraph, None, None, self.refusal)
        self.text = "".join(self._chars)
        del self._chars, self._fields

    def __len__(self) -> int:
        return self._length

    # -- reading --------------------------------------------------------------------------------------

    def _read(self, parent, insertion, deletion, refusal: str) -> None:
        for child in parent:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == W_R:
                self._run(child, insertion, deletion, refusal)
            elif tag in MATH_TAGS:
                self._add(child, None, 1, OBJECT, insertion, deletion, refusal or IN_EQUATION)
            elif tag in INSERTION_TAGS:
                self._read(child, child, deletion, refusal)
            elif tag in DELETION_TAGS:
                self._read(child, insertion, child, refusal)
            elif tag == W_SDT:
                self._read(child, insertion, deletion, refusal or _control_refusal(child))
            elif tag == W_FLDSIMPLE:
                self._read(child, insertion, deletion, refusal or IN_FIELD)
            elif tag != W_P:
                self._read(child, insertion, deletion, refusal)

    def _run(self, run, insertion, deletion, refusal: str) -> None:
        for child in run:
            tag = child.tag
            if tag == W_FLDCHAR:
                self._field_char(child.get(W_FLDCHARTYPE))
                continue
            if self._fields and self._fields[-1] == "code":
                continue  # a field's code: not shown
            here = refusal or (IN_FIELD if self._fields else "")
            if tag in (W_T, W_DELTEXT):
                if child.text:
                    self._add(child, run, len(child.text), child.text, insertion, deletion, here)
            elif tag in _SHOWN:
                self._add(child, run, 1, _SHOWN[tag], insertion, deletion, here)

    def _field_char(self, kind: str | None) -> None:
        if kind == "begin":
            self._fields.append("code")
        elif kind == "separate" and self._fields:
            self._fields[-1] = "result"
        elif kind == "end" and self._fields:
            self._fields.pop()

    def _add(self, element, run, width: int, chars: str, insertion, deletion, refusal: str) -> None:
        self.segments.append(Segment(self._length, width, element, run, insertion, deletion, refusal))
        self._starts.append(self._length)
        self._chars.append(chars)
        self._length += width

    # -- looking up -----------------------------------------------------------------------------------

    def segment_at(self, offset: int) -> Segment:
        if not 0 <= offset < self._length:
            raise IndexError(f"offset {offset} is not in a paragraph of {self._length} characters")
        return self.segments[bisect_right(self._starts, offset) - 1]

    def at(self, offset: int) -> Atom:
        """The character at offset (0 <= offset < len)."""
        segment = self.segment_at(offset)
        index = offset - segment.start
        return Atom(offset, self.text[offset], segment.element, index, segment.run, segment.insertion,
                    segment.deletion, segment.refusal)

    def offset_of(self, element, index: int = 0) -> int:
        """The paragraph offset of character `index` of a run child (a w:t, a tab...) or equation."""
        for segment in self.segments:
            if segment.element is element:
                return segment.start + min(index, segment.width)
        raise ValueError("the element shows no text in this paragraph")

    def atoms(self, start: int, end: int) -> list[Atom]:
        return [self.at(offset) for offset in range(start, end)]


def _paragraph_refusal(paragraph) -> str:
    """Why no character of this paragraph can be edited ('' when they can): a text box's paragraph."""
    node = paragraph.getparent()
    while node is not None:
        if node.tag in PICTURE_TAGS:
            return IN_PICTURE
        if node.tag == W_SDT and _control_refusal(node):
            return IN_LOCKED_CONTROL
        node = node.getparent()
    return ""


def _control_refusal(control) -> str:
    properties = control.find(w("sdtPr"))
    lock = properties.find(W_LOCK) if properties is not None else None
    return IN_LOCKED_CONTROL if lock is not None and lock.get(W_VAL) in LOCKS else ""


def inside_paragraph(paragraph) -> bool:
    """True when the element is a w:p still in a tree (its part's)."""
    return paragraph is not None and paragraph.tag == W_P and paragraph.getparent() is not None
