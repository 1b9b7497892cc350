"""The comment parts of a package, made when the document has none: part, relationship and content type,
each written to a journal so that undo takes them away again."""

from __future__ import annotations

import posixpath

from lxml import etree

from redliner.core.comments.names import MC_NS, PARTS
from redliner.core.opc.constants import REL_NS
from redliner.core.opc.package import CONTENT_TYPES, CT_NS, Package, rels_part_name
from redliner.core.opc.parts import free_part_name
from redliner.core.review.comment_marks import mark_dirty
from redliner.core.review.journal import Journal

_RELATIONSHIP = f"{{{REL_NS}}}Relationship"


def existing_part(package: Package, kind: str) -> str | None:
    names = package.related(package.main_document, PARTS[kind][0])
    return names[0] if names else None


def part_for_writing(package: Package, kind: str, journal: Journal):
    """Root of the comment part of this kind ('comments', 'extended', 'ids', 'people'), made when missing;
    marked dirty for this step."""
    name = existing_part(package, kind)
    if name is None:
        name = _new_part(package, kind, journal)
    mark_dirty(package, name, journal)
    return package.xml(name)


def _new_part(package: Package, kind: str, journal: Journal) -> str:
    reltype, wanted, content_type, root_tag, namespaces = PARTS[kind]
    name = free_part_name(package, wanted)
    extra = [prefix for prefix in namespaces if prefix != "w"]
    root = etree.Element(root_tag, nsmap={**namespaces, "mc": MC_NS})
    root.set(f"{{{MC_NS}}}Ignorable", " ".join(extra))
    package.put_xml(name, root)
    journal.record(lambda: package.remove(name))
    _add_relationship(package, package.main_document, reltype, name, journal)
    types = package.xml(CONTENT_TYPES)
    journal.insert(types, len(types), etree.Element(f"{{{CT_NS}}}Override",
                                                    {"PartName": f"/{name}", "ContentType": content_type}))
    mark_dirty(package, CONTENT_TYPES, journal)
    return name


def _add_relationship(package: Package, owner: str, reltype: str, target: str, journal: Journal) -> None:
    rels_name = rels_part_name(owner)
    if not package.has(rels_name):
        package.put_xml(rels_name, etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS}))
        journal.record(lambda: package.remove(rels_name))
    rels = package.xml(rels_name)
    taken = {rel.get("Id") for rel in rels.iter(_RELATIONSHIP)}
    number = len(taken) + 1
    while f"rId{number}" in taken:
        number += 1
    relative = posixpath.relpath(target, posixpath.dirname(owner) or ".")
    journal.insert(rels, len(rels), etree.Element(_RELATIONSHIP, {"Id": f"rId{number}", "Type": reltype,
                                                                  "Target": relative}))
    mark_dirty(package, rels_name, journal)
