"""Result tables: rows given column by column, sorted by document, field and offsets."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd


def table(documents: pd.DataFrame, k: np.ndarray, start: np.ndarray, end: np.ndarray,
           columns: list[str], rest: Mapping[str, Sequence],
           labels: Mapping[str, list] | None = None) -> pd.DataFrame:
    """The table with ``columns`` (doc_id, field, start, end, then those of ``rest``) of
    rows given column by column -- ``k`` the field's number in :func:`iter_fields` order:
    the title of document ``k // 2`` if even, else its body -- sorted as :func:`sorted_rows`
    sorts. A column named in ``labels`` holds numbers into its list of labels; a list
    column is given to pandas as a list, to infer its dtype as it does for rows.

    Sorted on integer keys: doc_id, field and labelled columns are taken by number from a
    few values instead of being converted row by row, and nothing is sorted as strings.
    """
    if not len(k):
        return sorted_rows(pd.DataFrame([], columns=columns))
    labels = labels or {}
    k, start, end = (np.asarray(c, dtype=np.int64) for c in (k, start, end))
    doc_ids = pd.Series(documents["doc_id"].tolist())  # the dtype pandas infers for rows
    doc_rank, uniques = pd.factorize(doc_ids, sort=True)
    doc_rank[doc_rank < 0] = len(uniques)  # a missing doc_id sorts last, as in sort_values
    keys = (doc_rank[k // 2], k % 2, start, end)  # the most significant first
    ordered = in_order(keys)  # rows found in order already (documents by doc_id)
    order = None if ordered else np.lexsort(keys[::-1])  # stable, like _sorted

    def column(name: str, values: Sequence) -> Iterable:
        if name in labels:
            taken = np.asarray(values) if ordered else np.asarray(values)[order]
            return pd.Series(labels[name]).array.take(taken)
        if isinstance(values, np.ndarray):
            return values if ordered else values[order]
        return list(values) if ordered else list(map(values.__getitem__, order.tolist()))

    if not ordered:
        k, start, end = k[order], start[order], end[order]
    data = {"doc_id": doc_ids.array.take(k // 2),
            "field": pd.Series(["title", "body"]).array.take(k % 2),
            "start": start, "end": end}
    data.update((name, column(name, rest[name])) for name in columns[4:])
    return pd.DataFrame(data, columns=columns)


def sorted_rows(table: pd.DataFrame) -> pd.DataFrame:
    order = {"title": 0, "body": 1}
    if table.empty:
        return table.reset_index(drop=True)
    key = table["field"].map(order)
    return (table.assign(_f=key).sort_values(["doc_id", "_f", "start", "end"], kind="stable")
            .drop(columns="_f").reset_index(drop=True))


def in_order(keys: tuple[np.ndarray, ...]) -> bool:
    """Whether the rows are sorted by ``keys`` (the most significant first): what a stable
    sort would leave as it is."""
    undecided = np.ones(max(len(keys[0]) - 1, 0), dtype=bool)  # equal on the keys so far
    for key in keys:
        step = np.diff(key)
        if (undecided & (step < 0)).any():
            return False
        undecided &= step == 0
    return True


