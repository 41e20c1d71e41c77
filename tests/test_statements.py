"""The statement codebook (shared/CODEBOOK-STATEMENTS.md) as tables: a sentence and the
statements a coder lists in it, each as (verb lemma, speaker side).

Each table row reads as one rule of the codebook; speakers are resolved through the actor
mentions given with the sentence (as the actor layer would find them).
"""
from __future__ import annotations

import pandas as pd
import pytest
from conftest import mentions_at

from analysis import framing

CODEBOOK = pd.DataFrame([
    ("USA", "state", "us"), ("RUS", "state", "russia"), ("SYR_GOV", "state", "syria_gov"),
    ("US_DOD", "institution", "us"), ("RUS_MOD", "institution", "russia"),
    ("RUS_MFA", "institution", "russia"), ("KERRY", "person", "us"),
    ("LAVROV", "person", "russia"), ("REUTERS", "media", "media"), ("UN", "intl_org", "un"),
    ("US_STATE", "institution", "us"), ("PUTIN", "person", "russia"), ("TUR", "state", "other"),
    ("SDF", "armed_group", "us_partner"), ("COALITION", "alliance", "us"),
    ("ISIS", "armed_group", "jihadist"), ("OBAMA", "person", "us"),
], columns=["id", "type", "side"])


def statements(text: str, names: list[tuple[str, str]]) -> pd.DataFrame:
    mentions = mentions_at(text, names)
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
    mentions = mentions_at(text, names)
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


# --- who speaks: the speaker's actor and side (CODEBOOK-STATEMENTS.md, "Speaker, actor and side")


def spoken(text: str, names: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    st = statements(text, names)
    return list(zip(st["verb"], st["speaker_actor_id"], st["speaker_side"]))


SPEAKERS = [
    # unnamed nationals speak for their side's state; the Kurds of Syria are the SDF's side;
    # a state outside the codebook is other
    ("وكشف مسؤولون عسكريون أمريكيون أن الطائرات اقتربت", [], [("كشف", "USA", "us")]),
    ("وبحسب مصدر دبلوماسي روسي فإن الحوار مستمر", [], [("بحسب", "RUS", "russia")]),
    ("وأفاد مسؤولون أكراد بأن الاتفاق عسكري بحت", [], [("افاد", "SDF", "us_partner")]),
    ("وأعربت مصر عن قلقها من التصعيد", [], [("اعرب", "", "other")]),
    ("وقال وزير الخارجية الأردني إن بلاده تدعم الحل", [], [("قال", "", "other")]),
    ("وقال مصدر دبلوماسي إن الاجتماع تأجل", [], [("قال", "", "")]),  # no nationality
    # the legislatures speak for their state; «آخرون» are more of the group that spoke
    ("وانتقد أعضاء في الكونغرس الاتفاق، فيما طالب آخرون بفتح تحقيق", [],
     [("انتقد", "USA", "us"), ("طالب", "USA", "us")]),
    ("وطالب نواب في مجلس الدوما بفتح تحقيق", [], [("طالب", "RUS", "russia")]),
    ("ويرى محللون أن التصعيد مؤقت، فيما يرى آخرون أنه سيطول", [],
     [("راي", "", ""), ("راي", "", "")]),
    # an envoy speaks for the state that sends him, not the body he is posted to
    ("وقال مندوب روسيا لدى الأمم المتحدة فاسيلي نيبينزيا إن بلاده ستطرح مشروع قرار",
     [("روسيا", "RUS"), ("الأمم المتحدة", "UN")], [("قال", "RUS", "russia")]),
    ("وقال مسؤول في الأمم المتحدة إن القافلة وصلت", [("الأمم المتحدة", "UN")],
     [("قال", "UN", "un")]),
    # a ministry named by its word and the nationality; later the minister by his name
    ("اتهم وزير الدفاع الأمريكي مارك إسبر تركيا بتعريض القوات للخطر. وقال إسبر إن الانسحاب مستمر",
     [("تركيا", "TUR")], [("اتهم", "US_DOD", "us"), ("قال", "US_DOD", "us")]),
    ("وقال نائب وزير الدفاع الروسي إن الخط يعمل", [], [("قال", "RUS_MOD", "russia")]),
    ("وقال وزير الدفاع التركي إن العملية مستمرة", [], [("قال", "", "other")]),
    # with no nationality, the ministry of that word named last; a name makes a new source
    ("أعلنت وزارة الخارجية الأمريكية تعليق المحادثات، وقال المتحدث باسم الخارجية جون كيربي إن "
     "روسيا لم تف بالتزاماتها. وأشار كيربي إلى أن القناة باقية",
     [("وزارة الخارجية الأمريكية", "US_STATE"), ("روسيا", "RUS")],
     [("اعلن", "US_STATE", "us"), ("قال", "US_STATE", "us"), ("اشار", "US_STATE", "us")]),
    # a person of the subject's nationality is its name, not the verb's object
    ("ووصف الرئيس الروسي فلاديمير بوتين الضربة بأنها عدوان", [("فلاديمير بوتين", "PUTIN")],
     [("وصف", "PUTIN", "russia")]),
    ("واتهم الرئيس الأمريكي بوتين بالكذب", [("بوتين", "PUTIN")], [("اتهم", "USA", "us")]),
    # a shortened name of an actor named before
    ("شن التحالف الدولي غارات على مواقع التنظيم، بحسب التحالف", [("التحالف الدولي", "COALITION")],
     [("بحسب", "COALITION", "us")]),
    # «باسمه», «عنها»: the body that spoke last
    ("وأعلنت وزارة الدفاع الروسية انتهاء المناورات، وقال المتحدث باسمها إن القوات عادت",
     [("وزارة الدفاع الروسية", "RUS_MOD")], [("اعلن", "RUS_MOD", "russia"), ("قال", "RUS_MOD", "russia")]),
]


@pytest.mark.parametrize("text, names, expected", SPEAKERS)
def test_the_speaker_s_actor_and_side(text, names, expected):
    assert spoken(text, names) == expected


def test_a_description_with_a_name_or_a_complement_is_a_new_source():
    # «القيادة العامة للجيش» is not «القيادة» referring back to the Russian ministry
    text = ("وقالت وزارة الدفاع الروسية إن الدفاعات عملت. وأعلنت القيادة العامة للجيش أن "
            "الغارة أوقعت قتلى")
    assert spoken(text, [("وزارة الدفاع الروسية", "RUS_MOD")]) == [
        ("قال", "RUS_MOD", "russia"), ("اعلن", "", "")]
    # but a bare description refers back
    text = "وقالت وزارة الدفاع الروسية إن الدفاعات عملت. وأضافت الوزارة أن الطائرات عادت"
    assert spoken(text, [("وزارة الدفاع الروسية", "RUS_MOD")])[1] == ("اضاف", "RUS_MOD", "russia")


def test_one_official_is_not_the_two_powers_together():
    text = "وأكد الجانبان أهمية التنسيق. وقال المسؤول إن الاتصالات مستمرة"
    assert spoken(text, []) == [("اكد", "", "joint"), ("قال", "", "")]


# --- where the speaker phrase is ---------------------------------------------------------------

PHRASES = [
    # the subject before كان when nothing stands between كان and the verb
    ("ويُذكر أن الرئيس الأمريكي، جون كيري، كان قد وصف التدخل بأنه خطأ", [("جون كيري", "KERRY")],
     [("وصف", "KERRY", "us")]),
    # a quoted name: after كان, or right after the verb
    ('وكانت "قوات سوريا الديمقراطية" قد أعلنت التوصل إلى اتفاق',
     [("قوات سوريا الديمقراطية", "SDF")], [("اعلن", "SDF", "us_partner")]),
    ('ووصفت دمشق الغارات بأنها مجزرة، بينما أكدت "قوات سوريا الديمقراطية" أن المهاجمين تقدموا',
     [("دمشق", "SYR_GOV"), ("قوات سوريا الديمقراطية", "SDF")],
     [("وصف", "SYR_GOV", "syria_gov"), ("اكد", "SDF", "us_partner")]),
    # a press head takes in its outlet's quoted name: a source outside the codebook
    ("ويدرس البيت الأبيض، وفق ما ذكرت صحيفة «نيويورك تايمز»، خيارات أخرى", [],
     [("وفق", "", "other")]),
    # a source head opening the clause before the verb; the addressee after it is no speaker
    ("وقال لافروف إن المسؤولين الأمريكيين أكدوا لنظرائهم الروس أن قواتهم ليست هناك",
     [("لافروف", "LAVROV")], [("قال", "LAVROV", "russia"), ("اكد", "USA", "us")]),
    # observers are where they are, not whom they speak for
    ("ويرى مراقبون في دمشق أن التصعيد سيطول", [("دمشق", "SYR_GOV")], [("راي", "", "")]),
    ("وقال مسؤول في دمشق إن الجيش تقدم", [("دمشق", "SYR_GOV")], [("قال", "SYR_GOV", "syria_gov")]),
    # a كان before a relative clause is not the relative verb's («وكانت الهدنة التي أعلنتها …»)
    ("وكانت الهدنة التي أعلنتها واشنطن وموسكو قد انهارت", [("واشنطن", "USA"), ("موسكو", "RUS")],
     [("اعلن", "", "joint")]),
]


@pytest.mark.parametrize("text, names, expected", PHRASES)
def test_where_the_speaker_phrase_is(text, names, expected):
    assert spoken(text, names) == expected


def test_every_ministry_word_names_a_codebook_institution():
    from analysis import actors

    codebook = actors.load_codebook().set_index("id")
    ministries = framing.load_reporting().ministries
    assert ministries, "speaker_cues.tsv lists ministry words"
    for word, ids in ministries.items():
        for actor in ids:
            assert codebook.loc[actor, "type"] == "institution", (word, actor)
        sides = [codebook.loc[a, "side"] for a in ids]
        assert len(sides) == len(set(sides)), f"{word}: one institution per side"


def test_a_word_written_with_taa_marbuta_is_a_noun_not_a_verb_with_its_pronoun():
    # «وصفة» (a recipe) folds like «وصفه» (described it); «وصفه» written so is the verb
    assert spoken("وحذر كيري من أن التدخل وصفة لكارثة", [("كيري", "KERRY")]) == [
        ("حذر", "KERRY", "us")]
    assert [v for v, _, _ in spoken("وهو ما وصفه كيري بأنه خطأ", [("كيري", "KERRY")])] == ["وصف"]


def test_a_kan_before_another_reporting_verb_is_not_this_verb_s():
    # «وكان لافروف قال»: the كان is قال's; «أكد» inside the quotation has its own subject
    text = 'وكان لافروف قال إن كيري "أكد التزام بلاده بالهدنة"'
    assert spoken(text, [("لافروف", "LAVROV"), ("كيري", "KERRY")]) == [
        ("قال", "LAVROV", "russia"), ("اكد", "KERRY", "us")]


def test_the_statement_of_the_two_powers_is_theirs_when_referred_back_to():
    text = "وأعلن البلدان في بيان مشترك التزامهما بالهدنة. وأضاف البيان أن المراقبة مستمرة"
    assert [side for _, _, side in spoken(text, [])] == ["joint", "joint"]


# forms that are as often nouns count only with a source right after them
VERB_SOURCE = [
    ("ورأى مراقبون في دمشق أن التصعيد سيطول", [("دمشق", "SYR_GOV")], [("راي", "", "")]),
    ("وتوقع محللون أن يتعزز دور موسكو، فيما توقع آخرون العكس", [("موسكو", "RUS")],
     [("توقع", "", ""), ("توقع", "", "")]),
    ("وقدّر مسؤولون أمريكيون عدد القتلى بالعشرات", [], [("قدر", "USA", "us")]),
    ("ورأى وزير الخارجية الروسي سيرغي لافروف أن الضربة عدوان", [("سيرغي لافروف", "LAVROV")],
     [("راي", "LAVROV", "russia")]),
]
NOT_VERB_SOURCE = [
    "وهذا رأي الحكومة في المسألة",  # an opinion (noun)
    "ومن المتوقع أن يجتمع الطرفان الأسبوع المقبل",
    "ويقدر عدد المقاتلين بنحو ألفين",  # «is estimated»: no source
    "وجاء التوقع بعد أيام من الهجوم",
]


@pytest.mark.parametrize("text, names, expected", VERB_SOURCE)
def test_a_form_that_may_be_a_noun_counts_with_a_source_after_it(text, names, expected):
    assert spoken(text, names) == expected


@pytest.mark.parametrize("text", NOT_VERB_SOURCE)
def test_a_form_that_may_be_a_noun_is_no_statement_without_a_source(text):
    assert spoken(text, []) == []


def test_a_feminine_participle_of_calling_on_adds_a_claim():
    text = "وأعربت مصر عن قلقها من التصعيد، داعية إلى حل سياسي"
    assert spoken(text, []) == [("اعرب", "", "other"), ("دعا", "", "other")]
    assert spoken("وقال الداعية إن الصلاة أقيمت", []) == [("قال", "", "")]  # the noun


def test_a_relative_clause_whose_antecedent_is_no_source_takes_the_source_after_the_verb():
    text = "ثم جاء قصف القافلة الذي اتهمت واشنطن موسكو بالمسؤولية عنه"
    assert spoken(text, [("واشنطن", "USA"), ("موسكو", "RUS")]) == [("اتهم", "USA", "us")]
    # with an antecedent that speaks, the antecedent; with no source at all, nothing
    text = "وهو ما نفاه البنتاغون الذي اتهم موسكو بالتصعيد"
    assert spoken(text, [("البنتاغون", "US_DOD"), ("موسكو", "RUS")])[-1] == ("اتهم", "US_DOD", "us")
    assert spoken("وهي الرواية التي تقول إن الطائرة سقطت", []) == []


def test_a_broadcaster_is_a_source_in_a_relative_clause():
    # in either spelling; with no nationality or name, its side is not given
    for tv in ("التلفزيون", "التليفزيون"):
        text = f"وخرج المتظاهرون إلى الشوارع بعد الضربات التي وصفها {tv} الرسمي بأنها عدوان"
        assert spoken(text, []) == [("وصف", "", "")]
    assert spoken("وهي الضربات التي وصفها المتظاهرون بالعدوان", []) == []  # no source head


# an implicit subject: the actor opening the verb's sentence, where no earlier statement of the
# sentence reports; else the previous speaker
TOPICS = [
    ("وقال كيري إن الهدنة صامدة. وتشن روسيا منذ أسابيع غارات تقول إنها تستهدف الإرهابيين",
     [("كيري", "KERRY"), ("روسيا", "RUS")], [("قال", "KERRY", "us"), ("قال", "RUS", "russia")]),
    ("وقال كيري إن الهدنة صامدة. موسكو تواصل قصف المدينة، متهمة المعارضة بخرق الهدنة",
     [("كيري", "KERRY"), ("موسكو", "RUS")], [("قال", "KERRY", "us"), ("اتهم", "RUS", "russia")]),
    # the previous speaker when a statement of the same sentence reports
    ("وقال كيري إن روسيا تقصف المدينة، مضيفاً أن الهدنة مهددة",
     [("كيري", "KERRY"), ("روسيا", "RUS")], [("قال", "KERRY", "us"), ("اضاف", "KERRY", "us")]),
    # a sentence opened by a preposition has no actor as its subject
    ("وقال كيري إن الهدنة صامدة. وفي موسكو تتواصل الاجتماعات، ويضيف أن الحوار مستمر",
     [("كيري", "KERRY"), ("موسكو", "RUS")], [("قال", "KERRY", "us"), ("اضاف", "KERRY", "us")]),
]


@pytest.mark.parametrize("text, names, expected", TOPICS)
def test_an_implicit_subject_is_the_sentence_s_actor_or_the_previous_speaker(text, names, expected):
    assert spoken(text, names) == expected
