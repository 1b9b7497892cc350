"""The review engine: no Qt here. Read a .docx into changes, decide them, write clean or marked-up copies."""

from redliner.core.errors import (
    DamagedDocumentError,
    EncryptedDocumentError,
    NotADocxError,
    OutputError,
    RedlinerError,
    UnknownChangeError,
    UnsupportedDocumentError,
)
from redliner.core.review.document import ReviewDocument
from redliner.core.review.markers import MarkerRule, parse_rules
from redliner.core.review.model import Change, ChangeKind, ChangeSource, Decision, Status
from redliner.core.review.writers import write_clean, write_marked_up

__all__ = [
    "Change", "ChangeKind", "ChangeSource", "DamagedDocumentError", "Decision", "EncryptedDocumentError",
    "MarkerRule", "NotADocxError", "OutputError", "RedlinerError", "ReviewDocument", "Status",
    "UnknownChangeError", "UnsupportedDocumentError", "parse_rules", "write_clean", "write_marked_up",
]
