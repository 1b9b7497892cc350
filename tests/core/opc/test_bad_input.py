"""Bad input, via the engine and via the CLI: one clear line, exit 1, no traceback, no output, input untouched."""

from __future__ import annotations

import hashlib
import http.server
import io
import os
import re
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from redliner.core import Decision, OutputError, RedlinerError, ReviewDocument, errors, write_clean
from redliner.core.opc import package
from tests.bad_inputs import (
    BAD_INPUTS,
    BILLION_LAUGHS,
    GOOD_ODDITIES,
    VBA_PROJECT,
    docx_with,
    external_dtd_xml,
    external_entity_xml,
    utf16_hidden,
    zip_bomb_headers,
)
from tests.docx_factory import make_docx, p, r

BAD = {case.name: case for case in BAD_INPUTS}
ODD = {case.name: case for case in GOOD_ODDITIES}


def fingerprint(path: Path):
    """What 'the input is untouched' means: same bytes (same size and mtime for the sparse giant)."""
    if not path.exists():
        return None
    if path.is_dir():
        return ("dir", sorted(os.listdir(path)))
    stat = path.stat()
    if stat.st_size > 64 * 1024 * 1024:
        return (stat.st_size, stat.st_mtime_ns)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "redliner.cli", *map(str, args)], capture_output=True, text=True)


def folder_listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


# -- each bad input, through the engine ----------------------------------------------------------------


@pytest.mark.parametrize("name", list(BAD))
def test_engine_refuses_with_one_clear_line(tmp_path, name):
    case = BAD[name]
    path = case.build(tmp_path)
    before = fingerprint(path)
    with pytest.raises(RedlinerError) as caught:
        ReviewDocument.open(path)
    message = str(caught.value)
    assert type(caught.value).__name__ == case.error, message
    assert case.says in message
    assert "\n" not in message and "Traceback" not in message
    assert path.name in message or str(path) in message  # names the file
    assert fingerprint(path) == before


# -- each bad input, through the CLI --------------------------------------------------------------------


@pytest.mark.parametrize("name", list(BAD))
def test_cli_refuses_with_exit_1_and_no_output(tmp_path, name):
    case = BAD[name]
    path = case.build(tmp_path)
    out_folder = tmp_path / "out"
    out_folder.mkdir()
    before = fingerprint(path)
    result = run_cli("accept", path, "-o", out_folder / "clean.docx")
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("redliner: ") and case.says in lines[0], result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert folder_listing(out_folder) == []  # no output, no temporary left behind
    assert fingerprint(path) == before


def test_cli_refuses_to_overwrite_its_input(tmp_path):
    path = make_docx(tmp_path, p(r("text")))
    before = fingerprint(path)
    result = run_cli("accept", path, "-o", path)
    assert result.returncode == 1 and "refusing to overwrite the input" in result.stderr
    assert fingerprint(path) == before and folder_listing(tmp_path) == ["doc.docx"]


# -- entities are never resolved, nothing is ever fetched -----------------------------------------------


class CountingHandler(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        CountingHandler.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"<!ENTITY leak 'FETCHED'>")

    def log_message(self, *args):
        pass


@pytest.fixture
def http_trap():
    """A local HTTP server that records any request: the tests assert it gets none."""
    CountingHandler.hits = []
    server = http.server.HTTPServer(("127.0.0.1", 0), CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", CountingHandler.hits
    server.shutdown()
    server.server_close()


def external_variants(url: str) -> dict[str, bytes]:
    return {
        "entity": external_entity_xml(f"{url}/secret").encode(),
        "dtd": external_dtd_xml(f"{url}/x.dtd").encode(),
        "entity-utf16": utf16_hidden(external_entity_xml(f"{url}/secret")),
        "dtd-utf16": utf16_hidden(external_dtd_xml(f"{url}/x.dtd")),
        "file": external_entity_xml("file:///etc/passwd").encode(),
        "file-utf16": utf16_hidden(external_entity_xml("file:///etc/passwd")),
    }


def test_external_entities_are_never_fetched_nor_read(tmp_path, http_trap):
    url, hits = http_trap
    for name, xml in external_variants(url).items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(docx_with(xml))
        with pytest.raises(errors.UnsupportedDocumentError) as caught:
            ReviewDocument.open(path)
        assert "root:" not in str(caught.value)
        result = run_cli("changes", path)
        assert result.returncode == 1 and "DOCTYPE" in result.stderr and "root:" not in result.stderr
    assert hits == []


def test_parser_itself_resolves_and_fetches_nothing_even_without_the_prolog_check(monkeypatch, http_trap):
    """Defence in depth: with the DOCTYPE sniffing switched off, lxml still expands and fetches nothing."""
    url, hits = http_trap
    monkeypatch.setattr(package, "_declares_doctype", lambda blob: False)
    for xml in [*external_variants(url).values(), BILLION_LAUGHS.encode()]:
        with pytest.raises(errors.UnsupportedDocumentError):
            package.parse_xml(xml, "word/document.xml")
    assert hits == []
    root = etree.fromstring(external_entity_xml("file:///etc/passwd").encode(), package._PARSER)
    assert b"root:" not in etree.tostring(root)


# -- zip bombs are refused from their headers ---------------------------------------------------------


def test_zip_bomb_is_refused_before_anything_is_inflated(tmp_path, monkeypatch):
    path = tmp_path / "bomb.docx"
    path.write_bytes(zip_bomb_headers())

    def no_inflating(*args, **kwargs):
        raise AssertionError("a part was inflated")

    monkeypatch.setattr(zipfile.ZipFile, "read", no_inflating)
    with pytest.raises(errors.UnsupportedDocumentError, match="zip bomb"):
        ReviewDocument.open(path)


def test_ratio_limit_applies_to_big_parts_only(tmp_path, monkeypatch):
    """A part just over lowered limits is refused; the same file opens under the real limits."""
    media = b"\0" * (200 * 1024)
    buffer = io.BytesIO(docx_with())
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/blank.bin", media)
    path = tmp_path / "zeros.docx"
    path.write_bytes(buffer.getvalue())
    assert ReviewDocument.open(path).changes
    monkeypatch.setattr(package, "MAX_RATIO", 100)
    monkeypatch.setattr(package, "MAX_PART_BYTES", 150 * 1024)
    with pytest.raises(errors.UnsupportedDocumentError, match="blank.bin would expand"):
        ReviewDocument.open(path)


def test_total_limit(tmp_path, monkeypatch):
    path = make_docx(tmp_path, p(r("text " * 500)))
    monkeypatch.setattr(package, "MAX_TOTAL_BYTES", 2000)
    with pytest.raises(errors.UnsupportedDocumentError, match="its parts would expand"):
        ReviewDocument.open(path)


def test_size_limit_with_a_lowered_limit(tmp_path, monkeypatch):
    path = make_docx(tmp_path, p(r("text")))
    monkeypatch.setattr(package, "MAX_FILE_BYTES", 100)
    with pytest.raises(errors.UnsupportedDocumentError, match="over Redliner's limit"):
        ReviewDocument.open(path)


# -- files that cannot be read, folders that cannot be written --------------------------------------------


def test_unreadable_input(tmp_path, monkeypatch):
    path = make_docx(tmp_path, p(r("text")))

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(errors.NotADocxError, match="permission denied"):
        ReviewDocument.open(path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every file")
def test_unreadable_input_cli(tmp_path):
    path = make_docx(tmp_path, p(r("text")))
    path.chmod(0)
    try:
        result = run_cli("accept", path, "-o", tmp_path / "out.docx")
    finally:
        path.chmod(0o644)
    assert result.returncode == 1 and "permission denied" in result.stderr
    assert not (tmp_path / "out.docx").exists()


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder nobody may write in: chmod 555, or /sys when running as root (root ignores modes)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if not os.access(folder, os.W_OK):
            yield folder
        elif Path("/sys").is_dir() and _mkstemp_fails("/sys"):
            yield Path("/sys")
        else:
            pytest.skip("no read-only folder available as this user")
    finally:
        folder.chmod(0o755)


def _mkstemp_fails(folder: str) -> bool:
    import tempfile

    try:
        fd, name = tempfile.mkstemp(dir=folder)
    except OSError:
        return True
    os.close(fd)
    os.unlink(name)
    return False


def test_read_only_output_folder(tmp_path, read_only_folder):
    path = make_docx(tmp_path, p(r("text")))
    before = fingerprint(path)
    document = ReviewDocument.open(path)
    with pytest.raises(OutputError, match="cannot write in .*nothing was saved"):
        write_clean(document, read_only_folder / "out.docx")
    result = run_cli("accept", path, "-o", read_only_folder / "out.docx")
    assert result.returncode == 1 and "cannot write in" in result.stderr and "Traceback" not in result.stderr
    assert not (read_only_folder / "out.docx").exists() and fingerprint(path) == before


def test_missing_output_folder(tmp_path):
    path = make_docx(tmp_path, p(r("text")))
    result = run_cli("accept", path, "-o", tmp_path / "nowhere" / "out.docx")
    assert result.returncode == 1 and "does not exist" in result.stderr
    assert not (tmp_path / "nowhere").exists()


def test_input_vanishing_after_opening_does_not_lose_the_review(tmp_path):
    """The package is read whole at open: the review can still be saved elsewhere."""
    path = make_docx(tmp_path, p(r("Hello "), '<w:ins w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z">'
                                 + r("world") + "</w:ins>"))
    document = ReviewDocument.open(path)
    path.unlink()
    document.decide(document.changes, Decision.ACCEPT)
    write_clean(document, tmp_path / "rescued.docx")
    assert ReviewDocument.open(tmp_path / "rescued.docx").body_text() == "Hello world"


def test_error_messages_are_one_line_whatever_they_wrap():
    error = errors.DamagedDocumentError("part is damaged (line 1\n  column 2)")
    assert str(error) == "part is damaged (line 1 column 2)"


# -- .docm, .dotx and extension markup: open, save, lose nothing ------------------------------------------


def entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("name", list(ODD))
@pytest.mark.parametrize("decision", [Decision.ACCEPT, Decision.REJECT])
def test_odd_files_open_and_keep_every_untouched_part(tmp_path, name, decision):
    case = ODD[name]
    path = case.build(tmp_path)
    document = ReviewDocument.open(path)
    assert [c.inserted for c in document.changes] == ["new" if name == "extensions" else "world"]
    out = tmp_path / f"out{case.suffix}"
    write_clean(document, out, decision)
    before, after = entries(path), entries(out)
    assert list(after) == list(before)
    changed = [n for n in before if before[n] != after[n]]
    assert changed == ["word/document.xml"]


def test_docm_macros_survive_byte_for_byte_via_cli(tmp_path):
    path = ODD["docm"].build(tmp_path)
    result = run_cli("accept", path, "-o", tmp_path / "out.docm")
    assert result.returncode == 0, result.stderr
    assert entries(tmp_path / "out.docm")["word/vbaProject.bin"] == VBA_PROJECT


@pytest.mark.parametrize(("name", "wrong", "says"), [("docm", ".docx", "contains macros"),
                                                     ("dotx", ".docx", "is a template")])
def test_macro_and_template_files_refuse_a_suffix_word_would_reject(tmp_path, name, wrong, says):
    path = ODD[name].build(tmp_path)
    document = ReviewDocument.open(path)
    with pytest.raises(OutputError, match=f"must be saved as {ODD[name].suffix}"):
        write_clean(document, tmp_path / f"out{wrong}")
    result = run_cli("accept", path, "-o", tmp_path / f"out{wrong}")
    assert result.returncode == 1 and says in result.stderr and f"out{ODD[name].suffix}" in result.stderr
    assert not (tmp_path / f"out{wrong}").exists()


@pytest.mark.parametrize("decision", [Decision.ACCEPT, Decision.REJECT])
def test_extension_namespaces_and_unknown_elements_are_kept(tmp_path, decision):
    path = ODD["extensions"].build(tmp_path)
    document = ReviewDocument.open(path)
    document.decide(document.changes, decision)
    write_clean(document, tmp_path / "out.docx")
    original = etree.fromstring(entries(path)["word/document.xml"])
    saved = etree.fromstring(entries(tmp_path / "out.docx")["word/document.xml"])
    assert saved.nsmap == original.nsmap
    assert saved.attrib == original.attrib  # mc:Ignorable="w14 w15 acme"

    def unknown(root):
        return [(el.tag, dict(el.attrib), el.text) for el in root.iter()
                if isinstance(el.tag, str) and not el.tag.startswith("{" + package_w())]

    assert unknown(saved) == unknown(original)
    paragraph_ids = "{http://schemas.microsoft.com/office/word/2010/wordml}paraId"
    assert [el.get(paragraph_ids) for el in saved.iter() if el.get(paragraph_ids)] == ["1A2B3C4D", "0F0F0F0F"]
    assert ("new" in "".join(saved.itertext())) == (decision == Decision.ACCEPT)


def package_w() -> str:
    from redliner.core.oxml.ns import W_NS

    return W_NS


# -- the README's table shows what the code prints ----------------------------------------------------------

README = Path(__file__).resolve().parents[3] / "README.md"


def without_details(message: str) -> str:
    """Parenthesized details (libxml2's and zlib's wording) vary between library versions."""
    return re.sub(r" \([^()]*\)", "", message)


def test_readme_bad_input_table_shows_the_messages_the_code_prints(tmp_path):
    section = README.read_text(encoding="utf-8").split("## Bad input", 1)[1].split("\n## ", 1)[0]
    shown = {without_details(m) for m in re.findall(r"`(redliner: [^`]+)`", section)}
    folder = tmp_path / "drafts"
    folder.mkdir()
    for case in BAD_INPUTS:
        with pytest.raises(RedlinerError) as caught:
            ReviewDocument.open(case.build(folder))
        printed = f"redliner: {caught.value}".replace(str(folder), "~/drafts")
        assert without_details(printed) in shown, f"README lacks the message for {case.what}: {printed}"
        assert f"| {case.what} |" in section
