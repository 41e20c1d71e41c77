"""Arabic folding, offsets, tokens, clitics and sentences."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import normalize as N


@pytest.mark.parametrize("text_in, expected", [
    ("أمريكا", "امريكا"),
    ("إيران", "ايران"),
    ("آب", "اب"),
    ("ٱلله", "الله"),
    ("أَمْرِيكِيٌّ", "امريكي"),          # harakat, shadda, tanween
    ("الـــروسية", "الروسيه"),           # tatweel and final ta marbuta
    ("مستشفى", "مستشفي"),               # alef maqsura
    ("کیری", "كيري"),                   # Persian kaf and yeh
    ("٢٠١٩", "2019"),                   # Arabic-Indic digits
    ("۱۳۹۸", "1398"),                   # Persian digits
    ("«داعش»", '"داعش"'),
    ("“رويترز”", '"رويترز"'),
    ("بروكسل – هلسنكي", "بروكسل - هلسنكي"),
    ("ﻻ", "لا"),                        # lam-alef presentation form
    ("ﺍﻟﺴﻼﻡ", "السلام"),                # presentation forms of a whole word
    ("وا\u200cشنطن", "واشنطن"),          # zero-width non-joiner from a scrape
])
def test_fold(text_in, expected):
    assert N.fold(text_in) == expected


@pytest.mark.parametrize("fn, text_in, expected", [
    (N.strip_diacritics, "مُحَمَّدٌ", "محمد"),
    (N.strip_tatweel, "لـ", "ل"),
    (N.fold_alef, "أإآ", "ااا"),
    (N.fold_yeh, "على", "علي"),
    (N.fold_teh_marbuta, "وزارة", "وزاره"),
    (N.fold_digits, "٣٠", "30"),
    (N.fold_punctuation, "«أ»", '"أ"'),
    (N.collapse_space, "الولايات\n  المتحدة", "الولايات المتحدة"),
])
def test_each_fold_on_its_own(fn, text_in, expected):
    assert fn(text_in) == expected


def test_folds_compose_in_any_order():
    text = "أَمْرِيكَا الـمتحدة"
    a = N.fold_alef(N.strip_diacritics(N.strip_tatweel(text)))
    b = N.strip_tatweel(N.strip_diacritics(N.fold_alef(text)))
    assert a == b == "امريكا المتحدة"


@pytest.mark.parametrize("text, needle, surface", [
    ("قالت وزارةُ الدفاعِ", "وزاره الدفاع", "وزارةُ الدفاعِ"),
    ("الولايات\nالمتحدة", "الولايات المتحده", "الولايات\nالمتحدة"),
    ("لـ«داعش»", 'ل"داعش"', "لـ«داعش»"),
    ("في  سوريا", "في سوريا", "في  سوريا"),
    ("ﻻ بد", "لا بد", "ﻻ بد"),
])
def test_fold_with_offsets_maps_back_to_the_original(text, needle, surface):
    f = N.fold_with_offsets(text)
    i = f.text.index(needle)
    start, end = f.span(i, i + len(needle))
    assert text[start:end] == surface


@given(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةى ًٌٍَُِّْـ\n \u200c«»٠١٢3", max_size=60))
def test_offsets_are_monotone_and_in_range(text):
    f = N.fold_with_offsets(text)
    assert len(f.offsets) == len(f.text) + 1
    assert all(0 <= o <= len(text) for o in f.offsets)
    assert list(f.offsets) == sorted(f.offsets)
    assert f.text == N.collapse_space(N.fold(text))


def test_tokenize_keeps_original_spans():
    text = "وقال لافروفُ: «نعم» في ٢٠١٩."
    toks = N.tokenize(text)
    assert [t.folded for t in toks] == ["وقال", "لافروف", "نعم", "في", "2019"]
    for t in toks:
        assert text[t.start:t.end] == t.surface
    assert toks[1].surface == "لافروفُ"


def test_count_tokens_matches_tokenize():
    text = "الولايات المتحدة وروسيا، ٢٠١٩ و3.5 مليون"
    assert N.count_tokens(text) == len(N.tokenize(text)) == 6


@pytest.mark.parametrize("phrase, form", [
    ("الولايات المتحده", "للولايات المتحده"),
    ("الولايات المتحده", "والولايات المتحده"),
    ("الولايات المتحده", "وللولايات المتحده"),
    ("الولايات المتحده", "بالولايات المتحده"),
    ("موسكو", "وموسكو"),
    ("موسكو", "لموسكو"),
    ("موسكو", "فبموسكو"),
])
def test_proclitic_forms_include(phrase, form):
    assert form in N.proclitic_forms(phrase)


def test_proclitic_forms_exclude_impossible_ones():
    forms = N.proclitic_forms("الولايات")
    assert "لالولايات" not in forms
    assert "الولايات" == forms[0]


@pytest.mark.parametrize("word, vocabulary, expected", [
    ("والولايات", None, ("وال", "ولايات")),
    ("بالتنسيق", None, ("بال", "تنسيق")),
    ("للتحالف", None, ("لل", "تحالف")),
    ("التي", None, ("", "التي")),            # too short to carry the article
    ("وزاره", None, ("", "وزاره")),           # و is part of the word
    ("وموسكو", {"موسكو"}, ("و", "موسكو")),
    ("وزاره", {"زاره"}, ("و", "زاره")),       # only with evidence in the vocabulary
    ("بيان", {"يان"}, ("ب", "يان")),          # min_stem=3 allows it; vocabulary decides
    ("كبير", set(), ("", "كبير")),
])
def test_split_clitics(word, vocabulary, expected):
    assert N.split_clitics(word, vocabulary=vocabulary) == expected


@pytest.mark.parametrize("text, expected", [
    ("جملة أولى. جملة ثانية", ["جملة أولى.", "جملة ثانية"]),
    ("هل اتفقا؟ نعم!", ["هل اتفقا؟", "نعم!"]),
    ("بلغت النسبة 3.5 بالمئة", ["بلغت النسبة 3.5 بالمئة"]),
    ("قال: \"انتهى.\" ثم غادر", ["قال: \"انتهى.\"", "ثم غادر"]),
    ("سطر\nسطر آخر", ["سطر", "سطر آخر"]),
])
def test_sentence_spans(text, expected):
    assert [text[s:e] for s, e in N.sentence_spans(text)] == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=list("اأإآبتةىيـَُِّْ \n\t\u00a0\u200f«»“”–ﻻﺍ٢٠١9𝐀😀\U00010900"), max_size=60),
       st.booleans())
def test_vectorised_fold_equals_the_reference_loop(text, collapse):
    fast = N.fold_with_offsets(text, collapse_whitespace=collapse)
    slow = N.fold_with_offsets_slow(text, collapse_whitespace=collapse)
    assert fast.text == slow.text
    assert fast.offsets.tolist() == slow.offsets.tolist()


@pytest.mark.parametrize("text", [
    "ﺍﻟﺴﻼﻡ عليكم " * 10,                 # presentation forms in a long text
    "أَمْرِيكَا الـمتحدة " * 10,          # long text, numpy path
    "ﻻ",                                  # short text, translate path
    "أَمْرِيكَا 😀 الـمتحدة " * 10,       # beyond the BMP: the table of all code points
])
def test_fold_paths_agree(text):
    assert N.fold(text) == N.fold_with_offsets(text, collapse_whitespace=False).text


def test_the_bmp_table_is_the_full_table_for_the_bmp():
    """Texts within the BMP are folded with the 16-bit table: the same values as the table
    of all code points, for every one of them."""
    for collapse in (True, False):
        full, bmp = N._code_table(collapse), N._bmp_table(collapse)
        assert bmp.dtype == np.uint16 and len(bmp) == 0x10000
        assert (bmp == full[:0x10000]).all()
    assert N._code_points("سلام", True)[2] == "utf-16-le"
    assert N._code_points("سلام 😀", True)[2] == "utf-32-le"
