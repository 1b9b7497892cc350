"""One walk over a part for every reader: paragraph numbers, headings, revisions, marked runs, text hazards.

An lxml iter() with a tag filter visits the whole tree (about 10 ms for a 500-page body) whatever it yields,
so reading a part with one walk per reader cost four such walks. Here each reader names the tags it wants
and is handed those elements, in document order, from a single walk.
"""

from __future__ import annotations

from collections.abc import Callable

Reader = dict[str, Callable]  # tag -> what to do with each element of that tag


def walk(root, *readers: Reader) -> None:
    """Hand every element whose tag a reader names to that reader, in document order.

    Two readers naming one tag both get its elements (in the order the readers are given).
    """
    route: dict[str, Callable] = {}
    for reader in readers:
        for tag, handle in reader.items():
            route[tag] = _both(route[tag], handle) if tag in route else handle
    if route:
        for element in root.iter(*route):
            route[element.tag](element)


def _both(first: Callable, second: Callable) -> Callable:
    def handle(element) -> None:
        first(element)
        second(element)
    return handle
