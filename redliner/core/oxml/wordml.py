"""Small helpers over WordprocessingML trees: text of runs, paragraphs, emptiness, neighbours."""

from __future__ import annotations

from redliner.core.oxml.ns import local_name, w

W_P = w("p")
W_R = w("r")
W_T = w("t")
W_DELTEXT = w("delText")
W_TAB = w("tab")
W_BR = w("br")
W_CR = w("cr")
W_PPR = w("pPr")
W_RPR = w("rPr")
W_TR = w("tr")
W_TC = w("tc")
W_TBL = w("tbl")
W_VAL = w("val")
W_TABS = w("tabs")
W_TYPE = w("type")
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

# Range markup that sits between content without being content itself.
IGNORABLE = frozenset(
    w(name)
    for name in (
        "bookmarkStart", "bookmarkEnd", "proofErr", "commentRangeStart", "commentRangeEnd",
        "permStart", "permEnd", "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
        "moveToRangeEnd", "lastRenderedPageBreak",
    )
)

CONTENT_TAGS = frozenset(
    w(name)
    for name in (
        "t", "delText", "instrText", "delInstrText", "drawing", "pict", "object", "sym", "tab",
        "footnoteReference", "endnoteReference", "fldSimple", "fldChar", "br",
    )
)



def text_of(element, tags=(W_T, W_TAB, W_BR, W_CR)) -> str:
    """Visible text under element: w:t, tabs and breaks (deleted text only if W_DELTEXT is asked). A text
    box's VML copy (mc:Fallback) is not read: it repeats the text of the box's DrawingML copy."""
    parts = []
    fallback_nodes: set = set()
    for node in element.iter(*tags, MC_FALLBACK):
        tag = node.tag
        if tag == MC_FALLBACK:
            fallback_nodes.update(node.iter(*tags))
        elif fallback_nodes and node in fallback_nodes:
            continue
        elif tag == W_TAB:
            if node.getparent().tag != W_TABS:  # a tab stop in paragraph properties is not a character
                parts.append("\t")
        elif tag == W_BR:
            if node.get(W_TYPE) != "page":
                parts.append("\n")
        elif tag == W_CR:
            parts.append("\n")
        else:
            parts.append(node.text or "")
    return "".join(parts)


def inserted_text(element) -> str:
    return text_of(element, (W_T, W_TAB, W_BR, W_CR))


def deleted_text(element) -> str:
    return text_of(element, (W_DELTEXT, W_T, W_TAB, W_BR, W_CR))


def enclosing(element, tag):
    """Nearest ancestor-or-self with tag, or None."""
    node = element
    while node is not None and node.tag != tag:
        node = node.getparent()
    return node


def has_content(element) -> bool:
    """True when element shows something (text, tab, drawing...); property elements do not count."""
    if element.tag == W_PPR:
        return False
    if element.tag == W_P:
        return any(has_content(child) for child in element)
    return any(True for _ in element.iter(*CONTENT_TAGS))


def next_content_sibling(element):
    node = element.getnext()
    while node is not None and (node.tag in IGNORABLE or not isinstance(node.tag, str)):
        node = node.getnext()
    return node


def next_paragraph(paragraph):
    """The following w:p sibling if only range markup lies between, else None."""
    node = next_content_sibling(paragraph)
    return node if node is not None and node.tag == W_P else None


def properties_of(paragraph):
    """A w:p's w:pPr (always its first child when it has one), or None."""
    return paragraph[0] if len(paragraph) and paragraph[0].tag == W_PPR else None


def on_off(element) -> bool:
    """Value of a toggle property such as <w:i/> or <w:i w:val="0"/>."""
    if element is None:
        return False
    return element.get(W_VAL, "true").lower() not in ("0", "false", "off", "none")


def tag_is(element, name: str) -> bool:
    return local_name(element.tag) == name


def sibling_groups(elements: list) -> list[list]:
    """Elements (in document order) split into runs of direct siblings: each run can share one wrapper."""
    groups: list[list] = []
    for element in elements:
        if groups and groups[-1][-1].getnext() is element:
            groups[-1].append(element)
        else:
            groups.append([element])
    return groups


def element_key(element) -> tuple:
    """An element as comparable data: its tag, attributes (rsid ones left out) and children, recursively."""
    attrs = tuple(sorted((k, v) for k, v in element.attrib.items() if "rsid" not in k))
    return element.tag, attrs, tuple(element_key(child) for child in element if isinstance(child.tag, str))
