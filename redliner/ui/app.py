"""`redliner [FILE]`: start the desktop app, optionally on a draft."""

from __future__ import annotations

import sys

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from redliner.resources import ICON

from .settings import Settings
from .window import MainWindow


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Redliner")
    app.setOrganizationName("Redliner")
    app.setDesktopFileName("redliner")
    if ICON.is_file():
        app.setWindowIcon(QIcon(str(ICON)))
    return app


def run(path: str | None = None, settings: Settings | None = None) -> int:
    app = application()
    window = MainWindow(settings or Settings.load())
    window.show()
    restoring = window.recovery.offer_at_startup()  # after a crash: the reviews autosaved meanwhile
    if path and not restoring:
        window.open_file(path)
    return app.exec()
