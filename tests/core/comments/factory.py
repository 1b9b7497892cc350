"""Tiny documents with comments, for the comments layer's tests."""

from __future__ import annotations

from tests.docx_factory import REL_TYPE, W, make_docx

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
CID = "http://schemas.microsoft.com/office/word/2016/wordml/cid"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def start(cid) -> str:
    return f'<w:commentRangeStart w:id="{cid}"/>'


def end(cid) -> str:
    return f'<w:commentRangeEnd w:id="{cid}"/>'


def ref(cid) -> str:
    return f'<w:r><w:commentReference w:id="{cid}"/></w:r>'


def comment(cid, text: str, author: str = "Ann", para_id: str = "", date: str = "2024-03-01T10:00:00Z",
            initials: str = "") -> str:
    para = f' w14:paraId="{para_id}"' if para_id else ""
    paragraphs = "".join(f"<w:p{para if i == len(text.split(chr(10))) - 1 else ''}><w:r><w:t>{line}</w:t></w:r>"
                         "</w:p>" for i, line in enumerate(text.split("\n")))
    extra = f' w:initials="{initials}"' if initials else ""
    return f'<w:comment w:id="{cid}" w:author="{author}" w:date="{date}"{extra}>{paragraphs}</w:comment>'


def comments_part(*comments: str) -> str:
    return f'{HEAD}<w:comments xmlns:w="{W}" xmlns:w14="{W14}">{"".join(comments)}</w:comments>'


def extended_part(*entries: tuple) -> str:
    """entries: (paraId, parent paraId or '', done)."""
    body = "".join(f'<w15:commentEx w15:paraId="{p}"' + (f' w15:paraIdParent="{parent}"' if parent else "")
                   + f' w15:done="{1 if done else 0}"/>' for p, parent, done in entries)
    return f'{HEAD}<w15:commentsEx xmlns:w15="{W15}">{body}</w15:commentsEx>'


def ids_part(*entries: tuple) -> str:
    body = "".join(f'<w16cid:commentId w16cid:paraId="{p}" w16cid:durableId="{d}"/>' for p, d in entries)
    return f'{HEAD}<w16cid:commentsIds xmlns:w16cid="{CID}">{body}</w16cid:commentsIds>'


def people_part(*names: str) -> str:
    body = "".join(f'<w15:person w15:author="{n}"><w15:presenceInfo w15:providerId="None" w15:userId="{n}"/>'
                   "</w15:person>" for n in names)
    return f'{HEAD}<w15:people xmlns:w15="{W15}">{body}</w15:people>'


_RELS = {"comments.xml": REL_TYPE + "comments",
         "commentsExtended.xml": "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
         "commentsIds.xml": "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
         "people.xml": "http://schemas.microsoft.com/office/2011/relationships/people"}


def commented_docx(folder, body: str, comments: str | None = None, *, extended: str | None = None,
                   ids: str | None = None, people: str | None = None, stories=(), name: str = "doc.docx"):
    """A .docx whose body is `body`, with these comment parts (each with its relationship)."""
    parts = [(f"word/{file}", xml, f'<Relationship Id="rIdc{n}" Type="{_RELS[file]}" Target="{file}"/>')
             for n, (file, xml) in enumerate((("comments.xml", comments), ("commentsExtended.xml", extended),
                                              ("commentsIds.xml", ids), ("people.xml", people)))
             if xml is not None]
    return make_docx(folder, body, name=name, stories=list(stories) + parts)
