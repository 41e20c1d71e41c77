"""Frames per sentence, decided as a coder following ``shared/CODEBOOK-FRAMES.md`` does.

The cue hits of :func:`analysis.framing.find_cues` are the evidence and the actor mentions
give the sides; the decision rules of the codebook decide a sentence's frames, one function
each (``rule_*``, applied in the order :data:`ORDER`): a purpose clause makes coordination
deconfliction only (R1); breakdown, suspension, refusal and notice not given are
confrontation, and what they break is not coded (R2, R3); concern and distrust are
confrontation (R4); talks are diplomacy unless their stated purpose is avoiding incidents
(R6); references back and time anchors add no frame (R7); cooperation, deconfliction and
confrontation are about the US–Russia pair only (R8); a generic fight against IS is
counter_terrorism only (R9). Their word lists are data (``data/frame_rules.tsv``).
Sentences that no rule can change (told by flags of their hits and mentions) take their
hits' frames directly; the others go through :func:`decide`.

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

from . import actors, corpus, datafiles, normalize, sentences

__all__ = ["COLUMNS", "FRAMES", "ORDER", "RULES", "FrameRules", "decide", "frame_sentences", "load_rules"]

FRAMES = ("cooperation", "deconfliction", "confrontation", "counter_terrorism", "diplomacy",
          "military_operations", "strategic_stability")
COLUMNS = ["doc_id", "field", "start", "end", "frames"]
#: The rules of ``frame_rules.tsv`` (documented in its header).
RULES = ("purpose", "danger", "scoped", "breakdown", "agreement", "doubt", "discuss", "topic",
         "talks", "call", "notice", "advance", "negator", "reference", "anchor", "pair",
         "domestic", "fight", "ct_side", "ct_not", "un")
_ACTOR_RULES = ("ct_side", "un")
_PAIR_FRAMES = frozenset({"cooperation", "deconfliction", "confrontation"})
_US_CAMP = frozenset({"us", "us_partner"})
_THIRD = frozenset({"other", "opposition"})  # states beyond the pair (Turkey, Israel, Iran), the opposition
_RU_CAMP = frozenset({"russia", "syria_gov"})
_CLITICS = ("", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ولل",
            "وب", "ول", "فب", "فل", "وبال", "فبال")

# windows, in words (a word is what stands between two spaces)
_PURPOSE_REACH = 6  # a purpose marker … its danger word
_ADJACENT = 4  # a cooperation cue next to a deconfliction cue
_SCOPE_BEFORE = _SCOPE_AFTER = 10  # a breakdown word … what it breaks (which may come first)
_DOUBT_REACH = 4
_CHAIN = 4  # the scope of a breakdown runs on through cues this close to each other
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
    written: dict[str, tuple[str, ...]]


@datafiles.reloading
def _load(path) -> FrameRules:
    rows = datafiles.read_tsv(path, required=("rule", "form"), optional=("note",),
                              non_empty=("rule", "form"))
    forms: dict[str, list[str]] = {r: [] for r in RULES}
    written: dict[str, list[str]] = {r: [] for r in RULES}
    for row in rows:
        if row["rule"] not in forms:
            raise row.error(f"unknown rule '{row['rule']}' (one of {', '.join(RULES)})")
        if len(row["form"].split()) != 1:
            raise row.error("a form is one word")
        rule = row["rule"]
        written[rule].append(row["form"])
        forms[rule].append(row["form"] if rule in _ACTOR_RULES else normalize.fold(row["form"]))
    words: dict[str, set[str]] = {}
    for rule, items in forms.items():
        if rule in _ACTOR_RULES:
            continue
        for form in items:
            bare = form[2:] if form.startswith("ال") else None  # ل + ال is written لل
            for clitic in _CLITICS:
                words.setdefault(clitic + form, set()).add(rule)
            for clitic in ("لل", "ولل", "فلل") if bare else ():
                words.setdefault(clitic + bare, set()).add(rule)
    return FrameRules({w: frozenset(r) for w, r in words.items()},
                      {r: tuple(f) for r, f in forms.items()},
                      {r: frozenset(forms[r]) for r in _ACTOR_RULES},
                      {r: tuple(dict.fromkeys(f + forms[r])) for r, f in written.items()})


def load_rules(path: str | os.PathLike | None = None) -> FrameRules:
    """The rule words (``data/frame_rules.tsv`` unless ``path``), re-read when edited."""
    return _load(datafiles.resolve(path, "frame_rules.tsv"))


# --- the evidence of one sentence ------------------------------------------------------------

@dataclass(slots=True)
class Hit:
    """A cue hit inside a sentence: its first and last word, frame, whether the lexicon
    found it negated, its folded surface and the rules its first word belongs to;
    ``kept`` is cleared by a rule."""

    first: int
    last: int
    frame: str
    negated: bool
    surface: str
    tags: frozenset[str]
    kept: bool = True


@dataclass
class Evidence:
    """What the rules see of one sentence: its folded ``words``, where the words of each
    rule stand (``index``: rule → word indices), the cue ``hits``, the codebook ``sides`` and
    ids of its actor mentions (``mentions``: the word where each mention starts, its side
    and whether it names a terrorist group, rule R9), and the frames the rules ``added`` or ``removed``."""

    words: list[str]
    index: dict[str, list[int]]
    hits: list[Hit]
    sides: set[str]
    actor_ids: set[str]
    mentions: list[tuple[int, str, bool]]
    added: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    purpose: list[int] | None = None

    def where(self, rule: str) -> list[int]:
        """Word indices that belong to ``rule``."""
        return self.index.get(rule, [])

    def has(self, rule: str, lo: int, hi: int) -> bool:
        """Whether a word of ``rule`` lies in words ``[lo, hi]``."""
        return any(lo <= i <= hi for i in self.index.get(rule, ()))

    def frames(self) -> set[str]:
        return ({h.frame for h in self.hits if h.kept} | self.added) - self.removed


def _purpose_words(ev: Evidence, rules: FrameRules) -> list[int]:
    """Word indices of purpose clauses: a purpose marker with a danger word within reach."""
    if ev.purpose is None:
        ev.purpose = [i for i in ev.where("purpose") if ev.has("danger", i, i + _PURPOSE_REACH)
                      or any(h.frame == "deconfliction" and i <= h.first <= i + 1 for h in ev.hits)]
    return ev.purpose


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
    if "breakdown" not in ev.index and "negator" not in ev.index and not any(
            h.negated for h in ev.hits):
        return
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
    """Cooperation, deconfliction and diplomacy hits in the scope of words ``[lo, hi]``; the
    scope runs on through cues that follow each other closely («تعليق العمل بمذكرة التفاهم
    … حول منع الحوادث وضمان سلامة الطيران» is one object)."""
    found, reach = [], hi + _SCOPE_AFTER
    for h in sorted(ev.hits, key=lambda x: x.first):
        if h.negated or lo <= h.first <= hi or h.frame not in ("cooperation", "deconfliction", "diplomacy"):
            continue
        if lo - _SCOPE_BEFORE <= h.first <= reach:
            found.append(h)
            reach = max(reach, h.last + _CHAIN)
    return found


def _is_agreement(hit: Hit, rules: FrameRules) -> bool:
    return "agreement" in hit.tags and "talks" not in hit.tags


def rule_doubt(ev: Evidence, rules: FrameRules) -> None:
    """R4: concern and distrust are confrontation; cooperation they doubt is not coded
    («المشككين في جدوى التعاون»)."""
    for i in ev.where("doubt"):
        if ev.words[i].endswith("ثقه") and not _distrust(ev, i):
            continue
        ev.added.add("confrontation")
        for h in ev.hits:
            if h.frame == "cooperation" and i < h.first <= i + _DOUBT_REACH:
                h.kept = False


def _distrust(ev: Evidence, i: int) -> bool:
    """Whether «ثقة» at word ``i`` is lost trust («عدم الثقة», «أزمة ثقة»)."""
    before = ev.words[i - 1] if i else ""
    return i - 1 in ev.where("negator") or i - 1 in ev.where("breakdown") or before.endswith(
        ("ازمه", "انعدام", "فقدان", "غياب"))


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
    deconf = [h for h in ev.hits if h.frame == "deconfliction"]
    if not deconf and "purpose" not in ev.index:
        return
    purpose = _purpose_words(ev, rules)
    if purpose:
        ev.added.add("deconfliction")
    topic = _talk_topic(ev)
    for h in ev.hits:
        if _scoped(h, rules) and (purpose or any(abs(h.first - d.first) <= _ADJACENT
                                                 or abs(h.last - d.first) <= _ADJACENT
                                                 for d in deconf)):
            h.kept = False
        elif purpose and h.frame == "diplomacy" and not topic and _is_talk(h, rules):
            h.kept = False


def _is_talk(hit: Hit, rules: FrameRules) -> bool:
    return "talks" in hit.tags or "call" in hit.tags or "هاتف" in hit.surface


def _talk_topic(ev: Evidence) -> bool:
    return any(ev.has("topic", i + 1, i + 6) for i in ev.where("discuss"))


def rule_incident(ev: Evidence, rules: FrameRules) -> None:
    """R2, R8: a friction, collision or clash that happened («احتكاك بين دوريتين», «حادثة
    تصادم») is confrontation, not deconfliction: a danger word is deconfliction only when
    avoided («تجنب الاحتكاك») or in a purpose clause."""
    purpose = _purpose_words(ev, rules)
    for h in ev.hits:
        if h.frame == "deconfliction" and "danger" in h.tags and " " not in h.surface \
                and not any(i < h.first <= i + _PURPOSE_REACH for i in purpose):
            h.kept = False
            ev.added.add("confrontation")


def rule_call(ev: Evidence, rules: FrameRules) -> None:
    """R6: a single contact («تلقى اتصالاً», «الاتصال») is a talk with no subject stated:
    diplomacy, not cooperation (ongoing «الاتصالات» between the militaries stay cooperation)."""
    for h in ev.hits:
        if h.kept and h.frame == "cooperation" and "call" in h.tags and " " not in h.surface:
            h.kept = False
            if not _purpose_words(ev, rules):
                ev.added.add("diplomacy")


def rule_talks(ev: Evidence, rules: FrameRules) -> None:
    """R6: talks of the two camps on the situation («بحث غيراسيموف مع نظيره الأمريكي … الوضع
    في سوريا») and the UN Security Council are diplomacy."""
    camps = ev.sides & _US_CAMP and ev.sides & _RU_CAMP
    if camps and _talk_topic(ev) or ev.actor_ids & rules.actors["un"]:
        ev.added.add("diplomacy")


def rule_notice(ev: Evidence, rules: FrameRules) -> None:
    """R2: notice given in advance («أبلغت الجانب الأمريكي مسبقاً») is deconfliction; notice
    not given («لم يُبلغ موسكو مسبقاً», «عدم إبلاغ») is confrontation; «مسبقاً» with no
    notice before it is no evidence."""
    for i in ev.where("advance"):
        notice = [j for j in ev.where("notice") if i - _NOTICE_REACH <= j < i]
        advance_hits = [h for h in ev.hits if h.frame == "deconfliction" and h.first == i]
        for h in advance_hits:
            h.kept = False
        if notice:
            negated = ev.has("negator", notice[-1] - 2, notice[-1] - 1)
            ev.added.add("confrontation" if negated else "deconfliction")


def rule_agreement(ev: Evidence, rules: FrameRules) -> None:
    """R1: an agreement of the two powers (both named) on something other than safety is
    cooperation («كيري ولافروف يعلنان اتفاقاً لوقف الأعمال القتالية»)."""
    if not ("us" in ev.sides and "russia" in ev.sides) or _purpose_words(ev, rules) or any(
            h.frame == "deconfliction" and h.kept for h in ev.hits):
        return
    if any(h.kept and h.frame == "diplomacy" and _is_agreement(h, rules) for h in ev.hits):
        ev.added.add("cooperation")


def rule_reference(ev: Evidence, rules: FrameRules) -> None:
    """R7: a strike referred back to («وصف الضربة بأنها …», «بالقصف الذي تم») or named in a
    closing time anchor («… بعد ضربة الشعيرات») adds no military_operations."""
    n = len(ev.words)
    for h in ev.hits:
        if h.frame != "military_operations":
            continue
        anchored = h.first - 1 in ev.where("anchor") and n - 1 - h.last <= 3
        if "reference" in h.tags and " " not in h.surface or anchored:
            h.kept = False


def rule_fight(ev: Evidence, rules: FrameRules) -> None:
    """R9: a generic fight against a terrorist group («القتال ضد تنظيم الدولة») is
    counter_terrorism, not military_operations; a mention of such a group is
    counter_terrorism."""
    groups = [w for w, _, group in ev.mentions if group]
    if groups:
        ev.added.add("counter_terrorism")
    terror = groups + [h.first for h in ev.hits if h.frame == "counter_terrorism"]
    for h in ev.hits:
        if h.frame == "military_operations" and "fight" in h.tags \
                and any(h.last < t <= h.last + _FIGHT_REACH for t in terror):
            h.kept = False


def rule_sides(ev: Evidence, rules: FrameRules) -> None:
    """R8: cooperation, deconfliction and confrontation only between the two camps.

    They are not coded, unless a word stands for the pair («الطرفين», «البلدين»), when the
    sentence names a third party (Turkey, Israel, Iran, the opposition) and not both camps,
    or names neither camp but others (the UN); nor is confrontation in US domestic politics.
    """
    us, ru = bool(ev.sides & _US_CAMP), bool(ev.sides & _RU_CAMP)
    outsider = bool(ev.sides - _US_CAMP - _RU_CAMP - {"media", "jihadist"})
    if not ev.where("pair") and (ev.sides & _THIRD and not (us and ru) or outsider and not (us or ru)):
        ev.removed |= _PAIR_FRAMES
    if ev.where("domestic"):
        ev.removed.add("confrontation")


#: The rules in the order they are applied.
ORDER = (rule_breakdown, rule_doubt, rule_topic_of_talks, rule_purpose, rule_incident, rule_call, rule_talks,
         rule_notice, rule_agreement, rule_reference, rule_fight, rule_sides)


def decide(ev: Evidence, rules: FrameRules) -> list[str]:
    """The frames of one sentence, in the order of :data:`FRAMES`."""
    for rule in ORDER:
        rule(ev, rules)
    found = ev.frames()
    return [f for f in FRAMES if f in found]


# --- tables ----------------------------------------------------------------------------------

_KINDS = ("negated", "breakdown", "doubt", "disagreement", "call", "agreement", "talk", "reference",
          "fight", "advance", "danger", "near_end", "scoped", "purpose", "near_deconf", "fight_ct",
          "us", "russia", "camp_ru", "third", "outsider", "jihadist", "un")
_BIT = {name: 1 << i for i, name in enumerate(FRAMES + _KINDS)}  # a sentence's flags: frames, then kinds
_FRAME_MASK = (1 << len(FRAMES)) - 1
_PUNCTUATION = re.compile(r"[^\w \x01]+")
_MARKED = re.compile("[\u064b-\u0652\u0640]")  # harakat, tatweel
_WORD = re.compile(r"\w+")
_NEAR_END = 30  # characters: a military cue this close to the end may sit in a time anchor
_NEAR = 70  # characters: more than the words of _ADJACENT and _FIGHT_REACH can span


def _sentence_table(documents: pd.DataFrame) -> tuple[list, np.ndarray, np.ndarray, pd.Index]:
    """Sentences (doc_id, field, start, end, field text), their starts and each field's offset
    in the fields laid end to end (documents × title/body), and the documents' ids."""
    rows, starts, base, offset = [], [], [], 0
    for doc_id, fld, text in corpus.iter_fields(documents):
        base.append(offset)
        for s, e in sentences.spans(text):
            rows.append((doc_id, fld, s, e, text))
            starts.append(offset + s)
        offset += len(text) + 1
    return (rows, np.asarray(starts, dtype=np.int64), np.asarray(base, dtype=np.int64).reshape(-1, 2),
            pd.Index(documents["doc_id"]))


def _locate(table: pd.DataFrame, base: np.ndarray, ids: pd.Index,
            starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sentence index of each row of a table of spans (doc_id, field, start; -1 for a
    row of an unknown document) and where the row starts in the fields laid end to end."""
    if not len(table):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    doc = ids.get_indexer(table["doc_id"])
    body = (table["field"].to_numpy() == "body").astype(np.int64)
    offsets = base[np.maximum(doc, 0), body] + table["start"].to_numpy(dtype=np.int64)
    where = np.searchsorted(starts, offsets, "right") - 1
    return np.where(doc < 0, -1, where), offsets


def _fold_all(texts: list[str]) -> list[str]:  # one call to fold for many short texts
    return normalize.fold("\x01".join(texts)).split("\x01") if texts else []


def _hit_flags(hits: pd.DataFrame, tags: list[frozenset[str]], surfaces: list[str],
               ends: np.ndarray, rules: FrameRules) -> np.ndarray:
    """Per hit, its frame bit and the kinds a rule looks for (from its folded surface and
    the rules of its first word, ``tags``)."""
    kinds = (("breakdown", "confrontation", "breakdown"), ("doubt", "confrontation", "doubt"),
             ("call", "cooperation", "call"), ("agreement", "diplomacy", "agreement"),
             ("talk", "diplomacy", "talks"), ("reference", "military_operations", "reference"),
             ("fight", "military_operations", "fight"), ("advance", "deconfliction", "advance"),
             ("danger", "deconfliction", "danger"))
    out = []
    for frame, negated, rules_of, surface in zip(hits["frame"].tolist(), hits["negated"].tolist(),
                                                 tags, surfaces):
        bits = _BIT.get(frame, 0) | (_BIT["negated"] if negated else 0)
        if rules_of:
            for kind, frame_, rule in kinds:
                if frame == frame_ and rule in rules_of:
                    bits |= _BIT[kind]
            if "talks" in rules_of:  # talks are not an agreement (_is_agreement)
                bits &= ~_BIT["agreement"]
        if frame == "confrontation" and "خلاف" in surface:
            bits |= _BIT["disagreement"]
        elif frame == "cooperation" and any(f in surface for f in rules.forms["scoped"]):
            bits |= _BIT["scoped"]
        elif frame == "deconfliction" and "purpose" in rules_of:
            bits |= _BIT["purpose"]
        out.append(bits)
    flags = np.asarray(out, dtype=np.int64)
    near = (ends - hits["end"].to_numpy(dtype=np.int64)) <= _NEAR_END
    military = (flags & _BIT["military_operations"]) != 0
    return flags | np.where(near & military, _BIT["near_end"], 0)


def _mention_flags(mentions: pd.DataFrame, sides: dict[str, str], rules: FrameRules) -> np.ndarray:
    if not len(mentions):
        return np.zeros(0, dtype=np.int64)
    side = mentions["actor_id"].map(sides).fillna("")
    flags = np.zeros(len(mentions), dtype=np.int64)
    flags |= np.where(side.isin(_US_CAMP), _BIT["us"], 0)
    flags |= np.where(side == "russia", _BIT["russia"], 0)
    flags |= np.where(side.isin(_RU_CAMP), _BIT["camp_ru"], 0)
    flags |= np.where(side.isin(_THIRD), _BIT["third"], 0)
    flags |= np.where(~side.isin(_US_CAMP | _RU_CAMP | {"media", "jihadist", ""}), _BIT["outsider"], 0)
    flags |= np.where(_groups(mentions, side, rules), _BIT["jihadist"], 0)
    flags |= np.where(mentions["actor_id"].isin(rules.actors["un"]), _BIT["un"], 0)
    return flags


def _groups(mentions: pd.DataFrame, side: pd.Series, rules: FrameRules) -> np.ndarray:
    """Which mentions name a terrorist group (R9): a ``ct_side`` side, not an ambiguous
    surface (``ct_not``)."""
    group = side.isin(rules.actors["ct_side"]).to_numpy(dtype=bool).copy()
    where = np.flatnonzero(group)
    surfaces = _fold_all([str(x) for x in mentions["surface"].to_numpy()[where]])
    group[where] = [f not in rules.forms["ct_not"] for f in surfaces]
    return group


def _sides() -> dict[str, str]:
    """Each actor id's codebook side; an organisation on side ``other`` (the UN) is
    ``organisation``: a venue, not a third party to the pair (R8)."""
    codebook = actors.load_codebook()
    return {i: "organisation" if side == "other" and kind != "state" else side
            for i, side, kind in codebook[["id", "side", "type"]].itertuples(index=False)}


def _neighbours(flags: np.ndarray, at: np.ndarray, pos: np.ndarray, group_pos: np.ndarray,
                group_at: np.ndarray) -> np.ndarray:
    """Hit flags with ``near_deconf`` (a coordination cue near a deconfliction cue, R1) and
    ``fight_ct`` (a fighting word shortly before counter-terrorism, R9), within :data:`_NEAR`
    characters in the same sentence."""
    def near(which: np.ndarray, targets: np.ndarray, target_at: np.ndarray, both_sides: bool) -> np.ndarray:
        order = np.argsort(targets, kind="stable")
        targets, target_at = targets[order], target_at[order]
        out = np.zeros(len(flags), dtype=bool)
        if not len(targets):
            return out
        for side in ((-1, 0) if both_sides else (0,)):
            k = np.searchsorted(targets, pos, "right") - 1 if side < 0 else np.searchsorted(targets, pos + 1)
            ok = (k >= 0) & (k < len(targets))
            k = k.clip(0, len(targets) - 1)
            out |= ok & (target_at[k] == at) & (np.abs(targets[k] - pos) <= _NEAR)
        return out & which

    def has(name: str) -> np.ndarray:
        return (flags & _BIT[name]) != 0

    deconf = has("deconfliction")
    terror = has("counter_terrorism")
    near_deconf = near(has("scoped"), pos[deconf], at[deconf], True)
    fight_ct = near(has("fight"), np.concatenate([pos[terror], group_pos]),
                    np.concatenate([at[terror], group_at]), False)
    return flags | np.where(near_deconf, _BIT["near_deconf"], 0) | np.where(fight_ct, _BIT["fight_ct"], 0)


def _needs_rules(flags: np.ndarray, all_references: np.ndarray) -> np.ndarray:
    """Sentences whose frames a rule may change beyond the union of their hits' frames,
    the counter_terrorism of a group's mention and the diplomacy of the UN Security Council
    (``all_references``: sentences whose military cues all refer back, R7)."""
    def has(*names: str) -> np.ndarray:
        return (flags & sum(_BIT[n] for n in names)) != 0

    both = has("us") & has("camp_ru")
    return ((has("negated", "breakdown", "doubt") & has("cooperation", "deconfliction", "diplomacy"))
            | ((has("scoped", "talk") & has("purpose")) | has("near_deconf"))
            | has("call", "disagreement", "advance", "danger", "fight_ct") | all_references
            | (has("cooperation", "deconfliction", "confrontation")
               & (has("third") & ~both | has("outsider") & ~has("us", "camp_ru"))))


def _may_need_rules(flags: np.ndarray, rows: list, rules: FrameRules) -> np.ndarray:
    """Sentences whose rule words (breakdown, domestic politics, talks on the situation) may
    change them, by a quick look for the words (with proclitics, as written or folded) among
    the raw text's words (harakat and tatweel removed)."""
    def has(*names: str) -> np.ndarray:
        return (flags & sum(_BIT[n] for n in names)) != 0

    def words_of(rule: str) -> frozenset[str]:  # the rule's words with proclitics, as written or folded
        return frozenset(c + f for f in rules.written[rule] for c in _CLITICS) | frozenset(
            c + f[2:] for f in rules.written[rule] if f.startswith("ال") for c in ("لل", "ولل", "فلل"))

    agreed = has("agreement") & has("us") & has("russia") & ~has("deconfliction")
    objects = has("cooperation", "deconfliction", "diplomacy")
    looks = ((objects, "breakdown", None), (has("us", "camp_ru") & ~objects, "breakdown", "agreement"),
             (has("agreement", "talk", "deconfliction"), "negator", "agreement"),
             (has("confrontation"), "domestic", None),
             (has("us") & has("camp_ru") & ~has("diplomacy"), "discuss", "topic"),
             (has("scoped", "talk") & has("deconfliction") | agreed, "purpose", None),
             (has("near_end"), "anchor", None))
    vocabulary = {r: words_of(r) for r in {x for _, rule, also in looks for x in (rule, also) if x}}
    which = sum(c.astype(np.int64) << k for k, (c, _, _) in enumerate(looks))
    out = np.zeros(len(flags), dtype=bool)
    for i, bits in zip(np.flatnonzero(which).tolist(), which[which != 0].tolist()):
        _, _, s, e, text = rows[i]
        sentence = text[s:e] if _MARKED.search(text, s, e) is None else _MARKED.sub("", text[s:e])
        words = set(_WORD.findall(sentence))
        for k, (_, rule, also) in enumerate(looks):
            pool = words if rule != "anchor" else set(_WORD.findall(sentence[-_NEAR_END - 20:]))
            if bits >> k & 1 and not vocabulary[rule].isdisjoint(pool) and (
                    also is None or not vocabulary[also].isdisjoint(pool)):
                out[i] = True
                break
    return out


def _all_references(hit_flags: np.ndarray, hit_at: np.ndarray, n: int) -> np.ndarray:
    """Sentences with military cues that all only refer back to an event (R7)."""
    military = ((hit_flags & _BIT["military_operations"]) != 0) & (hit_at >= 0)
    reference = military & ((hit_flags & _BIT["reference"]) != 0)
    n_military = np.bincount(hit_at[military], minlength=n)
    return (n_military > 0) & (n_military == np.bincount(hit_at[reference], minlength=n))


def _plain(flags: int) -> str:
    """The frames of a sentence no rule changes: its hits', a terrorist group's
    counter_terrorism (R9), the UN Security Council's diplomacy (R6), and cooperation for an
    agreement of the two powers (R1, as :func:`rule_agreement`)."""
    agreed = _BIT["agreement"] | _BIT["us"] | _BIT["russia"]
    frames = (flags & _FRAME_MASK | (_BIT["counter_terrorism"] if flags & _BIT["jihadist"] else 0)
              | (_BIT["diplomacy"] if flags & _BIT["un"] else 0)
              | (_BIT["cooperation"] if flags & agreed == agreed and not flags & _BIT["deconfliction"] else 0))
    return ";".join(f for f in FRAMES if frames & _BIT[f])


def frame_sentences(documents: pd.DataFrame, hits: pd.DataFrame, mentions: pd.DataFrame, *,
                    rules_path: str | os.PathLike | None = None) -> pd.DataFrame:
    """The frames of every sentence of title and body, decided by the codebook's rules.

    Args:
        documents: cleaned documents (``doc_id, title, body``), as from ``clean.clean``.
        hits: their cue hits, ``framing.find_cues(documents)`` (the evidence).
        mentions: their actor mentions, ``actors.find_mentions(documents)`` (for the sides).
        rules_path: a ``frame_rules.tsv`` other than the package's.

    Returns:
        One row per sentence (:func:`analysis.sentences.spans`): ``doc_id, field, start, end, frames``
        (``;``-joined in the order of :data:`FRAMES`, empty for none), sorted by doc_id, field
        (title first) and start. Sentences whose hits no rule concerns take the frames of their
        hits directly; the others go through :func:`decide`.
    """
    rules = load_rules(rules_path)
    rows, starts, base, ids = _sentence_table(documents)
    sides = _sides()
    (hit_at, hit_pos), (mention_at, mention_pos) = (_locate(hits, base, ids, starts),
                                                    _locate(mentions, base, ids, starts))
    surfaces = _fold_all([str(x) for x in hits["surface"].tolist()])
    empty: frozenset[str] = frozenset()
    tags = [rules.words.get(x.split(" ", 1)[0], empty) for x in surfaces]
    ends = np.asarray([e for _, _, _, e, _ in rows], dtype=np.int64)
    flags = np.zeros(len(rows), dtype=np.int64)
    ok = hit_at >= 0
    hit_flags = _hit_flags(hits, tags, surfaces, ends[hit_at.clip(0)], rules) if len(hits) else hit_at
    mention_flags = _mention_flags(mentions, sides, rules)
    groups = (mention_flags & _BIT["jihadist"]) != 0
    hit_flags = _neighbours(hit_flags, hit_at, hit_pos, mention_pos[groups], mention_at[groups])
    np.bitwise_or.at(flags, hit_at[ok], hit_flags[ok])
    np.bitwise_or.at(flags, mention_at[mention_at >= 0], mention_flags[mention_at >= 0])
    frames = [_plain(f) if f else "" for f in flags.tolist()]
    need = _needs_rules(flags, _all_references(hit_flags, hit_at, len(rows)))
    busy = np.flatnonzero(need | _may_need_rules(np.where(need, 0, flags), rows, rules)).tolist()
    if busy:
        _decide_busy(busy, rows, frames, rules, (hits, mentions, surfaces, tags, groups, hit_at, mention_at, sides))
    out = pd.DataFrame([r[:4] for r in rows], columns=COLUMNS[:4]).assign(frames=frames)
    order = out.assign(_f=(out["field"] != "title").astype(int)).sort_values(
        ["doc_id", "_f", "start"], kind="stable").index
    return out.loc[order].reset_index(drop=True)


def _decide_busy(busy: list[int], rows: list, frames: list[str], rules: FrameRules, inputs: tuple) -> None:
    """Decide the sentences ``busy`` with the rules, writing into ``frames`` (``inputs``: the
    hits, mentions, folded hit surfaces, their rules, which mentions are groups, the sentence
    of each hit and mention, and the sides of the actor ids)."""
    hits, mentions, surfaces, tags, group_of, hit_at, mention_at, sides = inputs
    wanted = np.zeros(len(rows), dtype=bool)
    wanted[busy] = True
    hit_rows = _group(hit_at, wanted)
    mention_rows = _group(mention_at, wanted)
    hs, he, fr, neg = (hits[c].tolist() for c in ("start", "end", "frame", "negated"))
    ms, actor, groups = mentions["start"].tolist(), mentions["actor_id"].tolist(), group_of.tolist()
    texts = [rows[i][4][rows[i][2]:rows[i][3]] for i in busy]
    vocabulary = frozenset(rules.words)
    for i, words in zip(busy, _words(texts)):
        text, s = rows[i][4], rows[i][2]
        ev = Evidence(words, _index(words, vocabulary.intersection(words), rules), [
            Hit(text.count(" ", s, hs[k]), text.count(" ", s, max(he[k] - 1, hs[k])), fr[k], bool(neg[k]),
                surfaces[k], tags[k]) for k in hit_rows.get(i, ())], set(), set(), [])
        for k in mention_rows.get(i, ()):
            side = sides.get(actor[k], "")
            ev.mentions.append((text.count(" ", s, ms[k]), side, groups[k]))
            ev.sides.add(side)
            ev.actor_ids.add(actor[k])
        ev.sides.discard("")
        frames[i] = ";".join(decide(ev, rules))


def _words(texts: list[str]) -> list[list[str]]:
    """Each text's words, folded and without punctuation: one word (maybe empty) per
    space, so the n-th word stands after the n-th space of the text."""
    if not texts:
        return []
    folded = _PUNCTUATION.sub("", normalize.fold("\x01".join(texts)))
    return [f.split(" ") for f in folded.split("\x01")]


def _index(words: list[str], found: set[str], rules: FrameRules) -> dict[str, list[int]]:
    """Where the words of each rule stand among ``words`` (``found``: those of them that
    belong to a rule)."""
    index: dict[str, list[int]] = {}
    for w in found:
        at = -1
        while True:
            try:
                at = words.index(w, at + 1)
            except ValueError:
                break
            for rule in rules.words[w]:
                index.setdefault(rule, []).append(at)
    for positions in index.values():
        positions.sort()
    return index


def _group(index: np.ndarray, wanted: np.ndarray) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    rows = np.flatnonzero((index >= 0) & wanted[index.clip(0)])
    for row, s in zip(rows.tolist(), index[rows].tolist()):
        out.setdefault(s, []).append(row)
    return out
