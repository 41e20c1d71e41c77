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

import gc
import os
import sys
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError
from contextlib import contextmanager, suppress
from pathlib import Path

import pandas as pd

from . import clean, corpus, output, table_corpus
from .output import SKIPPED_FILE, RunError, append_bytes, append_csv, check_out, csv_text, manifest, staged, utc_now  # noqa: F401

#: Required columns of each table, in order (extra columns follow).
TABLES = {
    "documents": ["doc_id", "outlet", "published", "published_basis", "title", "body", "n_tokens"],
    "removed_lines": ["doc_id", "line_no", "text", "reason"],
    "actor_mentions": ["doc_id", "field", "start", "end", "surface", "actor_id"],
    "date_mentions": ["doc_id", "field", "start", "end", "surface", "value", "granularity", "kind"],
    "frame_hits": ["doc_id", "field", "start", "end", "surface", "frame"],
    "frame_sentences": ["doc_id", "field", "start", "end", "frames"],
    "statements": ["doc_id", "field", "start", "end", "speaker", "speaker_actor_id", "speaker_side", "verb",
                   "speaker_start", "speaker_end", "basis", "channel"],  # framing.STATEMENT_COLUMNS
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


def process_batch(paths: list[Path] | pd.DataFrame, meta: pd.DataFrame | None, errors: str = "raise",
                  max_bytes: int = corpus.MAX_BYTES) -> tuple[dict, dict]:
    """``(tables, stats)`` for some article files; runs in any process or on any worker.

    ``paths`` are article files with their ``meta`` rows, or, for a corpus that is one
    table file, a documents table already read (:func:`analysis.table_corpus.iter_batches`).

    ``stats`` holds seconds per stage, the bytes read (of the files not left out), the
    files left out, and the warnings raised (``(message, category)``: a worker's warnings
    are shown by the main process, in batch order, through its own warning settings).
    """
    timings: dict[str, float] = {}
    with _batch_settings(), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        t = time.perf_counter()
        raw = (paths if isinstance(paths, pd.DataFrame)
               else corpus.read_batch(paths, meta, errors=errors, max_bytes=max_bytes))
        timings["load"] = time.perf_counter() - t
        tables = extract_tables(raw, timings)
        tables = {name: tidy(name, table) for name, table in tables.items()}
    stats = {"seconds": timings, "bytes": raw.attrs["bytes"],
             "documents": len(raw), "skipped": [] if isinstance(paths, pd.DataFrame) else raw.attrs["skipped"],
             "warnings": [(str(w.message), w.category) for w in caught]}
    return tables, stats


def process_batch_csv(paths: list[Path] | pd.DataFrame, meta: pd.DataFrame | None, errors: str = "raise",
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


def _ahead(work: list) -> Iterator:
    """The items of ``work``, each with the next batch's files already being read from disk
    (:func:`analysis.corpus.prefetch`): the local engines' files are on this machine."""
    if not isinstance(work, list):  # batches of a table file, read as they are needed
        yield from work
        return
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


def extract(corpus_dir: str | Path, out_dir: str | Path, *, jobs: int = 1,
            batch_size: int = BATCH_SIZE, engine: str = "local", scheduler: str | None = None,
            errors: str = "raise", max_bytes: int = corpus.MAX_BYTES,
            timeout: float = DASK_TIMEOUT, progress: bool | None = None, log=print,
            columns: dict[str, str | None] | None = None, table_format: str = "csv") -> dict:
    """Write the study's tables for ``corpus_dir`` to ``out_dir`` as CSV, with a manifest.

    ``jobs`` processes (``engine="local"``) or Dask workers (``engine="dask"``, on the
    cluster at ``scheduler`` or a local one of ``jobs`` workers) run :func:`process_batch_csv`.
    The tables are written to a temporary folder beside ``out_dir`` and moved into it
    only when the run succeeds (:func:`staged`), ``manifest.json`` last: a run that fails
    or is interrupted leaves ``out_dir`` as it was. ``timeout`` bounds the waits of the
    Dask engine (:func:`_dask_engine`).

    ``corpus_dir`` may also be one table file of articles (CSV, TSV, JSON Lines, Parquet;
    :mod:`analysis.table_corpus`), read in batches as they are needed; ``columns`` names
    its columns (:func:`analysis.table_corpus.iter_batches`' ``text_column`` … ``id_column``).
    ``table_format="parquet"`` writes the tables as Parquet files instead of CSV.

    Returns a summary: paths written, rows per table, seconds per stage (summed over
    workers), wall seconds, bytes and documents, and the manifest.
    """
    if engine not in ("local", "dask"):
        raise ValueError("engine must be 'local' or 'dask'")
    if table_format not in output.FORMATS:
        raise ValueError(f"table_format must be one of {', '.join(output.FORMATS)}")
    out_dir = Path(out_dir)
    check_out(out_dir)
    options = {"engine": engine, "jobs": jobs, "batch_size": batch_size, "scheduler": scheduler,
               "errors": errors, "max_bytes": max_bytes}
    started, start = utc_now(), time.perf_counter()
    # several local processes: started now, so that they load their lexicons and tables
    # (warm_up) while this process lists the corpus and reads its metadata
    pool = _local_pool(jobs) if engine == "local" and jobs > 1 else None
    try:
        paths, work, skipped = plan_work(corpus_dir, errors=errors, batch_size=batch_size, columns=columns)
    except BaseException:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        raise
    progress = show_progress() if progress is None else progress
    with staged(out_dir) as folder:
        results, close = _engine(engine, jobs, scheduler, work, (errors, max_bytes), pool, timeout)
        try:
            totals = _write_tables(folder, results, skipped, _bar(len(paths) or None, progress))
        finally:
            close()
        totals["skipped"] = sorted(skipped, key=lambda s: s["file"])
        output.convert_tables(folder, TABLES, table_format)
        manifest_ = manifest(Path(corpus_dir), paths, folder, totals, options, started, table_format)
    if skipped:
        log(f"{SKIPPED_FILE}: {len(skipped)} files left out (see the problem column)")
    for name, n in totals["rows"].items():
        log(f"{name}.csv: {n} rows")
    return {"files": {name: out_dir / f"{name}.{table_format}" for name in TABLES}, "rows": totals["rows"],
            "seconds": totals["seconds"], "bytes": totals["bytes"],
            "documents": totals["documents"], "wall_seconds": time.perf_counter() - start,
            "manifest": manifest_}


def plan_work(corpus_dir: str | Path, *, errors: str, batch_size: int,
              columns: dict[str, str | None] | None = None) -> tuple[list[Path], Iterable, list[dict]]:
    """``(article paths, batches, problems found)`` for a corpus folder or a table file.

    A folder is planned at once (:func:`analysis.corpus.plan`): its batches are lists of
    files with their metadata rows. A table file's batches are documents tables read as
    they are needed, so a table of any size runs in bounded memory; its bad rows join the
    problems as they are read. ``paths`` is empty for a table.
    """
    source = Path(corpus_dir)
    if source.is_file() and source.suffix.lower() in table_corpus.TABLE_SUFFIXES:
        skipped: list[dict] = []

        def batches() -> Iterator[tuple[pd.DataFrame, None]]:
            for rows in table_corpus.iter_batches(source, batch_size=batch_size, errors=errors,
                                                  **(columns or {})):
                skipped.extend(rows.attrs["skipped"])
                yield rows, None
        return [], batches(), skipped
    paths, meta, skipped = corpus.plan(source, errors=errors)
    return paths, _work(paths, meta, batch_size), skipped


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
                append_bytes(files[name], text, header)
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

        batch = f"the batch {_first_and_last(self.paths)}"
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


def _first_and_last(source: list[Path] | pd.DataFrame) -> str:
    """A batch named by its first and last article (file names, or a table's doc_ids)."""
    names = source["doc_id"].tolist() if isinstance(source, pd.DataFrame) else [p.name for p in source]
    return f"{names[0]} … {names[-1]}" if names else "(empty)"


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
