"""Every bad input the engine must refuse (or open) cleanly, built cheaply in a folder.

`BAD_INPUTS` are files Redliner must refuse with one clear line; `GOOD_ODDITIES` are unusual files it must open
and save without losing anything. Each builder writes into a folder and returns the path; nothing here is
bigger than a few hundred kilobytes on disk (the zip bomb lies in its headers, the oversized file is sparse).
Run `python -m tests.bad_inputs FOLDER` to write them all, e.g. to try them in the app by hand.
"""

from __future__ import annotations

import io
import struct
import sys
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.docx_factory import CONTENT_TYPES, W, document_xml, docx_bytes, p, r

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
BODY = p(r("Hello "), '<w:ins w:id="1" w:author="Alex" w:date="2024-01-01T00:00:00Z">' + r("world") + "</w:ins>")


@dataclass(frozen=True)
class BadInput:
    name: str
    what: str  # as the README table says it
    build: Callable[[Path], Path]
    error: str  # name of the RedlinerError subclass expected
    says: str  # a fragment of the message the user sees


# -- zip packages --------------------------------------------------------------------------------


def zip_bytes(entries: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_entries(body: str = BODY) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx_bytes(body))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def docx_with(document: str | bytes | None = None, drop: tuple[str, ...] = ()) -> bytes:
    """The factory's package with word/document.xml replaced and some entries dropped."""
    entries = docx_entries()
    if document is not None:
        entries["word/document.xml"] = document
    for name in drop:
        entries.pop(name)
    return zip_bytes(entries)


def with_declared_sizes(data: bytes, sizes: dict[str, int]) -> bytes:
    """Rewrite the central directory so that entries *claim* to expand to `sizes` (a zip bomb's headers)."""
    out = bytearray(data)
    position = out.find(b"PK\x01\x02")
    while position != -1:
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", out, position + 28)
        name = bytes(out[position + 46 : position + 46 + name_length]).decode()
        if name in sizes:
            struct.pack_into("<I", out, position + 24, sizes[name])
        position = out.find(b"PK\x01\x02", position + 46 + name_length + extra_length + comment_length)
    return bytes(out)


# -- XML that must never be expanded or fetched -------------------------------------------------------

DOCTYPE_XML = f'<?xml version="1.0"?>\n<!DOCTYPE w:document>\n<w:document xmlns:w="{W}"><w:body/></w:document>'

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE w:document [\n<!ENTITY lol "lol">\n'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">\n'
              for i in range(1, 10))
    + f']>\n<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
)


def external_entity_xml(url: str) -> str:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY secret SYSTEM "{url}">]>\n'
            f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&secret;</w:t></w:r></w:p></w:body></w:document>')


def external_dtd_xml(url: str) -> str:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE w:document SYSTEM "{url}">\n'
            f'<w:document xmlns:w="{W}"><w:body/></w:document>')


def utf16_hidden(xml: str) -> bytes:
    """The same XML in UTF-16 after 10 kB of comment, so that a byte scan for '<!DOCTYPE' cannot see it."""
    xml = xml.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
    head, _, rest = xml.partition("\n")
    return (head + "\n<!--" + "x" * 10_000 + "-->\n" + rest).encode("utf-16")


# -- OLE compound files (encrypted .docx, legacy .doc) ------------------------------------------------


def ole_file(stream_name: str, payload: bytes = b"\0" * 64) -> bytes:
    """A minimal compound file: header, one FAT sector, one directory sector, one data sector.

    Enough for any reader to find a root entry and one stream named `stream_name` (Word's encrypted
    packages hold "EncryptedPackage"; Word 97-2003 files hold "WordDocument").
    """
    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = OLE_SIGNATURE
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 44, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 76, 0, *([free] * 108))
    fat = struct.pack("<128I", fat_sector, end, end, *([free] * 125))
    directory = _ole_entry("Root Entry", 5, child=1) + _ole_entry(stream_name, 2, start=2, size=4096)
    directory += bytes(512 - len(directory))
    data = payload.ljust(4096, b"\0")
    return bytes(header) + fat + directory + data[:512] + data[512:]


def _ole_entry(name: str, kind: int, child: int = 0xFFFFFFFF, start: int = 0xFFFFFFFE, size: int = 0) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    entry = bytearray(128)
    entry[0 : len(encoded)] = encoded
    struct.pack_into("<HBB", entry, 64, len(encoded), kind, 1)
    struct.pack_into("<III", entry, 68, 0xFFFFFFFF, 0xFFFFFFFF, child)
    struct.pack_into("<II", entry, 116, start, size)
    return bytes(entry)


# -- builders --------------------------------------------------------------------------------------


def writer(filename: str, data: Callable[[], bytes]) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = Path(folder) / filename
        path.write_bytes(data())
        return path

    return build


def sparse_oversized(folder: Path, size: int | None = None) -> Path:
    """A file just over the size limit that takes no disk space: a zip signature, then a hole."""
    from redliner.core.opc import package

    path = Path(folder) / "huge.docx"
    with path.open("wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(size or package.MAX_FILE_BYTES + 1024 * 1024)
    return path


def vanished(folder: Path) -> Path:
    return Path(folder) / "moved-away.docx"


def folder_named_docx(folder: Path) -> Path:
    path = Path(folder) / "folder.docx"
    path.mkdir(exist_ok=True)
    return path


def zip_bomb_headers() -> bytes:
    """word/document.xml claims to expand to 4 GB: refused from the headers, nothing is inflated."""
    return with_declared_sizes(docx_with(), {"word/document.xml": 0xFFFFFFF0})


def zip_bomb_ratio() -> bytes:
    """A real bomb in miniature: 64 MB of zeros deflated to ~64 kB (ratio ~1000:1) in a media part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in docx_entries().items():
            archive.writestr(name, data)
        with archive.open("word/media/image1.png", "w") as handle:
            chunk = bytes(1 << 20)
            for _ in range(64):
                handle.write(chunk)
    return buffer.getvalue()


def zip_bomb_total() -> bytes:
    """250 parts each claiming 9 MB (too small to look like a bomb alone): 2.2 GB together."""
    entries = docx_entries()
    names = [f"customXml/item{i}.xml" for i in range(250)]
    entries.update({name: b"<a/>" for name in names})
    return with_declared_sizes(zip_bytes(entries), {name: 9 * 1024 * 1024 for name in names})


def zip_encrypted() -> bytes:
    """A package whose zip entries claim zip-level (ZipCrypto) encryption: a .docx zipped with a password."""
    data = bytearray(docx_with())
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        position = data.find(signature)
        while position != -1:
            flags = struct.unpack_from("<H", data, position + flags_at)[0]
            struct.pack_into("<H", data, position + flags_at, flags | 1)
            position = data.find(signature, position + 4)
    return bytes(data)


def duplicate_part() -> bytes:
    """Two word/document.xml entries: one reader would show the first, another the second."""
    buffer = io.BytesIO(docx_with())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile's "Duplicate name": exactly what is wanted
        with zipfile.ZipFile(buffer, "a") as archive:
            archive.writestr("word/document.xml", document_xml(p(r("a different text"))))
    return buffer.getvalue()


def corrupt_deflate() -> bytes:
    """A zip whose document.xml data is garbled: the deflate stream itself is broken."""
    data = bytearray(docx_with(document_xml(p(r("hello world " * 40)))))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename)
    for position in range(start, start + info.compress_size, 7):
        data[position] ^= 0xFF
    return bytes(data)


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
MALFORMED = f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>unclosed</w:body>'

BAD_INPUTS: list[BadInput] = [
    BadInput("empty", "empty file (0 bytes)", writer("empty.docx", lambda: b""), "NotADocxError", "is empty"),
    BadInput("text", "plain text renamed .docx", writer("notes.docx", lambda: b"Dear reviewer,\nsee the draft.\n"),
             "NotADocxError", "not a Word .docx document"),
    BadInput("pdf", "PDF renamed .docx", writer("scan.docx", lambda: PDF), "NotADocxError", "is a PDF file"),
    BadInput("png", "PNG image renamed .docx", writer("photo.docx", lambda: PNG), "NotADocxError", "is a PNG image"),
    BadInput("truncated", "truncated zip (download cut short)",
             writer("cut.docx", lambda: docx_with()[:900]), "DamagedDocumentError", "damaged"),
    BadInput("corrupt-deflate", "zip whose compressed data is garbled", writer("garbled.docx", corrupt_deflate),
             "DamagedDocumentError", "damaged"),
    BadInput("duplicate-part", "two word/document.xml entries in one zip", writer("twice.docx", duplicate_part),
             "DamagedDocumentError", "two parts named word/document.xml"),
    BadInput("no-content-types", "zip without [Content_Types].xml",
             writer("plain.docx", lambda: docx_with(drop=("[Content_Types].xml",))), "NotADocxError",
             "[Content_Types].xml"),
    BadInput("no-document", "zip without word/document.xml",
             writer("hollow.docx", lambda: docx_with(drop=("word/document.xml",))), "DamagedDocumentError",
             "word/document.xml is missing"),
    BadInput("malformed-xml", "malformed XML in word/document.xml",
             writer("broken.docx", lambda: docx_with(MALFORMED)), "DamagedDocumentError",
             "word/document.xml in broken.docx is damaged"),
    BadInput("doctype", "XML with a DOCTYPE", writer("doctype.docx", lambda: docx_with(DOCTYPE_XML)),
             "UnsupportedDocumentError", "DOCTYPE"),
    BadInput("billion-laughs", "entity expansion (billion laughs)",
             writer("laughs.docx", lambda: docx_with(BILLION_LAUGHS)), "UnsupportedDocumentError", "DOCTYPE"),
    BadInput("billion-laughs-utf16", "billion laughs in UTF-16 behind a 10 kB comment",
             writer("laughs16.docx", lambda: docx_with(utf16_hidden(BILLION_LAUGHS))), "UnsupportedDocumentError",
             "DOCTYPE"),
    BadInput("xxe-file", "external entity file:///etc/passwd",
             writer("xxe-file.docx", lambda: docx_with(external_entity_xml("file:///etc/passwd"))),
             "UnsupportedDocumentError", "DOCTYPE"),
    BadInput("xxe-http", "external entity http://",
             writer("xxe-http.docx", lambda: docx_with(external_entity_xml("http://127.0.0.1:9/secret"))),
             "UnsupportedDocumentError", "DOCTYPE"),
    BadInput("xxe-utf16", "external entity in UTF-16 behind a 10 kB comment",
             writer("xxe16.docx", lambda: docx_with(utf16_hidden(external_entity_xml("file:///etc/passwd")))),
             "UnsupportedDocumentError", "DOCTYPE"),
    BadInput("external-dtd", "external DTD (http://)",
             writer("dtd.docx", lambda: docx_with(external_dtd_xml("http://127.0.0.1:9/x.dtd"))),
             "UnsupportedDocumentError", "DOCTYPE"),
    BadInput("bomb-headers", "zip bomb: a part claims to expand to 4 GB", writer("bomb.docx", zip_bomb_headers),
             "UnsupportedDocumentError", "zip bomb"),
    BadInput("bomb-ratio", "zip bomb: 64 MB of zeros in 64 kB (1000:1)", writer("bomb2.docx", zip_bomb_ratio),
             "UnsupportedDocumentError", "zip bomb"),
    BadInput("bomb-total", "zip bomb: 250 parts of 9 MB each, 2.2 GB together", writer("bomb3.docx", zip_bomb_total),
             "UnsupportedDocumentError", "zip bomb"),
    BadInput("zip-encrypted", "zip archive with a password (ZipCrypto)", writer("zipped.docx", zip_encrypted),
             "EncryptedDocumentError", "password-protected zip archive"),
    BadInput("encrypted", "password-protected .docx (OLE with EncryptedPackage)",
             writer("secret.docx", lambda: ole_file("EncryptedPackage")), "EncryptedDocumentError",
             "password-protected"),
    BadInput("legacy-doc", "Word 97-2003 .doc (OLE with WordDocument)",
             writer("old.doc", lambda: ole_file("WordDocument")), "NotADocxError", "save it as .docx"),
    BadInput("legacy-doc-renamed", "Word 97-2003 .doc renamed .docx",
             writer("old.docx", lambda: ole_file("WordDocument")), "NotADocxError", "save it as .docx"),
    BadInput("other-ole", "another old Office file (Excel 97) renamed .docx",
             writer("sheet.docx", lambda: ole_file("Workbook")), "NotADocxError", "older Office file"),
    BadInput("oversized", "file over the size limit (512 MB)", sparse_oversized, "UnsupportedDocumentError",
             "over Redliner's limit of 512 MB"),
    BadInput("vanished", "file that does not exist (moved or deleted)", vanished, "NotADocxError",
             "does not exist"),
    BadInput("folder", "a folder named .docx", folder_named_docx, "NotADocxError", "is a folder"),
]

# -- unusual files that must open, and save without losing a byte of what Redliner does not understand --

MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCUMENT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
VBA_PROJECT = bytes(range(256)) * 40  # stands in for a compiled macro project: opaque bytes


def docm_bytes() -> bytes:
    entries = docx_entries()
    entries["[Content_Types].xml"] = CONTENT_TYPES.replace(DOCUMENT_MAIN, MACRO_MAIN).replace(
        "</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
    entries["word/_rels/document.xml.rels"] = entries["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rId9" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
        b'Target="vbaProject.bin"/></Relationships>')
    entries["word/vbaProject.bin"] = VBA_PROJECT
    return zip_bytes(entries)


def dotx_bytes() -> bytes:
    entries = docx_entries()
    entries["[Content_Types].xml"] = CONTENT_TYPES.replace(DOCUMENT_MAIN, TEMPLATE_MAIN)
    return zip_bytes(entries)


W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
ACME = "urn:example:acme-review"

EXTENDED_DOCUMENT = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:document xmlns:w="{W}" xmlns:w14="{W14}" xmlns:w15="{W15}" xmlns:mc="{MC}" xmlns:acme="{ACME}" '
    f'mc:Ignorable="w14 w15 acme"><w:body>'
    f'<w:p w14:paraId="1A2B3C4D" w14:textId="77777777"><w:r><w:t xml:space="preserve">Kept </w:t></w:r>'
    f'<w:ins w:id="1" w:author="Alex" w:date="2024-01-01T00:00:00Z"><w:r><w:t>new</w:t></w:r></w:ins>'
    f'<acme:note acme:level="2">reviewer-only metadata</acme:note></w:p>'
    f'<w:p w14:paraId="0F0F0F0F"><mc:AlternateContent><mc:Choice Requires="w14"><w:r><w:t>choice</w:t></w:r>'
    f'</mc:Choice><mc:Fallback><w:r><w:t>fallback</w:t></w:r></mc:Fallback></mc:AlternateContent>'
    f'<w:r><w:rPr><w14:ligatures w14:val="standard"/></w:rPr><w:t>ligatures</w:t></w:r></w:p>'
    f'<w15:extra w15:val="1"/><w:sectPr/></w:body></w:document>'
)


@dataclass(frozen=True)
class OddInput:
    name: str
    what: str
    build: Callable[[Path], Path]
    suffix: str  # what the output must be called


GOOD_ODDITIES: list[OddInput] = [
    OddInput("docm", "macro-enabled .docm (word/vbaProject.bin)", writer("macros.docm", docm_bytes), ".docm"),
    OddInput("dotx", "template .dotx", writer("template.dotx", dotx_bytes), ".dotx"),
    OddInput("extensions", "w14/w15 attributes, mc:AlternateContent, a custom namespace element",
             writer("extended.docx", lambda: docx_with(EXTENDED_DOCUMENT)), ".docx"),
]


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [case.build(folder) for case in [*BAD_INPUTS, *GOOD_ODDITIES] if case.name != "oversized"]


if __name__ == "__main__":
    for written in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "bad-inputs")):
        print(written)
