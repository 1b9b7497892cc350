"""Writers and parts: stories beyond the body, unique revision ids, clean copies, safe output."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from redliner.core import (
    ChangeSource,
    Decision,
    OutputError,
    ReviewDocument,
    parse_rules,
    write_clean,
    write_marked_up,
)
from tests.corpus_tools import revision_count
from tests.docx_factory import dele, dr, ins, italic, make_docx, p, r, story_part


def _with_stories(tmp_path):
    stories = [
        story_part("header", p(ins(r("Draft "), rid=11), r("SOP"))),
        story_part("footnotes", f'<w:footnote w:id="1">{p(dele(dr("old note"), rid=12))}</w:footnote>'),
    ]
    return make_docx(tmp_path, p(r("Body "), ins(r("text"), rid=10)), stories=stories)


def test_body_first_then_headers_then_footnotes(tmp_path):
    document = ReviewDocument.open(_with_stories(tmp_path))
    assert [(c.location.part, c.text) for c in document.changes] == [
        ("body", "+ text"), ("header", "+ Draft"), ("footnotes", "− old note")]


def test_clean_copy_resolves_every_part(tmp_path):
    document = ReviewDocument.open(_with_stories(tmp_path))
    out = tmp_path / "clean.docx"
    write_clean(document, out, Decision.REJECT)
    assert revision_count(out) == 0
    header = zipfile.ZipFile(out).read("word/header1.xml")
    assert b"Draft" not in header and b"SOP" in header
    assert b"old note" in zipfile.ZipFile(out).read("word/footnotes.xml")


def test_skipped_tracked_change_is_still_resolved_in_a_clean_copy(tmp_path):
    document = ReviewDocument.open(make_docx(tmp_path, p(ins(r("x")))))
    document.decide(document.changes, Decision.SKIP)
    out = tmp_path / "clean.docx"
    write_clean(document, out, Decision.ACCEPT)
    assert revision_count(out) == 0 and ReviewDocument.open(out).body_text() == "x"
    assert document.changes[0].status.value == "skipped"


def test_marked_up_ids_are_unique_across_the_document(tmp_path):
    body = p(ins(r("tracked "), rid=1), r("plain "), italic("one"), r(" and "), italic("two")) + \
        '<w:bookmarkStart w:id="3" w:name="b"/><w:bookmarkEnd w:id="3"/>'
    document = ReviewDocument.open(make_docx(tmp_path, body), parse_rules("italic"))
    out = tmp_path / "marked.docx"
    write_marked_up(document, out)
    root = etree.fromstring(zipfile.ZipFile(out).read("word/document.xml"))
    ids = [e.get(f"{{{root.nsmap['w']}}}id") for e in root.iter("{*}ins", "{*}del")]
    assert len(ids) == 3 and len(set(ids)) == 3 and "3" not in ids and "1" in ids
    again = ReviewDocument.open(out)
    assert {c.source for c in again.changes} == {ChangeSource.TRACKED} and len(again.changes) == 3


def test_decided_changes_are_applied_and_pending_kept(tmp_path):
    body = p(ins(r("keep "), rid=1), r("mid "), dele(dr("drop"), rid=2))
    document = ReviewDocument.open(make_docx(tmp_path, body))
    document.decide([document.changes[0]], Decision.ACCEPT)
    out = tmp_path / "marked.docx"
    write_marked_up(document, out)
    again = ReviewDocument.open(out)
    assert [c.kind.value for c in again.changes] == ["deletion"]
    assert again.body_text() == "keep mid "


def test_saving_refuses_the_input_and_missing_folders(tmp_path):
    path = make_docx(tmp_path, p(ins(r("x"))))
    document = ReviewDocument.open(path)
    with pytest.raises(OutputError, match="refusing to overwrite"):
        write_clean(document, path)
    with pytest.raises(OutputError, match="does not exist"):
        write_clean(document, tmp_path / "nowhere" / "out.docx")
    write_clean(document, path, overwrite_input=True)
    assert ReviewDocument.open(path).changes == []
