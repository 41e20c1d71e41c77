"""KWIC lines: exact matches, context cut on whole words, white space shown as spaces."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import actors, evidence

BODY = ("قال المتحدث باسم وزارة الدفاع الروسية إيغور كوناشينكوف إن القوات الروسية\n"
        "لم تستهدف المدنيين في إدلب.")


def documents(body: str = BODY, title: str = "موسكو تنفي") -> pd.DataFrame:
    return pd.DataFrame({"doc_id": ["a1"], "title": [title], "body": [body], "n_tokens": [20]})


def span(phrase: str, text: str = BODY, field: str = "body", **extra) -> dict:
    start = text.index(phrase)
    return {"doc_id": "a1", "field": field, "start": start, "end": start + len(phrase), **extra}


@pytest.mark.parametrize("phrase, width, left, right", [
    ("وزارة الدفاع الروسية", 60, "قال المتحدث باسم",
     "إيغور كوناشينكوف إن القوات الروسية لم تستهدف المدنيين في"),
    # a context cut inside a word drops the cut word: the 10 chars before are «تحدث باسم »
    ("وزارة الدفاع الروسية", 10, "باسم", "إيغور"),
    # line breaks in the context are shown as a space
    ("القوات الروسية", 20, "إيغور كوناشينكوف إن", "لم تستهدف المدنيين"),
    # at the edges of the field there is nothing to cut
    ("قال", 5, "", ""),
    ("إدلب.", 200, BODY[:BODY.index("إدلب.")].replace("\n", " ").strip(), ""),
    ("قال", 0, "", ""),
])
def test_kwic_context(phrase, width, left, right):
    out = evidence.kwic(documents(), pd.DataFrame([span(phrase)]), width=width)
    assert list(out.columns) == evidence.KWIC_COLUMNS
    row = out.iloc[0]
    assert (row.left, row.match, row.right) == (left, phrase, right)


def test_match_is_the_stored_text_exactly_and_extra_columns_follow():
    body = "أعلنت وزارة\nالدفاع الروسيّة أمس"
    spans = pd.DataFrame([span("وزارة\nالدفاع الروسيّة", body, actor_id="RUS_MOD", frame="x")])
    out = evidence.kwic(documents(body), spans)
    assert out.loc[0, "match"] == "وزارة\nالدفاع الروسيّة"
    assert list(out.columns) == evidence.KWIC_COLUMNS + ["actor_id", "frame"]
    assert out.loc[0, "actor_id"] == "RUS_MOD"
    assert (out.loc[0, "left"], out.loc[0, "right"]) == ("أعلنت", "أمس")


def test_title_spans_and_order_of_input_kept():
    spans = pd.DataFrame([span("القوات الروسية"), span("موسكو", "موسكو تنفي", field="title")])
    out = evidence.kwic(documents(), spans, width=30)
    assert list(out.field) == ["body", "title"]
    assert (out.loc[1, "match"], out.loc[1, "right"]) == ("موسكو", "تنفي")


def test_works_on_actor_mentions():
    docs = documents()
    m = actors.find_mentions(docs)
    out = evidence.kwic(docs, m, width=25)
    assert list(out.match) == list(m.surface)
    assert list(out.actor_id) == list(m.actor_id)
    assert out.loc[out.actor_id == "RUS_MOD", "left"].iloc[0] == "قال المتحدث باسم"


@pytest.mark.parametrize("spans, message", [
    (pd.DataFrame([{"doc_id": "zz", "field": "body", "start": 0, "end": 3}]), "no such document field"),
    (pd.DataFrame([{"doc_id": "a1", "field": "body", "start": 5, "end": 999}]), "outside the field"),
    (pd.DataFrame([{"doc_id": "a1", "field": "body", "start": 5}]), "lack column"),
])
def test_bad_spans_are_rejected(spans, message):
    with pytest.raises(ValueError, match=message):
        evidence.kwic(documents(), spans)


def test_empty_spans_give_an_empty_table():
    out = evidence.kwic(documents(), pd.DataFrame(columns=["doc_id", "field", "start", "end"]))
    assert list(out.columns) == evidence.KWIC_COLUMNS and len(out) == 0


def test_display_puts_the_preceding_text_to_the_right_of_the_match():
    docs = pd.DataFrame({"doc_id": ["d"], "title": [""], "body": ["قبل المطابقة روسيا بعد المطابقة"]})
    start = docs.loc[0, "body"].index("روسيا")
    lines = evidence.kwic(docs, pd.DataFrame({"doc_id": ["d"], "field": ["body"], "start": [start],
                                              "end": [start + 5], "frame": ["x"]}), width=20)
    shown = evidence.for_display(lines, keep=("frame",))
    assert list(shown.columns) == ["doc_id", "frame", "after", "match", "before"]
    assert shown.loc[0, "before"] == "قبل المطابقة" and shown.loc[0, "after"] == "بعد المطابقة"
