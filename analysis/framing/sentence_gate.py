"""The batch gate behind :func:`.decisions.frame_sentences`: which sentences the rules of
:mod:`.decisions` must decide one by one, and the frames of the others.

Most sentences hold nothing a rule looks at: their frames are the union of their hits'
frames (with a terrorist group's counter_terrorism, R9, the UN Security Council's
diplomacy, R6, and the cooperation of an agreement of the two powers, R1). Here every hit
and mention gets **flags** (numpy bits: its frame, and the kinds a rule looks for -- a
breakdown or doubt word, a talk, a reference back, a danger word, a side of the pair …),
a sentence the OR of its hits' and mentions' flags, and :func:`_needs_rules` tells from
these which sentences a rule may change; a quick look for rule words (:func:`_may_need_rules`)
adds those that words beyond the hits may change. The rest take :func:`_plain` frames.

Tested equal to :func:`.decisions.decide_every_sentence` (``tests/test_frame_sentences.py``).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .decisions import CLITICS, RU_CAMP, THIRD, US_CAMP, FrameRules, Located
from .lexicon import FRAMES

# --- flags ----------------------------------------------------------------------------------

_KINDS = ("negated", "breakdown", "doubt", "disagreement", "call", "agreement", "talk", "reference",
          "fight", "advance", "danger", "near_end", "scoped", "purpose", "near_deconf", "fight_ct",
          "us", "russia", "camp_ru", "third", "outsider", "jihadist", "un")
_BIT = {name: 1 << i for i, name in enumerate(FRAMES + _KINDS)}  # a sentence's flags: frames, then kinds
_FRAME_MASK = (1 << len(FRAMES)) - 1
_MARKED = re.compile("[\u064b-\u0652\u0640]")  # harakat, tatweel
_WORD = re.compile(r"\w+")
_NEAR_END = 30  # characters: a military cue this close to the end may sit in a time anchor
_NEAR = 70  # characters: more than the words of _ADJACENT and _FIGHT_REACH can span


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


def _mention_flags(mentions: pd.DataFrame, sides: dict[str, str], groups: np.ndarray,
                   rules: FrameRules) -> np.ndarray:
    if not len(mentions):
        return np.zeros(0, dtype=np.int64)
    side = mentions["actor_id"].map(sides).fillna("")
    flags = np.zeros(len(mentions), dtype=np.int64)
    flags |= np.where(side.isin(US_CAMP), _BIT["us"], 0)
    flags |= np.where(side == "russia", _BIT["russia"], 0)
    flags |= np.where(side.isin(RU_CAMP), _BIT["camp_ru"], 0)
    flags |= np.where(side.isin(THIRD), _BIT["third"], 0)
    flags |= np.where(~side.isin(US_CAMP | RU_CAMP | {"media", "jihadist", ""}), _BIT["outsider"], 0)
    flags |= np.where(groups, _BIT["jihadist"], 0)
    flags |= np.where(mentions["actor_id"].isin(rules.actors["un"]), _BIT["un"], 0)
    return flags


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
        return frozenset(c + f for f in rules.written[rule] for c in CLITICS) | frozenset(
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


def gate(found: Located, hits: pd.DataFrame, mentions: pd.DataFrame,
         rules: FrameRules) -> tuple[list[str], list[int]]:
    """The frames of the sentences of ``found`` that no rule can change (``;``-joined,
    :func:`_plain`), and the indices of the others (their frames left empty), which
    :func:`.decisions.decide_sentences` must decide."""
    rows = found.rows
    ends = np.asarray([e for _, _, _, e, _ in rows], dtype=np.int64)
    flags = np.zeros(len(rows), dtype=np.int64)
    hit_at, mention_at = found.hit_at, found.mention_at
    ok = hit_at >= 0
    hit_flags = _hit_flags(hits, found.tags, found.surfaces, ends[hit_at.clip(0)], rules) if len(hits) else hit_at
    mention_flags = _mention_flags(mentions, found.sides, found.groups, rules)
    groups = found.groups
    hit_flags = _neighbours(hit_flags, hit_at, found.hit_pos, found.mention_pos[groups], mention_at[groups])
    np.bitwise_or.at(flags, hit_at[ok], hit_flags[ok])
    np.bitwise_or.at(flags, mention_at[mention_at >= 0], mention_flags[mention_at >= 0])
    need = _needs_rules(flags, _all_references(hit_flags, hit_at, len(rows)))
    busy = np.flatnonzero(need | _may_need_rules(np.where(need, 0, flags), rows, rules))
    flags[busy] = 0
    frames = [_plain(f) if f else "" for f in flags.tolist()]
    return frames, busy.tolist()
