"""Titles and bodies as folded words: what cue and statement finding walk over.

:func:`prepare` folds every title and body of a documents table
(:func:`analysis.normalize.fold_with_offsets`) and splits it into words -- runs of
letters -- keeping for each word its span in the stored text, whether one space joins it
to the word before, and which sentence it is in. :class:`Field` is one text's view of
these, the interface the rules of :mod:`.cues` and :mod:`.statements` read.

Texts are folded in batches of about 200,000 characters with numpy over the whole batch
(:func:`batches`): per-text numpy calls and a regex pass over every word cost more than
the matching itself.
"""
from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from ..corpus import iter_fields
from ..normalize import DIACRITICS, PRESENTATION_FORMS, TATWEEL, every_character, fold_with_offsets

_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = ".!?؟…"  # a gap holding one of these ends a sentence


class Batch:
    """Titles and bodies folded and split into words together (:func:`fold_batch`), the
    unit that cue and statement finding walk over.

    The per-word sequences run over all the fields of the batch, so that the words where a
    cue can start are found for the whole batch at once (:func:`.fast.cue_hits`). Field
    ``f`` holds words ``lo[f]`` to
    ``hi[f] - 1``; ``texts[f]`` is its stored text and ``fstart[f]`` its start in ``folded``,
    the folded text of the batch.

    ``words[i]`` is the i-th letter run of the folded text (:data:`_WORD`); ``starts[i]``,
    ``ends[i]`` its span in its field's stored text, marks after its last letter included (as
    :meth:`analysis.normalize.Folded.span`); ``fstarts[i]``, ``fends[i]`` its span in
    ``folded``; ``joined[i]`` is 1 when word ``i`` follows the previous word of its field
    with one space between, else 0 (always 0 at a field's first word ``lo[f]`` and at
    ``hi[f]``, one past its last word -- the next field's first word or the extra entry at
    ``len(words)`` -- so that callers need no bounds check); ``sentence[i]`` counts the gaps
    before word ``i`` that end a sentence (a running count: compare it within one field only).

    The per-word sequences are a tuple (words) and ``array``/``bytes`` (numbers), not
    lists: a prepared corpus holds millions of them, and the garbage collector would
    otherwise walk every element of every list again at each collection (a tuple of
    strings is untracked after one look; an array of numbers has no elements to walk).
    """

    __slots__ = (
        "cache",
        "ends",
        "fends",
        "folded",
        "fstart",
        "fstarts",
        "hi",
        "joined",
        "lo",
        "sentence",
        "starts",
        "texts",
        "words",
    )

    def __init__(self, texts: list[str], folded: str, fstart: list[int], lo: list[int],
                 hi: list[int], words: tuple[str, ...], fstarts: array, fends: array,
                 starts: array, ends: array, joined: bytes, sentence: array):
        self.texts, self.folded, self.fstart, self.lo, self.hi = texts, folded, fstart, lo, hi
        self.words, self.fstarts, self.fends, self.starts, self.ends = (words, fstarts, fends,
                                                                        starts, ends)
        self.joined, self.sentence = joined, sentence
        self.cache: dict = {}  # what fast.py computes once per batch (the word codes)


class Field:
    """One field of a :class:`Batch`, as cue and statement finding see it: its words are
    ``lo`` to ``hi - 1`` of the batch's per-word sequences (word indices are those of the
    batch); for statements, ``mentions`` are its actor mentions (:func:`.mentions.by_field`)."""

    __slots__ = (
        "_fends",
        "_folded",
        "_fstarts",
        "_start",
        "ends",
        "f",
        "hi",
        "joined",
        "lo",
        "mentions",
        "sentence",
        "starts",
        "text",
        "words",
    )

    def __init__(self, batch: Batch, f: int, mentions: list[tuple[int, int, str]] = ()):
        self.words, self.starts, self.ends = batch.words, batch.starts, batch.ends
        self.joined, self.sentence = batch.joined, batch.sentence
        self._folded, self._fstarts, self._fends = batch.folded, batch.fstarts, batch.fends
        self.f, self.text, self._start = f, batch.texts[f], batch.fstart[f]
        self.lo, self.hi = batch.lo[f], batch.hi[f]
        self.mentions = mentions

    def gap(self, i: int) -> str:
        """The folded text between word ``i-1`` (or the field's start) and word ``i``."""
        return self._folded[self._fends[i - 1] if i > self.lo else self._start:self._fstarts[i]]

    def span(self, first: int, last: int) -> tuple[int, int]:
        return self.starts[first], self.ends[last]


@dataclass(frozen=True)
class Prepared:
    """Titles and bodies of a documents table as folded words (:func:`prepare`).

    :func:`find_cues` and :func:`find_statements` walk the same words; preparing them once
    and passing ``prepared=`` to both saves folding and splitting every text twice.
    """

    doc_ids: list  # of each field, in :func:`iter_fields` order
    field_names: list[str]  # "title" / "body"
    batches: list[tuple[int, Batch]]  # (number of the batch's first field, batch)


def prepare(documents: pd.DataFrame) -> Prepared:
    """Fold and split every title and body of ``documents`` into words, once.

    Args:
        documents: a documents table (doc_id, title, body).

    Returns:
        The :class:`Prepared` words, to pass as ``prepared=`` to both
        :func:`.cues.find_cues` and :func:`.statements.find_statements`.
    """
    ids, names, texts = field_texts(documents)
    return Prepared(ids, names, list(batches(texts)))


def walk(documents: pd.DataFrame,
          prepared: Prepared | None) -> tuple[list, list[str], Iterable[tuple[int, Batch]]]:
    """doc_id and name of every field (title and body, in :func:`iter_fields` order) and the
    fields as ``(number of the first field, Batch)``: from ``prepared``, checked to be the
    preparation of ``documents``, or folded batch by batch as they are walked."""
    if prepared is None:
        ids, names, texts = field_texts(documents)
        return ids, names, batches(texts)
    if prepared.doc_ids[0::2] != documents["doc_id"].tolist() \
            or len(prepared.doc_ids) != 2 * len(documents):
        raise ValueError("prepared= was made from other documents than the ones given")
    return prepared.doc_ids, prepared.field_names, prepared.batches


_SEP = "\x01"  # joins the fields of a batch: kept by folding, neither a letter nor a space
_BATCH_CHARS = 200_000
_ATTACHED = frozenset(DIACRITICS + TATWEEL)  # marks that belong to the letter before them


def batches(texts: list[str]) -> Iterator[tuple[int, Batch]]:
    """``(number of the first field, Batch)`` of runs of ``texts`` in order.

    Texts are folded and split into words in batches of about 200,000 characters joined by
    :data:`_SEP`, with numpy over the whole batch: per-text numpy calls and a regex pass
    over every word cost more than the matching itself. A text with presentation forms
    (ﻻ …), which :func:`fold_with_offsets` folds with a slower per-character loop, is
    folded alone so that it does not slow down its neighbours. (Every field's words and
    offsets are the same whatever batch it is folded in.)
    """
    k, n = 0, len(texts)
    while k < n:
        stop, size = k, 0
        while stop < n and size < _BATCH_CHARS:
            size += len(texts[stop])
            stop += 1
        batch = texts[k:stop]
        joined = _SEP.join(batch)
        # presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFE) take a lead byte 0xEF in UTF-8:
        # without one no text of the batch has any (a byte search is faster than a regex)
        if b"\xef" not in joined.encode("utf-8", "surrogatepass"):
            yield k, fold_batch(batch, joined)
        else:
            run = k  # the first text of the current run without presentation forms
            for j in range(k, stop + 1):
                if j < stop and not PRESENTATION_FORMS.search(texts[j]):
                    continue
                if run < j:
                    yield run, fold_batch(texts[run:j], _SEP.join(texts[run:j]))
                if j < stop:
                    yield j, fold_batch([texts[j]], texts[j])
                run = j + 1
        k = stop


_LETTER, _STOP = 1, 2  # kinds of characters (:func:`_char_kinds`)


@lru_cache(maxsize=1)
def _char_kinds() -> np.ndarray:
    """Code point -> :data:`_LETTER` (what :data:`_WORD` matches), :data:`_STOP` (ends a
    sentence, :data:`_SENTENCE_END`) or 0, for every code point."""
    table = np.zeros(0x110000, dtype=np.uint8)
    for m in _WORD.finditer(every_character()):
        table[m.start():m.end()] = _LETTER
    table[[ord(c) for c in _SENTENCE_END]] = _STOP
    return table


def int_array(values: np.ndarray) -> array:
    """A numpy integer array as an ``array('q')``: one copy of the bytes, no int objects."""
    return array("q", values.astype(np.int64, copy=False).tobytes())


def fold_batch(texts: list[str], joined: str) -> Batch:
    """The :class:`Batch` of ``texts``; ``joined`` is ``_SEP.join(texts)``."""
    folded = fold_with_offsets(joined)
    ftext, offsets = folded.text, folded.offsets
    codes = np.frombuffer(ftext.encode("utf-32-le"), dtype="<u4")  # one per code point
    kinds = _char_kinds()[codes]
    letter = kinds == _LETTER
    edges = np.flatnonzero(np.diff(letter, prepend=False, append=False))
    fstarts, fends = edges[0::2], edges[1::2]  # words in folded coordinates
    # the words themselves: every non-letter made a space, then one C-level split
    words = tuple(np.where(letter, codes, np.uint32(32)).astype("<u4", copy=False).tobytes()
                  .decode("utf-32-le").split())
    # each text's place in the joined text and in the folded text
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    bases = np.concatenate(([0], np.cumsum(lengths + 1)[:-1]))
    field_start = np.searchsorted(offsets, bases)
    first_word = np.searchsorted(fstarts, field_start)
    last_word = np.searchsorted(fstarts, np.searchsorted(offsets, bases + lengths))
    base = np.repeat(bases, last_word - first_word)
    # original spans, as Folded.span: marks deleted after a word's last letter are its own
    ends = offsets[fends - 1] + 1
    limit = offsets[fends]
    grow = np.flatnonzero(ends < limit)  # words followed by marks deleted by folding
    stops = ends[grow].tolist()
    for k, lim in enumerate(limit[grow].tolist()):
        while stops[k] < lim and joined[stops[k]] in _ATTACHED:
            stops[k] += 1
    ends[grow] = stops
    starts, ends = int_array(offsets[fstarts] - base), int_array(ends - base)
    # one space between a word and the previous one; gaps that end a sentence
    single = np.zeros(len(fstarts) + 1, dtype=bool)  # one more: the sentinel after a field
    single[1:-1] = (fstarts[1:] - fends[:-1] == 1) & (codes[fends[:-1]] == 32)
    single[first_word] = single[last_word] = False  # no word before a field's first word
    # a gap ends a sentence when a sentence mark stands in it: a mark (never inside a word)
    # is in the gap before the first word starting after it, if that gap starts before it
    # (a field's first word: its gap starts at the field's start)
    gap_start = np.concatenate(([0], fends[:-1]))
    has_words = first_word < last_word
    gap_start[first_word[has_words]] = field_start[has_words]
    marks = np.flatnonzero(kinds == _STOP)
    after = np.searchsorted(fstarts, marks)
    inside = after < len(fstarts)
    after, marks = after[inside], marks[inside]
    ends_sentence = np.zeros(len(fstarts), dtype=bool)
    ends_sentence[after[gap_start[after] <= marks]] = True
    sentence = int_array(np.cumsum(ends_sentence))
    return Batch(texts, ftext, field_start.tolist(), first_word.tolist(), last_word.tolist(),
                  words, int_array(fstarts), int_array(fends), starts, ends,
                  single.tobytes(), sentence)


def field_texts(documents: pd.DataFrame) -> tuple[list[str], list[str], list[str]]:
    """doc_id, field and text of every title and body, in :func:`iter_fields` order, as
    lists (iterating pandas string columns row by row is slower than converting them)."""
    ids, fields, texts = [], [], []
    for doc_id, field, text in iter_fields(documents):
        ids.append(doc_id)
        fields.append(field)
        texts.append(text)
    return ids, fields, texts


