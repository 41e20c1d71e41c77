"""The coder's unit: sentences split as CODEBOOK-FRAMES.md says."""
import pytest

from analysis.sentences import spans, split


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
