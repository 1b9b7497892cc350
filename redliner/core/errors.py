"""Errors the engine raises at its edges; each message is one line a reviewer can act on."""


class RedlinerError(Exception):
    """Base of every error the engine reports to a user: str() is always one line."""

    def __str__(self) -> str:
        return " ".join(super().__str__().split())


class NotADocxError(RedlinerError):
    """The file is not a Word .docx package (text, PDF, image, legacy .doc...)."""


class EncryptedDocumentError(RedlinerError):
    """The file is a password-protected Office document."""


class DamagedDocumentError(RedlinerError):
    """The file is a .docx package, but a part of it cannot be read."""


class UnsupportedDocumentError(RedlinerError):
    """The file is readable but uses something Redliner refuses to handle (size, DTDs...)."""


class UnknownChangeError(RedlinerError):
    """A change id asked for does not exist in the document."""


class OutputError(RedlinerError):
    """The output cannot be written where asked (same as input, permissions, disk full)."""


class StaleReviewError(RedlinerError):
    """A saved review state no longer matches its document (the file changed, moved or vanished)."""
