"""Date mentions: values, granularity, kind, modifiers, weekday checks, offsets, data files.

Expected values come from reading the Arabic and counting on a calendar. Reference
weekdays: 2019-09-05 is a Thursday, 2017-09-23 a Saturday, 2019-03-05 a Tuesday,
2018-06-09 a Saturday, 2015-09-18 a Friday.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from conftest import make_documents
from hypothesis import example, given, settings
from hypothesis import strategies as st

from analysis import dates, paths
from analysis.dates import fast, resolution, scan

THU = "2019-09-05"


def found(text, published=THU):
    df = dates.find_in_text(text, published=published)
    for row in df.itertuples():
        assert text[row.start:row.end] == row.surface
    return df


def pairs(text, published=THU):
    return [(r.surface, r.value) for r in found(text, published).itertuples()]


# --- absolute dates, every month series and spelling ---------------------------------------------

@pytest.mark.parametrize("text_in, expected", [
    ("وصل الوفد إلى دمشق في 12 تشرين الأول/أكتوبر 2015 لبحث التنسيق",
     [("12 تشرين الأول/أكتوبر 2015", "2015-10-12")]),
    ("أُعلن الاتفاق في 9 أيلول (سبتمبر) 2016 في جنيف", [("9 أيلول (سبتمبر) 2016", "2016-09-09")]),
    ("بدأت الضربات الروسية في 30 سبتمبر/أيلول 2015.", [("30 سبتمبر/أيلول 2015", "2015-09-30")]),
    ("بدأت الضربات في ٣٠ أيلول ٢٠١٥ بحسب الوكالة", [("٣٠ أيلول ٢٠١٥", "2015-09-30")]),
    ("قصفت المدمرات قاعدة الشعيرات في إبريل 2017", [("إبريل 2017", "2017-04")]),
    ("وفي ابريل 2018 ضربت الدول الثلاث", [("ابريل 2018", "2018-04")]),
    ("انسحبت القوات في أغسطس 2019 وعادت في اغسطس 2020",
     [("أغسطس 2019", "2019-08"), ("اغسطس 2020", "2020-08")]),
    ("منذ كانون الثاني/يناير 2016", [("منذ كانون الثاني/يناير 2016", "2016-01")]),
    ("في الأول من تشرين الأول/أكتوبر 2015 التقى الطرفان", [("الأول من تشرين الأول/أكتوبر 2015", "2015-10-01")]),
    ("في الخامس عشر من أيار/مايو 2015", [("الخامس عشر من أيار/مايو 2015", "2015-05-15")]),
    ("في الحادي و العشرين من آب 2013 وقع الهجوم", [("الحادي و العشرين من آب 2013", "2013-08-21")]),
    ("فِي سِبْتَمْبَرَ 2015 تَدَخَّلَتْ رُوسِيَا", [("سِبْتَمْبَرَ 2015", "2015-09")]),
    ("في ســبتمبر 2015 تدخلت روسيا", [("ســبتمبر 2015", "2015-09")]),
    ("اجتمعوا في 15 أيار\n2018 في سوتشي", [("15 أيار\n2018", "2018-05-15")]),
    ("اعتقل يوم 14 جويلية 2018 في تونس", [("يوم 14 جويلية 2018", "2018-07-14")]),
    ("في شتنبر 2016 أعلنت الرباط", [("شتنبر 2016", "2016-09")]),
    ("وقع الاتفاق في 12 فيفري 2015 بمينسك", [("12 فيفري 2015", "2015-02-12")]),
    ("وفي شهر تموز من عام 2017 اتفق الطرفان", [("شهر تموز من عام 2017", "2017-07")]),
    ("سبتمبر عام 2015", [("سبتمبر عام 2015", "2015-09")]),
    ("نشر الخبر في 7 نيسان/أبريل 2017م", [("7 نيسان/أبريل 2017م", "2017-04-07")]),
    ("في مارس 2011 اندلعت الاحتجاجات", [("مارس 2011", "2011-03")]),
    ("في 3 ماي 2018 وفي شهر ماي 2019", [("3 ماي 2018", "2018-05-03"), ("شهر ماي 2019", "2019-05")]),
    ("في أكتوبر\u200f 2015", [("أكتوبر\u200f 2015", "2015-10")]),
])
def test_absolute_dates(text_in, expected):
    assert pairs(text_in) == expected
    assert set(found(text_in)["kind"]) == {"absolute"}


@pytest.mark.parametrize("text_in, expected", [
    ("عقد الاجتماع في 2018/07/22", "2018-07-22"),
    ("عقد الاجتماع في 22-07-2018", "2018-07-22"),
    ("عقد الاجتماع في 22.07.2018", "2018-07-22"),
    ("عقد الاجتماع في ٢٢/٧/٢٠١٨", "2018-07-22"),
    ("بتاريخ 5/9/2019 صدر البيان", "2019-09-05"),     # day first: 5 September
    ("بتاريخ 2019-9-5 صدر البيان", "2019-09-05"),     # year first: ISO order
    ("في 29/2/2016 صدر البيان", "2016-02-29"),        # leap day exists
])
def test_numeric_dates(text_in, expected):
    df = found(text_in)
    assert df["value"].tolist() == [expected]
    assert df["granularity"].tolist() == ["day"]


@pytest.mark.parametrize("text_in", [
    "في 31/2/2018 صدر",          # 31 February does not exist
    "في 29/2/2019 صدر",          # not a leap year
    "في 13/13/2018 صدر",         # no 13th month
    "النسخة 1.2.3 من البرنامج",
    "الهاتف 22/7/18",             # two-digit year: not read
])
def test_impossible_or_partial_numeric_dates_are_rejected(text_in):
    assert found(text_in).empty


# --- years in date context -----------------------------------------------------------------------

@pytest.mark.parametrize("text_in, expected", [
    ("بعد التدخل الروسي في سوريا عام 2015", [("عام 2015", "2015")]),
    ("منذ العام 2011 والحرب مستمرة", [("منذ العام 2011", "2011")]),
    ("في سنة 2014 سيطر التنظيم", [("سنة 2014", "2014")]),
    ("تشن الغارات منذ 2014", [("منذ 2014", "2014")]),
    ("وفي 2016 استعاد النظام حلب", [("2016", "2016")]),
    ("خلال ٢٠١٧ تراجع التنظيم", [("٢٠١٧", "2017")]),
    ("مطلع 2019 أعلن ترامب", [("مطلع 2019", "2019")]),
    ("حتى عام 2021", [("حتى عام 2021", "2021")]),
    ("لعام 2018", [("عام 2018", "2018")]),
    ("عامَ ٢٠١٥م", [("عامَ ٢٠١٥م", "2015")]),
    ("صيف 2015", [("صيف 2015", "2015")]),
])
def test_years_in_date_context(text_in, expected):
    assert pairs(text_in) == expected


@pytest.mark.parametrize("text_in, expected", [
    ("الفترة بين عامي 2015 و2019", [("بين عامي 2015", "2015", "range_start"), ("2019", "2019", "range_end")]),
    ("خلال 2015-2019", [("2015", "2015", "range_start"), ("2019", "2019", "range_end")]),
    ("من 2012 إلى 2014", [("من 2012", "2012", "range_start"), ("2014", "2014", "range_end")]),
    ("في عامي 2016 و2017", [("عامي 2016", "2016", ""), ("2017", "2017", "")]),
    ("يومي 9 و10 سبتمبر", [("9", "2019-09-09", "range_start"), ("10 سبتمبر", "2019-09-10", "range_end")]),
    ("من 30 أغسطس إلى 2 سبتمبر 2019",
     [("30 أغسطس", "2019-08-30", "range_start"), ("2 سبتمبر 2019", "2019-09-02", "range_end")]),
    ("في الفترة من 28 - 30 آذار 2017",
     [("28", "2017-03-28", "range_start"), ("30 آذار 2017", "2017-03-30", "range_end")]),
    ("بين يناير - مارس 2015", [("يناير", "2015-01", "range_start"), ("مارس 2015", "2015-03", "range_end")]),
])
def test_ranges_give_two_rows(text_in, expected):
    df = found(text_in)
    assert list(zip(df.surface, df.value, df.modifier)) == expected


# --- relative expressions -------------------------------------------------------------------------

@pytest.mark.parametrize("text_in, published, expected", [
    ("وقالت الوزارة أمس إن", THU, [("أمس", "2019-09-04", "day")]),
    ("وكان الوزير قد صرح بالأمس", THU, [("بالأمس", "2019-09-04", "day")]),
    ("التقى الطرفان أمس الأول في جنيف", THU, [("أمس الأول", "2019-09-03", "day")]),
    ("وقع الهجوم أول من أمس", THU, [("أول من أمس", "2019-09-03", "day")]),
    ("أعلنت الوزارة فجر اليوم", THU, [("فجر اليوم", "2019-09-05", "day")]),
    ("سيعقد الاجتماع غداً في موسكو", THU, [("غداً", "2019-09-06", "day")]),
    ("يلتقي الوزيران يوم غد في أنقرة", THU, [("يوم غد", "2019-09-06", "day")]),
    ("التقى الوزيران الثلاثاء في فيينا", THU, [("الثلاثاء", "2019-09-03", "day")]),
    ("يوم الأحد الماضي", THU, [("يوم الأحد الماضي", "2019-09-01", "day")]),
    ("الخميس الماضي", THU, [("الخميس الماضي", "2019-08-29", "day")]),   # strictly before
    ("والخميس", THU, [("الخميس", "2019-09-05", "day")]),                # on publication day
    ("الاثنين المقبل", THU, [("الاثنين المقبل", "2019-09-09", "day")]),
    ("يوم الإثنين القادم", THU, [("يوم الإثنين القادم", "2019-09-09", "day")]),
    ("في 15 الشهر الجاري", THU, [("15 الشهر الجاري", "2019-09-15", "day")]),
    ("في 20 من الشهر الماضي", THU, [("20 من الشهر الماضي", "2019-08-20", "day")]),
    ("في 22 أيلول", THU, [("22 أيلول", "2019-09-22", "day")]),       # month of publication
    ("في 22 تشرين الأول", THU, [("22 تشرين الأول", "2018-10-22", "day")]),  # October not yet reached
    ("هذا الأسبوع", "2017-09-23", [("هذا الأسبوع", "2017-W38", "week")]),
    ("الأسبوع المنصرم", THU, [("الأسبوع المنصرم", "2019-W35", "week")]),
    ("الأسبوع القادم", THU, [("الأسبوع القادم", "2019-W37", "week")]),
    ("الشهر الماضي", THU, [("الشهر الماضي", "2019-08", "month")]),
    ("خلال الشهر الجاري", THU, [("الشهر الجاري", "2019-09", "month")]),
    ("للشهر المقبل", THU, [("لشهر المقبل", "2019-10", "month")]),  # ل + ال: the preposition is left out
    ("العام الماضي", THU, [("العام الماضي", "2018", "year")]),
    ("السنة الماضية", THU, [("السنة الماضية", "2018", "year")]),
    ("هذا العام", THU, [("هذا العام", "2019", "year")]),
    ("العام قبل الماضي", THU, [("العام قبل الماضي", "2017", "year")]),
    ("نهاية آب الفائت", THU, [("نهاية آب الفائت", "2019-08", "month")]),
    ("في يناير الماضي", THU, [("يناير الماضي", "2019-01", "month")]),
    ("في مارس الماضي", "2019-03-05", [("مارس الماضي", "2018-03", "month")]),   # previous March
    ("في كانون الأول الماضي", "2019-03-05", [("كانون الأول الماضي", "2018-12", "month")]),
    ("في يناير المقبل", THU, [("يناير المقبل", "2020-01", "month")]),
    ("في أيلول", THU, [("أيلول", "2019-09", "month")]),
    ("في حزيران", THU, [("حزيران", "2019-06", "month")]),
    ("في تشرين الثاني", THU, [("تشرين الثاني", "2018-11", "month")]),
    ("يونيو/حزيرانمن العام الماضي", "2019-03-05", [("يونيو/حزيرانمن العام الماضي", "2018-06", "month")]),
    ("في ديسمبر من العام الجاري", THU, [("ديسمبر من العام الجاري", "2019-12", "month")]),
    ("منذ عام", "2015-09-18", [("منذ عام", "2014", "year")]),
    ("قبل يومين", THU, [("قبل يومين", "2019-09-03", "day")]),
    ("منذ ثلاثة أشهر", THU, [("منذ ثلاثة أشهر", "2019-06", "month")]),
    ("قبل أسبوعين", THU, [("قبل أسبوعين", "2019-W34", "week")]),
])
def test_relative_expressions(text_in, published, expected):
    df = found(text_in, published)
    assert list(zip(df.surface, df.value, df.granularity)) == expected
    assert set(df["kind"]) == {"relative"}
    assert set(df["anchor"]) == {published}


@pytest.mark.parametrize("text_in, modifier", [
    ("مطلع الأسبوع الحالي", "start"),
    ("بداية الشهر الماضي", "start"),
    ("أوائل العام المقبل", "start"),
    ("منتصف كانون الثاني (يناير) المقبل", "middle"),
    ("أواسط 2018", "middle"),
    ("نهاية آب الفائت", "end"),
    ("أواخر تشرين الثاني/نوفمبر 2017", "end"),
    ("منذ 2014", "since"),
    ("منذ عام", "since"),
    ("حتى اليوم", "until"),
    ("لغاية نهاية العام الجاري", "until+end"),
    ("منذ مطلع العام الجاري", "since+start"),
    ("قبل نهاية 2019", "before+end"),
    ("بعد 15 أيلول 2019", "after"),
    ("خريف العام الماضي", "autumn"),
])
def test_modifiers(text_in, modifier):
    df = found(text_in)
    assert df["modifier"].tolist() == [modifier]
    assert df["surface"].tolist() == [text_in]


@pytest.mark.parametrize("text_in", [
    "قطعت الاتصالات خلال السنوات الماضية",
    "ستجري المحادثات قريباً",
    "اتفقا على مواصلة المحادثات في المستقبل",
    "أعلن البلدان قبل فترة قصيرة",
    "تبحث واشنطن حاليا",
    "تصاعد التوتر في الآونة الأخيرة",
    "بدأت المفاوضات منذ سنوات",
])
def test_vague_expressions_have_no_value(text_in):
    df = found(text_in)
    assert df["kind"].tolist() == ["vague"]
    assert df["value"].tolist() == [""]
    assert df["granularity"].tolist() == [""]


# --- weekdays attached to dates ---------------------------------------------------------------------

@pytest.mark.parametrize("text_in, published, value, weekday, consistent", [
    ("أعرب المبعوث أمس الجمعة عن أمله", "2017-09-23", "2017-09-22", "Friday", True),
    ("وقالت الوزارة في بيان لها، أمس الأربعاء، إن", THU, "2019-09-04", "Wednesday", True),
    ("وقالت الوزارة أمس الأربعاء إن", "2019-09-06", "2019-09-05", "Wednesday", False),
    ("وصرح اليوم الأحد", "2018-06-09", "2018-06-09", "Sunday", False),
    ("مساء أمس الثلاثاء", THU, "2019-09-04", "Tuesday", False),
    ("يوم غدٍ الجمعة", THU, "2019-09-06", "Friday", True),
    ("الأحد 22 سبتمبر 2019", None, "2019-09-22", "Sunday", True),
    ("الاثنين 22 سبتمبر 2019", None, "2019-09-22", "Monday", False),
    ("يوم الجمعة الموافق 22 أيلول 2017", None, "2017-09-22", "Friday", True),
    ("الخميس 5/9/2019", None, "2019-09-05", "Thursday", True),
])
def test_weekday_consistency(text_in, published, value, weekday, consistent):
    df = found(text_in, published)
    assert len(df) == 1
    row = df.iloc[0]
    assert (row.value, row.weekday, bool(row.weekday_consistent)) == (value, weekday, consistent)


def test_bare_weekday_has_nothing_to_check():
    row = found("التقى الطرفان الاثنين في فيينا", "2019-03-05").iloc[0]
    assert (row.value, row.weekday) == ("2019-03-04", "Monday")
    assert pd.isna(row.weekday_consistent)


def test_without_publication_date_relative_mentions_stay_unresolved():
    df = found("قالت الوزارة أمس الجمعة إن اجتماع سبتمبر 2019 والشهر الماضي", None)
    assert df["surface"].tolist() == ["أمس الجمعة", "سبتمبر 2019", "الشهر الماضي"]
    assert df["value"].tolist() == ["", "2019-09", ""]
    assert df["kind"].tolist() == ["relative", "absolute", "relative"]
    assert df["anchor"].tolist() == ["", "", ""]
    assert pd.isna(df["weekday_consistent"].iloc[0])


# --- not dates ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text_in", [
    "نقلت قناة روسيا اليوم عن مصدر عسكري",
    "قال المحلل لـ«روسيا اليوم» إن",
    "وذكرت صحيفة المصري اليوم أن",
    "نشرت واشنطن 200 جندي أمريكي",
    "طالب بتطبيق القرار 2254",
    "تحالف يضم أكثر من 60 دولة",
    "سيطرت القوات على الطريق الدولي M5",
    "وقع الانفجار عند الساعة 16:41",
    "في اليوم التالي انسحبت القوات",
    "في ذلك اليوم تغير كل شيء",
    "مارس الجيش ضغوطا على الفصائل",
    "قال أبو محمد الجولاني",
    "عاد الأب إلى منزله",
    "بعد صلاة الجمعة خرج المتظاهرون",
    "قتل الأحد عشر جنديا",
    "ووقع خلاف بين الاثنين",
    "غدا الوضع أكثر تعقيدا",
    "رئيسة الوزراء البريطانية تيريزا ماي",
    "الرئيس التركي رجب طيب أردوغان",
    "وصل اللواء 93 والفرقة 17",
    "في 15 محرم 1441 هـ",              # Hijri: recognised and skipped
    "سقطت 2016 قذيفة",                   # a count, no date cue
])
def test_not_dates(text_in):
    assert found(text_in).empty


def test_hijri_date_is_skipped_but_its_gregorian_equivalent_kept():
    assert pairs("في 15 محرم 1441 هـ الموافق 14 سبتمبر 2019") == [("14 سبتمبر 2019", "2019-09-14")]


def test_today_after_channel_name_is_still_found_elsewhere():
    assert pairs("قال لـ«روسيا اليوم» اليوم إن") == [("اليوم", "2019-09-05")]


# --- table shape, offsets -----------------------------------------------------------------------------

def test_find_mentions_table_shape_and_order():
    docs = pd.DataFrame({
        "doc_id": ["b", "a"],
        "title": ["اجتماع الأحد 22 سبتمبر 2019", ""],
        "body": ["قالت الوزارة أمس إن\nالاجتماع عقد في 2018/07/22", "منذ 2014 والعام الماضي"],
        "published": ["2019-09-05", pd.NaT],
    })
    df = dates.find_mentions(docs)
    assert list(df.columns) == dates.COLUMNS
    assert list(zip(df.doc_id, df.field, df.surface)) == [
        ("a", "body", "منذ 2014"), ("a", "body", "العام الماضي"),
        ("b", "body", "أمس"), ("b", "body", "2018/07/22"), ("b", "title", "الأحد 22 سبتمبر 2019")]
    assert df.loc[1, "value"] == ""                    # no published date
    assert df.loc[2, "value"] == "2019-09-04"
    assert str(df["weekday_consistent"].dtype) == "boolean"
    for row in df.itertuples():
        text = docs.set_index("doc_id").loc[row.doc_id, row.field]
        assert text[row.start:row.end] == row.surface


def test_empty_documents_give_empty_table_with_columns():
    docs = pd.DataFrame({"doc_id": [], "title": [], "body": [], "published": []})
    df = dates.find_mentions(docs)
    assert df.empty and list(df.columns) == dates.COLUMNS


_ARABIC = st.text(alphabet=list("امسبتريلولأإآةىـَُِّ ٢٠١٩0123456789/-.\n«»\"الجمعةاليومنهاية"), max_size=80)


@settings(max_examples=300, deadline=None)
@given(_ARABIC)
def test_offsets_always_index_the_original_text(text):
    for row in dates.find_in_text(text, published=THU).itertuples():
        assert text[row.start:row.end] == row.surface
        assert row.surface.strip() == row.surface


# --- seeds: hand-checked facts ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_mentions(seeds):
    documents, _ = seeds
    return documents, dates.find_mentions(documents)


@pytest.mark.parametrize("doc_prefix, surface, value, modifier", [
    ("000", "أمس الأربعاء", "2019-09-04", ""),
    ("000", "مطلع الأسبوع الحالي", "2019-W36", "start"),
    ("000", "نهاية آب الفائت", "2019-08", "end"),
    ("000", "عام 2015", "2015", ""),
    ("001", "هذا الأسبوع", "2017-W38", ""),
    ("001", "أمس الجمعة", "2017-09-22", ""),
    ("001", "منذ 2014", "2014", "since"),
    ("002", "الاثنين", "2019-03-04", ""),
    ("002", "فبراير/شباط 2021", "2021-02", ""),
    ("002", "يونيو/حزيرانمن العام الماضي", "2018-06", ""),
    ("002", "ديسمبر/كانون الأول من العام الماضي", "2018-12", ""),
    ("003", "بداية الشهر الماضي", "2018-05", "start"),
    ("003", "منذ عام 2014", "2014", "since"),
    ("004", "نيسان/ابريل 2014", "2014-04", ""),
    ("004", "منذ عام", "2014", "since"),
    ("004", "الخميس", "2015-09-17", ""),
])
def test_seed_facts(seed_mentions, doc_prefix, surface, value, modifier):
    _, df = seed_mentions
    rows = df[df.doc_id.str.startswith(doc_prefix) & (df.surface == surface)]
    assert len(rows) >= 1
    assert set(rows.value) == {value}
    assert set(rows.modifier) == {modifier}


def test_seed_offsets_and_non_dates(seed_mentions):
    documents, df = seed_mentions
    texts = documents.set_index("doc_id")
    for row in df.itertuples():
        assert texts.loc[row.doc_id, row.field][row.start:row.end] == row.surface
    assert not df.surface.str.contains("روسيا|جندي|دولة").any()
    assert len(df[df.doc_id.str.startswith("004") & (df.surface == "الجمعة")]) == 4


def test_seed_weekday_evidence_supports_inferred_date_of_001(seed_mentions):
    documents, df = seed_mentions
    ev = dates.weekday_evidence(df, documents).set_index("doc_id")
    row = ev.loc[ev.index.str.startswith("001")].iloc[0]
    assert row.published_basis == "inferred"
    assert (row.checked, row.consistent, bool(row.supported)) == (1, 1, True)
    assert pd.isna(ev.loc[ev.index.str.startswith("002"), "supported"].iloc[0])  # bare weekday only


# --- data files ---------------------------------------------------------------------------------------

@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    for name in ("months.tsv", "date_words.tsv"):
        (tmp_path / name).write_text(paths.data_file(name).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(paths, "data_file", lambda name: tmp_path / name)
    dates.lexicon.cache_clear()
    dates.grammar.cache_clear()
    yield tmp_path
    dates.lexicon.cache_clear()
    dates.grammar.cache_clear()


def test_shipped_data_files_load():
    lex = dates.lexicon()
    assert lex.months["ايلول"] == 9 and lex.months["سبتمبر"] == 9
    assert lex.months["كانون الثاني"] == 1 and lex.months["كانون الاول"] == 12
    assert lex.words["weekday"]["الجمعه"] == "Friday"


@pytest.mark.parametrize("name, bad_line, message", [
    ("months.tsv", "سبتمبر\t13\tgregorian\t0", "outside 1..12"),
    ("months.tsv", "أيلول\t10\tsyriac\t0", "already month 9"),
    ("months.tsv", "أيلول\t9\tjulian\t0", "julian"),
    ("months.tsv", "أيلول\t9", "empty 'series'"),
    ("date_words.tsv", "weekday\tالأحد\tSonday\t", "Sonday"),
    ("date_words.tsv", "colour\tأحمر\t\t", "unknown category 'colour'"),
])
def test_bad_data_file_names_file_line_and_problem(data_dir, name, bad_line, message):
    path = data_dir / name
    lines = path.read_text(encoding="utf-8").splitlines() + [bad_line]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(dates.DateWordsError) as err:
        dates.lexicon()
    assert f"{name}:{len(lines)}:" in str(err.value)
    assert message in str(err.value)


# --- speed machinery gives the same answers as the plain definitions ---------------------------------



def test_windowed_scan_equals_full_scan(seeds, monkeypatch):
    documents, _ = seeds
    texts = list(documents["body"]) + [
        "في 15 محرم 1441 هـ الموافق 14 سبتمبر 2019 وفي الحادي والعشرين من شهر آذار الماضي",
        "يوم الجمعة الموافق 22 أيلول 2017 ثم ديسمبر/كانون الأول من العام الماضي ومنذ مطلع العام",
    ]
    windowed = [[] for _ in texts]
    for k, row in fast.scan_batch(texts, [dates.as_date(THU)] * len(texts)):
        windowed[k].append(row)
    full = [dates.scan_text(t, published=THU) for t in texts]
    assert windowed == full
    assert sum(map(len, full)) > 20


def test_no_private_regex_api():
    """The fast path reads its trigger words and hints from the grammar, not from the
    regex engine (no re._parser, sre_*)."""
    from pathlib import Path

    for module in Path(dates.__file__).parent.glob("*.py"):
        source = module.read_text(encoding="utf-8")
        assert "_parser" not in source and "sre_" not in source and "_constants" not in source, module.name


# --- reach: periods, distance and tense --------------------------------------------------------

@pytest.mark.parametrize("value, start, end", [
    ("2015", "2015-01-01", "2015-12-31"),
    ("2016-02", "2016-02-01", "2016-02-29"),           # leap year
    ("2019-09-04", "2019-09-04", "2019-09-04"),
    ("2017-W38", "2017-09-18", "2017-09-24"),          # ISO week, Monday to Sunday
    ("2021-W01", "2021-01-04", "2021-01-10"),          # week 1 of 2021 starts in January
])
def test_period(value, start, end):
    assert dates.period(value) == (pd.Timestamp(start), pd.Timestamp(end))


def test_reach_places_mentions_in_past_present_future():
    docs = make_documents([("d", "", "", "2019-03-05")])
    mentions = pd.DataFrame({
        "doc_id": ["d"] * 5, "value": ["2019-03-04", "2019-W10", "2021-02", "2014", ""],
        "surface": ["الاثنين", "هذا الأسبوع", "فبراير 2021", "منذ 2014", "قريبا"]})
    got = dates.reach(mentions, docs).set_index("surface")
    assert list(got.index) == ["الاثنين", "هذا الأسبوع", "فبراير 2021", "منذ 2014"]  # vague left out
    assert got.loc["الاثنين", "tense"] == "past" and got.loc["الاثنين", "days_from_publication"] == -1
    assert got.loc["هذا الأسبوع", "tense"] == "present"
    assert got.loc["فبراير 2021", "tense"] == "future"
    # middle of February 2021 (14 Feb 12:00) is 712 days after 5 March 2019
    assert got.loc["فبراير 2021", "days_from_publication"] == 712
    assert got.loc["منذ 2014", "tense"] == "past"


def test_reach_without_publication_date_is_empty():
    docs = make_documents([("d", "", "", None)])
    mentions = pd.DataFrame({"doc_id": ["d"], "value": ["2015"], "surface": ["عام 2015"]})
    assert dates.reach(mentions, docs).empty


def test_batch_path_equals_per_text_scan(seeds):
    """find_mentions folds and scans fields in batches; scan_text does one text: same rows."""

    from analysis.synthetic import synthetic_documents

    documents = pd.concat([seeds[0], synthetic_documents(150, seed=3)], ignore_index=True)
    documents.loc[0, "title"] = "ﻻ " + documents.loc[0, "title"]  # a presentation form
    batch = dates.find_mentions(documents)
    rows = []
    for doc_id, title, body, published in zip(documents["doc_id"], documents["title"],
                                              documents["body"], documents["published"]):
        for field, text in (("title", title), ("body", body)):
            rows.extend((doc_id, field) + r for r in dates.scan_text(text, published=published))
    single = pd.DataFrame(rows, columns=dates.COLUMNS)
    assert len(batch) > 200
    assert batch[dates.COLUMNS[:7]].astype(str).values.tolist() == \
        single.sort_values(["doc_id", "field", "start", "end"], kind="stable")[dates.COLUMNS[:7]].astype(str).values.tolist()


@pytest.mark.parametrize("text, expected", [
    # a month glued to the next word by bad scraping, after a day number
    ("في 12 أيلولقصفت الطائرات المدينة", [("12 أيلول", "2016-09-12")]),
    ("في 4 نيسانأقلعت منه الطائرات", [("4 نيسان", "2017-04-04")]),
    # glued to a relative word, with or without a day
    ("في السادس من أكتوبرالجاري أعلن البيت الأبيض", [("السادس من أكتوبرالجاري", "2017-10-06")]),
    ("اجتماع سبتمبرالماضي في جنيف", [("سبتمبرالماضي", "2016-09")]),
    ("وكانوا يمارسون الضغط على الحكومة", []),     # «مارس» inside a verb is no month
    # a year after an event noun
    ("تدخل موسكو في انتخابات 2016 الأمريكية", [("2016", "2016")]),
    ("منذ حرب 2003 على العراق", [("2003", "2003")]),
    # not dates: a car maker, a resolution number, a count
    ("اشترى سيارة نيسان جديدة", []),
    ("بموجب القرار 2254", []),
    ("أرسلت واشنطن 2000 جندي", []),
])
def test_glued_months_and_event_years(text, expected):
    found = dates.find_in_text(text, published="2017-04-08")
    assert list(zip(found["surface"], found["value"])) == expected


@pytest.mark.parametrize("text, surface, value, consistent", [
    ("قال البيت الأبيض في بيان صدر أمس (الأربعاء) إن", "أمس (الأربعاء)", "2020-08-26", True),
    ("تبادلت موسكو وواشنطن اليوم (الخميس) الاتهامات", "اليوم (الخميس)", "2020-08-27", True),
    ("أعلنت الوزارة أمس (الجمعة) أن", "أمس (الجمعة)", "2020-08-26", False),   # disagreement is reported
])
def test_weekday_in_parentheses_after_a_relative_day(text, surface, value, consistent):
    found = dates.find_in_text(text, published="2020-08-27")
    assert list(found["surface"]) == [surface]
    assert found.loc[0, "value"] == value and bool(found.loc[0, "weekday_consistent"]) is consistent


# --- weekday spellings, and a night named by the two days it spans ------------------------------

@pytest.mark.parametrize("text, published, expected", [
    ("وقال الوزير يوم الثلثاء إن", THU, [("يوم الثلثاء", "2019-09-03")]),
    ("والثلثاء الماضي التقى الوفدان", THU, [("الثلثاء الماضي", "2019-09-03")]),
    ("وأرجئت الجلسة للثلثاء المقبل", THU, [("لثلثاء المقبل", "2019-09-10")]),
    ("أعلنت الوزارة مساء الثلثا", "2019-03-05", [("مساء الثلثا", "2019-03-05")]),  # on publication day
])
def test_weekday_spelling_variants(text, published, expected):
    df = found(text, published)
    assert list(zip(df.surface, df.value)) == expected
    assert set(df.weekday) == {"Tuesday"}


# 2019-09-05 is a Thursday; 2019-09-06 a Friday; 2019-09-09 a Monday
@pytest.mark.parametrize("text, published, expected", [
    # coming: a future verb or marker before it in its clause → the next such evening
    ("ستدخل الهدنة حيز التنفيذ ليل الأحد الاثنين", THU, [("ليل الأحد الاثنين", "2019-09-08")]),
    ("وتدخل الهدنة حيز التنفيذ ليلة السبت - الأحد", THU, [("ليلة السبت - الأحد", "2019-09-07")]),
    ("ومن المقرر أن يبدأ وقف النار منتصف ليل الجمعة السبت", THU, [("منتصف ليل الجمعة السبت", "2019-09-06")]),
    ("سوف تصل القافلة ليل السبت/الأحد إلى حلب", THU, [("ليل السبت/الأحد", "2019-09-07")]),
    ("ستجري الانتخابات ليلة الخميس إلى الجمعة", "2019-09-06", [("ليلة الخميس إلى الجمعة", "2019-09-12")]),
    ("ستعقد الجلسة ليلة الخميس الجمعة", THU, [("ليلة الخميس الجمعة", "2019-09-05")]),  # this evening
    ("سيسري الاتفاق ليل الأحد الاثنين", "2019-09-09", [("ليل الأحد الاثنين", "2019-09-15")]),
    # past: no future in its clause → the most recent such evening on or before publication
    ("قتل ٣ مدنيين ليل الأحد الاثنين في قصف على إدلب", THU, [("ليل الأحد الاثنين", "2019-09-01")]),
    ("وفي ليل الثلثاء الأربعاء شنت الطائرات ١٢ غارة", THU, [("ليل الثلثاء الأربعاء", "2019-09-03")]),
    ("قصفت الطائرات ليلة الخميس إلى الجمعة مواقع", "2019-09-06", [("ليلة الخميس إلى الجمعة", "2019-09-05")]),
    ("اندلعت اشتباكات ليلة السبت على الأحد", THU, [("ليلة السبت على الأحد", "2019-08-31")]),
    ("منذ ليل الأحد الاثنين والاشتباكات مستمرة", THU, [("منذ ليل الأحد الاثنين", "2019-09-01")]),
    # nouns that begin like a future verb are no future
    ("وقالت مصادر سياسية إن سيارة مفخخة انفجرت ليل الجمعة السبت", THU, [("ليل الجمعة السبت", "2019-08-30")]),
    ("وقال سيرغي لافروف إن الطائرات قصفت ليل الأحد الاثنين", THU, [("ليل الأحد الاثنين", "2019-09-01")]),
    # the future belongs to another clause
    ("سيعقد المجلس جلسة غداً، بعدما قتل 5 ليلة السبت الأحد", THU,
     [("غداً", "2019-09-06"), ("ليلة السبت الأحد", "2019-08-31")]),
    ("ستحقق اللجنة في الهجوم الذي وقع ليل الأحد الاثنين", THU, [("ليل الأحد الاثنين", "2019-09-01")]),
    ("وستعود البعثة بعدما غادرت ليلة الجمعة السبت", THU, [("ليلة الجمعة السبت", "2019-08-30")]),
    ("أعلنت الوزارة التي ستشرف على الهدنة أنها تبدأ ليل الأحد الاثنين", THU,
     [("ليل الأحد الاثنين", "2019-09-08")]),
    # a direction word decides
    ("وقعت الانفجارات ليل الأحد الاثنين الماضي", "2019-09-08", [("ليل الأحد الاثنين الماضي", "2019-09-01")]),
    ("تبدأ المفاوضات ليلة السبت الأحد المقبلة", "2019-09-07", [("ليلة السبت الأحد المقبلة", "2019-09-14")]),
    # not a night: two days that do not follow each other, a pair without ليل/ليلة
    ("ليلة الخميس السبت", THU, [("ليلة الخميس", "2019-09-05"), ("السبت", "2019-08-31")]),
    ("التقى الطرفان الأحد الاثنين", THU, [("الأحد", "2019-09-01"), ("الاثنين", "2019-09-02")]),
    # a calendar date after the second day keeps its day
    ("ليلة السبت الأحد ١٤ أيلول", THU, [("ليلة السبت", "2019-08-31"), ("الأحد ١٤ أيلول", "2019-09-14")]),
])
def test_night_between_two_days_is_one_mention_of_its_first_day(text, published, expected):
    df = found(text, published)
    assert list(zip(df.surface, df.value)) == expected
    night = df[df.surface.str.contains("ليل") & df.surface.str.count(" ").gt(1)]
    assert set(night.granularity) <= {"day"} and set(night.kind) <= {"relative"}
    by_text = fast.scan_batch([text], [dates.as_date(published)])
    assert [row for _, row in by_text] == dates.scan_text(text, published=published)


def test_night_names_its_first_day_and_has_nothing_to_check():
    row = found("ستدخل الهدنة حيز التنفيذ ليل الأحد الاثنين").iloc[0]
    assert (row.weekday, row.granularity) == ("Sunday", "day")
    assert pd.isna(row.weekday_consistent)
    assert found("ليل الأحد الاثنين", None).value.tolist() == [""]


# --- the fast paths give what the plain definitions give -------------------------------------------

_NEAR_WORDS = st.text(alphabet=list("اب لم1 \"'()«»-\n_.،x٢"), max_size=60)


@settings(max_examples=300, deadline=None)
@given(_NEAR_WORDS, st.integers(0, 70))
def test_prev_word_is_what_its_regex_captures(text, i):
    i = min(i, len(text))
    m = resolution.PREV_WORD.search(text, max(0, i - 40), i)
    ctx = resolution.Ctx(dates.fold_with_offsets(""), None, dates.lexicon(), 0)
    ctx.text = text
    assert ctx.prev_word(i) == (m.group(1) if m else "")


@pytest.mark.parametrize("batch_chars", [1, 300, 5000])
@pytest.mark.parametrize("ids", ["sorted", "unsorted", "repeated"])
def test_batches_and_row_order_do_not_change_the_table(seeds, monkeypatch, batch_chars, ids):
    """Any batch size gives the same table, sorted by doc_id, field, start, end (the
    sorted-ids shortcut and the full sort)."""
    documents, _ = seeds
    documents = documents.copy()
    documents.loc[0, "body"] = "في 12 أيلولَ 2016ً أمسِ الجمعةَ " + documents.loc[0, "body"]  # marks at the ends
    if ids == "unsorted":
        documents = documents.iloc[::-1].reset_index(drop=True)
    if ids == "repeated":
        documents["doc_id"] = [documents["doc_id"][0], *documents["doc_id"][:-1]]
    expected = dates.find_mentions(documents)
    monkeypatch.setattr(scan, "BATCH_CHARS", batch_chars)
    got = dates.find_mentions(documents)
    pd.testing.assert_frame_equal(got, expected)
    if ids == "repeated":
        return  # (a repeated doc_id resolves against the last of its published dates)
    rows = []
    for doc_id, title, body, published in zip(documents["doc_id"], documents["title"],
                                              documents["body"], documents["published"]):
        for field, text in (("title", title), ("body", body)):
            rows.extend((doc_id, field) + r for r in dates.scan_text(text, published=published))
    single = pd.DataFrame(rows, columns=dates.COLUMNS).sort_values(
        ["doc_id", "field", "start", "end"], kind="stable", ignore_index=True)
    assert got[dates.COLUMNS[:10]].astype(str).values.tolist() == single[dates.COLUMNS[:10]].astype(str).values.tolist()


def _hints_by_definition(t, text, ws, we):
    """_hints as plain loops over the windows: each hint string wherever it stands, and the
    digit patterns by regex (the reference for the vectorised version)."""
    digit_hints = [(_H, re.compile(p)) for _H, p in (
        (fast.H["year"], r"(?<!\d)(?:18|19|20)\d\d(?!\d)"), (fast.H["hijri"], r"(?<!\d)1[2-5]\d\d(?!\d)"),
        (fast.H["day"], r"(?<!\d)\d{1,2}(?!\d)"), (fast.H["numeric"], r"(?:(?<=\d)|(?<=\d ))[/.-](?= ?\d)"))]
    forms = [(form, value & fast.HINT_MASK) for form, value in t.words.items()]
    hints = []
    for s, e in zip(ws, we):
        piece = text[s:e]
        found = {}  # bit → starts
        for form, bits in forms:
            for k in [m.start() for m in re.finditer(f"(?={re.escape(form)})", piece)]:
                for b in range(len(fast.HINTS)):
                    if bits >> b & 1:
                        found.setdefault(b, []).append(k)
        for bit, pattern in digit_hints:
            for m in pattern.finditer(piece):
                k = m.end() - 1 if bit == fast.H["day"] else m.start()
                found.setdefault(bit.bit_length() - 1, []).append(k)
        h = sum(1 << b for b in found)
        if len(found.get(fast.H["year"].bit_length() - 1, [])) >= 2:
            h |= fast.H["years"]
        hints.append(h)
    return hints


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["2019", "1441", "12", "5", "123", "2015-2019", "22/7/2018", "3 . 4",
                                 "7 -", "- 9", "أيلول", "اب", "شهر", "الأسبوع", "الخامس", "الجمعة", "أمس",
                                 "قريباً", "عامين", "هـ", " ", "  ", "x", "٢٠١٩", "𝟙𝟗"]), max_size=30),
       st.lists(st.integers(0, 200), max_size=6))
def test_hints_are_what_their_definition_finds(words, cuts):
    t = fast.tables()
    text = dates.fold("".join(words), collapse_whitespace=True)
    cuts = sorted({min(c, len(text)) for c in cuts} | {0, len(text)})
    ws, we = np.array(cuts[:-1], dtype=np.int64), np.array(cuts[1:], dtype=np.int64)
    hits = np.array([(end, value) for end, value in t.words.iter(text) if value & fast.HINT_MASK],
                    dtype=np.int64).reshape(-1, 2)
    hints = fast.window_hints(fast._codes(text), ws, we, hits)
    assert hints.tolist() == _hints_by_definition(t, text, ws.tolist(), we.tolist())


_FOLDING = st.text(alphabet=st.sampled_from(
    list("اأإآىيةهـ َُّ\u064b\u200f\u200b\u00a0\u2003\t\n\x01\x00٢0١a.-\ufeff\ue000\ufb01\uffff") + ["ﻻ", "ﺍ", "𝟙", "😀"]),
    max_size=30)


@settings(max_examples=400, deadline=None)
@given(st.lists(_FOLDING, min_size=1, max_size=5))
def test_batch_fold_is_fold_with_offsets_of_each_text(texts):
    """The vectorised fold of a batch is normalize's fold of each text, "\\x00" between."""
    folded, starts, codes, bounds = fast.fold_batch(texts)
    parts = [dates.fold_with_offsets(t) for t in texts]
    assert folded.original == "\x01".join(texts)
    assert folded.text == "\x00".join(p.text for p in parts)
    assert folded.offsets.tolist() == np.concatenate([p.offsets + s for p, s in zip(parts, starts)]).tolist()
    assert [chr(c) for c in codes.tolist()] == list(folded.text)
    assert bounds.tolist() == [i for i, ch in enumerate(folded.text) if ch == "\x00"]


_DATE_WORDS = ("أمس الأربعاء الجمعة اليوم غداً الخميس المقبل الماضي عام سنة العام 2015 2019 1441 هـ محرم سبتمبر "
               "أيلول آب أب مارس كانون الأول الثاني شهر الشهر الجاري منذ حتى قبل بعد مطلع نهاية صيف يومي بين من إلى "
               "و - / . ، ( ) 22 9 31 2018/07/22 22.07.2018 قريباً خلال السنوات الماضية الأسبوع هذا ثلاثة أشهر "
               "يومين م الحادي والعشرين الخامس صباح روسيا التالي الذي سي % وفي للعام أكتوبرالجاري الموافق يوم "
               "ليل ليلة الأحد الاثنين السبت الثلثاء على ستدخل سياسية المقرر").split()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_DATE_WORDS), max_size=30),
       st.lists(st.sampled_from([" ", "", "  ", " , ", "\x01"]), max_size=30))
@example(["x", "وفي", "صباح", "الجمعة"], ["\x01", "", " "])  # the longest clitics, before a head
@example(["x", "وفي", "الى غاية", "منتصف ليلة", "الأربعاء"], ["\x01", "", " ", " "])  # the longest head
def test_fast_scan_equals_plain_scan_anywhere(words, gaps):
    """The fast scan of a batch (windows around trigger words, hints) finds in each text
    what the plain scan of every shape over the whole text finds."""
    texts = "".join(w + (gaps[k] if k < len(gaps) else " ") for k, w in enumerate(words)).split("\x01")
    by_text = [[] for _ in texts]
    for k, row in fast.scan_batch(texts, [dates.as_date(THU)] * len(texts)):
        by_text[k].append(row)
    assert by_text == [dates.scan_text(t, published=THU) for t in texts]



def test_weekday_evidence_without_any_weekday_check():
    """A corpus where no mention names a weekday beside a date (one undated article) gives
    zero counts and no verdict, not an error (it crashed notebook 04 on such a corpus)."""
    docs = pd.DataFrame({"doc_id": ["a"], "title": ["عنوان"], "body": ["وصل الوفد في 5 آذار 2019."],
                         "published": [pd.NaT], "published_basis": [""]})
    evidence = dates.weekday_evidence(dates.find_mentions(docs), docs)
    assert evidence[["checked", "consistent", "inconsistent"]].values.tolist() == [[0, 0, 0]]
    assert evidence["supported"].isna().all()


# 2019-09-05 (THU) is a Thursday: the Sunday before it is 2019-09-01, the one after 2019-09-08
@pytest.mark.parametrize("text, expected", [
    # a bare weekday in a clause about what is still to come is the coming such day
    ("ستعقد الجولة المقبلة من المحادثات يوم الأحد في جنيف", [("يوم الأحد", "2019-09-08")]),
    ("ومن المقرر أن يلتقي الوزيران السبت في فيينا", [("السبت", "2019-09-07")]),
    ("سوف يصل الوفد العسكري الروسي الثلاثاء إلى أنقرة", [("الثلاثاء", "2019-09-10")]),
    ("وقال إن الهدنة تدخل حيز التنفيذ اعتبارا من السبت", [("السبت", "2019-09-07")]),
    ("ستعقد اللجنة اجتماعها الخميس", [("الخميس", "2019-09-05")]),  # later the same day
    # past: nothing in its clause says it is to come
    ("التقى الوزيران الأحد في جنيف", [("الأحد", "2019-09-01")]),
    ("وقتل ثلاثة مدنيين في غارة السبت", [("السبت", "2019-08-31")]),
    ("وقالت مصادر إن سيارة مفخخة انفجرت الجمعة", [("الجمعة", "2019-08-30")]),  # سيارة: a noun
    # the future belongs to another clause
    ("سيعقد المجلس جلسة لبحث الهجوم الذي وقع الأحد", [("الأحد", "2019-09-01")]),
    ("وستعود البعثة إلى دمشق بعدما غادرتها الجمعة", [("الجمعة", "2019-08-30")]),
])
def test_bare_weekday_is_coming_in_a_future_clause_and_past_otherwise(text, expected):
    df = found(text, THU)
    assert list(zip(df.surface, df.value)) == expected
