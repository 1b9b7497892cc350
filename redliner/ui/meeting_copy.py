"""The meeting copy's content: a cover, the document drawn by the app's renderer with each change numbered, and
the rows of the change summary. Paging and painting are in meeting_pages.py; HTML in meeting_html.py.

    copy = build_meeting_copy(review, MeetingOptions(view=ViewMode.MARKUP, pending_only=False))
    copy.document        # QTextDocument: cover, then the text (numbers after each change, in its author's colour)
    copy.stretches       # [(start, end, colour)] of numbered change text, for the change bars
    copy.rows            # [SummaryRow] for the summary table

Who decided a change and when (the decision log) and its comment threads come from two hooks, so that the
exporter does not depend on how those are stored: `decided(change) -> (who, when) | None` and
`threads(change) -> [str]`. By default nobody decided anything and there are no comments.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLength,
)

from redliner.core import Change, ReviewDocument, Status
from redliner.core.oxml.ns import DC_NS
from redliner.core.oxml.sections import SectionPage, first_section_page
from redliner.core.review.history import history_for
from redliner.core.wording import plural

from .colours import author_colours
from .render import ViewMode, render

Decided = Callable[[Change], "tuple[str, str] | None"]
Threads = Callable[[Change], "list[str]"]
STATUS_ORDER = (Status.ACCEPTED, Status.REJECTED, Status.SKIPPED, Status.PENDING, Status.NOT_A_PROPOSAL)
VIEW_NAMES = {ViewMode.MARKUP: "Markup", ViewMode.FINAL: "Final", ViewMode.ORIGINAL: "Original"}
NUMBER_POINTS = 7.0


def nobody_decided(change: Change) -> None:
    return None


def nothing_earlier() -> list:
    return []


def no_threads(change: Change) -> list[str]:
    return []


@dataclass
class MeetingOptions:
    view: ViewMode = ViewMode.MARKUP
    pending_only: bool = False  # decided changes drawn as their result, unnumbered, left out of the summary
    summary: bool = True
    colours: dict | None = None  # author -> QColor; default: the app's palette for the review's authors
    decided: Decided = nobody_decided
    threads: Threads = no_threads
    # Decisions a saved copy no longer shows (an accepted or rejected change is gone from it), from the decision
    # log: [(kind, author, text, status, "who, when")], summarised after the document's own changes.
    earlier: Callable[[], list[tuple[str, str, str, str, str]]] = nothing_earlier
    exported_at: datetime | None = None  # default: now


@dataclass
class SummaryRow:
    number: str
    section: str
    kind: str
    author: str
    text: str
    status: str
    decided: str  # "who, when" or ""
    threads: list[str]
    colour: str  # '#rrggbb' of the author


@dataclass
class MeetingCopy:
    document: QTextDocument
    title: str
    file_name: str
    page: SectionPage
    stretches: list[tuple[int, int, str]] = field(default_factory=list)
    rows: list[SummaryRow] = field(default_factory=list)
    summary: bool = True
    authors: dict = field(default_factory=dict)  # author -> '#rrggbb'
    counts: dict = field(default_factory=dict)  # Status -> how many
    earlier: list = field(default_factory=list)  # MeetingOptions.earlier()'s decisions, for the summary rows


def build_meeting_copy(review: ReviewDocument, options: MeetingOptions | None = None,
                       part: range | None = None, rows: bool = True) -> MeetingCopy:
    """`part`: only these body items (docwriter.body_items), for a copy exported in two pieces (meeting_split):
    the cover goes with the piece that begins the body. `rows=False`: no summary rows (add_summary_rows adds
    them later)."""
    options = options or MeetingOptions()
    colours = options.colours or author_colours({c.author for c in review.changes})
    statuses = {c.id: c.status for c in review.changes}  # as decided, whatever a render does for a moment
    listed = [c for c in review.changes if not (options.pending_only and c.is_decided)]
    with _drawn_undecided(review, options.view == ViewMode.MARKUP and not options.pending_only):
        rendered = render(review, options.view, colours, chunked=False, part=part)  # laid out once: no frames
    document = rendered.document
    names = {a: QColor(c).name() for a, c in colours.items()}
    copy = MeetingCopy(document, document_title(review), Path(str(review.path)).name,
                       first_section_page(review.package, review.package.main_document), summary=options.summary,
                       authors={a: names.get(a, "#808080") for a in sorted({c.author for c in review.changes})},
                       counts={s: sum(1 for v in statuses.values() if v == s) for s in STATUS_ORDER})
    numbered = [(span, change, names.get(change.author, "#808080"))
                for change in listed for span in rendered.spans.stretches(change.id)]
    copy.stretches = _number_changes(document, numbered)
    copy.earlier = [] if options.pending_only else list(options.earlier())
    for *_, status, _ in copy.earlier:
        copy.counts[Status(status)] = copy.counts.get(Status(status), 0) + 1
    if part is None or part.start == 0:
        shift = _insert_cover(document, copy, options)
        copy.stretches = [(start + shift, end + shift, colour) for start, end, colour in copy.stretches]
    if rows:
        add_summary_rows(copy, review, options)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, copy.title)
    document.setUseDesignMetrics(True)  # print metrics, not the screen's hinted ones
    return copy


def add_summary_rows(copy: MeetingCopy, review: ReviewDocument, options: MeetingOptions) -> None:
    """The summary's rows: the listed changes, then the decisions the saved copy no longer shows."""
    names = copy.authors
    copy.rows = [summary_row(c, c.status, options, names) for c in review.changes
                 if not (options.pending_only and c.is_decided)]
    for kind, author, text, status, decided in copy.earlier:
        copy.rows.append(SummaryRow("—", "(decided before this copy was saved)", kind, author, text, status,
                                    decided, [], names.get(author, "#808080")))


def document_title(review: ReviewDocument) -> str:
    return review.core_property(DC_NS, "title") or Path(str(review.path)).stem


@contextmanager
def _drawn_undecided(review: ReviewDocument, wanted: bool) -> Iterator[None]:
    """With every decision made in the app taken back for the moment, so that decided changes are drawn (and
    numbered) as changes; the decisions are made again afterwards, in the same order."""
    history = history_for(review)
    if not wanted or not history.applied:
        yield
        return
    batches = history.batches()
    while history.applied:
        history.take_back()
    try:
        yield
    finally:
        for ids, decision in batches:
            history.apply(ids, decision)


def summary_row(change: Change, status: Status, options: MeetingOptions, colours: dict) -> SummaryRow:
    decided = options.decided(change)
    return SummaryRow(change.id, change.location.heading, change.kind.value, change.author, change.text,
                      status.value, ", ".join(decided) if decided else "", list(options.threads(change)),
                      colours.get(change.author, "#808080"))


# -- change numbers ----------------------------------------------------------------------------------------


def _number_changes(document: QTextDocument, numbered: list) -> list[tuple[int, int, str]]:
    """Insert each change's number after each stretch of its text; returns the stretches' new places (number
    included). Inserted from the end backwards, so that the places still to insert at stay right."""
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    formats: dict[str, QTextCharFormat] = {}
    inserts = sorted(((end, int(change.id), change.id, colour) for (_, end), change, colour in numbered),
                     reverse=True)
    for position, _, number, colour in inserts:
        cursor.setPosition(position)
        cursor.insertText(number, formats.get(colour) or formats.setdefault(colour, _number_format(colour)))
    cursor.endEditBlock()
    points = sorted(p for p, _, _, _ in inserts)
    lengths = sorted((p, len(n)) for p, _, n, _ in inserts)
    added = [0]
    for _, length in lengths:
        added.append(added[-1] + length)

    def moved(position: int) -> int:  # text at `position` moves right by every number inserted at or before it
        return position + added[bisect.bisect_right(points, position)]

    return [(moved(start), moved(end), colour) for (start, end), _, colour in numbered]


def _number_format(colour: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
    fmt.setForeground(QColor(colour))
    fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontPointSize(NUMBER_POINTS)
    return fmt


# -- cover -------------------------------------------------------------------------------------------------


def cover_lines(copy: MeetingCopy, options: MeetingOptions) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """The cover as (line kind, [(text, colour or None)]): 'title', 'line', 'legend'."""
    when = (options.exported_at or datetime.now()).strftime("%Y-%m-%d %H:%M")
    scope = "pending changes only" if options.pending_only else "all changes"
    counts = copy.counts
    total = sum(counts.values())
    tally = (f"{plural(total, 'change')}: {counts[Status.ACCEPTED]} accepted, {counts[Status.REJECTED]} rejected, "
             f"{counts[Status.SKIPPED]} skipped, {counts[Status.PENDING]} pending")
    if counts[Status.NOT_A_PROPOSAL]:
        tally += f", {counts[Status.NOT_A_PROPOSAL]} not a proposal"
    reviewers: list[tuple[str, str | None]] = [("Reviewers: ", None)]
    for author, colour in copy.authors.items():
        reviewers += [("■ ", colour), (author, colour), ("  ", None)]
    if not copy.authors:
        reviewers.append(("none (no changes)", None))
    return [
        ("label", [("Meeting copy", None)]),
        ("title", [(copy.title, None)]),
        ("line", [(f"File: {copy.file_name} · Exported: {when} · View: {VIEW_NAMES[options.view]}, {scope}",
                   None)]),
        ("line", reviewers),
        ("line", [(tally, None)]),
        ("legend", [("Inserted text is underlined and deleted text struck through in its author's colour; the small "
                     "number after a change is its number in the change list and the summary; a bar in the left "
                     "margin marks each line with a change.", None)]),
    ]


def _insert_cover(document: QTextDocument, copy: MeetingCopy, options: MeetingOptions) -> int:
    """Put the cover before the text; returns by how many characters the text moved."""
    before = document.characterCount()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    cursor.setPosition(0)
    first_block, first_chars = cursor.blockFormat(), cursor.charFormat()
    cursor.insertBlock(first_block, first_chars)  # the text's first paragraph keeps its look, one block down
    cursor.setPosition(0)
    for n, (kind, pieces) in enumerate(cover_lines(copy, options)):
        block = QTextBlockFormat()
        block.setBottomMargin(14.0 if kind in ("title", "legend") else 4.0)
        if kind == "legend":  # a rule between the cover and the document
            block.setProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth,
                              QTextLength(QTextLength.Type.PercentageLength, 100))
        if n:
            cursor.insertBlock(block, QTextCharFormat())
        else:
            cursor.setBlockFormat(block)
        for text, colour in pieces:
            cursor.insertText(text, _cover_format(kind, colour))
    cursor.endEditBlock()
    return document.characterCount() - before


def _cover_format(kind: str, colour: str | None) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if kind == "title":
        fmt.setFontPointSize(18.0)
        fmt.setFontWeight(QFont.Weight.Bold)
    elif kind == "label":
        fmt.setFontPointSize(9.0)
        fmt.setFontCapitalization(QFont.Capitalization.AllUppercase)
        fmt.setForeground(QColor("#555555"))
    elif kind == "legend":
        fmt.setFontPointSize(8.0)
        fmt.setFontItalic(True)
        fmt.setForeground(QColor("#555555"))
    if colour:
        fmt.setForeground(QColor(colour))
    return fmt
