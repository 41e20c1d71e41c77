"""Line labels: each article split into title, body and removed lines, with an audit.

Every line of the raw text gets one label (:data:`LABELS`), decided from the top down:

* ``blank``     -- white space only (paragraph separators; not listed as removed)
* ``furniture`` -- page furniture (:mod:`analysis.clean.furniture`), with its kind; also,
  from the line's place in the page: the short lines listed under a related-articles
  heading (until a line ending a paragraph, «.» or «:»); an image caption (``credit``)
  right before or after a credit line; between the headline and the first paragraph,
  in order up to the first line that is the article's, a caption (``credit``) that ends
  with a credit or a source in parentheses, or repeats a phrase or the names of the body
  below it, and an author's name alone (``byline``); an author's name closing the
  article; a date with a weekday above the headline and no stamp cue, the site's date of
  the day (``page_date``); the first line when the page's copyright, follow or newsletter
  line names it again (``masthead``); a short line taken for the headline that a
  headline-shaped line below it replaces (``label``: a site's name, a section), or a
  breaking-news ticker («عاجل: …») that a headline-shaped line below it sharing none of its
  words replaces (``ticker``); a line that is only a date the date layer does not resolve
  («الأحد 26 جمادى الآخرة 1448 هـ», ``date``); a place or outlet with a wire credit
  («دانانغ - وكالات») once the body has begun (``source``); an agency's sign-off or
  editors' code («(النهاية)», «ع ق / ن م ك», ``wire_code``)
* ``duplicate`` -- a repeat of the headline or of an earlier kept line
* ``stamp``     -- a publication stamp; its date is parsed and reported (the first
  stamp below the headline, else the first one)
* ``title``     -- the headline: the first content line of at most 30 words that is not a
  dateline; if it has at most three words, a line of 4 to 20 words below it, above the
  first paragraph, with no sentence's end or reporting verb and no word of it, takes its
  place
* ``dateline``  -- a place/agency line in the header zone (the first four non-furniture
  lines, above the first paragraph), or a wire line («هانوي - وكالات») above the body
* ``body``      -- article text, kept in order

Every non-blank line that is not title or body is a *removed line*, listed with its line
number, text and reason, so nothing is lost silently.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from ..normalize import INVISIBLES, fold, strip_invisibles
from . import datelines, fast, furniture

LABELS = ("title", "body", "dateline", "stamp", "furniture", "duplicate", "blank")
LINE_COLUMNS = ["line_no", "text", "label", "kind", "content"]
REMOVED_COLUMNS = ["doc_id", "line_no", "text", "reason", "kind"]
TITLE_MAX_WORDS = 30
HEADER_ZONE = 4  # non-furniture lines at the top where datelines are looked for
#: Lines listed under a related-articles heading are links while they stay short.
RELATED_LINK_MAX_WORDS = 12
RELATED_HEADING_MAX_WORDS = 6  # a heading such as «مقالات ذات صلة», not a teaser
#: A first headline this short («العربي الجديد», «خارجيات») gives way to a headline-shaped
#: line after it, above the first paragraph: it was the site's name or a section label.
LABEL_MAX_WORDS = 3
#: A line that takes the headline's place from such a label: a headline's length, and no
#: sentence's end or reporting verb («قال …» opens a paragraph).
HEADLINE_MIN_WORDS, HEADLINE_MAX_WORDS = 4, 20
#: A first line this short that the page's copyright or follow line names again is the
#: site's name («عربي21» … «جميع الحقوق محفوظة لموقع عربي21»).
SITE_NAME_MAX_WORDS = 4
#: Articles are labelled in batches of about this many characters: one fold, one count of
#: words and tokens and one trigger pass per batch, with bounded memory.
BATCH_CHARS = 1 << 20
#: Above this many words a line can only be furniture through a rule it triggers (no
#: whole-line rule, non-Arabic line or stamp is that long; a link has no space).
_UNTRIGGERED_MAX_WORDS = max(furniture.SCOPES["line"], furniture.NON_ARABIC_MAX_WORDS,
                             datelines.STAMP_MAX_WORDS)
_INVISIBLE = re.compile(f"[{INVISIBLES}]")
#: A breaking-news ticker's opening («عاجل: …», «عاجل | …», «خبر عاجل - …», folded): above
#: the headline, such a line gives way to a headline-shaped line below it that shares no
#: word with it (the ticker runs another story); one that shares a word is its subheading.
_TICKER = re.compile(r"^(?:خبر )?(?:عاجل|عاجل الان|اخبار عاجله|breaking(?: news)?) ?[:|/\-–—.]+ ?(?=\w)",
                     re.IGNORECASE)
#: A line ending so is a paragraph, not a teaser under a related heading (teasers may ask
#: or exclaim: «ماذا نعرف عن مطار الشعيرات؟»).
_PARAGRAPH_END = (".", ":")


class _Lines(NamedTuple):
    """The lines of a batch (or of one article), with what each is alone: one list per
    field (a tuple per line would cost 0.3 s at 10,000 articles)."""

    texts: list[str]  # as in the file
    contents: list[str]  # trimmed, invisibles removed: as stored in title and body
    keys: list[str]  # folded, white space collapsed (:func:`line_key`)
    words: list[int]
    tokens: list[int]
    hits: list[int]  # the furniture rules each triggers (:meth:`furniture.Furniture.hits`)

    def cut(self, first: int, last: int) -> _Lines:
        return _Lines(*(field[first:last] for field in self))


class _Article(NamedTuple):
    """One labelled article: its rows (if asked for), the number of tokens in its title
    and body, and what :func:`clean` reports."""

    rows: list[tuple[int, str, str, str, str]]  # empty unless asked for
    n_tokens: int
    title: str  # content of the title line, or ""
    body: list[str]  # contents of the body lines
    dateline: str  # content of the first dateline, or ""
    stamp: str  # date of the first stamp, or ""
    removed: list[tuple[int, str, str, str, str]]  # rows not title, body or blank


class _Rules(NamedTuple):
    """The rules a batch is labelled with (read once per batch)."""

    furniture: furniture.Furniture
    cues: datelines.Cues


@dataclass
class _Reading:
    """Where the labelling of one article stands, line after line."""

    rules: _Rules
    title_key: str | None = None  # None until a title or the first paragraph
    body_seen: bool = False
    content_seen: int = 0  # non-blank, non-furniture lines so far
    related_block: bool = False  # after a related-articles heading
    after_credit: bool = False  # the line before was an image credit
    provisional: bool = False  # the headline so far is a short label that may give way
    header: list[int] = field(default_factory=list)  # lines under the headline that may be captions or names
    seen: set[str] = field(default_factory=set)  # keys of title and body lines

    def furniture(self, key: str, n_words: int, kind: str) -> str:
        """The furniture kind of a line in its place: ``kind`` (of the line alone), or
        ``related`` under a related heading, or ``credit`` for a caption, or ``byline``
        for a name alone under the headline."""
        after_credit = self.after_credit
        self.after_credit = kind == "credit"
        if not kind and self.related_block:
            if n_words <= RELATED_LINK_MAX_WORDS and not key.endswith(_PARAGRAPH_END):
                return "related"
            self.related_block = False
        elif kind == "related":
            self.related_block = n_words <= RELATED_HEADING_MAX_WORDS
        if kind or self.title_key is None or n_words > datelines.CAPTION_MAX_WORDS:
            return kind  # (captions and names are short)
        cues = self.rules.cues
        if after_credit and datelines.is_caption_shape(key, n_words, cues):
            return "credit"  # a caption next to its image credit
        if datelines.is_caption(key, cues) and not (self.body_seen and "." in key):
            return "credit"  # a caption ending with its credit (in the body: no sentence in it)
        if self.body_seen:
            return kind
        if self.title_key and datelines.is_name_line(key, n_words, cues):
            return "byline"  # the author's name alone under the headline
        return kind

    @property
    def above_headline(self) -> bool:
        """Whether no headline is found yet (or only a short label that may give way)."""
        return self.title_key is None or self.provisional

    def label(self, at: int, content: str, key: str, n_words: int, furn: str, stamp: str) -> tuple[str, str]:
        """``(label, kind)`` of a non-blank line (the line ``at`` of the article), given its
        furniture kind and stamp date. ``("title", "instead")``: a headline that takes the
        place of the short label taken for one (:meth:`_Collected.retitle`)."""
        if furn:
            return "furniture", furn
        if key in self.seen:
            return "duplicate", "title" if key == self.title_key else "line"
        if stamp:
            if self.above_headline and datelines.is_page_date(content, self.rules.cues):
                return "furniture", "page_date"  # the site's date of the day, above the headline
            return "stamp", stamp
        short = n_words <= datelines.DATELINE_MAX_WORDS
        if short and self._is_wire_line(content, key):
            # «دانانغ - وكالات»: a source line wherever it stands (below the body, not the
            # article's dateline: a paragraph's opening one is)
            return ("furniture", "source") if self.body_seen else ("dateline", "")
        headline = self._headline(content, key, n_words, short) if self.above_headline else None
        if headline:
            return headline
        if not self.body_seen and self.content_seen < HEADER_ZONE and short \
                and self._is_dateline(content, colon=True):
            return "dateline", ""
        self.provisional = False
        if self.title_key is None:
            self.title_key = ""  # the article starts with a paragraph: no title
        elif not self.body_seen and self._maybe_caption(key, n_words):
            self.header.append(at)  # decided at the end (:func:`_revise`)
            return "body", ""
        self.body_seen = True
        return "body", ""

    def _headline(self, content: str, key: str, n_words: int, short: bool) -> tuple[str, str] | None:
        """``(label, kind)`` of a line that is the headline, or takes the place of a short
        label taken for it, or is a short headline's subheading; else None (always None
        once a headline is found that is no short label: call it only :attr:`above_headline`)."""
        # («عاجل | …» has a dateline's separator)
        ticker = (self.title_key is None or self.provisional) and _TICKER.match(key) is not None
        if self.title_key is None and n_words <= TITLE_MAX_WORDS \
                and (ticker or not (short and self._is_dateline(content))):
            self.title_key = key
            self.provisional = n_words <= LABEL_MAX_WORDS or ticker
            return "title", ""
        if not (self.provisional and self._is_headline(content, key, n_words)):
            return None
        was_ticker = _TICKER.match(self.title_key or "")
        if datelines.shares_a_word(_TICKER.sub("", self.title_key or ""), _TICKER.sub("", key)):
            self.provisional, self.body_seen = False, True
            return "body", ""  # the headline's subheading: no caption, the article's
        self.title_key, self.provisional = key, ticker
        self.content_seen -= 1  # the label was no content
        return "title", "instead-ticker" if was_ticker else "instead"

    def _maybe_caption(self, key: str, n_words: int) -> bool:
        """Whether a line under the headline, above the first paragraph, may be a caption
        or an author's name alone (decided from the lines after it)."""
        cues = self.rules.cues
        return bool(self.title_key) and (datelines.is_header_caption_shape(key, n_words, cues)
                                         or datelines.is_header_short_shape(key, n_words, cues))

    def _is_headline(self, content: str, key: str, n_words: int) -> bool:
        """Whether a line below a short label reads as a headline: a headline's length, no
        sentence's end, no reporting verb, not a dateline. It takes the label's place unless
        it shares a word with it: a short headline does with its subheading («هدنة حلب»
        over «هدنة تحت الاختبار في الشمال»), which then stays in the body, never a caption."""
        return (HEADLINE_MIN_WORDS <= n_words <= HEADLINE_MAX_WORDS
                and not key.endswith((".", "،", ",", ":", "؛", ";"))
                and self.rules.cues.reporting.search(key) is None
                and not (n_words <= datelines.DATELINE_MAX_WORDS and self._is_dateline(content)))

    def _is_wire_line(self, content: str, key: str) -> bool:
        """:func:`~analysis.clean.datelines.is_wire_line`, tried only on a line with a
        separator (a tatweel standing as a dash is folded away in the key)."""
        return ("-" in key or "/" in key or "|" in key or "ـ" in content) \
            and _is_wire_line(content, key, self.rules.cues)

    def _is_dateline(self, content: str, *, colon: bool = False) -> bool:
        return _is_dateline(content, self.rules.cues, colon)


@lru_cache(maxsize=8192)
def _is_wire_line(content: str, key: str, cues: datelines.Cues) -> bool:
    """:func:`~analysis.clean.datelines.is_wire_line`, cached: the lines it is tried on
    are mostly a site's wire line, repeated in every article."""
    return datelines.is_wire_line(content, cues, key)


@lru_cache(maxsize=8192)
def _is_dateline(content: str, cues: datelines.Cues, colon: bool) -> bool:
    """:func:`~analysis.clean.datelines.dateline_shape` of a line's content (cached: sites
    repeat their dateline and byline lines, and the folding costs more than the shape)."""
    folded = fold(content, collapse_whitespace=True).strip()
    return datelines.dateline_shape(folded, cues, colon=colon)


def line_key(line: str) -> str:
    """The form lines are compared and matched in: folded, white space collapsed, trimmed.

    Args:
        line: one line of text.

    Returns:
        The line folded (:func:`analysis.normalize.fold`), its white space collapsed.
    """
    return furniture.line_key(line)


@lru_cache(maxsize=65536)
def _classify(content: str, key: str, n_words: int, hits: int, rules: _Rules) -> tuple[str, str]:
    """``(furniture kind, stamp date)`` of one line alone ('' for none).

    Cached: sites repeat their furniture, byline and stamp lines in every article.
    """
    furn = rules.furniture.kind(key, n_words, hits) or ""
    if furn or n_words > datelines.STAMP_MAX_WORDS:
        return furn, ""
    if n_words <= datelines.WIRE_CODE_MAX_WORDS and datelines.is_wire_code(key, rules.cues):
        return "wire_code", ""  # «(النهاية)», «ع ق / ن م ك», «وام/أحمد علي/سامر خليل»
    stamp = datelines.stamp_with(content, rules.cues)
    if not stamp and datelines.is_date_line(key, rules.cues):
        return "date", ""  # a date the date layer does not resolve («26 جمادى الآخرة 1448 هـ»)
    return furn, stamp


def _line_alone(content: str, key: str, n_words: int, hits: int, rules: _Rules) -> tuple[str, str]:
    """:func:`_classify`, skipping the long lines that no rule can make furniture (this
    keeps body paragraphs out of its cache: 40 MB less at 10,000 articles)."""
    if n_words > _UNTRIGGERED_MAX_WORDS and " " in key and not rules.furniture.has_candidates(n_words, hits):
        return "", ""
    return _classify(content, key, n_words, hits, rules)


class _Collected:
    """What an article's lines come to, gathered line after line: rows, body, removed
    lines, tokens; a body line can still be taken back (:meth:`unbody`)."""

    def __init__(self, lines: _Lines, keep_rows: bool):
        self.lines = lines
        self.keep_rows = keep_rows
        self.rows: list[tuple[int, str, str, str, str]] = []  # one per line, if kept
        self.body: list[str] = []
        self.body_at: list[int] = []  # index of each body line among the lines
        self.removed: list[tuple[int, str, str, str, str]] = []
        self.n_tokens = 0
        self.title = self.dateline = ""
        self.title_at = -1  # the title's line
        self.stamps: list[tuple[bool, str, str]] = []  # (below the title, date, line)

    def add(self, row: tuple[int, str, str, str, str], n_line_tokens: int, below_title: bool) -> None:
        """A non-blank line that is not body (``below_title``: once the title is found)."""
        label = row[2]
        if label == "title":
            if row[3].startswith("instead"):
                self.retitle("ticker" if row[3] == "instead-ticker" else "label")
                row = (*row[:3], "", row[4])
            self.n_tokens += n_line_tokens
            self.title, self.title_at = row[4], row[0] - 1
        else:
            self.removed.append(row)
            self.dateline = self.dateline or (row[4] if label == "dateline" else "")
            if label == "stamp":
                self.stamps.append((below_title, row[3], row[4]))
        if self.keep_rows:
            self.rows.append(row)

    def retitle(self, kind: str = "label") -> None:
        """The title so far is a label (a site's name, a section) or a breaking-news ticker
        (``kind``) after all: a headline comes below it."""
        at = self.title_at
        row = (at + 1, self.lines.texts[at], "furniture", kind, self.title)
        self.n_tokens -= self.lines.tokens[at]
        if self.keep_rows:
            self.rows[at] = row
        self.removed.append(row)
        self.removed.sort()

    def unbody(self, kind: str, index: int = -1) -> None:
        """The body line ``index`` (in the body; the last by default) is furniture of this
        kind after all."""
        at = self.body_at.pop(index)
        row = (at + 1, self.lines.texts[at], "furniture", kind, self.body.pop(index))
        self.n_tokens -= self.lines.tokens[at]
        if self.keep_rows:
            self.rows[at] = row
        self.removed.append(row)
        self.removed.sort()

    def article(self, cues: datelines.Cues) -> _Article:
        return _Article(self.rows, self.n_tokens, self.title, self.body, self.dateline,
                        self._stamp(cues), self.removed)

    def _stamp(self, cues: datelines.Cues) -> str:
        """The article's date among its stamps: the first below the headline that says it is
        a stamp (:func:`~analysis.clean.datelines.is_strong_stamp`), else the first below
        the headline, else the first (a date above the headline is the page's)."""
        below = [(d, line) for is_below, d, line in self.stamps if is_below]
        if len(below) > 1:
            return next((d for d, line in below if datelines.is_strong_stamp(line, cues)), below[0][0])
        return below[0][0] if below else self.stamps[0][1] if self.stamps else ""


def _label_article(lines: _Lines, rules: _Rules, keep_rows: bool) -> _Article:
    """One article from its lines."""
    reading = _Reading(rules)
    out = _Collected(lines, keep_rows)
    rows, body, body_at, cues, seen = out.rows, out.body, out.body_at, rules.cues, reading.seen
    previous = ""  # label of the previous non-blank line
    site_at = _site_name_line(lines, rules)
    for i, (text, content, key, n_words, n_line_tokens, hits) in enumerate(zip(*lines)):
        if not content:
            if keep_rows:
                rows.append((i + 1, text, "blank", "", content))
            continue
        furn, stamp = ("masthead", "") if i == site_at else _line_alone(content, key, n_words, hits, rules)
        if furn == "credit" and previous == "body" and datelines.is_caption_shape(
                lines.keys[body_at[-1]], lines.words[body_at[-1]], cues):
            out.unbody("credit")  # the caption above its image credit
        label, kind = reading.label(i, content, key, n_words, reading.furniture(key, n_words, furn), stamp)
        row = (i + 1, text, label, kind, content)
        if label == "body":
            seen.add(key)
            body.append(content)
            body_at.append(i)
            out.n_tokens += n_line_tokens
            if keep_rows:
                rows.append(row)
        else:
            if label == "title":
                seen.add(key)
            out.add(row, n_line_tokens, not reading.above_headline)
        if label != "furniture":
            reading.content_seen += 1
        previous = label
    _revise(out, reading.header, cues)
    return out.article(cues)


#: Furniture that names the site: a copyright line, a follow or newsletter promo, a masthead
#: (not a credit: a caption with its credit may repeat a short headline).
_NAMING_KINDS = frozenset({"copyright", "follow", "newsletter", "masthead"})


def _site_name_line(lines: _Lines, rules: _Rules) -> int:
    """The first line, if it is the site's name: at most :data:`SITE_NAME_MAX_WORDS` words,
    not furniture by itself, coming again as whole words in a line that names the site
    (:data:`_NAMING_KINDS`: «جميع الحقوق محفوظة لموقع عربي21», «تابع صفحة عربي21 على
    فيسبوك»). Its index, or -1."""
    first = next((i for i, c in enumerate(lines.contents) if c), -1)
    if first < 0 or not 1 <= lines.words[first] <= SITE_NAME_MAX_WORDS:
        return -1
    name = lines.keys[first]
    if _line_alone(lines.contents[first], name, lines.words[first], lines.hits[first], rules)[0]:
        return -1
    pattern = re.compile(rf"(?<!\w)(?:ل|لل)?{re.escape(name)}(?!\w)")
    for j in range(first + 1, len(lines.keys)):
        if name in lines.keys[j] and pattern.search(lines.keys[j]) and _line_alone(
                lines.contents[j], lines.keys[j], lines.words[j], lines.hits[j], rules)[0] in _NAMING_KINDS:
            return first
    return -1


def _revise(out: _Collected, header: list[int], cues: datelines.Cues) -> None:
    """Body lines that the lines after them show to be furniture: the author's name
    closing the article, and captions and names between the headline and the first
    paragraph (the lines ``header``, in order, up to the first that is not one)."""
    body, at, lines = out.body, out.body_at, out.lines
    if len(body) > 1 and lines.words[at[-1]] <= 5 \
            and datelines.is_name_line(lines.keys[at[-1]], lines.words[at[-1]], cues):
        out.unbody("byline")
    for i in [i for i in header if i in at]:  # (a caption above its credit is out already)
        below = " ".join(lines.keys[j] for j in at[at.index(i) + 1:])
        kind = _header_kind(lines.keys[i], lines.words[i], below, cues) if below else ""
        if not kind:
            break  # the first paragraph: what follows is the article's
        out.unbody(kind, at.index(i))


def _header_kind(key: str, n_words: int, rest: str, cues: datelines.Cues) -> str:
    """What a line between the headline and the first paragraph is, given the keys of the
    body lines below it (``rest``): a caption (``credit``) when it closes with a source in
    parentheses or repeats a phrase or the names of the body; an author's name alone
    (``byline``); or '' (the article's own line)."""
    if datelines.has_closing_source(key) or datelines.repeats_phrase(key, rest) \
            or (n_words <= 5 and datelines.repeats_names(key, rest)):
        return "credit"
    if datelines.is_header_short_shape(key, n_words, cues) and datelines.is_name_shape(key, rest):
        return "byline"
    return ""


def _labelled(raws: list[str], *, rows: bool = True) -> Iterator[_Article]:
    """Per raw article, its :class:`_Article` (with all its rows if ``rows``), labelled in
    batches of about :data:`BATCH_CHARS` characters."""
    batch: list[str] = []
    size = 0
    for raw in raws:
        batch.append(raw)
        size += len(raw)
        if size >= BATCH_CHARS:
            yield from _label_batch(batch, rows)
            batch, size = [], 0
    yield from _label_batch(batch, rows)


def _batch_lines(raws: list[str], rules: _Rules) -> _Lines:
    """The lines of a batch of articles, each with what it is alone."""
    joined = "\n".join(raws)
    folded = fold(joined)  # folding keeps line breaks: its lines are the raw lines
    words, tokens, keys, hits = fast.line_facts(folded, rules.furniture)
    texts = joined.split("\n")
    # Invisibles are no white space and no line break: stripping them from the whole batch
    # strips them from each line.
    visible = strip_invisibles(joined).split("\n") if _INVISIBLE.search(joined) else texts
    return _Lines(texts, list(map(str.strip, visible)), keys, words, tokens, hits)


def _label_batch(raws: list[str], rows: bool) -> Iterator[_Article]:
    if not raws:
        return
    rules = _Rules(furniture.compiled(), datelines.load_cues())
    lines = _batch_lines(raws, rules)
    first = 0
    for raw in raws:
        last = first + raw.count("\n") + 1
        yield _label_article(lines.cut(first, last), rules, rows)
        first = last


def label_lines(raw: str) -> pd.DataFrame:
    """Every line of one raw article with its label (see the module docstring).

    Args:
        raw: the article's text as in its file.

    Returns:
        One row per line: line_no (1-based), text (the line as in the file), label, kind
        (furniture kind, or the parsed date of a stamp), content (the line trimmed, as
        stored in title and body).
    """
    return pd.DataFrame(next(_labelled([raw])).rows, columns=LINE_COLUMNS)


def _document(doc: dict, art: _Article) -> dict:
    """The documents row of one article: its metadata ``doc`` with what cleaning found."""
    dateline = art.dateline
    if not dateline:  # «واشنطن - التقى …» opening one of the first paragraphs
        dateline = next(filter(None, map(datelines.leading_dateline, art.body[:HEADER_ZONE])), "")
    row = doc
    row["title"] = art.title
    row["body"] = "\n".join(art.body)
    row["n_tokens"] = art.n_tokens  # count_tokens(title) + count_tokens(body)
    row["found_dateline"] = dateline
    row["found_date"] = art.stamp
    row["published_check"] = ""
    if art.stamp:
        if pd.isna(row["published"]):
            row["published"] = pd.Timestamp(art.stamp)
            row["published_basis"] = "stamp"
            row["published_check"] = "supplied"
        else:
            same = row["published"].strftime("%Y-%m-%d") == art.stamp
            row["published_check"] = "agrees" if same else "differs"
    row["n_lines_removed"] = len(art.removed)
    return row


def clean(documents: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Title, body and the audit of removed lines, for every article of a corpus.

    Args:
        documents: a loaded corpus (:func:`analysis.corpus.load`), with its ``raw`` column.

    Returns:
        ``(documents, removed_lines)``. The documents table gains title, body (paragraphs
        joined by ``\\n``), n_tokens, n_lines_removed, found_dateline (header line or
        paragraph-opening dateline), found_date (ISO date of a publication stamp) and
        published_check: ``agrees`` / ``differs`` when the stamp can be compared with
        ``published``, ``supplied`` when ``published`` was empty and the stamp supplied it
        (its basis then reads ``stamp``). The ``raw`` column is dropped (its sha256
        stays). removed_lines has one row per removed line: doc_id, line_no, text,
        reason (the label), kind.
    """
    out, removed = [], []
    for doc, art in zip(documents.drop(columns="raw").to_dict("records"),
                        _labelled(documents["raw"].tolist(), rows=False)):
        out.append(_document(doc, art))
        removed.extend((doc["doc_id"], *r[:4]) for r in art.removed)
    docs = pd.DataFrame(out)
    if len(docs):
        docs["published"] = pd.to_datetime(docs["published"])
        lead = ["doc_id", "outlet", "published", "published_basis", "title", "body", "n_tokens"]
        docs = docs[lead + [c for c in docs.columns if c not in lead]]
    removed_df = pd.DataFrame(removed, columns=REMOVED_COLUMNS)
    return docs, removed_df.sort_values(["doc_id", "line_no"], ignore_index=True)


def summary(raw: pd.DataFrame, documents: pd.DataFrame, removed: pd.DataFrame) -> pd.DataFrame:
    """Per article: characters before and after cleaning, and removed lines by reason.

    Args:
        raw: the loaded corpus (with ``n_chars``).
        documents: the cleaned documents (:func:`clean`).
        removed: the removed lines (:func:`clean`).

    Returns:
        Columns doc_id, chars_raw, chars_kept (title + body), share_kept, and one column
        per removal reason (dateline, duplicate, furniture, stamp) with its number of lines.
    """
    sizes = raw[["doc_id", "n_chars"]].rename(columns={"n_chars": "chars_raw"}).merge(
        documents.assign(chars_kept=documents["title"].str.len() + documents["body"].str.len())
        [["doc_id", "chars_kept"]], on="doc_id")
    sizes["share_kept"] = (sizes["chars_kept"] / sizes["chars_raw"]).round(3)
    reasons = [r for r in LABELS if r not in ("title", "body", "blank")]
    counts = (removed.groupby(["doc_id", "reason"]).size().unstack(fill_value=0)
              .reindex(columns=reasons, fill_value=0).reindex(sizes["doc_id"], fill_value=0))
    return sizes.merge(counts.reset_index(), on="doc_id")
