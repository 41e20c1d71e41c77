"""Actor mentions: the codebook as data, matching rules, offsets, counts, co-occurrence.

Expected values come from reading the Arabic: which actor each phrase names, under the
conventions of DESIGN.md ("Actors") and the module docstring of analysis.actors.
"""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import make_documents
from hypothesis import example, given, settings
from hypothesis import strategies as st

from analysis import actors, normalize
from analysis.paths import ROOT, data_file

# The study's codebook (shared/codebook.tsv), copied so the tests hold on any checkout;
# test_study_codebook_copy_is_current checks the copy where shared/ stands beside the repo.
SHARED_CODEBOOK = ROOT / "tests" / "data" / "study_codebook.tsv"


def documents(*bodies: str, titles: tuple[str, ...] | None = None) -> pd.DataFrame:
    titles = titles or ("",) * len(bodies)
    return pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(len(bodies))],
        "outlet": "", "published": pd.NaT, "published_basis": "",
        "title": list(titles), "body": list(bodies),
        "n_tokens": [len((t + " " + b).split()) for t, b in zip(titles, bodies)],
    })


def found(text: str) -> list[tuple[str, str]]:
    """(surface, actor_id) of every mention in a one-document body, in text order."""
    m = actors.find_mentions(documents(text))
    return list(zip(m["surface"], m["actor_id"]))


# --- matching rules, as a specification --------------------------------------------------

@pytest.mark.parametrize("text_in, expected", [
    # most specific wins: the ministry, not also the state
    ("أعلنت وزارة الدفاع الروسية، الثلاثاء، مقتل جنديين.", [("وزارة الدفاع الروسية", "RUS_MOD")]),
    ("قالت الدفاع الروسية في بيان", [("الدفاع الروسية", "RUS_MOD")]),
    ("نقلت قناة «روسيا اليوم» عن مصدر", [("قناة «روسيا اليوم", "RT")]),
    ("قالت «روسيا اليوم» إن", [("روسيا اليوم", "RT")]),
    ("بحسب ما ذكرت قناة روسيا اليوم.", [("قناة روسيا اليوم", "RT")]),
    ("وكشفت هيئة الأركان العامة الروسية عن خطة", [("هيئة الأركان العامة الروسية", "RUS_GENSTAFF")]),
    ("أعلنت القيادة المركزية الأمريكية (سنتكوم)",
     [("القيادة المركزية الأمريكية", "US_CENTCOM"), ("سنتكوم", "US_CENTCOM")]),
    # two names side by side are two mentions
    ("رفضت وزارة الدفاع الأمريكية (البنتاغون) الاتهامات",
     [("وزارة الدفاع الأمريكية", "US_DOD"), ("البنتاغون", "US_DOD")]),
    ("هيئة تحرير الشام (جبهة النصرة سابقاً)",
     [("هيئة تحرير الشام", "NUSRA_HTS"), ("جبهة النصرة", "NUSRA_HTS")]),
    # a title + name is the person once; the adjective in the title is not counted
    ("قال الرئيس الروسي فلاديمير بوتين إن", [("فلاديمير بوتين", "PUTIN")]),
    ("وزير الخارجية الروسي سيرغي لافروف", [("سيرغي لافروف", "LAVROV")]),
    ("صرّح وزير الدفاع الأمريكي، جيمس ماتيس، بأن", [("جيمس ماتيس", "MATTIS")]),
    ("مستشار الأمن القومي الأمريكي جون بولتون", [("جون بولتون", "BOLTON")]),
    ("المبعوث الأممي ستافان دي ميستورا", [("ستافان دي ميستورا", "DE_MISTURA")]),
    ("نظيره الروسي سيرجي شويجو", [("سيرجي شويجو", "SHOIGU")]),
    # a named institution in a title is still a name
    # an institution inside the title of a codebook person is part of the person's mention
    ("رئيس هيئة الأركان الروسية فاليري جيراسيموف", [("فاليري جيراسيموف", "GERASIMOV")]),
    ("رئيس هيئة الأركان العامة الروسية الجنرال فاليري غيراسيموف", [("فاليري غيراسيموف", "GERASIMOV")]),
    ("وزيرا الخارجية الأمريكي جون كيري والروسي سيرغي لافروف",
     [("جون كيري", "KERRY"), ("سيرغي لافروف", "LAVROV")]),
    ("وزير خارجية روسيا سيرغي لافروف", [("سيرغي لافروف", "LAVROV")]),
    # …but not before a person outside the codebook, nor across a verb
    ("المتحدث باسم البنتاغون بيتر كوك", [("البنتاغون", "US_DOD")]),
    ("قالت روسيا إن لافروف سيزور جنيف", [("روسيا", "RUS"), ("لافروف", "LAVROV")]),
    # the Syrian government's forces, named by a force noun with the Syrian adjective
    ("أسقطت الدفاعات الجوية السورية صواريخ", [("الدفاعات الجوية السورية", "SYR_GOV")]),
    ("بعد إسقاط طائرة سورية فوق الرقة", [("طائرة سورية", "SYR_GOV")]),
    ("الأزمة السورية والشعب السوري", []),
    # a crisis, relations or a meeting between states is no state (issue 13)
    ("تفاقمت الأزمة الأوكرانية", []),
    ("تضررت العلاقات العسكرية الأمريكية الروسية", []),
    ("وعقد لقاء عسكري أمريكي روسي في باكو", []),
    ("قال المبعوث الرئاسي الروسي إن", []),                     # an envoy, not the state
    ("بينهم متعاقدون روس يعملون لشركة خاصة", []),              # contractors, not the state
    ("تحدثت عن مقتل عدد من المتعاقدين الروس", []),
    ("وأعرب عن قلقه على علاقات روسيا مع الغرب", [("روسيا", "RUS")]),   # a state named is still one
    # no name runs across a comma or a semicolon
    ("وقعت الولايات المتحدة وروسيا، اليوم الثلاثاء، مذكرة تفاهم",
     [("الولايات المتحدة", "USA"), ("وروسيا", "RUS")]),
    ("انتقدت واشنطن موسكو؛ روسيا اليوم نقلت الرد", [("واشنطن", "USA"), ("موسكو", "RUS"), ("روسيا اليوم", "RT")]),
    # unnamed references are not counted
    ("وأكد المسؤول الأمريكي أن الطرفين ناقشا الوضع", []),
    ("والتقى نظيره الأميركي في فيينا", []),
    ("كشف مسؤولون عسكريون أمريكيون أن البلدين اتفقا", []),
    ("قال مصدر عسكري روسي لوكالة الأنباء", []),
    ("وأعرب الرئيس الأمريكي عن قلقه", []),
    ("أفاد الكولونيل الأمريكي بأن", []),
    ("اتصل رئيس الوزراء الإسرائيلي بنظيره", []),
    ("التقى الرئيسين الروسي والأمريكي", []),
    ("المسؤولين الروس والأمريكيين", []),
    ("تواصل وزيرا خارجية الولايات المتحدة وروسيا",
     [("الولايات المتحدة", "USA"), ("وروسيا", "RUS")]),
    # an adjective of a non-actor is not a mention
    ("تطورات الأزمة السورية ومعاناة الشعب السوري", []),
    ("وقال إن الشعب الأمريكي لا يريد الحرب", []),
    ("نقلت وسائل الإعلام الروسية", []),
    ("اشترت شركة روسية حصة في الميناء", []),
    ("قال المتحدث باسم التحالف تركي المالكي", []),  # a person named Turki, not Turkey
    # adjectives standing for the state, its forces or its acts
    ("انتقد الجانب الروسي القصف", [("الروسي", "RUS")]),
    ("رفضت الاتهامات الروسية لواشنطن", [("الروسية", "RUS"), ("لواشنطن", "USA")]),
    ("قوات سوريا الديمقراطية المدعومة أمريكياً",
     [("قوات سوريا الديمقراطية", "SDF"), ("أمريكياً", "USA")]),
    ("الفصائل المدعومة تركيًّا", [("تركيًّا", "TUR")]),  # folds to «تركيا»
    ("تفادي الحوادث مع العسكريين الروس", [("الروس", "RUS")]),
    ("منذ بدء التدخل العسكري الروسي في سوريا", [("الروسي", "RUS")]),
    ("بين القوات الروسية والأمريكية", [("الروسية", "RUS"), ("والأمريكية", "USA")]),
    ("تنسيق التحركات الروسية – الأمريكية", [("الروسية", "RUS"), ("الأمريكية", "USA")]),
    ("أغارت الطائرات الإسرائيلية على مطار", [("الإسرائيلية", "ISR")]),
    ("وتنتشر قوات روسيّة وأخرى إيرانية", [("روسيّة", "RUS"), ("إيرانية", "IRN")]),
    ("قاعدة حميميم الجوية الروسية", [("الروسية", "RUS")]),
    ("أنشأت القاعدة الجوية الروسية في حميميم", [("الروسية", "RUS")]),
    # punctuation ends a title: the adjective after a colon is not the head's
    ("ردّ المتحدث: الأمريكيون يكذبون", [("الأمريكيون", "USA")]),
    # capitals and metonyms
    ("اتهمت موسكو واشنطن وأنقرة", [("موسكو", "RUS"), ("واشنطن", "USA"), ("وأنقرة", "TUR")]),
    ("قال الكرملين إن البيت الأبيض", [("الكرملين", "RUS"), ("البيت الأبيض", "WHITE_HOUSE")]),
    ("ذكرت صحيفة واشنطن بوست", []),
    ("زار رئيس روسيا البيضاء موسكو", [("موسكو", "RUS")]),
    ("أصيب مدنيون في ريف دمشق", []),
    ("ردّت دمشق على الاتهامات", [("دمشق", "SYR_GOV")]),
    # similar names of other people are not the actor
    ("في عهد الرئيس الراحل حافظ الأسد", []),
    ("خطاب بشار حافظ الأسد", [("بشار حافظ الأسد", "ASSAD")]),
    ("نقلت إيفانكا ترامب عن والدها", []),
    ("الرئيس الأسبق جيمي كارتر", []),
    # a person's organisation vs the same word meaning something else
    ("تنظيم القاعدة في سوريا", [("تنظيم القاعدة", "AQ")]),
    ("يقاتل عناصر القاعدة", [("القاعدة", "AQ")]),
    ("اجتماع مجلس الأمن القومي الأمريكي", [("الأمريكي", "USA")]),  # a US body, not the UNSC
    ("دعا مجلس الأمن الدولي إلى", [("مجلس الأمن الدولي", "UNSC")]),
    ("الجيش السوري الحر يسيطر", [("الجيش السوري الحر", "OPPOSITION")]),
    ("الجيش السوري يتقدم", [("الجيش السوري", "SYR_GOV")]),
    ("صدر القرار الأممي ٢٢٥٤", [("الأممي", "UN")]),
    # spelling variants
    ("البنتاجون", [("البنتاجون", "US_DOD")]),
    ("اتصال غيراسيموف مع دنفورد", [("غيراسيموف", "GERASIMOV"), ("دنفورد", "DUNFORD")]),
    ("قرر ترمب سحب القوات الأميركية", [("ترمب", "TRUMP"), ("الأميركية", "USA")]),
    ("صرح ماكجورك بأن", [("ماكجورك", "MCGURK")]),
    ("قال ديمستورا إن", [("ديمستورا", "DE_MISTURA")]),
    ("(وكالة الصحافة الفرنسية أ.ف.ب)", [("وكالة الصحافة الفرنسية", "AFP"), ("أ.ف.ب", "AFP")]),
    ("ذكرت فرانس برس", [("فرانس برس", "AFP")]),
    ("بحسب ما أفاد مراسل RT", [("RT", "RT")]),
    ("هاجمت قسد مواقع داعش", [("قسد", "SDF"), ("داعش", "ISIS")]),
])
def test_matching_rules(text_in, expected):
    assert found(text_in) == expected


@pytest.mark.parametrize("text_in, expected", [
    # attached clitics, including ل + ال → لل and «لـ» with tatweel
    ("وأبلغت الأمريكان مسبقاً", [("الأمريكان", "USA")]),
    ("للولايات المتحدة قواعد", [("للولايات المتحدة", "USA")]),
    ("والولايات المتحدة وروسيا", [("والولايات المتحدة", "USA"), ("وروسيا", "RUS")]),
    ("بالنسبة لـروسيا", [("لـروسيا", "RUS")]),
    ("في اجتماع لـ«حلف شمال الأطلسي» (ناتو)",
     [("حلف شمال الأطلسي", "NATO"), ("ناتو", "NATO")]),
    ("قتالهم لـ تنظيم “داعش”", [("تنظيم “داعش", "ISIS")]),
    ("دعم لجبهة النصرة وبتنظيم القاعدة", [("لجبهة النصرة", "NUSRA_HTS"), ("وبتنظيم القاعدة", "AQ")]),
    ("فبوتين يريد", [("فبوتين", "PUTIN")]),
    ("كالأسد", [("كالأسد", "ASSAD")]),
    ("وقال لمجلس الأمن", [("لمجلس الأمن", "UNSC")]),
    # quotes of every kind around and inside names
    ("«داعش» و“داعش” و\"داعش\" و„داعش“",
     [("داعش", "ISIS"), ("داعش", "ISIS"), ("داعش", "ISIS"), ("داعش", "ISIS")]),
    ("ذكرت وكالة \"رويترز\"", [("وكالة \"رويترز", "REUTERS")]),
    ("قصفت قوات “سوريا الديمقراطية”", [("قوات “سوريا الديمقراطية", "SDF")]),
    # harakat, shadda, tanween, tatweel, hamza and alef variants, ى/ي, ة/ه
    ("وقالت وزارةُ الدفاعِ الروسيّةُ إن", [("وزارةُ الدفاعِ الروسيّةُ", "RUS_MOD")]),
    ("المدعومة أمريكيًّا", [("أمريكيًّا", "USA")]),
    ("مـوسـكـو", [("مـوسـكـو", "RUS")]),
    ("قال ـوزارة الدفاع الروسيةـ", [("ـوزارة الدفاع الروسيةـ", "RUS_MOD")]),  # stray kashidas
    ("امريكا واميركا وأمريكا", [("امريكا", "USA"), ("واميركا", "USA"), ("وأمريكا", "USA")]),
    ("اعلنت وزاره الدفاع الاميركيه", [("وزاره الدفاع الاميركيه", "US_DOD")]),
    ("جون كيرى", [("جون كيرى", "KERRY")]),
    ("ﺭﻭﺳﻴﺎ", [("ﺭﻭﺳﻴﺎ", "RUS")]),  # presentation forms from an old scrape
    ("وا\u200cشنطن", [("وا\u200cشنطن", "USA")]),  # zero-width non-joiner inside
    ("روسيا😀 وقسد🇺🇸", [("روسيا", "RUS"), ("وقسد", "SDF")]),  # emoji glued to names
    # line breaks and runs of spaces inside a name
    ("بين الولايات\nالمتحدة وروسيا", [("الولايات\nالمتحدة", "USA"), ("وروسيا", "RUS")]),
    ("وزارة  الدفاع \n الروسية", [("وزارة  الدفاع \n الروسية", "RUS_MOD")]),
    # never inside a word
    ("قال بروس ريدل إن", []),
    ("شركة كيريلنكو الروسيةالمحدودة", []),
    ("قارتا الأمريكيتين", []),
    ("ترامبولين", []),
    ("موسكوفيتش", []),
])
def test_orthography_and_clitics(text_in, expected):
    assert found(text_in) == expected


# Egyptian orthography: final ى for ي, ج for the g of foreign names, «فى» for «في».
@pytest.mark.parametrize("text_in, expected", [
    ("وأكد الجانب الأمريكى فى بيان", [("الأمريكى", "USA")]),
    ("قال الجيش الروسى", [("الروسى", "RUS")]),
    ("قصفت الطائرات الروسى والأمريكى", [("الروسى", "RUS"), ("والأمريكى", "USA")]),
    ("وقال مجلس الأمن الدولى", [("مجلس الأمن الدولى", "UNSC")]),
    ("وقال وزير الدفاع الروسى سيرجى شويجو", [("سيرجى شويجو", "SHOIGU")]),
    ("التقى فاليرى جيراسيموف نظيره", [("فاليرى جيراسيموف", "GERASIMOV")]),
    ("أعلن البنتاجون فى بيان", [("البنتاجون", "US_DOD")]),
    ("والتقى جون كيرى سيرجى لافروف فى جنيف", [("جون كيرى", "KERRY"), ("سيرجى لافروف", "LAVROV")]),
    ("وقال الرئيس السورى بشار الأسد", [("بشار الأسد", "ASSAD")]),
    ("وذكر ستيفان دى ميستورا", [("ستيفان دى ميستورا", "DE_MISTURA")]),
    ("وعانى الشعب السورى فى الأزمة", []),  # an adjective of a non-actor stays out
])
def test_egyptian_orthography_matches_like_the_standard_spelling(text_in, expected):
    assert found(text_in) == expected
    standard = text_in.replace("ى ", "ي ").replace("فى", "في")
    standard = standard[:-1] + "ي" if standard.endswith("ى") else standard
    assert [s for s, _ in found(standard)] == [s.replace("ى", "ي") for s, _ in expected]


# --- offsets, columns, order --------------------------------------------------------------

def test_columns_fields_and_sentences():
    docs = documents("قال لافروف: نعم.\nوأضاف أن موسكو ترحب. ورحبت واشنطن", titles=("روسيا وتركيا",))
    m = actors.find_mentions(docs)
    assert list(m.columns) == actors.MENTION_COLUMNS
    assert list(zip(m["field"], m["actor_id"], m["sentence"])) == [
        ("body", "LAVROV", 0), ("body", "RUS", 1), ("body", "USA", 2),
        ("title", "RUS", 0), ("title", "TUR", 0)]
    assert list(m["kind"]) == ["short_name", "metonym", "metonym", "name", "name"]
    assert m.loc[0, "alias"] == "لافروف"


def test_sorted_by_doc_field_start_and_empty_input():
    docs = documents("موسكو", "واشنطن وموسكو", titles=("أنقرة", ""))
    docs = docs.iloc[::-1].reset_index(drop=True)
    m = actors.find_mentions(docs)
    assert list(zip(m["doc_id"], m["field"], m["start"])) == [
        ("d0", "body", 0), ("d0", "title", 0), ("d1", "body", 0), ("d1", "body", 7)]
    empty = actors.find_mentions(documents("لا شيء هنا"))
    assert list(empty.columns) == actors.MENTION_COLUMNS and len(empty) == 0


def test_missing_title_and_body_are_empty_text():
    docs = documents("روسيا")
    docs.loc[0, "title"] = None
    m = actors.find_mentions(docs)
    assert list(m["actor_id"]) == ["RUS"]


_pieces = st.sampled_from([
    "قال", "وزارة الدفاع الروسية", "البنتاغون", "للولايات المتحدة", "لـ«داعش»", "المسؤول الأمريكي",
    "الرئيس الروسي فلاديمير بوتين", "القوات الروسية والأمريكية", "روسيا اليوم", "،", ".", "\n",
    "مُوسْكُو", "أمريكياً", "ـ", "\u200f", "«", "»", "(", ")", "٢٠١٩", "قسد", "الأسد",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(_pieces, max_size=25),
       st.lists(st.sampled_from([" ", "", "  ", "\n", "\t", "\u00a0"]), max_size=25))
def test_offsets_index_the_stored_text_on_word_boundaries(pieces, seps):
    text = "".join(p + (seps[i] if i < len(seps) else " ") for i, p in enumerate(pieces))
    m = actors.find_mentions(documents(text))
    for start, end, surface in zip(m["start"], m["end"], m["surface"]):
        assert text[start:end] == surface
        assert start == 0 or not text[start - 1].isalnum()
        assert end == len(text) or not (text[end].isalnum() or text[end] in "\u064b\u064e\u064f\u0650\u0651\u0652\u0640")
    spans = sorted(zip(m["start"], m["end"]))
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))


# --- the seeds: hand-checked facts --------------------------------------------------------

@pytest.fixture(scope="module")
def seed_mentions():
    rows = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        rows.append((path.stem, lines[0], "\n".join(lines[1:])))
    docs = pd.DataFrame(rows, columns=["doc_id", "title", "body"])
    return docs, actors.find_mentions(docs)


def _at(seed_mentions, doc_prefix, phrase, occurrence=0):
    """Mentions inside the ``occurrence``-th copy of ``phrase`` in a seed's body."""
    docs, m = seed_mentions
    doc = docs[docs.doc_id.str.startswith(doc_prefix)].iloc[0]
    start = -1
    for _ in range(occurrence + 1):
        start = doc.body.index(phrase, start + 1)
    end = start + len(phrase)
    sel = m[(m.doc_id == doc.doc_id) & (m.field == "body") & (m.start >= start) & (m.end <= end)]
    return list(zip(sel["surface"], sel["actor_id"]))


def test_seed_facts(seed_mentions):
    at = lambda *a: _at(seed_mentions, *a)  # noqa: E731
    assert at("001", "وزارة الدفاع الأمريكية (البنتاغون)") == [
        ("وزارة الدفاع الأمريكية", "US_DOD"), ("البنتاغون", "US_DOD")]
    assert at("001", "وزير الخارجية الروسي سيرغي لافروف") == [("سيرغي لافروف", "LAVROV")]
    assert at("001", "قناة روسيا اليوم") == [("قناة روسيا اليوم", "RT")]
    assert at("001", "وقال المسؤول الأمريكي") == []
    assert at("001", "قوات “سوريا الديمقراطية” المدعومة أمريكياً") == [
        ("قوات “سوريا الديمقراطية", "SDF"), ("أمريكياً", "USA")]
    assert at("001", "وليس أهداف الشعب السوري") == []
    assert at("004", "الرئيس الروسي فلاديمير بوتين") == [("فلاديمير بوتين", "PUTIN")]
    assert at("004", "وزير الدفاع الاميركي اشتون كارتر ونظيره الروسي سيرغي شويغو") == [
        ("اشتون كارتر", "CARTER"), ("سيرغي شويغو", "SHOIGU")]
    assert at("003", "لـ«حلف شمال الأطلسي» (ناتو)") == [("حلف شمال الأطلسي", "NATO"), ("ناتو", "NATO")]
    assert at("000", "الجانبين التركي والروسي") == [("التركي", "TUR"), ("والروسي", "RUS")]
    assert at("000", "نظيره الأمريكي جوزيف دانفورد") == [("جوزيف دانفورد", "DUNFORD")]
    assert at("002", "رئيسا أركان الجيشين الأميركي والروسي", 0) == []
    assert at("002", "رئيسا أركان الجيشين الأميركي والروسي", 1) == []
    assert at("002", "بين الجيشين الأميركي والروسي") == [("الأميركي", "USA"), ("والروسي", "RUS")]
    docs, m = seed_mentions
    assert (m.actor_id == "RUS_MOD").sum() == 8  # counted by hand in the five texts
    for doc_id, field, start, end, surface in zip(m.doc_id, m.field, m.start, m.end, m.surface):
        assert docs.set_index("doc_id").loc[doc_id, field][start:end] == surface


# --- the codebook as data -----------------------------------------------------------------

def test_study_codebook_copy_is_current():
    original = ROOT.parent / "shared" / "codebook.tsv"
    if not original.exists():
        pytest.skip("shared/ is not beside this checkout")
    assert SHARED_CODEBOOK.read_bytes() == original.read_bytes()


def test_shipped_codebook_covers_the_study_codebook():
    cb = actors.load_codebook()
    assert list(cb.columns) == ["id", "type", "side", "english", "label_ar"]
    with open(SHARED_CODEBOOK, encoding="utf-8") as f:
        shared = {r["id"]: r for r in csv.DictReader(f, delimiter="\t")}
    assert len(shared) == 44
    ours = cb.set_index("id")
    for actor_id, row in shared.items():
        assert ours.loc[actor_id, "type"] == row["type"]
        assert ours.loc[actor_id, "side"] == row["side"]
    aliases = actors.load_aliases()
    assert set(aliases.actor_id) == set(cb.id)  # every actor can be found
    assert set(aliases.kind) <= set(actors.ALIAS_KINDS)


def test_every_example_form_of_the_study_codebook_is_found():
    with open(SHARED_CODEBOOK, encoding="utf-8") as f:
        shared = list(csv.DictReader(f, delimiter="\t"))
    for row in shared:
        for form in row["example_arabic_forms"].split("؛"):
            form = form.strip()
            assert [a for _, a in found(f"قال {form} أمس")] == [row["id"]], form


def _copy_data(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name in ("codebook.tsv", "actor_aliases.tsv", "actor_heads.tsv"):
        out[name] = tmp_path / name
        shutil.copy(data_file(name), out[name])
    return out


def _append(path: Path, *lines: str) -> int:
    """Append lines; return the line number of the first one."""
    n = len(path.read_text(encoding="utf-8").splitlines())
    with open(path, "a", encoding="utf-8") as f:
        for line in lines:
            f.write(line + "\n")
    return n + 1


def test_a_researcher_adds_an_actor_and_aliases_without_code(tmp_path):
    files = _copy_data(tmp_path)
    _append(files["codebook.tsv"], "WAGNER\tarmed_group\trussia\tWagner Group\tفاغنر")
    _append(files["actor_aliases.tsv"], "WAGNER\tمجموعة فاغنر\tname\t", "WAGNER\tفاغنر\tshort_name\t")
    cb = actors.load(codebook_path=files["codebook.tsv"], aliases_path=files["actor_aliases.tsv"],
                     heads_path=files["actor_heads.tsv"])
    m = actors.find_mentions(documents("قاتل عناصر مجموعة فاغنر ولفاغنر في سوريا"), codebook=cb)
    assert list(zip(m.surface, m.actor_id)) == [("مجموعة فاغنر", "WAGNER"), ("ولفاغنر", "WAGNER")]


def test_an_edited_file_is_read_again(tmp_path):
    import os
    files = _copy_data(tmp_path)
    before = actors.load_aliases(files["actor_aliases.tsv"])
    _append(files["actor_aliases.tsv"], "RUS\tبلاد الروس\tmetonym\t")
    stat = os.stat(files["actor_aliases.tsv"])
    os.utime(files["actor_aliases.tsv"], ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    after = actors.load_aliases(files["actor_aliases.tsv"])
    assert len(after) == len(before) + 1


@pytest.mark.parametrize("file, line, message", [
    ("actor_aliases.tsv", "USA\tروسيا\tname\t", "already given to RUS"),
    ("actor_aliases.tsv", "USA\tالروسيّة\tadjective\t", "already given to RUS"),  # same once folded
    ("actor_aliases.tsv", "USA\t\tname\t", "empty alias"),
    ("actor_aliases.tsv", "USA\t\u064e\u064f\tname\t", "no letters"),
    ("actor_aliases.tsv", "NOBODY\tفلان\tname\t", "unknown actor id 'NOBODY'"),
    ("actor_aliases.tsv", "USA\tيانكي\tnickname\t", "unknown kind 'nickname'"),
    ("actor_aliases.tsv", "USA\tيانكي\tname\tnote\textra", "cells, the header has 4"),
    ("codebook.tsv", "XYZ\tstate\tneutral\tNowhere\t", "unknown side 'neutral'"),
    ("codebook.tsv", "XYZ\tcountry\tother\tNowhere\t", "unknown type 'country'"),
    ("codebook.tsv", "USA\tstate\tus\tUnited States again\t", "duplicate id 'USA'"),
    ("codebook.tsv", "\tstate\tus\tNobody\t", "empty id"),
    ("actor_heads.tsv", "المسؤول\tunnamed\t", "duplicate unnamed head"),
    ("actor_heads.tsv", "الحاكم\tboss\t", "unknown role 'boss'"),
])
def test_malformed_files_are_rejected_with_file_and_line(tmp_path, file, line, message):
    files = _copy_data(tmp_path)
    line_no = _append(files[file], line)
    with pytest.raises(actors.CodebookError) as err:
        actors.load(codebook_path=files["codebook.tsv"], aliases_path=files["actor_aliases.tsv"],
                    heads_path=files["actor_heads.tsv"])
    assert message in str(err.value)
    assert f"{files[file]}:{line_no}:" in str(err.value)


def test_missing_header_column_is_rejected(tmp_path):
    path = tmp_path / "codebook.tsv"
    path.write_text("id\ttype\tenglish\tlabel_ar\nUSA\tstate\tUS\tامريكا\n", encoding="utf-8")
    with pytest.raises(actors.CodebookError, match=r"codebook.tsv:1: the header lacks column\(s\) side;"):
        actors.load_codebook(path)


# --- aggregates ---------------------------------------------------------------------------

@pytest.fixture
def small():
    docs = documents("روسيا وموسكو والولايات المتحدة. تركيا وإيران.", "لافروف وكيري")
    docs["n_tokens"] = [100, 50]
    return docs, actors.find_mentions(docs)


def test_counts_by_actor(small):
    docs, m = small
    c = actors.counts(m, docs)
    assert list(c.columns) == ["doc_id", "actor_id", "n", "per_1000_tokens", "share"]
    got = {(r.doc_id, r.actor_id): (r.n, r.per_1000_tokens, round(r.share, 4)) for r in c.itertuples()}
    assert got == {("d0", "IRN"): (1, 10.0, 0.2), ("d0", "RUS"): (2, 20.0, 0.4),
                   ("d0", "TUR"): (1, 10.0, 0.2), ("d0", "USA"): (1, 10.0, 0.2),
                   ("d1", "KERRY"): (1, 20.0, 0.5), ("d1", "LAVROV"): (1, 20.0, 0.5)}


@pytest.mark.parametrize("by, expected", [
    ("side", {("d0", "other"): 2, ("d0", "russia"): 2, ("d0", "us"): 1, ("d1", "russia"): 1, ("d1", "us"): 1}),
    ("type", {("d0", "state"): 5, ("d1", "person"): 2}),
])
def test_counts_roll_up(small, by, expected):
    docs, m = small
    c = actors.counts(m, docs, by=by)
    assert {(r.doc_id, getattr(r, by)): r.n for r in c.itertuples()} == expected
    assert c.groupby("doc_id")["share"].sum().round(9).eq(1).all()


def test_counts_fill_zeros_and_tokens_fallback(small):
    docs, m = small
    c = actors.counts(m, docs, by="side", fill_zeros=True)
    assert len(c) == 2 * len(actors.SIDES)
    assert c.set_index(["doc_id", "side"]).loc[("d1", "jihadist"), "n"] == 0
    no_tokens = docs.drop(columns="n_tokens")
    c = actors.counts(m, no_tokens)
    # d1 «لافروف وكيري» is two tokens: one mention each is 500 per 1000
    assert c.set_index(["doc_id", "actor_id"]).loc[("d1", "LAVROV"), "per_1000_tokens"] == 500.0
    with pytest.raises(ValueError, match="by must be one of"):
        actors.counts(m, docs, by="outlet")


def test_cooccurrence(small):
    docs, m = small
    s = actors.cooccurrence(m)
    assert list(s.columns) == ["actor_id_a", "actor_id_b", "n_units"]
    assert set(zip(s.actor_id_a, s.actor_id_b, s.n_units)) == {
        ("RUS", "USA", 1), ("IRN", "TUR", 1), ("KERRY", "LAVROV", 1)}
    d = actors.cooccurrence(m, unit="document")
    assert len(d) == 6 + 1  # the 4 states of d0 pairwise, and d1's pair
    sides = actors.cooccurrence(m, unit="document", by="side")
    assert set(zip(sides.side_a, sides.side_b, sides.n_units)) == {
        ("other", "russia", 1), ("other", "us", 1), ("russia", "us", 2)}
    with pytest.raises(ValueError, match="unit must be"):
        actors.cooccurrence(m, unit="paragraph")


def test_smoke_benchmark_script_runs():
    import subprocess
    import sys
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_actors.py"), "--n", "50",
                          "--repeat", "1"], capture_output=True, text=True, check=True)
    assert "MB/s" in out.stdout and out.stderr == ""


def test_no_mention_runs_across_title_and_body():
    """Fields are scanned joined in batches; a name split between them is not one mention."""
    docs = make_documents([("x", "قمة في الولايات", "المتحدة تستضيف اللقاء مع روسيا", "2019-01-01")])
    mentions = actors.find_mentions(docs)
    for row in mentions.itertuples():
        text = docs.loc[0, row.field]
        assert 0 <= row.start < row.end <= len(text) and text[row.start:row.end] == row.surface
    assert not ((mentions["field"] == "title") & (mentions["actor_id"] == "USA")).any()
    assert list(mentions.loc[mentions["field"] == "body", "actor_id"]) == ["RUS"]


@pytest.mark.parametrize("batch_chars", [1, 500, 3000])
def test_batch_size_does_not_change_the_mentions(seed_mentions, monkeypatch, batch_chars):
    """Fields are scanned in batches of about ``_BATCH_CHARS`` characters; cutting the seed
    corpus into one field per batch, or a few fields, finds the same mentions as one batch."""
    docs, whole = seed_mentions
    assert sum(len(t) for t in docs["body"]) > 3 * batch_chars  # several batches
    monkeypatch.setattr(actors.mentions, "_BATCH_CHARS", batch_chars)
    pd.testing.assert_frame_equal(actors.find_mentions(docs), whole)


# --- batches: the fields of a batch do not read into each other -------------------------------

_heads = st.sampled_from([
    "المسؤول", "مسؤولون", "نظيره", "الرئيس", "وزير", "وزيرا", "رئيس هيئة أركان", "رئيس", "الشعب",
    "الرأي العام", "مستشار", "قال", "x", "ال" + "ا" * 40, "\x01", "ﻻ", "(", "،"])
_definites = st.sampled_from([
    "الأركان", "العامة", "للقوات", "المسلحة", "الدفاع", "الخارجية", "القومي", "الى", "هيئة", "الجنرال",
    "الفريق أول", "البنتاغون", "ab_cd", "ال" + "ا" * 30, "،", "«", "\u0301", "ـ", "😀"])
_modifiers = st.sampled_from(["عسكريون", "كبار", "الكبير", "العسكري", "-", "/"])
_adjectives = st.sampled_from([
    "الأمريكي", "الروسي", "الروسية", "والأمريكية", "الأمريكيين", "أمريكيون", "والروسي", "روسيا",
    "سيرغي لافروف", "جون كيري"])
_gaps = st.sampled_from([" ", " ", " ", "", "  ", "\n", "_", "\u00a0", " \u0301", "، ", " و"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_heads, st.lists(_definites, max_size=5), st.lists(_modifiers, max_size=3),
                          st.lists(_adjectives, min_size=1, max_size=2), st.lists(_gaps, min_size=11, max_size=11)),
                min_size=3, max_size=12))
@example([("قال", ["الدفاع"] * 5, [], ["روسيا"], [" "] * 11), ("وزير", ["الى"], [], ["الأمريكي"], [" "] * 11),
          ("وزير", ["الأركان", "العامة", "للقوات", "المسلحة"], ["الكبير"], ["الروسية"], [" "] * 11),
          ("رئيس", ["الأركان", "العامة", "للقوات", "المسلحة", "الدفاع"], [], ["الروسية"], [" "] * 11)])
def test_head_rules_read_each_field_alone(chunks):
    """The head rules look back up to 100 characters and the title rule across gaps; in a
    batch of joined fields they never read the field before: each field scanned alone
    (one field per batch) gives the same mentions as all fields in one batch."""
    text = "".join(gap + word for head, definites, modifiers, adjectives, gaps in chunks
                   for gap, word in zip(gaps, [head, *definites, *modifiers, *adjectives]))
    docs = documents(text, text[::-1], titles=(text[len(text) // 2:], ""))
    together = actors.find_mentions(docs)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(actors.mentions, "_BATCH_CHARS", 1)
        pd.testing.assert_frame_equal(actors.find_mentions(docs), together)


@pytest.mark.xfail(strict=True, reason="known: a field opening with a space and a stray combining "
                   "mark (U+0301) reads its first head word differently alone and after another field")
def test_a_field_opening_with_a_combining_mark_reads_alone_as_in_a_batch():
    """Found by the property above (explore profile): the body opens with « \u0301المسؤول»."""
    text = " \u0301المسؤول الأمريكي المسؤول الأمريكي وزير الأمريكي"
    docs = documents(text, titles=(text[len(text) // 2:],))
    together = actors.find_mentions(docs)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(actors.mentions, "_BATCH_CHARS", 1)
        pd.testing.assert_frame_equal(actors.find_mentions(docs), together)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=".!?؟!…۔\n\r \t\u00a0\"'»”’)]ab", max_size=40), st.integers(0, 40))
def test_sentence_of_a_mention_as_sentence_spans_of_its_field(text, at):
    """Sentences are found in the joined batch; each mention's is its field's sentence."""
    body = f"{text[:at]} موسكو {text[at:]}"
    docs = documents(body, titles=(text,))
    m = actors.find_mentions(docs).query("field == 'body'")
    spans = normalize.sentence_spans(body)
    assert m["sentence"].tolist() == [
        max(i for i, (s, _) in enumerate(spans) if s <= start) for start in m["start"]]


# --- the accelerator decides as the rule --------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 25)), max_size=40, unique=True))
def test_fast_longest_first_as_the_rule(spans):
    """fast.longest_first keeps the spans mentions.longest_first keeps, in the same order."""
    start = np.array([s for s, _ in spans], dtype=np.int64)
    end = np.array([s + n for s, n in spans], dtype=np.int64)
    expected = actors.mentions.longest_first(start, end)
    assert actors.fast.longest_first(start, end).tolist() == expected.tolist()
    kept = sorted(zip(start[expected].tolist(), end[expected].tolist()))
    assert all(e <= s for (_, e), (s, _) in zip(kept, kept[1:]))  # no two overlap


def test_comment_lines_in_the_data_files(tmp_path):
    """A researcher can comment out an alias with ``#`` (the shared data-file reader)."""
    files = _copy_data(tmp_path)
    text = files["actor_aliases.tsv"].read_text(encoding="utf-8")
    files["actor_aliases.tsv"].write_text(
        "# the aliases of the actors\n" + text.replace("\nRUS\tموسكو\t", "\n# RUS\tموسكو\t"),
        encoding="utf-8")
    cb = actors.load(codebook_path=files["codebook.tsv"], aliases_path=files["actor_aliases.tsv"],
                     heads_path=files["actor_heads.tsv"])
    m = actors.find_mentions(documents("اتهمت موسكو واشنطن"), codebook=cb)
    assert list(zip(m.surface, m.actor_id)) == [("واشنطن", "USA")]
