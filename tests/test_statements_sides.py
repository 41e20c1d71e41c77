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
