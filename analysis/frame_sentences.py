"""Frames per sentence, decided as a coder following ``shared/CODEBOOK-FRAMES.md`` does.

The cue hits of :func:`analysis.framing.find_cues` are the evidence; the decision rules of
the codebook decide which frames a sentence (:mod:`analysis.sentences`) carries:

1. **Purpose** (R1): coordination, cooperation or a channel that exists *to avoid incidents*
   («تنسيق … لتجنب الاحتكاك») is deconfliction only; cooperation beyond safety stays.
2. **Breakdown** (R2, R3): suspending, collapsing, violating, refusing or failing an agreement,
   cooperation or a channel is confrontation; the frame in its scope is not coded, except
   deconfliction whose purpose the sentence states. Advance notice is deconfliction; notice
   not given is confrontation.
3. **Concern and distrust** (R4) are confrontation; a disagreement listed as a topic of talks
   is not.
4. **Talks** (R6): talks on the situation, a telephone call, the UN process are diplomacy;
   talks whose stated purpose is avoiding incidents are deconfliction only.
5. **Content, not mentions** (R7): a strike referred back to («الضربة», «بالقصف») or named in
   a closing time anchor («… بعد ضربة الشعيرات») adds no frame.
6. **Sides** (R8): cooperation, deconfliction and confrontation are about the US–Russia pair
   (the US with the coalition and the SDF; Russia with the Syrian government), read from the
   sentence's actor mentions; US domestic criticism is not.
7. **Counter-terrorism** (R9): a generic fight against a terrorist group is
   counter_terrorism, not military_operations; naming such a group is counter_terrorism.

The word lists of the rules are data (``data/frame_rules.tsv``). Each rule is one function
below, applied in a fixed order to the evidence of one sentence.

>>> import pandas as pd
>>> from analysis import actors, framing
>>> docs = pd.DataFrame({"doc_id": ["a"], "title": ["تنسيق روسي أمريكي لتجنب الاحتكاك"],
...                      "body": ["وعلقت موسكو العمل بالمذكرة."]})
>>> frame_sentences(docs, framing.find_cues(docs), actors.find_mentions(docs))["frames"].tolist()
['deconfliction', 'confrontation']
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import actors, datafiles, normalize, sentences

__all__ = ["COLUMNS", "FRAMES", "RULES", "FrameRules", "load_rules", "frame_sentences", "spans"]

FRAMES = ("cooperation", "deconfliction", "confrontation", "counter_terrorism", "diplomacy",
          "military_operations", "strategic_stability")
COLUMNS = ["doc_id", "field", "start", "end", "frames"]
#: The rules of ``frame_rules.tsv`` (documented in its header).
RULES = ("purpose", "danger", "scoped", "breakdown", "agreement", "doubt", "discuss", "topic",
         "talks", "call", "notice", "advance", "negator", "reference", "anchor", "pair",
         "domestic", "joint", "joint_verb", "fight", "ct_side", "ct_not", "un")
_ACTOR_RULES = ("ct_side", "un")
_PAIR_FRAMES = frozenset({"cooperation", "deconfliction", "confrontation"})
_US_CAMP = frozenset({"us", "us_partner"})
_RU_CAMP = frozenset({"russia", "syria_gov"})
_CLITICS = ("", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ولل",
            "وب", "ول", "فب", "فل", "وبال", "فبال")
_EDGE = "\"'«»“”()[]{}:;,.!?؟،؛…-–—/\\"

# windows, in words
_PURPOSE_REACH = 6  # a purpose marker … its danger word
_ADJACENT = 4  # a cooperation cue next to a deconfliction cue
_SCOPE_BEFORE = 8  # a breakdown word … the agreement it breaks (the object may come first)
_SCOPE_AFTER = 10
_DOUBT_REACH = 4
_NOTICE_REACH = 6
_FIGHT_REACH = 4


# --- the rule words --------------------------------------------------------------------------

@dataclass(frozen=True)
class FrameRules:
    """The word lists of ``frame_rules.tsv``: ``words`` maps a folded word (with each
    proclitic) to the rules it belongs to; ``forms`` lists each rule's folded forms as
    written; ``actors`` the actor ids or sides of the actor rules."""

    words: dict[str, frozenset[str]]
    forms: dict[str, tuple[str, ...]]
    actors: dict[str, frozenset[str]]


@datafiles.reloading
def _load(path) -> FrameRules:
    rows = datafiles.read_tsv(path, required=("rule", "form"), optional=("note",),
                              non_empty=("rule", "form"))
    forms: dict[str, list[str]] = {r: [] for r in RULES}
    for row in rows:
        if row["rule"] not in forms:
            raise row.error(f"unknown rule '{row['rule']}' (one of {', '.join(RULES)})")
        if len(row["form"].split()) != 1:
            raise row.error("a form is one word")
        rule = row["rule"]
        forms[rule].append(row["form"] if rule in _ACTOR_RULES else normalize.fold(row["form"]))
    words: dict[str, set[str]] = {}
    for rule, items in forms.items():
        if rule in _ACTOR_RULES:
            continue
        for form in items:
            for clitic in _CLITICS:
                words.setdefault(clitic + form, set()).add(rule)
    return FrameRules({w: frozenset(r) for w, r in words.items()},
                      {r: tuple(f) for r, f in forms.items()},
                      {r: frozenset(forms[r]) for r in _ACTOR_RULES})


def load_rules(path: str | os.PathLike | None = None) -> FrameRules:
    """The rule words (``data/frame_rules.tsv`` unless ``path``), re-read when edited."""
    return _load(datafiles.resolve(path, "frame_rules.tsv"))


# --- sentence spans, fast --------------------------------------------------------------------

_MARKS = re.compile(r"[.!?؟…]+|[«»“”\"\n]")
_OPEN_CLOSE = {"«": "»", "“": "”"}


def spans(text: str) -> list[tuple[int, int]]:
    """:func:`analysis.sentences.spans`, the same spans, scanning only the marks that matter
    (end marks, quotes, line breaks) instead of every character."""
    out: list[tuple[int, int]] = []
    start, closers, straight = 0, [], False
    for m in _MARKS.finditer(text):
        ch = m.group()
        if ch == "\n":
            out.append((start, m.start()))
            start, closers, straight = m.end(), [], False
        elif ch in _OPEN_CLOSE:
            closers.append(_OPEN_CLOSE[ch])
        elif closers and ch == closers[-1]:
            closers.pop()
        elif ch == '"':
            straight = not straight
        elif ch[0] in sentences.ENDS and not closers and not straight and _ends(text, m):
            out.append((start, m.end()))
            start = m.end()
    out.append((start, len(text)))
    return [(s + _lead(text, s, e), e - _trail(text, s, e)) for s, e in out if text[s:e].strip()]


def _ends(text: str, m: re.Match) -> bool:
    before = text[m.start() - 1] if m.start() else ""
    after = text[m.end()] if m.end() < len(text) else ""
    if before.isdigit() and after.isdigit():
        return False
    return not after.isalnum()


def _lead(text: str, s: int, e: int) -> int:
    piece = text[s:e]
    return len(piece) - len(piece.lstrip())


def _trail(text: str, s: int, e: int) -> int:
    piece = text[s:e]
    return len(piece) - len(piece.rstrip())


# --- the evidence of one sentence ------------------------------------------------------------

@dataclass
class Hit:
    """A cue hit inside a sentence: its first and last word, frame, whether the lexicon
    found it negated, and its folded surface; ``kept`` is cleared by a rule."""

    first: int
    last: int
    frame: str
    negated: bool
    surface: str
    kept: bool = True


@dataclass
class Evidence:
    """What the rules see of one sentence: its folded ``words``, the rules each word belongs
    to (``tags``), the cue ``hits``, the codebook ``sides`` and ids of its actor mentions
    (``mention_words``: the word where each mention starts, with its side and folded
    surface), whether it is a title, and the frames rules ``added`` or ``removed``."""

    words: list[str]
    tags: list[frozenset[str]]
    hits: list[Hit]
    sides: set[str]
    actor_ids: set[str]
    mentions: list[tuple[int, str, str]]
    added: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)

    def where(self, rule: str) -> list[int]:
        """Word indices that belong to ``rule``."""
        return [i for i, t in enumerate(self.tags) if rule in t]

    def has(self, rule: str, lo: int, hi: int) -> bool:
        """Whether a word of ``rule`` lies in words ``[lo, hi]``."""
        return any(rule in t for t in self.tags[max(lo, 0):hi + 1])

    def frames(self) -> set[str]:
        return ({h.frame for h in self.hits if h.kept} | self.added) - self.removed


def _purpose_words(ev: Evidence, rules: FrameRules) -> list[int]:
    """Word indices of purpose clauses: a purpose marker with a danger word within reach."""
    return [i for i in ev.where("purpose") if ev.has("danger", i, i + _PURPOSE_REACH)
            or any(h.frame == "deconfliction" and i <= h.first <= i + 1 for h in ev.hits)]


def _scoped(hit: Hit, rules: FrameRules) -> bool:
    return hit.frame == "cooperation" and any(f in hit.surface for f in rules.forms["scoped"])


# --- the rules -------------------------------------------------------------------------------

def rule_breakdown(ev: Evidence, rules: FrameRules) -> None:
    """R2, R3: negated, suspended, failed cooperation, deconfliction or agreements.

    A breakdown word (``breakdown``) with a cooperation, deconfliction or diplomacy cue or an
    ``agreement`` word in its scope — or a cue the lexicon found negated («وقف التعاون») —
    makes the sentence confrontation; the cooperation and the agreements in scope are not
    coded, nor is deconfliction unless a purpose clause states it («علقت … المذكرة … لتفادي
    الحوادث» is confrontation and deconfliction).
    """
    purpose = bool(_purpose_words(ev, rules))
    for lo, hi, negated_cue in _operators(ev):
        objects = _in_scope(ev, lo, hi)
        if not (objects or negated_cue or ev.has("agreement", lo - _SCOPE_BEFORE, hi + _SCOPE_AFTER)):
            continue
        ev.added.add("confrontation")
        for h in objects:
            if h.frame == "cooperation" or (h.frame == "deconfliction" and not purpose):
                h.kept = False
            elif h.frame == "diplomacy" and _is_agreement(h, rules):
                h.kept = False


def _operators(ev: Evidence) -> list[tuple[int, int, bool]]:
    """Breakdown words, negators before an agreement word, and negated cues: first and
    last word, and whether it is a negated cue."""
    found = [(i, i, False) for i in ev.where("breakdown")]
    found += [(i, i, False) for i in ev.where("negator") if ev.has("agreement", i + 1, i + 4)]
    return found + [(h.first, h.last, True) for h in ev.hits if h.negated]


def _in_scope(ev: Evidence, lo: int, hi: int) -> list[Hit]:
    """Cooperation, deconfliction and diplomacy hits in the scope of words ``[lo, hi]``."""
    return [h for h in ev.hits if lo - _SCOPE_BEFORE <= h.first <= hi + _SCOPE_AFTER
            and not h.negated and not lo <= h.first <= hi
            and h.frame in ("cooperation", "deconfliction", "diplomacy")]


def _is_agreement(hit: Hit, rules: FrameRules) -> bool:
    head = hit.surface.split()[0] if hit.surface else ""
    return "agreement" in rules.words.get(head, ()) and "talks" not in rules.words.get(head, ())


def rule_doubt(ev: Evidence, rules: FrameRules) -> None:
    """R4: concern and distrust are confrontation; cooperation they doubt is not coded
    («المشككين في جدوى التعاون»)."""
    for i in ev.where("doubt"):
        if ev.words[i].endswith("ثقه") and not (i and ({"negator", "breakdown"} & ev.tags[i - 1]
                                                       or ev.words[i - 1].endswith("ازمه")
                                                       or ev.words[i - 1].endswith("انعدام"))):
            continue
        ev.added.add("confrontation")
        for h in ev.hits:
            if h.frame == "cooperation" and i < h.first <= i + _DOUBT_REACH:
                h.kept = False


def rule_topic_of_talks(ev: Evidence, rules: FrameRules) -> None:
    """R4: a disagreement listed as a topic of talks («بحثا … نقاط الخلاف») is not
    confrontation."""
    for i in ev.where("discuss"):
        for h in ev.hits:
            if h.frame == "confrontation" and i < h.first <= i + _SCOPE_AFTER and "خلاف" in h.surface:
                h.kept = False


def rule_purpose(ev: Evidence, rules: FrameRules) -> None:
    """R1, R6: a purpose clause («… لتجنب الحوادث») makes coordination deconfliction only.

    In a sentence with a purpose clause, coordination-type cooperation cues (``scoped``) and
    talks (``talks``) are not coded, unless the talks also have a subject (``topic``); a
    coordination cue right next to a deconfliction cue («التوافق على توزيع مناطق»,
    «الاتصالات الخاصة بمنع الحوادث») is deconfliction only as well.
    """
    purpose = _purpose_words(ev, rules)
    if purpose:
        ev.added.add("deconfliction")
    deconf = [h for h in ev.hits if h.frame == "deconfliction"]
    topic = _talk_topic(ev)
    for h in ev.hits:
        if _scoped(h, rules) and (purpose or any(abs(h.first - d.first) <= _ADJACENT
                                                 or abs(h.last - d.first) <= _ADJACENT
                                                 for d in deconf)):
            h.kept = False
        elif purpose and h.frame == "diplomacy" and not topic and _is_talk(h, rules):
            h.kept = False


def _is_talk(hit: Hit, rules: FrameRules) -> bool:
    head = hit.surface.split()[0] if hit.surface else ""
    return bool({"talks", "call"} & rules.words.get(head, frozenset())) or "هاتف" in hit.surface


def _talk_topic(ev: Evidence) -> bool:
    return any(ev.has("topic", i + 1, i + 6) for i in ev.where("discuss"))


def rule_call(ev: Evidence, rules: FrameRules) -> None:
    """R6: a single contact («تلقى اتصالاً», «الاتصال») is a talk with no subject stated:
    diplomacy, not cooperation (ongoing «الاتصالات» between the militaries stay cooperation)."""
    for h in ev.hits:
        if h.kept and h.frame == "cooperation" and "call" in rules.words.get(h.surface, ()):
            h.kept = False
            if not _purpose_words(ev, rules):
                ev.added.add("diplomacy")


def rule_talks(ev: Evidence, rules: FrameRules) -> None:
    """R6: talks on the situation («بحث … الوضع في سوريا») and the UN Security Council are
    diplomacy."""
    if _talk_topic(ev) or ev.actor_ids & rules.actors["un"]:
        ev.added.add("diplomacy")


def rule_notice(ev: Evidence, rules: FrameRules) -> None:
    """R2: notice given in advance is deconfliction; notice not given («لم يُبلغ موسكو
    مسبقاً», «عدم إبلاغ») is confrontation."""
    for i in ev.where("notice"):
        if not ev.has("advance", i + 1, i + _NOTICE_REACH):
            continue
        negated = ev.has("negator", i - 2, i - 1)
        ev.added.add("confrontation" if negated else "deconfliction")


def rule_agreement(ev: Evidence, rules: FrameRules) -> None:
    """R1: an agreement of the two powers on something other than safety is cooperation;
    so is the pair as joint subject of an agreeing verb («أكد الجانبان», «الجانبين قررا»)."""
    if any(h.frame == "deconfliction" and h.kept for h in ev.hits) or _purpose_words(ev, rules):
        return
    both = "us" in ev.sides and "russia" in ev.sides
    if both and any(h.kept and h.frame == "diplomacy" and _is_agreement(h, rules) for h in ev.hits):
        ev.added.add("cooperation")
    for i in ev.where("joint"):
        if ev.has("joint_verb", i - 1, i + 1):
            ev.added.add("cooperation")


def rule_reference(ev: Evidence, rules: FrameRules) -> None:
    """R7: a strike referred back to («وصف الضربة بأنها …», «بالقصف الذي تم») or named in a
    closing time anchor («… بعد ضربة الشعيرات») adds no military_operations."""
    n = len(ev.words)
    for h in ev.hits:
        if h.frame != "military_operations":
            continue
        head = h.surface.split()[0] if h.surface else ""
        anchored = h.first and "anchor" in ev.tags[h.first - 1] and n - 1 - h.last <= 3
        if "reference" in rules.words.get(head, ()) and len(h.surface.split()) == 1 or anchored:
            h.kept = False


def rule_fight(ev: Evidence, rules: FrameRules) -> None:
    """R9: a generic fight against a terrorist group («القتال ضد تنظيم الدولة») is
    counter_terrorism, not military_operations; a mention of such a group is
    counter_terrorism."""
    groups = [w for w, side, surface in ev.mentions if side in rules.actors["ct_side"]
              and surface not in rules.forms["ct_not"]]
    if groups:
        ev.added.add("counter_terrorism")
    terror = groups + [h.first for h in ev.hits if h.frame == "counter_terrorism"]
    for h in ev.hits:
        if h.frame == "military_operations" and "fight" in rules.words.get(h.surface.split()[0], ()) \
                and any(h.last < t <= h.last + _FIGHT_REACH for t in terror):
            h.kept = False


def rule_sides(ev: Evidence, rules: FrameRules) -> None:
    """R8: cooperation, deconfliction and confrontation only between the two camps.

    They are not coded when the sentence's actors leave out one camp and name a third
    party instead (Turkey, Israel, Iran, the UN, the opposition) and no word stands for the
    pair («الطرفين», «البلدين»); confrontation is not coded in US domestic politics
    (Congress, lawmakers).
    """
    us, ru = bool(ev.sides & _US_CAMP), bool(ev.sides & _RU_CAMP)
    third = bool(ev.sides - _US_CAMP - _RU_CAMP - {"media", "jihadist"})
    if not (us and ru) and third and not ev.where("pair"):
        ev.removed |= _PAIR_FRAMES
    elif "russia" not in ev.sides and "syria_gov" in ev.sides and "opposition" in ev.sides \
            and not us:
        ev.removed |= _PAIR_FRAMES
    if ev.where("domestic"):
        ev.removed.add("confrontation")


#: The rules in the order they are applied.
ORDER = (rule_breakdown, rule_doubt, rule_topic_of_talks, rule_purpose, rule_call, rule_talks,
         rule_notice, rule_agreement, rule_reference, rule_fight, rule_sides)


def decide(ev: Evidence, rules: FrameRules) -> list[str]:
    """The frames of one sentence, in the order of :data:`FRAMES`."""
    for rule in ORDER:
        rule(ev, rules)
    found = ev.frames()
    return [f for f in FRAMES if f in found]


# --- tables ----------------------------------------------------------------------------------

def _fold_words(texts: list[str]) -> list[list[str]]:
    """Each text's words, folded, with the punctuation at their edges removed; one word per
    run of non-space characters, as ``str.split`` counts them."""
    if not texts:
        return []
    folded = normalize.fold("\x01".join(texts)).split("\x01")
    return [[w.strip(_EDGE) for w in f.split()] for f in folded]


def _word_index(text: str, s: int, at: int) -> int:
    """The index of the word of ``text[s:]`` in which position ``at`` lies."""
    return max(len(text[s:at + 1].split()) - 1, 0)


def _sentence_table(documents: pd.DataFrame) -> tuple[list, np.ndarray, dict[tuple[str, str], int]]:
    rows, starts, base, offset = [], [], {}, 0
    for doc_id, fld, text in _fields(documents):
        base[doc_id, fld] = offset
        for s, e in spans(text):
            rows.append((doc_id, fld, s, e, text))
            starts.append(offset + s)
        offset += len(text) + 1
    return rows, np.asarray(starts, dtype=np.int64), base


def _fields(documents: pd.DataFrame):
    columns = (documents[c].tolist() for c in ("doc_id", "title", "body"))
    for doc_id, title, body in zip(*columns):
        yield doc_id, "title", title if isinstance(title, str) else ""
        yield doc_id, "body", body if isinstance(body, str) else ""


def _locate(table: pd.DataFrame, base: dict, starts: np.ndarray) -> np.ndarray:
    """The sentence index of each row of a table of spans (doc_id, field, start)."""
    if not len(table):
        return np.zeros(0, dtype=np.int64)
    keys = list(zip(table["doc_id"].tolist(), table["field"].tolist()))
    offsets = np.fromiter((base.get(k, -1) for k in keys), dtype=np.int64, count=len(keys))
    where = np.searchsorted(starts, offsets + table["start"].to_numpy(dtype=np.int64), "right") - 1
    return np.where(offsets < 0, -1, where)


def _group(index: np.ndarray, n: int) -> list[list[int]]:
    out: list[list[int]] = [[] for _ in range(n)]
    for row, s in enumerate(index.tolist()):
        if s >= 0:
            out[s].append(row)
    return out


def frame_sentences(documents: pd.DataFrame, hits: pd.DataFrame, mentions: pd.DataFrame, *,
                    rules_path: str | os.PathLike | None = None) -> pd.DataFrame:
    """The frames of every sentence of title and body, decided by the codebook's rules.

    Args:
        documents: cleaned documents (``doc_id, title, body``), as from ``clean.clean``.
        hits: their cue hits, ``framing.find_cues(documents)`` (the evidence).
        mentions: their actor mentions, ``actors.find_mentions(documents)`` (for the sides).
        rules_path: a ``frame_rules.tsv`` other than the package's.

    Returns:
        One row per sentence (:func:`spans`): ``doc_id, field, start, end, frames``
        (``;``-joined in the order of :data:`FRAMES`, empty for none), sorted by doc_id, field
        (title first) and start.
    """
    rules = load_rules(rules_path)
    rows, starts, base = _sentence_table(documents)
    hit_rows = _group(_locate(hits, base, starts), len(rows))
    mention_rows = _group(_locate(mentions, base, starts), len(rows))
    frames = [""] * len(rows)
    busy = [i for i in range(len(rows)) if hit_rows[i] or mention_rows[i]]
    texts = [rows[i][4][rows[i][2]:rows[i][3]] for i in busy]
    sides = actors.load_codebook().set_index("id")["side"].to_dict()
    h = _columns(hits, ("start", "end", "frame", "negated", "surface"))
    m = _columns(mentions, ("start", "surface", "actor_id"))
    for i, words in zip(busy, _fold_words(texts)):
        ev = _evidence(rows[i], words, rules, [h[k] for k in hit_rows[i]],
                       [m[k] for k in mention_rows[i]], sides)
        frames[i] = ";".join(decide(ev, rules))
    out = pd.DataFrame([r[:4] for r in rows], columns=COLUMNS[:4]).assign(frames=frames)
    order = out.assign(_f=(out["field"] != "title").astype(int)).sort_values(
        ["doc_id", "_f", "start"], kind="stable").index
    return out.loc[order].reset_index(drop=True)


def _columns(table: pd.DataFrame, names: tuple[str, ...]) -> list[tuple]:
    if not len(table):
        return []
    return list(zip(*(table[c].tolist() for c in names)))


def _evidence(row: tuple, words: list[str], rules: FrameRules, hits: list[tuple],
              mentions: list[tuple], sides: dict[str, str]) -> Evidence:
    _, _, s, _, text = row
    tags = [rules.words.get(w, frozenset()) for w in words]
    found = [Hit(_word_index(text, s, hs), _word_index(text, s, max(he - 1, hs)), fr, bool(neg),
                 normalize.fold(surface).strip(_EDGE)) for hs, he, fr, neg, surface in hits]
    found_mentions = [(_word_index(text, s, ms), sides.get(a, ""), normalize.fold(sf))
                      for ms, sf, a in mentions]
    return Evidence(words, tags, found, {x[1] for x in found_mentions} - {""},
                    {a for _, _, a in mentions}, found_mentions)

