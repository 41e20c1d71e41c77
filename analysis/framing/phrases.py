"""Where a speaker phrase is: the words around a reporting form that name its source.

The rules of :mod:`.statements` that find the phrase (CODEBOOK-STATEMENTS.md, "Speaker"):

* **The form** (:func:`verb_at`): a reporting form of ``reporting_verbs.tsv`` starting at a
  word, two-word forms first.
* **After the verb** (verb–subject, the usual order, :func:`speaker_after`): the phrase that
  follows, up to a stop word («أن», «في تصريح»), punctuation or another reporting form, ten
  words at most (:func:`phrase`); after «نقل … عن» the phrase after عن (the transmitter is
  only the channel). A phrase cut inside an actor's name is extended to the name's end
  (:func:`cover_mentions`), or to a quoted name («مراسل «روسيا اليوم»»); «مسؤول في
  البنتاغون» to the institution (:func:`extend_to_institution`).
* **Before the verb** (:func:`subject_before`): the words between a كان and the verb
  («وكانت وزارة الدفاع الروسية قالت», certain), or an actor mention right before the verb
  («البنتاغون يعلن», «كيري ولافروف يعلنان»), or a joint word («البلدين "شددا»).
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ..normalize import PREPOSITIONS, fold
from .cues import PHRASE_GAP
from .lexicon import Reporting
from .speakers import Speaker, apposition, name_like, side_of_words, speaker_mentions
from .words import Field

MAX_PHRASE_WORDS = 10
_POSSESSIVES = ("ه", "ها", "هم", "هما")
_SPACE_QUOTES = "\"'«»“”„"  # with white space, what may stand between a subject and its verb
_QUOTE_GAP = re.compile(r"[ ]*[\"'][ ]*")  # before a quoted name
_LONGEST_NAME = 160  # characters: no actor's name is longer
_SPACED_QUOTE = re.compile(r"[ ]*[\"'«»“”][ ]*")  # a quote between two words of a clause
_OPENING_QUOTE = re.compile(r"[ ]*[\"'«“][ ]*")

# --- where a statement starts and a speaker phrase ends ------------------------------------

def verb_at(field: Field, t: int, rep: Reporting) -> tuple[int, str, str] | None:
    """``(last_word, lemma, kind)`` if a reporting form starts at word ``t``."""
    word = field.words[t]
    if word not in rep.heads:
        return None
    found = field.joined[t + 1] and rep.surface.get((word, field.words[t + 1]))
    if found:  # two-word forms first
        return t + 1, found[0], found[1]
    found = rep.surface.get((word,))
    return (t, found[0], found[1]) if found else None


def form_starts(field: Field, rep: Reporting) -> list[int]:
    """The words of a field where a reporting form may start (:func:`verb_at`), in order:
    the first words of the forms, bare or after و/ف."""
    words, heads = field.words, rep.heads
    return [t for t in range(field.lo, field.hi) if words[t] in heads]


def is_stop(field: Field, i: int, rep: Reporting) -> bool:
    """Word ``i`` starts a stop cue of ``speaker_cues.tsv``."""
    w = field.words[i]
    if (w,) in rep.stops:
        return True
    return i + 1 < field.hi and field.joined[i + 1] and (w, field.words[i + 1]) in rep.stops


def ends_phrase(field: Field, i: int, rep: Reporting) -> bool:
    """A speaker phrase stops before word ``i``: a stop cue or a reporting form starts
    there."""
    if field.words[i] not in rep.enders:
        return False
    return is_stop(field, i, rep) or verb_at(field, i, rep) is not None


def phrase(field: Field, i: int, rep: Reporting, *, quoted_ok: bool = False) -> Speaker | None:
    """The speaker phrase starting at word ``i`` (after any skip words): the words joined
    by one space up to a stop word or reporting form (:func:`ends_phrase`),
    :data:`MAX_PHRASE_WORDS` at most.

    With ``quoted_ok`` a name in quotes («وفق "الشرق الأوسط"») is taken whole: the joined
    words, stop words and forms included.
    """
    n = field.hi
    while i < n and field.joined[i] and field.words[i] in rep.skips:
        i += 1
    if i >= n:
        return None
    quoted = quoted_ok and '"' in field.gap(i) and _QUOTE_GAP.fullmatch(field.gap(i))
    stop = min(n, i + MAX_PHRASE_WORDS) - 1
    tanween = "\u064b" in field.text[field.starts[i]:field.ends[stop]]  # most phrases have none
    if not quoted and ((not field.joined[i] and field.gap(i) != " ")
                       or ends_phrase(field, i, rep) or (tanween and _accusative(field, i))):
        return None  # «وتعتبرها تهديداً …»: a predicate, not a subject
    last = i
    while (last + 1 < n and field.joined[last + 1] and last + 1 - i < MAX_PHRASE_WORDS
           and (quoted or not _ends_subject(field, last + 1, rep, tanween))):
        last += 1
    return Speaker(i, last)


def _ends_subject(field: Field, k: int, rep: Reporting, tanween: bool) -> bool:
    """A speaker phrase stops before word ``k``: a stop word or reporting form, an indefinite
    accusative (when the text has tanween), or an object noun (:func:`_object_noun`)."""
    w = field.words[k]
    if w in rep.enders and (is_stop(field, k, rep) or verb_at(field, k, rep) is not None):
        return True
    return (tanween and _accusative(field, k)) or (w.endswith(_POSSESSIVES) and _object_noun(field, k, rep))


def _object_noun(field: Field, i: int, rep: Reporting) -> bool:
    """Word ``i`` is a noun carrying a possessive pronoun right after a definite word: the
    object that follows a complete subject («وأعلن التنظيم | انسحابه», «وأكد الجانبان |
    التزامهما»), never a word of the subject; not «نفسه», «باسمه» (``anaphor``,
    ``back_pronoun``) nor «ونظيره» (a coordinated speaker)."""
    w = field.words[i]
    if not w.endswith(_POSSESSIVES) or not field.words[i - 1].startswith("ال"):
        return False
    if w.startswith(("ال", "و")) or w in rep.anaphors or w in rep.cues["back_pronoun"]:
        return False
    return not w.endswith("ه") or field.text[field.ends[i] - 1] == "ه"  # «قوة» folds to «قوه»


def _accusative(field: Field, i: int) -> bool:
    """Word ``i`` is written with the indefinite accusative ending («اعترافاً», «مراراً»): a
    predicate, an object or an adverb, never a word of the subject («في ما يراه محللون
    اعترافاً بالفشل», «أكدت واشنطن مراراً»)."""
    return "\u064b" in field.text[field.starts[i]:field.ends[i]]


# --- the speaker before the verb ---------------------------------------------------------------

def subject_before(field: Field, t: int, kan: int, rep: Reporting,
                   commas: bool = False) -> tuple[Speaker | None, bool]:
    """Subject–verb order: «وكانت وزارة الدفاع الروسية قالت», «البنتاغون يعلن».

    Returns ``(speaker, certain)``: the words between a preceding كان/كانت (word ``kan``,
    :func:`kan_before`, or -1) and the verb (certain), or an actor mention that ends right
    before the verb with only spaces or quotes between and is not governed by a
    preposition («وفي واشنطن قال كوك»: not a subject); the caller prefers a speaker after
    the verb to the latter.
    """
    if kan >= 0:
        return _kan_subject(field, t, kan, rep)
    if not field.mentions:
        return _set_off(field, t, rep, commas), False
    vstart = field.starts[t]
    text, p = field.text, vstart  # text[p:vstart]: the spaces and quotes before the verb
    between = _SPACE_QUOTES + ("،," if commas else "")
    while p > 0 and (text[p - 1].isspace() or text[p - 1] in between):
        p -= 1
    ms = field.mentions  # sorted by start: those that may end in [p, vstart]
    i = j = bisect_left(ms, (vstart,))
    while j > 0 and ms[j - 1][0] >= p - _LONGEST_NAME:
        j -= 1
    for start, end, _ in ms[j:i]:
        if p <= end <= vstart:
            subject = _mention_subject(field, t, start, end, rep)
            if subject is not None:
                return _coordinated_before(field, subject), False
    if t > field.lo and field.ends[t - 1] >= p and field.words[t - 1] in rep.cues["joint"]:
        return Speaker(t - 1, t - 1), False  # «رئيسي أركان جيشي البلدين "شددا»
    return _set_off(field, t, rep, commas), False


def _set_off(field: Field, t: int, rep: Reporting, commas: bool) -> Speaker | None:
    """A subject set off from its verb: by a name between commas («… بيتر كوك، قال»), by a
    name outside the codebook («… ديمتري بيسكوف رأى») or by «أما» («أما … فاعتبر»); none in
    the usual case (no comma, no ف, a definite or coordinated word right before the verb)."""
    if commas or (field.joined[t] and field.words[t][0] != "ف"
                  and field.words[t - 1].startswith(("ال", "و"))):
        return None
    s, before = field.starts[t], None
    if not field.joined[t] and field.text[s - 2:s] in ("، ", ", "):
        before = _before_apposition(field, t, rep)
    elif field.joined[t] and t - 1 > field.lo and _a_name(field.words[t - 1], rep):
        before = _before_name(field, t, rep)
    if before is None and field.words[t][0] == "ف":
        before = topic_before(field, t, rep)
    return before


def _kan_subject(field: Field, t: int, kan: int, rep: Reporting) -> tuple[Speaker | None, bool]:
    """The words between كان (word ``kan``) and the verb ``t``, «قد» left out; when none, the
    subject before كان («الرئيس الأميركي، باراك أوباما، كان قد وصف»)."""
    first, last = kan + 1, t - 1
    while last >= first and field.words[last] in rep.cues["particle"]:  # «… قد أكدت»
        last -= 1
    if first <= last:
        return Speaker(first, last), True
    before, _ = subject_before(field, kan, -1, rep, commas=True)
    return before, before is not None


def _a_name(w: str, rep: Reporting) -> bool:
    """A word of a person's name: name-like, neither coordinated («وحلفائها») nor carrying a
    possessive pronoun."""
    return not w.startswith(("ال", "و")) and not w.endswith(_POSSESSIVES) and name_like(w, rep)


def _before_name(field: Field, t: int, rep: Reporting) -> Speaker | None:
    """«غير أن المتحدث باسم الكرملين ديمتري بيسكوف رأى أن …»: an actor mention followed by
    a name of one to three words outside the codebook, right before the verb, is its
    subject, the name included."""
    a = t - 1
    while a - 1 > field.lo and field.joined[a] and t - a < 3 and _a_name(field.words[a - 1], rep):
        a -= 1
    if not field.joined[a]:
        return None
    before, _ = subject_before(field, a, -1, rep, commas=True)
    return None if before is None else Speaker(before.first, t - 1)


def topic_before(field: Field, t: int, rep: Reporting) -> Speaker | None:
    """«أما نائب وزير الدفاع الروسي، أناتولي أنطونوف، فاعتبر أن …»: a verb carrying ف after
    a topic that «أما» (``topic`` of ``speaker_cues.tsv``) fronts, at most twelve words back
    in the same sentence with no reporting form or stop word between, has that topic as its
    subject, up to a stop word («السفير الروسي | في واشنطن»); not a place («أما في واشنطن،
    فقال …»: a preposition opens it)."""
    if not field.words[t].startswith("ف"):
        return None
    sentence, topic = field.sentence[t], rep.cues["topic"]
    i = t - 1
    while i >= max(field.lo, t - 12) and field.sentence[i] == sentence:
        w = field.words[i]
        if w in topic:
            first = i + 1
            if first >= t or field.words[first] in rep.no_subject:
                return None
            last = first
            while last + 1 < t and not (field.words[last + 1] in rep.enders and is_stop(field, last + 1, rep)):
                last += 1
            return Speaker(first, last)
        if w in rep.heads and verb_at(field, i, rep) is not None:
            return None
        i -= 1
    return None


def _before_apposition(field: Field, t: int, rep: Reporting) -> Speaker | None:
    """«المتحدث باسم البنتاغون، بيتر كوك، قال», «أما نائب وزير الدفاع الروسي، أناتولي
    أنطونوف، فاعتبر»: an actor mention right before a name between commas (:func:`.speakers.
    apposition`) that ends right before the verb is its subject, the name included."""
    if t <= field.lo:
        return None
    a = t - 1
    while a > field.lo and field.joined[a] and t - a < 4:
        a -= 1
    if apposition(field, a, rep) != t - 1:
        return None
    before, _ = subject_before(field, a, -1, rep, commas=True)
    return None if before is None else Speaker(before.first, t - 1)


def subject_of(field: Field, t: int, rep: Reporting) -> tuple[Speaker | None, bool]:
    """``(subject, certain)`` before verb ``t`` (:func:`subject_before`): certain
    after كان, for a source head opening its clause («أن المسؤولين الروس أبلغوا واشنطن»)
    and for a subject fronted at the head of its clause (:func:`_fronted`)."""
    before, certain = subject_before(field, t, kan_before(field, t, rep), rep)
    if not certain and field.joined[t] and not rep.cues["source"].isdisjoint(
            field.words[max(field.lo, t - 4):t]):
        source = source_before(field, t, rep)
        if source is not None and (before is None or source.first < before.first):
            return source, True
    return before, certain or (before is not None and _fronted(field, before, rep))


def _fronted(field: Field, sp: Speaker, rep: Reporting) -> bool:
    """A subject before its verb that opens its clause — the field's start, after
    punctuation, with و/ف, or after a complementiser or conjunction («بأن بوتين أبلغ الأسد»,
    «موسكو تتهم واشنطن», «بينما واشنطن تنفي») — is the verb's subject for certain: an actor
    after the verb is then its object, not its speaker."""
    k = sp.first
    if k == field.lo or not field.joined[k]:
        return True
    s = field.starts[k]
    m = next((m for m in field.mentions if s <= m[0] < field.ends[k]), None)
    if m is not None and fold(field.text[s:m[0]]) in ("و", "ف"):
        return True
    before = field.words[k - 1]
    return before in rep.cues["that"] or ((before,) in rep.stops and before not in rep.cues["preposition"])


def source_before(field: Field, t: int, rep: Reporting) -> Speaker | None:
    """«أن المسؤولين الروس أكدوا», «لكن وسائل إعلام روسية تحدثت»: a source head (``source``
    of ``speaker_cues.tsv``) opening a clause (after punctuation, a complementiser or a
    conjunction, not a preposition), at most four words before the verb, with no stop word
    or reporting form between."""
    words, joined, i = field.words, field.joined, t - 1
    if not joined[t]:
        return None
    while i >= field.lo and t - i <= 4 and joined[i + 1]:
        w = words[i]
        if w in rep.cues["source"]:
            opens = i == field.lo or not joined[i] or (
                (words[i - 1],) in rep.stops and words[i - 1] not in rep.cues["preposition"])
            return Speaker(i, t - 1) if opens else None
        if w in rep.enders and ends_phrase(field, i, rep):
            return None
        i -= 1
    return None


def _coordinated_before(field: Field, sp: Speaker) -> Speaker:
    """«كيري ولافروف يعلنان»: a subject starting with و takes in the actor mention joined
    right before it."""
    k = sp.first
    if not field.words[k].startswith("و") or k <= field.lo or not field.joined[k]:
        return sp
    before = field.ends[k - 1]
    for s, e, _ in field.mentions:
        if e == before:
            return Speaker(bisect_left(field.ends, s + 1, field.lo, field.hi), sp.last)
    return sp


def _mention_subject(field: Field, t: int, start: int, end: int,
                     rep: Reporting) -> Speaker | None:
    """The words before verb ``t`` that overlap the mention ``[start, end)``, unless the
    mention is governed by a preposition (attached ب/ل/ك, or a word of kind
    ``preposition`` right before)."""
    lo, hi = field.lo, field.hi
    k0 = bisect_left(field.ends, start + 1, lo, hi)
    k1 = min(bisect_left(field.starts, end, lo, hi), t)
    if k0 >= k1:
        return None
    clitic = fold(field.text[field.starts[k0]:start])
    if any(c in clitic for c in PREPOSITIONS) or (
            k0 > lo and field.joined[k0] and field.words[k0 - 1] in rep.cues["preposition"]):
        return None
    return Speaker(k0, k1 - 1)


def kan_before(field: Field, t: int, rep: Reporting) -> int:
    """The nearest كان/كانت … before word ``t`` in the same clause: at most twelve words
    back, every word from it to ``t`` joined to the one before or by quotes («وكانت "قوات
    سوريا الديمقراطية" قد أعلنت»); or -1, also when a relative pronoun or another reporting
    form comes first («وكانت الهدنة التي أعلنتها واشنطن»: the كان is not this verb's)."""
    words, joined, text, starts = field.words, field.joined, field.text, field.starts
    kan, i, lo = rep.kan, t - 1, max(field.lo, t - 12)
    while i >= lo:
        if not joined[i + 1] and not ((text[starts[i + 1] - 1] in _SPACE_QUOTES
                                       or text[field.ends[i]] in _SPACE_QUOTES)
                                      and _quote_between(field, i + 1)):
            return -1
        if words[i] in kan:
            break
        i -= 1
    else:
        return -1
    blockers, relative, singles, pairs = rep.kan_blockers, rep.cues["relative"], rep.singles, rep.pairs
    for j in range(i + 1, t):  # the كان before is another verb's
        w = words[j]
        if w in blockers and (w in relative or w in singles or words[j + 1] in pairs.get(w, ())):
            return -1
    return i


def _quote_between(field: Field, k: int) -> bool:
    """Only spaces and a quote stand between word ``k`` and the word before."""
    return _SPACED_QUOTE.fullmatch(field.gap(k)) is not None


def sentence_subject(field: Field, t: int, rep: Reporting) -> tuple[int, Speaker | None]:
    """``(first word of the verb's sentence, its subject)``: an actor mention opening the
    sentence («موسكو توقف العمل بالخط وتهدد بـ…») or right after its first word, a verb
    («وتنفذ روسيا غارات يومية تقول إنها …»), carrying no preposition, at most thirty words
    before the verb; the subject of a verb that names none of its own."""
    sentence, s0, lo = field.sentence[t], t, max(field.lo, t - 30)
    while s0 > lo and field.sentence[s0 - 1] == sentence:
        s0 -= 1
    if s0 > field.lo and field.sentence[s0 - 1] == sentence:
        return s0, None  # more than thirty words in: too far for its opening actor
    words, starts, ms = field.words, field.starts, field.mentions
    opener = words[s0][1:] if words[s0][:1] in ("و", "ف") else words[s0]  # «وفي موسكو»
    if s0 == t or words[s0] in rep.no_subject or opener in rep.no_subject:
        return s0, None
    for k in (s0, s0 + 1):
        if k >= t:
            break
        i = bisect_left(ms, (starts[k],))
        if i < len(ms) and ms[i][0] < field.ends[k] and ms[i][1] <= starts[t]:
            clitic = fold(field.text[starts[k]:ms[i][0]])
            if clitic in ("", "و", "ف"):
                return s0, Speaker(k, bisect_left(starts, ms[i][1], field.lo, field.hi) - 1)
    return s0, None


# --- the speaker after the verb ------------------------------------------------------------

def speaker_after(field: Field, t: int, last: int, kind: str,
                  rep: Reporting) -> tuple[Speaker | None, int]:
    """The speaker phrase that follows a reporting form ending at word ``last``, and the
    last word of the form itself (a formula may take in an inner verb: «بحسب ما ذكرت»)."""
    k = last + 1
    if kind == "transmit":  # «نقلت وكالة رويترز عن المتحدث …»: the speaker follows عن
        k = _after_an(field, last)
    elif kind == "formula":  # «بحسب ما ذكرت قناة …», «حسبما أفادت …», «وفقاً لـ…»
        last, inner = _inner_verb(field, last, rep)
        k = _after_an(field, last) if inner == "transmit" else last + 1
        if 0 <= k < field.hi and field.words[k] == "ل":
            k += 1
    if not 0 <= k < field.hi:
        return None, last
    speaker = phrase(field, k, rep, quoted_ok=kind in ("formula", "transmit"))
    if speaker is None:
        speaker = _quoted_actor(field, k) or quoted_source(field, k, rep)
    if speaker is None:
        return None, last
    speaker = _quoted_name(field, cover_mentions(field, speaker), rep)
    return extend_to_institution(field, speaker, rep), last


def _quoted_name(field: Field, sp: Speaker, rep: Reporting) -> Speaker:
    """«مراسل «روسيا اليوم»», «صحيفة «واشنطن بوست»»: a phrase followed, after a space and
    a quote, by an actor's name takes the name in; a press head (``media``) takes in the
    quoted name of its outlet, up to four words, whatever it is."""
    k = sp.last + 1
    if k >= field.hi or field.joined[k] or not _SPACED_QUOTE.fullmatch(field.gap(k)):
        return sp
    s = field.starts[k]
    for m in field.mentions:
        if s <= m[0] < field.ends[k]:
            return Speaker(sp.first, bisect_left(field.starts, m[1], field.lo, field.hi) - 1)
    if field.words[sp.last] in rep.cues["media"]:
        j = _closing_quote(field, k, 4)
        return sp if j < 0 else Speaker(sp.first, j)
    if field.words[sp.first] in rep.cues["source"] and sp.last == sp.first:
        quoted = quoted_source(field, k, rep, 1)  # «فصائل «الجبهة الجنوبية» المعارضة»
        return sp if quoted is None else Speaker(sp.first, quoted.last)
    return sp


def _closing_quote(field: Field, k: int, most: int) -> int:
    """The last word of a quoted name opening at word ``k`` when a quote closes it within
    ``most`` words, else -1."""
    j = k
    while j + 1 < field.hi and field.joined[j + 1] and j - k < most - 1:
        j += 1
    closing = field.gap(j + 1) if j + 1 < field.hi else field.text[field.ends[j]:]
    return j if closing[:1] in ("\"", "'", "»", "”") else -1


def quoted_source(field: Field, k: int, rep: Reporting, fewest: int = 2) -> Speaker | None:
    """«وأعلنت "الهيئة العليا للمفاوضات" المعارضة موافقتها», «أفاد «المرصد السوري» بمقتل»:
    a name of ``fewest`` to four words in quotes right after a verb is its subject, with
    the nationality or side words right after the closing quote. Not a quotation («وقال
    "إن …"», «وأضاف "نحن …"»: a stop word, a reporting form or no definite word) nor one
    quoted word after a verb (its object: «أعلن "الخلافة"»)."""
    if (k >= field.hi or field.joined[k] or not _OPENING_QUOTE.fullmatch(field.gap(k))
            or field.text[field.starts[k] - 1] not in _SPACE_QUOTES or ends_phrase(field, k, rep)
            or field.words[k] in rep.cues["event"]):
        return None
    j = _closing_quote(field, k, 4)
    if j < k + fewest - 1 or any(ends_phrase(field, i, rep) for i in range(k + 1, j + 1)) or not any(
            w.startswith("ال") for w in field.words[k:j + 1]):
        return None
    while j + 1 < field.hi and _SPACED_QUOTE.fullmatch(field.gap(j + 1)) and field.words[j + 1] in rep.side_forms:
        j += 1
    return Speaker(k, j)


def _quoted_actor(field: Field, k: int) -> Speaker | None:
    """«بينما أكدت "قوات سوريا الديمقراطية" أن»: an actor's name in quotes right after the
    verb is its subject."""
    if k >= field.hi or field.joined[k] or field.text[field.starts[k] - 1] not in _SPACE_QUOTES or not (
            _OPENING_QUOTE.fullmatch(field.gap(k))):
        return None
    s, e = field.starts[k], field.ends[k]
    for m in field.mentions:
        if s <= m[0] < e:
            return Speaker(k, bisect_left(field.starts, m[1], field.lo, field.hi) - 1)
        if m[0] >= e:
            break
    return None


def _after_an(field: Field, last: int) -> int:
    """The word after the عن that follows a transmit verb ending at word ``last`` within
    eight words of one phrase, or -1."""
    k, n = last + 1, field.hi
    while (k < n and k - last <= 8 and PHRASE_GAP.fullmatch(field.gap(k))
           and field.words[k] != "عن"):
        k += 1
    if k >= n or field.words[k] != "عن" or not PHRASE_GAP.fullmatch(field.gap(k)):
        return -1
    return k + 1


def _inner_verb(field: Field, last: int, rep: Reporting) -> tuple[int, str]:
    """The last word of a formula ending at word ``last``, taking in a reporting verb right
    after it, or after ما or لما («بحسب ما ذكرت», «بحسب ما نقلت … عن», «وفقاً لما ذكرته»),
    and the inner verb's kind ('' when none)."""
    k, n = last + 1, field.hi
    inner_at = k + 1 if k < n and field.joined[k] and field.words[k] in ("ما", "لما") else k
    inner = verb_at(field, inner_at, rep) if inner_at < n and field.joined[inner_at] else None
    if inner is not None and inner[2] in ("verb", "verb_object", "transmit"):
        return inner[0], inner[2]
    return last, ""


def cover_mentions(field: Field, sp: Speaker) -> Speaker:
    """Extend a phrase cut inside an actor's name («قناة روسيا | اليوم») to the name's end:
    to the last word starting before the furthest end of the mentions overlapping it."""
    reach = max((end for _, end, _ in speaker_mentions(field, sp)), default=-1)
    if reach > field.ends[sp.last]:
        sp.last = bisect_left(field.starts, reach, field.lo, field.hi) - 1
    return sp


def extend_to_institution(field: Field, sp: Speaker, rep: Reporting) -> Speaker:
    """«مسؤول في البنتاغون», «رئيس إدارة العمليات في هيئة الأركان»: a generic source of
    one to four words, with no actor and no nationality of its own, followed by في/من + an
    actor, speaks for that actor. («السفير الروسي في واشنطن» is not extended: it has a
    side.) So does one followed by في/من + a body named by a ministry's word or a side word
    in the next two («أعضاء في الكونغرس», «نواب في مجلس الدوما», «مسؤول أمريكي في وزارة
    الدفاع»). Observers («مراقبون في دمشق») and diplomats in a capital («مصادر دبلوماسية في
    موسكو»: ``diplomatic``, ``capital``) are where they are, not whom they speak for."""
    k, n = sp.last + 1, field.hi
    if (k + 1 >= n or sp.last - sp.first > 3 or not field.joined[k]
            or field.words[k] not in rep.cues["of"] or not field.joined[k + 1]
            or field.words[sp.first] in rep.cues["observer"]):
        return sp
    if field.words[k + 1] in rep.cues["capital"] and any(  # «مصادر دبلوماسية في موسكو»
            w in rep.cues["diplomatic"] for w in field.words[sp.first:sp.last + 1]):
        return sp
    words = list(field.words[sp.first:sp.last + 1])
    if speaker_mentions(field, sp):
        return sp
    own_side = side_of_words(words, rep)
    if not own_side:
        ws, we = field.starts[k + 1], field.ends[k + 1]
        for start, end, _ in field.mentions:
            if ws <= start < we:
                # on to the last word starting inside the mention
                return Speaker(sp.first, bisect_left(field.starts, end, field.lo, field.hi) - 1)
    if words[0] not in rep.cues["source"]:
        return sp
    return _named_body(field, sp, k, own_side, rep)


def _named_body(field: Field, sp: Speaker, k: int, own_side: str, rep: Reporting) -> Speaker:
    """The source phrase ``sp`` extended over «في»/«من» (word ``k``) and a body named by a
    ministry's word, or (when the phrase has no nationality) a side word, within the next
    two words, and the nationality words after it («في وزارة الدفاع الأمريكية»)."""
    n = field.hi
    for j in (k + 1, k + 2):
        if j >= n or not field.joined[j]:
            break
        w = field.words[j]
        if w in rep.ministries or (not own_side and w in rep.side_forms):
            while j + 1 < n and field.joined[j + 1] and field.words[j + 1] in rep.side_forms:
                j += 1
            return Speaker(sp.first, j)
    return sp
