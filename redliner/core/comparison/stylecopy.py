"""Styles for content copied from one package into another: a style the target lacks is copied over.

A deleted base paragraph restored by rejecting (or a reviewer's paragraph a combination copies in) keeps
its style id; when the target's styles part has no such style, Word would show the text as Normal. The
missing style is copied from the source, with the styles it is based on or linked to that the target
lacks too. A copied style's own list (w:numPr) is left out: list ids are the source's.
"""

from __future__ import annotations

import copy

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from redliner.core.opc.package import Package
from redliner.core.oxml.ns import w
from redliner.core.oxml.wordml import W_VAL

W_STYLE, W_STYLE_ID = w("style"), w("styleId")
STYLE_REFERENCES = (w("pStyle"), w("rStyle"), w("tblStyle"))
_RELATED = (w("basedOn"), w("link"), w("next"))


class StyleImporter:
    def __init__(self, source: Package, target: Package):
        self._source = _styles_root(source)
        self._target_root = _styles_root(target)
        self._target = target
        self._known: set[str] | None = None

    def bring(self, element) -> None:
        """Copy into the target every style element's content names that the target lacks."""
        if self._source is None or self._target_root is None:
            return
        for reference in element.iter(*STYLE_REFERENCES):
            self._ensure(reference.get(W_VAL, ""))

    def _ensure(self, style_id: str) -> None:
        if self._known is None:
            self._known = {s.get(W_STYLE_ID) for s in self._target_root.iter(W_STYLE)}
        if not style_id or style_id in self._known:
            return
        style = next((s for s in self._source.iter(W_STYLE) if s.get(W_STYLE_ID) == style_id), None)
        if style is None:
            return
        copied = copy.deepcopy(style)
        for numbering in copied.findall(f"{w('pPr')}/{w('numPr')}"):
            numbering.getparent().remove(numbering)
        self._target_root.append(copied)
        self._known.add(style_id)
        self._target.mark_dirty(_styles_name(self._target))
        for related in _RELATED:
            found = style.find(related)
            if found is not None:
                self._ensure(found.get(W_VAL, ""))


def _styles_name(package: Package) -> str | None:
    names = package.related(package.main_document, RT.STYLES)
    return names[0] if names else None


def _styles_root(package: Package):
    name = _styles_name(package)
    return package.xml(name) if name else None
