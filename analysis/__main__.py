"""Command line: ``python -m analysis --help`` lists what can be run."""
from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager
from pathlib import Path


def _size(text: str) -> int:
    """A size in bytes: ``5000000``, ``5MB``, ``500kB``."""
    units = {"kb": 1_000, "mb": 1_000_000, "gb": 1_000_000_000, "b": 1}
    low = text.strip().lower()
    for unit, factor in units.items():
        if low.endswith(unit) and low[:-len(unit)].strip():
            low, scale = low[:-len(unit)].strip(), factor
            break
    else:
        scale = 1
    try:
        value = float(low) * scale
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size (e.g. 5000000, 5MB, 500kB)") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r}: the size must be positive")
    return int(value)


def _parser() -> argparse.ArgumentParser:
    from .corpus import MAX_BYTES
    from .pipeline import DASK_TIMEOUT

    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Arabic news framing of US–Russian military contacts over Syria.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("extract", help="write the study's tables (CSV) for a corpus folder")
    p.add_argument("corpus_dir", type=Path,
                   help="folder of *.txt articles and/or saved pages *.html (+ metadata.csv), or one "
                        "table file of articles (.csv, .tsv, .jsonl, .parquet)")
    p.add_argument("--out", type=Path, required=True,
                   help="folder for the CSV tables and manifest.json (replaced only by a "
                        "run that succeeds)")
    p.add_argument("--skip-bad", action="store_true",
                   help="leave unreadable files out (listed in skipped_files.csv) instead of stopping")
    p.add_argument("--max-bytes", type=_size, default=MAX_BYTES,
                   help=f"largest article file accepted (default {MAX_BYTES / 1e6:g}MB)")
    p.add_argument("--jobs", type=int, default=1, help="processes (or Dask workers) to use")
    p.add_argument("--batch-size", type=int, default=500, help="articles per batch (bounds memory)")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local processes, or Dask (needs the [scale] extra)")
    p.add_argument("--scheduler", help="Dask scheduler address (default: a local cluster)")
    p.add_argument("--timeout", type=float, default=DASK_TIMEOUT,
                   help="Dask: seconds to wait for the scheduler to answer, or for workers to "
                        f"come back when none is left (default {DASK_TIMEOUT:g})")

    p.add_argument("--format", choices=["csv", "parquet"], default="csv", dest="table_format",
                   help="write the tables as CSV (default) or Parquet")
    t = p.add_argument_group("a table file of articles (defaults: see analysis.table_corpus)")
    for role, default in (("text", "text, body, content, …"), ("title", "title, headline"),
                          ("date", "published, date, …"), ("outlet", "outlet, source, site, …"),
                          ("id", "doc_id, id, article_id; else <file>-<row>")):
        t.add_argument(f"--{role}-column", help=f"column of the article's {role} ({default})")

    p = sub.add_parser("run", help="execute every notebook and write HTML reports + figures")
    p.add_argument("--corpus", help="corpus folder (default: the seed corpus)")
    p.add_argument("--out", type=Path, help="reports folder (default: reports/)")
    p.add_argument("--only", nargs="*", help="notebook number prefixes, e.g. 01 03")
    p.add_argument("--skip-bad", action="store_true",
                   help="the notebooks leave unreadable article files out instead of stopping")

    p = sub.add_parser("refresh", help="re-execute the committed notebooks in place (seed corpus)")
    p.add_argument("--only", nargs="*", help="notebook number prefixes, e.g. 01 03")
    return parser


@contextmanager
def _sigterm_as_ctrl_c():
    """A kill (SIGTERM) ends the run as Ctrl-C does, so the temporary tables are removed
    and --out is left as it was; the previous handler is restored afterwards."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(args) -> None:
    if args.command == "extract":
        from .pipeline import extract

        with _sigterm_as_ctrl_c():
            extract(args.corpus_dir, args.out, errors="skip" if args.skip_bad else "raise",
                    jobs=args.jobs, batch_size=args.batch_size, engine=args.engine,
                    scheduler=args.scheduler, max_bytes=args.max_bytes, timeout=args.timeout,
                    table_format=args.table_format,
                    columns={f"{role}_column": getattr(args, f"{role}_column")
                             for role in ("text", "title", "date", "outlet", "id")})
    elif args.command == "run":
        from .paths import SKIP_BAD_ENV
        from .reports import run

        before = os.environ.get(SKIP_BAD_ENV)
        if args.skip_bad:  # read by corpus.load in the notebooks' kernels (paths.corpus_errors)
            os.environ[SKIP_BAD_ENV] = "1"
        try:
            run(corpus=args.corpus, out_dir=args.out, only=args.only)
        finally:
            if before is None:
                os.environ.pop(SKIP_BAD_ENV, None)
            else:
                os.environ[SKIP_BAD_ENV] = before
    elif args.command == "refresh":
        from .reports import refresh

        refresh(only=args.only)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    import warnings

    from .corpus import CorpusError
    from .pipeline import RunError

    # one readable line per warning, without Python source lines (restored on return)
    formatwarning = warnings.formatwarning
    warnings.formatwarning = lambda message, category, *_: f"warning: {message}\n"
    try:
        _run(args)
    except CorpusError as exc:
        # only where it helps: a problem of one file, not of the whole corpus
        hint = (" (--skip-bad leaves such files out)"
                if exc.skippable and not getattr(args, "skip_bad", True) else "")
        print(f"error: {exc}{hint}", file=sys.stderr)
        return 2
    except RunError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: nothing was written (the --out folder is as it was)"
              if args.command == "extract" else "interrupted", file=sys.stderr)
        return 130
    finally:
        warnings.formatwarning = formatwarning
    return 0


if __name__ == "__main__":
    sys.exit(main())
