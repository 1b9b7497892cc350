"""Custom XML items added, replaced and removed with every edit undoable: the package comes back byte for byte."""

from __future__ import annotations

import zipfile

from lxml import etree

from redliner.core.opc.custom_xml import add_item, items_in, properties_of, remove_item, replace_item
from redliner.core.opc.package import Package
from tests.docx_factory import make_docx, p, r

NS = "urn:example:data:1"


def written(package: Package, path) -> dict[str, bytes]:
    package.save(path)
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def data(text: str):
    root = etree.Element(f"{{{NS}}}data", nsmap={None: NS})
    root.text = text
    return root


def test_detach_puts_a_part_back_in_its_place_with_its_state(tmp_path):
    package = Package.open(make_docx(tmp_path, p(r("x"))))
    names = package.names()
    package.xml("word/styles.xml")
    package.mark_dirty("word/styles.xml")
    put_back = package.detach("word/styles.xml")
    assert not package.has("word/styles.xml")
    put_back()
    assert package.names() == names and package.is_dirty("word/styles.xml")


def test_an_item_added_and_undone_leaves_the_package_as_it_was(tmp_path):
    package = Package.open(make_docx(tmp_path, p(r("x"))))
    before = written(package, tmp_path / "before.docx")
    undo = []
    item = add_item(package, data("one"), NS, undo.append)
    assert items_in(package, NS) == [item] == ["customXml/item1.xml"]
    assert properties_of(package, item) == "customXml/itemProps1.xml"
    with_item = written(package, tmp_path / "with.docx")
    assert set(with_item) - set(before) == {"customXml/item1.xml", "customXml/itemProps1.xml",
                                            "customXml/_rels/item1.xml.rels"}
    for inverse in reversed(undo):
        inverse()
    assert written(package, tmp_path / "after.docx") == before


def test_replacing_and_removing_an_item_are_undone_exactly(tmp_path):
    package = Package.open(make_docx(tmp_path, p(r("x"))))
    item = add_item(package, data("one"), NS, lambda inverse: None)
    package.save(tmp_path / "with.docx")
    package = Package.open(tmp_path / "with.docx")
    before = written(package, tmp_path / "before.docx")
    for edit in (lambda record: replace_item(package, item, data("two"), record),
                 lambda record: remove_item(package, item, record)):
        undo = []
        edit(undo.append)
        assert written(package, tmp_path / "edited.docx") != before
        for inverse in reversed(undo):
            inverse()
        assert written(package, tmp_path / "after.docx") == before
    remove_item(package, item, lambda inverse: None)
    assert items_in(package, NS) == []
    assert not any(name.startswith("customXml") for name in written(package, tmp_path / "removed.docx"))
