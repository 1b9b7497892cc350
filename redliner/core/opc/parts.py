"""Adding parts and relationships to a package: what copying an image from one .docx into another needs.

A new part gets a content type ([Content_Types].xml: an Override, unless a Default for its extension already
says the same) and is reached through a relationship of the part that uses it (word/_rels/X.rels, made when
the part had none).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from lxml import etree

from redliner.core.opc.constants import REL_NS
from redliner.core.opc.package import CONTENT_TYPES, CT_NS, Package, rels_part_name, resolve_target

_RELATIONSHIP, _OVERRIDE, _DEFAULT = f"{{{REL_NS}}}Relationship", f"{{{CT_NS}}}Override", f"{{{CT_NS}}}Default"


@dataclass(frozen=True)
class Relationship:
    id: str
    type: str
    target: str  # a part name for internal relationships, the URL as written for external ones
    external: bool


def relationships_of(package: Package, part: str) -> dict[str, Relationship]:
    """Every relationship of a part, external ones included, by id."""
    rels_name = rels_part_name(part)
    if not package.has(rels_name):
        return {}
    folder = posixpath.dirname(part)
    found = {}
    for rel in package.xml(rels_name).iter(_RELATIONSHIP):
        external = rel.get("TargetMode") == "External"
        target = rel.get("Target", "")
        if not external:
            target = resolve_target(folder, target)
        found[rel.get("Id", "")] = Relationship(rel.get("Id", ""), rel.get("Type", ""), target, external)
    return found


def add_relationship(package: Package, part: str, reltype: str, target: str, external: bool = False,
                     rel_id: str | None = None) -> str:
    """Add a relationship from `part` (to a part name, or an external URL) and return its id: `rel_id`
    when given and free, else a new one."""
    rels_name = rels_part_name(part)
    if package.has(rels_name):
        root = package.xml(rels_name)
    else:
        root = etree.Element(_RELATIONSHIP.replace("Relationship", "Relationships"), nsmap={None: REL_NS})
        package.put_xml(rels_name, root)
    taken = {rel.get("Id") for rel in root.iter(_RELATIONSHIP)}
    number = len(taken) + 1
    while f"rId{number}" in taken:
        number += 1
    attrs = {"Id": rel_id if rel_id and rel_id not in taken else f"rId{number}", "Type": reltype,
             "Target": target if external else posixpath.relpath(target, posixpath.dirname(part) or ".")}
    if external:
        attrs["TargetMode"] = "External"
    etree.SubElement(root, _RELATIONSHIP, attrs)
    package.mark_dirty(rels_name)
    return attrs["Id"]


def add_part(package: Package, name: str, data: bytes, content_type: str) -> None:
    """Add a part with its content type."""
    package.put(name, data)
    if content_type and package.content_type(name) != content_type:
        types = package.xml(CONTENT_TYPES)
        etree.SubElement(types, _OVERRIDE, {"PartName": "/" + name, "ContentType": content_type})
        package.mark_dirty(CONTENT_TYPES)


def free_part_name(package: Package, wanted: str) -> str:
    """`wanted`, or `wanted` with -2, -3... before its extension when a part (of any case) has that name."""
    taken = {name.casefold() for name in package.names()}
    stem, extension = posixpath.splitext(wanted)
    name, number = wanted, 1
    while name.casefold() in taken:
        number += 1
        name = f"{stem}-{number}{extension}"
    return name
