"""The meeting copy as one self-contained HTML file, for email: Qt's own HTML of the cover and the marked text
(styles inline: colours, underlines, strike-through, superscript numbers), then the summary as an HTML table.
Nothing refers outside the file: no links to style sheets, scripts, fonts or pictures."""

from __future__ import annotations

import re
from html import escape

from .meeting_copy import MeetingCopy
from .meeting_summary import HEADINGS, NONE, TITLE

_DOCTYPE = re.compile(r"^<!DOCTYPE[^>]*>", re.IGNORECASE)
_CELL = "border:1px solid #b0b0b0; padding:2px 4px; vertical-align:top; text-align:left;"


def html_of(copy: MeetingCopy) -> str:
    page = copy.document.toHtml()
    # Qt's doctype names the HTML 4 DTD by URL; a reader would never fetch it, but the file must refer to nothing.
    page = _DOCTYPE.sub("<!DOCTYPE html>", page, count=1)
    page = page.replace('<meta name="qrichtext" content="1" />', "")
    if copy.summary:
        end = page.rfind("</body>")
        page = page[:end] + summary_html(copy) + page[end:]
    return page


def summary_html(copy: MeetingCopy) -> str:
    commented = any(row.threads for row in copy.rows)
    headings = HEADINGS if commented else HEADINGS[:-1]
    head = "".join(f'<th style="{_CELL} background:#ededed;">{escape(h)}</th>' for h in headings)
    rows = []
    for row in copy.rows:
        values = [row.number, row.kind, row.author, row.status, row.section, row.text, row.decided]
        if commented:
            values.append("\n".join(row.threads))
        cells = []
        for column, value in enumerate(values):
            style = _CELL + (f" color:{row.colour};" if column == 2 else "")
            if column == 0:
                style += f" border-left:4px solid {row.colour};"
            cells.append(f'<td style="{style}">{escape(value).replace(chr(10), "<br/>")}</td>')
        rows.append(f'<tr id="change-{escape(row.number)}">{"".join(cells)}</tr>')
    title = f'\n<h2 style="page-break-before:always; font-size:14pt;">{escape(TITLE)}</h2>\n'
    if not copy.rows:
        return title + f"<p>{escape(NONE)}</p>\n"
    return (title + f'<table style="border-collapse:collapse; width:100%; font-size:8pt;">'
            f"<thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>\n")
