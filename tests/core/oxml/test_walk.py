"""walk.py: one pass hands each reader its elements in document order."""

from __future__ import annotations

from lxml import etree

from redliner.core.oxml.walk import walk

XML = "<a><b n='1'/><c n='2'><b n='3'/></c><d n='4'/></a>"


def test_each_reader_gets_its_tags_in_document_order():
    root = etree.fromstring(XML)
    first, second = [], []
    walk(root, {"b": first.append, "d": first.append}, {"c": second.append})
    assert [e.get("n") for e in first] == ["1", "3", "4"]
    assert [e.get("n") for e in second] == ["2"]


def test_two_readers_of_one_tag_both_get_it_in_the_order_given():
    root = etree.fromstring(XML)
    calls = []
    walk(root, {"b": lambda e: calls.append(("one", e.get("n")))}, {"b": lambda e: calls.append(("two", e.get("n")))})
    assert calls == [("one", "1"), ("two", "1"), ("one", "3"), ("two", "3")]

