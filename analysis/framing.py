"""Framing: frame cues, attributed statements (who speaks) and distinctive vocabulary.

Three measurements, each traceable to spans of the stored text:

* :func:`find_cues` -- hits of the frame lexicon (``data/frames.tsv``, documented in
  ``data/frames_README.md``), one row per cue occurrence; :func:`frame_scores` and
  :func:`headline_vs_body` summarise them per article.
* :func:`find_statements` -- who is quoted or reported as saying something, found by
  reporting verbs and source formulae (``data/reporting_verbs.tsv``) and resolved to a
  codebook actor through the actor mentions; :func:`voice_balance` tells whose voice
  dominates an article.
* :func:`keyness` -- distinctive vocabulary of an article or outlet against the rest, by
  weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008);
  :func:`term_spans` locates a term in the text, for KWIC lines (:func:`evidence`).

Matching is done on folded text (:func:`analysis.normalize.fold_with_offsets`), so
hamza/alef variants, ى/ي, ة/ه, harakat, tatweel, quote kinds and line breaks do not
matter; every offset is mapped back to the stored text.
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import repeat
from pathlib import Path

import numpy as np
import pandas as pd

from . import paths
from .corpus import gc_paused, iter_fields
from .normalize import (
    DIACRITICS,
    PRESENTATION_FORMS,
    PROCLITICS,
    TATWEEL,
    TOKEN_RE,
    count_tokens,
    every_character,
    fold,
    fold_with_offsets,
    split_clitics,
    tokenize,
)

# --- constants -----------------------------------------------------------------------------

FRAMES = ("cooperation", "deconfliction", "confrontation", "counter_terrorism", "diplomacy",
          "military_operations", "strategic_stability")
#: Frames whose cues, when negated («عدم التنسيق», «انقطعت الاتصالات»), are counted as
#: :data:`NEGATED_FRAME` instead: the absence or breakdown of cooperation is a complaint.
NEGATABLE = ("cooperation", "deconfliction")
NEGATED_FRAME = "confrontation"
MATCH_MODES = ("word", "stem", "verb")

HIT_COLUMNS = ["doc_id", "field", "start", "end", "surface", "frame", "cue", "negated"]
SCORE_COLUMNS = ["doc_id", "field", "frame", "n", "n_tokens", "per_1000_tokens", "share"]
HEADLINE_COLUMNS = ["doc_id", "headline_frames", "body_frames", "n_title_hits", "n_body_hits",
                    "agree"]
STATEMENT_COLUMNS = ["doc_id", "field", "start", "end", "speaker", "speaker_actor_id",
                     "speaker_side", "verb", "speaker_start", "speaker_end", "basis"]
VOICE_SIDES = ("us", "russia", "other", "unresolved")
VOICE_COLUMNS = ["doc_id", "side", "n", "share", "dominant"]
KEYNESS_COLUMNS = ["group", "term", "count", "count_rest", "n", "n_rest", "alpha", "delta",
                   "variance", "z", "single_occurrence"]
SPAN_COLUMNS = ["doc_id", "field", "start", "end", "surface", "term"]

#: Strength of the informative Dirichlet prior (the pseudo-count total a0 of Monroe et al.).
#: The prior is the whole corpus's word distribution scaled to 1,000 pseudo-tokens: about
#: the size of one news article, so a term's estimate in one article is pulled towards
#: its corpus rate as much as one more article's worth of evidence would pull it.
ALPHA0 = 1000.0

#: Suffixes a stem cue's last word may carry (folded): dual/plural, nisba, accusative
#: tanween alef, possessive pronouns, and the past-tense endings of a verbal noun's verb.
NOUN_SUFFIXES = ("", "ا", "ات", "ان", "ين", "ون", "ي", "يه", "يا", "يات", "يين", "يون", "يان",
                 "ه", "ها", "هم", "هما", "هن", "نا", "كم", "اته", "اتها", "اتهم", "اتهما",
                 "اتنا", "يها", "يهم", "يهما", "ت", "تا", "وا", "تم")
#: Endings of a stem that ends in ة (folded ه): «عملية» → «عمليات»، «عمليته»، «عمليتان».
FEMININE_ENDINGS = ("ه", "ات", "اته", "اتها", "اتهم", "اتهما", "اتنا", "ته", "تها", "تهم",
                    "تهما", "تنا", "تي", "تان", "تين", "تا", "تاه")
PRONOUNS = ("", "ه", "ها", "هم", "هما", "نا")
PAST_SUFFIXES = ("", "ت", "ا", "وا", "تا", "نا", "تم", "تما")
IMPERFECT_PREFIXES = ("ي", "ت", "ن", "ا")
IMPERFECT_SUFFIXES = ("", "ان", "ون", "ين", "وا", "ا", "ن")

#: Proclitics a noun cue's first word may carry (the article is always optional).
NOUN_PREFIXES = frozenset(("",) + PROCLITICS)
#: Proclitics a verb cue may carry: conjunction, purpose lam, future sin.
VERB_PREFIXES = frozenset(("", "و", "ف", "ل", "ول", "فل", "س", "وس", "فس", "وسوف"))

_WORD = re.compile(r"[^\W\d_]+")
_PHRASE_GAP = re.compile(r"[ \"']+")  # what may separate the words of a phrase cue
_QUOTE_GAP = re.compile(r"[ ]*[\"'][ ]*")
_SENTENCE_END = ".!?؟…"  # a gap holding one of these ends a sentence


class LexiconError(ValueError):
    """A data file of the framing layer is malformed (message names file, line, problem)."""


# --- data files ----------------------------------------------------------------------------

def _read_tsv(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a UTF-8 TSV with a header, as ``(line_no, {column: value})``."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(f"{path}: file not found") from None
    except UnicodeDecodeError as err:
        raise LexiconError(f"{path}: not valid UTF-8 ({err})") from None
    lines = text.splitlines()
    if not lines:
        raise LexiconError(f"{path}: empty file; expected a header line")
    header = [h.strip() for h in lines[0].split("\t")]
    missing = [c for c in required if c not in header]
    if missing:
        raise LexiconError(f"{path}, line 1: header lacks column(s) {', '.join(missing)}")
    rows = []
    for line_no, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) > len(header):
            raise LexiconError(f"{path}, line {line_no}: {len(cells)} cells but the header "
                               f"has {len(header)} columns")
        cells += [""] * (len(header) - len(cells))
        row = dict(zip(header, (c.strip() for c in cells)))
        for col in required:
            if not row[col] and col not in ("note", "value", "gloss"):
                raise LexiconError(f"{path}, line {line_no}: empty '{col}'")
        rows.append((line_no, row))
    return rows


def _folded_word(word: str, where: str) -> str:
    folded = fold(word)
    if not _WORD.fullmatch(folded):
        raise LexiconError(f"{where}: '{word}' is not a single Arabic word")
    return folded


@dataclass(frozen=True)
class Slot:
    """One word position of a cue: the folded forms it accepts after its proclitics."""

    forms: frozenset[str]
    optional: bool

    @cached_property
    def accepts(self) -> frozenset[str]:
        """The words the slot accepts: its forms, bare or after the article."""
        return self.forms | {"ال" + form for form in self.forms}


@dataclass(frozen=True)
class Cue:
    frame: str
    text: str  # as written in the lexicon
    match: str  # word | stem | verb
    gloss: str
    slots: tuple[Slot, ...]

    @property
    def prefixes(self) -> frozenset[str]:
        return VERB_PREFIXES if self.match == "verb" else NOUN_PREFIXES


@dataclass(frozen=True)
class Lexicon:
    cues: tuple[Cue, ...]
    first: Mapping[str, tuple[int, ...]]  # folded first-word form -> indices of cues
    #: a folded word of running text, proclitics included («والتنسيق») -> indices of the
    #: cues it can start: one dict look-up per word instead of trying every proclitic split
    heads: Mapping[str, tuple[int, ...]]

    @cached_property
    def entries(self) -> tuple[dict[str, int], list[tuple]]:
        """:attr:`heads` as :func:`_cue_hits` tries them: a word -> the number of its entry,
        and the entries. An entry is: the earliest one-word cue the word is, or -1; its
        cues of two words with no optional one, as the second word -> the earliest of them
        it completes; ``(index, slots after the first)`` of its other cues of several words,
        by index; the words that may follow it in a cue of several words, to try those
        only when the next word is one."""
        numbers, entries = {}, []  # the same cues start many words: one entry for each set
        for indices in set(self.heads.values()):
            single = min((i for i in indices if len(self.cues[i].slots) == 1), default=-1)
            pairs, longer, follow = {}, [], set()
            for i in sorted(set(indices)):
                rest = self.cues[i].slots[1:]
                if len(rest) == 1 and not rest[0].optional:
                    for word in rest[0].accepts:
                        pairs.setdefault(word, i)
                elif rest:
                    longer.append((i, rest))
                for slot in rest:  # up to the first slot that must be there
                    follow |= slot.accepts
                    if not slot.optional:
                        break
            numbers[indices] = len(entries)
            entries.append((single, pairs, tuple(longer), frozenset(follow)))
        return {word: numbers[indices] for word, indices in self.heads.items()}, entries


def stem_forms(stem: str) -> set[str]:
    """Inflected forms of a folded stem: «تنسيق» → تنسيقات، تنسيقه، تنسيقيه …"""
    forms = {stem + s for s in NOUN_SUFFIXES}
    if stem.endswith("ه"):  # ة: the plural and the construct state drop or change it
        forms |= {stem[:-1] + s for s in FEMININE_ENDINGS}
    return forms


def verb_forms(past: str) -> set[str]:
    """Past and imperfect forms of a verb given as folded 3rd person masculine past.

    The imperfect adds ي/ت/ن/ا to the past stem, dropping an initial alef («اتفق» →
    «يتفق», «استهدف» → «يستهدف»); hollow and defective verbs need explicit forms.
    """
    core = past[1:] if past.startswith("ا") and len(past) > 3 else past
    forms = {past + s + p for s in PAST_SUFFIXES for p in PRONOUNS}
    forms |= {pre + core + s + p for pre in IMPERFECT_PREFIXES for s in IMPERFECT_SUFFIXES
              for p in PRONOUNS}
    return forms


def _parse_cue(text: str, match: str, where: str) -> tuple[Slot, ...]:
    raw = text.split()
    if not raw:
        raise LexiconError(f"{where}: empty cue")
    slots = []
    for k, token in enumerate(raw):
        optional = token.startswith("[") and token.endswith("]")
        body = token[1:-1] if optional else token
        if "[" in body or "]" in body:
            raise LexiconError(f"{where}: unbalanced [ ] in '{token}'")
        if optional and k in (0, len(raw) - 1):
            raise LexiconError(f"{where}: the first and last word of a cue cannot be optional")
        alternatives = [a for a in body.split("/")]
        if any(not a for a in alternatives):
            raise LexiconError(f"{where}: empty alternative in '{token}'")
        folded = [_folded_word(a, where) for a in alternatives]
        last = k == len(raw) - 1
        forms: set[str] = set()
        for f in folded:
            if last and match == "stem":
                if len(f) < 3:
                    raise LexiconError(f"{where}: stem '{f}' is shorter than 3 letters; "
                                       "use match=word")
                forms |= stem_forms(f)
            elif last and match == "verb":
                forms |= verb_forms(f)
            else:
                forms.add(f)
        slots.append(Slot(frozenset(forms), optional))
    if match == "verb" and len(slots) != 1:
        raise LexiconError(f"{where}: a verb cue is one word")
    return tuple(slots)


@lru_cache(maxsize=8)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The frame lexicon, compiled for matching (read once per path).

    Columns of ``frames.tsv``: ``frame`` (one of :data:`FRAMES`), ``cue`` (words separated by
    spaces; ``a/b`` alternatives; ``[a/b]`` an optional word), ``match`` (``word``: the words
    as written; ``stem``: the last word also inflected, see :func:`stem_forms`; ``verb``: one
    verb given in the past, conjugated by :func:`verb_forms`), ``gloss``, ``note``.
    """
    file = Path(path) if path else paths.data_file("frames.tsv")
    cues, first = [], {}
    for line_no, row in _read_tsv(file, ("frame", "cue", "match", "gloss", "note")):
        where = f"{file}, line {line_no}"
        if row["frame"] not in FRAMES:
            raise LexiconError(f"{where}: unknown frame '{row['frame']}' "
                               f"(expected one of {', '.join(FRAMES)})")
        if row["match"] not in MATCH_MODES:
            raise LexiconError(f"{where}: match must be one of {', '.join(MATCH_MODES)}, "
                               f"not '{row['match']}'")
        if not row["gloss"]:
            raise LexiconError(f"{where}: cue '{row['cue']}' has no English gloss")
        slots = _parse_cue(row["cue"], row["match"], where)
        index = len(cues)
        cues.append(Cue(row["frame"], row["cue"], row["match"], row["gloss"], slots))
        for form in slots[0].forms:
            first.setdefault(form, []).append(index)
    heads: dict[str, list[int]] = {}
    for form, indices in first.items():
        if len(form) < 2:  # a proclitic is never split off a word leaving one letter
            continue
        for index in indices:
            for prefix in cues[index].prefixes:
                heads.setdefault(prefix + form, []).append(index)
    return Lexicon(tuple(cues), {k: tuple(v) for k, v in first.items()},
                   {k: tuple(v) for k, v in heads.items()})


def frame_lexicon(path: str | None = None) -> pd.DataFrame:
    """The lexicon as a table (frame, cue, match, gloss, note) for display and review."""
    file = Path(path) if path else paths.data_file("frames.tsv")
    rows = [row for _, row in _read_tsv(file, ("frame", "cue", "match", "gloss", "note"))]
    return pd.DataFrame(rows, columns=["frame", "cue", "match", "gloss", "note"])


@dataclass(frozen=True)
class Negators:
    direct: frozenset[str]  # عدم، دون، غياب، انقطعت … directly before the cue
    particle: frozenset[str]  # لا، لم، لن، ليس … may be followed by one verb
    exception: frozenset[str]  # لا بد، لا يزال …: not a negation
    bridge: frozenset[str]  # وجود، أي، يتم، هناك … may stand between negator and cue


@lru_cache(maxsize=4)
def load_negators(path: str | None = None) -> Negators:
    """Negation words for cooperation cues (``frame_negators.tsv``: form, kind, gloss, note)."""
    file = Path(path) if path else paths.data_file("frame_negators.tsv")
    kinds: dict[str, set[str]] = {k: set() for k in ("direct", "particle", "exception", "bridge")}
    for line_no, row in _read_tsv(file, ("form", "kind", "gloss")):
        where = f"{file}, line {line_no}"
        if row["kind"] not in kinds:
            raise LexiconError(f"{where}: kind must be one of {', '.join(kinds)}, "
                               f"not '{row['kind']}'")
        kinds[row["kind"]].add(_folded_word(row["form"], where))
    return Negators(**{k: frozenset(v) for k, v in kinds.items()})


# --- folded words ----------------------------------------------------------------------------

class _Batch:
    """Titles and bodies folded and split into words together (:func:`_fold_batch`), the
    unit that cue and statement finding walk over.

    The per-word sequences run over all the fields of the batch, so that the few words where
    a cue or a reporting form can start are found for the whole batch at once (:meth:`codes`)
    and the Python work is done only there. Field ``f`` holds words ``lo[f]`` to
    ``hi[f] - 1``; ``texts[f]`` is its stored text and ``fstart[f]`` its start in ``folded``,
    the folded text of the batch.

    ``words[i]`` is the i-th letter run of the folded text (:data:`_WORD`); ``starts[i]``,
    ``ends[i]`` its span in its field's stored text, marks after its last letter included (as
    :meth:`analysis.normalize.Folded.span`); ``fstarts[i]``, ``fends[i]`` its span in
    ``folded``; ``joined[i]`` is 1 when word ``i`` follows the previous word of its field
    with one space between, else 0 (always 0 at a field's first word ``lo[f]`` and at
    ``hi[f]``, one past its last word -- the next field's first word or the extra entry at
    ``len(words)`` -- so that callers need no bounds check); ``sentence[i]`` counts the gaps
    before word ``i`` that end a sentence (a running count: compare it within one field only).

    The per-word sequences are a tuple (words) and ``array``/``bytes`` (numbers), not
    lists: a prepared corpus holds millions of them, and the garbage collector would
    otherwise walk every element of every list again at each collection (a tuple of
    strings is untracked after one look; an array of numbers has no elements to walk).
    """

    __slots__ = (
        "_codes",
        "ends",
        "fends",
        "folded",
        "fstart",
        "fstarts",
        "hi",
        "joined",
        "lo",
        "sentence",
        "starts",
        "texts",
        "words",
    )

    def __init__(self, texts: list[str], folded: str, fstart: list[int], lo: list[int],
                 hi: list[int], words: tuple[str, ...], fstarts: array, fends: array,
                 starts: array, ends: array, joined: bytes, sentence: array):
        self.texts, self.folded, self.fstart, self.lo, self.hi = texts, folded, fstart, lo, hi
        self.words, self.fstarts, self.fends, self.starts, self.ends = (words, fstarts, fends,
                                                                        starts, ends)
        self.joined, self.sentence = joined, sentence
        self._codes = None

    def codes(self, vocabulary: _Vocabulary) -> np.ndarray:
        """The code of every word in ``vocabulary`` (:func:`_vocabulary`), 0 for a word not
        in it, then two zeros (so that ``codes[i + 1]``, ``codes[i - 1]`` and
        ``codes[i - 2]`` need no bounds check): one C-level dict look-up per word, kept
        for the next caller with the same vocabulary (:func:`find_cues` and
        :func:`find_statements` share one)."""
        if self._codes is None or self._codes[0] is not vocabulary:
            table, n = vocabulary.codes, len(self.words)
            codes = np.zeros(n + 2, dtype=np.int64)
            codes[:-2] = np.fromiter(map(table.get, self.words, repeat(0)), dtype=np.int64,
                                     count=n)
            self._codes = (vocabulary, codes)
        return self._codes[1]


@dataclass(frozen=True)
class _Mentions:
    """Actor mentions of a documents table, sorted by field, start, end and actor id
    (:func:`_mentions_by_field`): ``triples[j]`` is ``(start, end, actor_id)``, ``starts[j]``
    its start and ``reach[j]`` the running maximum of the ends within its field, for
    bisection (:func:`_mentions_in`); ``runs`` maps ``(doc_id, field)`` to the field's range
    ``(lo, hi)`` of ``j``. ``end_keys`` are the ends as ``lo * width + end`` (``lo`` of the
    mention's field), sorted: the ends of each field in order, for numpy bisection
    (:func:`_mention_ends_before`)."""

    triples: list[tuple[int, int, str]]
    starts: list[int]
    reach: list[int]
    runs: dict[tuple, tuple[int, int]]
    end_keys: np.ndarray
    width: int  # more than any end


_NO_MENTIONS = _Mentions([], [], [], {}, np.zeros(0, dtype=np.int64), 1)


class _Field:
    """One field of a :class:`_Batch`, as cue and statement finding see it: its words are
    ``lo`` to ``hi - 1`` of the batch's per-word sequences (word indices are those of the
    batch); its actor mentions ``mlo`` to ``mhi - 1`` of a :class:`_Mentions`; for
    statements, ``phrase_end`` and ``next_break`` of the batch (:func:`_phrase_bounds`)."""

    __slots__ = (
        "_fends",
        "_folded",
        "_fstarts",
        "_start",
        "ends",
        "f",
        "hi",
        "joined",
        "lo",
        "mention_reach",
        "mention_starts",
        "mentions",
        "mhi",
        "mlo",
        "next_break",
        "phrase_end",
        "sentence",
        "starts",
        "text",
        "words",
    )

    def __init__(self, batch: _Batch, f: int, mentions: _Mentions = _NO_MENTIONS,
                 bounds: tuple[int, int] = (0, 0), phrases: tuple = (b"", ())):
        self.words, self.starts, self.ends = batch.words, batch.starts, batch.ends
        self.joined, self.sentence = batch.joined, batch.sentence
        self._folded, self._fstarts, self._fends = batch.folded, batch.fstarts, batch.fends
        self.f, self.text, self._start = f, batch.texts[f], batch.fstart[f]
        self.lo, self.hi = batch.lo[f], batch.hi[f]
        self.mentions, self.mention_starts = mentions.triples, mentions.starts
        self.mention_reach, (self.mlo, self.mhi) = mentions.reach, bounds
        self.phrase_end, self.next_break = phrases

    def gap(self, i: int) -> str:
        """The folded text between word ``i-1`` (or the field's start) and word ``i``."""
        return self._folded[self._fends[i - 1] if i > self.lo else self._start:self._fstarts[i]]

    def span(self, first: int, last: int) -> tuple[int, int]:
        return self.starts[first], self.ends[last]


@dataclass(frozen=True)
class Prepared:
    """Titles and bodies of a documents table as folded words (:func:`prepare`).

    :func:`find_cues` and :func:`find_statements` walk the same words; preparing them once
    and passing ``prepared=`` to both saves folding and splitting every text twice.
    """

    doc_ids: list  # of each field, in :func:`iter_fields` order
    field_names: list[str]  # "title" / "body"
    batches: list[tuple[int, _Batch]]  # (number of the batch's first field, batch)


def prepare(documents: pd.DataFrame) -> Prepared:
    """Fold and split every title and body of ``documents`` into words, once, for
    :func:`find_cues` and :func:`find_statements` (``prepared=``)."""
    ids, names, texts = _texts(documents)
    with gc_paused():
        return Prepared(ids, names, list(_batches(texts)))


def _walk(documents: pd.DataFrame,
          prepared: Prepared | None) -> tuple[list, list[str], Iterable[tuple[int, _Batch]]]:
    """doc_id and name of every field (title and body, in :func:`iter_fields` order) and the
    fields as ``(number of the first field, _Batch)``: from ``prepared``, checked to be the
    preparation of ``documents``, or folded batch by batch as they are walked."""
    if prepared is None:
        ids, names, texts = _texts(documents)
        return ids, names, _batches(texts)
    if prepared.doc_ids[0::2] != documents["doc_id"].tolist() \
            or len(prepared.doc_ids) != 2 * len(documents):
        raise ValueError("prepared= was made from other documents than the ones given")
    return prepared.doc_ids, prepared.field_names, prepared.batches


_SEP = "\x01"  # joins the fields of a batch: kept by folding, neither a letter nor a space
_BATCH_CHARS = 200_000
_ATTACHED = frozenset(DIACRITICS + TATWEEL)  # marks that belong to the letter before them


def _batches(texts: list[str]) -> Iterator[tuple[int, _Batch]]:
    """``(number of the first field, _Batch)`` of runs of ``texts`` in order.

    Texts are folded and split into words in batches of about 200,000 characters joined by
    :data:`_SEP`, with numpy over the whole batch: per-text numpy calls and a regex pass
    over every word cost more than the matching itself. A text with presentation forms
    (ﻻ …), which :func:`fold_with_offsets` folds with a slower per-character loop, is
    folded alone so that it does not slow down its neighbours. (Every field's words and
    offsets are the same whatever batch it is folded in.)
    """
    k, n = 0, len(texts)
    while k < n:
        stop, size = k, 0
        while stop < n and size < _BATCH_CHARS:
            size += len(texts[stop])
            stop += 1
        batch = texts[k:stop]
        joined = _SEP.join(batch)
        # presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFE) take a lead byte 0xEF in UTF-8:
        # without one no text of the batch has any (a byte search is faster than a regex)
        if b"\xef" not in joined.encode("utf-8", "surrogatepass"):
            yield k, _fold_batch(batch, joined)
        else:
            run = k  # the first text of the current run without presentation forms
            for j in range(k, stop + 1):
                if j < stop and not PRESENTATION_FORMS.search(texts[j]):
                    continue
                if run < j:
                    yield run, _fold_batch(texts[run:j], _SEP.join(texts[run:j]))
                if j < stop:
                    yield j, _fold_batch([texts[j]], texts[j])
                run = j + 1
        k = stop


_LETTER, _STOP = 1, 2  # kinds of characters (:func:`_char_kinds`)


@lru_cache(maxsize=1)
def _char_kinds() -> np.ndarray:
    """Code point -> :data:`_LETTER` (what :data:`_WORD` matches), :data:`_STOP` (ends a
    sentence, :data:`_SENTENCE_END`) or 0, for every code point."""
    table = np.zeros(0x110000, dtype=np.uint8)
    for m in _WORD.finditer(every_character()):
        table[m.start():m.end()] = _LETTER
    table[[ord(c) for c in _SENTENCE_END]] = _STOP
    return table


def _int_array(values: np.ndarray) -> array:
    """A numpy integer array as an ``array('q')``: one copy of the bytes, no int objects."""
    return array("q", values.astype(np.int64, copy=False).tobytes())


def _fold_batch(texts: list[str], joined: str) -> _Batch:
    """The :class:`_Batch` of ``texts``; ``joined`` is ``_SEP.join(texts)``."""
    folded = fold_with_offsets(joined)
    ftext, offsets = folded.text, folded.offsets
    codes, encoding = np.frombuffer(ftext.encode("utf-16-le"), dtype=np.uint16), "utf-16-le"
    if len(codes) != len(ftext):  # beyond the BMP: code points (else 16-bit units, faster)
        codes, encoding = np.frombuffer(ftext.encode("utf-32-le"), dtype=np.uint32), "utf-32-le"
    kinds = _char_kinds()[codes]
    letter = kinds == _LETTER
    edges = np.flatnonzero(np.diff(letter, prepend=False, append=False))
    fstarts, fends = edges[0::2], edges[1::2]  # words in folded coordinates
    # the words themselves: every non-letter made a space, then one C-level split
    words = tuple(np.where(letter, codes, codes.dtype.type(32)).tobytes().decode(encoding).split())
    # each text's place in the joined text and in the folded text
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    bases = np.concatenate(([0], np.cumsum(lengths + 1)[:-1]))
    field_start = np.searchsorted(offsets, bases)
    first_word = np.searchsorted(fstarts, field_start)
    last_word = np.searchsorted(fstarts, np.searchsorted(offsets, bases + lengths))
    base = np.repeat(bases, last_word - first_word)
    # original spans, as Folded.span: marks deleted after a word's last letter are its own
    ends = offsets[fends - 1] + 1
    limit = offsets[fends]
    grow = np.flatnonzero(ends < limit)  # words followed by marks deleted by folding
    stops = ends[grow].tolist()
    for k, lim in enumerate(limit[grow].tolist()):
        while stops[k] < lim and joined[stops[k]] in _ATTACHED:
            stops[k] += 1
    ends[grow] = stops
    starts, ends = _int_array(offsets[fstarts] - base), _int_array(ends - base)
    # one space between a word and the previous one; gaps that end a sentence
    single = np.zeros(len(fstarts) + 1, dtype=bool)  # one more: the sentinel after a field
    single[1:-1] = (fstarts[1:] - fends[:-1] == 1) & (codes[fends[:-1]] == 32)
    single[first_word] = single[last_word] = False  # no word before a field's first word
    # a gap ends a sentence when a sentence mark stands in it: a mark (never inside a word)
    # is in the gap before the first word starting after it, if that gap starts before it
    # (a field's first word: its gap starts at the field's start)
    gap_start = np.concatenate(([0], fends[:-1]))
    has_words = first_word < last_word
    gap_start[first_word[has_words]] = field_start[has_words]
    marks = np.flatnonzero(kinds == _STOP)
    after = np.searchsorted(fstarts, marks)
    inside = after < len(fstarts)
    after, marks = after[inside], marks[inside]
    ends_sentence = np.zeros(len(fstarts), dtype=bool)
    ends_sentence[after[gap_start[after] <= marks]] = True
    sentence = _int_array(np.cumsum(ends_sentence))
    return _Batch(texts, ftext, field_start.tolist(), first_word.tolist(), last_word.tolist(),
                  words, _int_array(fstarts), _int_array(fends), starts, ends,
                  single.tobytes(), sentence)


# --- frame cues ----------------------------------------------------------------------------

def _match_rest(field: _Field, t: int, slots: tuple[Slot, ...]) -> int | None:
    """Index of the last word of a match of ``slots`` starting at word ``t`` (greedy).

    Slot by slot up to the first optional one, from which :func:`_match_optional` tries
    both ways (a slot that must be there either matches and the rest decides, or nothing
    matches: what the recursion gives, without a call per slot).
    """
    words, joined, hi = field.words, field.joined, field.hi
    for k, slot in enumerate(slots):
        if slot.optional:
            return _match_optional(field, t, slots[k:])
        if not (t < hi and words[t] in slot.accepts  # one space (joined) is a phrase gap
                and (joined[t] or _PHRASE_GAP.fullmatch(field.gap(t)))):
            return None
        t += 1
    return t - 1


def _match_optional(field: _Field, t: int, slots: tuple[Slot, ...]) -> int | None:
    """:func:`_match_rest` by recursion, trying an optional slot first with, then without
    a word."""
    if not slots:
        return t - 1
    slot, rest = slots[0], slots[1:]
    if (t < field.hi and field.words[t] in slot.accepts  # one space (joined) is a phrase gap
            and (field.joined[t] or _PHRASE_GAP.fullmatch(field.gap(t)))):
        end = _match_optional(field, t + 1, rest)
        if end is not None:
            return end
    if slot.optional:
        return _match_optional(field, t, rest)
    return None


_BARE_PREFIXES = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل", "ال", "وال", "بال", "لل")


def _with_prefixes(vocabulary: frozenset[str]) -> frozenset[str]:
    """The words of ``vocabulary`` bare or after a conjunction/preposition (one set look-up
    per word instead of trying each prefix)."""
    return frozenset(pre + word for pre in _BARE_PREFIXES for word in vocabulary)


def _negator(field: _Field, t: int, forms: dict[str, frozenset[str]]) -> int | None:
    """Index of the word negating the cue that starts at word ``t``, if any.

    «عدم/دون/غياب/انقطعت + [bridge words] + cue», «لا/لم/لن + [one verb] + [bridge words] +
    cue»; never across punctuation. «لا بد»، «لا يزال» … are not negations. ``forms`` is
    :func:`_negator_forms`. (So word ``t-1`` is a direct, particle or bridge word, or word
    ``t-2`` a particle, whenever there is one: :func:`_cue_hits` calls it only there.)
    """
    words, lo = field.words, field.lo
    i = t - 1
    for _ in range(3):  # walk back over at most three bridge words
        if i < lo or not field.joined[i + 1] or words[i] not in forms["bridge"]:
            break
        i -= 1
    if i < lo or not field.joined[i + 1]:
        return None
    word = words[i]
    if word in forms["direct"] or word in forms["particle"]:
        return i
    if (i > lo and field.joined[i] and word not in forms["exception"]
            and words[i - 1] in forms["particle"]):
        return i - 1
    return None


@lru_cache(maxsize=4)
def _negator_forms(neg: Negators) -> dict[str, frozenset[str]]:
    """Each kind of negator word, bare or with a conjunction/preposition."""
    return {kind: _with_prefixes(getattr(neg, kind))
            for kind in ("direct", "particle", "exception", "bridge")}


# What a word of running text may be, as bits of its code in a :func:`_vocabulary`; a
# word that starts a cue has the number of its Lexicon.entries entry above _ENTRY_SHIFT.
_CUE_HEAD = 1  # starts a cue (a word of Lexicon.heads)
_CUE_FOLLOW = 2  # may follow the first word of a cue of several words (in an entry's follow)
_NEGATING = 4  # a direct, particle or bridge negator word (_negator_forms)
_PARTICLE = 8  # a particle negator word
_FORM = 16  # a one-word reporting form (Reporting.singles)
_PAIR_FIRST = 32  # the first word of a two-word reporting form (Reporting.pairs)
_PAIR_SECOND = 64  # the second word of a two-word reporting form
_STOP_ONE = 128  # a one-word stop cue (Reporting.stops)
_STOP_FIRST = 256  # the first word of a two-word stop cue
_STOP_SECOND = 512  # the second word of a two-word stop cue
_KAN_WORD = 1024  # كان/كانت … bare or after و/ف (_KAN_ANY)
_ENTRY_SHIFT = 16


@dataclass(frozen=True, eq=False)
class _Vocabulary:
    """The words that matter to cues and statements (:func:`_vocabulary`)."""

    codes: dict[str, int]  # word -> its bits | its entry number << _ENTRY_SHIFT
    entries: list[tuple]  # Lexicon.entries, by number
    single: np.ndarray  # per entry: its one-word cue, or -1
    longer: np.ndarray  # per entry: whether it starts a cue of several words


@lru_cache(maxsize=4)
def _vocabulary(lexicon_path: str | None = None,
                negators_path: str | None = None) -> _Vocabulary:
    """The codes of the words of the lexicon and negators at these paths and of the
    reporting forms of :func:`load_reporting` (the bits above): one table, so that a
    batch's words are looked up once for cues and statements (:meth:`_Batch.codes`)."""
    lexicon, rep = load_lexicon(lexicon_path), load_reporting()
    negators = _negator_forms(load_negators(negators_path))
    numbers, entries = lexicon.entries
    codes = {word: number << _ENTRY_SHIFT | _CUE_HEAD for word, number in numbers.items()}

    def mark(words: Iterable[str], bit: int) -> None:
        for word in words:
            codes[word] = codes.get(word, 0) | bit

    for _, _, _, follow in entries:
        mark(follow, _CUE_FOLLOW)
    mark(negators["direct"] | negators["particle"] | negators["bridge"], _NEGATING)
    mark(negators["particle"], _PARTICLE)
    mark(rep.singles, _FORM)
    mark(rep.pairs, _PAIR_FIRST)
    mark(frozenset().union(*rep.pairs.values()), _PAIR_SECOND)
    mark((stop[0] for stop in rep.stops if len(stop) == 1), _STOP_ONE)
    mark((stop[0] for stop in rep.stops if len(stop) == 2), _STOP_FIRST)
    mark((stop[1] for stop in rep.stops if len(stop) == 2), _STOP_SECOND)
    mark(_KAN_ANY, _KAN_WORD)
    return _Vocabulary(codes, entries, np.array([e[0] for e in entries], dtype=np.int64),
                       np.array([bool(e[1] or e[2]) for e in entries], dtype=bool))


def _cue_hits(batch: _Batch, lexicon: Lexicon, negators: dict,
              vocabulary: _Vocabulary) -> tuple[np.ndarray, ...]:
    """Every cue of a batch, as columns: field (of the batch), start, end (original offsets),
    cue index, negated. ``negators`` is :func:`_negator_forms`, ``vocabulary`` the
    :func:`_vocabulary` of the lexicon.

    Leftmost-longest, one cue per stretch of text, ties to the earlier lexicon row: the
    words that can start a cue are each read as the longest cue starting there; a match
    of several words then hides the cues starting inside it, unless an earlier match hides
    it -- what walking the words from left to right and skipping the words of a stretch
    already taken gives. The Python steps run only where numpy over the whole batch
    leaves something to decide: a longer cue where the next word may continue one, a
    negation where the words before may negate.
    """
    words, joined, codes = batch.words, batch.joined, batch.codes(vocabulary)
    heads = np.flatnonzero(codes & _CUE_HEAD)  # the words that can start a cue
    entry = codes[heads] >> _ENTRY_SHIFT
    hi = np.array(batch.hi, dtype=np.int64)
    field = np.searchsorted(hi, heads, side="right")  # the field of each
    index = vocabulary.single[entry]
    last = np.where(index >= 0, heads, -1)  # the one-word cue, if the word is one
    # a longer cue is tried where it can go on: its next word, in the same field, may follow
    maybe = vocabulary.longer[entry] & ((codes[heads + 1] & _CUE_FOLLOW) > 0) \
        & (heads + 1 < hi[field])
    tried = np.flatnonzero(maybe)
    lasts, cues = last[tried].tolist(), index[tried].tolist()
    view = _Field(batch, 0) if len(batch.texts) else None  # the field of the words tried
    entries = vocabulary.entries
    for j, (t, f, (_, pairs, longer, follow)) in enumerate(
            zip(heads[tried].tolist(), field[tried].tolist(),
                map(entries.__getitem__, entry[tried].tolist()))):
        following = words[t + 1]
        if following not in follow:
            continue
        if view.f != f:
            view = _Field(batch, f)
        # the longest match, the earliest lexicon row on equal length (as trying them by
        # index and keeping a longer one only would): a cue of two words by its second
        end, cue = lasts[j], cues[j]
        i = pairs.get(following)
        if i is not None and (joined[t + 1] or _PHRASE_GAP.fullmatch(view.gap(t + 1))):
            end, cue = t + 1, i
        for i, rest in longer:
            e = _match_rest(view, t + 1, rest)
            if e is not None and (e > end or (e == end and i < cue)):
                end, cue = e, i
        lasts[j], cues[j] = end, cue
    last[tried], index[tried] = lasts, cues
    hit = last >= 0
    several = np.flatnonzero(last > heads)
    if len(several):  # the matches of several words that count, left to right
        taken, froms, tos = -1, [], []
        for t, end in zip(heads[several].tolist(), last[several].tolist()):
            if t > taken:
                taken = end
                froms.append(t)
                tos.append(end)
        # the stretches are disjoint and in order: a word is inside the last one starting
        # before it, or inside none
        inside = np.searchsorted(froms, heads) - 1
        hit &= ~((inside >= 0) & (heads <= np.array(tos)[inside]))
    keep = np.flatnonzero(hit)
    heads, field, index, last = heads[keep], field[keep], index[keep], last[keep]
    first, negated = heads.copy(), np.zeros(len(keep), dtype=bool)
    negatable = np.array([cue.frame in NEGATABLE for cue in lexicon.cues], dtype=bool)
    maybe = negatable[index] & (((codes[heads - 1] & _NEGATING) > 0)
                                | ((codes[heads - 2] & _PARTICLE) > 0))
    for j in np.flatnonzero(maybe).tolist():
        if view.f != field[j]:
            view = _Field(batch, int(field[j]))
        n = _negator(view, int(heads[j]), negators)
        if n is not None:
            first[j], negated[j] = n, True
    starts = np.frombuffer(batch.starts, dtype=np.int64)[first]
    ends = np.frombuffer(batch.ends, dtype=np.int64)[last]
    return field, starts, ends, index, negated


def _texts(documents: pd.DataFrame) -> tuple[list[str], list[str], list[str]]:
    """doc_id, field and text of every title and body, in :func:`iter_fields` order, as
    lists (iterating pandas string columns row by row is slower than converting them)."""
    ids, fields, texts = [], [], []
    for doc_id, field, text in iter_fields(documents):
        ids.append(doc_id)
        fields.append(field)
        texts.append(text)
    return ids, fields, texts


def find_cues(documents: pd.DataFrame, *, lexicon_path: str | None = None,
              negators_path: str | None = None,
              prepared: Prepared | None = None) -> pd.DataFrame:
    """Frame cue hits in titles and bodies: one row per cue occurrence.

    Columns: doc_id, field, start, end, surface (the stored text, ``text[start:end]``),
    frame, cue (the lexicon row that matched), negated. A stretch of text counts for one
    cue only, the longest («قناة التنسيق» is deconfliction, not also cooperation). A negated
    cooperation or deconfliction cue («عدم التنسيق», «دون أي تنسيق», «انقطعت الاتصالات»)
    is counted as confrontation, with the negation inside its span and ``negated`` True.

    ``prepared`` is :func:`prepare` of the same ``documents``, to share with
    :func:`find_statements`; made here when not given.
    """
    lexicon = load_lexicon(lexicon_path)
    negators = _negator_forms(load_negators(negators_path))
    vocabulary = _vocabulary(lexicon_path, negators_path)
    _, _, batches = _walk(documents, prepared)
    parts, surface = [], []
    with gc_paused():
        for k0, batch in batches:
            field, start, end, index, negated = _cue_hits(batch, lexicon, negators,
                                                          vocabulary)
            texts = batch.texts
            surface += [texts[f][s:e] for f, s, e in zip(field.tolist(), start.tolist(),
                                                          end.tolist())]
            parts.append((field + k0, start, end, index, negated))
    if parts:
        k, start, end, index, negated = (np.concatenate(c) for c in zip(*parts))
    else:  # no text
        k = start = end = index = np.zeros(0, dtype=np.int64)
        negated = np.zeros(0, dtype=bool)
    # frame and cue as numbers: row i of the lexicon, or NEGATED_FRAME after it
    frame = np.where(negated, len(lexicon.cues), index)
    frames = [cue.frame for cue in lexicon.cues] + [NEGATED_FRAME]
    return _table(documents, k, start, end, HIT_COLUMNS,
                  {"surface": surface, "frame": frame, "cue": index, "negated": negated},
                  labels={"frame": frames, "cue": [cue.text for cue in lexicon.cues]})


def _table(documents: pd.DataFrame, k: np.ndarray, start: np.ndarray, end: np.ndarray,
           columns: list[str], rest: Mapping[str, Sequence],
           labels: Mapping[str, list] | None = None) -> pd.DataFrame:
    """The table with ``columns`` (doc_id, field, start, end, then those of ``rest``) of
    rows given column by column -- ``k`` the field's number in :func:`iter_fields` order:
    the title of document ``k // 2`` if even, else its body -- sorted as :func:`_sorted`
    sorts. A column named in ``labels`` holds numbers into its list of labels; a list
    column is given to pandas as a list, to infer its dtype as it does for rows.

    Sorted on integer keys: doc_id, field and labelled columns are taken by number from a
    few values instead of being converted row by row, and nothing is sorted as strings.
    """
    if not len(k):
        return _sorted(pd.DataFrame([], columns=columns))
    labels = labels or {}
    k, start, end = (np.asarray(c, dtype=np.int64) for c in (k, start, end))
    doc_ids = pd.Series(documents["doc_id"].tolist())  # the dtype pandas infers for rows
    doc_rank, uniques = pd.factorize(doc_ids, sort=True)
    doc_rank[doc_rank < 0] = len(uniques)  # a missing doc_id sorts last, as in sort_values
    keys = (doc_rank[k // 2], k % 2, start, end)  # the most significant first
    ordered = _in_order(keys)  # rows found in order already (documents by doc_id)
    order = None if ordered else np.lexsort(keys[::-1])  # stable, like _sorted

    def column(name: str, values: Sequence) -> Iterable:
        if name in labels:
            taken = np.asarray(values) if ordered else np.asarray(values)[order]
            return pd.Series(labels[name]).array.take(taken)
        if isinstance(values, np.ndarray):
            return values if ordered else values[order]
        return list(values) if ordered else list(map(values.__getitem__, order.tolist()))

    if not ordered:
        k, start, end = k[order], start[order], end[order]
    data = {"doc_id": doc_ids.array.take(k // 2),
            "field": pd.Series(["title", "body"]).array.take(k % 2),
            "start": start, "end": end}
    data.update((name, column(name, rest[name])) for name in columns[4:])
    return pd.DataFrame(data, columns=columns)


def _sorted(table: pd.DataFrame) -> pd.DataFrame:
    order = {"title": 0, "body": 1}
    if table.empty:
        return table.reset_index(drop=True)
    key = table["field"].map(order)
    return (table.assign(_f=key).sort_values(["doc_id", "_f", "start", "end"], kind="stable")
            .drop(columns="_f").reset_index(drop=True))


def _field_tokens(documents: pd.DataFrame) -> dict[tuple[str, str], int]:
    return {(doc_id, field): count_tokens(text) for doc_id, field, text in iter_fields(documents)}


def frame_scores(hits: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Per article × field (``title``, ``body``, ``all``) × frame: n, per_1000_tokens, share.

    Every combination is listed, zeros included, so averages over articles are right.
    ``per_1000_tokens`` divides by the field's token count (:func:`count_tokens`);
    ``share`` is the frame's part of all cue hits in that field (NaN when there are none).
    """
    tokens = _field_tokens(documents)
    counts = hits.groupby(["doc_id", "field", "frame"]).size().to_dict() if len(hits) else {}
    rows = []
    for doc_id in documents["doc_id"]:
        n_tok = {f: tokens[(doc_id, f)] for f in ("title", "body")}
        n_tok["all"] = n_tok["title"] + n_tok["body"]
        for field in ("title", "body", "all"):
            ns = {fr: (counts.get((doc_id, "title", fr), 0) + counts.get((doc_id, "body", fr), 0)
                       if field == "all" else counts.get((doc_id, field, fr), 0)) for fr in FRAMES}
            total = sum(ns.values())
            for frame in FRAMES:
                n = ns[frame]
                per = 1000.0 * n / n_tok[field] if n_tok[field] else float("nan")
                share = n / total if total else float("nan")
                rows.append((doc_id, field, frame, n, n_tok[field], per, share))
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def _top(counts: dict[str, int]) -> list[str]:
    best = max(counts.values(), default=0)
    return [f for f in FRAMES if best and counts.get(f, 0) == best]


def headline_vs_body(scores: pd.DataFrame) -> pd.DataFrame:
    """Per article: the headline's frame(s) against the body's dominant frame(s).

    ``headline_frames`` / ``body_frames`` are the frames with the most hits in the field
    («; »-joined when tied, empty with no hits); ``agree`` is True when they share a frame.
    Takes the output of :func:`frame_scores`.
    """
    rows = []
    for doc_id, group in scores[scores["field"] != "all"].groupby("doc_id", sort=False):
        by = {f: dict(zip(g["frame"], g["n"])) for f, g in group.groupby("field")}
        title, body = _top(by.get("title", {})), _top(by.get("body", {}))
        rows.append((doc_id, "; ".join(title), "; ".join(body),
                     int(sum(by.get("title", {}).values())), int(sum(by.get("body", {}).values())),
                     bool(set(title) & set(body))))
    return pd.DataFrame(rows, columns=HEADLINE_COLUMNS)


# --- attributed statements -----------------------------------------------------------------

@dataclass(frozen=True)
class Reporting:
    forms: Mapping[tuple[str, ...], tuple[str, str, bool]]  # words -> (lemma, kind, needs و/ف)
    stops: frozenset[tuple[str, ...]]
    skips: frozenset[str]
    anaphors: frozenset[str]
    sides: Mapping[str, str]
    heads: frozenset[str] = frozenset()  # first words of forms, bare and with و/ف

    @cached_property
    def surface(self) -> dict[tuple[str, ...], tuple[str, str]]:
        """One or two words as they stand in the text, و/ف included -> ``(lemma, kind)``: a
        form as written wins over the same words read as و/ف + form (one look-up in
        :func:`_verb_at` instead of trying each reading)."""
        out = {(c + key[0],) + key[1:]: (lemma, kind)
               for key, (lemma, kind, _) in self.forms.items() if len(key) <= 2
               for c in ("و", "ف")}
        out.update({key: (lemma, kind) for key, (lemma, kind, required) in self.forms.items()
                    if len(key) <= 2 and not required})
        return out

    @cached_property
    def singles(self) -> frozenset[str]:
        """The one-word forms of :attr:`surface`."""
        return frozenset(key[0] for key in self.surface if len(key) == 1)

    @cached_property
    def pairs(self) -> dict[str, frozenset[str]]:
        """First word of a two-word form in :attr:`surface` -> the words that complete it."""
        out: dict[str, set[str]] = {}
        for key in self.surface:
            if len(key) == 2:
                out.setdefault(key[0], set()).add(key[1])
        return {first: frozenset(seconds) for first, seconds in out.items()}

    @cached_property
    def side_forms(self) -> dict[str, str]:
        """A word -> the side of the nationality word it is, bare or after one of
        :data:`_SIDE_PREFIXES` (:func:`_side_of_words`): of the prefixes a word may be
        read with, the first in that order decides, as trying them in turn would."""
        out: dict[str, str] = {}
        for pre in _SIDE_PREFIXES:
            for word, side in self.sides.items():
                out.setdefault(pre + word, side)
        return out


REPORTING_KINDS = ("verb", "verb_object", "transmit", "formula", "statement")


@lru_cache(maxsize=4)
def load_reporting(verbs_path: str | None = None, cues_path: str | None = None) -> Reporting:
    """Reporting verbs and formulae (``reporting_verbs.tsv``: form, lemma, kind, conjunction,
    gloss) and the words that bound a speaker phrase (``speaker_cues.tsv``: cue, kind
    (stop/skip/anaphor/side), value (the side, for ``side``), gloss)."""
    vfile = Path(verbs_path) if verbs_path else paths.data_file("reporting_verbs.tsv")
    forms = {}
    for line_no, row in _read_tsv(vfile, ("form", "lemma", "kind", "conjunction", "gloss")):
        where = f"{vfile}, line {line_no}"
        if row["kind"] not in REPORTING_KINDS:
            raise LexiconError(f"{where}: kind must be one of {', '.join(REPORTING_KINDS)}")
        if row["conjunction"] not in ("optional", "required"):
            raise LexiconError(f"{where}: conjunction must be 'optional' or 'required'")
        key = tuple(_folded_word(w, where) for w in row["form"].split())
        forms[key] = (fold(row["lemma"]), row["kind"], row["conjunction"] == "required")
    cfile = Path(cues_path) if cues_path else paths.data_file("speaker_cues.tsv")
    stops, skips, anaphors, sides = set(), set(), set(), {}
    for line_no, row in _read_tsv(cfile, ("cue", "kind", "value", "gloss")):
        where = f"{cfile}, line {line_no}"
        words = tuple(_folded_word(w, where) for w in row["cue"].split())
        kind = row["kind"]
        if kind == "stop":
            stops.add(words)
        elif kind in ("skip", "anaphor", "side") and len(words) != 1:
            raise LexiconError(f"{where}: a {kind} cue is one word")
        elif kind == "skip":
            skips.add(words[0])
        elif kind == "anaphor":
            anaphors.add(words[0])
        elif kind == "side":
            if not row["value"]:
                raise LexiconError(f"{where}: a side cue needs its side in 'value'")
            sides[words[0]] = row["value"]
        else:
            raise LexiconError(f"{where}: kind must be stop, skip, anaphor or side, not '{kind}'")
    heads = {key[0] for key in forms}
    heads |= {c + h for h in heads for c in ("و", "ف")}
    return Reporting(forms, frozenset(stops), frozenset(skips), frozenset(anaphors), sides,
                     frozenset(heads))


_TYPE_PRIORITY = {"person": 0, "institution": 1, "media": 2, "alliance": 3, "intl_org": 4,
                  "armed_group": 5, "state": 6}


def _actor_layer():
    try:
        from . import actors
    except ImportError:  # the actor layer is optional: speakers then stay unresolved
        return None
    return actors


def _codebook_maps(codebook: pd.DataFrame | None) -> tuple[dict[str, str], dict[str, str]]:
    if codebook is None:
        actors = _actor_layer()
        codebook = actors.load_codebook() if actors is not None else None
    if codebook is None or codebook.empty:
        return {}, {}
    ids = codebook["id"].astype(str)
    return (dict(zip(ids, codebook["side"].fillna("").astype(str))),
            dict(zip(ids, codebook["type"].fillna("").astype(str))))


@dataclass
class _Speaker:
    first: int  # word indices (inclusive) of the speaker phrase
    last: int
    #: ``(first, last, mentions)``: the last :func:`_speaker_mentions`, kept while the
    #: phrase keeps these bounds (cover, institution, referent and resolve ask in turn)
    seen: tuple | None = None


def _speaker_mentions(field: _Field, sp: _Speaker) -> list[tuple[int, int, str]]:
    """:func:`_mentions_in` the span of the phrase's words, computed once per bounds."""
    seen = sp.seen
    if seen is None or seen[0] != sp.first or seen[1] != sp.last:
        seen = sp.seen = (sp.first, sp.last,
                          _mentions_in(field, field.starts[sp.first], field.ends[sp.last]))
    return seen[2]


def _verb_at(field: _Field, t: int, rep: Reporting) -> tuple[int, str, str] | None:
    """``(last_word, lemma, kind)`` if a reporting form starts at word ``t``."""
    word = field.words[t]
    if word not in rep.heads:
        return None
    found = field.joined[t + 1] and rep.surface.get((word, field.words[t + 1]))
    if found:  # two-word forms first
        return t + 1, found[0], found[1]
    found = rep.surface.get((word,))
    return (t, found[0], found[1]) if found else None


def _is_stop(field: _Field, i: int, rep: Reporting) -> bool:
    """Word ``i`` starts a stop cue (the reference for :func:`_phrase_bounds`)."""
    w = field.words[i]
    if (w,) in rep.stops:
        return True
    return i + 1 < field.hi and field.joined[i + 1] and (w, field.words[i + 1]) in rep.stops


def _phrase(field: _Field, i: int, rep: Reporting, *, quoted_ok: bool = False,
            max_words: int = 10) -> _Speaker | None:
    """The speaker phrase starting at word ``i``: up to a stop word, punctuation or a verb.

    With ``quoted_ok`` a name in quotes («وفق "الشرق الأوسط"») is taken whole.
    """
    n = field.hi
    while i < n and field.joined[i] and field.words[i] in rep.skips:
        i += 1
    if i >= n:
        return None
    if quoted_ok and '"' in field.gap(i) and _QUOTE_GAP.fullmatch(field.gap(i)):
        last = i
        while last + 1 < n and field.joined[last + 1] and last + 1 - i < max_words:
            last += 1
        return _Speaker(i, last)
    if (not field.joined[i] and field.gap(i) != " ") or field.phrase_end[i]:
        return None
    # on to the word before the first that ends a phrase or is not joined, at most max_words
    return _Speaker(i, min(field.next_break[i + 1], i + max_words) - 1)


def _phrase_bounds(batch: _Batch, rep: Reporting, codes: np.ndarray) -> tuple[bytes, array]:
    """``phrase_end[i]``: word ``i`` of the batch ends a speaker phrase, as a stop cue or the
    start of a reporting form (:func:`_is_stop`, :func:`_verb_at`); ``next_break[i]``: the
    first word from ``i`` on where a phrase that has reached word ``i - 1`` stops -- one
    that ends a phrase or is not joined to the word before it (``len(words)`` at most).

    With numpy over the whole batch, from ``codes`` (:meth:`_Batch.codes`): the one-word
    stops and forms are known from their codes, and Python checks only the pairs of words
    whose codes allow a two-word stop or form (a look-up per word of every phrase, and
    :func:`_is_stop` and :func:`_verb_at` per word that may end one, cost more).
    """
    n, words = len(batch.words), batch.words
    joined = np.frombuffer(batch.joined, dtype=np.uint8) > 0  # n + 1 entries
    this, after = codes[:n], codes[1:n + 1]
    ends = (this & (_STOP_ONE | _FORM)) > 0
    pairs = joined[1:] & ~ends & ((((this & _STOP_FIRST) > 0) & ((after & _STOP_SECOND) > 0))
                                  | (((this & _PAIR_FIRST) > 0) & ((after & _PAIR_SECOND) > 0)))
    for i in np.flatnonzero(pairs).tolist():
        pair = words[i:i + 2]
        ends[i] = pair in rep.stops or pair in rep.surface
    # each word's next break: the least break position at or after it (the last entry is one)
    breaks = np.where(np.append(~joined[:n] | ends, True), np.arange(n + 1), n)
    next_break = np.minimum.accumulate(breaks[::-1])[::-1]
    return np.append(ends, False).tobytes(), _int_array(next_break)


_KAN = frozenset(("كان", "كانت", "كانوا", "كانا", "كانتا"))
_KAN_ANY = _KAN | {c + k for k in _KAN for c in ("و", "ف")}  # bare or after و/ف


_PREPOSITIONS = frozenset(("في", "من", "الي", "علي", "عن", "مع", "بين", "حول", "ضد", "عبر",
                           "لدي", "نحو", "امام", "داخل", "خارج"))
_SPACE_QUOTES = "\"'«»“”„"  # with white space, what may stand between a subject and its verb
_RELATIVES = frozenset(("الذي", "التي", "الذين", "اللذان", "اللتان", "اللذين", "اللتين"))


def _subject_before(field: _Field, t: int, kan: int) -> tuple[_Speaker | None, bool]:
    """Subject–verb order: «وكانت وزارة الدفاع الروسية قالت», «البنتاغون يعلن».

    Returns ``(speaker, certain)``: the words between a preceding كان/كانت (word ``kan``,
    :func:`_kan_before`, or -1) and the verb (certain), or an actor mention that ends right
    before the verb with only spaces or quotes between and is not governed by a
    preposition («وفي واشنطن قال كوك»: not a subject); the caller prefers a speaker after
    the verb to the latter.
    """
    lo, hi = field.lo, field.hi
    if kan >= 0:
        first, last = kan + 1, t - 1
        while last >= first and field.words[last] in ("قد", "لقد"):  # «… قد أكدت»
            last -= 1
        return (_Speaker(first, last), True) if first <= last else (None, False)
    if field.mlo == field.mhi:  # no mentions
        return None, False
    vstart = field.starts[t]
    text, p = field.text, vstart  # text[p:vstart]: the spaces and quotes before the verb
    while p > 0 and (text[p - 1].isspace() or text[p - 1] in _SPACE_QUOTES):
        p -= 1
    # the mentions starting before the verb, from the first that may end at p or later
    stop = bisect_left(field.mention_starts, vstart, field.mlo, field.mhi)
    for start, end, _ in field.mentions[bisect_left(field.mention_reach, p, field.mlo, stop):stop]:
        if not p <= end <= vstart:
            continue
        # the words before the verb that overlap the mention
        k0 = bisect_left(field.ends, start + 1, lo, hi)
        k1 = min(bisect_left(field.starts, end, lo, hi), t)
        if k0 >= k1:
            continue
        clitic = fold(field.text[field.starts[k0]:start])
        if any(c in clitic for c in "بلك") or (k0 > lo and field.joined[k0]
                                                 and field.words[k0 - 1] in _PREPOSITIONS):
            continue
        return _Speaker(k0, k1 - 1), False
    return None, False


def _kan_before(batch: _Batch, codes: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """For each word ``t`` of ``starts``: the nearest كان/كانت … before it in the same clause
    (at most nine words back, every word from it to ``t`` joined to the one before), or -1.

    With numpy over the batch: the last كان word before ``t`` (a bisection of their
    positions) counts if it is at or after the clause's start -- the last word up to ``t``
    not joined to the one before -- and at most nine words back; what walking back from
    ``t`` over joined words, nine at most, and stopping at the first كان finds.
    """
    n = len(batch.words)
    kan = np.flatnonzero(codes[:n] & _KAN_WORD)
    if not len(kan) or not len(starts):
        return np.full(len(starts), -1)
    apart = np.flatnonzero(np.frombuffer(batch.joined, dtype=np.uint8)[:n] == 0)
    clause = apart[np.searchsorted(apart, starts, side="right") - 1]  # a field's first word is one
    before = np.searchsorted(kan, starts) - 1
    found = kan[np.maximum(before, 0)]
    ok = (before >= 0) & (found >= clause) & (found >= starts - 9)
    return np.where(ok, found, -1)


def _mention_ends_before(batch: _Batch, starts: np.ndarray, bounds: list[tuple[int, int]],
                         mentions: _Mentions) -> np.ndarray:
    """For each word ``t`` of ``starts``: whether an actor mention of its field ends between
    the end of word ``t - 1`` (the field's start, at its first word) and the start of ``t``.
    ``bounds`` are the fields' ranges of mentions (:attr:`_Mentions.runs`).

    Without a كان, :func:`_subject_before` finds a subject only in a mention ending at ``p``
    or later and at the verb's start at the latest, ``p`` being where the spaces and quotes
    before the verb begin: never before the end of the word before (its last character is a
    letter or a mark), so where this is False it finds none and need not be called.
    """
    if not len(starts) or not len(mentions.end_keys):
        return np.zeros(len(starts), dtype=bool)
    field = np.searchsorted(np.array(batch.hi, dtype=np.int64), starts, side="right")
    mlo, mhi = (np.array([b[i] for b in bounds], dtype=np.int64)[field] for i in (0, 1))
    word_starts = np.frombuffer(batch.starts, dtype=np.int64)
    word_ends = np.frombuffer(batch.ends, dtype=np.int64)
    low = np.where(starts > np.array(batch.lo, dtype=np.int64)[field], word_ends[starts - 1], 0)
    # the field's ends from low to the verb's start, by bisecting the keys of its field
    # (bounds clipped to the width, so as not to reach into the next field's keys)
    keys, width = mentions.end_keys, mentions.width
    base = mlo * width
    found = (np.searchsorted(keys, base + np.minimum(word_starts[starts], width - 1), side="right")
             > np.searchsorted(keys, base + np.minimum(low, width)))
    return found & (mlo < mhi)


def _mentions_in(field: _Field, s: int, e: int) -> list[tuple[int, int, str]]:
    """The field's mentions overlapping ``[s, e)``, in order."""
    if field.mlo == field.mhi:
        return []
    # mentions are sorted by start: none from the first one starting at e on, and none
    # before the first whose end (or an earlier mention's end) passes s
    lo = bisect_left(field.mention_reach, s + 1, field.mlo, field.mhi)
    hi = bisect_left(field.mention_starts, e, field.mlo, field.mhi)
    return [m for m in field.mentions[lo:hi] if m[1] > s]


_SIDE_PREFIXES = ("", "ال", "و", "وال", "ب", "بال", "ل", "لل")


def _side_of_words(words: list[str], rep: Reporting) -> str:
    """The side of the first nationality word among ``words`` («الأمريكي» → us), or ''."""
    forms = rep.side_forms
    for w in words:
        if w in forms:
            return forms[w]
    return ""


def _speaker_after(field: _Field, t: int, last: int, kind: str,
                   rep: Reporting) -> tuple[_Speaker | None, int]:
    """The speaker phrase that follows a reporting form ending at word ``last``, and the
    last word of the form itself (a formula may take in an inner verb: «بحسب ما ذكرت»)."""
    n = field.hi
    k = last + 1
    if kind == "transmit":  # «نقلت وكالة رويترز عن المتحدث …»: the speaker follows عن
        while (k < n and k - last <= 8 and _PHRASE_GAP.fullmatch(field.gap(k))
               and field.words[k] != "عن"):
            k += 1
        if k >= n or field.words[k] != "عن" or not _PHRASE_GAP.fullmatch(field.gap(k)):
            return None, last
        k += 1
    elif kind == "formula":  # «بحسب ما ذكرت قناة …», «حسبما أفادت …», «وفقاً لـ…»
        inner_at = k + 1 if k < n and field.joined[k] and field.words[k] == "ما" else k
        inner = _verb_at(field, inner_at, rep) if inner_at < n and field.joined[inner_at] else None
        if inner is not None and inner[2] in ("verb", "verb_object"):
            last = inner[0]
            k = last + 1
        if k < n and field.words[k] == "ل":
            k += 1
    if k >= n:
        return None, last
    speaker = _phrase(field, k, rep, quoted_ok=kind in ("formula", "transmit"))
    if speaker is None:
        return None, last
    return _extend_to_institution(field, _cover_mentions(field, speaker), rep), last


def _cover_mentions(field: _Field, sp: _Speaker) -> _Speaker:
    """Extend a phrase cut inside an actor's name («قناة روسيا | اليوم») to the name's end.

    The furthest end of the mentions overlapping the phrase, if past its last word: the
    running maximum of the ends (``mention_reach``) at the last mention starting before the
    phrase's end -- a mention ending past the phrase's end overlaps it, and any mention
    overlapping it is among those."""
    end = field.ends[sp.last]
    stop = bisect_left(field.mention_starts, end, field.mlo, field.mhi)
    if stop > field.mlo and field.mention_reach[stop - 1] > end:
        # the last word starting inside
        sp.last = bisect_left(field.starts, field.mention_reach[stop - 1], field.lo, field.hi) - 1
    return sp


_OF = frozenset(("في", "من", "لدي", "داخل"))


def _extend_to_institution(field: _Field, sp: _Speaker, rep: Reporting) -> _Speaker:
    """«مسؤول في البنتاغون», «مصدر من وزارة الدفاع الروسية»: a generic source of one or
    two words, with no actor and no nationality of its own, followed by في/من + an actor,
    speaks for that actor. («السفير الروسي في واشنطن» is not extended: it has a side.)"""
    k, n = sp.last + 1, field.hi
    if (k + 1 >= n or sp.last - sp.first > 1 or not field.joined[k] or field.words[k] not in _OF
            or not field.joined[k + 1]):
        return sp
    words = list(field.words[sp.first:sp.last + 1])
    if _speaker_mentions(field, sp) or _side_of_words(words, rep):
        return sp
    ws, we = field.starts[k + 1], field.ends[k + 1]
    for start, end, _ in field.mentions[field.mlo:field.mhi]:
        if ws <= start < we:
            last = bisect_left(field.starts, end, field.lo, field.hi) - 1  # the last word starting inside
            return _Speaker(sp.first, last)
    return sp


def _has_referent(field: _Field, speaker: _Speaker, names: dict) -> bool:
    return bool(_speaker_mentions(field, speaker)) or any(
        field.words[k] in names for k in range(speaker.first, speaker.last + 1))


def _form_starts(batch: _Batch, rep: Reporting, codes: np.ndarray) -> np.ndarray:
    """The words of a batch where :func:`_verb_at` may find a form, in order: a one-word
    form, or the first word of a two-word form followed, in the same field, by its second
    word. ``codes`` is the batch's :meth:`_Batch.codes`; the first words of two-word forms
    include some of the commonest words («في بيان», «على لسان»): numpy keeps those whose
    next word completes no two-word form at all, and Python checks the few others."""
    pair = ((codes[:-2] & _PAIR_FIRST) > 0) & ((codes[1:-1] & _PAIR_SECOND) > 0)
    pair[[h - 1 for h in batch.hi if h]] = False  # a field's last word: no next word
    single = (codes[:-2] & _FORM) > 0
    starts = np.flatnonzero(single | pair)
    words, pairs = batch.words, rep.pairs
    wrong = [j for j, t in enumerate(starts.tolist())
             if not single[t] and words[t + 1] not in pairs[words[t]]]
    return np.delete(starts, wrong) if wrong else starts


def _statements_in(field: _Field, starts: list[int], kans: list[int], subjects: list[bool],
                   rep: Reporting, sides: dict, types: dict) -> list[tuple]:
    """Statements of one field: (start, end, speaker, actor, side, lemma, s_start, s_end,
    basis); ``starts`` are the field's :func:`_form_starts`, ``kans`` their
    :func:`_kan_before`, ``subjects`` whether :func:`_subject_before` may find a subject
    there (a كان, or a mention ending right before: :func:`_mention_ends_before`)."""
    out: list[tuple] = []
    names: dict[str, tuple[str, str]] = {}  # name word -> (actor, side), from resolved phrases
    previous: tuple | None = None
    sentences_with_verb: set[int] = set()
    in_statement = []  # «في بيان» forms, used only where no verb reports the sentence
    n, resume = field.hi, 0  # resume: the first word after the last form found
    words, joined, text, word_starts, word_ends = (field.words, field.joined, field.text,
                                                   field.starts, field.ends)
    surface = rep.surface
    for t, kan, subject in zip(starts, kans, subjects):
        if t < resume:
            continue
        # _verb_at, inlined: a two-word form first (every start may begin a form)
        found = joined[t + 1] and surface.get((words[t], words[t + 1]))
        if found:
            last = t + 1
        else:
            found, last = surface.get((words[t],)), t
            if not found:
                continue
        lemma, kind = found
        if kind == "statement":
            in_statement.append((t, last, lemma))
            resume = last + 1
            continue
        verb = kind in ("verb", "verb_object")
        if verb and t > field.lo and joined[t] and words[t - 1] in _RELATIVES:
            resume = last + 1  # «المسلمة الروسية التي تقول …»: a relative clause, not a source
            continue
        before, certain = _subject_before(field, t, kan) if verb and subject else (None, False)
        after, last = (None, last) if certain else _speaker_after(field, t, last, kind, rep)
        if before is not None and (certain or after is None
                                   or not _has_referent(field, after, names)):
            speaker, basis = before, "before_verb"
        else:
            speaker, basis = after, ("after_verb" if after is not None else "")
        if speaker is None and kind in ("formula", "transmit"):
            resume = last + 1  # «فحسب», «نقل الجنود»: no source, no statement
            continue
        if speaker is not None and kind == "verb_object":
            # «اتهمت هيئة الأركان الروسية الاستخبارات الأمريكية»: the object follows the subject
            ms = _speaker_mentions(field, speaker)
            if ms:
                end_of_first = min(ms)[1]
                speaker.last = max(k for k in range(speaker.first, speaker.last + 1)
                                   if word_starts[k] < end_of_first)
        if speaker is not None:
            s_span = word_starts[speaker.first], word_ends[speaker.last]
            actor, side, basis = _resolve(field, speaker, s_span, rep, sides, types, names,
                                          previous, basis)
            sp_text = text[s_span[0]:s_span[1]]
            first_w, last_w = min(t, speaker.first), max(last, speaker.last)
        elif previous is not None:  # «وأضاف: …», «مضيفاً أن …»: the last speaker goes on
            sp_text, actor, side, s_span, basis = (previous[2], previous[3], previous[4],
                                                   (previous[6], previous[7]), "previous")
            first_w, last_w = t, last
        else:
            sp_text, actor, side, s_span, basis = "", "", "", (-1, -1), ""
            first_w, last_w = t, last
        row = (word_starts[first_w], word_ends[last_w], sp_text, actor, side, lemma, s_span[0],
               s_span[1], basis)
        out.append(row)
        sentences_with_verb.add(field.sentence[t])
        if sp_text:
            previous = row
        resume = last + 1
    for t, last, lemma in in_statement:  # «في بيان للخارجية الروسية» with no verb nearby
        if field.sentence[t] in sentences_with_verb:
            continue
        k = last + 1
        while k < n and field.joined[k] and field.words[k] in ("صادر", "صادره", "عن"):
            k += 1
        speaker = _phrase(field, k, rep) if k < n and field.joined[k] else None
        if speaker is None:
            continue
        s_span = field.span(speaker.first, speaker.last)
        actor, side, basis = _resolve(field, speaker, s_span, rep, sides, types, names, None,
                                      "after_verb")
        start, end = field.span(t, speaker.last)
        out.append((start, end, field.text[s_span[0]:s_span[1]], actor, side, lemma,
                    s_span[0], s_span[1], basis))
    return out


def _resolve(field: _Field, speaker: _Speaker, s_span: tuple[int, int], rep: Reporting,
             sides: dict, types: dict, names: dict, previous: tuple | None,
             basis: str) -> tuple[str, str, str]:
    """``(actor_id, side, basis)`` of a speaker phrase.

    1. an actor mention inside the phrase, the most specific kind first (person, then
       institution, media …, state last): «المتحدث باسم البنتاغون بيتر كوك» → US_DOD;
    2. a name already tied to an actor in this field («بيتر كوك» → later «كوك»);
    3. a definite anaphor («المسؤول الأمريكي», «البيان», «المصدر ذاته») → the previous
       speaker, if its side does not contradict (basis ``previous``);
    4. a nationality word → that side, no actor («مسؤولون عسكريون أمريكيون» → us).
    """
    mentions = _speaker_mentions(field, speaker)  # s_span is the span of its words
    if mentions:
        best = mentions[0] if len(mentions) == 1 else min(
            mentions, key=lambda m: (_TYPE_PRIORITY.get(types.get(m[2], ""), 9), m[0]))
        actor, side = best[2], sides.get(best[2], "")
        words = field.words  # the name after a title: the words from the mention's end on
        for k in range(bisect_left(field.starts, best[1], speaker.first, speaker.last + 1),
                       speaker.last + 1):
            if not words[k].startswith("ال") and len(words[k]) >= 3:
                names[words[k]] = (actor, side)
        return actor, side, basis
    words = list(field.words[speaker.first:speaker.last + 1])
    for w in reversed(words):
        if w in names:
            return names[w][0], names[w][1], basis
    side = _side_of_words(words, rep)
    anaphoric = ((words[0] in rep.anaphors and words[0].startswith("ال"))
                 or any(w in rep.anaphors and not w.startswith("ال") for w in words[1:]))
    if anaphoric and previous is not None and (not side or side == previous[4]):
        return previous[3], previous[4], "previous"
    return "", side, basis


def _mentions_by_field(mentions: pd.DataFrame) -> _Mentions:
    """The :class:`_Mentions` of an actor-mention table (doc_id, field, start, end, actor_id).

    One numpy sort of the whole table (by field, then start, end, actor id; none when it is
    sorted already) cut into runs, one per field: a Python step per field rather than per
    mention.
    """
    doc, docs = pd.factorize(mentions["doc_id"], use_na_sentinel=False)
    field, fields = pd.factorize(mentions["field"], use_na_sentinel=False)
    actor, actors = pd.factorize(mentions["actor_id"], use_na_sentinel=False)
    names = [str(a) for a in actors]
    rank = {name: r for r, name in enumerate(sorted(set(names)))}  # actor ids in str order
    actor_rank = np.array([rank[name] for name in names])[actor]
    start = mentions["start"].to_numpy(dtype=np.int64)
    end = mentions["end"].to_numpy(dtype=np.int64)
    keys = (doc, field, start, end, actor_rank)  # the most significant first
    order = None if _in_order(keys) else np.lexsort(keys[::-1])  # as actors lists them, often
    if order is not None:
        doc, field, start, end, actor = (a[order] for a in (doc, field, start, end, actor))
    run = doc * len(fields) + field
    cut = np.flatnonzero(np.diff(run)) + 1
    actor_ids = np.array(names, dtype=object)[actor].tolist()
    triples = list(zip(start.tolist(), end.tolist(), actor_ids))
    # the running maximum of the ends within each run: the ends of run r shifted up by r
    # times their range, so that one running maximum over the table starts afresh at each run
    r = np.zeros(len(run), dtype=np.int64)
    r[cut] = 1
    shift = np.cumsum(r) * (int(end.max()) - int(end.min()) + 1)
    reach = np.maximum.accumulate(end + shift) - shift
    cuts = [0, *cut.tolist(), len(run)]
    first = cuts[:-1]  # the first row of each run, for its doc_id and field
    docs, fields = docs.tolist(), fields.tolist()
    keys = zip([docs[d] for d in doc[first].tolist()], [fields[f] for f in field[first].tolist()])
    width = int(end.max()) + 1
    base = np.repeat(first, np.diff(cuts)) * width
    return _Mentions(triples, start.tolist(), reach.tolist(),
                     {key: (lo, hi) for key, lo, hi in zip(keys, cuts[:-1], cuts[1:])},
                     np.sort(base + end, kind="stable"), width)  # nearly sorted: timsort


def _in_order(keys: tuple[np.ndarray, ...]) -> bool:
    """Whether the rows are sorted by ``keys`` (the most significant first): what a stable
    sort would leave as it is."""
    undecided = np.ones(max(len(keys[0]) - 1, 0), dtype=bool)  # equal on the keys so far
    for key in keys:
        step = np.diff(key)
        if (undecided & (step < 0)).any():
            return False
        undecided &= step == 0
    return True


def find_statements(documents: pd.DataFrame, *, mentions: pd.DataFrame | None = None,
                    codebook: pd.DataFrame | None = None,
                    prepared: Prepared | None = None) -> pd.DataFrame:
    """Attributed statements: who is quoted or reported as saying something.

    One row per reporting verb or source formula (قال، أعلن، أكد … بحسب، وفق، نقلت … عن):
    ``start``/``end`` span the attribution (verb and speaker phrase, in text order),
    ``speaker`` is the speaker phrase as stored (``speaker_start``/``speaker_end``),
    ``speaker_actor_id``/``speaker_side`` its codebook actor and side (empty when unknown),
    ``verb`` the folded lemma, ``basis`` how the speaker was found: ``after_verb``
    (verb–subject, the usual order), ``before_verb`` («وكانت وزارة الدفاع الروسية قالت»,
    «البنتاغون يعلن»), ``previous`` («وأضاف: …», «وقال المسؤول الأمريكي» — the last
    speaker of the same field), or empty (no speaker found).

    ``mentions`` is an actor-mention table (doc_id, field, start, end, actor_id), by default
    :func:`analysis.actors.find_mentions`; ``codebook`` (id, type, side) by default
    :func:`analysis.actors.load_codebook`. Without the actor layer speakers stay unresolved.
    ``prepared`` is :func:`prepare` of the same ``documents``, to share with
    :func:`find_cues`; made here when not given.
    """
    rep = load_reporting()
    vocabulary = _vocabulary(None, None)  # as find_cues with the default lexicon: shared
    actors = _actor_layer()
    if mentions is None:
        mentions = actors.find_mentions(documents) if actors is not None else None
    sides, types = _codebook_maps(codebook)
    ids, names, batches = _walk(documents, prepared)
    ks, rows = [], []  # the field's number and the statement
    with gc_paused():  # from the mentions' triples on: many small objects, no cycles
        index = (_mentions_by_field(mentions) if mentions is not None and len(mentions)
                 else _NO_MENTIONS)
        for k0, batch in batches:
            codes = batch.codes(vocabulary)
            starts = _form_starts(batch, rep, codes)
            a = np.searchsorted(starts, batch.lo).tolist()  # each field's forms: a[f] to b[f]
            b = np.searchsorted(starts, batch.hi).tolist()
            bounds = [index.runs.get((ids[k], names[k]), (0, 0))
                      for k in range(k0, k0 + len(a))]
            kans = _kan_before(batch, codes, starts)
            # where a subject may stand before the verb: after a كان, or a mention ends there
            subjects = ((kans >= 0) | _mention_ends_before(batch, starts, bounds, index)).tolist()
            phrases = _phrase_bounds(batch, rep, codes)
            kans, starts = kans.tolist(), starts.tolist()
            for f in [f for f in range(len(a)) if a[f] < b[f]]:
                k = k0 + f
                field = _Field(batch, f, index, bounds[f], phrases)
                found = _statements_in(field, starts[a[f]:b[f]], kans[a[f]:b[f]],
                                       subjects[a[f]:b[f]], rep, sides, types)
                ks += [k] * len(found)
                rows += found
    start, end, *rest = zip(*rows) if rows else [()] * len(STATEMENT_COLUMNS[2:])
    return _table(documents, ks, start, end, STATEMENT_COLUMNS,
                  dict(zip(STATEMENT_COLUMNS[4:], rest)))


def _bloc(side: str) -> str:
    return side if side in ("us", "russia") else ("unresolved" if not side else "other")


def voice_balance(statements: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Per article × side (us, russia, other, unresolved): statements n, share, dominant.

    ``other`` is every other codebook side (Syrian government, UN, media, jihadist …);
    ``unresolved`` is a speaker with no side («مصدر محلي»). ``dominant`` marks the side(s)
    among us/russia/other with the most statements (none when there are none).
    """
    blocs = statements["speaker_side"].fillna("").map(_bloc) if len(statements) else []
    counts = (pd.Series(1, index=pd.MultiIndex.from_arrays([statements["doc_id"], blocs]))
              .groupby(level=[0, 1]).sum().to_dict()) if len(statements) else {}
    rows = []
    for doc_id in documents["doc_id"]:
        ns = {s: int(counts.get((doc_id, s), 0)) for s in VOICE_SIDES}
        total = sum(ns.values())
        best = max(ns[s] for s in ("us", "russia", "other"))
        for s in VOICE_SIDES:
            rows.append((doc_id, s, ns[s], ns[s] / total if total else float("nan"),
                         bool(best) and s != "unresolved" and ns[s] == best))
    return pd.DataFrame(rows, columns=VOICE_COLUMNS)


# --- distinctive vocabulary ------------------------------------------------------------------

@lru_cache(maxsize=4)
def load_stopwords(path: str | None = None) -> frozenset[str]:
    """Arabic function words, folded (``stopwords_ar.txt``: one per line, # comments)."""
    file = Path(path) if path else paths.data_file("stopwords_ar.txt")
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise LexiconError(f"{file}: file not found") from None
    words = set()
    for line_no, line in enumerate(lines, start=1):
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        if not _WORD.fullmatch(word):
            raise LexiconError(f"{file}, line {line_no}: '{word}' is not a single word")
        if fold(word) != word:
            raise LexiconError(f"{file}, line {line_no}: '{word}' is not in folded form "
                               f"(expected '{fold(word)}')")
        words.add(word)
    return frozenset(words)


def vocabulary(documents: pd.DataFrame) -> frozenset[str]:
    """Every folded token of the corpus: the words clitic splitting may leave behind."""
    vocab = set()
    for _, _, text in iter_fields(documents):
        vocab.update(TOKEN_RE.findall(fold(text)))
    return frozenset(vocab)


def _term(token: str, vocab: frozenset[str], stop: frozenset[str]) -> str | None:
    """The counted form of a folded token, or None (digits, stopword, single letter)."""
    if any(c.isdigit() for c in token) or token in stop:
        return None
    stem = split_clitics(token, vocabulary=vocab)[1]
    if stem in stop or len(stem) < 2:
        return None
    return stem


def terms(text: str, *, vocab: frozenset[str], stopwords: frozenset[str] | None = None) -> list[str]:
    """Terms of a text for keyness: folded, clitics split, stopwords and digits dropped."""
    stop = load_stopwords() if stopwords is None else stopwords
    out = []
    for token in TOKEN_RE.findall(fold(text)):
        term = _term(token, vocab, stop)
        if term is not None:
            out.append(term)
    return out


def term_counts(documents: pd.DataFrame, *, group: str = "doc_id") -> pd.DataFrame:
    """Long table ``group, term, count`` over titles and bodies."""
    vocab = vocabulary(documents)
    stop = load_stopwords()
    groups = dict(zip(documents["doc_id"], documents[group].fillna("").astype(str)))
    counts: dict[tuple[str, str], int] = {}
    for doc_id, _, text in iter_fields(documents):
        g = groups[doc_id]
        for term in terms(text, vocab=vocab, stopwords=stop):
            counts[(g, term)] = counts.get((g, term), 0) + 1
    rows = [(g, t, c) for (g, t), c in counts.items()]
    table = pd.DataFrame(rows, columns=[group, "term", "count"])
    return table.sort_values([group, "term"], kind="stable").reset_index(drop=True)


def log_odds(counts_a: Mapping[str, int], counts_b: Mapping[str, int], *,
             prior: Mapping[str, float] | None = None, alpha0: float = ALPHA0) -> pd.DataFrame:
    """Weighted log-odds ratio with an informative Dirichlet prior (Monroe et al. 2008, eq. 16–22).

    ``alpha_w = alpha0 * prior_w / sum(prior)``, the prior being the pooled counts of both
    groups unless given; for group i (``a``) against j (``b``)::

        delta_w = log((y_iw + alpha_w) / (n_i + alpha0 - y_iw - alpha_w))
                - log((y_jw + alpha_w) / (n_j + alpha0 - y_jw - alpha_w))
        var_w   ≈ 1 / (y_iw + alpha_w) + 1 / (y_jw + alpha_w)
        z_w     = delta_w / sqrt(var_w)

    Columns: term, count (in a), count_rest (in b), alpha, delta, variance, z.
    """
    vocab = sorted(set(counts_a) | set(counts_b))
    ya = np.array([counts_a.get(w, 0) for w in vocab], dtype=float)
    yb = np.array([counts_b.get(w, 0) for w in vocab], dtype=float)
    if prior is None:
        pw = ya + yb
    else:
        missing = [w for w in vocab if prior.get(w, 0) <= 0]
        if missing:
            raise ValueError(f"the prior gives no weight to {len(missing)} observed term(s), "
                             f"e.g. {missing[:3]}")
        pw = np.array([prior[w] for w in vocab], dtype=float)
    if alpha0 <= 0:
        raise ValueError("alpha0 must be positive")
    alpha = alpha0 * pw / pw.sum() if len(vocab) else pw
    na, nb = ya.sum(), yb.sum()
    delta = (np.log((ya + alpha) / (na + alpha0 - ya - alpha))
             - np.log((yb + alpha) / (nb + alpha0 - yb - alpha)))
    variance = 1.0 / (ya + alpha) + 1.0 / (yb + alpha)
    return pd.DataFrame({"term": vocab, "count": ya.astype(int), "count_rest": yb.astype(int),
                         "alpha": alpha, "delta": delta, "variance": variance,
                         "z": delta / np.sqrt(variance)})


def keyness(documents: pd.DataFrame, *, group: str = "doc_id", target: str | None = None,
            alpha0: float = ALPHA0) -> pd.DataFrame:
    """Distinctive terms of each group (article or outlet) against all the others.

    ``group`` is a documents column (``doc_id`` or ``outlet``); ``target`` limits the output
    to one group. Terms are folded tokens with clitics split against the corpus vocabulary,
    stopwords and digits dropped (:func:`terms`). The prior is the whole corpus.
    Columns: group, term, count, count_rest, n, n_rest, alpha, delta, variance, z,
    single_occurrence — True when the term occurs once in the group it is distinctive of
    (z > 0: in the target; z < 0: in the rest), a result one occurrence can overturn.
    Sorted by group, z descending, term.
    """
    if target is not None and str(target) not in set(documents[group].fillna("").astype(str)):
        raise ValueError(f"no documents with {group} '{target}'")
    counts = term_counts(documents, group=group)
    total = counts.groupby("term")["count"].sum().to_dict()
    names = sorted(counts[group].unique()) if target is None else [str(target)]
    out = []
    for name in names:
        mine = counts[counts[group] == name]
        a = dict(zip(mine["term"], mine["count"]))
        b = {t: c - a.get(t, 0) for t, c in total.items() if c - a.get(t, 0) > 0}
        table = log_odds(a, b, prior=total, alpha0=alpha0)
        table.insert(0, "group", name)
        table["n"] = int(sum(a.values()))
        table["n_rest"] = int(sum(b.values()))
        table["single_occurrence"] = np.where(table["z"] > 0, table["count"] == 1,
                                              np.where(table["z"] < 0, table["count_rest"] == 1,
                                                       False))
        out.append(table)
    if not out:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    result = pd.concat(out, ignore_index=True)[KEYNESS_COLUMNS]
    result["single_occurrence"] = result["single_occurrence"].astype(bool)
    return (result.sort_values(["group", "z", "term"], ascending=[True, False, True],
                               kind="stable").reset_index(drop=True))


def term_spans(documents: pd.DataFrame, term: str) -> pd.DataFrame:
    """Where a keyness term occurs: doc_id, field, start, end, surface, term.

    ``term`` may be given in any spelling; it is folded and compared with each token's
    counted form (clitics split as in :func:`keyness`), and the whole token is returned.
    """
    vocab = vocabulary(documents)
    stop = load_stopwords()
    wanted = fold(term)
    rows = []
    for doc_id, field, text in iter_fields(documents):
        for tok in tokenize(text):
            if _term(tok.folded, vocab, stop) == wanted or tok.folded == wanted:
                rows.append((doc_id, field, tok.start, tok.end, tok.surface, wanted))
    return _sorted(pd.DataFrame(rows, columns=SPAN_COLUMNS))


def evidence(documents: pd.DataFrame, spans: pd.DataFrame, *, width: int = 60) -> pd.DataFrame:
    """KWIC lines for any spans (frame hits, statements, :func:`term_spans`), by
    :func:`analysis.evidence.kwic`."""
    from .evidence import kwic

    return kwic(documents, spans, width=width)


# --- glosses for display ------------------------------------------------------------------

@lru_cache(maxsize=1)
def _glossary() -> dict[str, str]:
    """Folded term → English gloss: glossary.tsv, then frame cues, then codebook names."""
    from . import actors

    glosses: dict[str, str] = {}
    english = actors.load_codebook().set_index("id")["english"]
    aliases = actors.load_aliases()
    for alias, actor_id in zip(aliases["key"], aliases["actor_id"]):
        if " " not in alias:
            glosses.setdefault(alias, english[actor_id])
    for cue in load_lexicon().cues:
        if not any(ch in cue.text for ch in " /["):
            glosses[fold(cue.text)] = cue.gloss
    for _, row in _read_tsv(paths.data_file("glossary.tsv"), ("term", "gloss")):
        glosses[fold(row["term"])] = row["gloss"]
    return glosses


def gloss(term: str) -> str:
    """An English gloss for a folded term, or '' (glossary, frame cues, actor names)."""
    g = _glossary()
    return g.get(term) or g.get("ال" + term, "")
