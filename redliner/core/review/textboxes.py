"""Text boxes: stories nested in a paragraph, and the second copy Word keeps of each.

Word writes a text box twice in one mc:AlternateContent: as DrawingML in mc:Choice (what Word 2010 and later
read) and as VML in mc:Fallback (for older readers), the same paragraphs in both. A comparison or combination
marks up the choice copy; the fallback copy is then rewritten as a copy of it, revisions included (with ids
of their own), so that both read the same whatever is decided. On reading, each revision of a fallback copy
is the *twin* of the revision at the same place in the choice copy: it is decided with it, not listed apart.
"""

from __future__ import annotations

import copy

from redliner.core.oxml.ns import w
from redliner.core.oxml.wordml import W_P
from redliner.core.review.revisions import ALL_REVISION_TAGS

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MC_ALTERNATE, MC_CHOICE, MC_FALLBACK = (f"{{{MC_NS}}}{n}" for n in ("AlternateContent", "Choice", "Fallback"))
W_TXBX = w("txbxContent")
# Left out of a fallback copy: a bookmark name must be unique in a document, and Word renumbers paragraph ids.
_NOT_COPIED = frozenset((w("bookmarkStart"), w("bookmarkEnd")))
_W14_IDS = ("{http://schemas.microsoft.com/office/word/2010/wordml}paraId",
            "{http://schemas.microsoft.com/office/word/2010/wordml}textId")


def text_boxes(paragraph, left_out: frozenset = frozenset()) -> list:
    """Text-box contents directly in this paragraph (not in nested ones, not in VML fallbacks, not inside
    the `left_out` revision wrappers: a view's boxes, as runmap.py's views read text)."""
    boxes = []
    stops = {W_P, MC_FALLBACK, *left_out}
    for box in paragraph.iter(W_TXBX):
        node = box.getparent()
        while node is not None and node is not paragraph and node.tag not in stops:
            node = node.getparent()
        if node is paragraph:
            boxes.append(box)
    return boxes


# -- writing: the fallback copy follows the choice copy ------------------------------------------------------


def mirror_fallbacks(root, marks) -> None:
    """Rewrite the VML copy of every text box whose DrawingML copy holds revisions made by `marks` (a
    revmarks.Marks) as a copy of that marked-up DrawingML copy. Other text boxes are left as they are."""
    for alternate in reversed(list(root.iter(MC_ALTERNATE))):  # inner ones first
        choice, fallback = alternate.find(MC_CHOICE), alternate.find(MC_FALLBACK)
        if choice is None or fallback is None:
            continue
        sources, targets = list(choice.iter(W_TXBX)), list(fallback.iter(W_TXBX))
        if sources and len(sources) == len(targets) and _holds_any(sources, marks.made):
            for source, target in zip(sources, targets, strict=True):
                target[:] = list(_fallback_copy(source, marks))


def _holds_any(boxes: list, made: set) -> bool:
    return any(element in made for box in boxes for element in box.iter(*ALL_REVISION_TAGS))


def _fallback_copy(box, marks):
    """A copy of a text box's contents whose revisions have fresh ids (a move's range ends keep their pair)."""
    copied = copy.deepcopy(box)
    renamed: dict[str, str] = {}
    revision_tags = frozenset(ALL_REVISION_TAGS)
    for original, twin in zip(box.iter(), copied.iter(), strict=True):
        if twin.tag in revision_tags and twin.get(w("id")) is not None:
            old = twin.get(w("id"))
            renamed.setdefault(old, marks.next_id())
            twin.set(w("id"), renamed[old])
            if original in marks.made:
                marks.made.add(twin)
        for name in [n for n in twin.attrib if n in _W14_IDS]:
            del twin.attrib[name]
    for node in [n for n in copied.iter(*_NOT_COPIED)]:
        node.getparent().remove(node)
    return copied


# -- reading: a fallback revision is decided with its twin -------------------------------------------------


def fallback_reader(found: list) -> dict:
    """A walk.py reader collecting the part's mc:Fallback elements."""
    return {MC_FALLBACK: found.append}


def join_twins(pieces: list, fallbacks: list) -> list:
    """The pieces without those of fallback copies that have a twin in their choice copy; each such twin
    piece is set as `twin` of its choice piece (same tags in the same order on both sides)."""
    pairs = []
    for fallback in fallbacks:
        old = list(fallback.iter(*ALL_REVISION_TAGS))
        choice = fallback.getparent().find(MC_CHOICE) if old else None
        new = list(choice.iter(*ALL_REVISION_TAGS)) if choice is not None else []
        if old and [e.tag for e in old] == [e.tag for e in new]:
            pairs.extend(zip(new, old, strict=True))
    if not pairs:
        return pieces
    by_element = {piece.element: piece for piece in pieces}
    joined = set()
    for new, old in pairs:
        first, second = by_element.get(new), by_element.get(old)
        if first is not None and second is not None and second.twin is None:
            first.twin = second
            joined.add(id(second))
    return [piece for piece in pieces if id(piece) not in joined]
