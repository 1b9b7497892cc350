"""The desktop app (PySide6): draws and edits a review through redliner.core."""
