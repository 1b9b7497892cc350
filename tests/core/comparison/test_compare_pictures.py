"""Pictures in a comparison or a combination: one added or removed is a change, and a deleted one keeps its
image, so that rejecting everything gives the base back, picture included."""

from __future__ import annotations

import pypandoc
import pytest

from redliner.core import ChangeKind, Decision, ReviewDocument, write_clean
from redliner.core.comparison.combine import combine
from redliner.core.comparison.compare import compare
from redliner.core.opc.package import Package
from redliner.core.opc.parts import relationships_of
from tests.docx_factory import W, make_docx, p, r
from tests.pictures import R, image_part, picture_run, png

RED, BLUE = (200, 0, 0), (0, 0, 200)
BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"


def pictures(path) -> list[bytes]:
    """The image bytes every picture of the body shows, in order."""
    package = Package.open(path)
    rels = relationships_of(package, package.main_document)
    root = package.xml(package.main_document)
    return [package.blob(rels[blip.get(f"{{{R}}}embed")].target) for blip in root.iter(BLIP)]


def clean(document, tmp_path, decision: Decision):
    out = tmp_path / f"{decision.value}.docx"
    write_clean(document, out, decision)
    return out


def text_of(path) -> list[str]:
    root = Package.open(path).xml("word/document.xml")
    return ["".join(t.text or "" for t in para.iter(f"{{{W}}}t")) for para in root.iter(f"{{{W}}}p")]


@pytest.fixture
def base(tmp_path):
    body = p(r("Figure 1: "), picture_run("rId7")) + p(r("The layout is shown above."))
    return make_docx(tmp_path, body, "base.docx", stories=[image_part("rId7", RED)])


def test_a_picture_removed_from_an_unchanged_paragraph_is_a_deletion_keeping_its_image(tmp_path, base):
    draft = make_docx(tmp_path, p(r("Figure 1: ")) + p(r("The layout is shown above.")), "draft.docx")
    document = compare(base, draft)
    assert [(c.kind, c.text) for c in document.changes] == [(ChangeKind.DELETION, "− (picture)")]
    assert pictures(clean(document, tmp_path, Decision.REJECT)) == [png(RED)]
    assert pictures(clean(document, tmp_path, Decision.ACCEPT)) == []


def test_a_deleted_paragraph_keeps_its_picture(tmp_path, base):
    draft = make_docx(tmp_path, p(r("The layout is shown above.")), "draft.docx")
    document = compare(base, draft)
    rejected = clean(document, tmp_path, Decision.REJECT)
    assert pictures(rejected) == [png(RED)] and text_of(rejected) == text_of(base)
    assert pictures(clean(document, tmp_path, Decision.ACCEPT)) == []


def test_a_picture_added_in_the_draft_is_an_insertion(tmp_path, base):
    draft = make_docx(tmp_path, p(r("Figure 1: "), picture_run("rId7"), picture_run("rId8", 2))
                      + p(r("The layout is shown above.")), "draft.docx",
                      stories=[image_part("rId7", RED), image_part("rId8", BLUE, "image2.png")])
    document = compare(base, draft)
    assert [(c.kind, c.text) for c in document.changes] == [(ChangeKind.INSERTION, "+ (picture)")]
    assert pictures(clean(document, tmp_path, Decision.ACCEPT)) == [png(RED), png(BLUE)]
    assert pictures(clean(document, tmp_path, Decision.REJECT)) == [png(RED)]


def test_a_picture_replaced_by_another_of_the_same_name_keeps_both_images(tmp_path, base):
    draft = make_docx(tmp_path, p(r("Figure 1: ")) + p(r("The layout is shown above.")) + p(picture_run("rId7")),
                      "draft.docx", stories=[image_part("rId7", BLUE)])
    document = compare(base, draft)
    assert pictures(clean(document, tmp_path, Decision.REJECT)) == [png(RED)]
    assert pictures(clean(document, tmp_path, Decision.ACCEPT)) == [png(BLUE)]


def test_pandoc_sees_the_deleted_picture_only_when_rejecting(tmp_path, base):
    draft = make_docx(tmp_path, p(r("Figure 1: ")) + p(r("The layout is shown above.")), "draft.docx")
    out = tmp_path / "compared.docx"
    compare(base, draft).package.save(out)

    def images(mode: str) -> int:
        markdown = pypandoc.convert_file(str(out), "markdown", format="docx",
                                         extra_args=[f"--track-changes={mode}"])
        return markdown.count("![")
    assert (images("reject"), images("accept")) == (1, 0)


def test_a_reviewers_added_picture_comes_into_the_combined_copy(tmp_path):
    plain = p(r("Figure 1: ")) + p(r("The layout is shown above."))
    host = make_docx(tmp_path, plain, "base.docx")
    copy = make_docx(tmp_path, p(r("Figure 1: "), picture_run("rId5")) + p(r("The layout is shown above.")),
                     "kim.docx", stories=[image_part("rId5", BLUE)])
    document = combine(host, [copy], authors=["Kim"])
    assert [(c.kind, c.author) for c in document.changes] == [(ChangeKind.INSERTION, "Kim")]
    assert pictures(clean(document, tmp_path, Decision.ACCEPT)) == [png(BLUE)]
    assert pictures(clean(document, tmp_path, Decision.REJECT)) == []


def test_a_comparison_with_pictures_reads_back_the_same(tmp_path, base):
    draft = make_docx(tmp_path, p(r("The layout is shown above.")), "draft.docx")
    out = tmp_path / "compared.docx"
    compare(base, draft).package.save(out)
    reread = ReviewDocument.open(out)
    assert [c.kind for c in reread.changes] == [ChangeKind.DELETION]
    assert pictures(clean(reread, tmp_path, Decision.REJECT)) == [png(RED)]


def dangling_references(path) -> list[str]:
    """Relationship ids a saved package uses (r:* attributes in its story parts, SmartArt data's relId) that its
    relationships do not define, and relationships whose target part is missing."""
    from redliner.core.comparison.importer import DIAGRAM_DATA_TYPE

    package = Package.open(path)
    found = []
    for name in package.names():
        if not name.endswith(".xml") or "/_rels/" in name or name == "[Content_Types].xml":
            continue
        rels = relationships_of(package, name)
        found += [f"{name}: {rel.id} -> {rel.target}" for rel in rels.values()
                  if not rel.external and not package.has(rel.target)]
        root = package.xml(name)
        for node in root.iter():
            for attr, value in node.attrib.items():
                if attr.startswith(f"{{{R}}}") and value and value not in rels:
                    found.append(f"{name}: {attr} = {value}")
        if package.content_type(name) == DIAGRAM_DATA_TYPE:
            users = [n for n in package.names() if n.endswith(".xml") and "/_rels/" not in n
                     and any(r.target == name for r in relationships_of(package, n).values())]
            for ext in root.iter("{http://schemas.microsoft.com/office/drawing/2008/diagram}dataModelExt"):
                named = [relationships_of(package, user).get(ext.get("relId")) for user in users]
                if not any(rel is not None and rel.type.endswith("/diagramDrawing") for rel in named):
                    found.append(f"{name}: relId {ext.get('relId')} names no SmartArt drawing")
    return found


PICTURE_PAIRS = {
    "smartart": ("WC014-SmartArt-With-Image-Before.docx", "WC014-SmartArt-With-Image-Deleted-After.docx"),
    "table-row-image": ("WC023-Table-4-Row-Image-Before.docx", "WC023-Table-4-Row-Image-After-Delete-1-Row.docx"),
}


@pytest.mark.parametrize("pair", PICTURE_PAIRS.values(), ids=PICTURE_PAIRS.keys())
def test_word_files_with_pictures_compare_to_packages_without_dangling_references(corpus, tmp_path, pair):
    before, after = (corpus / "word-compare" / name for name in pair)
    out = tmp_path / "compared.docx"
    compare(before, after).package.save(out)
    assert dangling_references(out) == []
    assert dangling_references(before) == []  # the check itself finds nothing wrong in Word's own file
    assert len(pictures(clean(ReviewDocument.open(out), tmp_path, Decision.REJECT))) == len(pictures(before))
