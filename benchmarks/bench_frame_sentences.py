"""Cost of :func:`analysis.framing.frame_sentences` next to the cue matching it reads.

Loads and cleans a corpus folder (default: the 10,000-article synthetic corpus that
``bench_pipeline.py`` builds), finds its cue hits and actor mentions once, then times
``framing.find_cues`` and ``frame_sentences``, both given the documents' folded words as
``extract`` gives them (CPU seconds of this process, best of
``--repeat``; CPU time is steadier than wall time on a shared machine) and prints the share
of sentences the rules had to decide one by one.

    .venv/bin/python benchmarks/bench_frame_sentences.py [--corpus bench-out/corpus-10000-v2]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import actors, clean, corpus, framing  # noqa: E402
from analysis.framing import decisions, sentence_gate  # noqa: E402


def _cpu(fn, repeat: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.process_time()
        out = fn()
        best = min(best, time.process_time() - t)
    return best, out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT / "bench-out" / "corpus-10000-v2"))
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    cleaned = clean.clean(corpus.load(args.corpus))
    documents = cleaned[0] if isinstance(cleaned, tuple) else cleaned
    mentions = actors.find_mentions(documents)
    prepared = framing.prepare(documents)  # as extract does: folded once, shared by the framing layer
    cues_s, hits = _cpu(lambda: framing.find_cues(documents, prepared=prepared), args.repeat)
    sentences_s, table = _cpu(lambda: framing.frame_sentences(documents, hits, mentions, prepared=prepared),
                              args.repeat)
    rules = framing.load_frame_rules()
    found = decisions.locate(documents, hits, mentions, rules)
    _, busy = sentence_gate.gate(found, hits, mentions, rules, prepared.batches)
    print(f"{len(documents)} articles, {len(table)} sentences, {len(hits)} cue hits")
    print(f"  framing.find_cues                {cues_s:6.2f} CPU s")
    print(f"  framing.frame_sentences          {sentences_s:6.2f} CPU s "
          f"({sentences_s / cues_s:.2f} × find_cues); "
          f"{len(busy) / max(len(table), 1):.0%} of the sentences decided one by one")


if __name__ == "__main__":
    main()
