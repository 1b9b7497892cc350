"""Crash recovery of comment steps: kept in the autosave beside the decision batches, replayed in their place."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from redliner.core import Decision, ReviewDocument, errors
from redliner.core.comments.edit import add_comment, find_text, reply, set_resolved
from redliner.core.comments.read import read_comments
from redliner.core.session.review_state import CommentEntry, ReviewState, restore_with_comments, restore_with_journals
from tests.docx_factory import dele, dr, ins, make_docx, p, r

BODY = p(r("The "), dele(dr("old"), rid=2), r(" plan is sound.")) + p(r("Second "), ins(r("new "), rid=3), r("one."))


def parts(document: ReviewDocument) -> dict[str, bytes]:
    package = document.package
    names = [name for _, name in document.stories()] + ["word/comments.xml", "word/commentsExtended.xml"]
    return {name: etree.tostring(package.xml(name), method="c14n") for name in names}


def reviewed(path):
    """A decision, a comment, a reply, a second decision, a resolve: recorded as the app records them."""
    document = ReviewDocument.open(path)
    state = ReviewState.begin(document)
    ids = [c.id for c in document.changes]
    document.decide([ids[0]], Decision.ACCEPT)
    state.record(document, [ids[0]], Decision.ACCEPT)
    made = [add_comment(document, find_text(document, "plan"), "Which plan?", "Ann Lee")]
    made.append(reply(document, made[0].comment_id, "The new one.", "Bo"))
    state.comment_steps = [CommentEntry(1, step.record) for step in made]
    document.decide([ids[1]], Decision.REJECT)
    state.record(document, [ids[1]], Decision.REJECT)
    made.append(set_resolved(document, made[0].comment_id))
    state.comment_steps.append(CommentEntry(2, made[-1].record))
    return document, state


def test_comment_steps_round_trip_through_json_and_replay_in_their_place(tmp_path):
    document, state = reviewed(make_docx(tmp_path, BODY))
    data = json.loads(state.to_json())
    assert [entry["at"] for entry in data["comments"]] == [1, 1, 2]
    assert data["batches"] == [{"ids": ["1"], "decision": "accept"}, {"ids": ["2"], "decision": "reject"}]
    restored, journals, steps = restore_with_comments(ReviewState.from_json(state.to_json()))
    assert len(journals) == 2 and len(steps) == 3
    assert parts(restored) == parts(document)
    comments = read_comments(restored)
    assert [(c.author, c.text, c.parent, c.done) for c in comments] == [
        ("Ann Lee", "Which plan?", None, True), ("Bo", "The new one.", comments.comments[0].id, True)]


def test_restore_with_journals_still_gives_one_journal_per_batch(tmp_path):
    _, state = reviewed(make_docx(tmp_path, BODY))
    restored, journals = restore_with_journals(state)
    assert len(journals) == 2 and len(read_comments(restored)) == 2


def test_a_state_without_comment_steps_writes_no_comments_key(tmp_path):
    document = ReviewDocument.open(make_docx(tmp_path, BODY))
    assert "comments" not in json.loads(ReviewState.begin(document).to_json())


def test_a_comment_step_that_cannot_be_made_again_is_a_stale_review(tmp_path):
    _, state = reviewed(make_docx(tmp_path, BODY))
    state.comment_steps[1].record["parent"] = "77"
    with pytest.raises(errors.StaleReviewError, match="cannot be made again"):
        restore_with_comments(state)


@pytest.mark.parametrize("comments", ['[{"at": -1, "record": {}}]', '[{"record": {}}]', '[{"at": 0, "record": 3}]'])
def test_unreadable_comment_steps_make_the_state_unreadable(tmp_path, comments):
    document = ReviewDocument.open(make_docx(tmp_path, BODY))
    data = json.loads(ReviewState.begin(document).to_json())
    data["comments"] = json.loads(comments)
    with pytest.raises(errors.RedlinerError, match="cannot be read"):
        ReviewState.from_json(json.dumps(data))
