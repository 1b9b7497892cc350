"""Block offsets of the view <-> the engine's paragraph offsets (edit_map): every character the engine counts
is found where the view shows it, whatever the paragraph holds (a list label, revisions, tabs, a note number,
a picture shown as "[image]")."""

from __future__ import annotations

from redliner.core import ReviewDocument
from redliner.ui.edit_map import block_map
from redliner.ui.render import ViewMode, render
from tests.docx_factory import dele, dr, ins, make_docx, p, r

TAB_RUN = "<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t></w:r>"
NOTE_RUN = '<w:r><w:footnoteReference w:id="12"/></w:r>'
PICTURE_RUN = "<w:r><w:drawing/></w:r>"
FIELD = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
         '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
         '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def maps(tmp_path, body):
    review = ReviewDocument.open(make_docx(tmp_path, body))
    rendered = render(review, ViewMode.MARKUP)
    found = []
    for number in rendered.paragraph_blocks():
        block = rendered.document.findBlockByNumber(number)
        found.append((block_map(rendered, review, rendered._layout.key_at(block)), block.text()))
    return found


def test_every_text_character_is_where_the_view_shows_it(tmp_path):
    body = (p(r("Plain "), ins(r("added ")), dele(dr("gone ")), r("end."))
            + p(r("x"), TAB_RUN, NOTE_RUN, r(" y"), PICTURE_RUN, r("z"), FIELD, r(" after"))
            + p())
    for block_map_, shown in maps(tmp_path, body):
        text = block_map_.text.text
        for offset, character in enumerate(text):
            if character not in ("\ufffc",):
                assert shown[block_map_.to_block(offset)] == character, (offset, text, shown)
            assert block_map_.to_paragraph(block_map_.to_block(offset)) == offset
        assert block_map_.to_paragraph(len(shown)) == len(text)
        assert block_map_.to_block(len(text)) <= len(shown)


def test_a_place_inside_a_pictures_placeholder_is_the_picture_and_the_end_of_it_after_it(tmp_path):
    ((found, shown),) = maps(tmp_path, p(r("a"), PICTURE_RUN, r("b")))
    assert shown == "a[image]b"
    assert [found.to_paragraph(k) for k in range(len(shown) + 1)] == [0, 1, 1, 1, 1, 1, 1, 1, 2, 3]
