"""Writing WordprocessingML into a QTextDocument with a QTextCursor: paragraphs, runs, tables, change marks.

One walk over the tree. Each story paragraph becomes exactly one block (line breaks are U+2028), so a
paragraph can later be rewritten in place without moving any other block. Consecutive text with the same
format and the same change is inserted in one call; that is what keeps a 20,000-paragraph body fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QTextBlockFormat, QTextCursor, QTextFormat

from redliner.core.oxml.ns import w
from redliner.core.oxml.numbering import wrapped_children
from redliner.core.oxml.pagebreaks import W_PAGE_BREAK_BEFORE, W_SECTPR, page_breaks_of
from redliner.core.oxml.styles import StyleSheet
from redliner.core.oxml.wordml import W_BR, W_P, W_R, W_RPR, W_TBL, W_TC, W_TR, W_TYPE, W_VAL, properties_of
from redliner.core.review.model import Change, Status

from .formats import (
    ROLE_DELETED,
    ROLE_FORMAT,
    ROLE_INSERTED,
    ROLE_PLAIN,
    Painter,
    RunLook,
)

MC_ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
MATH = ("{http://schemas.openxmlformats.org/officeDocument/2006/math}oMath",
        "{http://schemas.openxmlformats.org/officeDocument/2006/math}oMathPara")
_TEXT_TAGS = frozenset((w("t"), w("delText")))
CHUNK = 64  # body paragraphs and tables per QTextFrame (see write_body)
_REVISION_WRAPPERS = frozenset(w(n) for n in ("ins", "del", "moveFrom", "moveTo"))
_DELETING_WRAPPERS = frozenset(w(n) for n in ("del", "moveFrom"))
_INLINE_CONTAINERS = frozenset(w(n) for n in ("hyperlink", "smartTag", "sdt", "sdtContent", "customXml",
                                              "fldSimple", "bdo", "dir"))
_BLOCK_CONTAINERS = frozenset(w(n) for n in ("sdt", "sdtContent", "customXml", "ins", "del", "moveFrom",
                                             "moveTo", "body"))
_FIXED_TEXT = {w("tab"): "\t", w("ptab"): "\t", w("br"): "\u2028", w("cr"): "\u2028", w("noBreakHyphen"): "-",
               w("drawing"): "[image]", w("pict"): "[image]", w("object"): "[image]", MC_ALTERNATE: "[image]"}
_NOTE_REFERENCES = frozenset((w("footnoteReference"), w("endnoteReference")))
_TOGGLES = {w("b"): 0, w("i"): 1}
# Where comments sit: recorded (not drawn) so that the comments pane can select a comment's text.
_COMMENT_MARKS = {w("commentRangeStart"): "start", w("commentRangeEnd"): "end", w("commentReference"): "reference"}
W_U, W_RSTYLE, W_PSTYLE, W_SYM, W_VERT_ALIGN = w("u"), w("rStyle"), w("pStyle"), w("sym"), w("vertAlign")
W_TC_PR, W_GRID_SPAN, W_BIDI, W_ID, W_VMERGE = w("tcPr"), w("gridSpan"), w("bidi"), w("id"), w("vMerge")
# Characters that would split a block in a QTextDocument: a paragraph must stay one block.
_NO_BLOCK_BREAKS = str.maketrans({"\n": " ", "\r": " ", "\u2029": " ", "\x0b": "\u2028"})


@dataclass
class Owners:
    """Which change each element shows, for one render: (change, role) per element."""

    elements: dict = field(default_factory=dict)  # revision wrapper, marker run, w:tr, w:tc -> (Change, role)
    formats: dict = field(default_factory=dict)  # w:r with a w:rPrChange -> Change
    paragraph_marks: dict = field(default_factory=dict)  # w:p -> [(Change, role)], drawn as a "¶" after the text


_SHOWN = frozenset((Status.PENDING, Status.SKIPPED, Status.NOT_A_PROPOSAL))


def shows(change: Change) -> bool:
    """Still in the document: pending, skipped for later, or (a marker span) kept as not a proposal."""
    return change.status in _SHOWN


class DocumentWriter:
    """Writes story content at a cursor and reports paragraphs and change ranges to a layout."""

    def __init__(self, cursor: QTextCursor, painter: Painter, styles: StyleSheet, owners: Owners, layout,
                 list_items: dict | None = None):
        self.cursor = cursor
        self.painter = painter
        self.styles = styles
        self.owners = owners
        self.layout = layout
        self.list_items = list_items or {}
        self._fresh = True  # the cursor sits in an empty block no paragraph has taken yet
        self._context = None  # (change, role) of the row or cell being written
        self._pending: list[str] = []
        self._pending_look: RunLook | None = None
        self._pending_changes: tuple = ()
        self._block = 0
        self._block_start = 0
        self._heading: int | None = None
        self._plain_look = RunLook()
        self._plain_looks: dict = {}
        self._waiting_marks: list = []  # comment marks between paragraphs: they go to the next one's start
        self._tables = 0  # how many tables the cursor is in
        # Where a page break (w:br w:type="page") stands in the paragraph being written: None (there is none),
        # "start" (no text before it), "end" (no text after it, so far) or "middle".
        self._page_break: str | None = None
        self._has_text = False  # the paragraph being written has shown text (its list label aside)
        self._broken_after = None  # the block of the last body paragraph, if it breaks the page after it

    # -- blocks ------------------------------------------------------------------------------------

    def write_story(self, container) -> None:
        for child in container:
            tag = child.tag
            if tag == W_P:
                self.paragraph(child)
            elif tag == W_TBL:
                self.table(child)
            elif tag in _BLOCK_CONTAINERS:
                self.write_story(child)
            elif tag in _COMMENT_MARKS:
                self._block_comment_mark(child)

    def write_body(self, body, chunked: bool = True, part: range | None = None) -> None:
        """The body: its first CHUNK paragraphs and tables as they come, then each next CHUNK in a frame of its
        own. Qt moves a whole frame at once, so a change in one block repositions the blocks of its frame and
        the frames after it, not every block after it (a keystroke in the middle of 500 pages: about 2 ms of
        layout instead of 15-25 ms). Before each frame and after the last, Qt keeps an empty block of its own;
        it is drawn 2 px high. A body of CHUNK items or fewer has no frame and no such block, and neither has
        any body when `chunked` is False.

        `part`: only the body's paragraphs and tables of these numbers (in body_items order), and the comment
        marks between them."""
        frame = None
        count = 0
        for child in _story_children(body) if part is None else _part_of(body, part):
            if child.tag in _COMMENT_MARKS:
                self._block_comment_mark(child)
                continue
            if chunked and count and count % CHUNK == 0:
                frame = self._next_frame(frame)
            count += 1
            if child.tag == W_P:
                self.paragraph(child)
            else:
                self.table(child)
        if frame is not None:
            self._leave_frame(frame)
        if self._broken_after is not None:  # a break after the last paragraph would end on an empty page
            page_break = QTextBlockFormat()
            page_break.setPageBreakPolicy(self._broken_after.blockFormat().pageBreakPolicy()
                                          & ~QTextFormat.PageBreakFlag.PageBreak_AlwaysAfter)
            QTextCursor(self._broken_after).mergeBlockFormat(page_break)

    def _next_frame(self, frame):
        if frame is not None:
            self._leave_frame(frame)
        elif not self._fresh:  # after the first chunk's last paragraph: a block of its own before the frame
            self.cursor.insertBlock()
            self._fill()
        else:  # after a table: the empty block Qt keeps after it goes before the frame
            self._fill()
        frame = self.cursor.insertFrame(self.painter.chunk_format)
        self._fresh = True
        return frame

    def _leave_frame(self, frame) -> None:
        self.cursor.setPosition(frame.lastPosition())
        self.cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
        self._fill()

    def _fill(self) -> None:
        self.cursor.setBlockFormat(self.painter.filler_format)
        self.cursor.setBlockCharFormat(self.painter.filler_char_format)

    def paragraph(self, paragraph) -> None:
        heading, right_to_left, page_breaks = self._properties(paragraph)
        label, level = self.list_items.get(paragraph, ("", None))
        block_format = self.painter.block_format(heading, level, right_to_left, labelled=bool(label.strip()))
        if self._fresh:
            self.cursor.setBlockFormat(block_format)
            self._fresh = False
        else:
            self.cursor.insertBlock(block_format, self.painter.plain)
        block = self.layout.paragraph_block(paragraph, self.cursor.block(), label, level, heading)
        for mark in self._waiting_marks:
            self.layout.add_comment_mark(block, 0, mark.get(W_ID, ""), _COMMENT_MARKS[mark.tag])
        self._waiting_marks = []
        self.write_content(paragraph, block, self.cursor.position(), label, heading)
        if not self._tables:
            self._break_page(*page_breaks)

    def _break_page(self, before: bool, after: bool) -> None:
        """Give the block the page breaks its paragraph makes in print (QTextDocument honours them on pages only):
        before it (`before`: by its properties; a page break before its text) or after it (`after`: it ends a
        section; a page break after its text). A page break between two pieces of text stays a line break: a
        block cannot be cut between two pages."""
        before, after = before or self._page_break == "start", after or self._page_break == "end"
        before = before and self._broken_after is None  # a break after the one before is enough: no blank page
        self._broken_after = self.cursor.block() if after else None
        if before or after:
            policy = QTextFormat.PageBreakFlag.PageBreak_Auto
            if before:
                policy |= QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
            if after:
                policy |= QTextFormat.PageBreakFlag.PageBreak_AlwaysAfter
            page_break = QTextBlockFormat()
            page_break.setPageBreakPolicy(policy)
            self.cursor.mergeBlockFormat(page_break)

    def paragraph_properties(self, paragraph) -> tuple[int | None, bool]:
        """(heading level of its style, right to left) of a paragraph.

        A heading looks like one because of its style; a direct w:outlineLvl only files the paragraph in the
        navigation pane, so it does not change how the text looks here either."""
        return self._properties(paragraph)[:2]

    def _properties(self, paragraph) -> tuple[int | None, bool, tuple[bool, bool]]:
        """paragraph_properties(), and the page breaks its properties make (pagebreaks.page_breaks)."""
        props = properties_of(paragraph)
        heading, right_to_left = None, False
        style = own_break = section = None
        for child in props if props is not None else ():  # a loop, not find(): this runs for every paragraph
            tag = child.tag
            if tag == W_PSTYLE:
                style = child.get(W_VAL, "")
                heading = self.styles.heading_level(style)
            elif tag == W_BIDI:
                right_to_left = child.get(W_VAL, "1") not in ("0", "false", "off")
            elif tag == W_PAGE_BREAK_BEFORE:
                own_break = child
            elif tag == W_SECTPR:
                section = child
        return heading, right_to_left, page_breaks_of(own_break, style, section, self.styles)

    def table(self, table) -> None:
        row_elements = list(wrapped_children(table, W_TR))
        rows = [list(wrapped_children(row, W_TC)) for row in row_elements]
        spans = [[_grid_span(cell) for cell in cells] for cells in rows]
        columns = max([sum(s) for s in spans] + [1])
        if not rows:
            return
        qt_table = self.cursor.insertTable(len(rows), columns, self.painter.table_format)
        self._tables += 1
        self._broken_after = None
        heights, continued = _vertical_merges(rows, spans)
        for r, row_spans in enumerate(spans):
            column = 0
            for span in row_spans:
                height = heights.get((r, column), 1)
                if (span > 1 or height > 1) and (r, column) not in continued and column + span <= columns:
                    qt_table.mergeCells(r, column, min(height, len(rows) - r), span)
                column += span
        outer_cursor, outer_context = self.cursor, self._context
        for r, (row, cells) in enumerate(zip(row_elements, rows, strict=True)):
            row_context = self._owner(row, outer_context)
            column = 0
            for cell, span in zip(cells, spans[r], strict=True):
                if column < columns:
                    qt_cell = qt_table.cellAt(r, column)
                    # A continued cell's paragraphs go after those of the cell its merge began with.
                    merged_into = (r, column) in continued
                    self.cursor = qt_cell.lastCursorPosition() if merged_into else qt_cell.firstCursorPosition()
                    self._fresh, self._context = not merged_into, self._owner(cell, row_context)
                    self.write_story(cell)
                column += span
        self.cursor, self._context = outer_cursor, outer_context
        self._tables -= 1
        self.cursor.setPosition(qt_table.lastPosition())
        self.cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
        self._fresh = True

    # -- a paragraph's text ------------------------------------------------------------------------------

    def write_content(self, paragraph, block: int, block_start: int, label: str, heading: int | None) -> None:
        """Text of one paragraph at the cursor: label, runs, then marks for paragraph-level changes. `block`:
        the block's key in the layout (spans.BlockIndex)."""
        self._block, self._block_start = block, block_start
        self._heading = heading
        self._page_break, self._has_text = None, False
        plain = self._plain_looks.get(heading)
        if plain is None:
            plain = self._plain_looks[heading] = RunLook(heading=heading)
        self._plain_look = plain
        if label.strip():  # a blank bullet (pandoc's continuation paragraphs) shows as the indent only
            self._emit(label + "\t", plain, ())
        self._inline(paragraph, self._context)
        for change, role in self.owners.paragraph_marks.get(paragraph, ()):
            if shows(change):
                self._emit("¶", RunLook(heading=heading, role=role, colour=self.painter.colour_of(change)),
                           (change.id,))
        self._flush()

    def _owner(self, element, inherited):
        found = self.owners.elements.get(element)
        if found is None or found[0].status not in _SHOWN:
            return inherited
        change = found[0]
        if change.status == Status.NOT_A_PROPOSAL:
            return change, ROLE_PLAIN  # real emphasis: just the document's own formatting
        return found

    def _inline(self, element, mark) -> None:
        for child in element:
            tag = child.tag
            if tag == W_R:
                self._run(child, mark)
            elif tag in _REVISION_WRAPPERS:
                self._inline(child, self._owner(child, mark) or _unowned(tag))
            elif tag in _INLINE_CONTAINERS:
                self._inline(child, mark)
            elif tag in MATH:
                self._emit("[equation]", RunLook(heading=self._heading), ())
            elif tag in _COMMENT_MARKS:
                self._comment_mark(child)

    def _run(self, run, mark) -> None:
        mark = self._owner(run, mark)
        format_change = self.owners.formats.get(run)
        if format_change is not None and not shows(format_change):
            format_change = None
        changes = ((mark[0].id,) if mark is not None and mark[0] is not None else ()) + (
            (format_change.id,) if format_change is not None else ())
        props = run[0] if len(run) and run[0].tag == W_RPR else None
        look = self._look(props, mark, format_change)
        parts = []
        for child in run:
            tag = child.tag
            if tag in _TEXT_TAGS:
                if child.text:
                    parts.append(child.text)
                    if self._page_break == "end":
                        self._page_break = "middle"
                    self._has_text = True
            elif tag in _FIXED_TEXT:
                parts.append(_FIXED_TEXT[tag])
                if tag == W_BR and child.get(W_TYPE) == "page" and self._page_break is None:
                    self._page_break = "end" if self._has_text else "start"
            elif tag in _NOTE_REFERENCES:
                self._emit_text(parts, look, changes)
                parts = []
                note_mark = self.layout.note_marks.get(child, child.get(W_ID, "*"))  # Word's running number
                if note_mark:
                    self._emit(note_mark, look.superscript(), changes)
            elif tag == W_SYM:
                parts.append(_symbol(child))
            elif tag in _COMMENT_MARKS:
                self._emit_text(parts, look, changes)
                parts = []
                self._comment_mark(child)
        self._emit_text(parts, look, changes)

    def _comment_mark(self, mark) -> None:
        self._flush()
        self.layout.add_comment_mark(self._block, self.cursor.position() - self._block_start, mark.get(W_ID, ""),
                                     _COMMENT_MARKS[mark.tag])

    def _block_comment_mark(self, mark) -> None:
        """A mark between paragraphs: a range's end closes the paragraph before, anything else waits for the next."""
        if _COMMENT_MARKS[mark.tag] == "end" and not self._fresh:
            self.layout.add_comment_mark(self._block, self.cursor.position() - self._block_start,
                                         mark.get(W_ID, ""), "end")
        else:
            self._waiting_marks.append(mark)

    def _emit_text(self, parts: list, look: RunLook, changes: tuple) -> None:
        if parts:
            text = parts[0] if len(parts) == 1 else "".join(parts)
            self._emit(text if text.isprintable() else text.translate(_NO_BLOCK_BREAKS), look, changes)

    def _look(self, props, mark, format_change) -> RunLook:
        if props is None and mark is None and format_change is None:
            return self._plain_look
        bold = italic = underline = False
        shift = ""
        if props is not None:
            bold, italic, underline, shift = self._toggles(props)
        role = colour = None
        if mark is not None:
            role, colour = mark[1], self.painter.colour_of(mark[0])
        elif format_change is not None:
            role, colour = ROLE_FORMAT, self.painter.colour_of(format_change)
        return RunLook(bold, italic, underline, self._heading, role, colour, shift == "superscript",
                       shift == "subscript")

    def _toggles(self, props) -> tuple[bool, bool, bool, str]:
        """(bold, italic, underline, w:vertAlign value) of a run, from its w:rPr and its character style."""
        values = [None, None]
        underline = shift = None
        style = None
        for prop in props:
            tag = prop.tag
            if tag in _TOGGLES:
                values[_TOGGLES[tag]] = prop.get(W_VAL, "1") not in ("0", "false", "off")
            elif tag == W_U:
                underline = prop.get(W_VAL, "single") != "none"
            elif tag == W_RSTYLE:
                style = prop.get(W_VAL, "")
            elif tag == W_VERT_ALIGN:
                shift = prop.get(W_VAL, "")
        if style and (values[0] is None or values[1] is None):
            values = [v if v is not None else self.styles.style_toggle(style, t) for v, t in
                      zip(values, (w("b"), w("i")), strict=True)]
        if style and shift is None:
            found = self.styles.style_property(style, W_VERT_ALIGN)
            shift = found.get(W_VAL, "") if found is not None else ""
        return bool(values[0]), bool(values[1]), bool(underline), shift or ""

    # -- inserting ---------------------------------------------------------------------------------------

    def _emit(self, text: str, look: RunLook, changes: tuple) -> None:
        if look != self._pending_look or changes != self._pending_changes:
            self._flush()
            self._pending_look, self._pending_changes = look, changes
        self._pending.append(text)

    def _flush(self) -> None:
        if not self._pending:
            return
        text = "".join(self._pending)
        self._pending.clear()
        char_format = self.painter.char_format(self._pending_look)
        if not self._pending_changes:
            self.cursor.insertText(text, char_format)
            return
        start = self.cursor.position()
        self.cursor.insertText(text, char_format)
        end = self.cursor.position()
        for change_id in self._pending_changes:
            self.layout.add_range(self._block, start - self._block_start, end - self._block_start, change_id)


def body_items(body) -> list:
    """The body's paragraphs and tables in order (what `write_body`'s part counts)."""
    return [child for child in _story_children(body) if child.tag not in _COMMENT_MARKS]


def _part_of(body, part: range):
    """The story's children from item part.start to item part.stop, with the comment marks between them."""
    number = -1
    for child in _story_children(body):
        if child.tag not in _COMMENT_MARKS:
            number += 1
        if number >= part.stop:
            return
        if number >= part.start:
            yield child


def _story_children(container):
    """The paragraphs, tables and comment marks of a story in order, through the block containers that may
    wrap them."""
    for child in container:
        tag = child.tag
        if tag in (W_P, W_TBL) or tag in _COMMENT_MARKS:
            yield child
        elif tag in _BLOCK_CONTAINERS:
            yield from _story_children(child)


def _unowned(tag):
    """A revision wrapper no change claims (the engine warned about it): shown, but neutral."""
    return (None, ROLE_DELETED if tag in _DELETING_WRAPPERS else ROLE_INSERTED)


def _vertical_merges(rows: list[list], spans: list[list[int]]) -> tuple[dict, set]:
    """Cells merged down the table (w:vMerge): {(row, grid column): rows spanned} for each merge's first
    cell, and the (row, grid column) of the cells that continue a merge."""
    heights: dict = {}
    continued: set = set()
    open_merges: dict = {}  # grid column -> (row, column) of the cell its merge began with
    for r, (cells, row_spans) in enumerate(zip(rows, spans, strict=True)):
        column = 0
        for cell, span in zip(cells, row_spans, strict=True):
            merge = _vertical_merge(cell)
            if merge == "continue" and column in open_merges:
                start = open_merges[column]
                heights[start] += 1
                continued.add((r, column))
            elif merge == "restart":
                open_merges[column] = (r, column)
                heights[(r, column)] = 1
            else:
                open_merges.pop(column, None)
            column += span
    return heights, continued


def _vertical_merge(cell) -> str:
    """'restart', 'continue' or '' (not merged down) for a w:tc."""
    props = cell[0] if len(cell) and cell[0].tag == W_TC_PR else None
    merge = props.find(W_VMERGE) if props is not None else None
    if merge is None:
        return ""
    return "restart" if merge.get(W_VAL, "continue") == "restart" else "continue"


def _grid_span(cell) -> int:
    props = cell[0] if len(cell) and cell[0].tag == W_TC_PR else None
    for prop in props if props is not None else ():
        if prop.tag == W_GRID_SPAN:
            value = prop.get(W_VAL, "1")
            return int(value) if value.isdigit() and int(value) > 0 else 1
    return 1


def _symbol(sym) -> str:
    code = sym.get(w("char"), "")
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if 0xF000 <= value <= 0xF0FF:
        value -= 0xF000  # Symbol and Wingdings fonts: the private use area mirrors the font's code points
    return chr(value) if value >= 0x20 else ""
