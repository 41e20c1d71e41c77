"""Finding the date mentions of texts: every shape of the grammar over the folded text,
the longest candidate where two overlap, offsets mapped back to the original.

:func:`mentions_in` is the definition; :func:`find_mentions` gets the same rows faster
from :mod:`.fast`, which folds the fields of a batch together and runs each shape only
near its trigger words (tested to give the same table).
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from ..corpus import iter_fields
from ..normalize import Folded, fold_with_offsets
from . import fast
from .grammar import Grammar, grammar
from .resolution import HANDLERS, Ctx, Row

COLUMNS = ["doc_id", "field", "start", "end", "surface", "value", "granularity", "kind",
           "modifier", "anchor", "weekday", "weekday_consistent"]
TEXT_COLUMNS = COLUMNS[2:]
#: Characters of fields folded and scanned together by :func:`find_mentions` (any size
#: gives the same rows; this bounds the memory of a batch).
BATCH_CHARS = 4_000_000


def as_date(published) -> dt.date | None:
    """A publication date (date, datetime, Timestamp, ISO string) as a date; None if missing."""
    if published is None or published is pd.NaT:
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    ts = pd.to_datetime(published, errors="coerce")
    return None if pd.isna(ts) else ts.date()


def candidates(g: Grammar, text: str, start: int, end: int, ctx: Ctx, shapes=None) -> list[tuple]:
    """The candidate mentions of ``text[start:end]`` (the string ends at ``end`` for the
    patterns) as ``(-length, start, shape number, end, rows)``; ``shapes``: the numbers of
    the shapes to run (all by default)."""
    found = []
    for order in range(len(g.patterns)) if shapes is None else shapes:
        shape = g.patterns[order]
        handler = HANDLERS[shape.name]
        for m in shape.pattern.finditer(text, start, end):
            rows = handler(m, ctx)
            if rows:  # (the rows of a range are in text order)
                s, e = rows[0].fs, max(r.fe for r in rows) if len(rows) > 1 else rows[0].fe
                found.append((s - e, s, order, e, rows))
    return found


def choose(found: list[tuple]) -> list[Row]:
    """The rows of the candidates that win: where two overlap, the longer (then the
    earlier, then the earlier shape). Recognised non-dates (Hijri) win and are dropped."""
    if len(found) > 1:
        found.sort(key=lambda c: c[:3])  # (-length, start, shape) is unique
    taken: list[tuple[int, int]] = []
    rows = []
    for _, s, _, e, candidate_rows in found:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        rows.extend(r for r in candidate_rows if r.kind != "skip")
    return rows


def mentions_in(folded: Folded, pub: dt.date | None, g: Grammar | None = None) -> list[Row]:
    """The mentions of one folded text (rows with folded spans, in no particular order)."""
    g = g or grammar()
    ctx = Ctx(folded, pub, g.lex, len(folded.text))
    return choose(candidates(g, folded.text, 0, len(folded.text), ctx))


def as_tuple(folded: Folded, row: Row, shift: int = 0) -> tuple:
    """A row as a tuple in :data:`TEXT_COLUMNS` order, with positions in the original text
    (less ``shift``, where the field starts in ``folded.original``)."""
    start, end = folded.span(row.fs, row.fe)
    return (start - shift, end - shift, folded.original[start:end], row.value, row.granularity, row.kind,
            row.modifier, row.anchor, row.weekday, row.consistent)


def scan_text(text: str, *, published=None) -> list[tuple]:
    """Date mentions of one string as plain tuples (no DataFrame: for callers that scan
    many short strings, such as the cleaner's stamps).

    Args:
        text: the text, as stored.
        published: the date relative mentions resolve against (date, Timestamp, ISO
            string or None).

    Returns:
        One tuple per mention in :data:`TEXT_COLUMNS` order, sorted by start and end.
    """
    if not text:
        return []
    folded = fold_with_offsets(text)
    return sorted((as_tuple(folded, r) for r in mentions_in(folded, as_date(published))),
                  key=lambda t: (t[0], t[1]))


def frame(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    """The table of mention tuples, with the dtypes of :data:`COLUMNS`."""
    table = pd.DataFrame(rows, columns=columns)
    table["start"] = table["start"].astype("int64")
    table["end"] = table["end"].astype("int64")
    table["weekday_consistent"] = table["weekday_consistent"].astype("boolean")
    for c in ("surface", "value", "granularity", "kind", "modifier", "anchor", "weekday"):
        table[c] = table[c].astype(str)
    return table


def find_in_text(text: str, *, published=None) -> pd.DataFrame:
    """Date mentions of one string, resolved against ``published``.

    Args:
        text: the text, as stored.
        published: date, Timestamp, ISO string or None.

    Returns:
        Columns :data:`TEXT_COLUMNS` (no doc_id/field), sorted by start.

    >>> find_in_text("وقالت الوزارة أمس الأربعاء", published="2019-09-05")[["surface", "value"]].values.tolist()
    [['أمس الأربعاء', '2019-09-04']]
    """
    return frame(scan_text(text, published=published), TEXT_COLUMNS)


def find_mentions(documents: pd.DataFrame) -> pd.DataFrame:
    """Every date mention in the title and body of every document.

    Args:
        documents: cleaned documents (doc_id, title, body, and ``published`` when known).

    Returns:
        One row per mention, columns :data:`COLUMNS`, sorted by doc_id, field, start,
        end. Relative mentions resolve against the document's ``published``.
    """
    fields = list(iter_fields(documents))  # (doc_id, field name, text): title, body of each document
    published = documents["published"].tolist() if "published" in documents else [None] * len(documents)
    pubs = dict(zip(documents["doc_id"].tolist(), map(as_date, published)))
    rows: list[tuple] = []
    first, size = 0, 0
    for i, (_, _, text) in enumerate(fields):
        size += len(text) + 1
        if size >= BATCH_CHARS or i == len(fields) - 1:
            batch = fields[first:i + 1]
            for k, row in fast.scan_batch([t for _, _, t in batch], [pubs.get(d) for d, _, _ in batch]):
                rows.append(batch[k][:2] + row)
            first, size = i + 1, 0
    return frame(rows, COLUMNS).sort_values(["doc_id", "field", "start", "end"], ignore_index=True, kind="stable")
