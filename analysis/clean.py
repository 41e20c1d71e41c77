"""Cleaning: each article split into title, body and removed lines, with an audit.

Every line of the raw text gets one label:

* ``title``     -- the headline (first content line, at most 30 words)
* ``body``      -- article text, kept in order
* ``dateline``  -- a place/agency line in the header («عواصم – وكالات», «بروكسل ـ راديو الكل»)
* ``stamp``     -- a publication stamp («أخبار | 05 سبتمبر 2019», «تم نشره يوم …»); its
  date is parsed and reported
* ``furniture`` -- page furniture, with its ``kind`` from ``data/furniture.tsv``
* ``duplicate`` -- a repeat of the headline or of an earlier line
* ``blank``     -- white space only (paragraph separators; not listed as removed)

Every non-blank line that is not title or body is a *removed line*, listed with its line
number, text and reason, so nothing is lost silently. Furniture rules are data: weak words
that news prose also uses (اشترك، تابع، شارك) only mark short lines, so a body sentence
such as «وتابع المسؤول …» or «اشتركت القوات …» is never removed.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

try:  # read-only use of CPython's regex parser: the literal starts of furniture patterns
    from re import _parser as re_parser
    from re._constants import AT, BRANCH, IN, LITERAL, MAX_REPEAT, MAXREPEAT, MIN_REPEAT, SUBPATTERN
except ImportError:  # another Python: no trigger shortcut, every scope is searched (same result)
    re_parser = None

import ahocorasick
import numpy as np
import pandas as pd

try:  # what DataFrame.to_dict unboxes values with (see _records)
    from pandas.core.dtypes.cast import maybe_box_native as _box_native
except ImportError:
    _box_native = None

from . import paths
from .normalize import INVISIBLES, SPACES, every_character, fold, strip_invisibles

LABELS = ("title", "body", "dateline", "stamp", "furniture", "duplicate", "blank")
REMOVED_COLUMNS = ["doc_id", "line_no", "text", "reason", "kind"]
MAX_WORDS = {"line": 20, "start": 40, "anywhere": 60, "short": 8}
TITLE_MAX_WORDS = 30
NON_ARABIC_MAX_WORDS = 12  # a short line without Arabic letters is furniture («Home», «EN»)
HEADER_ZONE = 4  # non-furniture lines at the top where datelines are looked for
DATELINE_MAX_WORDS = 8


class FurnitureError(ValueError):
    """The furniture rules file is malformed."""


@dataclass(frozen=True)
class Rule:
    kind: str
    scope: str
    pattern: re.Pattern
    source: str  # as written in the file
    folded: str  # the pattern folded, before its scope's anchors are added


@lru_cache(maxsize=4)
def load_rules(path: str | None = None) -> tuple[Rule, ...]:
    """The furniture rules (``data/furniture.tsv`` unless ``path``), patterns folded."""
    file = paths.data_file("furniture.tsv") if path is None else paths.Path(path)
    rules = []
    header_seen = False
    for line_no, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            if line.split("\t") != ["kind", "scope", "pattern"]:
                raise FurnitureError(f"{file.name} line {line_no}: header must be kind, scope, pattern")
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not all(p.strip() for p in parts):
            raise FurnitureError(f"{file.name} line {line_no}: expected 3 non-empty tab-separated fields")
        kind, scope, pattern = (p.strip() for p in parts)
        if scope not in MAX_WORDS:
            raise FurnitureError(f"{file.name} line {line_no}: unknown scope {scope!r} "
                                 f"(one of {', '.join(MAX_WORDS)})")
        folded = fold(pattern)
        try:
            if scope == "line":
                rx = re.compile(rf"(?:{folded})", re.IGNORECASE)
            elif scope == "start":
                rx = re.compile(rf"^(?:{folded})", re.IGNORECASE)
            else:  # whole words only: «اشترك» must not fire inside «اشتركت»
                rx = re.compile(rf"(?<!\w)(?:{folded})(?!\w)", re.IGNORECASE)
        except re.error as exc:
            raise FurnitureError(f"{file.name} line {line_no}: bad pattern {pattern!r}: {exc}") from None
        rules.append(Rule(kind, scope, rx, pattern, folded))
    return tuple(rules)


_ARABIC = re.compile(r"[\u0600-\u06FF]")
_URL = re.compile(r"^(?:https?://|www\.)\S+$|^\S+@\S+\.\w+$", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")


_ANCHORS = {"line": "(?:{})", "start": "^(?:{})", "anywhere": r"(?<!\w)(?:{})(?!\w)",
            "short": r"(?<!\w)(?:{})(?!\w)"}


@lru_cache(maxsize=1)
def _scopes() -> dict[str, tuple[re.Pattern, re.Pattern]]:
    """Per scope, the alternation of all its patterns with the anchors written once around
    it (the engine then tries alternatives only at word starts: five times faster than
    anchoring each one), plain as a fast test and with named groups ``r<index>`` to tell,
    for a line that matched, which rule fired (capturing groups slow every search, so they
    are only used on the lines that match)."""
    by_scope: dict[str, list[tuple[int, str]]] = {}
    for i, rule in enumerate(load_rules()):
        by_scope.setdefault(rule.scope, []).append((i, rule.folded))
    out = {}
    for scope, pats in by_scope.items():
        plain = "|".join(f"(?:{p})" for _, p in pats)
        named = "|".join(f"(?P<r{i}>{p})" for i, p in pats)
        out[scope] = (re.compile(_ANCHORS[scope].format(plain), re.IGNORECASE),
                      re.compile(_ANCHORS[scope].format(named), re.IGNORECASE))
    return out


#: Scopes gated by a trigger-word pass (:func:`_triggers`), with their bits: the searched
#: ones (their matches may begin anywhere in a line); ``start`` (its match begins at the
#: start of the trimmed line, so also somewhere in it); ``line`` (a rule that matches the
#: whole line contains one of its required strings, or the line begins with one of its
#: literal starts: :func:`_line_starts`).
_GATED = {"anywhere": 1, "short": 2, "start": 4, "line": 8}
_ALL_GATED, _SEARCHED = 15, 3
#: Flag of the triggers that stand for a case variant (İ ı ſ), not for where a match begins.
_UNALIGNED = 16
_LENGTH_SHIFT = 5  # an automaton value: its bits, plus its length shifted by this
_TRIGGER_LEN = 8


def _starts(items: list, room: int) -> set[str]:
    """Literal strings (at most ``room`` characters) one of which begins every match of the
    parsed pattern ``items``; ``''`` among them: a match can begin with anything."""
    if not items or room == 0:
        return {""}
    (op, av), rest = items[0], items[1:]
    if op is LITERAL:
        return {chr(av) + s for s in _starts(rest, room - 1)}
    if op is IN and all(o is LITERAL for o, _ in av):  # [›>|]: one of its characters
        return set().union(*(_starts([item, *rest], room) for item in av))
    if op is SUBPATTERN:  # a group: its items, then the rest
        return _starts([*av[-1], *rest], room)
    if op is BRANCH:
        return set().union(*(_starts([*alt, *rest], room) for alt in av[1]))
    if op in (MAX_REPEAT, MIN_REPEAT) and av[:2] == (0, 1):  # optional: with it or without
        return _starts([*av[2], *rest], room) | _starts(rest, room)
    if op in (MAX_REPEAT, MIN_REPEAT) and av[0] >= 1:  # X{m,n}: X, then X{m-1,n-1}
        low, high, body = av
        again = [] if high == 1 else [(op, (low - 1, high if high == MAXREPEAT else high - 1, body))]
        return _starts([*body, *again, *rest], room)
    if op is AT:  # \b, ^: zero width
        return _starts(rest, room)
    return {""}  # a class, a repeat, …: the literal start ends here


def _required(items: list, room: int) -> set[str]:
    """Literal strings one of which occurs in every match of the parsed pattern ``items``:
    its :func:`_starts` or, if a match can begin with anything, those of a later part
    of it (whose match is a part of the whole match); ``''`` among them: none known."""
    starts = _starts(items, room)
    if "" not in starts or not items:
        return starts
    (op, av), rest = items[0], items[1:]
    if op is SUBPATTERN:
        return _required([*av[-1], *rest], room)
    if op is BRANCH:
        return set().union(*(_required([*alt, *rest], room) for alt in av[1]))
    return _required(rest, room)


def _line_gates(items: list, room: int) -> tuple[set[str], set[str]]:
    """``(starts, required)`` of the parsed pattern ``items``: every match begins with one of
    ``starts`` or contains one of ``required`` (:func:`_required`, used for the
    alternatives that can begin with anything)."""
    starts = _starts(items, room)
    if "" not in starts or not items:
        return starts, set()
    (op, av), rest = items[0], items[1:]
    if op is SUBPATTERN:
        return _line_gates([*av[-1], *rest], room)
    if op is BRANCH:
        gates = [_line_gates([*alt, *rest], room) for alt in av[1]]
        return set().union(*(g[0] for g in gates)), set().union(*(g[1] for g in gates))
    return set(), _required(items, room)


def _case_safe(literals: set[str]) -> set[str] | None:
    """``literals`` lower-cased, each cut before its first cased letter of a script other
    than Latin (``re`` has case folds of its own for some: «ſ» matches «s»); None if one
    is left empty (a match can begin with anything). Latin letters are lower-cased on
    both sides."""
    out = set()
    for s in literals:
        s = s.lower()
        for i, c in enumerate(s):
            if not c.isascii() and (c.lower() != c or c.upper() != c):
                s = s[:i]
                break
        if not s:
            return None
        out.add(s)
    return out


def _literals(rule: Rule) -> tuple[set[str], set[str]] | None:
    """The literal strings that gate a rule (lower case, see :func:`_case_safe`): for a
    line rule its :func:`_line_gates`, for the others its :func:`_starts` (and no
    required strings); None if there is no regex parser or a match can do without them."""
    if re_parser is None:
        return None
    items = list(re_parser.parse(rule.folded, re.IGNORECASE))
    if rule.scope == "line":
        starts, required = _line_gates(items, _TRIGGER_LEN)
    else:
        starts, required = _starts(items, _TRIGGER_LEN), set()
    starts, required = _case_safe(starts), _case_safe(required)
    return None if starts is None or required is None else (starts, required)


@lru_cache(maxsize=1)
def _line_starts() -> re.Pattern | None:
    """The literal starts of the line rules that have them, as a trie ignoring case as the
    rules do: a line (or its trimmed form) that such a rule matches begins with one."""
    starts = set()
    for rule in load_rules():
        if rule.scope == "line" and (literals := _literals(rule)) is not None:
            starts |= literals[0]
    return re.compile(_trie(starts), re.IGNORECASE) if starts else None


@lru_cache(maxsize=1)
def _line_required() -> re.Pattern | None:
    """The strings required by the line rules without literal starts, one of which a line
    matched by such a rule contains (a trie ignoring case; see :func:`_line_gates`)."""
    required = set()
    for rule in load_rules():
        if rule.scope == "line" and (literals := _literals(rule)) is not None:
            required |= literals[1]
    return re.compile(_trie(required), re.IGNORECASE) if required else None


def _trie(words: set[str]) -> str:
    """A regex matching any of ``words``, written as a trie («ab|ac» as «a(?:b|c)»): the
    engine then tries one branch per character instead of every word at every position."""
    branches: dict[str, set[str]] = {}
    for word in words:
        branches.setdefault(word[:1], set()).add(word[1:])
    alternatives = []
    for head, rests in sorted(branches.items()):
        if not head:
            continue
        rest = _trie(rests - {""}) if rests - {""} else ""
        if rest:
            rest = f"(?:{rest})" + ("?" if "" in rests else "")
        alternatives.append(re.escape(head) + rest)
    return "|".join(alternatives)


def _line_rule_possible(folded: str) -> bool:
    """Whether a line rule may match the line ``folded`` or its trimmed form: one of them
    begins with a literal start of a line rule, or ``folded`` contains a string required
    by one (a rule without literals, or a case variant in the line, is marked by the
    ``line`` bit of :func:`_trigger_hits` instead). A line that begins with a letter or
    digit begins with its trimmed form, so only the line is tested then."""
    starts = _line_starts()
    if starts is not None and (starts.match(folded)
                               or not folded[:1].isalnum() and starts.match(_trim(folded))):
        return True
    required = _line_required()
    return required is not None and required.search(folded) is not None


@lru_cache(maxsize=1)
def _triggers() -> tuple[ahocorasick.Automaton, int]:
    """A trigger-word pass for the gated scopes: an automaton of lower-case strings, each
    with its scopes' bits (and its length, see :data:`_LENGTH_SHIFT`), and the bits of the
    scopes that always need their search.

    For the searched scopes and ``start``, the strings that begin their rules' matches (a
    rule without them: its scope always needs its search); ``line`` is tested on the line
    itself (:func:`_line_rule_possible`), its bit here marks a case variant.

    Searching a scope's alternation costs ~0.1 µs per character (the engine tries every
    alternative at every word start); one automaton pass over the line is ~20 times
    cheaper and rules out almost every body line. Matching is case-insensitive: the line
    is lower-cased, and the few characters that ``re`` matches to a Latin letter but
    ``str.lower`` does not turn into it (İ ı ſ) make the line a candidate in every scope.
    """
    automaton, always = ahocorasick.Automaton(), 0
    every = _ALL_GATED | _UNALIGNED
    bits: dict[str, int] = {"i\u0307": every, "ı": every, "ſ": every}  # «İ».lower() is «i̇»
    for rule in load_rules():
        bit = _GATED[rule.scope]
        literals = _literals(rule)
        if literals is None:
            always |= bit
            continue
        if rule.scope == "line":
            continue  # gated by _line_rule_possible
        for s in literals[0]:
            bits[s] = bits.get(s, 0) | bit
    for s, bit in bits.items():
        automaton.add_word(s, bit | len(s) << _LENGTH_SHIFT)
    automaton.make_automaton()
    return automaton, always


Triggers = tuple[int, "tuple[int, ...] | None"]


def _trigger_hits(folded: str) -> Triggers:
    """The bits of the gated scopes that may match ``folded`` (see :func:`_triggers`), and
    the sorted positions where a match of a searched scope may begin (those of its
    triggers), or None if they are not known (a case variant, a scope without triggers):
    then the scope is searched in the whole line."""
    automaton, always = _triggers()
    bits, starts, low = always, set(), folded.lower()
    for last, value in automaton.iter(low):
        bits |= value
        if value & _SEARCHED:
            starts.add(last - (value >> _LENGTH_SHIFT) + 1)
    aligned = not (bits & _UNALIGNED or always & _SEARCHED or len(low) != len(folded))
    return bits & _ALL_GATED, tuple(sorted(starts)) if aligned else None


def _trim(text: str) -> str:
    """``text`` without the non-alphanumeric characters at either end (« ‹ : • … ›»)."""
    i, j = 0, len(text)
    while i < j and not text[i].isalnum():
        i += 1
    while j > i and not text[j - 1].isalnum():
        j -= 1
    return text[i:j]


def line_key(line: str) -> str:
    """The form lines are compared and matched in: folded, white space collapsed, trimmed."""
    return " ".join(fold(line).split())


def furniture_kind(line: str) -> str | None:
    """The furniture kind of one line of text, or None if it is not furniture.

    >>> furniture_kind("اقرأ أيضاً: قصف صاروخي يستهدف إدلب")
    'related'
    >>> furniture_kind("وتابع المسؤول أن الاتصالات مستمرة مع الجانب الروسي") is None
    True
    """
    return _furniture_kind(line_key(line))


@lru_cache(maxsize=1)
def _scope_table() -> list[tuple[str, int, int, re.Pattern, re.Pattern]]:
    """Per scope of :func:`_scopes`: its name, most words, gate bit, test and named pattern."""
    return [(scope, MAX_WORDS[scope], _GATED[scope], test, named)
            for scope, (test, named) in _scopes().items()]


def _furniture_kind(folded: str, n_words: int | None = None,
                    triggers: Triggers | None = None) -> str | None:
    """:func:`furniture_kind` of an already folded, trimmed line (of ``n_words`` words,
    ``triggers`` its :func:`_trigger_hits`)."""
    if n_words is None:
        n_words = len(_WORD.findall(folded))
    if n_words == 0:
        return "symbols"
    if n_words > MAX_WORDS["anywhere"]:  # longer than any furniture rule reaches
        return None
    if _URL.match(folded):
        return "link"
    triggered, starts = _trigger_hits(folded) if triggers is None else triggers
    core = None
    fired = []  # rule indexes: in each scope, the rule whose phrase comes first in the line
    for scope, most_words, bit, test, named in _scope_table():
        if n_words > most_words:
            continue
        if not triggered & bit and not (scope == "line" and _line_rule_possible(folded)):
            continue  # none of its patterns can match the line
        if scope == "line":
            core = _trim(folded) if core is None else core
            text = core if test.fullmatch(core) else folded if test.fullmatch(folded) else None
            m = named.fullmatch(text) if text is not None else None
        elif scope == "start":
            core = _trim(folded) if core is None else core
            m = named.search(core) if test.search(core) else None
        elif starts is None:
            m = named.search(folded) if test.search(folded) else None
        else:  # the leftmost match begins at one of the triggers: the first that matches
            m = next(filter(None, (named.match(folded, pos) for pos in starts)), None)
        if m:
            fired.append(int(m.lastgroup[1:]))
    if fired:  # across scopes, the rule written first in the file decides the kind
        return load_rules()[min(fired)].kind
    if n_words <= NON_ARABIC_MAX_WORDS and not _ARABIC.search(folded):
        return "non_arabic"
    return None


# --- datelines and stamps ------------------------------------------------------------------

_SEP = r"[-–—ـ/|]"
_AGENCY = re.compile(
    r"(وكالات|وكاله|مراسل|خاص|رويترز|فرانس برس|ا ف ب|اف ب|الاناضول|سبوتنيك|د ب ا|سانا|"
    r"يو بي اي|اسوشيتد|ap|afp|reuters|dpa|راديو|اذاعه|قناه|تلفزيون|صحيفه|موقع)", re.IGNORECASE)
#: «واشنطن - التقى …», «دمشق (رويترز) - …»: a dateline opening a body paragraph.
_LEADING_DATELINE = re.compile(r"^([^\s\d\-–—ـ:،.]+(?: [^\s\d\-–—ـ:،.]+){0,2}(?: ?\([^)]{1,30}\))?) ?[-–—ـ] ")
_DASH_SPACE = re.compile("[-–—ـ] ")
_STAMP_CUES = re.compile(r"(نشر|تاريخ|تحديث|محدث|بتوقيت|gmt|utc|الساعه|رقم العدد|\|)", re.IGNORECASE)
#: An image credit closing a caption: «… (أ.ف.ب)», «… / Reuters», «… (رويترز)».
_CAPTION_CREDIT = re.compile(
    r"[(/] ?(reuters|afp|ap|epa|getty( images)?|رويترز|ا ?\.? ?ف ?\.? ?ب|الاناضول|سانا|"
    r"د ?\.? ?ب ?\.? ?ا|اسوشيتد برس|فرانس برس|الفرنسيه|وكالات)\)?$", re.IGNORECASE)
#: A caption is short and reports nothing: a line with a reporting verb is a paragraph.
CAPTION_MAX_WORDS = 16
_REPORTING = re.compile(r"(?<!\w)[وف]?(قال|قالت|قالوا|اعلن|اعلنت|اكد|اكدت|ذكر|ذكرت|افاد|افادت|"
                        r"اضاف|اضافت|اشار|اشارت|صرح|صرحت|نقل|نقلت|كشف|كشفت|اوضح|اوضحت|تابع)(?!\w)")
#: Lines listed under a related-articles heading are links while they stay short.
RELATED_LINK_MAX_WORDS = 12


def is_dateline(line: str, *, colon: bool = False) -> bool:
    """A short header line naming place(s) and/or source, not a sentence.

    With ``colon``, also «موسكو: «الشرق الأوسط»» (place, colon, a source in quotes or an
    agency); only used below the headline, since «بوتين: سنرد» is a headline's shape.

    >>> is_dateline("عواصم – وكالات"), is_dateline("بروكسل / هلسنكي ـ راديو الكل")
    (True, True)
    >>> is_dateline("رئيسا أركان الجيشين يبحثان الوضع في سوريا")
    False
    """
    return _is_dateline(fold(line, collapse_whitespace=True).strip(), colon)


_SPACED_SEP = re.compile(rf"\s{_SEP}\s|\s{_SEP}|{_SEP}\s")
_GLUED_SEP = re.compile(rf"\w{_SEP}\w")
_SOURCE = re.compile(r"([^\s:]+( [^\s:]+)?): ?(\"[^\":]{2,30}\"|[^:]*)")
#: White space that folding with collapse_whitespace leaves as it is (U+001C–1F, U+0085).
_UNCOLLAPSED = re.compile(f"[^\\S {re.escape(SPACES)}]")


def _dateline_form(content: str, key: str) -> str:
    """What :func:`is_dateline` looks at in a line: ``fold(content,
    collapse_whitespace=True).strip()``, which is the line's key (:func:`line_key`) unless
    the line has white space that this fold leaves (folding maps characters one by one and
    leaves white space as it is; :data:`_UNCOLLAPSED` survives it, no other character
    folds to it)."""
    return key if not _UNCOLLAPSED.search(content) else fold(content, collapse_whitespace=True).strip()


def _is_dateline(folded: str, colon: bool = False) -> bool:
    """:func:`is_dateline` of a line folded with white space collapsed, and trimmed."""
    words = _WORD.findall(folded)
    if not words or len(words) > DATELINE_MAX_WORDS or folded.endswith((".", ":", "؟", "!")):
        return False
    inner = folded.strip("()")
    has_sep = _SPACED_SEP.search(inner) is not None
    has_agency = _AGENCY.search(folded) is not None
    bracketed = folded.startswith("(") and folded.endswith(")")
    # «دمشق-سانا»: place and agency joined by a bare hyphen or slash
    glued = len(words) <= 3 and has_agency and _GLUED_SEP.search(inner) is not None
    source = _SOURCE.fullmatch(inner)
    sourced = bool(colon and source and len(words) <= 5 and source.group(1) in places()
                   and (source.group(3).startswith('"') or has_agency))
    return ((has_sep and (has_agency or len(words) <= 6)) or (bracketed and has_agency)
            or glued or sourced)


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Folded place names that open datelines (``data/places.txt``)."""
    lines = paths.data_file("places.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line.strip()) for line in lines if line.strip() and not line.startswith("#"))


def leading_dateline(paragraph: str) -> str:
    """The dateline that opens a paragraph («واشنطن - التقى …» → «واشنطن»), or ''."""
    text = paragraph.strip()
    if not _DASH_SPACE.search(text):  # the pattern ends with a dash and a space: no match
        return ""
    m = _LEADING_DATELINE.match(text)
    return m.group(1) if m else ""


_INVISIBLE_UNITS = np.zeros(0x10000, dtype=bool)
_INVISIBLE_UNITS[[ord(c) for c in INVISIBLES]] = True
_DIGIT = "[0-9\u0660-\u0669\u06f0-\u06f9]"
# Four digits alone. Written to begin with the digit class (the look-behind checks the
# character before the first digit) so that the engine skips to digits in C: five times
# faster than a leading look-behind, which is tried at every position.
_YEAR = re.compile(f"{_DIGIT}(?<!{_DIGIT}{_DIGIT}){_DIGIT}{{3}}(?!{_DIGIT})")
STAMP_MAX_WORDS = 20


def _day_dates(line: str) -> list[tuple[int, int, str]]:
    """``(start, end, ISO value)`` of absolute full dates in a line (via the date layer)."""
    from . import dates

    return [(r[0], r[1], r[3]) for r in dates.scan_text(line)
            if r[4] == "day" and r[5] == "absolute" and r[3]]


def stamp_date(line: str) -> str:
    """The ISO date of a publication-stamp line, or '' if the line is not a stamp.

    A stamp is short and is mostly its date: it has a stamp cue (نشر، تحديث، تاريخ، |)
    or at most two other words.
    """
    if not _YEAR.search(line):  # a full date always has a year in digits
        return ""
    n_words = len(_WORD.findall(fold(line)))
    if n_words > STAMP_MAX_WORDS:
        return ""
    found = _day_dates(line)
    if not found:
        return ""
    rest = line
    for s, e, _ in sorted(found, reverse=True):
        rest = rest[:s] + " " + rest[e:]
    rest_words = [w for w in _WORD.findall(fold(rest)) if not w.isdigit()]
    if _STAMP_CUES.search(fold(line)) or len(rest_words) <= 2:
        return found[0][2]
    return ""


# --- labelling -----------------------------------------------------------------------------

LINE_COLUMNS = ["line_no", "text", "label", "kind", "content"]


#: Articles are labelled in batches of about this many characters: one fold and one count
#: of words and tokens per batch (numpy), with bounded memory.
BATCH_CHARS = 1 << 20
#: What :data:`analysis.normalize.TOKEN_RE` lets follow a letter or digit inside one token:
#: one of these separators and ASCII digits («3.5», «2,000»).
_TOKEN_SEPARATORS = [ord(c) for c in ".,٫٬"]
_ALNUM, _SPACE, _CASE_VARIANT, _DIGIT_09, _SEPARATOR = 1, 2, 4, 16, 32  # :func:`_char_table`
_PLAIN_SPACE, _ODD_SPACE = 64, 128  # « », and white space other than « » and a line break
_TRIGGER_FIRST = 8  # bit of :attr:`_TriggerTable.chars`: a trigger begins with the character


@lru_cache(maxsize=1)
def _char_table() -> np.ndarray:
    """Code point -> bits: _ALNUM if a letter or digit (what :data:`_WORD` matches), _SPACE
    if white space (what ``str.split`` splits at; _PLAIN_SPACE if « », _ODD_SPACE if another
    than « » and «\\n»), _DIGIT_09 for 0-9, _SEPARATOR for :data:`_TOKEN_SEPARATORS`,
    _CASE_VARIANT (below), for every code point."""
    table = np.zeros(0x110000, dtype=np.uint8)
    table[48:58] |= _DIGIT_09
    table[_TOKEN_SEPARATORS] |= _SEPARATOR
    every = every_character()
    for bit, pattern in ((_ALNUM, _WORD), (_SPACE, re.compile(r"\s+")),
                         (_ODD_SPACE, re.compile(r"[^\S \n]+"))):
        for m in pattern.finditer(every):
            table[m.start():m.end()] |= bit
    table[32] |= _PLAIN_SPACE
    # Beyond ASCII, what ``re`` matches to a Latin letter ignoring case (ı ſ K) or what
    # ``str.lower`` turns into one (İ): see _batch_triggers.
    for m in re.finditer("[a-z]", every[128:], re.IGNORECASE):
        table[128 + m.start()] |= _CASE_VARIANT
    for block in range(128, 0x110000, 4096):
        chunk = every[block:block + 4096]
        if chunk.lower() != chunk:
            for i, c in enumerate(chunk):
                if any(x.isascii() for x in c.lower()):
                    table[block + i] |= _CASE_VARIANT
    return table


class _Scan(NamedTuple):
    """A folded batch as numpy arrays (:func:`_scan`)."""
    points: np.ndarray  # its code points
    kind: np.ndarray  # their bits in the character table (:func:`_char_table`)
    alnum: np.ndarray  # whether each is a letter or digit
    newlines: np.ndarray  # positions of its line breaks
    words: np.ndarray  # per line: number of words
    tokens: np.ndarray  # per line: number of tokens
    spaced: np.ndarray  # per line: white space other than single spaces between words
    variant: np.ndarray  # per line: has a case variant of a Latin letter (_CASE_VARIANT)


def _line_stats(folded: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per line of ``folded``: its number of words (:data:`_WORD` matches) and of tokens
    (:func:`analysis.normalize.count_tokens`), and whether its white space is anything but
    single spaces between words (see :func:`_scan`)."""
    scan = _scan(folded)
    return scan.words, scan.tokens, scan.spaced


def _scan(folded: str, table: np.ndarray | None = None) -> _Scan:
    """The code points of ``folded``, their bits in ``table`` (:func:`_char_table` unless
    given) and the counts of :func:`_line_stats`, for all lines at once.

    The regex engine needs ~25 ns a character to find words; a code-point table in numpy
    needs ~3. A word starts at a letter or digit that follows none. A token is a word,
    but a separator between a letter or digit and an ASCII digit glues that digit run on
    («3.5» is one token, two words), and a letter or digit right after a glued run starts
    a new token («2.5كم» is «2.5» and «كم»).
    """
    points = np.frombuffer(folded.encode("utf-32-le"), dtype=np.uint32)
    n = len(points)
    kind = np.take(_char_table() if table is None else table, points)  # (take: faster than [])
    alnum, space = (kind & _ALNUM) > 0, (kind & _SPACE) > 0
    newlines = np.flatnonzero(points == 10)
    n_lines = len(newlines) + 1

    def per_line(positions: np.ndarray) -> np.ndarray:
        return np.bincount(np.searchsorted(newlines, positions), minlength=n_lines)

    def where(bits: int) -> np.ndarray:  # (nonzero of a boolean array: 8 times faster)
        return np.flatnonzero((kind & bits) > 0)

    starts = alnum.copy()
    starts[1:] &= ~alnum[:-1]
    # words per line: word starts summed from each line's start (a line break, or the
    # False appended, is none: an empty line, whose sum reduceat takes as that one value,
    # counts 0)
    words = np.add.reduceat(np.append(starts, False).view(np.uint8),
                            np.concatenate(([0], newlines + 1)), dtype=np.int64)

    digit = (kind & _DIGIT_09) > 0
    seps = where(_SEPARATOR)
    seps = seps[(seps > 0) & (seps < n - 1)]
    glued = seps[alnum[seps - 1] & digit[seps + 1]]
    run_ends = np.flatnonzero(digit & ~np.append(digit[1:], False)) + 1  # past each digit run
    after = run_ends[np.searchsorted(run_ends, glued + 1, side="right")]
    split = glued[alnum[np.minimum(after, n - 1)] & (after < n)]
    tokens = words - per_line(glued) + per_line(split)

    # Odd white space: a tab, a no-break space …; a space before a space, a break or the
    # end; a space opening a line.
    opening = np.zeros(n + 1, dtype=bool)  # where a line begins
    opening[0] = True
    opening[newlines + 1] = True
    odd = np.flatnonzero(((kind & _PLAIN_SPACE) > 0) & (np.append(space[1:], True) | opening[:-1])
                         | ((kind & _ODD_SPACE) > 0))
    variant = per_line(where(_CASE_VARIANT)) > 0
    return _Scan(points, kind, alnum, newlines, words, tokens, per_line(odd) > 0, variant)


#: A trigger's head (first four characters) and tail (next four) are looked up as 64-bit
#: codes of four 16-bit units: a character's code point truncated to 16 bits, ASCII
#: capitals lower-cased (:func:`_units`). Equal strings have equal codes; a character
#: beyond 16 bits may give a code equal to another's, which only adds candidates.
_HASH = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing of a head into a bucket
_BUCKET_BITS = 16


def _unit(c: str) -> int:
    """The 16-bit unit of one character (see :data:`_HASH`)."""
    u = ord(c) & 0xFFFF
    return u + 32 if 65 <= u <= 90 else u


def _code(text: str) -> int:
    """The code of ``text`` (at most four characters; the rest is zero)."""
    return sum(_unit(c) << 16 * i for i, c in enumerate(text[:4]))


def _units(points: np.ndarray) -> np.ndarray:
    """For every position of a text given by its code points, the code of the four
    characters from there (:func:`_code`; the text is padded with zeros): a 64-bit view,
    two bytes apart, of the text's 16-bit units."""
    units = np.zeros(len(points) + 8, dtype=np.uint16)
    units[:len(points)] = points  # truncated to 16 bits
    np.add(units, 32, out=units, where=units - 65 < 26)  # A-Z (unsigned: below 65 wraps around)
    return np.ndarray((len(points) + 4,), dtype="<u8", buffer=units, strides=(2,))


class _TriggerTable(NamedTuple):
    """The trigger words of :func:`_triggers` (without the case variants) for
    :func:`_batch_triggers`."""
    chars: np.ndarray  # :func:`_char_table` with :data:`_TRIGGER_FIRST` (in either case)
    buckets: np.ndarray  # per hash bucket: whether a trigger's first four characters fall in it
    heads: np.ndarray  # codes of the first four characters of the longer triggers, sorted
    tails: np.ndarray  # for each: the code of its 5th to 8th characters
    tail_masks: np.ndarray  # for each: the bits of the tail code it has characters in
    bits: np.ndarray  # for each: its scope bits
    short: list[tuple[int, int, int]]  # triggers of 1–3 characters: (mask, code, bits)


@lru_cache(maxsize=1)
def _trigger_table() -> _TriggerTable:
    """:class:`_TriggerTable` of the words of :func:`_triggers`."""
    automaton, _ = _triggers()
    chars = _char_table().copy()
    longer, short = [], []
    for word, value in automaton.items():
        if value & _UNALIGNED:
            continue  # case variants: the line is taken alone (_batch_triggers)
        for c in {word[0], word[0].upper()} if word[0].isascii() else {word[0]}:
            chars[ord(c)] |= _TRIGGER_FIRST
        bits = value & _ALL_GATED
        mask = (1 << 16 * min(len(word), 4)) - 1
        if len(word) < 4:
            short.append((mask, _code(word), bits))
        else:
            longer.append((_code(word[:4]), _code(word[4:]), (1 << 16 * (len(word) - 4)) - 1, bits))
    longer.sort()
    heads = np.array([x[0] for x in longer], dtype=np.uint64)
    buckets = np.zeros(1 << _BUCKET_BITS, dtype=bool)
    buckets[(heads * _HASH) >> np.uint64(64 - _BUCKET_BITS)] = True
    return _TriggerTable(chars, buckets, heads, *(np.array([x[i] for x in longer], dtype=np.uint64)
                                                  for i in (1, 2, 3)), short)


def _find_triggers(points: np.ndarray, kind: np.ndarray, alnum: np.ndarray,
                   newlines: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(line, position in the line, scope bits)`` of the trigger words of
    :func:`_trigger_table` in a text given by its code points, their bits in the table's
    characters, whether each is a letter or digit, and where its line breaks are.

    Triggers are only looked for where no letter or digit precedes: matches of the gated
    scopes begin there (after no word character, or at the start of the trimmed line).
    There the code of the next four characters is hashed into a bucket; the positions in
    a bucket of a trigger's head (~5%) are compared with the heads and tails of the
    triggers (8 characters at most), those of 1–3 characters with their masked codes."""
    table = _trigger_table()
    candidate = (kind & _TRIGGER_FIRST) > 0
    candidate[1:] &= ~alnum[:-1]
    positions = np.flatnonzero(candidate)
    codes = _units(points)
    head = codes[positions]
    hit_at, hit_bits = [positions[:0]], [np.zeros(0, dtype=np.int64)]
    for mask, code, b in table.short:
        found = (head & np.uint64(mask)) == np.uint64(code)
        hit_at.append(positions[found])
        hit_bits.append(np.full(found.sum(), b, dtype=np.int64))
    if len(table.heads):
        passed = table.buckets[(head * _HASH) >> np.uint64(64 - _BUCKET_BITS)]
        positions, head = positions[passed], head[passed]
        tail = codes[positions + 4]
        lo = np.searchsorted(table.heads, head, side="left")
        count = np.searchsorted(table.heads, head, side="right") - lo
        # every pair of a position and a trigger with its head: the position repeated,
        # the trigger numbered from lo on
        at = np.repeat(np.arange(len(positions)), count)
        i = np.arange(len(at)) - np.repeat(np.cumsum(count) - count - lo, count)
        found = (tail[at] & table.tail_masks[i]) == table.tails[i]
        hit_at.append(positions[at[found]])
        hit_bits.append(table.bits[i[found]].astype(np.int64))
    hit_at, hit_bits = np.concatenate(hit_at), np.concatenate(hit_bits)
    line = np.searchsorted(newlines, hit_at)
    return line, hit_at - np.concatenate(([0], newlines + 1))[line], hit_bits


def _batch_triggers(scan: _Scan, keys: list[str]) -> tuple[list[int], list]:
    """What :func:`_trigger_hits` gives for the key of every line of a batch (scanned with
    the trigger table's characters) where it matters (lines of 1 to 60 words), found in
    numpy for the whole batch (:func:`_find_triggers`). The bits may include more scopes
    and the positions more places than :func:`_trigger_hits` gives: the furniture is the
    same, since every scope that can match is searched, at every place where its match
    can begin.

    Lower-casing only ASCII letters finds every trigger occurrence that lower-casing the
    line does in a line without case variants (:data:`_CASE_VARIANT`): triggers have no
    other cased letters; a line with one is taken alone by :func:`_trigger_hits`. A line
    whose key is not its folded line (odd white space, which a trigger such as «ملفات ال»
    may span) is looked at in its key, in a second pass over those keys.
    """
    _, always = _triggers()
    n_lines = len(keys)
    bits = np.full(n_lines, always, dtype=np.int64)
    starts: list = [None if always & _SEARCHED else ()] * n_lines  # None: search the line
    needed = (scan.words > 0) & (scan.words <= MAX_WORDS["anywhere"])
    line, pos, hit_bits = _find_triggers(scan.points, scan.kind, scan.alnum, scan.newlines)
    keep = ~scan.spaced[line]
    found = [(line[keep], pos[keep], hit_bits[keep])]
    spaced = np.flatnonzero(scan.spaced & needed)
    if len(spaced):
        text = "\n".join([keys[i] for i in spaced.tolist()])
        points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        kind = np.take(_trigger_table().chars, points)
        line, pos, hit_bits = _find_triggers(points, kind, (kind & _ALNUM) > 0,
                                             np.flatnonzero(points == 10))
        found.append((spaced[line], pos, hit_bits))
    line, pos, hit_bits = (np.concatenate(x) for x in zip(*found))
    np.bitwise_or.at(bits, line, hit_bits)
    bits = bits.tolist()
    if not always & _SEARCHED:  # per line, its distinct positions of searched scopes, sorted
        searched = (hit_bits & _SEARCHED) != 0
        where = np.unique(line[searched] << 32 | pos[searched])
        line, pos = (where >> 32).tolist(), (where & 0xFFFFFFFF).tolist()
        firsts = (np.flatnonzero(np.diff(where >> 32)) + 1).tolist()  # where lines begin
        for i, j in zip([0, *firsts], [*firsts, len(pos)]) if pos else ():
            starts[line[i]] = tuple(pos[i:j])
    for i in np.flatnonzero(scan.variant & needed).tolist():
        bits[i], starts[i] = _trigger_hits(keys[i])
    return bits, starts


@lru_cache(maxsize=65536)
def _classify(content: str, key: str, n_words: int, triggered: int,
              starts: tuple[int, ...] | None) -> tuple[str, str]:
    """``(furniture kind, stamp date)`` of one trimmed line, its :func:`line_key`, the
    key's number of words and its :func:`_trigger_hits`.

    Cached: sites repeat their furniture, byline and stamp lines in every article.
    """
    furn = _furniture_kind(key, n_words, (triggered, starts)) or ""
    return furn, "" if furn or n_words > STAMP_MAX_WORDS else stamp_date(content)


#: Above this many words a line can only be furniture through a gated scope or as a link
#: (no line rule, non-Arabic line or stamp is that long).
_UNGATED_MAX_WORDS = max(MAX_WORDS["line"], NON_ARABIC_MAX_WORDS, STAMP_MAX_WORDS)
#: Per number of words up to the longest furniture: the bits of the gated scopes that
#: still apply to a line that long.
_GATED_BY_WORDS = [sum(bit for scope, bit in _GATED.items() if n <= MAX_WORDS[scope])
                   for n in range(MAX_WORDS["anywhere"] + 1)]


class _Article(NamedTuple):
    """One labelled article: the rows of :func:`label_lines` as tuples (no DataFrame: the
    cleaner's hot path), the number of tokens in its title and body, and what
    :func:`clean` reports, gathered while labelling."""
    rows: list[tuple[int, str, str, str, str]]  # empty unless asked for
    n_tokens: int
    title: str  # content of the title line, or ""
    body: list[str]  # contents of the body lines
    dateline: str  # content of the first dateline, or ""
    stamp: str  # date of the first stamp, or ""
    removed: list[tuple[int, str, str, str, str]]  # rows not title, body or blank


def _labelled(raws: list[str], *, rows: bool = True) -> Iterator[_Article]:
    """Per raw article, its :class:`_Article` (with all its rows if ``rows``)."""
    batch: list[str] = []
    size = 0
    for raw in raws:
        batch.append(raw)
        size += len(raw)
        if size >= BATCH_CHARS:
            yield from _label_batch(batch, rows)
            batch, size = [], 0
    yield from _label_batch(batch, rows)


def _label_batch(raws: list[str], rows: bool) -> Iterator[_Article]:
    """:func:`_labelled` of one batch: what does not depend on an article's other lines
    (folding, keys, word and token counts, trigger words) is done for the whole batch at
    once."""
    if not raws:
        return
    # Fold the batch once; folding keeps line breaks, so its lines match the raw lines.
    joined = "\n".join(raws)
    folded = fold(joined)
    scan = _scan(folded, _trigger_table().chars)
    words, tokens = scan.words.tolist(), scan.tokens.tolist()
    # The lines' keys (:func:`line_key`): most lines are already one.
    keys = folded.split("\n")
    for i in np.flatnonzero(scan.spaced).tolist():
        keys[i] = " ".join(keys[i].split())
    texts = joined.split("\n")
    # Invisibles are not white space and contain no line break: stripping them from the
    # whole batch strips them from each line. (They are looked for in the batch's UTF-16
    # units: all are single units, and no unit of another character is one.)
    if np.take(_INVISIBLE_UNITS, np.frombuffer(joined.encode("utf-16-le"), dtype=np.uint16)).any():
        visible = strip_invisibles(joined).split("\n")
    else:
        visible = texts
    contents = list(map(str.strip, visible))
    triggered, starts = _batch_triggers(scan, keys)
    first = 0
    for raw in raws:
        last = first + raw.count("\n") + 1
        yield _label_article(texts[first:last], contents[first:last], keys[first:last],
                             words[first:last], tokens[first:last], triggered[first:last],
                             starts[first:last], rows)
        first = last


def _label_article(texts: list[str], contents: list[str], keys: list[str], words: list[int],
                   tokens: list[int], triggered: list[int], starts: list,
                   keep_rows: bool) -> _Article:
    """One article, from its lines' texts, contents, keys, counts and trigger hits.
    :func:`is_dateline` is only called on lines short enough for one (its own first
    test), since their words are already counted, and on their keys (:func:`_dateline_form`)."""
    rows, body, removed = [], [], []
    n_tokens = 0
    title = dateline = stamp_found = ""
    title_key = None
    seen: set[str] = set()
    content_seen = 0
    body_seen = False
    related_block = False  # after a related-articles heading, short lines are its links
    longest = MAX_WORDS["anywhere"]
    for line_no, (text, content, key, n_words, n_line_tokens, bits, where) in enumerate(
            zip(texts, contents, keys, words, tokens, triggered, starts), start=1):
        if not content:
            if keep_rows:
                rows.append((line_no, text, "blank", "", content))
            continue
        if n_words > longest or (n_words > _UNGATED_MAX_WORDS and " " in key
                                 and not bits & _GATED_BY_WORDS[n_words]):
            furn = stamp = ""  # what _classify gives: too long for a rule, link or stamp
        elif n_words == 0:
            furn, stamp = "symbols", ""
        else:
            furn, stamp = _classify(content, key, n_words, bits, where)
        if not furn and related_block:
            if n_words <= RELATED_LINK_MAX_WORDS and not key.endswith((".", ":", "!", "؟")):
                furn = "related"
            else:
                related_block = False
        elif furn == "related":
            related_block = n_words <= 6  # a heading such as «مقالات ذات صلة», not a teaser
        if (not furn and not body_seen and title_key is not None
                and n_words <= CAPTION_MAX_WORDS and _CAPTION_CREDIT.search(key)
                and not _REPORTING.search(key)):
            furn = "credit"  # a caption between the headline and the first paragraph
        kind = ""
        if furn:
            label, kind = "furniture", furn
        elif key in seen:
            label = "duplicate"
            kind = "title" if key == title_key else "line"
        elif stamp:
            label, kind = "stamp", stamp
            stamp_found = stamp_found or stamp
        elif title_key is None and n_words <= TITLE_MAX_WORDS \
                and not (n_words <= DATELINE_MAX_WORDS and _is_dateline(_dateline_form(content, key))):
            label, title_key, title = "title", key, content
        elif not body_seen and content_seen < HEADER_ZONE \
                and n_words <= DATELINE_MAX_WORDS and _is_dateline(_dateline_form(content, key), True):
            label = "dateline"
            dateline = dateline or content
        else:
            label = "body"
            if title_key is None:
                title_key = ""  # the article starts with a paragraph: no title
            body_seen = True
            body.append(content)
        if label == "title" or label == "body":
            seen.add(key)
            n_tokens += n_line_tokens
        else:
            removed.append((line_no, text, label, kind, content))
        if label != "furniture":
            content_seen += 1
        if keep_rows:
            rows.append((line_no, text, label, kind, content))
    return _Article(rows, n_tokens, title, body, dateline, stamp_found, removed)


def _label(raw: str) -> list[tuple[int, str, str, str, str]]:
    """The rows of :func:`label_lines` as tuples."""
    return next(_labelled([raw])).rows


def label_lines(raw: str) -> pd.DataFrame:
    """Every line of one raw article with its label (see module docstring).

    Columns: line_no (1-based), text (the line as in the file), label, kind (furniture
    kind, or the parsed date of a stamp), content (the line trimmed, as stored in title/body).
    """
    return pd.DataFrame(_label(raw), columns=LINE_COLUMNS)


def _records(frame: pd.DataFrame) -> list[dict]:
    """``frame.to_dict("records")``, the same values, built from one ``tolist`` per column
    (the scalars that iterating a column gives, as ``to_dict`` does) instead of value by
    value; as in ``to_dict``, values of object and extension columns are unboxed to Python
    scalars (``pd.NA`` → None), which leaves a ``str`` as it is."""
    columns = frame.columns.tolist()
    if _box_native is None or not columns or len(set(columns)) < len(columns):
        return frame.to_dict("records")
    values = []
    for k, dtype in enumerate(frame.dtypes):
        column = frame.iloc[:, k].tolist()
        if dtype == np.dtype(object) or isinstance(dtype, pd.api.extensions.ExtensionDtype):
            column = [v if type(v) is str else _box_native(v) for v in column]
        values.append(column)
    return [dict(zip(columns, row)) for row in zip(*values)]


def clean(documents: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(documents, removed_lines)`` from a loaded corpus (:func:`analysis.corpus.load`).

    The documents table gains title, body (paragraphs joined by ``\\n``), n_tokens,
    n_lines_removed, found_dateline (header line or paragraph-opening dateline),
    found_date (ISO date of a publication stamp) and published_check: ``agrees`` /
    ``differs`` when the stamp can be compared with ``published``, ``supplied`` when
    ``published`` was empty and the stamp supplied it (its basis then reads ``stamp``).
    The ``raw`` column is dropped (its sha256 stays). removed_lines has one row per
    removed line: doc_id, line_no, text, reason (the label), kind.
    """
    out, removed = [], []
    for doc, art in zip(_records(documents.drop(columns="raw")),
                        _labelled(documents["raw"].tolist(), rows=False)):
        dateline = art.dateline
        if not dateline:  # «واشنطن - التقى …» opening one of the first paragraphs
            dateline = next(filter(None, map(leading_dateline, art.body[:HEADER_ZONE])), "")
        row = doc
        row["title"] = art.title
        row["body"] = "\n".join(art.body)
        row["n_tokens"] = art.n_tokens  # count_tokens(title) + count_tokens(body), from the batch
        row["found_dateline"] = dateline
        row["found_date"] = art.stamp
        row["published_check"] = ""
        if art.stamp:
            if pd.isna(row["published"]):
                row["published"] = pd.Timestamp(art.stamp)
                row["published_basis"] = "stamp"
                row["published_check"] = "supplied"
            else:
                same = row["published"].strftime("%Y-%m-%d") == art.stamp
                row["published_check"] = "agrees" if same else "differs"
        row["n_lines_removed"] = len(art.removed)
        out.append(row)
        doc_id = doc["doc_id"]
        removed.extend((doc_id, *r[:4]) for r in art.removed)
    docs = pd.DataFrame(out)
    if len(docs):
        docs["published"] = pd.to_datetime(docs["published"])
        lead = ["doc_id", "outlet", "published", "published_basis", "title", "body", "n_tokens"]
        docs = docs[lead + [c for c in docs.columns if c not in lead]]
    removed_df = pd.DataFrame(removed, columns=REMOVED_COLUMNS)
    return docs, removed_df.sort_values(["doc_id", "line_no"], ignore_index=True)


def summary(raw: pd.DataFrame, documents: pd.DataFrame, removed: pd.DataFrame) -> pd.DataFrame:
    """Per article: characters before and after cleaning, and removed lines by reason.

    Columns: doc_id, chars_raw, chars_kept (title + body), share_kept, one column per
    removal reason (dateline, duplicate, furniture, stamp) with its number of lines.
    """
    sizes = raw[["doc_id", "n_chars"]].rename(columns={"n_chars": "chars_raw"}).merge(
        documents.assign(chars_kept=documents["title"].str.len() + documents["body"].str.len())
        [["doc_id", "chars_kept"]], on="doc_id")
    sizes["share_kept"] = (sizes["chars_kept"] / sizes["chars_raw"]).round(3)
    reasons = [r for r in LABELS if r not in ("title", "body", "blank")]
    counts = (removed.groupby(["doc_id", "reason"]).size().unstack(fill_value=0)
              .reindex(columns=reasons, fill_value=0).reindex(sizes["doc_id"], fill_value=0))
    return sizes.merge(counts.reset_index(), on="doc_id")
