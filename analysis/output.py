"""Where the tables go: CSV text, appended batch by batch; Parquet when asked; a run's
outputs staged beside ``--out`` and published only when the run succeeds, with a manifest.

:func:`csv_text` writes pandas' own CSV bytes faster than ``to_csv`` (tested against it);
:func:`staged` and :func:`publish` make a run all-or-nothing: a failed or interrupted run
leaves ``--out`` as it was.
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from . import corpus


class RunError(RuntimeError):
    """The run cannot go on for a reason outside the corpus: the output folder, the Dask
    scheduler or its workers. The message is one line that says what and where."""


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
    append_bytes(path, csv_text(table, header=False).encode(), csv_text(table.iloc[:0]).encode())


def append_bytes(path: Path, data: bytes, header: bytes) -> None:
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


# --- Parquet, for users of pandas, DuckDB or Dask ------------------------------------

FORMATS = ("csv", "parquet")
#: Columns of the tables that hold whole numbers or booleans (every other one is text).
INTEGER_COLUMNS = frozenset({"start", "end", "line_no", "n_tokens", "speaker_start", "speaker_end",
                             "n_chars", "n"})
BOOLEAN_COLUMNS = frozenset({"negated"})


def convert_tables(folder: Path, tables: dict, table_format: str) -> None:
    """Each ``<table>.csv`` in ``folder`` rewritten as ``<table>.parquet`` when asked."""
    if table_format == "parquet":
        for name in tables:
            csv_to_parquet(folder / f"{name}.csv", folder / f"{name}.parquet")
            (folder / f"{name}.csv").unlink()


def csv_to_parquet(source: Path, target: Path) -> None:
    """A table's CSV as Parquet, streamed block by block (bounded memory): whole-number and
    boolean columns typed (empty cells are nulls), every other column text."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    with open(source, encoding="utf-8", newline="") as f:
        names = next(csv.reader(f), [])
    types = {n: pa.int64() if n in INTEGER_COLUMNS else pa.bool_() if n in BOOLEAN_COLUMNS else pa.string()
             for n in names}
    reader = pacsv.open_csv(
        source, read_options=pacsv.ReadOptions(block_size=1 << 24),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(column_types=types, strings_can_be_null=False,
                                             true_values=["True"], false_values=["False"]))
    with pq.ParquetWriter(target, reader.schema) as writer:
        for batch in reader:
            writer.write_batch(batch)


# --- publishing the tables: all of them or none ---------------------------------------

def check_out(out_dir: Path) -> None:
    """:class:`RunError` unless ``out_dir`` is a folder or can become one."""
    for folder in (out_dir, *out_dir.parents):
        if folder.exists() or folder.is_symlink():
            if not folder.is_dir():
                what = "is a file" if folder == out_dir else f"is inside {folder}, a file"
                raise RunError(f"--out {out_dir}: {what}, not a folder; name a folder for "
                               "the tables")
            return


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


def manifest(corpus_dir: Path, paths: list[Path], folder: Path, totals: dict, options: dict,
             started: str, table_format: str = "csv") -> dict:
    """``manifest.json`` in ``folder``: what went in, what came out, how, and when.
    Written last, so that its presence marks a complete output."""
    from . import __version__

    meta = corpus_dir / corpus.METADATA_FILE
    manifest = {
        "tool": "analysis extract", "version": __version__,
        "python": sys.version.split()[0], "pandas": pd.__version__,
        "inputs": {"corpus": str(corpus_dir.resolve()),
                   "kind": "table" if corpus_dir.is_file() else "folder", "article_files": len(paths),
                   "metadata": corpus.METADATA_FILE if meta.is_file() else None,
                   "metadata_sha256": _sha256(meta) if meta.is_file() else None},
        "documents": totals["documents"], "bytes_read": totals["bytes"],
        "tables": {f"{name}.{table_format}": {"rows": n,
                                              "bytes": (folder / f"{name}.{table_format}").stat().st_size}
                   for name, n in totals["rows"].items()},
        "skipped_files": [s["file"] for s in totals["skipped"]],
        "options": options, "started": started, "finished": utc_now(), "complete": True,
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    (folder / MANIFEST_FILE).write_text(text, encoding="utf-8")
    return manifest


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def utc_now() -> str:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
