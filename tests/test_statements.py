"""The statement codebook (shared/CODEBOOK-STATEMENTS.md) as tables: a sentence and the
statements a coder lists in it, each as (verb lemma, speaker side).

Each table row reads as one rule of the codebook; speakers are resolved through the actor
mentions given with the sentence (as the actor layer would find them).
"""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import framing

CODEBOOK = pd.DataFrame([
    ("USA", "state", "us"), ("RUS", "state", "russia"), ("SYR_GOV", "state", "syria_gov"),
    ("US_DOD", "institution", "us"), ("RUS_MOD", "institution", "russia"),
    ("RUS_MFA", "institution", "russia"), ("KERRY", "person", "us"),
    ("LAVROV", "person", "russia"), ("REUTERS", "media", "media"), ("UN", "intl_org", "un"),
], columns=["id", "type", "side"])


def statements(text: str, names: list[tuple[str, str]]) -> pd.DataFrame:
    rows, pos = [], 0
    for surface, actor in names:  # each surface is located after the previous one
        start = text.index(surface, pos)
        rows.append(("d1", "body", start, start + len(surface), surface, actor))
        pos = start + len(surface)
    mentions = pd.DataFrame(rows, columns=["doc_id", "field", "start", "end", "surface", "actor_id"])
    documents = pd.DataFrame({"doc_id": ["d1"], "title": [""], "body": [text]})
    return framing.find_statements(documents, mentions=mentions, codebook=CODEBOOK)


def listed(text: str, names: list[tuple[str, str]]) -> list[tuple[str, str]]:
    st = statements(text, names)
    return list(zip(st["verb"], st["speaker_side"]))


# --- counted: one entry per reporting expression -----------------------------------------------

COUNTED = [
    # finite reporting verbs in any person, tense or clitic
    ("وقالت وزارة الدفاع الروسية إن الطائرات عادت إلى قواعدها",
     [("وزارة الدفاع الروسية", "RUS_MOD")], [("قال", "russia")]),
    ("البنتاغون يؤكد أن الاتصالات مستمرة", [("البنتاغون", "US_DOD")], [("اكد", "us")]),
    ("وهو ما نفته موسكو جملة وتفصيلا", [("موسكو", "RUS")], [("نفي", "russia")]),
    ("كما يرى البنتاغون أن الخط لا يزال مفتوحا", [("البنتاغون", "US_DOD")], [("راي", "us")]),
    ("واعتبرته الخارجية الروسية خطوة في الاتجاه الصحيح", [("الخارجية الروسية", "RUS_MFA")],
     [("اعتبر", "russia")]),
    # position verbs: welcome, criticise, reject, describe, express, admit
    ("ورحبت الخارجية الروسية بالاتفاق", [("الخارجية الروسية", "RUS_MFA")], [("رحب", "russia")]),
    ("انتقد لافروف واشنطن بشدة", [("لافروف", "LAVROV"), ("واشنطن", "USA")], [("انتقد", "russia")]),
    ("ورفضت وزارة الدفاع الروسية الاتهامات الأمريكية", [("وزارة الدفاع الروسية", "RUS_MOD")],
     [("رفض", "russia")]),
    ("من جهته، وصف البنتاغون الحادث بأنه غير مهني", [("البنتاغون", "US_DOD")], [("وصف", "us")]),
    ("وأعرب كيري عن أمله في استمرار الهدنة", [("كيري", "KERRY")], [("اعرب", "us")]),
    ("واعترفت موسكو بمقتل عدد من مواطنيها", [("موسكو", "RUS")], [("اعترف", "russia")]),
    # light verbs with a speech noun
    ("ووجه لافروف انتقادات حادة للإدارة الأمريكية", [("لافروف", "LAVROV")], [("وجه", "russia")]),
    ("وجدد البنتاغون موقفه الرافض لأي تعاون", [("البنتاغون", "US_DOD")], [("جدد", "us")]),
    ("وحمّلت وزارة الدفاع الروسية القوات الأمريكية المسؤولية",
     [("وزارة الدفاع الروسية", "RUS_MOD")], [("حمل", "russia")]),
    # an active participle adding a claim: its own entry, the antecedent speaker
    ("قال كيري إن الهدنة صامدة، مضيفاً أن الخروقات محدودة، ومؤكداً أن واشنطن ملتزمة",
     [("كيري", "KERRY"), ("واشنطن", "USA")], [("قال", "us"), ("اضاف", "us"), ("اكد", "us")]),
    ("أعلنت موسكو تعليق المذكرة، متهمةً واشنطن بخرقها",
     [("موسكو", "RUS"), ("واشنطن", "USA")], [("اعلن", "russia"), ("اتهم", "russia")]),
    ("وأكدت الخارجية الروسية ذلك، معربة عن قلقها، وواصفة الضربة بأنها عدوان",
     [("الخارجية الروسية", "RUS_MFA")], [("اكد", "russia"), ("اعرب", "russia"), ("وصف", "russia")]),
    # verbs in relative clauses: the speaker follows the verb, or the antecedent speaks
    ("وخرقت الهدنة التي أعلنتها واشنطن وموسكو الشهر الماضي",
     [("واشنطن", "USA"), ("موسكو", "RUS")], [("اعلن", "joint")]),
    ("وسط اتهامات نفتها دمشق", [("دمشق", "SYR_GOV")], [("نفي", "syria_gov")]),
    ("وأكدت موسكو ذلك، وهو ما نفاه البنتاغون الذي اتهم موسكو بالتصعيد",
     [("موسكو", "RUS"), ("البنتاغون", "US_DOD"), ("موسكو", "RUS")],
     [("اكد", "russia"), ("نفي", "us"), ("اتهم", "us")]),
    # source formulae; a fused formula is one entry
    ("وبحسب وزارة الدفاع الروسية فإن الطائرات عادت", [("وزارة الدفاع الروسية", "RUS_MOD")],
     [("بحسب", "russia")]),
    ("ومن المنتظر أن يجتمع المجلس، بحسب ما نقلت وكالة رويترز عن دبلوماسيين في نيويورك",
     [("رويترز", "REUTERS")], [("بحسب", "")]),
    ("وذلك وفقاً لمصادر عسكرية روسية", [], [("وفق", "russia")]),
    ("وأفاد مراسلنا نقلاً عن مصدر أمريكي بأن القافلة وصلت", [], [("افاد", ""), ("نقلا عن", "us")]),
    # «نقلت X عن Y»: the speaker is Y, X is only the channel
    ("ونقلت وكالة رويترز عن مسؤول روسي قوله إن المحادثات مستمرة", [("رويترز", "REUTERS")],
     [("نقل", "russia")]),
    # unnamed nationals speak for their state; the press with a nationality is other
    ("وكشف مسؤولون عسكريون أمريكيون أن الطائرات اقتربت", [], [("كشف", "us")]),
    ("وأفادت وسائل إعلام روسية بأن الشرطة العسكرية انتشرت", [("روسية", "RUS")], [("افاد", "other")]),
    ("ويرى محللون أن الحادث هو الأخطر", [], [("راي", "")]),
    # joint: the two powers speaking together
    ("وأكد الجانبان أهمية عودة الاستقرار", [], [("اكد", "joint")]),
    ("وأعلن البلدان التوقف عن الالتزام بالمعاهدة وتبادلا الاتهامات بخرقها", [],
     [("اعلن", "joint"), ("تبادل", "joint")]),
    ("كيري ولافروف يعلنان اتفاقا لوقف القتال", [("كيري", "KERRY"), ("لافروف", "LAVROV")],
     [("اعلن", "joint")]),
    ("تبادلت موسكو وواشنطن الاتهامات بالمسؤولية عن الحادث",
     [("موسكو", "RUS"), ("واشنطن", "USA")], [("تبادل", "joint")]),
    ("أعلن وزير الخارجية الأمريكي جون كيري ونظيره الروسي سيرغي لافروف التوصل إلى اتفاق",
     [("جون كيري", "KERRY"), ("سيرغي لافروف", "LAVROV")], [("اعلن", "joint")]),
    # a pair of a power and its ally speaks with the power's voice
    ("وهو ما تنفيه دمشق وموسكو", [("دمشق", "SYR_GOV"), ("موسكو", "RUS")], [("نفي", "russia")]),
    # an addressee after the verb is not its subject
    ("وقال لافروف إن الحكومة السورية أكدت لـموسكو استعدادها للالتزام",
     [("لافروف", "LAVROV"), ("الحكومة السورية", "SYR_GOV"), ("موسكو", "RUS")],
     [("قال", "russia"), ("اكد", "syria_gov")]),
]


@pytest.mark.parametrize("text, names, expected", COUNTED)
def test_counted(text, names, expected):
    assert listed(text, names) == expected


# --- not statements ------------------------------------------------------------------------------

NOT_STATEMENTS = [
    "يذكر أن القوات الأمريكية انسحبت من القاعدة",  # the writer's formula
    "ويعد الخط قناة الاتصال الوحيدة بين الجيشين",
    "كشفت الحادثة عن ثغرات في آلية منع الاشتباك",  # an event revealing
    "وأكدت الحادثة هشاشة التفاهمات",
    "وأن الحادثة تؤكد عمق الخلاف",
    "وانتشرت القوات وفق القرار 2254",  # in accordance with a resolution
    "وتعمل اللجنة بحسب الاتفاق الموقع",
    "إضافة إلى ذلك، انسحبت القوات من المنطقة",
    "ونشرت القوات الروسية منظومات دفاع جوي",  # a light verb without a speech noun
    "وبحث الوزيران الوضع في سوريا واتفقا على مواصلة الاتصالات",  # not speech
    "ولم تعلن واشنطن عن الضربة مسبقا",  # negated
    "دون أن يعلن البنتاغون موعد الانسحاب",
    "وتحدثت التقارير عن معلومات مؤكدة بشأن الانسحاب",  # an adjective, not a participle
    "اقرأ أيضاً: القوات الروسية تنتشر في منبج",
    "وانهار الاتفاق مع تبادل الاتهامات بخرقه",  # a noun after a preposition
    "وهي الرواية التي تقول إن الطائرة سقطت",  # a relative clause with no source
]


@pytest.mark.parametrize("text", NOT_STATEMENTS)
def test_not_statements(text):
    assert listed(text, []) == []


def test_first_person_inside_a_quotation_is_the_speaker_s_own_voice():
    text = "وقال لافروف: «نؤكد أننا مستعدون للحوار، ونعلن دعمنا للهدنة»"
    assert listed(text, [("لافروف", "LAVROV")]) == [("قال", "russia")]


def test_a_name_given_in_apposition_speaks_for_its_institution_later():
    text = ("وقال رئيس إدارة العمليات في وزارة الدفاع الروسية، الفريق أول سيرغي رودسكوي، إن "
            "الصواريخ أسقطت. وأضاف رودسكوي أن الدفاعات عملت")
    assert listed(text, [("وزارة الدفاع الروسية", "RUS_MOD")]) == [("قال", "russia"),
                                                                    ("اضاف", "russia")]


def test_a_shortened_name_is_the_actor_named_earlier():
    text = "وقالت وزارة الدفاع الروسية إن الطائرات عادت. وبحسب وزارة الدفاع فإن الاتصال جرى"
    st = statements(text, [("وزارة الدفاع الروسية", "RUS_MOD")])
    assert st["speaker_actor_id"].tolist() == ["RUS_MOD", "RUS_MOD"]


def test_voice_balance_has_a_joint_voice():
    text = "وأكد الجانبان أهمية التنسيق. وقال لافروف إن الحوار مستمر"
    st = statements(text, [("لافروف", "LAVROV")])
    documents = pd.DataFrame({"doc_id": ["d1"], "title": [""], "body": [text]})
    vb = framing.voice_balance(st, documents).set_index("side")
    assert list(vb.index) == list(framing.VOICE_SIDES) and "joint" in framing.VOICE_SIDES
    assert vb.loc["joint", "n"] == 1 and vb.loc["russia", "n"] == 1
    assert vb.loc["joint", "share"] == 0.5 and bool(vb.loc["joint", "dominant"])


def test_reporting_forms_are_inflected_from_the_data_file():
    """reporting_verbs.tsv lists a verb once (its past, imperfect, participle); the 3rd
    person forms with object pronouns follow from reporting_affixes.tsv, 1st person not."""
    rep = framing.load_reporting()
    surface = rep.surface
    for word in ("نفته", "يعتبرها", "اعلنتها", "تتهم", "يعلنان", "مؤكده", "معتبرا", "وصفوه"):
        assert (word,) in surface, word
    for word in ("نؤكد", "اكدنا", "نعلن"):
        assert (word,) not in surface, word
    assert surface[("مؤكدا",)] == ("اكد", "participle")
    assert surface[("رفض",)][1] == "not"  # the bare «رفض» is as often the noun


RESOLVED = [
    # a quoted name right after a source head: the correspondent speaks for his channel
    ("وأفاد مراسل «روسيا اليوم» في القامشلي بأن الدوريات استأنفت تحركاتها",
     [("روسيا اليوم", "RT")], "media"),
    # Western officials or states: identified, outside the codebook
    ("تتهم الدول الغربية الحكومة السورية بتنفيذ الهجوم", [("الحكومة السورية", "SYR_GOV")], "other"),
    # a relative clause with a particle between the pronoun and the verb: the antecedent
    ("في موقف إدارة الرئيس باراك أوباما، التي طالما رفضت أي تعاون", [("باراك أوباما", "USA")], "us"),
]


@pytest.mark.parametrize("text, names, side", RESOLVED)
def test_resolved_side(text, names, side):
    codebook = pd.concat([CODEBOOK, pd.DataFrame([("RT", "media", "media")], columns=CODEBOOK.columns)])
    rows, pos = [], 0
    for surface, actor in names:
        start = text.index(surface, pos)
        rows.append(("d1", "body", start, start + len(surface), surface, actor))
        pos = start + len(surface)
    mentions = pd.DataFrame(rows, columns=["doc_id", "field", "start", "end", "surface", "actor_id"])
    documents = pd.DataFrame({"doc_id": ["d1"], "title": [""], "body": [text]})
    st = framing.find_statements(documents, mentions=mentions, codebook=codebook)
    assert st["speaker_side"].tolist() == [side]


def test_a_participle_continues_the_main_speaker_not_a_nested_one():
    text = "قال لافروف إن الحكومة السورية أكدت لـموسكو استعدادها، مضيفاً أن الجانبين متفقان"
    names = [("لافروف", "LAVROV"), ("الحكومة السورية", "SYR_GOV"), ("موسكو", "RUS")]
    assert listed(text, names) == [("قال", "russia"), ("اكد", "syria_gov"), ("اضاف", "russia")]


# --- «نقلت X عن Y»: Y speaks, X is the channel -------------------------------------------------

CHANNELS = [
    ("ونقلت وكالة رويترز عن مسؤول روسي قوله إن المحادثات مستمرة", [("رويترز", "REUTERS")],
     ("russia", "وكالة رويترز")),
    ('ونقلت صحيفة "كوميرسانت" عن مصدر عسكري أمريكي أن الخط ما زال يعمل', [],
     ("us", 'صحيفة "كوميرسانت"')),
    ("وتنقل قناة «الميادين» عن لافروف تأكيده أن الحوار مستمر", [("لافروف", "LAVROV")],
     ("russia", "قناة «الميادين»")),
    ("وبحسب ما نقلت وكالة إنترفاكس عن مسؤول أمريكي فإن الاتصال جرى", [], ("us", "وكالة إنترفاكس")),
    # no channel: the speaker speaks for himself, or the formula has no relay in it
    ("وقال لافروف لوكالة رويترز إن الحوار مستمر", [("لافروف", "LAVROV")], ("russia", "")),
    ("وذلك نقلاً عن مصادر عسكرية روسية", [], ("russia", "")),
    ("وبحسب وزارة الدفاع الروسية فإن الطائرات عادت", [("وزارة الدفاع الروسية", "RUS_MOD")],
     ("russia", "")),
]


@pytest.mark.parametrize("text, names, expected", CHANNELS)
def test_the_channel_relays_and_the_source_speaks(text, names, expected):
    st = statements(text, names)
    assert len(st) == 1
    assert (st.loc[0, "speaker_side"], st.loc[0, "channel"]) == expected
    assert "عن" not in st.loc[0, "channel"].split()


def test_the_statements_table_of_extract_has_every_column():
    from analysis import pipeline

    assert pipeline.TABLES["statements"] == framing.STATEMENT_COLUMNS
    assert framing.STATEMENT_COLUMNS[-1] == "channel"
