"""Where the evidence of the frame rules stands: the sentences of a documents table
(:func:`analysis.sentences.spans`) and, for each cue hit and actor mention, its sentence and
word (:func:`locate`); the sentence table made of them (:func:`sentence_table`).

The plumbing of :mod:`.decisions` (its rules read one sentence's :class:`.decisions.Evidence`);
here every sentence of a batch at once, with numpy where it can.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .. import actors, normalize, sentences
from .words import field_texts

if TYPE_CHECKING:
    from .decisions import FrameRules

#: Columns of the sentence table (``frame_sentences.csv``).
SENTENCE_COLUMNS = ["doc_id", "field", "start", "end", "frames"]


@dataclass
class Located:
    """The sentences of a documents table and where the evidence stands in them.

    The fields (title and body of each document, in :func:`analysis.corpus.iter_fields`
    order) are ``doc_ids``, ``field_names`` and ``texts``; sentence ``i`` is
    ``texts[field[i]][start[i]:end[i]]`` (in field order, then by start); ``starts`` and
    ``ends`` are where the sentences start and end in the fields laid end to end (one
    character between two fields), ``field_base`` where each field starts there,
    ``space_at`` the places of the spaces there (:meth:`spaces_before`); ``hit_at`` /
    ``mention_at`` the sentence of each hit and actor mention (-1 for a row of an unknown
    document), and ``hit_pos`` / ``mention_pos`` where it starts in the fields laid end to end;
    ``hit_first`` / ``hit_last`` / ``mention_word`` the word of its sentence where each hit
    starts and ends and each mention starts (a word stands after as many spaces as precede it
    in the sentence); ``surfaces`` the folded surface of each hit and ``tags`` the rules of
    its first word; ``groups`` whether each mention names a terrorist group (R9); ``sides``
    the codebook side of each actor id (:func:`actor_sides`)."""

    doc_ids: list
    field_names: list[str]
    texts: list[str]
    field: np.ndarray
    start: np.ndarray
    end: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    field_base: np.ndarray
    space_at: np.ndarray
    hit_at: np.ndarray
    hit_pos: np.ndarray
    mention_at: np.ndarray
    mention_pos: np.ndarray
    hit_first: np.ndarray
    hit_last: np.ndarray
    mention_word: np.ndarray
    surfaces: list[str]
    tags: list[frozenset[str]]
    groups: np.ndarray
    sides: dict[str, str]

    def __len__(self) -> int:
        """The number of sentences."""
        return len(self.field)

    def text(self, i: int) -> str:
        """Sentence ``i``."""
        return self.texts[self.field[i]][self.start[i]:self.end[i]]

    def spaces_before(self, pos: np.ndarray) -> np.ndarray:
        """The spaces before each place ``pos`` in the fields laid end to end."""
        return np.searchsorted(self.space_at, pos)


def locate(documents: pd.DataFrame, hits: pd.DataFrame, mentions: pd.DataFrame,
           rules: FrameRules) -> Located:
    """Split the documents into sentences (:func:`analysis.sentences.spans`) and place each
    hit and mention in its sentence."""
    doc_ids, names, texts = field_texts(documents)
    each = [sentences.spans(text) for text in texts]
    field = np.repeat(np.arange(len(texts), dtype=np.int64), [len(x) for x in each])
    bounds = np.fromiter(chain.from_iterable(chain.from_iterable(each)), dtype=np.int64, count=2 * len(field))
    start, end = bounds[0::2], bounds[1::2]
    joined = "\n".join(texts)  # the fields laid end to end
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    base = np.cumsum([0] + [len(t) + 1 for t in texts])[:-1].astype(np.int64)
    starts_, ends_ = base[field] + start, base[field] + end
    ids = pd.Index(documents["doc_id"])
    hit_at, hit_pos = _place(hits, base.reshape(-1, 2), ids, starts_)
    mention_at, mention_pos = _place(mentions, base.reshape(-1, 2), ids, starts_)
    space_at = np.flatnonzero(codes == 32)
    length = (hits["end"].to_numpy(dtype=np.int64) - hits["start"].to_numpy(dtype=np.int64)) if len(hits) else 0
    last_pos = hit_pos + np.maximum(length - 1, 0)  # a hit's last character
    start_spaces = np.searchsorted(space_at, starts_)

    def word(at: np.ndarray, pos: np.ndarray) -> np.ndarray:  # spaces from the sentence's start
        if not len(starts_):
            return np.zeros(len(pos), np.int64)
        return np.searchsorted(space_at, pos) - start_spaces[at.clip(0)]
    surfaces, tags = _surfaces_and_tags(hits, rules)
    sides = actor_sides()
    side = mentions["actor_id"].map(sides).fillna("") if len(mentions) else pd.Series([], dtype=object)
    return Located(doc_ids, names, texts, field, start, end, starts_, ends_, base, space_at,
                   hit_at, hit_pos, mention_at, mention_pos, word(hit_at, hit_pos), word(hit_at, last_pos),
                   word(mention_at, mention_pos), surfaces, tags, terrorist_groups(mentions, side, rules),
                   sides)


def _place(table: pd.DataFrame, base: np.ndarray, ids: pd.Index,
           starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sentence index of each row of a table of spans (doc_id, field, start; -1 for a
    row of an unknown document) and where the row starts in the fields laid end to end."""
    if not len(table):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    doc = ids.get_indexer(table["doc_id"])
    body = (table["field"].to_numpy() == "body").astype(np.int64)
    offsets = base[np.maximum(doc, 0), body] + table["start"].to_numpy(dtype=np.int64)
    where = np.searchsorted(starts, offsets, "right") - 1
    return np.where(doc < 0, -1, where), offsets


def _surfaces_and_tags(hits: pd.DataFrame, rules: FrameRules) -> tuple[list[str], list[frozenset[str]]]:
    """Each hit's folded surface and the rules of its first word (each distinct surface
    folded once: the cues of a lexicon recur)."""
    if not len(hits):
        return [], []
    which, distinct = pd.factorize(hits["surface"].astype(str))
    folded = fold_all(list(distinct))
    empty: frozenset[str] = frozenset()
    tags = [rules.words.get(x.split(" ", 1)[0], empty) for x in folded]
    which = which.tolist()
    return [folded[k] for k in which], [tags[k] for k in which]


def fold_all(texts: list[str]) -> list[str]:
    """:func:`analysis.normalize.fold` of many short texts, in one call."""
    return normalize.fold("\x01".join(texts)).split("\x01") if texts else []


def terrorist_groups(mentions: pd.DataFrame, side: pd.Series, rules: FrameRules) -> np.ndarray:
    """Which mentions name a terrorist group (R9): a ``ct_side`` side (``side``: each
    mention's), not an ambiguous surface (``ct_not``)."""
    group = side.isin(rules.actors["ct_side"]).to_numpy(dtype=bool).copy()
    where = np.flatnonzero(group)
    surfaces = fold_all([str(x) for x in mentions["surface"].to_numpy()[where]])
    group[where] = [f not in rules.forms["ct_not"] for f in surfaces]
    return group


def actor_sides() -> dict[str, str]:
    """Each actor id's codebook side; an organisation on side ``other`` (the UN) is
    ``organisation``: a venue, not a third party to the pair (R8)."""
    codebook = actors.load_codebook()
    return {i: "organisation" if side == "other" and kind != "state" else side
            for i, side, kind in codebook[["id", "side", "type"]].itertuples(index=False)}


def by_sentence(index: np.ndarray, wanted: np.ndarray) -> dict[int, list[int]]:
    """The row numbers of a table placed in sentences (``index``: each row's sentence, -1
    for none), grouped by sentence, for the sentences marked in ``wanted``."""
    out: dict[int, list[int]] = {}
    rows = np.flatnonzero((index >= 0) & wanted[index.clip(0)])
    for row, s in zip(rows.tolist(), index[rows].tolist()):
        out.setdefault(s, []).append(row)
    return out


def sentence_table(found: Located, frames: list[str]) -> pd.DataFrame:
    """The sentence table (:data:`SENTENCE_COLUMNS`) of ``found``'s sentences and their
    frames, sorted by doc_id, field (title first) and start."""
    docs, rank = np.unique(np.asarray(found.doc_ids[0::2], dtype=object), return_inverse=True)
    order = np.lexsort((found.start, found.field % 2, rank.reshape(-1)[found.field // 2]))  # title, body
    field = found.field[order]
    names = np.asarray(found.field_names, dtype=object)
    return pd.DataFrame({"doc_id": docs[rank.reshape(-1)[field // 2]].tolist(), "field": names[field].tolist(),
                         "start": found.start[order].astype(np.int64), "end": found.end[order].astype(np.int64),
                         "frames": np.asarray(frames, dtype=object)[order].tolist()}, columns=SENTENCE_COLUMNS)
