"""The marker question, asked without blocking: a bar above the document, not a dialog."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from .opening import describe_rules


class MarkerBar(QFrame):
    """'This draft marks proposed wording in italics. Treat italic text as proposed insertions?'

    Proposals are their drafter's: "Proposals by:" offers the draft's last author, for the reviewer to name
    the real drafter (the draft may have been saved last by someone else).
    """

    answered = Signal(bool, bool)  # (treat as proposals, remember the answer)
    settings_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("markerBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#markerBar { background: #FFF4CE; border: 1px solid #E0C060; border-radius: 3px; }")
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.drafter_label = QLabel("Proposals by:", self)
        self.drafter = QLineEdit(self)
        self.drafter.setPlaceholderText("Unknown")
        self.drafter.setToolTip("Who drafted the proposals: their tracked changes in the marked-up copy carry it")
        self.drafter.setMaximumWidth(180)
        self.drafter_label.setBuddy(self.drafter)
        self.remember = QCheckBox("Remember my answer", self)
        self.yes_button = QPushButton("&Yes", self)
        self.no_button = QPushButton("N&o", self)
        self.settings_button = QPushButton("Settings…", self)
        # Two rows: the question over the answers, so that the question has the bar's whole width and the bar
        # stays two lines high in a narrow window.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(2)
        layout.addWidget(self.question)
        answers = QHBoxLayout()
        for widget in (self.drafter_label, self.drafter):
            answers.addWidget(widget)
        answers.addStretch(1)
        for widget in (self.remember, self.yes_button, self.no_button, self.settings_button):
            answers.addWidget(widget)
        layout.addLayout(answers)
        self.yes_button.clicked.connect(lambda: self._answer(True))
        self.no_button.clicked.connect(lambda: self._answer(False))
        self.settings_button.clicked.connect(self.settings_requested)
        self.hide()

    def ask(self, marker_rules: str, count: int, drafter: str = "") -> None:
        """`drafter`: the draft's last author, offered as the proposals' drafter ('' shows "Unknown")."""
        how = describe_rules(marker_rules)
        self.question.setText(
            f"This draft marks proposed wording {how}. Treat {_adjective(marker_rules)} text as proposed "
            f"{_proposal_kind(marker_rules)}? ({count} passage{'s' if count != 1 else ''} found)")
        self.remember.setChecked(False)
        self.drafter.setText(drafter)
        self.show()

    def drafter_name(self) -> str:
        return self.drafter.text().strip()

    def _answer(self, treat_as_proposals: bool) -> None:
        self.hide()
        self.answered.emit(treat_as_proposals, self.remember.isChecked())


def _proposal_kind(marker_rules: str) -> str:
    """Struck-through text proposes deletions; every other marker, insertions."""
    strike = ["strike" in rule.lower() for rule in marker_rules.split(",") if rule.strip()]
    return "deletions" if strike and all(strike) else "changes" if any(strike) else "insertions"


def _adjective(marker_rules: str) -> str:
    first = marker_rules.split(",")[0].strip().lower()
    return {"strike": "struck-through", "color": "coloured", "highlight": "highlighted"}.get(
        first.partition(":")[0], first or "marked")
