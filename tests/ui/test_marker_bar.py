import pytest
from PySide6.QtCore import Qt

from redliner.ui.marker_bar import MarkerBar


@pytest.fixture
def bar(qtbot):
    widget = MarkerBar()
    qtbot.addWidget(widget)
    return widget


@pytest.mark.parametrize("rules, question", [
    ("italic", "This draft marks proposed wording in italics. Treat italic text as proposed insertions? "
               "(3 passages found)"),
    ("strike", "This draft marks proposed wording struck through. Treat struck-through text as proposed "
               "deletions? (3 passages found)"),
    ("italic,strike", "This draft marks proposed wording in italics or struck through. Treat italic text as "
                      "proposed changes? (3 passages found)"),
])
def test_question_names_the_marker(bar, rules, question):
    bar.ask(rules, 3)
    assert bar.question.text() == question
    assert not bar.isHidden()


def test_answers_carry_the_remember_box(bar, qtbot):
    bar.ask("italic", 1)
    bar.remember.setChecked(True)
    with qtbot.waitSignal(bar.answered) as answer:
        qtbot.mouseClick(bar.no_button, Qt.MouseButton.LeftButton)
    assert answer.args == [False, True] and bar.isHidden()
    bar.ask("italic", 1)
    assert not bar.remember.isChecked()  # each question starts unticked
    with qtbot.waitSignal(bar.settings_requested):
        qtbot.mouseClick(bar.settings_button, Qt.MouseButton.LeftButton)
    assert not bar.isHidden()  # Settings does not answer the question
