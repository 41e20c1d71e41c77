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

try:  # read-only use of CPython's regex parser: the literal starts of furniture patterns
    from re import _parser as re_parser
    from re._constants import AT, BRANCH, LITERAL, MAX_REPEAT, MIN_REPEAT, SUBPATTERN
except ImportError:  # another Python: no trigger shortcut, every scope is searched (same result)
    re_parser = None

import ahocorasick
import numpy as np
import pandas as pd

from . import paths
from .normalize import INVISIBLES, fold, strip_invisibles

LABELS = ("title", "body", "dateline", "stamp", "furniture", "duplicate", "blank")
REMOVED_COLUMNS = ["doc_id", "line_no", "text", "reason", "kind"]
MAX_WORDS = {"line": 20, "start": 40, "anywhere": 60, "short": 8}
TITLE_MAX_WORDS = 30
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


#: Scopes whose patterns are searched anywhere in a line (the others are anchored, and cheap).
_SEARCHED = {"anywhere": 1, "short": 2}
_TRIGGER_LEN = 8


def _starts(items: list, room: int) -> set[str]:
    """Literal strings (at most ``room`` characters) one of which begins every match of the
    parsed pattern ``items``; ``''`` among them: a match can begin with anything."""
    if not items or room == 0:
        return {""}
    (op, av), rest = items[0], items[1:]
    if op is LITERAL:
        return {chr(av) + s for s in _starts(rest, room - 1)}
    if op is SUBPATTERN:  # a group: its items, then the rest
        return _starts([*av[-1], *rest], room)
    if op is BRANCH:
        return set().union(*(_starts([*alt, *rest], room) for alt in av[1]))
    if op in (MAX_REPEAT, MIN_REPEAT) and av[:2] == (0, 1):  # optional: with it or without
        return _starts([*av[2], *rest], room) | _starts(rest, room)
    if op is AT:  # \b, ^: zero width
        return _starts(rest, room)
    return {""}  # a class, a repeat, …: the literal start ends here


@lru_cache(maxsize=1)
def _triggers() -> tuple[ahocorasick.Automaton, int]:
    """A trigger-word pass for the searched scopes: an automaton of the strings that begin
    their patterns' matches (lower case), each with its scopes' bits, and the bits of the
    scopes that always need their search (a pattern without a literal start).

    Searching a scope's alternation costs ~0.1 µs per character (the engine tries every
    alternative at every word start); one automaton pass over the line is ~20 times
    cheaper and rules out almost every body line. Matching is case-insensitive: the line
    is lower-cased, and the few characters that ``re`` matches to a Latin letter but
    ``str.lower`` does not turn into it (İ ı ſ) make the line a candidate in every scope.
    """
    automaton, always = ahocorasick.Automaton(), 0
    bits: dict[str, int] = {"i\u0307": 3, "ı": 3, "ſ": 3}  # «İ».lower() is «i̇»
    for rule in load_rules():
        bit = _SEARCHED.get(rule.scope, 0)
        if not bit:
            continue
        if re_parser is None:
            always |= bit
            continue
        starts = {s.lower() for s in _starts(list(re_parser.parse(rule.folded, re.IGNORECASE)),
                                             _TRIGGER_LEN)}
        # Latin letters are lower-cased on both sides; a cased letter of another script
        # (with case folds of its own in ``re``): no shortcut for the scope.
        if "" in starts or any(not c.isascii() and (c.lower() != c or c.upper() != c)
                               for start in starts for c in start):
            always |= bit
            continue
        for start in starts:
            bits[start] = bits.get(start, 0) | bit
    for start, bit in bits.items():
        automaton.add_word(start, bit)
    automaton.make_automaton()
    return automaton, always


def _triggered(folded: str) -> int:
    """Bits of the searched scopes that may match ``folded`` (see :func:`_triggers`)."""
    automaton, bits = _triggers()
    for _, bit in automaton.iter(folded.lower()):
        bits |= bit
    return bits


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


def _furniture_kind(folded: str, n_words: int | None = None) -> str | None:
    """:func:`furniture_kind` of an already folded, trimmed line (of ``n_words`` words)."""
    if n_words is None:
        n_words = len(_WORD.findall(folded))
    if n_words == 0:
        return "symbols"
    if n_words > MAX_WORDS["anywhere"]:  # longer than any furniture rule reaches
        return None
    if _URL.match(folded):
        return "link"
    core = _trim(folded)
    triggered = _triggered(folded)
    fired = []  # rule indexes: in each scope, the rule whose phrase comes first in the line
    for scope, (test, named) in _scopes().items():
        if n_words > MAX_WORDS[scope]:
            continue
        if scope in _SEARCHED and not triggered & _SEARCHED[scope]:
            continue  # none of its patterns can begin anywhere in the line
        if scope == "line":
            text = core if test.fullmatch(core) else folded if test.fullmatch(folded) else None
            m = named.fullmatch(text) if text is not None else None
        else:
            text = core if scope == "start" else folded
            m = named.search(text) if test.search(text) else None
        if m:
            fired.append(int(m.lastgroup[1:]))
    if fired:  # across scopes, the rule written first in the file decides the kind
        return load_rules()[min(fired)].kind
    if n_words <= 12 and not _ARABIC.search(folded):
        return "non_arabic"
    return None


# --- datelines and stamps ------------------------------------------------------------------

_SEP = r"[-–—ـ/|]"
_AGENCY = re.compile(
    r"(وكالات|وكاله|مراسل|خاص|رويترز|فرانس برس|ا ف ب|اف ب|الاناضول|سبوتنيك|د ب ا|سانا|"
    r"يو بي اي|اسوشيتد|ap|afp|reuters|dpa|راديو|اذاعه|قناه|تلفزيون|صحيفه|موقع)", re.IGNORECASE)
#: «واشنطن - التقى …», «دمشق (رويترز) - …»: a dateline opening a body paragraph.
_LEADING_DATELINE = re.compile(r"^([^\s\d\-–—ـ:،.]+(?: [^\s\d\-–—ـ:،.]+){0,2}(?: ?\([^)]{1,30}\))?) ?[-–—ـ] ")
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
    folded = fold(line, collapse_whitespace=True).strip()
    words = _WORD.findall(folded)
    if not words or len(words) > DATELINE_MAX_WORDS or folded.endswith((".", ":", "؟", "!")):
        return False
    inner = folded.strip("()")
    has_sep = re.search(rf"\s{_SEP}\s|\s{_SEP}|{_SEP}\s", inner) is not None
    has_agency = _AGENCY.search(folded) is not None
    bracketed = folded.startswith("(") and folded.endswith(")")
    # «دمشق-سانا»: place and agency joined by a bare hyphen or slash
    glued = len(words) <= 3 and has_agency and re.search(rf"\w{_SEP}\w", inner) is not None
    source = re.fullmatch(r"([^\s:]+( [^\s:]+)?): ?(\"[^\":]{2,30}\"|[^:]*)", inner)
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
    m = _LEADING_DATELINE.match(paragraph.strip())
    return m.group(1) if m else ""


_INVISIBLE = re.compile("[" + INVISIBLES + "]")
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
_ALNUM, _SPACE = 1, 2  # bits of :func:`_char_table`


@lru_cache(maxsize=1)
def _char_table() -> np.ndarray:
    """Code point -> bits: _ALNUM if a letter or digit (what :data:`_WORD` matches), _SPACE
    if white space (what ``str.split`` splits at), for every code point."""
    table = np.zeros(0x110000, dtype=np.uint8)
    every = "".join(map(chr, range(0x110000)))
    for bit, pattern in ((_ALNUM, _WORD), (_SPACE, re.compile(r"\s+"))):
        for m in pattern.finditer(every):
            table[m.start():m.end()] |= bit
    return table


def _line_stats(folded: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per line of ``folded``: its number of words (:data:`_WORD` matches) and of tokens
    (:func:`analysis.normalize.count_tokens`), and whether its white space is anything but
    single spaces between words; for all lines at once.

    The regex engine needs ~25 ns a character to find words; a code-point table in numpy
    needs ~3. A word starts at a letter or digit that follows none. A token is a word,
    but a separator between a letter or digit and an ASCII digit glues that digit run on
    («3.5» is one token, two words), and a letter or digit right after a glued run starts
    a new token («2.5كم» is «2.5» and «كم»).
    """
    points = np.frombuffer(folded.encode("utf-32-le"), dtype=np.uint32)
    n = len(points)
    kind = _char_table()[points]
    alnum, space = (kind & _ALNUM) > 0, (kind & _SPACE) > 0
    newlines = np.flatnonzero(points == 10)
    n_lines = len(newlines) + 1

    def per_line(positions: np.ndarray) -> np.ndarray:
        return np.bincount(np.searchsorted(newlines, positions), minlength=n_lines)

    starts = alnum.copy()
    starts[1:] &= ~alnum[:-1]
    words = per_line(np.flatnonzero(starts))

    digit = (points >= 48) & (points <= 57)
    seps = np.flatnonzero(np.logical_or.reduce([points == c for c in _TOKEN_SEPARATORS]))
    seps = seps[(seps > 0) & (seps < n - 1)]
    glued = seps[alnum[seps - 1] & digit[seps + 1]]
    run_ends = np.flatnonzero(digit & ~np.append(digit[1:], False)) + 1  # past each digit run
    after = run_ends[np.searchsorted(run_ends, glued + 1, side="right")]
    split = glued[alnum[np.minimum(after, n - 1)] & (after < n)]
    tokens = words - per_line(glued) + per_line(split)

    plain = points == 32
    odd = (space & ~plain & (points != 10)  # a tab, a no-break space …
           | plain & np.append(space[1:], True)  # a space before a space, a break or the end
           | plain & np.insert(points[:-1] == 10, 0, True))  # a space opening a line
    return words, tokens, per_line(np.flatnonzero(odd)) > 0


@lru_cache(maxsize=65536)
def _classify(content: str, key: str, n_words: int) -> tuple[str, str]:
    """``(furniture kind, stamp date)`` of one trimmed line, its :func:`line_key` and the
    key's number of words.

    Cached: sites repeat their furniture, byline and stamp lines in every article.
    """
    furn = _furniture_kind(key, n_words) or ""
    return furn, "" if furn or n_words > STAMP_MAX_WORDS else stamp_date(content)


def _labelled(raws: list[str]) -> Iterator[tuple[list[tuple[int, str, str, str, str]], int]]:
    """Per raw article: the rows of :func:`label_lines` as tuples (no DataFrame: the
    cleaner's hot path), and the number of tokens in its title and body."""
    batch: list[str] = []
    size = 0
    for raw in raws:
        batch.append(raw)
        size += len(raw)
        if size >= BATCH_CHARS:
            yield from _label_batch(batch)
            batch, size = [], 0
    yield from _label_batch(batch)


def _label_batch(raws: list[str]) -> Iterator[tuple[list[tuple[int, str, str, str, str]], int]]:
    """:func:`_labelled` of one batch: what does not depend on an article's other lines
    (folding, keys, word and token counts) is done for the whole batch at once."""
    if not raws:
        return
    # Fold the batch once; folding keeps line breaks, so its lines match the raw lines.
    joined = "\n".join(raws)
    folded = fold(joined)
    words, tokens, spaced = (a.tolist() for a in _line_stats(folded))
    # The lines' keys (:func:`line_key`): most lines are already one.
    keys = [" ".join(line.split()) if odd else line
            for line, odd in zip(folded.split("\n"), spaced)]
    texts = joined.split("\n")
    invisible = _INVISIBLE.search(joined) is not None
    first = 0
    for raw in raws:
        last = first + raw.count("\n") + 1
        yield _label_article(texts[first:last], keys[first:last], words[first:last],
                             tokens[first:last], invisible and _INVISIBLE.search(raw) is not None)
        first = last


def _label_article(texts: list[str], keys: list[str], words: list[int], tokens: list[int],
                   invisible: bool) -> tuple[list[tuple[int, str, str, str, str]], int]:
    """One article's rows, and its title and body tokens, from its lines' texts, keys and
    counts. :func:`is_dateline` is only called on lines short enough for one (its own
    first test), since their words are already counted."""
    rows = []
    n_tokens = 0
    title_key = None
    seen: set[str] = set()
    content_seen = 0
    body_seen = False
    related_block = False  # after a related-articles heading, short lines are its links
    for line_no, (text, key, n_words) in enumerate(zip(texts, keys, words), start=1):
        content = (strip_invisibles(text) if invisible else text).strip()
        label, kind = "body", ""
        if not content:
            label = "blank"
        else:
            furn, stamp = _classify(content, key, n_words)
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
            if furn:
                label, kind = "furniture", furn
            elif key in seen:
                label = "duplicate"
                kind = "title" if key == title_key else "line"
            elif stamp:
                label, kind = "stamp", stamp
            elif title_key is None and n_words <= TITLE_MAX_WORDS \
                    and not (n_words <= DATELINE_MAX_WORDS and is_dateline(content)):
                label, title_key = "title", key
            elif not body_seen and content_seen < HEADER_ZONE \
                    and n_words <= DATELINE_MAX_WORDS and is_dateline(content, colon=True):
                label = "dateline"
            else:
                label = "body"
                if title_key is None:
                    title_key = ""  # the article starts with a paragraph: no title
                body_seen = True
            if label in ("title", "body"):
                seen.add(key)
                n_tokens += tokens[line_no - 1]
            if label != "furniture":
                content_seen += 1
        rows.append((line_no, text, label, kind, content))
    return rows, n_tokens


def _label(raw: str) -> list[tuple[int, str, str, str, str]]:
    """The rows of :func:`label_lines` as tuples."""
    return next(_labelled([raw]))[0]


def label_lines(raw: str) -> pd.DataFrame:
    """Every line of one raw article with its label (see module docstring).

    Columns: line_no (1-based), text (the line as in the file), label, kind (furniture
    kind, or the parsed date of a stamp), content (the line trimmed, as stored in title/body).
    """
    return pd.DataFrame(_label(raw), columns=LINE_COLUMNS)


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
    for doc, (lines, n_tokens) in zip(documents.drop(columns="raw").to_dict("records"),
                                      _labelled(documents["raw"].tolist())):
        titles = [r[4] for r in lines if r[2] == "title"]
        body_lines = [r[4] for r in lines if r[2] == "body"]
        body = "\n".join(body_lines)
        datelines = [r[4] for r in lines if r[2] == "dateline"]
        if not datelines:  # «واشنطن - التقى …» opening one of the first paragraphs
            leads = [leading_dateline(p) for p in body_lines[:HEADER_ZONE]]
            datelines = [lead for lead in leads if lead][:1]
        stamps = [r[3] for r in lines if r[2] == "stamp"]
        row = doc
        row["title"] = titles[0] if titles else ""
        row["body"] = body
        row["n_tokens"] = n_tokens  # count_tokens(title) + count_tokens(body), from the batch
        row["found_dateline"] = datelines[0] if datelines else ""
        row["found_date"] = stamps[0] if stamps else ""
        row["published_check"] = ""
        if stamps:
            if pd.isna(row["published"]):
                row["published"] = pd.Timestamp(stamps[0])
                row["published_basis"] = "stamp"
                row["published_check"] = "supplied"
            else:
                same = row["published"].strftime("%Y-%m-%d") == stamps[0]
                row["published_check"] = "agrees" if same else "differs"
        gone = [r for r in lines if r[2] not in ("title", "body", "blank")]
        row["n_lines_removed"] = len(gone)
        out.append(row)
        removed.extend((doc["doc_id"], r[0], r[1], r[2], r[3]) for r in gone)
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
