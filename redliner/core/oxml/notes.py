"""The marks Word shows for footnote and endnote references: running numbers, not the notes' ids.

Word numbers notes in the order their references stand in the document: footnotes 1, 2, 3..., endnotes
i, ii, iii..., unless the document's settings give another format or first number (w:footnotePr and
w:endnotePr in settings.xml; a section's own w:footnotePr is not read). A reference marked
w:customMarkFollows shows no number: the run after it holds the mark the author typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from redliner.core.oxml.ns import w
from redliner.core.oxml.numbering import format_number
from redliner.core.oxml.wordml import W_VAL

FOOTNOTE_REFERENCE, ENDNOTE_REFERENCE = w("footnoteReference"), w("endnoteReference")
_SETTINGS = {FOOTNOTE_REFERENCE: w("footnotePr"), ENDNOTE_REFERENCE: w("endnotePr")}
_CUSTOM_MARK = w("customMarkFollows")
_DEFAULT_FORMATS = {FOOTNOTE_REFERENCE: "decimal", ENDNOTE_REFERENCE: "lowerRoman"}


@dataclass(frozen=True)
class NoteStyle:
    number_format: str
    start: int


class NoteMarks:
    def __init__(self, styles: dict[str, NoteStyle] | None = None):
        self.styles = {tag: NoteStyle(fmt, 1) for tag, fmt in _DEFAULT_FORMATS.items()}
        self.styles.update(styles or {})

    @classmethod
    def from_settings(cls, settings) -> NoteMarks:
        """The numbering settings.xml (its root, or None) gives notes."""
        styles = {}
        for tag, properties_tag in _SETTINGS.items():
            properties = settings.find(properties_tag) if settings is not None else None
            if properties is None:
                continue
            number_format = properties.find(w("numFmt"))
            start = properties.find(w("numStart"))
            styles[tag] = NoteStyle(
                number_format.get(W_VAL, _DEFAULT_FORMATS[tag]) if number_format is not None else _DEFAULT_FORMATS[tag],
                _positive(start.get(W_VAL) if start is not None else None))
        return cls(styles)

    def marks(self, story) -> dict:
        """Reference element -> the mark it shows, for every note reference in the story, in document order."""
        found: dict = {}
        counts = dict.fromkeys(_SETTINGS, 0)
        for reference in story.iter(FOOTNOTE_REFERENCE, ENDNOTE_REFERENCE):
            if reference.get(_CUSTOM_MARK, "0").lower() in ("1", "true", "on"):
                found[reference] = ""
                continue
            style = self.styles[reference.tag]
            found[reference] = format_number(style.start + counts[reference.tag], style.number_format)
            counts[reference.tag] += 1
        return found


def _positive(value: str | None) -> int:
    return int(value) if value and value.isdigit() and int(value) > 0 else 1
