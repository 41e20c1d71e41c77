"""Actor mentions of a documents table, indexed by field for the statement rules."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .tables import in_order


@dataclass(frozen=True)
class Mentions:
    """Actor mentions of a documents table, sorted by field, start, end and actor id
    (:func:`by_field`): ``triples[j]`` is ``(start, end, actor_id)``, ``starts[j]``
    its start and ``reach[j]`` the running maximum of the ends within its field, for
    bisection (:func:`mentions_in`); ``runs`` maps ``(doc_id, field)`` to the field's range
    ``(lo, hi)`` of ``j``. ``end_keys`` are the ends as ``lo * width + end`` (``lo`` of the
    mention's field), sorted: the ends of each field in order, for numpy bisection
    (:func:`_mention_ends_before`)."""

    triples: list[tuple[int, int, str]]
    starts: list[int]
    reach: list[int]
    runs: dict[tuple, tuple[int, int]]
    end_keys: np.ndarray
    width: int  # more than any end


NO_MENTIONS = Mentions([], [], [], {}, np.zeros(0, dtype=np.int64), 1)


def mentions_in(field, s: int, e: int) -> list[tuple[int, int, str]]:
    """The field's mentions overlapping ``[s, e)``, in order."""
    if field.mlo == field.mhi:
        return []
    # mentions are sorted by start: none from the first one starting at e on, and none
    # before the first whose end (or an earlier mention's end) passes s
    lo = bisect_left(field.mention_reach, s + 1, field.mlo, field.mhi)
    hi = bisect_left(field.mention_starts, e, field.mlo, field.mhi)
    return [m for m in field.mentions[lo:hi] if m[1] > s]


def by_field(mentions: pd.DataFrame) -> Mentions:
    """The :class:`Mentions` of an actor-mention table (doc_id, field, start, end, actor_id).

    One numpy sort of the whole table (by field, then start, end, actor id; none when it is
    sorted already) cut into runs, one per field: a Python step per field rather than per
    mention.
    """
    doc, docs = pd.factorize(mentions["doc_id"], use_na_sentinel=False)
    field, fields = pd.factorize(mentions["field"], use_na_sentinel=False)
    actor, actors = pd.factorize(mentions["actor_id"], use_na_sentinel=False)
    names = [str(a) for a in actors]
    rank = {name: r for r, name in enumerate(sorted(set(names)))}  # actor ids in str order
    actor_rank = np.array([rank[name] for name in names])[actor]
    start = mentions["start"].to_numpy(dtype=np.int64)
    end = mentions["end"].to_numpy(dtype=np.int64)
    keys = (doc, field, start, end, actor_rank)  # the most significant first
    order = None if in_order(keys) else np.lexsort(keys[::-1])  # as actors lists them, often
    if order is not None:
        doc, field, start, end, actor = (a[order] for a in (doc, field, start, end, actor))
    run = doc * len(fields) + field
    cut = np.flatnonzero(np.diff(run)) + 1
    actor_ids = np.array(names, dtype=object)[actor].tolist()
    triples = list(zip(start.tolist(), end.tolist(), actor_ids))
    # the running maximum of the ends within each run: the ends of run r shifted up by r
    # times their range, so that one running maximum over the table starts afresh at each run
    r = np.zeros(len(run), dtype=np.int64)
    r[cut] = 1
    shift = np.cumsum(r) * (int(end.max()) - int(end.min()) + 1)
    reach = np.maximum.accumulate(end + shift) - shift
    cuts = [0, *cut.tolist(), len(run)]
    first = cuts[:-1]  # the first row of each run, for its doc_id and field
    docs, fields = docs.tolist(), fields.tolist()
    keys = zip([docs[d] for d in doc[first].tolist()], [fields[f] for f in field[first].tolist()])
    width = int(end.max()) + 1
    base = np.repeat(first, np.diff(cuts)) * width
    return Mentions(triples, start.tolist(), reach.tolist(),
                     {key: (lo, hi) for key, lo, hi in zip(keys, cuts[:-1], cuts[1:])},
                     np.sort(base + end, kind="stable"), width)  # nearly sorted: timsort
