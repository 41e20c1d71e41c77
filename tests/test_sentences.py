"""The coder's unit: sentences split as CODEBOOK-FRAMES.md says."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.sentences import spans, spans_of, split


@pytest.mark.parametrize("text, expected", [
    ("قال لافروف إن الاتصالات مستمرة. وأضاف أن الجانبين ملتزمان.",
     ["قال لافروف إن الاتصالات مستمرة.", "وأضاف أن الجانبين ملتزمان."]),
    # a headline with «..» as a separator is two sentences
    ("دانفورد يلتقي غيراسيموف.. والملف السوري على الطاولة",
     ["دانفورد يلتقي غيراسيموف..", "والملف السوري على الطاولة"]),
    # a run of marks ends one sentence, Arabic question mark and ellipsis included
    ("هل انتهى التنسيق؟! لا… ما زالت القناة مفتوحة",
     ["هل انتهى التنسيق؟!", "لا…", "ما زالت القناة مفتوحة"]),
    # no split inside an open quotation, of any kind
    ("قال: «لن نسمح بذلك. أبداً» ثم غادر. وانتهى اللقاء.",
     ["قال: «لن نسمح بذلك. أبداً» ثم غادر.", "وانتهى اللقاء."]),
    ("وقال “التعاون مستمر. ولن يتوقف” في المؤتمر.", ["وقال “التعاون مستمر. ولن يتوقف” في المؤتمر."]),
    ('وقال "التعاون مستمر. ولن يتوقف" في المؤتمر. ثم خرج', ['وقال "التعاون مستمر. ولن يتوقف" في المؤتمر.', "ثم خرج"]),
    # numbers and abbreviations are not sentence ends
    ("ارتفع العدد إلى 2.5 مليون في 04.10.2016 بحسب أ.ف.ب. وانتهى",
     ["ارتفع العدد إلى 2.5 مليون في 04.10.2016 بحسب أ.ف.ب.", "وانتهى"]),
    # lines are sentences' outer bounds; an unclosed quote closes at the line end
    ("قال: «سنرد\nوأضاف أن الرد قادم. انتهى", ["قال: «سنرد", "وأضاف أن الرد قادم.", "انتهى"]),
    ("", []),
    ("\n  \n", []),
])
def test_split(text, expected):
    assert split(text) == expected


def test_spans_index_the_text_and_exclude_white_space():
    text = "  أولاً.   ثانياً!\n\nثالثاً  "
    assert [(s, e, text[s:e]) for s, e in spans(text)] == [
        (2, 8, "أولاً."), (11, 18, "ثانياً!"), (20, 26, "ثالثاً")]


# --- the engine (spans_of) against the rules (spans) -----------------------------------------

def _by_text(texts):
    """spans_of(texts) regrouped per text, to compare with [spans(t) for t in texts]."""
    out = [[] for _ in texts]
    for i, s, e in zip(*(a.tolist() for a in spans_of(texts))):
        out[i].append((s, e))
    return out


def test_spans_of_finds_each_texts_sentences_with_its_own_offsets():
    texts = ["أولاً. ثانياً", "", "  قال: «لا. أبداً» ثم غادر.\nانتهى"]
    assert _by_text(texts) == [[(0, 6), (7, 13)], [], [(2, 27), (28, 33)]]


@pytest.mark.parametrize("text", [
    "قال: «لن نسمح. أبداً» ثم غادر. وانتهى.",       # a «» quotation holds its marks
    "قال “لن نسمح. أبداً” ثم غادر. وانتهى.",        # so does a “” one
    'قال "لن نسمح. أبداً" ثم غادر. وانتهى.',         # and a pair of straight quotes
    "» خطأ. ثم «مفتوح. ومغلق» بعدها. نهاية",         # a closing mark with nothing open is ignored
    "««مزدوج» ما زال مفتوحاً. » الآن مغلق. نعم",     # nested openers of one kind count
    "«أ “ب. ج” د. هـ» و. ز",                         # both kinds on one line: the stack decides
    "«أ “ب. ج» د. هـ” و. ز",                          # …crossed quotes too
    "«مفتوح حتى آخر السطر.\nسطر جديد. ثان",          # a quote open at a line end closes there
    '"واحد. "اثنان. "ثلاثة. أربعة',                   # straight quotes toggle
    "العدد 2.5 في 04.10.2016 بحسب أ.ف.ب. وانتهى…؟! بعدها",
    "  \n\t. \n",                                      # white space and a lone mark
    "نص\u00a0بمسافة. غير\u2003منقسمة.\u2003بعدها",     # other white space is stripped too
])
def test_spans_of_agrees_with_spans_on_invented_texts(text):
    assert _by_text([text, text]) == [spans(text), spans(text)]


_PIECES = st.sampled_from(["ا", "ب", "2", "x", " ", "\u00a0", "\n", ".", "!", "؟", "…", "«", "»", "“", "”", '"'])


@settings(max_examples=400)
@given(st.lists(st.lists(_PIECES, max_size=40).map("".join), min_size=1, max_size=4))
def test_spans_of_agrees_with_spans_on_random_texts(texts):
    assert _by_text(texts) == [spans(t) for t in texts]
