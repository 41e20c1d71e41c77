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

__all__ = ["ENDS", "spans", "split"]

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
