"""Where the bundled resources live (icons, the .desktop file, the sample SOP draft)."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
ICON = RESOURCES / "icons" / "redliner.svg"
SAMPLE_DRAFT = RESOURCES / "samples" / "sop-draft.pandoc.docx"
DESKTOP_FILE = RESOURCES / "redliner.desktop"
