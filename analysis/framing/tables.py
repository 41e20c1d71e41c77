"""Result tables: rows given column by column, sorted by document, field and offsets."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd


def table(documents: pd.DataFrame, k: Sequence[int], start: Sequence[int],
          end: Sequence[int], columns: list[str], rest: Mapping[str, Sequence],
          labels: Mapping[str, list] | None = None) -> pd.DataFrame:
    """The table with ``columns`` (doc_id, field, start, end, then those of ``rest``) of
    rows given column by column, sorted as :func:`sorted_rows` sorts.

    ``k`` is each row's field in :func:`analysis.corpus.iter_fields` order: the title of
    document ``k // 2`` if even, else its body. A column named in ``labels`` holds numbers
    into its list of labels.
    """
    k = np.asarray(k, dtype=np.int64)
    doc_ids = documents["doc_id"].tolist()
    data = {"doc_id": [doc_ids[i] for i in (k // 2).tolist()],
            "field": [("title", "body")[i] for i in (k % 2).tolist()],
            "start": np.asarray(start, dtype=np.int64), "end": np.asarray(end, dtype=np.int64)}
    for name in columns[4:]:
        values = rest[name]
        if labels and name in labels:
            values = [labels[name][i] for i in np.asarray(values).tolist()]
        data[name] = values if isinstance(values, np.ndarray) else list(values)
    return sorted_rows(pd.DataFrame(data, columns=columns))


def sorted_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` sorted by doc_id, field (title first), start and end; stable."""
    if rows.empty:
        return rows.reset_index(drop=True)
    key = rows["field"].map({"title": 0, "body": 1})
    return (rows.assign(_f=key).sort_values(["doc_id", "_f", "start", "end"], kind="stable")
            .drop(columns="_f").reset_index(drop=True))
