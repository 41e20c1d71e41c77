"""Tests for analysis.framing: frame cues, attributed statements, keyness, spans.

The Arabic sentences are written for these tests in the styles of several outlets (wire
copy, Gulf and Levantine papers, Russian Arabic-language media); expected values come
from reading the Arabic.
"""
from __future__ import annotations

import math
import warnings

import pandas as pd
import pytest
from conftest import mentions_at

from analysis import framing
from analysis.framing import LexiconError, cues, fast, phrases, words
from analysis.framing.mentions import mentions_in


def docs(body: str, title: str = "", doc_id: str = "d1", outlet: str = "X") -> pd.DataFrame:
    return pd.DataFrame([{"doc_id": doc_id, "outlet": outlet, "published": pd.NaT,
                          "published_basis": "", "title": title, "body": body, "n_tokens": 0}])


def cues_of(text: str) -> list[tuple[str, str]]:
    hits = framing.find_cues(docs(text))
    for row in hits.itertuples():
        assert text[row.start:row.end] == row.surface
    return list(zip(hits["surface"], hits["frame"]))


# --- frame cues ----------------------------------------------------------------------------

CUES = [
    # plain cue with the article
    ("أكد الطرفان ضرورة التنسيق بين القوات", [("التنسيق", "cooperation")]),
    # harakat, shadda and tatweel inside the cue
    ("وشدّد على أهميّة التَّنسـيق", [("التَّنسـيق", "cooperation")]),
    # و + ل + article (لل)
    ("ودعا وللتعاون مع موسكو", [("وللتعاون", "cooperation")]),
    # verb cue, imperfect dual with conjunction
    ("وتتفق واشنطن وموسكو على ذلك", [("وتتفق", "cooperation")]),
    # past verb without hamza, feminine
    ("واتفقت الدولتان على مواصلة المحادثات", [("واتفقت", "cooperation"),
                                               ("المحادثات", "diplomacy")]),
    # a phrase broken over a line
    ("أنشأ الجيشان قناة\nاتصال مباشرة", [("قناة\nاتصال", "deconfliction")]),
    # optional words inside a phrase, plural with suffix
    ("بهدف تفادي وقوع أي احتكاكات جوية", [("تفادي وقوع أي احتكاكات", "deconfliction")]),
    # a longer cue wins over the cue it contains
    ("عبر قناة التنسيق العسكرية", [("قناة التنسيق", "deconfliction")]),
    ("تواصل قتال داعش في البادية", [("قتال داعش", "counter_terrorism")]),
    # alef with and without hamza, ة written as ه
    # (killing in fighting is a casualty of fighting: military operations)
    ("قتل عدد من الارهابيين", [("قتل", "military_operations"), ("الارهابيين", "counter_terrorism")]),
    ("في إطار عملية سياسيه شاملة", [("عملية سياسيه", "diplomacy")]),
    # feminine plural with possessive
    ("شنت المقاتلات الروسية غاراتها فجرا", [("المقاتلات", "military_operations"),
                                             ("غاراتها", "military_operations")]),
    # guillemets around a phrase, Arabic-Indic digits nearby
    ("بحثا «الاستقرار الاستراتيجي» ومعاهدة ستارت عام ٢٠١٠",
     [("الاستقرار الاستراتيجي", "strategic_stability"), ("ومعاهدة", "strategic_stability"),
      ("ستارت", "strategic_stability")]),
    # «وقف إطلاق النار» is diplomacy, and «وقف» does not negate it
    ("خرق وقف إطلاق النار", [("خرق", "confrontation"), ("وقف إطلاق النار", "diplomacy")]),
    # negatives: a cue inside a longer word, «بخلاف» (unlike), «القاعدة» (al-Qaeda)
    ("زار الوفد مقصف الجامعة", []),
    ("بخلاف ما أعلنه الجانب الآخر", []),
    ("هاجم تنظيم القاعدة قاعدة عسكرية", [("قاعدة عسكرية", "military_operations")]),
]


@pytest.mark.parametrize("text, expected", CUES)
def test_find_cues(text, expected):
    assert cues_of(text) == expected


NEGATION = [
    # (text, surface of the hit, frame, negated)
    ("انتقدت موسكو عدم التنسيق مع قواتها", "عدم التنسيق", "confrontation", True),
    ("جاءت الضربة دون أي تنسيق مسبق", "دون أي تنسيق", "confrontation", True),
    ("لم يتم إبلاغ الجانب الروسي بالغارة", "لم يتم إبلاغ", "confrontation", True),
    ("غضبت روسيا لعدم إعلامها وعدم إخطارها", "وعدم إخطارها", "confrontation", True),
    ("لم تنسق روسيا مع التحالف", "لم تنسق", "confrontation", True),
    ("لا يوجد أي تعاون بين الجيشين", "لا يوجد أي تعاون", "confrontation", True),
    ("وانقطعت الاتصالات العسكرية منذ أشهر", "وانقطعت الاتصالات", "confrontation", True),
    ("أعلنت واشنطن تعليق التعاون مع موسكو", "تعليق التعاون", "confrontation", True),
    # not negations
    ("لا بد من التنسيق بين الجانبين", "التنسيق", "cooperation", False),
    ("لا يزال التعاون قائما", "التعاون", "cooperation", False),
    ("ولا يرى مانعا من التعاون", "التعاون", "cooperation", False),
    ("لم يحدث ذلك، والتنسيق مستمر", "والتنسيق", "cooperation", False),
    ("نفذت عمليات غير منسقة", "غير منسقة", "confrontation", True),
]


@pytest.mark.parametrize("text, surface, frame, negated", NEGATION)
def test_negated_cooperation_counts_as_confrontation(text, surface, frame, negated):
    hits = framing.find_cues(docs(text))
    row = hits[hits["surface"] == surface]
    assert len(row) == 1, hits
    assert row["frame"].iloc[0] == frame
    assert bool(row["negated"].iloc[0]) is negated
    assert text[row["start"].iloc[0]:row["end"].iloc[0]] == surface
    if negated:  # never counted as cooperation as well
        assert not (hits["frame"] == "cooperation").any()


def test_other_frames_are_not_negated():
    hits = framing.find_cues(docs("قررت واشنطن عدم سحب قواتها"))
    assert list(zip(hits["surface"], hits["frame"], hits["negated"])) == [
        ("سحب قواتها", "military_operations", False)]


def test_cue_columns_and_order_title_first():
    hits = framing.find_cues(docs("غارات ثم تنسيق", title="تعاون"))
    assert list(hits.columns) == framing.HIT_COLUMNS
    assert list(hits["field"]) == ["title", "body", "body"]
    assert list(hits["start"]) == [0, 0, 9]


def test_cues_on_the_seeds(seed_documents):
    hits = framing.find_cues(seed_documents)
    texts = {(d, f): t for d, f, t in framing.iter_fields(seed_documents)}
    assert all(texts[(r.doc_id, r.field)][r.start:r.end] == r.surface for r in hits.itertuples())
    by = {(r.doc_id[:3], r.surface): (r.frame, r.negated) for r in hits.itertuples()}
    # «بشأن عدم التنسيق في المعارك» (001): a complaint
    assert by[("001", "عدم التنسيق")] == ("confrontation", True)
    # «وانقطعت الاتصالات العسكرية المباشرة» (004)
    assert by[("004", "وانقطعت الاتصالات")] == ("confrontation", True)
    # 002's headline: «تنسيق روسي أميركي لتجنب الاحتكاك في سماء سوريا»
    title = hits[(hits["doc_id"].str.startswith("002")) & (hits["field"] == "title")]
    assert list(zip(title["surface"], title["frame"])) == [
        ("تنسيق", "cooperation"), ("لتجنب الاحتكاك", "deconfliction")]
    keys = list(zip(hits["doc_id"], hits["field"].map({"title": 0, "body": 1}), hits["start"]))
    assert keys == sorted(keys)


@pytest.fixture()
def seed_documents(seeds):
    return seeds[0]


# --- the lexicon files -----------------------------------------------------------------------

HEADER = "frame\tcue\tmatch\tgloss\tnote\n"


@pytest.mark.parametrize("row, message", [
    ("friendship\tصداقة\tstem\tfriendship\t\n", "frames.tsv:2: unknown frame 'friendship'"),
    ("cooperation\tتنسيق\tfuzzy\tcoordination\t\n", "frames.tsv:2: match must be one of"),
    ("cooperation\tتنسيق\tstem\t\t\n", "frames.tsv:2: cue 'تنسيق' has no English gloss"),
    ("cooperation\tحل\tstem\tsolution\t\n", "frames.tsv:2: stem 'حل' is shorter than 3 letters"),
    ("cooperation\tتنسيق [اي\tword\tcoordination\t\n", "frames.tsv:2: unbalanced"),
    ("cooperation\tتنسيق2\tword\tcoordination\t\n", "is not a single Arabic word"),
])
def test_lexicon_errors_name_file_and_line(tmp_path, row, message):
    path = tmp_path / "frames.tsv"
    path.write_text(HEADER + row, encoding="utf-8")
    with pytest.raises(LexiconError, match=message) as err:
        framing.load_lexicon(str(path))
    assert str(path) in str(err.value)


def test_shipped_lexicon_covers_every_frame_with_glosses():
    table = framing.frame_lexicon()
    assert set(table["frame"]) == set(framing.FRAMES)
    assert (table["gloss"].str.len() > 0).all()
    assert set(table["match"]) <= set(framing.MATCH_MODES)


@pytest.mark.parametrize("stem, form, expected", [
    ("تنسيق", "تنسيقات", True), ("تنسيق", "تنسيقيه", True), ("عمليه", "عملياتها", True),
    ("عمليه", "عمليتان", True), ("غاره", "غارتين", True), ("تنسيق", "نسيق", False),
])
def test_stem_forms(stem, form, expected):
    assert (form in framing.stem_forms(stem)) is expected


@pytest.mark.parametrize("past, form, expected", [
    ("اتفق", "يتفقان", True), ("اتفق", "اتفقوا", True), ("نسق", "تنسقون", True),
    ("استهدف", "يستهدفها", True), ("اتهم", "تتهم", True), ("اتفق", "متفق", False),
])
def test_verb_forms(past, form, expected):
    assert (form in framing.verb_forms(past)) is expected


# --- scores ----------------------------------------------------------------------------------

def test_frame_scores_and_headline_vs_body():
    # title: 3 tokens, 1 cooperation hit; body: 8 tokens, 2 military + 1 cooperation hits
    d = docs(title="تنسيق روسي أمريكي",
             body="غارات روسية على إدلب بعد قصف مدفعي والتعاون مستمر")
    hits = framing.find_cues(d)
    scores = framing.frame_scores(hits, d)
    assert list(scores.columns) == framing.SCORE_COLUMNS
    assert len(scores) == 3 * len(framing.FRAMES)
    get = scores.set_index(["field", "frame"])
    assert get.loc[("title", "cooperation"), "n"] == 1
    assert get.loc[("title", "cooperation"), "per_1000_tokens"] == pytest.approx(1000 / 3)
    assert get.loc[("body", "military_operations"), "n"] == 2
    assert get.loc[("body", "military_operations"), "share"] == pytest.approx(2 / 3)
    assert get.loc[("all", "cooperation"), "n"] == 2
    assert get.loc[("all", "cooperation"), "n_tokens"] == 12
    assert get.loc[("title", "diplomacy"), "share"] == 0
    hv = framing.headline_vs_body(scores)
    assert hv.iloc[0].to_dict() == {"doc_id": "d1", "headline_frames": "cooperation",
                                    "body_frames": "military_operations", "n_title_hits": 1,
                                    "n_body_hits": 3, "agree": False}


def test_headline_against_body_in_sentences():
    """Title: one sentence, diplomacy and cooperation; body: military operations in two
    sentences, diplomacy in one, one frameless; b has no framed title sentence."""
    rows = pd.DataFrame(
        [("a", "title", 0, 9, "diplomacy;cooperation"), ("a", "body", 0, 9, "military_operations"),
         ("a", "body", 10, 19, "diplomacy;military_operations"), ("a", "body", 20, 29, ""),
         ("b", "title", 0, 9, ""), ("b", "body", 0, 9, "confrontation")],
        columns=framing.SENTENCE_COLUMNS)
    out = framing.sentence_headline_vs_body(rows)
    assert list(out.columns) == framing.SENTENCE_HEADLINE_COLUMNS
    a, b = out.to_dict("records")
    assert a == {"doc_id": "a", "headline_frames": "cooperation; diplomacy",
                 "body_frames": "military_operations", "n_title_sentences": 1,
                 "n_body_sentences": 3, "agree": False}
    assert b["headline_frames"] == "" and b["body_frames"] == "confrontation" and not b["agree"]
    rows.loc[1, "frames"] = "diplomacy"  # now diplomacy ties military operations in the body
    assert framing.sentence_headline_vs_body(rows).loc[0, "agree"]


def test_frame_scores_share_is_nan_without_hits():
    d = docs(title="", body="كلام عام لا إطار فيه")
    scores = framing.frame_scores(framing.find_cues(d), d)
    assert scores["n"].sum() == 0
    assert scores["share"].isna().all()


# --- statements ------------------------------------------------------------------------------

CODEBOOK = pd.DataFrame([
    ("USA", "state", "us"), ("RUS", "state", "russia"), ("US_DOD", "institution", "us"),
    ("US_STATE", "institution", "us"), ("RUS_MOD", "institution", "russia"),
    ("RUS_MFA", "institution", "russia"), ("LAVROV", "person", "russia"),
    ("REUTERS", "media", "media"), ("AFP", "media", "media"), ("RT", "media", "media"),
], columns=["id", "type", "side"])


def statements_of(text: str, names: list[tuple[str, str]]) -> pd.DataFrame:
    st = framing.find_statements(docs(text), mentions=mentions_at(text, names),
                                 codebook=CODEBOOK)
    for row in st.itertuples():
        assert row.start < row.end
        if row.speaker_start >= 0:
            assert text[row.speaker_start:row.speaker_end] == row.speaker
    return st


STATEMENTS = [
    # verb–subject, spokesman of an institution named after the institution
    ("وقال المتحدث باسم البنتاغون جيف ديفيس إن القوات ستبقى", [("البنتاغون", "US_DOD")],
     [("المتحدث باسم البنتاغون جيف ديفيس", "US_DOD", "us", "قال", "after_verb")]),
    # «في بيان» after the subject does not make a second statement
    ("وأعلنت وزارة الدفاع الروسية في بيان أن الطائرات عادت", [("وزارة الدفاع الروسية", "RUS_MOD")],
     [("وزارة الدفاع الروسية", "RUS_MOD", "russia", "اعلن", "after_verb")]),
    # subject–verb after كانت, with «قد»
    ("وكانت الخارجية الروسية قد أكدت أمس أن موسكو لن تنسحب",
     [("الخارجية الروسية", "RUS_MFA"), ("موسكو", "RUS")],
     [("الخارجية الروسية", "RUS_MFA", "russia", "اكد", "before_verb")]),
    # «بحسب ما ذكرت»: one statement, the formula's
    ("وذلك بحسب ما ذكرت وكالة رويترز", [("رويترز", "REUTERS")],
     [("وكالة رويترز", "REUTERS", "media", "بحسب", "after_verb")]),
    # a name that contains a stop word («اليوم») is kept whole
    ("بحسب ما ذكرت قناة روسيا اليوم مساء الأحد", [("روسيا اليوم", "RT")],
     [("قناة روسيا اليوم", "RT", "media", "بحسب", "after_verb")]),
    # a source in quotes, not in the codebook: identified, so other (CODEBOOK-STATEMENTS.md)
    ("وقعت الحادثة فجرا، وفق «الشرق الأوسط».", [],
     [("الشرق الأوسط", "", "other", "وفق", "after_verb")]),
    # «نقلت … عن … قوله»: the speaker is after عن, and the nationality gives the side and
    # its state (CODEBOOK-STATEMENTS: «مسؤولون أمريكيون» → the US)
    ("ونقلت وكالة الصحافة الفرنسية عن مسؤول أميركي قوله إن المحادثات مستمرة",
     [("وكالة الصحافة الفرنسية", "AFP")],
     [("مسؤول أميركي", "USA", "us", "نقل", "after_verb")]),
    # an unnamed local source: no actor, no side
    ("وأفاد مصدر محلي بأن الطيران قصف البلدة", [],
     [("مصدر محلي", "", "", "افاد", "after_verb")]),
    # «وأضاف:» with no subject continues the last speaker
    ("قال لافروف إن موسكو مستعدة. وأضاف: «لن نقبل ذلك»",
     [("لافروف", "LAVROV"), ("موسكو", "RUS")],
     [("لافروف", "LAVROV", "russia", "قال", "after_verb"),
      ("لافروف", "LAVROV", "russia", "اضاف", "previous")]),
    # a name first seen after a title is resolved when it comes back alone
    ("وصرح المتحدث باسم الخارجية الأمريكية نيد برايس بأن الحوار مستمر. "
     "وقال برايس أيضا إن واشنطن تنتظر الرد", [("الخارجية الأمريكية", "US_STATE"), ("واشنطن", "USA")],
     [("المتحدث باسم الخارجية الأمريكية نيد برايس", "US_STATE", "us", "صرح", "after_verb"),
      ("برايس", "US_STATE", "us", "قال", "after_verb")]),
    # accusation: the object after the subject is not the speaker
    ("واتهمت موسكو واشنطن بدعم المسلحين", [("موسكو", "RUS"), ("واشنطن", "USA")],
     [("موسكو", "RUS", "russia", "اتهم", "after_verb")]),
    # headline order: subject then imperfect verb
    ("واشنطن تعلن عن محادثات مع موسكو", [("واشنطن", "USA"), ("موسكو", "RUS")],
     [("واشنطن", "USA", "us", "اعلن", "before_verb")]),
    # «وفي موسكو قال …»: a place after a preposition is not the subject
    ("وفي موسكو قال المتحدث باسم الخارجية الروسية إن الحوار ممكن",
     [("موسكو", "RUS"), ("الخارجية الروسية", "RUS_MFA")],
     [("المتحدث باسم الخارجية الروسية", "RUS_MFA", "russia", "قال", "after_verb")]),
    # harakat, tatweel and a line break inside the speaker
    ("وقـالت وزارةُ الدفاع\nالروسية إنّ الطائرات عادت", [("وزارةُ الدفاع\nالروسية", "RUS_MOD")],
     [("وزارةُ الدفاع\nالروسية", "RUS_MOD", "russia", "قال", "after_verb")]),
    # the definite anaphor «المسؤول الروسي» goes back to the last Russian speaker
    ("أكد لافروف أن الاتصالات مستمرة. وقال المسؤول الروسي إن الحوار مفيد",
     [("لافروف", "LAVROV")],
     [("لافروف", "LAVROV", "russia", "اكد", "after_verb"),
      ("المسؤول الروسي", "LAVROV", "russia", "قال", "previous")]),
    # a generic source «في» an institution speaks for it; a source with a nationality does not
    ("أكد مسؤول في البنتاغون عدم وجود أي تنسيق", [("البنتاغون", "US_DOD")],
     [("مسؤول في البنتاغون", "US_DOD", "us", "اكد", "after_verb")]),
    ("قال السفير الروسي في واشنطن أناتولي أنطونوف إن بلاده ترفض", [("واشنطن", "USA")],
     [("السفير الروسي", "RUS", "russia", "قال", "after_verb"),
      # «بلاده ترفض»: a position nested in his statement, his side
      ("السفير الروسي", "RUS", "russia", "رفض", "previous")]),
    # «في بيان» with no reporting verb in the sentence
    ("وجاء في بيان لوزارة الدفاع الروسية أن الطائرات عادت",
     [("وزارة الدفاع الروسية", "RUS_MOD")],
     [("لوزارة الدفاع الروسية", "RUS_MOD", "russia", "في بيان", "after_verb")]),
    # negatives: impersonal «يذكر أن», «فحسب» (only), «نقل» as transport, a relative clause
    ("ويذكر أن القوات الأمريكية انسحبت", [], []),
    ("ليس في سوريا فحسب، بل في العراق", [], []),
    ("ونقلت الطائرات الجنود إلى القاعدة", [], []),
    ("وهي الرواية التي تقول إن الطائرة سقطت", [], []),
]


@pytest.mark.parametrize("text, names, expected", STATEMENTS)
def test_find_statements(text, names, expected):
    st = statements_of(text, names)
    got = list(zip(st["speaker"], st["speaker_actor_id"], st["speaker_side"], st["verb"],
                   st["basis"]))
    assert got == expected


def test_statement_span_covers_verb_and_speaker():
    text = "وقال المتحدث باسم البنتاغون جيف ديفيس إن القوات ستبقى"
    st = statements_of(text, [("البنتاغون", "US_DOD")])
    assert text[st["start"].iloc[0]:st["end"].iloc[0]] == "وقال المتحدث باسم البنتاغون جيف ديفيس"
    assert list(st.columns) == framing.STATEMENT_COLUMNS


def test_statements_on_the_seeds(seed_documents):
    from analysis import actors

    st = framing.find_statements(seed_documents, mentions=actors.find_mentions(seed_documents))
    rows = {(r.doc_id[:3], r.speaker, r.verb): r for r in st.itertuples()}
    # «وصرح المتحدث باسم البنتاغون بيتر كوك ان …» (004)
    assert rows[("004", "المتحدث باسم البنتاغون بيتر كوك", "صرح")].speaker_actor_id == "US_DOD"
    # «وكانت وزارة الدفاع الروسية قالت أمس: …» (001), subject before the verb
    r = rows[("001", "وزارة الدفاع الروسية", "قال")]
    assert (r.speaker_actor_id, r.basis) == ("RUS_MOD", "before_verb") or any(
        x.basis == "before_verb" and x.speaker_actor_id == "RUS_MOD" for x in rows.values())
    # «بحسب ما أكد مصدر محلي في إدلب» (000): unnamed, no actor
    assert rows[("000", "مصدر محلي", "بحسب")].speaker_actor_id == ""


def test_voice_balance():
    st = pd.DataFrame({"doc_id": ["a", "a", "a", "a", "b"],
                       "speaker_side": ["us", "us", "russia", "", "media"]})
    d = pd.DataFrame({"doc_id": ["a", "b", "c"], "title": "", "body": ""})
    vb = framing.voice_balance(st, d).set_index(["doc_id", "side"])
    assert vb.loc[("a", "us"), "n"] == 2 and vb.loc[("a", "us"), "share"] == 0.5
    assert vb.loc[("a", "unresolved"), "n"] == 1
    assert bool(vb.loc[("a", "us"), "dominant"]) and not vb.loc[("a", "russia"), "dominant"]
    assert vb.loc[("b", "other"), "n"] == 1 and bool(vb.loc[("b", "other"), "dominant"])
    assert vb.loc[("c", "us"), "n"] == 0 and math.isnan(vb.loc[("c", "us"), "share"])
    assert not vb.xs("c", level="doc_id")["dominant"].any()


# --- keyness ---------------------------------------------------------------------------------

def test_log_odds_against_hand_computation():
    # a: x×3, y×1 (n_a = 4); b: x×1, z×5 (n_b = 6). Prior = pooled counts x 4, y 1, z 5
    # (total 10); alpha0 = 10, so alpha_w = 10 * count/10 = the pooled count.
    # x: log((3+4)/(4+10-3-4)) - log((1+4)/(6+10-1-4)) = log(7/7) - log(5/11) = log(11/5)
    #    var = 1/7 + 1/5
    # y: log((1+1)/(4+10-1-1)) - log((0+1)/(6+10-0-1)) = log(2/12) - log(1/15) = log(2.5)
    #    var = 1/2 + 1/1
    # z: log((0+5)/(4+10-0-5)) - log((5+5)/(6+10-5-5)) = log(5/9) - log(10/6) = log(1/3)
    #    var = 1/5 + 1/10
    table = framing.log_odds({"x": 3, "y": 1}, {"x": 1, "z": 5}, alpha0=10).set_index("term")
    expected = {"x": (math.log(11 / 5), 1 / 7 + 1 / 5), "y": (math.log(2.5), 1.5),
                "z": (math.log(1 / 3), 0.3)}
    for term, (delta, var) in expected.items():
        assert table.loc[term, "delta"] == pytest.approx(delta)
        assert table.loc[term, "variance"] == pytest.approx(var)
        assert table.loc[term, "z"] == pytest.approx(delta / math.sqrt(var))
    assert table.loc["z", "z"] == pytest.approx(-2.0058, abs=1e-4)
    assert list(table["alpha"]) == pytest.approx([4, 1, 5])


def test_log_odds_rejects_a_prior_missing_terms():
    with pytest.raises(ValueError, match="prior gives no weight"):
        framing.log_odds({"x": 1}, {"y": 1}, prior={"x": 5})


def test_terms_fold_split_clitics_and_drop_stopwords_and_digits():
    vocab = frozenset({"موسكو", "وموسكو", "التنسيق", "وزاره"})
    got = framing.terms("وموسكو والتنسيق في ٢٠١٩ وزارة إلى", vocab=vocab)
    assert got == ["موسكو", "تنسيق", "وزاره"]


def test_keyness_one_article_against_the_rest():
    d = pd.concat([
        docs("التنسيق والتنسيق مع موسكو في سوريا", doc_id="a"),
        docs("الغارات على إدلب وقصف إدلب في سوريا", doc_id="b"),
    ], ignore_index=True)
    k = framing.keyness(d, target="a")
    assert list(k.columns) == framing.KEYNESS_COLUMNS
    assert set(k["group"]) == {"a"}
    top = k.iloc[0]
    assert (top["term"], top["count"], top["count_rest"]) == ("تنسيق", 2, 0)
    assert not top["single_occurrence"]
    row = k.set_index("term")
    assert bool(row.loc["موسكو", "single_occurrence"])  # once, in the target
    assert row.loc["ادلب", "z"] < 0 and not row.loc["ادلب", "single_occurrence"]
    # a: تنسيق تنسيق موسكو سوريا (n=4); b: غارات ادلب وقصف ادلب سوريا (n=5);
    # سوريا: pooled 2 of 9, alpha = 1000 * 2/9
    alpha = 1000 * 2 / 9
    assert row.loc["سوريا", "delta"] == pytest.approx(
        math.log((1 + alpha) / (4 + 1000 - 1 - alpha)) - math.log((1 + alpha) / (5 + 1000 - 1 - alpha)))
    assert "في" not in row.index and "مع" not in row.index
    assert (k["z"].diff().dropna() <= 0).all()


def test_keyness_unknown_target_is_an_error():
    with pytest.raises(ValueError, match="no documents with outlet 'Z'"):
        framing.keyness(docs("تنسيق"), group="outlet", target="Z")


def test_keyness_by_outlet_lists_every_outlet():
    d = pd.concat([docs("تنسيق روسي", doc_id="a", outlet="A"),
                   docs("غارات روسية", doc_id="b", outlet="B")], ignore_index=True)
    assert set(framing.keyness(d, group="outlet")["group"]) == {"A", "B"}


def test_term_spans_and_evidence():
    text = "بدأ التنسيق أمس. وللتنسيق فوائد"
    d = docs(text)
    spans = framing.term_spans(d, "تنسيق")
    assert list(spans["surface"]) == ["التنسيق", "وللتنسيق"]
    assert all(text[s:e] == w for s, e, w in zip(spans["start"], spans["end"], spans["surface"]))
    lines = framing.evidence(d, spans, width=10)
    assert list(lines["match"]) == ["التنسيق", "وللتنسيق"]


# --- synthetic corpus (smoke) --------------------------------------------------------------

def test_smoke_synthetic_corpus_offsets_and_order():


    from analysis.synthetic import synthetic_documents

    d = synthetic_documents(30)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        hits = framing.find_cues(d)
        st = framing.find_statements(d, mentions=None)
    texts = {(a, f): t for a, f, t in framing.iter_fields(d)}
    for table in (hits, st):
        keys = list(zip(table["doc_id"], table["field"].map({"title": 0, "body": 1}), table["start"]))
        assert keys == sorted(keys)
    assert all(texts[(r.doc_id, r.field)][r.start:r.end] == r.surface for r in hits.itertuples())



# --- shared preparation --------------------------------------------------------------------

def _shuffled_corpus() -> pd.DataFrame:
    """Synthetic articles out of doc_id order, with a missing title, an empty body and
    presentation forms (folded on their own): the cases the prepared path must not change."""


    from analysis.synthetic import synthetic_documents

    d = synthetic_documents(60).sample(frac=1, random_state=1).reset_index(drop=True)
    d.loc[0, "title"] = None
    d.loc[1, "body"] = ""
    d.loc[2, "body"] = "ﻻ " + d.loc[2, "body"]
    return d


def test_prepared_gives_the_same_tables(seed_documents):
    from analysis import actors

    for d in (seed_documents, _shuffled_corpus()):
        mentions = actors.find_mentions(d)
        prepared = framing.prepare(d)
        # twice with one preparation: statements set each field's mentions afresh
        for _ in range(2):
            pd.testing.assert_frame_equal(framing.find_cues(d, prepared=prepared),
                                          framing.find_cues(d))
            pd.testing.assert_frame_equal(
                framing.find_statements(d, mentions=mentions, prepared=prepared),
                framing.find_statements(d, mentions=mentions))


def test_prepared_from_other_documents_is_an_error():
    prepared = framing.prepare(docs("أكد الطرفان ضرورة التنسيق", doc_id="a"))
    with pytest.raises(ValueError, match="other documents"):
        framing.find_cues(docs("أكد الطرفان ضرورة التنسيق", doc_id="b"), prepared=prepared)


def test_statement_mentions_in_any_row_order():
    from analysis import actors

    d = _shuffled_corpus()
    mentions = actors.find_mentions(d)
    pd.testing.assert_frame_equal(
        framing.find_statements(d, mentions=mentions.sample(frac=1, random_state=2)),
        framing.find_statements(d, mentions=mentions))


def test_gc_is_restored_after_matching():
    import gc

    framing.find_cues(docs("أكد الطرفان ضرورة التنسيق"))
    assert gc.isenabled()
    gc.disable()
    try:
        framing.find_cues(docs("أكد الطرفان ضرورة التنسيق"))
        assert not gc.isenabled()
    finally:
        gc.enable()


# --- batch-level fast paths against word-by-word references --------------------------------

def _fuzz_texts(n: int = 300, seed: int = 7) -> list[str]:
    """Texts made of lexicon cue words, negators, reporting forms, stop words, كان, actor
    names and punctuation in random order: dense in the cases the fast paths decide."""
    import random

    rng = random.Random(seed)
    lexicon, rep, neg = framing.load_lexicon(), framing.load_reporting(), framing.load_negators()
    vocab = [w for cue in lexicon.cues for w in cue.text.replace("[", " ").replace("]", " ")
             .replace("/", " ").split()]
    vocab += [w for kind in ("direct", "particle", "exception", "bridge")
              for w in getattr(neg, kind)]
    vocab += [" ".join(key) for key in rep.forms] + [" ".join(stop) for stop in rep.stops]
    vocab += list(rep.skips) + list(rep.anaphors) + list(rep.sides)
    vocab += ["كانت", "وكان", "قد", "التي", "في", "من", "عن", "ما", "ل", "صادر", "وزارة",
              "الدفاع", "الروسية", "البنتاغون", "كوك", "واشنطن", "موسكو", "مسؤول"]

    def phrase(cue) -> str:  # a whole cue, an alternative of each word, optional ones or not
        words = []
        for token in cue.text.split():
            if token.startswith("[") and rng.random() < .5:
                continue
            words.append(rng.choice(token.strip("[]").split("/")))
        return " ".join(words)

    negations = ["عدم", "دون أي", "لم يتم", "لا", "غياب", "انقطعت", "لا بد من"]
    vocab += [phrase(cue) for cue in lexicon.cues for _ in range(3)]
    vocab += [f"{rng.choice(negations)} {phrase(cue)}" for cue in lexicon.cues
              if cue.frame in framing.NEGATABLE]
    vocab += [f"كانت وزارة الدفاع {q}{' '.join(key)}" for key in rep.forms for q in ("", "قد ")]
    gaps = [" "] * 12 + ["، ", ". ", "\n", " «", "» ", ' "', '" ', "  ", " - ", "؟ ", "ً "]
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(0, 40)):
            word = rng.choice(vocab)
            parts += [rng.choice(("", "و", "ف", "ب", "ال", "لل")) + word if rng.random() < .2
                      else word, rng.choice(gaps)]
        texts.append("".join(parts).strip() if rng.random() < .9 else "".join(parts))
    return texts + ["", "قال", "ﻻ تنسيق", "عدم التنسيق"]


def _fuzz_documents() -> pd.DataFrame:
    texts = _fuzz_texts()
    return pd.DataFrame({"doc_id": [f"f{i:04d}" for i in range(len(texts) // 2)],
                         "title": texts[0:len(texts) // 2 * 2:2],
                         "body": texts[1:len(texts) // 2 * 2:2]})


def _fields(batch):
    return [words.Field(batch, f) for f in range(len(batch.texts))]


@pytest.fixture(scope="module")
def fuzz_batches():
    texts = _fuzz_texts()
    return [batch for _, batch in words.batches(texts)] + \
        [batch for text in texts[:40] for _, batch in words.batches([text])]


def test_cue_hits_match_the_word_by_word_walk(fuzz_batches, seed_documents):
    lexicon = framing.load_lexicon()
    negators = framing.lexicon.negator_forms(framing.load_negators())
    vocabulary = fast.vocabulary(framing.load_lexicon(), framing.load_negators())
    batches = fuzz_batches + [b for _, b in framing.prepare(seed_documents).batches]
    n = 0
    for batch in batches:
        columns = fast.cue_hits(batch, lexicon, negators, vocabulary)
        found = list(zip(*(c.tolist() for c in columns)))
        expected = [hit for field in _fields(batch)
                    for hit in cues.cue_hits(field, lexicon, negators)]
        assert found == expected
        n += len(found)
    assert n > 1000


def test_batches_fold_each_field_as_alone():
    texts = _fuzz_texts(60, seed=3)
    texts[5] = "ﻻ يوجد تنسيق، قال المتحدث."  # presentation forms in the middle of a batch
    texts[6] = "\ufeffقال مسؤول: لا تنسيق"  # a byte order mark, not a presentation form

    def per_word(batch, f):
        lo, hi = batch.lo[f], batch.hi[f]
        return (batch.words[lo:hi], batch.starts[lo:hi].tolist(), batch.ends[lo:hi].tolist(),
                batch.joined[lo:hi + 1], [s - batch.sentence[lo] for s in batch.sentence[lo:hi]],
                [words.Field(batch, f).gap(i) for i in range(lo, hi)])

    together = [(k + f, per_word(b, f)) for k, b in words.batches(texts)
                for f in range(len(b.texts))]
    alone = [per_word(b, 0) for text in texts for _, b in words.batches([text])]
    assert [k for k, _ in together] == list(range(len(texts)))
    assert [w for _, w in together] == alone


def test_equal_length_cues_go_to_the_earlier_row(tmp_path):
    """A two-word cue and a cue with an optional word that match the same two words: the
    earlier lexicon row wins, whichever kind it is (and a longer match wins over both)."""
    rows = ["deconfliction\tقناة [خاصة] اتصال\tword\tchannel\t\n",
            "cooperation\tقناة اتصال\tword\tchannel\t\n",
            "diplomacy\tقناة اتصال مباشر\tword\tdirect channel\t\n",
            "cooperation\tخط تنسيق\tword\tline\t\n",
            "deconfliction\tخط [ساخن] تنسيق\tword\thotline\t\n"]
    path = tmp_path / "frames.tsv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    hits = framing.find_cues(docs("قناة اتصال ثم قناة خاصة اتصال ثم قناة اتصال مباشر ثم خط تنسيق"),
                             lexicon_path=str(path))
    assert list(zip(hits["surface"], hits["frame"])) == [
        ("قناة اتصال", "deconfliction"), ("قناة خاصة اتصال", "deconfliction"),
        ("قناة اتصال مباشر", "diplomacy"), ("خط تنسيق", "cooperation")]


def test_statements_of_the_fuzz_corpus_prepared_or_not():
    d = _fuzz_documents()
    prepared = framing.prepare(d)
    pd.testing.assert_frame_equal(framing.find_statements(d, mentions=None, prepared=prepared),
                                  framing.find_statements(d, mentions=None))
    pd.testing.assert_frame_equal(framing.find_cues(d, prepared=prepared), framing.find_cues(d))


# --- glosses for display ---------------------------------------------------------------------

@pytest.mark.parametrize("term, expected", [
    ("ادلب", "Idlib"),                 # glossary.tsv
    ("موسكو", "Moscow"),               # glossary overrides the actor name (Russia)
    ("داعش", "Islamic State"),          # codebook name of a one-word alias
    ("كلمهلاتوجد", ""),                 # unknown: no gloss rather than a guess
])
def test_gloss(term, expected):
    assert framing.gloss(term) == expected


def test_glossary_glosses_are_plain_english():
    """Arabic inside an English gloss is reordered by the bidi algorithm in figure labels."""
    import re

    from analysis import paths

    rows = paths.data_file("glossary.tsv").read_text(encoding="utf-8").splitlines()[1:]
    glosses = [r.split("\t")[1] for r in rows if r and not r.startswith("#")]
    assert glosses and not [g for g in glosses if re.search(r"[\u0600-\u06FF]", g)]


def test_statement_shortcuts_match_the_plain_search(monkeypatch):
    """The running-maximum cover of an actor's name (cover_mentions) gives what taking the
    furthest overlapping mention gives, on the fuzz corpus with its actor mentions and
    random mention spans (ending in gaps, quotes, inside words)."""
    import random
    from bisect import bisect_left

    from analysis import actors

    d = _fuzz_documents()
    found = actors.find_mentions(d)[["doc_id", "field", "start", "end", "actor_id"]]
    rng, ids, rows = random.Random(5), actors.load_codebook()["id"].tolist(), []
    for doc_id, field, text in zip(d["doc_id"].tolist() * 2, ["title"] * len(d) + ["body"] * len(d),
                                   d["title"].tolist() + d["body"].tolist()):
        for _ in range(rng.randint(0, 6) if text else 0):
            s = rng.randrange(len(text))
            rows.append((doc_id, field, s, rng.randint(s + 1, len(text)), rng.choice(ids)))
    mentions = pd.concat([found, pd.DataFrame(rows, columns=found.columns)], ignore_index=True)
    quick = framing.find_statements(d, mentions=mentions)

    def cover(field, sp):
        reach = max([e for _, e, _ in mentions_in(field, *field.span(sp.first, sp.last))],
                    default=None)
        if reach is not None and reach > field.ends[sp.last]:
            sp.last = bisect_left(field.starts, reach, field.lo, field.hi) - 1
        return sp

    monkeypatch.setattr(phrases, "cover_mentions", cover)
    slow = framing.find_statements(d, mentions=mentions)
    assert (quick["basis"] == "before_verb").sum() > 20
    pd.testing.assert_frame_equal(quick, slow)


def test_smoke_benchmark_script_runs():
    """benchmarks/bench_framing.py runs on a few articles and prints its rates (it warms up
    through the public functions, so internal renames do not break it)."""
    import subprocess
    import sys

    from analysis.paths import ROOT

    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_framing.py"), "--n", "20",
                          "--repeat", "1"], capture_output=True, text=True, check=True)
    assert out.stdout.count("MB/s") >= 3 and out.stderr == ""


def test_a_character_beyond_the_bmp_shifts_hits_by_one_place():
    """Batches within the BMP are folded as 16-bit units, others as code points: an emoji
    (one character, two UTF-16 units) in front moves every hit by exactly one."""
    text = "وأكد الجانبان أهمية التنسيق العسكري في سوريا، وقال المتحدث إن الاتصالات مستمرة."
    plain, emoji = (framing.find_cues(docs(t)) for t in (text, "😀" + text))
    assert len(plain) >= 2
    assert (emoji["start"] - plain["start"]).eq(1).all() and (emoji["end"] - plain["end"]).eq(1).all()
    assert emoji["surface"].tolist() == plain["surface"].tolist()


# --- the word lists of the rules -------------------------------------------------------------

def test_affix_file_errors_name_file_and_line(tmp_path):
    path = tmp_path / "frame_affixes.tsv"
    path.write_text("# comment\nkind\taffix\tnote\nnoun_suffix\tات\t\ninfix\tت\t\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="frame_affixes.tsv:4: kind must be one of"):
        framing.lexicon.load_affixes(path)


def test_statement_words_come_from_speaker_cues():
    """The words of the statement rules are data: كان forms (bare or after و/ف),
    relatives, prepositions, the في/من of an institution."""
    rep = framing.load_reporting()
    assert {"كان", "وكانت", "فكانوا"} <= rep.kan
    assert "التي" in rep.cues["relative"] and "علي" in rep.cues["preposition"]
    assert {"في", "من"} <= rep.cues["of"] and "صادره" in rep.cues["statement_link"]
    assert framing.lexicon.load_affixes()["side_prefix"][0] == ""  # the bare word first
