"""Synthetic corpora for benchmarks and scale tests: seed paragraphs resampled into many
articles (the text is real Arabic news prose, so every layer does its real work)."""
from __future__ import annotations

import random

import pandas as pd

from . import paths

__all__ = ["seed_paragraphs", "synthetic_documents", "text_megabytes"]


def seed_paragraphs(min_words: int = 8) -> list[str]:
    """Every line of the seed articles with at least ``min_words`` words."""
    paras = []
    for path in sorted(paths.SEEDS_DIR.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if len(line.split()) >= min_words:
                paras.append(line.strip())
    return paras


def synthetic_documents(n: int, *, paragraphs_per_doc: int = 8, seed: int = 0) -> pd.DataFrame:
    """A documents table of ``n`` articles made by resampling seed paragraphs.

    Columns follow the table contract: doc_id, outlet, published, published_basis, title, body.
    """
    rng = random.Random(seed)
    paras = seed_paragraphs()
    outlets = ["Outlet A", "Outlet B", "Outlet C", "Outlet D"]
    start = pd.Timestamp("2015-01-01")
    rows = []
    for i in range(n):
        body = "\n".join(rng.choice(paras) for _ in range(paragraphs_per_doc))
        rows.append({
            "doc_id": f"synthetic_{i:06d}",
            "outlet": rng.choice(outlets),
            "published": start + pd.Timedelta(days=rng.randrange(5 * 365)),
            "published_basis": "stated",
            "title": rng.choice(paras)[:90],
            "body": body,
        })
    return pd.DataFrame(rows)


def text_megabytes(documents: pd.DataFrame) -> float:
    """MB of UTF-8 title and body text: the unit every layer benchmark divides by."""
    return sum(len(t.encode("utf-8")) for column in ("title", "body") for t in documents[column]) / 1e6
