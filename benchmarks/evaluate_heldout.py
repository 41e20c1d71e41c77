"""Score cleaning, actor and date extraction against a held-out gold set.

The scoring is :mod:`analysis.heldout` (read its docstring for what is measured); this script
prints its figures and, with ``--errors``, every miss and false mention.

    python benchmarks/evaluate_heldout.py                                  # tests/data/heldout
    python benchmarks/evaluate_heldout.py --folder tests/data/heldout2 --errors
    python benchmarks/evaluate_heldout.py --folder tests/data/heldout3   # with its saved pages
"""
from __future__ import annotations

import argparse
from pathlib import Path

from analysis import heldout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--errors", action="store_true", help="list every miss and false mention")
    ap.add_argument("--folder", type=Path, default=heldout.HELDOUT, help="a held-out folder with gold.json")
    args = ap.parse_args()
    errors: list = []
    report(heldout.evaluate(args.folder, errors=errors), errors if args.errors else [])
    if (args.folder / "pages.json").exists():
        print("\nsaved web pages (pages.json):")
        errors = []
        report(heldout.evaluate_pages(args.folder, errors=errors), errors if args.errors else [])


def report(figures: dict, errors: list) -> None:
    counts = figures.pop("counts")
    for name, value in figures.items():
        print(f"{name:26s} {value:6.1%}")
    print("counts:", ", ".join(f"{k} {v}" for k, v in counts.items()))
    for doc_id, what, detail in errors:
        print(f"  {doc_id}  {what}: {detail}")


if __name__ == "__main__":
    main()
