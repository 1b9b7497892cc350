"""Custom XML data parts, stored as Word stores them, so that Word keeps them through its own saves.

    customXml/item1.xml             the data (any XML; its root's namespace says whose it is)
    customXml/itemProps1.xml        ds:datastoreItem: a GUID naming the item and the schemas it uses
    customXml/_rels/item1.xml.rels  item1.xml -> itemProps1.xml (customXmlProps)
    word/_rels/document.xml.rels    the main document part -> ../customXml/item1.xml (customXml)
    [Content_Types].xml             itemProps1.xml as customXmlProperties+xml (item1.xml as application/xml)

Every edit here reports its inverse to `record` (a review Journal's record fits), newest last, so that a save
can add or drop an item and put the package back as it was afterwards, byte for byte.
"""

from __future__ import annotations

import posixpath
import uuid
from collections.abc import Callable

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from redliner.core.opc.constants import REL_NS
from redliner.core.opc.package import CONTENT_TYPES, CT_NS, Package, rels_part_name, resolve_target

DS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
ITEM_CONTENT_TYPE = "application/xml"
Record = Callable[[Callable[[], None]], None]
_RELATIONSHIP, _OVERRIDE = f"{{{REL_NS}}}Relationship", f"{{{CT_NS}}}Override"


def items_in(package: Package, namespace: str) -> list[str]:
    """The custom XML items related from the main document whose root element is in `namespace`."""
    found = []
    for name in package.related(package.main_document, RT.CUSTOM_XML):
        try:
            root = package.xml(name)
        except Exception:  # noqa: BLE001 - someone else's damaged item is not ours to refuse the document for
            continue
        if etree.QName(root).namespace == namespace:
            found.append(name)
    return found


def properties_of(package: Package, item: str) -> str | None:
    """The itemProps part of an item, None when it has none."""
    names = package.related(item, RT.CUSTOM_XML_PROPS)
    return names[0] if names else None


def add_item(package: Package, root, schema: str, record: Record) -> str:
    """A new item holding `root` (serialized when the package is saved), with its properties (a new GUID,
    `schema` as its schema reference), relationships and content types. Returns the item's part name."""
    number = 1
    while package.has(f"customXml/item{number}.xml") or package.has(f"customXml/itemProps{number}.xml"):
        number += 1
    item, props = f"customXml/item{number}.xml", f"customXml/itemProps{number}.xml"
    _put_new(package, item, root, record)
    _put_new(package, props, _datastore_item(schema), record)
    relationships = etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
    etree.SubElement(relationships, _RELATIONSHIP, {"Id": "rId1", "Type": RT.CUSTOM_XML_PROPS,
                                                    "Target": f"itemProps{number}.xml"})
    _put_new(package, rels_part_name(item), relationships, record)
    _relate(package, package.main_document, RT.CUSTOM_XML, f"../{item}", record)
    _declare(package, props, CT.OFC_CUSTOM_XML_PROPERTIES, record)
    _declare(package, item, ITEM_CONTENT_TYPE, record)
    return item


def replace_item(package: Package, item: str, root, record: Record) -> None:
    """The item now holds `root`; its properties (and so its GUID) stay as they are."""
    put_back = package.detach(item)
    package.put_xml(item, root)
    record(lambda: (package.remove(item), put_back()))


def remove_item(package: Package, item: str, record: Record) -> None:
    """The item out of the package: its part, properties, relationships and content types."""
    props = properties_of(package, item)
    rels = rels_part_name(item)
    for name in (item, props, rels):
        if name is not None and package.has(name):
            _detach(package, name, record)
    main = package.main_document
    main_rels = rels_part_name(main)
    if package.has(main_rels):
        root = package.xml(main_rels)
        for rel in list(root.iter(_RELATIONSHIP)):
            if rel.get("Type") == RT.CUSTOM_XML and _target(main, rel) == item:
                _remove_element(rel, record)
                _mark_dirty(package, main_rels, record)
    types = package.xml(CONTENT_TYPES)
    for override in list(types.iter(_OVERRIDE)):
        if override.get("PartName", "").lstrip("/") in (item, props):
            _remove_element(override, record)
            _mark_dirty(package, CONTENT_TYPES, record)


# -- small recorded edits ----------------------------------------------------------------------------------


def _datastore_item(schema: str):
    root = etree.Element(f"{{{DS_NS}}}datastoreItem", {f"{{{DS_NS}}}itemID": "{" + str(uuid.uuid4()).upper() + "}"},
                         nsmap={"ds": DS_NS})
    refs = etree.SubElement(root, f"{{{DS_NS}}}schemaRefs")
    etree.SubElement(refs, f"{{{DS_NS}}}schemaRef", {f"{{{DS_NS}}}uri": schema})
    return root


def _put_new(package: Package, name: str, root, record: Record) -> None:
    package.put_xml(name, root)
    record(lambda: package.remove(name))


def _detach(package: Package, name: str, record: Record) -> None:
    record(package.detach(name))


def _relate(package: Package, part: str, reltype: str, target: str, record: Record) -> None:
    rels_name = rels_part_name(part)
    if not package.has(rels_name):
        _put_new(package, rels_name, etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS}), record)
    root = package.xml(rels_name)
    taken = {rel.get("Id") for rel in root.iter(_RELATIONSHIP)}
    number = len(taken) + 1
    while f"rId{number}" in taken:
        number += 1
    _append(root, etree.Element(_RELATIONSHIP, {"Id": f"rId{number}", "Type": reltype, "Target": target}), record)
    _mark_dirty(package, rels_name, record)


def _declare(package: Package, name: str, content_type: str, record: Record) -> None:
    """An Override for the part, unless a Default for its extension already gives this content type."""
    if package.content_type(name) == content_type:
        return
    types = package.xml(CONTENT_TYPES)
    _append(types, etree.Element(_OVERRIDE, {"PartName": f"/{name}", "ContentType": content_type}), record)
    _mark_dirty(package, CONTENT_TYPES, record)


def _append(parent, element, record: Record) -> None:
    parent.append(element)
    record(lambda: parent.remove(element))


def _remove_element(element, record: Record) -> None:
    parent, index = element.getparent(), element.getparent().index(element)
    parent.remove(element)
    record(lambda: parent.insert(index, element))


def _mark_dirty(package: Package, name: str, record: Record) -> None:
    """Dirty for this save; once undone, written as its original bytes again."""
    if not package.is_dirty(name):
        package.mark_dirty(name)
        record(lambda: package.mark_clean(name) if package.has(name) else None)


def _target(part: str, rel) -> str:
    return resolve_target(posixpath.dirname(part), rel.get("Target", ""))
