"""What the change list says about its filter: "4 shown of 13" while one is on, "No changes match" over an
emptied list, and columns as wide as what they hold (the "#" column room for four digits and the conflict
icon)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStyle

from redliner.core import Status

from . import change_model as cm

FIT_COLUMNS = {cm.KIND: 160, cm.AUTHOR: 180, cm.SECTION: 220, cm.STATUS: 120}  # column -> most it takes
PADDING = 18  # a cell's margins and the header's sort arrow


class ListFeedback:
    def __init__(self, changes):
        self.changes = changes
        self.shown = QLabel(changes)
        self.shown.setObjectName("shownCount")
        self.shown.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # The decided count and this one share the row under the table.
        layout = changes.layout()
        layout.removeWidget(changes.count)
        row = QHBoxLayout()
        row.addWidget(changes.count, 1)
        row.addWidget(self.shown)
        layout.addLayout(row)
        self.empty = QLabel("No changes match", changes.table.viewport())
        self.empty.setObjectName("noChangesMatch")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #666; font-style: italic")
        self.empty.hide()
        proxy = changes.proxy
        for signal in (proxy.rowsInserted, proxy.rowsRemoved, proxy.modelReset, proxy.layoutChanged):
            signal.connect(self.update)
        changes.model.modelReset.connect(self.fit_columns)
        self.filler = FillViewport(self.empty)
        changes.table.viewport().installEventFilter(self.filler)
        self.fit_columns()
        self.update()

    def update(self, *_args) -> None:
        total, shown = self.changes.model.rowCount(), self.changes.proxy.rowCount()
        filtering = shown != total or self._filter_on()
        self.shown.setText(f"{shown} shown of {total}" if filtering and total else "")
        self.empty.setText("No changes match" if total else
                           ("No changes in this draft" if self.changes.review is not None else ""))
        self.empty.setVisible(shown == 0 and bool(self.empty.text()))
        self.empty.resize(self.changes.table.viewport().size())

    def _filter_on(self) -> bool:
        return any(self.changes.filters.values().values())

    def fit_columns(self) -> None:
        """Each short column as wide as its widest value (read once per review: not ResizeToContents,
        which would read every row on every layout)."""
        table, changes = self.changes.table, self.changes.model.changes()
        header, metrics = table.horizontalHeader(), table.fontMetrics()
        icon = table.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        digits = max([4, *(len(c.id) for c in changes)])
        header.resizeSection(cm.NUMBER, metrics.horizontalAdvance("9" * digits) + icon + 4 + PADDING)
        values = {cm.KIND: [c.kind.value for c in changes], cm.AUTHOR: [c.author for c in changes],
                  cm.SECTION: [c.location.heading for c in changes], cm.STATUS: [s.value for s in Status]}
        for column, texts in values.items():
            title = cm.COLUMNS[column]
            wanted = max(metrics.horizontalAdvance(t) for t in {*texts, title}) + PADDING
            header.resizeSection(column, min(wanted, FIT_COLUMNS[column]))
        table.fit_change_column()


class FillViewport(QObject):
    """Keeps a label as large as the viewport it sits on."""

    def __init__(self, label: QLabel):
        super().__init__(label)
        self.label = label

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.label.resize(watched.size())
        return False
