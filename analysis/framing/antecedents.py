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

:func:`relative_antecedent` is the antecedent of a relative clause's verb («البيت الأبيض
الذي اتهم»), a name outside the codebook after the mention («نظيرته الأميركية سامانثا باور،
التي وصفت») and a government head before a person («إدارة الرئيس باراك أوباما، التي
رفضت»: the administration) included.
"""
from __future__ import annotations

from bisect import bisect_left

from ..normalize import PREPOSITIONS, fold
from .lexicon import Reporting
from .speakers import Speaker, bare_word, name_like
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


def relative_antecedent(field: Field, rel: int, rep: Reporting) -> Speaker | None:
    """The actor mention that ends right before the relative pronoun at word ``rel`` (a
    comma or a parenthesis between allowed, or a name outside the codebook: «نظيرته
    الأميركية سامانثا باور، التي وصفت»), unless it is a nationality adjective of a noun
    before it."""
    start = field.starts[rel]
    for s, e, _ in field.mentions:
        if s >= start:
            break
        if e <= start and (field.text[e:start].strip(" ،,()") == ""  # «البنتاغون (…)، التي»
                           or _names_between(field, e, rel, rep)):
            k0 = bisect_left(field.ends, s + 1, field.lo, field.hi)
            adjective = (k0 > field.lo and field.joined[k0] and field.starts[k0] == s
                         and field.words[k0] in rep.side_forms  # «المسلمة الروسية التي»
                         and field.words[k0 - 1].startswith("ال"))
            return Speaker(_governing_head(field, k0, rep), rel - 1) if k0 < rel and not adjective else None
    return None


def _governing_head(field: Field, k0: int, rep: Reporting) -> int:
    """«إدارة الرئيس باراك أوباما، التي»: the antecedent starts at a government head
    (``government``) before the person and his titles, else at the mention (word ``k0``)."""
    k, titles = k0, rep.cues["title"]
    while k > field.lo and field.joined[k] and k0 - k < 3 and bare_word(field.words[k - 1]) in titles:
        k -= 1
    if k > field.lo and field.joined[k] and field.words[k - 1] in rep.cues["government"]:
        return k - 1
    return k0


def _names_between(field: Field, e: int, rel: int, rep: Reporting) -> bool:
    """One to three name-like words joined by spaces stand between offset ``e`` (a
    mention's end) and the relative pronoun at word ``rel``, set off by a comma."""
    k = bisect_left(field.starts, e, field.lo, field.hi)
    if not 1 <= rel - k <= 3 or field.joined[rel] or not field.joined[k]:
        return False
    ms = field.mentions
    i = bisect_left(ms, (e,))
    if i < len(ms) and ms[i][0] < field.starts[rel]:
        return False  # «أوباما وفلاديمير بوتين، الذي»: the later mention is the antecedent
    return all(name_like(field.words[i], rep) and (i == k or field.joined[i]) for i in range(k, rel))
