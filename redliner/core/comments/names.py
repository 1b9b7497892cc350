"""Names of the comment parts: namespaces, tags, relationship and content types."""

from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from redliner.core.oxml.ns import W_NS, w
from redliner.core.review.comment_marks import W_RANGE_END, W_RANGE_START, W_REFERENCE  # noqa: F401

W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
W16CID_NS = "http://schemas.microsoft.com/office/word/2016/wordml/cid"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PREFIXES = {"w14": W14_NS, "w15": W15_NS, "w16cid": W16CID_NS}
for _prefix, _uri in PREFIXES.items():  # new attributes in parts that did not declare these get Word's prefixes
    etree.register_namespace(_prefix, _uri)

W_COMMENT, W_COMMENTS = w("comment"), w("comments")
W_ID, W_AUTHOR, W_DATE, W_INITIALS = w("id"), w("author"), w("date"), w("initials")
PARA_ID = f"{{{W14_NS}}}paraId"
TEXT_ID = f"{{{W14_NS}}}textId"
W15_COMMENT_EX, W15_COMMENTS_EX = f"{{{W15_NS}}}commentEx", f"{{{W15_NS}}}commentsEx"
W15_PARA_ID, W15_PARENT, W15_DONE = f"{{{W15_NS}}}paraId", f"{{{W15_NS}}}paraIdParent", f"{{{W15_NS}}}done"
W15_PEOPLE, W15_PERSON, W15_AUTHOR = f"{{{W15_NS}}}people", f"{{{W15_NS}}}person", f"{{{W15_NS}}}author"
W15_PRESENCE, W15_PROVIDER, W15_USER = (f"{{{W15_NS}}}presenceInfo", f"{{{W15_NS}}}providerId",
                                        f"{{{W15_NS}}}userId")
CID_IDS, CID_ID = f"{{{W16CID_NS}}}commentsIds", f"{{{W16CID_NS}}}commentId"
CID_PARA_ID, CID_DURABLE = f"{{{W16CID_NS}}}paraId", f"{{{W16CID_NS}}}durableId"

REL_COMMENTS = RT.COMMENTS
REL_EXTENDED = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
REL_IDS = "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds"
REL_PEOPLE = "http://schemas.microsoft.com/office/2011/relationships/people"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."

# (relationship type, default part name, content type, root tag, namespaces of a new root)
PARTS = {
    "comments": (REL_COMMENTS, "word/comments.xml", CT.WML_COMMENTS, W_COMMENTS, {"w": W_NS, "w14": W14_NS}),
    "extended": (REL_EXTENDED, "word/commentsExtended.xml", _WML + "commentsExtended+xml", W15_COMMENTS_EX,
                 {"w15": W15_NS}),
    "ids": (REL_IDS, "word/commentsIds.xml", _WML + "commentsIds+xml", CID_IDS, {"w16cid": W16CID_NS}),
    "people": (REL_PEOPLE, "word/people.xml", _WML + "people+xml", W15_PEOPLE, {"w15": W15_NS}),
}
