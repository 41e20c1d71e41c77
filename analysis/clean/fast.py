"""Accelerator of the cleaner: what every line of a batch is alone, found in numpy.

:func:`line_facts` gives, per line of a folded batch, what :func:`plain_line_facts` gives
by the definitions: its number of words (matches of ``[^\\W_]+``) and of tokens (of
:data:`analysis.normalize.TOKEN_RE`), its key (:func:`~analysis.clean.furniture.line_key`)
and the furniture rules it triggers (:meth:`~analysis.clean.furniture.Furniture.hits`).

* Counts: the regex engine needs ~25 ns a character for each count, a table of code
  points in numpy ~3 for all of them (1.7 s less at 10,000 articles).
* Triggers: positions where a word begins with a character that begins a trigger are
  found in numpy; the four characters from there are read as one 64-bit code and
  looked up (a sorted search) among the triggers' first four characters, then the next
  four are compared (0.6 s less than a pass of the
  trigger automaton over every line). Triggers in lines too long for their rules are
  dropped.

The hits may include rules whose triggers agree only on their first eight characters, and
leave out rules that do not apply to a line that long: the labels are the same (every
rule that can match is tried). ``tests/test_clean.py`` checks both against the plain
definitions.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from ..normalize import TOKEN_RE, every_character
from .furniture import LATIN_VARIANTS as _LATIN_VARIANTS
from .furniture import Furniture, line_key

_WORD = re.compile(r"[^\W_]+")
#: What :data:`analysis.normalize.TOKEN_RE` lets follow a letter or digit inside one token:
#: one of these separators and ASCII digits («3.5», «2,000»).
_TOKEN_SEPARATORS = [ord(c) for c in ".,٫٬"]
# Bits of the character table:
_ALNUM, _SPACE, _DIGIT_09, _SEPARATOR = 1, 2, 4, 8  # letter or digit, white space, 0-9, above
_PLAIN_SPACE, _ODD_SPACE = 16, 32  # « », and white space other than « » and a line break
_VARIANT = 128  # a letter that only ``re`` takes for a Latin one (furniture._LATIN_VARIANT)


def plain_line_facts(folded: str, furniture: Furniture) -> tuple[list[int], list[int], list[str], list[int]]:
    """Per line of a folded batch: its number of words and of tokens, its key and the
    rules it triggers, by their definitions."""
    lines = folded.split("\n")
    keys = [line_key(line) for line in lines]
    return ([len(_WORD.findall(line)) for line in lines],
            [len(TOKEN_RE.findall(line)) for line in lines], keys, [furniture.hits(k) for k in keys])


@lru_cache(maxsize=1)
def _char_table() -> np.ndarray:
    """Code point -> bits: _ALNUM if a letter or digit (what ``[^\\W_]`` matches), _SPACE
    if white space (what ``str.split`` splits at; _PLAIN_SPACE if « », _ODD_SPACE if another
    than « » and «\\n»), _DIGIT_09 for 0-9, _SEPARATOR for :data:`_TOKEN_SEPARATORS`."""
    table = np.zeros(0x110000, dtype=np.uint8)
    table[48:58] |= _DIGIT_09
    table[_TOKEN_SEPARATORS] |= _SEPARATOR
    every = every_character()
    for bit, pattern in ((_ALNUM, _WORD), (_SPACE, re.compile(r"\s+")),
                         (_ODD_SPACE, re.compile(r"[^\S \n]+"))):
        for m in pattern.finditer(every):
            table[m.start():m.end()] |= bit
    table[32] |= _PLAIN_SPACE
    table[[ord(c) for c in _LATIN_VARIANTS]] |= _VARIANT
    return table


def line_facts(folded: str, furniture: Furniture) -> tuple[list[int], list[int], list[str], list[int]]:
    """:func:`plain_line_facts`, with the code points of the batch looked up once for
    all of them (see the module docstring)."""
    table = _trigger_table(furniture)
    points = np.frombuffer(folded.encode("utf-32-le"), dtype="<u4")
    kind = np.take(table.chars, points)  # (take: faster than [])
    newlines = np.flatnonzero(points == 10)
    words, tokens, spaced = _counts(kind, newlines)
    keys = folded.split("\n")
    for i in np.flatnonzero(spaced).tolist():  # (their keys are looked at below)
        keys[i] = " ".join(keys[i].split())
    hits = [furniture.always] * len(keys)
    if furniture.words:
        at, number = _find_triggers(points, kind, table)
        line = np.searchsorted(newlines, at)
        keep = ~spaced[line]
        _add_hits(hits, furniture, line[keep], number[keep], words)
        others = np.flatnonzero(spaced & (words <= max(furniture.reach))).tolist()
        if others:  # the keys of spaced lines, which may differ from their folded lines
            text = "\n".join([keys[i] for i in others])
            points = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
            at, number = _find_triggers(points, np.take(table.chars, points), table)
            line = np.asarray(others)[np.searchsorted(np.flatnonzero(points == 10), at)]
            _add_hits(hits, furniture, line, number, words)
        variant = np.flatnonzero((kind & _VARIANT) > 0)  # a letter only ``re`` takes for a Latin one
        for i in np.unique(np.searchsorted(newlines, variant)).tolist():
            hits[i] = furniture.hits(keys[i])
    return words.tolist(), tokens.tolist(), keys, hits


def _add_hits(hits: list[int], furniture: Furniture, line: np.ndarray, number: np.ndarray,
              words: np.ndarray) -> None:
    """Add to ``hits`` the rules of triggers ``number`` found in lines ``line``, where
    the line is short enough for one of them."""
    near = words[line] <= np.asarray(furniture.reach)[number]
    pairs = np.unique(line[near] * len(furniture.words) + number[near])
    bits = furniture.bits
    for line_no, n in zip(*(a.tolist() for a in np.divmod(pairs, len(furniture.words)))):
        hits[line_no] |= bits[n]


def _counts(kind: np.ndarray, newlines: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per line: the counts of :func:`plain_line_facts`, from the bits of the characters.

    A word starts at a letter or digit that follows none. A token is a word, but a
    separator between a letter or digit and an ASCII digit glues that digit run on
    («3.5» is one token, two words), and a letter or digit right after a glued run starts
    a new token («2.5كم» is «2.5» and «كم»).
    """
    n = len(kind)
    alnum, space = (kind & _ALNUM) > 0, (kind & _SPACE) > 0
    n_lines = len(newlines) + 1

    def per_line(positions: np.ndarray) -> np.ndarray:
        return np.bincount(np.searchsorted(newlines, positions), minlength=n_lines)

    starts = alnum.copy()
    starts[1:] &= ~alnum[:-1]
    # words per line: word starts summed from each line's start (a line break, or the
    # False appended, is none: an empty line, whose sum reduceat takes as that one value,
    # counts 0)
    words = np.add.reduceat(np.append(starts, False).view(np.uint8),
                            np.concatenate(([0], newlines + 1)), dtype=np.int64)

    digit = (kind & _DIGIT_09) > 0
    seps = np.flatnonzero((kind & _SEPARATOR) > 0)
    seps = seps[(seps > 0) & (seps < n - 1)]
    glued = seps[alnum[seps - 1] & digit[seps + 1]]
    run_ends = np.flatnonzero(digit & ~np.append(digit[1:], False)) + 1  # past each digit run
    after = run_ends[np.searchsorted(run_ends, glued + 1, side="right")]
    split = glued[alnum[np.minimum(after, n - 1)] & (after < n)]
    tokens = words - per_line(glued) + per_line(split)

    # Spaced: a tab, a no-break space …; a space before a space, a break or the end; a
    # space opening a line.
    opening = np.zeros(n + 1, dtype=bool)  # where a line begins
    opening[0] = True
    opening[newlines + 1] = True
    odd = np.flatnonzero(((kind & _PLAIN_SPACE) > 0) & (np.append(space[1:], True) | opening[:-1])
                         | ((kind & _ODD_SPACE) > 0))
    return words, tokens, per_line(odd) > 0


#: A trigger's head (first four characters) and tail (next four) are compared as 64-bit
#: codes of four 16-bit units: a character's code point truncated to 16 bits, ASCII
#: capitals lower-cased (:func:`_codes`). Equal strings have equal codes; a character
#: beyond 16 bits may give a code equal to another's, and a trigger is only compared on
#: its first eight characters: both only add candidates.
_TRIGGER_FIRST = 64  # bit of :attr:`_TriggerTable.chars`: a trigger begins with the character


def _unit(c: str) -> int:
    u = ord(c) & 0xFFFF
    return u + 32 if 65 <= u <= 90 else u


def _code(text: str) -> int:
    """The code of ``text`` (its first four characters; the rest is zero)."""
    return sum(_unit(c) << 16 * i for i, c in enumerate(text[:4]))


def _codes(points: np.ndarray) -> np.ndarray:
    """For every position of a text given by its code points, the code of the four
    characters from there (:func:`_code`; the text is padded with zeros): a 64-bit view,
    two bytes apart, of the text's 16-bit units."""
    units = np.zeros(len(points) + 8, dtype="<u2")
    units[:len(points)] = points  # truncated to 16 bits
    np.add(units, 32, out=units, where=units - 65 < 26)  # A-Z (unsigned: below 65 wraps around)
    return np.ndarray((len(points) + 4,), dtype="<u8", buffer=units, strides=(2,))


class _Heads(NamedTuple):
    """The triggers whose head (first characters, at most four) has one length."""

    mask: np.uint64  # the bits of a code that hold that many characters
    heads: np.ndarray  # the codes of their heads, sorted
    tails: np.ndarray  # for each: the code of its 5th to 8th characters (0 if none)
    tail_masks: np.ndarray  # for each: the bits of the tail code it has characters in
    numbers: np.ndarray  # for each: its number in Furniture.words


class _TriggerTable(NamedTuple):
    """The trigger words of a :class:`Furniture`, for :func:`_find_triggers`."""

    chars: np.ndarray  # :func:`_char_table` with _TRIGGER_FIRST (in either case)
    groups: list[_Heads]  # by length of head


@lru_cache(maxsize=2)
def _trigger_table(furniture: Furniture) -> _TriggerTable:
    """The trigger words of a rule set as tables (cached per rule set)."""
    chars = _char_table().copy()
    by_length: dict[int, list[tuple[int, int, int, int]]] = {}
    for number, word in enumerate(furniture.words):
        for c in {word[0], word[0].upper()} if word[0].isascii() else {word[0]}:
            chars[ord(c)] |= _TRIGGER_FIRST
        tail = word[4:8]
        by_length.setdefault(min(len(word), 4), []).append(
            (_code(word), _code(tail), (1 << 16 * len(tail)) - 1, number))
    groups = []
    for length, triggers in sorted(by_length.items()):
        triggers.sort()
        heads = np.array([t[0] for t in triggers], dtype=np.uint64)
        groups.append(_Heads(np.uint64((1 << 16 * length) - 1), heads,
                             *(np.array([t[i] for t in triggers], dtype=np.uint64) for i in (1, 2)),
                             np.array([t[3] for t in triggers], dtype=np.int64)))
    return _TriggerTable(chars, groups)


def _find_triggers(points: np.ndarray, kind: np.ndarray, table: _TriggerTable,
                   ) -> tuple[np.ndarray, np.ndarray]:
    """``(position, trigger number)`` of the triggers found as :meth:`Furniture.hits`
    finds them (at the beginning of a word, or a symbol anywhere) in a text given by its
    code points and their bits in ``table.chars`` (compared on their first eight
    characters, ignoring the case of ASCII letters)."""
    candidate = (kind & _TRIGGER_FIRST) > 0
    candidate[1:] &= ((kind[:-1] & _ALNUM) == 0) | ((kind[1:] & _ALNUM) == 0)  # a word or symbol
    positions = np.flatnonzero(candidate)
    codes = _codes(points)
    first = codes[positions]
    hit_at, hit_number = [positions[:0]], [np.zeros(0, dtype=np.int64)]
    for group in table.groups:
        head = first & group.mask
        lo = np.searchsorted(group.heads, head, side="left")
        present = group.heads[np.minimum(lo, len(group.heads) - 1)] == head
        where, head, lo = positions[present], head[present], lo[present]
        count = np.searchsorted(group.heads, head, side="right") - lo
        # every pair of a position and a trigger with its head: the position repeated,
        # the trigger numbered from lo on
        at = np.repeat(np.arange(len(where)), count)
        i = np.arange(len(at)) - np.repeat(np.cumsum(count) - count - lo, count)
        found = (codes[where[at] + 4] & group.tail_masks[i]) == group.tails[i]
        hit_at.append(where[at[found]])
        hit_number.append(group.numbers[i[found]])
    return np.concatenate(hit_at), np.concatenate(hit_number)
