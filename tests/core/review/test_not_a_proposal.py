"""Skip (undecided, saved as a proposal) and Not a Proposal (real emphasis: kept, out of the review, and
remembered in the file so that reopening does not offer it again)."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from redliner.core import (
    ChangeSource,
    Decision,
    ReviewDocument,
    Status,
    parse_rules,
    write_clean,
    write_marked_up,
)
from redliner.core.session.review_state import ReviewState
from tests.docx_factory import ins, italic, make_docx, p, r

ITALIC = parse_rules("italic")
BODY = (p(r("community "), italic("oriented"), r(" policing")) + p(r("Signed, "), italic("Jamaal E. Smith"))
        + p(r("plain "), ins(r("tracked"))))


def _review(tmp_path, body=BODY) -> ReviewDocument:
    return ReviewDocument.open(make_docx(tmp_path, body), ITALIC)


def _by_text(review) -> dict:
    return {(c.inserted or c.deleted).strip(): c for c in review.changes}


def _c14n(review) -> bytes:
    return etree.tostring(review.package.xml(review.package.main_document), method="c14n")


def _italic_texts(path) -> list[str]:
    """Text of the runs in italics, outside revisions, as Word would show them."""
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    ns = {"w": root.nsmap["w"]}
    return ["".join(run.xpath(".//w:t/text()", namespaces=ns)) for run in root.iter(f"{{{ns['w']}}}r")
            if run.xpath("w:rPr/w:i", namespaces=ns) and not run.xpath("ancestor::w:ins", namespaces=ns)]


@pytest.mark.parametrize("decision", [Decision.SKIP, Decision.NOT_A_PROPOSAL])
def test_neither_touches_the_text(tmp_path, decision):
    review = _review(tmp_path)
    before = _c14n(review)
    review.decide(review.changes, decision)
    assert _c14n(review) == before


def test_skip_leaves_the_change_undecided_and_not_a_proposal_takes_it_out_of_the_review(tmp_path):
    review = _review(tmp_path)
    proposal, signature, tracked = review.changes
    review.decide([proposal], Decision.SKIP)
    review.decide([signature, tracked], Decision.NOT_A_PROPOSAL)
    assert (proposal.status, signature.status) == (Status.SKIPPED, Status.NOT_A_PROPOSAL)
    assert tracked.status == Status.PENDING  # a tracked change is a change: only marker spans can be emphasis
    assert not proposal.is_decided and signature.is_decided
    assert review.pending() == [proposal, tracked]


def test_accepting_everything_leaves_what_is_not_a_proposal_alone(tmp_path):
    review = _review(tmp_path)
    _, signature, _ = review.changes
    review.decide([signature], Decision.NOT_A_PROPOSAL)
    review.decide(review.changes, Decision.ACCEPT)
    assert signature.status == Status.NOT_A_PROPOSAL
    out = tmp_path / "clean.docx"
    write_clean(review, out)
    assert _italic_texts(out) == ["Jamaal E. Smith"]


def test_undo_brings_both_back_to_pending(tmp_path):
    review = _review(tmp_path)
    for decision in (Decision.SKIP, Decision.NOT_A_PROPOSAL):
        journal = review.decide(review.changes[:1], decision)
        review.undo(journal)
        assert review.changes[0].status == Status.PENDING


def test_a_skipped_proposal_is_written_as_a_proposal(tmp_path):
    review = _review(tmp_path)
    proposal = review.changes[0]
    review.decide([proposal], Decision.SKIP)
    marked, accepted, rejected = tmp_path / "m.docx", tmp_path / "a.docx", tmp_path / "r.docx"
    write_marked_up(review, marked)
    assert [c.inserted.strip() for c in ReviewDocument.open(marked).changes if c.inserted] == [
        "oriented", "Jamaal E. Smith", "tracked"]
    write_clean(review, accepted, Decision.ACCEPT)
    write_clean(review, rejected, Decision.REJECT)
    assert "community oriented policing" in ReviewDocument.open(accepted).body_text()
    assert "community policing" in ReviewDocument.open(rejected).body_text()


@pytest.mark.parametrize("writer", ["marked-up", "clean"])
def test_not_a_proposal_keeps_its_italics_and_reopening_does_not_offer_it(tmp_path, writer):
    review = _review(tmp_path)
    proposal, signature, _ = review.changes
    review.decide([signature], Decision.NOT_A_PROPOSAL)
    out = tmp_path / "out.docx"
    write_marked_up(review, out) if writer == "marked-up" else write_clean(review, out, Decision.REJECT)
    assert "Jamaal E. Smith" in _italic_texts(out)
    again = _by_text(ReviewDocument.open(out, ITALIC))
    assert again["Jamaal E. Smith"].status == Status.NOT_A_PROPOSAL
    assert [c for c in ReviewDocument.open(out, ITALIC).pending() if c.source == ChangeSource.MARKER] == []


def test_undone_before_saving_it_is_not_remembered(tmp_path):
    review = _review(tmp_path)
    journal = review.decide(review.changes[1:2], Decision.NOT_A_PROPOSAL)
    review.undo(journal)
    out = tmp_path / "out.docx"
    write_clean(review, out, Decision.REJECT)
    assert "docProps/custom.xml" not in zipfile.ZipFile(out).namelist()


def test_it_is_remembered_as_a_custom_property_and_the_live_package_is_left_as_it_was(tmp_path):
    review = _review(tmp_path)
    names = review.package.names()
    review.decide(review.changes[1:2], Decision.NOT_A_PROPOSAL)
    out = tmp_path / "out.docx"
    write_marked_up(review, out)
    with zipfile.ZipFile(out) as saved:
        custom = saved.read("docProps/custom.xml").decode()
        assert "custom-properties" in saved.read("_rels/.rels").decode()
        assert "/docProps/custom.xml" in saved.read("[Content_Types].xml").decode()
    assert 'name="Redliner: not a proposal 1"' in custom and "Jamaal E. Smith" in custom
    assert review.package.names() == names
    write_marked_up(review, tmp_path / "again.docx")  # the live package still saves as before
    assert _by_text(ReviewDocument.open(tmp_path / "again.docx", ITALIC))["Jamaal E. Smith"].status == \
        Status.NOT_A_PROPOSAL


def test_saving_again_keeps_what_was_remembered(tmp_path):
    review = _review(tmp_path)
    review.decide(review.changes[1:2], Decision.NOT_A_PROPOSAL)
    first, second = tmp_path / "first.docx", tmp_path / "second.docx"
    write_marked_up(review, first)
    reopened = ReviewDocument.open(first, ITALIC)
    write_clean(reopened, second, Decision.ACCEPT)
    assert _by_text(ReviewDocument.open(second, ITALIC))["Jamaal E. Smith"].status == Status.NOT_A_PROPOSAL


def _edited(path, target, old: bytes, new: bytes):
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            out.writestr(info, data.replace(old, new, 1) if info.filename == "word/document.xml" else data)
    return target


@pytest.mark.parametrize(("old", "new", "remembered"), [
    (b"<w:body>", b"<w:body><w:p><w:r><w:t>A new first paragraph</w:t></w:r></w:p>", True),  # moved down
    (b"Signed, ", b"Signed by ", True),  # edited in place
    (b"Jamaal E. Smith", b"Jamaal Smith", False),  # another text: a new question
])
def test_the_memory_survives_edits_made_elsewhere(tmp_path, old, new, remembered):
    review = _review(tmp_path)
    review.decide(review.changes[1:2], Decision.NOT_A_PROPOSAL)
    out = tmp_path / "out.docx"
    write_clean(review, out, Decision.ACCEPT)
    edited = _edited(out, tmp_path / "edited.docx", old, new)
    signature = next(c for c in ReviewDocument.open(edited, ITALIC).changes if "Jamaal" in c.inserted)
    assert signature.status == (Status.NOT_A_PROPOSAL if remembered else Status.PENDING)


def test_an_old_autosave_with_set_aside_reads_as_skip(tmp_path):
    review = _review(tmp_path)
    review.decide(review.changes[:1], Decision.SKIP)
    state = ReviewState.begin(review)
    state.record(review, ["1"], Decision.SKIP)
    old = state.to_json().replace('"skip"', '"set aside"').replace('"skipped"', '"set aside"')
    again = ReviewState.from_json(old)
    assert again.batches[0].decision == Decision.SKIP and again.statuses == {"1": "skipped"}


def test_a_copy_with_nothing_to_remember_keeps_its_custom_properties_byte_for_byte(tmp_path):
    review = _review(tmp_path)
    review.decide(review.changes[1:2], Decision.NOT_A_PROPOSAL)
    first, second = tmp_path / "first.docx", tmp_path / "second.docx"
    write_clean(review, first, Decision.ACCEPT)
    plain = ReviewDocument.open(first, ITALIC)
    custom = plain.package.blob("docProps/custom.xml")
    written_elsewhere = custom.replace(b"Redliner: not a proposal 1", b"Owner").replace(b" standalone='yes'", b"")
    plain.package.put("docProps/custom.xml", written_elsewhere)
    write_clean(ReviewDocument(plain.package, ITALIC), second, Decision.ACCEPT)
    assert zipfile.ZipFile(second).read("docProps/custom.xml") == plain.package.blob("docProps/custom.xml")
