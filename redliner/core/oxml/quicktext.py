"""The text of many elements of one part at C speed, wherever that gives the exact answer.

wordml.text_of reads an element's text node by node in Python (about 3 µs for a short revision). lxml's text
serialization concatenates the element's text nodes in C (about 0.3 µs), which is the same answer unless the
element holds something text_of reads differently:
- tabs and breaks, which are characters without a text node;
- text that is not shown: field codes, drawings and text boxes, equations, embedded objects;
- revisions nested inside it (an insertion holding a deletion: its w:delText is not inserted text);
- whitespace between elements, as in a part indented by an XML pretty-printer.
The part's single walk (walk.py) shows this reader every such hazard; the elements holding one, and every
element of an indented part, take the exact path.
"""

from __future__ import annotations

from functools import partial
from itertools import islice

from lxml import etree

from redliner.core.oxml.ns import w
from redliner.core.oxml.walk import Reader
from redliner.core.oxml.wordml import W_P, deleted_text, inserted_text

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MATH_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"

HAZARD_TAGS = (
    *(w(n) for n in ("tab", "br", "cr", "instrText", "delInstrText", "fldData", "drawing", "pict", "object")),
    f"{{{MC_NS}}}AlternateContent", f"{{{MATH_NS}}}oMath", f"{{{MATH_NS}}}oMathPara",
)
# Elements whose text nodes are content: their text (not their tail) may be anything, spaces included.
_TEXT_HOLDERS = frozenset(w(n) for n in ("t", "delText", "instrText", "delInstrText", "fldData")) | {
    f"{{{MATH_NS}}}t"}
_SAMPLE = 400  # elements looked at for indentation: a pretty-printer indents every one of them

serialized_text = partial(etree.tostring, method="text", encoding=str, with_tail=False)


class QuickText:
    def __init__(self, root):
        self.exact_only = looks_indented(root)
        self.hazardous: set = set()  # elements holding a hazard (see the module's docstring)

    def readers(self) -> Reader:
        return dict.fromkeys(HAZARD_TAGS, self._hazard)

    def _hazard(self, element) -> None:
        """Mark the hazard's ancestors up to its paragraph: the revisions and the paragraph holding it.

        A hazard inside a text box stops at the text box's paragraph; the box's w:drawing or w:pict is a
        hazard itself and marks the paragraph around the box.
        """
        node = element.getparent()
        while node is not None:
            self.hazardous.add(node)
            if node.tag == W_P:
                return
            node = node.getparent()

    def mark(self, elements) -> None:
        self.hazardous.update(elements)

    def inserted(self, element) -> str:
        if self.exact_only or element in self.hazardous:
            return inserted_text(element)
        return serialized_text(element)

    def deleted(self, element) -> str:
        if self.exact_only or element in self.hazardous:
            return deleted_text(element)
        return serialized_text(element)


def looks_indented(root) -> bool:
    """True when text lies between elements among the first few hundred (a pretty-printed or odd part)."""
    for element in islice(root.iter(), _SAMPLE):
        if element.tail and element is not root:
            return True
        if element.text and element.tag not in _TEXT_HOLDERS:
            return True
    return False
