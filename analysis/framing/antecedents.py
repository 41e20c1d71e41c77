"""Whose implicit subject: the agent an unspoken subject refers back to (CODEBOOK-STATEMENTS.md,
"An implicit subject … takes the antecedent speaker").

Two constructions of Arabic news text name their speaker only as the agent of the clause
they hang on, not as the last speaker of the field:

* an adverbial participle in a sentence that no statement reports: «وتأتي هذه الاتصالات بعد
  شهرين من تعليق الولايات المتحدة محادثاتها مع روسيا، متهمة موسكو …» (the United States
  accuses, the agent of «تعليق»), «بعد ساعات من زعم وزارة الخارجية الأميركية وجود مؤشرات
  على أن الدولة السورية …، محذّرة» (the State Department warns);
* a verb in a relative «ما» inside a phrase: «رغم إعلان موسكو استعدادها لتنفيذ ما وصفته
  بالاتفاقات» (Moscow described), «بسبب ما وصفه بالأعمال غير الودية» — not «، وهو ما
  اعتبرته …», which takes up the sentence's speaker.

:func:`agent_before` finds that agent: the nearest actor mention before the form in its
sentence that can be an agent — not governed by a preposition («مع روسيا», «لروسيا»), not
the subject of a content clause («على أن الدولة السورية»), not an indefinite accusative
(«اقتراحاً تركياً»: an object or its adjective).
"""
from __future__ import annotations

from bisect import bisect_left

from ..normalize import PREPOSITIONS, fold
from .lexicon import Reporting
from .speakers import Speaker
from .words import Field

_TANWEEN_FATH = "\u064b"


def agent_before(field: Field, t: int, rep: Reporting) -> Speaker | None:
    """The nearest actor mention before word ``t`` in its sentence that may be the agent
    of the clause (see the module's docstring), as a speaker phrase; None if there is none."""
    ms, start, sentence = field.mentions, field.starts[t], field.sentence[t]
    lo, hi = field.lo, field.hi
    for s, e, _ in reversed(ms[:bisect_left(ms, (start,))]):
        if e > start:
            continue
        k0 = bisect_left(field.ends, s + 1, lo, hi)
        if field.sentence[k0] != sentence:
            return None
        k1 = bisect_left(field.starts, e, lo, hi) - 1
        if not _governed(field, k0, s, rep) and _TANWEEN_FATH not in field.text[s:e]:
            return Speaker(k0, k1)
    return None


def _governed(field: Field, k0: int, s: int, rep: Reporting) -> bool:
    """The mention starting at offset ``s`` inside word ``k0`` carries a preposition (ب ل ك),
    follows a preposition word, or opens a content clause (after «أن», «إن»); a nationality
    adjective mentioned alone («من القوات الروسية») is governed as the noun it qualifies."""
    if any(c in PREPOSITIONS for c in fold(field.text[field.starts[k0]:s])):
        return True
    words, joined, lo = field.words, field.joined, field.lo
    k = k0
    while (k > lo and joined[k] and words[k] in rep.side_forms and words[k].startswith("ال")
           and words[k - 1].startswith(("ال", "بال", "لل", "كال"))):
        k -= 1  # «القوات الروسية»: back to the noun
    if k != k0 and words[k].startswith(("بال", "لل", "كال")):
        return True
    if k <= lo or not joined[k]:
        return False
    before = words[k - 1]
    return before in rep.cues["preposition"] or before in rep.cues["that"]


def relative_ma(field: Field, t: int, rep: Reporting) -> bool:
    """Word ``t`` is a verb after a relative «ما» inside a phrase («لتنفيذ ما وصفته», «بسبب
    ما وصفه»): not after a comma, nor after a pronoun or demonstrative («وهو ما», «وهذا ما»),
    which take up the sentence's speaker."""
    if t - 1 <= field.lo or not field.joined[t] or field.words[t - 1] != "ما":
        return False
    return field.joined[t - 1] and field.words[t - 2] not in rep.cues["resumptive"]
