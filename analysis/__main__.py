"""Command line: ``python -m analysis --help`` lists what can be run."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Arabic news framing of US–Russian military contacts over Syria.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("extract", help="write the study's tables (CSV) for a corpus folder")
    p.add_argument("corpus_dir", type=Path, help="folder of *.txt articles (+ metadata.csv)")
    p.add_argument("--out", type=Path, required=True, help="folder for the CSV tables")
    p.add_argument("--skip-bad", action="store_true",
                   help="leave unreadable files out (listed in skipped_files.csv) instead of stopping")
    p.add_argument("--jobs", type=int, default=1, help="processes (or Dask workers) to use")
    p.add_argument("--batch-size", type=int, default=500, help="articles per batch (bounds memory)")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local processes, or Dask (needs the [scale] extra)")
    p.add_argument("--scheduler", help="Dask scheduler address (default: a local cluster)")

    p = sub.add_parser("run", help="execute every notebook and write HTML reports + figures")
    p.add_argument("--corpus", help="corpus folder (default: the seed corpus)")
    p.add_argument("--out", type=Path, help="reports folder (default: reports/)")
    p.add_argument("--only", nargs="*", help="notebook number prefixes, e.g. 01 03")

    p = sub.add_parser("refresh", help="re-execute the committed notebooks in place (seed corpus)")
    p.add_argument("--only", nargs="*", help="notebook number prefixes, e.g. 01 03")

    args = parser.parse_args(argv)
    import warnings

    from .corpus import CorpusError

    # one readable line per warning, without Python source lines (restored on return)
    formatwarning = warnings.formatwarning
    warnings.formatwarning = lambda message, category, *_: f"warning: {message}\n"

    try:
        if args.command == "extract":
            from .pipeline import extract

            extract(args.corpus_dir, args.out, errors="skip" if args.skip_bad else "raise",
                    jobs=args.jobs, batch_size=args.batch_size, engine=args.engine,
                    scheduler=args.scheduler)
        elif args.command == "run":
            from .reports import run

            run(corpus=args.corpus, out_dir=args.out, only=args.only)
        elif args.command == "refresh":
            from .reports import refresh

            refresh(only=args.only)
    except CorpusError as exc:
        hint = " (--skip-bad leaves such files out)" if args.command == "extract" else ""
        print(f"error: {exc}{hint}", file=sys.stderr)
        return 2
    finally:
        warnings.formatwarning = formatwarning
    return 0


if __name__ == "__main__":
    sys.exit(main())
