"""What styles.xml says about headings and character formatting, resolved through basedOn chains."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from redliner.core.oxml.ns import w
from redliner.core.oxml.wordml import W_PPR, W_RPR, W_VAL, on_off

_HEADING_NAME = re.compile(r"^(heading\s*(\d)|title)$", re.IGNORECASE)


@dataclass
class StyleSheet:
    names: dict[str, str] = field(default_factory=dict)
    based_on: dict[str, str] = field(default_factory=dict)
    outline: dict[str, int] = field(default_factory=dict)
    run_props: dict[str, object] = field(default_factory=dict)  # styleId -> w:rPr element
    numbering: dict[str, object] = field(default_factory=dict)  # styleId -> w:pPr/w:numPr element
    page_breaks: dict[str, bool] = field(default_factory=dict)  # styleId -> its own w:pPr/w:pageBreakBefore
    next_style: dict[str, str] = field(default_factory=dict)  # styleId -> w:next: the style after Enter
    default_paragraph: str = ""  # the paragraph style a w:p without w:pStyle has (Normal)
    _levels: dict[str, int | None] = field(default_factory=dict, repr=False)

    @classmethod
    def from_xml(cls, root) -> StyleSheet:
        sheet = cls()
        if root is None:
            return sheet
        for style in root.iter(w("style")):
            sheet._add(style)
        return sheet

    def _add(self, style) -> None:
        style_id = style.get(w("styleId"), "")
        name = style.find(w("name"))
        self.names[style_id] = name.get(W_VAL, style_id) if name is not None else style_id
        based = style.find(w("basedOn"))
        if based is not None:
            self.based_on[style_id] = based.get(W_VAL, "")
        level = style.find(f"{W_PPR}/{w('outlineLvl')}")
        if level is not None and level.get(W_VAL, "").isdigit():
            self.outline[style_id] = int(level.get(W_VAL))
        run_props = style.find(W_RPR)
        if run_props is not None:
            self.run_props[style_id] = run_props
        numbering = style.find(f"{W_PPR}/{w('numPr')}")
        if numbering is not None:
            self.numbering[style_id] = numbering
        page_break = style.find(f"{W_PPR}/{w('pageBreakBefore')}")
        if page_break is not None:
            self.page_breaks[style_id] = on_off(page_break)
        following = style.find(w("next"))
        if following is not None:
            self.next_style[style_id] = following.get(W_VAL, "")
        if style.get(w("type")) == "paragraph" and style.get(w("default"), "0").lower() in ("1", "true", "on"):
            self.default_paragraph = style_id

    def chain(self, style_id: str):
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            yield style_id
            style_id = self.based_on.get(style_id, "")

    def heading_level(self, style_id: str) -> int | None:
        """Outline level of a paragraph style (0 = top), None when it is not a heading."""
        if style_id not in self._levels:
            self._levels[style_id] = self._heading_level(style_id)
        return self._levels[style_id]

    def _heading_level(self, style_id: str) -> int | None:
        for sid in self.chain(style_id):
            if sid in self.outline and self.outline[sid] < 9:
                return self.outline[sid]
            match = _HEADING_NAME.match(self.names.get(sid, sid)) or _HEADING_NAME.match(sid)
            if match:
                return int(match.group(2)) - 1 if match.group(2) else 0
        return None

    def breaks_page_before(self, style_id: str) -> bool:
        """Whether paragraphs of this style (along its basedOn chain; '' for the default one) begin a new page."""
        if not self.page_breaks:  # most documents: asked for every paragraph
            return False
        return next((self.page_breaks[sid] for sid in self.chain(style_id or self.default_paragraph)
                     if sid in self.page_breaks), False)

    def style_property(self, style_id: str, tag: str):
        """The first w:rPr child with tag along the style's basedOn chain, or None."""
        for sid in self.chain(style_id):
            props = self.run_props.get(sid)
            if props is not None:
                found = props.find(tag)
                if found is not None:
                    return found
        return None

    def style_toggle(self, style_id: str, tag: str) -> bool:
        return on_off(self.style_property(style_id, tag))

    def style_numbering(self, style_id: str) -> tuple[str | None, int | None]:
        """(numId, ilvl) a paragraph style gives its paragraphs along its basedOn chain; None where unset."""
        num_id = level = None
        for sid in self.chain(style_id):
            props = self.numbering.get(sid)
            if props is None:
                continue
            if num_id is None:
                num_id = _child_value(props, "numId")
            if level is None:
                found = _child_value(props, "ilvl")
                level = int(found) if found is not None and found.isdigit() else None
        return num_id, level


def _child_value(element, local: str) -> str | None:
    child = element.find(w(local))
    return child.get(W_VAL) if child is not None else None
