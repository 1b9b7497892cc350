from pathlib import Path

from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow

from redliner.ui.actions import SPECS, Actions, shortcut_table
from redliner.ui.dialogs import ShortcutsDialog

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_lists_every_shortcut():
    keyboard = README.read_text(encoding="utf-8").split("## Keyboard", 1)[1].split("\n## ", 1)[0]
    for command, keys in shortcut_table():
        cells = " or ".join(f"`{k}`" for k in keys.split(" or "))
        assert f"| {command} | {cells} |" in keyboard


def test_help_dialog_lists_every_shortcut(qtbot):
    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    rows = [(dialog.table.item(r, 0).text(), dialog.table.item(r, 1).text())
            for r in range(dialog.table.rowCount())]
    assert rows == shortcut_table()


def test_no_key_is_bound_twice(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    actions = Actions(window, QUndoStack(window))
    every = [actions[name] for name in SPECS] + [actions.undo, actions.redo]
    keys = [k.toString() for action in every for k in action.shortcuts()]
    assert len(keys) == len(set(keys))
    assert QKeySequence("N") in actions.next.shortcuts()
    assert actions.markup.isChecked() and not actions.final.isChecked()
    actions.final.trigger()
    assert not actions.markup.isChecked()  # the three views exclude each other


def test_menus_and_list_menu_hold_the_review_actions(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    actions = Actions(window, QUndoStack(window))
    actions.fill_menus(window)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&Review", "&Comments", "&View", "&Help"]
    menu = actions.list_menu(window)
    assert actions.accept_shown in menu.actions() and actions.set_aside in menu.actions()


def test_no_access_key_is_used_twice_in_a_menu(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    Actions(window, QUndoStack(window)).fill_menus(window)
    menus = [a.menu() for a in window.menuBar().actions()]
    assert len(menus) == 6
    for menu in menus:
        keys = [text.replace("&&", "").split("&", 1)[1][0].lower()
                for text in (a.text() for a in menu.actions()) if "&" in text.replace("&&", "")]
        assert len(keys) == len(set(keys)), (menu.title(), keys)
