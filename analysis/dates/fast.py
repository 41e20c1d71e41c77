"""The fast scan behind :func:`analysis.dates.find_mentions`: the same rows as
:func:`analysis.dates.scan.mentions_in` on each field (tested), found with less work.

* The fields of a batch are folded together, joined by a separator that folding keeps
  and that ends every pattern's string ("\\x00" in the folded batch).
* One Aho-Corasick pass finds the trigger words of every shape (:func:`.grammar.trigger_words`,
  and runs of digits), and the hints (:func:`.grammar.hint_words`, and what the digits can
  be: a day, a year, a numeric date). A shape runs only in windows around its trigger
  words (:data:`WINDOW_BEFORE`, :data:`WINDOW_AFTER`: room for its longest prefix and
  tail), and only in those that hold all the hints it needs (:data:`.grammar.SHAPES`).
* Candidates only overlap inside a window, so the longest is chosen window by window.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from itertools import chain

import ahocorasick
import numpy as np

from ..normalize import Folded, fold_with_offsets, has_presentation_forms
from .grammar import SHAPES, Grammar, grammar, hint_words, trigger_words
from .resolution import Ctx

#: Characters a window reaches before and after a trigger word: room for the longest
#: prefix («يوم الجمعة الموافق», «الحادي والعشرين من», «منذ مطلع») and tail («/كانون الأول
#: من العام الماضي») of an expression.
WINDOW_BEFORE, WINDOW_AFTER = 28, 32
#: The shortest month name taken as a trigger when glued to the next word.
GLUED_MONTH_MIN = 5
#: Joins the texts of a batch: kept by folding, then replaced by "\x00", which folding
#: removes from any text, so that in the folded batch "\x00" marks the field boundaries.
SEPARATOR = "\x01"

#: Trigger kinds (bits), ``digits`` first.
TRIGGERS = ("digits", "month", "weekday", "relative_day", "direction", "vague", "this_unit", "ago")
#: Hints (bits): strings or characters that a shape cannot match without, wherever they
#: stand; ``day`` and ``hijri`` are also set by digits, ``year``, ``years`` and
#: ``numeric`` only by digits (see :func:`window_hints`).
HINTS = ("month", "month_or_shahr", "day", "year", "years", "hijri", "numeric", "unit", "duration",
         "weekday", "night", "relative_day", "vague")
T = {name: 1 << i for i, name in enumerate(TRIGGERS)}
H = {name: 1 << i for i, name in enumerate(HINTS)}
HINT_MASK = (1 << len(HINTS)) - 1


@dataclass(frozen=True)
class Tables:
    """What the fast scan needs of a grammar: the automaton of trigger words and hints
    (string → length << 24 | trigger bits << 16 | hint bits), and per shape the trigger
    bits it needs one of and the hint bits it needs all of (arrays of one column)."""

    grammar: Grammar
    words: ahocorasick.Automaton
    needs: np.ndarray
    hint_needs: np.ndarray


def _bits(names, table: dict[str, int]) -> int:
    return sum(table[n] for n in set(names))


def build_tables(g: Grammar) -> Tables:
    """The :class:`Tables` of a grammar."""
    values: dict[str, int] = {}
    for name, forms in hint_words(g.lex).items():
        for form in forms:
            values[form] = values.get(form, 0) | H[name]
    for name, words in trigger_words(g.lex).items():
        for word in words:
            values[word] = values.get(word, 0) | T[name] << 16
    automaton = ahocorasick.Automaton()
    for word in sorted(values):
        automaton.add_word(word, len(word) << 24 | values[word])
    automaton.make_automaton()
    needs = np.array([[_bits(SHAPES[s.name][0], T)] for s in g.patterns], dtype=np.int64)
    hint_needs = np.array([[_bits(SHAPES[s.name][1], H)] for s in g.patterns], dtype=np.int64)
    return Tables(g, automaton, needs, hint_needs)


_tables: list[Tables] = []


def tables() -> Tables:
    """The tables of the current grammar (built again when it changes)."""
    g = grammar()
    if not _tables or _tables[0].grammar is not g:
        _tables[:] = [build_tables(g)]
    return _tables[0]


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


@functools.cache
def _bmp_table(test: str) -> np.ndarray:
    return np.array([getattr(chr(c), test)() for c in range(0x10000)], dtype=bool)


def _is(test: str, codes: np.ndarray) -> np.ndarray:
    """``str.isalpha`` or ``str.isdecimal`` (regex ``\\d``) of each code point (a table of
    the BMP, the rare others one by one)."""
    out = _bmp_table(test)[np.minimum(codes, 0xFFFF)]
    astral = np.flatnonzero(codes > 0xFFFF)
    out[astral] = [getattr(chr(c), test)() for c in codes[astral].tolist()]
    return out


def fold_batch(texts: list[str]) -> tuple[Folded, np.ndarray, np.ndarray, np.ndarray]:
    """The texts joined by :data:`SEPARATOR` and folded as one (``fold_with_offsets``
    applies to each character alone), with "\x00" at the field boundaries; where each
    field starts in the joined text; the code points of the folded text; where its
    "\x00"s are."""
    starts = np.cumsum([0] + [len(t) + 1 for t in texts])
    joined = SEPARATOR.join(texts)
    if has_presentation_forms(_codes(joined)):
        # these take normalize's character loop: only the texts that have them, not the batch
        parts = [fold_with_offsets(t) for t in texts]
        folded = Folded(SEPARATOR.join(f.text for f in parts),
                        np.concatenate([f.offsets + s for f, s in zip(parts, starts.tolist())]), joined)
    else:
        folded = fold_with_offsets(joined)
    bounds = np.searchsorted(folded.offsets, starts[1:-1] - 1)  # the separators: kept by folding
    codes = _codes(folded.text).copy()
    codes[bounds] = 0
    return Folded(codes.tobytes().decode("utf-32-le", "surrogatepass"), folded.offsets, joined), starts, codes, bounds


def _alpha_at(codes: np.ndarray, at: np.ndarray) -> np.ndarray:
    """``text[i].isalpha()`` at the positions ``at`` (False outside the text)."""
    out = np.zeros(len(at), dtype=bool)
    inside = (at >= 0) & (at < len(codes))
    out[inside] = _is("isalpha", codes[at[inside]])
    return out


def _triggers(t: Tables, text: str, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Starts, ends and kinds of the trigger words of the folded text (runs of 0-9, and
    words of the automaton that end a word and follow at most 3 clitic letters of it),
    and the automaton's hits of hints (``(last position, value)`` rows)."""
    digit = np.zeros(len(codes) + 2, dtype=bool)  # digit[i + 1]: text[i] is 0-9
    digit[1:-1] = (codes >= 48) & (codes <= 57)
    runs = np.flatnonzero(digit[1:] != digit[:-1])  # starts and ends of digit runs, alternating
    hits = np.fromiter(chain.from_iterable(t.words.iter(text)), dtype=np.int64).reshape(-1, 2)
    kinds = hits[:, 1] >> 16 & 0xFF
    hint_hits = hits[(hits[:, 1] & HINT_MASK) != 0]
    hits, kinds = hits[kinds != 0], kinds[kinds != 0]
    t_end = hits[:, 0] + 1
    length = hits[:, 1] >> 24
    t_start = t_end - length
    # a hit must end its word, except a month name, which bad scraping glues to the next
    # word («أكتوبرالجاري», «حزيرانمن»): the patterns then decide
    # (only names of 5+ letters: «اب», «مارس» sit inside too many words)
    counts = ~_alpha_at(codes, t_end) | (((kinds & T["month"]) != 0) & (length >= GLUED_MONTH_MIN))
    counts &= ~(_alpha_at(codes, t_start - 1) & _alpha_at(codes, t_start - 2)
                & _alpha_at(codes, t_start - 3) & _alpha_at(codes, t_start - 4))
    start = np.concatenate((runs[0::2], t_start[counts]))
    end = np.concatenate((runs[1::2], t_end[counts]))
    kind = np.concatenate((np.full(len(runs) // 2, T["digits"]), kinds[counts]))
    order = np.argsort(start, kind="stable")
    return start[order], end[order], kind[order], hint_hits


def windows(t: Tables, text: str, codes: np.ndarray,
            bounds: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The windows of a folded batch (``codes``: its code points, ``bounds``: where its
    "\x00"s are): a window reaches :data:`WINDOW_BEFORE` characters before a trigger word
    and :data:`WINDOW_AFTER` after it, widened to the next space, in its field;
    overlapping windows merge. Returns their starts, ends and trigger kinds, and the
    hits of hints (for :func:`window_hints`)."""
    start, end, kind, hint_hits = _triggers(t, text, codes)
    if not len(start):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, hint_hits
    n = len(codes)
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


def window_hints(codes: np.ndarray, ws: np.ndarray, we: np.ndarray, hits: np.ndarray) -> np.ndarray:
    r"""The hint bits found in each window (``ws[k]:we[k]``, sorted, apart) of the folded
    text (``codes``; ``hits`` of hints as :func:`windows` gives them).

    A hint string counts where it lies inside the window. The digits are read on the
    windows joined by "\x00" (which, like the spaces or field boundaries around a window,
    is neither a digit nor a separator): ``day`` is a run of one or two digits (``\d``,
    str.isdecimal); ``year`` a run of four, (18|19|20)\d\d, ``hijri`` one of 1[2-5]\d\d;
    ``years``: two years; ``numeric``: a [/.-] right after a run, or after a space, and a
    digit right after it, or after a space.
    """
    hints = np.zeros(len(ws), dtype=np.int64)
    if not len(ws):
        return hints
    h_end = hits[:, 0] + 1
    h_start = h_end - (hits[:, 1] >> 24)
    k = np.searchsorted(ws, h_start, side="right") - 1
    inside = (k >= 0) & (h_end <= we[np.maximum(k, 0)])
    np.bitwise_or.at(hints, k[inside], hits[inside, 1] & HINT_MASK)
    # the code points of the joined windows, with 0 where a window ends
    sizes = we - ws + 1
    starts = np.zeros(len(ws), dtype=np.int64)
    np.cumsum(sizes[:-1], out=starts[1:])
    n = int(starts[-1] + sizes[-1] - 1)
    joined = codes[np.arange(n) + np.repeat(ws - starts, sizes)[:n]].astype(np.int64)
    joined[starts[1:] - 1] = 0
    digit = np.zeros(n + 3, dtype=bool)  # (False past the end)
    digit[:n] = _is("isdecimal", joined)
    edges = np.flatnonzero(np.diff(digit[:n + 1], prepend=False))  # starts and ends of runs
    run_start, run_end = edges[0::2], edges[1::2]
    length = run_end - run_start
    c = np.concatenate((joined, [0] * 3))  # (0 past the end: no digit, space or separator)
    four = run_start[length == 4]
    one, two = c[four], c[four + 1]
    year = four[((one == 49) & ((two == 56) | (two == 57))) | ((one == 50) & (two == 48))]
    after, next_after = c[run_end], c[run_end + 1]
    at = np.concatenate((run_end[_separator(after)], run_end[(after == 32) & _separator(next_after)] + 1))
    for positions, bit in ((year, H["year"]), (four[(one == 49) & (two >= 50) & (two <= 53)], H["hijri"]),
                           (run_start[length <= 2], H["day"]),
                           (at[digit[at + 1] | ((c[at + 1] == 32) & digit[at + 2])], H["numeric"])):
        np.bitwise_or.at(hints, np.searchsorted(starts, positions, side="right") - 1, bit)
    years = np.bincount(np.searchsorted(starts, year, side="right") - 1, minlength=len(ws))
    hints[years >= 2] |= H["years"]
    return hints


def _separator(c: np.ndarray) -> np.ndarray:
    return (c == 47) | (c == 46) | (c == 45)  # / . -


def scan_batch(texts: list[str], pubs: list[dt.date | None]) -> list[tuple[int, tuple]]:
    """The mentions of the texts, as ``(text number, row tuple)`` pairs (tuples as
    :func:`analysis.dates.scan.as_tuple` makes them), sorted by text, start and end:
    for each text what :func:`analysis.dates.scan_text` gives."""
    from .scan import as_tuple, candidates, choose  # (scan uses this module)

    t = tables()
    g = t.grammar
    folded, starts, codes, bounds = fold_batch(texts)
    ws, we, kinds, hint_hits = windows(t, folded.text, codes, bounds)
    if not len(ws):
        return []
    hints = window_hints(codes, ws, we, hint_hits)
    field = np.searchsorted(bounds, ws).tolist()
    field_end = np.append(bounds, len(folded.text)).tolist()
    # the shapes each window runs (bits of ``runs``): those with a trigger kind and all the
    # hints they need
    ok = ((kinds & t.needs) != 0) & ((hints & t.hint_needs) == t.hint_needs)
    runs = (ok.astype(np.int64) << np.arange(len(g.patterns))[:, None]).sum(axis=0).tolist()
    shapes = {r: [k for k in range(len(g.patterns)) if r >> k & 1] for r in set(runs)}
    out, ctxs = [], {}
    starts = starts.tolist()
    for s, e, f, run in zip(ws.tolist(), we.tolist(), field, runs):
        if not run:
            continue
        ctx = ctxs.get(f) or ctxs.setdefault(f, Ctx(folded, pubs[f], g.lex, field_end[f]))
        for row in choose(candidates(g, folded.text, s, e, ctx, shapes[run])):
            out.append((f, as_tuple(folded, row, starts[f])))
    out.sort(key=lambda r: (r[0], r[1][0], r[1][1]))
    return out


__all__ = ["WINDOW_AFTER", "WINDOW_BEFORE", "fold_batch", "scan_batch", "tables", "window_hints", "windows"]
