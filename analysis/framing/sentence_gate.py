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

from collections.abc import Iterable
from functools import lru_cache
from itertools import repeat

import numpy as np
import pandas as pd

from .content_rules import (
    ANCHOR_REACH,
    AS_REACH,
    BLOW_REACH,
    DEFINITE,
    PARTNER_REACH,
    RECEIVED_REACH,
    START_REACH,
    THREAT_REACH,
    possessed,
)
from .coordination import ALLIES, STATEMENT
from .decisions import (
    ADJACENT,
    CEASEFIRE,
    DOER_REACH,
    FIGHT_REACH,
    PURPOSE_REACH,
    RU_CAMP,
    RULES,
    SUBJECT_REACH,
    SUBJECTS,
    THIRD,
    US_CAMP,
    FrameRules,
    Located,
)
from .hostility import HARM_REACH, PATRON_REACH, STRIKE_REACH, TARGET_REACH, UNFOUGHT_REACH, WITHDRAW_REACH
from .lexicon import FRAMES
from .movements import ANCHOR_BEFORE, VERB_FIRST_REACH
from .movements import SUBJECT_REACH as MOVE_SUBJECT_REACH
from .words import Batch

# --- flags ----------------------------------------------------------------------------------

_KINDS = ("negated", "breakdown", "doubt", "disagreement", "call", "agreement", "talk", "reference",
          "fight", "advance", "danger", "near_end", "scoped", "purpose", "near_deconf", "fight_ct", "blow", "clash",
          "patrol", "partner", "definite", "contact", "ally", "ceasefire", "statement",
          "us", "camp_us", "russia", "camp_ru", "third", "outsider", "jihadist", "un")
_BIT = {name: 1 << i for i, name in enumerate(FRAMES + _KINDS)}  # a sentence's flags: frames, then kinds
_FRAME_MASK = (1 << len(FRAMES)) - 1
#: a word's rules: bit ``i % 62`` of column ``i // 62`` for the i-th rule (more rules than one
#: int64 holds); :func:`_holds` and :func:`_rows` read them
_RULE_BIT = {rule: (i // 62, 1 << (i % 62)) for i, rule in enumerate(RULES)}
_COLUMNS = (len(RULES) - 1) // 62 + 1
#: rules whose words the gate reads only sentence-wide (or not at all): common words («في»,
#: «مع», «عن», «التي») left out of the occurrences that place the others (but a locative
#: right before a zone word: «في منطقة خفض التصعيد»)
_SENTENCE_WIDE = ("about", "relative", "with", "locative", "comment")
_PLACED = tuple(rule for rule in RULES if rule not in _SENTENCE_WIDE)
_NEAR_END = 30  # characters: a military cue this close to the end may sit in a time anchor
_REACH = max(ADJACENT, FIGHT_REACH, PARTNER_REACH)


def _hit_flags(hits: pd.DataFrame, tags: list[frozenset[str]], surfaces: list[str],
               ends: np.ndarray, rules: FrameRules) -> np.ndarray:
    """Per hit, its frame bit and the kinds a rule looks for (from its folded surface and
    the rules of its first word, ``tags``)."""
    out, known = [], {}  # the bits of each (frame, negated, surface) met, computed once
    for key, rules_of in zip(zip(hits["frame"].tolist(), hits["negated"].tolist(), surfaces), tags):
        bits = known.get(key)
        if bits is None:
            bits = known[key] = _flags_of(*key, rules_of, rules)
        out.append(bits)
    flags = np.asarray(out, dtype=np.int64)
    near = (ends - hits["end"].to_numpy(dtype=np.int64)) <= _NEAR_END
    military = (flags & _BIT["military_operations"]) != 0
    # a definite noun may name a deconflicted activity (content_rules.rule_deconflicted_activity)
    article, clash = _definite(surfaces, tags)
    flags &= ~np.where(article, _BIT["agreement"], 0)  # its name or a reference back (rule_agreement)
    owned = np.zeros(len(surfaces), dtype=bool)  # «طلعاتهم»
    mine = np.flatnonzero(military & ~article)
    owned[mine] = [possessed(surfaces[k]) for k in mine]
    return (flags | np.where(near & military, _BIT["near_end"], 0)
            | np.where(military & (article | owned) & ~clash, _BIT["definite"], 0))


def _flags_of(frame: str, negated: bool, surface: str, rules_of: frozenset[str], rules: FrameRules) -> int:
    """The flags of a hit of ``frame`` with a folded ``surface`` whose first word belongs to
    the rules ``rules_of``."""
    kinds = (("breakdown", "confrontation", "breakdown"), ("doubt", "confrontation", "doubt"),
             ("call", "cooperation", "call"), ("agreement", "diplomacy", "agreement"),
             ("talk", "diplomacy", "talks"), ("reference", "military_operations", "reference"),
             ("fight", "military_operations", "fight"), ("advance", "deconfliction", "advance"),
             ("danger", "deconfliction", "danger"), ("talk", "diplomacy", "call"),
             ("blow", "military_operations", "blow"), ("clash", "military_operations", "danger"),
             ("clash", "military_operations", "lethal"), ("contact", "cooperation", "contact"))
    bits = _BIT.get(frame, 0) | (_BIT["negated"] if negated else 0)
    if rules_of:
        for kind, frame_, rule in kinds:
            if frame == frame_ and rule in rules_of:
                bits |= _BIT[kind]
        if "talks" in rules_of:  # talks are not an agreement (_is_agreement)
            bits &= ~_BIT["agreement"]
    bits = _coordination_flags(frame, surface, bits)
    if frame == "diplomacy" and "هاتف" in surface:  # a call is a talk (decisions._is_talk)
        bits |= _BIT["talk"]
    if frame == "military_operations" and surface == "دوريه":  # maybe periodic (rule_event_mentions)
        bits |= _BIT["patrol"]
    if frame == "confrontation" and "خلاف" in surface:
        bits |= _BIT["disagreement"]
    elif frame == "cooperation" and any(f in surface for f in rules.forms["scoped"]):
        bits |= _BIT["scoped"]
    elif frame == "deconfliction" and "purpose" in rules_of:
        bits |= _BIT["purpose"]
    return bits


def _coordination_flags(frame: str, surface: str, bits: int) -> int:
    """``bits`` with the kinds the rules of :mod:`.coordination` read from a hit: a ceasefire,
    no agreement of the powers unless one is named with it (:func:`.decisions.rule_agreement`),
    and a joint statement (:func:`.coordination.rule_statement_of_many`)."""
    first = surface.split(" ", 1)[0]
    if bits & _BIT["agreement"] and first.endswith(CEASEFIRE):
        bits ^= _BIT["agreement"] | _BIT["ceasefire"]
    if frame == "cooperation" and STATEMENT in first:
        bits |= _BIT["statement"]
    return bits


def _definite(surfaces: list[str], tags: list[frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Per hit, whether its folded surface starts with the article (a definite noun), and
    whether its first word is a ``danger`` word (a clash)."""
    article = np.fromiter((s.startswith(DEFINITE) for s in surfaces), dtype=bool, count=len(surfaces))
    clash = np.fromiter((bool(t) and "danger" in t for t in tags), dtype=bool, count=len(tags))
    return article, clash


def _mention_flags(mentions: pd.DataFrame, sides: dict[str, str], groups: np.ndarray,
                   rules: FrameRules) -> np.ndarray:
    if not len(mentions):
        return np.zeros(0, dtype=np.int64)
    side = mentions["actor_id"].map(sides).fillna("")
    flags = np.zeros(len(mentions), dtype=np.int64)
    flags |= np.where(side == "us", _BIT["us"], 0)  # the power itself (R1, rule_agreement)
    flags |= np.where(side.isin(US_CAMP), _BIT["camp_us"], 0)  # with the coalition and the SDF (R8)
    flags |= np.where(side == "russia", _BIT["russia"], 0)
    flags |= np.where(side.isin(RU_CAMP), _BIT["camp_ru"], 0)
    flags |= np.where(side.isin(THIRD), _BIT["third"], 0)
    flags |= np.where(side.isin(ALLIES), _BIT["ally"], 0)  # coordination.rule_partner_of_coordination
    flags |= np.where(~side.isin(US_CAMP | RU_CAMP | {"media", "jihadist", ""}), _BIT["outsider"], 0)
    flags |= np.where(groups, _BIT["jihadist"], 0)
    flags |= np.where(mentions["actor_id"].isin(rules.actors["un"]), _BIT["un"], 0)
    return flags


def _neighbours(flags: np.ndarray, found: Located) -> np.ndarray:
    """Hit flags with ``near_deconf`` (a coordination cue whose first or last word is within
    :data:`.decisions.ADJACENT` words of a deconfliction cue's first word, R1), ``fight_ct``
    (a fighting word whose last word is followed within :data:`.decisions.FIGHT_REACH` words by
    a counter-terrorism cue or a terrorist group's mention, R9) and ``partner`` (a cooperation
    cue followed so within :data:`.content_rules.PARTNER_REACH` words), as
    :func:`.decisions.rule_purpose`, :func:`.decisions.rule_fight` and
    :func:`.content_rules.rule_terror_partner` read them."""
    at, first, last = found.hit_at, found.hit_first, found.hit_last
    span = int(max(first.max(initial=0), last.max(initial=0), found.mention_word.max(initial=0))) + 2 * _REACH + 1

    def keys(sentence: np.ndarray, word: np.ndarray) -> np.ndarray:  # (sentence, word) as one number
        return sentence * span + word + _REACH

    def any_in(targets: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        targets = np.sort(targets)
        return np.searchsorted(targets, hi, "right") > np.searchsorted(targets, lo, "left")

    def has(name: str) -> np.ndarray:
        return ((flags & _BIT[name]) != 0) & (at >= 0)

    deconf = keys(at[has("deconfliction")], first[has("deconfliction")])
    near = ADJACENT
    near_deconf = has("scoped") & (any_in(deconf, keys(at, first - near), keys(at, first + near))
                                   | any_in(deconf, keys(at, last - near), keys(at, last + near)))
    group = found.groups & (found.mention_at >= 0)
    terror = np.concatenate([keys(at[has("counter_terrorism")], first[has("counter_terrorism")]),
                             keys(found.mention_at[group], found.mention_word[group])])
    fight_ct = has("fight") & any_in(terror, keys(at, last + 1), keys(at, last + FIGHT_REACH))
    partner = has("cooperation") & any_in(terror, keys(at, last + 1), keys(at, last + PARTNER_REACH))
    return (flags | np.where(near_deconf, _BIT["near_deconf"], 0) | np.where(fight_ct, _BIT["fight_ct"], 0)
            | np.where(partner, _BIT["partner"], 0))


def _needs_rules(flags: np.ndarray, all_references: np.ndarray) -> np.ndarray:
    """Sentences whose frames a rule may change beyond the union of their hits' frames,
    the counter_terrorism of a group's mention and the diplomacy of the UN Security Council
    (``all_references``: sentences whose military cues all refer back, R7)."""
    def has(*names: str) -> np.ndarray:
        return (flags & sum(_BIT[n] for n in names)) != 0

    both = has("camp_us") & has("camp_ru")
    return ((has("negated", "breakdown", "doubt") & has("cooperation", "deconfliction", "diplomacy"))
            | (has("scoped", "talk") & has("purpose"))
            | has("talk") & has("deconfliction")  # talks on a deconfliction mechanism (rule_purpose)
            | has("clash") & both  # content_rules.rule_clash
            | has("partner")  # content_rules.rule_terror_partner
            | has("definite") & has("deconfliction")  # content_rules.rule_deconflicted_activity
            | has("call", "disagreement", "advance", "danger") | all_references
            | (has("cooperation", "deconfliction", "confrontation")
               & (has("third") & ~both | has("outsider") & ~has("camp_us", "camp_ru"))))


@lru_cache(maxsize=256)
def _mask(*rules: str) -> np.ndarray:
    """The bits of ``rules``, one int64 per column (:data:`_RULE_BIT`)."""
    out = np.zeros(_COLUMNS, dtype=np.int64)
    for rule in rules:
        column, bit = _RULE_BIT[rule]
        out[column] |= bit
    return out


@lru_cache(maxsize=256)
def _columns_of(*rules: str) -> tuple[tuple[int, int], ...]:
    """The columns that hold bits of ``rules``, with those bits."""
    mask = _mask(*rules)
    return tuple((int(c), int(mask[c])) for c in np.flatnonzero(mask))


def _holds(bits: np.ndarray, *rules: str) -> np.ndarray:
    """Per row of ``bits`` (rule bits, one column per :data:`_COLUMNS`), whether it has the bit
    of any of ``rules`` (a column at a time: most rule sets sit in one)."""
    out = np.zeros(len(bits), dtype=bool)
    for column, mask in _columns_of(*rules):
        out |= (bits[:, column] & mask) != 0
    return out


def _rows(occurrences: np.ndarray, *rules: str) -> np.ndarray:
    """The rows (sentence, word, rule bits …) of :func:`_rule_words`'s occurrences that are
    words of any of ``rules``."""
    return occurrences[_holds(occurrences[:, 2:], *rules)]


@lru_cache(maxsize=4)
def _word_bits(rules: FrameRules) -> tuple[dict[str, int], np.ndarray]:
    """Each rule word (folded, with its proclitics) -> a row number of the table of rule bits
    (:data:`_RULE_BIT`) that comes with it; row 0 is no rule."""
    rows, table = {(): 0}, [np.zeros(_COLUMNS, dtype=np.int64)]
    index = {}
    for w, rs in rules.words.items():
        key = tuple(sorted(rs))
        if key not in rows:
            rows[key] = len(table)
            table.append(_mask(*key))
        index[w] = rows[key]
    return index, np.stack(table)


def _rule_words(found: Located, batches: Iterable[tuple[int, Batch]],
                rules: FrameRules) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rule words of the sentences: per sentence, the bits of the rules whose words it
    holds, and of those among the words starting in its last characters (a time anchor, R7);
    and each rule word but those of :data:`_SENTENCE_WIDE` as a row (sentence, word of the
    sentence as :class:`.decisions.Located` counts them, bits). They are the folded words of
    the batches (the words cue finding walks), coded once each by one dict look-up."""
    (index, table), n = _word_bits(rules), len(found)
    anywhere, at_end = np.zeros((n, _COLUMNS), dtype=np.int64), np.zeros((n, _COLUMNS), dtype=np.int64)
    occurrences = []
    for k0, batch in batches:
        kinds = np.fromiter(map(index.get, batch.words, repeat(0)), dtype=np.int64, count=len(batch.words))
        which = np.flatnonzero(kinds)
        codes = table[kinds[which]]  # the rule bits of each rule word
        field = np.searchsorted(np.asarray(batch.hi, dtype=np.int64), which, "right")
        pos = found.field_base[k0 + field] + np.frombuffer(batch.starts, dtype=np.int64)[which]
        sentence = np.searchsorted(found.starts, pos, "right") - 1
        end = found.ends[sentence] - pos <= _NEAR_END + 20
        for column in range(_COLUMNS):
            np.bitwise_or.at(anywhere[:, column], sentence, codes[:, column])
            np.bitwise_or.at(at_end[:, column], sentence[end], codes[end, column])
        # the words read where they stand, and a locative before a zone
        placed = _holds(codes, *_PLACED)
        placed |= _holds(codes, "locative") & _holds(table[kinds[np.minimum(which + 1, len(kinds) - 1)]], "zone")
        pos, sentence = pos[placed], sentence[placed]
        word = found.spaces_before(pos) - found.spaces_before(found.starts[sentence])
        occurrences.append(np.column_stack([sentence, word, codes[placed]]))
    return anywhere, at_end, (np.concatenate(occurrences) if occurrences
                              else np.zeros((0, 2 + _COLUMNS), np.int64))


def _followed(occurrences: np.ndarray, rule: str, targets: np.ndarray, target_sentence: np.ndarray,
              lo: int, hi: int, n: int) -> np.ndarray:
    """Per sentence, whether a word of ``rule`` at word ``i`` has a target word in
    ``[i + lo, i + hi]`` of the same sentence."""
    mine = _rows(occurrences, rule)
    span = int(max(occurrences[:, 1].max(initial=0), targets.max(initial=0))) + hi + abs(lo) + 1
    keys = np.sort(target_sentence * span + targets)
    at = mine[:, 0] * span + mine[:, 1]
    found = np.searchsorted(keys, at + hi, "right") > np.searchsorted(keys, at + lo, "left")
    out = np.zeros(n, dtype=bool)
    out[mine[found, 0]] = True
    return out


def _clauses(occurrences: np.ndarray, hit_flags: np.ndarray, found: Located) -> tuple[np.ndarray, np.ndarray]:
    """Per sentence, whether it has a purpose clause (a purpose word with a danger word within
    :data:`.decisions.PURPOSE_REACH` words, or a deconfliction cue starting at it or the word
    after: :func:`.decisions.rule_purpose`'s reading) and talks with a topic (a discuss word
    with a topic word within six words after it, :func:`.decisions.rule_talks`')."""
    n = len(found)

    def words_of(rule: str) -> np.ndarray:
        return _rows(occurrences, rule)

    danger, topic = words_of("danger"), words_of("topic")
    deconf = ((hit_flags & _BIT["deconfliction"]) != 0) & (found.hit_at >= 0)
    purpose = (_followed(occurrences, "purpose", danger[:, 1], danger[:, 0], 0, PURPOSE_REACH, n)
               | _followed(occurrences, "purpose", found.hit_first[deconf], found.hit_at[deconf], 0, 1, n))
    return purpose, _followed(occurrences, "discuss", topic[:, 1], topic[:, 0], 1, 6, n)


def _may_need_rules(flags: np.ndarray, anywhere: np.ndarray, at_end: np.ndarray, purpose: np.ndarray,
                    talks: np.ndarray) -> np.ndarray:
    """Sentences whose rule words may change them beyond what :func:`gate` adds (``anywhere``,
    ``at_end``: the bits of the rules whose words each holds, :func:`_rule_words`; ``purpose``,
    ``talks``: :func:`_clauses`): words that act alone (a breakdown or a negator with an
    agreement word, notice in advance, doubt where it adds or drops a frame), and words that act
    on the sentence's cues (a breakdown of what a cue names, domestic politics, a purpose clause
    with coordination, talks or an agreement, a time anchor)."""
    def has(*names: str) -> np.ndarray:
        return (flags & sum(_BIT[n] for n in names)) != 0

    def word(*names: str) -> np.ndarray:
        return _holds(anywhere, *names)

    agreed = has("agreement") & has("us") & has("russia") & ~has("deconfliction")
    return (word("breakdown", "negator") & word("agreement") | word("notice") & word("advance")
            | word("doubt") & (~has("confrontation") | has("cooperation"))
            | has("cooperation", "deconfliction", "diplomacy") & word("breakdown")
            | has("confrontation") & word("domestic")
            | purpose & (has("scoped", "talk", "definite") | agreed)
            | has("near_end") & _holds(at_end, "anchor"))


def _coordination(flags: np.ndarray, anywhere: np.ndarray, purpose: np.ndarray, occurrences: np.ndarray,
                  hit_flags: np.ndarray, found: Located) -> np.ndarray:
    """Sentences the rules of :mod:`.coordination` may change: a contact between the sides
    where deconfliction or diplomacy is or may be coded (:func:`~.coordination.rule_contacts`),
    notice with a route or a military cue where both camps are named
    (:func:`~.coordination.rule_notice_move`), an exchange of information, the two sides
    stating a position, a diplomacy or cooperation cue right after (or before) a word that may
    make it background (:func:`~.coordination.rule_background_agreement`), an incident cue in a
    sentence with a purpose clause (:func:`~.coordination.rule_avoided_incident`), cooperation
    with an ally, far from reached or under a memorandum, a meeting called constructive."""
    n, at, first, last = len(found), found.hit_at, found.hit_first, found.hit_last

    def has(*names: str) -> np.ndarray:
        return (flags & sum(_BIT[n] for n in names)) != 0

    def word(*names: str) -> np.ndarray:
        return _holds(anywhere, *names)

    def cues(name: str) -> np.ndarray:
        return ((hit_flags & _BIT[name]) != 0) & (at >= 0)

    def next_to(rule: str, frame: str, lo: int, ends: np.ndarray) -> np.ndarray:  # a rule word at ends + lo
        return _followed(occurrences, rule, ends[cues(frame)], at[cues(frame)], -lo, -lo, n)

    pair = _rows(occurrences, "pair_subject")
    both = has("camp_us") & has("camp_ru")
    talks = has("deconfliction", "diplomacy", "call", "un") | purpose | word("notice", "discuss", "meet")
    background = (next_to("comes", "diplomacy", -1, first) | next_to("despite", "diplomacy", -1, first)
                  | _followed(_after(occurrences, "zone", "locative"), "zone", first[cues("diplomacy")],
                              at[cues("diplomacy")], 1, 1, n)
                  | next_to("on_it", "cooperation", 1, last))
    return (has("contact") & talks | purpose & has("confrontation")
            | word("notice") & (word("route") | has("military_operations")) & both
            | word("beyond") & has("deconfliction", "cooperation")
            | word("exchange") & word("information") | word("joint_verb") & both
            | _followed(occurrences, "stance", pair[:, 1], pair[:, 0], 1, 1, n) | background
            | has("cooperation") & (word("with") & has("ally") | word("far") | word("under") & word("memo"))
            | word("constructive", "constructive_split") & word("meet", "discuss", "talks")
            | has("ceasefire") & has("us") & has("russia") | has("statement") & has("third")
            | has("negated") & word("danger") | next_to("forces", "cooperation", -1, first))


def _after(occurrences: np.ndarray, rule: str, before: str) -> np.ndarray:
    """The rows of ``occurrences`` of ``rule`` words right after a ``before`` word («في منطقة»)."""
    mine = _rows(occurrences, rule)
    prior = _rows(occurrences, before)
    span = int(occurrences[:, 1].max(initial=0)) + 2
    return mine[np.isin(mine[:, 0] * span + mine[:, 1] - 1, prior[:, 0] * span + prior[:, 1])]


def _hostile_words(occurrences: np.ndarray, hit_flags: np.ndarray, found: Located, flags: np.ndarray,
                   anywhere: np.ndarray, camp_mentions: np.ndarray) -> np.ndarray:
    """Sentences where a rule of :mod:`.hostility` may add confrontation: a patron word or a
    fighting word after a negator with a terrorist group within reach after it, harm with
    relations or an agreement within reach after it, «على حساب» with a power named, a withdrawal
    with an agreement or treaty word, a strike followed by the word before its target where
    both camps are named, blame with responsibility (``anywhere``: as in :func:`_may_need_rules`;
    ``camp_mentions``: which mentions are of a camp)."""
    n, at = len(found), found.hit_at

    def rows(rule: str) -> np.ndarray:
        return _rows(occurrences, rule)

    def word(*names: str) -> np.ndarray:
        return _holds(anywhere, *names)

    ct = ((hit_flags & _BIT["counter_terrorism"]) != 0) & (at >= 0)
    group = found.groups & (found.mention_at >= 0)
    terror_word = np.concatenate([found.hit_first[ct], found.mention_word[group]])
    terror_sentence = np.concatenate([at[ct], found.mention_at[group]])
    against, objects = rows("against"), np.concatenate([rows("relations"), rows("agreement")])
    unfought = (_followed(occurrences, "negator", against[:, 1], against[:, 0], 1, 1, n)
                & _followed(occurrences, "against", terror_word, terror_sentence, 1, UNFOUGHT_REACH, n))
    powers = (flags & (_BIT["us"] | _BIT["russia"])) != 0
    camps = ((flags & _BIT["camp_us"]) != 0) & ((flags & _BIT["camp_ru"]) != 0)
    treaties = np.concatenate([rows("agreement"), rows("label")])
    camp_word, camp_sentence = found.mention_word[camp_mentions], found.mention_at[camp_mentions]
    return (_followed(occurrences, "patron", terror_word, terror_sentence, 1, PATRON_REACH, n) | unfought
            | _followed(occurrences, "harm", objects[:, 1], objects[:, 0], 1, HARM_REACH, n)
            | word("expense") & powers
            | _followed(occurrences, "withdraw", treaties[:, 1], treaties[:, 0], 2, WITHDRAW_REACH + 1, n)
            | word("blame") & word("liability") | word("intercept") & camps
            | _followed(occurrences, "strike", camp_word, camp_sentence, 2, STRIKE_REACH + TARGET_REACH, n)
            & _followed(occurrences, "troops", camp_word, camp_sentence, 0, TARGET_REACH, n) & camps)


def _movement_words(occurrences: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Per sentence, whether :func:`.movements.rule_forces_move` finds a movement (a ``move``
    verb within its reach after or right before a ``troops`` word), and whether no time anchor
    or threat word stands close enough before a ``move`` verb to make the rule pass it over (then
    the rule adds military_operations wherever it finds a movement)."""
    moves = _rows(occurrences, "move")
    found = (_followed(occurrences, "troops", moves[:, 1], moves[:, 0], 1, MOVE_SUBJECT_REACH, n)
             | _followed(occurrences, "move", *_forces_at(occurrences), 1, VERB_FIRST_REACH, n))
    reach = MOVE_SUBJECT_REACH + ANCHOR_BEFORE
    blocked = (_followed(occurrences, "anchor", moves[:, 1], moves[:, 0], 1, reach, n)
               | _followed(occurrences, "threat", moves[:, 1], moves[:, 0], 1, reach, n))
    return found, ~blocked


def _forces_at(occurrences: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    troops = _rows(occurrences, "troops")
    return troops[:, 1], troops[:, 0]


def _content_words(occurrences: np.ndarray, hit_flags: np.ndarray, found: Located) -> np.ndarray:
    """Sentences where a rule word stands where a rule of :mod:`.content_rules` reads it: a
    threat, «أي», a name, «بدء» before a military cue, «بأنه» after it, «أي» before a breach, a ``periodic``
    noun before «دورية», the forces or a verb of starting before a reference back (``doer``), a
    ``setting`` word before a talk, a blow received or dealt, a negated meeting
    («عدم عقد لقاء», :func:`.decisions.rule_talks`)."""
    n, at, first, last = len(found), found.hit_at, found.hit_first, found.hit_last
    talks = _rows(occurrences, "discuss", "meet")

    def cues(name: str) -> np.ndarray:
        return ((hit_flags & _BIT[name]) != 0) & (at >= 0)

    def before(rule: str, kind: str, lo: int = 1, hi: int = 1, ends: np.ndarray = first) -> np.ndarray:
        return _followed(occurrences, rule, ends[cues(kind)], at[cues(kind)], lo, hi, n)

    return (before("threat", "military_operations", 1, THREAT_REACH) | before("hypothetical", "military_operations")
            | before("hypothetical", "breakdown")
            | before("label", "military_operations") | before("as", "military_operations", -AS_REACH, -1, last)
            | _followed(_anchored_starts(occurrences), "start", first[cues("military_operations")],
                        at[cues("military_operations")], 1, START_REACH, n)
            | before("doer", "reference", 1, DOER_REACH)
            | before("periodic", "patrol") | before("setting", "talk") | before("blow_verb", "blow", 1, RECEIVED_REACH)
            | before("relations", "blow", -BLOW_REACH, -1, last) | before("agreement", "blow", -BLOW_REACH, -1, last)
            | _followed(occurrences, "negator", talks[:, 1], talks[:, 0], 1, 2, n))


def _anchored_starts(occurrences: np.ndarray) -> np.ndarray:
    """The ``start`` words («بدء», «شن» …) with a time anchor within
    :data:`.content_rules.ANCHOR_REACH` words before them (rows of ``occurrences``)."""
    starts = _rows(occurrences, "start")
    anchors = _rows(occurrences, "anchor")
    span = int(occurrences[:, 1].max(initial=0)) + ANCHOR_REACH + 1
    keys = np.sort(anchors[:, 0] * span + anchors[:, 1])
    at = starts[:, 0] * span + starts[:, 1]
    return starts[np.searchsorted(keys, at - 1, "right") > np.searchsorted(keys, at - ANCHOR_REACH, "left")]


def _talks_with_subject(occurrences: np.ndarray, hit_flags: np.ndarray, found: Located) -> np.ndarray:
    """Sentences where a discuss or meet word has a deconfliction or arms-control cue within
    :data:`.decisions.SUBJECT_REACH` words after it: the subject of the talks
    (:func:`.decisions.rule_talks`; in a sentence no rule changes every cue is kept)."""
    n, at = len(found), found.hit_at
    deconf = ((hit_flags & sum(_BIT[f] for f in SUBJECTS)) != 0) & (at >= 0)
    return (_followed(occurrences, "discuss", found.hit_first[deconf], at[deconf], 1, SUBJECT_REACH, n)
            | _followed(occurrences, "meet", found.hit_first[deconf], at[deconf], 1, SUBJECT_REACH, n))


def _all_references(hit_flags: np.ndarray, hit_at: np.ndarray, n: int) -> np.ndarray:
    """Sentences with military cues that all only refer back to an event (R7)."""
    military = ((hit_flags & _BIT["military_operations"]) != 0) & (hit_at >= 0)
    reference = military & ((hit_flags & _BIT["reference"]) != 0)
    n_military = np.bincount(hit_at[military], minlength=n)
    return (n_military > 0) & (n_military == np.bincount(hit_at[reference], minlength=n))


def _plain(flags: np.ndarray, dropped: np.ndarray) -> np.ndarray:
    """The frames (bits) of sentences no rule changes beyond the dropping of cues: their
    hits' frames, less cooperation or military_operations when every such cue is dropped
    (``dropped``: those frames' bits), with a terrorist group's counter_terrorism (R9), the UN
    Security Council's diplomacy (R6), and cooperation for an agreement of the two powers
    (R1, as :func:`.decisions.rule_agreement`)."""
    def has(name: str) -> np.ndarray:
        return (flags & _BIT[name]) != 0

    agreed = has("agreement") & has("us") & has("russia") & ~has("deconfliction")
    return (flags & _FRAME_MASK & ~dropped | np.where(has("jihadist"), _BIT["counter_terrorism"], 0)
            | np.where(has("un"), _BIT["diplomacy"], 0) | np.where(agreed, _BIT["cooperation"], 0))


def _dropped(hit_flags: np.ndarray, found: Located, n: int) -> np.ndarray:
    """Per sentence, the bits of cooperation and military_operations when every cue of that
    frame in it is dropped: coordination near a deconfliction cue (R1), a fighting word before
    a terrorist group (R9), a single-word reference back (R7)."""
    at, ok = found.hit_at, found.hit_at >= 0

    def has(name: str) -> np.ndarray:
        return (hit_flags & _BIT[name]) != 0

    single = np.fromiter((" " not in x for x in found.surfaces), dtype=bool, count=len(found.surfaces))
    out = np.zeros(n, dtype=np.int64)
    for frame, gone in (("cooperation", has("near_deconf")),
                        ("military_operations", has("fight_ct") | has("reference") & single)):
        cues = ok & has(frame)
        total = np.bincount(at[cues], minlength=n)
        out |= np.where((total > 0) & (total == np.bincount(at[cues & gone], minlength=n)), _BIT[frame], 0)
    return out


#: the ``;``-joined frames of every combination of frame bits
_LABELS = np.array([";".join(f for k, f in enumerate(FRAMES) if bits >> k & 1)
                    for bits in range(1 << len(FRAMES))], dtype=object)


def gate(found: Located, hits: pd.DataFrame, mentions: pd.DataFrame, rules: FrameRules,
         batches: Iterable[tuple[int, Batch]]) -> tuple[list[str], list[int]]:
    """The frames of the sentences of ``found`` that no rule can change but by dropping cues
    (``;``-joined, :func:`_plain`), and the indices of the others (their frames left empty),
    which :func:`.decisions.decide_sentences` must decide. ``batches`` are the documents'
    folded words (:func:`.words.walk`)."""
    n = len(found)
    flags = np.zeros(n, dtype=np.int64)
    hit_at, mention_at = found.hit_at, found.mention_at
    ok = hit_at >= 0
    hit_flags = _hit_flags(hits, found.tags, found.surfaces, found.end[hit_at.clip(0)], rules) if len(hits) else hit_at
    mention_flags = _mention_flags(mentions, found.sides, found.groups, rules)
    hit_flags = _neighbours(hit_flags, found)
    np.bitwise_or.at(flags, hit_at[ok], hit_flags[ok])
    np.bitwise_or.at(flags, mention_at[mention_at >= 0], mention_flags[mention_at >= 0])
    need = _needs_rules(flags, _all_references(hit_flags, hit_at, n))
    camp_mentions = (mention_at >= 0) & ((mention_flags & (_BIT["camp_us"] | _BIT["camp_ru"])) != 0)
    anywhere, at_end, occurrences = _rule_words(found, batches, rules)
    purpose, talks = _clauses(occurrences, hit_flags, found)
    # the forces' movements (movements.rule_forces_move) are decided here unless a time anchor or
    # a threat word stands before a movement verb within the rule's reach
    moving, calm = _movement_words(occurrences, n)
    busy = np.flatnonzero(need | _may_need_rules(flags, anywhere, at_end, purpose, talks)
                          | _content_words(occurrences, hit_flags, found)
                          | _coordination(flags, anywhere, purpose, occurrences, hit_flags, found)
                          | _hostile_words(occurrences, hit_flags, found, flags, anywhere, camp_mentions)
                          | moving & ~calm)
    bits = _plain(flags, _dropped(hit_flags, found, n))
    # a purpose clause is deconfliction (R1); talks of the two camps on the situation, and their
    # meetings and discussions that neither a purpose clause nor a deconfliction subject makes
    # safety talks, diplomacy (R6, decisions.rule_talks)
    bits |= np.where(purpose, _BIT["deconfliction"], 0)
    camps = ((flags & _BIT["camp_us"]) != 0) & ((flags & _BIT["camp_ru"]) != 0)
    meeting = _holds(anywhere, "discuss", "meet") & ~purpose
    meeting &= ~_talks_with_subject(occurrences, hit_flags, found)
    powers = ((flags & _BIT["us"]) != 0) & ((flags & _BIT["russia"]) != 0)
    bits |= np.where(camps & talks | powers & meeting, _BIT["diplomacy"], 0)
    bits |= np.where(moving & calm, _BIT["military_operations"], 0)
    bits[busy] = 0
    return _LABELS[bits].tolist(), busy.tolist()
