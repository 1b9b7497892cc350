"""The .docx package: zip entries kept as they are, XML parts parsed on demand.

Untouched entries are written back byte for byte, so everything Redliner does not understand (macros,
custom XML, images, fonts) survives a save; only parts a decision touched are re-serialized.
Relationship types come from python-docx's OPC vocabulary.
"""

from __future__ import annotations

import hashlib
import io
import os
import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from redliner.core.errors import (
    DamagedDocumentError,
    EncryptedDocumentError,
    NotADocxError,
    OutputError,
    UnsupportedDocumentError,
)
from redliner.core.opc.constants import REL_NS
from redliner.core.opc.safe_write import write_atomically

MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_PART_BYTES = 1024 * 1024 * 1024
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
MAX_RATIO = 1000  # deflate rarely exceeds ~100:1 on real XML; bombs go far past this
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CONTENT_TYPES = "[Content_Types].xml"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
# Word refuses a package whose main part's content type does not match the file's extension.
SUFFIX_OF_MAIN_TYPE = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": ".docx",
    "application/vnd.ms-word.document.macroEnabled.main+xml": ".docm",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": ".dotx",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": ".dotm",
}
# Other files people rename to .docx by mistake, by their first bytes.
KNOWN_SIGNATURES = (
    (b"%PDF", "a PDF file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF document (open it in Word and save it as .docx)"),
    (b"<!DOCTYPE html", "a web page"),
    (b"<html", "a web page"),
)

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True, remove_blank_text=False
)


def parse_xml(blob: bytes, name: str = "part"):
    """Parse a part safely: no DTDs, no entities, no network.

    A DOCTYPE is refused before parsing when it can be seen in the prolog (in any encoding), and after
    parsing otherwise; entities are never resolved, so nothing is read from disk or fetched.
    """
    refusal = UnsupportedDocumentError(
        f"{name} declares a DOCTYPE or XML entities, which Word never writes; Redliner refuses them for safety")
    if _declares_doctype(blob):
        raise refusal
    try:
        root = etree.fromstring(blob, _PARSER)
    except etree.XMLSyntaxError as exc:
        if "entit" in (exc.msg or "").lower():
            raise refusal from None
        raise DamagedDocumentError(f"{name} is damaged ({exc.msg}); open and re-save it in Word") from None
    if root.getroottree().docinfo.doctype:
        raise refusal
    return root


def _declares_doctype(blob: bytes) -> bool:
    head = blob[:65536]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        return True
    for bom, codec in ((b"\xff\xfe\0\0", "utf-32-le"), (b"\0\0\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"),
                       (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            text = head[len(bom):].decode(codec, errors="ignore")
            return "<!DOCTYPE" in text or "<!ENTITY" in text
    return False


def serialize_xml(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


@dataclass(frozen=True)
class Fingerprint:
    """Size, modification time and SHA-256 of the bytes a package was read from: 'has the file changed?'"""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def read(cls, path: Path) -> tuple[Fingerprint, bytes]:
        with path.open("rb") as handle:
            stat = os.fstat(handle.fileno())
            data = handle.read()
        return cls(len(data), stat.st_mtime_ns, hashlib.sha256(data).hexdigest()), data

    @classmethod
    def of(cls, path) -> Fingerprint:
        return cls.read(Path(path))[0]


class Package:
    """A .docx opened from disk: raw entries plus lazily parsed XML parts."""

    def __init__(self, path: Path, infos: list[zipfile.ZipInfo], blobs: dict[str, bytes]):
        self.path = path
        self._infos = infos
        self._blobs = blobs
        self._trees: dict[str, object] = {}
        self._dirty: set[str] = set()
        self.main_document = self._find_main_document()
        self.suffix = SUFFIX_OF_MAIN_TYPE.get(self.content_type(self.main_document), "")
        self.fingerprint: Fingerprint | None = None  # of the bytes read, when opened from disk

    # -- reading -------------------------------------------------------------------------------

    @classmethod
    def open(cls, path) -> Package:
        path = Path(path)
        header = _read_header(path)
        _reject_non_zip(path, header)
        try:
            fingerprint, data = Fingerprint.read(path)
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                infos = archive.infolist()
                _check_sizes(path, infos)
                blobs = {info.filename: archive.read(info) for info in infos if not info.is_dir()}
        except FileNotFoundError:
            raise NotADocxError(f"{path} disappeared while it was being read") from None
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, OSError, ValueError) as exc:
            # zlib.error: garbled compressed data; OSError/ValueError: offsets pointing outside the file.
            raise DamagedDocumentError(
                f"{path.name} is a damaged zip archive, incomplete or corrupt ({_reason(exc)}); "
                "ask for a fresh copy") from None
        except NotImplementedError as exc:
            raise UnsupportedDocumentError(f"{path.name} uses an unsupported zip feature ({exc})") from None
        if CONTENT_TYPES not in blobs:
            raise NotADocxError(f"{path.name} is a zip file but not a Word document (no {CONTENT_TYPES})")
        package = cls(path, [i for i in infos if not i.is_dir()], blobs)
        package.fingerprint = fingerprint
        return package

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
            root = parse_xml(self._blobs[name], f"{name} in {self.path.name}")
            self._trees[name] = root
        return root

    def content_type(self, name: str) -> str:
        """The content type [Content_Types].xml gives a part ('' when it gives none)."""
        types = self.xml(CONTENT_TYPES)
        for override in types.iter(f"{{{CT_NS}}}Override"):
            if override.get("PartName", "").lstrip("/").lower() == name.lower():
                return override.get("ContentType", "")
        extension = posixpath.splitext(name)[1].lstrip(".").lower()
        for default in types.iter(f"{{{CT_NS}}}Default"):
            if default.get("Extension", "").lower() == extension:
                return default.get("ContentType", "")
        return ""

    def mark_dirty(self, name: str) -> None:
        self._dirty.add(name)

    def put(self, name: str, data: bytes) -> None:
        """Add a new part (or replace one) with these bytes, written as they are."""
        self._add_entry(name)
        self._blobs[name] = data
        self._trees.pop(name, None)
        self._dirty.discard(name)

    def put_xml(self, name: str, root) -> None:
        """Add a new XML part (or replace one): this tree, serialized when the package is saved."""
        self._add_entry(name)
        self._blobs.setdefault(name, b"")
        self._trees[name] = root
        self._dirty.add(name)

    def remove(self, name: str) -> None:
        """Take a part out again (the undo of adding one)."""
        self._infos = [info for info in self._infos if info.filename != name]
        self._blobs.pop(name, None)
        self._trees.pop(name, None)
        self._dirty.discard(name)

    def detach(self, name: str):
        """Take a part out for a while; returns what puts it back as it was (same place, bytes and state)."""
        index = next(i for i, info in enumerate(self._infos) if info.filename == name)
        info, blob, tree, dirty = self._infos[index], self._blobs[name], self._trees.get(name), name in self._dirty
        self.remove(name)

        def put_back() -> None:
            self._infos.insert(index, info)
            self._blobs[name] = blob
            if tree is not None:
                self._trees[name] = tree
            if dirty:
                self._dirty.add(name)
        return put_back

    def is_dirty(self, name: str) -> bool:
        return name in self._dirty

    def mark_clean(self, name: str) -> None:
        """The part's tree is back as it was read: write its original bytes again."""
        self._dirty.discard(name)

    def _add_entry(self, name: str) -> None:
        if name not in self._blobs:
            self._infos.append(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)))

    def relationships(self, name: str) -> list[tuple[str, str, str]]:
        """(rId, type, target part name) of a part's internal relationships."""
        folder = posixpath.dirname(name)
        rels_name = rels_part_name(name)
        if rels_name not in self._blobs:
            return []
        rels = []
        for rel in self.xml(rels_name).iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            rels.append((rel.get("Id"), rel.get("Type"), resolve_target(folder, rel.get("Target", ""))))
        return rels

    def core_property(self, namespace: str, local: str) -> str:
        """A property of docProps/core.xml (last modified by, modified date...), '' when there is none."""
        for target in self.related("", RT.CORE_PROPERTIES):
            found = self.xml(target).find(f"{{{namespace}}}{local}")
            return (found.text or "").strip() if found is not None else ""
        return ""

    def related(self, name: str, reltype: str) -> list[str]:
        return [target for _, kind, target in self.relationships(name) if kind == reltype and target in self._blobs]

    def _find_main_document(self) -> str:
        for _, kind, target in self.relationships(""):
            if kind == RT.OFFICE_DOCUMENT:
                if target not in self._blobs:
                    raise DamagedDocumentError(f"{self.path.name} is damaged: its main document part {target} "
                                               "is missing; ask for a fresh copy")
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
        self._check_suffix(target)
        write_atomically(target, self._write_zip)

    def _check_suffix(self, target: Path) -> None:
        """A .docm saved as .docx (or a template as a document) is a file Word refuses to open."""
        suffix = target.suffix.lower()
        if self.suffix and suffix in SUFFIX_OF_MAIN_TYPE.values() and suffix != self.suffix:
            why = "it contains macros, kept untouched" if self.suffix in (".docm", ".dotm") else "it is a template"
            raise OutputError(f"{self.path.name} must be saved as {self.suffix}, not {suffix} ({why}); "
                              f"name the output {target.stem}{self.suffix}")

    def _write_zip(self, handle) -> None:
        with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
            for info in self._infos:
                out = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                out.compress_type = zipfile.ZIP_DEFLATED
                out.external_attr = info.external_attr
                if info.filename in self._dirty:  # streamed: no second copy of a large part in memory
                    with archive.open(out, "w") as stream:
                        etree.ElementTree(self._trees[info.filename]).write(
                            stream, xml_declaration=True, encoding="UTF-8", standalone=True)
                else:
                    archive.writestr(out, self._blobs[info.filename])


def rels_part_name(name: str) -> str:
    """The part holding a part's relationships: word/document.xml -> word/_rels/document.xml.rels."""
    folder, base = posixpath.split(name)
    return posixpath.join(folder, "_rels", base + ".rels")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def resolve_target(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))


def check_readable(path: str | Path) -> None:
    """Raise the one-line error for a path that is missing, a folder, unreadable or too large to open."""
    _read_header(Path(path))


def _read_header(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise NotADocxError(f"{path} is a folder, not a .docx file")
        if size > MAX_FILE_BYTES:
            raise UnsupportedDocumentError(
                f"{path.name} is {_megabytes(size)}, over Redliner's limit of {_megabytes(MAX_FILE_BYTES)}")
        with path.open("rb") as handle:
            return handle.read(1 << 16) if size else b""
    except FileNotFoundError:
        raise NotADocxError(f"{path} does not exist; was it moved, renamed or deleted?") from None
    except PermissionError:
        raise NotADocxError(f"{path} cannot be read (permission denied); check its permissions") from None


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


def _reject_non_zip(path: Path, header: bytes) -> None:
    if not header:
        raise NotADocxError(f"{path.name} is empty (0 bytes), not a Word document")
    if header.startswith(OLE_SIGNATURE):
        raise _ole_error(path)
    for signature, what in KNOWN_SIGNATURES:
        if header.lstrip()[: len(signature)].lower() == signature.lower():
            raise NotADocxError(f"{path.name} is {what}, not a Word .docx document")
    if not header.startswith(b"PK"):
        raise NotADocxError(f"{path.name} is not a Word .docx document (not a zip package)")


def _ole_error(path: Path) -> Exception:
    """An OLE compound file: an encrypted OOXML package, a legacy binary .doc, or another old Office file.

    Stream names sit in the directory sectors in UTF-16; sniffing them is enough to tell which.
    """
    data = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in data:
        return EncryptedDocumentError(
            f"{path.name} is password-protected (encrypted); remove the password in Word "
            "(File > Info > Protect Document) and try again")
    if "WordDocument".encode("utf-16-le") in data:
        return NotADocxError(
            f"{path.name} is a legacy Word 97-2003 document; save it as .docx in Word or LibreOffice first")
    return NotADocxError(
        f"{path.name} is an older Office file (OLE compound file), not a Word .docx document")


def _reason(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _refuse_duplicate_names(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Two entries with one part name (OPC names ignore case): readers disagree on which one is the document,
    so what Redliner shows could differ from what Word shows."""
    seen: set[str] = set()
    for info in infos:
        name = info.filename.casefold()
        if name in seen:
            raise DamagedDocumentError(
                f"{path.name} is damaged: it holds two parts named {info.filename}; ask for a fresh copy")
        seen.add(name)


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse from the zip headers, before inflating anything (zipfile never inflates past the declared size)."""
    _refuse_duplicate_names(path, infos)
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:  # zip-level encryption: zipfile would raise RuntimeError asking for a password
            raise EncryptedDocumentError(
                f"{path.name} is a password-protected zip archive (not Word's own protection), which neither "
                "Word nor Redliner opens; ask for an unprotected copy")
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART_BYTES or (info.file_size > 10 * 1024 * 1024 and ratio > MAX_RATIO):
            raise UnsupportedDocumentError(
                f"{path.name} looks like a zip bomb: {info.filename} would expand to {_megabytes(info.file_size)} "
                f"(ratio {ratio:.0f}:1); refused before unpacking")
    if total > MAX_TOTAL_BYTES:
        raise UnsupportedDocumentError(
            f"{path.name} looks like a zip bomb: its parts would expand to {_megabytes(total)}, over "
            f"Redliner's limit of {_megabytes(MAX_TOTAL_BYTES)}; refused before unpacking")
