"""A second independent reader: LibreOffice opens our compare output and keeps its tracked changes."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from redliner.core import Decision, ReviewDocument, write_clean
from redliner.core.comparison.compare import compare
from tests.corpus_tools import paragraphs

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
IN_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")


def test_libreoffice_round_trip_keeps_the_comparison(samples, tmp_path):
    if SOFFICE is None:
        if IN_CI:
            pytest.fail("soffice is missing; .ci/run installs libreoffice-writer-nogui under CI=true")
        pytest.skip("LibreOffice is not installed")
    compared = tmp_path / "compared.docx"
    compare(samples / "sop-base.pandoc.docx", samples / "sop-draft-plain.pandoc.docx").package.save(compared)
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    resaved = tmp_path / "resaved"
    subprocess.run([SOFFICE, profile, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                    str(resaved), str(compared)], check=True, capture_output=True, timeout=180)
    document = ReviewDocument.open(resaved / "compared.docx")
    assert len(document.changes) == len(ReviewDocument.open(compared).changes)
    accepted, rejected = tmp_path / "a.docx", tmp_path / "r.docx"
    write_clean(document, accepted, Decision.ACCEPT)
    write_clean(document, rejected, Decision.REJECT)
    assert paragraphs(accepted) == paragraphs(samples / "sop-draft-plain.pandoc.docx")
    assert paragraphs(rejected) == paragraphs(samples / "sop-base.pandoc.docx")


def test_libreoffice_keeps_a_deleted_picture_as_a_tracked_deletion(tmp_path):
    from tests.core.comparison.test_compare_pictures import RED, pictures
    from tests.docx_factory import make_docx, p, r
    from tests.pictures import image_part, picture_run

    if SOFFICE is None:
        if IN_CI:
            pytest.fail("soffice is missing; .ci/run installs libreoffice-writer-nogui under CI=true")
        pytest.skip("LibreOffice is not installed")
    base = make_docx(tmp_path, p(r("Figure 1: "), picture_run("rId7")) + p(r("Shown above.")), "base.docx",
                     stories=[image_part("rId7", RED)])
    draft = make_docx(tmp_path, p(r("Figure 1: ")) + p(r("Shown above.")), "draft.docx")
    compared = tmp_path / "compared.docx"
    compare(base, draft).package.save(compared)
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    resaved = tmp_path / "resaved"
    subprocess.run([SOFFICE, profile, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                    str(resaved), str(compared)], check=True, capture_output=True, timeout=180)
    document = ReviewDocument.open(resaved / "compared.docx")
    accepted, rejected = tmp_path / "a.docx", tmp_path / "r.docx"
    write_clean(document, accepted, Decision.ACCEPT)
    write_clean(document, rejected, Decision.REJECT)
    assert (len(pictures(rejected)), len(pictures(accepted))) == (1, 0)


def test_libreoffice_keeps_paragraph_property_changes(tmp_path):
    from redliner.core import ChangeKind
    from tests.docx_factory import make_docx, p, r

    if SOFFICE is None:
        if IN_CI:
            pytest.fail("soffice is missing; .ci/run installs libreoffice-writer-nogui under CI=true")
        pytest.skip("LibreOffice is not installed")
    base = make_docx(tmp_path, p(r("Scope")) + p(r("Signed.")), "base.docx")
    draft = make_docx(tmp_path, p(r("Scope"), ppr='<w:pStyle w:val="Heading1"/>')
                      + p(r("Signed."), ppr='<w:jc w:val="center"/>'), "draft.docx")
    compared = tmp_path / "compared.docx"
    compare(base, draft, report_formatting=True).package.save(compared)
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    subprocess.run([SOFFICE, profile, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                    str(tmp_path / "resaved"), str(compared)], check=True, capture_output=True, timeout=180)
    document = ReviewDocument.open(tmp_path / "resaved" / "compared.docx")
    assert [(c.kind, c.paragraph) for c in document.changes] == [(ChangeKind.PROPERTY, 0), (ChangeKind.PROPERTY, 1)]
