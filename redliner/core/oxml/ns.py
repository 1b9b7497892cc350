"""Namespaces and qualified tag names used across the engine."""

from redliner.core.opc.constants import CP_NS, DC_NS, DCTERMS_NS, REL_NS  # noqa: F401  (re-exported)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_NS = "http://www.w3.org/XML/1998/namespace"

XML_SPACE = f"{{{XML_NS}}}space"


def w(local: str) -> str:
    """Clark name of a WordprocessingML element or attribute: w('p') -> '{...main}p'."""
    return f"{{{W_NS}}}{local}"


def local_name(tag) -> str:
    """Local part of a Clark name; '' for comments and processing instructions."""
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def is_w(tag, *locals_: str) -> bool:
    return isinstance(tag, str) and tag.startswith(f"{{{W_NS}}}") and local_name(tag) in locals_
