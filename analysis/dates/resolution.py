"""From a match to rows: what each date shape means, relative expressions resolved
against the article's ``published`` date, weekdays checked against the dates they name,
and where the mentions of a table reach in time (:func:`reach`, :func:`weekday_evidence`).

Each shape of :mod:`.grammar` has a handler here (:data:`HANDLERS`): ``handler(match,
ctx)`` returns the rows of the match, or None when the match is not a date after all
(a blocker word before it, an impossible day …). Rows hold positions in the folded text
(``fs``, ``fe``); the scan maps them back to the original.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from ..normalize import Folded
from .lexicon import WEEKDAYS, Lexicon, spelling


@dataclass(slots=True)
class Row:
    """One mention: its folded span and its columns (see the package's docstring)."""

    fs: int  # folded start/end
    fe: int
    value: str = ""
    granularity: str = ""
    kind: str = "absolute"
    modifier: str = ""
    anchor: str = ""
    weekday: str = ""
    consistent: bool | None = None


PREV_WORD = re.compile(r"([^\W_]+)[ \"'()«»\-]*$")
NEXT_WORD = re.compile(r"[ \"'()«»\-]*([^\W_]+)")
_LETTERS = re.compile(r"[^\W\d_]+")
CLAUSE_END = re.compile(r" ?(?:[.،,؛;:!؟?)\"\n]|$)")
#: The start of the clause a mention is in: after the last of these before it (\x00: a field
#: boundary of a batch), and at most :data:`CLAUSE_REACH` characters back. (Greedy: the
#: match runs to the last boundary of the window at once.)
CLAUSE_START = re.compile(r".*[.،,؛;:!؟?\n\x00]", re.S)
CLAUSE_REACH = 100
_FUTURE: dict[int, tuple] = {}  # id(lexicon) -> (lexicon, its future words, prefixes, blockers)


def clause_before(text: str, i: int) -> str:
    """The clause of ``text`` that ends at position ``i``: from the last clause boundary
    before it, or :data:`CLAUSE_REACH` characters back."""
    lo = max(0, i - CLAUSE_REACH)
    m = CLAUSE_START.match(text, lo, i)
    return text[m.end() if m else lo:i]


def _future_words(lex: Lexicon) -> tuple[frozenset, tuple, tuple]:
    """The lexicon's future words (``future_clause`` and ``future_marker``), future prefixes
    and their blockers, gathered once per lexicon."""
    cached = _FUTURE.get(id(lex))
    if cached is None or cached[0] is not lex:
        w = lex.words
        cached = _FUTURE[id(lex)] = (lex, frozenset(w["future_clause"].keys() | w["future_marker"].keys()),
                                     tuple(w["future_prefix"]), tuple(w["future_prefix_blocker"]))
    return cached[1:]


class Ctx:
    """What the handlers need to know about the field a match is in."""

    __slots__ = ("folded", "pub", "lex", "end", "text", "anchor")

    def __init__(self, folded: Folded, pub: dt.date | None, lex: Lexicon, end: int):
        self.folded = folded
        self.pub = pub
        self.lex = lex
        self.end = end  # end of the field in ``folded.text`` (fields of a batch are folded together)
        self.text = folded.text
        self.anchor = pub.isoformat() if pub else ""  # of every relative row

    def prev_word(self, i: int) -> str:
        """The word before position ``i`` (and the separators after it), looking back 40
        characters at most."""
        m = PREV_WORD.search(self.text, max(0, i - 40), i)
        return m.group(1) if m else ""

    def prev_in(self, i: int, category: str) -> bool:
        """Is the word before position ``i`` (with or without a conjunction) in a category?"""
        word = self.prev_word(i)
        words = self.lex.words[category]
        return word in words or (word[:1] in self.lex.words["conjunction"] and word[1:] in words)

    def future_before(self, i: int) -> bool:
        """Does the clause before position ``i`` say what follows is still to come? A word
        of ``future_marker`` or ``future_clause`` («سوف», «من المقرر أن», «تدخل الهدنة …»),
        or a verb with a ``future_prefix`` («ستدخل», «سيبدأ»; not the nouns that start like
        one, ``future_prefix_blocker``), each also after a conjunction, and after the last
        ``clause_opener`` («الذي», «بعدما»: a clause of its own)."""
        w = self.lex.words
        listed, prefixes, blockers = _future_words(self.lex)
        future = False
        for word in _LETTERS.findall(clause_before(self.text, i)):
            for form in (word, word[1:]) if word[:1] in w["conjunction"] else (word,):
                if form in w["clause_opener"]:
                    future = False
                elif form in listed or (len(form) >= 4 and form.startswith(prefixes)
                                        and not form.startswith(blockers)):
                    future = True
        return future

    def next_word(self, i: int) -> str:
        m = NEXT_WORD.match(self.text, i)
        return m.group(1) if m else ""

    def word(self, category: str, text: str):
        """The value of a matched word: tolerant of «و» spacing in ordinals and of the
        article's alef absorbed after ل («للعام» leaves «لعام» in the group)."""
        table = self.lex.words[category]
        if text in table:
            return table[text]
        text = re.sub(r" ?و ?(?=ال)", " و", text)
        return table[text] if text in table else table["ا" + text]

    def original(self, i: int, j: int) -> str:
        return self.folded.surface(i, j)

    def relative(self, row: Row) -> Row:
        row.kind = "relative"
        row.anchor = self.anchor
        return row


# --- calendar ------------------------------------------------------------------------------------

def _day(pub: dt.date, days: int) -> str:
    """The ISO date ``days`` after ``pub``."""
    return (pub + dt.timedelta(days=days)).isoformat()


def _iso(y: int, m: int, d: int | None = None) -> str:
    return f"{y:04d}-{m:02d}" if d is None else f"{y:04d}-{m:02d}-{d:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _shift(pub: dt.date, unit: str, k: int) -> str:
    """The ``unit`` (day, week, month, year) ``k`` units from publication's, as ISO."""
    if unit == "year":
        return f"{pub.year + k:04d}"
    if unit == "month":
        return _iso(*_add_months(pub.year, pub.month, k))
    if unit == "week":
        y, w, _ = (pub + dt.timedelta(weeks=k)).isocalendar()
        return f"{y}-W{w:02d}"
    return _day(pub, k)


def _month_year(pub: dt.date, month: int, direction: int | None) -> int:
    """Year of a month named without one (see the package's docstring)."""
    if direction is None:
        return pub.year if month <= pub.month else pub.year - 1
    if direction == 0:
        return pub.year
    if direction < 0:
        return (pub.year if month < pub.month else pub.year - 1) + direction + 1
    return pub.year if month > pub.month else pub.year + 1


def _valid_day(y: int | None, m: int, d: int) -> bool:
    return 1 <= d <= calendar.monthrange(y if y else 2000, m)[1]


# --- what the groups say --------------------------------------------------------------------------

def _modifier(ctx: Ctx, m, *names: str) -> str:
    """The modifier words of the groups ``names`` (which the pattern has), «+»-joined."""
    w = ctx.lex.words
    out = []
    for g in m.group(*names) if len(names) > 1 else (m.group(names[0]),):
        if g:
            cat = next(c for c in ("span_modifier", "period_modifier", "season") if g in w[c] or "ا" + g in w[c])
            out.append(ctx.word(cat, g))
    return "+".join(out)


#: Names of the groups of a month group ``p`` (see ``_Blocks.months`` in :mod:`.grammar`).
_MONTH_GROUPS = {p: (f"{p}1m", f"{p}1a", f"{p}2m", f"{p}2a") for p in "abg"}
_YEAR_GROUPS = {p: (f"{p}y", f"{p}ythis", f"{p}ydir", f"{p}mdir") for p in "abg"}


def _month_of(ctx: Ctx, m, p: str) -> tuple[int, int | None] | None:
    """(month, second month of a dual/range or None) of the month group ``p``; None if an
    ambiguous name is spelled otherwise than listed («أب» father vs «آب» August)."""
    names = _MONTH_GROUPS[p]
    safe1, amb1, safe2, amb2 = m.group(*names)
    months = ctx.lex.months
    for amb, group in ((amb1, names[1]), (amb2, names[3])):
        if amb and spelling(ctx.original(*m.span(group))) not in ctx.lex.ambiguous[amb]:
            return None
    first, second = safe1 or amb1, safe2 or amb2
    return months[first] if first else None, months[second] if second else None


def _year_of(ctx: Ctx, m, p: str, month: int) -> tuple[int | None, bool]:
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


def _check_weekday(row: Row, name: str | None, ctx: Ctx) -> Row:
    """Name the weekday of the mention and, for a day found otherwise, check it agrees."""
    if name:
        row.weekday = ctx.word("weekday", name)
        if row.granularity == "day" and row.value:
            row.consistent = WEEKDAYS[dt.date.fromisoformat(row.value).weekday()] == row.weekday
    return row


def _range_rows(ctx: Ctx, rows: list[Row], values: list[tuple], relative: bool) -> list[Row]:
    """The two rows of a range, each with its value (``(year or None, month[, day])``)."""
    for row, (y, *rest) in zip(rows, values):
        if relative:
            ctx.relative(row)
        if y is not None:
            row.value = _iso(y, *rest)
    return rows


# --- the handlers, one per shape ------------------------------------------------------------------

def _day_month(m, ctx: Ctx) -> list[Row] | None:
    d = int(m.group("d")) if m.group("d") else ctx.word("ordinal", m.group("od"))
    if m.group("od") and ctx.prev_word(m.start("x")) in ctx.lex.words["ordinal_blocker_before"]:
        return None  # «الأسبوع الثاني من أيلول» is a week, not the 2nd
    s, e = m.span("x")
    row = Row(s, e, granularity="day", modifier=_modifier(ctx, m, "m1", "m2"))
    if m.group("pdir") or m.group("pthis"):  # 15 الشهر الجاري
        return _day_of_this_month(m, ctx, row, d)
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
        row.value = _iso(y, month, d)
    return [_check_weekday(row, m.group("wd"), ctx)]


def _day_of_this_month(m, ctx: Ctx, row: Row, d: int) -> list[Row] | None:
    """«15 الشهر الجاري», «20 من الشهر الماضي»."""
    if not _valid_day(None, 1, d):
        return None
    ctx.relative(row)
    if ctx.pub:
        k = ctx.word("direction", m.group("pdir")) if m.group("pdir") else 0
        y, mo = _add_months(ctx.pub.year, ctx.pub.month, k)
        if not _valid_day(y, mo, d):
            return None
        row.value = _iso(y, mo, d)
    return [_check_weekday(row, m.group("wd"), ctx)]



def _day_range(m, ctx: Ctx) -> list[Row] | None:
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
    rows = [Row(m.start("d1"), end1, granularity="day", modifier="range_start"),
            Row(m.start("d2"), m.end("x"), granularity="day", modifier="range_end")]
    return _range_rows(ctx, rows, [(y1, m1, d1), (y2, m2, d2)], rel)


def _numeric(m, ctx: Ctx) -> list[Row] | None:
    if m.group("ny"):
        y, mo, d = int(m.group("ny")), int(m.group("nm")), int(m.group("nd"))
    else:
        y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    if not (1800 <= y <= 2099 and 1 <= mo <= 12 and _valid_day(y, mo, d)):
        return None
    s, e = m.span("x")
    row = Row(s, e, _iso(y, mo, d), "day", modifier=_modifier(ctx, m, "m1", "m2"))
    return [_check_weekday(row, m.group("wd"), ctx)]


def _month(m, ctx: Ctx) -> list[Row] | None:
    months = _month_of(ctx, m, "g")
    if months is None:
        return None
    first, second = months
    if m.group("g1a") and second is None and not _month_has_cue(m, ctx):
        return None
    s, e = m.span("x")
    mod = _modifier(ctx, m, "m1", "m2")
    if second is not None and second != first:  # يناير - مارس 2015: a range of months
        y2, rel = _year_of(ctx, m, "g", second)
        y1 = None if y2 is None else (y2 if first <= second else y2 - 1)
        end1 = m.end("g1m") if m.group("g1m") else m.end("g1a")
        rows = [Row(s, end1, granularity="month", modifier="+".join(filter(None, [mod, "range_start"]))),
                Row(m.start("g2m") if m.group("g2m") else m.start("g2a"), e,
                    granularity="month", modifier="range_end")]
        return _range_rows(ctx, rows, [(y1, first), (y2, second)], rel)
    y, rel = _year_of(ctx, m, "g", first)
    row = Row(s, e, granularity="month", modifier=mod)
    return _range_rows(ctx, [row], [(y, first)], rel)


def _month_has_cue(m, ctx: Ctx) -> bool:
    """An ambiguous month name alone («مارس», «آب») counts only with a cue: a modifier,
    «شهر», a year, a relative word, or a preposition (attached, or a month_cue word) before."""
    if any(m.group("m1", "m2", "gshahr", "gyr", "gyrel", "gmrel")):
        return True
    return m.group("clitic").endswith(("في", "ب", "ل")) or ctx.prev_in(m.start("clitic"), "month_cue")


def _year_range(m, ctx: Ctx) -> list[Row] | None:
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
    rows = [Row(start, m.end("y1"), str(y1), "year"), Row(m.start("y2"), m.end("x"), str(y2), "year")]
    if is_range:
        rows[0].modifier, rows[1].modifier = "range_start", "range_end"
        if pre == "منذ":
            rows[0].modifier = "since+range_start"
    # the era suffix after y1 belongs to the first row
    era = re.match(rf" ?(?:{'|'.join(ctx.lex.words['era'])})(?![^\W_])", ctx.text[m.end("y1"):m.end("y1") + 10])
    if era:
        rows[0].fe = max(rows[0].fe, m.end("y1") + era.end())
    return rows


def _year(m, ctx: Ctx) -> list[Row] | None:
    if not any(m.group("m1", "m2", "kw")):
        if not (m.group("clitic").endswith("في") or ctx.prev_in(m.start("clitic"), "year_cue")):
            return None
        if ctx.text[m.end("x"):m.end("x") + 2].strip().startswith("%"):
            return None
    s, e = m.span("x")
    return [Row(s, e, m.group("y"), "year", modifier=_modifier(ctx, m, "m1", "m2"))]


def _today_is_meant(m, ctx: Ctx) -> bool:
    """«اليوم» is not a date in names («روسيا اليوم») nor for another day («اليوم التالي»)."""
    if not m.group("part") and ctx.prev_in(m.start("clitic"), "today_blocker_before"):
        return False
    return (ctx.next_word(m.end("rel")) not in ctx.lex.words["today_blocker_after"]
            or bool(m.group("wd") or m.group("pwd")))


def _tomorrow_is_meant(m, ctx: Ctx, rel: str, span_word: str | None) -> bool:
    """«غدا» is also the verb "became": it counts with a day part, a weekday, a modifier,
    a future verb before, and «غداً» with tanween or at a clause end."""
    prev = ctx.prev_word(m.start("clitic"))
    if (m.group("part") or m.group("wd") or span_word or rel == "بعد غد"
            or prev in ctx.lex.words["future_marker"] or prev.startswith(tuple(ctx.lex.words["future_prefix"]))):
        return True
    return rel == "غدا" and ("\u064b" in ctx.original(*m.span("rel"))
                             or CLAUSE_END.match(ctx.text, m.end("rel"), ctx.end) is not None)


def _relative_day(m, ctx: Ctx) -> list[Row] | None:
    rel, span_word = m.group("rel"), m.group("m1")
    w = ctx.lex.words
    if span_word and f"{span_word} {rel}" in w["relative_day"]:  # «بعد غد» is one word
        rel, span_word = f"{span_word} {rel}", None
    if rel == "اليوم" and not _today_is_meant(m, ctx):
        return None
    if w["relative_day"].get(rel) == 1 and not _tomorrow_is_meant(m, ctx, rel, span_word):
        return None  # (a form as listed: «للغد» has no verb reading)
    s, e = m.span("x")
    modifier = ctx.word("span_modifier", span_word) if span_word else ""
    row = ctx.relative(Row(s, e, granularity="day", modifier=modifier))
    if ctx.pub:
        row.value = _day(ctx.pub, ctx.word("relative_day", rel))
    # the weekday may follow in parentheses: «أمس (الأربعاء)», «اليوم (الخميس)»
    return [_check_weekday(row, m.group("wd") or m.group("pwd"), ctx)]


def _weekday(m, ctx: Ctx) -> list[Row] | None:
    w = ctx.lex.words
    part, wd, direction = m.group("part", "wd", "dir")
    if not part and ctx.prev_in(m.start("clitic"), "weekday_blocker_before"):
        return None
    if ctx.next_word(m.end("wd")) in w["weekday_blocker_after"]:
        return None
    s, e = m.span("x")
    name = ctx.word("weekday", wd)
    row = ctx.relative(Row(s, e, granularity="day", modifier=_modifier(ctx, m, "m1"), weekday=name))
    pub = ctx.pub
    if pub:
        target = WEEKDAYS.index(name)
        k = ctx.word("direction", direction) if direction else 0
        ahead, back = (target - pub.weekday()) % 7, (pub.weekday() - target) % 7
        if k > 0:
            delta = ahead or 7
        elif k < 0:
            delta = -(back or 7)
        else:  # a bare weekday: coming in a clause about what is still to come, else past
            delta = ahead if ctx.future_before(m.start("clitic")) else -back
        row.value = _day(pub, delta)
    return [row]


def _night(m, ctx: Ctx) -> list[Row] | None:
    """«ليل الأحد الاثنين»: one mention, the first day (the evening the night starts). With
    a direction word, as a weekday with it; else coming (the first such day on or after
    publication: the night of the publication day is still to come) when the clause
    before it is in the future (:meth:`Ctx.future_before`), past otherwise (on or before
    publication, as a bare weekday). Two days that are not consecutive are no night."""
    first, second = ctx.word("weekday", m.group("wd")), ctx.word("weekday", m.group("wd2"))
    target = WEEKDAYS.index(first)
    if WEEKDAYS.index(second) != (target + 1) % 7:
        return None
    s, e = m.span("x")
    row = ctx.relative(Row(s, e, granularity="day", modifier=_modifier(ctx, m, "m1"), weekday=first))
    pub = ctx.pub
    if pub:
        k = ctx.word("direction", m.group("dir")) if m.group("dir") else 0
        ahead = (target - pub.weekday()) % 7
        back = (pub.weekday() - target) % 7
        if k > 0:
            delta = ahead or 7
        elif k < 0:
            delta = -(back or 7)
        else:
            delta = ahead if ctx.future_before(m.start("clitic")) else -back
        row.value = _day(pub, delta)
    return [row]


def _period(m, ctx: Ctx) -> list[Row] | None:
    u1, u2, direction = m.group("u1", "u2", "dir")
    unit = ctx.word("unit", u1 or u2)
    k = ctx.word("direction", direction) if direction else 0
    s, e = m.span("x")
    row = ctx.relative(Row(s, e, granularity=unit, modifier=_modifier(ctx, m, "m1", "m2")))
    if ctx.pub:
        row.value = _shift(ctx.pub, unit, k)
    return [row]


def _ago(m, ctx: Ctx) -> list[Row] | None:
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
        return [Row(s, e, kind="vague", modifier=mod)]
    row = ctx.relative(Row(s, e, granularity=unit, modifier=mod))
    if ctx.pub:
        row.value = _shift(ctx.pub, unit, -count)
    return [row]


def _vague(m, ctx: Ctx) -> list[Row] | None:
    s, e = m.span("x")
    first = ctx.text[s:e].split(" ")[0]
    return [Row(s, e, kind="vague", modifier=ctx.lex.words["vague_modifier"].get(first, ""))]


def _hijri(m, ctx: Ctx) -> list[Row] | None:
    if m.group("hm") and not (m.group("hd") or m.group("hy")):
        return None
    s, e = m.span("x")
    return [Row(s, e, kind="skip")]


#: The handler of each shape of :mod:`.grammar`.
HANDLERS = {"day_month": _day_month, "day_range": _day_range, "numeric": _numeric,
            "month": _month, "year_range": _year_range, "year": _year,
            "relative_day": _relative_day, "night": _night, "weekday": _weekday, "period": _period,
            "ago": _ago, "vague": _vague, "hijri": _hijri}


# --- where the mentions of a table reach in time ------------------------------------------------

def weekday_evidence(mentions: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Per document: does the text's weekday evidence support its ``published`` date?

    Counts the mentions where a weekday is named beside a date found independently
    («أمس الجمعة», «الأحد 22 أيلول»), how many agree, and ``supported``: True when at
    least one agrees and none disagrees, False when one disagrees, <NA> when there is no
    such mention.

    Args:
        mentions: a table of :func:`analysis.dates.find_mentions`.
        documents: the documents it was found in (doc_id, published, published_basis).

    Returns:
        One row per document, sorted by doc_id. Columns: doc_id, published,
        published_basis, checked, consistent, inconsistent, supported.
    """
    checked = mentions.dropna(subset=["weekday_consistent"])
    agg = checked.groupby("doc_id")["weekday_consistent"].agg(
        consistent=lambda s: int(s.sum()), inconsistent=lambda s: int((~s).sum())).astype("int64")
    docs = documents[["doc_id", "published"]].copy()
    docs["published_basis"] = documents["published_basis"] if "published_basis" in documents else ""
    out = docs.merge(agg, how="left", left_on="doc_id", right_index=True)
    out[["consistent", "inconsistent"]] = out[["consistent", "inconsistent"]].fillna(0).astype("int64")
    out.insert(3, "checked", out["consistent"] + out["inconsistent"])
    supported = pd.array([pd.NA if c == 0 else i == 0 for c, i in zip(out["checked"], out["inconsistent"])],
                         dtype="boolean")
    out["supported"] = supported
    return out.sort_values("doc_id", ignore_index=True)


def period(value: str) -> tuple[pd.Timestamp, pd.Timestamp] | tuple[None, None]:
    """First and last day of an ISO value at its granularity.

    Args:
        value: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYY-Www``.

    Returns:
        ``(first, last)`` as Timestamps; ``(None, None)`` for an empty value.

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

    Args:
        mentions: a table of :func:`analysis.dates.find_mentions` (doc_id, value …).
        documents: the documents, with ``published``.

    Returns:
        The mentions' columns and the five above, one row per placed mention.
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
