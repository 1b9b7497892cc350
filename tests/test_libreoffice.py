"""Every kind of file Redliner writes opens in LibreOffice (headless): it converts to PDF, a clean copy reads
as the text we meant, and a marked-up copy keeps its tracked changes through LibreOffice's own save.

Skipped when soffice is not installed, except under CI=true, where .ci/run installs libreoffice-writer-nogui.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from redliner.core import Decision, ReviewDocument, parse_rules, write_clean, write_marked_up
from tests.docx_factory import dele, dr, ins, italic, make_docx, p, r

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
IN_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")
TRACKED_BODY = (p(r("The "), dele(dr("old")), ins(r("new")), r(" plan."))
                + p(ins(r("Added line."), author="Bea", rid=7))
                + '<w:tbl><w:tr><w:tc><w:p>' + r("Cell ") + ins(r("text"), rid=9) + '</w:p></w:tc></w:tr></w:tbl>'
                + p(r("Keep "), dele(dr("this "), author="Bea", rid=11), r("end.")))
MARKER_BODY = p(r("We will "), italic("carefully "), r("review the plan.")) + p(italic("A whole new paragraph."))


@pytest.fixture(scope="module")
def soffice(tmp_path_factory):
    if not SOFFICE:
        if IN_CI:
            pytest.fail("soffice is missing; .ci/run installs libreoffice-writer-nogui under CI=true")
        pytest.skip("LibreOffice (soffice) is not installed")
    profile = tmp_path_factory.mktemp("lo-profile")

    def convert(files: list[Path], target: str, outdir: Path) -> None:
        """One soffice run for many files (start-up is the slow part)."""
        command = [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                   "--convert-to", target, "--outdir", str(outdir), *map(str, files)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr

    return convert


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, tuple[Path, ReviewDocument]]:
    """Every kind of file we write, with the document it was written from."""
    folder = tmp_path_factory.mktemp("written")
    tracked = ReviewDocument.open(make_docx(folder, TRACKED_BODY, name="tracked-source.docx"))
    markers = ReviewDocument.open(make_docx(folder, MARKER_BODY, name="marker-source.docx"), parse_rules("italic"))
    files = {}
    for name, document, write in (
        ("clean-accepted", tracked, lambda d, out: write_clean(d, out, Decision.ACCEPT)),
        ("clean-rejected", tracked, lambda d, out: write_clean(d, out, Decision.REJECT)),
        ("marked-up-tracked", tracked, write_marked_up),
        ("marked-up-markers", markers, write_marked_up),
        ("clean-from-markers", markers, lambda d, out: write_clean(d, out, Decision.ACCEPT)),
    ):
        out = folder / f"{name}.docx"
        write(document, out)
        files[name] = (out, document)
    tracked.decide([tracked.changes[0]], Decision.ACCEPT)  # a marked-up copy after a decision, too
    write_marked_up(tracked, folder / "marked-up-decided.docx")
    files["marked-up-decided"] = (folder / "marked-up-decided.docx", tracked)
    return files


def test_every_written_file_converts_to_pdf(soffice, written, tmp_path):
    soffice([path for path, _ in written.values()], "pdf", tmp_path)
    for name in written:
        pdf = tmp_path / f"{name}.pdf"
        assert pdf.exists(), f"LibreOffice did not convert {name}.docx"
        assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 1000


def test_clean_copies_read_as_the_text_we_wrote(soffice, written, tmp_path):
    clean = {name: path for name, (path, _) in written.items() if name.startswith("clean")}
    soffice(list(clean.values()), "txt:Text", tmp_path)
    for name, path in clean.items():
        text = (tmp_path / f"{name}.txt").read_text(encoding="utf-8-sig")
        assert [line for line in text.splitlines() if line] == [
            line for line in ReviewDocument.open(path).body_text().splitlines() if line]


def test_marked_up_copies_keep_their_changes_through_libreoffice(soffice, written, tmp_path):
    marked = {name: path for name, (path, _) in written.items() if name.startswith("marked-up")}
    soffice(list(marked.values()), "docx:MS Word 2007 XML", tmp_path)
    for name, path in marked.items():
        ours = ReviewDocument.open(path)
        theirs = ReviewDocument.open(tmp_path / f"{name}.docx")
        assert [(c.kind, c.author, c.inserted.strip(), c.deleted.strip()) for c in theirs.changes] == [
            (c.kind, c.author, c.inserted.strip(), c.deleted.strip()) for c in ours.changes], name
        assert ours.changes


def test_comparisons_with_pictures_and_smartart_convert_to_pdf(soffice, corpus, tmp_path):
    from redliner.core.comparison.compare import compare
    from tests.core.comparison.test_compare_pictures import PICTURE_PAIRS

    outputs = []
    for name, (before, after) in PICTURE_PAIRS.items():
        out = tmp_path / f"{name}.docx"
        compare(corpus / "word-compare" / before, corpus / "word-compare" / after).package.save(out)
        outputs.append(out)
    soffice(outputs, "pdf", tmp_path / "pdf")
    for out in outputs:
        pdf = tmp_path / "pdf" / f"{out.stem}.pdf"
        assert pdf.is_file() and pdf.stat().st_size > 1000, out.name


def test_what_is_not_a_proposal_is_still_remembered_after_libreoffice_saves_the_copy(soffice, tmp_path):
    from redliner.core import Status

    review = ReviewDocument.open(make_docx(tmp_path, MARKER_BODY, name="emphasis.docx"), parse_rules("italic"))
    review.decide(review.changes[1:], Decision.NOT_A_PROPOSAL)
    review.decide(review.changes[:1], Decision.ACCEPT)
    saved = tmp_path / "clean" / "emphasis.docx"
    saved.parent.mkdir()
    write_clean(review, saved)
    soffice([saved], "docx:MS Word 2007 XML", tmp_path / "lo")
    again = ReviewDocument.open(tmp_path / "lo" / "emphasis.docx", parse_rules("italic"))
    assert [(c.inserted, c.status) for c in again.changes] == [("A whole new paragraph.", Status.NOT_A_PROPOSAL)]


def test_a_comparison_inside_a_text_box_keeps_its_changes_through_libreoffice(soffice, corpus, tmp_path):
    """WC049: Word's text box in a table cell; LibreOffice reads and writes the box's tracked changes, and
    each reads back as one change, as ours did."""
    from redliner.core.comparison.compare import compare

    folder = corpus / "word-compare"
    ours = compare(folder / "WC049-Text-Box-in-Cell.docx", folder / "WC049-Text-Box-in-Cell-Mod.docx")
    out = tmp_path / "compared.docx"
    ours.package.save(out)
    soffice([out], "docx:MS Word 2007 XML", tmp_path / "lo")
    theirs = ReviewDocument.open(tmp_path / "lo" / "compared.docx")
    assert [(c.kind, c.text) for c in theirs.changes] == [(c.kind, c.text) for c in ours.changes]
    assert "a → an interesting" in [c.text for c in ours.changes]  # the text box's change
