"""End-to-end benchmark of ``python -m analysis extract``: seconds, MB/s and peak memory.

Builds synthetic corpora by resampling the seed articles' lines (headline, body paragraphs
made unique by two random words, and page furniture repeated as a site repeats it) — or
takes any corpus folder — and runs the
streaming extraction in a fresh process per configuration, so peak memory is measured
cleanly. Prints one table: per stage (load, clean, actors, dates, framing, sentences, write) seconds
(summed over workers) and MB/s, and end to end: wall seconds, MB/s, MB/s per core, peak
RSS of the main process and of the largest worker, and the CPU seconds of all processes
(wall time above CPU time is time spent waiting, e.g. on the disk).

    python benchmarks/bench_pipeline.py --sizes 1000 10000 100000 --jobs 1 2
    python benchmarks/bench_pipeline.py --corpus path/to/corpus --jobs 2
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CACHE = ROOT / "bench-out"

CHILD = r"""
import json, resource, sys
from analysis.pipeline import extract
corpus, out, jobs, batch, engine = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
def cpu():
    return sum(u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_SELF),
                                                 resource.getrusage(resource.RUSAGE_CHILDREN)))
before = cpu()
s = extract(corpus, out, jobs=jobs, batch_size=batch, engine=engine, progress=False, log=lambda *a: None)
s["cpu_seconds"] = cpu() - before
s["files"] = {k: str(v) for k, v in s["files"].items()}
s["peak_main_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
s["peak_child_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps(s))
"""


def seed_lines() -> tuple[list[str], list[str], list[str]]:
    """Titles, body paragraphs and furniture lines of the seed corpus (via the cleaner)."""
    from analysis import clean, corpus

    raw = corpus.load(SEEDS)
    docs, removed = clean.clean(raw)
    titles = [t for t in docs["title"] if t]
    paragraphs = [p for body in docs["body"] for p in body.split("\n")]
    furniture = removed["text"].str.strip().tolist()
    return titles, paragraphs, furniture


def build_corpus(n: int, *, seed: int = 0) -> Path:
    """A folder of ``n`` synthetic articles (cached in bench-out/)."""
    folder = CACHE / f"corpus-{n}-v2"
    if (folder / "metadata.csv").exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    titles, paragraphs, furniture = seed_lines()
    words = sorted({w for p in paragraphs for w in p.split() if w.isalpha()})
    outlets = ["Outlet A", "Outlet B", "Outlet C", "", "Outlet D"]
    meta = ["doc_id,outlet,published,published_basis"]

    def unique(line: str) -> str:
        # Two random seed words in front make every headline and paragraph unique, as in
        # a real corpus, so caches keyed on lines only help with repeated page furniture.
        return f"{rng.choice(words)} {rng.choice(words)} {line}"

    for i in range(n):
        doc_id = f"a{i:06d}"
        lines = [unique(rng.choice(titles)), ""]
        lines += rng.sample(furniture, 2)
        for _ in range(rng.randint(6, 14)):
            lines += [unique(rng.choice(paragraphs)), ""]
        lines += rng.sample(furniture, 3)
        (folder / f"{doc_id}.txt").write_text("\n".join(lines), encoding="utf-8")
        day = f"{rng.randint(2015, 2019)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        meta.append(f"{doc_id},{rng.choice(outlets)},{day},stated")
    (folder / "metadata.csv").write_text("\n".join(meta) + "\n", encoding="utf-8")
    return folder


def run(corpus: Path, jobs: int, batch: int, engine: str) -> dict:
    out = CACHE / f"out-{corpus.name}-{engine}-{jobs}"
    res = subprocess.run([sys.executable, "-c", CHILD, str(corpus), str(out), str(jobs), str(batch), engine],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    ap.add_argument("--corpus", type=Path, help="benchmark this folder instead of synthetic ones")
    ap.add_argument("--jobs", type=int, nargs="*", default=[1, 2])
    ap.add_argument("--batch-size", type=int, default=500)
    ap.add_argument("--engine", default="local", choices=["local", "dask"])
    args = ap.parse_args()
    corpora = [args.corpus] if args.corpus else [build_corpus(n) for n in args.sizes]
    header = f"{'corpus':<14}{'jobs':>5}  {'stage':<12}{'seconds':>9}{'MB/s':>9}{'MB/s/core':>11}{'peak MB':>9}"
    print(header)
    print("-" * len(header))
    for corpus in corpora:
        for jobs in args.jobs:
            s = run(corpus, jobs, args.batch_size, args.engine)
            mb = s["bytes"] / 1e6
            for stage, sec in s["seconds"].items():
                print(f"{corpus.name:<14}{jobs:>5}  {stage:<12}{sec:>9.2f}{mb / sec if sec else 0:>9.1f}"
                      f"{'':>11}{'':>9}")
            wall = s["wall_seconds"]
            peak = max(s["peak_main_mb"], s["peak_child_mb"])
            print(f"{corpus.name:<14}{jobs:>5}  {'END TO END':<12}{wall:>9.2f}{mb / wall:>9.1f}"
                  f"{mb / wall / jobs:>11.1f}{peak:>9.0f}")
            print(f"{'':<14}{'':>5}  ({s['documents']} articles, {mb:.1f} MB; peak RSS main "
                  f"{s['peak_main_mb']:.0f} MB, largest worker {s['peak_child_mb']:.0f} MB; "
                  f"CPU {s['cpu_seconds']:.1f} s in all processes = {mb / s['cpu_seconds']:.1f} MB "
                  f"per CPU second)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
