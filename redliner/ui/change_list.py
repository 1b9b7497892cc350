"""The change list pane: filter bar, table of changes, and the "12 of 37 decided" count."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from redliner.core import ChangeKind, ReviewDocument, Status

from . import change_model as cm
from .actions import REDO_KEYS, UNDO_KEYS
from .change_model import ANY, CHANGE_ID_ROLE, ChangeFilterModel, ChangeTableModel

CHANGE_MIN_WIDTH = 150
FILTER_TEXT_MIN_WIDTH = 90
COMBO_ARROW_WIDTH = 40  # the drop-down arrow and the frame
COLUMN_WIDTHS = {cm.NUMBER: 36, cm.KIND: 84, cm.AUTHOR: 96, cm.DATE: 90, cm.SECTION: 120, cm.STATUS: 72}


def decided_text(review: ReviewDocument | None) -> str:
    if review is None:
        return "No draft open"
    counts = Counter(c.status for c in review.changes)
    decided = counts[Status.ACCEPTED] + counts[Status.REJECTED]
    text = f"{decided} of {len(review.changes)} decided"
    if counts[Status.SKIPPED]:
        text += f", {counts[Status.SKIPPED]} skipped"
    emphasis = counts[Status.NOT_A_PROPOSAL]
    return text + (f", {emphasis} not {'a proposal' if emphasis == 1 else 'proposals'}" if emphasis else "")


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.author = self._combo("All authors", "Show the changes of one author")
        self.kind = self._combo("All kinds", "Show one kind of change")
        self.status = self._combo("All statuses", "Show pending, accepted, rejected, skipped or not-a-proposal changes")
        self.status.addItems([s.value for s in Status])
        for index, status in enumerate(Status, start=1):
            self.status.setItemData(index, status.value)
        self.text = QLineEdit(self)
        self.text.setPlaceholderText("Filter changes…")
        self.text.setClearButtonEnabled(True)
        self.text.textChanged.connect(self.changed)
        self.text.installEventFilter(self)
        self.commented = QToolButton(self)
        self.commented.setObjectName("commentedFilter")
        self.commented.setCheckable(True)
        self.commented.setIcon(cm.comment_icon())
        self.commented.setToolTip("Show only the changes that have comments")
        self.commented.toggled.connect(self.changed)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for column, widget in enumerate((self.author, self.kind, self.status)):
            layout.addWidget(widget, 0, column)
        layout.addWidget(self.commented, 0, 4)
        self._place_text(wrapped=False)

    def resizeEvent(self, event) -> None:
        """In a narrow list the text field goes under the menus rather than shrink out of sight."""
        super().resizeEvent(event)
        combos = sum(c.sizeHint().width() for c in (self.author, self.kind, self.status, self.commented))
        wrapped = event.size().width() < combos + FILTER_TEXT_MIN_WIDTH * 2
        if wrapped != self.wrapped:
            self._place_text(wrapped)

    def _place_text(self, wrapped: bool) -> None:
        self.wrapped = wrapped
        layout = self.layout()
        layout.removeWidget(self.text)
        # Beside the menus it may shrink (the bar wraps before it gets small): no minimum that keeps the
        # window from getting narrow enough to wrap.
        self.text.setMinimumWidth(FILTER_TEXT_MIN_WIDTH if wrapped else 1)
        if wrapped:
            layout.addWidget(self.text, 1, 0, 1, 3)
        else:
            layout.addWidget(self.text, 0, 3)
        layout.setColumnStretch(3, 0 if wrapped else 1)

    def eventFilter(self, watched, event) -> bool:
        """Undo and redo keys are the review's, even here: the field does not claim them for its typing, so the
        window's Undo takes back the last decision (a filter is retyped, a decision is not)."""
        if (watched is self.text and event.type() == QEvent.Type.ShortcutOverride
                and QKeySequence(event.keyCombination()).toString() in (*UNDO_KEYS, *REDO_KEYS)):
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    def _combo(self, everything: str, tip: str) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(everything, ANY)
        combo.setToolTip(tip)
        # As wide as its entries when there is room; in a narrow list it shrinks to a few letters (the full
        # names are in the open menu).
        combo.setMinimumWidth(combo.fontMetrics().averageCharWidth() * 4 + COMBO_ARROW_WIDTH)
        combo.currentIndexChanged.connect(self.changed)
        return combo

    def populate(self, review: ReviewDocument | None, notify: bool = True) -> None:
        """Offer the authors and kinds this review has; reset every filter."""
        changes = review.changes if review else []
        kinds = {c.kind for c in changes}
        self.blockSignals(True)
        for combo, values in ((self.author, sorted({c.author for c in changes})),
                              (self.kind, [k.value for k in ChangeKind if k in kinds])):
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value in values:
                combo.addItem(value, value)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.status.setCurrentIndex(0)
        self.text.clear()
        self.commented.setChecked(False)
        self.blockSignals(False)
        if notify:
            self.changed.emit()

    def values(self) -> dict[str, str]:
        return {"author": self.author.currentData(), "kind": self.kind.currentData(),
                "status": self.status.currentData(), "text": self.text.text(), "commented": self.commented.isChecked()}


class ChangeTable(QTableView):
    """The Change column takes the room the others leave, but never less than CHANGE_MIN_WIDTH: a narrow
    window scrolls sideways rather than squeeze the text of the changes to nothing."""

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_change_column()

    def fit_change_column(self) -> None:
        header = self.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(header.count()) if c != cm.TEXT)
        header.resizeSection(cm.TEXT, max(CHANGE_MIN_WIDTH, self.viewport().width() - others))


ROWS_SETTLE_MS = 120  # as the document view's settle timer: rows follow edits when the typist pauses


class ChangeList(QWidget):
    """Reports the change the user selects; the window tells it which change is current."""

    current_changed = Signal(str)
    rows_settled = Signal(str)  # rows for edited changes shown (see settle_rows): the current row before

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = ChangeTableModel(self)
        self.proxy = ChangeFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self._following = False  # see settle_rows
        self.filters = FilterBar(self)
        self.filters.changed.connect(self._filter)
        self.table = self._table()
        self.count = QLabel(decided_text(None), self)
        self.count.setObjectName("decidedCount")
        self.count.setStyleSheet("font-weight: bold")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.review: ReviewDocument | None = None
        self.rows_unsettled = False  # edits added or removed changes the rows do not show yet (see follow)
        self._unpainted: dict = {}  # change id -> change an edit rewrote, its row repainted at the pause
        self._rows_timer = QTimer(self, singleShot=True, interval=ROWS_SETTLE_MS)
        self._rows_timer.timeout.connect(self.settle_rows)

    def _table(self) -> QTableView:
        table = ChangeTable(self)
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # No sort indicator: document order until the reader clicks a header (see ChangeFilterModel).
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        # Fixed widths: ResizeToContents would read 1,000 rows on every layout of a long list.
        header.resizeSection(cm.DATE, table.fontMetrics().horizontalAdvance("2026-11-26") + 16)
        # Room for the comment icon too (a change with comments).
        header.resizeSection(cm.STATUS, table.fontMetrics().horizontalAdvance(Status.NOT_A_PROPOSAL.value) + 36)
        header.moveSection(header.visualIndex(cm.STATUS), 1)  # shown beside the number: never scrolled away
        table.selectionModel().currentRowChanged.connect(self._row_changed)
        return table

    def set_review(self, review: ReviewDocument | None) -> None:
        """Filters reset first, without refiltering: the model reset filters every row once."""
        self._rows_timer.stop()
        self.rows_unsettled = False
        self._unpainted = {}
        self.review = review
        self.filters.populate(review, notify=False)
        self.proxy.set_filter(**self.filters.values(), refilter=False)
        self.model.set_review(review)
        self.update_count()

    def refresh(self, change_ids: list[str]) -> None:
        self.model.refresh(change_ids)
        self.update_count()

    def follow(self, delta) -> None:
        """The review's list changed under an edit (an editing ChangeDelta). Its rows follow when the typist
        pauses (`settle_rows`): a row put into a list of thousands makes Qt's table and proxy work for 40-70 ms,
        longer than a keystroke may take, and even a rewritten row's repaint reads the row's every column and
        role through Python (1.5 ms at each keystroke)."""
        self._unpainted.update((change.id, change) for change in delta.updated)
        if delta.added or delta.removed:
            self.rows_unsettled = True
        if self._unpainted or self.rows_unsettled:
            self._rows_timer.start()

    def settle_rows(self) -> None:
        """Rows for the changes edits rewrote, added or removed since the last pause; the current change
        selected."""
        self._rows_timer.stop()
        rewritten, self._unpainted = list(self._unpainted.values()), {}
        self.model.repaint_changes(rewritten)
        if not self.rows_unsettled or self.review is None:
            return
        self.rows_unsettled = False
        current = self.current_id()
        self._following = True  # Qt moves the current row off rows taken out: not the reader's choice
        try:
            self.model.follow(self.review)
        finally:
            self._following = False
        self.update_count()
        self.rows_settled.emit(current or "")

    def set_comment_counts(self, counts: dict[str, int]) -> None:
        """Which changes have comments; the "has comments" filter is applied again when it is on."""
        self.model.set_comment_counts(counts)
        if self.filters.commented.isChecked():
            self._filter()

    def update_count(self) -> None:
        self.count.setText(decided_text(self.review))

    def _filter(self) -> None:
        self.proxy.set_filter(**self.filters.values())

    # -- current change --------------------------------------------------------------------------

    def clear_current(self) -> None:
        """No row current (the current change is gone), without reporting a change."""
        self.table.selectionModel().clear()

    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(CHANGE_ID_ROLE) if index.isValid() else None

    def select(self, change_id: str | None) -> bool:
        """Make a change the current row, if the filter shows it; no signal for what is already current."""
        row = self.model.row_of(change_id) if change_id else None
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        if index.row() != self.table.currentIndex().row():
            flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def shown_ids(self) -> list[str]:
        return self.proxy.change_ids()

    def neighbour(self, change_id: str | None, step: int) -> str | None:
        """The change shown `step` rows from `change_id` (the first or last shown when it is not shown)."""
        rows = self.proxy.rowCount()
        if rows == 0:
            return None
        row = self.shown_row(change_id)
        row = (0 if step > 0 else rows - 1) if row is None else row + step
        return self.proxy.index(row, 0).data(CHANGE_ID_ROLE) if 0 <= row < rows else None

    def next_pending(self, change_id: str | None, step: int, was_at: int | None = None) -> str | None:
        """The first pending change shown `step`-wards from `change_id` (from the first or last row when it is
        None). `was_at`: the row it had, should the filter hide it now (a decided change under a pending filter)."""
        rows = self.proxy.rowCount()
        row = self.shown_row(change_id)
        if row is not None:
            row += step
        elif change_id is not None and was_at is not None:
            row = was_at if step > 0 else was_at - 1  # the rows after it moved up into its place
        else:
            row = 0 if step > 0 else rows - 1
        while 0 <= row < rows:
            found = self.proxy.index(row, 0).data(CHANGE_ID_ROLE)
            if self.review.change(found).status == Status.PENDING:
                return found
            row += step
        return None

    def pending_shown(self) -> list[str]:
        return [i for i in self.shown_ids() if self.review.change(i).status == Status.PENDING]

    def shown_row(self, change_id: str | None) -> int | None:
        source_row = self.model.row_of(change_id) if change_id else None
        if source_row is None:
            return None
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        return index.row() if index.isValid() else None

    def _row_changed(self, current, _previous) -> None:
        if current.isValid() and not self._following:
            self.current_changed.emit(current.data(CHANGE_ID_ROLE))
