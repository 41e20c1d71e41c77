"""Cleaning, issue 13 fourth round: rows of page tools, wire sign-offs and codes, related
markers with any noun or outlet, trending bars, agency mastheads.

Every line here is invented (not copied from a held-out set): each rule has lines it must
remove and body lines, using the same words in a news sense, that it must keep.
"""
from __future__ import annotations

import pytest
from conftest import HEADLINE, P1, P2, assert_triggers_declared, line_labels

from analysis import clean
from analysis.clean import datelines

FURNITURE = [
    # rows of page tools, in any order and combination, with or without separators
    ("حفظ - تعليق", "tools"),
    ("إرسال الخبر | طباعة الخبر", "tools"),
    ("تعليقات (0) | طباعة", "tools"),
    ("نسخ الرابط | مشاركة", "tools"),
    ("شارك إكس فيسبوك تيليجرام", "tools"),
    ("فيسبوك تويتر لينكدإن نسخ الرابط", "tools"),
    ("تكبير الخط - تصغير الخط - طباعة", "tools"),
    ("A+ A- طباعة", "tools"),
    ("طباعة · PDF · البريد الإلكتروني", "tools"),
    ("تويتر فيسبوك واتساب بريد", "tools"),
    ("الإبلاغ عن خطأ في الخبر", "tools"),
    # related markers with any noun, or naming the outlet
    ("قضايا ذات علاقة", "related"),
    ("التقارير ذات الصلة", "related"),
    ("روابط ذو صلة", "related"),
    ("اقرأ على موقعنا", "related"),
    ("طالع في الشروق", "related"),
    ("اقرأ أيضاً في النهار", "related"),
    ("الأكثر قراءة في الموقع", "related"),
    # trending bars of hashtags
    ("ترند: #هدنة_حلب #مونديال_قطر", "tags"),
    ("الأكثر بحثاً #إدلب #الليرة", "tags"),
    ("#منبج | #الرقة", "tags"),
    # agencies as mastheads
    ("وكالة أنباء الإمارات (وام)", "masthead"),
    ("وكالة الأنباء العراقية", "masthead"),
    ("وكالة معا للأنباء", "masthead"),
    ("وكالة الأناضول", "masthead"),
    # newsletter and app promos, desks signing a story
    ("سجّل في نشرة الصباح", "newsletter"),
    ("انضموا إلى نشرتنا", "newsletter"),
    ("احصل على التطبيق", "follow"),
    ("تابع الأخبار العاجلة عبر تطبيقنا", "follow"),
    ("رصد وتحرير: سامر خليل", "byline"),
    ("حرر بواسطة: نادين يوسف", "byline"),
]

NEWS_USES = [
    # networks, tools and hashtags in a news sense
    "حجبت السلطات فيسبوك وتويتر وواتساب بعد الاحتجاجات.",
    "فيسبوك وتويتر",  # a subheading: networks joined by «و»
    "وأطلق ناشطون وسم #حلب_تحترق على تويتر للتنديد بالقصف.",
    "ودشن ناشطون وسم: #حلب_تحترق #أنقذوا_حلب",
    "طباعة العملة السورية في موسكو",
    "حفظ السلام في الجولان",
    "تعليق روسي على الضربة",
    "وقال إن الجانب الأمريكي لم يبلغ عن خطأ في الإحداثيات.",
    # related markers in a news sense
    "وبحث الوزيران ملفات ذات صلة بالأمن الإقليمي.",
    "اقرأ في الجريدة الرسمية نص القرار كاملا.",
    "الأكثر تداولاً بين السوريين هذه الأيام هو سعر الدولار.",
    "الترند: كيف تفاعل السوريون مع القمة؟",
    # agencies in sentences
    "نقلت وكالة الأنباء السورية (سانا) عن مصدر عسكري أن الدفاعات تصدت للصواريخ.",
    "وكالة الفضاء الروسية تطلق قمرا جديدا",
    # promos' words in reports
    "سجل في نشرة الأخبار خبر عاجل عن القمة.",
    "وأكد أن تطبيقنا للاتفاق سيكون كاملا.",
    "رصد المرصد السوري خروقات للهدنة في ريف حماة.",
]


@pytest.mark.parametrize("line, kind", FURNITURE)
def test_furniture_classes_of_the_fourth_round(line, kind):
    assert clean.furniture_kind(line) == kind


@pytest.mark.parametrize("line", ["حفظ • تعليق • أبلغ عن خطأ", "#منبج | #الرقة | #دير_الزور",
                                  "طباعة | إرسال | حفظ"])
def test_rows_of_three_with_bars_or_bullets_are_furniture_too(line):
    assert clean.furniture_kind(line) is not None  # (the navigation rows may take them)


@pytest.mark.parametrize("line", NEWS_USES)
def test_the_same_words_in_news_sentences_are_kept(line):
    assert clean.furniture_kind(line) is None


@pytest.mark.parametrize("line", [f for f, _ in FURNITURE] + NEWS_USES)
def test_the_new_rules_declare_their_triggers(line):
    assert_triggers_declared(line)


# --- wire codes: sign-offs, initials, an agency and its editors' names -----------------------

@pytest.mark.parametrize("line, expected", [
    ("(انتهى)", True),
    ("//انتهى//", True),
    ("-النهاية-", True),
    ("(النهاية) م ع ع / ر ج", True),
    ("انتهى ص ف / ه ن", True),
    ("ع ق / ن م ك", True),
    ("م.ع/ح.س", True),
    ("--(قنا) ر ب/ س ع", True),
    ("وام/ع ا/ز م", True),
    ("(كونا)", True),
    ("/واس/", True),
    ("وام/سامي حداد/نادر جميل", True),
    ("رويترز / هالة سعيد", True),
    # not codes
    ("النهاية", False),  # a subheading in a feature: no bracket, dash or slash
    ("انتهى", False),
    ("انتهى الاجتماع دون اتفاق.", False),
    ("وقال المتحدث: \"النهاية قريبة لتنظيم داعش\".", False),
    ("وأضاف أن الحوار (انتهى) عمليا.", False),
    ("وام: الإمارات ترحب بالاتفاق", False),
    ("رويترز: واشنطن تدرس الرد على الهجوم", False),
    ("من هو؟", False),
    ("ترامب / بوتين / أردوغان", False),  # no agency before the names
    ("(داعش) في الرقة", False),
])
def test_wire_codes(line, expected):
    assert datelines.is_wire_code(clean.line_key(line), clean.load_cues()) is expected


def test_a_wire_story_ends_with_its_sign_off_codes_and_tools():
    lines = [HEADLINE, "جنيف (قنا) -- " + P1, P2, "(انتهى)", "ر ب / س ع", "طباعة | أرسل لصديق"]
    assert line_labels(lines) == [("title", ""), ("body", ""), ("body", ""), ("furniture", "wire_code"),
                              ("furniture", "wire_code"), ("furniture", "tools")]


def test_a_subheading_the_end_and_a_quoted_line_stay():
    lines = [HEADLINE, P1, "النهاية", P2, "\"انتهى زمن الحروب بالوكالة\"، قال الوزير."]
    assert [label for label, _ in line_labels(lines)] == ["title", "body", "body", "body", "body"]


def test_an_agency_masthead_gives_way_to_the_headline():
    lines = ["وكالة أنباء الإمارات (وام)", "الأحد 6 ديسمبر 2026", HEADLINE, "شارك | طباعة", P1, P2,
             "وام/سامي حداد/نادر جميل"]
    labels = line_labels(lines)
    assert labels[0] == ("furniture", "masthead") and labels[2] == ("title", "")
    assert labels[3] == ("furniture", "tools") and labels[-1] == ("furniture", "wire_code")
    assert [label for label, _ in labels[4:6]] == ["body", "body"]


def test_a_trending_bar_above_the_headline_is_not_the_headline():
    lines = ["صحيفة الأفق", "الأكثر بحثاً: #إدلب #الليرة #الدوري", HEADLINE, "الأفق - الرياض", P1, P2]
    labels = line_labels(lines)
    assert labels[1] == ("furniture", "tags") and labels[2] == ("title", "")
    assert labels[3] == ("dateline", "")


def test_teasers_under_a_related_marker_with_any_noun_or_the_outlet():
    for marker in ("قضايا ذات علاقة", "اقرأ في الأفق"):
        lines = [HEADLINE, P1, P2, marker, "افتتاح معرض للكتاب في العاصمة", "الأرصاد: أمطار متوقعة غدا"]
        assert [kind for _, kind in line_labels(lines)[3:]] == ["related", "related", "related"]


def test_a_body_sentence_naming_networks_and_a_hashtag_stays():
    lines = [HEADLINE, P1, "حجبت السلطات فيسبوك وتويتر بعد انتشار وسم #لا_للحرب بين الشباب.", P2]
    assert [label for label, _ in line_labels(lines)] == ["title", "body", "body", "body"]
