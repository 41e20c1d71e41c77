"""Frame cues: where the lexicon's cues occur, which are negated, and what frames dominate.

The rules, word by word over one field's folded words (:class:`.words.Field`):

1. **Where a cue starts.** A word can start a cue when it is the first word of a cue
   in one of its forms, bare or after a proclitic (:attr:`.lexicon.Lexicon.heads`).
2. **Longest cue wins.** At such a word the longest cue starting there is taken; on equal
   length the earlier lexicon row (:func:`longest_cue`). The words of a cue follow each
   other with only spaces or quotes between (:func:`match_slots`); an optional word
   (``[...]`` in the lexicon) is tried with, then without.
3. **One cue per stretch of text.** Walking left to right, a word inside a cue already
   taken starts no cue («قناة التنسيق» is deconfliction, not also cooperation).
4. **Negation.** A cooperation or deconfliction cue right after a negator («عدم التنسيق»,
   «دون أي تنسيق», «لم يتم التنسيق») counts as confrontation (:func:`negator`).

:func:`cue_hits` is that walk. :func:`find_cues` gives the same hits, found for a whole
batch of texts at once by :func:`.fast.cue_hits` (tested equal to :func:`cue_hits`).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..corpus import iter_fields
from ..normalize import count_tokens
from .lexicon import (
    FRAMES,
    NEGATABLE,
    NEGATED_FRAME,
    Lexicon,
    Slot,
    load_lexicon,
    load_negators,
    negator_forms,
)
from .tables import table
from .words import Field, Prepared, walk

HIT_COLUMNS = ["doc_id", "field", "start", "end", "surface", "frame", "cue", "negated"]
SCORE_COLUMNS = ["doc_id", "field", "frame", "n", "n_tokens", "per_1000_tokens", "share"]
HEADLINE_COLUMNS = ["doc_id", "headline_frames", "body_frames", "n_title_hits", "n_body_hits",
                    "agree"]

PHRASE_GAP = re.compile(r"[ \"']+")  # what may separate the words of a phrase cue


def follows(field: Field, t: int) -> bool:
    """Word ``t`` follows the word before it as the next word of a phrase: only spaces or
    quotes between."""
    return bool(field.joined[t] or PHRASE_GAP.fullmatch(field.gap(t)))


def match_slots(field: Field, t: int, slots: tuple[Slot, ...]) -> int | None:
    """Index of the last word of a match of ``slots`` starting at word ``t``, or None.

    Greedy: an optional slot is tried first with a word, then without.
    """
    if not slots:
        return t - 1
    slot, rest = slots[0], slots[1:]
    if t < field.hi and field.words[t] in slot.accepts and follows(field, t):
        end = match_slots(field, t + 1, rest)
        if end is not None:
            return end
    if slot.optional:
        return match_slots(field, t, rest)
    return None


def longest_cue(field: Field, t: int, lexicon: Lexicon) -> tuple[int, int]:
    """``(last word, cue index)`` of the longest cue starting at word ``t`` (the earlier
    lexicon row on equal length), or ``(-1, -1)``."""
    indices = lexicon.heads.get(field.words[t], ())
    index = min((i for i in indices if len(lexicon.cues[i].slots) == 1), default=-1)
    last = t if index >= 0 else -1
    for i in sorted(set(indices)):
        rest = lexicon.cues[i].slots[1:]
        end = match_slots(field, t + 1, rest) if rest else None
        if end is not None and end > last:
            last, index = end, i
    return last, index


def negator(field: Field, t: int, forms: dict[str, frozenset[str]]) -> int | None:
    """Index of the word negating the cue that starts at word ``t``, if any.

    «عدم/دون/غياب/انقطعت + [bridge words] + cue», «لا/لم/لن + [one verb] + [bridge words] +
    cue»; never across punctuation. «لا بد»، «لا يزال» … are not negations. ``forms`` is
    :func:`.lexicon.negator_forms`.
    """
    words, lo = field.words, field.lo
    i = t - 1
    for _ in range(3):  # walk back over at most three bridge words
        if i < lo or not field.joined[i + 1] or words[i] not in forms["bridge"]:
            break
        i -= 1
    if i < lo or not field.joined[i + 1]:
        return None
    word = words[i]
    if word in forms["direct"] or word in forms["particle"]:
        return i
    if (i > lo and field.joined[i] and word not in forms["exception"]
            and words[i - 1] in forms["particle"]):
        return i - 1
    return None


def cue_hits(field: Field, lexicon: Lexicon,
             negators: dict[str, frozenset[str]]) -> list[tuple[int, int, int, int, bool]]:
    """The cues of one field, word by word: ``(field number, start, end, cue index,
    negated)``, offsets in the stored text. ``negators`` is :func:`.lexicon.negator_forms`."""
    out, taken_until = [], -1
    for t in range(field.lo, field.hi):
        if t <= taken_until or field.words[t] not in lexicon.heads:
            continue
        last, index = longest_cue(field, t, lexicon)
        if last < 0:
            continue
        taken_until = last
        first, negated = t, False
        if lexicon.cues[index].frame in NEGATABLE:
            n = negator(field, t, negators)
            if n is not None:
                first, negated = n, True
        out.append((field.f, field.starts[first], field.ends[last], index, negated))
    return out


def find_cues(documents: pd.DataFrame, *, lexicon_path: str | None = None,
              negators_path: str | None = None,
              prepared: Prepared | None = None) -> pd.DataFrame:
    """Frame cue hits in titles and bodies: one row per cue occurrence.

    A stretch of text counts for one cue only, the longest («قناة التنسيق» is
    deconfliction, not also cooperation). A negated cooperation or deconfliction cue
    («عدم التنسيق», «دون أي تنسيق», «انقطعت الاتصالات») is counted as confrontation, with
    the negation inside its span and ``negated`` True.

    Args:
        documents: a documents table (doc_id, title, body).
        lexicon_path: the frame lexicon, ``frames.tsv`` by default.
        negators_path: the negators, ``frame_negators.tsv`` by default.
        prepared: :func:`.words.prepare` of the same ``documents``, to share with
            :func:`.statements.find_statements`; made here when not given.

    Returns:
        Columns doc_id, field, start, end, surface (the stored text, ``text[start:end]``),
        frame, cue (the lexicon row that matched), negated; sorted by doc_id, field (title
        first), start, end.
    """
    from . import fast  # the batch search of the same hits (it uses the rules above)

    lexicon, negator_words = load_lexicon(lexicon_path), load_negators(negators_path)
    negators = negator_forms(negator_words)
    vocabulary = fast.vocabulary(lexicon, negator_words)
    _, _, batches = walk(documents, prepared)
    parts, surface = [], []
    for k0, batch in batches:
        field, start, end, index, negated = fast.cue_hits(batch, lexicon, negators,
                                                          vocabulary)
        texts = batch.texts
        surface += [texts[f][s:e] for f, s, e in zip(field.tolist(), start.tolist(),
                                                      end.tolist())]
        parts.append((field + k0, start, end, index, negated))
    if parts:
        k, start, end, index, negated = (np.concatenate(c) for c in zip(*parts))
    else:  # no text
        k = start = end = index = np.zeros(0, dtype=np.int64)
        negated = np.zeros(0, dtype=bool)
    # frame and cue as numbers: row i of the lexicon, or NEGATED_FRAME after it
    frame = np.where(negated, len(lexicon.cues), index)
    frames = [cue.frame for cue in lexicon.cues] + [NEGATED_FRAME]
    return table(documents, k, start, end, HIT_COLUMNS,
                 {"surface": surface, "frame": frame, "cue": index, "negated": negated},
                 labels={"frame": frames, "cue": [cue.text for cue in lexicon.cues]})


# --- per-article summaries -------------------------------------------------------------------

def frame_scores(hits: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Per article × field (``title``, ``body``, ``all``) × frame: n, per_1000_tokens, share.

    Every combination is listed, zeros included, so averages over articles are right.

    Args:
        hits: :func:`find_cues` of ``documents``.
        documents: the documents table.

    Returns:
        Columns :data:`SCORE_COLUMNS`: ``per_1000_tokens`` divides by the field's token
        count (:func:`analysis.normalize.count_tokens`); ``share`` is the frame's part of
        all cue hits in that field (NaN when there are none).
    """
    tokens = {(doc_id, field): count_tokens(text)
              for doc_id, field, text in iter_fields(documents)}
    counts = hits.groupby(["doc_id", "field", "frame"]).size().to_dict() if len(hits) else {}
    rows = []
    for doc_id in documents["doc_id"]:
        n_tok = {f: tokens[(doc_id, f)] for f in ("title", "body")}
        n_tok["all"] = n_tok["title"] + n_tok["body"]
        for field in ("title", "body", "all"):
            parts = ("title", "body") if field == "all" else (field,)
            ns = {fr: sum(counts.get((doc_id, p, fr), 0) for p in parts) for fr in FRAMES}
            total = sum(ns.values())
            for frame in FRAMES:
                n = ns[frame]
                per = 1000.0 * n / n_tok[field] if n_tok[field] else float("nan")
                share = n / total if total else float("nan")
                rows.append((doc_id, field, frame, n, n_tok[field], per, share))
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def _top(counts: dict[str, int]) -> list[str]:
    best = max(counts.values(), default=0)
    return [f for f in FRAMES if best and counts.get(f, 0) == best]


def headline_vs_body(scores: pd.DataFrame) -> pd.DataFrame:
    """Per article: the headline's frame(s) against the body's dominant frame(s).

    Args:
        scores: :func:`frame_scores` output.

    Returns:
        Columns :data:`HEADLINE_COLUMNS`: ``headline_frames`` / ``body_frames`` are the
        frames with the most hits in the field («; »-joined when tied, empty with no
        hits); ``agree`` is True when they share a frame.
    """
    rows = []
    for doc_id, group in scores[scores["field"] != "all"].groupby("doc_id", sort=False):
        by = {f: dict(zip(g["frame"], g["n"])) for f, g in group.groupby("field")}
        title, body = _top(by.get("title", {})), _top(by.get("body", {}))
        rows.append((doc_id, "; ".join(title), "; ".join(body),
                     int(sum(by.get("title", {}).values())), int(sum(by.get("body", {}).values())),
                     bool(set(title) & set(body))))
    return pd.DataFrame(rows, columns=HEADLINE_COLUMNS)
