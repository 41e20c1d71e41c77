"""What dateparser's ``search_dates`` finds in the five seed bodies, beside this layer.

For each cleaned seed article, prints the mentions of :func:`analysis.dates.find_mentions`
(surface → value) and the results of ``dateparser.search.search_dates(body,
languages=["ar"], settings={"RELATIVE_BASE": published})`` (surface → date), so the two
can be read side by side. dateparser is an optional, benchmark-only dependency.

    .venv/bin/python benchmarks/compare_dateparser.py
"""
from __future__ import annotations

import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd

from analysis import clean, corpus, dates, paths


def main() -> None:
    documents, _ = clean.clean(corpus.load(paths.SEEDS_DIR, progress=False))
    mentions = dates.find_mentions(documents)
    try:
        from dateparser.search import search_dates
    except ImportError:
        search_dates = None
        print("dateparser not installed (pip install dateparser): showing this layer only\n")
    for doc in documents.itertuples():
        published = None if pd.isna(doc.published) else doc.published.to_pydatetime()
        print(f"== {doc.doc_id}  published {doc.published:%Y-%m-%d} ({doc.published_basis})")
        ours = mentions[(mentions.doc_id == doc.doc_id) & (mentions.field == "body")]
        print(f"  analysis.dates: {len(ours)} mentions")
        for m in ours.itertuples():
            flag = "" if pd.isna(m.weekday_consistent) else \
                f"  weekday {m.weekday}: {'consistent' if m.weekday_consistent else 'INCONSISTENT'}"
            print(f"    {m.surface!r:40} {m.value or '(' + m.kind + ')':12} {m.modifier}{flag}")
        if search_dates is None:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = search_dates(doc.body, languages=["ar"], settings={"RELATIVE_BASE": published}) or []
        print(f"  dateparser: {len(found)} results")
        for surface, when in found:
            print(f"    {surface!r:40} {when:%Y-%m-%d %H:%M}")
        print()


if __name__ == "__main__":
    main()
