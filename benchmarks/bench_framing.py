"""Throughput of the framing layer on a synthetic corpus.

Builds ``--n`` articles (default 2,000) by resampling seed paragraphs
(:func:`benchmarks.common.synthetic_documents`), loads the lexicons once (reported apart),
then times :func:`analysis.framing.find_cues`, :func:`analysis.framing.find_statements`
(with actor mentions found beforehand, not timed) and :func:`analysis.framing.keyness`
by outlet, and prints MB/s of UTF-8 title + body text for each.

    .venv/bin/python benchmarks/bench_framing.py [--n 2000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis import actors, framing  # noqa: E402
from benchmarks.common import synthetic_documents  # noqa: E402


def _best(func, repeat: int):
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = func()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2_000, help="number of synthetic articles")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best is reported")
    args = parser.parse_args(argv)

    documents = synthetic_documents(args.n)
    mb = sum(len(t.encode("utf-8")) for t in documents["title"]) / 1e6
    mb += sum(len(t.encode("utf-8")) for t in documents["body"]) / 1e6

    t0 = time.perf_counter()
    framing.load_lexicon(), framing.load_negators(), framing.load_reporting()
    framing.load_stopwords()
    setup = time.perf_counter() - t0
    mentions = actors.find_mentions(documents)

    print(f"articles: {args.n:,}  text: {mb:.1f} MB (UTF-8, title + body)")
    print(f"lexicon load + compile: {setup:.2f} s")
    for name, func in [
        ("find_cues", lambda: framing.find_cues(documents)),
        ("find_statements", lambda: framing.find_statements(documents, mentions=mentions)),
        ("keyness(group='outlet')", lambda: framing.keyness(documents, group="outlet")),
    ]:
        seconds, out = _best(func, args.repeat)
        print(f"{name}: {seconds:.2f} s (best of {args.repeat}), {len(out):,} rows, "
              f"{mb / seconds:.1f} MB/s")


if __name__ == "__main__":
    main()
