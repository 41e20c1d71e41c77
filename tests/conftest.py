"""Shared fixtures: the seed corpus, loaded and cleaned once per session."""
from __future__ import annotations

import pytest

from analysis import clean, corpus, paths


@pytest.fixture(scope="session")
def raw_seeds():
    return corpus.load(paths.SEEDS_DIR)


@pytest.fixture(scope="session")
def seeds(raw_seeds):
    """(documents, removed_lines) of the cleaned seed corpus."""
    return clean.clean(raw_seeds)


def make_documents(rows):
    """A documents table from ``(doc_id, title, body, published)`` tuples, for tests."""
    import pandas as pd

    docs = pd.DataFrame(rows, columns=["doc_id", "title", "body", "published"])
    docs["published"] = pd.to_datetime(docs["published"])
    docs["outlet"] = ""
    docs["published_basis"] = "stated"
    docs["n_tokens"] = [len((t + " " + b).split()) for t, b in zip(docs.title, docs.body)]
    return docs
