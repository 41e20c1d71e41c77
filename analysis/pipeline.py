"""The extraction pipeline: a corpus folder in, the study's tables out (DESIGN.md contract).

:func:`process_batch` is a pure function from some article files to all tables, so the same
code runs in one process, in ``jobs`` processes, or on a Dask cluster. :func:`extract`
streams: files are read in batches, each batch's tables are appended to the CSVs as soon as
it is done, and at most ``2 × jobs`` batches are in flight, so memory is bounded by the
batch size, not by the corpus. Batches are chunks of the doc_id-sorted file list and each
table is sorted within a batch, so the output is the same, byte for byte, whatever ``jobs``
or the engine.
"""
from __future__ import annotations

import csv
import gc
import io
import json
import os
import shutil
import sys
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError
from contextlib import contextmanager, suppress
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from . import clean, corpus

#: Required columns of each table, in order (extra columns follow).
TABLES = {
    "documents": ["doc_id", "outlet", "published", "published_basis", "title", "body", "n_tokens"],
    "removed_lines": ["doc_id", "line_no", "text", "reason"],
    "actor_mentions": ["doc_id", "field", "start", "end", "surface", "actor_id"],
    "date_mentions": ["doc_id", "field", "start", "end", "surface", "value", "granularity", "kind"],
    "frame_hits": ["doc_id", "field", "start", "end", "surface", "frame"],
    "frame_sentences": ["doc_id", "field", "start", "end", "frames"],
    "statements": ["doc_id", "field", "start", "end", "speaker", "speaker_actor_id", "verb"],
}
SORT_KEYS = {"documents": ["doc_id"], "removed_lines": ["doc_id", "line_no"]}
DEFAULT_SORT = ["doc_id", "field", "start", "end"]
STAGES = ("load", "clean", "actors", "dates", "framing", "sentences", "write")
BATCH_SIZE = 500
#: Seconds the Dask engine waits for a scheduler to answer, or for workers when none is left.
DASK_TIMEOUT = 60.0


def extract_tables(raw: pd.DataFrame, timings: dict[str, float] | None = None) -> dict[str, pd.DataFrame]:
    """All tables for loaded documents (:func:`analysis.corpus.load` rows).

    An article with nothing left after cleaning (every line furniture) stays in the tables,
    with a :class:`~analysis.corpus.CorpusWarning` naming its file.
    """
    from . import actors, dates, framing

    timings = {} if timings is None else timings
    clock = time.perf_counter
    t = clock()
    documents, removed = clean.clean(raw)
    timings["clean"] = timings.get("clean", 0.0) + clock() - t
    warn_empty(documents)
    t = clock()
    mentions = actors.find_mentions(documents)
    timings["actors"] = timings.get("actors", 0.0) + clock() - t
    t = clock()
    date_mentions = dates.find_mentions(documents)
    timings["dates"] = timings.get("dates", 0.0) + clock() - t
    t = clock()
    prepared = framing.prepare(documents)  # folded words, shared by cues and statements
    frame_hits = framing.find_cues(documents, prepared=prepared)
    statements = framing.find_statements(documents, mentions=mentions, prepared=prepared)
    timings["framing"] = timings.get("framing", 0.0) + clock() - t
    t = clock()
    frame_sentences = framing.frame_sentences(documents, frame_hits, mentions, prepared=prepared)
    timings["sentences"] = timings.get("sentences", 0.0) + clock() - t
    return {"documents": documents, "removed_lines": removed, "actor_mentions": mentions,
            "date_mentions": date_mentions, "frame_hits": frame_hits,
            "frame_sentences": frame_sentences, "statements": statements}


def warn_empty(documents: pd.DataFrame) -> None:
    """One warning per article whose title and body are both empty after cleaning."""
    empty = [not (isinstance(t, str) and t.strip()) and not (isinstance(b, str) and b.strip())
             for t, b in zip(documents["title"].tolist(), documents["body"].tolist())]
    if not any(empty):
        return
    names = documents["file"] if "file" in documents else documents["doc_id"]
    for name, is_empty in zip(names.tolist(), empty):
        if is_empty:
            warnings.warn(f"{name}: nothing left after cleaning (every line is page furniture, "
                          "listed in removed_lines.csv); kept with an empty title and body",
                          corpus.CorpusWarning, stacklevel=2)


def process_batch(paths: list[Path], meta: pd.DataFrame, errors: str = "raise",
                  max_bytes: int = corpus.MAX_BYTES) -> tuple[dict, dict]:
    """``(tables, stats)`` for some article files; runs in any process or on any worker.

    ``stats`` holds seconds per stage, the bytes read (of the files not left out), the
    files left out, and the warnings raised (``(message, category)``: a worker's warnings
    are shown by the main process, in batch order, through its own warning settings).
    """
    timings: dict[str, float] = {}
    with _batch_settings(), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        t = time.perf_counter()
        raw = corpus.read_batch(paths, meta, errors=errors, max_bytes=max_bytes)
        timings["load"] = time.perf_counter() - t
        tables = extract_tables(raw, timings)
        tables = {name: tidy(name, table) for name, table in tables.items()}
    stats = {"seconds": timings, "bytes": raw.attrs["bytes"],
             "documents": len(raw), "skipped": raw.attrs.get("skipped", []),
             "warnings": [(str(w.message), w.category) for w in caught]}
    return tables, stats


def process_batch_csv(paths: list[Path], meta: pd.DataFrame, errors: str = "raise",
                      max_bytes: int = corpus.MAX_BYTES) -> tuple[dict, dict]:
    """:func:`process_batch` with each table as UTF-8 CSV: ``{name: (header, rows, n_rows)}``.

    What the engines run: the CSV is made where the batch was processed, so with several
    jobs the writing is shared out too, and the main process only appends bytes to files.
    """
    tables, stats = process_batch(paths, meta, errors, max_bytes)
    t = time.perf_counter()
    with _batch_settings():
        texts = {name: (csv_text(table.iloc[:0]).encode(), csv_text(table, header=False).encode(),
                        len(table)) for name, table in tables.items()}
    stats["seconds"]["write"] = time.perf_counter() - t
    return texts, stats


@contextmanager
def gc_paused():
    """No cyclic garbage collection while a batch is processed (the pipeline's choice around
    a batch; the layers never switch the collector off themselves).

    Processing a batch allocates millions of small objects (tuples, lists, strings, match
    objects) that form no cycles, and each allocation-triggered collection walks every
    live object again: about a tenth of the run. Reference counting still frees them;
    cycles wait for the next collection after the batch.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _batch_settings():
    """Settings that make a batch cheaper to process, restored afterwards: no cyclic
    garbage collection (:func:`gc_paused`), and Python-backed string
    columns. The layers build their tables from Python lists and :func:`csv_text` writes
    them from Python lists, so pyarrow-backed strings (pandas' default when pyarrow is
    installed) would cost a conversion each way, a tenth of the run. The dtype is ``str``
    either way and the CSV bytes are the same.
    """
    with gc_paused(), pd.option_context("mode.string_storage", "python"):
        yield


def tidy(name: str, table: pd.DataFrame) -> pd.DataFrame:
    """Required columns first, then the others; rows sorted deterministically."""
    required = TABLES[name]
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise ValueError(f"table {name} lacks required columns {missing}")
    table = table[required + [c for c in table.columns if c not in required]]
    if name == "documents" and len(table):
        table = table.assign(published=table["published"].dt.strftime("%Y-%m-%d"))
    keys = SORT_KEYS.get(name, DEFAULT_SORT)
    if is_sorted(table, keys):  # as the layers mostly leave them: a check is cheaper than a sort
        return table.reset_index(drop=True)
    return table.sort_values(keys, ignore_index=True, kind="stable")


def is_sorted(table: pd.DataFrame, keys: list[str]) -> bool:
    """Whether the rows are in ``keys`` order (the most significant first), as a stable
    sort would leave them: each row compared with the next, key by key, where the keys
    before are equal. Keys hold no missing values (table contract)."""
    undecided = None  # rows equal to the next on the keys so far
    for key in keys:
        values = table[key].to_numpy()
        before, after = values[:-1], values[1:]
        wrong = after < before
        if undecided is not None:
            wrong &= undecided
        if wrong.any():
            return False
        equal = after == before
        undecided = equal if undecided is None else undecided & equal
        if not undecided.any():
            break
    return True


def csv_text(table: pd.DataFrame, *, header: bool = True) -> str:
    """``table`` as CSV text, byte for byte as ``table.to_csv(index=False,
    lineterminator="\\n", header=header)`` writes it.

    Writing takes a sixth of an extraction. A table whose columns are all strings without
    missing values, integers or booleans -- every table of the study -- is joined with
    ``str.join`` over whole columns, a third faster than pandas' row-by-row writer: a
    string column is quoted value by value only if one of its values holds a character
    the csv module quotes (``,``, ``"``, the line end). Any other table goes to ``to_csv``.
    """
    columns = [_csv_column(table[c]) for c in table.columns]
    if any(c is None for c in columns) or not len(table.columns):
        return table.to_csv(None, header=header, index=False, lineterminator="\n")
    names = _csv_column(pd.Series([str(c) for c in table.columns], dtype="str"))
    lines = ([",".join(names)] if header else []) + list(map(",".join, zip(*columns)))
    return "\n".join(lines) + "\n" if lines else ""


def append_csv(table: pd.DataFrame, path: Path) -> None:
    """Append ``table`` to the CSV file ``path``, with the header if the file is new
    (:func:`csv_text`)."""
    _append(path, csv_text(table, header=False).encode(), csv_text(table.iloc[:0]).encode())


def _append(path: Path, data: bytes, header: bytes) -> None:
    """Append CSV ``data`` (UTF-8) to ``path``, after ``header`` if the file is new."""
    new = not path.exists()
    with open(path, "ab") as f:
        f.write(header + data if new else data)


def _csv_column(values: pd.Series) -> list[str] | None:
    """The fields of one column as pandas' csv writer writes them, or None to leave the
    column to pandas (floats, dates, missing strings, characters the csv module refuses).

    numpy integer and boolean columns cannot hold a missing value; a nullable boolean
    column writes its missing values as empty fields, as pandas does (``na_rep=""``).
    """
    dtype = values.dtype
    if isinstance(dtype, np.dtype):
        if dtype.kind == "b":
            return _BOOLEAN_FIELDS.take(values.to_numpy().view(np.uint8)).tolist()
        if dtype.kind in "iu":
            numbers = values.to_numpy()
            if len(numbers) and numbers.min() >= 0 and numbers.max() < _SMALL:
                return _small_numbers().take(numbers).tolist()
            return list(map(str, numbers.tolist()))
        return None
    if isinstance(dtype, pd.BooleanDtype):
        return ["" if v is pd.NA else "True" if v else "False" for v in values.tolist()]
    if not isinstance(dtype, pd.StringDtype):
        return None
    fields = values.tolist()
    quote, refuse = _csv_specials()
    try:
        together = "".join(fields)  # one scan of the column instead of one per value
    except TypeError:  # a missing value (NaN or NA) is not a string
        return None
    if any(c in together for c in refuse):
        return None
    hits = [i for c in quote for i in _find_all(together, c)]
    if hits:  # the values holding those characters, found from their places in the scan
        ends = np.cumsum([len(v) for v in fields])
        for i in np.unique(np.searchsorted(ends, hits, side="right")).tolist():
            fields[i] = '"' + fields[i].replace('"', '""') + '"'
    return fields


_BOOLEAN_FIELDS = np.array(["False", "True"], dtype=object)
_SMALL = 1 << 17  # more than the offsets in an article, the counts of a batch


@lru_cache(maxsize=1)
def _small_numbers() -> np.ndarray:
    """``str(i)`` for ``0 <= i < _SMALL``, as an object array: taking a column's fields from
    it is ten times faster than calling ``str`` on each value (7 MB, made once)."""
    return np.array([str(i) for i in range(_SMALL)], dtype=object)


def _find_all(text: str, char: str) -> Iterator[int]:
    """Every position of ``char`` in ``text`` (``str.find`` scans in C, far faster than a
    regex over the whole column)."""
    i = text.find(char)
    while i >= 0:
        yield i
        i = text.find(char, i + 1)


@lru_cache(maxsize=1)
def _csv_specials() -> tuple[str, str]:
    """Characters that make pandas' writer (the csv module, with ``\\n`` line ends) quote
    a field, and characters it writes in any other way or refuses, asked of the csv
    module itself: ``\\r`` is quoted on some Python versions and not on others.
    Only ASCII characters are special to it."""
    quote, refuse = [], []
    for code in range(128):
        c = chr(code)
        buf = io.StringIO()
        try:
            csv.writer(buf, lineterminator="\n").writerow([f"a{c}b", 1])
        except csv.Error:
            refuse.append(c)
            continue
        written = buf.getvalue()
        if written == f'"a{c}{c}b",1\n' if c == '"' else written == f'"a{c}b",1\n':
            quote.append(c)
        elif written != f"a{c}b,1\n":
            refuse.append(c)
    return "".join(quote), "".join(refuse)


def _ahead(work: list) -> Iterator:
    """The items of ``work``, each with the next batch's files already being read from disk
    (:func:`analysis.corpus.prefetch`): the local engines' files are on this machine."""
    for i, item in enumerate(work):
        if i + 1 < len(work):
            corpus.prefetch(work[i + 1][0])
        yield item


def _ordered(submit: Callable, items: Iterable, window: int) -> Iterator:
    """Results of ``submit(item).result()`` in input order, at most ``window`` in flight."""
    pending: deque = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


class RunError(RuntimeError):
    """The run cannot go on for a reason outside the corpus: the output folder, the Dask
    scheduler or its workers. The message is one line that says what and where."""


def extract(corpus_dir: str | Path, out_dir: str | Path, *, jobs: int = 1,
            batch_size: int = BATCH_SIZE, engine: str = "local", scheduler: str | None = None,
            errors: str = "raise", max_bytes: int = corpus.MAX_BYTES,
            timeout: float = DASK_TIMEOUT, progress: bool | None = None, log=print) -> dict:
    """Write the study's tables for ``corpus_dir`` to ``out_dir`` as CSV, with a manifest.

    ``jobs`` processes (``engine="local"``) or Dask workers (``engine="dask"``, on the
    cluster at ``scheduler`` or a local one of ``jobs`` workers) run :func:`process_batch_csv`.
    The tables are written to a temporary folder beside ``out_dir`` and moved into it
    only when the run succeeds (:func:`staged`), ``manifest.json`` last: a run that fails
    or is interrupted leaves ``out_dir`` as it was. ``timeout`` bounds the waits of the
    Dask engine (:func:`_dask_engine`).

    Returns a summary: paths written, rows per table, seconds per stage (summed over
    workers), wall seconds, bytes and documents, and the manifest.
    """
    if engine not in ("local", "dask"):
        raise ValueError("engine must be 'local' or 'dask'")
    out_dir = Path(out_dir)
    check_out(out_dir)
    options = {"engine": engine, "jobs": jobs, "batch_size": batch_size, "scheduler": scheduler,
               "errors": errors, "max_bytes": max_bytes}
    started, start = _utc_now(), time.perf_counter()
    # several local processes: started now, so that they load their lexicons and tables
    # (warm_up) while this process lists the corpus and reads its metadata
    pool = _local_pool(jobs) if engine == "local" and jobs > 1 else None
    try:
        paths, meta, skipped = corpus.plan(corpus_dir, errors=errors)
    except BaseException:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        raise
    work = _work(paths, meta, batch_size)
    progress = show_progress() if progress is None else progress
    with staged(out_dir) as folder:
        results, close = _engine(engine, jobs, scheduler, work, (errors, max_bytes), pool, timeout)
        try:
            totals = _write_tables(folder, results, skipped, _bar(len(paths), progress))
        finally:
            close()
        totals["skipped"] = sorted(skipped, key=lambda s: s["file"])
        manifest = _manifest(Path(corpus_dir), paths, folder, totals, options, started)
    if skipped:
        log(f"{SKIPPED_FILE}: {len(skipped)} files left out (see the problem column)")
    for name, n in totals["rows"].items():
        log(f"{name}.csv: {n} rows")
    return {"files": {name: out_dir / f"{name}.csv" for name in TABLES}, "rows": totals["rows"],
            "seconds": totals["seconds"], "bytes": totals["bytes"],
            "documents": totals["documents"], "wall_seconds": time.perf_counter() - start,
            "manifest": manifest}


def check_out(out_dir: Path) -> None:
    """:class:`RunError` unless ``out_dir`` is a folder or can become one."""
    for folder in (out_dir, *out_dir.parents):
        if folder.exists() or folder.is_symlink():
            if not folder.is_dir():
                what = "is a file" if folder == out_dir else f"is inside {folder}, a file"
                raise RunError(f"--out {out_dir}: {what}, not a folder; name a folder for "
                               "the tables")
            return


def _work(paths: list[Path], meta: pd.DataFrame, batch_size: int) -> list[tuple]:
    """``(paths, metadata rows)`` of each batch, in doc_id order."""
    chunks = list(corpus.batches(paths, batch_size))
    # each batch's metadata rows, in one pass over the metadata (not one per batch)
    batch_of = {p.stem: i for i, chunk in enumerate(chunks) for p in chunk}
    groups = dict(list(meta.groupby(meta["doc_id"].map(batch_of), sort=False)))
    return [(chunk, groups.get(i, meta.iloc[:0])) for i, chunk in enumerate(chunks)]


def _write_tables(folder: Path, results: Iterable, skipped: list[dict], bar) -> dict:
    """Append each batch's CSV to the tables in ``folder`` as it comes; show the batch's
    warnings. Writes empty tables (headers only) and ``skipped_files.csv`` at the end."""
    files = {name: folder / f"{name}.csv" for name in TABLES}
    totals = {"rows": dict.fromkeys(TABLES, 0), "seconds": dict.fromkeys(STAGES, 0.0),
              "bytes": 0, "documents": 0}
    try:
        for texts, stats in results:
            t = time.perf_counter()
            for name, (header, text, n_rows) in texts.items():
                _append(files[name], text, header)
                totals["rows"][name] += n_rows
            totals["seconds"]["write"] += time.perf_counter() - t
            for stage, s in stats["seconds"].items():
                totals["seconds"][stage] += s
            totals["bytes"] += stats["bytes"]
            totals["documents"] += stats["documents"]
            skipped.extend(stats["skipped"])
            for message, category in stats.get("warnings", []):
                warnings.warn(message, category, stacklevel=4)
            if bar is not None:
                bar.update(stats["documents"] + len(stats["skipped"]))
    finally:
        if bar is not None:
            bar.close()
    for name, f in files.items():
        if not f.exists():  # an empty corpus still gets its tables, with headers
            pd.DataFrame(columns=TABLES[name]).to_csv(f, index=False, lineterminator="\n")
    if skipped:
        pd.DataFrame(sorted(skipped, key=lambda s: s["file"])).to_csv(
            folder / SKIPPED_FILE, index=False, encoding="utf-8", lineterminator="\n")
    return totals


# --- publishing the tables: all of them or none ---------------------------------------

MANIFEST_FILE = "manifest.json"
SKIPPED_FILE = "skipped_files.csv"


@contextmanager
def staged(out_dir: Path) -> Iterator[Path]:
    """A new temporary folder beside ``out_dir`` (``.NAME.partial-…``, same file system)
    for a run's outputs, published into ``out_dir`` when the block ends without an
    exception (:func:`publish`). On any exception, Ctrl-C included, the temporary folder
    and any parent folders made for it are removed and ``out_dir`` is left as it was."""
    made = [p for p in (out_dir.parent, *out_dir.parent.parents) if not p.exists()]
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        folder = out_dir.parent / f".{out_dir.name}.partial-{os.getpid()}-{os.urandom(4).hex()}"
        folder.mkdir()
    except OSError as exc:
        _remove_empty(made)
        raise RunError(f"--out {out_dir}: cannot make a folder beside it "
                       f"({corpus.unreadable(out_dir, exc)})") from None
    try:
        yield folder
        publish(folder, out_dir)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        _remove_empty(made)
        raise


def publish(folder: Path, out_dir: Path) -> None:
    """Move the finished outputs in ``folder`` into ``out_dir``.

    A new ``out_dir`` is the folder renamed, in one step. Into an existing one the old
    manifest is removed first, each file replaced (``os.replace``: a reader sees the old
    file or the new one), a ``skipped_files.csv`` of an earlier run removed, and the new
    manifest comes last: a folder with a manifest holds the outputs it describes. Other
    files in ``out_dir`` are left alone.
    """
    try:
        os.rename(folder, out_dir)
        return
    except OSError:
        if not out_dir.is_dir():
            raise
    (out_dir / MANIFEST_FILE).unlink(missing_ok=True)
    if not (folder / SKIPPED_FILE).exists():
        (out_dir / SKIPPED_FILE).unlink(missing_ok=True)
    for f in sorted(folder.iterdir(), key=lambda f: f.name == MANIFEST_FILE):
        os.replace(f, out_dir / f.name)
    folder.rmdir()


def _remove_empty(folders: list[Path]) -> None:
    for folder in folders:  # the deepest first
        try:
            folder.rmdir()
        except OSError:
            break


def _manifest(corpus_dir: Path, paths: list[Path], folder: Path, totals: dict, options: dict,
              started: str) -> dict:
    """``manifest.json`` in ``folder``: what went in, what came out, how, and when.
    Written last, so that its presence marks a complete output."""
    from . import __version__

    meta = corpus_dir / corpus.METADATA_FILE
    manifest = {
        "tool": "analysis extract", "version": __version__,
        "python": sys.version.split()[0], "pandas": pd.__version__,
        "inputs": {"corpus": str(corpus_dir.resolve()), "article_files": len(paths),
                   "metadata": corpus.METADATA_FILE if meta.is_file() else None,
                   "metadata_sha256": _sha256(meta) if meta.is_file() else None},
        "documents": totals["documents"], "bytes_read": totals["bytes"],
        "tables": {f"{name}.csv": {"rows": n, "bytes": (folder / f"{name}.csv").stat().st_size}
                   for name, n in totals["rows"].items()},
        "skipped_files": [s["file"] for s in totals["skipped"]],
        "options": options, "started": started, "finished": _utc_now(), "complete": True,
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    (folder / MANIFEST_FILE).write_text(text, encoding="utf-8")
    return manifest


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def _utc_now() -> str:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def warm_up() -> None:
    """Load every layer's lexicons and build its tables, as the first batch would: run in
    each worker process as it starts (:func:`_local_pool`)."""
    text = ("وقال المتحدث باسم وزارة الدفاع الروسية إيغور كوناشينكوف يوم الجمعة 9 أيلول 2016 "
            "إن التنسيق مع الولايات المتحدة في سوريا مستمر.")
    raw = pd.DataFrame({"doc_id": ["warm-up"], "outlet": [""], "published": [pd.NaT],
                        "published_basis": [""], "file": ["warm-up.txt"], "encoding": ["utf-8"],
                        "sha256": [""], "n_chars": [len(text)], "raw": ["عنوان\n\n" + text]})
    with _batch_settings():
        extract_tables(raw)


def _start_worker() -> None:
    """A local worker process ignores Ctrl-C (the main process stops the run and shuts
    the pool down, without a traceback from every worker) and dies of SIGTERM, whatever
    handler it inherited, then warms up."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    warm_up()


def _local_pool(jobs: int):
    """``jobs`` worker processes, started at once, each running :func:`_start_worker` first."""
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker)
    for _ in range(jobs):  # a trivial task each, to start them now rather than at the first batch
        pool.submit(int)
    return pool


def _engine(engine: str, jobs: int, scheduler: str | None, work: list, args: tuple, pool=None,
            timeout: float = DASK_TIMEOUT):
    """An ordered iterator of batch results, and a function that shuts the engine down.
    ``args`` are :func:`process_batch_csv`'s after the batch (errors, max_bytes); ``pool``
    is the :func:`_local_pool` of a local engine of several jobs, if started."""
    if engine == "local" and jobs <= 1:
        return (process_batch_csv(chunk, meta, *args) for chunk, meta in _ahead(work)), lambda: None
    if engine == "local":
        pool = pool or _local_pool(jobs)
        submit = lambda item: pool.submit(process_batch_csv, item[0], item[1], *args)  # noqa: E731
        return _ordered(submit, _ahead(work), 2 * jobs), lambda: pool.shutdown(cancel_futures=True)
    return _dask_engine(jobs, scheduler, work, args, timeout)


def _dask_engine(jobs: int, scheduler: str | None, work: list, args: tuple, timeout: float):
    """:func:`_engine` on Dask, with every wait bounded by ``timeout`` seconds: to connect
    to ``scheduler``, and to get a batch's result while the cluster has no worker (a lost
    worker that does not come back). While workers are there, a batch may take as long
    as it needs; a batch whose workers keep dying (Dask's ``allowed-failures``) ends the
    run. Each failure is a :class:`RunError` that says what happened."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise RunError("--engine dask needs Dask: pip install -e '.[scale]'") from None
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout=timeout)
        else:
            cluster = LocalCluster(n_workers=max(jobs, 1), threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        where = f"--scheduler {scheduler}" if scheduler else "the local Dask cluster"
        raise RunError(f"{where}: no Dask scheduler answered within {timeout:g} s "
                       f"(--timeout); {_one_line(exc)}") from None

    def submit(item):
        future = client.submit(process_batch_csv, item[0], item[1], *args, pure=False)
        return _DaskResult(client, future, item[0], timeout)

    def close():  # never masks the run's own error: a lost scheduler cannot be closed cleanly
        with suppress(OSError, TimeoutError):
            client.close(timeout=timeout)
        if cluster is not None:
            with suppress(OSError, TimeoutError):
                cluster.close(timeout=timeout)
    return _ordered(submit, work, 2 * max(jobs, 1)), close


class _DaskResult:
    """A Dask future whose :meth:`result` waits only while the cluster has a worker to run
    it, or ``timeout`` seconds without one (so a lost worker that comes back in time
    costs nothing), and turns Dask's failures into :class:`RunError` lines."""

    POLL = 0.5  # seconds between looks at the cluster while waiting

    def __init__(self, client, future, paths: list[Path], timeout: float):
        self.client, self.future, self.paths, self.timeout = client, future, paths, timeout

    def result(self):
        from distributed import KilledWorker

        batch = f"the batch {self.paths[0].name} … {self.paths[-1].name}"
        alone_since = None
        while True:
            try:
                return self.future.result(timeout=self.POLL)
            except TimeoutError:
                pass
            except KilledWorker:
                raise RunError(f"Dask: {batch} was running on a worker that died each time it "
                               "was tried (distributed.scheduler.allowed-failures); look for a "
                               "file that crashes it, or for too little memory per worker") from None
            except CancelledError:
                raise RunError(f"Dask: {batch} was cancelled: the connection to the "
                               "scheduler was lost") from None
            if self._workers():
                alone_since = None
            elif alone_since is None:
                alone_since = time.monotonic()
            elif time.monotonic() - alone_since > self.timeout:
                raise RunError(f"Dask: no worker for {self.timeout:g} s (--timeout) while "
                               f"{batch} waited to run: the workers were lost and did not come "
                               "back; no tables were written")

    def _workers(self) -> int:
        try:
            info = self.client.sync(self.client.scheduler.identity, n_workers=-1,
                                    callback_timeout=self.timeout)
        except (OSError, TimeoutError):
            if self.client.status not in ("running", "connecting"):
                raise RunError("Dask: the connection to the scheduler was lost") from None
            return 0
        return len(info.get("workers", {}))


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def show_progress(stream=None, environ=None) -> bool:
    """Whether to draw a progress bar: only for a person at a terminal, never in CI."""
    stream = sys.stderr if stream is None else stream
    environ = os.environ if environ is None else environ
    return bool(getattr(stream, "isatty", lambda: False)()) and not environ.get("CI")


def _bar(total: int, enabled: bool):
    if not enabled:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="extract", unit="doc")
