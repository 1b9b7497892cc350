"""`redliner export`: a PDF or HTML meeting copy from the shell; a bad input or name exits 1 and writes nothing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from redliner.core import ReviewDocument, parse_rules
from tests.pdf_tools import flat, pdf_info, pdf_text, summary_row


def run(*args):
    return subprocess.run([sys.executable, "-m", "redliner.cli", "export", *map(str, args)], capture_output=True,
                          text=True)


def test_export_pdf_of_the_italic_sample(samples, tmp_path):
    source = samples / "sop-draft.pandoc.docx"
    result = run(source, "-o", tmp_path / "copy.pdf", "--markers", "italic")
    assert result.returncode == 0, result.stderr
    review = ReviewDocument.open(source, parse_rules("italic"))
    text, layout = flat(pdf_text(tmp_path / "copy.pdf")), pdf_text(tmp_path / "copy.pdf", layout=True)
    for change in review.changes:
        assert flat(change.inserted) in text
        assert summary_row(layout, change.id, change.author, "pending")
    assert pdf_info(tmp_path / "copy.pdf")["Page size"].startswith("595 x 842")  # no w:pgSz: A4


def test_export_options_view_and_no_summary(samples, tmp_path):
    source = samples / "sop-review-two-authors.lo.docx"
    result = run(source, "-o", tmp_path / "final.pdf", "--view", "final", "--no-summary", "--pending-only")
    assert result.returncode == 0, result.stderr
    text = flat(pdf_text(tmp_path / "final.pdf"))
    assert "at least eight hours" in text and "at least four hours" not in text
    assert "Summary of changes" not in text and "View: Final, pending changes only" in text


def test_export_html(samples, tmp_path):
    result = run(samples / "sop-review-two-authors.lo.docx", "-o", tmp_path / "copy.html")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "copy.html").read_text(encoding="utf-8")
    assert "Jordan Lee" in page and "Alex Rivera" in page and "http" not in page


@pytest.mark.parametrize("name", ["copy.docx", "copy.txt", "copy"])
def test_unknown_extension_exits_1_and_writes_nothing(samples, tmp_path, name):
    result = run(samples / "sop-review-two-authors.lo.docx", "-o", tmp_path / name)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "must end in .pdf or .html" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_bad_input_exits_1_and_writes_nothing(tmp_path):
    (tmp_path / "notes.docx").write_text("not a zip")
    result = run(tmp_path / "notes.docx", "-o", tmp_path / "copy.pdf")
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.docx"]


def test_missing_folder_exits_1(samples, tmp_path):
    result = run(samples / "sop-review-two-authors.lo.docx", "-o", tmp_path / "nowhere" / "copy.pdf")
    assert result.returncode == 1 and "does not exist" in result.stderr
