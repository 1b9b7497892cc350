"""The decision log through LibreOffice: opened and saved again as .docx by LibreOffice (headless), a copy keeps
its custom XML part (item, item properties, relationships), so the log and who decided what survive; LibreOffice
renumbers the revisions' w:ids, and the log still recognises the changes. It also converts the copy to PDF.

Skipped when soffice is not installed, except under CI=true, where .ci/run installs libreoffice-writer-nogui.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from redliner.core import Decision, ReviewDocument
from redliner.core.session.decision_log import LOG_NS, LoggedChange, log_for, save_marked_up
from tests.docx_factory import dele, dr, ins, make_docx, p, r

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
IN_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")
BODY = (p(r("The "), dele(dr("old"), rid=2), ins(r("new"), rid=3), r(" plan."))
        + p(r("A "), ins(r("longer "), author="Bea", rid=5), r("sentence."))
        + p(r("Keep "), dele(dr("this "), author="Cy", rid=7), r("end.")))


@pytest.fixture(scope="module")
def convert(tmp_path_factory):
    if not SOFFICE:
        if IN_CI:
            pytest.fail("soffice is missing; .ci/run installs libreoffice-writer-nogui under CI=true")
        pytest.skip("LibreOffice (soffice) is not installed")
    profile = tmp_path_factory.mktemp("lo-profile")

    def run(source: Path, target: str, outdir: Path) -> Path:
        command = [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                   "--convert-to", target, "--outdir", str(outdir), str(source)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        return outdir / f"{source.stem}.{target.split(':')[0]}"

    return run


@pytest.fixture
def marked(tmp_path) -> Path:
    """A marked-up copy whose log says Kim accepted the first change and skipped the second."""
    review = ReviewDocument.open(make_docx(tmp_path, BODY))
    accepted, skipped, _ = review.changes
    for change, decision in ((accepted, Decision.ACCEPT), (skipped, Decision.SKIP)):
        review.decide([change], decision)
        log_for(review).record(decision, [change], "Kim", "2026-12-02T10:00:00Z")
    out = tmp_path / "marked.docx"
    save_marked_up(review, out)
    return out


def test_libreoffice_keeps_the_log_through_its_own_save(convert, marked, tmp_path):
    saved = convert(marked, "docx:MS Word 2007 XML", tmp_path / "lo")
    with zipfile.ZipFile(saved) as archive:
        names = archive.namelist()
        item = archive.read("customXml/item1.xml")
    assert {"customXml/item1.xml", "customXml/itemProps1.xml", "customXml/_rels/item1.xml.rels"} <= set(names)
    assert LOG_NS.encode() in item
    before, after = log_for(ReviewDocument.open(marked)), log_for(ReviewDocument.open(saved))
    assert after.entries == before.entries
    reopened = ReviewDocument.open(saved)
    longer = next(c for c in reopened.changes if c.author == "Bea")
    assert LoggedChange.of(longer).revision != "5"  # LibreOffice renumbered the revisions...
    assert (log_for(reopened).latest_for(longer).action, log_for(reopened).latest_for(longer).who) == ("skip", "Kim")
    assert log_for(reopened).latest_for(next(c for c in reopened.changes if c.author == "Cy")) is None

    reopened.decide([longer], Decision.REJECT)
    log_for(reopened).record(Decision.REJECT, [longer], "Lee")
    again = tmp_path / "again.docx"
    save_marked_up(reopened, again)
    assert [(e.action, e.who) for e in log_for(ReviewDocument.open(again)).entries] == [
        ("accept", "Kim"), ("skip", "Kim"), ("reject", "Lee")]
    with zipfile.ZipFile(again) as archive:
        assert sum(name.startswith("customXml/item") for name in archive.namelist()) == 2  # item + itemProps


def test_libreoffice_converts_a_copy_with_a_log_to_pdf(convert, marked, tmp_path):
    pdf = convert(marked, "pdf", tmp_path / "pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
