"""Units of comparison and pooled rates."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import compare


def docs(rows):
    d = pd.DataFrame(rows, columns=["doc_id", "outlet", "published", "published_basis", "n_tokens"])
    d["published"] = pd.to_datetime(d["published"])
    return d


SMALL = docs([("a", "Rozana", "2019-09-05", "stated", 100),
              ("b", "", "2017-09-23", "inferred", 300),
              ("c", "Rozana", "2019-09-05", "stated", 100)])


def test_article_labels_mark_inferred_dates_and_stay_unique():
    labels = compare.article_labels(SMALL)
    assert labels["b"] == "(not named) · ~2017-09-23"
    assert labels["a"] == "Rozana · 2019-09-05 · a" and labels["c"] == "Rozana · 2019-09-05 · c"


def test_article_labels_without_any_outlet_or_date_use_the_doc_id():
    bare = docs([("k01", "", "2016-09-10", "stamp", 100), ("k02", "", None, "", 100)])
    assert compare.article_labels(bare).to_dict() == {"k01": "k01 · 2016-09-10", "k02": "k02 · no date"}


def test_small_corpus_compares_articles_large_corpus_compares_outlets():
    assert compare.units(SMALL)["b"] == "(not named) · ~2017-09-23"
    pooled = compare.units(SMALL, max_articles=2)
    assert list(pooled) == ["Rozana", "(not named)", "Rozana"]


def test_large_corpus_without_outlets_compares_publication_years():
    bare = docs([("a", "", "2019-09-05", "stamp", 100), ("b", "", None, "", 100),
                 ("c", "", "2017-01-01", "stamp", 100)])
    assert compare.unit_kind(bare, max_articles=2) == "year"
    unit_of = compare.units(bare, max_articles=2)
    assert unit_of.to_dict() == {"a": "2019", "b": "no date", "c": "2017"}
    assert compare.order(bare, unit_of) == ["2017", "2019", "no date"]
    assert compare.unit_kind(SMALL, max_articles=2) == "outlet" and compare.unit_kind(SMALL) == "article"


def test_order_is_by_first_publication():
    unit_of = compare.units(SMALL, max_articles=2)
    assert compare.order(SMALL, unit_of) == ["(not named)", "Rozana"]


def test_rates_pool_counts_and_tokens_over_a_units_articles():
    unit_of = compare.units(SMALL, max_articles=2)
    mentions = pd.DataFrame({"doc_id": ["a", "a", "c", "b"], "side": ["us", "russia", "us", "us"]})
    r = compare.rates(mentions, SMALL, unit_of, by="side").set_index(["unit", "side"])
    # Rozana: 2 US + 1 Russian mention over 100 + 100 tokens
    assert r.loc[("Rozana", "us"), "n"] == 2
    assert r.loc[("Rozana", "us"), "per_1000_tokens"] == pytest.approx(10.0)
    assert r.loc[("Rozana", "us"), "share"] == pytest.approx(2 / 3)
    # zeros are listed, not missing
    assert r.loc[("(not named)", "russia"), "n"] == 0
    assert r.loc[("(not named)", "us"), "per_1000_tokens"] == pytest.approx(1000 / 300)


def test_rates_keep_requested_categories_even_when_absent():
    unit_of = compare.units(SMALL)
    empty = pd.DataFrame({"doc_id": pd.Series(dtype=str), "frame": pd.Series(dtype=str)})
    r = compare.rates(empty, SMALL, unit_of, by="frame", categories=["cooperation"])
    assert len(r) == 3 and (r["n"] == 0).all() and r["share"].isna().all()


def test_many_outlets_keep_the_largest_and_pool_the_rest():
    rows = [(f"d{i}", f"O{i % 5 if i < 20 else i}", "2019-01-01", "stated", 10) for i in range(40)]
    unit_of = compare.units(docs(rows), max_articles=4)
    # O0..O4 have 4 articles each; 20 outlets have one: keep the 3 largest names
    assert unit_of.nunique() == 4
    assert (unit_of == compare.OTHER_OUTLETS).sum() == 40 - 12
