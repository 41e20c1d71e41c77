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


# --- cleaning tests that build pages (test_clean_real_sites.py, test_clean_wire_tools.py) ---

#: An invented headline and two body paragraphs to put furniture lines around.
HEADLINE = "واشنطن وموسكو تبحثان تفادي الحوادث في الأجواء السورية"
P1 = "قالت وزارة الدفاع الأمريكية إن خبراء من البلدين عقدوا اجتماعا عبر الفيديو أمس لبحث قواعد الطيران."
P2 = "وأضاف المتحدث أن الاجتماع تناول مسافات الأمان بين الطائرات في الأجواء السورية."


def line_labels(lines: list[str]) -> list[tuple[str, str]]:
    """(label, kind) of each line of a page, as the cleaner labels them."""
    table = clean.label_lines("\n".join(lines))
    return list(zip(table["label"], table["kind"]))


def assert_triggers_declared(line: str) -> None:
    """The furniture rules a line matches are all among the rules its trigger words select
    (the batch search reads only those), and the line's kind is the same either way."""
    from analysis.clean import furniture

    rules = furniture.compiled()
    key = clean.line_key(line)
    assert rules.kind(key) == rules.kind(key, hits=furniture.EVERY_RULE)
    hits, core = rules.hits(key), furniture.trim(key)
    for i, rule in enumerate(rules.rules):
        if furniture._match_position(rule, key, core) is not None:
            assert hits >> i & 1, (rule.source, line)


def mentions_at(text: str, names: list[tuple[str, str]]):
    """An actor-mention table of one body field ``d1``: each ``(surface, actor_id)`` of
    ``names`` located in ``text`` after the previous one (a DataFrame)."""
    import pandas as pd

    rows, pos = [], 0
    for surface, actor in names:
        start = text.index(surface, pos)
        rows.append(("d1", "body", start, start + len(surface), surface, actor))
        pos = start + len(surface)
    return pd.DataFrame(rows, columns=["doc_id", "field", "start", "end", "surface", "actor_id"])


def frames_of(body: str, title: str = "") -> list[str]:
    """The frames (``;``-joined, '' for none) of each sentence of one article, title first,
    as ``framing.frame_sentences`` decides them from its cues and actor mentions."""
    import pandas as pd

    from analysis import actors, framing

    docs = pd.DataFrame({"doc_id": ["d"], "title": [title], "body": [body]})
    return framing.frame_sentences(docs, framing.find_cues(docs), actors.find_mentions(docs))["frames"].tolist()
