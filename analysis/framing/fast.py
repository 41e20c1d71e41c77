"""The batch search behind :func:`.cues.find_cues` and :func:`.statements.find_statements`.

The rules are in :mod:`.cues` and :mod:`.statements`, word by word; this module finds the
same things for a whole :class:`.words.Batch` at once, so that Python runs only at the few
words where a rule has something to decide:

* every word of a batch gets a **code** (:func:`codes`): bits telling what it may be to
  the rules (a cue's first word, a negator, a reporting form, a stop word, كان …), one
  dict look-up per word shared by cues and statements (:func:`vocabulary`);
* :func:`cue_hits` decides one-word cues, the one-cue-per-stretch rule and who may be
  negated with numpy over the codes;
* :func:`form_starts`, :func:`kan_before`, :func:`phrase_bounds` and
  :func:`mention_ends_before` find the reporting forms, the كان before them, the ends of
  speaker phrases and the verbs a subject may stand before, with numpy.

Each is tested equal to its word-by-word rule (``tests/test_framing.py``).
"""
from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

import numpy as np

from .cues import PHRASE_GAP, match_slots, negator
from .lexicon import NEGATABLE, Lexicon, Negators, Reporting, negator_forms
from .mentions import Mentions
from .words import Batch, Field, int_array

# What a word of running text may be, as bits of its code in a :func:`vocabulary`; a
# word that starts a cue has the number of its :func:`entries` entry above ENTRY_SHIFT.
CUE_HEAD = 1  # starts a cue (a word of Lexicon.heads)
CUE_FOLLOW = 2  # may follow the first word of a cue of several words (in an entry's follow)
NEGATING = 4  # a direct, particle or bridge negator word (negator_forms)
PARTICLE = 8  # a particle negator word
FORM = 16  # a one-word reporting form (Reporting.singles)
PAIR_FIRST = 32  # the first word of a two-word reporting form (Reporting.pairs)
PAIR_SECOND = 64  # the second word of a two-word reporting form
STOP_ONE = 128  # a one-word stop cue (Reporting.stops)
STOP_FIRST = 256  # the first word of a two-word stop cue
STOP_SECOND = 512  # the second word of a two-word stop cue
KAN_WORD = 1024  # كان/كانت … bare or after و/ف (Reporting.kan)
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
    """The words that matter to cues and statements (:func:`vocabulary`)."""

    codes: dict[str, int]  # word -> its bits | its entry number << ENTRY_SHIFT
    entries: list[tuple]  # entries(lexicon), by number
    single: np.ndarray  # per entry: its one-word cue, or -1
    longer: np.ndarray  # per entry: whether it starts a cue of several words


@lru_cache(maxsize=4)
def vocabulary(lexicon: Lexicon, negators: Negators, rep: Reporting) -> Vocabulary:
    """The codes of the words of a lexicon, negators and reporting forms (the bits above):
    one table, so that a batch's words are looked up once for cues and statements."""
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
    mark(rep.singles, FORM)
    mark(rep.pairs, PAIR_FIRST)
    mark(frozenset().union(*rep.pairs.values()), PAIR_SECOND)
    mark((stop[0] for stop in rep.stops if len(stop) == 1), STOP_ONE)
    mark((stop[0] for stop in rep.stops if len(stop) == 2), STOP_FIRST)
    mark((stop[1] for stop in rep.stops if len(stop) == 2), STOP_SECOND)
    mark(rep.kan, KAN_WORD)
    return Vocabulary(codes, table, np.array([e[0] for e in table], dtype=np.int64),
                      np.array([bool(e[1] or e[2]) for e in table], dtype=bool))


def codes(batch: Batch, vocab: Vocabulary) -> np.ndarray:
    """The code of every word of ``batch`` in ``vocab``, 0 for a word not in it, then two
    zeros (so that ``codes[i + 1]``, ``codes[i - 1]`` and ``codes[i - 2]`` need no bounds
    check): one C-level dict look-up per word, kept in the batch for the next caller with
    the same vocabulary (cues and statements share one)."""
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


def phrase_bounds(batch: Batch, rep: Reporting, codes: np.ndarray) -> tuple[bytes, array]:
    """``phrase_end[i]``: word ``i`` of the batch ends a speaker phrase, as a stop cue or the
    start of a reporting form (:func:`.statements.is_stop`, :func:`.statements.verb_at`); ``next_break[i]``: the
    first word from ``i`` on where a phrase that has reached word ``i - 1`` stops -- one
    that ends a phrase or is not joined to the word before it (``len(words)`` at most).

    With numpy over the whole batch, from ``codes`` (:func:`codes`): the one-word
    stops and forms are known from their codes, and Python checks only the pairs of words
    whose codes allow a two-word stop or form (a look-up per word of every phrase, and
    :func:`.statements.is_stop` and :func:`.statements.verb_at` per word that may end one, cost more).
    """
    n, words = len(batch.words), batch.words
    joined = np.frombuffer(batch.joined, dtype=np.uint8) > 0  # n + 1 entries
    this, after = codes[:n], codes[1:n + 1]
    ends = (this & (STOP_ONE | FORM)) > 0
    pairs = joined[1:] & ~ends & ((((this & STOP_FIRST) > 0) & ((after & STOP_SECOND) > 0))
                                  | (((this & PAIR_FIRST) > 0) & ((after & PAIR_SECOND) > 0)))
    for i in np.flatnonzero(pairs).tolist():
        pair = words[i:i + 2]
        ends[i] = pair in rep.stops or pair in rep.surface
    # each word's next break: the least break position at or after it (the last entry is one)
    breaks = np.where(np.append(~joined[:n] | ends, True), np.arange(n + 1), n)
    next_break = np.minimum.accumulate(breaks[::-1])[::-1]
    return np.append(ends, False).tobytes(), int_array(next_break)


def kan_before(batch: Batch, codes: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """For each word ``t`` of ``starts``: the nearest كان/كانت … before it in the same clause
    (at most nine words back, every word from it to ``t`` joined to the one before), or -1.

    With numpy over the batch: the last كان word before ``t`` (a bisection of their
    positions) counts if it is at or after the clause's start -- the last word up to ``t``
    not joined to the one before -- and at most nine words back; what walking back from
    ``t`` over joined words, nine at most, and stopping at the first كان finds.
    """
    n = len(batch.words)
    kan = np.flatnonzero(codes[:n] & KAN_WORD)
    if not len(kan) or not len(starts):
        return np.full(len(starts), -1)
    apart = np.flatnonzero(np.frombuffer(batch.joined, dtype=np.uint8)[:n] == 0)
    clause = apart[np.searchsorted(apart, starts, side="right") - 1]  # a field's first word is one
    before = np.searchsorted(kan, starts) - 1
    found = kan[np.maximum(before, 0)]
    ok = (before >= 0) & (found >= clause) & (found >= starts - 9)
    return np.where(ok, found, -1)


def mention_ends_before(batch: Batch, starts: np.ndarray, bounds: list[tuple[int, int]],
                         mentions: Mentions) -> np.ndarray:
    """For each word ``t`` of ``starts``: whether an actor mention of its field ends between
    the end of word ``t - 1`` (the field's start, at its first word) and the start of ``t``.
    ``bounds`` are the fields' ranges of mentions (:attr:`.mentions.Mentions.runs`).

    Without a كان, :func:`.statements.subject_before` finds a subject only in a mention ending at ``p``
    or later and at the verb's start at the latest, ``p`` being where the spaces and quotes
    before the verb begin: never before the end of the word before (its last character is a
    letter or a mark), so where this is False it finds none and need not be called.
    """
    if not len(starts) or not len(mentions.end_keys):
        return np.zeros(len(starts), dtype=bool)
    field = np.searchsorted(np.array(batch.hi, dtype=np.int64), starts, side="right")
    mlo, mhi = (np.array([b[i] for b in bounds], dtype=np.int64)[field] for i in (0, 1))
    word_starts = np.frombuffer(batch.starts, dtype=np.int64)
    word_ends = np.frombuffer(batch.ends, dtype=np.int64)
    low = np.where(starts > np.array(batch.lo, dtype=np.int64)[field], word_ends[starts - 1], 0)
    # the field's ends from low to the verb's start, by bisecting the keys of its field
    # (bounds clipped to the width, so as not to reach into the next field's keys)
    keys, width = mentions.end_keys, mentions.width
    base = mlo * width
    found = (np.searchsorted(keys, base + np.minimum(word_starts[starts], width - 1), side="right")
             > np.searchsorted(keys, base + np.minimum(low, width)))
    return found & (mlo < mhi)


def form_starts(batch: Batch, rep: Reporting, codes: np.ndarray) -> np.ndarray:
    """The words of a batch where :func:`.statements.verb_at` may find a form, in order: a one-word
    form, or the first word of a two-word form followed, in the same field, by its second
    word. ``codes`` is the batch's :func:`codes`; the first words of two-word forms
    include some of the commonest words («في بيان», «على لسان»): numpy keeps those whose
    next word completes no two-word form at all, and Python checks the few others."""
    pair = ((codes[:-2] & PAIR_FIRST) > 0) & ((codes[1:-1] & PAIR_SECOND) > 0)
    pair[[h - 1 for h in batch.hi if h]] = False  # a field's last word: no next word
    single = (codes[:-2] & FORM) > 0
    starts = np.flatnonzero(single | pair)
    words, pairs = batch.words, rep.pairs
    wrong = [j for j, t in enumerate(starts.tolist())
             if not single[t] and words[t + 1] not in pairs[words[t]]]
    return np.delete(starts, wrong) if wrong else starts


def statement_starts(batch: Batch, rep: Reporting, vocab: Vocabulary,
                     bounds: list[tuple[int, int]], mentions: Mentions) -> Iterator[tuple]:
    """For each field ``f`` of the batch with a reporting form: ``(f, starts, kans,
    subjects)`` -- the words where a form may start (:func:`form_starts`), the كان before
    each (:func:`kan_before`), and whether a subject may stand before it: after a كان, or
    where an actor mention ends right before (:func:`mention_ends_before`); as lists.
    ``bounds`` are the fields' ranges of ``mentions``."""
    values = codes(batch, vocab)
    starts = form_starts(batch, rep, values)
    a = np.searchsorted(starts, batch.lo).tolist()  # each field's forms: a[f] to b[f]
    b = np.searchsorted(starts, batch.hi).tolist()
    kans = kan_before(batch, values, starts)
    subjects = ((kans >= 0) | mention_ends_before(batch, starts, bounds, mentions)).tolist()
    kans, starts = kans.tolist(), starts.tolist()
    for f in range(len(a)):
        if a[f] < b[f]:
            yield f, starts[a[f]:b[f]], kans[a[f]:b[f]], subjects[a[f]:b[f]]
