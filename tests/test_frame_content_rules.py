"""The decision rules added for issue 12 (``analysis/framing/content_rules.py`` and the
changes to ``decisions.py``), as tables of invented sentences with the frames a coder
following ``shared/CODEBOOK-FRAMES.md`` gives them: each rule with cases it changes and
cases it must leave alone. The gate (``sentence_gate``) must decide every one of them as
the plain rules do."""
from __future__ import annotations

import pandas as pd
import pytest
from conftest import frames_of

from analysis import actors, framing
from analysis.framing import frame_sentences

# R7: a military cue that is threatened, hypothetical, part of a name, a time anchor or
# the adjective «دورية» tells no operation; a strike told stays
EVENT_MENTIONS = [
    ("ولوّح الرئيس الأمريكي بتوجيه ضربات جديدة إلى دمشق.", "confrontation"),
    ("وهدد البنتاغون بشن غارات على مواقع الجيش السوري إذا استخدم السلاح الكيميائي مجدداً.", "confrontation"),
    ("وقال إن بلاده لن تنسق مع موسكو في أي عمليات عسكرية.", "confrontation"),
    ("وبحث الجانبان مستقبل معاهدة الصواريخ المتوسطة المدى.", "strategic_stability"),
    ("وقعت روسيا والولايات المتحدة مذكرة سلامة الطيران بعد شهر من بدء الغارات الروسية في سوريا.",
     "deconfliction"),
    ("ويجري الطرفان اختبارات دورية لقناة الاتصال.", "deconfliction"),
    ("واتهمت موسكو واشنطن بعدم استخدام قناة الاتصال قبل تنفيذ الضربة.", "confrontation"),
    ("ووصف الكرملين الضربات الأمريكية بأنها عدوان على دولة ذات سيادة.", "confrontation"),
    # R7: a withdrawal referred back to (with the article, no forces or starting verb before it)
    ("ونشرت الصحيفة تقريراً مطولاً عن الانسحاب.", ""),
    ("وسخر التلفزيون الرسمي من قرار الانسحاب في نشرته المسائية.", ""),
    # told events stay
    ("وأكملت القوات البريطانية الانسحاب من المطار.", "military_operations"),
    ("وشنت الطائرات الضربة فجر الخميس.", "military_operations"),
    ("وشنت الطائرات الروسية غارات على ريف إدلب.", "military_operations"),
    ("وبدأ انسحاب القوات الأمريكية من منبج.", "military_operations"),
    # «الانسحاب» with the article is as often the event itself as a reference back
    ("وبدأت القوات الأمريكية الانسحاب من نقطتين قرب الحدود.", "military_operations"),
    ("وقال الجيش إن الغارات استهدفت مخازن للأسلحة.", "military_operations"),
    ("وأعلنت وزارة الدفاع بدء عملية عسكرية في البادية.", "military_operations"),
    ("ورصدت دورية روسية تحركات قرب الحدود.", "military_operations"),
]


@pytest.mark.parametrize(("text", "expected"), EVENT_MENTIONS)
def test_mentions_of_operations(text, expected):
    assert frames_of(text) == [expected], text


# R3: a blow received or dealt to relations or an agreement is a breakdown, not a strike
BLOWS = [
    ("وتلقت الهدنة التي أعلنتها واشنطن وموسكو ضربة قاسية.", "confrontation"),
    ("ووصف الكرملين القرار بأنه ضربة كبيرة للعلاقات الروسية الأمريكية.", "confrontation"),
    ("ووجهت المقاتلات الأمريكية ضربة إلى مطار الشعيرات.", "military_operations"),
]


@pytest.mark.parametrize(("text", "expected"), BLOWS)
def test_blows(text, expected):
    assert frames_of(text) == [expected], text


# R8: a clash of the two camps' forces is confrontation too; a clash of others is not
CLASHES = [
    ("ووقع اشتباك بين القوات الأمريكية وقوات النظام السوري شرق الفرات.",
     "confrontation;military_operations"),
    ("واندلعت اشتباكات عنيفة بين فصائل المعارضة وتنظيم داعش.",
     "counter_terrorism;military_operations"),
    # R8: a killing or a downing told, with both camps named, is hostile between them ...
    ("وقتلت غارات للتحالف الدولي بقيادة واشنطن جنوداً من الجيش السوري قرب دير الزور.",
     "confrontation;military_operations"),
    ("وأسقطت مقاتلة أمريكية طائرة تابعة للجيش السوري فوق ريف الرقة.", "confrontation;military_operations"),
    # ... not when the victims are a terrorist group, nor with one camp only
    ("وقتلت غارات روسية وأمريكية عشرات من مسلحي داعش في البادية.", "counter_terrorism;military_operations"),
    ("وقتل جنديان روسيان في انفجار لغم قرب حماة.", "military_operations"),
    # ... nor a death toll of the war far from where the camps are named
    ("وقالت واشنطن في تقرير سنوي إن روسيا وقفت إلى جانب الحكومة السورية طوال حرب أدت منذ عام 2011 إلى "
     "مقتل مئات الآلاف من المدنيين.", "military_operations"),
]


@pytest.mark.parametrize(("text", "expected"), CLASHES)
def test_clashes_of_the_camps(text, expected):
    assert frames_of(text) == [expected], text


# R9: working with terrorists is an accusation; working against them is cooperation
PARTNERS = [
    ("واعتبرت دمشق أن الضربة تجعل واشنطن شريكاً للتنظيمات الإرهابية.", "confrontation;counter_terrorism"),
    ("واتهمت موسكو التحالف بالتنسيق مع جبهة النصرة.", "confrontation;counter_terrorism"),
    ("واتفق البلدان على التعاون في مكافحة الإرهاب.", "cooperation;counter_terrorism"),
    ("وأكدت روسيا والولايات المتحدة التنسيق ضد تنظيم داعش.", "cooperation;counter_terrorism"),
    ("وأشاد بالشراكة مع القوات التي تقاتل تنظيم داعش.", "cooperation;counter_terrorism"),
]


@pytest.mark.parametrize(("text", "expected"), PARTNERS)
def test_partners_of_terrorists(text, expected):
    assert frames_of(text) == [expected], text


# R6: meetings and discussions of the two camps with no subject stated are diplomacy; talks
# whose subject is a deconfliction mechanism are deconfliction only; R7: talks that set the
# scene add no diplomacy
TALKS = [
    ("التقى الجنرال جوزيف دانفورد نظيره الروسي فاليري غيراسيموف في فيينا.", "diplomacy"),
    ("وبحث لافروف مع نظيره الأمريكي ريكس تيلرسون في موسكو الأزمة السورية.", "diplomacy"),
    ("ومن المقرر أن يزور وزير الخارجية ريكس تيلرسون موسكو الأسبوع المقبل.", "diplomacy"),
    ("وبحث شويغو مع نظيره الأمريكي في اتصال هاتفي فتح قناة اتصال عسكرية.", "deconfliction"),
    ("والتقى الجنرالان الروسي والأمريكي لبحث إجراءات تجنب الحوادث بين طائراتهما.", "deconfliction"),
    ("وقال غيراسيموف خلال اتصال هاتفي مع نظيره الأمريكي إن القوات الأمريكية انتهكت التفاهمات.",
     "confrontation"),
    ("وقال كيري عقب محادثات طويلة إن الخلافات ما زالت قائمة.", "confrontation"),
    # talks whose stated subject is arms control take that frame (R6: the frame of each subject)
    ("وناقش غيراسيموف ودانفورد قضايا الاستقرار الاستراتيجي.", "strategic_stability"),
    # a meeting that did not take place is no talks (the joint statement of the two is
    # cooperation, R1: a position they agree on; see tests/test_frame_coordination.py)
    ("وأصدر بوتين وترامب بيانا مشتركا رغم عدم عقد لقاء رسمي بينهما.", "cooperation"),
    # a meeting of others, or of one power's camp, is not US–Russia diplomacy by this rule
    ("والتقى وزير الخارجية التركي نظيره الإيراني في أنقرة.", ""),
    ("وقال الوزير الأمريكي في اجتماع لحلف شمال الأطلسي إن نظام الأسد يواصل هجماته.",
     "military_operations"),
]


@pytest.mark.parametrize(("text", "expected"), TALKS)
def test_talks_meetings_and_settings(text, expected):
    assert frames_of(text) == [expected], text


# R2: a negated cue is its own object (the mechanism named before it stays); a hypothetical
# breach breaks nothing; denial and refusal of cooperation are confrontation; a ceasefire
# that collapses is not coded as diplomacy (R3)
NEGATION = [
    ("وقال إن المذكرة تنص على خط اتصال بين الطرفين لكنها لا تعني تعاوناً مع روسيا.",
     "deconfliction;confrontation"),
    ("وتتولى لجنة من الجانبين معالجة أي خرق لقواعد سلامة الطيران.", "deconfliction"),
    ("ونفى الكرملين وجود أي تفاهم مع واشنطن حول مناطق النفوذ.", "confrontation"),
    ("ودعت موسكو إلى تعاون مشترك ضد داعش، وهو ما رفضته واشنطن.", "confrontation;counter_terrorism"),
    ("وانهار وقف إطلاق النار الذي أعلنته موسكو وواشنطن.", "confrontation"),
    ("وأعلنت واشنطن تعليق التزامها بمعاهدة الصواريخ النووية.", "confrontation;strategic_stability"),
]


@pytest.mark.parametrize(("text", "expected"), NEGATION)
def test_negation_scope_denial_and_refusal(text, expected):
    assert frames_of(text) == [expected], text


# R1: «الرامية إلى» states a purpose like «لتجنب»; an understanding with a purpose clause is
# deconfliction only, an improved understanding without one is cooperation
PURPOSE = [
    ("وسمح القرار بالاتصالات العسكرية الرامية إلى تفادي الحوادث مع روسيا.", "deconfliction"),
    ("ويفصل النهر بين القوات الأمريكية والروسية بموجب تفاهم بين الجانبين لتفادي الاحتكاك.", "deconfliction"),
    ("وأشاد المسؤول بتحسن التفاهم بين موسكو وواشنطن.", "cooperation"),
]


@pytest.mark.parametrize(("text", "expected"), PURPOSE)
def test_purpose_clauses(text, expected):
    assert frames_of(text) == [expected], text


# R2: «تعليق» is a suspension of what follows it, not a comment («لم يصدر تعليق فوري»)
COMMENT = [
    ("ولم يصدر تعليق فوري من موسكو على الاتفاق.", "diplomacy"),
    ("ورفض المتحدث التعليق على الاتفاق مع واشنطن.", "diplomacy"),
    ("وأعلنت موسكو تعليق الاتفاق مع واشنطن.", "confrontation"),
]


@pytest.mark.parametrize(("text", "expected"), COMMENT)
def test_comment_is_no_suspension(text, expected):
    assert frames_of(text) == [expected], text


# R8: a pair word followed by a third party stands for that pair; US domestic criticism is
# not coded but a ban on cooperation with Russia and rivalry with Russia are
SIDES = [
    ("وتعمل الوحدات الروسية على منع أي اشتباك بين الجيشين السوري والتركي.", ""),
    # the 1974 Golan disengagement is Israel's and Syria's: diplomacy, no deconfliction
    ("وأكد الجانب الروسي التزامه باتفاق فك الاشتباك بين القوات الإسرائيلية والسورية.", "diplomacy"),
    ("وأكد الجانبان الروسي والأمريكي تجنب الحوادث بين الجيشين.", "deconfliction"),
    ("وحظر الكونغرس التعاون العسكري مع روسيا.", "confrontation"),
    ("وانتقد أعضاء في الكونغرس الرئيس بسبب تساهله مع موسكو.", ""),
    ("وحذر مشرعون في الكونغرس من أن القرار يترك الساحة لروسيا.", "confrontation"),
]


@pytest.mark.parametrize(("text", "expected"), SIDES)
def test_pair_words_and_domestic_politics(text, expected):
    assert frames_of(text) == [expected], text


# R1, R7: in a sentence reporting the two powers' deconfliction, a definite military noun
# names the activity kept apart or notified, not an operation told; an indefinite one (an
# operation told) stays, and so does any where R8 leaves no US–Russian deconfliction
DECONFLICTED = [
    ("وأبلغت القيادة الروسية الجانب الأمريكي مسبقاً بمسار الدورية عبر قناة منع الاشتباك.", "deconfliction"),
    ("وبحث الضباط الروس والأمريكيون سبل تجنب الاحتكاك بين العمليات العسكرية للبلدين في شرق الفرات.",
     "deconfliction"),
    ("وتتبادل موسكو وواشنطن عبر الخط الساخن مواعيد الغارات لتفادي الحوادث.", "deconfliction"),
    ("وسيرت القوات الروسية دورية جديدة بعد إبلاغ الجانب الأمريكي عبر خط منع التصادم.",
     "deconfliction;military_operations"),
    ("وقصفت الطائرات الأمريكية مطاراً عسكرياً بعد إبلاغ الروس عبر قناة منع الحوادث.",
     "deconfliction;military_operations"),
    ("وقالت أنقرة إن الدوريات تجري بالتنسيق مع الجانب الروسي لمنع أي اشتباك.", "military_operations"),
]


# R1, R7: an agreement of the two powers reported is cooperation; one only named with the
# article (the US–Russian truce as the subject or object of something else) is not
AGREEMENTS = [
    ("وأعلنت موسكو وواشنطن اتفاقاً على وقف إطلاق النار في الجنوب السوري.", "cooperation;diplomacy"),
    ("وتوصلت روسيا والولايات المتحدة إلى اتفاق حول تبادل الأسرى.", "cooperation;diplomacy"),
    ("وتساءلت الصحيفة الروسية عن مصير الهدنة الأمريكية الروسية في حلب.", "diplomacy"),
    ("وقال دبلوماسي إن الاتفاق الروسي الأمريكي يواجه اختباراً صعباً في إدلب.", "diplomacy"),
]


@pytest.mark.parametrize(("text", "expected"), AGREEMENTS)
def test_agreements_reported_or_named(text, expected):
    assert frames_of(text) == [expected], text


@pytest.mark.parametrize(("text", "expected"), DECONFLICTED)
def test_deconflicted_activities(text, expected):
    assert frames_of(text) == [expected], text


def test_the_gate_decides_as_the_rules_on_these_sentences():
    tables = (EVENT_MENTIONS, BLOWS, CLASHES, PARTNERS, TALKS, NEGATION, SIDES, PURPOSE, COMMENT, DECONFLICTED,
              AGREEMENTS)
    texts = [t for table in tables for t, _ in table]
    docs = pd.DataFrame({"doc_id": [f"d{i:02d}" for i in range(len(texts))], "title": [""] * len(texts),
                         "body": texts})
    hits, mentions = framing.find_cues(docs), actors.find_mentions(docs)
    assert frame_sentences(docs, hits, mentions).equals(framing.decide_every_sentence(docs, hits, mentions))
