"""Attributed statements: who is quoted or reported as saying something, and for which side.

The rules, word by word over one field's folded words (:class:`.words.Field`), following
``shared/CODEBOOK-STATEMENTS.md`` (one entry per reporting expression):

1. **Reporting forms** (``reporting_verbs.tsv``, inflected in the 3rd person with object
   pronouns by ``reporting_affixes.tsv``): finite reporting and position verbs (قال، أكد،
   نفته، يعتبرها، رحّب، وصف، اعترف …), adverbial participles adding a claim («، مؤكداً أن»,
   «ومعتبرة», after a comma or و), light verbs with a speech noun («وجّه انتقادات», «جدد
   موقفه», «تبادلت موسكو وواشنطن الاتهامات»), source formulae (بحسب، وفق، نقلاً عن، على
   لسان, «بحسب ما ذكرت» and «بحسب ما نقلت … عن» as one), «نقلت X عن Y» (:func:`verb_at`).
2. **Not statements** (:func:`_statement`): forms of kind ``not`` («رفض» alone, «إضافة»,
   «اقرأ»); a verb after a negator («لم تعلن», «دون أن يعلن») or a preposition («مع تبادل
   الاتهامات»: a noun); an event as subject («كشفت الحادثة عن», «الحادثة تؤكد»,
   ``event`` of ``speaker_cues.tsv``); a formula before a document («وفق القرار»); a light
   verb with no speech noun; a participle with no comma or و (an adjective); a relative
   clause with no source («الرواية التي تقول»); a word written with ة («وصفة»: a noun, not
   «وصفه»); a form as often a noun (``verb_source``: bare «رأى», «توقع», «قدّر») with no
   source right after it opening a clause («هذا رأي الحكومة»); 1st person forms are not
   listed at all.
3. **The speaker after the verb** (verb–subject, the usual order, :mod:`.phrases`):
   the phrase that follows, up to a stop word («أن», «في تصريح»), punctuation or another
   reporting form, ten words at most (:func:`phrase`); after «نقل … عن» the phrase after
   عن (the transmitter is only the channel). A phrase cut inside an actor's name is
   extended to the name's end, or to a quoted name («مراسل «روسيا اليوم»»); «مسؤول في
   البنتاغون» to the institution; after a verb with an object it ends before the object.
   An addressee («أكدت لـموسكو») is no speaker.
4. **The speaker before the verb** (:func:`.phrases.subject_before`): the words between a كان and
   the verb («وكانت وزارة الدفاع الروسية قالت», quotes allowed, certain; the subject before
   «، كان قد» when nothing stands between), or an actor mention right before the verb
   («البنتاغون يعلن», «كيري ولافروف يعلنان»), a joint word («البلدين "شددا»), or a source
   head opening the clause («أن المسؤولين الروس أكدوا»), used when the phrase after the
   verb does not start with a source. A كان before a relative pronoun or another reporting
   form is not the verb's. A name between commas may stand between the mention and the verb
   («المتحدث باسم البنتاغون، بيتر كوك، قال»); «أما X فـV» has X as its subject.
5. **Relative clauses** (:func:`_relative`): «الهدنة التي أعلنتها واشنطن وموسكو» (the source
   follows the verb), «البيت الأبيض الذي اتهم موسكو» (the antecedent speaks), «القصف الذي
   اتهمت واشنطن موسكو به» (an antecedent that is no source: the source follows).
6. **Previous speaker.** A verb or participle with no speaker («وأضاف: …», «مضيفاً أن»)
   continues the field's last speaker; so does a definite anaphor («المسؤول الأمريكي»,
   «الوزارة», «المصدر ذاته»). In a sentence that no earlier statement reports, the actor
   opening it is the subject instead («وتشن روسيا غارات تقول إنها …», :func:`_topic`), or
   for a participle the agent before it («بعد تعليق الولايات المتحدة المحادثات، متهمة
   موسكو»); a verb after a relative «ما» in a phrase takes that agent too («لتنفيذ ما وصفته»,
   :mod:`.antecedents`).
7. **Resolution** to a codebook actor and side (:mod:`.speakers`): ``joint`` for the two
   powers together; an actor mention, the most specific kind first; a tied name; an
   anaphor; a shortened name; a ministry's word with the nationality («وزير الدفاع
   الأمريكي» → US_DOD); a nationality and its side's state («مسؤولون أمريكيون» → us, USA);
   a press head or a quoted source outside the codebook → other.
   «نقلت X عن Y»: Y speaks, X is the ``channel`` (:func:`channel_of`). A title followed by
   a codebook person's name between commas is the person («وزير الدفاع الأمريكي، جيمس
   ماتيس،» → MATTIS).
8. «في بيان للخارجية الروسية» counts only in a sentence no verb reports.

:func:`find_statements` applies them to every title and body.
"""
from __future__ import annotations

import re
from bisect import bisect_left

import pandas as pd

from ..normalize import PREPOSITIONS
from .antecedents import agent_before, relative_antecedent, relative_ma
from .lexicon import Reporting, load_reporting
from .mentions import by_field
from .phrases import (
    form_starts,
    phrase,
    sentence_subject,
    speaker_after,
    subject_of,
    verb_at,
)
from .speakers import (
    Context,
    Speaker,
    is_source,
    resolve,
    side_of_words,
    speaker_mentions,
    tie_apposition,
    with_apposition,
)
from .tables import table
from .words import Field, Prepared, walk

STATEMENT_COLUMNS = ["doc_id", "field", "start", "end", "speaker", "speaker_actor_id",
                     "speaker_side", "verb", "speaker_start", "speaker_end", "basis", "channel"]
VOICE_SIDES = ("us", "russia", "joint", "other", "unresolved")
VOICE_COLUMNS = ["doc_id", "side", "n", "share", "dominant"]

_QUOTED = re.compile(r"[\"«“]")  # a quoted name inside a speaker phrase
_QUOTE_PAIRS = (("«", "»"), ("“", "”"), ('"', '"'))
_Context = Context


# --- the statements of a field ----------------------------------------------------------------

def statements_in(field: Field, ctx: _Context) -> list[tuple]:
    """Statements of one field: (start, end, speaker, actor, side, lemma, s_start, s_end,
    basis), left to right; the words of a reporting form start no other."""
    out: list[tuple] = []
    sentences_with_verb: set[int] = set()
    in_statement = []  # «في بيان» forms, used only where no verb reports the sentence
    resume = 0  # the first word after the last form found
    pair_only, words, joined = ctx.rep.pair_only, field.words, field.joined
    for t in form_starts(field, ctx.rep):
        w = words[t]
        if w in pair_only and not (joined[t + 1] and words[t + 1] in pair_only[w]):
            continue  # «في» not followed by «بيان»
        found = verb_at(field, t, ctx.rep) if t >= resume else None
        if found is None:
            continue
        last, lemma, kind = found
        if kind == "not":  # «رفض» alone: the noun as often as the verb
            resume = last + 1
            continue
        if kind == "statement":
            in_statement.append((t, last, lemma))
            resume = last + 1
            continue
        row, last = _statement(field, t, last, lemma, kind, ctx)
        resume = last + 1
        if row is not None:
            _record(field, t, last, row, sentences_with_verb, ctx, out)
    for t, last, lemma in in_statement:  # «في بيان للخارجية الروسية» with no verb nearby
        if field.sentence[t] not in sentences_with_verb:
            row = _in_statement(field, t, last, lemma, ctx)
            if row is not None:
                out.append(row)
    return out


def _record(field: Field, t: int, last: int, row: tuple, sentences_with_verb: set[int],
            ctx: Context, out: list[tuple]) -> None:
    """Add the statement ``row`` of the form at words ``t`` to ``last`` to ``out``, and make
    it the speaker that the next implicit subject continues unless it is nested in the
    content of an earlier statement of its sentence: a subject–verb statement («قال لافروف
    إن الحكومة السورية أكدت …، مضيفاً»), the agent of a relative «ما» («قال المتحدث إن …
    رغم إعلان موسكو … ما وصفته») or a notification with its content («عندما أبلغتهم
    واشنطن بأنها …، مضيفاً»). A notification nested with no content of its own is no
    statement («قال البنتاغون إن القوات أبلغت الجانب الروسي مسبقاً بالضربة»)."""
    sentence = field.sentence[t]
    embedded = row[5] in ctx.rep.cues["notify"] and sentence in sentences_with_verb
    if embedded and not _content_follows(field, last, ctx.rep):
        return
    out.append(row)
    nested = embedded or (row[8] in ("before_verb", "topic") and sentence in sentences_with_verb)
    sentences_with_verb.add(sentence)
    if row[2] and not nested:
        ctx.previous = row


def _statement(field: Field, t: int, last: int, lemma: str, kind: str,
               ctx: Context) -> tuple[tuple | None, int]:
    """The statement of the reporting form at words ``t`` to ``last`` (None: no
    statement), and the last word it takes in."""
    rep = ctx.rep
    if kind == "participle":
        return _participle(field, t, last, lemma, ctx), last
    verb = kind in ("verb", "verb_object", "verb_source", "light")
    if verb and field.words[t][-1] == "ه" and _taa_marbuta(field, t):
        return None, last  # «وصفة» (a recipe), folded like «وصفه» (described it): a noun
    before = _word_before(field, t, rep) if verb else ""
    if before in rep.cues["negator"] or before in rep.cues["preposition"]:
        return None, last  # «لم تبلغها», «عدم إبلاغ»; «مع تبادل الاتهامات»: a noun
    if verb and ctx.voweled and _passive(field, t):
        return None, last  # «وأُعلن عنه», «أُبلغ الجانب الروسي»: agentless, no speaker
    if verb and ctx.previous is not None and _object_of_previous(field, t, ctx):
        return None, last  # «كما ترفض موسكو نشر الدرع»: a verbal noun, the object
    if before in rep.cues["relative"]:
        return _relative(field, t, last, lemma, kind, ctx)
    if kind == "light":
        return _light(field, t, last, lemma, ctx)
    speaker, basis, last = _speaker(field, t, last, kind, verb, ctx)
    if _no_source(field, t, kind, speaker, basis, ctx):
        return None, last
    if speaker is not None and kind == "verb_object":
        _cut_before_object(field, speaker, ctx)
    channel = channel_of(field, last, speaker) if kind in ("transmit", "formula") else ""
    return _row(field, t, last, lemma, speaker, basis, ctx, channel), last


def _no_source(field: Field, t: int, kind: str, speaker: Speaker | None, basis: str,
               ctx: Context) -> bool:
    """The form at word ``t`` reports no one: a formula with no source («فحسب», «نقل
    الجنود») or before a document («وفق القرار»); an event as the verb's subject («كشفت
    الحادثة عن …»); a form as often a noun with no source right after it opening a clause
    («هذا رأي الحكومة», «من المتوقع»)."""
    rep = ctx.rep
    if kind in ("formula", "transmit"):
        return speaker is None or (kind == "formula"
                                   and field.words[speaker.first] in rep.cues["not_source"])
    if basis != "before_verb" and _event_subject(field, t, speaker, ctx):
        return True
    if kind == "verb_source" and basis == "before_verb" and _that_follows(field, t, rep):
        return False  # «المتحدث باسم الكرملين رأى أن …»: a verb with its subject before it
    return kind == "verb_source" and (basis != "after_verb" or not _names_source(field, speaker, ctx)
                                      or not _opens_clause(field, t, rep))


def _content_follows(field: Field, last: int, rep: Reporting) -> bool:
    """A complementiser («أن», «بأنه», ``that``) follows word ``last`` within ten words of
    the same clause: the form has a content of its own («بأن بوتين أبلغ الأسد خلال اتصال
    هاتفي أن …»), not only an addressee and a fact («أبلغت الجانب الروسي بالضربة»)."""
    k, that = last + 1, rep.cues["that"]
    while k < field.hi and field.joined[k] and k - last <= 10:
        if field.words[k] in that:
            return True
        k += 1
    return False


def _that_follows(field: Field, t: int, rep: Reporting) -> bool:
    """Word ``t`` is followed right away by «أن», «إن» or «بأن» (``that`` of
    ``speaker_cues.tsv``), as a verb of saying or thinking is and its noun reading («رأي»
    an opinion, «توقع» an expectation) rarely is."""
    k = t + 1
    return k < field.hi and field.joined[k] and field.words[k] in rep.cues["that"]


def channel_of(field: Field, last: int, speaker: Speaker | None) -> str:
    """«نقلت وكالة "رويترز" عن مسؤول …»: the words between a transmit verb ending at word
    ``last`` and the عن before the speaker, as written (a closing quote taken in), or ''."""
    if speaker is None or speaker.first - 2 <= last or field.words[speaker.first - 1] != "عن":
        return ""
    start, end = field.span(last + 1, speaker.first - 2)
    text = field.text
    inner = text[start:end]
    if end < len(text) and any(text[end] == close and (inner.count(open_) > inner.count(close)
                                                       if open_ != close else inner.count(close) % 2)
                               for open_, close in _QUOTE_PAIRS):
        end += 1  # «وكالة "رويترز"»: the closing quote of the channel's name
    return text[start:end]


def _opens_clause(field: Field, t: int, rep: Reporting) -> bool:
    """Word ``t`` opens a clause, as a verb does: it carries و/ف, or follows punctuation,
    the field's start or a conjunction (a stop word that is no preposition: «فيما توقع»)."""
    if field.words[t][0] in "وف" or t == field.lo or not field.joined[t]:
        return True
    before = field.words[t - 1]
    return (before,) in rep.stops and before not in rep.cues["preposition"]


def _object_of_previous(field: Field, t: int, ctx: Context) -> bool:
    """Word ``t`` comes right after the subject of the statement before it, with no و/ف:
    «ترفض موسكو نشر الدرع» — verb, subject, then a verbal noun as object («نشر» publish /
    publication), never a second verb of that subject."""
    previous = ctx.previous
    return (previous is not None and previous[8] == "after_verb" and field.joined[t]
            and previous[7] == field.ends[t - 1] and field.words[t][0] not in "وف")


def _passive(field: Field, t: int) -> bool:
    """Word ``t`` is written as a passive past: a damma on its first letter after و/ف
    («أُعلن», «وأُبلغت», «نُقل»), not on an imperfect's ي/ت («يُعلن» is active). Unvoweled
    text gives no sign and is read as active."""
    raw = field.text[field.starts[t]:field.ends[t]]
    if raw[:1] in "وف" and len(raw) > 2 and raw[1] != "\u064f":
        raw = raw[1:]
    return len(raw) > 1 and raw[1] == "\u064f" and raw[0] not in "يت"


def _taa_marbuta(field: Field, t: int) -> bool:
    """Word ``t`` is written with a final ة: a noun, never a verb with the pronoun ه."""
    raw = field.text[field.starts[t]:field.ends[t]]
    return next((c for c in reversed(raw) if c.isalpha()), "") == "ة"


def _word_before(field: Field, t: int, rep: Reporting) -> str:
    """The word joined right before word ``t`` (a negator before «أن» standing for it:
    «دون أن يعلن»), or ''."""
    if t <= field.lo or not field.joined[t]:
        return ""
    before = field.words[t - 1]
    if t - 1 > field.lo and field.joined[t - 1]:
        if before in ("ان", "بان") and field.words[t - 2] in rep.cues["negator"]:
            return field.words[t - 2]
        if before in rep.cues["particle"] and field.words[t - 2] in rep.cues["relative"]:
            return field.words[t - 2]  # «التي طالما رفضت», «الذي قد أعلن»
    return before


def _event_subject(field: Field, t: int, speaker: Speaker | None, ctx: Context) -> bool:
    """The verb's subject is an event or a thing (``event`` of ``speaker_cues.tsv``), not a
    source: right after the verb («كشفت الحادثة عن …»), or right before it («الحادثة
    تؤكد …», «الاتصال يعتبر مؤشراً») unless a source follows the verb («بعد الهجوم قال
    المتحدث …»)."""
    events = ctx.rep.cues["event"]
    if speaker is not None and speaker.first == t + 1 and field.words[t + 1] in events:
        return True
    if speaker is not None and _names_source(field, speaker, ctx):
        return False
    return t > field.lo and field.joined[t] and field.words[t - 1] in events


def _light(field: Field, t: int, last: int, lemma: str,
           ctx: Context) -> tuple[tuple | None, int]:
    """A light verb with a speech noun (``speech_noun`` of ``speaker_cues.tsv``) among the
    next twelve words of its sentence: «وجّه انتقادات», «تبادلت موسكو وواشنطن الاتهامات»,
    «حمّلت هيئة الأركان … المسؤولية»; the speaker is the phrase up to the noun."""
    cues, sentence = ctx.rep.cues, field.sentence[t]
    nouns = cues["responsibility"] if lemma in cues["hold"] else cues["speech_noun"]
    ahead = field.words[last + 1:min(field.hi, last + 13)]
    if nouns.isdisjoint(ahead):
        return None, last
    j = last + 1 + next(i for i, w in enumerate(ahead) if w in nouns)
    if field.sentence[j] != sentence:
        return None, last
    speaker, basis, _ = _speaker(field, t, last, "verb", True, ctx)
    if speaker is not None and speaker.first <= j <= speaker.last:
        speaker = Speaker(speaker.first, j - 1) if j > speaker.first else None
    if speaker is None:
        basis = ""
    return _row(field, t, last, lemma, speaker, basis, ctx), last


def _participle(field: Field, t: int, last: int, lemma: str, ctx: Context) -> tuple | None:
    """«، مؤكداً أن …», «ومؤكدا»: an adverbial participle adds a claim of the previous
    speaker; it follows a comma or و (else an adjective: «معلومات مؤكدة»)."""
    word = field.words[t]
    if "،" not in field.gap(t) and "," not in field.gap(t) and not (
            word[0] in "وف" and ctx.rep.surface.get((word[1:],), ("", ""))[1] == "participle"
    ) and not _after_speaker(field, t, ctx):
        return None
    return _row(field, t, last, lemma, None, "", ctx)


def _after_speaker(field: Field, t: int, ctx: Context) -> bool:
    """«غرّد الرئيس الأمريكي دونالد ترامب داعياً روسيا …»: a masculine participle in the
    accusative («داعياً», «محذرا») right after the speaker phrase of the statement before it
    is adverbial, with no comma: it cannot be the adjective of that nominative subject."""
    previous = ctx.previous
    if previous is None or not field.joined[t] or previous[7] != field.ends[t - 1]:
        return False
    return field.words[t].endswith("ا") and not field.words[t - 1].endswith("ا")


def _relative(field: Field, t: int, last: int, lemma: str, kind: str,
              ctx: Context) -> tuple[tuple | None, int]:
    """A reporting verb right after a relative pronoun: «الهدنة التي أعلنتها واشنطن وموسكو»
    (the source follows the verb), «البيت الأبيض الذي اتهم موسكو» (the antecedent speaks),
    «القصف الذي اتهمت واشنطن موسكو به» (an antecedent that is no source: the source
    follows), «الرواية التي تقول …» (no source: no statement)."""
    speaker, basis, last = _speaker(field, t, last, kind, True, ctx)
    word = field.words[last]
    resumptive = kind != "verb_object" or any(  # «أعلنتها»: the form and an object pronoun
        word.endswith(p) and (word[:-len(p)],) in ctx.rep.surface for p in ("ه", "ها", "هم", "هما"))
    if (resumptive and speaker is not None and basis == "after_verb"
            and is_source(field, speaker, ctx)):
        if kind == "verb_object":
            _cut_before_object(field, speaker, ctx)
        return _row(field, t, last, lemma, speaker, basis, ctx), last
    rel = t - 1 if field.words[t - 1] in ctx.rep.cues["relative"] else t - 2
    antecedent = relative_antecedent(field, rel, ctx.rep)
    if antecedent is None and speaker is not None and basis == "after_verb" and _names_source(
            field, speaker, ctx):  # «القصف الذي اتهمت واشنطن موسكو بالمسؤولية عنه»
        if kind == "verb_object":
            _cut_before_object(field, speaker, ctx)
        return _row(field, t, last, lemma, speaker, basis, ctx), last
    if antecedent is None:
        return None, last
    return _row(field, t, last, lemma, antecedent, "before_verb", ctx), last


def _predicate_of_ma(field: Field, t: int, after: Speaker, rep: Reporting) -> bool:
    """«وهو ما اعتبرته خرقاً», «ما وصفه تصعيداً»: after «ما», a verb carrying an object
    pronoun is followed by its predicate (an indefinite word, no press head, no actor or
    nationality in the phrase: «ما اعتبره حلفاء واشنطن الأكراد» is a subject), not by its
    subject."""
    w = field.words[after.first]
    return (field.words[t].endswith(("ه", "ها")) and _word_before(field, t, rep) == "ما"
            and not w.startswith("ال") and w not in rep.cues["media"]
            and not speaker_mentions(field, after)
            and not side_of_words(list(field.words[after.first:after.last + 1]), rep))


def _speaker(field: Field, t: int, last: int, kind: str, verb: bool,
             ctx: _Context) -> tuple[Speaker | None, str, int]:
    """``(speaker, basis, last word of the form)``: the subject before a verb when it
    is certain (after كان) or when the phrase after the verb names no one; else the
    phrase after the form."""
    before, certain = subject_of(field, t, ctx.rep) if verb else (None, False)
    if certain:
        return before, "before_verb", last
    after, last = speaker_after(field, t, last, kind, ctx.rep)
    if after is not None and _governed(field, after.first):
        after = None  # «أكدت لـموسكو …»: an addressee, «وصفه بـ…»: a complement
    named = after is not None and _names_source(field, after, ctx)
    if after is not None and not named and (_predicate_of_ma(field, t, after, ctx.rep)
                                            or _complement(field, t, after, ctx.rep)):
        after = None  # «وهو ما اعتبرته خرقاً للتفاهمات», «وتهدد بتتبّع»: the speaker is implicit
    if before is not None and not named:
        return before, "before_verb", last
    return after, ("after_verb" if after is not None else ""), last


def _complement(field: Field, t: int, after: Speaker, rep: Reporting) -> bool:
    """«موسكو توقف العمل بالخط وتهدد بتتبّع طائرات التحالف»: right after a verb that takes
    a ب complement (``bi_verb`` of ``speaker_cues.tsv``: هدد، طالب، اتهم …) a word with ب
    that names no source is that complement, not the subject."""
    w = field.words[after.first]
    lemma = rep.surface.get((field.words[t],), ("", ""))[0]
    return w.startswith("ب") and len(w) > 3 and lemma in rep.cues["bi_verb"]


def _governed(field: Field, k: int) -> bool:
    """Word ``k`` is a bare ب/ل, or carries one: «لـموسكو», «للأمم», «بالاتفاق»."""
    w = field.words[k]
    return (w in PREPOSITIONS or w.startswith(("لل", "بال"))
            or (w[0] in PREPOSITIONS and field.text[field.starts[k] + 1:field.starts[k] + 2] == "ـ"))


def _names_source(field: Field, sp: Speaker, ctx: Context) -> bool:
    """The phrase's first word starts a source: an actor's name, a tied name, a
    nationality, a joint word, a source head («مسؤول», «مصادر») or «آخرون»."""
    w, cues = field.words[sp.first], ctx.rep.cues
    if (w in ctx.names or w in cues["source"] or w in cues["anaphor"] or w in cues["joint"]
            or w in cues["others"] or w in ctx.rep.side_forms):
        return True
    e = field.ends[sp.first]
    return any(m[0] < e for m in speaker_mentions(field, sp))


def _cut_before_object(field: Field, speaker: Speaker, ctx: Context) -> None:
    """«اتهمت هيئة الأركان الروسية الاستخبارات الأمريكية»: after a verb with an object, the
    speaker ends with the first actor it mentions; the object follows. A subject that
    names no actor ends before the first mention when its last word is definite or a
    nationality («تتهم الدول الغربية | الحكومة السورية», «مسؤولون أمريكيون | روسيا»), or
    when the mention's side is not the subject's nationality («وزير الدفاع الأمريكي مارك
    إسبر | تركيا»); a person of the subject's nationality is its name, not the object
    («وصف الرئيس الروسي فلاديمير بوتين | الضربة»)."""
    ms = speaker_mentions(field, speaker)
    if not ms:
        return
    first = min(ms)
    k = bisect_left(field.ends, first[0] + 1, speaker.first, speaker.last + 1)
    if k > speaker.first and field.starts[k] == first[0] and not _governed(field, k):
        prev, rep = field.words[k - 1], ctx.rep
        nationality = side_of_words(list(field.words[speaker.first:k]), rep)
        side = ctx.sides.get(first[2], "")
        named = ctx.types.get(first[2]) == "person" and nationality in ("", side)
        adjective = prev.startswith("ال") and field.words[k] in rep.side_forms
        if not named and not adjective and (prev.startswith("ال") or prev in rep.side_forms
                          or (nationality and side and side != nationality)):
            speaker.last = k - 1
            return
    end_of_first = first[1]
    speaker.last = max(k for k in range(speaker.first, speaker.last + 1)
                       if field.starts[k] < end_of_first)


def _row(field: Field, t: int, last: int, lemma: str, speaker: Speaker | None, basis: str,
         ctx: _Context, channel: str = "") -> tuple:
    """The statement's row; with no speaker, the field's previous speaker goes on
    («وأضاف: …», «مضيفاً أن …»)."""
    previous = ctx.previous
    first_w, last_w = t, last
    if speaker is None and basis == "":
        speaker, basis = _topic(field, t, previous, ctx)
    if speaker is not None:
        if not field.joined[speaker.last + 1]:  # «وزير الدفاع الأمريكي، جيمس ماتيس،»
            speaker = with_apposition(field, speaker, ctx)
        s_span = field.span(speaker.first, speaker.last)
        target = speaker
        if not ctx.rep.cues["back_pronoun"].isdisjoint(field.words[speaker.first:speaker.last + 1]):
            target = _pointed(field, speaker, ctx)  # «المتحدث باسمه»
        actor, side, basis = resolve(field, target, ctx, previous, basis)
        if actor and not field.joined[speaker.last + 1]:
            tie_apposition(field, speaker, actor, side, ctx.names)
        sp_text = field.text[s_span[0]:s_span[1]]
        if not side and ('"' in field.gap(speaker.first) or (
                field.words[speaker.first] in ctx.rep.cues["media"] and _QUOTED.search(sp_text))):
            side = "other"  # «وفق "الشرق الأوسط"», «صحيفة «واشنطن بوست»»: outside the codebook
        if basis != "topic":
            first_w, last_w = min(t, speaker.first), max(last, speaker.last)
    elif previous is not None:
        sp_text, actor, side, s_span, basis = (previous[2], previous[3], previous[4],
                                               (previous[6], previous[7]), "previous")
    else:
        sp_text, actor, side, s_span, basis = "", "", "", (-1, -1), ""
    return (field.starts[first_w], field.ends[last_w], sp_text, actor, side, lemma,
            s_span[0], s_span[1], basis, channel)


def _pointed(field: Field, speaker: Speaker, ctx: Context) -> Speaker:
    """«لكن الكرملين خفف من حدة التشكيك، إذ قال المتحدث باسمه»: a phrase whose pronoun
    points back («باسمه», «عنها», ``back_pronoun``) speaks for the speaker of an earlier
    statement of its sentence, else for the agent before it in the sentence
    (:func:`.antecedents.agent_before`), not for the field's last speaker; the phrase
    itself where the sentence has neither."""
    previous = ctx.previous
    if previous is not None and field.sentence[bisect_left(
            field.starts, previous[0], field.lo, field.hi)] == field.sentence[speaker.first]:
        return speaker  # «شككت الوزارة في رواية واشنطن، وقال المتحدث باسمها»: that speaker
    return agent_before(field, speaker.first, ctx.rep) or speaker


def _topic(field: Field, t: int, previous: tuple | None, ctx: Context) -> tuple[Speaker | None, str]:
    """A verb with no speaker of its own in a sentence that no earlier statement of it
    reports: its subject is the actor opening the sentence (:func:`.phrases.sentence_subject`,
    basis ``topic``), not the speaker of an earlier sentence. A verb after a relative «ما»
    inside a phrase («لتنفيذ ما وصفته»), and a participle where the sentence opens with no
    actor, take the agent before them (:func:`.antecedents.agent_before`)."""
    rep = ctx.rep
    if relative_ma(field, t, rep):
        agent = agent_before(field, t, rep)
        if agent is not None:
            return agent, "topic"
    if previous is not None:
        k = bisect_left(field.starts, previous[0], field.lo, field.hi)
        if k < field.hi and field.sentence[k] == field.sentence[t]:
            return None, ""  # a statement of this sentence spoke last
    s0, subject = sentence_subject(field, t, rep)
    if subject is None and rep.surface.get((field.words[t],), ("", ""))[1] == "participle":
        subject = agent_before(field, t, rep)
    if subject is None or (previous is not None and previous[0] >= field.starts[s0]):
        return None, ""
    return subject, "topic"


def _in_statement(field: Field, t: int, last: int, lemma: str, ctx: _Context) -> tuple | None:
    """The statement of «في بيان [صادر عن] …» at words ``t`` to ``last``, if a speaker
    phrase follows."""
    k, n = last + 1, field.hi
    while k < n and field.joined[k] and field.words[k] in ctx.rep.cues["statement_link"]:
        k += 1
    speaker = phrase(field, k, ctx.rep) if k < n and field.joined[k] else None
    if speaker is None:
        return None
    s_span = field.span(speaker.first, speaker.last)
    actor, side, basis = resolve(field, speaker, ctx, None, "after_verb")
    start, end = field.span(t, speaker.last)
    return (start, end, field.text[s_span[0]:s_span[1]], actor, side, lemma,
            s_span[0], s_span[1], basis, "")


def _actor_layer():
    try:
        from .. import actors
    except ImportError:  # the actor layer is optional: speakers then stay unresolved
        return None
    return actors


def _codebook_maps(codebook: pd.DataFrame | None) -> tuple[dict[str, str], dict[str, str]]:
    """Actor id -> side, and actor id -> type, of ``codebook`` (by default the actor
    layer's)."""
    if codebook is None:
        actors = _actor_layer()
        codebook = actors.load_codebook() if actors is not None else None
    if codebook is None or codebook.empty:
        return {}, {}
    ids = codebook["id"].astype(str)
    return (dict(zip(ids, codebook["side"].fillna("").astype(str))),
            dict(zip(ids, codebook["type"].fillna("").astype(str))))


def side_states(sides: dict[str, str], types: dict[str, str]) -> dict[str, str]:
    """A side -> the one codebook state of that side (us → USA), or, for a side with no
    state, its one actor (us_partner → SDF); ``other`` (everyone outside the two camps)
    and sides with several have none."""
    by_side: dict[str, list[str]] = {}
    for actor, side in sides.items():
        if side != "other":
            by_side.setdefault(side, []).append(actor)
    out = {}
    for side, actors in by_side.items():
        pick = [a for a in actors if types.get(a) == "state"] or actors
        if len(pick) == 1:
            out[side] = pick[0]
    return out


# --- tables ------------------------------------------------------------------------------------

def find_statements(documents: pd.DataFrame, *, mentions: pd.DataFrame | None = None,
                    codebook: pd.DataFrame | None = None,
                    prepared: Prepared | None = None) -> pd.DataFrame:
    """Attributed statements: who is quoted or reported as saying something.

    One row per reporting expression the statement codebook counts (reporting and
    position verbs, participles adding a claim, light verbs with a speech noun, source
    formulae; :mod:`.statements` lists the rules), ``speaker_side`` ``joint`` where the US
    and Russia speak together.

    Args:
        documents: a documents table (doc_id, title, body).
        mentions: an actor-mention table (doc_id, field, start, end, actor_id), by default
            :func:`analysis.actors.find_mentions`. Without the actor layer speakers stay
            unresolved.
        codebook: (id, type, side), by default :func:`analysis.actors.load_codebook`.
        prepared: :func:`.words.prepare` of the same ``documents``, to share with
            :func:`.cues.find_cues`; made here when not given.

    Returns:
        Columns :data:`STATEMENT_COLUMNS`: ``start``/``end`` span the attribution (verb and
        speaker phrase, in text order), ``speaker`` is the speaker phrase as stored
        (``speaker_start``/``speaker_end``), ``speaker_actor_id``/``speaker_side`` its
        codebook actor and side (empty when unknown), ``verb`` the folded lemma, ``basis``
        how the speaker was found: ``after_verb`` (verb–subject, the usual order),
        ``before_verb`` («وكانت وزارة الدفاع الروسية قالت», «البنتاغون يعلن»),
        ``previous`` («وأضاف: …», «وقال المسؤول الأمريكي» — the last speaker of the same
        field), ``topic`` (a verb with no speaker of its own: the actor opening its sentence,
        «وتشن روسيا غارات تقول إنها …»), or empty (no speaker found); ``channel`` the outlet that relays the speaker's
        words in «نقلت وكالة رويترز عن مسؤول …» («وكالة رويترز», as written; the speaker is
        the official), empty where there is none. Sorted by doc_id, field, start, end.
    """
    rep = load_reporting()
    actors = _actor_layer()
    if mentions is None:
        mentions = actors.find_mentions(documents) if actors is not None else None
    sides, types = _codebook_maps(codebook)
    states = side_states(sides, types)
    ids, names, batches = walk(documents, prepared)
    ks, rows = [], []  # the field's number and the statement
    index = by_field(mentions)
    for k0, batch in batches:
        for f in range(len(batch.texts)):
            k = k0 + f
            field = Field(batch, f, index.get((ids[k], names[k]), ()))
            found = statements_in(field, _Context(rep, sides, types, states=states,
                                                  voweled="\u064f" in field.text))
            ks += [k] * len(found)
            rows += found
    start, end, *rest = zip(*rows) if rows else [()] * len(STATEMENT_COLUMNS[2:])
    return table(documents, ks, start, end, STATEMENT_COLUMNS,
                 dict(zip(STATEMENT_COLUMNS[4:], rest)))


def voice_of(side: object) -> str:
    """The voice a speaker's side speaks with: us, russia, joint, other or unresolved (the
    package's one mapping: voice balance, its intervals and the validation use it)."""
    side = "" if side is None or side != side else str(side)
    if side in ("us", "russia", "joint"):
        return side
    return "unresolved" if side in ("", "unresolved") else "other"


def voice_balance(statements: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Per article × side (us, russia, joint, other, unresolved): statements n, share,
    dominant.

    Args:
        statements: :func:`find_statements` of ``documents``.
        documents: the documents table.

    Returns:
        Columns :data:`VOICE_COLUMNS`, every article × side: ``joint`` the two powers
        speaking together («البلدان», «موسكو وواشنطن»); ``other`` is every other
        codebook side (Syrian government, UN, media, jihadist …); ``unresolved`` a speaker
        with no side («مصدر محلي»). ``dominant`` marks the side(s) among us/russia/joint/other
        with the most statements (none when there are none).
    """
    blocs = statements["speaker_side"].fillna("").map(voice_of) if len(statements) else []
    counts = (pd.Series(1, index=pd.MultiIndex.from_arrays([statements["doc_id"], blocs]))
              .groupby(level=[0, 1]).sum().to_dict()) if len(statements) else {}
    rows = []
    for doc_id in documents["doc_id"]:
        ns = {s: int(counts.get((doc_id, s), 0)) for s in VOICE_SIDES}
        total = sum(ns.values())
        best = max(ns[s] for s in ("us", "russia", "joint", "other"))
        for s in VOICE_SIDES:
            rows.append((doc_id, s, ns[s], ns[s] / total if total else float("nan"),
                         bool(best) and s != "unresolved" and ns[s] == best))
    return pd.DataFrame(rows, columns=VOICE_COLUMNS)
