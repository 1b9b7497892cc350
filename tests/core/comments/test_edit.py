"""Writing comments: each step saved as Word writes comments, undone exactly, replayed from its record."""

from __future__ import annotations

import json
import zipfile

import pytest
from lxml import etree

from redliner.core import Decision, RedlinerError, ReviewDocument, parse_rules
from redliner.core.comments.edit import (
    TextRange,
    UnknownCommentError,
    add_comment,
    delete_thread,
    edit_comment,
    find_text,
    replay,
    reply,
    set_resolved,
)
from redliner.core.comments.read import read_comments
from tests.core.comments.factory import comment, commented_docx, comments_part, end, ref, start
from tests.corpus_tools import canonical_parts, paragraphs
from tests.docx_factory import ins, italic, make_docx, p, r

BODY = p(r("The methodology was "), ins(r("very ")), r("sound.")) + p(r("Second paragraph."))
COMMENT_PARTS = {"word/comments.xml", "word/commentsExtended.xml", "word/commentsIds.xml", "word/people.xml"}


def _saved(document, tmp_path, name="out.docx"):
    out = tmp_path / name
    document.package.save(out)
    return out


def test_a_comment_and_a_reply_are_saved_as_word_writes_them(tmp_path):
    document = ReviewDocument.open(make_docx(tmp_path, BODY))
    first = add_comment(document, find_text(document, "methodology"), "Why this word?", "Alice Smith")
    second = reply(document, first.comment_id, "Because.", "Bob")
    out = _saved(document, tmp_path)
    with zipfile.ZipFile(out) as archive:
        assert set(archive.namelist()) >= COMMENT_PARTS
        types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
    for part in COMMENT_PARTS:
        assert f'PartName="/{part}"' in types and f'Target="{part[5:]}"' in rels
    again = read_comments(ReviewDocument.open(out))
    assert [(c.id, c.author, c.initials, c.text, c.anchor.text, c.parent) for c in again] == [
        (first.comment_id, "Alice Smith", "AS", "Why this word?", "methodology", None),
        (second.comment_id, "Bob", "B", "Because.", "methodology", first.comment_id)]
    assert all(c.durable_id for c in again) and [p.author for p in again.people] == ["Alice Smith", "Bob"]
    assert again.warnings == [] and paragraphs(out) == ["The methodology was very sound.", "Second paragraph."]


def test_a_range_inside_runs_splits_them_and_keeps_the_text(tmp_path):
    document = ReviewDocument.open(make_docx(tmp_path, BODY))
    step = add_comment(document, TextRange("word/document.xml", 0, 6, 28), "Look", "Ann")
    found = read_comments(document).get(step.comment_id)
    assert found.anchor.text == "The methodology was very sound."[6:28] == "thodology was very sou"
    assert found.changes == [document.changes[0].id]
    assert paragraphs(_saved(document, tmp_path)) == ["The methodology was very sound.", "Second paragraph."]


def test_a_comment_on_a_change_and_resolving_its_thread(tmp_path):
    document = ReviewDocument.open(make_docx(tmp_path, BODY))
    step = add_comment(document, document.changes[0], "Needed?", "Ann")
    set_resolved(document, step.comment_id, True)
    found = read_comments(ReviewDocument.open(_saved(document, tmp_path))).get(step.comment_id)
    assert (found.anchor.text, found.changes, found.done) == ("very ", ["1"], True)
    set_resolved(document, step.comment_id, False)
    assert read_comments(document).get(step.comment_id).done is False


def test_edit_and_delete(tmp_path):
    document = ReviewDocument.open(make_docx(tmp_path, BODY))
    first = add_comment(document, find_text(document, "sound"), "Typo", "Ann")
    answer = reply(document, first.comment_id, "No", "Bea")
    edit_comment(document, answer.comment_id, "Not a typo.\nSee the guide.")
    comments = read_comments(document)
    assert comments.get(answer.comment_id).paragraphs == ["Not a typo.", "See the guide."]
    assert comments.get(answer.comment_id).parent == first.comment_id  # the thread holds
    other = add_comment(document, find_text(document, "Second"), "Keep me", "Ann")
    delete_thread(document, answer.comment_id)
    out = _saved(document, tmp_path)
    assert [c.id for c in read_comments(ReviewDocument.open(out))] == [other.comment_id]
    assert b"commentRangeStart w:id=\"%s\"" % first.comment_id.encode() not in zipfile.ZipFile(out).read(
        "word/document.xml")


def test_every_step_undoes_exactly(tmp_path):
    source = make_docx(tmp_path, BODY)
    document = ReviewDocument.open(source)
    steps = [add_comment(document, find_text(document, "methodology"), "Why?", "Ann")]
    steps.append(reply(document, steps[0].comment_id, "Because.", "Bea"))
    steps.append(edit_comment(document, steps[1].comment_id, "Because so."))
    steps.append(set_resolved(document, steps[0].comment_id))
    steps.append(add_comment(document, document.changes[0], "On the change", "Cy"))
    steps.append(delete_thread(document, steps[0].comment_id))
    for step in reversed(steps):
        document.undo(step.journal)
    assert canonical_parts(_saved(document, tmp_path)) == canonical_parts(source)


def test_a_reply_in_a_file_without_comments_extended(tmp_path):
    body = p(start(3), r("old text"), end(3), ref(3))
    path = commented_docx(tmp_path, body, comments_part(comment(3, "First")))
    document = ReviewDocument.open(path)
    step = reply(document, "3", "Second", "Bea")
    again = read_comments(ReviewDocument.open(_saved(document, tmp_path)))
    assert [(c.id, c.parent, c.anchor.text) for c in again] == [("3", None, "old text"), (step.comment_id, "3",
                                                                                           "old text")]
    assert step.comment_id == "4"


def test_records_replay_to_the_same_document(tmp_path):
    source = make_docx(tmp_path, BODY)
    document = ReviewDocument.open(source)
    steps = [add_comment(document, find_text(document, "methodology"), "Why?", "Ann")]
    steps.append(reply(document, steps[0].comment_id, "Because.", "Bea"))
    steps.append(add_comment(document, document.changes[0], "On the change", "Cy"))
    steps.append(edit_comment(document, steps[2].comment_id, "Changed"))
    steps.append(set_resolved(document, steps[0].comment_id))
    records = json.loads(json.dumps([s.record for s in steps]))
    restored = ReviewDocument.open(source)
    for record in records:
        replay(restored, record)
    assert canonical_parts(_saved(restored, tmp_path, "b.docx")) == canonical_parts(_saved(document, tmp_path))


def test_a_comment_inside_a_marker_proposal_keeps_the_proposal_whole(tmp_path):
    document = ReviewDocument.open(make_docx(tmp_path, p(r("We will "), italic("carefully review"), r(" it."))),
                                   parse_rules("italic"))
    add_comment(document, find_text(document, "fully"), "Hm", "Ann")
    document.decide(document.changes, Decision.REJECT)
    root = document.package.xml(document.package.main_document)
    assert "".join(root.itertext()) == "We will it."
    assert len(list(root.iter(f"{{{root.nsmap['w']}}}commentRangeStart"))) == 1


def test_unknown_ids_and_ranges_are_one_line_errors(tmp_path):
    document = ReviewDocument.open(make_docx(tmp_path, BODY))
    with pytest.raises(UnknownCommentError, match="no comment with id 7"):
        reply(document, "7", "x", "Ann")
    with pytest.raises(RedlinerError, match="not in paragraph 0"):
        add_comment(document, TextRange("word/document.xml", 0, 5, 500), "x", "Ann")
    with pytest.raises(RedlinerError, match="no paragraph 9"):
        add_comment(document, TextRange("word/document.xml", 9, 0, 1), "x", "Ann")
    assert etree.tostring(document.package.xml("word/document.xml")).count(b"comment") == 0


def test_a_range_across_paragraphs_is_anchored_from_the_first_into_the_last_and_replays(tmp_path):
    source = make_docx(tmp_path, p(r("One two three.")) + p(r("Middle.")) + p(r("Four five six.")))
    document = ReviewDocument.open(source)
    step = add_comment(document, TextRange("word/document.xml", 0, 4, 9, 2), "Across", "Ann")
    (comment,) = read_comments(document).comments
    assert comment.anchor.text.split() == ["two", "three.", "Middle.", "Four", "five"]
    assert len(step.record["range"]) == 5
    restored = ReviewDocument.open(source)
    replay(restored, json.loads(json.dumps(step.record)))
    assert canonical_parts(_saved(restored, tmp_path, "b.docx")) == canonical_parts(_saved(document, tmp_path))
    before = canonical_parts(_saved(ReviewDocument.open(source), tmp_path, "c.docx"))
    document.undo(step.journal)
    assert canonical_parts(_saved(document, tmp_path, "d.docx")) == before
    with pytest.raises(RedlinerError, match="comes before"):
        add_comment(ReviewDocument.open(source), TextRange("word/document.xml", 2, 0, 1, 0), "Back", "Ann")
