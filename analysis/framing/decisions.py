"""Frames per sentence, decided as a coder following ``shared/CODEBOOK-FRAMES.md`` does.

The cue hits of :func:`.cues.find_cues` are the evidence and the actor mentions give the
sides; the decision rules of the codebook decide a sentence's frames, one function each
(``rule_*``, applied in the order :data:`ORDER`): a purpose clause makes coordination
deconfliction only (R1); breakdown, suspension, refusal and notice not given are
confrontation, and what they break is not coded (R2, R3); concern and distrust are
confrontation (R4); talks are diplomacy unless their stated purpose is avoiding incidents
(R6); references back and time anchors add no frame (R7); cooperation, deconfliction and
confrontation are about the US–Russia pair only (R8); a generic fight against IS is
counter_terrorism only (R9). The rules on what a sentence tells -- threatened, hypothetical
and anchored operations, blows to agreements, clashes of the camps, partners of terrorists,
talks as a setting -- are in :mod:`.content_rules`; those on hostility between the camps that no
single cue tells -- siding with terrorists, harm to relations, a power's loss, leaving a treaty --
in :mod:`.hostility`; the forces' movements told by a verb in :mod:`.movements`. Their word lists are data
(``data/frame_rules.tsv``, :func:`load_frame_rules`).

:func:`sentence_evidence` gathers what the rules see of one sentence and :func:`decide` applies
them; :func:`decide_every_sentence` does so for every sentence of the documents, the
definition of the table. :func:`frame_sentences` gives the same table faster: the batch
gate of :mod:`.sentence_gate` decides directly the sentences no rule can change (tested
equal to :func:`decide_every_sentence`).

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

from .. import datafiles, normalize
from . import content_rules, coordination, hostility, movements
from .content_rules import RU_CAMP, THIRD, US_CAMP
from .lexicon import FRAMES
from .located import SENTENCE_COLUMNS, Located, by_sentence, locate, sentence_table
from .words import Prepared, walk

__all__ = ["ORDER", "RULES", "SENTENCE_COLUMNS", "Evidence", "FrameRules", "Hit", "decide",
           "decide_every_sentence", "frame_sentences", "load_frame_rules"]

#: The rules of ``frame_rules.tsv`` (documented in its header).
RULES = ("purpose", "danger", "scoped", "breakdown", "agreement", "doubt", "discuss", "topic",
         "talks", "call", "notice", "advance", "negator", "reference", "anchor", "pair",
         "domestic", "fight", "ct_side", "ct_not", "un", "hypothetical", "against", "meet", "setting",
         "blow", "blow_verb", "relations", "threat", "label", "start", "periodic", "rivalry", "comment",
         "describe", "as", "doer", "lethal",
         # coordination.py
         "route", "contact", "military", "exchange", "information", "stance", "comes", "despite", "zone",
         "locative", "relative", "on_it", "beyond", "dispute", "joint_verb", "pair_subject",
         "with", "far", "constructive", "constructive_split", "under", "memo", "forces", "about",
         # hostility.py, movements.py
         "patron", "harm", "expense", "withdraw", "exchanged", "troops", "move", "strike", "target", "blame",
         "liability", "intercept")
_ACTOR_RULES = ("ct_side", "un")
_PAIR_FRAMES = frozenset({"cooperation", "deconfliction", "confrontation"})
CLITICS = ("",) + normalize.PROCLITICS  # the package's one list of proclitics

# windows, in words (a word is what stands between two spaces)
PURPOSE_REACH = 6  # a purpose marker … its danger word
ADJACENT = 4  # a cooperation cue next to a deconfliction cue
_SCOPE_BEFORE = _SCOPE_AFTER = 10  # a breakdown word … what it breaks (which may come first)
_DOUBT_REACH = 4
_CHAIN = 4  # the scope of a breakdown runs on through cues this close to each other
_NOTICE_REACH = 6
HALT_REACH = 3  # a breakdown word … the operation it halts («أوقف التحالف الضربة»)
SUBJECT_REACH = 8  # talks … the deconfliction cue that is their subject
#: frames of a cue that, right after talks, is their subject (R6): then the talks are not diplomacy
SUBJECTS = frozenset({"deconfliction", "strategic_stability"})
_PAIR_NAMED = 3  # a pair word … the third party it stands for («بين الجيشين السوري والتركي»)
FIGHT_REACH = 4
CEASEFIRE = "وقف"  # the first word of a ceasefire cue («وقف/لوقف إطلاق النار»)
DOER_REACH = 3  # forces or a verb of starting … the definite military cue they carry out


# --- the rule words --------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
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
            bare = form[2:] if form.startswith("ال") else None  # ل + ال is written لل
            for clitic in CLITICS:
                words.setdefault(clitic + form, set()).add(rule)
            for clitic in ("لل", "ولل", "فلل") if bare else ():
                words.setdefault(clitic + bare, set()).add(rule)
    return FrameRules({w: frozenset(r) for w, r in words.items()},
                      {r: tuple(f) for r, f in forms.items()},
                      {r: frozenset(forms[r]) for r in _ACTOR_RULES})


def load_frame_rules(path: str | os.PathLike | None = None) -> FrameRules:
    """The word lists of the decision rules, re-read when the file is edited.

    Args:
        path: a rules file; ``data/frame_rules.tsv`` (documented in its header) by default.

    Returns:
        The :class:`FrameRules`.

    Raises:
        analysis.datafiles.DataFileError: an unknown rule or a form of several words, naming
            the file and line.
    """
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
        ev.purpose = [i for i in ev.where("purpose") if ev.has("danger", i, i + PURPOSE_REACH)
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
    الحوادث» is confrontation and deconfliction). A breach that may happen («أي خرق») is none.
    """
    if "breakdown" not in ev.index and "negator" not in ev.index and not any(
            h.negated for h in ev.hits):
        return
    _drop_hypothetical_breaches(ev)
    purpose = bool(_purpose_words(ev, rules))
    for lo, hi, negated_cue in _operators(ev):
        objects = _in_scope(ev, lo, hi, before=0 if negated_cue else _SCOPE_BEFORE)
        if not (objects or negated_cue or ev.has("agreement", lo - _SCOPE_BEFORE, hi + _SCOPE_AFTER)):
            continue
        ev.added.add("confrontation")
        for h in objects:
            if h.frame == "cooperation" or (h.frame == "deconfliction" and not purpose):
                h.kept = False
            elif h.frame == "diplomacy" and _is_agreement(h, rules):
                h.kept = False


def _drop_hypothetical_breaches(ev: Evidence) -> None:
    """A breach that may happen («معالجة أي خرق») is none: its cue is not coded."""
    for h in ev.hits if "hypothetical" in ev.index else ():
        if h.frame == "confrontation" and "breakdown" in h.tags and h.first - 1 in ev.where("hypothetical"):
            h.kept = False


def _operators(ev: Evidence) -> list[tuple[int, int, bool]]:
    """Breakdown words (not a hypothetical one: «معالجة أي خرق»; not a comment or a refused one:
    «لم يصدر تعليق فوري», «رفض المتحدث التعليق»; not one halting an operation: «أوقف الضربة»),
    negators before an agreement word, and
    negated cues: first and last word, and whether it is a negated cue."""
    found = [(i, i, False) for i in ev.where("breakdown")
             if i - 1 not in ev.where("hypothetical") and not _comment(ev, i) and not _halts_operation(ev, i)]
    found += [(i, i, False) for i in ev.where("negator") if ev.has("agreement", i + 1, i + 4)]
    return found + [(h.first, h.last, True) for h in ev.hits if h.negated]


def _halts_operation(ev: Evidence, i: int) -> bool:
    """Whether the breakdown word at ``i`` halts an operation («أوقف التحالف الضربة»,
    «علقت بموجبه العملية العسكرية»): a military cue within :data:`HALT_REACH` words after it,
    with no cooperation, deconfliction, diplomacy cue or agreement word before that cue."""
    for h in sorted(ev.hits, key=lambda x: x.first):
        if i < h.first <= i + HALT_REACH:
            return h.frame == "military_operations" and not ev.has("agreement", i + 1, h.first - 1)
    return False


def _comment(ev: Evidence, i: int) -> bool:
    """Whether the breakdown word at ``i`` is «تعليق» meaning a comment (a ``comment`` word or
    the end after it), or takes such a comment as its object («رفضت الوزارة التعليق»)."""
    words = ev.words
    if words[i].endswith("تعليق"):
        return i + 1 in ev.where("comment") or i + 1 == len(words)
    return any(words[j].endswith("تعليق") for j in range(i + 1, min(i + 3, len(words))))


def _in_scope(ev: Evidence, lo: int, hi: int, *, before: int = _SCOPE_BEFORE) -> list[Hit]:
    """Cooperation, deconfliction and diplomacy hits in the scope of words ``[lo, hi]``
    (``before`` words before it and :data:`_SCOPE_AFTER` after); the scope runs on through
    cues that follow each other closely («تعليق العمل بمذكرة التفاهم … حول منع الحوادث وضمان
    سلامة الطيران» is one object). A negated cue («وقف التعاون», «لا تعني تعاوناً») names
    its object itself: its scope is what follows it, not the mechanisms named before it (R2:
    «خط اتصال … لكنها لا تعني تعاوناً» keeps the hotline)."""
    found, reach = [], hi + _SCOPE_AFTER
    for h in sorted(ev.hits, key=lambda x: x.first):
        if h.negated or lo <= h.first <= hi or h.frame not in ("cooperation", "deconfliction", "diplomacy"):
            continue
        if lo - before <= h.first <= reach:
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
    «الاتصالات الخاصة بمنع الحوادث») is deconfliction only as well, and so are talks or a call
    whose subject is a deconfliction mechanism («بحث في اتصال هاتفي فتح قناة حوار عسكرية»).
    """
    deconf = [h for h in ev.hits if h.frame == "deconfliction" and h.kept]
    if not deconf and "purpose" not in ev.index:
        return
    purpose = _purpose_words(ev, rules)
    if purpose:
        ev.added.add("deconfliction")
    topic = _talk_topic(ev)
    for h in ev.hits:
        if _scoped(h, rules) and (purpose or any(abs(h.first - d.first) <= ADJACENT
                                                 or abs(h.last - d.first) <= ADJACENT
                                                 for d in deconf)):
            h.kept = False
        elif h.frame == "diplomacy" and not topic and _is_talk(h, rules) and (purpose or any(
                d.kept and h.last < d.first <= h.last + SUBJECT_REACH for d in deconf)):
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
                and not any(i < h.first <= i + PURPOSE_REACH for i in purpose):
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
    في سوريا») and the UN Security Council are diplomacy; so are their meetings, visits and
    discussions with no subject stated when both powers are named («التقى دانفورد غيراسيموف
    في فيينا»; not a meeting negated: «عدم عقد لقاء»), unless a purpose clause or a
    deconfliction or arms-control cue right after them is their subject (then it is their
    frame: «ناقشا الاستقرار الاستراتيجي»)."""
    camps = ev.sides & US_CAMP and ev.sides & RU_CAMP
    if camps and _talk_topic(ev) or ev.actor_ids & rules.actors["un"]:
        ev.added.add("diplomacy")
    talkers = [i for i in ev.where("discuss") + ev.where("meet") if not ev.has("negator", i - 2, i - 1)]
    if talkers and "us" in ev.sides and "russia" in ev.sides and not _purpose_words(ev, rules) and not any(
            h.frame in SUBJECTS and h.kept and i < h.first <= i + SUBJECT_REACH for h in ev.hits for i in talkers):
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
    cooperation («كيري ولافروف يعلنان اتفاقاً لوقف الأعمال القتالية»); one named with the
    article («الهدنة الأميركية - الروسية», «الاتفاق») is its name or a reference back (R7)."""
    if not ("us" in ev.sides and "russia" in ev.sides) or _purpose_words(ev, rules) or any(
            h.frame == "deconfliction" and h.kept for h in ev.hits):
        return
    named = any(_is_agreement(h, rules) and not _ceasefire(h) for h in ev.hits)  # «الاتفاق» on the ceasefire
    if any(h.kept and h.frame == "diplomacy" and _is_agreement(h, rules) and (named or not _ceasefire(h))
           and not h.surface.startswith(content_rules.DEFINITE) for h in ev.hits):
        ev.added.add("cooperation")


def _ceasefire(hit: Hit) -> bool:
    """Whether ``hit`` is a ceasefire («وقف لإطلاق النار»): the end of fighting the powers may
    hope for or call for, not by itself an agreement between them (R1); it is one where an
    agreement is named with it («الاتفاق … بوقف الأعمال القتالية»)."""
    return hit.surface.split(" ", 1)[0].endswith(CEASEFIRE)


def rule_reference(ev: Evidence, rules: FrameRules) -> None:
    """R7: a strike or a withdrawal referred back to («وصف الضربة بأنها …», «بالقصف الذي تم»,
    «رحبت بقرار الانسحاب») or named in a closing time anchor («… بعد ضربة الشعيرات») adds no
    military_operations; the forces or a verb of starting right before it («بدأت القوات
    الأمريكية الانسحاب», ``doer``) make it the event told."""
    n = len(ev.words)
    for h in ev.hits:
        if h.frame != "military_operations":
            continue
        anchored = h.first - 1 in ev.where("anchor") and n - 1 - h.last <= 3
        referred = "reference" in h.tags and " " not in h.surface and not ev.has(
            "doer", h.first - DOER_REACH, h.first - 1)
        if referred or anchored:
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
                and any(h.last < t <= h.last + FIGHT_REACH for t in terror):
            h.kept = False


def rule_sides(ev: Evidence, rules: FrameRules) -> None:
    """R8: cooperation, deconfliction and confrontation only between the two camps.

    They are not coded, unless a word stands for the pair («الطرفين», «البلدين»; not when a
    third party is named right after it: «بين الجيشين السوري والتركي»), when the sentence
    names a third party (Turkey, Israel, Iran, the opposition) and not both camps, or names
    neither camp but others (the UN). In US domestic politics the confrontation cues
    (criticism) are not coded; what a rule found (a ban on cooperation, R2) and rivalry with
    Russia (R5) stay.
    """
    us, ru = bool(ev.sides & US_CAMP), bool(ev.sides & RU_CAMP)
    outsider = bool(ev.sides - US_CAMP - RU_CAMP - {"media", "jihadist"})
    third = [w for w, side, _ in ev.mentions if side in THIRD]
    pair = [i for i in ev.where("pair") if not any(i < w <= i + _PAIR_NAMED for w in third)]
    if not pair and (ev.sides & THIRD and not (us and ru) or outsider and not (us or ru)):
        ev.removed |= _PAIR_FRAMES
    if ev.where("domestic"):
        for h in ev.hits:
            if h.frame == "confrontation" and "rivalry" not in h.tags:
                h.kept = False


#: The rules in the order they are applied.
ORDER = (content_rules.rule_blow, hostility.rule_treaty_withdrawal, coordination.rule_background_agreement,
         coordination.rule_without_incident, coordination.rule_partner_forces, rule_breakdown, rule_doubt,
         rule_topic_of_talks, coordination.rule_beyond_safety, rule_purpose, coordination.rule_avoided_incident,
         rule_incident, rule_call, content_rules.rule_talk_setting, rule_talks, rule_notice,
         coordination.rule_notice_move, coordination.rule_exchange, coordination.rule_joint_stance,
         coordination.rule_contacts, coordination.rule_far_from_understanding, coordination.rule_constructive,
         coordination.rule_under_memorandum, rule_agreement, rule_reference, content_rules.rule_event_mentions,
         movements.rule_forces_move, rule_fight, content_rules.rule_clash, content_rules.rule_terror_partner,
         hostility.rule_terror_patron, hostility.rule_harm, hostility.rule_expense,
         hostility.rule_strike_on_camp, hostility.rule_blame, hostility.rule_intercept,
         coordination.rule_partner_of_coordination, coordination.rule_statement_of_many, rule_sides,
         content_rules.rule_deconflicted_activity)


def decide(ev: Evidence, rules: FrameRules) -> list[str]:
    """The frames of one sentence, in the order of :data:`FRAMES`."""
    for rule in ORDER:
        rule(ev, rules)
    found = ev.frames()
    return [f for f in FRAMES if f in found]



# --- the evidence of every sentence ----------------------------------------------------------

_PUNCTUATION = re.compile(r"[^\w \x01]+")


def decide_sentences(which: list[int], found: Located, hits: pd.DataFrame,
                     mentions: pd.DataFrame, rules: FrameRules, frames: list[str]) -> None:
    """Decide the sentences ``which`` (indices of ``found``'s sentences) with the rules, writing
    their ``;``-joined frames into ``frames``."""
    wanted = np.zeros(len(found), dtype=bool)
    wanted[which] = True
    hit_rows, mention_rows = by_sentence(found.hit_at, wanted), by_sentence(found.mention_at, wanted)
    texts = [found.text(i) for i in which]
    columns = (found.hit_first.tolist(), found.hit_last.tolist(), hits["frame"].tolist(),
               hits["negated"].astype(bool).tolist(), found.mention_word.tolist(),
               mentions["actor_id"].tolist(), found.groups.tolist())
    vocabulary = frozenset(w for w, rs in rules.words.items() if rs - coordination.LOOKED_UP)
    for i, words in zip(which, _words(texts)):
        ev = sentence_evidence(words, vocabulary.intersection(words), hit_rows.get(i, ()),
                      mention_rows.get(i, ()), columns, found, rules)
        frames[i] = ";".join(decide(ev, rules))


def sentence_evidence(words: list[str], found_words: set[str], hit_rows, mention_rows,
             columns: tuple, found: Located, rules: FrameRules) -> Evidence:
    """What the rules see of one sentence: its folded ``words`` (one per space), those of
    them that are rule words, its hits and mentions (row numbers into the ``columns`` of
    the hit and mention tables: hit first and last word, frame, negated; mention word,
    actor id, whether it names a terrorist group; words as in :class:`Located`)."""
    first, last, fr, neg, mention_word, actor, group = columns
    surfaces, tags = found.surfaces, found.tags
    ev = Evidence(words, _index(words, found_words, rules), [
        Hit(first[k], last[k], fr[k], neg[k], surfaces[k], tags[k]) for k in hit_rows], set(), set(), [])
    for k in mention_rows:
        side = found.sides.get(actor[k], "")
        ev.mentions.append((mention_word[k], side, group[k]))
        ev.sides.add(side)
        ev.actor_ids.add(actor[k])
    ev.sides.discard("")
    return ev


def _words(texts: list[str]) -> list[list[str]]:
    """Each text's words, folded and without punctuation: one word (maybe empty) per
    space, so the n-th word stands after the n-th space of the text."""
    if not texts:
        return []
    folded = _PUNCTUATION.sub("", normalize.fold("\x01".join(texts)))
    return [f.split(" ") for f in folded.split("\x01")]


def _index(words: list[str], found: set[str], rules: FrameRules) -> dict[str, list[int]]:
    """Where the words of each rule stand among ``words`` (``found``: those of them that
    belong to a rule), in order."""
    index: dict[str, list[int]] = {}
    if found:
        for at, w in enumerate(words):
            if w in found:
                for rule in rules.words[w]:
                    index.setdefault(rule, []).append(at)
    return index


# --- the table -------------------------------------------------------------------------------

def decide_every_sentence(documents: pd.DataFrame, hits: pd.DataFrame, mentions: pd.DataFrame, *,
                          rules_path: str | os.PathLike | None = None) -> pd.DataFrame:
    """:func:`frame_sentences` by the definition: every sentence through :func:`decide`."""
    rules = load_frame_rules(rules_path)
    found = locate(documents, hits, mentions, rules)
    frames = [""] * len(found)
    decide_sentences(list(range(len(found))), found, hits, mentions, rules, frames)
    return sentence_table(found, frames)


def frame_sentences(documents: pd.DataFrame, hits: pd.DataFrame, mentions: pd.DataFrame, *,
                    rules_path: str | os.PathLike | None = None,
                    prepared: Prepared | None = None) -> pd.DataFrame:
    """The frames of every sentence of title and body, decided by the codebook's rules.

    Args:
        documents: cleaned documents (``doc_id, title, body``), as from ``clean.clean``.
        hits: their cue hits, :func:`.cues.find_cues` (the evidence).
        mentions: their actor mentions, ``actors.find_mentions(documents)`` (for the sides).
        rules_path: a ``frame_rules.tsv`` other than the package's.
        prepared: :func:`.words.prepare` of the same ``documents`` (as given to
            :func:`.cues.find_cues`), to look for rule words among its folded words; made
            here when not given.

    Returns:
        One row per sentence (:func:`analysis.sentences.spans`): ``doc_id, field, start, end,
        frames`` (``;``-joined in the order of ``FRAMES``, empty for none), sorted by doc_id,
        field (title first) and start; the same as :func:`decide_every_sentence`, with the
        sentences no rule can change decided at once by :func:`.sentence_gate.gate`.
    """
    from . import sentence_gate  # the batch gate (it uses the rules above)

    rules = load_frame_rules(rules_path)
    found = locate(documents, hits, mentions, rules)
    _, _, batches = walk(documents, prepared)
    frames, busy = sentence_gate.gate(found, hits, mentions, rules, batches)
    decide_sentences(busy, found, hits, mentions, rules, frames)
    return sentence_table(found, frames)
