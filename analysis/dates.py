"""Date mentions: every date expression of an article, with an ISO value at its granularity.

One row per mention (:data:`COLUMNS`), offsets into the stored title/body text:

* ``value``       -- ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYY-Www`` (ISO week); empty for
  vague mentions and for relative ones when the article has no ``published`` date
* ``granularity`` -- ``year``, ``month``, ``week``, ``day`` (empty for vague mentions)
* ``kind``        -- ``absolute`` (the text states the year), ``relative`` (resolved against
  ``published``: أمس، الاثنين، الشهر الماضي، «سبتمبر» without a year …) or ``vague``
  («خلال السنوات الماضية», «قريباً»: listed, no value)
* ``modifier``    -- what the text says about the period: ``start``, ``middle``, ``end``
  (مطلع، منتصف، نهاية …), ``since``, ``until``, ``before``, ``after`` (منذ، حتى، قبل، بعد),
  a season (``summer`` …), ``range_start``/``range_end`` for the two ends of a range;
  several are joined with ``+`` in text order («منذ مطلع العام» → ``since+start``)
* ``anchor``      -- the ISO publication date the value was resolved against (empty when
  the mention does not depend on it)
* ``weekday``     -- English name of a weekday named in the mention («أمس الجمعة» → Friday)
* ``weekday_consistent`` -- when the mention names a weekday *and* a date found otherwise
  (أمس، اليوم، a calendar date), whether they agree; ``<NA>`` when there is nothing to
  check (a bare weekday is resolved from the weekday itself)

Conventions (decisions the issue left open):

* Clitics and the prepositions في/خلال are not part of the surface; modifiers are
  («منذ 2014», «نهاية آب الفائت»).
* A bare weekday is the most recent such day on or before publication; with
  الماضي/الفائت the most recent strictly before; with المقبل/القادم the next strictly after.
* A month name without a year is the most recent such month on or before publication;
  الماضي/الفائت/المنصرم = the most recent strictly before; المقبل/القادم = the next strictly
  after; الجاري/الحالي = that month of the publication year. A day with such a month takes
  the month's year. All of these are ``relative``.
* Weeks are ISO weeks (Monday–Sunday), although the Arab working week starts on Saturday
  or Sunday: «الأسبوع الماضي» is the ISO week before the publication's.
* Ranges («يومي 9 و10 سبتمبر», «2015-2019», «بين عامي 2015 و2019», «يناير - مارس 2015») give
  two rows, ``range_start`` and ``range_end``, each spanning its own end of the range;
  a shared month or year applies to both. «عامي 2015 و2016» gives two plain rows.
* A 4-digit year counts only in date context: after عام/سنة, a modifier, a season or a
  preposition (في، خلال، منذ …), in a range, or with a month. Counts, resolution numbers,
  road/unit names and clock times are never dates.
* «اليوم» is not a date in names («روسيا اليوم», «المصري اليوم», «اليوم السابع») nor when
  another day is meant («اليوم التالي», «ذلك اليوم», «اليوم الذي»). «غدا» (also the verb
  "became") counts with tanween, a weekday, a day part, a future verb, or at a clause end.
* Hijri dates («15 محرم 1441 هـ») are recognised and skipped (no row, and their numbers
  are not read as Gregorian dates); they are not converted.
* Numeric dates are day-first (22/7/2018, 22-07-2018, 22.07.2018), year-first when the
  first part has four digits (2018/07/22); impossible dates are rejected; two-digit
  years are not read.

The grammar is a handful of compiled regular expressions over the folded text
(:func:`analysis.normalize.fold_with_offsets`), built at first use from
``data/months.tsv`` and ``data/date_words.tsv``. Where two candidate mentions overlap,
the longer wins.
"""
from __future__ import annotations

import calendar
import datetime as dt
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

try:  # read-only use of CPython's regex parser: how wide a pattern's head can be (_max_width)
    from re import _parser
except ImportError:  # another Python: every search starts at its window's start (same result)
    _parser = None

import ahocorasick
import numpy as np
import pandas as pd

from . import paths
from .corpus import gc_paused, iter_fields
from .normalize import (
    Folded,
    fold,
    fold_units,
    fold_with_offsets,
    has_presentation_forms,
    strip_diacritics,
    strip_tatweel,
)

COLUMNS = ["doc_id", "field", "start", "end", "surface", "value", "granularity", "kind",
           "modifier", "anchor", "weekday", "weekday_consistent"]
TEXT_COLUMNS = COLUMNS[2:]
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SERIES = ("gregorian", "syriac", "maghreb", "hijri")


class DateWordsError(ValueError):
    """A date data file (months.tsv, date_words.tsv) is malformed."""


# --- data files ------------------------------------------------------------------------------

def _int(lo: int, hi: int) -> Callable[[str], int]:
    def parse(v: str) -> int:
        n = int(v)
        if not lo <= n <= hi:
            raise ValueError(f"{n} is outside {lo}..{hi}")
        return n
    return parse


def _choice(*options: str) -> Callable[[str], str]:
    def parse(v: str) -> str:
        if v not in options:
            raise ValueError(f"{v!r} is not one of {', '.join(options)}")
        return v
    return parse


def _empty(v: str) -> str:
    if v:
        raise ValueError(f"expected an empty value, got {v!r}")
    return v


def _duration(v: str) -> tuple[str, int | None]:
    unit, _, count = v.partition(":")
    _choice("day", "week", "month", "year")(unit)
    return unit, None if count == "n" else _int(1, 2)(count)


#: date_words.tsv categories and how each parses its ``value``.
CATEGORIES: dict[str, Callable[[str], object]] = {
    "weekday": _choice(*WEEKDAYS),
    "relative_day": _int(-2, 2),
    "day_part": _empty,
    "unit": _choice("week", "month", "year"),
    "direction": _int(-2, 1),
    "this": _int(0, 0),
    "period_modifier": _choice("start", "middle", "end"),
    "span_modifier": _choice("since", "until", "before", "after"),
    "season": _choice("spring", "summer", "autumn", "winter"),
    "year_word": _empty,
    "ordinal": _int(1, 31),
    "number": _int(1, 99),
    "duration": _duration,
    "vague": _empty,
    "month_cue": _empty,
    "year_cue": _empty,
    "today_blocker_before": _empty,
    "today_blocker_after": _empty,
    "weekday_blocker_before": _empty,
    "weekday_blocker_after": _empty,
    "future_marker": _empty,
    "anchored_after": _empty,
}


def _read_tsv(name: str, header: list[str]):
    """``(line_no, row dict)`` of a data file; ``#`` lines are comments; header checked."""
    path = paths.data_file(name)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DateWordsError(f"{path}: cannot read ({exc})") from exc
    seen_header = False
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not seen_header:
            if cells != header:
                raise DateWordsError(f"{path}:{line_no}: header must be {header}, got {cells}")
            seen_header = True
            continue
        if len(cells) != len(header):
            raise DateWordsError(f"{path}:{line_no}: expected {len(header)} tab-separated "
                                 f"columns {header}, got {len(cells)}")
        row = dict(zip(header, (c.strip() for c in cells)))
        if not row[header[0]] or not row[header[1]]:
            raise DateWordsError(f"{path}:{line_no}: empty {header[0]} or {header[1]}")
        yield path, line_no, row
    if not seen_header:
        raise DateWordsError(f"{path}: no header line {header}")


def _key(form: str) -> str:
    return fold(form, collapse_whitespace=True).strip()


@dataclass(frozen=True)
class Lexicon:
    """Folded date words: ``months`` (folded name → month), ``ambiguous`` (folded name →
    accepted spellings), ``hijri`` (folded name → month), ``words`` (category → folded
    form → value)."""

    months: dict[str, int]
    ambiguous: dict[str, frozenset[str]]
    hijri: dict[str, int]
    words: dict[str, dict[str, object]]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Read and validate ``months.tsv`` and ``date_words.tsv`` (once)."""
    months: dict[str, int] = {}
    hijri: dict[str, int] = {}
    ambiguous: dict[str, set[str]] = {}
    for path, line_no, row in _read_tsv("months.tsv", ["form", "month", "series", "needs_context"]):
        try:
            month = _int(1, 12)(row["month"])
            series = _choice(*SERIES)(row["series"])
            needs = _choice("0", "1")(row["needs_context"]) == "1"
        except ValueError as exc:
            raise DateWordsError(f"{path}:{line_no}: {exc}") from exc
        key = _key(row["form"])
        table = hijri if series == "hijri" else months
        if table.get(key, month) != month:
            raise DateWordsError(f"{path}:{line_no}: {row['form']!r} folds to {key!r}, already "
                                 f"month {table[key]}, here month {month}")
        table[key] = month
        if needs and series != "hijri":
            ambiguous.setdefault(key, set()).add(_spelling(row["form"]))
    words: dict[str, dict[str, object]] = {c: {} for c in CATEGORIES}
    for path, line_no, row in _read_tsv("date_words.tsv", ["category", "form", "value", "note"]):
        cat = row["category"]
        if cat not in CATEGORIES:
            raise DateWordsError(f"{path}:{line_no}: unknown category {cat!r} "
                                 f"(known: {', '.join(CATEGORIES)})")
        try:
            value = CATEGORIES[cat](row["value"])
        except ValueError as exc:
            raise DateWordsError(f"{path}:{line_no}: bad value for {cat} {row['form']!r}: {exc}") from exc
        key = _key(row["form"])
        if words[cat].get(key, value) != value:
            raise DateWordsError(f"{path}:{line_no}: {row['form']!r} folds to {key!r}, already "
                                 f"{cat} {words[cat][key]!r}, here {value!r}")
        words[cat][key] = value
    for cat in ("weekday", "relative_day", "unit", "direction", "ordinal", "duration"):
        if not words[cat]:
            raise DateWordsError(f"{paths.data_file('date_words.tsv')}: no {cat} rows")
    return Lexicon(months, {k: frozenset(v) for k, v in ambiguous.items()}, hijri, words)


def _spelling(text: str) -> str:
    """A spelling with harakat and tatweel removed but hamza kept (for ambiguous names)."""
    return strip_tatweel(strip_diacritics(text)).replace("ى", "ي").strip()


# --- grammar -----------------------------------------------------------------------------------

_WORD_START = r"(?<![^\W_])"
_START = _WORD_START + r"(?P<clitic>[وف]?(?:[بلك]|في)?)"  # word start, then clitics kept out of the surface
_END = r"(?![^\W_])"
_END_LETTER = r"(?![^\W\d_])"  # a month name may be glued to the number that follows
_NUM_START = r"(?<![\d.,:/])(?<!\d[-/.])"
_GLUE = r"(?:من|في|عام|سنه|و|حيث|الي|علي|عن|بعد|قبل|حتي|ضد|خلال|ال)"


def _trie(words) -> str:
    """A regex matching any of ``words``, factored as a trie (longest match first).

    Python's ``re`` tries the branches of an alternation one by one; a trie whose branches
    start with distinct literal characters is skipped in C, which makes a scan of long
    word lists an order of magnitude faster than a flat alternation.
    """
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return build(root)


def _alt_forms(forms) -> tuple[set[str], list[str]]:
    """The strings :func:`_alt` matches: the forms (and «X و Y» spelled «X وY»), and the
    forms with the article whose alef a «ل» clitic absorbed (matched after that «ل»)."""
    forms = set(forms)
    forms |= {f.replace(" و", " و ") for f in forms if " و" in f}
    return forms, [f[1:] for f in forms if f.startswith("ال") and len(f) > 3]


def _alt(forms) -> str:
    """Any of the folded forms (longest first). A form with the article also matches after
    a «ل» clitic that absorbed its alef («للعام»), and «X و Y» ordinals allow «X وY»."""
    forms, absorbed = _alt_forms(forms)
    plain = _trie(forms)
    if not absorbed:
        return f"(?:{plain})"
    return f"(?:{plain}|(?<=ل){_trie(absorbed)})"


@dataclass(frozen=True)
class Grammar:
    """Compiled patterns, one per kind of expression, and the lexicon they come from."""

    lex: Lexicon
    #: name, pattern, trigger kinds it needs (one of), hints it needs (all of)
    patterns: tuple[tuple[str, re.Pattern, int, int], ...]
    #: Trigger words, without which no pattern can match (digits, month and weekday names,
    #: relative days, direction words, «منذ», «قبل + duration», vague phrases): the patterns
    #: only run in windows around them, which keeps the scan fast on long articles.
    trigger_kinds: dict[str, int]
    #: The trigger words and the hints (strings that some patterns cannot match without:
    #: month names as the month pattern spells them, «شهر» …, found anywhere, even inside
    #: words: see :func:`_hints`), found in one pass: string → length << 24 | trigger kinds
    #: << 16 | hint bits
    words: ahocorasick.Automaton
    #: Each pattern with its leading look-behind (no word character before) turned into a
    #: consumed non-word character, ``[\W_]``: ``re`` then skips in C to the characters that
    #: can precede a match instead of trying the whole pattern at every position (as
    #: ``clean._YEAR`` does). Its match from ``i - 1`` is the pattern's match from ``i``
    #: (same named groups) with one more character in front (see :func:`_found`). Its
    #: optional groups are alternations (:func:`_optional_groups_as_branches`).
    preceded: tuple[re.Pattern, ...]
    #: Per pattern, ``(hint bit, lead)`` or None: a match holds a hint of that bit starting
    #: at most ``lead`` characters after the character before the match (see :func:`_begins`).
    leads: tuple[tuple[int, int] | None, ...] = ()


# Kinds of trigger words (bits), and the kinds each pattern needs at least one of.
_DIGIT, _MONTH, _WEEKDAY, _RELDAY, _DIRECTION, _VAGUE, _PERIOD, _AGO = (1 << i for i in range(8))
_NEEDS = {"day_month": _DIGIT | _MONTH | _DIRECTION, "day_range": _DIGIT, "numeric": _DIGIT,
          "month": _MONTH, "year_range": _DIGIT, "year": _DIGIT, "relative_day": _RELDAY,
          "weekday": _WEEKDAY, "period": _DIRECTION | _PERIOD, "ago": _AGO, "vague": _VAGUE,
          "hijri": _MONTH | _DIGIT}

# Hints (bits): strings or characters that a pattern cannot match without, wherever they
# stand (each match holds a whole one of each kind it needs). A window is scanned by a
# pattern only if it has all the hints the pattern needs: trigger kinds say that a window
# holds digits, hints whether they can be a day, a year or a numeric date, and whether a
# month name is there for them. After a match, the scan of a window goes on only if each
# hint the pattern needs starts again after it.
(_H_MONTH, _H_MONTH_OR_SHAHR, _H_DAY, _H_YEAR, _H_YEARS, _H_HIJRI, _H_NUMERIC, _H_UNIT, _H_DURATION,
 _H_WEEKDAY, _H_RELDAY, _H_VAGUE) = (1 << i for i in range(12))
_HINT_BITS = 12
_H_HEAD = 1 << _HINT_BITS  # (not a hint: the words that heads start with, see _begins)
_HINT_NEEDS = {"day_month": _H_MONTH_OR_SHAHR | _H_DAY,  # a day (or ordinal) and a month or «شهر»
               "day_range": _H_MONTH | _H_DAY, "month": _H_MONTH,
               "numeric": _H_NUMERIC,  # [/.-] between its numbers
               "year": _H_YEAR, "year_range": _H_YEARS,  # (18|19|20)\d\d, two of them
               "hijri": _H_HIJRI,  # a Hijri month, or 1[2-5]\d\d
               "period": _H_UNIT,  # الأسبوع، الشهر، العام …
               "ago": _H_DURATION,  # عام، يومين، أشهر …
               "weekday": _H_WEEKDAY, "relative_day": _H_RELDAY, "vague": _H_VAGUE}  # their words


#: Arabic letters (and the space), the most frequent in news text first. An automaton tries
#: the children of a node in the order they were added: adding the words in this order
#: makes the transitions on common letters the first ones tried (a faster scan, the same hits).
_LETTER_ORDER = {c: i for i, c in enumerate("ال يمونهرتبعدفكسقحجشطصثخزذضغظءئؤ")}


def _automaton(values: dict[str, int]) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton of the words (keys) and their values."""
    automaton = ahocorasick.Automaton()
    for word in sorted(values, key=lambda w: [_LETTER_ORDER.get(c, 100 + ord(c)) for c in w]):
        automaton.add_word(word, values[word])
    automaton.make_automaton()
    return automaton


def _optional_groups_as_branches(pattern: str) -> str:
    """The regex with each greedy optional group written as an alternation with nothing:
    ``(?:X)?`` → ``(?:X|)``, ``(?P<n>X)?`` → ``(?:(?P<n>X)|)``.

    Both try X first and then nothing, so they match the same, and capture the same in
    patterns that repeat no group (tested on the grammar's); but ``re`` runs ``?`` on a
    group as a general repeat (a repeat context, the capture marks saved for each try),
    an alternation much faster: a quarter off the scan.
    """
    out: list[str] = []
    opened: list[tuple[int, str]] = []  # where each open group starts in out, its opening
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i:i + 2])
            i += 2
        elif ch == "[":  # a class, whose parentheses are characters
            j = i + 1 + (pattern[i + 1] == "^")
            j += pattern[j] == "]"
            while pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            out.append(pattern[i:j + 1])
            i = j + 1
        elif ch == "(":
            opened.append((len(out), pattern[i:i + 3]))
            out.append(ch)
            i += 1
        elif ch == ")":
            start, head = opened.pop()
            greedy_optional = pattern[i + 1:i + 2] == "?" and pattern[i + 2:i + 3] not in ("?", "+")
            if greedy_optional and head not in ("(?=", "(?!", "(?<"):  # (not a look-around)
                group = "".join(out[start:]) + ")"
                del out[start:]
                out.append(group[:-1] + "|)" if head == "(?:" else "(?:" + group + "|)")
                i += 2
            else:
                out.append(ch)
                i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    lex = lexicon()
    w = lex.words
    safe = _alt(k for k in lex.months if k not in lex.ambiguous)
    amb = _alt(lex.ambiguous)
    year = r"(?:18|19|20)\d\d(?!\d)"
    era = r"(?: ?(?:م|ميلادي|ميلاديه|للميلاد)" + _END + ")?"
    direction = _alt(w["direction"]) + _END
    weekday = _alt(w["weekday"]) + _END
    span = _alt(w["span_modifier"])
    period = _alt(list(w["period_modifier"]) + list(w["season"]))
    yword = r"(?:ال|(?<=ل)ل)?(?:عام|سنه)"

    def month(p: str, glued: bool = False) -> str:
        # After a day number («4 نيسانأقلعت»), a safe month name may be glued to any word
        # by bad scraping; elsewhere only to the short words of _GLUE («حزيرانمن»).
        # The day number also settles an ambiguous name («4 نيسان» is April, not Nissan).
        if glued:
            glue = rf"(?:{_END_LETTER}|(?={_GLUE})|(?=[^\W\d_]))"
            return rf"(?:(?P<{p}m>{safe}){glue}|(?P<{p}a>{amb}){glue})"
        return rf"(?:(?P<{p}m>{safe})(?:{_END_LETTER}|(?={_GLUE}))|(?P<{p}a>{amb}){_END_LETTER})"

    def months(p: str, glued: bool = False) -> str:  # one name, or a dual form: فبراير/شباط, شباط (فبراير)
        return (rf"(?P<{p}shahr>شهر ?)?{month(p + '1', glued)}"
                rf"(?: ?(?P<{p}sep>[/\\(-]|او ) ?(?:شهر )?{month(p + '2')}(?: ?\))?)?")

    def tail(p: str) -> str:  # what may follow a month: its year, stated or relative
        return (rf"(?:(?P<{p}yr> ?[,،]? ?(?:من ?)?(?:{yword} ?)?(?P<{p}y>{year}){era})"
                rf"|(?P<{p}yrel> ?(?:من ?)?(?:{yword} (?P<{p}ydir>{direction})"
                rf"|(?P<{p}ythis>هذا العام|هذه السنه)))"
                rf"|(?P<{p}mrel> ?(?P<{p}mdir>{direction})))?")

    pre = rf"(?:(?P<m1>{span}) ?)?(?:(?P<m2>{period}) (?:من )?)?"
    day = rf"{_NUM_START}(?P<d>[0-3]?\d)(?!\d|[.,:]\d)"
    ordinal = rf"(?:(?P<od>{_alt(w['ordinal'])}) من ?)"
    wd_pre = rf"(?:(?:يوم )?(?P<wd>{weekday}) ?[,،]? ?(?:الموافق ?)?)?(?:يوم )?"
    part = rf"(?:(?P<part>{_alt(w['day_part'])}) )?"
    units = _alt(w["unit"])
    hijri = _alt(lex.hijri)
    hijri_era = r"(?: ?(?:ه|هجري|هجريه|للهجره)" + _END + ")"
    # What some patterns match before the word a hint marks (for Grammar.leads), and the
    # words these heads can start with (hints _H_HEAD, for _begins)
    shahr = r"(?:شهر ?)?"  # (the start of months())
    year_head = rf"{pre}(?:(?P<kw>{yword}) ?)?"
    day_head = rf"(?:(?P<m1>{span}) )?{part}"  # before a weekday or a relative day
    ago_head = rf"(?P<m1>منذ|قبل) (?:(?P<n>\d{{1,2}}|{_alt(w['number'])}) )?"
    heads = {"month": (_H_MONTH, pre + shahr), "year": (_H_YEAR, year_head),
             "relative_day": (_H_RELDAY, day_head), "weekday": (_H_WEEKDAY, day_head),
             "period": (_H_UNIT, rf"{pre}(?:{_alt(w['this'])} )?"),  # (u1 after «this», or u2)
             "ago": (_H_DURATION, ago_head), "vague": (_H_VAGUE, "")}
    head_words = {"منذ", "قبل", "شهر", "عام", "سنه", "العام", "السنه", "لعام", "لسنه"}  # ago, shahr, yword
    for cat in ("span_modifier", "period_modifier", "season", "day_part", "this"):
        plain, absorbed = _alt_forms(w[cat])
        head_words |= plain | set(absorbed)

    patterns = {
        # 22 سبتمبر 2019, الجمعة 22 أيلول, الخامس من شهر آب الماضي, 15 الشهر الجاري
        "day_month": (rf"{_START}(?P<x>{pre}{wd_pre}(?:{day} ?(?:من )?|{ordinal})"
                      rf"(?:{months('g', glued=True)}{tail('g')}|(?:ال|(?<=ل)ل)شهر (?P<pdir>{direction})"
                      rf"|(?P<pthis>هذا الشهر)))"),
        # يومي 9 و10 سبتمبر, من 30 أغسطس إلى 2 سبتمبر 2019
        "day_range": (rf"{_START}(?:(?:يومي|بين|من) )?(?P<x>(?P<d1>{_NUM_START}[0-3]?\d)(?!\d)"
                      rf"(?: ?(?:من )?{months('a')})? ?(?P<rsep>-|و|الي|حتي|لغايه) ?"
                      rf"(?P<d2>[0-3]?\d)(?!\d) ?(?:من )?{months('b')}{tail('b')})"),
        # 22/7/2018, 2018-07-22, الأحد 22.07.2018
        "numeric": (rf"{_START}(?P<x>{pre}{wd_pre}{_NUM_START}"
                    rf"(?:(?P<nd>\d{{1,2}}) ?(?P<s>[/.-]) ?(?P<nm>\d{{1,2}}) ?(?P=s) ?(?P<ny>\d{{4}})"
                    rf"|(?P<iy>\d{{4}})(?P<s2>[/.-])(?P<im>\d{{1,2}})(?P=s2)(?P<id>\d{{1,2}}))"
                    rf"(?!\d|[./-]\d){era})"),
        # سبتمبر 2019, نهاية آب الفائت, يونيو/حزيران من العام الماضي, مطلع شهر أيار
        "month": rf"{_START}(?P<x>{pre}{months('g')}{tail('g')})",
        # 2015-2019, بين عامي 2015 و2019, من 2015 إلى 2019, عامي 2015 و2016
        "year_range": (rf"{_START}(?P<x>(?:(?P<rpre>بين|من|منذ) )?(?:(?P<rkw>(?:ال)?(?:عامي|عامين|سنتي"
                       rf"|عام|سنه|اعوام|سنوات|فتره)) ?)?(?P<y1>{_NUM_START}{year}){era} ?"
                       rf"(?P<rsep>-|/|و|الي|حتي|لغايه) ?(?:{yword} ?)?(?P<y2>{year}){era})"),
        # عام 2015, منذ 2014, مطلع 2019, صيف 2015, في 2016 (the cue checked in code)
        "year": rf"{_START}(?P<x>{year_head}(?P<y>{_NUM_START}{year}){era})",
        # أمس، أمس الأول، صباح اليوم، غداً الخميس، يوم أمس الأربعاء
        "relative_day": (rf"{_START}(?P<x>{day_head}(?P<rel>{_alt(w['relative_day'])})"
                         rf"{_END}(?: ?[,،]? ?(?:يوم )?(?P<wd>{weekday})| ?\((?:يوم )?(?P<pwd>{weekday})\))?)"),
        # الاثنين, يوم الجمعة الماضي, الخميس المقبل
        "weekday": (rf"{_START}(?P<x>{day_head}(?P<wd>{weekday})"
                    rf"(?: (?P<dir>{direction}))?)"),
        # الشهر الماضي, هذا الأسبوع, مطلع الأسبوع الحالي, العام قبل الماضي, صيف العام الماضي
        "period": (rf"{_START}(?P<x>{pre}(?:(?P<this>{_alt(w['this'])}) (?P<u1>{units})"
                   rf"|(?P<u2>{units}) (?P<dir>{direction})){_END})"),
        # منذ عام, قبل يومين, منذ ثلاثة أشهر
        "ago": (rf"{_START}(?P<x>{ago_head}(?P<unit>{_alt(w['duration'])}){_END})(?! ?\d)"),
        "vague": rf"{_START}(?P<x>{_alt(w['vague'])}){_END}",
        # 15 محرم 1441 هـ, عام 1441 هـ: recognised, then dropped
        "hijri": (rf"{_START}(?P<x>(?:(?P<hd>{_NUM_START}[0-3]?\d) ?(?:من )?)?(?:شهر )?(?P<hm>{hijri})"
                  rf"{_END}(?: ?(?:عام |سنه )?(?P<hy>1[2-5]\d\d)(?!\d){hijri_era}?)?"
                  rf"|(?:(?:عام|سنه) )?1[2-5]\d\d{hijri_era})"),
    }
    kinds: dict[str, int] = {}
    for bit, words in ((_MONTH, list(lex.months) + list(lex.hijri)), (_WEEKDAY, w["weekday"]),
                       (_RELDAY, w["relative_day"]), (_DIRECTION, w["direction"]), (_VAGUE, w["vague"]),
                       (_PERIOD, [f"{t} {u}" for t in w["this"] for u in w["unit"]]),
                       (_AGO, ["منذ"] + [f"قبل {d}" for d in list(w["duration"]) + list(w["number"])])):
        for word in words:
            kinds[word] = kinds.get(word, 0) | bit
    hints: dict[str, int] = {"شهر": _H_MONTH_OR_SHAHR}
    for bit, forms in ((_H_MONTH | _H_MONTH_OR_SHAHR, lex.months), (_H_HIJRI, lex.hijri),
                       (_H_UNIT, w["unit"]), (_H_DAY, w["ordinal"]), (_H_DURATION, w["duration"]),
                       (_H_WEEKDAY, w["weekday"]), (_H_RELDAY, w["relative_day"]), (_H_VAGUE, w["vague"])):
        plain, absorbed = _alt_forms(forms)  # what _alt(forms) matches
        for form in plain | set(absorbed):
            hints[form] = hints.get(form, 0) | bit
    for form in head_words:
        hints[form] = hints.get(form, 0) | _H_HEAD
    values = {form: len(form) << 24 | bits for form, bits in hints.items()}
    for word, bits in kinds.items():
        values[word] = len(word) << 24 | bits << 16 | hints.get(word, 0)
    compiled = tuple((k, re.compile(v), _NEEDS[k], _HINT_NEEDS.get(k, 0)) for k, v in patterns.items())
    assert all(v.startswith(_START) for v in patterns.values())
    preceded = tuple(re.compile(_optional_groups_as_branches(r"[\W_]" + v[len(_WORD_START):]))
                     for v in patterns.values())
    # the longest [\W_], clitics and head before the hinted word
    assert all(_HINT_NEEDS[k] & bit for k, (bit, _) in heads.items())
    leads = tuple((heads[k][0], 1 + _max_width(_START + heads[k][1])) if k in heads and _parser else None
                  for k in patterns)
    return Grammar(lex, compiled, kinds, _automaton(values), preceded, leads)


def _max_width(regex: str) -> int:
    """The most characters a match of the regex can hold (0 without the regex parser,
    when no lead is used)."""
    return _parser.parse(regex).getwidth()[1] if _parser else 0


_CLITICS = _max_width(_START)  # (3)


# --- resolution --------------------------------------------------------------------------------

@dataclass(slots=True)
class _Row:
    fs: int  # folded start/end
    fe: int
    value: str = ""
    granularity: str = ""
    kind: str = "absolute"
    modifier: str = ""
    anchor: str = ""
    weekday: str = ""
    consistent: bool | None = None


class _Ctx:
    """What the handlers need to know about the field a match is in."""

    __slots__ = ("folded", "pub", "lex", "end", "text", "anchor")

    def __init__(self, folded: Folded, pub: dt.date | None, lex: Lexicon, end: int):
        self.folded = folded
        self.pub = pub
        self.lex = lex
        self.end = end  # end of the field in ``folded.text`` (fields of a batch are folded together)
        self.text = folded.text
        self.anchor = _day(pub, 0) if pub else ""  # of every relative row

    def prev_word(self, i: int) -> str:
        r"""The word before position ``i``, looking back 40 characters at most: what
        ``_PREV_WORD.search(text, max(0, i - 40), i)`` captures, without trying the regex
        at each of the 40 positions (its word is the run of ``[^\W_]`` (= str.isalnum)
        characters that ends where the run of separators before ``i`` starts)."""
        text = self.text
        lo = i - 40 if i > 40 else 0
        if i > lo and text[i - 1] == "\n":  # «$» also matches before a final line break
            i -= 1
        while i > lo and text[i - 1] in _SEPARATORS:
            i -= 1
        k = text.rfind(" ", lo, i) + 1 or lo  # mostly, the word is all that follows a space
        word = text[k:i]
        if word.isalnum():
            return word
        k = i
        while k > lo and text[k - 1].isalnum():
            k -= 1
        return text[k:i]

    def prev_in(self, i: int, category: str) -> bool:
        """Is the word before position ``i`` (with or without و/ف) in a word category?"""
        word = self.prev_word(i)
        words = self.lex.words[category]
        return word in words or (word[:1] in ("و", "ف") and word[1:] in words)

    def word(self, category: str, text: str):
        """The value of a matched word: tolerant of «و» spacing in ordinals and of the
        article's alef absorbed after ل («للعام» leaves «لعام» in the group)."""
        table = self.lex.words[category]
        if text in table:
            return table[text]
        text = re.sub(r" ?و ?(?=ال)", " و", text)
        return table[text] if text in table else table["ا" + text]

    def next_word(self, i: int) -> str:
        m = _NEXT_WORD.match(self.text, i)
        return m.group(1) if m else ""

    def original(self, i: int, j: int) -> str:
        return self.folded.surface(i, j)

    def relative(self, row: _Row) -> _Row:
        row.kind = "relative"
        row.anchor = self.anchor
        return row


_PREV_WORD = re.compile(r"([^\W_]+)[ \"'()«»\-]*$")  # the definition of _Ctx.prev_word
_SEPARATORS = frozenset(" \"'()«»-")  # its class of separators
_NEXT_WORD = re.compile(r"[ \"'()«»\-]*([^\W_]+)")
_CLAUSE_END = re.compile(r" ?(?:[.،,؛;:!؟?)\"\n]|$)")


@lru_cache(maxsize=4096)
def _day(pub: dt.date, days: int) -> str:
    """The ISO date ``days`` after ``pub`` (kept: articles of a day share it)."""
    return (pub + dt.timedelta(days=days)).isoformat()


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _month_year(pub: dt.date, month: int, direction: int | None) -> int:
    """Year of a month named without one (see the module docstring)."""
    if direction is None:
        return pub.year if month <= pub.month else pub.year - 1
    if direction == 0:
        return pub.year
    if direction < 0:
        return (pub.year if month < pub.month else pub.year - 1) + direction + 1
    return pub.year if month > pub.month else pub.year + 1


def _valid_day(y: int | None, m: int, d: int) -> bool:
    return 1 <= d <= calendar.monthrange(y if y else 2000, m)[1]


def _modifier(ctx: _Ctx, m, *names: str) -> str:
    """The modifier words of the groups ``names`` (which the pattern has), «+»-joined."""
    found = m.group(*names) if len(names) > 1 else (m.group(names[0]),)
    if found[0] is None and found[-1] is None:  # (mostly)
        return ""
    w = ctx.lex.words
    out = []
    for g in found:
        if g:
            cat = next(c for c in ("span_modifier", "period_modifier", "season") if g in w[c] or "ا" + g in w[c])
            out.append(ctx.word(cat, g))
    return "+".join(out)


#: Names of the groups of a month group ``p`` (see ``months()`` in :func:`grammar`).
_MONTH_GROUPS = {p: (f"{p}1m", f"{p}1a", f"{p}2m", f"{p}2a") for p in "abg"}
_YEAR_GROUPS = {p: (f"{p}y", f"{p}ythis", f"{p}ydir", f"{p}mdir") for p in "abg"}


def _month_of(ctx: _Ctx, m, p: str) -> tuple[int, int | None] | None:
    """(month, second month of a dual/range or None) of the month group ``p``; None if an
    ambiguous name is spelled otherwise than listed («أب» father vs «آب» August)."""
    names = _MONTH_GROUPS[p]
    safe1, amb1, safe2, amb2 = m.group(*names)
    months = ctx.lex.months
    for amb, group in ((amb1, names[1]), (amb2, names[3])):
        if amb and _spelling(ctx.original(*m.span(group))) not in ctx.lex.ambiguous[amb]:
            return None
    first, second = safe1 or amb1, safe2 or amb2
    return months[first] if first else None, months[second] if second else None


def _year_of(ctx: _Ctx, m, p: str, month: int) -> tuple[int | None, bool] | None:
    """(year or None when unresolvable, relative?) for a month group and its tail."""
    year, this, ydir, mdir = m.group(*_YEAR_GROUPS[p])
    if year:
        return int(year), False
    if ctx.pub is None:
        return None, True
    if this:
        return ctx.pub.year, True
    if ydir:
        return ctx.pub.year + ctx.word("direction", ydir), True
    return _month_year(ctx.pub, month, ctx.word("direction", mdir) if mdir else None), True


def _check_weekday(row: _Row, name: str | None, ctx: _Ctx) -> _Row:
    if name:
        row.weekday = ctx.word("weekday", name)
        if row.granularity == "day" and row.value:
            row.consistent = WEEKDAYS[dt.date.fromisoformat(row.value).weekday()] == row.weekday
    return row


def _day_month(m, ctx: _Ctx) -> list[_Row] | None:
    d = int(m.group("d")) if m.group("d") else ctx.word("ordinal", m.group("od"))
    if m.group("od") and ctx.prev_word(m.start("x")) in ("الاسبوع", "الشهر", "العام", "الربع", "الاسابيع"):
        return None  # «الأسبوع الثاني من أيلول» is a week, not the 2nd
    s, e = m.span("x")
    row = _Row(s, e, granularity="day", modifier=_modifier(ctx, m, "m1", "m2"))
    if m.group("pdir") or m.group("pthis"):  # 15 الشهر الجاري
        if not _valid_day(None, 1, d):
            return None
        ctx.relative(row)
        if ctx.pub:
            k = ctx.word("direction", m.group("pdir")) if m.group("pdir") else 0
            y, mo = _add_months(ctx.pub.year, ctx.pub.month, k)
            if not _valid_day(y, mo, d):
                return None
            row.value = f"{y:04d}-{mo:02d}-{d:02d}"
        return [_check_weekday(row, m.group("wd"), ctx)]
    months = _month_of(ctx, m, "g")
    if months is None:
        return None
    month = months[0]
    y, rel = _year_of(ctx, m, "g", month)
    if not _valid_day(y, month, d):
        return None
    if rel:
        ctx.relative(row)
    if y is not None:
        row.value = f"{y:04d}-{month:02d}-{d:02d}"
    return [_check_weekday(row, m.group("wd"), ctx)]


def _day_range(m, ctx: _Ctx) -> list[_Row] | None:
    d1, d2 = int(m.group("d1")), int(m.group("d2"))
    second = _month_of(ctx, m, "b")
    if second is None:
        return None
    m2 = second[0]
    first = _month_of(ctx, m, "a") if m.group("a1m") or m.group("a1a") else (m2, None)
    if first is None:
        return None
    m1 = first[0]
    if m1 == m2 and d1 >= d2:
        return None
    y2, rel = _year_of(ctx, m, "b", m2)
    y1 = None if y2 is None else (y2 if m1 <= m2 else y2 - 1)
    if not (_valid_day(y1, m1, d1) and _valid_day(y2, m2, d2)):
        return None
    end1 = max([m.end("d1")] + [m.end(g) for g in ("a1m", "a1a", "a2m", "a2a") if m.group(g)])
    rows = [_Row(m.start("d1"), end1, granularity="day", modifier="range_start"),
            _Row(m.start("d2"), m.end("x"), granularity="day", modifier="range_end")]
    for row, y, mo, d in ((rows[0], y1, m1, d1), (rows[1], y2, m2, d2)):
        if rel:
            ctx.relative(row)
        if y is not None:
            row.value = f"{y:04d}-{mo:02d}-{d:02d}"
    return rows


def _numeric(m, ctx: _Ctx) -> list[_Row] | None:
    if m.group("ny"):
        y, mo, d = int(m.group("ny")), int(m.group("nm")), int(m.group("nd"))
    else:
        y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    if not (1800 <= y <= 2099 and 1 <= mo <= 12 and _valid_day(y, mo, d)):
        return None
    s, e = m.span("x")
    row = _Row(s, e, f"{y:04d}-{mo:02d}-{d:02d}", "day", modifier=_modifier(ctx, m, "m1", "m2"))
    return [_check_weekday(row, m.group("wd"), ctx)]


def _month(m, ctx: _Ctx) -> list[_Row] | None:
    months = _month_of(ctx, m, "g")
    if months is None:
        return None
    first, second = months
    has_cue = any(m.group("m1", "m2", "gshahr", "gyr", "gyrel", "gmrel"))
    if m.group("g1a") and not has_cue and second is None:
        clitic = m.group("clitic")
        if not (clitic.endswith(("في", "ب", "ل")) or ctx.prev_in(m.start("clitic"), "month_cue")):
            return None
    s, e = m.span("x")
    mod = _modifier(ctx, m, "m1", "m2")
    if second is not None and second != first:  # يناير - مارس 2015: a range of months
        y2, rel = _year_of(ctx, m, "g", second)
        y1 = None if y2 is None else (y2 if first <= second else y2 - 1)
        end1 = m.end("g1m") if m.group("g1m") else m.end("g1a")
        rows = [_Row(s, end1, granularity="month", modifier="+".join(filter(None, [mod, "range_start"]))),
                _Row(m.start("g2m") if m.group("g2m") else m.start("g2a"), e,
                     granularity="month", modifier="range_end")]
        for row, y, mo in ((rows[0], y1, first), (rows[1], y2, second)):
            if rel:
                ctx.relative(row)
            if y is not None:
                row.value = f"{y:04d}-{mo:02d}"
        return rows
    y, rel = _year_of(ctx, m, "g", first)
    row = _Row(s, e, granularity="month", modifier=mod)
    if rel:
        ctx.relative(row)
    if y is not None:
        row.value = f"{y:04d}-{first:02d}"
    return [row]


def _year_range(m, ctx: _Ctx) -> list[_Row] | None:
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    pre, kw, sep = m.group("rpre"), m.group("rkw"), m.group("rsep")
    if not y1 < y2 <= y1 + 100:
        return None
    if sep == "و" and not (pre == "بين" or kw):
        return None
    if sep == "/" and not (pre or kw):
        return None
    is_range = sep != "و" or pre == "بين"
    start = m.start("x") if (pre or kw) else m.start("y1")
    rows = [_Row(start, m.end("y1"), str(y1), "year"), _Row(m.start("y2"), m.end("x"), str(y2), "year")]
    if is_range:
        rows[0].modifier, rows[1].modifier = "range_start", "range_end"
        if pre == "منذ":
            rows[0].modifier = "since+range_start"
    # the era suffix after y1 belongs to the first row
    rows[0].fe = max(rows[0].fe, _era_end(ctx.text, m.end("y1")))
    return rows


def _era_end(text: str, i: int) -> int:
    m = re.match(r" ?(?:م|ميلادي|ميلاديه|للميلاد)(?![^\W_])", text[i:i + 10])
    return i + m.end() if m else i


def _year(m, ctx: _Ctx) -> list[_Row] | None:
    if not any(m.group("m1", "m2", "kw")):
        if not (m.group("clitic").endswith("في") or ctx.prev_in(m.start("clitic"), "year_cue")):
            return None
        nxt = ctx.text[m.end("x"):m.end("x") + 2]
        if nxt.strip().startswith("%"):
            return None
    s, e = m.span("x")
    return [_Row(s, e, m.group("y"), "year", modifier=_modifier(ctx, m, "m1", "m2"))]


def _relative_day(m, ctx: _Ctx) -> list[_Row] | None:
    rel, span_word = m.group("rel"), m.group("m1")
    w = ctx.lex.words
    s, e = m.span("x")
    part = m.group("part")
    if span_word and f"{span_word} {rel}" in w["relative_day"]:  # «بعد غد» is one word
        rel, span_word = f"{span_word} {rel}", None
    if rel == "اليوم":
        if not part and ctx.prev_in(m.start("clitic"), "today_blocker_before"):
            return None
        nxt = ctx.next_word(m.end("rel"))
        if nxt in w["today_blocker_after"] and not (m.group("wd") or m.group("pwd")):
            return None
    elif rel in ("غدا", "الغد", "غد"):
        orig = ctx.original(*m.span("rel"))
        prev = ctx.prev_word(m.start("clitic"))
        future = prev in w["future_marker"] or re.match(r"س[يتن]", prev) is not None
        ok = (part or m.group("wd") or span_word or future or rel == "بعد غد"
              or (rel == "غدا" and ("\u064b" in orig or _CLAUSE_END.match(ctx.text, m.end("rel"), ctx.end))))
        if not ok:
            return None
    modifier = ctx.word("span_modifier", span_word) if span_word else ""
    row = ctx.relative(_Row(s, e, granularity="day", modifier=modifier))
    if ctx.pub:
        row.value = _day(ctx.pub, ctx.word("relative_day", rel))
    # the weekday may follow in parentheses: «أمس (الأربعاء)», «اليوم (الخميس)»
    return [_check_weekday(row, m.group("wd") or m.group("pwd"), ctx)]


def _weekday(m, ctx: _Ctx) -> list[_Row] | None:
    w = ctx.lex.words
    part, wd, direction = m.group("part", "wd", "dir")
    if not part and ctx.prev_in(m.start("clitic"), "weekday_blocker_before"):
        return None
    if ctx.next_word(m.end("wd")) in w["weekday_blocker_after"]:
        return None
    s, e = m.span("x")
    name = ctx.word("weekday", wd)
    row = _Row(s, e, granularity="day", kind="relative", anchor=ctx.anchor,  # (as ctx.relative makes it)
               modifier=_modifier(ctx, m, "m1"), weekday=name)
    pub = ctx.pub
    if pub:
        target = WEEKDAYS.index(name)
        k = ctx.word("direction", direction) if direction else 0
        if k > 0:
            delta = (target - pub.weekday()) % 7 or 7
        else:
            back = (pub.weekday() - target) % 7
            delta = -(back or 7) if k < 0 else -back
        row.value = _day(pub, delta)
    return [row]


def _period(m, ctx: _Ctx) -> list[_Row] | None:
    u1, u2, direction = m.group("u1", "u2", "dir")
    unit = ctx.word("unit", u1 or u2)
    k = ctx.word("direction", direction) if direction else 0
    s, e = m.span("x")
    row = ctx.relative(_Row(s, e, granularity=unit, modifier=_modifier(ctx, m, "m1", "m2")))
    if ctx.pub:
        row.value = _shift(ctx.pub, unit, k)
    return [row]


@lru_cache(maxsize=4096)
def _shift(pub: dt.date, unit: str, k: int) -> str:
    if unit == "year":
        return f"{pub.year + k:04d}"
    if unit == "month":
        y, mo = _add_months(pub.year, pub.month, k)
        return f"{y:04d}-{mo:02d}"
    if unit == "week":
        return _week(pub + dt.timedelta(weeks=k))
    return (pub + dt.timedelta(days=k)).isoformat()


def _ago(m, ctx: _Ctx) -> list[_Row] | None:
    w = ctx.lex.words
    if ctx.next_word(m.end("x")) in w["anchored_after"]:
        return None  # «قبل عامين من الانتخابات»: measured from another event
    unit, count = ctx.word("duration", m.group("unit"))
    n = m.group("n")
    if n:
        count = int(n) if n.isdigit() else ctx.word("number", n)
    s, e = m.span("x")
    mod = "since" if m.group("m1") == "منذ" else ""
    if count is None:
        return [_Row(s, e, kind="vague", modifier=mod)]
    row = ctx.relative(_Row(s, e, granularity=unit, modifier=mod))
    if ctx.pub:
        if unit == "day":
            row.value = (ctx.pub - dt.timedelta(days=count)).isoformat()
        else:
            row.value = _shift(ctx.pub, unit, -count)
    return [row]


_VAGUE_MODIFIERS = {"منذ": "since", "حتي": "until"}


def _vague(m, ctx: _Ctx) -> list[_Row] | None:
    s, e = m.span("x")
    first = ctx.text[s:e].split(" ")[0]
    return [_Row(s, e, kind="vague", modifier=_VAGUE_MODIFIERS.get(first, ""))]


def _hijri(m, ctx: _Ctx) -> list[_Row] | None:
    if m.group("hm") and not (m.group("hd") or m.group("hy")):
        return None
    s, e = m.span("x")
    return [_Row(s, e, kind="skip")]


_HANDLERS = {"day_month": _day_month, "day_range": _day_range, "numeric": _numeric,
             "month": _month, "year_range": _year_range, "year": _year,
             "relative_day": _relative_day, "weekday": _weekday, "period": _period,
             "ago": _ago, "vague": _vague, "hijri": _hijri}


# --- public API --------------------------------------------------------------------------------

def _as_date(published) -> dt.date | None:
    if published is None or published is pd.NaT:
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    ts = pd.to_datetime(published, errors="coerce")
    return None if pd.isna(ts) else ts.date()


#: Characters a window reaches before and after a trigger word: room for the longest
#: prefix («يوم الجمعة الموافق», «الحادي والعشرين من», «منذ مطلع») and tail («/كانون الأول
#: من العام الماضي») of an expression.
WINDOW_BEFORE, WINDOW_AFTER = 28, 32


#: Joins the texts of a batch: kept by folding, then replaced by "\x00", which folding
#: removes from any text, so that in the folded batch "\x00" marks the field boundaries.
_SEPARATOR = "\x01"
#: Characters folded and scanned together. Any size gives the same rows; a quarter of a
#: million keeps the batch's arrays small enough to stay in the CPU caches and to reuse
#: memory (larger ones fault fresh pages in each time), which is faster than fewer batches.
_BATCH_CHARS = 250_000


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


@lru_cache(maxsize=2)
def _bmp_table(test: str) -> np.ndarray:
    return np.array([getattr(chr(c), test)() for c in range(0x10000)], dtype=bool)


def _chars_are(test: str, codes: np.ndarray) -> np.ndarray:
    """``str.isalpha`` or ``str.isdecimal`` (regex ``\\d``) of each code point, by table
    look-up (the rare astral ones one by one)."""
    out = _bmp_table(test)[np.minimum(codes, 0xFFFF)]
    astral = np.flatnonzero(codes > 0xFFFF)
    out[astral] = [getattr(chr(c), test)() for c in codes[astral].tolist()]
    return out


_DIGITS = re.compile(r"[0-9]+")


#: The shortest month name taken as a trigger when glued to the next word.
_GLUED_MONTH_MIN = 5


def _windows(g: Grammar, text: str) -> list[tuple[int, int, int]]:
    """Merged ``(start, end, trigger kinds)`` spans of the folded text around trigger
    words, on word edges."""
    hits = [(m.start(), m.end(), _DIGIT) for m in _DIGITS.finditer(text)]
    n = len(text)
    for last, value in g.words.iter(text):
        length, kind = value >> 24, value >> 16 & 0xFF
        if not kind:
            continue  # (a hint)
        end = last + 1
        if end < n and text[end].isalpha() and not (kind & _MONTH and length >= _GLUED_MONTH_MIN):
            continue  # inside a longer word (a month name may be glued to the next one)
        s = end - length
        k = s  # a trigger word starts a word, or follows at most 3 clitic letters
        while k > 0 and s - k < 3 and text[k - 1].isalpha():
            k -= 1
        if k > 0 and text[k - 1].isalpha():
            continue
        hits.append((s, end, kind))
    hits.sort()
    spans: list[list[int]] = []
    for s, e, kind in hits:
        ws = text.rfind(" ", 0, max(0, s - WINDOW_BEFORE)) + 1
        we = text.find(" ", min(n, e + WINDOW_AFTER))
        we = n if we < 0 else we
        if spans and ws <= spans[-1][1]:
            last_span = spans[-1]
            last_span[1] = max(we, last_span[1])
            last_span[2] |= kind
        else:
            spans.append([ws, we, kind])
    return [(s, e, k) for s, e, k in spans]


def _alpha_at(codes: np.ndarray, at: np.ndarray) -> np.ndarray:
    """``text[i].isalpha()`` at the positions ``at`` (False outside the text)."""
    out = np.zeros(len(at), dtype=bool)
    inside = (at >= 0) & (at < len(codes))
    out[inside] = _chars_are("isalpha", codes[at[inside]])
    return out


def _batch_windows(g: Grammar, text: str, codes: np.ndarray,
                   bounds: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_windows` of a folded batch (``codes``: its code points, ``bounds``: where its
    "\x00"s are), never across a "\x00" (the boundary of two fields), vectorised over the
    trigger hits of the whole batch (the same rules: a hit counts when it ends a word and
    follows at most 3 letters of its word; a window reaches :data:`WINDOW_BEFORE`
    characters before it and :data:`WINDOW_AFTER` after, widened to the next space, in its
    field; overlapping windows merge). Returns the starts, ends and trigger kinds, and the
    hits of hints (for :func:`_hints`).
    """
    n = len(codes)
    digit = np.zeros(n + 2, dtype=bool)  # digit[i + 1]: text[i] is 0-9
    digit[1:-1] = (codes - 48) < 10  # unsigned: codes below "0" wrap around
    runs = np.flatnonzero(digit[1:] != digit[:-1])  # starts and ends of digit runs, alternating
    hits = np.fromiter(chain.from_iterable(g.words.iter(text)), dtype=np.int64).reshape(-1, 2)
    kinds = hits[:, 1] >> 16 & 0xFF
    hint_hits = hits[(hits[:, 1] & 0xFFFF) != 0]
    hits, kinds = hits[kinds != 0], kinds[kinds != 0]
    t_end = hits[:, 0] + 1
    length = hits[:, 1] >> 24
    t_start = t_end - length
    # a hit must end its word, except a month name, which bad scraping glues to the next
    # word («أكتوبرالجاري», «حزيرانمن»): the patterns then decide
    # (only names of 5+ letters: «اب», «مارس» sit inside too many words)
    counts = ~_alpha_at(codes, t_end) | (((kinds & _MONTH) != 0) & (length >= _GLUED_MONTH_MIN))
    counts &= ~(_alpha_at(codes, t_start - 1) & _alpha_at(codes, t_start - 2)
                & _alpha_at(codes, t_start - 3) & _alpha_at(codes, t_start - 4))
    start = np.concatenate((runs[0::2], t_start[counts]))
    empty = np.zeros(0, dtype=np.int64)
    if not len(start):
        return empty, empty, empty, hint_hits
    end = np.concatenate((runs[1::2], t_end[counts]))
    kind = np.concatenate((np.full(len(runs) // 2, _DIGIT), kinds[counts]))
    order = np.argsort(start, kind="stable")
    start, end, kind = start[order], end[order], kind[order]

    edges = np.concatenate(([-1], bounds, [n]))
    b = np.searchsorted(bounds, start)
    field_start, field_end = edges[b] + 1, edges[b + 1]
    spaces = np.append(np.flatnonzero(codes == 32), n)
    # the window starts after the last space before start - WINDOW_BEFORE, in the field
    j = np.searchsorted(spaces, np.maximum(field_start, start - WINDOW_BEFORE)) - 1
    before = spaces[np.maximum(j, 0)]
    ws = np.where((j >= 0) & (before >= field_start), before + 1, field_start)
    # and ends at the first space from end + WINDOW_AFTER, in the field
    after = spaces[np.searchsorted(spaces, np.minimum(field_end, end + WINDOW_AFTER))]
    we = np.minimum(after, field_end)

    merged = np.ones(len(ws), dtype=bool)  # a new window where none reaches this one
    merged[1:] = ws[1:] > np.maximum.accumulate(we)[:-1]
    heads = np.flatnonzero(merged)
    return ws[heads], np.maximum.reduceat(we, heads), np.bitwise_or.reduceat(kind, heads), hint_hits


def _hints(g: Grammar, text: str, ws: np.ndarray, we: np.ndarray, hits: np.ndarray | None = None,
           codes: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The hint bits found in each window (``ws[k]:we[k]``, sorted, apart) of the folded
    text, and where the last and the first hint of each bit start in each window
    (``last[bit, k]``, ``first[bit, k]``; -1 if none). ``hits``: those of ``g.words`` in the
    text that are hints, ``codes``: the text's code points (found when not given).

    Read on the windows only, joined by "\x00" (which, like the spaces or field
    boundaries around a window, is neither a digit nor part of a hint): a pattern
    matches inside its window, so what it needs is inside too. The hint strings in the
    joined text are those of the text that lie inside a window.
    """
    if not len(ws):
        none = np.zeros((_HINT_BITS, 0), dtype=np.int64)
        return np.zeros(0, dtype=np.int64), none, none
    # the code points of the joined windows: those of the text from each window's start on,
    # with 0 where a window ends (at the character after it)
    sizes = we - ws + 1
    starts = np.zeros(len(ws), dtype=np.int64)
    np.cumsum(sizes[:-1], out=starts[1:])
    n = int(starts[-1] + sizes[-1] - 1)
    codes = (_codes(text) if codes is None else codes)[np.arange(n) + np.repeat(ws - starts, sizes)[:n]]
    codes[starts[1:] - 1] = 0
    found = np.zeros(n + 1, dtype=np.uint16)  # bits by position
    if hits is None:
        hits = np.fromiter(chain.from_iterable(g.words.iter(text)), dtype=np.int64).reshape(-1, 2)
    # where each hint starts (hits give where it ends), in its window if it lies inside one
    h_end = hits[:, 0] + 1
    h_start = h_end - (hits[:, 1] >> 24)
    k = np.searchsorted(ws, h_start, side="right") - 1
    inside = np.flatnonzero((k >= 0) & (h_end <= we[k]))
    k = k[inside]
    bits = (hits[inside, 1] & (1 << _HINT_BITS) - 1).astype(np.uint16)
    np.bitwise_or.at(found, h_start[inside] - ws[k] + starts[k], bits)
    # On the runs of digits (\d: str.isdecimal): days, [0-3]?\d, a run of one or two
    # (marked at its last digit); years, (18|19|20)\d\d, a run of four (after no digit,
    # _NUM_START, and before none; marked at its first digit); Hijri years the same with
    # 1[2-5]; numeric dates, a [/.-] right or a space after a run, and a digit right or a
    # space after it (marked at the separator).
    digit = np.zeros(n + 4, dtype=bool)  # (False past the end)
    digit[:n] = _chars_are("isdecimal", codes)
    edges = np.flatnonzero(np.diff(digit[:n + 1], prepend=False))  # starts and ends of runs
    run_start, run_end = edges[0::2], edges[1::2]
    length = run_end - run_start
    c = np.concatenate((codes, [0] * 4))  # (0 past the end: no digit, space or separator)
    four = run_start[length == 4]
    one, two = c[four], c[four + 1]
    year = four[((one == 49) & ((two == 56) | (two == 57))) | ((one == 50) & (two == 48))]
    found[year] |= _H_YEAR
    found[four[(one == 49) & (two >= 50) & (two <= 53)]] |= _H_HIJRI
    found[run_end[length <= 2] - 1] |= _H_DAY
    after, next_after = c[run_end], c[run_end + 1]
    at = np.concatenate((run_end[(after == 47) | (after == 46) | (after == 45)],
                         run_end[(after == 32) & ((next_after == 47) | (next_after == 46) | (next_after == 45))] + 1))
    found[at[digit[at + 1] | ((c[at + 1] == 32) & digit[at + 2])]] |= _H_NUMERIC
    hints = np.bitwise_or.reduceat(found, starts).astype(np.int64)
    years = np.bincount(np.searchsorted(starts, year, side="right") - 1, minlength=len(ws))
    hints[years >= 2] |= _H_YEARS
    # the last and first start of each bit in each window, in the folded text
    at = np.flatnonzero(found[:n])
    bits = found[at]
    window = np.searchsorted(starts, at, side="right") - 1
    at += ws[window] - starts[window]
    hint, bit = np.nonzero((bits[:, None] >> np.arange(_HINT_BITS, dtype=np.uint16)) & 1)
    last = np.full((_HINT_BITS, len(ws)), -1, dtype=np.int64)
    np.maximum.at(last, (bit, window[hint]), at[hint])
    first = np.full((_HINT_BITS, len(ws)), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, (bit, window[hint]), at[hint])
    first[last < 0] = -1
    return hints, last, first


def _fold_batch(texts: list[str]) -> tuple[Folded, np.ndarray, np.ndarray, np.ndarray]:
    """The texts joined by :data:`_SEPARATOR` and folded as one (``fold_with_offsets``
    applies to each character alone), with "\x00" at the field boundaries; where each
    field starts in the joined text; the code points of the folded text (as 16-bit units
    when all are in the BMP); where its "\x00"s are.

    Texts within the BMP without presentation forms (nearly all) are folded as one array of
    UTF-16 units (:func:`~analysis.normalize.fold_units`), and "\x00" put in for the
    separators, which fold to themselves."""
    starts = np.cumsum([0] + [len(t) + 1 for t in texts])
    joined = _SEPARATOR.join(texts)
    units = np.frombuffer(joined.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    separators = starts[1:-1] - 1
    tabled = len(units) == len(joined)  # (no character beyond the BMP)
    if tabled and (units >= 0xD800).any():  # surrogates or presentation forms
        tabled = not (((units - np.uint16(0xD800)) <= 0xDFFF - 0xD800).any() or has_presentation_forms(units))
    if tabled:
        positions, codes = fold_units(units)
        at = np.searchsorted(positions, separators)  # kept: they fold to themselves
        codes[at] = 0
        text = codes.tobytes().decode("utf-16-le")
        offsets = np.append(positions, len(joined))
        return Folded(text, offsets, joined), starts, codes, at
    if has_presentation_forms(units):
        # presentation forms take normalize's character loop: only for the texts that have them
        parts = [fold_with_offsets(t) for t in texts]
        text = _SEPARATOR.join(f.text for f in parts)
        offsets = np.concatenate([f.offsets + s for f, s in zip(parts, starts.tolist())])
    else:
        folded = fold_with_offsets(joined)
        text, offsets = folded.text, folded.offsets
    separators = np.searchsorted(offsets, separators)  # where they are in the folded text
    if text.count(_SEPARATOR) == len(texts) - 1:
        # a separator folds to itself: when the texts hold no other one, they are all of them
        text = text.replace(_SEPARATOR, "\x00")
        return Folded(text, offsets, joined), starts, _codes(text), separators
    codes = _codes(text).copy()
    codes[separators] = 0
    text = codes.tobytes().decode("utf-32-le", "surrogatepass")
    return Folded(text, offsets, joined), starts, codes, np.flatnonzero(codes == 0)


def _scan(text: str, pub: dt.date | None) -> list[tuple]:
    """Mentions of one text as tuples in :data:`TEXT_COLUMNS` order, sorted by start.

    For one short string (the cleaner's stamps) plain Python beats the batch machinery
    of :func:`_scan_batch`, which gives the same result."""
    if not text:
        return []
    g = grammar()
    folded = fold_with_offsets(text)
    windows = _windows(g, folded.text)
    if not windows:
        return []
    ctx = _Ctx(folded, pub, g.lex, len(folded.text))
    # the windows each pattern runs in: those with its trigger kinds (hints only save work)
    eligible = [[k for k, (_, _, kinds) in enumerate(windows) if kinds & needs]
                for _, _, needs, _ in g.patterns]
    starts, ends, _ = zip(*windows)
    found = _found(g, folded.text, starts, ends, [0] * len(windows), eligible, lambda i: ctx)
    out = []
    for _, r in found:
        start, end = folded.span(r.fs, r.fe)
        out.append((start, end, text[start:end], r.value, r.granularity, r.kind, r.modifier, r.anchor,
                    r.weekday, r.consistent))
    out.sort(key=lambda t: (t[0], t[1]))
    return out


def _scan_batch(texts: list[str], pubs: list[dt.date | None], swap: int = 0) -> tuple[list[int], list[list]]:
    """Mentions of the texts (see :func:`_scan`) as the number of the text of each row and
    the columns :data:`TEXT_COLUMNS`, sorted by text number ``^ swap``, start, end. The
    texts are folded and searched for trigger words and hints together; the patterns then
    run in the windows of each."""
    g = grammar()
    folded, starts, codes, bounds = _fold_batch(texts)
    ws, we, kinds, hint_hits = _batch_windows(g, folded.text, codes, bounds)
    if not len(ws):
        return [], [[] for _ in TEXT_COLUMNS]
    hints, last, first = _hints(g, folded.text, ws, we, hint_hits, codes)
    # where each field ends in the folded text, and the field of each window
    field_end = np.append(bounds, len(folded.text)).tolist()
    field = np.searchsorted(bounds, ws)
    # the windows each pattern runs in: those with its trigger kinds and hints
    needs = np.array([[p[2]] for p in g.patterns])
    hint_needs = np.array([[p[3]] for p in g.patterns])
    pattern, window = np.nonzero(((kinds & needs) != 0) & ((hints & hint_needs) == hint_needs))
    eligible = np.split(window, np.searchsorted(pattern, np.arange(1, len(g.patterns))))
    eligible = [e.tolist() for e in eligible]
    # Where a pattern's scan of a window may stop: after a match that ends beyond the last
    # start of a hint it needs (no other match could hold that hint). Two years are needed
    # by year ranges: not tracked, they never stop early.
    stops = [None if needs & _H_YEARS else
             last[[b for b in range(_HINT_BITS) if needs >> b & 1]].min(axis=0).tolist()
             for _, _, _, needs in g.patterns]
    found = _found(g, folded.text, ws.tolist(), we.tolist(), field.tolist(), eligible,
                   lambda i: _Ctx(folded, pubs[i], g.lex, field_end[i]), stops, _begins(g, ws, first, hint_hits))
    return _columns(folded, found, starts, swap)


def _begins(g: Grammar, ws: np.ndarray, first: np.ndarray, hits: np.ndarray) -> list[list[int] | None]:
    r"""Per pattern (with a lead), where its first search in each window may start: no
    match starts before (``first``: the first start of each hint in each window, ``hits``:
    of hints in the text, as :func:`_hints` takes them).

    The first match (from ``ws - 1``, in :func:`_found`'s terms: from the character before
    the pattern's match) holds a hint of the lead's bit, at ``h >= first``, at most ``lead``
    characters after its start; and it is [\W_] and clitics (:data:`_CLITICS`), then the
    hinted word or a head (what the pattern matches before it, Grammar.leads), which starts
    with a head word (_H_HEAD). So it starts at ``begin = first - lead`` or after, and at
    most 1 + _CLITICS before the first head word from ``begin`` (which comes before ``h``) or,
    without head, before ``h``: no earlier than 1 + _CLITICS before the first of the two.
    """
    at = (hits[:, 1] & _H_HEAD) != 0
    heads = np.append(np.sort(hits[at, 0] + 1 - (hits[at, 1] >> 24)), np.iinfo(np.int64).max)
    begins: list[list[int] | None] = [None] * len(g.leads)
    for k, lead in enumerate(g.leads):
        if lead:
            bit, width = lead
            hinted = first[bit.bit_length() - 1]
            begin = np.maximum(ws - 1, hinted - width)
            head = heads[np.searchsorted(heads, begin)]
            begins[k] = np.maximum(begin, np.minimum(head, hinted) - 1 - _CLITICS).tolist()
    return begins


def _found(g: Grammar, text: str, starts: list[int], ends: list[int], fields: list[int],
           eligible: list[list[int]], ctx: Callable[[int], _Ctx], stops: list | None = None,
           begins: list | None = None) -> list[tuple]:
    """The mentions in the windows ``starts[k]:ends[k]`` (in ``fields[k]``) of the folded
    text, as ``(field, row)`` pairs; ``ctx(field)`` makes the handlers' context of a field.

    Each pattern runs in its ``eligible`` windows (those with the trigger kinds and hints
    it needs), until a match ends after ``stops[pattern][window]`` (the last start of a
    hint it needs, when known), and its handler turns each match into rows. Its first
    search starts at ``begins[pattern][window]`` (when known, and the window not at 0):
    no match starts before.

    Where two candidate mentions of a field overlap, the longer wins (then the earlier,
    then the earlier pattern). A candidate lies inside its match, and a match inside its
    window (which ends the string for the pattern), so only candidates of the same window
    can overlap: the choice is made window by window.
    """
    by_window: dict[int, list] = {}  # window → candidates (-length, start, order, end, rows)
    ctxs: dict[int, _Ctx] = {}
    for order, ((name, pattern, _, _), preceded, windows) in enumerate(zip(g.patterns, g.preceded, eligible)):
        handler = _HANDLERS[name]
        search = preceded.search
        stop = stops[order] if stops else None
        begin = begins[order] if begins else None
        for w in windows:
            f = fields[w]
            c = ctxs.get(f)
            if c is None:
                c = ctxs[f] = ctx(f)
            # The matches of pattern.finditer(text, ws, we), found by the preceded pattern
            # (Grammar.preceded) from the character before where each search starts; the
            # handlers read named groups only, which are the same.
            ws, we = starts[w], ends[w]
            matches = None if ws else pattern.finditer(text, ws, we)  # nothing precedes 0
            m = search(text, begin[w] if begin else ws - 1, we) if ws else next(matches, None)
            while m is not None:
                rows = handler(m, c)
                if rows:
                    if len(rows) == 1:
                        s, e = rows[0].fs, rows[0].fe
                    else:
                        s, e = min(r.fs for r in rows), max(r.fe for r in rows)
                    candidate = (s - e, s, order, e, rows)
                    if w in by_window:
                        by_window[w].append(candidate)
                    else:
                        by_window[w] = [candidate]
                if stop is not None and stop[w] < m.end():
                    break  # no hint the pattern needs starts after this match
                if matches is not None:
                    m = next(matches, None)
                elif m.end() - m.start() > 1:
                    m = search(text, m.end() - 1, we)
                else:  # the pattern matched the empty string: finditer goes on after it
                    matches = pattern.finditer(text, m.end(), we)
                    next(matches)  # (that same match)
                    m = next(matches, None)
    found = []
    for w, candidates in by_window.items():
        field = fields[w]
        if len(candidates) > 1:
            # (-length, start, order) is unique: one pattern's matches do not overlap
            candidates.sort(key=lambda c: c[:3])
            taken: list[tuple[int, int]] = []
            for _, s, _, e, rows in candidates:
                if any(s < te and ts < e for ts, te in taken):
                    continue
                taken.append((s, e))
                found.extend((field, r) for r in rows if r.kind != "skip")
        else:
            for r in candidates[0][4]:
                if r.kind != "skip":
                    found.append((field, r))
    return found


_ROW_COLUMNS = operator.attrgetter("value", "granularity", "kind", "modifier", "anchor", "weekday", "consistent")


def _columns(folded: Folded, found: list[tuple], starts, swap: int = 0) -> tuple[list[int], list[list]]:
    """The rows of ``found`` (``(field, row)`` pairs) as the field of each row and the
    columns :data:`TEXT_COLUMNS`, sorted by field ``^ swap``, start, end; positions in the
    original text of each field (which starts at ``starts[field]`` of ``folded.original``).

    Original spans as :meth:`Folded.span` gives them, vectorised: ``[offsets[fs],
    offsets[fe - 1] + 1)``; :meth:`Folded.span` itself where it may widen the end over
    deleted marks (where ``offsets[fe]`` is further on) and for empty spans.
    """
    if not found:
        return [], [[] for _ in TEXT_COLUMNS]
    fields, rows = zip(*found)
    fs = np.fromiter(map(operator.attrgetter("fs"), rows), dtype=np.int64, count=len(rows))
    fe = np.fromiter(map(operator.attrgetter("fe"), rows), dtype=np.int64, count=len(rows))
    field = np.array(fields, dtype=np.int64)
    offsets = folded.offsets
    start = offsets[fs]
    end = offsets[fe - 1] + 1
    for k in np.flatnonzero((end < offsets[fe]) | (fe <= fs)).tolist():
        start[k], end[k] = folded.span(int(fs[k]), int(fe[k]))
    order = np.lexsort((end, start, field ^ swap))
    field, start, end = field[order], start[order], end[order]
    shift = np.asarray(starts, dtype=np.int64)[field]
    original = folded.original
    rows = operator.itemgetter(*order.tolist())(rows) if len(rows) > 1 else rows
    return field.tolist(), [(start - shift).tolist(), (end - shift).tolist(),
                            [original[s:e] for s, e in zip(start.tolist(), end.tolist())],
                            *map(list, zip(*map(_ROW_COLUMNS, rows)))]


def _frame(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    frame["start"] = frame["start"].astype("int64")
    frame["end"] = frame["end"].astype("int64")
    frame["weekday_consistent"] = frame["weekday_consistent"].astype("boolean")
    for c in ("surface", "value", "granularity", "kind", "modifier", "anchor", "weekday"):
        frame[c] = frame[c].astype(str)
    return frame


def scan_text(text: str, *, published=None) -> list[tuple]:
    """Date mentions of one string as plain tuples in :data:`TEXT_COLUMNS` order (no
    DataFrame: for callers that scan many short strings, such as the cleaner's stamps)."""
    return _scan(text, _as_date(published))


def find_in_text(text: str, *, published=None) -> pd.DataFrame:
    """Date mentions of one string, resolved against ``published`` (date, Timestamp, ISO
    string or None). Columns: :data:`TEXT_COLUMNS` (no doc_id/field), sorted by start.

    >>> find_in_text("وقالت الوزارة أمس الأربعاء", published="2019-09-05")[["surface", "value"]].values.tolist()
    [['أمس الأربعاء', '2019-09-04']]
    """
    return _frame(_scan(text, _as_date(published)), TEXT_COLUMNS)


def find_mentions(documents: pd.DataFrame) -> pd.DataFrame:
    """Every date mention in the title and body of every document (:data:`COLUMNS`),
    sorted by doc_id, field, start. Relative mentions resolve against ``published``."""
    with gc_paused():
        return _find_mentions(documents)


def _find_mentions(documents: pd.DataFrame) -> pd.DataFrame:
    fields = list(iter_fields(documents))  # title, body of each document
    doc_ids = [doc_id for doc_id, _, _ in fields[::2]]
    published = documents["published"].tolist() if "published" in documents else [None] * len(documents)
    pubs = dict(zip(doc_ids, map(_as_date, published)))
    ids = documents["doc_id"]
    try:
        in_order = bool(ids.is_unique and ids.is_monotonic_increasing)
    except TypeError:
        in_order = False
    # The table is sorted by doc_id, field, start, end. With distinct doc_ids in sorted
    # order that is the order of the fields with each body before its title: field number
    # ^ 1; batches end with a body, so that each sorts its rows alone. Otherwise the rows
    # stay in field order for a stable sort of the table.
    swap = 1 if in_order else 0
    numbers: list[int] = []  # the field of each row
    columns: list[list] = [[] for _ in TEXT_COLUMNS]
    first, size = 0, 0
    for i, (_, _, text) in enumerate(fields):
        size += len(text) + 1
        if (size >= _BATCH_CHARS and i % 2) or i == len(fields) - 1:
            batch = fields[first:i + 1]
            found, cols = _scan_batch([t for _, _, t in batch], [pubs.get(d) for d, _, _ in batch], swap)
            numbers.extend((np.asarray(found, dtype=np.int64) + first).tolist())
            for column, values in zip(columns, cols):
                column.extend(values)
            first, size = i + 1, 0
    if not numbers:
        return _frame([], COLUMNS).sort_values(["doc_id", "field", "start", "end"], ignore_index=True)
    frame = _frame_from_columns([fields[k][0] for k in numbers], [fields[k][1] for k in numbers], columns,
                                all(isinstance(d, str) for d in doc_ids))
    if in_order:
        return frame
    return frame.sort_values(["doc_id", "field", "start", "end"], ignore_index=True, kind="stable")


def _frame_from_columns(doc_ids: list, field_names: list[str], columns: list[list], strings: bool) -> pd.DataFrame:
    """``_frame(rows, COLUMNS)`` of the rows ``doc_id, field, *columns``, built from the
    columns when the doc_ids are ``strings``: pandas infers them, like the field names, as
    ``str``, the dtype :func:`_frame` gives the text columns."""
    if not strings:
        return _frame(list(zip(doc_ids, field_names, *columns)), COLUMNS)
    data = dict(zip(COLUMNS, [doc_ids, field_names, *columns]))
    for c in ("doc_id", "field", "surface", "value", "granularity", "kind", "modifier", "anchor", "weekday"):
        data[c] = pd.array(data[c], dtype=str)
    data["start"] = np.array(data["start"], dtype=np.int64)
    data["end"] = np.array(data["end"], dtype=np.int64)
    data["weekday_consistent"] = pd.array(data["weekday_consistent"], dtype="boolean")
    return pd.DataFrame(data)


def weekday_evidence(mentions: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Per document: does the text's weekday evidence support its ``published`` date?

    Counts the mentions where a weekday is named beside a date found independently
    («أمس الجمعة», «الأحد 22 أيلول»), how many agree, and ``supported``: True when at
    least one agrees and none disagrees, False when one disagrees, <NA> when there is no
    such mention. Columns: doc_id, published, published_basis, checked, consistent,
    inconsistent, supported.
    """
    checked = mentions.dropna(subset=["weekday_consistent"])
    agg = checked.groupby("doc_id")["weekday_consistent"].agg(
        consistent=lambda s: int(s.sum()), inconsistent=lambda s: int((~s).sum()))
    docs = documents[["doc_id", "published"]].copy()
    docs["published_basis"] = documents["published_basis"] if "published_basis" in documents else ""
    out = docs.merge(agg, how="left", left_on="doc_id", right_index=True)
    out[["consistent", "inconsistent"]] = out[["consistent", "inconsistent"]].fillna(0).astype("int64")
    out.insert(3, "checked", out["consistent"] + out["inconsistent"])
    supported = pd.array([pd.NA if c == 0 else i == 0 for c, i in zip(out["checked"], out["inconsistent"])],
                         dtype="boolean")
    out["supported"] = supported
    return out.sort_values("doc_id", ignore_index=True)


# --- where the mentions reach in time ---------------------------------------------------------

def period(value: str) -> tuple[pd.Timestamp, pd.Timestamp] | tuple[None, None]:
    """First and last day of an ISO value at its granularity (``None, None`` if empty).

    >>> period("2019-W36")
    (Timestamp('2019-09-02 00:00:00'), Timestamp('2019-09-08 00:00:00'))
    >>> period("2018-02")
    (Timestamp('2018-02-01 00:00:00'), Timestamp('2018-02-28 00:00:00'))
    """
    if not isinstance(value, str) or not value:
        return None, None
    if "-W" in value:
        year, week = value.split("-W")
        start = pd.Timestamp(dt.date.fromisocalendar(int(year), int(week), 1))
        return start, start + pd.Timedelta(days=6)
    parts = value.split("-")
    if len(parts) == 1:
        return pd.Timestamp(int(parts[0]), 1, 1), pd.Timestamp(int(parts[0]), 12, 31)
    if len(parts) == 2:
        start = pd.Timestamp(int(parts[0]), int(parts[1]), 1)
        return start, start + pd.offsets.MonthEnd(0)
    day = pd.Timestamp(value)
    return day, day


def reach(mentions: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Mentions with a value, placed against their article's publication date.

    Adds: published, period_start, period_end (the days the value covers),
    days_from_publication (signed, from publication to the middle of the period;
    negative = past) and tense: ``past`` (the period ends before publication),
    ``present`` (it contains the publication day), ``future`` (it starts after).
    Mentions without a value, or in articles without a date, are left out.
    """
    cols = list(mentions.columns) + ["published", "period_start", "period_end",
                                     "days_from_publication", "tense"]
    out = mentions[mentions["value"].fillna("") != ""].merge(
        documents[["doc_id", "published"]], on="doc_id", how="left")
    out = out[out["published"].notna()].copy()
    if out.empty:
        return pd.DataFrame(columns=cols)
    bounds = [period(v) for v in out["value"]]
    out["period_start"] = pd.to_datetime([b[0] for b in bounds])
    out["period_end"] = pd.to_datetime([b[1] for b in bounds])
    middle = out["period_start"] + (out["period_end"] - out["period_start"]) / 2
    out["days_from_publication"] = (middle - out["published"]).dt.days
    out["tense"] = "present"
    out.loc[out["period_end"] < out["published"], "tense"] = "past"
    out.loc[out["period_start"] > out["published"], "tense"] = "future"
    return out[cols].reset_index(drop=True)
