"""Actors: the codebook as data, actor mentions with offsets, counts and co-occurrence.

The codebook lives in three editable TSV files in ``analysis/data/`` (UTF-8, one header
line, tab-separated; see ``analysis/data/actors.md``):

* ``codebook.tsv``      -- one row per actor: ``id, type, side, english, label_ar``
* ``actor_aliases.tsv`` -- one row per alias: ``actor_id, alias, kind, note``. ``kind`` is
  one of :data:`ALIAS_KINDS`; ``exclude`` rows are phrases that contain an alias but are
  not a mention of the actor («روسيا البيضاء», «القاعدة الجوية», «حافظ الأسد»).
* ``actor_heads.tsv``   -- words that make an adjective an unnamed reference:
  ``phrase, role, note`` with role ``unnamed``, ``not_actor``, ``title`` or ``modifier``.

A researcher adds an actor or an alias by adding a row; a malformed file raises
:class:`CodebookError` naming the file, the line and the problem.

How a mention is counted (the conventions of DESIGN.md, "Actors"):

* Matching runs on the folded text (``normalize.fold``: hamza/alef, ى/ي, ة/ه, harakat,
  tatweel, digits), in which line breaks, quote marks of every kind and all other
  punctuation read as one space, so «قوات “سوريا الديمقراطية”», «الولايات\nالمتحدة»
  and «أ.ف.ب» match. Every alias also matches with attached proclitics (و ف ب ل ك,
  ال → لل): «وموسكو», «للولايات المتحدة», «لـروسيا». A match never starts or ends
  inside a word.
* The span of a mention is the whole orthographic word(s): it includes an attached
  proclitic («وموسكو») and trailing harakat, so ``text[start:end] == surface`` and the
  span starts and ends on word boundaries. ``alias`` gives the codebook form matched.
* The longest match wins and overlapping matches are resolved greedily by length, so
  «وزارة الدفاع الروسية» is RUS_MOD only and «روسيا اليوم» is RT only. Two names side
  by side are two mentions: «وزارة الدفاع الأمريكية (البنتاغون)» is US_DOD twice.
* Nisba adjectives (kind ``adjective``: «الروسية», «الأمريكان», «أمريكياً») count for the
  state when they stand for the state, its forces or its acts («القوات الروسية»,
  «الجانب الروسي», «الاتهامات الروسية»). They are NOT counted when they describe an
  unnamed person or a non-actor -- a head from ``actor_heads.tsv``:

  - directly after an ``unnamed`` or ``not_actor`` head, optionally with up to two
    ``modifier`` words between: «المسؤول الأمريكي», «نظيره الروسي», «مسؤولون عسكريون
    أمريكيون», «الرئيس الروسي», «الشعب الأمريكي»;
  - after a ``title`` head in construct with up to four definite nouns: «وزير الدفاع
    الأمريكي», «مستشار الأمن القومي الأمريكي», «رئيس هيئة الأركان العامة للقوات
    المسلحة الروسية»;
  - a coordinated adjective inherits the decision of the one before it:
    «المسؤولين الروس والأمريكيين» (neither), «القوات الروسية والأمريكية» (both).

  So a title without a name is an unnamed reference and is not counted, and a title
  followed by a codebook person is the person once: «الرئيس الروسي فلاديمير بوتين» is
  PUTIN (span «فلاديمير بوتين»), «وزير الخارجية الروسي سيرغي لافروف» is LAVROV,
  «وزيرا الخارجية الأمريكي جون كيري والروسي سيرغي لافروف» is KERRY and LAVROV, and an
  institution or state named inside the title counts no more than the adjective would:
  «رئيس هيئة الأركان الروسية فاليري غيراسيموف» is GERASIMOV. (Before a person outside the
  codebook the institution counts: «المتحدث باسم البنتاغون بيتر كوك» is US_DOD.)
* Unnamed references that are not adjectives («الطرفين», «البلدين», «وزارة الدفاع»
  without a nationality) are simply not aliases.

Cost: the fields are joined in batches, folded with vectorised table look-ups and
scanned once by one Aho-Corasick automaton holding every alias form (each padded with
spaces, so hits are whole words), so time grows with the corpus, not with the number of
aliases (``benchmarks/bench_actors.py``).
"""
from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from dataclasses import field as dc_field
from functools import lru_cache
from itertools import chain, combinations
from pathlib import Path

import ahocorasick
import numpy as np
import pandas as pd

from . import normalize
from .corpus import iter_fields
from .paths import data_file

SIDES = ("us", "russia", "syria_gov", "other", "jihadist", "us_partner", "opposition", "media")
TYPES = ("state", "institution", "alliance", "intl_org", "armed_group", "person", "media")
ALIAS_KINDS = ("name", "short_name", "title", "metonym", "abbreviation", "adjective",
               "spelling", "exclude")
HEAD_ROLES = ("unnamed", "not_actor", "title", "modifier", "rank")

MENTION_COLUMNS = ["doc_id", "field", "start", "end", "surface", "actor_id", "sentence",
                   "alias", "kind"]

_ID_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")


class CodebookError(ValueError):
    """A codebook data file is malformed; the message names the file, line and problem."""


# --- reading the data files ------------------------------------------------------------

def _read_tsv(path: Path, columns: list[str], optional: tuple[str, ...] = ()) -> list[tuple[int, dict]]:
    """``(line_no, row)`` for each non-blank line of a TSV file whose header has ``columns``."""
    try:
        handle = open(path, encoding="utf-8", newline="")
    except OSError as exc:
        raise CodebookError(f"{path}: cannot read the file ({exc.strerror})") from None
    with handle:
        try:
            lines = handle.read().splitlines()
        except UnicodeDecodeError as exc:
            raise CodebookError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    if not lines:
        raise CodebookError(f"{path}:1: empty file, expected a header {columns}")
    header = [h.strip().lstrip("\ufeff") for h in lines[0].split("\t")]
    missing = [c for c in columns if c not in header]
    if missing:
        raise CodebookError(f"{path}:1: header lacks column(s) {missing}; found {header}")
    known = set(columns) | set(optional)
    unknown = [h for h in header if h not in known]
    if unknown:
        raise CodebookError(f"{path}:1: unknown column(s) {unknown}; expected {columns + list(optional)}")
    rows = []
    for line_no, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) > len(header):
            raise CodebookError(f"{path}:{line_no}: {len(cells)} fields, header has {len(header)}")
        cells += [""] * (len(header) - len(cells))
        rows.append((line_no, {h: c.strip() for h, c in zip(header, cells)}))
    return rows


def _key(text: str) -> str:
    """The form in which phrases are compared and matched: folded, words separated by
    one space, punctuation and quote marks read as spaces («أ.ف.ب» → «ا ف ب»)."""
    return _matching_view(text).text.strip(" " + _FIELD_MARK)


def _mtime(path: Path) -> float:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1


def load_codebook(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """The actors: one row per actor, columns ``id, type, side, english, label_ar``.

    Read once per file version (cached on path and modification time). Raises
    :class:`CodebookError` for a missing column, an empty or duplicate id, an unknown type
    or side.
    """
    path = Path(path) if path else data_file("codebook.tsv")
    return _load_codebook(path.resolve(), _mtime(path)).copy()


@lru_cache(maxsize=16)
def _load_codebook(path: Path, mtime: float) -> pd.DataFrame:
    columns = ["id", "type", "side", "english", "label_ar"]
    seen: dict[str, int] = {}
    records = []
    for line_no, row in _read_tsv(path, columns):
        where = f"{path}:{line_no}"
        if not row["id"]:
            raise CodebookError(f"{where}: empty id")
        if not _ID_RE.match(row["id"]):
            raise CodebookError(f"{where}: id {row['id']!r} must be upper-case letters, digits, _")
        if row["id"] in seen:
            raise CodebookError(f"{where}: duplicate id {row['id']!r} (first on line {seen[row['id']]})")
        if row["type"] not in TYPES:
            raise CodebookError(f"{where}: unknown type {row['type']!r} for {row['id']}; allowed: {', '.join(TYPES)}")
        if row["side"] not in SIDES:
            raise CodebookError(f"{where}: unknown side {row['side']!r} for {row['id']}; allowed: {', '.join(SIDES)}")
        if not row["english"]:
            raise CodebookError(f"{where}: empty english name for {row['id']}")
        seen[row["id"]] = line_no
        records.append([row[c] for c in columns])
    if not records:
        raise CodebookError(f"{path}: no actors")
    return pd.DataFrame(records, columns=columns)


def load_aliases(path: str | os.PathLike | None = None, *,
                 codebook: pd.DataFrame | None = None) -> pd.DataFrame:
    """The aliases: columns ``actor_id, alias, kind, note, key, line``.

    ``key`` is the folded form used for matching. Checked against ``codebook`` (default:
    :func:`load_codebook`): unknown actor id, empty alias, unknown kind, and one folded
    alias given to two actors all raise :class:`CodebookError`. The same alias listed twice
    for one actor (e.g. «أمريكا» and «امريكا», which fold alike) is kept once.
    """
    path = Path(path) if path else data_file("actor_aliases.tsv")
    ids = tuple(sorted((codebook if codebook is not None else load_codebook())["id"]))
    return _load_aliases(path.resolve(), _mtime(path), ids).copy()


@lru_cache(maxsize=16)
def _load_aliases(path: Path, mtime: float, ids: tuple[str, ...]) -> pd.DataFrame:
    known = set(ids)
    first: dict[str, tuple[str, int, str]] = {}
    records = []
    for line_no, row in _read_tsv(path, ["actor_id", "alias", "kind"], optional=("note",)):
        where = f"{path}:{line_no}"
        actor, alias, kind = row["actor_id"], row["alias"], row["kind"]
        if actor not in known:
            raise CodebookError(f"{where}: unknown actor id {actor!r} (not in the codebook)")
        if not alias:
            raise CodebookError(f"{where}: empty alias for {actor}")
        if kind not in ALIAS_KINDS:
            raise CodebookError(f"{where}: unknown kind {kind!r}; allowed: {', '.join(ALIAS_KINDS)}")
        key = _key(alias)
        if not key:
            raise CodebookError(f"{where}: alias {alias!r} has no letters or digits once folded")
        if key in first:
            other_actor, other_line, other_kind = first[key]
            if other_actor != actor or (other_kind == "exclude") != (kind == "exclude"):
                raise CodebookError(
                    f"{where}: alias {alias!r} (folded {key!r}) is already given to "
                    f"{other_actor} ({other_kind}) on line {other_line}")
            continue
        first[key] = (actor, line_no, kind)
        records.append([actor, alias, kind, row.get("note", ""), key, line_no])
    return pd.DataFrame(records, columns=["actor_id", "alias", "kind", "note", "key", "line"])


def load_heads(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Heads that make a following adjective an unnamed reference: ``phrase, role, note, key``."""
    path = Path(path) if path else data_file("actor_heads.tsv")
    return _load_heads(path.resolve(), _mtime(path)).copy()


@lru_cache(maxsize=16)
def _load_heads(path: Path, mtime: float) -> pd.DataFrame:
    records, seen = [], {}
    for line_no, row in _read_tsv(path, ["phrase", "role"], optional=("note",)):
        where = f"{path}:{line_no}"
        if not _key(row["phrase"]):
            raise CodebookError(f"{where}: empty phrase")
        if row["role"] not in HEAD_ROLES:
            raise CodebookError(f"{where}: unknown role {row['role']!r}; allowed: {', '.join(HEAD_ROLES)}")
        key = _key(row["phrase"])
        if (key, row["role"]) in seen:
            raise CodebookError(f"{where}: duplicate {row['role']} head {row['phrase']!r} "
                                f"(line {seen[key, row['role']]})")
        seen[key, row["role"]] = line_no
        records.append([row["phrase"], row["role"], row.get("note", ""), key])
    return pd.DataFrame(records, columns=["phrase", "role", "note", "key"])


# --- the compiled codebook ---------------------------------------------------------------

@dataclass(frozen=True)
class Codebook:
    """Actors, aliases and heads, validated together, with the matcher built from them."""

    actors: pd.DataFrame
    aliases: pd.DataFrame
    heads: pd.DataFrame
    _cache: dict = dc_field(default_factory=dict, repr=False, compare=False)

    @property
    def matcher(self) -> "_Matcher":
        if "matcher" not in self._cache:
            self._cache["matcher"] = _Matcher(self.aliases, self.heads, self.actors)
        return self._cache["matcher"]


def load(*, codebook_path: str | os.PathLike | None = None,
         aliases_path: str | os.PathLike | None = None,
         heads_path: str | os.PathLike | None = None) -> Codebook:
    """The codebook files read and checked together (cached per file version)."""
    paths = [Path(p) if p else data_file(d) for p, d in ((codebook_path, "codebook.tsv"),
             (aliases_path, "actor_aliases.tsv"), (heads_path, "actor_heads.tsv"))]
    return _load_all(*(p.resolve() for p in paths), *(_mtime(p) for p in paths))


@lru_cache(maxsize=8)
def _load_all(cb: Path, al: Path, hd: Path, *mtimes: float) -> Codebook:
    actors = load_codebook(cb)
    return Codebook(actors, load_aliases(al, codebook=actors), load_heads(hd))


def _alias_forms(key: str, kind: str) -> list[str]:
    """The written forms an alias can take with attached proclitics.

    An indefinite adjective follows its noun and only takes a conjunction («وروسية»); a
    preposition would make «بروس» (Bruce) or «كروس» (cross) look like «روس».
    """
    if kind == "adjective" and not key.startswith("ال"):
        return [key, "و" + key, "ف" + key]
    return normalize.proclitic_forms(key)


class _Matcher:
    """One Aho-Corasick automaton over every alias form, plus the head-word sets."""

    def __init__(self, aliases: pd.DataFrame, heads: pd.DataFrame, actors: pd.DataFrame):
        self.actor = aliases["actor_id"].tolist()
        types = dict(zip(actors["id"], actors["type"]))
        self.person_array = np.array([types.get(a) == "person" for a in self.actor], dtype=bool)
        self.kind = aliases["kind"].tolist()
        self.key = aliases["key"].tolist()
        self.automaton = ahocorasick.Automaton()
        best: dict[str, tuple[int, int]] = {}  # form -> (is_clitic_form, alias index)
        for i, (key, kind) in enumerate(zip(self.key, self.kind)):
            for j, form in enumerate(_alias_forms(key, kind)):
                rank = (int(j > 0), i)
                if form not in best or rank < best[form]:
                    best[form] = rank
        for form, (_, i) in best.items():
            # padded with spaces: a hit always starts and ends on a word boundary
            self.automaton.add_word(f" {form} ", (len(form) + 2) << 20 | i)
        self.automaton.make_automaton()
        self.heads = {role: set() for role in HEAD_ROLES}
        for key, role in zip(heads["key"], heads["role"]):
            forms = [key] if role == "modifier" else normalize.proclitic_forms(key)
            self.heads[role].update(forms)
        self.blocking = self.heads["unnamed"] | self.heads["not_actor"] | self.heads["title"]
        self.immediate_words = {w for role in ("unnamed", "not_actor", "title", "modifier")
                                for f in self.heads[role] for w in f.split()}
        self.title_words = {w for f in self.heads["title"] for w in f.split()}
        self.kind_array = np.array(self.kind, dtype=object)
        # the output columns, taken by alias index
        self.actor_str = pd.array(self.actor, dtype="str")
        self.kind_str = pd.array(self.kind, dtype="str")
        self.key_str = pd.array(self.key, dtype="str")
        self.max_words = max([len(k.split()) for k in heads["key"]] + [1])
        self.head_words = _HeadWords(self.heads, self.max_words)


# --- finding mentions -------------------------------------------------------------------

_TRAILING_MARKS = frozenset(normalize.DIACRITICS + normalize.TATWEEL)
_WORDS = re.compile(r"[^\W_]+|[^\w\s]")
#: What may stand between two coordinated adjectives: «الروسية والأمريكية», «الروسية – الأمريكية».
_CHAIN_GAP = re.compile(r"[\s\-/و\"']*")
#: Joins the fields of a batch: a sentence break around a mark that folding keeps, that is no
#: letter and that the matching view keeps as a token of its own, so no alias can match
#: across two fields. (NUL would not do: folding deletes it as an invisible character.)
_FIELD_MARK = "\x01"
_SEPARATOR = f"\n{_FIELD_MARK}\n"
#: Characters scanned together. Any size gives the same mentions; at a quarter of a million
#: the batch's arrays stay in the CPU caches (at two million they did not: 15% slower).
_BATCH_CHARS = 250_000


#: Table values for characters that fold to nothing (harakat, tatweel, invisibles) and
#: to several characters (presentation forms such as «ﻻ», lone surrogates).
_DROPPED, _IRREGULAR = 0xFFFFFFFE, 0xFFFFFFFF


@lru_cache(maxsize=1)
def _fold_tables() -> tuple[np.ndarray, np.ndarray]:
    """``normalize.fold`` of every code point, as arrays for vectorised folding.

    ``(plain, view)``: ``plain`` holds the folded character; ``view`` the same, except
    that everything that is not a letter or digit -- white space, quote marks of every
    kind, punctuation, emoji and other astral symbols -- is a space, so that «قوات “سوريا
    الديمقراطية”» reads like «قوات سوريا الديمقراطية» and every word is between spaces.
    A character that folds to nothing is :data:`_DROPPED`; one that folds to several
    characters :data:`_IRREGULAR` (the exact slow path handles it). Tables over all of
    Unicode (4 MB each) make folding one look-up per character.
    """
    plain = np.arange(0x110000, dtype=np.uint32)
    view = np.full(0x110000, 32, dtype=np.uint32)
    for code in range(0x10000):
        folded = normalize.fold(chr(code))
        if len(folded) != 1:
            plain[code] = view[code] = _DROPPED if not folded else _IRREGULAR
            continue
        plain[code] = ord(folded)
        if folded.isalnum() or folded == _FIELD_MARK or unicodedata.category(folded)[0] == "M":
            view[code] = ord(folded)
    plain[0xD800:0xE000] = view[0xD800:0xE000] = _IRREGULAR  # lone surrogates cannot be encoded
    return plain, view


@dataclass(frozen=True)
class _View:
    """A text folded two ways, each with the position in the text of its characters.

    ``text``/``index``: the matching view -- folded, spaces for white space, quotes and
    punctuation, runs of spaces collapsed. ``folded``/``folded_index``: ``normalize.fold``
    of the text (punctuation kept), so that ``normalize.fold(text[a:b])`` is
    ``folded[searchsorted(folded_index, a):searchsorted(folded_index, b)]``.
    """

    text: str
    index: np.ndarray
    folded: str
    folded_index: np.ndarray
    folded_codes: np.ndarray  # the code points of ``folded``
    regular: bool = True  # folded without presentation forms: a view character for every folded one

    def folded_at(self, positions: np.ndarray) -> np.ndarray:
        """Where each position of the text falls in ``folded``."""
        return np.searchsorted(self.folded_index, positions)


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _matching_view(text: str, codes: np.ndarray | None = None) -> _View:
    """``text`` (of code points ``codes``) folded for matching (:class:`_View`), vectorised
    (no Python loop per character); text with presentation forms goes through the exact
    ``normalize.fold_with_offsets``.
    """
    plain_table, view_table = _fold_tables()
    codes = _code_points(text) if codes is None else codes
    plain = plain_table.take(codes)  # take: twice as fast as plain_table[codes]
    regular = not (len(plain) and plain.max() == _IRREGULAR)
    if not regular:
        exact = normalize.fold_with_offsets(text, collapse_whitespace=False)
        folded, folded_index = exact.text, exact.offsets[:-1]
        folded_codes = _code_points(folded)
        mapped = view_table.take(folded_codes)
        keep = mapped != _DROPPED
        mapped, index = mapped[keep], folded_index[keep]
    else:
        keep = plain != _DROPPED
        folded_index = np.flatnonzero(keep)
        folded_codes = plain[keep]
        folded = folded_codes.tobytes().decode("utf-32-le", "surrogatepass")
        mapped, index = view_table.take(codes)[keep], folded_index
    repeat = mapped[1:] == 32
    repeat &= mapped[:-1] == 32
    if repeat.any():
        single = np.concatenate(([True], ~repeat))
        mapped, index = mapped[single], index[single]
    return _View(mapped.tobytes().decode("utf-32-le", "surrogatepass"), index, folded, folded_index,
                 folded_codes, regular)


def _is_definite(word: str) -> bool:
    return word.startswith(("ال", "لل")) and len(word) > 3


def _ends_with(words: list[str], end: int, phrases: set[str], max_words: int) -> bool:
    """Whether ``words[:end]`` ends with one of ``phrases`` (of up to ``max_words`` words)."""
    for n in range(1, min(max_words, end) + 1):
        if " ".join(words[end - n:end]) in phrases:
            return True
    return False


def _unnamed(folded: str, start: int, end: int, m: _Matcher) -> bool:
    """Whether the adjective after ``folded[start:end]`` (the folded text of the 100
    characters before it) follows a head that makes it unnamed.

    Read on the folded text with its punctuation, which ends the phrase: in «قال
    المسؤول، الروسي …» the comma separates the head from the adjective."""
    words = _WORDS.findall(folded, start, end)
    end = len(words)
    for _ in range(2):  # «مسؤولون عسكريون كبار أمريكيون»
        if end and words[end - 1] in m.heads["modifier"] and not _ends_with(words, end, m.blocking, m.max_words):
            end -= 1
    if _ends_with(words, end, m.blocking, m.max_words):
        return True
    for _ in range(4):  # «وزير الدفاع الأمريكي», «مستشار الأمن القومي الأمريكي»
        if not (end and _is_definite(words[end - 1])):
            return False
        end -= 1
        if _ends_with(words, end, m.heads["title"], m.max_words):
            return True
    return False


_HASH_MULTIPLIERS = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9)  # odd: invertible mod 2**64


@lru_cache(maxsize=1)
def _token_classes() -> np.ndarray:
    """For every code point, how ``_WORDS`` reads it: 1 word character (``[^\\W_]``),
    2 a token of its own (``[^\\w\\s]``), 0 a separator (white space, ``_``)."""
    table = np.zeros(0x110000, dtype=np.uint8)
    for kind, pattern in ((1, r"[^\W_]+"), (2, r"[^\w\s]+")):  # runs of code points: few matches
        for m in re.finditer(pattern, normalize.every_character()):
            table[m.start():m.end()] = kind
    return table


class _HeadWords:
    """The words of the head phrases as numbers, to apply the head rules with numpy.

    A token of the text is looked up by a polynomial hash of its code points (mod 2**64),
    then compared code point by code point, so its id is exact. A phrase is a path in a
    trie read backwards from its last word. Phrases that no tokens can spell (a word that
    is no ``_WORDS`` token, more than ``max_words`` words) are left out, as ``_ends_with``
    never finds them either.
    """

    def __init__(self, heads: dict[str, set[str]], max_words: int):
        phrases = {p: p.split(" ") for p in sorted(heads["unnamed"] | heads["not_actor"] | heads["title"])}
        phrases = {p: w for p, w in phrases.items() if len(w) <= max_words and all(map(_WORDS.fullmatch, w))}
        vocab = sorted({x for w in phrases.values() for x in w}
                       | set(filter(_WORDS.fullmatch, heads["modifier"] | heads["rank"])))
        ids = {w: i for i, w in enumerate(vocab)}
        self.n_words, self.max_words = len(vocab), max_words
        self.modifier = np.array([w in heads["modifier"] for w in vocab] + [False])  # [-1]: no head word
        self.rank = np.array([w in heads["rank"] for w in vocab] + [False])
        self.length = np.array([len(w) for w in vocab], dtype=np.int64)
        self.codes = np.zeros((len(vocab), max(self.length, default=0)), dtype=np.uint32)
        for i, w in enumerate(vocab):
            self.codes[i, :len(w)] = _code_points(w)
        for multiplier in _HASH_MULTIPLIERS:  # the first gives distinct hashes unless the data is hostile
            self.multiplier, self._powers = multiplier, (np.ones(0, np.uint64), np.ones(0, np.uint64))
            width = self.codes.shape[1]
            hashes = (self.codes * self.powers(width)[0][:width]).sum(axis=1)  # uint64 wraps: mod 2**64
            self.hash_order = np.argsort(hashes, kind="stable")
            self.hashes = hashes[self.hash_order]
            if not (np.diff(self.hashes) == 0).any():
                break
        else:
            raise CodebookError("actor_heads.tsv: head words with equal hashes")
        # the trie, backwards: edge (node, word id) -> node; node 0 is the root
        edges: dict[tuple[int, int], int] = {}
        ends_blocking, ends_title = [False], [False]
        for phrase, words in phrases.items():
            node = 0
            for w in reversed(words):
                node = edges.setdefault((node, ids[w]), len(ends_blocking))
                if node == len(ends_blocking):
                    ends_blocking.append(False)
                    ends_title.append(False)
            ends_blocking[node] = True
            ends_title[node] = phrase in heads["title"]
        self.ends_blocking = np.array(ends_blocking + [False])  # [-1]: no node
        self.ends_title = np.array(ends_title + [False])
        # the edges from the root as a table by word; the others, few, by sorted key
        self.last_word = np.full(len(vocab) + 1, -1)  # [-1]: no head word
        self.inner = np.zeros(len(ends_blocking) + 1, dtype=bool)  # a longer phrase goes on
        keys = []
        for (node, w), child in edges.items():
            self.inner[node] = True
            if node:
                keys.append((node * len(vocab) + w, child))
            else:
                self.last_word[w] = child
        keys.sort()
        self.edge_keys = np.array([k for k, _ in keys] + [-1], dtype=np.int64)  # [-1]: never found
        self.edge_child = np.array([c for _, c in keys] + [-1], dtype=np.int64)

    def powers(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """``multiplier ** i`` and ``multiplier ** -i`` (mod 2**64) for ``i < n`` at least."""
        if len(self._powers[0]) < n:
            n = max(n, 2 * len(self._powers[0]))
            up = np.full(n, self.multiplier, dtype=np.uint64)
            down = np.full(n, pow(self.multiplier, -1, 2 ** 64), dtype=np.uint64)
            up[0] = down[0] = 1
            self._powers = (np.cumprod(up), np.cumprod(down))
        return self._powers

    def ids(self, codes: np.ndarray, prefix: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
        """The id of the head word each token ``codes[start:end]`` is, or -1 (any shape).
        ``prefix[i]`` is the sum of ``codes[j] * multiplier ** j`` for ``j < i``."""
        ids = np.full(start.shape, -1)
        if not self.n_words:
            return ids
        hashes = (prefix[end] - prefix[start]) * self.powers(0)[1][start]  # of codes[start:end]
        at = np.minimum(np.searchsorted(self.hashes, hashes), self.n_words - 1)
        maybe = np.flatnonzero(self.hashes[at] == hashes)  # then compared code point by code point
        start, end, at = start.ravel()[maybe], end.ravel()[maybe], self.hash_order[at.ravel()[maybe]]
        offsets = np.arange(self.codes.shape[1])
        chars = codes.take(np.minimum(start[:, None] + offsets, len(codes) - 1))
        same = (end - start == self.length[at]) & (
            (chars == self.codes[at]) | (offsets >= (end - start)[:, None])).all(axis=1)
        ids.ravel()[maybe[same]] = at[same]
        return ids

    def phrase_ends(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Whether a blocking / a title phrase ends at each column of ``ids`` (rows of
        consecutive tokens), read on the tokens of the row; False for the first
        ``max_words - 1`` columns, whose phrases could start before the row."""
        first = self.max_words - 1
        blocking, title = np.zeros(ids.shape, dtype=bool), np.zeros(ids.shape, dtype=bool)
        node = self.last_word[ids[:, first:]]
        blocking[:, first:], title[:, first:] = self.ends_blocking[node], self.ends_title[node]
        rows, cols = np.nonzero(self.inner[node])  # longer phrases: a few steps further back
        node = node[rows, cols]
        for back in range(1, self.max_words):
            word = ids[rows, cols + first - back]
            key = node * self.n_words + word
            at = np.searchsorted(self.edge_keys[:-1], key)
            found = (word >= 0) & (self.edge_keys[at] == key)
            rows, cols, node = rows[found], cols[found], self.edge_child[at[found]]
            blocking[rows, cols + first] |= self.ends_blocking[node]
            title[rows, cols + first] |= self.ends_title[node]
        return blocking, title


class _Tokens:
    """The tokens ``_WORDS.finditer`` finds in a batch's folded text (``start``/``end`` in
    ``folds.folded``), and, for those asked for, which head word each is."""

    def __init__(self, folds: _View, head_words: _HeadWords):
        self.codes, self.head_words = codes, _ = folds.folded_codes, head_words
        self.cls = cls = _token_classes().take(codes)
        word, single = cls == 1, cls == 2
        first, last = single.copy(), single  # a word token starts after a non-word character
        first[:1] |= word[:1]
        first[1:] |= word[1:] & ~word[:-1]
        last[-1:] |= word[-1:]
        last[:-1] |= word[:-1] & ~word[1:]
        self.start, self.end = np.flatnonzero(first), np.flatnonzero(last) + 1
        self.prefix = np.zeros(len(codes) + 1, dtype=np.uint64)  # codes[i] * multiplier ** i, summed
        np.cumsum(codes * head_words.powers(len(codes))[0][:len(codes)], out=self.prefix[1:])

    def ids(self, tokens: np.ndarray) -> np.ndarray:
        """The head word id of each of ``tokens`` (token numbers, any shape), or -1."""
        return self.head_words.ids(self.codes, self.prefix, self.start[tokens], self.end[tokens])


def _near_head(view: str, s: int, m: _Matcher) -> bool:
    """A quick necessary test before :func:`_unnamed`: a head word among the last words
    of the matching view before ``view[s:]``."""
    near = view[max(0, s - 90):s].split()
    return not m.immediate_words.isdisjoint(near[-3:]) or not m.title_words.isdisjoint(near[-8:])


def _unnamed_adjectives(folds: _View, view: str, a_start: np.ndarray, a_end: np.ndarray,
                        s_view: np.ndarray, tokens: _Tokens, m: _Matcher) -> np.ndarray:
    """Which of a batch's adjectives (text spans ``a_start:a_end``, in order, at ``s_view``
    in the padded view) are unnamed references: ``_near_head`` and :func:`_unnamed`, or
    the decision of the adjective before for a coordinated one.

    :func:`_unnamed` reads the tokens of the 100 characters before the adjective from the
    end, never more than ``max_words + 6`` of them; when the window holds more tokens than
    that, the first one (perhaps cut) is never read, and the rules run here on the tokens
    of the whole batch with numpy. Otherwise, and to confirm ``_near_head`` where the
    adjective is found unnamed, Python decides.
    """
    at = folds.folded_at(a_start)
    # coordinated («الروس والأمريكيين»): close to the adjective before, only _CHAIN_GAP between
    chained = np.zeros(len(a_start), dtype=bool)
    close = np.flatnonzero((a_start[1:] - a_end[:-1] >= 0) & (a_start[1:] - a_end[:-1] <= 12))
    gaps = zip(folds.folded_at(a_end[close]).tolist(), at[close + 1].tolist())
    chained[close + 1] = [_CHAIN_GAP.fullmatch(folds.folded, g, f) is not None for g, f in gaps]
    own = np.flatnonzero(~chained)
    window, at, s_view = folds.folded_at(np.maximum(a_start[own] - 100, 0)), at[own], s_view[own]
    n_before = np.searchsorted(tokens.start, at)  # no token runs across an adjective's start
    reach = m.max_words + 6
    fast = n_before - np.searchsorted(tokens.end, window, side="right") > reach
    # the rules of _unnamed on the last ``reach`` tokens before each adjective, all at once;
    # ``end`` is the column after the phrase read so far
    hw, codes = m.head_words, folds.folded_codes
    rows = n_before[fast, None] - np.arange(reach, 0, -1)
    first, length = tokens.start[rows], tokens.end[rows] - tokens.start[rows]
    ids = tokens.ids(rows)
    blocking, title = hw.phrase_ends(ids)
    modifier = hw.modifier[ids]
    c0, c1 = codes[first], codes[np.minimum(first + 1, len(codes) - 1)]
    definite = (length > 3) & ((c0 == ord("ا")) | (c0 == ord("ل"))) & (c1 == ord("ل"))  # «ال», «لل»
    row = np.arange(len(rows))
    end = np.full(len(rows), reach)
    for _ in range(2):  # up to two modifiers: «مسؤولون عسكريون كبار أمريكيون»
        end -= modifier[row, end - 1] & ~blocking[row, end - 1]
    found = blocking[row, end - 1]
    going = ~found
    for _ in range(4):  # a title in construct with up to four definite nouns
        going &= definite[row, end - 1]
        end -= going
        found |= going & title[row, end - 1]
        going &= ~found
    # ``_near_head`` holds where the phrase read (from the head's last word, column end - 1,
    # on) is whole words of the view: word tokens with white space between and before
    # (punctuation would stand as a space there, a mark or the field mark not), all within
    # the 90 characters before the adjective. Python checks the other adjectives found.
    word = tokens.cls[first] == 1
    suffix = np.cumsum((~word[:, ::-1]) * 1024 + length[:, ::-1] + 1, axis=1)[:, ::-1]  # non-words, size
    clean = (suffix[row, end - 1] <= 90) & (tokens.cls[first[row, end - 1] - 1] == 0) & folds.regular
    unnamed = np.zeros(len(own), dtype=bool)
    unnamed[fast] = found
    confirmed = np.zeros(len(own), dtype=bool)
    confirmed[fast] = found & clean
    for i in np.flatnonzero(~fast | (unnamed & ~confirmed)).tolist():
        unnamed[i] = _near_head(view, s_view[i], m) and (
            bool(unnamed[i]) if fast[i] else _unnamed(folds.folded, window[i], at[i], m))
    return unnamed[np.cumsum(~chained) - 1]  # the decision of the last adjective not chained


def find_mentions(documents: pd.DataFrame, *, codebook: Codebook | None = None) -> pd.DataFrame:
    """One row per actor mention in the titles and bodies of ``documents``.

    Columns: ``doc_id, field, start, end, surface, actor_id, sentence, alias, kind`` --
    ``start``/``end`` index the stored field text (``text[start:end] == surface``),
    ``sentence`` is the index of the sentence within the field
    (:func:`analysis.normalize.sentence_spans`), ``alias`` the codebook alias matched and
    ``kind`` its kind. Sorted by doc_id, field, start. See the module docstring for the
    counting rules.
    """
    cb = codebook if codebook is not None else load()
    m = cb.matcher
    texts = [text for _, _, text in iter_fields(documents)]  # field 2i: title of doc i, 2i + 1: body
    batches, first, size = [], 0, 0
    for i, text in enumerate(texts):
        size += len(text) + len(_SEPARATOR)
        if size >= _BATCH_CHARS or i == len(texts) - 1:
            batches.append(_scan(texts, first, i + 1, m))
            first, size = i + 1, 0
    field_no, start, end, alias, sentence = (
        np.concatenate([b[j] for b in batches] + [np.zeros(0, dtype=np.int64)]) for j in range(5))
    surface = pd.array([s for b in batches for s in b[5]], dtype="str")

    # Sort by doc_id, field, start on integer keys (a stable sort, like sort_values):
    # much cheaper than sorting string columns. The body sorts before the title.
    doc_id = pd.Series(documents["doc_id"].to_numpy(dtype=object)).astype(str).array
    doc_rank, uniques = pd.factorize(doc_id, sort=True)
    doc_rank[doc_rank < 0] = len(uniques)  # a missing doc_id sorts last
    doc, is_body = field_no // 2, field_no % 2
    if len(uniques) == len(doc_rank):
        # distinct doc_ids: the mentions come by field, then start, so sorting the fields
        # (and keeping the order of the mentions within each) is the same
        per_field = np.bincount(field_no, minlength=len(texts))
        fields = np.lexsort((np.arange(len(texts)) % 2 == 0, doc_rank.repeat(2)))
        n, first_mention = per_field[fields], (np.cumsum(per_field) - per_field)[fields]
        order = np.repeat(first_mention - (np.cumsum(n) - n), n) + np.arange(n.sum())
    else:
        order = np.lexsort((start, 1 - is_body, doc_rank[doc]))
    alias = alias[order]
    return pd.DataFrame({
        "doc_id": doc_id.take(doc[order]),
        "field": _FIELD_NAMES.take(is_body[order]),
        "start": start[order],
        "end": end[order],
        "surface": surface.take(order),
        "actor_id": m.actor_str.take(alias),
        "sentence": sentence[order],
        "alias": m.key_str.take(alias),
        "kind": m.kind_str.take(alias),
    }, columns=MENTION_COLUMNS)


_FIELD_NAMES = pd.array(["title", "body"], dtype="str")  # field 2i is a title, 2i + 1 a body

#: Sentence breaks as :func:`analysis.normalize.sentence_spans` finds them (``_SENTENCE_END``):
#: a run of final marks and closing quotes followed by white space, or a line break.
_FINAL_MARKS, _CLOSING_QUOTES = ".!?؟!…۔", "\"'»”’)]"
_MARK, _QUOTE, _LINE, _SPACE = 1, 2, 3, 4


@lru_cache(maxsize=1)
def _sentence_classes() -> np.ndarray:
    """For every code point: a final mark, a closing quote, a line break, other white space
    (``\\s``, as ``str.isspace``) or 0."""
    table = np.zeros(0x110000, dtype=np.uint8)
    for m in re.finditer(r"\s+", normalize.every_character()):
        table[m.start():m.end()] = _SPACE
    table[ord("\n")] = _LINE
    table[[ord(c) for c in _FINAL_MARKS]] = _MARK
    table[[ord(c) for c in _CLOSING_QUOTES]] = _QUOTE
    return table


def _sentence_starts(codes: np.ndarray) -> np.ndarray:
    """``[s for s, _ in normalize.sentence_spans(text)]`` for the text of code points ``codes``.

    A sentence starts at the first non-space character of the text, and at the first
    non-space character after a break: after a line break, or after the last mark of a run
    of final marks when the closing quotes after it (if any) are followed by white space.
    """
    cls = _sentence_classes().take(codes)
    solid = np.flatnonzero(cls < _LINE)  # the non-space characters
    if not len(solid):
        return solid
    special = np.flatnonzero(cls - np.uint8(_MARK) <= _LINE - _MARK)  # marks, quotes, line breaks
    kind = cls[special]
    after, quotes, lines = special[kind == _MARK] + 1, special[kind == _QUOTE], special[kind == _LINE]
    if len(quotes):  # skip the closing quotes after a mark: to the end of their run
        run_start = np.concatenate(([True], np.diff(quotes) != 1))
        run_last = quotes[np.append(np.flatnonzero(run_start)[1:] - 1, len(quotes) - 1)]
        at = np.minimum(np.searchsorted(quotes, after), len(quotes) - 1)
        quoted = quotes[at] == after
        after[quoted] = run_last[np.cumsum(run_start)[at[quoted]] - 1] + 1
    after = after[after < len(cls)]
    breaks = np.sort(np.concatenate((after[cls[after] >= _LINE], lines)))
    nxt = np.searchsorted(solid, breaks)
    starts = np.concatenate((solid[:1], solid[nxt[nxt < len(solid)]]))
    return starts[np.concatenate(([True], np.diff(starts) > 0))]


def _scan(texts: list[str], first: int, stop: int, m: _Matcher) -> tuple:
    """Mentions in the fields ``texts[first:stop]``, joined by a separator and scanned once.

    Returns arrays (field number, start, end, alias index, sentence) and the surfaces.
    """
    texts = texts[first:stop]
    joined = _SEPARATOR.join(texts)
    starts = np.cumsum([0] + [len(t) + len(_SEPARATOR) for t in texts[:-1]])
    codes = _code_points(joined)
    folds = _matching_view(joined, codes)
    view, index = f" {folds.text} ", folds.index  # every word, the first and last too, between spaces
    empty = np.zeros(0, dtype=np.int64)

    # 1. every alias form found, then the longest first, greedily, without overlaps
    hits = np.fromiter(chain.from_iterable(m.automaton.iter(view)), dtype=np.int64).reshape(-1, 2)
    if not len(hits):
        return empty, empty, empty, empty, empty, []
    length, alias = hits[:, 1] >> 20, hits[:, 1] & 0xFFFFF
    s_view = hits[:, 0] - length + 2  # the hit is " form ": the form is view[s:e]
    e_view = hits[:, 0]
    order = np.lexsort((-length, s_view))
    s_view, e_view, alias = s_view[order], e_view[order], alias[order]
    # Clusters of overlapping hits. Nearly always the first hit of a cluster (the longest
    # at its start) covers the whole cluster -- an alias inside a longer one, «روسيا» in
    # «روسيا اليوم» -- and is the one kept; other clusters are resolved greedily in Python.
    reach = np.maximum.accumulate(e_view)
    new_cluster = np.ones(len(s_view), dtype=bool)
    new_cluster[1:] = s_view[1:] >= reach[:-1]
    heads = np.flatnonzero(new_cluster)
    tails = np.append(heads[1:], len(s_view))
    covers = e_view[heads] == np.maximum.reduceat(e_view, heads)
    keep = np.zeros(len(s_view), dtype=bool)
    keep[heads[covers]] = True
    for a, b in zip(heads[~covers].tolist(), tails[~covers].tolist()):
        taken: list[tuple[int, int]] = []
        spans = list(zip(s_view[a:b].tolist(), e_view[a:b].tolist()))
        for i in sorted(range(b - a), key=lambda i: (spans[i][0] - spans[i][1], spans[i][0])):
            s, e = spans[i]
            if all(e <= ts or s >= te for ts, te in taken):
                taken.append((s, e))
                keep[a + i] = True
    s_view, e_view, alias = s_view[keep], e_view[keep], alias[keep]
    # view[s:e] is index[s - 1:e - 1] (the view got a leading space)
    start = index[s_view - 1]
    end = index[e_view - 2] + 1

    # 2. a leading tatweel and trailing harakat belong to the word; dropped characters
    # left a gap in index
    preceding = np.where(s_view >= 2, index[np.maximum(s_view - 2, 0)], -1)  # the view character before
    for i in np.flatnonzero(start - preceding > 1):
        while start[i] > 0 and joined[start[i] - 1] == normalize.TATWEEL:
            start[i] -= 1
    last = e_view - 1 >= len(index)  # where the next view character is
    following = np.where(last, len(joined), index[np.minimum(e_view - 1, len(index) - 1)])
    for i in np.flatnonzero(following - end > 0):
        while end[i] < len(joined) and joined[end[i]] in _TRAILING_MARKS:
            end[i] += 1

    # 3. exclusions and unnamed adjectives, read on the folded text (its tokens found once)
    tokens = _Tokens(folds, m.head_words)
    kind = m.kind_array[alias]
    keep = kind != "exclude"
    adjectives = np.flatnonzero(kind == "adjective")
    keep[adjectives] = ~_unnamed_adjectives(folds, view, start[adjectives], end[adjectives],
                                            s_view[adjectives], tokens, m)
    start, end, alias, s_view = start[keep], end[keep], alias[keep], s_view[keep]

    # 3b. a title before a named person belongs to the person's mention: an adjective or a
    # name inside it is not counted again («وزيرا الخارجية الأمريكي جون كيري والروسي سيرغي
    # لافروف», «رئيس هيئة الأركان الروسية فاليري غيراسيموف»). Only rank words («الفريق
    # أول», «الجنرال») may stand between; a name needs a title word just before it.
    person = m.person_array[alias]
    keep = np.ones(len(alias), dtype=bool)
    pairs = np.flatnonzero(~person[:-1] & person[1:])
    # the folded text between the two mentions, ``normalize.fold(joined[end:start])``, read
    # word by word until a word that is no rank word. Mentions start and end on token
    # boundaries, so its first word is the first token of the batch after gap_from.
    gap_from, gap_to = folds.folded_at(end[pairs]), folds.folded_at(start[pairs + 1])
    word = np.minimum(np.searchsorted(tokens.start, gap_from), len(tokens.start) - 1)
    rank = m.head_words.rank[tokens.ids(word)]
    maybe = np.flatnonzero(rank | (tokens.start.take(word, mode="clip") >= gap_to))
    for i, a, b in zip(pairs[maybe].tolist(), gap_from[maybe].tolist(), gap_to[maybe].tolist()):
        if not all(w.group() in m.heads["rank"] for w in _WORDS.finditer(folds.folded, a, b)):
            continue
        if m.kind_array[alias[i]] == "adjective" or not m.title_words.isdisjoint(
                view[max(0, s_view[i] - 60):s_view[i]].split()[-4:]):
            keep[i] = False
    start, end, alias = start[keep], end[keep], alias[keep]

    # 4. fields and sentences, vectorised. The separator is a line break, where
    # sentence_spans always splits, so the sentences of the joined text are those of
    # each field (plus one field-mark sentence between fields).
    k = np.searchsorted(starts, start, side="right") - 1
    offset = starts[k]
    sentence_starts = _sentence_starts(codes)
    first_sentence = np.searchsorted(sentence_starts, offset, side="left")
    sentence = np.maximum(np.searchsorted(sentence_starts, start, side="right") - 1 - first_sentence, 0)
    surfaces = [joined[a:b] for a, b in zip(start.tolist(), end.tolist())]
    return k + first, start - offset, end - offset, alias, sentence, surfaces


# --- aggregates --------------------------------------------------------------------------

_BY = ("actor_id", "side", "type")


def _with_dimension(mentions: pd.DataFrame, by: str, codebook: Codebook | None) -> pd.DataFrame:
    if by not in _BY:
        raise ValueError(f"by must be one of {_BY}, not {by!r}")
    if by == "actor_id":
        return mentions
    actors = (codebook if codebook is not None else load()).actors
    return mentions.merge(actors[["id", by]].rename(columns={"id": "actor_id"}),
                          on="actor_id", how="left", validate="many_to_one")


def _n_tokens(documents: pd.DataFrame) -> pd.Series:
    if "n_tokens" in documents.columns:
        return pd.Series(documents["n_tokens"].to_numpy(), index=documents["doc_id"].astype(str))
    totals = Counter()
    for doc_id, _, text in iter_fields(documents):
        totals[str(doc_id)] += normalize.count_tokens(text)
    return pd.Series(totals)


def counts(mentions: pd.DataFrame, documents: pd.DataFrame, *, by: str = "actor_id",
           codebook: Codebook | None = None, fill_zeros: bool = False) -> pd.DataFrame:
    """Mentions per document rolled up by ``by`` (``actor_id``, ``side`` or ``type``).

    Columns: ``doc_id, <by>, n, per_1000_tokens, share`` -- ``per_1000_tokens`` divides
    by ``documents.n_tokens`` (counted from title and body if the column is absent),
    ``share`` is the part of the document's mentions. With ``fill_zeros`` every document
    gets a row for every actor/side/type of the codebook (n = 0), which averages across
    documents need. Sorted by doc_id, then ``by``.
    """
    table = _with_dimension(mentions, by, codebook)
    n = table.groupby(["doc_id", by], sort=True).size().rename("n").reset_index()
    if fill_zeros:
        actors = (codebook if codebook is not None else load()).actors
        values = sorted(actors["id" if by == "actor_id" else by].unique())
        grid = pd.MultiIndex.from_product([documents["doc_id"].astype(str).unique(), values],
                                          names=["doc_id", by]).to_frame(index=False)
        n = grid.merge(n, on=["doc_id", by], how="left").fillna({"n": 0})
    n["n"] = n["n"].astype("int64")
    tokens = _n_tokens(documents)
    n_tok = n["doc_id"].map(tokens).astype("float64")
    n["per_1000_tokens"] = (n["n"] / n_tok.where(n_tok > 0) * 1000).astype("float64")
    total = n.groupby("doc_id")["n"].transform("sum").astype("float64")
    n["share"] = (n["n"] / total.where(total > 0)).astype("float64")
    return n.sort_values(["doc_id", by], kind="stable").reset_index(drop=True)


def cooccurrence(mentions: pd.DataFrame, *, unit: str = "sentence", by: str = "actor_id",
                 codebook: Codebook | None = None) -> pd.DataFrame:
    """Pairs of actors (or sides, types) named in the same sentence or document.

    ``unit`` is ``sentence`` (doc_id, field, sentence) or ``document``. Columns:
    ``<by>_a, <by>_b, n_units`` with ``a < b``; a unit counts once per pair however often
    each is named in it. Sorted by n_units (descending), then a, b.
    """
    keys = {"sentence": ["doc_id", "field", "sentence"], "document": ["doc_id"]}
    if unit not in keys:
        raise ValueError(f"unit must be 'sentence' or 'document', not {unit!r}")
    table = _with_dimension(mentions, by, codebook)
    pairs: Counter = Counter()
    for _, values in table.groupby(keys[unit], sort=False)[by]:
        for a, b in combinations(sorted(set(values.dropna())), 2):
            pairs[a, b] += 1
    out = pd.DataFrame([(a, b, c) for (a, b), c in pairs.items()],
                       columns=[f"{by}_a", f"{by}_b", "n_units"])
    out["n_units"] = out["n_units"].astype("int64")
    return out.sort_values(["n_units", f"{by}_a", f"{by}_b"], ascending=[False, True, True],
                           kind="stable").reset_index(drop=True)
