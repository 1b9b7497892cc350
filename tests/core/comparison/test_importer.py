"""importer.py and parts.py: content copied between packages keeps the parts and links it refers to."""

from __future__ import annotations

from lxml import etree

from redliner.core.comparison.importer import PartImporter
from redliner.core.opc.package import Package
from redliner.core.opc.parts import add_part, add_relationship, relationships_of
from tests.docx_factory import W, make_docx, p, r
from tests.pictures import R, image_part, link_rel, picture_run, png

RED, BLUE = (255, 0, 0), (0, 0, 255)


def drawing_of(package: Package):
    root = package.xml(package.main_document)
    return root.find(f".//{{{W}}}drawing")


def blip_target(package: Package, part: str, element) -> str:
    blip = element.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}blip")
    return relationships_of(package, part)[blip.get(f"{{{R}}}embed")].target


def saved_and_reopened(package: Package, path) -> Package:
    package.save(path)
    return Package.open(path)


def test_a_picture_brought_over_gets_its_image_part_relationship_and_content_type(tmp_path):
    source = Package.open(make_docx(tmp_path, p(picture_run("rId7")), "source.docx",
                                    stories=[image_part("rId7", RED)]))
    target = Package.open(make_docx(tmp_path, p(r("Plain text.")), "target.docx"))
    copied = etree.fromstring(etree.tostring(drawing_of(source)))
    PartImporter(source, target).bring(copied, source.main_document, target.main_document)
    run = etree.SubElement(target.xml(target.main_document).find(f".//{{{W}}}p"), f"{{{W}}}r")
    run.append(copied)
    target.mark_dirty(target.main_document)
    reopened = saved_and_reopened(target, tmp_path / "out.docx")
    image = blip_target(reopened, reopened.main_document, drawing_of(reopened))
    assert image == "word/media/image1.png" and reopened.blob(image) == png(RED)
    assert reopened.content_type(image) == "image/png"


def test_a_different_image_of_the_same_name_gets_a_new_name_and_an_identical_one_is_reused(tmp_path):
    source = Package.open(make_docx(tmp_path, p(picture_run("rId7")), "source.docx",
                                    stories=[image_part("rId7", RED)]))
    for colour, expected in ((BLUE, "word/media/image1-2.png"), (RED, "word/media/image1.png")):
        target = Package.open(make_docx(tmp_path, p(picture_run("rId9")), f"target{colour}.docx",
                                        stories=[image_part("rId9", colour)]))
        copied = etree.fromstring(etree.tostring(drawing_of(source)))
        PartImporter(source, target).bring(copied, source.main_document, target.main_document)
        assert blip_target(target, target.main_document, copied) == expected
        assert target.blob(expected) == png(RED)
        assert len([n for n in target.names() if n.startswith("word/media/")]) == (2 if colour == BLUE else 1)


def test_drawings_brought_over_get_fresh_ids(tmp_path):
    source = Package.open(make_docx(tmp_path, p(picture_run("rId7", drawing_id=3)), "source.docx",
                                    stories=[image_part("rId7", RED)]))
    target = Package.open(make_docx(tmp_path, p(picture_run("rId9", drawing_id=3)), "target.docx",
                                    stories=[image_part("rId9", BLUE)]))
    copied = etree.fromstring(etree.tostring(drawing_of(source)))
    PartImporter(source, target).bring(copied, source.main_document, target.main_document)
    assert copied.find(".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
                       ).get("id") == "4"


def test_an_external_link_stays_external_and_a_dangling_id_is_dropped(tmp_path):
    link = f'<w:hyperlink xmlns:r="{R}" r:id="rId8">{r("the policy")}</w:hyperlink>'
    source = Package.open(make_docx(tmp_path, p(link), "source.docx",
                                    stories=[link_rel("rId8", "https://example.org/policy")]))
    target = Package.open(make_docx(tmp_path, p(r("x")), "target.docx"))
    importer = PartImporter(source, target)
    copied = etree.fromstring(etree.tostring(source.xml(source.main_document).find(f".//{{{W}}}hyperlink")))
    importer.bring(copied, source.main_document, target.main_document)
    rel = relationships_of(target, target.main_document)[copied.get(f"{{{R}}}id")]
    assert rel.external and rel.target == "https://example.org/policy"
    dangling = etree.fromstring(f'<w:hyperlink xmlns:w="{W}" xmlns:r="{R}" r:id="rId99"/>')
    importer.bring(dangling, source.main_document, target.main_document)
    assert dangling.get(f"{{{R}}}id") is None


def test_a_part_with_relationships_of_its_own_is_copied_with_them(tmp_path):
    """A chart refers to its embedded workbook: both come over, and the chart keeps its own ids."""
    source = Package.open(make_docx(tmp_path, p(r("x")), "source.docx"))
    add_part(source, "word/embeddings/book.xlsx", b"workbook bytes", "application/vnd.ms-excel")
    add_part(source, "word/charts/chart1.xml", b"<c:chartSpace xmlns:c='urn:chart'/>", "application/chart+xml")
    add_relationship(source, "word/charts/chart1.xml", "urn:package", "word/embeddings/book.xlsx", rel_id="rId3")
    chart_id = add_relationship(source, source.main_document, "urn:chart", "word/charts/chart1.xml")
    target = Package.open(make_docx(tmp_path, p(r("y")), "target.docx"))
    holder = etree.fromstring(f'<c:chart xmlns:c="urn:c" xmlns:r="{R}" r:id="{chart_id}"/>')
    PartImporter(source, target).bring(holder, source.main_document, target.main_document)
    reopened = saved_and_reopened(target, tmp_path / "out.docx")
    chart = relationships_of(reopened, reopened.main_document)[holder.get(f"{{{R}}}id")].target
    assert chart == "word/charts/chart1.xml" and reopened.content_type(chart) == "application/chart+xml"
    inner = relationships_of(reopened, chart)["rId3"]
    assert inner.target == "word/embeddings/book.xlsx" and reopened.blob(inner.target) == b"workbook bytes"


def test_a_restored_paragraph_brings_its_style_when_the_draft_lacks_it(tmp_path):
    from redliner.core import Decision, ReviewDocument, write_clean
    from redliner.core.comparison.compare import compare

    note = ('<w:style w:type="paragraph" w:styleId="Note"><w:name w:val="Note"/><w:basedOn w:val="Quiet"/>'
            '<w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>'
            '<w:style w:type="paragraph" w:styleId="Quiet"><w:name w:val="Quiet"/><w:rPr><w:i/></w:rPr></w:style>')
    base = make_docx(tmp_path, p(r("Keep.")) + p(r("Mind the gap."), ppr='<w:pStyle w:val="Note"/>'), "base.docx",
                     styles=note)
    draft = make_docx(tmp_path, p(r("Keep.")), "draft.docx")
    rejected = tmp_path / "rejected.docx"
    write_clean(compare(base, draft), rejected, Decision.REJECT)
    styles = ReviewDocument.open(rejected).package.xml("word/styles.xml")
    ids = [s.get(f"{{{W}}}styleId") for s in styles.iter(f"{{{W}}}style")]
    assert ids.count("Note") == 1 and ids.count("Quiet") == 1  # and the style it is based on
    copied = next(s for s in styles.iter(f"{{{W}}}style") if s.get(f"{{{W}}}styleId") == "Note")
    assert copied.find(f".//{{{W}}}numPr") is None  # its list was the base's


def test_a_style_the_target_has_is_left_alone(tmp_path):
    from redliner.core.comparison.compare import compare

    base = make_docx(tmp_path, p(r("Keep.")) + p(r("Scope"), ppr='<w:pStyle w:val="Heading1"/>'), "base.docx")
    draft = make_docx(tmp_path, p(r("Keep.")), "draft.docx")
    out = tmp_path / "compared.docx"
    compare(base, draft).package.save(out)
    assert Package.open(out).blob("word/styles.xml") == Package.open(draft).blob("word/styles.xml")  # untouched
