"""Comments in the window: the Comments pane, the Comments menu's steps, the list's comment icons and filter.

New Comment (Ctrl+Alt+M, as in Word) comments on the text selected in the document, else on the current
change; Reply, Edit (one's own: the author is Settings' reviewer name), Resolve/Reopen and Delete Thread act on
the comment selected in the pane. Each is one step on the window's undo stack (comment_commands.py), and
autosaved with the decisions (recovery.py). After each, the pane, the list's icons and the document view
(which knows where every comment sits) follow.
"""

from __future__ import annotations

from html import escape

from diff_match_patch import diff_match_patch
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor

from redliner.core import RedlinerError
from redliner.core.comments.edit import TextRange, add_comment, delete_thread, edit_comment, reply, set_resolved
from redliner.core.comments.model import Comment, CommentSet
from redliner.core.comments.names import PARTS
from redliner.core.comments.place import markup_text
from redliner.core.comments.read import read_comments
from redliner.core.oxml.wordml import W_P
from redliner.core.review.comment_marks import COMMENT_MARKS
from redliner.core.review.history import history_for
from redliner.core.wording import plural

from . import comment_dialog
from .colours import author_colours
from .comment_commands import CommentCommand, comment_commands
from .comments_pane import CommentsPane, quote

AFTER_DECISIONS_MS = 200  # a run of decisions reads the comments again once, when it pauses
COMMENT_ACTIONS = ("new_comment", "reply_comment", "edit_comment", "resolve_comment", "delete_thread")
SHORT_TEXT = {"new_comment": "New", "reply_comment": "Reply", "edit_comment": "Edit", "resolve_comment": "Resolve",
              "delete_thread": "Delete"}


class CommentActions:
    def __init__(self, window):
        self.window = window
        self.comments: CommentSet | None = None
        self.pane = CommentsPane(window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.pane)
        self.pane.setVisible(window.settings.state.comments_pane == "shown")
        toggle = self.pane.toggleViewAction()
        toggle.setText("&Comments Pane")
        toggle.setStatusTip("Show or hide the comments and their replies")
        toggle.triggered.connect(self._remember_visible)
        view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
        view_menu.addSeparator()
        view_menu.addAction(toggle)
        actions = window.action_set
        actions.bind({"new_comment": self.new_comment, "reply_comment": self.reply, "edit_comment": self.edit,
                      "resolve_comment": self.resolve, "delete_thread": self.delete})
        for name in COMMENT_ACTIONS:
            self.pane.add_button(name, SHORT_TEXT[name], actions[name])
        self.pane.finish_buttons()
        self.pane.selected.connect(self.go_to_comment)
        self._later = QTimer(window, singleShot=True, interval=AFTER_DECISIONS_MS)
        self._later.timeout.connect(self.refresh)
        window.undo_stack.indexChanged.connect(self._stack_moved)
        window.runner.busy_changed.connect(lambda _busy: self.enable())
        self.enable()

    # -- the review shown ------------------------------------------------------------------------

    def show_review(self, review) -> None:
        """A review opened, restored or closed: its comments read, what was wrong with them said once."""
        self._later.stop()
        self.comments = comments_of(review) if review is not None else None
        self.pane.current = None
        self._show()
        warnings = self.comments.warnings if self.comments is not None else []
        remembered = self.window.settings.state.comments_pane
        if remembered != "hidden" and review is not None:
            self.pane.setVisible(remembered == "shown" or bool(len(self.comments) or warnings))
        self.pane.set_warnings(warnings)
        if warnings:  # after the window's own "Opened …" message
            message = (f"Comments: {plural(len(warnings), 'problem')} in the file ({warnings[0]}); "
                       "see the Comments pane")
            QTimer.singleShot(0, self.window, lambda: self.window.statusBar().showMessage(message, 15000))

    def refresh(self, select: str | None = None) -> None:
        review = self.window.review
        self._later.stop()
        self.comments = comments_of(review) if review is not None else None
        self._show(select or self.pane.current)

    def _show(self, select: str | None = None) -> None:
        comments = self.comments
        self.pane.show_comments(comments, self._colours(), select, self._order())
        counts: dict[str, int] = {}
        for comment in comments or ():
            for change_id in comment.changes:
                counts[change_id] = counts.get(change_id, 0) + 1
        self.window.changes.set_comment_counts(counts)
        self.enable()

    def _order(self) -> dict[str, tuple]:
        """Threads in the order of their text in the document (as Word's balloons); those it does not show
        (headers, notes, no place) after them, in file order."""
        rendered = self.window.view.rendered
        order = {}
        for number, thread in enumerate(self.comments.threads() if self.comments is not None else ()):
            found = rendered.comment_range(thread[0].id) if rendered is not None else None
            order[thread[0].id] = (0, found[0], number) if found is not None else (1, 0, number)
        return order

    def _colours(self) -> dict[str, QColor]:
        """The document view's colour for an author it shows; one of the palette's free ones for the others."""
        colours = dict(self.window.view.colours)
        others = {c.author for c in self.comments or ()} - set(colours)
        if others:
            chosen = author_colours(set(colours) | others, self.window.settings.preferences.author_colours)
            colours.update({author: chosen[author] for author in others})
        return colours

    def _stack_moved(self, _index: int) -> None:
        """A decision can move a comment's anchor (text it covered removed) or what it covers."""
        if self.comments is not None and len(self.comments):
            self._later.start()
        self.enable()

    def stepped(self, command: CommentCommand, undone: bool) -> None:
        """A comment step made, undone or redone: the view learns where comments sit, the pane and list follow."""
        self.window.view.refresh_comments()
        self.refresh(select=None if undone else command.step.comment_id)
        if undone or self.comments is None or self.comments.get(command.step.comment_id) is None:
            self.pane.select(None)
        self.enable()

    def threads_html(self, change_id: str) -> str:
        """The threads of the comments on a change, for the detail pane."""
        if self.comments is None:
            return ""
        roots = {}
        for comment in self.comments.for_change(change_id):
            root = self._root(comment)
            roots.setdefault(root.id, root)
        threads = [t for t in self.comments.threads() if t[0].id in roots]
        return thread_html(threads, self._colours())

    # -- the steps -------------------------------------------------------------------------------

    def new_comment(self) -> bool:
        window = self.window
        if not self._can_write():
            return False
        review = window.review
        target, quoted, note = self._selected_range()
        if target is None and window.current is not None:
            target = review.change(window.current)
            quoted = target.inserted or target.deleted or target.text
        if target is None:
            window.statusBar().showMessage("Select some text, or a change, to comment on", 8000)
            return False
        text = comment_dialog.ask_comment_text(window, "New Comment", f"Comment on “{quote(quoted)}”:")
        if text is None:
            return False
        prefs = window.settings.preferences
        step = self._make(lambda: add_comment(review, target, text, prefs.reviewer_name,
                                              initials=prefs.reviewer_initials))
        if step is None:
            return False
        self._push(step, f"Add comment {step.comment_id}")
        if note:
            window.statusBar().showMessage(note, 10000)
        return True

    def reply(self) -> bool:
        comment = self._chosen()
        if comment is None or not self._can_write():
            return False
        window = self.window
        text = comment_dialog.ask_comment_text(window, "Reply", f"Reply to {comment.author}:")
        if text is None:
            return False
        prefs = window.settings.preferences
        step = self._make(lambda: reply(window.review, comment.id, text, prefs.reviewer_name,
                                        initials=prefs.reviewer_initials))
        if step is not None:
            self._push(step, f"Reply to comment {comment.id}", self._root(comment).changes)
        return step is not None

    def edit(self) -> bool:
        comment = self._chosen()
        if comment is None or not self._can_write():
            return False
        window = self.window
        if not self._own(comment):
            window.statusBar().showMessage(f"Comment {comment.id} is {comment.author}'s: you can edit only your own "
                                           "(Settings → reviewer name)", 8000)
            return False
        text = comment_dialog.ask_comment_text(window, "Edit Comment", "Your comment:", comment.text)
        if text is None or text == comment.text:
            return False
        step = self._make(lambda: edit_comment(window.review, comment.id, text))
        if step is not None:
            self._push(step, f"Edit comment {comment.id}", self._root(comment).changes)
        return step is not None

    def resolve(self) -> bool:
        comment = self._chosen()
        if comment is None or not self._can_write():
            return False
        root = self._root(comment)
        step = self._make(lambda: set_resolved(self.window.review, comment.id, not root.done))
        if step is not None:
            self._push(step, f"{'Reopen' if root.done else 'Resolve'} comment {root.id}", root.changes)
        return step is not None

    def delete(self) -> bool:
        comment = self._chosen()
        if comment is None or not self._can_write():
            return False
        root = self._root(comment)
        step = self._make(lambda: delete_thread(self.window.review, comment.id))
        if step is not None:
            self._push(step, f"Delete comment thread {root.id}", root.changes)
            self.window.statusBar().showMessage(f"Thread of comment {root.id} deleted (Ctrl+Z brings it back)", 8000)
        return step is not None

    def _make(self, make):
        try:
            return make()
        except RedlinerError as exc:
            self.window.statusBar().showMessage(f"Comment not changed: {exc}", 10000)
            return None

    def _push(self, step, label: str, change_ids: list[str] | None = None) -> None:
        change_ids = self.covered(step) if change_ids is None else change_ids
        self.window.undo_stack.push(CommentCommand(self, step, label, change_ids))

    def covered(self, step) -> list[str]:
        """The changes the thread of a step's comment covers (none once it is deleted)."""
        comments = read_comments(self.window.review)
        made = comments.root_of(step.comment_id) if comments.get(step.comment_id) is not None else None
        return list(made.changes) if made is not None else []

    def _can_write(self) -> bool:
        window = self.window
        return window.review is not None and not window.runner.busy

    # -- which comment ---------------------------------------------------------------------------

    def _chosen(self) -> Comment | None:
        """The comment selected in the pane, else the first on the current change."""
        comments, window = self.comments, self.window
        if comments is None:
            return None
        found = comments.get(self.pane.current or "")
        if found is None and window.current is not None:
            on_change = comments.for_change(window.current)
            found = on_change[0] if on_change else None
        if found is None:
            window.statusBar().showMessage("Select a comment in the Comments pane first", 8000)
        return found

    def _root(self, comment: Comment) -> Comment:
        return self.comments.root_of(comment.id) or comment

    def _own(self, comment: Comment) -> bool:
        return comment.author == (self.window.settings.preferences.reviewer_name.strip() or "Redliner")

    def go_to_comment(self, comment_id: str) -> None:
        """Select the text the comment covers in the document (its thread's, for a reply)."""
        comment = self.comments.get(comment_id) if self.comments is not None else None
        view = self.window.view
        if comment is None or view.rendered is None:
            return
        root = self._root(comment)
        found = view.rendered.comment_range([comment.id, root.id])
        if found is None:
            where = f"in the {root.anchor.part}" if root.anchor is not None else "without a place in the text"
            self.window.statusBar().showMessage(f"Comment {comment_id} is {where}: the document view does not "
                                                "show it", 8000)
        else:
            view.select_text(*found)
        self.enable()

    # -- the selection in the document -----------------------------------------------------------

    def _selected_range(self) -> tuple[TextRange | None, str, str]:
        """The selected text as a range of its paragraphs' markup text (from the first paragraph's offset to
        the last one's), the text, and a note ('' here: a selection across paragraphs is commented whole)."""
        view, review = self.window.view, self.window.review
        cursor = view.textCursor()
        if not cursor.hasSelection() or view.rendered is None:
            return None, "", ""
        main = review.package.main_document
        root = review.package.xml(main)
        first = self._paragraph_offset(cursor.selectionStart(), root)
        last = self._paragraph_offset(cursor.selectionEnd(), root)
        if first is None or last is None:
            return None, "", ""
        numbers = {p: n for n, p in enumerate(root.iter(W_P)) if p is first[0] or p is last[0]}
        if first[0] is last[0]:
            markup = markup_text(first[0])
            end = max(last[1], first[1])
            return TextRange(main, numbers[first[0]], first[1], end), markup[first[1]:end], ""
        text = markup_text(first[0])[first[1]:] + "\n" + markup_text(last[0])[:last[1]]
        return TextRange(main, numbers[first[0]], first[1], last[1], numbers[last[0]]), text, ""

    def _paragraph_offset(self, position: int, root):
        """(w:p, offset in its markup text) of a view position, None outside the body's paragraphs."""
        view = self.window.view
        block = view.document().findBlock(position)
        paragraph = view.rendered._layout.paragraphs.get(block.fragmentIndex(), (None,))[0]
        if paragraph is None or paragraph.getroottree().getroot() is not root:
            return None
        shown, markup = block.text(), markup_text(paragraph)
        differ = diff_match_patch()
        diffs = differ.diff_main(shown, markup, False)
        return paragraph, min(max(differ.diff_xIndex(diffs, position - block.position()), 0), len(markup))

    # -- enabling --------------------------------------------------------------------------------

    def enable(self) -> None:
        window = self.window
        ready = window.review is not None and not window.runner.busy
        comments = self.comments
        chosen = comments.get(self.pane.current or "") if comments is not None else None
        if chosen is None and comments is not None and window.current is not None:
            on_change = comments.for_change(window.current)
            chosen = on_change[0] if on_change else None
        actions = window.action_set
        actions.new_comment.setEnabled(ready)
        for name in ("reply_comment", "resolve_comment", "delete_thread"):
            actions[name].setEnabled(ready and chosen is not None)
        actions.edit_comment.setEnabled(ready and chosen is not None and self._own(chosen))
        done = chosen is not None and self._root(chosen).done
        actions.resolve_comment.setText("Re&open Thread" if done else "Re&solve Thread")
        self.pane.buttons_by_name["resolve_comment"].setText("Reopen" if done else "Resolve")

    def _remember_visible(self, visible: bool) -> None:
        """Shown or hidden by the reader: so it stays, whatever the next draft holds."""
        self.window.settings.state.comments_pane = "shown" if visible else "hidden"


def comments_of(review) -> CommentSet:
    """read_comments, skipped for a document without any comment part or mark (most drafts): a long one takes
    a quarter of a second to scan for anchors, which opening it need not spend."""
    package = review.package
    kinds = {entry[0] for entry in PARTS.values()}
    if any(reltype in kinds for _, reltype, _ in package.relationships(package.main_document)):
        return read_comments(review)
    if any(True for _, name in review.stories() for _ in package.xml(name).iter(*COMMENT_MARKS)):
        return read_comments(review)
    return CommentSet()


def thread_html(threads: list[list[Comment]], colours: dict[str, QColor]) -> str:
    parts = []
    for thread in threads:
        for comment in thread:
            reply = comment is not thread[0]
            colour = "#8A8F98" if comment.done else colours.get(comment.author, QColor("#333333")).name()
            state = " · resolved" if comment.done and not reply else ""
            text = escape(comment.text).replace("\n", "<br>")
            parts.append(f"<p style='margin: 2px 0 2px {18 if reply else 0}px'>{'↳ ' if reply else 'Comment: '}"
                         f"<b style='color: {colour}'>{escape(comment.author)}</b> "
                         f"<span style='color: #777'>{escape(comment.date[:10])}{state}</span><br>{text}</p>")
    return "<hr>" + "".join(parts) if parts else ""


def recorded_comment_steps(stack, index: int) -> list[tuple[int, dict]]:
    """(decision batches before it, record) of every comment step in effect, for the autosave."""
    return [(command.position, command.record) for command in comment_commands(stack, index)]


def blocks_revision(window, change_id: str, reset: bool = False) -> bool:
    """A new decision on (or Reset of) a change decided before a comment step that is still in effect: the
    decisions since would be taken back under the comment's marks, so it is refused (undo back to it first)."""
    history = history_for(window.review)
    if reset:
        position = history.first_naming(change_id)
    else:
        related = {change_id, *window.review.change(change_id).conflicts_with}
        position = max((n for n, (ids, _) in enumerate(history.batches()) if related & set(ids)), default=None)
    if position is None or not any(c.position > position for c in comment_commands(window.undo_stack)):
        return False
    window.statusBar().showMessage(f"Change {change_id} was decided before a comment was added or changed: undo back "
                                   "to that decision (Ctrl+Z) to decide it again", 10000)
    return True
