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

import gc
import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate, compress, count
from pathlib import Path

import numpy as np
import pandas as pd

from . import paths
from .corpus import iter_fields
from .normalize import (
    DIACRITICS,
    PROCLITICS,
    TATWEEL,
    TOKEN_RE,
    count_tokens,
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
    def entries(self) -> dict[str, tuple[int, tuple, frozenset[str]]]:
        """:attr:`heads` as :func:`_cue_matches` walks them: a word -> (the earliest one-word
        cue it is, or -1; ``(index, slots after the first)`` of the longer cues it can
        start, by index; the words that may follow it in one of those cues, to try them
        only when the next word is one)."""
        by_indices = {}  # the same cues start many words: build each entry once
        for indices in set(self.heads.values()):
            single = min((i for i in indices if len(self.cues[i].slots) == 1), default=-1)
            longer = tuple((i, self.cues[i].slots[1:]) for i in sorted(set(indices))
                           if len(self.cues[i].slots) > 1)
            follow = set()
            for _, rest in longer:
                for slot in rest:  # up to the first slot that must be there
                    follow |= slot.accepts
                    if not slot.optional:
                        break
            by_indices[indices] = (single, longer, frozenset(follow))
        return {word: by_indices[indices] for word, indices in self.heads.items()}


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

class _Field:
    """One field's text as folded words, the unit that cue and statement finding walk over.

    ``words[i]`` is the i-th letter run of the folded text (:data:`_WORD`); ``starts[i]``,
    ``ends[i]`` its span in the stored text, marks after its last letter included (as
    :meth:`analysis.normalize.Folded.span`); ``joined[i]`` is 1 when word ``i`` follows
    word ``i-1`` with one space between, else 0 (always 0 for ``i`` = 0 and for ``i`` =
    ``len(words)``, one past the last word, so that callers need no bounds check);
    ``sentence[i]`` counts the gaps before word ``i`` that end a sentence (a running count:
    compare it within one field only).

    The per-word sequences are a tuple (words) and ``array``/``bytes`` (numbers), not
    lists: a prepared corpus holds millions of them, and the garbage collector would
    otherwise walk every element of every list again at each collection (a tuple of
    strings is untracked after one look; an array of numbers has no elements to walk).
    """

    __slots__ = (
        "_fends",
        "_folded",
        "_fstarts",
        "_start",
        "ends",
        "joined",
        "mention_reach",
        "mention_starts",
        "mentions",
        "sentence",
        "starts",
        "text",
        "words",
    )

    def __init__(self, text: str, folded: str, start: int, words: tuple[str, ...],
                 fstarts: array, fends: array, starts: array, ends: array,
                 joined: bytes, sentence: array):
        self.text, self.words, self.starts, self.ends = text, words, starts, ends
        self._folded, self._start, self._fstarts, self._fends = folded, start, fstarts, fends
        self.joined, self.sentence = joined, sentence
        self.mentions = self.mention_starts = self.mention_reach = ()

    def set_mentions(self, mentions: list[tuple[int, int, str]]) -> None:
        """The actor mentions of the field, ``(start, end, actor_id)`` sorted; with the
        starts and the running maximum of the ends, for bisection (:func:`_mentions_in`).
        :func:`find_statements` sets them on every field before walking it."""
        self.mentions = mentions
        self.mention_starts = [m[0] for m in mentions]
        self.mention_reach = list(accumulate((m[1] for m in mentions), max))

    def gap(self, i: int) -> str:
        """The folded text between word ``i-1`` (or the field's start) and word ``i``."""
        return self._folded[self._fends[i - 1] if i else self._start:self._fstarts[i]]

    def span(self, first: int, last: int) -> tuple[int, int]:
        return self.starts[first], self.ends[last]



@dataclass(frozen=True)
class Prepared:
    """Titles and bodies of a documents table as folded words (:func:`prepare`).

    :func:`find_cues` and :func:`find_statements` walk the same words; preparing them once
    and passing ``prepared=`` to both saves folding and splitting every text twice.
    """

    doc_ids: list
    field_names: list[str]  # "title" / "body", in :func:`iter_fields` order
    fields: list[_Field]


def prepare(documents: pd.DataFrame) -> Prepared:
    """Fold and split every title and body of ``documents`` into words, once, for
    :func:`find_cues` and :func:`find_statements` (``prepared=``)."""
    ids, names, texts = _texts(documents)
    with _gc_paused():
        return Prepared(ids, names, list(_fields(texts)))


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while words are prepared or walked.

    Both allocate hundreds of thousands of small objects (tuples, lists, strings) that
    never form cycles, and each allocation-triggered collection would walk every live
    prepared field again (a sixth of the framing time). Reference counting still frees
    everything at once; only cycle detection waits until the end.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _walk(documents: pd.DataFrame, prepared: Prepared | None) -> Iterator[tuple]:
    """``(doc_id, field, _Field)`` of every title and body: from ``prepared``, checked to
    be the preparation of ``documents``, or folded batch by batch as they are walked."""
    if prepared is None:
        ids, names, texts = _texts(documents)
        return zip(ids, names, _fields(texts))
    if prepared.doc_ids[0::2] != documents["doc_id"].tolist() \
            or len(prepared.fields) != 2 * len(documents):
        raise ValueError("prepared= was made from other documents than the ones given")
    return zip(prepared.doc_ids, prepared.field_names, prepared.fields)


_SEP = "\x01"  # joins the fields of a batch: kept by folding, neither a letter nor a space
_BATCH_CHARS = 200_000
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")  # as in normalize.fold_with_offsets
_ATTACHED = frozenset(DIACRITICS + TATWEEL)  # marks that belong to the letter before them


def _fields(texts: Iterable[str]) -> Iterator[_Field]:
    """:class:`_Field` of each text, in order.

    Texts are folded and split into words in batches of about 200,000 characters joined by
    :data:`_SEP`, with numpy over the whole batch: per-text numpy calls and a regex pass
    over every word cost more than the matching itself. A text with presentation forms
    (ﻻ …), which :func:`fold_with_offsets` folds with a slower per-character loop, is
    folded alone so that it does not slow down its neighbours.
    """
    batch, size = [], 0
    for text in texts:
        if _PRESENTATION.search(text):
            yield from _fold_batch(batch)
            yield from _fold_batch([text])
            batch, size = [], 0
            continue
        batch.append(text)
        size += len(text)
        if size >= _BATCH_CHARS:
            yield from _fold_batch(batch)
            batch, size = [], 0
    yield from _fold_batch(batch)


@lru_cache(maxsize=1)
def _letter_table() -> np.ndarray:
    """Code point -> is a letter (what :data:`_WORD` matches), for every code point."""
    table = np.zeros(0x110000, dtype=bool)
    for m in _WORD.finditer("".join(map(chr, range(0x110000)))):
        table[m.start():m.end()] = True
    return table


def _int_array(values: np.ndarray) -> array:
    """A numpy integer array as an ``array('q')``: one copy of the bytes, no int objects."""
    return array("q", values.astype(np.int64, copy=False).tobytes())


def _fold_batch(texts: list[str]) -> Iterator[_Field]:
    if not texts:
        return
    joined = _SEP.join(texts)
    folded = fold_with_offsets(joined)
    ftext, offsets = folded.text, folded.offsets
    codes = np.frombuffer(ftext.encode("utf-32-le"), dtype=np.uint32)
    letter = _letter_table()[codes]
    edges = np.flatnonzero(np.diff(letter, prepend=False, append=False))
    fstarts, fends = edges[0::2], edges[1::2]  # words in folded coordinates
    # the words themselves: every non-letter made a space, then one C-level split
    words = tuple(np.where(letter, codes, np.uint32(32)).tobytes().decode("utf-32-le").split())
    # each text's place in the joined text and in the folded text
    lengths = np.array([len(t) for t in texts])
    bases = np.concatenate(([0], np.cumsum(lengths + 1)[:-1]))
    field_start = np.searchsorted(offsets, bases)
    first_word = np.searchsorted(fstarts, field_start)
    last_word = np.searchsorted(fstarts, np.searchsorted(offsets, bases + lengths))
    base = np.repeat(bases, last_word - first_word)
    # original spans, as Folded.span: marks deleted after a word's last letter are its own
    ends = offsets[fends - 1] + 1
    limit = offsets[fends]
    for k in np.flatnonzero(ends < limit).tolist():
        stop, lim = int(ends[k]), int(limit[k])
        while stop < lim and joined[stop] in _ATTACHED:
            stop += 1
        ends[k] = stop
    starts, ends = _int_array(offsets[fstarts] - base), _int_array(ends - base)
    # one space between a word and the previous one; gaps that end a sentence
    single = np.zeros(len(fstarts) + 1, dtype=bool)  # one more: the sentinel after a field
    single[1:-1] = (fstarts[1:] - fends[:-1] == 1) & (codes[fends[:-1]] == 32)
    single[first_word] = single[last_word] = False  # no word before a field's first word
    ending = np.zeros(len(codes), dtype=bool)
    for mark in _SENTENCE_END:
        ending |= codes == ord(mark)
    marks = np.concatenate(([0], np.cumsum(ending)))
    gap_start = np.concatenate(([0], fends[:-1]))
    has_words = first_word < last_word
    gap_start[first_word[has_words]] = field_start[has_words]
    sentence = _int_array(np.cumsum(marks[fstarts] > marks[gap_start]))
    single, fstarts, fends = single.tobytes(), _int_array(fstarts), _int_array(fends)
    for text, start, a, b in zip(texts, field_start.tolist(), first_word.tolist(),
                                 last_word.tolist()):
        yield _Field(text, ftext, start, words[a:b], fstarts[a:b], fends[a:b], starts[a:b],
                     ends[a:b], single[a:b + 1], sentence[a:b])


# --- frame cues ----------------------------------------------------------------------------

def _match_rest(field: _Field, t: int, slots: tuple[Slot, ...]) -> int | None:
    """Index of the last word of a match of ``slots`` starting at word ``t`` (greedy)."""
    if not slots:
        return t - 1
    slot, rest = slots[0], slots[1:]
    if (t < len(field.words) and field.words[t] in slot.accepts
            and _PHRASE_GAP.fullmatch(field.gap(t))):
        end = _match_rest(field, t + 1, rest)
        if end is not None:
            return end
    if slot.optional:
        return _match_rest(field, t, rest)
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
    :func:`_negator_forms`.
    """
    words = field.words
    i = t - 1
    for _ in range(3):  # walk back over at most three bridge words
        if i < 0 or not field.joined[i + 1] or words[i] not in forms["bridge"]:
            break
        i -= 1
    if i < 0 or not field.joined[i + 1]:
        return None
    word = words[i]
    if word in forms["direct"] or word in forms["particle"]:
        return i
    if (i >= 1 and field.joined[i] and word not in forms["exception"]
            and words[i - 1] in forms["particle"]):
        return i - 1
    return None


@lru_cache(maxsize=4)
def _negator_forms(neg: Negators) -> dict[str, frozenset[str]]:
    """Each kind of negator word, bare or with a conjunction/preposition."""
    return {kind: _with_prefixes(getattr(neg, kind))
            for kind in ("direct", "particle", "exception", "bridge")}


def _cue_matches(field: _Field, lexicon: Lexicon, negators: dict) -> list[tuple]:
    """``(start, end, cue index, negated)`` of every cue in a field (original offsets).

    Leftmost-longest, one cue per stretch of text, ties to the earlier lexicon row: words
    are tried from left to right, and a word inside a stretch already taken is skipped
    without trying its cues. ``negators`` is :func:`_negator_forms`.
    """
    entries, cues, words = lexicon.entries, lexicon.cues, field.words
    out, taken_until = [], -1
    # the words that can start a cue, found with one C-level set look-up per word
    for t in compress(count(), map(entries.__contains__, words)):
        if t <= taken_until:
            continue
        index, longer, follow = entries[words[t]]
        last = t if index >= 0 else -1
        if t + 1 < len(words) and words[t + 1] in follow:
            for i, rest in longer:  # by index: on equal length the earlier row stays
                end = _match_rest(field, t + 1, rest)
                if end is not None and end > last:
                    last, index = end, i
        if last < 0:
            continue
        taken_until = last
        first, negated = t, False
        if cues[index].frame in NEGATABLE:
            n = _negator(field, t, negators)
            if n is not None:
                first, negated = n, True
        out.append((field.starts[first], field.ends[last], index, negated))
    return out


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
    neg = load_negators(negators_path)
    negators = _negator_forms(neg)
    rows = []  # frame and cue as numbers: row i of the lexicon, or NEGATED_FRAME after it
    with _gc_paused():
        for k, (_, _, words) in enumerate(_walk(documents, prepared)):
            text = words.text
            for start, end, index, negated in _cue_matches(words, lexicon, negators):
                rows.append((k, start, end, text[start:end],
                             len(lexicon.cues) if negated else index, index, negated))
    frames = [cue.frame for cue in lexicon.cues] + [NEGATED_FRAME]
    return _table(documents, rows, HIT_COLUMNS,
                  labels={"frame": frames, "cue": [cue.text for cue in lexicon.cues]})


def _table(documents: pd.DataFrame, rows: list[tuple], columns: list[str],
           labels: Mapping[str, list] | None = None) -> pd.DataFrame:
    """The table of ``rows`` ``(k, start, end, …)`` -- ``k`` the field's number in
    :func:`iter_fields` order: the title of document ``k // 2`` if even, else its body --
    with ``columns`` (doc_id, field, start, end, …), sorted as :func:`_sorted` sorts.
    A column named in ``labels`` holds numbers into its list of labels.

    Built column by column and sorted on integer keys: doc_id, field and labelled columns
    are taken by number from a few values instead of being converted row by row, and
    nothing is sorted as strings.
    """
    if not rows:
        return _sorted(pd.DataFrame(rows, columns=columns))
    labels = labels or {}
    k, start, end, *rest = zip(*rows)
    k, start, end = np.array(k), np.array(start), np.array(end)
    doc_ids = pd.Series(documents["doc_id"].tolist())  # the dtype pandas infers for rows
    doc_rank, uniques = pd.factorize(doc_ids, sort=True)
    doc_rank[doc_rank < 0] = len(uniques)  # a missing doc_id sorts last, as in sort_values
    order = np.lexsort((end, start, k % 2, doc_rank[k // 2]))  # stable, like _sorted
    if (np.diff(order) == 1).all():  # rows found in order already (documents by doc_id)
        order = slice(None)

    def column(name: str, values: tuple) -> Iterable:
        if name in labels:
            return pd.Series(labels[name]).array.take(np.array(values)[order])
        # a list, for pandas to infer the dtype as it does for rows
        return np.array(values, dtype=object)[order].tolist()

    data = {"doc_id": doc_ids.array.take(k[order] // 2),
            "field": pd.Series(["title", "body"]).array.take(k[order] % 2),
            "start": start[order], "end": end[order]}
    data.update((name, column(name, values)) for name, values in zip(columns[4:], rest))
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
    def bounds(self) -> frozenset[str]:
        """Every word that can start a stop cue or a reporting form: a word outside it cannot
        end a speaker phrase (one set look-up per word of a phrase, see :func:`_phrase`)."""
        return self.heads | {stop[0] for stop in self.stops}


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
    w = field.words[i]
    if (w,) in rep.stops:
        return True
    return i + 1 < len(field.words) and field.joined[i + 1] and (w, field.words[i + 1]) in rep.stops


def _phrase(field: _Field, i: int, rep: Reporting, *, quoted_ok: bool = False,
            max_words: int = 10) -> _Speaker | None:
    """The speaker phrase starting at word ``i``: up to a stop word, punctuation or a verb.

    With ``quoted_ok`` a name in quotes («وفق "الشرق الأوسط"») is taken whole.
    """
    n = len(field.words)
    while i < n and field.joined[i] and field.words[i] in rep.skips:
        i += 1
    if i >= n:
        return None
    if quoted_ok and '"' in field.gap(i) and _QUOTE_GAP.fullmatch(field.gap(i)):
        last = i
        while last + 1 < n and field.joined[last + 1] and last + 1 - i < max_words:
            last += 1
        return _Speaker(i, last)
    if field.gap(i) != " " or _ends_phrase(field, i, rep):
        return None
    last, words = i, field.words
    while (last + 1 < n and field.joined[last + 1] and last + 1 - i < max_words
           and (words[last + 1] not in rep.bounds or not _ends_phrase(field, last + 1, rep))):
        last += 1
    return _Speaker(i, last)


def _ends_phrase(field: _Field, i: int, rep: Reporting) -> bool:
    """Word ``i`` is a stop cue or starts a reporting form."""
    return _is_stop(field, i, rep) or _verb_at(field, i, rep) is not None


_KAN = frozenset(("كان", "كانت", "كانوا", "كانا", "كانتا"))


_PREPOSITIONS = frozenset(("في", "من", "الي", "علي", "عن", "مع", "بين", "حول", "ضد", "عبر",
                           "لدي", "نحو", "امام", "داخل", "خارج"))
_SPACE_QUOTES = "\"'«»“”„"  # with white space, what may stand between a subject and its verb
_RELATIVES = frozenset(("الذي", "التي", "الذين", "اللذان", "اللتان", "اللذين", "اللتين"))


def _subject_before(field: _Field, t: int) -> tuple[_Speaker | None, bool]:
    """Subject–verb order: «وكانت وزارة الدفاع الروسية قالت», «البنتاغون يعلن».

    Returns ``(speaker, certain)``: the words between a preceding كان/كانت and the verb
    (same clause, at most eight words; certain), or an actor mention that ends right
    before the verb with only spaces or quotes between and is not governed by a
    preposition («وفي واشنطن قال كوك»: not a subject); the caller prefers a speaker after
    the verb to the latter.
    """
    i = t - 1
    while i >= 0 and field.joined[i + 1] and t - i <= 9:
        w = field.words[i]
        if w in _KAN or (w[:1] in ("و", "ف") and w[1:] in _KAN):
            first, last = i + 1, t - 1
            while last >= first and field.words[last] in ("قد", "لقد"):  # «… قد أكدت»
                last -= 1
            return (_Speaker(first, last), True) if first <= last else (None, False)
        i -= 1
    vstart = field.starts[t]
    text, p = field.text, vstart  # text[p:vstart]: the spaces and quotes before the verb
    while p > 0 and (text[p - 1].isspace() or text[p - 1] in _SPACE_QUOTES):
        p -= 1
    for start, end, _ in field.mentions[:bisect_left(field.mention_starts, vstart)]:
        if not p <= end <= vstart:
            continue
        # the words before the verb that overlap the mention
        k0, k1 = bisect_left(field.ends, start + 1), min(bisect_left(field.starts, end), t)
        if k0 >= k1:
            continue
        clitic = fold(field.text[field.starts[k0]:start])
        if any(c in clitic for c in "بلك") or (k0 > 0 and field.joined[k0]
                                                 and field.words[k0 - 1] in _PREPOSITIONS):
            continue
        return _Speaker(k0, k1 - 1), False
    return None, False


def _mentions_in(field: _Field, s: int, e: int) -> list[tuple[int, int, str]]:
    """The field's mentions overlapping ``[s, e)``, in order."""
    # mentions are sorted by start: none from the first one starting at e on, and none
    # before the first whose end (or an earlier mention's end) passes s
    lo = bisect_left(field.mention_reach, s + 1)
    hi = bisect_left(field.mention_starts, e)
    return [m for m in field.mentions[lo:hi] if m[1] > s]


def _side_of_words(words: list[str], rep: Reporting) -> str:
    for w in words:
        for pre in ("", "ال", "و", "وال", "ب", "بال", "ل", "لل"):
            if w.startswith(pre) and w[len(pre):] in rep.sides:
                return rep.sides[w[len(pre):]]
    return ""


def _speaker_after(field: _Field, t: int, last: int, kind: str,
                   rep: Reporting) -> tuple[_Speaker | None, int]:
    """The speaker phrase that follows a reporting form ending at word ``last``, and the
    last word of the form itself (a formula may take in an inner verb: «بحسب ما ذكرت»)."""
    n = len(field.words)
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
    """Extend a phrase cut inside an actor's name («قناة روسيا | اليوم») to the name's end."""
    ends = [e for s, e, _ in _mentions_in(field, *field.span(sp.first, sp.last))]
    if ends and max(ends) > field.ends[sp.last]:
        sp.last = bisect_left(field.starts, max(ends)) - 1  # the last word starting inside
    return sp


_OF = frozenset(("في", "من", "لدي", "داخل"))


def _extend_to_institution(field: _Field, sp: _Speaker, rep: Reporting) -> _Speaker:
    """«مسؤول في البنتاغون», «مصدر من وزارة الدفاع الروسية»: a generic source of one or
    two words, with no actor and no nationality of its own, followed by في/من + an actor,
    speaks for that actor. («السفير الروسي في واشنطن» is not extended: it has a side.)"""
    k, n = sp.last + 1, len(field.words)
    if (k + 1 >= n or sp.last - sp.first > 1 or not field.joined[k] or field.words[k] not in _OF
            or not field.joined[k + 1]):
        return sp
    words = [field.words[j] for j in range(sp.first, sp.last + 1)]
    if _mentions_in(field, *field.span(sp.first, sp.last)) or _side_of_words(words, rep):
        return sp
    ws, we = field.starts[k + 1], field.ends[k + 1]
    for start, end, _ in field.mentions:
        if ws <= start < we:
            last = bisect_left(field.starts, end) - 1  # the last word starting inside
            return _Speaker(sp.first, last)
    return sp


def _has_referent(field: _Field, speaker: _Speaker, names: dict) -> bool:
    s, e = field.span(speaker.first, speaker.last)
    return bool(_mentions_in(field, s, e)) or any(
        field.words[k] in names for k in range(speaker.first, speaker.last + 1))


def _form_starts(words: tuple[str, ...], rep: Reporting) -> list[int]:
    """The words where :func:`_verb_at` may find a form: a one-word form, or the first
    word of a two-word form followed by its second word. The first words of two-word
    forms include some of the commonest words («في بيان», «على لسان»): checking the next
    word here, not in the main loop, keeps two thirds of the words of :attr:`Reporting.heads`
    out of it."""
    pairs = rep.pairs
    starts = set(compress(count(), map(rep.singles.__contains__, words)))
    starts.update(t for t in compress(count(), map(pairs.__contains__, words[:-1]))
                  if words[t + 1] in pairs[words[t]])
    return sorted(starts)


def _statements_in(field: _Field, rep: Reporting, sides: dict, types: dict) -> list[tuple]:
    """Statements of one field: (start, end, speaker, actor, side, lemma, s_start, s_end, basis)."""
    out: list[tuple] = []
    names: dict[str, tuple[str, str]] = {}  # name word -> (actor, side), from resolved phrases
    previous: tuple | None = None
    sentences_with_verb: set[int] = set()
    in_statement = []  # «في بيان» forms, used only where no verb reports the sentence
    n, resume = len(field.words), 0  # resume: the first word after the last form found
    # only words that can begin a reporting form are tried (one set look-up per word)
    for t in _form_starts(field.words, rep):
        if t < resume:
            continue
        hit = _verb_at(field, t, rep)
        if hit is None:
            continue
        last, lemma, kind = hit
        if kind == "statement":
            in_statement.append((t, last, lemma))
            resume = last + 1
            continue
        if kind in ("verb", "verb_object") and t > 0 and field.joined[t] \
                and field.words[t - 1] in _RELATIVES:
            resume = last + 1  # «المسلمة الروسية التي تقول …»: a relative clause, not a source
            continue
        before, certain = (_subject_before(field, t) if kind in ("verb", "verb_object")
                           else (None, False))
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
            ms = _mentions_in(field, *field.span(speaker.first, speaker.last))
            if ms:
                end_of_first = min(ms)[1]
                speaker.last = max(k for k in range(speaker.first, speaker.last + 1)
                                   if field.starts[k] < end_of_first)
        if speaker is not None:
            s_span = field.span(speaker.first, speaker.last)
            actor, side, basis = _resolve(field, speaker, s_span, rep, sides, types, names,
                                          previous, basis)
            sp_text = field.text[s_span[0]:s_span[1]]
            first_w, last_w = min(t, speaker.first), max(last, speaker.last)
        elif previous is not None:  # «وأضاف: …», «مضيفاً أن …»: the last speaker goes on
            sp_text, actor, side, s_span, basis = (previous[2], previous[3], previous[4],
                                                   (previous[6], previous[7]), "previous")
            first_w, last_w = t, last
        else:
            sp_text, actor, side, s_span, basis = "", "", "", (-1, -1), ""
            first_w, last_w = t, last
        start, end = field.span(first_w, last_w)
        row = (start, end, sp_text, actor, side, lemma, s_span[0], s_span[1], basis)
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
    mentions = _mentions_in(field, *s_span)
    if mentions:
        best = min(mentions, key=lambda m: (_TYPE_PRIORITY.get(types.get(m[2], ""), 9), m[0]))
        actor, side = best[2], sides.get(best[2], "")
        for k in range(speaker.first, speaker.last + 1):  # the name after a title
            if field.starts[k] >= best[1] and not field.words[k].startswith("ال") and len(field.words[k]) >= 3:
                names[field.words[k]] = (actor, side)
        return actor, side, basis
    words = [field.words[k] for k in range(speaker.first, speaker.last + 1)]
    for w in reversed(words):
        if w in names:
            return names[w][0], names[w][1], basis
    side = _side_of_words(words, rep)
    anaphoric = ((words[0] in rep.anaphors and words[0].startswith("ال"))
                 or any(w in rep.anaphors and not w.startswith("ال") for w in words[1:]))
    if anaphoric and previous is not None and (not side or side == previous[4]):
        return previous[3], previous[4], "previous"
    return "", side, basis


def _mentions_by_field(mentions: pd.DataFrame) -> dict[tuple, list[tuple[int, int, str]]]:
    """``(doc_id, field) -> [(start, end, actor_id), …]``, sorted, from an actor-mention table.

    One numpy sort of the whole table (by field, then start, end, actor id) cut into runs:
    a Python step per field rather than per mention.
    """
    doc, docs = pd.factorize(mentions["doc_id"], use_na_sentinel=False)
    field, fields = pd.factorize(mentions["field"], use_na_sentinel=False)
    actor, actors = pd.factorize(mentions["actor_id"], use_na_sentinel=False)
    names = [str(a) for a in actors]
    rank = {name: r for r, name in enumerate(sorted(set(names)))}  # actor ids in str order
    actor_rank = np.array([rank[name] for name in names])[actor]
    start = mentions["start"].to_numpy(dtype=np.int64)
    end = mentions["end"].to_numpy(dtype=np.int64)
    order = np.lexsort((actor_rank, end, start, field, doc))
    run = doc[order] * len(fields) + field[order]
    cuts = [0, *(np.flatnonzero(np.diff(run)) + 1).tolist(), len(order)]
    triples = list(zip(start[order].tolist(), end[order].tolist(),
                       [names[a] for a in actor[order].tolist()]))
    first = order[cuts[:-1]]  # a row of each run, for its doc_id and field
    docs, fields = docs.tolist(), fields.tolist()
    keys = zip([docs[d] for d in doc[first].tolist()], [fields[f] for f in field[first].tolist()])
    return {key: triples[lo:hi] for key, lo, hi in zip(keys, cuts[:-1], cuts[1:])}


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
    actors = _actor_layer()
    if mentions is None:
        mentions = actors.find_mentions(documents) if actors is not None else None
    sides, types = _codebook_maps(codebook)
    by_field = _mentions_by_field(mentions) if mentions is not None and len(mentions) else {}
    rows = []
    with _gc_paused():
        for k, (doc_id, field, words) in enumerate(_walk(documents, prepared)):
            words.set_mentions(by_field.get((doc_id, field), []))
            for st in _statements_in(words, rep, sides, types):
                start, end, speaker, actor, side, lemma, ss, se, basis = st
                rows.append((k, start, end, speaker, actor, side, lemma,
                             -1 if ss is None else ss, -1 if se is None else se, basis))
    return _table(documents, rows, STATEMENT_COLUMNS)


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
