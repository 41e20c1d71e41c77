"""Confrontation and military operations that the cue lexicon alone misses or mis-reads
(``analysis/framing/hostility.py``, ``movements.py``, ``content_rules.rule_deconflicted_activity``
and the cue rows for threats, reservations and military activity in ``data/frames.tsv``), as tables of
invented sentences with the frames a coder following ``shared/CODEBOOK-FRAMES.md`` gives them:
cases each rule changes and near-misses it must leave alone. The gate (``sentence_gate``)
must decide every one of them as the plain rules do."""
from __future__ import annotations

import pandas as pd
import pytest
from conftest import frames_of

from analysis import actors, framing
from analysis.framing import frame_sentences

# R9, R8: shielding, backing or saving a terrorist group, or not fighting it, is a
# terrorism-based accusation (confrontation); shielding others *from* the group, backing the
# fight against it, or the same words between third parties are not
PATRONS = [
    ("وقالت موسكو إن الأمريكيين يدافعون عن داعش في البادية.", "confrontation;counter_terrorism"),
    ("ورأت دمشق أن القوات الأميركية وفرت ملاذاً آمناً للإرهابيين قرب التنف.", "confrontation;counter_terrorism"),
    ("وأكد الكرملين أن التحالف الدولي لم يحارب تنظيم داعش يوماً.", "confrontation;counter_terrorism"),
    ("وقال المندوب السوري إن واشنطن تسعى إلى إنقاذ الإرهابيين في إدلب.", "confrontation;counter_terrorism"),
    ("فيما قالت روسيا إن البنتاغون يؤوي فلول تنظيم الدولة في مخيم الركبان.", "confrontation;counter_terrorism"),
    # near-misses
    ("وقالت واشنطن إن قواتها باقية لحماية المدنيين من داعش.", "counter_terrorism"),
    ("وتعهدت موسكو بدعم جهود مكافحة الإرهاب في سوريا.", "counter_terrorism"),
    ("واتهمت دمشق أنقرة بحماية جبهة النصرة.", "counter_terrorism"),  # R8: Turkey
    ("ودخلت القوات الروسية البلدة دون قتال تنظيم داعش.",  # «دون»: no accusation; the entry is told
     "counter_terrorism;military_operations"),
]


@pytest.mark.parametrize(("text", "expected"), PATRONS)
def test_siding_with_terrorists(text, expected):
    assert frames_of(text) == [expected], text


# R3: harm done to relations or an agreement is confrontation; material damage is not;
# R5: a gain at the expense of one of the two powers is rivalry as a loss, at the expense of
# others (Syrians, IS, a partner of a power) it is not
HARM_AND_EXPENSE = [
    ("وقال بيسكوف إن الضربة ألحقت ضرراً بالغاً بالعلاقات الروسية الأمريكية.", "confrontation"),
    ("ورأى مسؤولون أمريكيون أن الخطوة الروسية أضرت بالعلاقات الثنائية.", "confrontation"),
    ("وألحق القصف أضراراً مادية بالمستشفى.", ""),  # «القصف» refers back (R7)
    ("ويرى محللون أن موسكو عززت نفوذها في المنطقة على حساب الولايات المتحدة.", "confrontation"),
    ("وتتوسع روسيا في الشرق الأوسط على حساب النفوذ الأميركي.", "confrontation"),
    ("وتتقدم قوات سوريا الديمقراطية داخل المدينة على حساب تنظيم داعش.",
     "counter_terrorism;military_operations"),
    ("وتتقاسم واشنطن وموسكو النفوذ على حساب السوريين.", ""),
    ("وسيطر الجيش السوري على القرى على حساب قسد.", ""),
]


@pytest.mark.parametrize(("text", "expected"), HARM_AND_EXPENSE)
def test_harm_to_relations_and_gains_at_a_powers_expense(text, expected):
    assert frames_of(text) == [expected], text


# R3, R7: withdrawing from a treaty is its breakdown, not a military withdrawal
WITHDRAWALS = [
    ("وانسحبت الولايات المتحدة من معاهدة الصواريخ متوسطة المدى مع روسيا.", "confrontation;strategic_stability"),
    ("واتهمت موسكو واشنطن بتقويض الأمن الأوروبي بعد انسحابها من معاهدة الأجواء المفتوحة.",
     "confrontation;strategic_stability"),
    ("وبدأ انسحاب القوات الروسية من قاعدة حميميم.", "military_operations"),
    ("وأكملت القوات الأمريكية انسحابها من منبج.", "military_operations"),
]


@pytest.mark.parametrize(("text", "expected"), WITHDRAWALS)
def test_withdrawal_from_a_treaty(text, expected):
    assert frames_of(text) == [expected], text


# cue rows: threats and warnings, reservations (R4), military activity; and R1, R7: in a
# deconfliction sentence a possessed plural that is exchanged or notified names the activities
# kept apart; a possessed singular is the event notified
CUES = [
    ("وأبدى مسؤولون في البنتاغون تحفظات على المقترح الروسي.", "confrontation"),
    ("وتحفظت فصائل المعارضة على الاتفاق.", "diplomacy"),  # the verb: mostly a third party on a truce
    ("وتحفظ الوثيقة سرية المراسلات.", ""),  # «تَحفظ»: keeps
    ("وقالت الخارجية الأمريكية إن واشنطن جاهزة للضرب مجدداً إذا استخدمت دمشق السلاح الكيميائي.",
     "confrontation"),
    ("وقالت وزارة الدفاع الروسية إن أي طائرة للتحالف تحلّق غرب النهر ستُعتبر هدفاً.", "confrontation"),
    ("وجاء ذلك بعد أيام من تلويح موسكو بشن هجوم على القوات الأمريكية في التنف.", "confrontation"),
    ("ونفذت المقاتلات الروسية أربعين طلعة فوق تدمر.", "military_operations"),
    ("وبدأت السفن الحربية الروسية مناورات واسعة في المتوسط.", "military_operations"),
    ("ورصد الأهالي رتلاً عسكرياً روسياً يتجه نحو تل تمر.", "military_operations"),
    ("وواصل الجيش السوري عملياته العسكرية في ريف إدلب.", "military_operations"),
    ("ولجأ الوزير إلى مناورة سياسية لكسب الوقت.", ""),
    ("ويتبادل العسكريون الروس والأمريكيون إحداثيات طلعاتهم يومياً لتفادي أي تصادم.", "deconfliction"),
    ("وأبلغت القيادة الروسية الجانب الأمريكي مسبقاً بتحرك دوريتها قرب المالكية.",
     "deconfliction;military_operations"),
    ("وتبادل الجيشان الأمريكي والروسي المعلومات حول عملياتهما الجوية لتجنب أي صدام.", "deconfliction"),
    ("وأكد كيري أن بلاده لن تتراجع عن غاراتها، مشدداً على أهمية منع الاشتباك بين الطائرات الأمريكية والروسية.",
     "deconfliction;military_operations"),  # not what is exchanged or notified
]


@pytest.mark.parametrize(("text", "expected"), CUES)
def test_threat_reservation_and_activity_cues(text, expected):
    assert frames_of(text) == [expected], text


# R8: one camp's forces struck by the other (the forces named right after the target word) is
# confrontation; strikes on IS, on a government's sites told as a punishment, or by a third
# state are operations only. R4: blame with «مسؤولية» after the verb's subject and object;
# cue rows for condemning, suspicion and polemics
STRIKES_AND_BLAME = [
    ("وشنت طائرات التحالف غارات على قوات موالية للحكومة السورية قرب التنف.", "confrontation;military_operations"),
    ("وقصفت المدفعية الأمريكية مواقع للجيش السوري شرق الفرات.", "confrontation;military_operations"),
    ("وقالت موسكو إن الطائرات الروسية استهدفت رتلاً لقوات سوريا الديمقراطية.", "confrontation;military_operations"),
    ("وشنت الولايات المتحدة وفرنسا ضربات على مواقع تابعة للحكومة السورية رداً على الهجوم الكيميائي.",
     "military_operations"),
    ("وشنت طائرات التحالف غارات على مواقع داعش قرب قوات النظام.", "counter_terrorism;military_operations"),
    ("وأغار الطيران الإسرائيلي على مواقع للجيش السوري قرب دمشق.", "military_operations"),
    ("وتستعد قسد لشن هجوم على الرقة، وتقدم قوات النظام المدعومة روسياً شرق حلب.", "military_operations"),
    ("وحمّل وزير الخارجية الأمريكي موسكو مسؤولية انهيار الهدنة.", "confrontation"),
    ("وحملت الطائرات مساعدات إنسانية إلى حلب.", ""),
    ("وقدمت روسيا مشروع قرار يدين الضربات الأمريكية.", "confrontation;diplomacy"),
    ("وقال المندوب الروسي إن الضربة جاءت في توقيت مريب.", "confrontation"),
    ("وشهدت الجلسة سجالاً حاداً بين المندوبين الأمريكي والروسي.", "confrontation"),
    # R8: one camp's forces intercepting or ramming the other's
    ("واعترضت مدرعات أمريكية رتلاً روسياً قرب القامشلي.", "confrontation;military_operations"),
    ("وصدمت مدرعة روسية دورية أمريكية قرب المالكية.", "confrontation;military_operations"),
    ("واعترضت الدفاعات الجوية السورية صواريخ أمريكية فوق حمص.", "confrontation;military_operations"),
    ("وتلاحق القوات العراقية فلول داعش في الصحراء.", "counter_terrorism"),
    # R9: «القاعدة» with a proclitic is as ambiguous as alone (the base); «تنظيم القاعدة» is not
    ("وانتشرت دوريات أمريكية في المنطقة المحيطة بالقاعدة.", "military_operations"),
    ("وأكد البيان ارتباط الجماعة بتنظيم القاعدة.", "counter_terrorism"),
]


@pytest.mark.parametrize(("text", "expected"), STRIKES_AND_BLAME)
def test_strikes_on_the_other_camp_and_blame(text, expected):
    assert frames_of(text) == [expected], text


# military_operations: the forces with a verb of movement, in either order, of any party;
# not a movement in a time anchor or a threat, nor the same verbs without the forces
MOVEMENTS = [
    ("وقالت وزارة الدفاع إن القوات الأمريكية غادرت قاعدة في ريف الحسكة.", "military_operations"),
    ("ودخلت وحدات من الجيش السوري مدينة الطبقة صباح اليوم.", "military_operations"),
    ("وأكد البنتاغون أن قواته ستبقى في التنف.", "military_operations"),
    ("والشرطة العسكرية الروسية تنتشر في القامشلي.", "military_operations"),
    ("وعززت القوات التركية مواقعها قرب عفرين.", "military_operations"),
    ("وغادر وزير الخارجية الأمريكي موسكو مساء أمس.", ""),
    ("ودخل الاتفاق حيز التنفيذ منتصف الليل.", "diplomacy"),
    ("وبعد أن غادرت القوات الأمريكية المنطقة، عاد الأهالي إلى منازلهم.", ""),
    ("وتعبر الشاحنات التجارية الحدود يومياً.", ""),
    ("وهدد البنتاغون بأن قواته ستدخل مناطق الجيش السوري.", "confrontation"),
    # a truce named with «لـ» is diplomacy, not hostility
    ("وأعلنت واشنطن وموسكو اتفاقهما على شروط وقف للأعمال العدائية في سوريا.", "cooperation;diplomacy"),
]


@pytest.mark.parametrize(("text", "expected"), MOVEMENTS)
def test_movements_of_the_forces(text, expected):
    assert frames_of(text) == [expected], text


def test_the_gate_decides_as_the_rules_on_these_sentences():
    texts = [t for table in (PATRONS, HARM_AND_EXPENSE, WITHDRAWALS, CUES, STRIKES_AND_BLAME, MOVEMENTS) for t, _ in table]
    docs = pd.DataFrame({"doc_id": [f"d{i:02d}" for i in range(len(texts))], "title": [""] * len(texts),
                         "body": texts})
    hits, mentions = framing.find_cues(docs), actors.find_mentions(docs)
    assert frame_sentences(docs, hits, mentions).equals(framing.decide_every_sentence(docs, hits, mentions))
