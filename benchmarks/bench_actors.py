"""Throughput of actor mention finding on a synthetic corpus.

Builds ``--n`` articles (default 10,000) by resampling seed paragraphs
(:func:`analysis.synthetic.synthetic_documents`), loads the codebook and builds the
automaton once (reported apart), then times :func:`analysis.actors.find_mentions` and
prints MB/s of UTF-8 title + body text. Target (issue 6): at least 30 MB/s on one core.

    .venv/bin/python benchmarks/bench_actors.py [--n 10000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis import actors
from analysis.synthetic import synthetic_documents, text_megabytes


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of synthetic articles")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best is reported")
    args = parser.parse_args(argv)

    documents = synthetic_documents(args.n)
    mb = text_megabytes(documents)

    t0 = time.perf_counter()
    codebook = actors.load()
    _ = codebook.matcher
    setup = time.perf_counter() - t0

    best = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        mentions = actors.find_mentions(documents, codebook=codebook)
        best = min(best, time.perf_counter() - t0)
    print(f"articles: {args.n:,}  text: {mb:.1f} MB (UTF-8, title + body)  "
          f"aliases: {len(codebook.aliases):,}")
    print(f"codebook load + automaton build: {setup:.2f} s")
    print(f"find_mentions: {best:.2f} s (best of {args.repeat}), {len(mentions):,} mentions")
    print(f"throughput: {mb / best:.1f} MB/s")


if __name__ == "__main__":
    main()
