"""The date words: month names (``data/months.tsv``) and every other word a date
expression is made of (``data/date_words.tsv``), read, validated and folded.

Both files are read with :func:`analysis.datafiles.read_tsv` (``#`` comment lines, a
header, errors that name file, line and problem) and re-read when edited
(:func:`analysis.datafiles.reloading`). Forms are folded with :func:`analysis.normalize.fold`
when loaded, so hamza, alef maqsura and ta marbuta variants need no row of their own.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from ..datafiles import DataFileError, Row, read_tsv, reloading, resolve
from ..normalize import fold, strip_diacritics, strip_tatweel

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SERIES = ("gregorian", "syriac", "maghreb", "hijri")


class DateWordsError(DataFileError):
    """A date data file (months.tsv, date_words.tsv) is malformed."""


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


#: date_words.tsv categories and how each parses its ``value`` (the file's header
#: comments say what each category does).
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
    "vague_modifier": _choice("since", "until"),
    "month_cue": _empty,
    "year_cue": _empty,
    "today_blocker_before": _empty,
    "today_blocker_after": _empty,
    "weekday_blocker_before": _empty,
    "weekday_blocker_after": _empty,
    "ordinal_blocker_before": _empty,
    "future_marker": _empty,
    "future_prefix": _empty,
    "future_clause": _empty,
    "future_prefix_blocker": _empty,
    "clause_opener": _empty,
    "night": _empty,
    "night_separator": _empty,
    "anchored_after": _empty,
    "era": _empty,
    "hijri_era": _empty,
    "glue": _empty,
    "range_separator": _empty,
    "range_keyword": _empty,
    "conjunction": _empty,
    "preposition": _empty,
}
#: Categories without which no date can be read.
_REQUIRED = ("weekday", "relative_day", "unit", "direction", "ordinal", "duration", "year_word",
             "era", "hijri_era", "glue", "range_separator", "range_keyword", "conjunction",
             "preposition")


@dataclass(frozen=True)
class Lexicon:
    """Folded date words: ``months`` (folded name → month), ``ambiguous`` (folded name →
    accepted spellings), ``hijri`` (folded name → month), ``words`` (category → folded
    form → value)."""

    months: dict[str, int]
    ambiguous: dict[str, frozenset[str]]
    hijri: dict[str, int]
    words: dict[str, dict[str, object]]


def fold_key(form: str) -> str:
    """A form as the grammar matches it: folded, white space collapsed."""
    return fold(form, collapse_whitespace=True).strip()


def spelling(text: str) -> str:
    """A spelling with harakat and tatweel removed but hamza kept (for ambiguous names)."""
    return strip_tatweel(strip_diacritics(text)).replace("ى", "ي").strip()


def _parsed(row: Row, parse: Callable[[str], object], column: str, what: str = "") -> object:
    try:
        return parse(row[column])
    except ValueError as exc:
        raise row.error(f"{what}{exc}", DateWordsError) from exc


def _read_months(path) -> tuple[dict[str, int], dict[str, int], dict[str, frozenset[str]]]:
    months: dict[str, int] = {}
    hijri: dict[str, int] = {}
    ambiguous: dict[str, set[str]] = {}
    rows = read_tsv(path, required=["form", "month", "series", "needs_context"],
                    non_empty=["form", "month", "series", "needs_context"], error=DateWordsError)
    for row in rows:
        month = _parsed(row, _int(1, 12), "month")
        series = _parsed(row, _choice(*SERIES), "series")
        needs = _parsed(row, _choice("0", "1"), "needs_context") == "1"
        key = fold_key(row["form"])
        table = hijri if series == "hijri" else months
        if table.get(key, month) != month:
            raise row.error(f"{row['form']!r} folds to {key!r}, already month {table[key]}, "
                            f"here month {month}", DateWordsError)
        table[key] = month
        if needs and series != "hijri":
            ambiguous.setdefault(key, set()).add(spelling(row["form"]))
    return months, hijri, {k: frozenset(v) for k, v in ambiguous.items()}


def _read_words(path) -> dict[str, dict[str, object]]:
    words: dict[str, dict[str, object]] = {c: {} for c in CATEGORIES}
    rows = read_tsv(path, required=["category", "form", "value"], optional=["note"],
                    non_empty=["category", "form"], error=DateWordsError)
    for row in rows:
        cat = row["category"]
        if cat not in CATEGORIES:
            raise row.error(f"unknown category {cat!r} (known: {', '.join(CATEGORIES)})", DateWordsError)
        value = _parsed(row, CATEGORIES[cat], "value", f"bad value for {cat} {row['form']!r}: ")
        key = fold_key(row["form"])
        if words[cat].get(key, value) != value:
            raise row.error(f"{row['form']!r} folds to {key!r}, already {cat} {words[cat][key]!r}, "
                            f"here {value!r}", DateWordsError)
        words[cat][key] = value
    for cat in _REQUIRED:
        if not words[cat]:
            raise DateWordsError(f"{path}: no {cat} rows")
    return words


@reloading
def _load(months_path, words_path) -> Lexicon:
    months, hijri, ambiguous = _read_months(months_path)
    return Lexicon(months, ambiguous, hijri, _read_words(words_path))


def load_lexicon(months_path: str | os.PathLike | None = None,
                 words_path: str | os.PathLike | None = None) -> Lexicon:
    """The date words, read and validated (again only when a file has changed).

    Args:
        months_path: a months table; the package's ``data/months.tsv`` by default.
        words_path: a date words table; the package's ``data/date_words.tsv`` by default.

    Returns:
        The folded :class:`Lexicon`.

    Raises:
        DateWordsError: a file is missing or malformed (the message names file and line).
    """
    return _load(resolve(months_path, "months.tsv"), resolve(words_path, "date_words.tsv"))


def lexicon() -> Lexicon:
    """The package's date words (:func:`load_lexicon` of the shipped files)."""
    return load_lexicon()


lexicon.cache_clear = _load.cache_clear  # type: ignore[attr-defined]
