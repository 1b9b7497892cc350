"""Joining the two PDFs of a meeting copy made in two pieces (meeting_split), as Qt's PDF engine writes them.

Qt writes a plain PDF: every object as "N 0 obj ... endobj" at the offsets of one classic xref table, one Pages
object listing the page objects, and for each page a /Contents stream and a /Resources dictionary of its own.
So the join works on the bytes, without reading any content stream: the tail's objects are renumbered after the
head's and appended, the Pages object is written anew with the pages in their order, and a page is laid over
another as a Form XObject (the other page's content stream, given a Form's dictionary) drawn by a few bytes of
content. pikepdf does the same in about ten times the time (it reads and writes every object through qpdf).

A PDF not laid out so raises NotQtPdf; the caller joins it another way.

    joined = join(head, tail, at=head_pages, shared=True, margins=head_pages)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_XREF = re.compile(rb"xref\s+0\s+(\d+)\s*\n")
_REF = re.compile(rb"(\d+) 0 R")
_HEADER = re.compile(rb"(\d+) 0 obj\b")
_STREAM = re.compile(rb">>\s*stream\r?\n")
_ENTRY = re.compile(rb"/(\w+)\s+(\d+) 0 R")
_MEDIABOX = re.compile(rb"/MediaBox\s*\[([^\]]*)\]")
_KIDS = re.compile(rb"/Kids\s*\[([^\]]*)\]")
_XOBJECTS = re.compile(rb"/XObject\s*<<")


class NotQtPdf(ValueError):
    """The PDF is not laid out as Qt writes it."""


@dataclass
class _Pdf:
    objects: dict[int, bytes]  # number -> the object's bytes, "N 0 obj" to "endobj" included
    size: int  # the xref table's /Size: object numbers are below it
    trailer: bytes

    def entry(self, number: int, key: bytes) -> int:
        """The object number `key` refers to in object `number`'s dictionary."""
        return _reference(self._dictionary(number), key, f"object {number}")

    def trailer_entry(self, key: bytes) -> int:
        return _reference(self.trailer, key, "the trailer")

    def pages(self) -> list[int]:
        pages = self.entry(self.trailer_entry(b"Root"), b"Pages")
        kids = _KIDS.search(self._dictionary(pages))
        if kids is None:
            raise NotQtPdf("the Pages object lists no /Kids")
        numbers = [int(n) for n in _REF.findall(kids.group(1))]
        if any(b"/Type /Pages" in self._dictionary(n) for n in numbers):
            raise NotQtPdf("a page tree of more than one level")
        return numbers

    def _dictionary(self, number: int) -> bytes:
        """The object's text before its stream data, if any (where its references are)."""
        data = self.objects.get(number)
        if data is None:
            raise NotQtPdf(f"no object {number}")
        stream = _STREAM.search(data)
        return data if stream is None else data[:stream.start() + 2]


def _reference(text: bytes, key: bytes, where: str) -> int:
    for found, target in _ENTRY.findall(text):
        if found == key:
            return int(target)
    raise NotQtPdf(f"{where} has no /{key.decode()} reference")


def parse(data: bytes) -> _Pdf:
    start = _STARTXREF.search(data[-64:])
    xref = _XREF.match(data, int(start.group(1))) if start else None
    if xref is None:
        raise NotQtPdf("no classic xref table at startxref")
    count, table = int(xref.group(1)), xref.end()
    offsets = {}
    for number in range(count):
        entry = data[table + 20 * number:table + 20 * number + 20]
        if entry[17:18] == b"n":
            offsets[number] = int(entry[:10])
    trailer_at = table + 20 * count
    if not data.startswith(b"trailer", trailer_at):
        raise NotQtPdf("the xref table is not followed by its trailer")
    ends = sorted(offsets.values()) + [int(start.group(1))]
    following = dict(zip(ends, ends[1:], strict=False))
    objects = {}
    for number, offset in offsets.items():
        text = data[offset:following[offset]]
        header = _HEADER.match(text)
        if header is None or int(header.group(1)) != number or b"endobj" not in text[-16:]:
            raise NotQtPdf(f"object {number} is not where the xref table says")
        objects[number] = text[:text.rindex(b"endobj") + 6] + b"\n"
    return _Pdf(objects, count, data[trailer_at:data.rindex(b"startxref")])


def join(head: bytes, tail: bytes, at: int, shared: bool, margins: int = 0) -> bytes:
    """`head` with `tail`'s pages put in before its page `at`; if `shared`, tail's first page is laid over head's
    page at - 1 instead. Head's last `margins` pages are laid over its first ones and left out. Head's title,
    metadata and catalog."""
    try:
        return _join(parse(head), parse(tail), at, shared, margins)
    except NotQtPdf:
        raise
    except (KeyError, IndexError, ValueError) as exc:  # a part not where Qt puts it: not Qt's layout after all
        raise NotQtPdf(f"unexpected PDF structure ({exc!r})") from exc


def _join(first: _Pdf, rest: _Pdf, at: int, shared: bool, margins: int) -> bytes:
    base = first.size
    objects = dict(first.objects)
    dropped = {rest.trailer_entry(b"Root"), rest.trailer_entry(b"Info"),
               rest.entry(rest.trailer_entry(b"Root"), b"Pages")}
    pages_node = first.entry(first.trailer_entry(b"Root"), b"Pages")
    for number, text in rest.objects.items():
        if number not in dropped:
            objects[number + base] = _renumbered(text, base)
    own, theirs = first.pages(), [n + base for n in rest.pages()]
    for number in theirs:
        objects[number] = re.sub(rb"/Parent \d+ 0 R", b"/Parent %d 0 R" % pages_node, objects[number], count=1)
    laid = _Overlays(objects, base + rest.size)
    for number in range(margins):
        laid.add(own[number], own[len(own) - margins + number], b"RlM")
    kept, left_out = own[:len(own) - margins], own[len(own) - margins:]
    if shared:
        left_out.append(theirs[0])
        laid.add(kept[at - 1], theirs.pop(0), b"RlT")
    laid.write()
    order = kept[:at] + theirs + kept[at:]
    for number in left_out:  # pages now drawn as forms over others: their content and resources stay
        del objects[number]
    objects[pages_node] = (b"%d 0 obj\n<<\n/Type /Pages\n/Kids [\n" % pages_node
                           + b"".join(b"%d 0 R\n" % n for n in order)
                           + b"]\n/Count %d\n>>\nendobj\n" % len(order))
    return _written(objects, first.trailer)


def _renumbered(text: bytes, base: int) -> bytes:
    """An object of the tail with its number and its references moved up by `base` (not in stream data)."""
    stream = _STREAM.search(text)
    head, data = (text, b"") if stream is None else (text[:stream.start()], text[stream.start():])
    head = _HEADER.sub(lambda m: b"%d 0 obj" % (int(m.group(1)) + base), head, count=1)
    return _REF.sub(lambda m: b"%d 0 R" % (int(m.group(1)) + base), head) + data


class _Overlays:
    """Pages drawn over others: each over-page's content stream becomes a Form XObject; each page under one gets it
    in its resources and draws it after its own content (wrapped in q/Q: Qt's leaves its transformation set)."""

    def __init__(self, objects: dict[int, bytes], free: int):
        self.objects, self.free = objects, free
        self.draws: dict[int, list[bytes]] = {}  # page -> names to draw over it, in order
        self.extended: set[tuple[int, bytes]] = set()  # (resources object, name) given an overlay

    def add(self, under: int, over: int, name: bytes) -> None:
        contents = self._entry(over, b"Contents")
        resources = self._entry(over, b"Resources")
        box = _MEDIABOX.search(self.objects[over])
        form = self.objects[contents]
        if box is None or not form.split(b"\n", 1)[1].startswith(b"<<") or _STREAM.search(form) is None:
            raise NotQtPdf(f"page object {over} has no /MediaBox of its own or no single content stream")
        header, rest = form.split(b"\n", 1)
        self.objects[contents] = (header + b"\n<<\n/Type /XObject\n/Subtype /Form\n/BBox [" + box.group(1).strip()
                                  + b"]\n/Resources %d 0 R\n" % resources + rest[2:])
        owned = self._entry(under, b"Resources")
        if (owned, name) in self.extended:  # resources shared by pages: one name could not point to two forms
            raise NotQtPdf(f"resources {owned} serve more than one page")
        self.extended.add((owned, name))
        text, found = _XOBJECTS.subn(b"/XObject <<\n/" + name + b" %d 0 R" % contents, self.objects[owned], count=1)
        if not found:
            raise NotQtPdf(f"resources {owned} have no /XObject dictionary")
        self.objects[owned] = text
        self.draws.setdefault(under, []).append(name)

    def write(self) -> None:
        """The content streams that draw the overlays, and each page's /Contents pointing to them."""
        streams: dict[bytes, int] = {}

        def stream(content: bytes) -> int:
            if content not in streams:
                streams[content] = self.free
                self.objects[self.free] = (b"%d 0 obj\n<<\n/Length %d\n>>\nstream\n" % (self.free, len(content))
                                           + content + b"\nendstream\nendobj\n")
                self.free += 1
            return streams[content]

        for page, names in self.draws.items():
            parts = [stream(b"q"), self._entry(page, b"Contents"), stream(b"Q")]
            parts += [stream(b"q /" + name + b" Do Q") for name in names]
            text, found = re.subn(rb"/Contents \d+ 0 R", b"/Contents [" + b" ".join(b"%d 0 R" % n for n in parts)
                                  + b"]", self.objects[page], count=1)
            if not found:
                raise NotQtPdf(f"page object {page} has no single /Contents stream")
            self.objects[page] = text

    def _entry(self, number: int, key: bytes) -> int:
        return _reference(self.objects[number], key, f"object {number}")


def _written(objects: dict[int, bytes], trailer: bytes) -> bytes:
    size = max(objects) + 1
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += objects[number]
    xref = len(out)
    out += b"xref\n0 %d\n" % size
    for number in range(size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    trailer = re.sub(rb"/Size \d+", b"/Size %d" % size, trailer, count=1)
    out += trailer + b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
