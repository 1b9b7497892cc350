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
