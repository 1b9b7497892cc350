"""The change list: a table model over the review's changes, and the filter in front of it."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from redliner.core import Change, ReviewDocument, Status

COLUMNS = ("#", "Kind", "Author", "Date", "Change", "Section", "Status")
NUMBER, KIND, AUTHOR, DATE, TEXT, SECTION, STATUS = range(len(COLUMNS))
CHANGE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
SNIPPET_LIMIT = 90
STATUS_COLOURS = {Status.ACCEPTED: "#1B7F3A", Status.REJECTED: "#B3261E", Status.SKIPPED: "#8C6D00",
                  Status.NOT_A_PROPOSAL: "#5B4E9A"}
CONFLICT_COLOUR = "#C2410C"  # the text of a change in conflict with another reviewer's
ANY = ""  # the filter value that matches everything
SERVED_ROLES = frozenset((Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
                          Qt.ItemDataRole.DecorationRole, CHANGE_ID_ROLE, SORT_ROLE))
ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def snippet(change: Change) -> str:
    text = change.text
    return text if len(text) <= SNIPPET_LIMIT else text[: SNIPPET_LIMIT - 1] + "…"


def conflict_note(change: Change) -> str:
    """'conflicts with #3' ('' for a change in no conflict)."""
    if not change.conflicts_with:
        return ""
    return "conflicts with " + ", ".join(f"#{other}" for other in change.conflicts_with)


def change_cell(change: Change) -> str:
    note = conflict_note(change)
    return f"[{note}] {snippet(change)}" if note else snippet(change)  # the note first: never elided


def change_tooltip(change: Change) -> str:
    note = conflict_note(change)
    if not note:
        return change.text
    others = ", ".join(f"#{other}" for other in change.conflicts_with)
    return f"{change.text}\n{note[0].upper()}{note[1:]}: accepting this change rejects {others}."


_conflict_icon: QIcon | None = None


def conflict_icon() -> QIcon:
    global _conflict_icon
    if _conflict_icon is None:
        _conflict_icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    return _conflict_icon


_comment_icon: QIcon | None = None


def comment_icon() -> QIcon:
    """A speech balloon, drawn once (no icon theme offers one everywhere)."""
    global _comment_icon
    if _comment_icon is None:
        from .comment_icon import balloon_icon

        _comment_icon = balloon_icon()
    return _comment_icon


def short_date(date: str) -> str:
    """'2026-11-26T04:29:25Z' -> '2026-11-26' (the time is in the tooltip)."""
    return date[:10]


def full_date(date: str) -> str:
    """'2026-11-26T04:29:25Z' -> '2026-11-26 04:29:25 UTC'."""
    text = date.replace("T", " ")
    return text[:-1] + " UTC" if text.endswith("Z") else text


class ChangeTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._changes: list[Change] = []
        self._row_of: dict[str, int] = {}
        self.comment_counts: dict[str, int] = {}  # change id -> comments on it (set by the comments pane)

    def set_review(self, review: ReviewDocument | None) -> None:
        self.beginResetModel()
        self._changes = list(review.changes) if review else []
        self._index_rows()
        self.endResetModel()

    # -- Qt overrides ----------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self._changes)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        # Views ask for a dozen roles per cell on every repaint: answer the ones not served first and fast.
        if role not in SERVED_ROLES or not index.isValid() or not 0 <= index.row() < len(self._changes):
            return None
        change = self._changes[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(change, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == TEXT:
                comments = self.comment_counts.get(change.id)
                return change_tooltip(change) + (f"\n{comments} comment{'s' if comments > 1 else ''}"
                                                 if comments else "")
            if index.column() == KIND:
                return f"{change.kind.value} ({change.source.value})"
            if index.column() == STATUS and self.comment_counts.get(change.id):
                count = self.comment_counts[change.id]
                return f"{change.status.value}; {count} comment{'s' if count > 1 else ''} (see the detail pane)"
            return full_date(change.date) if index.column() == DATE else None
        if role == CHANGE_ID_ROLE:
            return change.id
        if role == SORT_ROLE:
            return int(change.id) if index.column() == NUMBER else self._display(change, index.column())
        if role == Qt.ItemDataRole.DecorationRole:
            if index.column() == STATUS:  # beside the number, never scrolled away
                return comment_icon() if self.comment_counts.get(change.id) else None
            return conflict_icon() if change.conflicts_with and index.column() == NUMBER else None
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == STATUS:
            colour = STATUS_COLOURS.get(change.status)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == TEXT and change.conflicts_with:
            return QBrush(QColor(CONFLICT_COLOUR))
        return None

    def flags(self, index):
        return ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    # -- for the window --------------------------------------------------------------------------

    def change(self, row: int) -> Change:
        return self._changes[row]

    def row_of(self, change_id: str) -> int | None:
        return self._row_of.get(change_id)

    def changes(self) -> list[Change]:
        return list(self._changes)

    def set_comment_counts(self, counts: dict[str, int]) -> None:
        """Which changes have comments: the rows whose icon comes or goes are repainted."""
        touched = {i for i in set(counts) | set(self.comment_counts) if counts.get(i) != self.comment_counts.get(i)}
        self.comment_counts = dict(counts)
        rows = sorted(self._row_of[i] for i in touched if i in self._row_of)
        for first, last in _runs(rows):
            self.dataChanged.emit(self.index(first, min(TEXT, STATUS)), self.index(last, max(TEXT, STATUS)),
                                  [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole])

    def refresh(self, change_ids: Iterable[str]) -> None:
        """Statuses changed: tell the views, one contiguous run of rows at a time.

        Only the Status column is reported: a proxy sorted on another column then re-checks the filter of
        those rows without re-sorting thousands of them (a decision must repaint within a frame)."""
        rows = sorted(self._row_of[i] for i in change_ids if i in self._row_of)
        roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, SORT_ROLE]
        for first, last in _runs(rows):
            self.dataChanged.emit(self.index(first, STATUS), self.index(last, STATUS), roles)

    def repaint_changes(self, changes) -> None:
        """Changes whose text or kind an edit rewrote: their rows repainted (nothing else of a row changes)."""
        updated = sorted(self._row_of[c.id] for c in changes if c.id in self._row_of)
        roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, SORT_ROLE]
        for first, last in _runs(updated):
            self.dataChanged.emit(self.index(first, KIND), self.index(last, TEXT), roles)

    def follow(self, review: ReviewDocument) -> None:
        """Edits added or removed changes: rows taken out and put in where the review's list has them now (no
        reset: the current row and the filter stay)."""
        wanted = review.changes
        keep = {id(c) for c in wanted}
        # _row_of is made again before each end*Rows: views react to those signals and look rows up.
        for row in range(len(self._changes) - 1, -1, -1):
            if id(self._changes[row]) not in keep:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._changes[row]
                self._index_rows()
                self.endRemoveRows()
        have = {id(c) for c in self._changes}
        for row, change in enumerate(wanted):
            if id(change) not in have:
                self.beginInsertRows(QModelIndex(), row, row)
                self._changes.insert(row, change)
                self._index_rows()
                self.endInsertRows()

    def _index_rows(self) -> None:
        self._row_of = {c.id: row for row, c in enumerate(self._changes)}

    @staticmethod
    def _display(change: Change, column: int) -> str:
        if column == NUMBER:
            return change.id
        if column == KIND:
            return change.kind.value
        if column == AUTHOR:
            return change.author
        if column == DATE:
            return short_date(change.date)
        if column == TEXT:
            return change_cell(change)
        if column == SECTION:
            return change.location.heading
        return change.status.value


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


class ChangeFilterModel(QSortFilterProxyModel):
    """Author, kind and status (exact, or ANY) and a text that must appear in the change or its section.

    Unsorted (sort column -1) it shows the model's own order, which is document order: no sorting cost on
    opening a draft with thousands of changes. Sorting by a column compares SORT_ROLE values in C++.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.author = self.kind = self.status = self.text = ANY
        self.commented = False  # only the changes a comment covers
        self.setSortRole(SORT_ROLE)

    def set_filter(self, author: str = ANY, kind: str = ANY, status: str = ANY, text: str = ANY,
                   refilter: bool = True, commented: bool = False) -> None:
        """New filter values; refilter=False when the source model is about to be reset anyway."""
        if not refilter:
            self.author, self.kind, self.status, self.text = author, kind, status, text.strip().casefold()
            self.commented = commented
            return
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9; invalidateRowsFilter is deprecated there
            self.beginFilterChange()
        self.author, self.kind, self.status, self.text = author, kind, status, text.strip().casefold()
        self.commented = commented
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        model = self.sourceModel()
        if source_parent.isValid() or not isinstance(model, ChangeTableModel):
            return False
        change = model.change(source_row)
        return (
            self.author in (ANY, change.author)
            and self.kind in (ANY, change.kind.value)
            and self.status in (ANY, change.status.value)
            and (not self.text or self.text in _searchable(change))
            and (not self.commented or bool(model.comment_counts.get(change.id)))
        )

    def change_ids(self) -> list[str]:
        """Ids of the rows shown, in the order shown."""
        return [self.index(row, 0).data(CHANGE_ID_ROLE) for row in range(self.rowCount())]


def _searchable(change: Change) -> str:
    return (f"{change.text}\n{change.inserted}\n{change.deleted}\n{change.location.heading}\n"
            f"{conflict_note(change)}").casefold()
