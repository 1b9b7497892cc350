"""What a formatting or paragraph-property change changed, in words: "bold, italic", "style Heading 1".

A w:rPrChange (or w:pPrChange) keeps the old properties; comparing them with the current ones names what
differs, the way Word's balloons say "Formatted: Font: Bold".
"""

from __future__ import annotations

from redliner.core.oxml.ns import local_name
from redliner.core.oxml.styles import StyleSheet
from redliner.core.oxml.wordml import W_VAL, element_key, on_off

# Property element -> how a reviewer calls it. Toggles read "bold" when switched on, "not bold" when off.
TOGGLES = {"b": "bold", "i": "italic", "strike": "strikethrough", "dstrike": "double strikethrough",
           "caps": "all caps", "smallCaps": "small caps", "vanish": "hidden", "keepNext": "keep with next",
           "keepLines": "keep lines together", "pageBreakBefore": "page break before",
           "widowControl": "widow control", "bidi": "right to left"}
NAMES = {"u": "underline", "color": "colour", "sz": "size", "rFonts": "font", "highlight": "highlight",
         "vertAlign": "superscript or subscript", "shd": "shading", "spacing": "spacing", "ind": "indent",
         "tabs": "tabs", "pBdr": "borders", "numPr": "list", "outlineLvl": "outline level", "rStyle": "style",
         "pStyle": "style", "jc": "alignment", "kern": "kerning", "position": "position", "w": "scale",
         "lang": "language", "em": "emphasis mark", "textAlignment": "text alignment",
         # tables, rows, cells
         "tblStyle": "table style", "tblW": "width", "tblInd": "indent", "tblBorders": "borders",
         "tblLayout": "layout", "tblCellMar": "cell margins", "tblLook": "look", "tcW": "width",
         "gridSpan": "column span", "vMerge": "vertical merge", "tcBorders": "borders", "vAlign": "vertical alignment",
         "cnfStyle": "table style options",
         "trHeight": "row height", "cantSplit": "row kept on one page", "tblHeader": "header row",
         # sections
         "pgSz": "page size", "pgMar": "margins", "cols": "columns", "type": "section start",
         "titlePg": "different first page", "pgNumType": "page numbers", "docGrid": "grid",
         "lnNumType": "line numbers"}
IGNORED = frozenset(("rPr", "sectPr", "pPrChange", "rPrChange", "szCs", "bCs", "iCs", "ins", "del", "moveFrom",
                     "moveTo", "rsid", "headerReference", "footerReference", "footnotePr", "endnotePr",
                     "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange", "tblPrExChange", "cellIns",
                     "cellDel", "cellMerge"))
LIMIT = 4  # names listed before "and more"


def property_change_words(change, styles: StyleSheet | None = None) -> str:
    """'bold, not italic', 'style Heading 1, alignment': what differs between the old and current properties."""
    current = {local_name(c.tag): c for c in change.getparent() if isinstance(c.tag, str)}
    old = {local_name(c.tag): c for c in (change[0] if len(change) else ()) if isinstance(c.tag, str)}
    words = []
    for name in sorted(set(current) | set(old), key=_order):
        if name in IGNORED or _same(current.get(name), old.get(name)):
            continue
        words.append(_word(name, current.get(name), styles))
    if len(words) > LIMIT:
        words = words[:LIMIT] + ["more"]
    return ", ".join(words)


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return element_key(a) == element_key(b)


def _word(name: str, now, styles: StyleSheet | None) -> str:
    if name in TOGGLES:
        return TOGGLES[name] if on_off(now) else f"not {TOGGLES[name]}"
    label = NAMES.get(name, name)
    if now is None and not (name == "pStyle" and styles is not None and styles.default_paragraph):
        return f"no {label}"
    if name in ("pStyle", "rStyle"):  # a paragraph without w:pStyle is in the default style (Normal)
        style_id = now.get(W_VAL, "") if now is not None else styles.default_paragraph
        name = styles.names.get(style_id, style_id) if styles else style_id
        return f"style {name[:1].upper()}{name[1:]}"  # Word's built-in names are stored as "heading 1"
    if name == "jc":
        return f"aligned {now.get(W_VAL, '')}".rstrip()
    return label


def _order(name: str) -> tuple:
    """Styles first, then toggles, then the rest, each alphabetically: a stable, readable order."""
    return (0 if name in ("pStyle", "rStyle") else 1 if name in TOGGLES else 2, name)
