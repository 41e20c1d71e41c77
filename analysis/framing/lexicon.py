"""The word lists of the framing layer, read from ``analysis/data/`` and compiled for matching.

* ``frames.tsv`` -- the frame lexicon (:func:`load_lexicon`, :func:`frame_lexicon`),
  documented in ``frames_README.md``; its cues are inflected with the affixes of
  ``frame_affixes.tsv`` (:func:`stem_forms`, :func:`verb_forms`);
* ``frame_negators.tsv`` -- words that negate a cooperation cue (:func:`load_negators`);
* ``reporting_verbs.tsv`` and ``speaker_cues.tsv`` -- reporting verbs and source formulae,
  and the words that bound or place a speaker phrase (:func:`load_reporting`);
* ``glossary.tsv`` -- English glosses of terms, for display (:func:`load_glossary`).

Every word is folded (:func:`analysis.normalize.fold`) when it is read. Every loader
re-reads its files when they change (:func:`analysis.datafiles.reloading`).
"""
from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cached_property, lru_cache

import pandas as pd

from ..datafiles import DataFileError, Row, read_tsv, reloading, resolve
from ..normalize import PROCLITICS, fold

FRAMES = ("cooperation", "deconfliction", "confrontation", "counter_terrorism", "diplomacy",
          "military_operations", "strategic_stability")
#: Frames whose cues, when negated («عدم التنسيق», «انقطعت الاتصالات»), are counted as
#: :data:`NEGATED_FRAME` instead: the absence or breakdown of cooperation is a complaint.
NEGATABLE = ("cooperation", "deconfliction")
NEGATED_FRAME = "confrontation"
MATCH_MODES = ("word", "stem", "verb")
NEGATOR_KINDS = ("direct", "particle", "exception", "bridge")
REPORTING_KINDS = ("verb", "verb_object", "verb_source", "participle", "light", "transmit",
                   "formula", "statement", "not")
#: How a form of ``reporting_verbs.tsv`` is inflected (``reporting_affixes.tsv``): as written,
#: or as the 3rd person past, imperfect or active participle it stands for.
INFLECTIONS = ("", "past", "imperfect", "participle")
REPORTING_AFFIX_KINDS = ("past_suffix", "imperfect_prefix", "imperfect_suffix", "pronoun",
                         "participle_suffix")
#: Kinds of ``speaker_cues.tsv`` rows (see the file's comments).
SPEAKER_CUE_KINDS = ("stop", "skip", "anaphor", "side", "kan", "particle", "relative",
                     "preposition", "of", "statement_link", "joint", "negator", "not_source",
                     "source", "media", "event", "speech_noun", "ministry", "others", "observer",
                     "back_pronoun", "document", "title", "that", "capital",
                     "diplomatic", "topic", "relation", "resumptive", "notify", "hold",
                     "responsibility", "waw_initial", "counterpart", "bi_verb",
                     "government")
AFFIX_KINDS = ("noun_suffix", "feminine_ending", "pronoun", "past_suffix", "imperfect_prefix",
               "imperfect_suffix", "verb_prefix", "negator_prefix", "side_prefix")

_WORD = re.compile(r"[^\W\d_]+")  # a word: a run of letters


class LexiconError(DataFileError):
    """A data file of the framing layer is malformed (message names file, line, problem)."""


def _folded_word(row: Row, word: str) -> str:
    folded = fold(word)
    if not _WORD.fullmatch(folded):
        raise row.error(f"'{word}' is not a single Arabic word", LexiconError)
    return folded


def _choice(row: Row, column: str, allowed: tuple[str, ...]) -> str:
    if row[column] not in allowed:
        raise row.error(f"{column} must be one of {', '.join(allowed)}, not '{row[column]}'",
                        LexiconError)
    return row[column]


# --- affixes -------------------------------------------------------------------------------

def load_affixes(path: str | os.PathLike | None = None) -> dict[str, tuple[str, ...]]:
    """Affixes by kind (``frame_affixes.tsv``: kind, affix, note), in file order; ``""``
    (written ``-``) is the bare word."""
    return _load_affixes(resolve(path, "frame_affixes.tsv"))


@reloading
def _load_affixes(file) -> dict[str, tuple[str, ...]]:
    return _affix_table(file, AFFIX_KINDS)


def _affix_table(file, allowed: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """An affix file (kind, affix; «-» is the empty affix): the folded affixes of each kind."""
    kinds: dict[str, list[str]] = {kind: [] for kind in allowed}
    for row in read_tsv(file, required=["kind", "affix"], optional=["note"],
                        non_empty=["kind", "affix"], error=LexiconError):
        affix = "" if row["affix"] == "-" else _folded_word(row, row["affix"])
        kinds[_choice(row, "kind", allowed)].append(affix)
    return {kind: tuple(dict.fromkeys(affixes)) for kind, affixes in kinds.items()}


def stem_forms(stem: str) -> set[str]:
    """Inflected forms of a folded stem: «تنسيق» → تنسيقات، تنسيقه، تنسيقيه …

    Args:
        stem: a folded word.

    Returns:
        The stem with each ``noun_suffix`` of ``frame_affixes.tsv``, and for a stem ending
        in ة (folded ه) the stem without it with each ``feminine_ending``.
    """
    affixes = load_affixes()
    forms = {stem + s for s in affixes["noun_suffix"]}
    if stem.endswith("ه"):  # ة: the plural and the construct state drop or change it
        forms |= {stem[:-1] + s for s in affixes["feminine_ending"]}
    return forms


def verb_forms(past: str) -> set[str]:
    """Past and imperfect forms of a verb given as folded 3rd person masculine past.

    The imperfect adds ي/ت/ن/ا to the past stem, dropping an initial alef («اتفق» →
    «يتفق», «استهدف» → «يستهدف»); hollow and defective verbs need explicit forms.

    Args:
        past: the folded past form.

    Returns:
        Past stem + ``past_suffix`` + ``pronoun``, and ``imperfect_prefix`` + stem +
        ``imperfect_suffix`` + ``pronoun`` (affixes of ``frame_affixes.tsv``).
    """
    affixes = load_affixes()
    pronouns = affixes["pronoun"]
    core = past[1:] if past.startswith("ا") and len(past) > 3 else past
    forms = {past + s + p for s in affixes["past_suffix"] for p in pronouns}
    forms |= {pre + core + s + p for pre in affixes["imperfect_prefix"]
              for s in affixes["imperfect_suffix"] for p in pronouns}
    return forms


# --- the frame lexicon -----------------------------------------------------------------------

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
    """One row of the frame lexicon, its words as :class:`Slot` s."""

    frame: str
    text: str  # as written in the lexicon
    match: str  # word | stem | verb
    gloss: str
    slots: tuple[Slot, ...]
    prefixes: frozenset[str]  # the proclitics its first word may carry


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The frame lexicon: its cues in file order, and the words that can start each."""

    cues: tuple[Cue, ...]
    first: Mapping[str, tuple[int, ...]]  # folded first-word form -> indices of cues
    #: a folded word of running text, proclitics included («والتنسيق») -> indices of the
    #: cues it can start: one dict look-up per word instead of trying every proclitic split
    heads: Mapping[str, tuple[int, ...]]


def _slot_forms(row: Row, word: str, match: str, last: bool) -> set[str]:
    """The forms one alternative of a cue word stands for."""
    folded = _folded_word(row, word)
    if last and match == "stem":
        if len(folded) < 3:
            raise row.error(f"stem '{folded}' is shorter than 3 letters; use match=word",
                            LexiconError)
        return stem_forms(folded)
    if last and match == "verb":
        return verb_forms(folded)
    return {folded}


def _parse_slot(row: Row, token: str, k: int, n: int, match: str) -> Slot:
    """Word ``k`` of ``n`` of a cue: ``a/b`` alternatives, ``[a/b]`` optional."""
    optional = token.startswith("[") and token.endswith("]")
    body = token[1:-1] if optional else token
    if "[" in body or "]" in body:
        raise row.error(f"unbalanced [ ] in '{token}'", LexiconError)
    if optional and k in (0, n - 1):
        raise row.error("the first and last word of a cue cannot be optional", LexiconError)
    alternatives = body.split("/")
    if not all(alternatives):
        raise row.error(f"empty alternative in '{token}'", LexiconError)
    forms: set[str] = set()
    for alternative in alternatives:
        forms |= _slot_forms(row, alternative, match, k == n - 1)
    return Slot(frozenset(forms), optional)


def _parse_cue(row: Row) -> Cue:
    frame = row["frame"]
    if frame not in FRAMES:
        raise row.error(f"unknown frame '{frame}' (expected one of {', '.join(FRAMES)})",
                        LexiconError)
    match = _choice(row, "match", MATCH_MODES)
    if not row["gloss"]:
        raise row.error(f"cue '{row['cue']}' has no English gloss", LexiconError)
    tokens = row["cue"].split()
    slots = tuple(_parse_slot(row, token, k, len(tokens), match)
                  for k, token in enumerate(tokens))
    if match == "verb" and len(slots) != 1:
        raise row.error("a verb cue is one word", LexiconError)
    prefixes = (frozenset(load_affixes()["verb_prefix"]) if match == "verb"
                else frozenset(("",) + PROCLITICS))  # the article is always optional
    return Cue(frame, row["cue"], match, row["gloss"], slots, prefixes)


_LEXICON_COLUMNS = ["frame", "cue", "match", "gloss", "note"]


def load_lexicon(path: str | os.PathLike | None = None) -> Lexicon:
    """The frame lexicon, compiled for matching (re-read when the file changes).

    Columns of ``frames.tsv``: ``frame`` (one of :data:`FRAMES`), ``cue`` (words separated by
    spaces; ``a/b`` alternatives; ``[a/b]`` an optional word), ``match`` (``word``: the words
    as written; ``stem``: the last word also inflected, see :func:`stem_forms`; ``verb``: one
    verb given in the past, conjugated by :func:`verb_forms`), ``gloss``, ``note``.

    Args:
        path: the lexicon file; by default the package's ``frames.tsv``.

    Returns:
        The :class:`Lexicon`.
    """
    return _load_lexicon(resolve(path, "frames.tsv"), resolve(None, "frame_affixes.tsv"))


@reloading
def _load_lexicon(file, affixes_file) -> Lexicon:
    cues = tuple(_parse_cue(row) for row in read_tsv(
        file, required=_LEXICON_COLUMNS, non_empty=["frame", "cue", "match"],
        error=LexiconError))
    first: dict[str, list[int]] = {}
    for index, cue in enumerate(cues):
        for form in cue.slots[0].forms:
            first.setdefault(form, []).append(index)
    heads: dict[str, list[int]] = {}
    for form, indices in first.items():
        if len(form) < 2:  # a proclitic is never split off a word leaving one letter
            continue
        for index in indices:
            for prefix in cues[index].prefixes:
                heads.setdefault(prefix + form, []).append(index)
    return Lexicon(cues, {k: tuple(v) for k, v in first.items()},
                   {k: tuple(v) for k, v in heads.items()})


def frame_lexicon(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """The lexicon as a table for display and review.

    Args:
        path: the lexicon file; by default the package's ``frames.tsv``.

    Returns:
        Columns frame, cue, match, gloss, note; one row per cue, in file order.
    """
    rows = read_tsv(resolve(path, "frames.tsv"), required=_LEXICON_COLUMNS,
                    error=LexiconError)
    return pd.DataFrame([row.values for row in rows], columns=_LEXICON_COLUMNS)


# --- negators ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Negators:
    """Negation words of cooperation and deconfliction cues, by kind, folded."""

    direct: frozenset[str]  # عدم، دون، غياب، انقطعت … directly before the cue
    particle: frozenset[str]  # لا، لم، لن، ليس … may be followed by one verb
    exception: frozenset[str]  # لا بد، لا يزال …: not a negation
    bridge: frozenset[str]  # وجود، أي، يتم، هناك … may stand between negator and cue


def load_negators(path: str | os.PathLike | None = None) -> Negators:
    """Negation words for cooperation cues.

    Args:
        path: the negators file (columns form, kind, gloss, note); by default the
            package's ``frame_negators.tsv``.

    Returns:
        The :class:`Negators`, each word as listed (folded).
    """
    return _load_negators(resolve(path, "frame_negators.tsv"))


@reloading
def _load_negators(file) -> Negators:
    kinds: dict[str, set[str]] = {kind: set() for kind in NEGATOR_KINDS}
    for row in read_tsv(file, required=["form", "kind", "gloss"], optional=["note"],
                        non_empty=["form", "kind"], error=LexiconError):
        kinds[_choice(row, "kind", NEGATOR_KINDS)].add(_folded_word(row, row["form"]))
    return Negators(**{k: frozenset(v) for k, v in kinds.items()})


def negator_forms(negators: Negators) -> dict[str, frozenset[str]]:
    """Each kind of negator word, bare or after a ``negator_prefix`` (``frame_affixes.tsv``):
    one set look-up per word of running text instead of trying each prefix."""
    return _negator_forms(negators, load_affixes()["negator_prefix"])


@lru_cache(maxsize=4)
def _negator_forms(negators: Negators, prefixes: tuple[str, ...]) -> dict[str, frozenset[str]]:
    return {kind: frozenset(pre + word for pre in prefixes for word in getattr(negators, kind))
            for kind in NEGATOR_KINDS}


# --- reporting verbs and speaker cues ------------------------------------------------------

@dataclass(frozen=True, eq=False)
class Reporting:
    """Reporting forms (``reporting_verbs.tsv``) and speaker cues (``speaker_cues.tsv``)."""

    forms: Mapping[tuple[str, ...], tuple[str, str, bool]]  # words -> (lemma, kind, needs و/ف)
    cues: Mapping[str, frozenset]  # speaker cue kind -> its words (stop: tuples of words)
    sides: Mapping[str, str]  # a nationality word -> its side
    side_prefixes: tuple[str, ...] = ("",)
    #: a ministry's word («الدفاع») -> the codebook institutions it may name (US_DOD, RUS_MOD)
    ministries: Mapping[str, tuple[str, ...]] = dataclass_field(default_factory=dict)

    @property
    def stops(self) -> frozenset[tuple[str, ...]]:
        """Stop cues (one or two words) that end a speaker phrase («أن», «في تصريح»)."""
        return self.cues["stop"]

    @property
    def skips(self) -> frozenset[str]:
        """Words skipped before a speaker phrase."""
        return self.cues["skip"]

    @property
    def anaphors(self) -> frozenset[str]:
        """Words that make a speaker phrase point back to the previous speaker."""
        return self.cues["anaphor"]

    @cached_property
    def kan(self) -> frozenset[str]:
        """Forms of كان, bare or after و/ف."""
        return self.cues["kan"] | {c + k for k in self.cues["kan"] for c in ("و", "ف")}

    @cached_property
    def heads(self) -> frozenset[str]:
        """First words of forms, bare and with و/ف."""
        heads = {key[0] for key in self.forms}
        return frozenset(heads | {c + h for h in heads for c in ("و", "ف")})

    @cached_property
    def enders(self) -> frozenset[str]:
        """Words that may end a speaker phrase: the first words of stop cues and of
        reporting forms (a look-up that spares the full test for most words)."""
        return frozenset({key[0] for key in self.cues["stop"]} | self.heads)

    @cached_property
    def pair_only(self) -> dict[str, frozenset[str]]:
        """First words («في», «على») that start a form only with a second word («بيان»,
        «لسان») -> those second words."""
        singles = self.singles
        return {w: seconds for w, seconds in self.pairs.items() if w not in singles}

    @cached_property
    def surface(self) -> dict[tuple[str, ...], tuple[str, str]]:
        """One or two words as they stand in the text, و/ف included -> ``(lemma, kind)``: a
        form as written wins over the same words read as و/ف + form."""
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
    def no_subject(self) -> frozenset[str]:
        """Words that open a sentence with no actor as its subject: the first words of stop
        cues and prepositions («في موسكو …», «بعد …»)."""
        return frozenset(key[0] for key in self.cues["stop"]) | self.cues["preposition"]

    @cached_property
    def title_words(self) -> dict[str, str]:
        """Title heads (``title``: «وزير», «رئيس») bare and with the article («الوزير») -> the
        bare head."""
        out = {w: w[2:] if w.startswith("ال") else w for w in self.cues["title"]}
        out.update({"ال" + w: w for w in self.cues["title"] if not w.startswith("ال")})
        return out

    @cached_property
    def kan_blockers(self) -> frozenset[str]:
        """Words that may end the search for a كان before a verb: relative pronouns and the
        first words of reporting forms."""
        return self.cues["relative"] | self.singles | frozenset(self.pairs)

    @cached_property
    def side_forms(self) -> dict[str, str]:
        """A word -> the side of the nationality word it is, bare or after a
        ``side_prefix``: of the prefixes a word may be read with, the first listed decides."""
        out: dict[str, str] = {}
        for pre in self.side_prefixes:
            for word, side in self.sides.items():
                out.setdefault(pre + word, side)
        return out


def inflect(form: str, how: str, affixes: Mapping[str, tuple[str, ...]]) -> set[str]:
    """The folded forms a reporting form stands for (``reporting_affixes.tsv``).

    Args:
        form: a folded word: a 3rd person masculine past («اكد»), imperfect («يؤكد») or
            active participle («مؤكد»), or any form taken as written.
        how: one of :data:`INFLECTIONS`: ``past`` adds the 3rd person ``past_suffix`` es,
            ``imperfect`` swaps the person prefix (``imperfect_prefix``) and adds the
            ``imperfect_suffix`` es, both then an object ``pronoun`` («نفته», «يعتبرها»);
            ``participle`` adds the ``participle_suffix`` es («مؤكدا», «مؤكده»); ``""`` is
            the form alone.

    Returns:
        The forms; a suffix ending in alef drops it before a pronoun («اعتبروا» → «اعتبروه»).
    """
    if how == "participle":
        return {form + s for s in affixes["participle_suffix"]}
    if how == "past":
        stems = {form + s for s in affixes["past_suffix"]}
    elif how == "imperfect":
        stems = {p + form[1:] + s for p in affixes["imperfect_prefix"]
                 for s in affixes["imperfect_suffix"]}
    else:
        return {form}
    out = set(stems)
    for stem in stems:
        base = stem[:-1] if stem.endswith("وا") else stem
        out |= {base + p for p in affixes["pronoun"] if p}
    return out


def load_reporting(verbs_path: str | os.PathLike | None = None,
                   cues_path: str | os.PathLike | None = None) -> Reporting:
    """Reporting verbs and formulae, and the words that bound a speaker phrase.

    Args:
        verbs_path: ``reporting_verbs.tsv`` by default (form, lemma, kind, conjunction, gloss).
        cues_path: ``speaker_cues.tsv`` by default (cue, kind (one of
            :data:`SPEAKER_CUE_KINDS`), value (the side, for ``side``), gloss).

    Returns:
        The :class:`Reporting` (re-read when a file changes).
    """
    return _load_reporting(resolve(verbs_path, "reporting_verbs.tsv"),
                           resolve(cues_path, "speaker_cues.tsv"),
                           resolve(None, "frame_affixes.tsv"),
                           resolve(None, "reporting_affixes.tsv"))


def _reporting_affixes(file) -> dict[str, tuple[str, ...]]:
    return _affix_table(file, REPORTING_AFFIX_KINDS)


@reloading
def _load_reporting(verbs_file, cues_file, affixes_file, reporting_affixes_file) -> Reporting:
    forms = {}
    affixes = _reporting_affixes(reporting_affixes_file)
    for row in read_tsv(verbs_file, required=["form", "lemma", "kind", "conjunction", "gloss"],
                        optional=["inflect"],
                        non_empty=["form", "lemma", "kind", "conjunction"], error=LexiconError):
        kind = _choice(row, "kind", REPORTING_KINDS)
        conjunction = _choice(row, "conjunction", ("optional", "required"))
        words = [_folded_word(row, w) for w in row["form"].split()]
        value = (fold(row["lemma"]), kind, conjunction == "required")
        how = row.get("inflect", "")
        if how not in INFLECTIONS:
            raise row.error(f"inflect must be empty or one of {', '.join(INFLECTIONS[1:])}, "
                            f"not '{how}'", LexiconError)
        for first in sorted(inflect(words[0], how, affixes)):
            forms.setdefault((first, *words[1:]), value)
    cues: dict[str, set] = {kind: set() for kind in SPEAKER_CUE_KINDS}
    sides, ministries = {}, {}
    for row in read_tsv(cues_file, required=["cue", "kind", "value", "gloss"],
                        non_empty=["cue", "kind"], error=LexiconError):
        kind = _choice(row, "kind", SPEAKER_CUE_KINDS)
        words = tuple(_folded_word(row, w) for w in row["cue"].split())
        if kind == "stop":
            cues[kind].add(words)
            continue
        if len(words) != 1:
            raise row.error(f"a {kind} cue is one word", LexiconError)
        cues[kind].add(words[0])
        if kind == "side":
            if not row["value"]:
                raise row.error("a side cue needs its side in 'value'", LexiconError)
            sides[words[0]] = row["value"]
        if kind == "ministry":
            if not row["value"]:
                raise row.error("a ministry cue needs an actor id in 'value'", LexiconError)
            ministries[words[0]] = ministries.get(words[0], ()) + (row["value"],)
    return Reporting(forms, {kind: frozenset(words) for kind, words in cues.items()}, sides,
                     _load_affixes(affixes_file)["side_prefix"], ministries)


# --- glossary ------------------------------------------------------------------------------

def load_glossary(path: str | os.PathLike | None = None) -> dict[str, str]:
    """Folded term -> English gloss.

    Args:
        path: ``glossary.tsv`` by default (term, gloss).

    Returns:
        The glosses, later rows winning.
    """
    return _load_glossary(resolve(path, "glossary.tsv"))


@reloading
def _load_glossary(file) -> dict[str, str]:
    return {fold(row["term"]): row["gloss"]
            for row in read_tsv(file, required=["term", "gloss"], non_empty=["term"],
                                error=LexiconError)}


__all__ = ["AFFIX_KINDS", "FRAMES", "INFLECTIONS", "REPORTING_AFFIX_KINDS", "MATCH_MODES", "NEGATABLE", "NEGATED_FRAME",
           "NEGATOR_KINDS", "REPORTING_KINDS", "SPEAKER_CUE_KINDS", "Cue", "Lexicon",
           "LexiconError", "Negators", "Reporting", "Slot", "frame_lexicon",
           "load_affixes", "load_glossary", "load_lexicon", "load_negators", "load_reporting",
           "inflect", "negator_forms", "stem_forms", "verb_forms"]
