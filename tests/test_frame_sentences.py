"""Frames per sentence: the decision rules of ``shared/CODEBOOK-FRAMES.md`` as a specification.

Each table gives sentences (written for these tests, in the styles of Arabic news) and the
frames a coder following the codebook gives them.
"""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import actors, framing, sentences
from analysis.datafiles import DataFileError
from analysis.frame_sentences import COLUMNS, FRAMES, frame_sentences, load_rules


def frames_of(body: str, title: str = "") -> list[str]:
    docs = pd.DataFrame({"doc_id": ["d"], "title": [title], "body": [body]})
    table = frame_sentences(docs, framing.find_cues(docs), actors.find_mentions(docs))
    return table["frames"].tolist()


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
    ("أبلغت القوات الروسية الجانب الأمريكي مسبقاً بموعد الغارات.",
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
    assert list(table.columns) == COLUMNS
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
    assert table.empty and list(table.columns) == COLUMNS


def test_a_rules_file_with_an_unknown_rule_names_the_line(tmp_path):
    path = tmp_path / "rules.tsv"
    path.write_text("rule\tform\tnote\npurpose\tلتجنب\t\nwishes\tأمل\t\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"rules.tsv:3: unknown rule 'wishes'"):
        load_rules(path)


def test_a_rules_file_changes_the_decision(tmp_path):
    path = tmp_path / "rules.tsv"
    default = load_rules.__globals__["datafiles"].resolve(None, "frame_rules.tsv")
    lines = default.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(x for x in lines if not x.startswith("breakdown\tانهارت")), encoding="utf-8")
    docs = pd.DataFrame({"doc_id": ["d"], "title": [""],
                         "body": ["انهارت الهدنة التي توصلت إليها موسكو وواشنطن بعد أيام من إعلانها."]})
    hits, mentions = framing.find_cues(docs), actors.find_mentions(docs)
    assert frame_sentences(docs, hits, mentions)["frames"].tolist() == ["confrontation"]
    assert frame_sentences(docs, hits, mentions, rules_path=path)["frames"].tolist() == [
        "cooperation;diplomacy"]
