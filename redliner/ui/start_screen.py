"""What the window shows with no draft open: Open, Compare, Combine and the recent files, not an empty pane."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from . import dialogs

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class StartScreen(QWidget):
    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("startScreen")
        self.window_ = window
        title = QLabel("<h2>Redliner</h2><p>Review every change in a Word draft: tracked changes and proposals "
                       "typed in italics.</p>", self)
        title.setWordWrap(True)
        self.open_button = QPushButton("&Open a Draft…", self)
        self.compare_button = QPushButton("Co&mpare Two Versions…", self)
        self.combine_button = QPushButton("Com&bine Reviewers' Copies…", self)
        self.open_button.setToolTip("Open a Word draft and review its changes")
        self.compare_button.setToolTip("Pick a draft, then the earlier version it came from: "
                                       "the differences become changes")
        self.combine_button.setToolTip("Pick the base, then the copies reviewers sent back")
        self.recent_label = QLabel("<b>Recent drafts</b>", self)
        self.recent = QListWidget(self)
        self.recent.setFrameShape(QFrame.Shape.StyledPanel)
        self.recent.setStyleSheet("QListWidget::item { padding: 4px 2px; }")
        self.recent.itemActivated.connect(self._open_item)
        self.no_recent = QLabel("No recent drafts yet. Open one, or drop a .docx file here.", self)
        self.no_recent.setWordWrap(True)
        self.no_recent.setStyleSheet("color: #666")
        # Two columns, as in Word's start page: what to do on the left, the recent drafts on the right.
        actions = QVBoxLayout()
        for button in (self.open_button, self.compare_button, self.combine_button):
            actions.addWidget(button)
        actions.addStretch(1)
        recent = QVBoxLayout()
        recent.addWidget(self.recent_label)
        recent.addWidget(self.recent, 1)
        recent.addWidget(self.no_recent)
        recent.addStretch(0)
        columns = QHBoxLayout()
        columns.addLayout(actions)
        columns.addSpacing(24)
        columns.addLayout(recent, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(title)
        layout.addSpacing(12)
        layout.addLayout(columns, 1)
        self.open_button.clicked.connect(window.action_set.open.trigger)
        self.compare_button.clicked.connect(self.compare)
        self.combine_button.clicked.connect(window.action_set.combine.trigger)

    @classmethod
    def install(cls, window) -> StartScreen:
        """A stack in the splitter's place: this screen while no review is shown, the review otherwise."""
        screen = cls(window)
        stack = QStackedWidget(window)
        window.centralWidget().layout().replaceWidget(window.splitter, stack)
        stack.addWidget(screen)
        stack.addWidget(window.splitter)
        window.panes = stack
        window.changes.model.modelReset.connect(screen.follow_review)  # the window shows a review, or none
        window.runner.busy_changed.connect(lambda busy: screen.fill_recent() if not busy else None)
        screen.follow_review()
        return screen

    def follow_review(self) -> None:
        window = self.window_
        shown = window.splitter if window.review is not None else self
        window.panes.setCurrentWidget(shown)
        if shown is self:
            self.fill_recent()
            self.open_button.setFocus()

    def fill_recent(self) -> None:
        self.recent.clear()
        for file in self.window_.settings.state.recent_files:
            path = Path(file)
            item = QListWidgetItem(f"{path.name}    —    {path.parent}", self.recent)
            item.setData(PATH_ROLE, file)
            item.setToolTip(file)
        has_recent = self.recent.count() > 0
        self.recent.setVisible(has_recent)
        self.recent_label.setVisible(has_recent)
        self.no_recent.setVisible(not has_recent)
        if has_recent:
            self.recent.setCurrentRow(0)

    def _open_item(self, item: QListWidgetItem) -> None:
        self.window_.open_file(item.data(PATH_ROLE))

    def compare(self) -> bool:
        """No draft open: pick the draft first, then Compare with Base asks for the base as usual."""
        window = self.window_
        draft = dialogs.choose_draft(window, "", "Choose the draft to compare (the newer version)")
        return bool(draft) and window.compare_actions.compare_draft(Path(draft))
