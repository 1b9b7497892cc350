import pytest
from lxml import etree
from PySide6.QtGui import QUndoStack

from redliner.core import Decision, ReviewDocument, Status, parse_rules
from redliner.ui.commands import DecideCommand


@pytest.fixture
def review(samples):
    return ReviewDocument.open(samples / "sop-draft.pandoc.docx", parse_rules("italic"))


def body_xml(review) -> bytes:
    return etree.tostring(review.package.xml(review.package.main_document))


def test_redo_decides_and_undo_restores_tree_and_status(review):
    stack, told = QUndoStack(), []
    before = body_xml(review)
    stack.push(DecideCommand(review, ["13"], Decision.REJECT, told.append))
    assert review.change("13").status == Status.REJECTED
    assert "eight" not in review.body_text()
    assert stack.undoText() == "Reject change 13"
    stack.undo()
    assert review.change("13").status == Status.PENDING
    assert body_xml(review) == before
    stack.redo()
    assert review.change("13").status == Status.REJECTED
    assert told == [["13"], ["13"], ["13"]]


def test_many_changes_are_one_step(review):
    stack = QUndoStack()
    before = body_xml(review)
    stack.push(DecideCommand(review, ["1", "2", "3"], Decision.ACCEPT, lambda ids: None))
    assert stack.count() == 1 and stack.undoText() == "Accept 3 changes"
    assert all(review.change(i).status == Status.ACCEPTED for i in "123")
    stack.undo()
    assert all(review.change(i).status == Status.PENDING for i in "123")
    assert body_xml(review) == before


@pytest.mark.parametrize(("decision", "status", "step"), [
    (Decision.SKIP, Status.SKIPPED, "Skip change 13"),
    (Decision.NOT_A_PROPOSAL, Status.NOT_A_PROPOSAL, "Not a Proposal: change 13")])
def test_skip_and_not_a_proposal_keep_the_text(review, decision, status, step):
    stack = QUndoStack()
    stack.push(DecideCommand(review, ["13"], decision, lambda ids: None))
    assert review.change("13").status == status and stack.undoText() == step
    assert "eight" in review.body_text()
    stack.undo()
    assert review.change("13").status == Status.PENDING


def push_reset(stack, review, change_id, told=None):
    from redliner.ui.commands import ResetCommand

    stack.push(ResetCommand(review, change_id, (told.append if told is not None else lambda ids: None)))


def test_reset_to_pending_replays_the_later_decisions_without_the_change(review):
    stack = QUndoStack()
    stack.push(DecideCommand(review, ["5"], Decision.REJECT, lambda ids: None))
    after_five = body_xml(review)
    stack.push(DecideCommand(review, ["4", "6"], Decision.ACCEPT, lambda ids: None))
    decided = body_xml(review)
    stack.push(DecideCommand(review, ["7"], Decision.SKIP, lambda ids: None))
    push_reset(stack, review, "4")
    assert review.change("4").status == Status.PENDING
    assert [review.change(i).status for i in "567"] == [Status.REJECTED, Status.ACCEPTED, Status.SKIPPED]
    assert stack.count() == 4 and stack.undoText() == "Reset change 4 to pending"
    stack.undo()  # one step brings the decision back, tree and all
    assert review.change("4").status == Status.ACCEPTED and body_xml(review) == decided
    stack.redo()
    stack.undo()
    for _ in range(3):
        stack.undo()
    assert all(c.status == Status.PENDING for c in review.changes)
    stack.redo()
    assert body_xml(review) == after_five


def test_reset_of_a_change_decided_twice_gives_pending_not_the_first_decision(review):
    stack = QUndoStack()
    before = body_xml(review)
    stack.push(DecideCommand(review, ["9"], Decision.SKIP, lambda ids: None))
    stack.push(DecideCommand(review, [c.id for c in review.changes], Decision.ACCEPT, lambda ids: None))
    push_reset(stack, review, "9")
    assert review.change("9").status == Status.PENDING
    assert sum(c.status == Status.ACCEPTED for c in review.changes) == len(review.changes) - 1
    push_reset(stack, review, "3")  # a second reset over the first
    assert review.change("3").status == Status.PENDING and review.change("9").status == Status.PENDING
    stack.undo()
    assert review.change("3").status == Status.ACCEPTED and review.change("9").status == Status.PENDING
    stack.setIndex(0)
    assert body_xml(review) == before and all(c.status == Status.PENDING for c in review.changes)
