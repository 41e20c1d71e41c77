"""The one accelerator of the actor layer, behind the rules of :mod:`.mentions`.

Kept because it pays: at 10,000 articles it saves about 0.75 s of CPU (over 10% of the
end-to-end run) against :func:`.mentions.longest_first`, which applies the rule one span
at a time. ``tests/test_actors.py`` checks that both keep the same spans.
"""
from __future__ import annotations

import numpy as np


def longest_first(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """:func:`.mentions.longest_first`: the spans kept, the longest first, then the leftmost.

    Overlapping spans come in clusters, which the rule resolves independently. Nearly
    always the first span of a cluster (the longest at its start) covers the whole
    cluster -- an alias inside a longer one, «روسيا» in «روسيا اليوم» -- so it is the
    longest of the cluster and overlaps every other span: it is kept and the others
    dropped, for all such clusters at once. The other clusters go through the rule one
    span at a time.
    """
    order = np.lexsort((start - end, start))  # by start, the longest first
    start, end = start[order], end[order]
    reach = np.maximum.accumulate(end)
    new_cluster = np.ones(len(start), dtype=bool)
    new_cluster[1:] = start[1:] >= reach[:-1]
    heads = np.flatnonzero(new_cluster)
    tails = np.append(heads[1:], len(start))
    covers = np.ones(len(heads), dtype=bool)
    if len(heads):
        covers = end[heads] == np.maximum.reduceat(end, heads)
    keep = np.zeros(len(start), dtype=bool)
    keep[heads[covers]] = True
    for a, b in zip(heads[~covers].tolist(), tails[~covers].tolist()):
        spans = sorted(zip(start[a:b].tolist(), end[a:b].tolist(), range(a, b)),
                       key=lambda span: (span[0] - span[1], span[0]))
        taken: list[tuple[int, int]] = []
        for s, e, i in spans:
            if all(e <= ts or s >= te for ts, te in taken):
                taken.append((s, e))
                keep[i] = True
    return order[keep]
