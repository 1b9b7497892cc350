"""The .docx package: zip entries kept as they are, XML parts parsed on demand.

Untouched entries are written back byte for byte, so everything Redliner does not understand (macros,
custom XML, images, fonts) survives a save; only parts a decision touched are re-serialized.
Relationship types come from python-docx's OPC vocabulary.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import tempfile
import zipfile
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from .errors import (
    DamagedDocumentError,
    EncryptedDocumentError,
    NotADocxError,
    OutputError,
    UnsupportedDocumentError,
)
from .ns import REL_NS

MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_PART_BYTES = 1024 * 1024 * 1024
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
MAX_RATIO = 1000  # deflate rarely exceeds ~100:1 on real XML; bombs go far past this
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CONTENT_TYPES = "[Content_Types].xml"

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True, remove_blank_text=False
)


def parse_xml(blob: bytes, name: str = "part"):
    """Parse a part safely: no DTDs, no entities, no network."""
    if b"<!DOCTYPE" in blob[:8192] or b"<!ENTITY" in blob[:8192]:
        raise UnsupportedDocumentError(f"{name} declares a DOCTYPE or entities, which Redliner refuses to read")
    try:
        root = etree.fromstring(blob, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise DamagedDocumentError(f"{name} is damaged: {exc.msg}") from None
    if root.getroottree().docinfo.doctype:
        raise UnsupportedDocumentError(f"{name} declares a DOCTYPE, which Redliner refuses to read")
    return root


def serialize_xml(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class Package:
    """A .docx opened from disk: raw entries plus lazily parsed XML parts."""

    def __init__(self, path: Path, infos: list[zipfile.ZipInfo], blobs: dict[str, bytes]):
        self.path = path
        self._infos = infos
        self._blobs = blobs
        self._trees: dict[str, object] = {}
        self._dirty: set[str] = set()
        self.main_document = self._find_main_document()

    # -- reading -------------------------------------------------------------------------------

    @classmethod
    def open(cls, path) -> Package:
        path = Path(path)
        header = _read_header(path)
        _reject_non_zip(path, header)
        try:
            with zipfile.ZipFile(path) as archive:
                infos = archive.infolist()
                _check_sizes(path, infos)
                blobs = {info.filename: archive.read(info) for info in infos if not info.is_dir()}
        except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as exc:
            raise DamagedDocumentError(f"{path.name} is a damaged zip archive ({exc})") from None
        except NotImplementedError as exc:
            raise UnsupportedDocumentError(f"{path.name} uses an unsupported zip feature ({exc})") from None
        if CONTENT_TYPES not in blobs:
            raise NotADocxError(f"{path.name} is a zip file but not a Word document (no {CONTENT_TYPES})")
        return cls(path, [i for i in infos if not i.is_dir()], blobs)

    def names(self) -> list[str]:
        return [info.filename for info in self._infos]

    def has(self, name: str) -> bool:
        return name in self._blobs

    def blob(self, name: str) -> bytes:
        return self._blobs[name]

    def xml(self, name: str):
        """Root element of an XML part, parsed once."""
        root = self._trees.get(name)
        if root is None:
            root = parse_xml(self._blobs[name], name)
            self._trees[name] = root
        return root

    def mark_dirty(self, name: str) -> None:
        self._dirty.add(name)

    def relationships(self, name: str) -> list[tuple[str, str, str]]:
        """(rId, type, target part name) of a part's internal relationships."""
        folder, base = posixpath.split(name)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if rels_name not in self._blobs:
            return []
        rels = []
        for rel in self.xml(rels_name).iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            rels.append((rel.get("Id"), rel.get("Type"), _resolve(folder, rel.get("Target", ""))))
        return rels

    def related(self, name: str, reltype: str) -> list[str]:
        return [target for _, kind, target in self.relationships(name) if kind == reltype and target in self._blobs]

    def _find_main_document(self) -> str:
        for _, kind, target in self.relationships(""):
            if kind == RT.OFFICE_DOCUMENT:
                if target not in self._blobs:
                    raise DamagedDocumentError(f"{self.path.name} has no main document part ({target} is missing)")
                return target
        if "word/document.xml" in self._blobs:
            return "word/document.xml"
        raise NotADocxError(f"{self.path.name} is an Office package but not a Word document (no word/document.xml)")

    # -- writing -------------------------------------------------------------------------------

    def entry_bytes(self, name: str) -> bytes:
        if name in self._dirty:
            return serialize_xml(self._trees[name])
        return self._blobs[name]

    def save(self, target, *, overwrite_input: bool = False) -> None:
        """Write the package atomically: a temporary file beside the target, then a rename."""
        target = Path(target)
        if not overwrite_input and _same_file(target, self.path):
            raise OutputError(f"refusing to overwrite the input {self.path.name}; choose another output name")
        write_atomically(target, self._write_zip)

    def _write_zip(self, handle) -> None:
        with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
            for info in self._infos:
                out = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                out.compress_type = zipfile.ZIP_DEFLATED
                out.external_attr = info.external_attr
                archive.writestr(out, self.entry_bytes(info.filename))


def write_atomically(target: Path, write) -> None:
    """Call write(handle) on a temporary file next to target, fsync, then rename over target."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {target}: folder {folder} does not exist")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write in {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except OSError as exc:
        _discard(tmp_name)
        raise OutputError(f"could not save {target.name}: {exc.strerror or exc}; the previous file is intact") from None
    except BaseException:
        _discard(tmp_name)
        raise


def _discard(tmp_name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(tmp_name)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _resolve(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))


def _read_header(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise NotADocxError(f"{path} is a folder, not a .docx file")
        if size > MAX_FILE_BYTES:
            raise UnsupportedDocumentError(
                f"{path.name} is {size // (1024 * 1024)} MB; Redliner opens files up to {MAX_FILE_BYTES // (1024 * 1024)} MB"
            )
        with path.open("rb") as handle:
            return handle.read(1 << 16) if size else b""
    except FileNotFoundError:
        raise NotADocxError(f"{path} does not exist") from None
    except PermissionError:
        raise NotADocxError(f"{path} cannot be read (permission denied)") from None


def _reject_non_zip(path: Path, header: bytes) -> None:
    if not header:
        raise NotADocxError(f"{path.name} is empty (0 bytes), not a Word document")
    if header.startswith(OLE_SIGNATURE):
        raise _ole_error(path)
    if header.startswith(b"%PDF"):
        raise NotADocxError(f"{path.name} is a PDF file, not a Word .docx document")
    if not header.startswith(b"PK"):
        raise NotADocxError(f"{path.name} is not a Word .docx document (not a zip package)")


def _ole_error(path: Path) -> Exception:
    """An OLE container is either an encrypted OOXML package or a legacy binary .doc."""
    data = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in data:
        return EncryptedDocumentError(f"{path.name} is password-protected (encrypted); remove the password in Word and try again")
    return NotADocxError(f"{path.name} is a legacy Word 97-2003 file; save it as .docx in Word or LibreOffice first")


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART_BYTES or (info.file_size > 10 * 1024 * 1024 and ratio > MAX_RATIO):
            raise UnsupportedDocumentError(
                f"{path.name} looks like a zip bomb: {info.filename} would expand to {info.file_size} bytes"
            )
    if total > MAX_TOTAL_BYTES:
        raise UnsupportedDocumentError(f"{path.name} would expand to {total} bytes, more than Redliner accepts")
