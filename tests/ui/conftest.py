"""GUI test fixtures: settings in tmp_path, no real modal dialog ever, a main window on a copy of a sample."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from redliner.ui import locking, recovery
from redliner.ui import settings as settings_module
from tests.conftest import CORPUS
from tests.docx_factory import make_docx


@pytest.fixture(autouse=True)
def settings_paths(tmp_path, monkeypatch):
    """Every Settings.load() in a test reads and writes under tmp_path, never the user's real files."""
    config, state = tmp_path / "config" / "settings.json", tmp_path / "state" / "state.json"
    monkeypatch.setattr(settings_module, "default_config_path", lambda: config)
    monkeypatch.setattr(settings_module, "default_state_path", lambda: state)
    return config, state


@pytest.fixture(autouse=True)
def autosave_folder(tmp_path, monkeypatch):
    """Autosaves of crash recovery go to tmp_path, never to the user's state folder."""
    folder = tmp_path / "autosave"
    monkeypatch.setattr(recovery, "autosave_folder", lambda: folder)
    return folder


@pytest.fixture(autouse=True)
def no_locks_in_the_corpus(monkeypatch):
    """Tests that open a sample straight from ../shared/corpus write no lock file there: other test runs
    share that folder and would see the draft as held by this Redliner."""
    make_lock = locking.lock_for

    def lock_for(path, user):
        lock = make_lock(path, user)
        if Path(CORPUS).resolve() in Path(path).resolve().parents:
            lock.acquire = list  # nobody holds it; no lock written (held stays False)
        return lock

    monkeypatch.setattr(locking, "lock_for", lock_for)


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch):
    """A modal dialog nobody patched would block offscreen forever: fail the test instead."""

    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected modal dialog: {args[1:3] if len(args) > 2 else args}")

    for name in ("critical", "warning", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, name, unexpected)
    monkeypatch.setattr(QMessageBox, "exec", unexpected)
    monkeypatch.setattr(QDialog, "exec", unexpected)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", unexpected)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", unexpected)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", unexpected)


def copy_sample(samples, tmp_path, sample: str, name: str):
    """A copy of a corpus sample in tmp_path/drafts, so saved copies land beside it and not in the corpus."""
    target = tmp_path / "drafts" / name
    target.parent.mkdir(exist_ok=True)
    shutil.copy(samples / sample, target)
    return target


def new_window(qtbot, monkeypatch):
    """A shown main window with the settings the autouse fixture put in tmp_path."""
    from redliner.ui import dialogs
    from redliner.ui.settings import Settings
    from redliner.ui.window import MainWindow

    # pytest-qt closes widgets before fixtures are torn down: answer "discard" to the unsaved question then.
    # Tests about that question patch it themselves.
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda parent, name: dialogs.DISCARD)
    monkeypatch.setattr(dialogs, "ask_unsaved_result", lambda parent, kind, name: dialogs.DISCARD)
    main = MainWindow(Settings.load())
    qtbot.addWidget(main)
    main.show()
    return main


@pytest.fixture
def draft(samples, tmp_path):
    return copy_sample(samples, tmp_path, "sop-draft.pandoc.docx", "sop-draft.docx")


@pytest.fixture
def window(qtbot, monkeypatch):
    main = new_window(qtbot, monkeypatch)
    yield main
    main.runner.wait()


def open_and_wait(qtbot, window, path) -> None:
    assert window.open_file(path)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)


def answer_clean_copy(monkeypatch, button: str, toggle: tuple[str, ...] = ()) -> list[dict]:
    """Save Clean Copy's dialog, shown, gets the boxes whose labels start with one of `toggle` pressed with the
    space bar, then `button` clicked. Returns what each dialog offered: its question, its boxes (label -> ticked
    as offered) and its buttons."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton

    from redliner.ui.clean_copy_dialog import CleanCopyDialog

    offered = []

    def exec_(dialog):
        dialog.show()
        QTest.qWaitForWindowExposed(dialog)
        boxes = dialog.findChildren(QCheckBox)
        buttons = {b.text().replace("&", ""): b for b in dialog.findChildren(QPushButton)}
        offered.append({"text": dialog.findChild(QLabel).text(), "boxes": {b.text(): b.isChecked() for b in boxes},
                        "buttons": sorted(buttons)})
        for box in boxes:
            if box.text().startswith(toggle):
                QTest.keyClick(box, Qt.Key.Key_Space)
        QTest.mouseClick(buttons[button], Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(CleanCopyDialog, "exec", exec_)
    return offered


EDITOR = "Rita Reviewer"  # the reviewer name the `editing` fixture sets


@pytest.fixture
def editing(qtbot, window, tmp_path):
    """A window in Edit mode on a small draft: (window, open(body) -> path)."""
    from redliner.ui.document_view import SETTLE_MS

    window.settings.preferences.reviewer_name = EDITOR
    window._update_title()

    def open_body(body: str):
        path = make_docx(tmp_path, body, name="draft.docx")
        open_and_wait(qtbot, window, path)
        if not window.action_set.edit_mode.isChecked():
            qtbot.keyClick(window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
            qtbot.wait(3 * SETTLE_MS)
        window.view.setFocus()
        return path

    return window, open_body


class PaintSpy(QObject):
    """The regions the viewport is asked to paint."""

    def __init__(self, widget):
        super().__init__(widget)
        self.regions: list[QRect] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.regions.append(event.region().boundingRect())
        return False
