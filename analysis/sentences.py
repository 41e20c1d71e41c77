"""Sentences: the unit a human coder labels (``shared/CODEBOOK-FRAMES.md``).

A field (title or cleaned body) is split into lines at ``\\n``; a line is split after each
run of sentence-final marks ``. ! ? ؟ …`` — except inside an open quotation (« », “ ”, a
pair of ") — so a headline that uses ``..`` as a separator is two sentences. Two readings
keep numbers and abbreviations whole: a mark between two digits («2.5», «04.10.2016») and a
mark followed directly by a letter («أ.ف.ب», «U.S.») end nothing. A quotation still open at
the end of a line is closed there (news paragraphs often leave a quote unclosed).

>>> text = "التقى الجانبان.. وبحثا تجنب الحوادث! قال: «لن نتراجع. أبداً» ثم غادر."
>>> [text[s:e] for s, e in spans(text)]
['التقى الجانبان..', 'وبحثا تجنب الحوادث!', 'قال: «لن نتراجع. أبداً» ثم غادر.']
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

__all__ = ["ENDS", "spans", "spans_of", "split"]

#: Marks that end a sentence (a run of them ends it once).
ENDS = frozenset(".!?؟…")
_OPEN_CLOSE = {"«": "»", "“": "”"}


_MARKS = re.compile(r"[.!?؟…]+|[«»“”\"\n]")


def _line_break_or_end(text: str, m: re.Match) -> bool:
    """Whether the run of end marks ``m`` ends a sentence: not when a letter or digit
    follows (2.5, 04.10.2016, أ.ف.ب, U.S.); a space, a quote or the line end ends it."""
    after = text[m.end()] if m.end() < len(text) else ""
    return not after.isalnum()


def _lead(text: str, s: int, e: int) -> int:
    piece = text[s:e]
    return len(piece) - len(piece.lstrip())


def _trail(text: str, s: int, e: int) -> int:
    piece = text[s:e]
    return len(piece) - len(piece.rstrip())


def spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, white space around it excluded.

    Args:
        text: a title or a cleaned body (paragraphs joined by ``\\n``).

    Returns:
        Offsets into ``text``, in order; blank lines give no sentence.
    """
    out: list[tuple[int, int]] = []
    start, closers, straight = 0, [], False
    for m in _MARKS.finditer(text):  # only the marks that matter, not every character
        ch = m.group()
        if ch == "\n":
            out.append((start, m.start()))
            start, closers, straight = m.end(), [], False  # a quote open at a line end closes
        elif ch in _OPEN_CLOSE:
            closers.append(_OPEN_CLOSE[ch])
        elif closers and ch == closers[-1]:
            closers.pop()
        elif ch == '"':
            straight = not straight
        elif ch[0] in ENDS and not closers and not straight and _line_break_or_end(text, m):
            out.append((start, m.end()))
            start = m.end()
    out.append((start, len(text)))
    return [(s + _lead(text, s, e), e - _trail(text, s, e)) for s, e in out if text[s:e].strip()]


def split(text: str) -> list[str]:
    """The sentences of ``text`` as strings (see :func:`spans`)."""
    return [text[s:e] for s, e in spans(text)]


# --- the engine: the same rules over many texts at once -------------------------------------
#
# :func:`spans` walks the marks of one text in Python; the locator of the frame rules calls it
# for every title and body of a batch. :func:`spans_of` finds the same sentences with numpy
# over all the texts at once: each line's quotation state after each quote mark is a running
# count (a closing mark with nothing open is ignored, so the count is reflected at zero), and a
# run of end marks cuts where the quotation is closed and no letter or digit follows. A line
# mixing «» and “” quotes needs the stack of :func:`spans` and goes through it.
# ``tests/test_sentences.py`` checks the engine against :func:`spans` on invented and random texts.

_END, _ALNUM, _SPACE, _KIND_A, _KIND_B, _STRAIGHT, _OPENER = 1, 2, 4, 8, 16, 32, 64
_QUOTE = _KIND_A | _KIND_B | _STRAIGHT


@lru_cache(maxsize=1)
def _kinds() -> np.ndarray:
    """Code point -> flags: an end mark, a letter or digit (``str.isalnum``), white space
    (``str.isspace``, what ``strip`` removes), a «» quote, a “” quote, the straight quote, an
    opening quote."""
    from .normalize import every_character

    every = every_character()
    table = np.zeros(0x110000, dtype=np.uint8)
    for flag, pattern in ((_ALNUM, r"[^\W_]+"), (_SPACE, r"\s+")):
        for m in re.finditer(pattern, every):
            table[m.start():m.end()] |= flag
    for flag, chars in ((_END, "".join(ENDS)), (_KIND_A, "«»"), (_KIND_B, "“”"), (_STRAIGHT, '"'),
                        (_OPENER, "".join(_OPEN_CLOSE))):
        table[[ord(c) for c in chars]] |= flag
    return table


def spans_of(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every sentence of every text, as :func:`spans` gives them, found all at once.

    Args:
        texts: titles or cleaned bodies.

    Returns:
        ``(text, start, end)`` arrays, one entry per sentence: the text's index in ``texts``
        and the sentence's offsets in it, in order of text and start.
    """
    if not texts:
        return (np.zeros(0, np.int64),) * 3
    joined = "\n".join(texts)  # a line break resets everything, as between two texts
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    kind = _kinds()[codes]
    n = len(codes)
    newline = np.flatnonzero(codes == 10)
    quotes = np.flatnonzero(kind & _QUOTE)
    quote_line = np.searchsorted(newline, quotes)
    mixed = _mixed_lines(kind[quotes], quote_line, len(newline) + 1)
    cuts = _cuts(kind, newline, mixed, quotes, quote_line)
    bounds = np.sort(np.concatenate(([0], cuts, newline, newline + 1, [n])))
    start, end = _stripped(kind, bounds[:-1], bounds[1:])
    if mixed.any():  # lines the stack of spans() decides
        start, end = _with_mixed_lines(joined, start, end, newline, mixed)
    bases = np.concatenate(([0], np.cumsum(np.fromiter(map(len, texts), np.int64, len(texts)) + 1)[:-1]))
    text = np.searchsorted(bases, start, "right") - 1
    return text, start - bases[text], end - bases[text]


def _mixed_lines(kinds: np.ndarray, line: np.ndarray, lines: int) -> np.ndarray:
    """Per line, whether it holds quotes of both bracketing kinds («» and “”); ``kinds`` and
    ``line`` are those of every quote mark."""
    seen = []
    for flag in (_KIND_A, _KIND_B):
        has = np.zeros(lines, dtype=bool)
        has[line[(kinds & flag) > 0]] = True
        seen.append(has)
    return seen[0] & seen[1]


def _cuts(kind: np.ndarray, newline: np.ndarray, mixed: np.ndarray, quotes: np.ndarray,
          quote_line: np.ndarray) -> np.ndarray:
    """Where a run of end marks ends a sentence (the position after the run), in lines that
    are not ``mixed``: no letter or digit follows, and no quotation is open."""
    n = len(kind)
    marks = np.flatnonzero(kind & _END)
    last = marks[np.diff(marks, append=n + 1) != 1]  # the last mark of each run
    free = (last + 1 == n) | ((kind[np.minimum(last + 1, n - 1)] & _ALNUM) == 0)
    last = last[free]
    line = np.searchsorted(newline, last)
    plain = ~mixed[line]
    last, line = last[plain], line[plain]
    return last[~_quoted(kind, quotes, quote_line, last, line)] + 1


def _quoted(kind: np.ndarray, quotes: np.ndarray, quote_line: np.ndarray, pos: np.ndarray,
            line: np.ndarray) -> np.ndarray:
    """Whether a quotation is open at each position ``pos`` (on ``line``, not a mixed one):
    a bracketing quote opened and not closed before it on its line, or an odd number of
    straight quotes before it on its line."""
    if not len(quotes) or not len(pos):
        return np.zeros(len(pos), dtype=bool)
    k = kind[quotes]
    straight = (k & _STRAIGHT) > 0
    step = np.where(straight, 0, np.where(k & _OPENER, 1, -1)).astype(np.int64)
    first = np.searchsorted(quote_line, quote_line)  # the first quote of each quote's line
    depth = _per_line(np.cumsum(step), step, first)
    parity = _per_line(np.cumsum(straight), straight.astype(np.int64), first) % 2
    # a closing mark with nothing open is ignored: the count reflected at zero
    big = 2 * len(quotes) + 2  # more than any count's range: lines don't mix in the minimum
    low = np.minimum.accumulate(depth - quote_line * big) + quote_line * big
    open_ = (depth - np.minimum(low, 0) > 0) | (parity == 1)
    before = np.searchsorted(quotes, pos) - 1  # the last quote before each position
    on_line = (before >= 0) & (quote_line[before.clip(0)] == line)
    return on_line & open_[before.clip(0)]


def _per_line(total: np.ndarray, step: np.ndarray, first: np.ndarray) -> np.ndarray:
    """A running sum restarted at each line: ``total`` (running over all quotes) less its
    value before the first quote of each quote's line."""
    return total - (total - step)[first]


def _stripped(kind: np.ndarray, start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The pieces ``start``–``end`` without the white space around them; pieces of white
    space only are dropped. (Each pass moves the ends still on white space by one.)"""
    start, end = start.astype(np.int64), end.astype(np.int64)
    space = (kind & _SPACE) > 0
    at = np.flatnonzero(start < end)
    while len(at):
        at = at[(start[at] < end[at]) & space[start[at].clip(max=len(kind) - 1)]]
        start[at] += 1
    at = np.flatnonzero(start < end)
    while len(at):
        at = at[(start[at] < end[at]) & space[end[at] - 1]]
        end[at] -= 1
    keep = start < end
    return start[keep], end[keep]


def _with_mixed_lines(joined: str, start: np.ndarray, end: np.ndarray, newline: np.ndarray,
                      mixed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sentences with those of the ``mixed`` lines found by :func:`spans`."""
    keep = ~mixed[np.searchsorted(newline, start)]
    firsts = np.concatenate(([0], newline + 1))[mixed].tolist()
    lasts = np.concatenate((newline, [len(joined)]))[mixed].tolist()
    found = np.array([(a + s, a + e) for a, b in zip(firsts, lasts) for s, e in spans(joined[a:b])],
                     dtype=np.int64).reshape(-1, 2)
    start = np.concatenate((start[keep], found[:, 0]))
    end = np.concatenate((end[keep], found[:, 1]))
    order = np.argsort(start, kind="stable")
    return start[order], end[order]
