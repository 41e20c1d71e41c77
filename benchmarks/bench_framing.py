"""Throughput of the framing layer on a synthetic corpus.

Builds ``--n`` articles (default 5,000) by resampling seed paragraphs
(:func:`analysis.synthetic.synthetic_documents`), loads the lexicons once (reported apart),
then times :func:`analysis.framing.find_cues`, :func:`analysis.framing.find_statements`
(with actor mentions found beforehand, not timed), the two together as the pipeline runs
them (one :func:`analysis.framing.prepare` shared by both) and
:func:`analysis.framing.keyness` by outlet, and prints MB/s of UTF-8 title + body text for
each, against the one-core targets of issue 6 (25 MB/s for each extraction stage alone,
15 MB/s for the two together, so that the whole pipeline reaches 5 MB/s).

    .venv/bin/python benchmarks/bench_framing.py [--n 5000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd

from analysis import actors, framing
from analysis.synthetic import synthetic_documents, text_megabytes

#: MB/s per core each extraction stage needs for the pipeline to reach 5 MB/s (issue 6).
TARGET_MBS = 25
#: MB/s per core for cues and statements together, sharing one preparation (issue 6).
TARGET_TOGETHER_MBS = 15


def _together(documents, mentions):
    """Cues and statements as :func:`analysis.pipeline.extract_tables` runs them."""
    prepared = framing.prepare(documents)
    hits = framing.find_cues(documents, prepared=prepared)
    statements = framing.find_statements(documents, mentions=mentions, prepared=prepared)
    return pd.concat([hits[["doc_id"]], statements[["doc_id"]]])


def _best(func, repeat: int):
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = func()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5_000, help="number of synthetic articles")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best is reported")
    args = parser.parse_args(argv)

    documents = synthetic_documents(args.n)
    mb = text_megabytes(documents)

    t0 = time.perf_counter()
    # word lists, lexicons and code-point tables, built on first use: by a run on two articles
    warm = documents.head(2)
    framing.find_statements(warm, mentions=actors.find_mentions(warm), prepared=framing.prepare(warm))
    framing.find_cues(warm)
    setup = time.perf_counter() - t0
    mentions = actors.find_mentions(documents)

    print(f"articles: {args.n:,}  text: {mb:.1f} MB (UTF-8, title + body)")
    print(f"lexicon load + compile (first use): {setup:.2f} s")
    for name, func, target in [
        ("find_cues", lambda: framing.find_cues(documents), TARGET_MBS),
        ("find_statements", lambda: framing.find_statements(documents, mentions=mentions),
         TARGET_MBS),
        ("prepare + find_cues + find_statements", lambda: _together(documents, mentions),
         TARGET_TOGETHER_MBS),
        ("keyness(group='outlet')", lambda: framing.keyness(documents, group="outlet"), None),
    ]:
        seconds, out = _best(func, args.repeat)
        verdict = "" if target is None else f"  (target {target} MB/s: " \
            f"{'met' if mb / seconds >= target else 'not met'})"
        print(f"{name}: {seconds:.2f} s (best of {args.repeat}), {len(out):,} rows, "
              f"{mb / seconds:.1f} MB/s{verdict}")


if __name__ == "__main__":
    main()
