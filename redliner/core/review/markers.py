"""Marker rules: proposed wording marked by formatting (italic, underline, colour, highlight, strike).

Each maximal span of marked runs in a paragraph is one proposed change. Accepting an insertion keeps the
text and drops the marker; rejecting it removes the text and repairs the seam (see seam.py). Strike spans
are proposed deletions, the other way round.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from redliner.core.oxml.ns import XML_SPACE, local_name, w
from redliner.core.oxml.quicktext import serialized_text
from redliner.core.oxml.styles import StyleSheet
from redliner.core.oxml.walk import Reader
from redliner.core.oxml.wordml import W_P, W_R, W_RPR, W_T, W_VAL, enclosing, has_content, on_off, sibling_groups
from redliner.core.review.journal import Journal
from redliner.core.review.revisions import (
    CONTENT,
    DELETE,
    INSERT,
    mark_deleted_text,
    remove_content,
    restore_deleted_text,
)
from redliner.core.review.seam import remove_runs_repairing_seam

W_RSTYLE = w("rStyle")
_W_U = w("u")
_REVISION_WRAPPERS = frozenset(w(n) for n in ("ins", "del", "moveFrom", "moveTo"))
_INSERTED, _DELETED = (w("ins"), w("moveTo")), (w("del"), w("moveFrom"))

# Schema order of w:rPr children (CT_RPr), to insert overrides where Word expects them.
RPR_ORDER = [w(n) for n in (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
    "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
    "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
    "em", "lang", "eastAsianLayout", "specVanish", "oMath",
)]


@dataclass(frozen=True)
class MarkerRule:
    """Runs whose formatting matches (directly or by character style) are proposed changes."""

    name: str  # italic, underline, bold, strike, color:RRGGBB, highlight[:colour]
    tags: tuple[str, ...]  # rPr children that carry the marker (any of them)
    value: str = ""  # required w:val (colour, highlight), '' for on/off toggles
    direction: str = INSERT
    companions: tuple[str, ...] = ()  # cleared with the marker (w:iCs beside w:i)

    def matches(self, run_props, styles: StyleSheet) -> bool:
        return self.matches_properties(_by_tag(run_props), styles)

    def matches_properties(self, props: dict, styles: StyleSheet) -> bool:
        """props: the run's w:rPr children by tag (one pass over them serves every rule)."""
        if any(self.holds(props.get(tag)) for tag in self.tags):
            return True
        style = props.get(W_RSTYLE)
        if style is None or self.tags[0] in props:
            return False  # no character style, or direct formatting overrides it
        return self.holds(styles.style_property(style.get(W_VAL, ""), self.tags[0]))

    def _styled(self, run_props, styles: StyleSheet) -> bool:
        props = _by_tag(run_props)
        style = props.get(W_RSTYLE)
        if style is None or self.tags[0] in props:
            return False
        return self.holds(styles.style_property(style.get(W_VAL, ""), self.tags[0]))

    def holds(self, prop) -> bool:
        if prop is None:
            return False
        if self.tags[0] == _W_U:
            return prop.get(W_VAL, "single") != "none"
        if self.value:
            return prop.get(W_VAL, "").lower() == self.value.lower() or (
                self.value == "*" and prop.get(W_VAL, "none") not in ("none", "auto")
            )
        return on_off(prop)

    def clear(self, run, journal: Journal, styles: StyleSheet) -> None:
        """Remove the marker formatting from a run (an explicit 'off' if a character style sets it)."""
        run_props = run.find(W_RPR)
        if run_props is None:
            return
        for tag in self.tags + self.companions:
            for prop in run_props.findall(tag):
                journal.remove(prop)
        if self._styled(run_props, styles):
            off = run_props.makeelement(self.tags[0], {W_VAL: "0" if not self.value else "none"})
            journal.insert(run_props, _schema_index(run_props, self.tags[0]), off)


def _by_tag(run_props) -> dict:
    return {} if run_props is None else {child.tag: child for child in run_props}


def _schema_index(run_props, tag: str) -> int:
    rank = RPR_ORDER.index(tag) if tag in RPR_ORDER else len(RPR_ORDER)
    for index, child in enumerate(run_props):
        if child.tag in RPR_ORDER and RPR_ORDER.index(child.tag) > rank:
            return index
    return len(run_props)


RULE_NAMES = ("italic", "bold", "underline", "strike", "color:RRGGBB", "highlight[:colour]")


def parse_rules(text: str | None) -> list[MarkerRule]:
    """'italic,strike' -> rules. Raises ValueError naming an unknown rule."""
    if not text:
        return []
    return [_rule(part.strip()) for part in text.split(",") if part.strip()]


def _rule(spec: str) -> MarkerRule:
    name, _, value = spec.partition(":")
    name = name.lower()
    if name == "italic":
        return MarkerRule("italic", (w("i"),), companions=(w("iCs"),))
    if name == "bold":
        return MarkerRule("bold", (w("b"),), companions=(w("bCs"),))
    if name == "underline":
        return MarkerRule("underline", (w("u"),))
    if name in ("strike", "strikethrough"):
        return MarkerRule("strike", (w("strike"), w("dstrike")), direction=DELETE)
    if name in ("color", "colour") and value:
        return MarkerRule(f"color:{value}", (w("color"),), value.lstrip("#"))
    if name == "highlight":
        return MarkerRule(spec.lower(), (w("highlight"),), value or "*")
    raise ValueError(f"unknown marker rule {spec!r}; use one of: {', '.join(RULE_NAMES)}")


# -- finding spans ---------------------------------------------------------------------------------------


@dataclass(eq=False, slots=True)
class MarkerPiece:
    """A span of marked runs, decided as one piece."""

    runs: list
    rule: MarkerRule
    part_name: str
    styles: StyleSheet
    stage: int = CONTENT
    paragraph: object = None  # the w:p holding the span
    found_text: str = ""  # the span's text when it was found

    @property
    def element(self):
        return self.runs[0]

    @property
    def direction(self) -> str:
        return self.rule.direction

    def text(self) -> tuple[str, str]:
        words = "".join(t.text or "" for run in self.runs for t in run.iter(W_T))
        return (words, "") if self.direction == INSERT else ("", words)

    def keep_text(self, journal: Journal) -> None:
        for run in self.runs:
            self.rule.clear(run, journal, self.styles)

    def drop_text(self, journal: Journal) -> None:
        remove_runs_repairing_seam(self.runs, journal)

    def accept(self, journal: Journal) -> None:
        (self.keep_text if self.direction == INSERT else self.drop_text)(journal)

    def reject(self, journal: Journal) -> None:
        (self.drop_text if self.direction == INSERT else self.keep_text)(journal)

    def to_tracked(self, journal: Journal, revision_attrs) -> None:
        """Write the span as a native w:ins (or w:del) without the marker formatting.

        The spaces or punctuation that removing the span would also take (the seam) go into the revision
        too, so that Word's or pandoc's "reject" reads exactly like ours.
        """
        seam_runs = [split_off(node, removed, at_start, journal) for node, removed, at_start in self._seam_edits()]
        self.keep_text(journal)
        tag = w("ins") if self.direction == INSERT else w("del")
        runs = sorted(self.runs + [r for r in seam_runs if r is not None], key=_document_position)
        for siblings in sibling_groups(runs):
            wrapper = siblings[0].makeelement(tag, revision_attrs())
            journal.add_before(siblings[0], wrapper)
            for run in siblings:
                journal.move(run, wrapper, None)
            if self.direction == DELETE:
                mark_deleted_text(wrapper, journal)

    def _seam_edits(self) -> list[tuple]:
        """(text node, characters the seam repair removes, removed from its start?) found by a dry run.

        The dry run reads the paragraph as a reader rejecting everything does: the revisions around the span
        (a comparison's deletion beside it, proposals written before it) rejected first. Otherwise the seam
        is judged against text that reader never sees ("principles [are][will be ]incorporated" rejects to
        "areincorporated").
        """
        trial = Journal()
        _reject_revisions_in(enclosing(self.runs[0], W_P), trial)
        before = {t: t.text or "" for t in _paragraph_texts(self.runs[0])}
        self.drop_text(trial)
        after = [(t, before[t], t.text or "") for t in _paragraph_texts_of(trial) if t in before]
        trial.undo()
        edits = []
        start = _document_position(self.runs[0])
        for node, old, new in after:
            before_span = _document_position(node) < start
            if old == new or _paragraph_and_tracked(node.getparent())[1]:
                continue  # unchanged, or deleted text the accepting reader does not see: not ours to move
            if old.startswith(new) and (before_span or not old.endswith(new)):
                edits.append((node, old[len(new):], False))  # seam chars at the node's end
            elif old.endswith(new):
                edits.append((node, old[: len(old) - len(new)], True))
        return edits


def _reject_revisions_in(paragraph, journal: Journal) -> None:
    """The paragraph's insertions removed and its deletions' text shown again, in a journal."""
    if paragraph is None:
        return
    for wrapper in list(paragraph.iter(*_INSERTED)):
        if enclosing(wrapper, W_P) is paragraph:  # not in a text box, nor in an insertion removed already
            remove_content(wrapper, journal)
    for wrapper in list(paragraph.iter(*_DELETED)):
        if enclosing(wrapper, W_P) is paragraph:
            restore_deleted_text(wrapper, journal)


def _paragraph_texts(run) -> list:
    paragraph = run.getparent()
    while paragraph is not None and paragraph.tag != W_P:
        paragraph = paragraph.getparent()
    return list(paragraph.iter(W_T)) if paragraph is not None else []


def _paragraph_texts_of(trial: Journal) -> list:
    """Text nodes the trial run touched, once each."""
    unique = {id(node): node for node in trial.touched if node.tag == W_T}
    return list(unique.values())


def _document_position(run) -> tuple:
    path = []
    node = run
    while node.getparent() is not None:
        path.append(node.getparent().index(node))
        node = node.getparent()
    return tuple(reversed(path))


def split_off(node, removed: str, at_start: bool, journal: Journal):
    """Split `removed` off the start (or end) of a text node into a run of its own; return that run."""
    run = node.getparent()
    if run is None or run.tag != W_R or len([c for c in run if c.tag != W_RPR]) != 1:
        return None
    text = node.text or ""
    piece = copy.deepcopy(run)
    piece_text = piece.find(W_T)
    piece_text.text = removed
    if removed != removed.strip():
        piece_text.set(XML_SPACE, "preserve")
    if at_start:
        journal.set_text(node, text[len(removed):])
        journal.add_before(run, piece)
    else:
        journal.set_text(node, text[: len(text) - len(removed)])
        journal.add_after(run, piece)
    return piece


class MarkerFinder:
    """Maximal spans of runs marked by one rule, paragraph by paragraph, outside tracked revisions.

    The part's walk hands over only the run properties some rule looks at, in document order (a 500-page
    draft has far fewer marked runs than runs); two marked runs join one span when nothing with text lies
    between them.
    """

    def __init__(self, rules: list[MarkerRule], styles: StyleSheet, part_name: str, reader=None, paragraphs=None):
        self.rules, self.styles, self.part_name = rules, styles, part_name
        self._paragraphs = paragraphs  # a locate.ParagraphIndex, told where each span is while the walk is there
        self._reader = reader  # a quicktext.QuickText of the part, for the spans' text
        self._spans: list[tuple] = []  # (runs, rule, paragraph)
        self._current: list = []
        self._rule = self._paragraph = None
        self._seen: set = set()
        self._single_rule = rules[0] if len(rules) == 1 else None

    def readers(self) -> Reader:
        tags = {tag for rule in self.rules for tag in rule.tags} | {W_RSTYLE}
        return dict.fromkeys(tags, self._property)

    def _property(self, prop) -> None:
        run_props = prop.getparent()
        run = run_props.getparent() if run_props is not None and run_props.tag == W_RPR else None
        if run is None or run.tag != W_R or run in self._seen:
            return
        self._seen.add(run)
        paragraph = run.getparent()
        if paragraph is None or paragraph.tag != W_P:  # in a hyperlink, a field, a revision...
            paragraph, tracked = _paragraph_and_tracked(run)
            if paragraph is None or tracked:
                return
        self._run(run, paragraph, self._rule_shown_by(prop) or _rule_for(run, self.rules, self.styles))
        if self._paragraphs is not None:
            self._paragraphs.note(paragraph)

    def _rule_shown_by(self, prop) -> MarkerRule | None:
        """With one rule, a run whose first candidate property is the rule's own, holding, is settled by it.

        (The run's other properties cannot undo it: a character style, which direct formatting overrides,
        would have come first, as w:rStyle leads w:rPr.)
        """
        rule = self._single_rule
        if rule is not None and prop.tag in rule.tags and rule.holds(prop):
            return rule
        return None

    def _run(self, run, paragraph, rule: MarkerRule | None) -> None:
        if rule is None:
            if paragraph is self._paragraph and _has_text(run):
                self._close()
            return
        current = self._current
        if current and rule is self._rule and paragraph is self._paragraph and _nothing_between(current[-1], run):
            current.append(run)
            return
        self._close()
        self._current, self._rule, self._paragraph = [run], rule, paragraph

    def _close(self) -> None:
        if self._current and self._rule is not None:
            self._spans.append((self._current, self._rule, self._paragraph))
        self._current, self._rule = [], None

    def finish(self) -> list[MarkerPiece]:
        """The spans with text; their text is read now, when the walk has shown every hazard in them."""
        self._close()
        text = self._run_text
        pieces = []
        for runs, rule, paragraph in self._spans:
            words = text(runs[0]) if len(runs) == 1 else "".join([text(run) for run in runs])
            if words.strip():
                pieces.append(MarkerPiece(runs, rule, self.part_name, self.styles, CONTENT, paragraph, words))
        return pieces

    def _run_text(self, run) -> str:
        """The run's w:t text (tabs and breaks are not part of a marker span's words)."""
        if len(run) == 2:  # the usual run, w:rPr and one w:t: read the w:t (faster than serializing)
            last = run[1]
            if last.tag == W_T:
                return last.text or ""
        reader = self._reader
        if reader is None or reader.exact_only or run in reader.hazardous:
            return "".join(t.text or "" for t in run.iter(W_T))
        return serialized_text(run)


def _nothing_between(before, after) -> bool:
    """True when no text lies between two runs of one paragraph (bookmarks and empty runs do not count)."""
    if before.getparent() is after.getparent():
        node = before.getnext()
        while node is not None and node is not after:
            if has_content(node) and (node.tag != W_R or _has_text(node)):
                return False
            node = node.getnext()
        return node is after
    between = False  # across a hyperlink or field boundary: walk the paragraph's runs
    for run in enclosing(before, W_P).iter(W_R):
        if run is after:
            return True
        if between and _has_text(run):
            return False
        between = between or run is before
    return False


def _has_text(run) -> bool:
    return any(t.text for t in run.iter(W_T))


def _rule_for(run, rules: list[MarkerRule], styles: StyleSheet) -> MarkerRule | None:
    run_props = run[0] if len(run) and run[0].tag == W_RPR else None  # rPr comes first when present
    if run_props is None:
        return None
    props = _by_tag(run_props)
    for rule in rules:
        if rule.matches_properties(props, styles):
            return rule
    return None


def _paragraph_and_tracked(run):
    node = run.getparent()
    while node is not None and node.tag != W_P:
        if node.tag in _REVISION_WRAPPERS or local_name(node.tag) in ("rPrChange", "delText"):
            return node, True
        node = node.getparent()
    return node, False
