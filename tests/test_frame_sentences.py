"""Frames per sentence: the decision rules of ``shared/CODEBOOK-FRAMES.md`` as a specification.

Each table gives sentences (written for these tests, in the styles of Arabic news) and the
frames a coder following the codebook gives them.
"""
from __future__ import annotations

import warnings

import pandas as pd
import pytest
from conftest import frames_of

from analysis import actors, clean, corpus, datafiles, framing, paths, sentences, synthetic
from analysis.datafiles import DataFileError
from analysis.framing import FRAMES, SENTENCE_COLUMNS, frame_sentences, load_frame_rules


def check(text: str, expected: str) -> None:
    assert frames_of(text) == [expected], text


# R1: coordination that exists to avoid incidents is deconfliction only.
PURPOSE = [
    ("اتفق الجيشان الروسي والأمريكي على تنسيق تحركاتهما لتجنب أي حوادث جوية فوق الرقة.",
     "deconfliction"),
    ("واصلت موسكو وواشنطن التعاون العسكري بهدف منع الاحتكاك بين طائراتهما.", "deconfliction"),
    ("أعلنت واشنطن وموسكو تنسيق العمليات العسكرية في دير الزور.",
     "cooperation;military_operations"),
    ("وأشاد المسؤول الروسي بتحسن التفاهم مع الأمريكيين، وبالاتصالات الخاصة بمنع الحوادث بين الطيارين.",
     "cooperation;deconfliction"),
]

# R2, R3: suspension, breakdown, violation and notice not given are confrontation.
BREAKDOWN = [
    ("علقت روسيا العمل بمذكرة سلامة الطيران مع الولايات المتحدة.", "confrontation"),
    ("أوقفت واشنطن التعاون العسكري مع موسكو في سوريا.", "confrontation"),
    ("علقت موسكو مذكرة التفاهم مع واشنطن لكنها أبقت على الخط الساخن لتفادي الحوادث بين الطائرات.",
     "deconfliction;confrontation"),
    ("انهارت الهدنة التي توصلت إليها موسكو وواشنطن بعد أيام من إعلانها.", "confrontation"),
    # the raids named as what is notified are the deconflicted activity, not an operation
    # told (R1, R7; coded so in heldout h08, heldout2 k05, blind2 c07 by both coders)
    ("أبلغت القوات الروسية الجانب الأمريكي مسبقاً بموعد الغارات.", "deconfliction"),
    ("أبلغت القوات الروسية الجانب الأمريكي مسبقاً بموعد غارات جديدة على دير الزور.",
     "deconfliction;military_operations"),
    ("قصفت الطائرات الأمريكية مواقع للجيش السوري ولم تبلغ موسكو مسبقاً.",
     "confrontation;military_operations"),
    ("وعلقت موسكو العمل بمذكرة التفاهم الموقعة مع الولايات المتحدة حول منع الحوادث وضمان سلامة الطيران.",
     "confrontation"),
    ("وقع احتكاك بين دوريتين روسية وأمريكية قرب القامشلي.", "confrontation;military_operations"),
    ("واتهمت موسكو الجانب الأمريكي بعدم استخدام قناة الاتصال قبل الغارة.", "confrontation"),
]

# R4: concern and distrust are confrontation; a disagreement as a topic of talks is not.
CONCERN = [
    ("أعربت الخارجية الأمريكية عن قلقها من تحركات موسكو في شمال سوريا.", "confrontation"),
    ("وقال مسؤول أمريكي إن واشنطن تشكك في نوايا روسيا.", "confrontation"),
    ("ويرى محللون أن روسيا ستملأ الفراغ الذي تتركه القوات الأمريكية في شمال سوريا.", "confrontation"),
    ("ناقش لافروف وكيري الوضع في سوريا ونقاط الخلاف بين البلدين.", "diplomacy"),
]

# R6: talks on the situation are diplomacy; a meeting to avoid incidents is deconfliction.
TALKS = [
    ("بحث وزير الدفاع الأمريكي مع نظيره الروسي في اتصال هاتفي الأزمة السورية.", "diplomacy"),
    ("التقى رئيسا الأركان الأمريكي والروسي في فيينا وبحثا آليات منع الاحتكاك بين قواتهما.",
     "deconfliction"),
    ("وتلقى لافروف اتصالاً من نظيره الأمريكي.", "diplomacy"),
    ("أعلن لافروف وكيري اتفاقا لوقف القتال في حلب.", "cooperation;diplomacy"),
]

# R7: a strike referred back to, or a closing time anchor, adds no frame.
MENTIONS = [
    ("ووصف الكرملين الضربة بأنها عدوان على دولة ذات سيادة.", "confrontation"),
    ("موسكو تتهم واشنطن بخرق الاتفاق بعد ضربة الشعيرات", "confrontation"),
    ("ونفذت المدمرات الأمريكية ضربة صاروخية على قاعدة جوية في حمص.", "military_operations"),
]

# R8: cooperation, deconfliction and confrontation only between the two camps.
SIDES = [
    ("وقعت روسيا وتركيا مذكرة تفاهم لتفادي الحوادث في إدلب.", ""),
    ("انتقد أعضاء في الكونغرس الرئيس ترامب بسبب تساهله مع نظيره الروسي.", ""),
    ("اتهمت المعارضة السورية قوات النظام بقصف الأحياء السكنية.", "military_operations"),
    ("اتهمت موسكو واشنطن بدعم الإرهابيين في سوريا.", "confrontation;counter_terrorism"),
    ("ودعا الأمين العام للأمم المتحدة الدول الأعضاء إلى تجنب التصعيد.", ""),
    # R1 needs the two powers themselves: the SDF (US camp) agreeing with Damascus is no cooperation
    ("وأعلنت قوات سوريا الديمقراطية التوصل إلى اتفاق مع دمشق برعاية روسية.", "diplomacy"),
]

# R9: a generic fight against IS is counter_terrorism; concrete strikes are operations too.
TERRORISM = [
    ("أكد الوزير أن المعركة ضد تنظيم الدولة مستمرة.", "counter_terrorism"),
    ("شنت طائرات التحالف غارات على مواقع تنظيم داعش قرب الرقة.",
     "counter_terrorism;military_operations"),
]


@pytest.mark.parametrize(("text", "expected"), PURPOSE)
def test_purpose_makes_coordination_deconfliction(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), BREAKDOWN)
def test_breakdown_and_notice(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), CONCERN)
def test_concern_and_disagreement(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), TALKS)
def test_talks(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), MENTIONS)
def test_content_not_mentions(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), SIDES)
def test_sides(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), TERRORISM)
def test_counter_terrorism(text, expected):
    check(text, expected)


def test_one_row_per_sentence_title_first():
    body = "وبحث الطرفان الوضع في سوريا.\nوتواصل واشنطن الحرب على داعش."
    docs = pd.DataFrame({"doc_id": ["b", "a"], "title": ["تنسيق أمريكي روسي", ""], "body": [body, "نص."]})
    table = frame_sentences(docs, framing.find_cues(docs), actors.find_mentions(docs))
    assert list(table.columns) == SENTENCE_COLUMNS
    assert table[["doc_id", "field"]].values.tolist() == [
        ["a", "body"], ["b", "title"], ["b", "body"], ["b", "body"]]
    assert [tuple(x) for x in table[table["doc_id"] == "b"][["start", "end"]].values[1:]] == \
        sentences.spans(body)
    for frames in table["frames"]:
        names = [f for f in frames.split(";") if f]
        assert names == sorted(names, key=FRAMES.index)


def test_empty_inputs():
    docs = pd.DataFrame({"doc_id": ["x"], "title": [""], "body": [""]})
    table = frame_sentences(docs, framing.find_cues(docs), actors.find_mentions(docs))
    assert table.empty and list(table.columns) == SENTENCE_COLUMNS


def test_a_rules_file_with_an_unknown_rule_names_the_line(tmp_path):
    path = tmp_path / "rules.tsv"
    path.write_text("rule\tform\tnote\npurpose\tلتجنب\t\nwishes\tأمل\t\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"rules.tsv:3: unknown rule 'wishes'"):
        load_frame_rules(path)


def test_a_rules_file_changes_the_decision(tmp_path):
    path = tmp_path / "rules.tsv"
    default = datafiles.resolve(None, "frame_rules.tsv")
    lines = default.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(x for x in lines if not x.startswith("breakdown\tانهارت")), encoding="utf-8")
    docs = pd.DataFrame({"doc_id": ["d"], "title": [""],
                         "body": ["انهارت الهدنة التي توصلت إليها موسكو وواشنطن بعد أيام من إعلانها."]})
    hits, mentions = framing.find_cues(docs), actors.find_mentions(docs)
    assert frame_sentences(docs, hits, mentions)["frames"].tolist() == ["confrontation"]
    # without «انهارت» the truce is only named («الهدنة التي …», R7): diplomacy, no cooperation
    assert frame_sentences(docs, hits, mentions, rules_path=path)["frames"].tolist() == ["diplomacy"]


# --- the plain rules and the gate agree ------------------------------------------------------

def test_the_gate_decides_as_the_rules_on_the_coded_texts():
    """:func:`frame_sentences` (the gate, then the rules where they may change something)
    gives the table of :func:`framing.decide_every_sentence` (the rules on every sentence)."""
    for folder in (paths.SEEDS_DIR, paths.ROOT / "tests" / "data" / "heldout",
                   paths.ROOT / "tests" / "data" / "heldout2", paths.ROOT / "tests" / "data" / "blind"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", corpus.CorpusWarning)  # held-out folders have no metadata
            docs, _ = clean.clean(corpus.load(folder))
        hits, mentions = framing.find_cues(docs), actors.find_mentions(docs)
        fast = frame_sentences(docs, hits, mentions)
        assert fast.equals(framing.decide_every_sentence(docs, hits, mentions)), folder.name


# rule words that act without a cue or a side to flag the sentence (the gate must still see them)
WORDS_ALONE = [
    "وعلقت العمل بالمذكرة.",
    "أكدت الولايات المتحدة عدم الالتزام بقرارات مجلس الأمن.",
    "الا ان موسكو تسعى في مسعى لتفادي حوادث الى تصوير جيش الاسد على انه يقاتل التطرف.",
    "لتجنب تكرار ويعد هذا القرار مؤشرا على الاستعداد الاميركي الجديد للتعاون مع روسيا.",
    "ويبدو أن انعدام الثقة هو السائد.",
    "وأبلغ الجانب الآخر مسبقاً بموعد الضربة.",
]


def test_the_gate_decides_as_the_rules_on_every_test_sentence():
    texts = [t for table in (PURPOSE, BREAKDOWN, CONCERN, TALKS, MENTIONS, SIDES, TERRORISM) for t, _ in table]
    texts += WORDS_ALONE
    docs = pd.DataFrame({"doc_id": [f"d{i:02d}" for i in range(len(texts))], "title": [""] * len(texts),
                         "body": texts})
    hits, mentions = framing.find_cues(docs), actors.find_mentions(docs)
    assert frame_sentences(docs, hits, mentions).equals(framing.decide_every_sentence(docs, hits, mentions))


def test_the_gate_decides_as_the_rules_on_a_synthetic_corpus():
    docs = synthetic.synthetic_documents(300, seed=3)
    hits, mentions = framing.find_cues(docs), actors.find_mentions(docs)
    fast = frame_sentences(docs, hits, mentions, prepared=framing.prepare(docs))
    assert fast.equals(framing.decide_every_sentence(docs, hits, mentions))


# --- frame profiles: shares of sentence-frame pairs, with bootstrap intervals ----------------

def sentence_rows(doc_frames: dict[str, list[str]]) -> pd.DataFrame:
    rows = [(d, "body", 10 * i, 10 * i + 5, f) for d, fs in doc_frames.items() for i, f in enumerate(fs)]
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def test_shares_count_sentence_frame_pairs():
    rows = sentence_rows({"a": ["diplomacy", "diplomacy;confrontation", "", "cooperation"]})
    docs = pd.DataFrame({"doc_id": ["a", "z"]})
    shares = framing.sentence_frame_shares(rows, docs).set_index(["doc_id", "frame"])
    assert shares.loc[("a", "diplomacy"), "share"] == 2 / 4  # 4 pairs: 2 diplomacy, 1 each of two others
    assert shares.loc[("a", "confrontation"), "n"] == 1 and shares.loc[("a", "deconfliction"), "share"] == 0
    assert shares.loc[("a", "diplomacy"), "n_sentences"] == 4
    assert shares.loc["z", "share"].isna().all() and (shares.loc["z", "n"] == 0).all()


def test_bootstrap_of_an_article_with_one_frame_is_certain():
    out = framing.bootstrap_shares(sentence_rows({"a": ["diplomacy"] * 5}), n=200).set_index("frame")
    assert out.loc["diplomacy", ["share", "low", "high"]].tolist() == [1.0, 1.0, 1.0]
    assert out.loc["confrontation", ["share", "low", "high"]].tolist() == [0.0, 0.0, 0.0]


def test_bootstrap_leaves_out_draws_without_pairs():
    """One sentence with two frames and one without: every draw that has a pair has both
    frames once, so the shares are exactly 1/2 (draws of the empty sentence only are left out)."""
    out = framing.bootstrap_shares(sentence_rows({"a": ["cooperation;confrontation", ""]}), n=500)
    out = out.set_index("frame")
    assert out.loc["cooperation", ["share", "low", "high"]].tolist() == [0.5, 0.5, 0.5]


def test_bootstrap_is_seeded_and_its_interval_contains_the_share():
    rows = sentence_rows({"a": ["cooperation", "confrontation", "confrontation", "military_operations"],
                          "b": ["", ""]})
    one, two = (framing.bootstrap_shares(rows, n=300, seed=7) for _ in range(2))
    assert one.equals(two) and list(one.columns) == framing.BOOTSTRAP_COLUMNS
    assert not one.equals(framing.bootstrap_shares(rows, n=300, seed=8))
    a = one[one["doc_id"] == "a"]
    assert ((a["low"] <= a["share"]) & (a["share"] <= a["high"])).all()
    assert a.set_index("frame").loc["confrontation", "share"] == 0.5
    assert 0 < a.set_index("frame").loc["confrontation", "low"] < 0.5 < a.set_index("frame").loc["confrontation", "high"]
    assert one[one["doc_id"] == "b"][["share", "low", "high"]].isna().all().all()
    with pytest.raises(ValueError, match="level"):
        framing.bootstrap_shares(rows, level=90)


def test_the_gate_reads_rule_bits_beyond_one_int64():
    """More rules than one int64 has bits: a word of the last rule (column 1) and one of the
    first (column 0) are each found, and only where they are."""
    import numpy as np

    from analysis.framing import sentence_gate as g
    from analysis.framing.decisions import RULES

    first, last = RULES[0], RULES[-1]
    assert len(RULES) > 62 and g._RULE_BIT[last][0] == 1 and g._RULE_BIT[first][0] == 0
    bits = np.stack([g._mask(first), g._mask(last), g._mask()])
    assert g._holds(bits, last).tolist() == [False, True, False]
    assert g._holds(bits, first, last).tolist() == [True, True, False]
    occurrences = np.column_stack([[0, 1, 2], [5, 6, 7], bits])
    assert g._rows(occurrences, last)[:, :2].tolist() == [[1, 6]]
