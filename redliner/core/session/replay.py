"""Making a comparison or combination again from its origin (review/origin.py), to replay an autosave."""

from __future__ import annotations

from redliner.core.comparison.combine import combine
from redliner.core.comparison.compare import compare
from redliner.core.review.document import ReviewDocument
from redliner.core.review.markers import parse_rules
from redliner.core.review.origin import COMPARE, Origin


def rebuild(origin: Origin) -> ReviewDocument:
    """The same ReviewDocument again, every change pending."""
    if origin.kind == COMPARE:
        base, draft = origin.inputs
        return compare(base, draft, author=origin.options.get("author"),
                       markers=parse_rules(origin.options.get("markers", "")),
                       report_formatting=bool(origin.options.get("formatting")), date=origin.date)
    return combine(origin.inputs[0], origin.inputs[1:], authors=origin.options.get("authors"), date=origin.date)
