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
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import ahocorasick
import numpy as np
import pandas as pd

from . import paths
from .corpus import iter_fields
from .normalize import Folded, fold, fold_with_offsets, strip_diacritics, strip_tatweel

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

_START = r"(?<![^\W_])(?P<clitic>[وف]?(?:[بلك]|في)?)"  # word start, then clitics kept out of the surface
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
    #: Words without which no pattern can match (digits, month and weekday names, relative
    #: days, direction words, «منذ», «قبل + duration», vague phrases): the patterns only
    #: run in windows around them, which keeps the scan fast on long articles.
    trigger: ahocorasick.Automaton  # folded word → length << 8 | kind bits
    trigger_kinds: dict[str, int]
    #: Strings that some patterns cannot match without (month names as the month pattern
    #: spells them, «شهر»), found anywhere, even inside words: see :func:`_hints`.
    hint: ahocorasick.Automaton  # string → hint bits


# Kinds of trigger words (bits), and the kinds each pattern needs at least one of.
_DIGIT, _MONTH, _WEEKDAY, _RELDAY, _DIRECTION, _VAGUE, _PERIOD, _AGO = (1 << i for i in range(8))
_NEEDS = {"day_month": _DIGIT | _MONTH | _DIRECTION, "day_range": _DIGIT, "numeric": _DIGIT,
          "month": _MONTH, "year_range": _DIGIT, "year": _DIGIT, "relative_day": _RELDAY,
          "weekday": _WEEKDAY, "period": _DIRECTION | _PERIOD, "ago": _AGO, "vague": _VAGUE,
          "hijri": _MONTH | _DIGIT}

# Hints (bits): strings or characters that a pattern cannot match without, wherever they
# stand. A window is scanned by a pattern only if it has all the hints the pattern needs:
# trigger kinds say that a window holds digits, hints whether they can be a day, a year or
# a numeric date, and whether a month name is there for them.
_H_MONTH, _H_MONTH_OR_SHAHR, _H_DAY, _H_YEAR, _H_YEARS, _H_HIJRI, _H_NUMERIC, _H_UNIT = (
    1 << i for i in range(8))
_HINT_NEEDS = {"day_month": _H_MONTH_OR_SHAHR | _H_DAY,  # a day (or ordinal) and a month or «شهر»
               "day_range": _H_MONTH | _H_DAY, "month": _H_MONTH,
               "numeric": _H_NUMERIC,  # [/.-] between its numbers
               "year": _H_YEAR, "year_range": _H_YEARS,  # (18|19|20)\d\d, two of them
               "hijri": _H_HIJRI,  # a Hijri month, or 1[2-5]\d\d
               "period": _H_UNIT}  # الأسبوع، الشهر، العام …


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
        "year": rf"{_START}(?P<x>{pre}(?:(?P<kw>{yword}) ?)?(?P<y>{_NUM_START}{year}){era})",
        # أمس، أمس الأول، صباح اليوم، غداً الخميس، يوم أمس الأربعاء
        "relative_day": (rf"{_START}(?P<x>(?:(?P<m1>{span}) )?{part}(?P<rel>{_alt(w['relative_day'])})"
                         rf"{_END}(?: ?[,،]? ?(?:يوم )?(?P<wd>{weekday})| ?\((?:يوم )?(?P<pwd>{weekday})\))?)"),
        # الاثنين, يوم الجمعة الماضي, الخميس المقبل
        "weekday": (rf"{_START}(?P<x>(?:(?P<m1>{span}) )?{part}(?P<wd>{weekday})"
                    rf"(?: (?P<dir>{direction}))?)"),
        # الشهر الماضي, هذا الأسبوع, مطلع الأسبوع الحالي, العام قبل الماضي, صيف العام الماضي
        "period": (rf"{_START}(?P<x>{pre}(?:(?P<this>{_alt(w['this'])}) (?P<u1>{units})"
                   rf"|(?P<u2>{units}) (?P<dir>{direction})){_END})"),
        # منذ عام, قبل يومين, منذ ثلاثة أشهر
        "ago": (rf"{_START}(?P<x>(?P<m1>منذ|قبل) (?:(?P<n>\d{{1,2}}|{_alt(w['number'])}) )?"
                rf"(?P<unit>{_alt(w['duration'])}){_END})(?! ?\d)"),
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
    trigger = ahocorasick.Automaton()
    for word, bit in kinds.items():
        trigger.add_word(word, len(word) << 8 | bit)
    trigger.make_automaton()
    hints: dict[str, int] = {"شهر": _H_MONTH_OR_SHAHR}
    for bit, forms in ((_H_MONTH | _H_MONTH_OR_SHAHR, lex.months), (_H_HIJRI, lex.hijri),
                       (_H_UNIT, w["unit"]), (_H_DAY, w["ordinal"])):
        plain, absorbed = _alt_forms(forms)
        for form in plain | set(absorbed):
            hints[form] = hints.get(form, 0) | bit
    hint = ahocorasick.Automaton()
    for form, bit in hints.items():
        hint.add_word(form, bit)
    hint.make_automaton()
    compiled = tuple((k, re.compile(v), _NEEDS[k], _HINT_NEEDS.get(k, 0)) for k, v in patterns.items())
    return Grammar(lex, compiled, trigger, kinds, hint)


# --- resolution --------------------------------------------------------------------------------

@dataclass
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


@dataclass
class _Ctx:
    folded: Folded
    pub: dt.date | None
    lex: Lexicon
    end: int  # end of the field in ``folded.text`` (fields of a batch are folded together)

    @property
    def text(self) -> str:
        return self.folded.text

    def prev_word(self, i: int) -> str:
        m = _PREV_WORD.search(self.text, max(0, i - 40), i)
        return m.group(1) if m else ""

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
        row.anchor = self.pub.isoformat() if self.pub else ""
        return row


_PREV_WORD = re.compile(r"([^\W_]+)[ \"'()«»\-]*$")
_NEXT_WORD = re.compile(r"[ \"'()«»\-]*([^\W_]+)")
_CLAUSE_END = re.compile(r" ?(?:[.،,؛;:!؟?)\"\n]|$)")


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
    w = ctx.lex.words
    out = []
    for name in names:
        g = m.groupdict().get(name)
        if g:
            cat = next(c for c in ("span_modifier", "period_modifier", "season") if g in w[c] or "ا" + g in w[c])
            out.append(ctx.word(cat, g))
    return "+".join(out)


def _month_of(ctx: _Ctx, m, p: str) -> tuple[int, int | None] | None:
    """(month, second month of a dual/range or None) of the month group ``p``; None if an
    ambiguous name is spelled otherwise than listed («أب» father vs «آب» August)."""
    found = []
    for i in ("1", "2"):
        safe, amb = m.group(f"{p}{i}m"), m.group(f"{p}{i}a")
        if amb:
            s, e = m.span(f"{p}{i}a")
            if _spelling(ctx.original(s, e)) not in ctx.lex.ambiguous[amb]:
                return None
        name = safe or amb
        found.append(ctx.lex.months[name] if name else None)
    return found[0], found[1]


def _year_of(ctx: _Ctx, m, p: str, month: int) -> tuple[int | None, bool] | None:
    """(year or None when unresolvable, relative?) for a month group and its tail."""
    if m.group(f"{p}y"):
        return int(m.group(f"{p}y")), False
    if ctx.pub is None:
        return None, True
    if m.group(f"{p}ythis"):
        return ctx.pub.year, True
    if m.group(f"{p}ydir"):
        return ctx.pub.year + ctx.word("direction", m.group(f"{p}ydir")), True
    mdir = m.group(f"{p}mdir")
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
    has_cue = any(m.group(g) for g in ("m1", "m2", "gshahr", "gyr", "gyrel", "gmrel"))
    if m.group("g1a") and not has_cue and second is None:
        clitic = m.group("clitic")
        if not (clitic.endswith(("في", "ب", "ل")) or ctx.prev_in(m.start(), "month_cue")):
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
    if not (m.group("m1") or m.group("m2") or m.group("kw")):
        if not (m.group("clitic").endswith("في") or ctx.prev_in(m.start(), "year_cue")):
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
        if not part and ctx.prev_in(m.start(), "today_blocker_before"):
            return None
        nxt = ctx.next_word(m.end("rel"))
        if nxt in w["today_blocker_after"] and not (m.group("wd") or m.group("pwd")):
            return None
    elif rel in ("غدا", "الغد", "غد"):
        orig = ctx.original(*m.span("rel"))
        prev = ctx.prev_word(m.start())
        future = prev in w["future_marker"] or re.match(r"س[يتن]", prev) is not None
        ok = (part or m.group("wd") or span_word or future or rel == "بعد غد"
              or (rel == "غدا" and ("\u064b" in orig or _CLAUSE_END.match(ctx.text, m.end("rel"), ctx.end))))
        if not ok:
            return None
    modifier = ctx.word("span_modifier", span_word) if span_word else ""
    row = ctx.relative(_Row(s, e, granularity="day", modifier=modifier))
    if ctx.pub:
        row.value = (ctx.pub + dt.timedelta(days=ctx.word("relative_day", rel))).isoformat()
    # the weekday may follow in parentheses: «أمس (الأربعاء)», «اليوم (الخميس)»
    return [_check_weekday(row, m.group("wd") or m.group("pwd"), ctx)]


def _weekday(m, ctx: _Ctx) -> list[_Row] | None:
    w = ctx.lex.words
    if not m.group("part") and ctx.prev_in(m.start(), "weekday_blocker_before"):
        return None
    if ctx.next_word(m.end("wd")) in w["weekday_blocker_after"]:
        return None
    s, e = m.span("x")
    name = ctx.word("weekday", m.group("wd"))
    row = ctx.relative(_Row(s, e, granularity="day", modifier=_modifier(ctx, m, "m1"), weekday=name))
    if ctx.pub:
        target = WEEKDAYS.index(name)
        k = ctx.word("direction", m.group("dir")) if m.group("dir") else 0
        if k > 0:
            delta = (target - ctx.pub.weekday()) % 7 or 7
        else:
            back = (ctx.pub.weekday() - target) % 7
            delta = -(back or 7) if k < 0 else -back
        row.value = (ctx.pub + dt.timedelta(days=delta)).isoformat()
    return [row]


def _period(m, ctx: _Ctx) -> list[_Row] | None:
    unit = ctx.word("unit", m.group("u1") or m.group("u2"))
    k = ctx.word("direction", m.group("dir")) if m.group("dir") else 0
    s, e = m.span("x")
    row = ctx.relative(_Row(s, e, granularity=unit, modifier=_modifier(ctx, m, "m1", "m2")))
    if ctx.pub:
        row.value = _shift(ctx.pub, unit, k)
    return [row]


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


def _vague(m, ctx: _Ctx) -> list[_Row] | None:
    s, e = m.span("x")
    first = ctx.text[s:e].split(" ")[0]
    return [_Row(s, e, kind="vague", modifier={"منذ": "since", "حتي": "until"}.get(first, ""))]


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
_BATCH_CHARS = 1_000_000


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
    for last, value in g.trigger.iter(text):
        length, kind = value >> 8, value & 0xFF
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


def _batch_windows(g: Grammar, text: str) -> list[tuple[int, int, int]]:
    """:func:`_windows` of a folded batch, never across a "\x00" (the boundary of two
    fields), vectorised over the trigger hits of the whole batch (the same rules: a hit
    counts when it ends a word and follows at most 3 letters of its word; a window
    reaches :data:`WINDOW_BEFORE` characters before it and :data:`WINDOW_AFTER` after,
    widened to the next space, in its field; overlapping windows merge).
    """
    codes = _codes(text)
    n = len(codes)
    digit = np.concatenate(([0], (codes >= 48) & (codes <= 57), [0])).astype(np.int8)
    runs = np.flatnonzero(np.diff(digit))  # starts and ends of digit runs, alternating
    hits = np.fromiter(chain.from_iterable(g.trigger.iter(text)), dtype=np.int64).reshape(-1, 2)
    t_end = hits[:, 0] + 1
    t_start = t_end - (hits[:, 1] >> 8)
    alpha = np.zeros(n + 5, dtype=bool)  # alpha[i + 4] is text[i].isalpha(), False outside
    alpha[4:n + 4] = _chars_are("isalpha", codes)
    # a hit must end its word, except a month name, which bad scraping glues to the next
    # word («أكتوبرالجاري», «حزيرانمن»): the patterns then decide
    # (only names of 5+ letters: «اب», «مارس» sit inside too many words)
    counts = ~alpha[t_end + 4] | (((hits[:, 1] & _MONTH) != 0) & ((hits[:, 1] >> 8) >= _GLUED_MONTH_MIN))
    counts &= ~(alpha[t_start + 3] & alpha[t_start + 2] & alpha[t_start + 1] & alpha[t_start])
    start = np.concatenate((runs[0::2], t_start[counts]))
    if not len(start):
        return []
    end = np.concatenate((runs[1::2], t_end[counts]))
    kind = np.concatenate((np.full(len(runs) // 2, _DIGIT), hits[counts, 1] & 0xFF))
    order = np.argsort(start, kind="stable")
    start, end, kind = start[order], end[order], kind[order]

    bounds = np.flatnonzero(codes == 0)
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
    return list(zip(ws[heads].tolist(), np.maximum.reduceat(we, heads).tolist(),
                    np.bitwise_or.reduceat(kind, heads).tolist()))


def _hints(g: Grammar, text: str, windows: np.ndarray) -> np.ndarray:
    """The hint bits found in each window (rows of ``start, end``) of the folded text.

    Read on the windows only, joined by "\x00" (which, like the spaces or field
    boundaries around a window, is neither a digit nor part of a hint): a pattern
    matches inside its window, so what it needs is inside too.
    """
    pieces = [text[s:e] for s, e in windows.tolist()]
    starts = np.cumsum([0] + [len(p) + 1 for p in pieces])
    text = "\x00".join(pieces)
    codes = _codes(text)
    n = len(codes)
    found = np.zeros(n + 1, dtype=np.uint8)  # bits by position
    hits = np.fromiter(chain.from_iterable(g.hint.iter(text)), dtype=np.int64).reshape(-1, 2)
    np.bitwise_or.at(found, hits[:, 0], hits[:, 1].astype(np.uint8))  # where each hint ends
    # Days: [0-3]?\d, a run of one or two digits; years: (18|19|20)\d\d after no digit
    # (_NUM_START) and before none; Hijri years: the same with 1[2-5]; numeric dates: [/.-]
    # between digits, perhaps with spaces.
    c = np.concatenate(([0], codes, [0] * 4))  # c[i + 1] is codes[i]
    d = np.concatenate(([False], _chars_are("isdecimal", codes), [False] * 4))
    first, second = c[1:n + 1], c[2:n + 2]
    four = ~d[:n] & d[3:n + 3] & d[4:n + 4] & ~d[5:n + 5]
    year = ((first == 49) & ((second == 56) | (second == 57))) | ((first == 50) & (second == 48))
    hijri = (first == 49) & (second >= 50) & (second <= 53)
    year &= four
    found[:n][year] |= _H_YEAR
    found[:n][four & hijri] |= _H_HIJRI
    found[:n][d[1:n + 1] & ~d[2:n + 2] & ~(d[:n] & np.concatenate(([False], d[:n - 1])))] |= _H_DAY
    separator = (first == ord("/")) | (first == ord(".")) | (first == ord("-"))
    separator &= d[:n] | ((c[:n] == 32) & np.concatenate(([False], d[:n - 1])))  # digit before
    separator &= d[2:n + 2] | ((second == 32) & d[3:n + 3])  # and after
    found[:n][separator] |= _H_NUMERIC
    hints = np.bitwise_or.reduceat(found, starts[:-1])
    hints[np.add.reduceat(np.append(year, False).astype(np.int32), starts[:-1]) >= 2] |= _H_YEARS
    return hints


def _fold_batch(texts: list[str]) -> tuple[Folded, np.ndarray]:
    """The texts joined by :data:`_SEPARATOR` and folded as one (``fold_with_offsets``
    applies to each character alone), with "\x00" at the field boundaries, and where
    each field starts in the joined text."""
    starts = np.cumsum([0] + [len(t) + 1 for t in texts])
    joined = _SEPARATOR.join(texts)
    points = _codes(joined)
    if (((points >= 0xFB50) & (points <= 0xFDFF)) | ((points >= 0xFE70) & (points <= 0xFEFE))).any():
        # presentation forms take normalize's character loop: only for the texts that have them
        parts = [fold_with_offsets(t) for t in texts]
        text = _SEPARATOR.join(f.text for f in parts)
        offsets = np.concatenate([f.offsets + s for f, s in zip(parts, starts.tolist())])
    else:
        folded = fold_with_offsets(joined)
        text, offsets = folded.text, folded.offsets
    codes = _codes(text).copy()
    codes[np.searchsorted(offsets, starts[1:-1] - 1)] = 0  # the separators
    return Folded(codes.tobytes().decode("utf-32-le", "surrogatepass"), offsets, joined), starts


def _scan(text: str, pub: dt.date | None) -> list[tuple]:
    """Mentions of one text as tuples in :data:`TEXT_COLUMNS` order, sorted by start.

    For one short string (the cleaner's stamps) plain Python beats the batch machinery
    of :func:`_scan_batch`, which gives the same result."""
    if not text:
        return []
    g = grammar()
    folded = fold_with_offsets(text)
    windows = [(s, e, k, -1) for s, e, k in _windows(g, folded.text)]  # -1: every hint
    return _mentions(g, _Ctx(folded, pub, g.lex, len(folded.text)), windows, 0)


def _scan_batch(texts: list[str], pubs: list[dt.date | None]) -> list[list[tuple]]:
    """Mentions of each text (see :func:`_scan`). The texts are folded and searched for
    trigger words and hints together; the patterns then run in the windows of each."""
    g = grammar()
    folded, starts = _fold_batch(texts)
    found: list[list[tuple]] = [[] for _ in texts]
    windows = np.array(_batch_windows(g, folded.text), dtype=np.int64).reshape(-1, 3)
    if not len(windows):
        return found
    hints = _hints(g, folded.text, windows[:, :2])
    # where each field ends in the folded text, and the field of each window
    field_end = np.append(np.flatnonzero(_codes(folded.text) == 0), len(folded.text))
    field = np.searchsorted(field_end, windows[:, 0])
    rows = np.column_stack((windows, hints)).tolist()
    first = 0
    for last in np.append(np.flatnonzero(np.diff(field)) + 1, len(field)).tolist():
        i = int(field[first])
        ctx = _Ctx(folded, pubs[i], g.lex, int(field_end[i]))
        found[i] = _mentions(g, ctx, rows[first:last], int(starts[i]))
        first = last
    return found


def _mentions(g: Grammar, ctx: _Ctx, windows: list, offset: int) -> list[tuple]:
    """Mentions in the windows ``(start, end, kinds, hints)`` of one field, as tuples in
    :data:`TEXT_COLUMNS` order (positions minus ``offset``), sorted by start."""
    text = ctx.text
    candidates = []  # (-length, start, order, end, rows)
    for order, (name, pattern, needs, hint_needs) in enumerate(g.patterns):
        handler = _HANDLERS[name]
        for ws, we, kinds, hints in windows:
            if not kinds & needs or hints & hint_needs != hint_needs:
                continue
            for m in pattern.finditer(text, ws, we):
                rows = handler(m, ctx)
                if rows:
                    s = min(r.fs for r in rows)
                    e = max(r.fe for r in rows)
                    candidates.append((-(e - s), s, order, e, rows))
    candidates.sort(key=lambda c: c[:3])
    taken: list[tuple[int, int]] = []
    out = []
    original = ctx.folded.original
    for _, s, _, e, rows in candidates:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        for r in rows:
            if r.kind == "skip":
                continue
            start, end = ctx.folded.span(r.fs, r.fe)
            out.append((start - offset, end - offset, original[start:end], r.value, r.granularity,
                        r.kind, r.modifier, r.anchor, r.weekday, r.consistent))
    out.sort(key=lambda t: (t[0], t[1]))
    return out


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
    published = documents["published"] if "published" in documents else [None] * len(documents)
    pubs = dict(zip(documents["doc_id"], (_as_date(p) for p in published)))
    fields = list(iter_fields(documents))
    rows = []
    first, size = 0, 0
    for i, (_, _, text) in enumerate(fields):
        size += len(text) + 1
        if size >= _BATCH_CHARS or i == len(fields) - 1:
            batch = fields[first:i + 1]
            found = _scan_batch([t for _, _, t in batch], [pubs.get(d) for d, _, _ in batch])
            for (doc_id, field, _), mentions in zip(batch, found):
                rows.extend((doc_id, field) + r for r in mentions)
            first, size = i + 1, 0
    frame = _frame(rows, COLUMNS)
    return frame.sort_values(["doc_id", "field", "start", "end"], ignore_index=True, kind="stable")


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
