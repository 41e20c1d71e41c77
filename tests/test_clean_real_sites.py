"""Cleaning, issue 13 third round: classes of real-site furniture in their many forms.

Every line here is invented (not copied from a held-out set): each rule has lines it must
remove and body lines, using the same words in a news sense, that it must keep.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest
from conftest import HEADLINE, P1, P2, assert_triggers_declared, line_labels

from analysis import clean
from analysis.clean import datelines

FURNITURE = [
    # related markers in other wordings
    ("أخبار تهمك", "related"),
    ("مواضيع قد تعجبك", "related"),
    ("قصص قد تهمك أيضاً", "related"),
    ("قد يهمكم أيضا", "related"),
    ("لا يفوتك", "related"),
    ("نرشح لك", "related"),
    ("مختارات المحرر", "related"),
    ("ربما فاتك", "related"),
    ("على صلة", "related"),
    # share, send, print, save
    ("شارك هذا الخبر", "share"),
    ("شارك هذا الموضوع", "share"),
    ("مشاركة المقال عبر واتساب", "share"),
    ("أرسل الخبر لصديق", "share"),
    ("طباعة هذا التقرير", "share"),
    ("أضف إلى المفضلة", "share"),
    ("انشر على فيسبوك", "share"),
    ("مقالات أخرى للكاتب", "related"),
    ("محتوى ذو صلة", "related"),
    # font-size controls
    ("أ+ أ-", "system"),
    ("أ- | أ+", "system"),
    ("A+ A-", "system"),
    ("-ع +ع", "system"),
    ("تكبير النص", "system"),
    # counters, any digits
    ("قراءة: ١٢٥٤", "views"),
    ("عدد القراءات 3,410", "views"),
    ("شوهد 987 مرة", "views"),
    ("1254 views", "views"),
    # world and regional desks
    ("شرق أوسط", "navigation"),
    ("العالم العربي", "navigation"),
    ("عربي ودولي", "navigation"),
    ("إقليمي ودولي", "navigation"),
    ("الخليج والعالم", "navigation"),
    ("دوليات", "navigation"),
]

NEWS_USES = [
    "وقال إن الأخبار التي تهمك اليوم تتعلق بالهدنة في الجنوب.",
    "وأكد أن المواضيع التي قد تعجب موسكو لن تمر في مجلس الأمن.",
    "شارك هذا التقرير في صياغة الاتفاق عدد من الخبراء الروس.",
    "طباعة العملة السورية في روسيا",
    "وأضاف أن المفضلة لدى واشنطن هي الحلول الدبلوماسية.",
    "قراءة في الموقف الروسي",
    "وبلغ عدد القراءات للتقرير الأمريكي أكثر من ألف خلال ساعات.",
    "العالم العربي يترقب نتائج القمة",
    "تكبير الخطوة الروسية في الشمال",
    "لا يفوت الكرملين فرصة لانتقاد واشنطن.",
    "وانتقد الكاتب الروسي السياسة الأمريكية في مقالات عدة.",
    "محتوى الاتفاق لم ينشر بعد",
]


@pytest.mark.parametrize("line, kind", FURNITURE)
def test_furniture_classes_in_other_wordings(line, kind):
    assert clean.furniture_kind(line) == kind


@pytest.mark.parametrize("line", NEWS_USES)
def test_the_same_words_in_news_sentences_are_kept(line):
    assert clean.furniture_kind(line) is None


@pytest.mark.parametrize("line", [f for f, _ in FURNITURE] + NEWS_USES)
def test_the_new_rules_declare_their_triggers(line):
    assert_triggers_declared(line)


# --- lines that are only a date, in any calendar ---------------------------------------------

def _date_line(line: str) -> bool:
    return datelines.is_date_line(clean.line_key(line), clean.load_cues())


@pytest.mark.parametrize("line", [
    "الخميس 3 رمضان 1445 هـ",
    "السبت ١٥ شوال ١٤٤٠هـ",
    "الخميس 3 رمضان 1445 هـ الموافق 14 مارس 2024 م",
    "الأربعاء 21/أغسطس/2019 - 07:45 ص",
    "١٤ آذار ٢٠٢٤ - ٠٣:٢٠ م",
    "10:45 ص بتوقيت مكة المكرمة",
    "12:05 GMT",
    "06 - 12 - 2026",
])
def test_a_line_that_is_only_a_date_is_a_date_line(line):
    assert _date_line(line)


@pytest.mark.parametrize("line", [
    "وصلت القوات يوم الأحد 6 ديسمبر 2026 إلى منبج",
    "الأحد 23 صفر 1439 هـ موعد القمة",
    "عام 2015",
    "الجمعة",               # a weekday alone is no date
    "رمضان في دمشق",
    "في 30 سبتمبر 2015 بدأت روسيا غاراتها",
    "أيلول 2015",           # a month and a year: perhaps a timeline's subheading
    "ذو الحجة 1440",
    "2016",
])
def test_a_line_with_other_words_is_not_a_date_line(line):
    assert not _date_line(line)


@pytest.mark.parametrize("line, expected", [
    ("الأربعاء 21/أغسطس/2019 - 07:45 ص", "2019-08-21"),       # month between slashes
    ("نشر في 3 - مارس - 2020", "2020-03-03"),                  # between spaced dashes
    ("الخميس 3 رمضان 1445 هـ - 14 مارس 2024 م", "2024-03-14"),  # Hijri beside Gregorian
    ("السبت ١٥ شوال ١٤٤٠ هـ الموافق ١٥ يونيو ٢٠١٩", "2019-06-15"),
    ("آخر تحديث: 14 مارس 2024 - 10:45 ص بتوقيت مكة المكرمة", "2024-03-14"),
    # sentences that name a date (and a clock time): never stamps
    ("وأعلن الجيش في 12 نوفمبر 2017 الساعة 10:30 انتهاء العملية.", ""),
    ("وقال المتحدث إن الاجتماع سيعقد في 12 نوفمبر 2017 بتوقيت موسكو", ""),
    ("الاجتماع المقبل الثلاثاء 15 أكتوبر 2019 الساعة العاشرة صباحا في جنيف", ""),
])
def test_stamp_dates_in_other_shapes(line, expected):
    assert clean.stamp_date(line) == expected


def _docs(lines: list[str]) -> pd.DataFrame:
    raw = "\n".join(lines)
    return clean.clean(pd.DataFrame({"doc_id": ["x"], "outlet": [""], "published": [pd.NaT],
                                     "published_basis": [""], "raw": [raw]}))[0]


def test_hijri_widget_above_and_hijri_stamp_below_the_headline():
    lines = ["الخميس 3 رمضان 1445 هـ", HEADLINE, "الأربعاء 2 رمضان 1445 هـ - 13 مارس 2024 م", P1]
    assert line_labels(lines) == [("furniture", "date"), ("title", ""), ("stamp", "2024-03-13"), ("body", "")]
    assert _docs(lines).loc[0, "found_date"] == "2024-03-13"


def test_a_timeline_subheading_of_a_month_and_a_year_stays():
    lines = [HEADLINE, P1, "أيلول 2015", P2]
    assert [label for label, _ in line_labels(lines)] == ["title", "body", "body", "body"]


def test_a_body_sentence_with_a_date_and_a_time_stays():
    lines = [HEADLINE, P1, "وأعلن الجيش في 12 نوفمبر 2017 الساعة 10:30 انتهاء العملية.", P2]
    assert [label for label, _ in line_labels(lines)] == ["title", "body", "body", "body"]


# --- captions with a photo credit in brackets ------------------------------------------------

@pytest.mark.parametrize("line, expected", [
    ("بوتين وأردوغان في سوتشي (صورة: الكرملين)", True),
    ("الوزيران خلال المؤتمر الصحفي (تصوير: سامر خليل)", True),
    ("جنود أمريكيون قرب منبج (الصورة أرشيفية)", True),
    ("دورية روسية في ريف الحسكة - تصوير: أحمد علي", True),
    ("معارك حلب (صور)", False),                     # a gallery headline: no credit
    ("قال الوزير إن الصورة واضحة (صورة: الوزارة)", False),  # a reporting verb
])
def test_captions_end_with_a_photo_credit(line, expected):
    assert datelines.is_caption(clean.line_key(line), clean.load_cues()) is expected


def test_a_body_sentence_ending_with_a_photo_credit_stays():
    lines = [HEADLINE, P1, "ونشرت الوزارة صورة للاجتماع في قاعدة حميميم (صورة: وزارة الدفاع).", P2]
    assert [label for label, _ in line_labels(lines)] == ["title", "body", "body", "body"]


# --- source lines: a place or an outlet with a wire credit ----------------------------------

@pytest.mark.parametrize("line, expected", [
    ("دانانغ - وكالات", True),
    ("الوسط / رويترز", True),
    ("بيروت - خاص", True),
    ("جنيف - أ ف ب", True),
    ("الرياض ـ واس", True),
    ("حلب - قناة الإمداد", False),
    ("موسكو - واشنطن: تصعيد جديد", False),
    ("الرقة - معركة الحسم", False),
    ("واشنطن - قال مسؤول أمريكي إن وكالات الاستخبارات تتابع الوضع", False),
])
def test_wire_lines(line, expected):
    assert datelines.is_wire_line(line, clean.load_cues()) is expected


def test_a_source_line_below_the_body_is_furniture_and_not_the_dateline():
    lines = [HEADLINE, "واشنطن - " + P1, P2, "عواصم - وكالات"]
    assert line_labels(lines)[-1] == ("furniture", "source")
    assert _docs(lines).loc[0, "found_dateline"] == "واشنطن"


def test_a_source_line_under_the_headline_is_the_dateline():
    lines = ["الأحد 6 ديسمبر 2026", "جريدة الأفق", HEADLINE, "هانوي - وكالات", P1]
    assert line_labels(lines)[3] == ("dateline", "")


# --- a known place alone under a byline ------------------------------------------------------

def test_a_city_alone_under_the_byline_is_a_dateline():
    lines = [HEADLINE, "كتب: سامر خليل", "دمشق", P1, P2]
    assert [label for label, _ in line_labels(lines)] == ["title", "furniture", "dateline", "body", "body"]


def test_a_city_of_the_places_list_under_a_byline_with_its_name():
    lines = [HEADLINE, "سامر خليل", "الموصل", P1, P2]
    assert [label for label, _ in line_labels(lines)] == ["title", "furniture", "dateline", "body", "body"]


def test_a_headline_opening_with_a_city_is_no_dateline():
    lines = ["الموصل تستعد لمرحلة ما بعد التنظيم", P1]
    assert [label for label, _ in line_labels(lines)] == ["title", "body"]


def test_a_hijri_stamp_with_a_stamp_cue_and_no_gregorian_date_is_removed():
    lines = [HEADLINE, "نشر في: الأحد 26 جمادى الآخرة 1448 هـ - 10:45 م", P1]
    assert line_labels(lines)[1] == ("furniture", "date")


def test_a_city_as_a_subheading_in_the_body_stays():
    lines = [HEADLINE, P1, "حلب", P2]
    assert [label for label, _ in line_labels(lines)] == ["title", "body", "body", "body"]


# --- breaking-news tickers above the headline ------------------------------------------------

def test_a_ticker_above_the_headline_gives_way_to_it():
    lines = ["جريدة الأفق", "عاجل: ارتفاع أسعار الوقود في المحافظات اعتبارا من الغد", "أخبار دولية",
             HEADLINE, P1]
    assert line_labels(lines)[1] == ("furniture", "ticker")
    assert _docs(lines).loc[0, "title"] == HEADLINE


def test_two_tickers_above_the_headline():
    lines = ["عاجل | افتتاح معرض الكتاب الدولي", "خبر عاجل - نتائج مباراة القمة في الدوري", HEADLINE, P1]
    assert [k for _, k in line_labels(lines)[:3]] == ["ticker", "ticker", ""]
    assert _docs(lines).loc[0, "title"] == HEADLINE


def test_a_breaking_headline_stays_the_headline():
    lines = ["عاجل: بوتين يأمر بسحب القوات الروسية من سوريا", P1, P2]
    assert [label for label, _ in line_labels(lines)] == ["title", "body", "body"]


def test_a_breaking_headline_keeps_its_subheading():
    lines = ["عاجل: بوتين يأمر بسحب القوات من سوريا", "الكرملين يحدد موعد بدء سحب القوات", P1]
    assert [label for label, _ in line_labels(lines)] == ["title", "body", "body"]


def test_a_body_line_opening_with_breaking_in_a_news_sense_stays():
    lines = [HEADLINE, P1, "عاجل ما تحتاجه المدينة هو وقف القصف، بحسب الأمم المتحدة.", P2]
    assert [label for label, _ in line_labels(lines)] == ["title", "body", "body", "body"]


# --- a whole page -----------------------------------------------------------------------------

def test_a_gulf_site_page_with_hijri_dates_counters_and_teasers():
    lines = ["صحيفة الأفق", "الخميس 3 رمضان 1445 هـ - 14 مارس 2024 م", "إقليمي ودولي",
             "عاجل: انطلاق مهرجان التسوق الأسبوع المقبل", HEADLINE, "جنيف - وكالات",
             "الأربعاء 2 رمضان 1445 هـ - 13 مارس 2024 م", "قراءة: ٨٧٦", "أ+ أ-",
             "الوفدان قبل بدء الاجتماع (صورة: وكالات)", P1, P2, "شارك هذا الموضوع", "أخبار تهمك",
             "افتتاح سوق جديد للتمور في الأحساء", "الهلال يتصدر الدوري بفوز جديد"]
    labels = line_labels(lines)
    assert [i for i, (label, _) in enumerate(labels) if label in ("title", "body")] == [4, 10, 11]
    assert _docs(lines).loc[0, "found_date"] == "2024-03-13"


def test_date_words_come_from_the_date_layers_lexicon():
    cues = clean.load_cues()
    assert {"جمادي", "الاخره", "رمضان", "كانون", "دجنبر", "ديسمبر"} <= cues.months
    assert {"الثلثاء", "ه", "م", "gmt", "الموافق"} <= cues.date_words
    assert not any(re.search(r"[A-Z]", w) for w in cues.date_words)
