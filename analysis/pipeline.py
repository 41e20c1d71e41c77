"""The extraction pipeline: a corpus folder in, the study's tables out (DESIGN.md contract).

``extract_tables(raw)`` is a pure per-batch function (raw documents → tables), so the same
code runs in one process, in several, or on a cluster; ``extract`` drives it over a
corpus folder and writes UTF-8 CSVs with a stable column order, sorted deterministically.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import clean, corpus

#: Required columns of each table, in order (extra columns follow).
TABLES = {
    "documents": ["doc_id", "outlet", "published", "published_basis", "title", "body", "n_tokens"],
    "removed_lines": ["doc_id", "line_no", "text", "reason"],
    "actor_mentions": ["doc_id", "field", "start", "end", "surface", "actor_id"],
    "date_mentions": ["doc_id", "field", "start", "end", "surface", "value", "granularity", "kind"],
    "frame_hits": ["doc_id", "field", "start", "end", "surface", "frame"],
    "statements": ["doc_id", "field", "start", "end", "speaker", "speaker_actor_id", "verb"],
}
SORT_KEYS = {"documents": ["doc_id"], "removed_lines": ["doc_id", "line_no"]}
DEFAULT_SORT = ["doc_id", "field", "start", "end"]


def extract_tables(raw: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """All tables for a batch of loaded documents (:func:`analysis.corpus.load` rows)."""
    from . import actors, dates, framing

    documents, removed = clean.clean(raw)
    mentions = actors.find_mentions(documents)
    return {
        "documents": documents,
        "removed_lines": removed,
        "actor_mentions": mentions,
        "date_mentions": dates.find_mentions(documents),
        "frame_hits": framing.find_cues(documents),
        "statements": framing.find_statements(documents, mentions=mentions),
    }


def tidy(name: str, table: pd.DataFrame) -> pd.DataFrame:
    """Required columns first, then the others; rows sorted deterministically."""
    required = TABLES[name]
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise ValueError(f"table {name} lacks required columns {missing}")
    table = table[required + [c for c in table.columns if c not in required]]
    if name == "documents" and len(table):
        table = table.assign(published=table["published"].dt.strftime("%Y-%m-%d"))
    return table.sort_values(SORT_KEYS.get(name, DEFAULT_SORT), ignore_index=True, kind="stable")


def extract(corpus_dir: str | Path, out_dir: str | Path, *, errors: str = "raise",
            progress: bool = True, log=print) -> dict[str, Path]:
    """Write the study's tables for ``corpus_dir`` to ``out_dir``; return their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    raw = corpus.load(corpus_dir, errors=errors, progress=progress)
    tables = extract_tables(raw)
    written = {}
    for name, table in tables.items():
        path = out_dir / f"{name}.csv"
        tidy(name, table).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
        written[name] = path
        log(f"{path.name}: {len(table)} rows")
    skipped = raw.attrs.get("skipped", [])
    if skipped:
        path = out_dir / "skipped_files.csv"
        pd.DataFrame(skipped).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
        log(f"{path.name}: {len(skipped)} files left out (see the problem column)")
    return written
