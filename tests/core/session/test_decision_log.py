"""The decision log: entries for decisions and their undo, the decision in force per change, and the log
travelling with the document in a custom XML part (read again on reopening, appended to on saving again, left
out of a clean copy unless asked)."""

from __future__ import annotations

import re
import zipfile

import docx
import pypandoc
import pytest
from lxml import etree

from redliner.core import Decision, ReviewDocument, Status, parse_rules
from redliner.core.opc.custom_xml import DS_NS
from redliner.core.oxml.ns import w
from redliner.core.session.decision_log import (
    LOG_NS,
    DecisionLog,
    log_for,
    now,
    save_clean,
    save_marked_up,
)
from tests.docx_factory import REL_TYPE, dele, dr, ins, italic, make_docx, p, r

BODY = (p(r("The "), dele(dr("old"), rid=2), ins(r("new"), rid=3), r(" plan."))
        + p(r("A "), ins(r("longer "), author="Bea", rid=5), r("sentence."))
        + p(r("Keep "), dele(dr("this "), author="Cy", rid=7), r("end.")))
CUSTOM_XML_REL = REL_TYPE + "customXml"


@pytest.fixture
def review(tmp_path) -> ReviewDocument:
    return ReviewDocument.open(make_docx(tmp_path, BODY, name="draft.docx"))


def decide(document, changes, decision, who="Kim Lee", when=None):
    document.decide(changes, decision)
    return log_for(document).record(decision, changes, who, when)


def by_text(document) -> dict:
    return {c.text: c for c in document.changes}


def parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


# -- in memory ---------------------------------------------------------------------------------------------


def test_the_entry_in_force_says_who_decided_and_when(review):
    first, second, _ = review.changes
    decide(review, [first, second], Decision.ACCEPT, "Kim Lee", "2026-12-02T10:00:00Z")
    entry = log_for(review).latest_for(second)
    assert (entry.action, entry.who, entry.when) == ("accept", "Kim Lee", "2026-12-02T10:00:00Z")
    assert (entry.decided_by, entry.decided_at) == ("Kim Lee", "2026-12-02T10:00:00Z")
    assert [c.text for c in entry.changes] == ["old → new", "+ longer"]
    assert log_for(review).latest_for(review.changes[2]) is None


def test_now_is_iso_8601_utc_to_the_second():
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", now())


def test_an_undo_is_an_entry_of_its_own_and_puts_the_decision_before_back_in_force(review):
    change = review.changes[0]
    log = log_for(review)
    accepted = decide(review, [change], Decision.ACCEPT, "Kim")
    review.decide([change], Decision.REJECT)  # ... as a revise does (the engine re-decides through its history)
    change.status = Status.REJECTED
    rejected = log.record(Decision.REJECT, [change], "Lee")
    assert log.latest_for(change) is rejected
    undo = log.undo(rejected, "Lee")
    change.status = Status.ACCEPTED
    assert (undo.action, undo.undoes, undo.changes) == ("undo", rejected.number, rejected.changes)
    assert log.latest_for(change) is accepted
    assert [e.action for e in log.entries] == ["accept", "reject", "undo"]


def test_undo_last_takes_back_the_newest_entry_still_in_force(review):
    one, two, _ = review.changes
    log = log_for(review)
    first = decide(review, [one], Decision.ACCEPT)
    second = decide(review, [two], Decision.REJECT)
    assert log.undo_last("Kim").undoes == second.number
    assert log.undo_last("Kim").undoes == first.number
    assert log.undo_last("Kim") is None
    assert log.latest_for(one) is None and log.latest_for(two) is None


def test_reset_means_pending_and_its_undo_brings_the_decision_back(review):
    change = review.changes[0]
    log = log_for(review)
    accepted = decide(review, [change], Decision.ACCEPT)
    change.status = Status.PENDING
    reset = log.record("reset", [change], "Kim")
    assert log.latest_for(change) is None
    log.undo(reset, "Kim")
    change.status = Status.ACCEPTED
    assert log.latest_for(change) is accepted


def test_an_entry_that_does_not_match_the_change_s_status_is_not_reported(review):
    """The file was decided on elsewhere since: the log does not claim a decision the change does not have."""
    change = review.changes[0]
    decide(review, [change], Decision.REJECT)
    change.status = Status.ACCEPTED
    assert log_for(review).latest_for(change) is None


def test_an_unknown_action_is_refused(review):
    with pytest.raises(ValueError, match="unknown decision log action"):
        log_for(review).record("approve", review.changes, "Kim")


# -- in the file -------------------------------------------------------------------------------------------


def test_the_log_is_a_custom_xml_item_as_word_stores_one(review, tmp_path):
    decide(review, review.changes[:1], Decision.ACCEPT, "Kim Lee", "2026-12-02T10:00:00Z")
    out = tmp_path / "out.docx"
    save_marked_up(review, out)
    written = parts(out)
    item = etree.fromstring(written["customXml/item1.xml"])
    assert item.tag == f"{{{LOG_NS}}}log"
    entry = item.find(f"{{{LOG_NS}}}entry")
    assert (entry.get("action"), entry.get("by"), entry.get("at")) == ("accept", "Kim Lee", "2026-12-02T10:00:00Z")
    change = entry.find(f"{{{LOG_NS}}}change")
    assert (change.get("kind"), change.get("author"), change.get("date"), change.get("revision")) == (
        "replacement", "Alex", "2024-01-01T00:00:00Z", "2")
    assert change.findtext(f"{{{LOG_NS}}}text") == "old → new"
    props = etree.fromstring(written["customXml/itemProps1.xml"])
    assert props.tag == f"{{{DS_NS}}}datastoreItem"
    assert re.fullmatch(r"\{[0-9A-F-]{36}\}", props.get(f"{{{DS_NS}}}itemID"))
    assert props.find(f".//{{{DS_NS}}}schemaRef").get(f"{{{DS_NS}}}uri") == LOG_NS
    assert b"customXmlProps" in written["customXml/_rels/item1.xml.rels"]
    assert b'Target="itemProps1.xml"' in written["customXml/_rels/item1.xml.rels"]
    rels = etree.fromstring(written["word/_rels/document.xml.rels"])
    assert [rel.get("Target") for rel in rels if rel.get("Type") == CUSTOM_XML_REL] == ["../customXml/item1.xml"]
    assert b'PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.' \
           b'customXmlProperties+xml"' in written["[Content_Types].xml"]


def test_saving_leaves_the_review_s_package_as_it_was(review, tmp_path):
    source = parts(review.path)
    decide(review, review.changes[:1], Decision.ACCEPT)
    save_marked_up(review, tmp_path / "one.docx")
    save_clean(review, tmp_path / "clean.docx", keep_log=True)
    assert review.package.names() == list(source)
    for name in ("[Content_Types].xml", "word/_rels/document.xml.rels"):
        assert review.package.entry_bytes(name) == source[name]


def test_reopening_reads_the_log_and_saving_again_appends_to_it(review, tmp_path):
    accepted = by_text(review)["old → new"]
    decide(review, [accepted], Decision.ACCEPT, "Kim")
    decide(review, [by_text(review)["+ longer"]], Decision.SKIP, "Kim")
    first = tmp_path / "first.docx"
    save_marked_up(review, first)

    reopened = ReviewDocument.open(first)
    log = log_for(reopened)
    assert [(e.number, e.action, e.who) for e in log.entries] == [(1, "accept", "Kim"), (2, "skip", "Kim")]
    longer, this = by_text(reopened)["+ longer"], by_text(reopened)["− this"]
    assert longer.status == Status.PENDING  # files keep no skips...
    assert log.latest_for(longer).action == "skip"  # ...the log does
    decide(reopened, [this], Decision.REJECT, "Lee")
    second = tmp_path / "second.docx"
    save_marked_up(reopened, second)

    written = parts(second)
    assert sorted(n for n in written if n.startswith("customXml/")) == [
        "customXml/_rels/item1.xml.rels", "customXml/item1.xml", "customXml/itemProps1.xml"]
    assert written["customXml/itemProps1.xml"] == parts(first)["customXml/itemProps1.xml"]  # the same GUID
    again = log_for(ReviewDocument.open(second))
    assert [(e.number, e.action, e.who) for e in again.entries] == [
        (1, "accept", "Kim"), (2, "skip", "Kim"), (3, "reject", "Lee")]


def test_a_change_is_recognised_when_word_renumbered_its_revisions(review, tmp_path):
    decide(review, [by_text(review)["+ longer"]], Decision.SKIP, "Kim")
    out = tmp_path / "out.docx"
    save_marked_up(review, out)
    renumbered = tmp_path / "renumbered.docx"
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(renumbered, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = re.sub(rb'w:id="(\d+)"', lambda m: b'w:id="%d"' % (int(m.group(1)) + 100), data)
            target.writestr(info, data)
    reopened = ReviewDocument.open(renumbered)
    assert log_for(reopened).latest_for(by_text(reopened)["+ longer"]).who == "Kim"
    assert log_for(reopened).latest_for(by_text(reopened)["− this"]) is None


def test_two_changes_alike_are_not_confused_once_their_ids_changed(tmp_path):
    body = (p(r("one"), ins(r(","), rid=1)) + p(r("two"), ins(r(","), rid=2)))
    review = ReviewDocument.open(make_docx(tmp_path, body))
    first, second = review.changes
    decide(review, [first], Decision.SKIP, "Kim")
    decide(review, [second], Decision.SKIP, "Lee")
    log = log_for(review)
    for change, new_id in ((first, "8"), (second, "9")):  # as Word renumbers them
        change.pieces[0].element.set(w("id"), new_id)
    assert (log.latest_for(first).who, log.latest_for(second).who) == ("Kim", "Lee")  # by their paragraphs
    first.location.paragraph = 5
    assert log.latest_for(first) is None  # alike, and not where either was: the log does not guess


def test_a_skipped_proposal_is_recognised_as_the_tracked_change_the_copy_made_of_it(tmp_path):
    body = p(r("We will "), italic("carefully "), r("review it.")) + p(italic("A new paragraph."))
    review = ReviewDocument.open(make_docx(tmp_path, body, modified="2024-05-01T08:00:00Z"), parse_rules("italic"))
    skipped, emphasis = review.changes
    decide(review, [skipped], Decision.SKIP, "Kim")
    decide(review, [emphasis], Decision.NOT_A_PROPOSAL, "Kim")
    out = tmp_path / "out.docx"
    save_marked_up(review, out)

    as_tracked = ReviewDocument.open(out)
    assert [c.source.value for c in as_tracked.changes] == ["tracked"]
    assert log_for(as_tracked).latest_for(as_tracked.changes[0]).action == "skip"
    with_markers = ReviewDocument.open(out, parse_rules("italic"))
    kept = next(c for c in with_markers.changes if c.status == Status.NOT_A_PROPOSAL)
    assert log_for(with_markers).latest_for(kept).action == "not a proposal"


def test_a_proposal_written_with_the_space_beside_it_is_still_recognised(tmp_path):
    review = ReviewDocument.open(make_docx(tmp_path, p(r("We "), italic("will be"), r(" reviewing."))),
                                 parse_rules("italic"))
    decide(review, review.changes, Decision.SKIP, "Kim")
    save_marked_up(review, tmp_path / "out.docx")
    reopened = ReviewDocument.open(tmp_path / "out.docx")
    assert reopened.changes[0].inserted == "will be "  # the copy's tracked insertion took the space along
    assert log_for(reopened).latest_for(reopened.changes[0]).who == "Kim"


def test_a_clean_copy_leaves_the_log_out_unless_asked(review, tmp_path):
    decide(review, review.changes[:1], Decision.ACCEPT)
    marked = tmp_path / "marked.docx"
    save_marked_up(review, marked)
    reopened = ReviewDocument.open(marked)  # holds a log already
    clean = tmp_path / "clean.docx"
    save_clean(reopened, clean)
    written = parts(clean)
    assert not [n for n in written if n.startswith("customXml")]
    assert b"customXml" not in written["word/_rels/document.xml.rels"] + written["[Content_Types].xml"]
    assert DecisionLog.read(ReviewDocument.open(clean)).entries == []
    kept = tmp_path / "kept.docx"
    save_clean(reopened, kept, keep_log=True)
    assert len(DecisionLog.read(ReviewDocument.open(kept)).entries) == 1
    save_marked_up(reopened, tmp_path / "again.docx")  # the log part replaced for the copy...
    package = reopened.package  # ...and nothing of that, nor of the clean copies, left in the review's package
    assert {name: package.entry_bytes(name) for name in package.names()} == parts(marked)
    assert package.names() == list(parts(marked))


def test_other_custom_xml_items_are_kept_and_not_taken_for_the_log(tmp_path):
    theirs = '<?xml version="1.0"?><b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography"/>'
    rel = f'<Relationship Id="rIdC" Type="{CUSTOM_XML_REL}" Target="../customXml/item1.xml"/>'
    source = make_docx(tmp_path, BODY, stories=[("", "", rel)], extra={"customXml/item1.xml": theirs})
    review = ReviewDocument.open(source)
    assert log_for(review).entries == []
    decide(review, review.changes[:1], Decision.REJECT)
    out = tmp_path / "out.docx"
    save_marked_up(review, out)
    written = parts(out)
    assert written["customXml/item1.xml"] == theirs.encode()
    assert etree.fromstring(written["customXml/item2.xml"]).tag == f"{{{LOG_NS}}}log"
    save_clean(ReviewDocument.open(out), tmp_path / "clean.docx")
    assert parts(tmp_path / "clean.docx")["customXml/item1.xml"] == theirs.encode()
    assert "customXml/item2.xml" not in parts(tmp_path / "clean.docx")


def test_an_entry_that_cannot_be_read_is_skipped(tmp_path, review):
    decide(review, review.changes[:2], Decision.ACCEPT)
    out = tmp_path / "out.docx"
    save_marked_up(review, out)
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "customXml/item1.xml":
                data = data.replace(b'<entry n="1" action="accept"', b'<entry n="one" action="accept"')
                data = data.replace(b"</log>", b'<entry n="7" action="approve" by="X" at=""/></log>')
            target.writestr(info, data)
    assert DecisionLog.read(ReviewDocument.open(broken)).entries == []


def test_an_empty_log_adds_nothing(review, tmp_path):
    out = tmp_path / "out.docx"
    save_marked_up(review, out)
    assert not [n for n in parts(out) if n.startswith("customXml")]


def test_independent_readers_open_a_copy_with_a_log(review, tmp_path):
    decide(review, review.changes[:1], Decision.ACCEPT)
    out = tmp_path / "out.docx"
    save_marked_up(review, out)
    assert "The new plan." in [paragraph.text for paragraph in docx.Document(str(out)).paragraphs]
    plain = pypandoc.convert_file(str(out), "plain", format="docx", extra_args=["--track-changes=accept"])
    assert "The new plan." in plain and "A longer sentence." in plain


def test_accepting_one_side_of_a_conflict_logs_the_other_as_rejected_by_it(samples, tmp_path):
    from redliner.core.comparison.combine import combine
    from redliner.core.session.decision_log import with_conflicts
    from tests.docx_factory import edited_copy

    base = samples / "sop-base.pandoc.docx"
    first = edited_copy(base, tmp_path / "1.docx", "at least four hours", "at least eight hours", "Alex Rivera")
    second = edited_copy(base, tmp_path / "2.docx", "at least four hours", "at least six hours", "Jordan Lee")
    review = combine(base, [first, second])
    eight, six = review.changes
    review.decide([eight], Decision.ACCEPT)
    entry = log_for(review).record(Decision.ACCEPT, with_conflicts(review, [eight]), "Kim")
    assert [(c.text, c.status) for c in entry.changes] == [("four → eight", "accepted"), ("four → six", "rejected")]
    assert log_for(review).latest_for(six) is entry


def test_in_force_lists_the_decisions_a_saved_copy_no_longer_shows(review, tmp_path):
    old_new, longer, this = review.changes
    decide(review, [old_new], Decision.ACCEPT, "Kim")
    decide(review, [this], Decision.REJECT, "Kim")
    skipped = decide(review, [longer], Decision.SKIP, "Lee")
    log_for(review).undo(skipped, "Lee")
    save_marked_up(review, tmp_path / "out.docx")
    reopened = ReviewDocument.open(tmp_path / "out.docx")
    assert [c.text for c in reopened.changes] == ["+ longer"]  # the accepted and rejected ones are applied
    assert [(logged.text, logged.status, entry.who) for logged, entry in log_for(reopened).in_force()] == [
        ("old → new", "accepted", "Kim"), ("− this", "rejected", "Kim")]
