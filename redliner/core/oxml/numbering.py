"""List labels as Word shows them ("1.", "a.", "iv.", "2.3"), computed from word/numbering.xml.

A paragraph is numbered by its w:numPr (direct, or from its paragraph style along basedOn). Its w:num points
to a w:abstractNum whose levels say the format and the label text ("%1.%2"). Counters live per abstractNum,
as in Word: two w:num sharing one abstractNum continue each other, unless a w:num restarts a level with
w:lvlOverride/w:startOverride. That override acts once, at the first paragraph of that w:num on that level, and
on that level only: pandoc's nested lists share an abstractNum with an outer list and restart every level, yet
the outer list goes on counting after them, in Word and LibreOffice alike. Advancing a level resets the deeper
ones (w:lvlRestart can say otherwise), to the level's own start.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from redliner.core.oxml.ns import w
from redliner.core.oxml.styles import StyleSheet
from redliner.core.oxml.wordml import W_P, W_TBL, W_TC, W_TR, W_VAL, properties_of

LEVELS = 9
_CONTAINERS = frozenset(w(n) for n in ("document", "body", "sdt", "sdtContent", "customXml", "ins", "del", "moveFrom",
                                       "moveTo"))
_NUM_PR, _NUM_ID, _ILVL, _P_STYLE = w("numPr"), w("numId"), w("ilvl"), w("pStyle")
# Symbol-font bullets live in the private use area; show what they look like.
_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf076": "❖", "\uf0fc": "✓", "\uf0a8": "◆", "\uf0e8": "➔"}


def story_paragraphs(container):
    """Paragraphs of a story in reading order, tables included, text boxes inside drawings not."""
    for child in container:
        tag = child.tag
        if tag == W_P:
            yield child
        elif tag == W_TBL:
            for row in wrapped_children(child, W_TR):
                for cell in wrapped_children(row, W_TC):
                    yield from story_paragraphs(cell)
        elif tag in _CONTAINERS:
            yield from story_paragraphs(child)


def wrapped_children(parent, tag):
    """Children with tag, looking through content controls and custom XML around them."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _CONTAINERS:
            yield from wrapped_children(child, tag)


@dataclass(frozen=True)
class Level:
    start: int = 1
    format: str = "decimal"
    text: str = "%1."
    restart_after: int | None = None  # w:lvlRestart: None = after any higher level, 0 = never
    legal: bool = False  # w:isLgl: higher levels shown as decimal
    style: str = ""  # w:pStyle: the paragraph style linked to this level


def parse_level(lvl) -> Level:
    def value(local: str, default: str | None = None) -> str | None:
        child = lvl.find(w(local))
        return child.get(W_VAL, default) if child is not None else default

    restart = value("lvlRestart")
    legal = lvl.find(w("isLgl"))
    return Level(
        start=_int(value("start"), 1),
        format=value("numFmt", "decimal") or "decimal",
        text=value("lvlText", "") or "",
        restart_after=_int(restart, None) if restart is not None else None,
        legal=legal is not None and legal.get(W_VAL, "1") not in ("0", "false", "off"),
        style=value("pStyle", "") or "",
    )


def _int(text: str | None, default):
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


@dataclass
class ListInstance:
    """One w:num: its abstractNum and its overrides."""

    abstract: str
    levels: dict[int, Level] = field(default_factory=dict)
    start_overrides: dict[int, int] = field(default_factory=dict)


@dataclass
class _Counters:
    values: list = field(default_factory=lambda: [None] * LEVELS)  # None: level not started


class ListNumbering:
    def __init__(self, abstracts: dict[str, dict[int, Level]], instances: dict[str, ListInstance],
                 styles: StyleSheet | None = None):
        self.abstracts = abstracts
        self.instances = instances
        self.styles = styles or StyleSheet()
        self._style_levels = {(a, lvl.style): n for a, levels in abstracts.items()
                              for n, lvl in levels.items() if lvl.style}
        self._style_cache: dict[str, tuple] = {}
        self._plans: dict[str, _ListPlan] = {}

    # -- reading -------------------------------------------------------------------------------

    @classmethod
    def from_document(cls, doc) -> ListNumbering:
        """Numbering of a ReviewDocument (empty when it has no numbering part)."""
        names = doc.package.related(doc.package.main_document, RT.NUMBERING)
        root = doc.package.xml(names[0]) if names else None
        return cls.from_xml(root, doc.styles)

    @classmethod
    def from_xml(cls, root, styles: StyleSheet | None = None) -> ListNumbering:
        if root is None:
            return cls({}, {}, styles)
        abstracts = {a.get(w("abstractNumId"), ""): _levels_of(a) for a in root.iterchildren(w("abstractNum"))}
        links = {a.get(w("abstractNumId"), ""): a.find(w("numStyleLink")) for a in root.iterchildren(w("abstractNum"))}
        instances = {num.get(w("numId"), ""): _instance(num) for num in root.iterchildren(w("num"))}
        numbering = cls(abstracts, instances, styles)
        numbering._follow_style_links(links)
        return numbering

    def _follow_style_links(self, links: dict) -> None:
        """An abstractNum with w:numStyleLink takes its levels from the list its numbering style points to."""
        for abstract_id, link in links.items():
            if link is None or self.abstracts.get(abstract_id):
                continue
            num_id, _ = self.styles.style_numbering(link.get(W_VAL, ""))
            target = self.instances.get(num_id or "")
            if target is not None and target.abstract != abstract_id:
                self.abstracts[abstract_id] = self.abstracts.get(target.abstract, {})

    # -- resolving -----------------------------------------------------------------------------

    def numbering_of(self, paragraph) -> tuple[str, int] | None:
        """(numId, ilvl) of a paragraph, from its own w:numPr or its style; None when not in a list."""
        props = properties_of(paragraph)
        if props is None:
            return None
        num_id = level = None
        style_id = ""
        for child in props:  # one pass: this runs for every paragraph of the document
            if child.tag == _P_STYLE:
                style_id = child.get(W_VAL, "")
            elif child.tag == _NUM_PR:
                num_id, level = _direct_values(child)
        if num_id is None and level is None and not style_id:
            return None
        if num_id is None or level is None:
            style_num, style_level = self._style_numbering(style_id)
            num_id = num_id if num_id is not None else style_num
            level = level if level is not None else style_level
        if not num_id or num_id == "0" or num_id not in self.instances:
            return None
        if level is None:
            level = self._style_levels.get((self.instances[num_id].abstract, style_id), 0)
        return num_id, min(max(level, 0), LEVELS - 1)

    def _style_numbering(self, style_id: str) -> tuple[str | None, int | None]:
        if not style_id:
            return None, None
        found = self._style_cache.get(style_id)
        if found is None:
            found = self._style_cache[style_id] = self.styles.style_numbering(style_id)
        return found

    def level(self, num_id: str, ilvl: int) -> Level | None:
        instance = self.instances.get(num_id)
        if instance is None:
            return None
        return instance.levels.get(ilvl) or self.abstracts.get(instance.abstract, {}).get(ilvl)

    def labels(self, root) -> dict:
        """Label of every numbered paragraph under root, in one pass; blank labels are left out."""
        return {paragraph: label for paragraph, (label, _) in self.list_items(root).items() if label.strip()}

    def list_items(self, root, stop=None) -> dict:
        """(label, level) of every paragraph in a list under root, in one pass ('' for a blank label); with
        `stop` (a paragraph under root), of those before it only."""
        counters: dict[str, _Counters] = {}
        started: set[tuple[str, int]] = set()  # (numId, level) pairs that have had their paragraph
        found = {}
        for paragraph in story_paragraphs(root):
            if paragraph is stop:
                break
            numbering = self.numbering_of(paragraph)
            if numbering is not None:
                found[paragraph] = (self._advance(*numbering, counters, started), numbering[1])
        return found

    def _advance(self, num_id: str, ilvl: int, counters: dict, started: set) -> str:
        instance = self.instances[num_id]
        plan = self._plan(num_id)
        if plan.levels[ilvl] is None:
            return ""
        state = counters.get(instance.abstract)
        if state is None:
            state = counters[instance.abstract] = _Counters()
        restart = None
        if (num_id, ilvl) not in started:
            started.add((num_id, ilvl))
            restart = instance.start_overrides.get(ilvl)
        values = state.values
        current = values[ilvl]
        if restart is not None:
            values[ilvl] = restart
        else:
            values[ilvl] = plan.starts[ilvl] if current is None else current + 1
        for deeper in plan.resets[ilvl]:
            values[deeper] = None
        return plan.label(ilvl, values)

    def _plan(self, num_id: str) -> _ListPlan:
        plan = self._plans.get(num_id)
        if plan is None:
            plan = self._plans[num_id] = _ListPlan.of(self, num_id)
        return plan


@dataclass
class _ListPlan:
    """What one w:num needs per level, worked out once: levels, starts, which levels restart, label parts."""

    levels: list
    starts: list
    resets: list  # per level: the deeper levels that go back to their start when it advances
    parts: list  # per level: lvlText split into text and (level index, number format) pieces

    @classmethod
    def of(cls, numbering: ListNumbering, num_id: str) -> _ListPlan:
        levels = [numbering.level(num_id, n) for n in range(LEVELS)]
        starts = [lvl.start if lvl is not None else 1 for lvl in levels]
        resets = [[d for d in range(n + 1, LEVELS) if _restarts(levels[d], n)] for n in range(LEVELS)]
        parts = [_label_parts(lvl, n, levels) for n, lvl in enumerate(levels)]
        return cls(levels, starts, resets, parts)

    def label(self, ilvl: int, values: list) -> str:
        out = []
        for part in self.parts[ilvl]:
            if isinstance(part, str):
                out.append(part)
            else:
                n, fmt = part
                out.append(format_number(self.starts[n] if values[n] is None else values[n], fmt))
        return "".join(out)


def _restarts(deeper: Level | None, advanced: int) -> bool:
    restart = deeper.restart_after if deeper is not None else None
    return restart is None or (restart != 0 and advanced < restart)


def _label_parts(level: Level | None, ilvl: int, levels: list) -> list:
    if level is None:
        return []
    if level.format == "bullet":
        return ["".join(_bullet(ch) for ch in level.text)]
    parts: list = []
    for piece in _split_placeholders(level.text):
        if isinstance(piece, str):
            parts.append(piece)
        elif level.format != "none" and piece <= ilvl:
            other = levels[piece]
            fmt = other.format if other is not None else "decimal"
            parts.append((piece, "decimal" if level.legal and piece < ilvl else fmt))
    return parts


def _bullet(ch: str) -> str:
    if ch in _BULLETS:
        return _BULLETS[ch]
    if "\uf000" <= ch <= "\uf0ff":
        return " " if ord(ch) <= 0xF020 else "•"  # a Symbol-font space is a blank bullet
    return ch


def _direct_values(direct) -> tuple[str | None, int | None]:
    num_id = level = None
    for child in direct:
        if child.tag == _NUM_ID:
            num_id = child.get(W_VAL)
        elif child.tag == _ILVL:
            level = _int(child.get(W_VAL), None)
    return num_id, level


def _levels_of(parent) -> dict[int, Level]:
    return {_int(lvl.get(w("ilvl")), 0): parse_level(lvl) for lvl in parent.iterchildren(w("lvl"))}


def _instance(num) -> ListInstance:
    abstract = num.find(w("abstractNumId"))
    instance = ListInstance(abstract.get(W_VAL, "") if abstract is not None else "")
    for override in num.iterchildren(w("lvlOverride")):
        ilvl = _int(override.get(w("ilvl")), 0)
        start = override.find(w("startOverride"))
        if start is not None:
            instance.start_overrides[ilvl] = _int(start.get(W_VAL), 1)
        for lvl in override.iterchildren(w("lvl")):
            instance.levels[ilvl] = parse_level(lvl)
    return instance


def _split_placeholders(text: str) -> list:
    """A w:lvlText as text pieces and level indexes: "%1.%2" -> [0, ".", 1]."""
    out: list = []
    index = 0
    while index < len(text):
        ch = text[index]
        if ch == "%" and index + 1 < len(text) and text[index + 1] in "123456789":
            out.append(int(text[index + 1]) - 1)
            index += 2
        else:
            if out and isinstance(out[-1], str):
                out[-1] += ch
            else:
                out.append(ch)
            index += 1
    return out


# -- number formats -------------------------------------------------------------------------------------

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def roman(value: int) -> str:
    out = []
    for amount, letters in _ROMAN:
        count, value = divmod(value, amount)
        out.append(letters * count)
    return "".join(out)


def letters(value: int) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa..."""
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)


def ordinal(value: int) -> str:
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def format_number(value: int, fmt: str) -> str:
    if value <= 0 and fmt in ("lowerLetter", "upperLetter", "lowerRoman", "upperRoman"):
        return str(value)
    if fmt == "lowerLetter":
        return letters(value)
    if fmt == "upperLetter":
        return letters(value).upper()
    if fmt == "lowerRoman":
        return roman(value)
    if fmt == "upperRoman":
        return roman(value).upper()
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "ordinal":
        return ordinal(value)
    return str(value)  # decimal, and formats we do not spell out (cardinalText, East Asian ones)
