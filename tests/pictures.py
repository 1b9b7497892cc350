"""Small .docx files holding pictures, for the tests of copying pictures between packages."""

from __future__ import annotations

import struct
import zlib

from tests.docx_factory import REL_TYPE

WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
IMAGE_REL = REL_TYPE + "image"
HYPERLINK_REL = REL_TYPE + "hyperlink"


def png(colour: tuple[int, int, int]) -> bytes:
    """A 1x1 PNG of one colour: distinct colours, distinct bytes."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"\x00" + bytes(colour)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def picture_run(rel_id: str, drawing_id: int = 1) -> str:
    return (f'<w:r><w:drawing><wp:inline xmlns:wp="{WP}"><wp:extent cx="9525" cy="9525"/>'
            f'<wp:docPr id="{drawing_id}" name="Picture {drawing_id}"/>'
            f'<a:graphic xmlns:a="{A}"><a:graphicData uri="{PIC}"><pic:pic xmlns:pic="{PIC}">'
            f'<pic:nvPicPr><pic:cNvPr id="0" name="image.png"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip xmlns:r="{R}" r:embed="{rel_id}"/></pic:blipFill><pic:spPr/></pic:pic>'
            f"</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>")


def image_part(rel_id: str, colour: tuple[int, int, int], name: str = "image1.png") -> tuple[str, bytes, str]:
    """(part name, bytes, relationship) for make_docx(stories=...)."""
    return (f"word/media/{name}", png(colour),
            f'<Relationship Id="{rel_id}" Type="{IMAGE_REL}" Target="media/{name}"/>')


def link_rel(rel_id: str, url: str) -> tuple[str, str, str]:
    """A 'story' entry that only adds an external hyperlink relationship (no part)."""
    return ("", "", f'<Relationship Id="{rel_id}" Type="{HYPERLINK_REL}" Target="{url}" TargetMode="External"/>')
