"""Saved web pages (``.html``, ``.htm``): the article's text and what the page says of it.

A researcher's corpus often arrives as pages saved from news sites. The article's main text
is taken out with trafilatura, the field's maintained boilerplate remover (menus, tickers,
"related" lists, newsletter boxes and footers stay behind); the plain-text cleaner then runs
on what remains, with its audit, as for any ``.txt`` article.

What the page says of the article fills the metadata, so a folder of pages needs no
``metadata.csv`` (a row there still wins):

* ``title``: the page's headline (``og:title``, ``<h1>``, ``<title>`` — trafilatura's reading);
* ``outlet``: the site name (``og:site_name``, JSON-LD publisher), else the one trafilatura finds;
* ``published`` and ``published_basis``, the first of: ``<meta property=
  "article:published_time">`` (basis ``page:meta``), JSON-LD ``datePublished``
  (``page:json-ld``), a ``<time datetime>`` element (``page:time``), else htmldate's reading
  of the page's other date markup (``page:markup``; never of its text, where a copyright
  year or a page-date widget would be taken for the article's date); none gives an empty date.

A page with no article text (no paragraph of :data:`MIN_WORDS` words) raises :class:`analysis.corpus.CorpusError`.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html

__all__ = ["PAGE_SUFFIXES", "PAGE_BASES", "read_page", "page_date"]

PAGE_SUFFIXES = (".html", ".htm")
#: Where a page's publication date came from, most trusted first.
PAGE_BASES = ("page:meta", "page:json-ld", "page:time", "page:markup")
#: A page holds an article when its main text has a paragraph of at least this many words.
MIN_WORDS = 10
# htmldate reads dates from the page's markup only: its text search would take a copyright
# year («© 2016») or a page-date widget for the article's date.
_MARKUP_ONLY = {"extensive_search": False, "original_date": True}
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_META_DATE = ("article:published_time", "og:published_time", "datePublished", "pubdate",
              "publishdate", "date")


def _iso_day(value: str | None) -> str:
    match = _ISO_DAY.search(value or "")
    return "-".join(match.groups()) if match else ""


def _json_ld(tree) -> list[dict]:
    """Every JSON-LD object of the page (graphs and lists flattened); bad JSON skipped."""
    found: list[dict] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                found.append(item)
                stack.extend(v for v in item.values() if isinstance(v, (list, dict)))
    return found


def page_date(tree) -> tuple[str, str]:
    """``(published, basis)`` read off a parsed page; ``("", "")`` when the page does not say.

    Args:
        tree: the page parsed by ``lxml.html``.

    Returns:
        The ISO day and one of :data:`PAGE_BASES` (without the ``page:markup`` fallback,
        which :func:`read_page` adds).
    """
    for name in _META_DATE:
        for value in tree.xpath(f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]/@content'):
            if _iso_day(value):
                return _iso_day(value), "page:meta"
    for item in _json_ld(tree):
        if _iso_day(str(item.get("datePublished", ""))):
            return _iso_day(str(item["datePublished"])), "page:json-ld"
    for value in tree.xpath("//time/@datetime"):
        if _iso_day(value):
            return _iso_day(value), "page:time"
    return "", ""


def _site_name(tree) -> str:
    for value in tree.xpath('//meta[@property="og:site_name"]/@content'):
        if value.strip():
            return value.strip()
    for item in _json_ld(tree):
        publisher = item.get("publisher")
        if isinstance(publisher, dict) and str(publisher.get("name", "")).strip():
            return str(publisher["name"]).strip()
    return ""


def read_page(path: str | Path, *, data: bytes | None = None) -> dict:
    """One saved news page as an article record.

    Args:
        path: the page file (its stem is the ``doc_id``).
        data: the page's bytes, when already read.

    Returns:
        ``doc_id, text, outlet, published, published_basis``: ``text`` is the headline, a
        blank line and the article's paragraphs one per line (the shape of a ``.txt``
        capture), for the cleaner.

    Raises:
        CorpusError: the page cannot be parsed or holds no article text.
    """
    import trafilatura

    from .corpus import CorpusError

    path = Path(path)
    data = path.read_bytes() if data is None else data
    try:
        tree = lxml.html.fromstring(data)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise CorpusError(f"{path.name}: not a readable HTML page ({exc})") from None
    doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True,
                                      date_extraction_params=_MARKUP_ONLY)
    body = (doc.text if doc is not None else "") or ""
    if not any(len(line.split()) >= MIN_WORDS for line in body.splitlines()):
        raise CorpusError(f"{path.name}: no article text found in the page (no paragraph of "
                          f"{MIN_WORDS} words or more outside the site's menus and footers)")
    title = (doc.title or "").strip()
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if title and lines and lines[0] == title:
        lines = lines[1:]
    published, basis = page_date(tree)
    if not published and doc.date:
        published, basis = _iso_day(doc.date), "page:markup"
    return {"doc_id": path.stem, "text": "\n\n".join(filter(None, [title, "\n".join(lines)])),
            "outlet": _site_name(tree) or (doc.sitename or "").strip(),
            "published": published, "published_basis": basis if published else ""}
