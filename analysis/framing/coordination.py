"""Decision rules on how the two powers work together, beside those of :mod:`.decisions`
(whose :data:`.decisions.ORDER` applies them): what makes a sentence cooperation,
deconfliction or diplomacy by ``shared/CODEBOOK-FRAMES.md`` (rules 1, 2, 6 and 7) where
the cue words alone do not tell it.

* :func:`rule_without_incident` (R1): «دون أي احتكاك», «عدم وقوع حوادث» — an incident
  negated — is safety kept: deconfliction, not the confrontation of a negated cue.
* :func:`rule_partner_forces` (R8): «القوات الشريكة» is the name of a power's allies on the
  ground, not cooperation between the powers.
* :func:`rule_beyond_safety` (R1): deconfliction named as what cooperation goes beyond
  («توسيع الاتصالات … إلى ما هو أبعد من سلامة الطيران», «تنسيقاً حقيقياً … وليس مجرد قواعد
  لمنع الاصطدام») is the contrast, not the purpose: the cooperation stays, and that
  deconfliction cue is not coded.
* :func:`rule_avoided_incident` (R1): an incident in a purpose clause («في تجنيب طيران
  البلدين أي حادث») is avoided, not one that happened: no confrontation.
* :func:`rule_notice_move` (R2, "notice before strikes"): one camp notifying the other of a
  military move — its route, the airspace, the strike («أبلغت واشنطن موسكو بمسار الطائرات»,
  «أبلغتهم واشنطن بأنها ستدخل أجواءهم») — is deconfliction, with or without «مسبقاً».
* :func:`rule_contacts` (R1, R6): «الاتصالات» between the sides are the channel in a sentence
  that reports deconfliction, and talks in one that reports diplomacy; only military contacts
  with no such frame («تكثيف الاتصالات مع الجيش الأمريكي») are cooperation.
* :func:`rule_exchange` (R1, R2): the two sides exchanging information («يتبادل البلدان
  المعلومات», a verb the noun cue «تبادل المعلومات» misses) is cooperation, or
  deconfliction only when a purpose clause or a deconfliction cue says it is for safety;
  refusing it («لن تتبادل مع موسكو أي معلومات») is confrontation.
* :func:`rule_joint_stance` (R1): the two sides stating one position («وأكد الجانبان أهمية
  …», «وشدد البلدان على …») agree beyond safety: cooperation.
* :func:`rule_partner_of_coordination` (R8): coordination with a camp's partner — the SDF,
  the Syrian government («يجب أن تُنسَّق مع الحكومة السورية», «التنسيق الاستخباراتي مع
  الجانب الأميركي» said by the SDF) — is not US–Russia cooperation.
* :func:`rule_statement_of_many` (R8): a joint statement naming a third state is not the
  two powers'.
* :func:`rule_far_from_understanding` (R3): the two sides «بعيدين عن أي تفاهم» — no
  understanding reached — is confrontation, not cooperation.
* :func:`rule_constructive` (R1): a meeting called constructive («في اجتماع وصفه الطرفان
  بالبنّاء», «وصف المحادثات بأنها مثمرة») is cooperation.
* :func:`rule_under_memorandum` (R1): coordination «بموجب المذكرة» (under the memorandum of
  the two militaries) is that memorandum's deconfliction only.
* :func:`rule_background_agreement` (R7): an agreement or a truce that is the background of
  the sentence — «ويأتي الاتفاق بعد …», «رغم الهدنة», a zone named as a place («في منطقة
  خفض التصعيد»), an agreement named by a relative clause («المنطقة التي اتفقت عليها واشنطن
  وموسكو») — adds neither diplomacy nor cooperation.

Each takes the sentence's :class:`.decisions.Evidence` and the :class:`.decisions.FrameRules`;
their word lists are in ``data/frame_rules.tsv`` (rules ``beyond``, ``route``, ``contact``,
``military``, ``exchange``, ``information``, ``stance``, ``pair_subject``, ``joint_verb``,
``dispute``, ``comes``, ``despite``, ``zone``, ``locative``, ``relative``, ``on_it``, ``with``,
``far``, ``constructive``, ``under``, ``memo``, ``forces``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .content_rules import DEFINITE, RU_CAMP, THIRD, US_CAMP

#: rules of common words, looked up at a place (:func:`is_word`), not indexed per sentence
LOOKED_UP = frozenset({"locative", "with", "relative"})
#: the partners of each power in its camp (codebook sides): coordination with them is within a camp
ALLIES = frozenset({"us_partner", "syria_gov"})
STATEMENT = "بيان"  # the first word of the cue «بيان مشترك»

if TYPE_CHECKING:
    from .decisions import Evidence, FrameRules

# windows, in words
NOTICE_MOVE_REACH = 8  # a notice verb … the route, airspace or strike it notifies
CONTACT_MILITARY_REACH = 3  # «الاتصالات» … «العسكرية», «مع الجيش»
EXCHANGE_REACH = 4  # an exchange verb … «المعلومات» (its subject may stand between)
NEGATED_REACH = 2  # a negator … the verb it negates
BEYOND_REACH = 3  # «أبعد من» / «مجرد» … the deconfliction cue it goes beyond
BEYOND_AFTER = 12  # contacts … «أبعد من» (the contacts are what goes beyond)
WITH_REACH = 3  # a cooperation cue … «مع» … the partner's mention
CONSTRUCTIVE_REACH = 6  # a meeting word … «بالبناء» (the speakers may stand between)
FAR_REACH = 3  # «بعيدين عن» … the understanding
UNDER_REACH = 2  # «بموجب» … «المذكرة»
RELATIVE_REACH = 3  # «التي» … «اتفقت» («التي كان الطرفان قد اتفقا عليها»)


def is_word(ev: Evidence, i: int, rule: str, rules: FrameRules) -> bool:
    """Whether word ``i`` of the sentence is a word of ``rule``: the rules of :data:`LOOKED_UP`
    are common words («في», «مع», «التي»), looked up where a rule needs them rather than
    indexed in every sentence (:func:`.decisions.decide_sentences`)."""
    return 0 <= i < len(ev.words) and rule in rules.words.get(ev.words[i], ())


def _both_camps(ev: Evidence) -> bool:
    return bool(ev.sides & US_CAMP) and bool(ev.sides & RU_CAMP)


def _negated(ev: Evidence, i: int) -> bool:
    return ev.has("negator", i - NEGATED_REACH, i - 1)


def rule_without_incident(ev: Evidence, rules: FrameRules) -> None:
    """R1: a negated cue whose last word is a ``danger`` word («لضمان خروج قواته دون أي
    احتكاك», «مرت الدورية من دون حوادث») negates an incident, not cooperation: it is
    deconfliction (safety kept), not confrontation. The hit is read so before
    :func:`.decisions.rule_breakdown` takes negated cues as breakdowns."""
    for h in ev.hits:
        if h.negated and "danger" in rules.words.get(h.surface.rsplit(" ", 1)[-1], ()):
            h.negated, h.frame = False, "deconfliction"


def rule_partner_forces(ev: Evidence, rules: FrameRules) -> None:
    """R8: a cooperation cue right after a ``forces`` word («القوات الشريكة», «القوى الشريكة
    التي تقاتل تنظيم الدولة») is the name of a power's allies, not cooperation of the powers."""
    for h in ev.hits:
        if h.frame == "cooperation" and " " not in h.surface and h.first - 1 in ev.where("forces"):
            h.kept = False


def rule_beyond_safety(ev: Evidence, rules: FrameRules) -> None:
    """R1: a deconfliction cue or purpose clause within :data:`BEYOND_REACH` words after a
    ``beyond`` word («أبعد من سلامة الطيران», «مجرد قواعد لمنع الاصطدام») is what the
    cooperation of the sentence goes beyond: that cue is not coded and that clause does not
    make the sentence's coordination safety only (:func:`.decisions.rule_purpose`)."""
    if "beyond" not in ev.index:
        return
    from .decisions import _purpose_words

    def contrasted(i: int) -> bool:
        return any(b < i <= b + BEYOND_REACH for b in ev.where("beyond"))

    for h in ev.hits:
        if h.frame == "deconfliction" and contrasted(h.first):
            h.kept = False
    ev.purpose = [i for i in _purpose_words(ev, rules) if not contrasted(i)]


def rule_avoided_incident(ev: Evidence, rules: FrameRules) -> None:
    """R1: an incident cue (a confrontation cue whose first word is a ``danger`` word:
    «حادث») within :data:`.decisions.PURPOSE_REACH` words after a purpose word («نجحت في
    تجنيب طيران البلدين أي حادث») is the incident avoided, which
    :func:`.decisions.rule_purpose` codes as deconfliction: it is not one that happened."""
    if "purpose" not in ev.index:
        return
    from .decisions import PURPOSE_REACH, _purpose_words

    purpose = _purpose_words(ev, rules)
    for h in ev.hits:
        if h.frame == "confrontation" and "danger" in h.tags and any(
                i < h.first <= i + PURPOSE_REACH for i in purpose):
            h.kept = False


def rule_notice_move(ev: Evidence, rules: FrameRules) -> None:
    """R2: a ``notice`` word (not negated) with, within :data:`NOTICE_MOVE_REACH` words after
    it, a ``route`` word (route, airspace, timing of a move) or a military cue it takes with
    «ب» («بالضربة»), in a sentence naming both camps: one side notifying the other of a move
    is deconfliction («واشنطن أبلغت موسكو بفتح الأجواء»), and not notifying it («لم تبلغ
    موسكو بمسار الطائرات») confrontation. Notice of anything else («أبلغ الأسد أن موسكو
    ستواصل دعمها», «لإبلاغ … قبولها الهدنة») is neither."""
    if "notice" not in ev.index or not _both_camps(ev):
        return
    for i in ev.where("notice"):
        reach = i + NOTICE_MOVE_REACH
        if ev.has("route", i + 1, reach) or any(
                h.frame == "military_operations" and i < h.first <= reach and h.surface.startswith("ب")
                for h in ev.hits):
            ev.added.add("confrontation" if _negated(ev, i) else "deconfliction")
            return


def rule_contacts(ev: Evidence, rules: FrameRules) -> None:
    """R1, R6: a cooperation cue whose first word is a ``contact`` word («الاتصالات»,
    «التواصل») is the deconfliction channel in a sentence that reports deconfliction (after
    :func:`.decisions.rule_purpose`: «ساهمت هذه الاتصالات … في منع احتكاك»), and talks in one
    that reports diplomacy («الاتصالات مع الجانب الأميركي بشأن سورية مستمرة … بحثا في جنيف
    التسوية»): not cooperation, unless a ``military`` word follows it within
    :data:`CONTACT_MILITARY_REACH` words in a sentence with no deconfliction («تكثيف الاتصالات
    مع الجيش الأمريكي») or contacts followed within :data:`BEYOND_AFTER` words by a ``beyond``
    word («توسيع الاتصالات … إلى ما هو أبعد من سلامة الطيران»)."""
    contacts = [h for h in ev.hits if h.kept and h.frame == "cooperation" and "contact" in h.tags]
    if not contacts:
        return
    frames = ev.frames()
    for h in contacts:
        military = ev.has("military", h.first + 1, h.last + CONTACT_MILITARY_REACH)
        if ev.has("beyond", h.last + 1, h.last + BEYOND_AFTER):
            continue  # contacts that go beyond safety (rule_beyond_safety)
        if "deconfliction" in frames or "diplomacy" in frames and not military:
            h.kept = False


def rule_exchange(ev: Evidence, rules: FrameRules) -> None:
    """R1, R2: an ``exchange`` verb with an ``information`` word within
    :data:`EXCHANGE_REACH` words after it is cooperation («تتبادلان المعلومات عن الخروقات»);
    for safety — a purpose clause or a deconfliction cue in the sentence («يتبادلون يومياً
    إحداثيات طلعاتهم لتفادي أي حادث») — it is the deconfliction they state; negated («لن
    تتبادل مع موسكو أي معلومات»), or listed right after a negated cue («لا تعني تعاوناً أو
    تبادلاً لمعلومات الأهداف»), it is confrontation."""
    if "exchange" not in ev.index:
        return
    from .decisions import _purpose_words  # the purpose clauses as rule R1 reads them

    for i in ev.where("exchange"):
        if not ev.has("information", i + 1, i + EXCHANGE_REACH):
            continue
        if _negated(ev, i) or any(h.negated and i - NEGATED_REACH - 1 <= h.last < i for h in ev.hits):
            ev.added.add("confrontation")
        elif not (_purpose_words(ev, rules) or any(h.kept and h.frame == "deconfliction" for h in ev.hits)):
            ev.added.add("cooperation")


def rule_joint_stance(ev: Evidence, rules: FrameRules) -> None:
    """R1: a ``stance`` verb right before the two sides as its subject («وأكد الجانبان»,
    «وشدد البلدان», a ``pair_subject`` word), or a stance verb in the dual
    (``joint_verb``) where both camps are named («واشنطن وموسكو تعلنان وقف الأعمال
    العدائية»), states a position they share: cooperation —
    not where the sentence reports deconfliction (then that is what they agree on) or
    confrontation, nor a ``dispute`` word (a disagreement they state: «أكد الجانبان استمرار
    الخلاف»), nor where a third party is named."""
    if not ("stance" in ev.index and "pair_subject" in ev.index or "joint_verb" in ev.index and _both_camps(ev)):
        return
    pair = set(ev.where("pair_subject"))
    joint = "joint_verb" in ev.index and _both_camps(ev) or any(i + 1 in pair for i in ev.where("stance"))
    if joint and not ev.sides & {"other", "opposition"} and "dispute" not in ev.index and not any(
            h.kept and h.frame in ("deconfliction", "confrontation") for h in ev.hits):
        ev.added.add("cooperation")


def rule_background_agreement(ev: Evidence, rules: FrameRules) -> None:
    """R7: an agreement, truce or zone that is the background of the sentence adds no frame.

    A diplomacy cue that is a definite noun right after a ``comes`` word («ويأتي الاتفاق بعد
    …»), any diplomacy cue right after a ``despite`` word («رغم الهدنة»), or a zone named as a
    place (a ``zone`` word after a ``locative`` one: «في منطقة خفض التصعيد», «قرب منطقة …») is
    not coded; nor is a cooperation verb in a relative clause naming what was agreed (a
    ``relative`` word within :data:`RELATIVE_REACH` words before it and an ``on_it`` word right
    after: «المنطقة التي اتفقت عليها واشنطن وموسكو»)."""
    if not any(rule in ev.index for rule in ("comes", "despite", "zone", "on_it")):
        return
    for h in ev.hits:
        before = h.first - 1
        if h.frame == "diplomacy" and (
                before in ev.where("comes") and h.surface.startswith(DEFINITE)
                or before in ev.where("despite")
                or before in ev.where("zone") and is_word(ev, before - 1, "locative", rules)):
            h.kept = False
        elif h.frame == "cooperation" and " " not in h.surface and h.last + 1 in ev.where("on_it") \
                and any(is_word(ev, j, "relative", rules) for j in range(h.first - RELATIVE_REACH, h.first)):
            h.kept = False


def rule_partner_of_coordination(ev: Evidence, rules: FrameRules) -> None:
    """R8: a cooperation cue followed within :data:`WITH_REACH` words by «مع» (``with``) and
    then its partner, the first actor mentioned within :data:`WITH_REACH` words after it, is
    coordination with that partner: not US–Russia cooperation when the partner is an ally of a
    power (the SDF, the Syrian government: «يجب أن تُنسَّق مع الحكومة السورية»), nor when it is
    one power and the sentence names the other power's camp nowhere but an ally of the same
    camp (the SDF coordinating with the Americans: «التنسيق الاستخباراتي مع الجانب الأميركي»)."""
    if not ev.sides & ALLIES:
        return
    for h in ev.hits:
        if h.frame != "cooperation" or not h.kept:
            continue
        partner = _partner(ev, h, rules)
        if partner in ALLIES or partner in ("us", "russia") and _within_camp(ev.sides, partner):
            h.kept = False


def rule_statement_of_many(ev: Evidence, rules: FrameRules) -> None:
    """R8: a joint statement («بيان مشترك») in a sentence naming a third state (Turkey, France
    …) is a statement of several states, often against one of the powers («وفي بيان مشترك،
    دعت الولايات المتحدة وتركيا وفرنسا … روسيا إلى وقف هجماتها»): not US–Russia cooperation."""
    if ev.sides & THIRD:
        for h in ev.hits:
            if h.frame == "cooperation" and STATEMENT in h.surface.split(" ", 1)[0]:
                h.kept = False


def _partner(ev: Evidence, h, rules: FrameRules) -> str:
    """The side of the first actor after «مع» right after the cue ``h`` (empty when none)."""
    for m in range(h.last + 1, h.last + WITH_REACH + 1):
        if is_word(ev, m, "with", rules):
            after = sorted((w, side) for w, side, _ in ev.mentions if m < w <= m + WITH_REACH)
            return after[0][1] if after else ""
    return ""


def _within_camp(sides: set[str], power: str) -> bool:
    """Whether the sentence names an ally of ``power``'s camp and nobody of the other camp."""
    camp, other = (US_CAMP, RU_CAMP) if power == "us" else (RU_CAMP, US_CAMP)
    return bool(sides & camp & ALLIES) and not sides & other


def rule_far_from_understanding(ev: Evidence, rules: FrameRules) -> None:
    """R3: a cooperation cue within :data:`FAR_REACH` words after a ``far`` word («لا يزالان
    بعيدين عن أي تفاهم شامل») is an understanding not reached: confrontation, not cooperation."""
    for i in ev.where("far"):
        for h in ev.hits:
            if h.frame == "cooperation" and i < h.first <= i + FAR_REACH:
                h.kept = False
                ev.added.add("confrontation")


def rule_constructive(ev: Evidence, rules: FrameRules) -> None:
    """R1: a ``constructive`` word within :data:`CONSTRUCTIVE_REACH` words after a meeting or
    talks word («في اجتماع وصفه الطرفان بالبنّاء», «محادثات وصفت بأنها مثمرة») calls the
    meeting constructive: cooperation."""
    if "constructive" not in ev.index:
        return
    talks = ev.where("meet") + ev.where("discuss") + ev.where("talks")
    if any(t < c <= t + CONSTRUCTIVE_REACH for c in ev.where("constructive") for t in talks):
        ev.added.add("cooperation")


def rule_under_memorandum(ev: Evidence, rules: FrameRules) -> None:
    """R1: coordination-type cooperation cues in a sentence that places them «بموجب/وفق
    المذكرة» (an ``under`` word with a ``memo`` word within :data:`UNDER_REACH` words after
    it) are the memorandum's deconfliction: deconfliction, not cooperation."""
    if "under" not in ev.index or "memo" not in ev.index:
        return
    if not any(ev.has("memo", i + 1, i + UNDER_REACH) for i in ev.where("under")):
        return
    from .decisions import _scoped

    scoped = [h for h in ev.hits if h.kept and _scoped(h, rules)]
    for h in scoped:
        h.kept = False
    if scoped:
        ev.added.add("deconfliction")
