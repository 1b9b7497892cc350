"""The Comments pane and comment steps in the window, driven by keys and clicks like a reviewer."""

from __future__ import annotations

import re
import shutil

import pytest
from lxml import etree
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QFileDialog

from redliner.core import ReviewDocument
from redliner.core.comments.read import read_comments
from redliner.ui import comment_dialog, dialogs
from redliner.ui.change_model import STATUS
from redliner.ui.comments_pane import RESOLVED_TEXT
from tests.test_cli_comments import WITH_COMMENTS, _comment_clauses

from .conftest import new_window, open_and_wait

CTRL, ALT, SHIFT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier,
                    Qt.KeyboardModifier.ShiftModifier)
PAUSE = 300  # longer than the view's settle timer and the pane's refresh after decisions


@pytest.fixture
def reviews(corpus, tmp_path):
    """A copy of a word-reviews file in tmp_path (saved copies land beside it)."""

    def copy(name: str):
        target = tmp_path / "drafts" / name
        target.parent.mkdir(exist_ok=True)
        shutil.copy(corpus / "word-reviews" / name, target)
        return target

    return copy


@pytest.fixture
def typed(monkeypatch):
    """The comment dialog answers with the texts queued here (and records its prompts)."""
    answers = Answers()

    def ask(parent, title, prompt, text=""):
        answers.prompts.append((title, prompt, text))
        return answers.pop(0)

    monkeypatch.setattr(comment_dialog, "ask_comment_text", ask)
    return answers


class Answers(list):
    """Texts to answer with; `prompts`: (title, prompt, text offered) of each question asked."""

    def __init__(self):
        super().__init__()
        self.prompts: list[tuple[str, str, str]] = []


def boxes(window) -> dict[str, str]:
    """comment id -> the text of its box in the pane, in the order shown."""
    pane = window.comment_actions.pane
    found = {}
    for comment_id, frame in pane.list.frames.items():
        cursor = QTextCursor(pane.list.document())
        cursor.setPosition(frame.firstPosition())
        cursor.setPosition(frame.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
        found[comment_id] = cursor.selectedText().replace("\u2029", "\n")
    return found


def indent(window, comment_id: str) -> float:
    return window.comment_actions.pane.list.frames[comment_id].frameFormat().leftMargin()


def click_comment(qtbot, window, comment_id: str) -> None:
    pane = window.comment_actions.pane
    qtbot.mouseClick(pane.list.viewport(), Qt.MouseButton.LeftButton, pos=pane.list.point_of(comment_id))
    qtbot.wait(PAUSE)


def click_button(qtbot, window, name: str) -> None:
    qtbot.mouseClick(window.comment_actions.pane.buttons_by_name[name], Qt.MouseButton.LeftButton)
    qtbot.wait(PAUSE)


def select_in_view(qtbot, window, text: str) -> None:
    """Put the text cursor before `text` (as a click does) and extend the selection with Shift+Right."""
    found = window.view.document().find(text)
    assert not found.isNull(), text
    cursor = window.view.textCursor()
    cursor.setPosition(found.selectionStart())
    window.view.setTextCursor(cursor)
    window.view.setFocus()
    for _ in text:
        qtbot.keyClick(window.view, Qt.Key.Key_Right, SHIFT)
    assert window.view.textCursor().selectedText() == text


def key(qtbot, window, k, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(window.view, k, modifiers)
    qtbot.wait(PAUSE)


def comments_xml(window) -> bytes:
    package = window.review.package
    names = [n for _, n in window.review.stories()] + [n for n in package.names()
                                                       if n.startswith("word/comments") or n == "word/people.xml"]
    return b"".join(etree.tostring(package.xml(n), method="c14n") for n in names)


def threads(window) -> list[list[tuple]]:
    return [[(c.author, c.text, c.done) for c in thread] for thread in window.comment_actions.comments.threads()]


# -- reading ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("entry", WITH_COMMENTS, ids=[e["docx"].split("/")[-1] for e in WITH_COMMENTS])
def test_the_pane_shows_every_comment_reply_and_author_of_expected_json(qtbot, window, corpus, entry):
    open_and_wait(qtbot, window, corpus / entry["docx"])
    qtbot.wait(PAUSE)
    pane = window.comment_actions.pane
    shown = boxes(window)
    text = " ; ".join(_comment_clauses(entry["expect"]))
    assert len(shown) == int(re.search(r"(\d+) comments?\b", text).group(1))
    assert pane.isVisible() == bool(shown)  # a draft with comments shows the pane
    headings = {cid: box.splitlines()[0] for cid, box in shown.items()}
    for named in re.findall(r"comments? by ([^,;]+)", text) + re.findall(r"\bauthor '?([A-Z][\w ]+?)'?(?:,|;|$)",
                                                                          text):
        assert any(named.strip() in heading for heading in headings.values()), named
    for group in re.findall(r"\d+ authors \(([^)]+)\)", text):
        for name in group.split(","):
            assert any(name.strip() in heading for heading in headings.values())
    for reply, parent in re.findall(r"comment id (\d+) is a reply to id (\d+)", text):
        assert headings[reply].startswith("↳") and indent(window, reply) > indent(window, parent)
        assert list(shown).index(reply) == list(shown).index(parent) + 1  # under its parent
    for author in re.findall(r"reply author '([^']+)'", text):
        assert any(h.startswith("↳") and author in h for h in headings.values())
    for quoted in re.findall(r"text(?: contains)? \(?'([^']+)'", text):
        assert any(quoted in box for box in shown.values()), quoted
    for anchor in re.findall(r"anchored on '([^']+)'", text):
        assert any(f"“{anchor}”" in box for box in shown.values())
    assert pane.count.text().startswith(f"{len(shown)} comment")


def test_resolved_threads_are_greyed_and_hidden_by_show_resolved(qtbot, window, reviews, typed):
    open_and_wait(qtbot, window, reviews("test_comment_replies.docx"))
    click_comment(qtbot, window, "1")  # a reply: Resolve acts on its thread
    click_button(qtbot, window, "resolve_comment")
    pane = window.comment_actions.pane
    assert [t[0][2] for t in threads(window)] == [True, False]
    frame = pane.list.frames["0"]
    cursor = QTextCursor(frame.lastCursorPosition())
    assert cursor.charFormat().foreground().color().name() == RESOLVED_TEXT.lower()
    assert "resolved" in boxes(window)["0"].splitlines()[0]
    assert pane.buttons_by_name["resolve_comment"].text() == "Reopen"
    qtbot.mouseClick(pane.show_resolved, Qt.MouseButton.LeftButton)
    qtbot.wait(PAUSE)
    assert list(boxes(window)) == ["2"]  # the resolved thread (comment and reply) hidden
    qtbot.mouseClick(pane.show_resolved, Qt.MouseButton.LeftButton)
    qtbot.wait(PAUSE)
    assert list(boxes(window)) == ["0", "1", "2"]


@pytest.mark.parametrize(("name", "comment_id", "selected"), [
    ("test_review.docx", "1", "overall survival"),
    ("test_multipar_comment.docx", "1", " enrolled patients from multiple sites.\u2029Enrollment was completed"),
    ("test_comment_range_end_body.docx", "0", "The primary endpoint was overall survival"),
    ("test_comment_replies.docx", "1", "methodology"),  # a reply: its thread's text
])
def test_clicking_a_comment_selects_its_text(qtbot, window, corpus, name, comment_id, selected):
    open_and_wait(qtbot, window, corpus / "word-reviews" / name)
    click_comment(qtbot, window, comment_id)
    assert window.view.textCursor().selectedText() == selected
    assert window.comment_actions.pane.current == comment_id


def test_a_comment_on_a_missing_anchor_is_a_notice_not_a_crash(qtbot, window, tmp_path):
    from tests.core.comments.factory import comment, commented_docx, comments_part, end, ref, start
    from tests.docx_factory import p, r

    path = commented_docx(tmp_path, p(start(4), r("kept"), end(4), ref(4)) + p(start(9), r("orphan"), end(9)),
                          comments_part(comment(4, "fine"), comment(5, "lost")))
    open_and_wait(qtbot, window, path)
    qtbot.wait(PAUSE)
    pane = window.comment_actions.pane
    assert pane.warning.isVisible()
    assert "comment 5 (Ann) has no place in the text" in pane.warning.text()
    assert "marks comment 9" in pane.warning.text()
    assert "Comments: 2 problems" in window.statusBar().currentMessage()
    assert "(no place in the text)" in boxes(window)["5"]
    click_comment(qtbot, window, "5")
    assert "without a place in the text" in window.statusBar().currentMessage()


def test_a_malformed_comments_part_is_a_notice(qtbot, window, tmp_path):
    from tests.core.comments.factory import commented_docx
    from tests.docx_factory import p, r

    open_and_wait(qtbot, window, commented_docx(tmp_path, p(r("text")), "<w:comments><broken"))
    assert window.review is not None and window.comment_actions.pane.warning.isVisible()
    assert boxes(window) == {}


# -- writing ---------------------------------------------------------------------------------------------


def test_a_comment_and_a_reply_made_in_the_app_are_saved_threaded(qtbot, window, reviews, typed, monkeypatch,
                                                                   tmp_path):
    window.settings.preferences.reviewer_name, window.settings.preferences.reviewer_initials = "Rita Reviewer", "RR"
    open_and_wait(qtbot, window, reviews("test_review.docx"))
    select_in_view(qtbot, window, "primary endpoint")
    typed.append("Which endpoint is primary?")
    key(qtbot, window, Qt.Key.Key_M, CTRL | ALT)
    new_id = window.comment_actions.pane.current
    assert boxes(window)[new_id].splitlines() == [boxes(window)[new_id].splitlines()[0], "“primary endpoint”",
                                                  "Which endpoint is primary?"]
    assert "Rita Reviewer" in boxes(window)[new_id].splitlines()[0]
    click_comment(qtbot, window, new_id)
    assert window.view.textCursor().selectedText() == "primary endpoint"  # the view knows the new anchor
    typed.append("Overall survival.")
    click_button(qtbot, window, "reply_comment")
    assert typed.prompts[-1][1] == "Reply to Rita Reviewer:"
    out = tmp_path / "saved.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(out), ""))
    key(qtbot, window, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not window.runner.busy)
    comments = read_comments(ReviewDocument.open(out))
    assert [[(c.author, c.initials, c.text) for c in t] for t in comments.threads()] == [
        [("Max Mustermann", "MM", "Should we also mention secondary endpoints here?")],
        [("Rita Reviewer", "RR", "Which endpoint is primary?"), ("Rita Reviewer", "RR", "Overall survival.")]]
    assert comments.threads()[1][0].anchor.text == "primary endpoint"
    assert comments.threads()[1][1].parent == comments.threads()[1][0].id


def test_every_comment_step_is_one_undo_step(qtbot, window, reviews, typed):
    window.settings.preferences.reviewer_name = "Rita Reviewer"
    open_and_wait(qtbot, window, reviews("test_comment_replies.docx"))
    states = [(comments_xml(window), threads(window))]

    def step(action) -> None:
        action()
        states.append((comments_xml(window), threads(window)))
        assert states[-1] != states[-2]

    def new_comment():
        select_in_view(qtbot, window, "sample")
        typed.append("Mine.")
        key(qtbot, window, Qt.Key.Key_M, CTRL | ALT)

    def reply_to_first():
        click_comment(qtbot, window, "0")
        typed.append("Agreed.")
        click_button(qtbot, window, "reply_comment")

    def edit_own():
        typed.append("Agreed, with changes.")
        click_button(qtbot, window, "edit_comment")  # the reply just made is selected

    step(new_comment)
    step(reply_to_first)
    assert window.comment_actions.pane.buttons_by_name["edit_comment"].isEnabled()
    step(edit_own)
    step(lambda: click_button(qtbot, window, "resolve_comment"))
    step(lambda: click_button(qtbot, window, "delete_thread"))
    assert typed.prompts[-1] == ("Edit Comment", "Your comment:", "Agreed.")
    assert window.undo_stack.count() == 5
    for back in range(5, 0, -1):
        key(qtbot, window, Qt.Key.Key_Z, CTRL)
        assert (comments_xml(window), threads(window)) == states[back - 1]
    for forward in range(1, 6):
        key(qtbot, window, Qt.Key.Key_Y, CTRL)
        assert (comments_xml(window), threads(window)) == states[forward]


def test_only_ones_own_comment_can_be_edited(qtbot, window, reviews, typed):
    window.settings.preferences.reviewer_name = "Rita Reviewer"
    open_and_wait(qtbot, window, reviews("test_comment_replies.docx"))
    click_comment(qtbot, window, "0")  # Max Mustermann's
    assert not window.action_set.edit_comment.isEnabled()
    assert not window.comment_actions.pane.buttons_by_name["edit_comment"].isEnabled()
    assert window.comment_actions.edit() is False
    assert "you can edit only your own" in window.statusBar().currentMessage()
    assert typed.prompts == []


def test_a_comment_on_the_current_change_shows_in_the_list_detail_and_filter(qtbot, window, reviews, typed):
    open_and_wait(qtbot, window, reviews("test_review.docx"))
    model, proxy = window.changes.model, window.changes.proxy
    icons = lambda: [model.index(row, STATUS).data(Qt.ItemDataRole.DecorationRole) is not None  # noqa: E731
                     for row in range(model.rowCount())]
    assert icons() == [False, False]
    assert window.current == "1" and not window.view.textCursor().hasSelection()
    typed.append("Why delete this?")
    key(qtbot, window, Qt.Key.Key_M, CTRL | ALT)
    assert typed.prompts[-1][1] == "Comment on “approximately”:"
    assert icons() == [True, False]
    assert "Why delete this?" in window.detail.toPlainText()
    qtbot.mouseClick(window.changes.filters.commented, Qt.MouseButton.LeftButton)
    qtbot.wait(PAUSE)
    assert window.changes.shown_ids() == ["1"]
    key(qtbot, window, Qt.Key.Key_Z, CTRL)  # the comment goes: so do the icon and the filtered row
    assert icons() == [False, False] and proxy.rowCount() == 0
    assert window.current == "1"  # Undo went to the change the comment was on
    key(qtbot, window, Qt.Key.Key_Y, CTRL)
    assert icons() == [True, False] and window.changes.shown_ids() == ["1"]


def test_a_decision_taken_before_a_comment_is_not_redecided_under_it(qtbot, window, reviews, typed):
    open_and_wait(qtbot, window, reviews("test_review.docx"))
    key(qtbot, window, Qt.Key.Key_A)  # change 1 accepted; 2 is current
    typed.append("Good.")
    key(qtbot, window, Qt.Key.Key_M, CTRL | ALT)
    window.go_to("1")
    key(qtbot, window, Qt.Key.Key_R, CTRL | SHIFT)
    assert window.review.change("1").status.value == "accepted"
    assert "undo back to that decision" in window.statusBar().currentMessage()
    key(qtbot, window, Qt.Key.Key_Z, CTRL)  # the comment goes: now it can be decided again
    window.go_to("1")
    key(qtbot, window, Qt.Key.Key_R, CTRL | SHIFT)
    assert window.review.change("1").status.value == "rejected"


def test_comment_steps_are_restored_after_a_crash(qtbot, window, reviews, typed, autosave_folder, monkeypatch):
    window.settings.preferences.reviewer_name = "Rita Reviewer"
    draft = reviews("test_review.docx")
    open_and_wait(qtbot, window, draft)
    key(qtbot, window, Qt.Key.Key_A)  # change 1 accepted, then a comment on change 2 and a reply
    typed.extend(["On the insertion.", "And a reply."])
    key(qtbot, window, Qt.Key.Key_M, CTRL | ALT)
    click_button(qtbot, window, "reply_comment")
    expected = (comments_xml(window), threads(window))
    window.recovery.flush()
    window.recovery.state = None  # as if this session had crashed: the autosave stays behind
    window.undo_stack.clear()
    monkeypatch.setattr(dialogs, "ask_restore", lambda parent, name, n: True)
    other = new_window(qtbot, monkeypatch)
    open_and_wait(qtbot, other, draft)
    qtbot.wait(PAUSE)
    assert (comments_xml(other), threads(other)) == expected
    assert "Restored 1 decision and 2 comment steps" in other.statusBar().currentMessage()
    assert [other.undo_stack.text(i) for i in range(other.undo_stack.count())] == [
        "Accept change 1", "Add comment 2", "Reply to comment 2"]
    assert "On the insertion." in boxes(other)["2"]
    key(qtbot, other, Qt.Key.Key_Z, CTRL)
    key(qtbot, other, Qt.Key.Key_Z, CTRL)
    assert [t[0][1] for t in threads(other)] == ["Should we also mention secondary endpoints here?"]
    key(qtbot, other, Qt.Key.Key_Z, CTRL)
    assert other.review.change("1").status.value == "pending"
    other.runner.wait()


def test_a_comment_made_in_the_final_view_covers_the_selected_words(qtbot, window, reviews, typed):
    """The final view hides the deleted "approximately ": the selection is mapped to the paragraph's markup."""
    open_and_wait(qtbot, window, reviews("test_review.docx"))
    key(qtbot, window, Qt.Key.Key_2, CTRL)
    select_in_view(qtbot, window, "200 patients")
    typed.append("Exactly 200?")
    key(qtbot, window, Qt.Key.Key_M, CTRL | ALT)
    made = window.comment_actions.comments.get(window.comment_actions.pane.current)
    assert made.anchor.text == "200 patients" and made.author == window.settings.preferences.reviewer_name
    assert "approximately" not in window.view.document().toPlainText()  # still the final view
    window.view.moveCursor(QTextCursor.MoveOperation.Start)
    click_comment(qtbot, window, made.id)
    assert window.view.textCursor().selectedText() == "200 patients"


def test_a_comment_on_a_selection_across_two_paragraphs_covers_both(qtbot, window, tmp_path, typed):
    from redliner.core import ReviewDocument
    from redliner.core.comments.read import read_comments
    from tests.docx_factory import make_docx, p, r

    path = make_docx(tmp_path, p(r("First paragraph text.")) + p(r("Second paragraph text.")), name="two.docx")
    open_and_wait(qtbot, window, path)
    view = window.view
    document = view.document()
    cursor = view.textCursor()
    cursor.setPosition(document.find("paragraph text.").selectionStart())
    view.setTextCursor(cursor)
    for _ in range(len("paragraph text.") + 1 + len("Second")):  # across the paragraph end, with the keyboard
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.wait(PAUSE)
    typed.append("Both sentences say too little.")
    key(qtbot, window, Qt.Key.Key_M, CTRL | ALT)
    comment = window.comment_actions.comments.comments[0]
    assert comment.anchor.text.replace("\n", " ") in ("paragraph text. Second", "paragraph text.Second")
    saved = tmp_path / "saved.docx"
    from redliner.core.review.writers import write_marked_up

    write_marked_up(window.review, saved)
    reread = read_comments(ReviewDocument.open(saved)).comments
    assert [c.text for c in reread] == ["Both sentences say too little."]
    assert "Second" in reread[0].anchor.text and "paragraph text." in reread[0].anchor.text
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert window.comment_actions.comments.comments == []
