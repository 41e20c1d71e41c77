"""Classes of frame cues any Arabic news text needs (``analysis/data/frames.tsv``), with
their look-alikes that must not match. Sentences are invented for these tests."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import framing


def cues_of(text: str) -> list[tuple[str, str]]:
    docs = pd.DataFrame({"doc_id": ["d"], "title": [""], "body": [text]})
    hits = framing.find_cues(docs)
    return list(zip(hits["frame"], hits["surface"]))


def frames_of(text: str) -> set[str]:
    return {frame for frame, _ in cues_of(text)}


# military_operations: events told without the old cues (casualties, clashes, deployments,
# advances, withdrawals), in several spellings
EVENTS = [
    ("وأسفر القصف عن سقوط قتلى في صفوف المدنيين", "قتلى"),
    ("وقُتل ثلاثة جنود في الهجوم", "وقُتل"),
    ("أكثر من 40 قتيلاً في المعارك", "قتيلاً"),
    ("ما أدى إلى استشهاد خمسة عسكريين", "استشهاد"),
    ("ووقع اشتباك بين دوريتين قرب الحدود", "اشتباك"),
    ("وأعلنت دمشق انتشار الجيش في المدينة", "انتشار الجيش"),
    ("وتتمركز قوات أمريكية قرب حقول النفط", "وتتمركز قوات"),
    ("بعد تقدم قوات النظام نحو المدينة", "تقدم قوات"),
    ("واصل الجيش عملياته مستعيداً السيطرة على قرى عدة", "مستعيداً السيطرة"),
    ("أعلن الرئيس قراراً بسحب جميع القوات من البلاد", "بسحب جميع القوات"),
    ("وكان المقاتلون ينفذون عملية استطلاع قرب الحقل", "عملية استطلاع"),
    ("وتقود الدولتان عمليتين عسكريتين منفصلتين", "عمليتين عسكريتين"),
    ("واتخذت الحادثة ذريعة لضرب مواقع الجيش", "لضرب مواقع"),
    ("وستبقى القوات في قاعدة التنف", "قاعدة التنف"),
    ("وتجول الصحافيون في مواقع أخلتها القوات الأمريكية", "أخلتها القوات"),
    ("وكانت الطائرة في مهمة ضد مسلحي التنظيم", "مهمة ضد"),
    ("واستخدم المهاجمون دبابات ومدفعية ثقيلة", "دبابات"),
    ("واستخدم المهاجمون دبابات ومدفعية ثقيلة", "ومدفعية"),
    ("وحلّقت مروحية روسية فوق الدورية", "مروحية"),
]


@pytest.mark.parametrize(("text", "surface"), EVENTS)
def test_military_events_are_cues(text, surface):
    assert ("military_operations", surface) in cues_of(text)


# look-alikes: the deconfliction phrase wins over the clash; «تقدم» alone is to submit or progress
NOT_EVENTS = [
    ("وأعاد الطرفان تفعيل خط منع الاشتباك", {"deconfliction"}),
    ("وتقدم الوفد بمقترح جديد", set()),
    ("وشهدت المحادثات تقدماً ملموساً", {"diplomacy"}),
    ("وأظهر استطلاع للرأي تراجع شعبية الرئيس", set()),
    ("وتسلم السفير مهمته الجديدة في دمشق", set()),
    ("وهذه قاعدة عامة في العلاقات الدولية", set()),
]


@pytest.mark.parametrize(("text", "frames"), NOT_EVENTS)
def test_look_alikes_of_military_events(text, frames):
    assert frames_of(text) == frames


# confrontation: legitimacy denied, threats of consequences, blame, self-defence, rivalry as a loss
HOSTILITY = [
    ("وقالت موسكو إن الوجود الأمريكي غير شرعي", "غير شرعي"),
    ("تنتشر القوات بصورة غير شرعية", "غير شرعية"),
    ("وتعتبر العواصم الغربية الحكومة فاقدة للشرعية", "فاقدة للشرعية"),
    ("وحذرت من عواقب وخيمة", "عواقب"),
    ("وألقت الخارجية باللوم على واشنطن", "باللوم"),
    ("وقال البنتاغون إن قواته تصرفت دفاعاً عن النفس", "دفاعاً عن النفس"),
    ("وحذر نواب من أن القرار يترك الساحة لموسكو", "يترك الساحة"),
    ("ويدرس البيت الأبيض خيارات غير دبلوماسية", "غير دبلوماسية"),
    ("وستتعامل الدفاعات مع الطائرات بوصفها أهدافاً جوية", "بوصفها أهدافاً"),
    ("ودعا واشنطن إلى الامتناع عن الأعمال الأحادية", "الأعمال الأحادية"),
]


@pytest.mark.parametrize(("text", "surface"), HOSTILITY)
def test_hostility_cues(text, surface):
    assert ("confrontation", surface) in cues_of(text)


# diplomacy: diplomats named as sources are no diplomacy (rule 6: naming is not enough);
# diplomacy itself, calls in the plural and «وقف لإطلاق النار» are
DIPLOMACY = [
    ("وقال دبلوماسيون غربيون إن الاجتماع تأجل", set()),
    ("نقلت الوكالة عن الدبلوماسيين في نيويورك", set()),
    ("ودعا إلى تكثيف الجهود الدبلوماسية", {"diplomacy"}),
    ("وأجرى الوزيران اتصالات هاتفية عدة", {"diplomacy"}),
    ("سعياً إلى وقف لإطلاق النار في الشمال", {"diplomacy"}),
    ("وستطرح موسكو مشروع قرار في مجلس الأمن", {"diplomacy"}),
    ("ويتعزز دور موسكو كوسيط بين الطرفين", {"diplomacy"}),
    ("وأبدت واشنطن استعدادها لإجراء مناقشات تكتيكية", {"diplomacy"}),
]


@pytest.mark.parametrize(("text", "frames"), DIPLOMACY)
def test_diplomacy_cues(text, frames):
    assert frames_of(text) == frames


# cooperation: «working together» in the future and dual, a constructive meeting, identical views;
# «بناءً على» (based on) is not constructive
COOPERATION = [
    ("وقال إن البلدين سيعملان معاً في الملف", {"cooperation"}),
    ("وأضاف أن اللقاء كان مهنياً وبنّاءً", {"cooperation"}),
    ("ووصف الجانبان الحوار بأنه حوار بنّاء", {"cooperation", "diplomacy"}),
    ("وأكد أن المواقف متطابقة", {"cooperation"}),
    ("وجاء القرار بناءً على طلب الحكومة", set()),
    ("وبدأت أعمال بناء المستشفى", set()),
]


@pytest.mark.parametrize(("text", "frames"), COOPERATION)
def test_cooperation_cues(text, frames):
    assert frames_of(text) == frames


def test_militant_groups_are_counter_terrorism_but_a_hardline_stance_is_not():
    assert frames_of("ويمهد الاتفاق للعمل ضد الجماعات المتشددة") >= {"counter_terrorism"}
    assert "counter_terrorism" not in frames_of("وتبنى الوزير موقفاً متشدداً من المفاوضات")
