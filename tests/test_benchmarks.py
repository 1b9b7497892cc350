"""The benchmark's inputs: generated SOP drafts hold the changes the generator says, as the engine reads them."""

from __future__ import annotations

import zipfile
from collections import Counter

import pytest

from benchmarks.generate import PARAGRAPHS_PER_PAGE, generate
from redliner.core import ChangeSource, ReviewDocument, parse_rules


def _kinds(document: ReviewDocument) -> Counter:
    return Counter(change.kind.value for change in document.changes)


def test_tracked_variant_has_the_planned_changes_of_every_kind(tmp_path):
    made = generate(tmp_path / "tracked.docx", pages=8, variant="tracked", seed=7)
    document = ReviewDocument.open(made.path)
    assert _kinds(document) == made.expected
    assert set(made.expected) == {"insertion", "deletion", "replacement", "format", "paragraph-mark"}
    assert {c.source for c in document.changes} == {ChangeSource.TRACKED}
    assert len({c.author for c in document.changes}) >= 2
    assert document.warnings == []


def test_italic_variant_has_one_marker_insertion_per_planned_proposal(tmp_path):
    made = generate(tmp_path / "italic.docx", pages=3, variant="italic", seed=7)
    document = ReviewDocument.open(made.path, parse_rules("italic"))
    assert _kinds(document) == made.expected == Counter(insertion=made.changes)
    assert {c.source for c in document.changes} == {ChangeSource.MARKER}


@pytest.mark.parametrize("variant", ["tracked", "italic"])
def test_about_one_change_every_three_paragraphs_and_the_page_size_holds(tmp_path, variant):
    made = generate(tmp_path / "doc.docx", pages=5, variant=variant)
    assert 5 * PARAGRAPHS_PER_PAGE <= made.paragraphs < 5 * PARAGRAPHS_PER_PAGE + 20
    assert made.paragraphs / 3.3 <= made.changes <= made.paragraphs / 2.7
    with zipfile.ZipFile(made.path) as archive:
        assert len(archive.read("word/document.xml")) == made.document_xml_bytes
        assert {"word/styles.xml", "word/numbering.xml", "word/header1.xml"} <= set(archive.namelist())


def test_generation_is_deterministic(tmp_path):
    first = generate(tmp_path / "a.docx", pages=2, variant="tracked", seed=3)
    second = generate(tmp_path / "b.docx", pages=2, variant="tracked", seed=3)
    assert first.path.read_bytes() == second.path.read_bytes()


def test_headings_and_lists_are_what_the_styles_say(tmp_path):
    made = generate(tmp_path / "doc.docx", pages=2, variant="tracked")
    document = ReviewDocument.open(made.path)
    assert document.styles.heading_level("Heading1") == 0
    assert document.styles.heading_level("Heading2") == 1
    assert all(c.location.heading for c in document.changes if c.location.paragraph > 10)
    with zipfile.ZipFile(made.path) as archive:
        numbering = archive.read("word/numbering.xml").decode()
    assert 'w:numFmt w:val="decimal"' in numbering and 'w:numFmt w:val="lowerLetter"' in numbering


def test_independent_readers_see_the_same_document(tmp_path):
    """pandoc finds every planned revision; python-docx opens the package."""
    import docx
    import pypandoc

    made = generate(tmp_path / "doc.docx", pages=4, variant="tracked")
    markdown = pypandoc.convert_file(str(made.path), "markdown", format="docx",
                                     extra_args=["--track-changes=all", "--wrap=none"])
    replaced = made.expected["replacement"]
    assert markdown.count("{.deletion") == made.expected["deletion"] + replaced
    assert markdown.count("{.insertion") == made.expected["insertion"] + replaced
    assert markdown.count("{.paragraph-insertion") == made.expected["paragraph-mark"]
    assert len(docx.Document(str(made.path)).tables) >= 1
