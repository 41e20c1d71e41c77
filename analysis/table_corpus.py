"""Article tables: a corpus as one CSV, TSV, JSON Lines or Parquet file, one row per article.

Exports of news archives and scrapers come as tables. Each row becomes an article record of
the same shape as a ``.txt`` file's (:data:`analysis.corpus.COLUMNS`), so the cleaner and the
extractors run on it unchanged. Rows are read in batches, never the whole file at once, so a
table of 100,000 articles runs in bounded memory.

Columns are found by name (case-insensitive), or named with the options:

=========== ========================================================= ==============
role        default names, first found wins                            option
=========== ========================================================= ==============
text        text, body, content, article, article_text, full_text      ``text_column``
title       title, headline                                            ``title_column``
published   published, date, published_at, publication_date, pubdate   ``date_column``
outlet      outlet, source, site, site_name, publisher                 ``outlet_column``
doc_id      doc_id, id, article_id                                     ``id_column``
=========== ========================================================= ==============

Only the text is required. Without an id column the doc_id is ``<file stem>-<row>`` (row
numbers from 1). A title is put before the text as its first line, as a captured page has it.
A date is an ISO day or an ISO date-time (the day is kept); its basis is ``table``.

Problems raise :class:`analysis.corpus.CorpusError` naming the file, the row and the problem:
a missing text column (the message lists the columns found), an empty text, a malformed date,
a duplicate doc_id, a bad JSON line. With ``errors="skip"`` a bad *row* is left out and listed
in ``attrs["skipped"]``; a problem of the whole file (no text column, unreadable file) always
raises.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from .corpus import COLUMNS, CorpusError, CorpusWarning

__all__ = ["TABLE_SUFFIXES", "ROLES", "find_columns", "read_rows", "iter_batches", "load_table"]

TABLE_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl",
                  ".parquet": "parquet"}
#: Each role's default column names, first found wins.
ROLES = {
    "text": ("text", "body", "content", "article", "article_text", "full_text"),
    "title": ("title", "headline"),
    "published": ("published", "date", "published_at", "publication_date", "pubdate"),
    "outlet": ("outlet", "source", "site", "site_name", "publisher"),
    "doc_id": ("doc_id", "id", "article_id"),
}
_ISO = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")


def find_columns(header: list[str], *, where: str, **chosen: str | None) -> dict[str, str]:
    """Role → column name, from the names given (``text=...``) or the defaults of :data:`ROLES`.

    Raises:
        CorpusError: a named column is not in the header, or no text column is found.
    """
    lower = {h.lower().strip(): h for h in header}
    found: dict[str, str] = {}
    for role, names in ROLES.items():
        name = chosen.get(role)
        if name:
            if name not in header:
                raise CorpusError(f"{where}: no column {name!r} (columns: {', '.join(header)})")
            found[role] = name
            continue
        match = next((lower[n] for n in names if n in lower), None)
        if match:
            found[role] = match
    if "text" not in found:
        raise CorpusError(f"{where}: no text column; name it with --text-column "
                          f"(columns: {', '.join(header)})")
    return found


def read_rows(path: Path, *, batch_size: int) -> Iterator[pd.DataFrame]:
    """The table's rows in batches of string columns, whatever the format."""
    kind = TABLE_SUFFIXES.get(path.suffix.lower())
    try:
        if kind in ("csv", "tsv"):
            yield from pd.read_csv(path, sep="," if kind == "csv" else "\t", dtype=str,
                                   keep_default_na=False, encoding="utf-8-sig", chunksize=batch_size,
                                   skip_blank_lines=False)  # a blank line is a row, reported
        elif kind == "jsonl":
            yield from _json_lines(path, batch_size)
        elif kind == "parquet":
            import pyarrow.parquet as pq

            for batch in pq.ParquetFile(path).iter_batches(batch_size=batch_size):
                yield batch.to_pandas().astype("object").where(lambda d: d.notna(), "").astype(str)
        else:
            raise CorpusError(f"{path.name}: not a table file ({', '.join(TABLE_SUFFIXES)})")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path.name}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except (pd.errors.ParserError, OSError) as exc:
        raise CorpusError(f"{path.name}: cannot be read as {kind} ({exc})") from None


def _json_lines(path: Path, batch_size: int) -> Iterator[pd.DataFrame]:
    rows = []
    with open(path, encoding="utf-8-sig") as handle:
        for n, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path.name} line {n}: not JSON ({exc.msg})") from None
            if not isinstance(row, dict):
                raise CorpusError(f"{path.name} line {n}: not a JSON object")
            rows.append({k: "" if v is None else str(v) for k, v in row.items()})
            if len(rows) == batch_size:
                yield pd.DataFrame(rows)
                rows = []
    if rows:
        yield pd.DataFrame(rows)


def _day(value: str, where: str) -> str:
    match = _ISO.match(value)
    try:
        if not match:
            raise ValueError
        return dt.date.fromisoformat(match.group(1)).isoformat()
    except ValueError:
        raise CorpusError(f"{where}: published {value!r} is not an ISO date") from None


def _record(row: dict, cols: dict[str, str], row_no: int, path: Path) -> dict:
    where = f"{path.name} row {row_no}"
    body = row[cols["text"]].strip()
    if not body:
        raise CorpusError(f"{where}: empty text")
    title = row[cols["title"]].strip() if "title" in cols else ""
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    doc_id = row[cols["doc_id"]].strip() if "doc_id" in cols else f"{path.stem}-{row_no}"
    if not doc_id:
        raise CorpusError(f"{where}: empty doc_id")
    published = _day(row[cols["published"]], where) if row.get(cols.get("published", ""), "") else ""
    data = text.encode("utf-8")
    return {"doc_id": doc_id, "outlet": row[cols["outlet"]].strip() if "outlet" in cols else "",
            "published": published, "published_basis": "table" if published else "",
            "file": f"{path.name}#{row_no}", "encoding": "utf-8",
            "sha256": hashlib.sha256(data).hexdigest(), "n_chars": len(text), "raw": text,
            "n_bytes": len(data)}


def iter_batches(path: str | Path, *, batch_size: int = 500, errors: str = "raise",
                 text_column: str | None = None, title_column: str | None = None,
                 date_column: str | None = None, outlet_column: str | None = None,
                 id_column: str | None = None) -> Iterator[pd.DataFrame]:
    """The table's articles as documents tables of at most ``batch_size`` rows.

    Args:
        path: a ``.csv``, ``.tsv``, ``.jsonl``/``.ndjson`` or ``.parquet`` file.
        batch_size: rows per batch.
        errors: ``"raise"`` stops at the first bad row; ``"skip"`` leaves it out, warns, and
            lists it in the batch's ``attrs["skipped"]``.
        text_column, title_column, date_column, outlet_column, id_column: column names
            (defaults: :data:`ROLES`).

    Returns:
        An iterator of documents tables with :data:`analysis.corpus.COLUMNS` (``published``
        as a timestamp), ``attrs["bytes"]`` the UTF-8 size of the batch's texts.
    """
    path = Path(path)
    chosen = {"text": text_column, "title": title_column, "published": date_column,
              "outlet": outlet_column, "doc_id": id_column}
    seen: set[str] = set()
    row_no = 0
    cols = None
    for chunk in read_rows(path, batch_size=batch_size):
        cols = cols or find_columns(list(chunk.columns), where=path.name, **chosen)
        records, skipped = [], []
        for row in chunk.to_dict("records"):
            row_no += 1
            try:
                record = _record(row, cols, row_no, path)
                if record["doc_id"] in seen:
                    raise CorpusError(f"{path.name} row {row_no}: duplicate doc_id {record['doc_id']!r}")
            except CorpusError as exc:
                if errors == "raise":
                    raise
                warnings.warn(f"skipped: {exc}", CorpusWarning, stacklevel=2)
                skipped.append({"file": f"{path.name}#{row_no}", "problem": str(exc)})
                continue
            seen.add(record["doc_id"])
            records.append(record)
        yield _documents(records, skipped)


def _documents(records: list[dict], skipped: list[dict]) -> pd.DataFrame:
    docs = pd.DataFrame(records, columns=[*COLUMNS, "n_bytes"])
    docs["published"] = pd.to_datetime(docs["published"].replace("", None)).astype("datetime64[us]")
    docs.attrs["bytes"] = int(docs.pop("n_bytes").sum())
    docs.attrs["skipped"] = skipped
    return docs.sort_values("doc_id", ignore_index=True)


def load_table(path: str | Path, **options) -> pd.DataFrame:
    """The whole table as one documents table (for notebooks on small corpora).

    Takes the options of :func:`iter_batches`.
    """
    parts = list(iter_batches(path, **options))
    docs = pd.concat(parts, ignore_index=True).sort_values("doc_id", ignore_index=True)
    docs.attrs["skipped"] = [s for p in parts for s in p.attrs["skipped"]]
    docs.attrs["bytes"] = sum(p.attrs["bytes"] for p in parts)
    return docs
