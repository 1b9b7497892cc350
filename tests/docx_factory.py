"""Tiny .docx packages built from XML snippets, for unit tests (in the spirit of python-docx's cxml)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Default Extension="png" ContentType="image/png"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"""

DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
{extra}</Relationships>"""
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="character" w:styleId="Emphasis"><w:name w:val="Emphasis"/><w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Proposal"><w:name w:val="Proposal"/><w:basedOn w:val="Emphasis"/></w:style>
</w:styles>"""

CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Ann Author</dc:creator>
<cp:lastModifiedBy>{modified_by}</cp:lastModifiedBy>{modified}</cp:coreProperties>"""


def document_xml(body: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}">'
            f"<w:body>{body}<w:sectPr/></w:body></w:document>")


def story_part(kind: str, content: str) -> tuple[str, str, str]:
    """(part name, XML, relationship) of a header/footer/footnotes/endnotes part holding `content`."""
    root = {"header": "hdr", "footer": "ftr", "footnotes": "footnotes", "endnotes": "endnotes"}[kind]
    name = f"word/{kind}1.xml" if kind in ("header", "footer") else f"word/{kind}.xml"
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{root} xmlns:w="{W}">{content}</w:{root}>'
    rel = f'<Relationship Id="rId{kind}" Type="{REL_TYPE}{kind}" Target="{name[5:]}"/>'
    return name, xml, rel


def docx_bytes(body: str, modified_by: str = "Pat Reviewer", extra: dict[str, str] | None = None,
               stories: list[tuple[str, str, str]] = (), styles: str = "", modified: str = "") -> bytes:
    """The package; `styles`: more w:style elements for word/styles.xml; `modified`: when it was last saved."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("word/document.xml", document_xml(body))
        archive.writestr("word/_rels/document.xml.rels", DOC_RELS.format(extra="".join(s[2] for s in stories)))
        for name, xml, _ in stories:
            if name:  # '' for a relationship without a part of its own (an external link)
                archive.writestr(name, xml)
        archive.writestr("word/styles.xml", STYLES.replace("</w:styles>", styles + "</w:styles>"))
        archive.writestr("docProps/core.xml", CORE.format(modified_by=modified_by, modified=(
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{modified}</dcterms:modified>' if modified else "")))
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def make_docx(folder: Path, body: str, name: str = "doc.docx", **kwargs) -> Path:
    path = Path(folder) / name
    path.write_bytes(docx_bytes(body, **kwargs))
    return path


def p(*content: str, ppr: str = "") -> str:
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{''.join(content)}</w:p>"


def r(text: str, rpr: str = "") -> str:
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}<w:t{space}>{text}</w:t></w:r>"


def dr(text: str) -> str:
    return f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r>'


def ins(*runs: str, author: str = "Alex", rid: int = 1) -> str:
    return f'<w:ins w:id="{rid}" w:author="{author}" w:date="2024-01-01T00:00:00Z">{"".join(runs)}</w:ins>'


def dele(*runs: str, author: str = "Alex", rid: int = 2) -> str:
    return f'<w:del w:id="{rid}" w:author="{author}" w:date="2024-01-01T00:00:00Z">{"".join(runs)}</w:del>'


def italic(text: str) -> str:
    return r(text, "<w:i/>")


def moved_paragraph() -> str:
    """Three paragraphs: 'moved' moves (named move m1 by Alex) from the first to the third, past 'stay'."""
    attrs = 'w:author="Alex" w:date="2024-01-01T00:00:00Z"'
    return (p(f'<w:moveFromRangeStart w:id="1" {attrs} w:name="m1"/>',
              f'<w:moveFrom w:id="2" {attrs}>{r("moved")}</w:moveFrom>', '<w:moveFromRangeEnd w:id="1"/>')
            + p(r("stay"))
            + p(f'<w:moveToRangeStart w:id="3" {attrs} w:name="m1"/>',
                f'<w:moveTo w:id="4" {attrs}>{r("moved")}</w:moveTo>', '<w:moveToRangeEnd w:id="3"/>'))


_LAST_MODIFIED_BY = re.compile(rb"<cp:lastModifiedBy\s*/>|<cp:lastModifiedBy>.*?</cp:lastModifiedBy>", re.S)


def edited_copy(source, target, old: str, new: str, reviewer: str):
    """A clean copy of source with one wording changed, last saved by `reviewer` (as a reviewer's copy is)."""
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename == "word/document.xml":
                if old.encode() not in data:
                    raise ValueError(f"{old!r} is not in {source}")
                data = data.replace(old.encode(), new.encode(), 1)
            if info.filename == "docProps/core.xml":
                data = with_last_modified_by(data, reviewer)
            out.writestr(info, data)
    return target


def with_last_modified_by(core: bytes, name: str) -> bytes:
    """core.xml naming `name` as last modified by: an existing (even empty) element is replaced, not doubled."""
    tag = f"<cp:lastModifiedBy>{name}</cp:lastModifiedBy>".encode()
    if _LAST_MODIFIED_BY.search(core):
        return _LAST_MODIFIED_BY.sub(lambda _: tag, core, count=1)
    return core.replace(b"</cp:coreProperties>", tag + b"</cp:coreProperties>")
