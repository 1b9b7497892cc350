"""The test helpers that build documents do what the tests rely on."""

from __future__ import annotations

from tests.docx_factory import with_last_modified_by


def test_edited_copy_names_its_reviewer_once_even_over_an_empty_tag():
    empty = b"<cp:coreProperties><cp:lastModifiedBy></cp:lastModifiedBy></cp:coreProperties>"
    missing = b"<cp:coreProperties><dc:creator>A</dc:creator></cp:coreProperties>"
    for core in (empty, missing):
        named = with_last_modified_by(core, "Sam Okafor")
        assert named.count(b"<cp:lastModifiedBy>") == 1 and b"<cp:lastModifiedBy>Sam Okafor<" in named
