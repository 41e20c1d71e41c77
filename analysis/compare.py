"""Units of comparison: articles on a small corpus, outlets on a large one.

The seed study compares five articles; a researcher's corpus of thousands compares outlets.
Notebooks group every per-article table and figure by :func:`units`, so the same notebook
reads well at both sizes: up to ``max_articles`` articles each is its own unit, labelled
``outlet · date``; above that, articles are pooled by outlet (by publication year when no
article names its outlet, as in a corpus without ``metadata.csv``).

Rates pool counts and tokens over a unit's articles (a long article weighs more than a
short one), which for one article per unit is simply that article's rate.
"""
from __future__ import annotations

import pandas as pd

#: Above this many articles, articles are pooled by outlet.
MAX_ARTICLES = 30
NOT_NAMED = "(not named)"


def article_labels(documents: pd.DataFrame) -> pd.Series:
    """``outlet · YYYY-MM-DD`` for each article, ``~`` before an inferred date, indexed by
    doc_id. Labels are made unique with the doc_id where two articles would share one.
    When no article names its outlet (a corpus without metadata), the doc_id stands in
    for the outlet: ``k01 · 2016-09-10`` says more than ``(not named) · 2016-09-10``."""
    outlet = documents["outlet"].replace("", NOT_NAMED).fillna(NOT_NAMED)
    if outlet.eq(NOT_NAMED).all():
        outlet = documents["doc_id"].astype(str)
    approx = documents["published_basis"].eq("inferred").map({True: "~", False: ""})
    date = documents["published"].dt.strftime("%Y-%m-%d").fillna("no date")
    labels = (outlet + " · " + approx + date).set_axis(documents["doc_id"])
    clash = labels.duplicated(keep=False)
    return labels.where(~clash, labels + " · " + labels.index.to_series())


OTHER_OUTLETS = "(other outlets)"


def unit_kind(documents: pd.DataFrame, *, max_articles: int = MAX_ARTICLES) -> str:
    """What :func:`units` compares: ``article``, ``outlet``, or ``year`` (a large corpus in
    which no article names its outlet, e.g. one without ``metadata.csv``)."""
    if len(documents) <= max_articles:
        return "article"
    named = documents["outlet"].fillna("").ne("")
    return "outlet" if named.any() else "year"


def units(documents: pd.DataFrame, *, max_articles: int = MAX_ARTICLES) -> pd.Series:
    """The unit each article is compared as (doc_id → label).

    Up to ``max_articles`` articles: each article. Above: its outlet, and if there are more
    than ``max_articles`` outlets, the largest ``max_articles - 1`` keep their name and the
    rest are pooled as «(other outlets)», so tables and figures stay readable. Above, when
    no article names its outlet: its publication year («no date» for an undated article),
    rather than one pool of everything.
    """
    kind = unit_kind(documents, max_articles=max_articles)
    if kind == "article":
        return article_labels(documents)
    if kind == "year":
        year = documents["published"].dt.year.astype("Int64").astype("string").fillna("no date")
        return year.astype(str).set_axis(documents["doc_id"])
    outlet = documents["outlet"].replace("", NOT_NAMED).fillna(NOT_NAMED)
    sizes = outlet.value_counts()
    if len(sizes) > max_articles:
        keep = set(sizes.index[:max_articles - 1])
        outlet = outlet.where(outlet.isin(keep), OTHER_OUTLETS)
    return outlet.set_axis(documents["doc_id"])


def order(documents: pd.DataFrame, unit_of: pd.Series) -> list[str]:
    """Units ordered by the earliest publication date of their articles (undated last)."""
    first = (documents.assign(unit=documents["doc_id"].map(unit_of))
             .groupby("unit")["published"].min().sort_values(na_position="last", kind="stable"))
    return list(first.index)


def rates(table: pd.DataFrame, documents: pd.DataFrame, unit_of: pd.Series, *, by: str,
          categories: list[str] | None = None) -> pd.DataFrame:
    """Counts of ``table`` rows per unit and ``by`` value, with rates and shares.

    Columns: unit, ``by``, n, n_tokens (the unit's tokens), per_1000_tokens, share (of the
    unit's rows). Every unit × category appears, zeros included; ``categories`` fixes the
    categories (default: those present). Sorted by unit order, then category.
    """
    cats = list(categories) if categories is not None else sorted(table[by].dropna().unique())
    unit_order = order(documents, unit_of)
    tokens = documents.groupby(documents["doc_id"].map(unit_of))["n_tokens"].sum()
    n = (table.assign(unit=table["doc_id"].map(unit_of))
         .groupby(["unit", by]).size())
    grid = pd.MultiIndex.from_product([unit_order, cats], names=["unit", by])
    out = n.reindex(grid, fill_value=0).rename("n").reset_index()
    out["n_tokens"] = out["unit"].map(tokens).astype("int64")
    out["per_1000_tokens"] = out["n"] / out["n_tokens"].where(out["n_tokens"] > 0) * 1000
    total = out.groupby("unit")["n"].transform("sum")
    out["share"] = out["n"] / total.where(total > 0)
    return out


def wide(rates_table: pd.DataFrame, *, by: str, value: str, documents: pd.DataFrame,
         unit_of: pd.Series) -> pd.DataFrame:
    """A :func:`rates` table as units × categories (rows in unit order)."""
    return (rates_table.pivot_table(index="unit", columns=by, values=value, aggfunc="sum",
                                    dropna=False)
            .reindex(order(documents, unit_of)))
