"""The batch search behind :func:`.cues.find_cues`: the cue rules of :mod:`.cues`, applied
to a whole :class:`.words.Batch` at once.

Most words that start a cue are one-word cues with nothing after them to decide (about
380,000 of them in 10,000 articles): walking each in Python, as :func:`.cues.cue_hits`
does, doubles the time of the framing layer. Here every word of a batch gets a **code**
(:func:`codes`, one dict look-up per word): bits telling what it may be to the rules -- a
cue's first word (and which cues it starts), a word that may continue a cue, a negator --
and numpy decides one-word cues, the one-cue-per-stretch rule and where a negation is
possible; Python runs only where the next word may continue a cue or the words before may
negate it, with the rules of :mod:`.cues`.

Tested equal to :func:`.cues.cue_hits`, field by field (``tests/test_framing.py``).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

import numpy as np

from .cues import PHRASE_GAP, match_slots, negator
from .lexicon import NEGATABLE, Lexicon, Negators, negator_forms
from .words import Batch, Field

# What a word of running text may be, as bits of its code in a :func:`vocabulary`; a
# word that starts a cue has the number of its :func:`entries` entry above ENTRY_SHIFT.
CUE_HEAD = 1  # starts a cue (a word of Lexicon.heads)
CUE_FOLLOW = 2  # may follow the first word of a cue of several words (in an entry's follow)
NEGATING = 4  # a direct, particle or bridge negator word (negator_forms)
PARTICLE = 8  # a particle negator word
ENTRY_SHIFT = 16


def entries(lexicon: Lexicon) -> tuple[dict[str, int], list[tuple]]:
    """:attr:`.lexicon.Lexicon.heads` as :func:`cue_hits` tries them: a word -> the number
    of its entry, and the entries. An entry is: the earliest one-word cue the word is, or
    -1; its cues of two words with no optional one, as the second word -> the earliest of
    them it completes; ``(index, slots after the first)`` of its other cues of several
    words, by index; the words that may follow it in a cue of several words, to try those
    only when the next word is one."""
    numbers, out = {}, []  # the same cues start many words: one entry for each set
    for indices in set(lexicon.heads.values()):
        single = min((i for i in indices if len(lexicon.cues[i].slots) == 1), default=-1)
        pairs, longer, follow = {}, [], set()
        for i in sorted(set(indices)):
            rest = lexicon.cues[i].slots[1:]
            if len(rest) == 1 and not rest[0].optional:
                for word in rest[0].accepts:
                    pairs.setdefault(word, i)
            elif rest:
                longer.append((i, rest))
            for slot in rest:  # up to the first slot that must be there
                follow |= slot.accepts
                if not slot.optional:
                    break
        numbers[indices] = len(out)
        out.append((single, pairs, tuple(longer), frozenset(follow)))
    return {word: numbers[indices] for word, indices in lexicon.heads.items()}, out


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """The words that matter to the cue rules (:func:`vocabulary`)."""

    codes: dict[str, int]  # word -> its bits | its entry number << ENTRY_SHIFT
    entries: list[tuple]  # entries(lexicon), by number
    single: np.ndarray  # per entry: its one-word cue, or -1
    longer: np.ndarray  # per entry: whether it starts a cue of several words


@lru_cache(maxsize=4)
def vocabulary(lexicon: Lexicon, negators: Negators) -> Vocabulary:
    """The codes of the words of a lexicon and its negators (the bits above)."""
    forms = negator_forms(negators)
    numbers, table = entries(lexicon)
    codes = {word: number << ENTRY_SHIFT | CUE_HEAD for word, number in numbers.items()}

    def mark(words: Iterable[str], bit: int) -> None:
        for word in words:
            codes[word] = codes.get(word, 0) | bit

    for _, _, _, follow in table:
        mark(follow, CUE_FOLLOW)
    mark(forms["direct"] | forms["particle"] | forms["bridge"], NEGATING)
    mark(forms["particle"], PARTICLE)
    return Vocabulary(codes, table, np.array([e[0] for e in table], dtype=np.int64),
                      np.array([bool(e[1] or e[2]) for e in table], dtype=bool))


def codes(batch: Batch, vocab: Vocabulary) -> np.ndarray:
    """The code of every word of ``batch`` in ``vocab``, 0 for a word not in it, then two
    zeros (so that ``codes[i + 1]``, ``codes[i - 1]`` and ``codes[i - 2]`` need no bounds
    check): one C-level dict look-up per word, kept in the batch for the next caller with
    the same vocabulary."""
    kept = batch.cache.get("codes")
    if kept is None or kept[0] is not vocab:
        table, n = vocab.codes, len(batch.words)
        values = np.zeros(n + 2, dtype=np.int64)
        values[:-2] = np.fromiter(map(table.get, batch.words, repeat(0)), dtype=np.int64,
                                  count=n)
        kept = batch.cache["codes"] = (vocab, values)
    return kept[1]


def cue_hits(batch: Batch, lexicon: Lexicon, negators: dict,
             vocab: Vocabulary) -> tuple[np.ndarray, ...]:
    """:func:`.cues.cue_hits` of every field of a batch, as columns: field (of the batch),
    start, end (original offsets), cue index, negated. ``negators`` is
    :func:`.lexicon.negator_forms`, ``vocab`` the :func:`vocabulary` of the lexicon.

    The words that can start a cue are each read as the longest cue starting there
    (numpy for one-word cues, :func:`_longer_cues` where the next word may continue one);
    a match of several words then hides the cues starting inside it, unless an earlier
    match hides it (:func:`_not_hidden`); a negation is looked for where the words before
    may negate (:func:`_negations`).
    """
    values = codes(batch, vocab)
    heads = np.flatnonzero(values & CUE_HEAD)  # the words that can start a cue
    entry = values[heads] >> ENTRY_SHIFT
    hi = np.array(batch.hi, dtype=np.int64)
    field = np.searchsorted(hi, heads, side="right")  # the field of each
    index = vocab.single[entry]
    last = np.where(index >= 0, heads, -1)  # the one-word cue, if the word is one
    # a longer cue is tried where it can go on: its next word, in the same field, may follow
    tried = np.flatnonzero(vocab.longer[entry] & ((values[heads + 1] & CUE_FOLLOW) > 0)
                           & (heads + 1 < hi[field]))
    last[tried], index[tried] = _longer_cues(batch, vocab, heads[tried], field[tried],
                                             entry[tried], last[tried], index[tried])
    keep = np.flatnonzero((last >= 0) & _not_hidden(heads, last))
    heads, field, index, last = heads[keep], field[keep], index[keep], last[keep]
    negatable = np.array([cue.frame in NEGATABLE for cue in lexicon.cues], dtype=bool)
    maybe = negatable[index] & (((values[heads - 1] & NEGATING) > 0)
                                | ((values[heads - 2] & PARTICLE) > 0))
    first, negated = _negations(batch, heads, field, maybe, negators)
    starts = np.frombuffer(batch.starts, dtype=np.int64)[first]
    ends = np.frombuffer(batch.ends, dtype=np.int64)[last]
    return field, starts, ends, index, negated


def _longer_cues(batch: Batch, vocab: Vocabulary, heads: np.ndarray, field: np.ndarray,
                 entry: np.ndarray, last: np.ndarray, index: np.ndarray) -> tuple[list, list]:
    """The last word and cue of the longest match at each of ``heads``, given the one-word
    cue (``last``, ``index``): the earliest lexicon row on equal length, as
    :func:`.cues.longest_cue` -- a cue of two words looked up by its second word."""
    words, joined, table = batch.words, batch.joined, vocab.entries
    lasts, cues = last.tolist(), index.tolist()
    view = None
    for j, (t, f, e) in enumerate(zip(heads.tolist(), field.tolist(), entry.tolist())):
        _, pairs, longer, follow = table[e]
        following = words[t + 1]
        if following not in follow:
            continue
        if view is None or view.f != f:
            view = Field(batch, f)
        end, cue = lasts[j], cues[j]
        i = pairs.get(following)
        if i is not None and (joined[t + 1] or PHRASE_GAP.fullmatch(view.gap(t + 1))):
            end, cue = t + 1, i
        for i, rest in longer:
            e = match_slots(view, t + 1, rest)
            if e is not None and (e > end or (e == end and i < cue)):
                end, cue = e, i
        lasts[j], cues[j] = end, cue
    return lasts, cues


def _not_hidden(heads: np.ndarray, last: np.ndarray) -> np.ndarray:
    """Whether each match is outside the matches of several words that count, these found
    left to right (a match starting inside one already taken does not count)."""
    several = np.flatnonzero(last > heads)
    if not len(several):
        return np.ones(len(heads), dtype=bool)
    taken, froms, tos = -1, [], []
    for t, end in zip(heads[several].tolist(), last[several].tolist()):
        if t > taken:
            taken = end
            froms.append(t)
            tos.append(end)
    # the stretches are disjoint and in order: a word is inside the last one starting
    # before it, or inside none
    inside = np.searchsorted(froms, heads) - 1
    return ~((inside >= 0) & (heads <= np.array(tos)[inside]))


def _negations(batch: Batch, heads: np.ndarray, field: np.ndarray, maybe: np.ndarray,
               negators: dict) -> tuple[np.ndarray, np.ndarray]:
    """The first word of each hit (its negator, if negated) and whether it is negated;
    :func:`.cues.negator` is asked only where ``maybe``."""
    first, negated = heads.copy(), np.zeros(len(heads), dtype=bool)
    view = None
    for j in np.flatnonzero(maybe).tolist():
        if view is None or view.f != field[j]:
            view = Field(batch, int(field[j]))
        n = negator(view, int(heads[j]), negators)
        if n is not None:
            first[j], negated[j] = n, True
    return first, negated
