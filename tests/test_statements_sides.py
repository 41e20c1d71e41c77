"""Speakers and sides of the third round of statement rules (issue 12): position verbs and
participles, fused formulae with «لما», quoted names as speakers, the regime's army and the
opposition named by their descriptions, nationality adjectives inside a subject. Invented
sentences, each read for its expected (verb lemma, speaker side)."""
from __future__ import annotations

import pytest
from test_statements import listed, statements

SIDES = [
    # position verbs and participles of a stated condition, reservation, doubt, praise
    ("وتحفظت الخارجية الروسية على المقترح الأمريكي", [("الخارجية الروسية", "RUS_MFA")],
     [("تحفظ", "russia")]),
    ("ورحب البنتاغون بالخطوة، مشترطاً انسحاب الميليشيات من المنطقة",
     [("البنتاغون", "US_DOD")], [("رحب", "us"), ("اشترط", "us")]),
    ("واشترطت موسكو وقف الدعم الأمريكي للفصائل", [("موسكو", "RUS")], [("اشترط", "russia")]),
    ("وقال لافروف إن الاتفاق صامد، ومشككاً في نوايا الجانب الآخر",
     [("لافروف", "LAVROV")], [("قال", "russia"), ("شكك", "russia")]),
    ("وأكد الرئيس بشار الأسد أن الحرب مستمرة، مثمّناً الدعم الروسي",
     [("بشار الأسد", "SYR_GOV")], [("اكد", "syria_gov"), ("ثمن", "syria_gov")]),
    # a relative clause of a verb with an object: the antecedent sets the condition
    ("وهو ما رفضته أنقرة التي تشترط انسحاب المقاتلين الأكراد",
     [("أنقرة", "TUR")], [("رفض", "other"), ("اشترط", "other")]),
    # «وفقاً لما ذكرته X» is one entry of X; «بحسب ما نقلته وكالة … عن Y» is Y's
    ("وعادت الطائرات إلى قواعدها، وفقاً لما ذكرته وزارة الدفاع الروسية",
     [("وزارة الدفاع الروسية", "RUS_MOD")], [("وفق", "russia")]),
    ("ووصلت التعزيزات أمس، بحسب ما نقلته وكالة رويترز عن مسؤولين في البنتاغون",
     [("رويترز", "REUTERS"), ("البنتاغون", "US_DOD")], [("بحسب", "us")]),
    # a nationality adjective is part of the subject, not the object of an accusation
    ("وتتهم الإدارة الأمريكية دمشق باستخدام أسلحة محرمة",
     [("الأمريكية", "USA"), ("دمشق", "SYR_GOV")], [("اتهم", "us")]),
    # the regime's army and the opposition by their descriptions
    ("وأعلن الجيش النظامي السيطرة على التلال المحيطة", [], [("اعلن", "syria_gov")]),
    ("وقالت القوات النظامية إنها صدت هجوماً", [], [("قال", "syria_gov")]),
    ("فيما قالت فصائل في المعارضة إنها لن تنسحب", [], [("قال", "opposition")]),
    # a quoted name right after the verb is its subject; outside the codebook it is other
    ('وأعلن "الائتلاف الوطني" المعارض رفضه للخطة', [], [("اعلن", "opposition")]),
    ("وأفادت «الشبكة السورية لحقوق الإنسان» بسقوط قتلى", [], [("افاد", "other")]),
    ("وتحفظت فصائل «جيش الفتح» المعارضة على الهدنة", [], [("تحفظ", "opposition")]),
    # «مذكّراً», «مذكّرين»: reminding is a further claim of the same speaker
    ("وأعلن البنتاغون تمديد المهمة، مذكّراً بأن القوات باقية", [("البنتاغون", "US_DOD")],
     [("اعلن", "us"), ("ذكر", "us")]),
    # the antecedent of a relative clause may be followed by its other name in parentheses
    ("واستؤنفت الاتصالات بحسب وزارة الدفاع الأمريكية (البنتاغون)، التي أكدت أن الخط يعمل",
     [("وزارة الدفاع الأمريكية", "US_DOD"), ("البنتاغون", "US_DOD")],
     [("بحسب", "us"), ("اكد", "us")]),
    # an indefinite accusative ends the subject: it is the predicate or an adverb
    ("وهو ما يراه مسؤولون دليلاً على التقارب الأمريكي", [], [("راي", "")]),
    ("وأكدت الخارجية الروسية مراراً أن الاتصالات مستمرة", [("الخارجية الروسية", "RUS_MFA")],
     [("اكد", "russia")]),
    # a bare name takes the nationality of the title that introduced it
    ("والتقى السفير الأمريكي جيمس جيفري بالمعارضة. وقال جيفري إن الحوار مفيد", [],
     [("قال", "us")]),
    ("وحضر الاجتماع جيمس جيفري. وقال جيفري إن الحوار مفيد", [], [("قال", "")]),
    # a title and a name outside the codebook: an identified source, other
    ("وقال وزير الخارجية الأردني أيمن الصفدي إن الهدنة صامدة", [], [("قال", "other")]),
    ("وأفاد مراسل شبكة شام بأن القصف توقف", [], [("افاد", "other")]),
    ("وقال رئيس المجلس المحلي إن القصف توقف", [], [("قال", "")]),
    ("وقال قائد ميداني إن القصف توقف", [], [("قال", "")]),
    # a form as often a noun is a verb with its subject before it and «أن» after it
    ("غير أن لافروف رأى أن الضربة أضرت بالعلاقات", [("لافروف", "LAVROV")], [("راي", "russia")]),
    ("والبنتاغون توقع أن تستمر العمليات", [("البنتاغون", "US_DOD")], [("توقع", "us")]),
    # sources in a capital are where they are, not whom they speak for
    ("ووفق مصادر دبلوماسية في موسكو، فإن الاتفاق صامد", [("موسكو", "RUS")], [("وفق", "")]),
    ("وقال مسؤولون في البنتاغون إن الاتفاق صامد", [("البنتاغون", "US_DOD")], [("قال", "us")]),
    # «وهو ما اعتبرته خرقاً»: the predicate follows, the speaker is the implicit subject
    ("وأكدت الخارجية الروسية أن الطائرة اخترقت الأجواء، وهو ما اعتبرته انتهاكا صريحا للسيادة",
     [("الخارجية الروسية", "RUS_MFA")], [("اكد", "russia"), ("اعتبر", "russia")]),
    # (a subject, not a predicate; Washington's allies are not Washington: no side given)
    ("وأكدت الخارجية الروسية أن الطائرة اخترقت الأجواء، وهو ما اعتبره حلفاء واشنطن تصعيدا",
     [("الخارجية الروسية", "RUS_MFA"), ("واشنطن", "USA")], [("اكد", "russia"), ("اعتبر", "")]),
]


@pytest.mark.parametrize("text, names, expected", SIDES)
def test_the_side_of_the_speaker(text, names, expected):
    assert listed(text, names) == expected


NOT_STATEMENTS = [
    "وتحفظ القوات أمنها بنفسها",  # the bare «تحفظ»: the imperfect of حفظ, or a noun
    "وكان للحكومة تحفظ على البند الثالث",  # the noun
    "وارتفع ثمن الوقود في المدينة",  # «ثمن»: price
    "ووقعت مذكرة التفاهم بين الجانبين في تشرين الأول",  # a memorandum
    "وجاءت ردود الفعل متحفظة على الاتفاق",  # an adjective: no comma, no و
    "وهذا رأي أن الضربة مؤذية",  # «رأي»: an opinion, with no subject before it
]


@pytest.mark.parametrize("text", NOT_STATEMENTS)
def test_not_a_statement(text):
    assert listed(text, []) == []


def test_a_quotation_after_a_verb_is_not_its_speaker():
    """«وأضاف "…"» with a quotation, not a name: the previous speaker goes on."""
    st = statements('وقال لافروف إن الحوار مستمر. وأضاف "نحن لن نسمح بذلك أبداً في أي حال".',
                    [("لافروف", "LAVROV")])
    assert list(st["speaker_side"]) == ["russia", "russia"]
    assert list(st["basis"])[1] == "previous"


def test_one_quoted_word_after_a_verb_is_its_object():
    """«أعلن "الخلافة"»: one quoted word is what was declared, not who declared it."""
    st = statements('وسيطر التنظيم على المدينة وأعلن "الخلافة" فيها.', [])
    assert "الخلافة" not in list(st["speaker"])
