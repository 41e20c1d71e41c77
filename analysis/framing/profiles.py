"""Frame profiles of articles from their sentences: shares of sentence-frame pairs.

A coder's frame profile of an article (``shared/CODEBOOK-FRAMES.md``, "Validating") is the
share of each frame among the article's (sentence, frame) pairs: a sentence with two frames
counts once for each, a sentence with none not at all. :func:`sentence_frame_shares` gives
these shares; :func:`bootstrap_shares` gives them with an interval, from resampling the
article's sentences (with replacement, the article's number of sentences each time).

>>> import pandas as pd
>>> rows = pd.DataFrame({"doc_id": ["a", "a", "a"], "field": ["title", "body", "body"],
...                      "start": [0, 0, 10], "end": [5, 9, 20],
...                      "frames": ["diplomacy", "diplomacy;confrontation", ""]})
>>> shares = sentence_frame_shares(rows)
>>> shares.set_index("frame").loc[["diplomacy", "confrontation"], "share"].round(3).tolist()
[0.667, 0.333]
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .lexicon import FRAMES

__all__ = ["BOOTSTRAP_COLUMNS", "SENTENCE_HEADLINE_COLUMNS", "SHARE_COLUMNS", "bootstrap_shares",
           "sentence_frame_shares", "sentence_headline_vs_body"]

SHARE_COLUMNS = ["doc_id", "frame", "n", "n_sentences", "share"]
BOOTSTRAP_COLUMNS = ["doc_id", "frame", "share", "low", "high"]
SENTENCE_HEADLINE_COLUMNS = ["doc_id", "headline_frames", "body_frames", "n_title_sentences",
                             "n_body_sentences", "agree"]


def _pairs(frame_sentences: pd.DataFrame) -> tuple[list, list[np.ndarray]]:
    """Per article (in order of first appearance): a 0/1 matrix, one row per sentence and
    one column per frame of :data:`FRAMES`."""
    column = {f: k for k, f in enumerate(FRAMES)}
    by_doc: dict = {}
    for doc_id, frames in zip(frame_sentences["doc_id"].tolist(), frame_sentences["frames"].tolist()):
        row = np.zeros(len(FRAMES), dtype=np.int64)
        for f in str(frames).split(";") if isinstance(frames, str) else ():
            if f:
                row[column[f]] = 1
        by_doc.setdefault(doc_id, []).append(row)
    return list(by_doc), [np.array(rows, dtype=np.int64).reshape(-1, len(FRAMES)) for rows in by_doc.values()]


def sentence_frame_shares(frame_sentences: pd.DataFrame,
                          documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each article's frame profile: per article × frame, its (sentence, frame) pairs.

    Args:
        frame_sentences: the sentence table (``doc_id, frames``, as from
            :func:`.decisions.frame_sentences` or ``frame_sentences.csv``).
        documents: the documents table, to list every article (one without sentences
            gets zero pairs and NaN shares) in its order; by default the articles of
            ``frame_sentences`` in order of appearance.

    Returns:
        Columns :data:`SHARE_COLUMNS`, one row per article and frame (zeros included):
        ``n`` the sentences carrying the frame, ``n_sentences`` the article's sentences,
        ``share`` = ``n`` / the article's pairs (NaN when it has none).
    """
    doc_ids, matrices = _pairs(frame_sentences)
    found = dict(zip(doc_ids, matrices))
    order = documents["doc_id"].tolist() if documents is not None else doc_ids
    rows = []
    for doc_id in order:
        m = found.get(doc_id, np.zeros((0, len(FRAMES)), dtype=np.int64))
        counts = m.sum(axis=0)
        total = counts.sum()
        for k, frame in enumerate(FRAMES):
            rows.append((doc_id, frame, int(counts[k]), len(m),
                         counts[k] / total if total else float("nan")))
    return pd.DataFrame(rows, columns=SHARE_COLUMNS)


def bootstrap_shares(frame_sentences: pd.DataFrame, *, n: int = 1000, seed: int = 0,
                     level: float = 0.9) -> pd.DataFrame:
    """Frame shares per article with percentile bootstrap intervals over its sentences.

    Each of ``n`` replicates draws the article's sentences with replacement (as many as
    it has) and computes the shares of sentence-frame pairs; a replicate with no pair
    (only frameless sentences drawn) has no shares and is left out. The interval is the
    central ``level`` of the replicates' shares.

    Args:
        frame_sentences: the sentence table (``doc_id, frames``).
        n: replicates per article.
        seed: seed of the random generator (the same seed gives the same intervals).
        level: the interval's coverage, between 0 and 1.

    Returns:
        Columns :data:`BOOTSTRAP_COLUMNS`, one row per article and frame: ``share`` as
        :func:`sentence_frame_shares`, ``low`` and ``high`` the interval (all NaN for an
        article with no pair). An article whose sentences all carry one frame has that
        frame at [1, 1].
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, not {level}")
    rng = np.random.default_rng(seed)
    doc_ids, matrices = _pairs(frame_sentences)
    tails = [(1 - level) / 2, 1 - (1 - level) / 2]
    rows = []
    for doc_id, m in zip(doc_ids, matrices):
        counts = m.sum(axis=0)
        total = counts.sum()
        share = counts / total if total else np.full(len(FRAMES), np.nan)
        low = high = np.full(len(FRAMES), np.nan)
        if total:
            weights = rng.multinomial(len(m), np.full(len(m), 1 / len(m)), size=n)  # draws per sentence
            drawn = weights @ m  # replicate × frame: pairs
            pairs = drawn.sum(axis=1)
            kept = drawn[pairs > 0] / pairs[pairs > 0, None]
            low, high = np.quantile(kept, tails, axis=0)
        rows += [(doc_id, f, share[k], low[k], high[k]) for k, f in enumerate(FRAMES)]
    return pd.DataFrame(rows, columns=BOOTSTRAP_COLUMNS)


def _top_frames(matrix: np.ndarray) -> list[str]:
    """The frames carried by the most sentences of ``matrix`` (all tied ones; none if no pair)."""
    counts = matrix.sum(axis=0) if len(matrix) else np.zeros(len(FRAMES), dtype=np.int64)
    best = counts.max()
    return [f for k, f in enumerate(FRAMES) if best and counts[k] == best]


def sentence_headline_vs_body(frame_sentences: pd.DataFrame) -> pd.DataFrame:
    """Per article: the frames of its headline against the dominant frames of its body.

    Counted in sentences as a coder counts them: the headline's frames are those carried by
    the most title sentences, the body's those carried by the most body sentences.

    Args:
        frame_sentences: the sentence table (``doc_id, field, frames``).

    Returns:
        Columns :data:`SENTENCE_HEADLINE_COLUMNS`, one row per article in order of first
        appearance: ``headline_frames`` / ``body_frames`` «; »-joined (tied frames all
        listed, empty when the field has no framed sentence), the field's sentence counts,
        and ``agree``, True when the two share a frame.
    """
    rows = []
    for doc_id, group in frame_sentences.groupby("doc_id", sort=False):
        tops = {}
        for field in ("title", "body"):
            _, matrices = _pairs(group[group["field"] == field])
            tops[field] = _top_frames(matrices[0]) if matrices else []
        rows.append((doc_id, "; ".join(tops["title"]), "; ".join(tops["body"]),
                     int((group["field"] == "title").sum()), int((group["field"] == "body").sum()),
                     bool(set(tops["title"]) & set(tops["body"]))))
    return pd.DataFrame(rows, columns=SENTENCE_HEADLINE_COLUMNS)
