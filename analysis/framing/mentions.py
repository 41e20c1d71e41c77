"""Actor mentions of a documents table, by field, for the statement rules."""
from __future__ import annotations

import numpy as np
import pandas as pd

Mention = tuple[int, int, str]  # start, end, actor_id


def mentions_in(field, s: int, e: int) -> list[Mention]:
    """The mentions of ``field`` (a :class:`.words.Field`) overlapping ``[s, e)``, in order."""
    return [m for m in field.mentions if m[0] < e and m[1] > s]


def by_field(mentions: pd.DataFrame | None) -> dict[tuple, list[Mention]]:
    """``(doc_id, field)`` -> the field's mentions, sorted by start, end and actor id.

    Args:
        mentions: an actor-mention table (doc_id, field, start, end, actor_id), or None.

    Returns:
        The mentions of each field that has any: one numpy sort of the whole table, cut
        into one run per field.
    """
    if mentions is None or not len(mentions):
        return {}
    doc, docs = pd.factorize(mentions["doc_id"], use_na_sentinel=False)
    field, fields = pd.factorize(mentions["field"], use_na_sentinel=False)
    actor, actors = pd.factorize(mentions["actor_id"], use_na_sentinel=False)
    names = [str(a) for a in actors]
    rank = {name: r for r, name in enumerate(sorted(set(names)))}  # actor ids in str order
    actor_rank = np.array([rank[name] for name in names])[actor]
    start = mentions["start"].to_numpy(dtype=np.int64)
    end = mentions["end"].to_numpy(dtype=np.int64)
    order = np.lexsort((actor_rank, end, start, field, doc))  # the last key first
    doc, field, start, end, actor = (a[order] for a in (doc, field, start, end, actor))
    run = doc * len(fields) + field
    cuts = [0, *(np.flatnonzero(np.diff(run)) + 1).tolist(), len(run)]
    triples = list(zip(start.tolist(), end.tolist(), np.array(names, dtype=object)[actor].tolist()))
    docs, fields, doc, field = docs.tolist(), fields.tolist(), doc.tolist(), field.tolist()
    return {(docs[doc[lo]], fields[field[lo]]): triples[lo:hi]
            for lo, hi in zip(cuts[:-1], cuts[1:])}
