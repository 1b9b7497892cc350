"""Where a paragraph makes a new page begin in print, from its properties: w:pageBreakBefore (its own, else its
style's) and the end of a section after which the next begins on a new page. Page breaks in the text
(w:br w:type="page") are placed by the writer, which knows where they stand among the text (ui/docwriter.py)."""

from __future__ import annotations

from redliner.core.oxml.ns import w
from redliner.core.oxml.styles import StyleSheet
from redliner.core.oxml.wordml import W_BR, W_TYPE, W_VAL, on_off, properties_of

W_PAGE_BREAK_BEFORE, W_PSTYLE, W_SECTPR = w("pageBreakBefore"), w("pStyle"), w("sectPr")


def page_breaks(props, styles: StyleSheet) -> tuple[bool, bool]:
    """(before, after): whether a paragraph with these w:pPr (or None) begins a new page, and whether the one
    after it does because the paragraph ends a section (any section break but a continuous one)."""
    own = style = section = None
    for child in props if props is not None else ():
        tag = child.tag
        if tag == W_PAGE_BREAK_BEFORE:
            own = child
        elif tag == W_PSTYLE:
            style = child.get(W_VAL, "")
        elif tag == W_SECTPR:
            section = child
    return page_breaks_of(own, style, section, styles)


def page_breaks_of(own, style: str | None, section, styles: StyleSheet) -> tuple[bool, bool]:
    """page_breaks() from a paragraph's w:pageBreakBefore, w:pStyle value and w:sectPr (each None if it has none),
    for a caller that has found them already."""
    before = on_off(own) if own is not None else styles.breaks_page_before(style or "")
    if section is None:
        return before, False
    kind = section.find(W_TYPE)
    return before, kind is None or kind.get(W_VAL) != "continuous"


def may_begin_page(paragraph, styles: StyleSheet) -> bool:
    """Whether a paragraph could begin a new page of its own accord: by its properties, or by a page break
    somewhere in its text."""
    if page_breaks(properties_of(paragraph), styles)[0]:
        return True
    return any(br.get(W_TYPE) == "page" for br in paragraph.iter(W_BR))
