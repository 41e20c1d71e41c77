"""Shared fixtures: the seed corpus, loaded and cleaned once per session.

Property tests (hypothesis) run the same examples on every run by default, so a test run on
CI fails where it fails on a newcomer's machine, never by the luck of the draw. To search for
new counter-examples, run ``HYPOTHESIS_PROFILE=explore make test``; a failure it finds
becomes an ``@example`` of its test once understood.
"""
from __future__ import annotations

import os

import pytest
from hypothesis import settings

from analysis import clean, corpus, paths

settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


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
