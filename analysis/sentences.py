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

__all__ = ["ENDS", "spans", "split"]

#: Marks that end a sentence (a run of them ends it once).
ENDS = frozenset(".!?؟…")
_OPEN_CLOSE = {"«": "»", "“": "”"}


def _ends_here(line: str, i: int) -> bool:
    """Whether the run of end marks ending at ``line[i]`` (inclusive) ends a sentence."""
    j = i
    while j >= 0 and line[j] in ENDS:
        j -= 1
    after = line[i + 1] if i + 1 < len(line) else ""
    before = line[j] if j >= 0 else ""
    if before.isdigit() and after.isdigit():
        return False  # 2.5, 04.10.2016
    return not after.isalnum()  # أ.ف.ب, U.S. go on; a space, a quote or the line end ends


def _line_spans(line: str, offset: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start, closers, straight = 0, [], False
    for i, ch in enumerate(line):
        if ch in _OPEN_CLOSE:
            closers.append(_OPEN_CLOSE[ch])
        elif closers and ch == closers[-1]:
            closers.pop()
        elif ch == '"':
            straight = not straight
        elif (ch in ENDS and not closers and not straight
              and (i + 1 == len(line) or line[i + 1] not in ENDS) and _ends_here(line, i)):
            out.append((start, i + 1))
            start = i + 1
    out.append((start, len(line)))
    return [(offset + s + _lead(line[s:e]), offset + e - _trail(line[s:e]))
            for s, e in out if line[s:e].strip()]


def _lead(text: str) -> int:
    return len(text) - len(text.lstrip())


def _trail(text: str) -> int:
    return len(text) - len(text.rstrip())


def spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, white space around it excluded.

    Args:
        text: a title or a cleaned body (paragraphs joined by ``\\n``).

    Returns:
        Offsets into ``text``, in order; blank lines give no sentence.
    """
    out: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        out += _line_spans(line, offset)
        offset += len(line) + 1
    return out


def split(text: str) -> list[str]:
    """The sentences of ``text`` as strings (see :func:`spans`)."""
    return [text[s:e] for s, e in spans(text)]
