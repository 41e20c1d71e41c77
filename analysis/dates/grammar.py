"""The date shapes: one regular expression per kind of date expression, over folded text.

This is the module to edit to add a date shape: write its pattern in :func:`_shapes`
(from the building blocks below and the words of :mod:`.lexicon`), its handler in
:mod:`.resolution` (which turns a match into rows), and say in :data:`SHAPES` which
trigger words and hints a match of it always holds (the fast scan runs a shape only
where they are; :mod:`.fast`).

Every pattern starts at a word start (:data:`WORD_START`) with the clitics the words of
``conjunction`` and ``preposition`` allow (group ``clitic``, kept out of the surface),
and names the mention itself ``x``; the handlers read named groups only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from .lexicon import Lexicon, lexicon

WORD_START = r"(?<![^\W_])"
END = r"(?![^\W_])"
END_LETTER = r"(?![^\W\d_])"  # a month name may be glued to the number that follows
NUM_START = r"(?<![\d.,:/])(?<!\d[-/.])"
YEAR = r"(?:18|19|20)\d\d(?!\d)"

#: Per shape: the kinds of trigger words a match holds one of, and the hints it holds all
#: of (the words of each in :func:`trigger_words` and :func:`hint_words`; :mod:`.fast`
#: reads ``digits`` (a run of 0-9), ``day`` and ``hijri`` (also numbers that can be one),
#: ``year``, ``years`` (two years) and ``numeric`` ([/.-] between numbers) off the digits).
#: Order matters: where two candidate mentions overlap and are as long, the earlier wins.
SHAPES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "day_month": (("digits", "month", "direction"), ("month_or_shahr", "day")),
    "day_range": (("digits",), ("month", "day")),
    "numeric": (("digits",), ("numeric",)),
    "month": (("month",), ("month",)),
    "year_range": (("digits",), ("years",)),
    "year": (("digits",), ("year",)),
    "relative_day": (("relative_day",), ("relative_day",)),
    "night": (("weekday",), ("weekday", "night")),
    "weekday": (("weekday",), ("weekday",)),
    "period": (("direction", "this_unit"), ("unit",)),
    "ago": (("ago", "digits"), ("duration",)),
    "vague": (("vague",), ("vague",)),
    "hijri": (("month", "digits"), ("hijri",)),
}


class Shape(NamedTuple):
    """A date shape: its name, compiled pattern, trigger kinds and hints (names)."""

    name: str
    pattern: re.Pattern
    triggers: tuple[str, ...]
    hints: tuple[str, ...]


@dataclass(frozen=True)
class Grammar:
    """The compiled shapes, in :data:`SHAPES` order, and the lexicon they come from."""

    lex: Lexicon
    patterns: tuple[Shape, ...]


def alt_forms(forms) -> set[str]:
    """The strings :func:`alt` matches: the forms (and «X و Y» spelled «X وY»), and the
    forms with the article whose alef a «ل» clitic absorbed («لعام», matched after «ل»)."""
    forms = set(forms)
    forms |= {f.replace(" و", " و ") for f in forms if " و" in f}
    return forms | {f[1:] for f in forms if f.startswith("ال") and len(f) > 3}


def _any_of(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def alt(forms) -> str:
    """Any of the folded forms, longest first. A form with the article also matches after
    a «ل» clitic that absorbed its alef («للعام»), and «X و Y» ordinals allow «X وY»."""
    forms = set(forms)
    forms |= {f.replace(" و", " و ") for f in forms if " و" in f}
    absorbed = [f[1:] for f in forms if f.startswith("ال") and len(f) > 3]
    if not absorbed:
        return f"(?:{_any_of(forms)})"
    return f"(?:{_any_of(forms)}|(?<=ل)(?:{_any_of(absorbed)}))"


class _Blocks:
    """The building blocks the shapes share, from the lexicon's words."""

    def __init__(self, lex: Lexicon):
        w = lex.words
        self.start = rf"{WORD_START}(?P<clitic>{alt(w['conjunction'])}?{alt(w['preposition'])}?)"
        self.safe = alt(k for k in lex.months if k not in lex.ambiguous)
        self.amb = alt(lex.ambiguous)
        self.glue = alt(w["glue"])
        self.era = rf"(?: ?{alt(w['era'])}{END})?"
        self.direction = alt(w["direction"]) + END
        self.weekday = alt(w["weekday"]) + END
        self.yword = alt(w["year_word"])
        self.pre = (rf"(?:(?P<m1>{alt(w['span_modifier'])}) ?)?"
                    rf"(?:(?P<m2>{alt(list(w['period_modifier']) + list(w['season']))}) (?:من )?)?")
        self.day_head = rf"(?:(?P<m1>{alt(w['span_modifier'])}) )?(?:(?P<part>{alt(w['day_part'])}) )?"
        self.wd_pre = rf"(?:(?:يوم )?(?P<wd>{self.weekday}) ?[,،]? ?(?:الموافق ?)?)?(?:يوم )?"
        self.range_sep = alt(w["range_separator"])

    def month(self, p: str, glued: bool = False) -> str:
        """One month name (groups ``{p}m`` safe, ``{p}a`` ambiguous). After a day number
        («4 نيسانأقلعت»), a safe name may be glued to any word by bad scraping; elsewhere
        only to the short words of the ``glue`` category («حزيرانمن»). The day number also
        settles an ambiguous name («4 نيسان» is April, not Nissan)."""
        if glued:
            glue = rf"(?:{END_LETTER}|(?={self.glue})|(?=[^\W\d_]))"
            return rf"(?:(?P<{p}m>{self.safe}){glue}|(?P<{p}a>{self.amb}){glue})"
        return (rf"(?:(?P<{p}m>{self.safe})(?:{END_LETTER}|(?={self.glue}))"
                rf"|(?P<{p}a>{self.amb}){END_LETTER})")

    def months(self, p: str, glued: bool = False) -> str:
        """One name, or a dual form: فبراير/شباط, شباط (فبراير), with «شهر» before."""
        return (rf"(?P<{p}shahr>شهر ?)?{self.month(p + '1', glued)}"
                rf"(?: ?(?P<{p}sep>[/\\(-]|او ) ?(?:شهر )?{self.month(p + '2')}(?: ?\))?)?")

    def tail(self, p: str) -> str:
        """What may follow a month: its year, stated or relative."""
        return (rf"(?:(?P<{p}yr> ?[,،]? ?(?:من ?)?(?:{self.yword} ?)?(?P<{p}y>{YEAR}){self.era})"
                rf"|(?P<{p}yrel> ?(?:من ?)?(?:{self.yword} (?P<{p}ydir>{self.direction})"
                rf"|(?P<{p}ythis>هذا العام|هذه السنه)))"
                rf"|(?P<{p}mrel> ?(?P<{p}mdir>{self.direction})))?")


def _shapes(lex: Lexicon) -> dict[str, str]:
    """The pattern of each shape (an example of what it matches above it)."""
    w, b = lex.words, _Blocks(lex)
    start, pre, era = b.start, b.pre, b.era
    day = rf"{NUM_START}(?P<d>[0-3]?\d)(?!\d|[.,:]\d)"
    ordinal = rf"(?:(?P<od>{alt(w['ordinal'])}) من ?)"
    units = alt(w["unit"])
    hijri_era = rf"(?: ?{alt(w['hijri_era'])}{END})"
    return {
        # 22 سبتمبر 2019, الجمعة 22 أيلول, الخامس من شهر آب الماضي, 15 الشهر الجاري
        "day_month": (rf"{start}(?P<x>{pre}{b.wd_pre}(?:{day} ?(?:من )?|{ordinal})"
                      rf"(?:{b.months('g', glued=True)}{b.tail('g')}|(?:ال|(?<=ل)ل)شهر (?P<pdir>{b.direction})"
                      rf"|(?P<pthis>هذا الشهر)))"),
        # يومي 9 و10 سبتمبر, من 30 أغسطس إلى 2 سبتمبر 2019
        "day_range": (rf"{start}(?:(?:يومي|بين|من) )?(?P<x>(?P<d1>{NUM_START}[0-3]?\d)(?!\d)"
                      rf"(?: ?(?:من )?{b.months('a')})? ?(?P<rsep>{b.range_sep}) ?"
                      rf"(?P<d2>[0-3]?\d)(?!\d) ?(?:من )?{b.months('b')}{b.tail('b')})"),
        # 22/7/2018, 2018-07-22, الأحد 22.07.2018
        "numeric": (rf"{start}(?P<x>{pre}{b.wd_pre}{NUM_START}"
                    rf"(?:(?P<nd>\d{{1,2}}) ?(?P<s>[/.-]) ?(?P<nm>\d{{1,2}}) ?(?P=s) ?(?P<ny>\d{{4}})"
                    rf"|(?P<iy>\d{{4}})(?P<s2>[/.-])(?P<im>\d{{1,2}})(?P=s2)(?P<id>\d{{1,2}}))"
                    rf"(?!\d|[./-]\d){era})"),
        # سبتمبر 2019, نهاية آب الفائت, يونيو/حزيران من العام الماضي, مطلع شهر أيار
        "month": rf"{start}(?P<x>{pre}{b.months('g')}{b.tail('g')})",
        # 2015-2019, بين عامي 2015 و2019, من 2015 إلى 2019, عامي 2015 و2016
        "year_range": (rf"{start}(?P<x>(?:(?P<rpre>بين|من|منذ) )?(?:(?P<rkw>(?:ال)?{alt(w['range_keyword'])}) ?)?"
                       rf"(?P<y1>{NUM_START}{YEAR}){era} ?(?P<rsep>/|{b.range_sep}) ?(?:{b.yword} ?)?"
                       rf"(?P<y2>{YEAR}){era})"),
        # عام 2015, منذ 2014, مطلع 2019, صيف 2015, في 2016 (the cue checked in code)
        "year": rf"{start}(?P<x>{pre}(?:(?P<kw>{b.yword}) ?)?(?P<y>{NUM_START}{YEAR}){era})",
        # أمس، أمس الأول، صباح اليوم، غداً الخميس، يوم أمس الأربعاء
        "relative_day": (rf"{start}(?P<x>{b.day_head}(?P<rel>{alt(w['relative_day'])}){END}"
                         rf"(?: ?[,،]? ?(?:يوم )?(?P<wd>{b.weekday})| ?\((?:يوم )?(?P<pwd>{b.weekday})\))?)"),
        # ليل الأحد الاثنين, ليلة السبت - الأحد, ليلة الخميس إلى الجمعة (the days checked in code)
        "night": (rf"{start}(?P<x>(?:(?P<m1>{alt(w['span_modifier'])}) )?(?P<part>{alt(w['night'])}) "
                  rf"(?:يوم )?(?P<wd>{b.weekday}) ?(?:(?P<nsep>{alt(w['night_separator'])}) ?)?"
                  rf"(?:يوم )?(?P<wd2>{b.weekday})(?: (?P<dir>{b.direction}))?)"
                  rf"(?! ?[,،]? ?(?:الموافق ?)?(?:يوم )?\d)"),  # «… الأحد 14 أيلول»: the date says
        # الاثنين, يوم الجمعة الماضي, الخميس المقبل
        "weekday": rf"{start}(?P<x>{b.day_head}(?P<wd>{b.weekday})(?: (?P<dir>{b.direction}))?)",
        # الشهر الماضي, هذا الأسبوع, مطلع الأسبوع الحالي, العام قبل الماضي, صيف العام الماضي
        "period": (rf"{start}(?P<x>{pre}(?:(?P<this>{alt(w['this'])}) (?P<u1>{units})"
                   rf"|(?P<u2>{units}) (?P<dir>{b.direction})){END})"),
        # منذ عام, قبل يومين, منذ ثلاثة أشهر
        "ago": (rf"{start}(?P<x>(?P<m1>منذ|قبل) (?:(?P<n>\d{{1,2}}|{alt(w['number'])}) )?"
                rf"(?P<unit>{alt(w['duration'])}){END})(?! ?\d)"),
        "vague": rf"{start}(?P<x>{alt(w['vague'])}){END}",
        # 15 محرم 1441 هـ, عام 1441 هـ: recognised, then dropped
        "hijri": (rf"{start}(?P<x>(?:(?P<hd>{NUM_START}[0-3]?\d) ?(?:من )?)?(?:شهر )?(?P<hm>{alt(lex.hijri)})"
                  rf"{END}(?: ?(?:عام |سنه )?(?P<hy>1[2-5]\d\d)(?!\d){hijri_era}?)?"
                  rf"|(?:(?:عام|سنه) )?1[2-5]\d\d{hijri_era})"),
    }


def trigger_words(lex: Lexicon) -> dict[str, set[str]]:
    """Per kind of trigger (:data:`SHAPES`), the words that are triggers of that kind, as
    the shapes spell them (:func:`alt_forms`; ``digits``, any run of 0-9, is found by the
    scan itself)."""
    w = lex.words
    return {
        "month": alt_forms(lex.months) | alt_forms(lex.hijri),
        "weekday": alt_forms(w["weekday"]),
        "relative_day": alt_forms(w["relative_day"]),
        "direction": alt_forms(w["direction"]),
        "vague": alt_forms(w["vague"]),
        "this_unit": {f"{t} {u}" for t in w["this"] for u in w["unit"]},
        "ago": {"منذ"} | {f"قبل {d}" for d in list(w["duration"]) + list(w["number"])},
    }


def hint_words(lex: Lexicon) -> dict[str, set[str]]:
    """Per hint named in :data:`SHAPES`, the strings that are that hint wherever they
    stand, as the shapes spell them (:func:`alt_forms`)."""
    w = lex.words
    return {
        "month": alt_forms(lex.months),
        "month_or_shahr": alt_forms(lex.months) | {"شهر"},
        "hijri": alt_forms(lex.hijri),
        "unit": alt_forms(w["unit"]),
        "day": alt_forms(w["ordinal"]),
        "duration": alt_forms(w["duration"]),
        "weekday": alt_forms(w["weekday"]),
        "night": alt_forms(w["night"]),
        "relative_day": alt_forms(w["relative_day"]),
        "vague": alt_forms(w["vague"]),
    }


def compile_grammar(lex: Lexicon) -> Grammar:
    """The shapes of :data:`SHAPES` compiled from a lexicon's words.

    Args:
        lex: the date words (:func:`analysis.dates.lexicon.load_lexicon`).

    Returns:
        The :class:`Grammar`.
    """
    patterns = _shapes(lex)
    return Grammar(lex, tuple(Shape(name, re.compile(patterns[name]), *needs)
                              for name, needs in SHAPES.items()))


_compiled: list[Grammar] = []


def grammar() -> Grammar:
    """The grammar of the package's date words, compiled again when a data file changed.

    Returns:
        :func:`compile_grammar` of :func:`analysis.dates.lexicon.lexicon`.
    """
    lex = lexicon()
    if not _compiled or _compiled[0].lex is not lex:
        _compiled[:] = [compile_grammar(lex)]
    return _compiled[0]


grammar.cache_clear = _compiled.clear  # type: ignore[attr-defined]
