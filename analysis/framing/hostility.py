"""Decision rules on hostility between the two camps that no single cue tells
(``shared/CODEBOOK-FRAMES.md``, rules 3, 5, 8 and 9), applied in :data:`.decisions.ORDER`:

* :func:`rule_terror_patron` (R9, R8): shielding, backing or saving a terrorist group, or not
  fighting it («يدافع عن داعش», «ملاذ آمن لفلول التنظيم», «لم تحارب تنظيم داعش»), is a
  terrorism-based accusation: confrontation.
* :func:`rule_harm` (R3): harm done to relations or an agreement («ألحقت ضرراً كبيراً
  بالعلاقات») is confrontation.
* :func:`rule_expense` (R5): a gain «على حساب» one of the two powers («على حساب واشنطن», «على
  حساب النفوذ الأمريكي») is rivalry presented as a loss: confrontation.
* :func:`rule_strike_on_camp` (R8): one camp striking the other, its target named right after
  the strike («غارات التحالف على الجيش السوري»), is confrontation.
* :func:`rule_blame` (R4, R8): laying the blame with the subject and object between the verb
  and «مسؤولية» («حمّل الوزير موسكو مسؤولية الإخفاق») is confrontation.
* :func:`rule_intercept` (R8): one camp's forces intercepting, ramming or chasing the other's
  («اعترضت مدرعات أمريكية رتلاً روسياً») is confrontation.
* :func:`rule_treaty_withdrawal` (R3, R7): withdrawing from a treaty or an agreement
  («انسحابها … من معاهدة الصواريخ») is its breakdown, confrontation, not a military withdrawal.

Which camps the sentence names is left to :func:`.decisions.rule_sides` (R8), applied after
them: the same words between Turkey and the Kurds, or by a third state, add no frame. Each
rule takes the sentence's :class:`.decisions.Evidence` and :class:`.decisions.FrameRules`;
their words are in ``data/frame_rules.tsv`` (``patron``, ``harm``, ``expense``, ``withdraw``,
``strike``, ``target``, ``blame``, ``liability``, ``intercept``, with ``against``, ``negator``, ``relations``,
``agreement`` and ``label``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .content_rules import RU_CAMP, US_CAMP

if TYPE_CHECKING:
    from .decisions import Evidence, FrameRules

# windows, in words
PATRON_REACH = 3  # a patron word … the terrorist group it shields («ملاذ آمن لفلول تنظيم داعش»)
UNFOUGHT_REACH = 3  # «لم تحارب» … the group not fought
HARM_REACH = 3  # a harm word … the relations harmed («ضرراً كبيراً بالعلاقات»)
EXPENSE_REACH = 3  # «على حساب» … the power that loses («على حساب النفوذ الأميركي»)
WITHDRAW_REACH = 6  # a withdrawal … «من» before the treaty («انسحابها في آب الماضي من معاهدة»)
STRIKE_REACH = 3  # a strike … the word before its target («غارات جوية وقصفاً مدفعياً على»)
TARGET_REACH = 3  # that word … the camp struck («على قوات موالية للنظام السوري»)
INTERCEPT_REACH = 6  # «اعترضت» … both camps («مدرعات أمريكية رتلاً روسياً»)
BLAME_REACH = 6  # «حمّل» … «مسؤولية» (its subject and object between them)
#: the two powers themselves (not their partners): the loser of a rivalry (R5)
POWERS = frozenset({"us", "russia"})
_FROM = "من"  # «حماية المدنيين من داعش»: shielding from the group, not the group
_ON = "علي"  # «على», folded
_ONS = frozenset({_ON, "و" + _ON})  # the commonest word before a strike's target (not in a list)


def _groups(ev: Evidence) -> list[int]:
    """Where a terrorist group is named: its mentions and the counter-terrorism cues."""
    return [w for w, _, group in ev.mentions if group] + [
        h.first for h in ev.hits if h.frame == "counter_terrorism"]


def rule_terror_patron(ev: Evidence, rules: FrameRules) -> None:
    """R9, R8: a ``patron`` word (defending, protecting, sheltering, supporting, saving, arming)
    with a terrorist group within :data:`PATRON_REACH` words after it, no ``against`` word
    and no «من» between («حماية المدنيين من داعش», «دعم جهود مكافحة الإرهاب» are not), or a
    fighting word (``against``) right after a negator («لم تحارب», «عدم محاربة»; not «دون»)
    with a group within :data:`UNFOUGHT_REACH` words after it, accuses someone of siding with
    terrorists: confrontation."""
    if "patron" not in ev.index and "negator" not in ev.index:
        return
    groups = _groups(ev)
    if not groups:
        return
    patrons = [(i, PATRON_REACH) for i in ev.where("patron")]
    patrons += [(i, UNFOUGHT_REACH) for i in ev.where("against")
                if i - 1 in ev.where("negator") and not ev.words[i - 1].endswith("دون")]
    for i, reach in patrons:
        near = [g for g in groups if i < g <= i + reach]
        if near and not ev.has("against", i + 1, min(near) - 1) and _FROM not in ev.words[i + 1:min(near)]:
            ev.added.add("confrontation")
            return


def rule_harm(ev: Evidence, rules: FrameRules) -> None:
    """R3: a ``harm`` word with relations or an agreement within :data:`HARM_REACH` words after
    it («ستلحق ضرراً كبيراً بالعلاقات», «أضرّ بالاتفاق») is confrontation; damage done by a
    strike («أضرار مادية») is not."""
    for i in ev.where("harm"):
        if ev.has("relations", i + 1, i + HARM_REACH) or ev.has("agreement", i + 1, i + HARM_REACH):
            ev.added.add("confrontation")
            return


def rule_expense(ev: Evidence, rules: FrameRules) -> None:
    """R5: «على حساب» (``expense`` after «على») with one of the two powers named within
    :data:`EXPENSE_REACH` words after it is a gain presented as the other's loss:
    confrontation («تمسك وحدها بمفاتيح الأجواء على حساب واشنطن»). At the expense of others
    («على حساب السوريين», «على حساب التنظيم») or of a partner of a power is none."""
    for i in ev.where("expense"):
        if i and ev.words[i - 1] == _ON and any(
                i < w <= i + EXPENSE_REACH and side in POWERS for w, side, _ in ev.mentions):
            ev.added.add("confrontation")
            return


def rule_treaty_withdrawal(ev: Evidence, rules: FrameRules) -> None:
    """R3, R7: a ``withdraw`` word followed within :data:`WITHDRAW_REACH` words by «من» and an
    agreement or treaty («انسحبت الولايات المتحدة … من معاهدة», «الانسحاب من الاتفاق») is the
    breakdown of that agreement: confrontation, and the military withdrawal cue it starts is not
    coded. «انسحاب القوات من المنطقة» stays an operation."""
    for i in ev.where("withdraw"):
        stop = min(i + WITHDRAW_REACH, len(ev.words) - 2)
        if any(ev.words[j] == _FROM and (j + 1 in ev.where("agreement") or j + 1 in ev.where("label"))
               for j in range(i + 1, stop + 1)):
            ev.added.add("confrontation")
            for h in ev.hits:
                if h.frame == "military_operations" and h.first == i:
                    h.kept = False


def rule_strike_on_camp(ev: Evidence, rules: FrameRules) -> None:
    """R8: a ``strike`` word with a ``target`` word within :data:`STRIKE_REACH` words after it,
    whose first actor named within :data:`TARGET_REACH` words after that is the *forces* of
    one camp (a ``troops`` word from the target word to the name: «على الجيش السوري», «على
    قوات موالية للنظام», «مواقع للجيش العربي السوري»), in a sentence naming the other camp
    too, is one camp's forces struck by the other: confrontation (no word with «و» between the
    target word and the name: «هجوم على الرقة، وتقدم قوات النظام» is two clauses). Strikes on a terrorist group
    («غارات التحالف على مواقع داعش قرب قوات النظام»), on sites of a government told as a
    punishment («ضربات صاروخية على مواقع تابعة للحكومة السورية … رداً على الهجوم
    الكيماوي») or on an unnamed target («أطلقتا 59 صاروخاً على القاعدة») are not."""
    if "strike" not in ev.index:
        return
    named = sorted((w, side) for w, side, _ in ev.mentions)
    on = [j for j, w in enumerate(ev.words) if w in _ONS] if named else []
    for i in ev.where("strike"):
        for j in sorted(ev.where("target") + on):
            if not i < j <= i + STRIKE_REACH:
                continue
            first = next(((w, side) for w, side in named if j < w <= j + TARGET_REACH), None)
            camp = _camp(first[1]) if first and ev.has("troops", j, first[0]) and not any(
                w.startswith("و") for w in ev.words[j + 1:first[0]]) else None
            if camp and any(_camp(side) not in (None, camp) for _, side in named):
                ev.added.add("confrontation")
                return


def _camp(side: str) -> str | None:
    return "us" if side in US_CAMP else "ru" if side in RU_CAMP else None


def rule_blame(ev: Evidence, rules: FrameRules) -> None:
    """R4, R8: a ``blame`` verb («حمّل») with a ``liability`` word within :data:`BLAME_REACH`
    words after it, its subject and object between them («حمّل وزير الخارجية ريكس تيلرسون
    موسكو مسؤولية الإخفاق»), lays the blame on someone: confrontation."""
    for i in ev.where("blame"):
        if ev.has("liability", i + 1, i + BLAME_REACH):
            ev.added.add("confrontation")
            return


def rule_intercept(ev: Evidence, rules: FrameRules) -> None:
    """R8: an ``intercept`` verb (intercepting, ramming, chasing) with both camps named within
    :data:`INTERCEPT_REACH` words after it is one camp's forces stopping the other's: confrontation
    («اعترضت مدرعات أمريكية رتلاً روسياً», «صدمت مركبة روسية مدرعة أمريكية»). An objection
    («اعترضت موسكو على القرار», «على» right after the verb) is not."""
    for i in ev.where("intercept"):
        if i + 1 < len(ev.words) and ev.words[i + 1] == _ON:
            continue
        camps = {_camp(side) for w, side, _ in ev.mentions if i < w <= i + INTERCEPT_REACH}
        if {"us", "ru"} <= camps:
            ev.added.add("confrontation")
            return
