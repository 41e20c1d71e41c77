"""Decision rules on what a sentence tells, beside those of :mod:`.decisions` (whose
:data:`.decisions.ORDER` applies them): a coder codes the events a sentence reports, not
the words that name them (``shared/CODEBOOK-FRAMES.md``, rules 3, 7, 8 and 9).

* :func:`rule_event_mentions` (R7): a military cue that is threatened («لوّح بتوجيه ضربات»),
  described («وصفت … إسقاط الطائرة بأنه عدوان»), hypothetical («في أي عمليات عسكرية»),
  part of a name («معاهدة الصواريخ»), a time anchor
  anywhere in the sentence («منذ بدء التدخل العسكري») or the adjective «دورية» (periodic)
  tells no operation.
* :func:`rule_blow` (R3): a blow received («الهدنة تلقت ضربة قاسية») or dealt to relations or
  an agreement («ضربة كبيرة للعلاقات») is a breakdown: confrontation, not a strike.
* :func:`rule_clash` (R8): a clash of the two camps' forces («الاشتباك الأعنف بين القوات
  الأمريكية والقوات الموالية لدمشق»), or a killing or downing told where both camps are
  named, is confrontation as well as an operation.
* :func:`rule_terror_partner` (R9, R8): cooperation with a terrorist group («يجعل واشنطن
  شريكاً للتنظيمات الإرهابية») is a terrorism-based accusation: confrontation, not cooperation.
* :func:`rule_deconflicted_activity` (R1, R7): in a sentence that reports the two powers'
  deconfliction, a definite military noun («الدورية», «العمليات العسكرية») names the activity
  kept apart or notified, not an operation told.
* :func:`rule_talk_setting` (R7): talks or a call that only set the scene or the time of the
  sentence («عقب محادثات ماراثونية», «خلال اتصال هاتفي») add no diplomacy.

Each takes the sentence's :class:`.decisions.Evidence` and the :class:`.decisions.FrameRules`;
their word lists are in ``data/frame_rules.tsv``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .decisions import Evidence, FrameRules

US_CAMP = frozenset({"us", "us_partner"})
RU_CAMP = frozenset({"russia", "syria_gov"})
THIRD = frozenset({"other", "opposition"})  # states beyond the pair (Turkey, Israel, Iran), the opposition

# windows, in words
THREAT_REACH = 8  # a threat verb … what it threatens (its object and time words between)
DESCRIBE_REACH = 12  # «وصفت» … the cue it describes (the speaker stands between)
AS_REACH = 3  # the described cue … «بأنه»
START_REACH = 2  # «بدء» … the military cue («بدء موسكو غاراتها»)
ANCHOR_REACH = 4  # a time anchor … «بدء» («بعد ثلاثة أسابيع من بدء»)
BLOW_REACH = 2  # «ضربة» … «للعلاقات» («ضربة كبيرة للعلاقات»)
RECEIVED_REACH = 6  # «تلقت» … «ضربة» (its subject may stand between: «تلقت الهدنة … ضربة»)
PARTNER_REACH = 4  # a cooperation cue … the terrorist group it is said to work with
EXCHANGE_REACH = 3  # «تبادل/أبلغ …» … the possessed activities exchanged or notified
LETHAL_REACH = 12  # a killing … the mentions of both camps (its agent and its victim)
VICTIM_REACH = 10  # a killing … a terrorist group as its victim (its subject may stand between)
#: the article, with the proclitics before it: a military cue starting so is a definite noun
DEFINITE = ("ال", "وال", "بال", "فال", "لل", "ولل", "وبال")
#: a plural in «ات» with a possessive pronoun (folded): its owner's activities in general
#: («طلعاتهم», «عملياتهما», «غاراتها»); a singular one is an event told («بتحرك دوريتنا»)
POSSESSED_PLURAL = ("اتها", "اتهم", "اتهما", "اتهن", "اتنا", "اته")


def possessed(surface: str) -> bool:
    """Whether the first word of a folded cue surface is a plural with a possessive pronoun."""
    return surface.split(" ", 1)[0].endswith(POSSESSED_PLURAL)


def _both_camps(ev: Evidence) -> bool:
    return bool(ev.sides & US_CAMP) and bool(ev.sides & RU_CAMP)


def rule_event_mentions(ev: Evidence, rules: FrameRules) -> None:
    """R7: military cues that tell no operation are not coded: threatened (within
    :data:`THREAT_REACH` words after a ``threat`` word), described (:func:`_described`),
    hypothetical (right after «أي»),
    part of a name (right after a ``label`` word), a time anchor («منذ/بعد … بدء» before it)
    or «دورية» after a ``periodic`` noun."""
    if not any(rule in ev.index for rule in ("threat", "hypothetical", "label", "start", "periodic", "as")):
        return
    for h in ev.hits:
        if h.frame != "military_operations" or not h.kept:
            continue
        before = h.first - 1
        if (ev.has("threat", h.first - THREAT_REACH, before) or before in ev.where("hypothetical")
                or before in ev.where("label") or _anchored_start(ev, h.first) or _described(ev, h)
                or h.surface == "دوريه" and before in ev.where("periodic")):
            h.kept = False


def _described(ev: Evidence, h) -> bool:
    """Whether the cue ``h`` is described («وصفت … إسقاط الطائرة بأنه …»): a ``describe``
    word before it and an ``as`` word right after it."""
    return ev.has("as", h.last + 1, h.last + AS_REACH) and ev.has("describe", h.first - DESCRIBE_REACH, h.first - 1)


def _anchored_start(ev: Evidence, first: int) -> bool:
    """Whether «بدء» stands just before word ``first`` with a time anchor just before it."""
    return any(ev.has("anchor", s - ANCHOR_REACH, s - 1) for s in ev.where("start")
               if first - START_REACH <= s < first)


def rule_blow(ev: Evidence, rules: FrameRules) -> None:
    """R3: «ضربة» received («تلقت [الهدنة] ضربة») or dealt to relations or an agreement («ضربة
    للاتفاق») is a blow, not a strike: confrontation, and a breakdown word for
    :func:`.decisions.rule_breakdown` (the agreement it hits is not coded)."""
    if "blow" not in ev.index:
        return
    for h in ev.hits:
        if h.frame != "military_operations" or "blow" not in h.tags or " " in h.surface:
            continue
        dealt = any(ev.words[j].startswith("ل") for j in range(h.last + 1, h.last + 1 + BLOW_REACH)
                    if j < len(ev.words) and (j in ev.where("relations") or j in ev.where("agreement")))
        if ev.has("blow_verb", h.first - RECEIVED_REACH, h.first - 1) or dealt:
            h.kept = False
            ev.added.add("confrontation")
            ev.index["breakdown"] = sorted(ev.where("breakdown") + [h.first])


def rule_clash(ev: Evidence, rules: FrameRules) -> None:
    """R8: a clash (a military cue whose first word is a ``danger`` word: «الاشتباك»,
    «اشتباكات») in a sentence naming both camps is confrontation too; so is a lethal act told
    (a ``lethal`` word, not a definite noun referring back: «قتلت غارات التحالف جنوداً
    سوريين», «أسقطت … طائرة»), unless a terrorist group follows it as its victim."""
    if _both_camps(ev) and any(h.frame == "military_operations" and ("danger" in h.tags or _lethal(ev, h))
                               for h in ev.hits):
        ev.added.add("confrontation")


def _lethal(ev: Evidence, h) -> bool:
    """Whether the cue ``h`` tells a killing or a downing between the camps: its first word a
    ``lethal`` word, kept, not definite, both camps named within :data:`LETHAL_REACH` words of
    it (not a death toll of the war named far from them), and no terrorist group within
    :data:`VICTIM_REACH` words after it as its victim."""
    if "lethal" not in h.tags or not h.kept or h.surface.startswith(DEFINITE):
        return False
    near = {side for w, side, _ in ev.mentions if abs(w - h.first) <= LETHAL_REACH}
    if not (near & US_CAMP and near & RU_CAMP):
        return False
    groups = [w for w, _, group in ev.mentions if group] + [
        x.first for x in ev.hits if x.frame == "counter_terrorism"]
    return not any(h.last < g <= h.last + VICTIM_REACH for g in groups)


def rule_terror_partner(ev: Evidence, rules: FrameRules) -> None:
    """R9, R8: a cooperation cue followed within :data:`PARTNER_REACH` words by a terrorist
    group (its mention or a counter-terrorism cue), with no ``against`` or ``about`` word between
    («تبادل المعلومات حول مواقع الإرهابيين»: what is exchanged is about the group), says
    that someone works *with* terrorists: a terrorism-based accusation, so confrontation and
    not cooperation («شريكاً للتنظيمات الإرهابية»; «التعاون في مكافحة الإرهاب» stays)."""
    groups = [w for w, _, group in ev.mentions if group]
    groups += [h.first for h in ev.hits if h.frame == "counter_terrorism"]
    for h in ev.hits if groups else ():
        if h.frame != "cooperation" or not h.kept:
            continue
        near = [g for g in groups if h.last < g <= h.last + PARTNER_REACH]
        if near and not (ev.has("against", h.last + 1, max(near)) or ev.has("about", h.last + 1, max(near))):
            h.kept = False
            ev.added.add("confrontation")


def rule_talk_setting(ev: Evidence, rules: FrameRules) -> None:
    """R7: talks or a call right after a ``setting`` word («عقب محادثات», «خلال اتصال
    هاتفي») are the setting or time of what the sentence reports: no diplomacy by themselves."""
    if "setting" not in ev.index:
        return
    for h in ev.hits:
        if h.frame == "diplomacy" and h.first - 1 in ev.where("setting") and (
                "talks" in h.tags or "call" in h.tags or "هاتف" in h.surface):
            h.kept = False


def rule_deconflicted_activity(ev: Evidence, rules: FrameRules) -> None:
    """R1, R7: in a sentence that reports deconfliction of the two powers (after R8: not
    Russia and Turkey), a military cue that is a definite noun names the activity the channel
    keeps apart or the notice is about — «أخطر … مسبقاً بمسار الدورية», «تجنب أي احتكاك بين
    العمليات العسكرية», and a plural made definite by its owner's pronoun, their activities in
    general, as what is exchanged or notified (:func:`_exchanged`): «يتبادلون إحداثيات طلعاتهم»,
    «تبادل المعلومات حول عملياتهما الجوية» — not an operation the sentence tells: no
    military_operations by itself. An indefinite one («اعترضت دورية روسية …») and a clash
    («الاشتباك») stay."""
    if "deconfliction" not in ev.frames():
        return
    for h in ev.hits:
        if h.frame == "military_operations" and h.kept and "danger" not in h.tags \
                and (h.surface.startswith(DEFINITE) or possessed(h.surface) and _exchanged(ev, h)):
            h.kept = False


def _exchanged(ev: Evidence, h) -> bool:
    """Whether an ``exchanged`` or ``notice`` word stands within :data:`EXCHANGE_REACH` words
    before the cue ``h`` («إحداثيات طلعاتهم», «أبلغت … بعملياتها»; not «لن تتراجع عن غاراتها»)."""
    lo = h.first - EXCHANGE_REACH
    return ev.has("exchanged", lo, h.first - 1) or ev.has("notice", lo, h.first - 1)
