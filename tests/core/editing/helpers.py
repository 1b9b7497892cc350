"""Small documents for the editing tests, and readers of what an edit wrote."""

from __future__ import annotations

from lxml import etree

from redliner.core import ReviewDocument
from redliner.core.editing.edits import Editor
from redliner.core.oxml.wordml import W_P
from tests.docx_factory import W, make_docx

NS = {"w": W}
DATE = "2024-05-06T07:08:09Z"


def open_body(tmp_path, body: str, name: str = "doc.docx", **kwargs) -> ReviewDocument:
    return ReviewDocument.open(make_docx(tmp_path, body, name=name), **kwargs)


def body_of(review: ReviewDocument):
    return review.package.xml(review.package.main_document)


def paragraphs(review: ReviewDocument) -> list:
    return list(body_of(review).iter(W_P))


def editor(review: ReviewDocument, author: str = "Pat", **kwargs) -> Editor:
    return Editor(review, author, DATE, **kwargs)


def xml(element) -> bytes:
    return etree.tostring(element)


def find(element, path: str) -> list:
    return element.xpath(path, namespaces=NS)


MATH_BODY = ('<w:p><w:r><w:t>x</w:t></w:r><m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/'
             'math"><m:r><m:t>a+b</m:t></m:r></m:oMath><w:r><w:t>y</w:t></w:r></w:p>')
