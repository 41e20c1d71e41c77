"""Throughput of date mention finding, against dateparser's ``search_dates`` on the same text.

Builds ``--n`` synthetic articles (:func:`analysis.synthetic.synthetic_documents`), times
:func:`analysis.dates.find_mentions` on all of them, then times both
:func:`analysis.dates.find_mentions` and ``dateparser.search.search_dates(text,
languages=["ar"], settings={"RELATIVE_BASE": published})`` on the bodies of the first
``--sample`` articles (small enough for dateparser to finish in about a minute), and
prints MB/s of UTF-8 text for each and their ratio. Targets: at least 30 MB/s on one core
(issue 6) and at least 20× dateparser.
dateparser is an optional, benchmark-only dependency (``pip install dateparser``).

    .venv/bin/python benchmarks/bench_dates.py [--n 2000] [--sample 1000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis import dates
from analysis.synthetic import synthetic_documents


def _mb(texts) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2_000, help="synthetic articles for find_mentions")
    parser.add_argument("--sample", type=int, default=1000, help="articles timed against dateparser")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of our layer; best is reported")
    args = parser.parse_args(argv)

    documents = synthetic_documents(args.n)
    t0 = time.perf_counter()
    dates.grammar()
    setup = time.perf_counter() - t0
    mb = _mb(documents["title"]) + _mb(documents["body"])
    best = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        mentions = dates.find_mentions(documents)
        best = min(best, time.perf_counter() - t0)
    print(f"data files + grammar compile: {setup:.2f} s")
    print(f"find_mentions: {args.n:,} articles, {mb:.2f} MB, {best:.2f} s (best of {args.repeat}), "
          f"{len(mentions):,} mentions -> {mb / best:.2f} MB/s")

    sample = documents.head(args.sample)
    bodies, pubs = list(sample["body"]), [p.to_pydatetime() for p in sample["published"]]
    smb = _mb(bodies)
    ours = float("inf")
    body_only = sample.assign(title="")
    for _ in range(args.repeat * 3):
        t0 = time.perf_counter()
        n_ours = len(dates.find_mentions(body_only))
        ours = min(ours, time.perf_counter() - t0)
    print(f"find_mentions on the sample bodies: {args.sample} articles, {smb:.3f} MB, {ours:.3f} s, "
          f"{n_ours} mentions -> {smb / ours:.2f} MB/s")
    try:
        from dateparser.search import search_dates
    except ImportError:
        print("dateparser not installed: pip install dateparser (benchmark-only) for the comparison")
        return
    search_dates("أمس", languages=["ar"])  # load dateparser's language data outside the timing
    t0 = time.perf_counter()
    n_dp = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for b, p in zip(bodies, pubs):
            n_dp += len(search_dates(b, languages=["ar"], settings={"RELATIVE_BASE": p}) or [])
    dp = time.perf_counter() - t0
    print(f"dateparser search_dates on the sample: {dp:.2f} s, {n_dp} results -> {smb / dp:.4f} MB/s")
    print(f"ratio (find_mentions / search_dates throughput, same bodies): {dp / ours:.0f}x")


if __name__ == "__main__":
    main()
