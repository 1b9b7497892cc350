"""Right-click in the document: on a change, the same Accept / Reject / Skip / Reset as the list's menu (the
window's own QActions, so labels and keys stay one), Not a Proposal on marked text, then the text edit's Copy
and Select All."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from redliner.core import ChangeSource


def install(window) -> None:
    view = window.view
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.customContextMenuRequested.connect(partial(show_menu, window))
    window.document_menu = None


def change_at(view, point) -> str | None:
    """The change under a point of the view's viewport (None off any change)."""
    if view.rendered is None:
        return None
    return view.rendered.change_at(view.cursorForPosition(point).position())


def document_menu(window, point) -> QMenu:
    view = window.view
    menu = view.createStandardContextMenu(point)
    change_id = change_at(view, point)
    if change_id is not None and window.review is not None:
        window._cursor_on_change(change_id)  # the actions work on the change clicked; the page stays still
        a = window.action_set
        first = menu.actions()[0] if menu.actions() else None
        window.proposal_actions.update()  # Not a Proposal follows the change just made current
        marked = window.review.change(change_id).source == ChangeSource.MARKER
        for action in (a.accept, a.reject, a.set_aside, *([a.not_a_proposal] if marked else []), a.reset):
            menu.insertAction(first, action)
        menu.insertSeparator(first)
    return menu


def show_menu(window, point) -> None:
    if window.document_menu is not None:
        window.document_menu.deleteLater()
    menu = document_menu(window, point)
    window.document_menu = menu  # kept for tests and for deleting once replaced
    menu.popup(window.view.viewport().mapToGlobal(point))
