"""The desktop app (PySide6): draws and edits a review through redliner.core."""

from .pyside_fix import keep_none_alive

keep_none_alive()  # before any Qt call: see pyside_fix.py
