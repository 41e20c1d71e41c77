"""The decision rules of ``analysis/framing/coordination.py`` (how the two powers work
together: cooperation, deconfliction, diplomacy), as tables of invented sentences with the
frames a coder following ``shared/CODEBOOK-FRAMES.md`` gives them: each rule with sentences
it changes and near misses it must leave alone. The gate (``sentence_gate``) must decide
every one of them as the plain rules do."""
from __future__ import annotations

import pandas as pd
import pytest
from conftest import frames_of

from analysis import actors, framing
from analysis.framing import frame_sentences

# R2 "notice before strikes": one camp notifying the other of a move (its route, the airspace,
# the strike) is deconfliction, with or without «مسبقاً»; notice of anything else is not
NOTICE = [
    ("واشنطن أبلغت موسكو بمسار طائراتها فوق دير الزور.", "deconfliction"),
    ("وقال البنتاغون إن الجيش الأمريكي أبلغ الجانب الروسي بالغارة قبل تنفيذها.", "deconfliction"),
    ("وأبلغت وزارة الدفاع الأميركية الجانب الروسي بفتح الأجواء أمام طائراتها.", "deconfliction"),
    ("وقال الجيش الأمريكي إنه أخطر الروس بمسارات طائراته فوق الفرات.", "deconfliction"),
    ("وأوضح أن الروس تعاملوا بهدوء عندما أبلغهم الأمريكيون بأنهم سيعبرون أجواءهم.", "deconfliction"),
    ("فيما أبلغت موسكو الأمريكيين بمواعيد تحرك قافلتها العسكرية.", "deconfliction"),
    # negated: confrontation (R2), not deconfliction
    ("وقال مسؤول روسي إن واشنطن لم تبلغ موسكو بمسار الطائرات.", "confrontation"),
    # notice of a position, or to a third party: no deconfliction
    ("وأبلغ بوتين الأسد أن موسكو ستواصل دعم دمشق.", ""),
    ("وأبلغ الجانب الإسرائيلي القيادة الروسية بمسار الطائرات.", ""),
]


@pytest.mark.parametrize(("text", "expected"), NOTICE)
def test_notice_of_a_move(text, expected):
    assert frames_of(text) == [expected], text


# R1, R6: «الاتصالات» are the channel where the sentence reports deconfliction, talks where it
# reports diplomacy; military contacts alone, and contacts beyond safety, are cooperation
CONTACTS = [
    ("وساهمت هذه الاتصالات، بحسب مسؤولين، في منع احتكاك بين القوات الأمريكية والروسية.", "deconfliction"),
    ("وقال ريابكوف إن الاتصالات مع الجانب الأميركي مستمرة، وإن الجانبين بحثا في جنيف التسوية السياسية.",
     "diplomacy"),
    ("وأعلنت موسكو استعدادها لتكثيف الاتصالات مع الجيش الأميركي في سوريا.", "cooperation"),
    ("وأبدت موسكو استعدادها لتوسيع الاتصالات مع واشنطن إلى ما هو أبعد من سلامة الطيران.", "cooperation"),
    ("وأكدت موسكو أنها تريد تعاوناً حقيقياً مع واشنطن في الحرب على الإرهاب، وليس مجرد قواعد لمنع الاصطدام.",
     "cooperation;counter_terrorism"),
]


@pytest.mark.parametrize(("text", "expected"), CONTACTS)
def test_contacts_channels_and_talks(text, expected):
    assert frames_of(text) == [expected], text


# R1, R2: exchanging information is cooperation; for safety, deconfliction only; refused,
# confrontation. Joint plans, statements and shared goals are cooperation
EXCHANGE = [
    ("وينص الاتفاق على أن يتبادل البلدان المعلومات الاستخباراتية عن مواقع المسلحين.", "cooperation;diplomacy"),
    ("وقال لافروف إن موسكو وواشنطن تتبادلان المعلومات عن مواقع المسلحين.", "cooperation"),
    ("ويتبادل الضباط الروس والأميركيون يومياً إحداثيات طلعاتهم لتفادي أي حادث.", "deconfliction"),
    ("وأكد أن واشنطن لن تتبادل مع موسكو أي معلومات عن الأهداف.", "confrontation"),
    ("وقال لافروف إن الجانبين يعملان على خطة مشتركة لإيصال المساعدات إلى حلب.", "cooperation"),
    ("وأعلنت روسيا والولايات المتحدة في بيان مشترك اتفاقهما على شروط الهدنة.", "cooperation;diplomacy"),
    ("وأضاف أن مركزاً مشتركاً للمراقبة سيقام في عمّان يعمل فيه ضباط أمريكيون وروس.", "cooperation"),
    # not an exchange of information
    ("وتبادل الجانبان الاتهامات أمس.", "confrontation"),
]


@pytest.mark.parametrize(("text", "expected"), EXCHANGE)
def test_exchange_and_joint_work(text, expected):
    assert frames_of(text) == [expected], text


# R1: the two sides stating one position agree beyond safety
STANCE = [
    ("وأكد الجانبان أهمية عودة الاستقرار إلى سوريا في أقرب وقت.", "cooperation"),
    ("وشدد البلدان على التزامهما بوحدة الأراضي السورية.", "cooperation"),
    ("وأعرب الطرفان عن ارتياحهما لسير المحادثات.", "cooperation;diplomacy"),
    # what they stress is deconfliction, or a disagreement: not cooperation
    ("وأكد الجانبان ضرورة تجنب الحوادث بين طائراتهما.", "deconfliction"),
    ("وأكد الجانبان استمرار الخلاف حول مصير الأسد.", ""),
    # one side stressing, or the two sides as an object: no joint stance
    ("وأكد لافروف أهمية عودة الاستقرار إلى سوريا.", ""),
    ("وأكد المتحدث أن الجانبين لم يتفقا بعد.", "confrontation"),
    # the two powers as the subject of a dual verb: one position, here an agreement on a truce
    ("واشنطن وموسكو تعلنان هدنة جديدة في حلب", "cooperation;diplomacy"),
    ("الولايات المتحدة وروسيا تؤكدان التزامهما بالحل السياسي في سوريا.", "cooperation;diplomacy"),
    ("واشنطن وموسكو تتبادلان الاتهامات بشأن حلب.", "confrontation"),
    # a ceasefire hoped for or called for is no agreement of the two; an agreement on one is
    ("وأوضح كيري أن بلاده تأمل في التوصل إلى وقف لإطلاق النار، داعياً روسيا إلى الضغط على دمشق.",
     "diplomacy"),
    ("وأعلنت الولايات المتحدة وروسيا اتفاقاً لوقف إطلاق النار في سوريا.", "cooperation;diplomacy"),
]


@pytest.mark.parametrize(("text", "expected"), STANCE)
def test_joint_stance(text, expected):
    assert frames_of(text) == [expected], text


# R7: an agreement, truce or zone that is the background of the sentence adds no frame
BACKGROUND = [
    ("ويأتي الاتفاق بعد أسابيع من التوتر بين الجانبين.", "confrontation"),
    ("وتأتي الهدنة بعد معارك عنيفة في ريف حلب.", "military_operations"),
    ("وقتل ثلاثة مدنيين في غارات على ريف إدلب رغم الهدنة.", "military_operations"),
    ("وتواصل قوات النظام هجومها قرب منطقة خفض التصعيد في درعا.", "military_operations"),
    ("وقصفت الطائرات الروسية مواقع في منطقة خفض التصعيد بإدلب.", "military_operations"),
    # the forces' advance is an operation told (movements.py); the agreement adds nothing
    ("وتقدمت القوات نحو المنطقة التي اتفقت عليها واشنطن وموسكو العام الماضي.", "military_operations"),
    # told, not background: the agreement, the zones created, the agreement reached
    ("واتفقت واشنطن وموسكو على إقامة منطقة خفض التصعيد في الجنوب.", "cooperation;diplomacy"),
    ("وأعلن الجانبان الاتفاق على هدنة جديدة في حلب.", "cooperation;diplomacy"),
    ("ويأتي هذا الاتفاق ثمرة محادثات استمرت أسابيع بين الأمريكيين والروس.", "diplomacy"),
]


@pytest.mark.parametrize(("text", "expected"), BACKGROUND)
def test_background_agreements(text, expected):
    assert frames_of(text) == [expected], text


# R6: diplomatic means whose subject is a deconfliction mechanism are deconfliction only
DIPLOMATIC_MEANS = [
    ("وقال إن بلاده ستعمل دبلوماسياً وعسكرياً لإعادة تفعيل خط منع الاشتباك مع روسيا.", "deconfliction"),
    ("وتتحرك موسكو دبلوماسياً لدى العواصم الغربية.", "diplomacy"),
]


@pytest.mark.parametrize(("text", "expected"), DIPLOMATIC_MEANS)
def test_diplomatic_means(text, expected):
    assert frames_of(text) == [expected], text


# R8: coordination with a power's ally (the SDF, the Syrian government) is not US–Russia cooperation
PARTNERS = [
    ("وقال قائد قوات سوريا الديمقراطية إن قواته تنسق مع الجانب الأميركي في دير الزور.", ""),
    ("ودعا لافروف واشنطن إلى أن تنسق عملياتها مع الحكومة السورية.", ""),
    ("وقال لافروف إن الشرطة العسكرية الروسية ستعمل بالتنسيق مع الأمريكيين.", "cooperation"),
    ("وأكدت موسكو أن التنسيق مع واشنطن مستمر.", "cooperation"),
]


@pytest.mark.parametrize(("text", "expected"), PARTNERS)
def test_coordination_with_allies(text, expected):
    assert frames_of(text) == [expected], text


# R3: far from an understanding; R1: a meeting called constructive, coordination under the memorandum
UNDERSTANDINGS = [
    ("وأشار محللون إلى أن الطرفين لا يزالان بعيدين عن أي تفاهم حول مستقبل سوريا.", "confrontation"),
    ("وقال إن واشنطن وموسكو باتتا بعيدتين عن التوافق.", "confrontation"),
    ("وجرت المحادثات بعيداً عن الأضواء.", "diplomacy"),
    ("والتقى جيفري نظيره الروسي في جنيف في اجتماع وصفه الطرفان بـ«البنّاء».", "cooperation;diplomacy"),
    ("ووصفت الخارجية الأمريكية المحادثات مع الروس بأنها مثمرة.", "cooperation;diplomacy"),
    ("وكان التنسيق بين الجيشين قد بدأ بموجب المذكرة التي وقعها الطرفان عام 2015.", "deconfliction"),
    ("وقال إن التنسيق بين الجيشين مستمر.", "cooperation"),
]


@pytest.mark.parametrize(("text", "expected"), UNDERSTANDINGS)
def test_understandings_meetings_memoranda(text, expected):
    assert frames_of(text) == [expected], text


# checks found on unseen sets: a halted strike is no breakdown (R2), an agreement named on a
# ceasefire is the powers' (R1), information about terrorists is no partnership (R9), an
# exchange listed after a negated cue is negated too (R2)
FOUND_UNSEEN = [
    ("وأوضح أن التحالف أوقف الضربة فوراً عندما أبلغه ضباط روس عبر خط الاتصال.", "deconfliction"),
    ("وعلقت موسكو العمل بمذكرة التفاهم.", "confrontation"),
    ("ويقضي الاتفاق الذي أعلنه كيري ولافروف بوقف الأعمال القتالية لمدة 48 ساعة.", "cooperation;diplomacy"),
    ("وقال إن موسكو مستعدة لتوسيع التعاون مع البنتاغون ليشمل تبادل المعلومات حول مواقع الإرهابيين.",
     "cooperation;counter_terrorism"),
    ("وأضاف أن الوثيقة لا تعني تعاوناً أو تبادلاً لمعلومات الأهداف مع موسكو.", "confrontation"),
]


@pytest.mark.parametrize(("text", "expected"), FOUND_UNSEEN)
def test_cases_found_on_unseen_sets(text, expected):
    assert frames_of(text) == [expected], text


# R1: an incident negated is safety kept; R8: «القوات الشريكة» names allies; R3: a truce shaken
SAFETY_AND_NAMES = [
    ("وقالت موسكو إنها على تواصل مع الجانب الأمريكي لضمان انسحاب قواته من المنطقة دون أي احتكاك.",
     "deconfliction;military_operations"),
    ("وأكد الجيش الروسي أن الدوريات الأمريكية والروسية مرت من دون أي تصادم.", "deconfliction"),
    ("وقال البنتاغون إن الضربة جاءت دون تنسيق مع موسكو.", "confrontation"),
    ("وقال التحالف إنه تصدى للطائرة دفاعاً عن القوات الشريكة قرب التنف.", ""),
    ("وأكدت واشنطن أن روسيا شريك في مكافحة الإرهاب.", "cooperation;counter_terrorism"),
    ("غارات التحالف على الجيش السوري تهز الهدنة الأميركية - الروسية", "confrontation;military_operations"),
]


@pytest.mark.parametrize(("text", "expected"), SAFETY_AND_NAMES)
def test_safety_kept_and_names_of_allies(text, expected):
    assert frames_of(text) == [expected], text


def test_a_joint_statement_of_several_states_is_not_the_powers_cooperation():
    text = "وفي بيان مشترك، دعت الولايات المتحدة وتركيا وفرنسا روسيا إلى وقف هجماتها على المدنيين."
    assert "cooperation" not in frames_of(text)[0].split(";")
    assert "cooperation" in frames_of("وأصدرت واشنطن وموسكو بياناً مشتركاً حول سوريا.")[0].split(";")


# the family the lexicon lacked: sparing an incident, rules of conduct, military channels
AVOIDING = [
    ("وأضاف أن الآلية نجحت في تجنيب طيران البلدين أي حادث منذ عام 2015.", "deconfliction"),
    ("ووقع الجانبان على قواعد السلوك في الأجواء السورية.", "deconfliction"),
    ("وقالت موسكو إن الاتصالات بين الطرفين ستجري عبر قنوات عسكرية مباشرة.", "deconfliction"),
]


@pytest.mark.parametrize(("text", "expected"), AVOIDING)
def test_avoiding_incidents(text, expected):
    assert frames_of(text) == [expected], text


def test_the_gate_decides_as_the_rules_on_these_sentences():
    texts = [t for table in (NOTICE, CONTACTS, EXCHANGE, STANCE, BACKGROUND, DIPLOMATIC_MEANS,
                                            PARTNERS, UNDERSTANDINGS, FOUND_UNSEEN, SAFETY_AND_NAMES,
                                            AVOIDING) for t, _ in table]
    docs = pd.DataFrame({"doc_id": [f"d{i:02d}" for i in range(len(texts))], "title": [""] * len(texts),
                         "body": texts})
    hits, mentions = framing.find_cues(docs), actors.find_mentions(docs)
    assert frame_sentences(docs, hits, mentions).equals(framing.decide_every_sentence(docs, hits, mentions))
