"""Settings: reviewer name and initials, marker rules, what a comparison reports, author colours."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from redliner.core import parse_rules

from .colours import author_colours
from .settings import MARKER_ASK, MARKER_NO, MARKER_YES, Preferences, initials_of

# The remembered answer to the marker question ("Treat italic text as proposed insertions?").
MARKER_ANSWERS = ((MARKER_ASK, "Ask for each draft"), (MARKER_YES, "Always read them as proposals"),
                  (MARKER_NO, "Never: leave the text as it is"))


class SettingsDialog(QDialog):
    def __init__(self, preferences: Preferences, authors: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.name = QLineEdit(preferences.reviewer_name, self)
        self.initials = QLineEdit(preferences.reviewer_initials, self)
        self.rules = QLineEdit(preferences.marker_rules, self)
        self.rules.setPlaceholderText("italic, underline, strike, color:RRGGBB, highlight")
        self.rules.setToolTip("Formatting that marks proposed wording in drafts without tracked changes")
        self.rules_error = QLabel(self)
        self.rules_error.setStyleSheet("color: #B3261E")
        self.marker_answer = QComboBox(self)
        for value, text in MARKER_ANSWERS:
            self.marker_answer.addItem(text, value)
        self.marker_answer.setCurrentIndex(max(0, self.marker_answer.findData(preferences.marker_answer)))
        self.marker_answer.setToolTip("What to do when a draft without tracked changes has text the marker "
                                      "rules match (Review → Read Proposals… reads them at any time)")
        self.formatting = QCheckBox("Compare with Base also reports &formatting changes", self)
        self.formatting.setToolTip("Text whose bold, italics, font... changed, and paragraphs whose style, "
                                   "alignment or indents changed, become changes too")
        self.formatting.setChecked(preferences.compare_formatting)
        self.overrides = dict(preferences.author_colours)
        self.colours = self._colour_table(sorted(set(authors) | set(self.overrides)))
        form = QFormLayout()
        form.addRow("Reviewer &name:", self.name)
        form.addRow("&Initials:", self.initials)
        form.addRow("&Marker rules:", self.rules)
        form.addRow("", self.rules_error)
        form.addRow("Marked &text:", self.marker_answer)
        form.addRow("", self.formatting)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.rules.textChanged.connect(self._check_rules)
        # Initials made from the name follow it; once typed by hand (other than the name's), they stay.
        self._initials_follow = preferences.reviewer_initials in ("", initials_of(preferences.reviewer_name))
        self.initials.textEdited.connect(self._initials_edited)
        self.name.textChanged.connect(self._name_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Author colours (click a colour to change it):", self))
        layout.addWidget(self.colours)
        layout.addWidget(self.buttons)

    def _colour_table(self, authors: list[str]) -> QTableWidget:
        table = QTableWidget(len(authors), 2, self)
        table.setHorizontalHeaderLabels(["Author", "Colour"])
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        self.shown = author_colours(authors, self.overrides)  # as the review shows them
        for row, author in enumerate(authors):
            table.setItem(row, 0, QTableWidgetItem(author))
            button = QPushButton(self)
            self._paint(button, self.shown[author])
            button.clicked.connect(lambda _=False, a=author, b=button: self._pick(a, b))
            table.setCellWidget(row, 1, button)
        return table

    @staticmethod
    def _paint(button: QPushButton, colour: QColor) -> None:
        button.setText(colour.name())
        button.setStyleSheet(f"color: {colour.name()}; font-weight: bold")

    def _pick(self, author: str, button: QPushButton) -> None:
        colour = QColorDialog.getColor(self.shown[author], self, f"Colour for {author}")
        if colour.isValid():
            self.overrides[author] = colour.name()
            self.shown[author] = colour
            self._paint(button, colour)

    def _initials_edited(self, text: str) -> None:
        self._initials_follow = text.strip() in ("", initials_of(self.name.text()))

    def _name_changed(self, text: str) -> None:
        if self._initials_follow:
            self.initials.setText(initials_of(text))

    def _check_rules(self, text: str) -> None:
        try:
            parse_rules(text)
        except ValueError as exc:
            self.rules_error.setText(str(exc))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        else:
            self.rules_error.clear()
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)

    def apply_to(self, preferences: Preferences) -> None:
        preferences.reviewer_name = self.name.text().strip()
        preferences.reviewer_initials = self.initials.text().strip() or initials_of(preferences.reviewer_name)
        preferences.marker_rules = self.rules.text().strip()
        preferences.marker_answer = self.marker_answer.currentData()
        preferences.author_colours = dict(self.overrides)
        preferences.compare_formatting = self.formatting.isChecked()
