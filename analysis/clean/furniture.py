"""Furniture: the lines of a news web page that are not the article.

The rules are data (``data/furniture.tsv``): a kind (cookie, related, share, byline …), a
scope saying where in a line the pattern must match, the pattern, and its trigger words.
A line is furniture of the kind of the first rule (in file order) among those that match
it, where in each scope the rule whose match begins first in the line stands for it.

Scopes and the longest line (in words) they apply to (:data:`SCOPES`):

* ``line``      -- the whole line matches (trimmed of punctuation and spaces, or as it is)
* ``start``     -- the trimmed line begins with a match (teasers, bylines)
* ``anywhere``  -- a match anywhere, as whole words: phrases news prose does not use
* ``short``     -- as ``anywhere``, in lines of at most 8 words: weak words such as
  اشترك، تابع، شارك, which news sentences also use («وتابع المسؤول …»)

Besides the rules: a line without letters or digits is ``symbols``, a lone web or mail
address is ``link``, and a short line without Arabic letters is ``non_arabic``.

Trigger words make this fast without changing a result: every match of a rule contains
one of its triggers at the beginning of a word (after no letter or digit; ignoring case; a
trigger that begins with a symbol, such as «›», anywhere), so a rule is only tried on the
lines where one is found. Most body lines have none
and are not searched at all. A rule without triggers is tried on every line of its scope.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from .. import datafiles
from ..normalize import fold

#: Per scope, the most words a line may have for the scope's rules to apply.
SCOPES = {"line": 20, "start": 40, "anywhere": 60, "short": 8}
NON_ARABIC_MAX_WORDS = 12  # a short line without Arabic letters is furniture («Home», «EN»)
#: Every rule, as a set of trigger hits (see :meth:`Furniture.hits`): try them all.
EVERY_RULE = -1

_ANCHORS = {"line": "(?:{})", "start": "^(?:{})", "anywhere": r"(?<!\w)(?:{})(?!\w)",
            "short": r"(?<!\w)(?:{})(?!\w)"}  # whole words: «اشترك» does not fire in «اشتركت»
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_URL = re.compile(r"^(?:https?://|www\.)\S+$|^\S+@\S+\.\w+$", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")
#: Characters that ``re`` matches to a Latin letter when ignoring case but that
#: ``str.lower`` does not turn into it: a line is read with these replaced.
LATIN_VARIANTS = {"İ": "i", "ı": "i", "ſ": "s", "\u212a": "k"}
_LATIN_VARIANT = re.compile(f"[{''.join(LATIN_VARIANTS)}]")


class FurnitureError(datafiles.DataFileError):
    """A data file of the cleaner (furniture rules, line cues, places) is malformed."""


@dataclass(frozen=True)
class Rule:
    """One furniture rule of ``data/furniture.tsv``."""

    kind: str
    scope: str
    pattern: re.Pattern  # the folded pattern, anchored for its scope, ignoring case
    source: str  # the pattern as written in the file
    folded: str  # the pattern folded, before its scope's anchors are added
    triggers: tuple[str, ...]  # folded, lower case; empty: tried on every line


def load_rules(path: str | None = None) -> tuple[Rule, ...]:
    """The furniture rules, in file order.

    Args:
        path: a rules file; ``data/furniture.tsv`` by default.

    Returns:
        One :class:`Rule` per data line, patterns and triggers folded.

    Raises:
        FurnitureError: a missing column or value, an unknown scope, a bad pattern, or a
        trigger with capital letters.
    """
    return _load_rules(datafiles.resolve(path, "furniture.tsv"))


@datafiles.reloading
def _load_rules(path) -> tuple[Rule, ...]:
    rows = datafiles.read_tsv(path, required=["kind", "scope", "pattern"], optional=["triggers"],
                              non_empty=["kind", "scope", "pattern"], error=FurnitureError)
    return tuple(_rule(row) for row in rows)


def _rule(row: datafiles.Row) -> Rule:
    scope, pattern = row["scope"], row["pattern"]
    if scope not in SCOPES:
        raise row.error(f"unknown scope {scope!r} (one of {', '.join(SCOPES)})", FurnitureError)
    folded = fold(pattern)
    try:
        rx = re.compile(_ANCHORS[scope].format(folded), re.IGNORECASE)
    except re.error as exc:
        raise row.error(f"bad pattern {pattern!r}: {exc}", FurnitureError) from None
    triggers = tuple(fold(t.strip()) for t in row.get("triggers").split(";") if t.strip())
    for trigger in triggers:
        if trigger != trigger.lower() or not all(c.isascii() or c.lower() == c.upper() for c in trigger):
            raise row.error(f"trigger {trigger!r}: write triggers in lower case, with Latin "
                            "letters only among the cased ones", FurnitureError)
    return Rule(row["kind"], scope, rx, pattern, folded, triggers)


# --- the rules compiled -------------------------------------------------------------------

class Furniture:
    """A rule set ready to label lines: its rules, the automaton of their trigger words
    (from each word to the bits of the rules it triggers: rule ``i`` is bit ``i``), the
    bits of the rules tried on every line, and per number of words the bits of the rules
    that apply to a line that long."""

    def __init__(self, rules: tuple[Rule, ...]):
        self.rules = rules
        self.always = sum(1 << i for i, rule in enumerate(rules) if not rule.triggers)
        self.by_words = [sum(1 << i for i, r in enumerate(rules) if n <= SCOPES[r.scope])
                         for n in range(max(SCOPES.values()) + 1)]
        by_word: dict[str, int] = {}
        for i, rule in enumerate(rules):
            for word in rule.triggers:
                by_word[word] = by_word.get(word, 0) | 1 << i
        #: per trigger word (numbered in sorted order): the bits of the rules it triggers
        self.words = sorted(by_word)
        self.bits = [by_word[w] for w in self.words]
        #: per trigger word: the most words a line may have for one of its rules to apply
        self.reach = [max(SCOPES[rules[i].scope] for i in _numbers(by_word[w])) for w in self.words]
        self.automaton = ahocorasick.Automaton()  # from each trigger word to its number
        for number, word in enumerate(self.words):
            self.automaton.add_word(word, number)
        self.automaton.make_automaton()

    def hits(self, key: str) -> int:
        """The bits of the rules triggered in one line key (:func:`line_key`): a trigger
        counts where it begins a word (one that begins with a symbol, anywhere). Rules
        without triggers are always in."""
        bits = self.always
        text = readable(key)
        for end, number in self.automaton.iter(text) if self.words else ():
            start = end - len(self.words[number]) + 1
            if start == 0 or not text[start - 1].isalnum() or not text[start].isalnum():
                bits |= self.bits[number]
        return bits

    def has_candidates(self, n_words: int, hits: int) -> bool:
        """Whether a line of ``n_words`` words with these hits has a rule to try."""
        return n_words < len(self.by_words) and bool(hits & self.by_words[n_words])

    def kind(self, key: str, n_words: int | None = None, hits: int | None = None) -> str | None:
        """:func:`furniture_kind` of a line key (of ``n_words`` words, ``hits`` its
        :meth:`hits`; :data:`EVERY_RULE` to try every rule)."""
        if n_words is None:
            n_words = len(_WORD.findall(key))
        if n_words == 0:
            return "symbols"
        if n_words >= len(self.by_words):  # longer than any rule reaches
            return None
        if _URL.match(key):
            return "link"
        candidates = (self.hits(key) if hits is None else hits) & self.by_words[n_words]
        kind = _decide(self.rules, _numbers(candidates), key) if candidates else None
        if kind:
            return kind
        if n_words <= NON_ARABIC_MAX_WORDS and not _ARABIC.search(key):
            return "non_arabic"
        return None


def compiled(path: str | None = None) -> Furniture:
    """The furniture rules (:func:`load_rules`) ready to label lines (re-read when the file
    changes)."""
    return _compiled(datafiles.resolve(path, "furniture.tsv"))


@datafiles.reloading
def _compiled(path) -> Furniture:
    return Furniture(_load_rules(path))


def readable(text: str) -> str:
    """``text`` as triggers are looked for in it: lower case, Latin variants replaced."""
    if _LATIN_VARIANT.search(text):
        text = text.translate(str.maketrans(LATIN_VARIANTS))
    return text.lower()


# --- the kind of a line --------------------------------------------------------------------

def line_key(line: str) -> str:
    """The form lines are compared and matched in: folded, white space collapsed, trimmed."""
    return " ".join(fold(line).split())


def trim(text: str) -> str:
    """``text`` without the non-alphanumeric characters at either end (« ‹ : • … ›»)."""
    i, j = 0, len(text)
    while i < j and not text[i].isalnum():
        i += 1
    while j > i and not text[j - 1].isalnum():
        j -= 1
    return text[i:j]


def furniture_kind(line: str) -> str | None:
    """The furniture kind of one line of text, or None if it is not furniture.

    Args:
        line: one line as in the article.

    Returns:
        The ``kind`` of the rule that decides (see the module docstring), ``symbols``,
        ``link``, ``non_arabic``, or None.

    >>> furniture_kind("اقرأ أيضاً: قصف صاروخي يستهدف إدلب")
    'related'
    >>> furniture_kind("وتابع المسؤول أن الاتصالات مستمرة مع الجانب الروسي") is None
    True
    """
    return compiled().kind(line_key(line))


def _numbers(bits: int) -> list[int]:
    """The rule numbers set in ``bits``, ascending."""
    out = []
    while bits:
        low = bits & -bits
        out.append(low.bit_length() - 1)
        bits ^= low
    return out


def _decide(rules: tuple[Rule, ...], numbers: Iterable[int], key: str) -> str | None:
    """The kind of the deciding rule among ``numbers`` (ascending) on the line ``key``:
    per scope, the rule whose match comes first (a line rule matching the trimmed line
    before one matching the line as it is; the first written on a tie); across scopes,
    the rule written first."""
    core = trim(key)
    winners: dict[str, tuple[int, int]] = {}
    for i in numbers:
        rule = rules[i]
        where = _match_position(rule, key, core)
        if where is not None and (rule.scope not in winners or where < winners[rule.scope][0]):
            winners[rule.scope] = (where, i)
    return rules[min(i for _, i in winners.values())].kind if winners else None


def _match_position(rule: Rule, key: str, core: str) -> int | None:
    """Where the rule's match begins in the line (for a line rule: 0 on the trimmed line,
    1 on the line as it is), or None."""
    if rule.scope == "line":
        return 0 if rule.pattern.fullmatch(core) else 1 if rule.pattern.fullmatch(key) else None
    if rule.scope == "start":
        return 0 if rule.pattern.match(core) else None
    m = rule.pattern.search(key)
    return m.start() if m else None
