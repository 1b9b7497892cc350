"""Content copied from one package into another keeps what it refers to: images, links, embedded objects.

Base text a comparison shows as deleted (and a reviewer's inserted text that a combination copies in) may
hold a picture, a hyperlink or an embedded object. Those point into their own package through relationship
ids (r:embed, r:id, r:link...). Bringing such content over adds the parts it uses to the target package
(with the parts those use in turn, and their content types) and the relationships to reach them, and
rewrites the ids. An image already in the target with the same name and bytes is reused, not copied twice.
List paragraphs are moved onto the target's lists, as list ids differ between files, and styles the target
lacks are copied (stylecopy.py).
"""

from __future__ import annotations

from redliner.core.comparison.listdiff import W_NUMID, W_NUMPR, ListLooks
from redliner.core.comparison.stylecopy import StyleImporter
from redliner.core.opc.package import Package, parse_xml, serialize_xml
from redliner.core.opc.parts import add_part, add_relationship, free_part_name, relationships_of
from redliner.core.oxml.ns import R_NS
from redliner.core.oxml.wordml import W_P, W_VAL

_R_PREFIX = f"{{{R_NS}}}"
_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_DATA_MODEL_EXT = "{http://schemas.microsoft.com/office/drawing/2008/diagram}dataModelExt"
DIAGRAM_DATA_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml"


class PartImporter:
    """Brings elements of SOURCE's parts into TARGET's parts."""

    def __init__(self, source: Package, target: Package):
        self.source, self.target = source, target
        self._parts: dict[str, str] = {}  # source part name -> its copy in the target
        self._ids: dict[tuple, str] = {}  # (source part, rId, target part) -> new rId
        self._drawing_ids: int | None = None  # the highest wp:docPr id in the target so far
        self._lists: tuple | None = None  # (source, target) listdiff.ListLooks, read when first needed
        self._styles: StyleImporter | None = None

    def bring(self, element, source_part: str, target_part: str) -> None:
        """Rewrite the relationship ids in element (a copy from source_part, now in target_part).

        An id that leads nowhere in the source is dropped (it would dangle in the target as well). Drawings
        get fresh wp:docPr ids: Word wants those unique in a document.
        """
        for node in element.iter():
            for name in [n for n in node.attrib if n.startswith(_R_PREFIX)]:
                new_id = self._relationship(source_part, node.get(name), target_part)
                if new_id is None:
                    del node.attrib[name]
                else:
                    node.set(name, new_id)
        for drawing in element.iter(_DOC_PR):
            drawing.set("id", str(self._next_drawing_id()))
        self._adopt_lists(element)
        if self._styles is None:
            self._styles = StyleImporter(self.source, self.target)
        self._styles.bring(element)

    def _adopt_lists(self, element) -> None:
        """Copied list paragraphs name lists of the target: the same id when it looks the same there, else
        the first list that does (list ids are numbered afresh by every writer). When the target has none
        like it, the paragraph's own numbering goes (its text stays; a list from its style still applies)."""
        for numbering in list(element.iter(W_NUMPR)):
            num_id = numbering.find(W_NUMID)
            if num_id is None or num_id.get(W_VAL) == "0":
                continue  # "not in a list": true in any package
            paragraph = numbering.getparent().getparent() if numbering.getparent() is not None else None
            if paragraph is None or paragraph.tag != W_P:
                continue
            if self._lists is None:
                self._lists = (ListLooks.of(self.source), ListLooks.of(self.target))
            place = self._lists[0].place(paragraph)
            if place is None:
                continue  # a list the source does not define either: nothing to match it by
            found = self._lists[1].list_like(place, num_id.get(W_VAL))
            if found is None:
                numbering.getparent().remove(numbering)
            else:
                num_id.set(W_VAL, found)

    def _next_drawing_id(self) -> int:
        if self._drawing_ids is None:
            root = self.target.xml(self.target.main_document)
            self._drawing_ids = max((int(d.get("id")) for d in root.iter(_DOC_PR) if d.get("id", "").isdigit()),
                                    default=0)
        self._drawing_ids += 1
        return self._drawing_ids

    def _relationship(self, source_part: str, rel_id: str, target_part: str) -> str | None:
        key = (source_part, rel_id, target_part)
        if key not in self._ids:
            rel = relationships_of(self.source, source_part).get(rel_id)
            if rel is None or not (rel.external or self.source.has(rel.target)):
                return None
            target = rel.target if rel.external else self._part(rel.target, source_part, target_part)
            self._ids[key] = add_relationship(self.target, target_part, rel.type, target, rel.external)
        return self._ids[key]

    def _part(self, name: str, user: str, target_user: str) -> str:
        """The target's copy of a source part (with the parts it refers to), made once; `user` is the source
        part that refers to it and `target_user` that part's counterpart in the target."""
        if name in self._parts:
            return self._parts[name]
        data = self._remapped_diagram_data(name, user, target_user)
        if self.target.has(name) and self.target.blob(name) == data and not relationships_of(self.source, name):
            self._parts[name] = name  # the same image: reuse it
            return name
        copy = free_part_name(self.target, name)
        self._parts[name] = copy
        add_part(self.target, copy, data, self.source.content_type(name))
        for rel in relationships_of(self.source, name).values():  # same ids: the part is copied as it is
            if rel.external or self.source.has(rel.target):
                target = rel.target if rel.external else self._part(rel.target, name, copy)
                add_relationship(self.target, copy, rel.type, target, rel.external, rel.id)
        return copy

    def _remapped_diagram_data(self, name: str, user: str, target_user: str) -> bytes:
        """A part's bytes; a SmartArt data part's dsp:dataModelExt names its drawing by a relationship id of
        the part that uses the SmartArt (not its own), which must be brought over like the others."""
        data = self.source.blob(name)
        if self.source.content_type(name) != DIAGRAM_DATA_TYPE:
            return data
        root = parse_xml(data, f"{name} in {self.source.path.name}")
        for extension in root.iter(_DATA_MODEL_EXT):
            new_id = self._relationship(user, extension.get("relId", ""), target_user)
            if new_id is None:
                extension.attrib.pop("relId", None)
            else:
                extension.set("relId", new_id)
        return serialize_xml(root)
