"""Voice shares with bootstrap intervals over sentences.

The voice balance of an article (:func:`.statements.voice_balance`) is the share of its
attributed statements by voice: us, russia, joint (the two powers speaking together), other
and unresolved. Statements come in clusters — a paragraph quoting one official several times
— so the interval resamples the article's *sentences* (with replacement, as many as it has),
each carrying its statements, as :func:`.profiles.bootstrap_shares` does for frames.

>>> import pandas as pd
>>> sents = pd.DataFrame({"doc_id": ["a", "a"], "field": ["body", "body"],
...                       "start": [0, 20], "end": [20, 40], "frames": ["", ""]})
>>> st = pd.DataFrame({"doc_id": ["a", "a", "a"], "field": ["body"] * 3, "start": [2, 5, 25],
...                    "speaker_side": ["us", "us", "russia"]})
>>> shares = bootstrap_voice_shares(st, sents, n=200)
>>> shares.set_index("side").loc[["us", "russia"], "share"].round(3).tolist()
[0.667, 0.333]
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .statements import VOICE_SIDES, voice_of

__all__ = ["VOICE_INTERVAL_COLUMNS", "bootstrap_voice_shares", "voice_of"]

VOICE_INTERVAL_COLUMNS = ["doc_id", "side", "n", "share", "low", "high"]


def _sentence_counts(statements: pd.DataFrame, sentences: pd.DataFrame) -> dict:
    """Per article: a matrix, one row per sentence (and one per statement outside every
    sentence), one column per voice of :data:`VOICE_SIDES`, counting statements."""
    column = {s: k for k, s in enumerate(VOICE_SIDES)}
    spans: dict = {}
    for d, f, s, e in sentences[["doc_id", "field", "start", "end"]].itertuples(index=False):
        spans.setdefault(d, []).append((f, s, e))
    rows = {d: np.zeros((len(v), len(VOICE_SIDES)), dtype=np.int64) for d, v in spans.items()}
    for d, f, at, side in statements[["doc_id", "field", "start", "speaker_side"]].itertuples(index=False):
        inside = [i for i, (sf, s, e) in enumerate(spans.get(d, [])) if sf == f and s <= at < e]
        if not inside:  # a statement no sentence holds is a unit of its own
            rows[d] = np.vstack([rows.get(d, np.zeros((0, len(VOICE_SIDES)), dtype=np.int64)),
                                 np.zeros((1, len(VOICE_SIDES)), dtype=np.int64)])
            inside = [len(rows[d]) - 1]
        rows[d][inside[0], column[voice_of(side)]] += 1
    return rows


def bootstrap_voice_shares(statements: pd.DataFrame, sentences: pd.DataFrame, *, n: int = 1000,
                           seed: int = 0, level: float = 0.9) -> pd.DataFrame:
    """Each article's share of statements by voice, with a percentile bootstrap interval.

    Args:
        statements: :func:`.statements.find_statements` rows (``doc_id, field, start,
            speaker_side``); ``doc_id`` may be any grouping (an outlet), as long as the
            sentences carry the same.
        sentences: the sentences of the same articles (``doc_id, field, start, end``, as in
            ``frame_sentences``).
        n: replicates per article; ``seed``: the random generator's seed (same seed, same
            intervals); ``level``: the interval's coverage.

    Returns:
        Columns :data:`VOICE_INTERVAL_COLUMNS`, one row per article (of ``sentences``, in
        order of appearance) and voice: ``n`` statements, ``share`` of the article's
        statements, ``low``/``high`` the interval; NaN for an article with no statement.
        A replicate that draws no statement is left out.
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, not {level}")
    rng = np.random.default_rng(seed)
    tails = [(1 - level) / 2, 1 - (1 - level) / 2]
    counts = _sentence_counts(statements, sentences)
    order = list(dict.fromkeys([*sentences["doc_id"], *statements["doc_id"]]))
    rows = []
    for doc_id in order:
        m = counts.get(doc_id, np.zeros((0, len(VOICE_SIDES)), dtype=np.int64))
        total_by_voice = m.sum(axis=0)
        total = total_by_voice.sum()
        share = total_by_voice / total if total else np.full(len(VOICE_SIDES), np.nan)
        low = high = np.full(len(VOICE_SIDES), np.nan)
        if total:
            weights = rng.multinomial(len(m), np.full(len(m), 1 / len(m)), size=n)
            drawn = weights @ m
            sums = drawn.sum(axis=1)
            kept = drawn[sums > 0] / sums[sums > 0, None]
            low, high = np.quantile(kept, tails, axis=0)
        rows += [(doc_id, s, int(total_by_voice[k]), share[k], low[k], high[k])
                 for k, s in enumerate(VOICE_SIDES)]
    return pd.DataFrame(rows, columns=VOICE_INTERVAL_COLUMNS)
