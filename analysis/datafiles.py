"""One reader for every word list, lexicon and rule file in ``analysis/data/``.

Every data file of the package is a UTF-8 table with tab-separated columns:

* a header line naming the columns (the first line that is not blank or a comment);
* ``#`` starts a comment line, anywhere in the file (before the header too);
* blank lines are skipped; a leading byte-order mark is ignored; cells are stripped.

A problem raises :class:`DataFileError` (or a layer's subclass of it) with a message that
names the file, the line and the problem, e.g. ``frames.tsv:14: empty 'cue'``.

Loaders that parse a file into rules are wrapped in :func:`reloading`, so a researcher who
edits a data file in a running notebook gets the new rules on the next call.
"""
from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from . import paths

__all__ = ["DataFileError", "Row", "read_tsv", "resolve", "reloading"]

T = TypeVar("T")


class DataFileError(ValueError):
    """A data file is unreadable or malformed; the message names file, line and problem."""


@dataclass(frozen=True)
class Row:
    """One data line: its ``values`` by column, and where it stands (for error messages)."""

    path: Path
    line_no: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values[column]

    def get(self, column: str, default: str = "") -> str:
        return self.values.get(column, default)

    def error(self, problem: str, error: type[DataFileError] = DataFileError) -> DataFileError:
        """An error naming this line: ``raise row.error("unknown frame 'x'")``."""
        return error(f"{self.path}:{self.line_no}: {problem}")


def resolve(path: str | os.PathLike | None, default_name: str) -> Path:
    """``path`` if given, else the package's own data file ``default_name``."""
    return Path(path) if path else paths.data_file(default_name)


def read_tsv(path: str | os.PathLike, *, required: Iterable[str], optional: Iterable[str] = (),
             non_empty: Iterable[str] = (), error: type[DataFileError] = DataFileError,
             ) -> list[Row]:
    """The data rows of a TSV file, checked against its expected columns.

    Args:
        path: the file.
        required: columns the header must name.
        optional: further columns the header may name; any other column is an error.
        non_empty: columns that must hold a value on every data row.
        error: the exception class raised (a layer's subclass of :class:`DataFileError`).

    Returns:
        One :class:`Row` per data line, in file order; a row shorter than the header is
        padded with empty cells.

    Raises:
        ``error``: the file is missing, not UTF-8, has no header, a header without a
        required column or with an unknown one, a row with more cells than the header, or
        an empty cell in a ``non_empty`` column.
    """
    path = Path(path)
    required, optional, non_empty = list(required), list(optional), list(non_empty)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise error(f"{path}: file not found") from None
    except OSError as exc:
        raise error(f"{path}: cannot read the file ({exc.strerror})") from None
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    header: list[str] | None = None
    rows: list[Row] = []
    for line_no, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = _check_header(path, line_no, cells, required, optional, error)
            continue
        if len(cells) > len(header):
            raise error(f"{path}:{line_no}: {len(cells)} tab-separated cells, "
                        f"the header has {len(header)} ({', '.join(header)})")
        row = Row(path, line_no, dict(zip(header, cells + [""] * (len(header) - len(cells)))))
        for column in non_empty:
            if not row[column]:
                raise row.error(f"empty '{column}'", error)
        rows.append(row)
    if header is None:
        raise error(f"{path}: no header line; expected the columns {', '.join(required)}")
    return rows


def _check_header(path: Path, line_no: int, header: list[str], required: list[str],
                  optional: list[str], error: type[DataFileError]) -> list[str]:
    missing = [c for c in required if c not in header]
    if missing:
        raise error(f"{path}:{line_no}: the header lacks column(s) {', '.join(missing)}; "
                    f"found {', '.join(header)}")
    unknown = [c for c in header if c not in required and c not in optional]
    if unknown:
        raise error(f"{path}:{line_no}: unknown column(s) {', '.join(unknown)}; expected "
                    f"{', '.join(required + optional)}")
    if len(set(header)) != len(header):
        raise error(f"{path}:{line_no}: a column is named twice in the header")
    return header


def _stamp(path: Path) -> tuple[int, int]:
    try:
        st = os.stat(path)
    except OSError:
        return (-1, -1)
    return (st.st_mtime_ns, st.st_size)


def reloading(load: Callable[..., T]) -> Callable[..., T]:
    """Cache ``load(*paths)`` until one of its files changes (modification time or size).

    ``load`` takes file paths as positional arguments (already resolved with
    :func:`resolve`); the wrapped function re-reads them when a file is edited.
    """
    cache: dict[tuple, T] = {}

    @functools.wraps(load)
    def wrapper(*files: str | os.PathLike) -> T:
        key = tuple((str(f), _stamp(Path(f))) for f in files)
        if key not in cache:
            if len(cache) > 16:
                cache.clear()
            cache[key] = load(*files)
        return cache[key]

    wrapper.cache_clear = cache.clear  # type: ignore[attr-defined]
    return wrapper
