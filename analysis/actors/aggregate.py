"""Aggregates of actor mentions: counts per document, roll-ups by side and type, co-occurrence.

Every aggregate starts from the mention table of :func:`.mentions.find_mentions`, so each
number traces back to spans of the text.
"""
from __future__ import annotations

from collections import Counter
from itertools import combinations

import pandas as pd

from .. import normalize
from ..corpus import iter_fields
from .codebook import Codebook, load

_BY = ("actor_id", "side", "type")


def _with_dimension(mentions: pd.DataFrame, by: str, codebook: Codebook | None) -> pd.DataFrame:
    """The mentions with the codebook's ``by`` column (side or type) of each actor."""
    if by not in _BY:
        raise ValueError(f"by must be one of {_BY}, not {by!r}")
    if by == "actor_id":
        return mentions
    actors = (codebook if codebook is not None else load()).actors
    return mentions.merge(actors[["id", by]].rename(columns={"id": "actor_id"}),
                          on="actor_id", how="left", validate="many_to_one")


def _n_tokens(documents: pd.DataFrame) -> pd.Series:
    """Tokens per document: ``documents.n_tokens``, else counted in title and body."""
    if "n_tokens" in documents.columns:
        return pd.Series(documents["n_tokens"].to_numpy(), index=documents["doc_id"].astype(str))
    totals: Counter = Counter()
    for doc_id, _, text in iter_fields(documents):
        totals[str(doc_id)] += normalize.count_tokens(text)
    return pd.Series(totals)


def counts(mentions: pd.DataFrame, documents: pd.DataFrame, *, by: str = "actor_id",
           codebook: Codebook | None = None, fill_zeros: bool = False) -> pd.DataFrame:
    """Mentions per document, rolled up by actor, side or type.

    Args:
        mentions: a mention table (:func:`.mentions.find_mentions`).
        documents: the documents the mentions come from (``doc_id``, and ``n_tokens`` or
            ``title``/``body`` to count tokens in).
        by: ``actor_id``, ``side`` or ``type``.
        codebook: the codebook giving each actor's side and type (default: the package's).
        fill_zeros: give every document a row for every actor/side/type of the codebook
            (n = 0), which averages across documents need.

    Returns:
        Columns ``doc_id, <by>, n, per_1000_tokens, share``: ``per_1000_tokens`` divides by
        the document's tokens, ``share`` is the part of the document's mentions. Sorted by
        doc_id, then ``by``.

    Raises:
        ValueError: an unknown ``by``.
    """
    table = _with_dimension(mentions, by, codebook)
    n = table.groupby(["doc_id", by], sort=True).size().rename("n").reset_index()
    if fill_zeros:
        actors = (codebook if codebook is not None else load()).actors
        values = sorted(actors["id" if by == "actor_id" else by].unique())
        grid = pd.MultiIndex.from_product([documents["doc_id"].astype(str).unique(), values],
                                          names=["doc_id", by]).to_frame(index=False)
        n = grid.merge(n, on=["doc_id", by], how="left").fillna({"n": 0})
    n["n"] = n["n"].astype("int64")
    tokens = _n_tokens(documents)
    n_tok = n["doc_id"].map(tokens).astype("float64")
    n["per_1000_tokens"] = (n["n"] / n_tok.where(n_tok > 0) * 1000).astype("float64")
    total = n.groupby("doc_id")["n"].transform("sum").astype("float64")
    n["share"] = (n["n"] / total.where(total > 0)).astype("float64")
    return n.sort_values(["doc_id", by], kind="stable").reset_index(drop=True)


def cooccurrence(mentions: pd.DataFrame, *, unit: str = "sentence", by: str = "actor_id",
                 codebook: Codebook | None = None) -> pd.DataFrame:
    """Pairs of actors (or sides, types) named in the same sentence or document.

    Args:
        mentions: a mention table (:func:`.mentions.find_mentions`).
        unit: ``sentence`` (doc_id, field, sentence) or ``document``.
        by: ``actor_id``, ``side`` or ``type``.
        codebook: the codebook giving each actor's side and type (default: the package's).

    Returns:
        Columns ``<by>_a, <by>_b, n_units`` with ``a < b``; a unit counts once per pair
        however often each is named in it. Sorted by n_units (descending), then a, b.

    Raises:
        ValueError: an unknown ``unit`` or ``by``.
    """
    keys = {"sentence": ["doc_id", "field", "sentence"], "document": ["doc_id"]}
    if unit not in keys:
        raise ValueError(f"unit must be 'sentence' or 'document', not {unit!r}")
    table = _with_dimension(mentions, by, codebook)
    pairs: Counter = Counter()
    for _, values in table.groupby(keys[unit], sort=False)[by]:
        for a, b in combinations(sorted(set(values.dropna())), 2):
            pairs[a, b] += 1
    out = pd.DataFrame([(a, b, c) for (a, b), c in pairs.items()],
                       columns=[f"{by}_a", f"{by}_b", "n_units"])
    out["n_units"] = out["n_units"].astype("int64")
    return out.sort_values(["n_units", f"{by}_a", f"{by}_b"], ascending=[False, True, True],
                           kind="stable").reset_index(drop=True)
