"""Actor mentions: the matching rules, applied to the titles and bodies of a corpus.

A mention is found in five steps (the conventions of DESIGN.md, "Actors"):

1. **Every alias form.** Each alias of ``actor_aliases.tsv`` also matches with attached
   proclitics (و ف ب ل ك, ال → لل: «وموسكو», «للولايات المتحدة», «لـروسيا»), on the
   matching view (:mod:`.view`), always as whole words, and never across a comma or a
   semicolon of the text: «الولايات المتحدة وروسيا، اليوم الثلاثاء» has RUS, not RT.
2. **The most specific wins.** Overlapping matches are resolved longest first, then
   leftmost, so «وزارة الدفاع الروسية» is RUS_MOD only and «روسيا اليوم» is RT only; an
   ``exclude`` alias («روسيا البيضاء») wins like any other and is then dropped. Two names
   side by side are two mentions: «وزارة الدفاع الأمريكية (البنتاغون)» is US_DOD twice.
3. **The span is whole words** of the stored text: it includes an attached proclitic
   («وموسكو»), a leading tatweel and trailing harakat, so ``text[start:end] == surface``.
4. **Unnamed references and non-actors are not counted.** A nisba adjective (kind
   ``adjective``: «الروسية», «الأمريكان», «أمريكياً») counts for the state when it stands
   for the state, its forces or its acts («القوات الروسية», «الجانب الروسي»), not when
   it describes a head of ``actor_heads.tsv`` (:func:`unnamed`):

   - directly after an ``unnamed`` or ``not_actor`` head, optionally with up to two
     ``modifier`` words between: «المسؤول الأمريكي», «نظيره الروسي», «مسؤولون عسكريون
     أمريكيون», «الرئيس الروسي», «الشعب الأمريكي»;
   - after a ``title`` head in construct with up to four definite nouns: «وزير الدفاع
     الأمريكي», «رئيس هيئة الأركان العامة للقوات المسلحة الروسية»;
   - a coordinated adjective inherits the decision of the one before it:
     «المسؤولين الروس والأمريكيين» (neither), «القوات الروسية والأمريكية» (both).

   Unnamed references that are not adjectives («الطرفين», «البلدين», «وزارة الدفاع»
   without a nationality) are simply not aliases.
5. **A title before a named person is part of the person's mention.** An adjective or a
   name just before a codebook person, with only ``rank`` words between («الجنرال»), is
   not counted again when it belongs to a title: «الرئيس الروسي فلاديمير بوتين» is
   PUTIN once, «رئيس هيئة الأركان الروسية فاليري غيراسيموف» is GERASIMOV. Before a person
   outside the codebook the institution counts: «المتحدث باسم البنتاغون بيتر كوك» is US_DOD.

The fields are scanned in batches, joined by a line break around :data:`.view.FIELD_MARK`,
with one Aho-Corasick automaton holding every alias form, so time grows with the corpus,
not with the number of aliases (``benchmarks/bench_actors.py``).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import chain

import ahocorasick
import numpy as np
import pandas as pd

from .. import normalize
from ..corpus import iter_fields
from . import fast
from .codebook import HEAD_ROLES, Codebook, load
from .view import FIELD_MARK, View, matching_view

MENTION_COLUMNS = ["doc_id", "field", "start", "end", "surface", "actor_id", "sentence",
                   "alias", "kind"]

#: Joins the fields of a batch: a line break (where sentences always split) around the
#: field mark, so that no alias and no sentence runs across two fields.
_SEPARATOR = f"\n{FIELD_MARK}\n"
#: Characters scanned together: any size gives the same mentions. Batches cost a few numpy
#: calls each: from a quarter of a million characters up the size does not matter.
_BATCH_CHARS = 250_000
_FIELD_NAMES = pd.array(["title", "body"], dtype="str")  # field 2i is a title, 2i + 1 a body

_TRAILING_MARKS = frozenset(normalize.DIACRITICS + normalize.TATWEEL)
#: Marks that no name runs across (the view reads them as spaces; «أ.ف.ب» has dots).
_CLAUSE_MARKS = re.compile("[،,؛;]")
#: The words of the folded text as the head rules read them: runs of letters and digits,
#: and each punctuation mark on its own (it ends a phrase: «قال المسؤول، الروسي»).
_WORDS = re.compile(r"[^\W_]+|[^\w\s]")
#: What may stand between two coordinated adjectives: «الروسية والأمريكية», «الروسية – الأمريكية».
_CHAIN_GAP = re.compile(r"[\s\-/و\"']*")
#: How far the head rules look back: characters of the folded text before an adjective,
#: characters of the matching view for the head word's presence (:func:`_near_head`).
_LOOK_BACK, _NEAR_HEAD = 100, 90


class Matcher:
    """The rules of a :class:`.codebook.Codebook` ready to apply: one Aho-Corasick
    automaton over every alias form, and the head words by role."""

    def __init__(self, codebook: Codebook):
        aliases, heads = codebook.aliases, codebook.heads
        self.actor = aliases["actor_id"].tolist()
        self.kind = np.array(aliases["kind"].tolist(), dtype=object)
        types = dict(zip(codebook.actors["id"], codebook.actors["type"]))
        self.is_person = np.array([types.get(a) == "person" for a in self.actor], dtype=bool)
        self.automaton, self.form_alias, self.form_length = _automaton(aliases)
        self.heads = {role: set() for role in HEAD_ROLES}
        for key, role in zip(heads["key"], heads["role"]):
            self.heads[role].update([key] if role == "modifier" else normalize.proclitic_forms(key))
        self.blocking = _by_last_word(self.heads["unnamed"] | self.heads["not_actor"] | self.heads["title"])
        self.titles = _by_last_word(self.heads["title"])
        self.immediate_words = {w for role in ("unnamed", "not_actor", "title", "modifier")
                                for f in self.heads[role] for w in f.split()}
        self.title_words = {w for f in self.heads["title"] for w in f.split()}
        # the output columns, taken by alias number
        self.actor_str = pd.array(self.actor, dtype="str")
        self.kind_str = pd.array(aliases["kind"].tolist(), dtype="str")
        self.key_str = pd.array(aliases["key"].tolist(), dtype="str")


def _by_last_word(phrases: set[str]) -> dict[str, list[list[str]]]:
    """The phrases as lists of words, listed under their last word."""
    out: dict[str, list[list[str]]] = {}
    for phrase in sorted(phrases):
        words = phrase.split(" ")
        out.setdefault(words[-1], []).append(words)
    return out


def _alias_forms(key: str, kind: str) -> list[str]:
    """The written forms an alias can take with attached proclitics.

    An indefinite adjective follows its noun and only takes a conjunction («وروسية»); a
    preposition would make «بروس» (Bruce) or «كروس» (cross) look like «روس».
    """
    if kind == "adjective" and not key.startswith("ال"):
        return [key, "و" + key, "ف" + key]
    return normalize.proclitic_forms(key)


def _automaton(aliases: pd.DataFrame) -> tuple[ahocorasick.Automaton, np.ndarray, np.ndarray]:
    """The automaton over every alias form, padded with spaces so that a hit always starts
    and ends on a word boundary; its value is the form's number. Returns it with the alias
    number and the length of each form. A form two aliases share (one lists it as written,
    the other makes it with a proclitic) belongs to the one that lists it as written, else
    to the one listed first. Forms are added in sorted order: nothing depends on the
    automaton's order of insertion or of iteration."""
    best: dict[str, tuple[int, int]] = {}  # form -> (is a clitic form, alias number)
    for i, (key, kind) in enumerate(zip(aliases["key"], aliases["kind"])):
        for j, form in enumerate(_alias_forms(key, kind)):
            best[form] = min(best.get(form, (2, 0)), (int(j > 0), i))
    forms = sorted(best)
    automaton = ahocorasick.Automaton()
    for number, form in enumerate(forms):
        automaton.add_word(f" {form} ", number)
    automaton.make_automaton()
    form_alias = np.array([best[f][1] for f in forms], dtype=np.int64)
    form_length = np.array([len(f) for f in forms], dtype=np.int64)
    return automaton, form_alias, form_length


# --- the corpus ---------------------------------------------------------------------------------

def find_mentions(documents: pd.DataFrame, *, codebook: Codebook | None = None) -> pd.DataFrame:
    """One row per actor mention in the titles and bodies of ``documents``.

    Args:
        documents: a documents table (``doc_id, title, body``).
        codebook: the codebook (default :func:`.codebook.load`).

    Returns:
        Columns ``doc_id, field, start, end, surface, actor_id, sentence, alias, kind``:
        ``start``/``end`` index the stored field text (``text[start:end] == surface``),
        ``sentence`` is the index of the sentence within the field
        (:func:`analysis.normalize.sentence_spans`), ``alias`` the folded codebook alias
        matched and ``kind`` its kind. Sorted by doc_id, field, start. The counting rules
        are those of this module's docstring.
    """
    m = (codebook if codebook is not None else load()).matcher
    texts = [text for _, _, text in iter_fields(documents)]  # field 2i: title of doc i, 2i + 1: body
    batches, first, size = [], 0, 0
    for i, text in enumerate(texts):
        size += len(text) + len(_SEPARATOR)
        if size >= _BATCH_CHARS or i == len(texts) - 1:
            batches.append(_scan(texts[first:i + 1], first, m))
            first, size = i + 1, 0
    field_no, start, end, alias, sentence = (
        np.concatenate([b[j] for b in batches] + [np.zeros(0, dtype=np.int64)]) for j in range(5))
    surface = pd.array([s for b in batches for s in b[5]], dtype="str")

    # sorted by doc_id, field (the body before the title), start, on integer keys
    doc_id = pd.Series(documents["doc_id"].to_numpy(dtype=object)).astype(str).array
    doc_rank, uniques = pd.factorize(doc_id, sort=True)
    doc_rank[doc_rank < 0] = len(uniques)  # a missing doc_id sorts last
    doc, is_body = field_no // 2, field_no % 2
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


def _scan(texts: list[str], first: int, m: Matcher) -> tuple:
    """The mentions of a batch of fields (numbered from ``first``), joined by
    :data:`_SEPARATOR` and scanned once.

    Returns arrays (field number, start, end, alias number, sentence) and the surfaces.
    """
    joined = _SEPARATOR.join(texts)
    view = matching_view(joined)
    padded = f" {view.text} "  # every word, the first and last too, between spaces
    s_view, e_view, alias = _alias_hits(padded, m)                 # 1
    whole = ~_across_clause_marks(joined, view, s_view, e_view)
    s_view, e_view, alias = s_view[whole], e_view[whole], alias[whole]
    kept = fast.longest_first(s_view, e_view)                      # 2
    s_view, e_view, alias = s_view[kept], e_view[kept], alias[kept]
    start, end = _word_spans(joined, view, s_view, e_view)         # 3
    keep = m.kind[alias] != "exclude"                              # 2: excluded phrases go
    adjectives = np.flatnonzero(m.kind[alias] == "adjective")      # 4
    keep[adjectives] = ~_unnamed_adjectives(view, padded, start[adjectives], end[adjectives],
                                            s_view[adjectives], m)
    start, end, alias, s_view = start[keep], end[keep], alias[keep], s_view[keep]
    keep = ~_in_person_titles(view, padded, start, end, alias, s_view, m)  # 5
    start, end, alias = start[keep], end[keep], alias[keep]

    field_starts = np.cumsum([0] + [len(t) + len(_SEPARATOR) for t in texts[:-1]])
    k = np.searchsorted(field_starts, start, side="right") - 1
    offset = field_starts[k]
    sentence = _sentences(joined, start, offset)
    surfaces = [joined[a:b] for a, b in zip(start.tolist(), end.tolist())]
    return k + first, start - offset, end - offset, alias, sentence, surfaces


# --- 1, 2, 3: matches, the longest first, whole words ---------------------------------------------

def _alias_hits(padded: str, m: Matcher) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every alias form found in ``padded``: where it starts and ends, and its alias."""
    hits = np.fromiter(chain.from_iterable(m.automaton.iter(padded)), dtype=np.int64).reshape(-1, 2)
    last, form = hits[:, 0], hits[:, 1]  # the automaton reports the last character: the space after
    return last - m.form_length[form], last, m.form_alias[form]


def _across_clause_marks(joined: str, view: View, s_view: np.ndarray, e_view: np.ndarray) -> np.ndarray:
    """Per match ``padded[s_view:e_view]``: whether a comma or semicolon of ``joined`` stands
    between its first and last characters."""
    marks = np.array([x.start() for x in _CLAUSE_MARKS.finditer(joined)], dtype=np.int64)
    if not len(marks) or not len(s_view):
        return np.zeros(len(s_view), dtype=bool)
    first, last = view.index[s_view - 1], view.index[e_view - 2]
    return np.searchsorted(marks, first) < np.searchsorted(marks, last)


def longest_first(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """The spans to keep when they overlap: the longest first, then the leftmost; a span
    that overlaps one already kept is dropped.

    Args:
        start, end: the spans (``end`` exclusive).

    Returns:
        The numbers of the spans kept, in text order. (:func:`.fast.longest_first` is the
        same rule, faster; it is the one :func:`find_mentions` uses.)
    """
    kept_start: list[int] = []  # the spans kept, by start
    kept_end: list[int] = []
    kept: list[int] = []
    starts, ends = start.tolist(), end.tolist()
    for i in sorted(range(len(starts)), key=lambda i: (starts[i] - ends[i], starts[i])):
        s, e = starts[i], ends[i]
        at = bisect_right(kept_start, s)
        if (at and kept_end[at - 1] > s) or (at < len(kept_start) and kept_start[at] < e):
            continue  # overlaps the kept span before or after it
        kept_start.insert(at, s)
        kept_end.insert(at, e)
        kept.insert(at, i)
    return np.array(kept, dtype=np.int64)


def _word_spans(joined: str, view: View, s_view: np.ndarray, e_view: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
    """The spans of ``joined`` of the matches ``padded[s_view:e_view]``: from the first
    character of the first word to the last of the last, with a leading tatweel and
    trailing harakat, which folding dropped."""
    index = view.index  # padded[s] is view.text[s - 1]
    start, end = index[s_view - 1], index[e_view - 2] + 1
    before = np.where(s_view >= 2, index[np.maximum(s_view - 2, 0)], -1)
    for i in np.flatnonzero(start - before > 1):  # characters dropped before the match
        while start[i] > 0 and joined[start[i] - 1] == normalize.TATWEEL:
            start[i] -= 1
    at_end = e_view - 1 >= len(index)
    after = np.where(at_end, len(joined), index[np.minimum(e_view - 1, len(index) - 1)])
    for i in np.flatnonzero(after - end > 0):  # characters dropped after the match
        while end[i] < len(joined) and joined[end[i]] in _TRAILING_MARKS:
            end[i] += 1
    return start, end


# --- 4: unnamed references ---------------------------------------------------------------------

def _is_definite(word: str) -> bool:
    return word.startswith(("ال", "لل")) and len(word) > 3


def _ends_with(words: list[str], end: int, phrases: dict[str, list[list[str]]]) -> bool:
    """Whether ``words[:end]`` ends with one of ``phrases`` (listed by their last word)."""
    return end > 0 and any(len(p) <= end and words[end - len(p):end] == p
                           for p in phrases.get(words[end - 1], ()))


def unnamed(words: list[str], m: Matcher) -> bool:
    """Whether an adjective after ``words`` (the folded words before it, punctuation marks
    as words of their own) describes a head that makes it unnamed: an ``unnamed`` or
    ``not_actor`` head, up to two ``modifier`` words between, or a ``title`` head in
    construct with up to four definite nouns.

    >>> from analysis import actors
    >>> m = actors.load().matcher
    >>> unnamed(["قال", "وزير", "الدفاع"], m), unnamed(["القوات"], m), unnamed(["المسؤول", "،"], m)
    (True, False, False)
    """
    end = len(words)
    for _ in range(2):  # «مسؤولون عسكريون كبار أمريكيون»
        if end and words[end - 1] in m.heads["modifier"] and not _ends_with(words, end, m.blocking):
            end -= 1
    if _ends_with(words, end, m.blocking):
        return True
    for _ in range(4):  # «وزير الدفاع الأمريكي», «مستشار الأمن القومي الأمريكي»
        if not (end and _is_definite(words[end - 1])):
            return False
        end -= 1
        if _ends_with(words, end, m.titles):
            return True
    return False


def _near_head(padded: str, s: int, m: Matcher) -> bool:
    """Whether a head is near the adjective at ``padded[s:]``, in the 90 characters of the
    view before it: a word of an ``unnamed``, ``not_actor``, ``title`` or ``modifier``
    head among the last three words, or a word of a ``title`` head among the last eight."""
    near = padded[max(0, s - _NEAR_HEAD):s].rsplit(maxsplit=8)  # the last 8 words, or fewer
    return not m.immediate_words.isdisjoint(near[-3:]) or not m.title_words.isdisjoint(near[-8:])


def _unnamed_adjectives(view: View, padded: str, start: np.ndarray, end: np.ndarray,
                        s_view: np.ndarray, m: Matcher) -> np.ndarray:
    """Which of a batch's adjectives (spans ``start:end`` of the text, in order, at
    ``s_view`` in the padded view) are unnamed references: a head near in the view
    (:func:`_near_head`) and :func:`unnamed` on the folded words of the 100 characters
    before it; a coordinated adjective (close to the one before, only :data:`_CHAIN_GAP`
    between) takes the decision of the one before."""
    at = view.folded_at(start).tolist()
    window = view.folded_at(np.maximum(start - _LOOK_BACK, 0)).tolist()
    folded_end = view.folded_at(end).tolist()
    gap = (start[1:] - end[:-1]).tolist()  # characters from the adjective before
    decisions: list[bool] = []
    for i, s in enumerate(s_view.tolist()):
        if i and 0 <= gap[i - 1] <= 12 and _CHAIN_GAP.fullmatch(view.folded, folded_end[i - 1], at[i]):
            decisions.append(decisions[-1])
        else:
            decisions.append(_near_head(padded, s, m)
                             and unnamed(_WORDS.findall(view.folded, window[i], at[i]), m))
    return np.array(decisions, dtype=bool)


# --- 5: titles of persons ---------------------------------------------------------------------

def _in_person_titles(view: View, padded: str, start: np.ndarray, end: np.ndarray,
                      alias: np.ndarray, s_view: np.ndarray, m: Matcher) -> np.ndarray:
    """Which mentions are part of the title of the codebook person right after them: only
    ``rank`` words between («الفريق أول», «الجنرال»), and the mention an adjective
    («وزيرا الخارجية الأمريكي جون كيري والروسي سيرغي لافروف») or a name after a title
    word among its four words before («رئيس هيئة الأركان الروسية فاليري غيراسيموف»)."""
    inside = np.zeros(len(alias), dtype=bool)
    person = m.is_person[alias]
    pairs = np.flatnonzero(~person[:-1] & person[1:])
    gap_from, gap_to = view.folded_at(end[pairs]).tolist(), view.folded_at(start[pairs + 1]).tolist()
    adjective = (m.kind[alias[pairs]] == "adjective").tolist()
    for i, a, b, s, is_adjective in zip(pairs.tolist(), gap_from, gap_to, s_view[pairs].tolist(), adjective):
        if not all(w.group() in m.heads["rank"] for w in _WORDS.finditer(view.folded, a, b)):
            continue  # read word by word: the gap may be long, its first word decides most often
        inside[i] = is_adjective or not m.title_words.isdisjoint(padded[max(0, s - 60):s].split()[-4:])
    return inside


# --- sentences ----------------------------------------------------------------------------------

def _sentences(joined: str, start: np.ndarray, offset: np.ndarray) -> np.ndarray:
    """The sentence (:func:`analysis.normalize.sentence_spans`) of each mention within its
    field, the field starting at ``offset``. The separator is a line break, where
    sentences always split, so the sentences of the joined text are those of each field."""
    starts = np.array([s for s, _ in normalize.sentence_spans(joined)], dtype=np.int64)
    first = np.searchsorted(starts, offset, side="left")  # the field's first sentence
    return np.maximum(np.searchsorted(starts, start, side="right") - 1 - first, 0)
