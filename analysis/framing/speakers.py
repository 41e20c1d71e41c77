"""Whose voice a speaker phrase is: its codebook actor and side (CODEBOOK-STATEMENTS.md).

The rules, in the order :func:`resolve` applies them to a speaker phrase found by
:mod:`.statements`:

1. **Joint.** The two powers speaking together are one voice of their own, ``joint``: a
   joint word («البلدان», «الجانبان», «الوزيران», ``speaker_cues.tsv``) before any actor, or
   a US and a Russian actor coordinated by و («موسكو وواشنطن», «كيري ولافروف»).
2. **An actor mention** inside the phrase, the most specific kind first (person, then
   institution, media …, state last): «المتحدث باسم البنتاغون بيتر كوك» → US_DOD; not
   one after «لدى» (where an envoy is posted: «مندوب روسيا لدى الأمم المتحدة» → russia). Where
   a US or Russian actor is coordinated with another side («دمشق وموسكو»), the power speaks.
   A press head with a nationality («وسائل إعلام روسية», «تقارير صحفية أمريكية») is other
   media, not the state.
3. **A name** already tied to an actor in this field («بيتر كوك» → later «كوك»).
4. **A definite anaphor** («المسؤول الأمريكي», «الوزارة», «المصدر ذاته», and «آخرون»,
   the rest of the same group) → the previous speaker, if its side does not contradict and
   it is not the two powers together; a head with a name or a complement after it
   («القيادة العامة للجيش») is a new source.
5. **A shortened name** of an actor mentioned earlier in the field («وزارة الدفاع» after
   «وقالت وزارة الدفاع الروسية», «بحسب التحالف» after «التحالف الدولي») → that actor.
6. **A ministry** named by its word and the phrase's nationality («وزير الدفاع الأمريكي»
   → US_DOD), or with no nationality the one of that word named last («المتحدث باسم
   الخارجية»); a state resolved by its nationality alone becomes its ministry so named.
7. **A nationality word** → that side and the side's state («مسؤولون عسكريون أمريكيون» →
   us, USA; «مسؤولون أكراد» → us_partner, SDF; «وأعربت مصر» → other).
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from .lexicon import Reporting
from .mentions import mentions_in
from .words import Field

#: Actor types, the most specific first: the one a speaker phrase is resolved to when it
#: mentions several (a person before his ministry, a ministry before its state).
TYPE_PRIORITY = {"person": 0, "institution": 1, "media": 2, "alliance": 3, "intl_org": 4,
                 "armed_group": 5, "state": 6}
JOINT = "joint"
POWERS = ("us", "russia")
_COMMAS = ("،", ",")


@dataclass
class Speaker:
    """A speaker phrase: word indices (inclusive) of its first and last word."""

    first: int
    last: int
    #: ``(first, last, mentions)``: the last :func:`speaker_mentions`, kept while the
    #: phrase keeps these bounds (cover, institution, referent and resolve ask in turn)
    seen: tuple | None = None


@dataclass
class Context:
    """What the statements of one field share: the word lists, the codebook's sides and
    types, the names tied to actors so far and the last statement with a speaker."""

    rep: Reporting
    sides: dict
    types: dict
    names: dict = dataclass_field(default_factory=dict)  # name word -> (actor, side)
    previous: tuple | None = None
    #: a side -> the codebook's one state of that side (us → USA), or its one actor when it
    #: has no state (us_partner → SDF): what an unnamed national speaks for
    states: dict = dataclass_field(default_factory=dict)
    #: the field's text carries a damma somewhere: a passive may be marked (one look per field)
    voweled: bool = True


def speaker_mentions(field: Field, sp: Speaker) -> list[tuple[int, int, str]]:
    """The actor mentions overlapping the phrase's words, computed once per bounds."""
    seen = sp.seen
    if seen is None or seen[0] != sp.first or seen[1] != sp.last:
        seen = sp.seen = (sp.first, sp.last,
                          mentions_in(field, field.starts[sp.first], field.ends[sp.last]))
    return seen[2]


def side_of_words(words: list[str], rep: Reporting) -> str:
    """The side of the first nationality word among ``words`` («الأمريكي» → us), or ''."""
    forms = rep.side_forms
    for w in words:
        if w in forms:
            return forms[w]
    return ""


def is_source(field: Field, sp: Speaker, ctx: Context) -> bool:
    """The phrase names a source: an actor, a name tied to one, a nationality, a joint word
    or a source head («مصدر», «محللون», ``speaker_cues.tsv``)."""
    words = field.words[sp.first:sp.last + 1]
    cues = ctx.rep.cues
    return (bool(speaker_mentions(field, sp)) or any(w in ctx.names for w in words)
            or words[0] in cues["source"] or words[0] in cues["anaphor"]
            or any(w in cues["joint"] for w in words) or bool(side_of_words(list(words), ctx.rep)))


def _coordinated(field: Field, mentions: list, first: int, last: int, rep: Reporting) -> bool:
    """Two of the mentions are joined by و: after the first mention, a word of the phrase
    that begins with و starts a mention or is a nationality («موسكو وواشنطن», «كيري
    ونظيره الروسي لافروف», «والروسي»)."""
    k = bisect_left(field.starts, mentions[0][1], first, last + 1)
    words, starts, ends = field.words, field.starts, field.ends
    for i in range(k, last + 1):
        w = words[i]
        if w.startswith("و") and w not in rep.cues["waw_initial"] and (
                w[1:] in rep.side_forms or w[1:] in rep.cues["counterpart"]
                or any(starts[i] <= m[0] < ends[i] for m in mentions)):
            return True
    return False


def _two_powers(words: list[str], rep: Reporting) -> bool:
    """«وزير الخارجية الأمريكي ونظيره الروسي», «الرئيسان الأمريكي والروسي»: nationality
    words of both powers in a phrase, the second coordinated by و («ونظيره», «والروسي»)."""
    forms, sides, joined = rep.side_forms, set(), False
    for i, w in enumerate(words):
        if w in forms:
            sides.add(forms[w])
        if i and w.startswith("و") and w not in rep.cues["waw_initial"] and (
                w[1:] in forms or w[1:] in rep.cues["counterpart"]):
            joined = True
    return joined and set(POWERS) <= sides


def _joint_or_power(field: Field, sp: Speaker, mentions: list, sides: dict,
                    rep: Reporting) -> str:
    """``joint`` for a US and a Russian actor coordinated in the phrase; the power's side
    for a power coordinated with another side («دمشق وموسكو» → russia); else ''."""
    found = {sides.get(m[2], "") for m in mentions}
    if len(found) < 2 or not _coordinated(field, mentions, sp.first, sp.last, rep):
        return ""
    if set(POWERS) <= found:
        return JOINT
    powers = [s for s in POWERS if s in found]
    return powers[0] if len(powers) == 1 else ""


def _joint_word(field: Field, sp: Speaker, mentions: list, rep: Reporting) -> bool:
    """A joint word («البلدين», «الجانبان») before the phrase's first actor mention."""
    if rep.cues["joint"].isdisjoint(field.words[sp.first:sp.last + 1]):
        return False
    stop = sp.last + 1
    if mentions:
        stop = bisect_left(field.starts, mentions[0][0], sp.first, sp.last + 1)
    return any(field.words[k] in rep.cues["joint"] for k in range(sp.first, max(stop, sp.first + 1)))


def _best_mention(mentions: list, types: dict) -> tuple:
    return mentions[0] if len(mentions) == 1 else min(
        mentions, key=lambda m: (TYPE_PRIORITY.get(types.get(m[2], ""), 9), m[0]))


def _tie_names(field: Field, sp: Speaker, end: int, actor: str, side: str, names: dict) -> None:
    """The name after a title: the words from the mention's end on are tied to the actor."""
    words = field.words
    for k in range(bisect_left(field.starts, end, sp.first, sp.last + 1), sp.last + 1):
        if not words[k].startswith("ال") and len(words[k]) >= 3:
            names[words[k]] = (actor, side)


def tie_apposition(field: Field, sp: Speaker, actor: str, side: str, names: dict) -> None:
    """«رئيس إدارة العمليات في هيئة الأركان، الفريق أول سيرغي رودسكوي، …»: the names of an
    apposition between commas right after the phrase are tied to its actor."""
    k, n = sp.last + 1, field.hi
    if not actor or k >= n or field.joined[k] or field.gap(k).strip() not in ("،", ","):
        return
    last = k
    while last + 1 < n and field.joined[last + 1] and last - k < 4:
        last += 1
    if last + 1 < n and field.gap(last + 1).strip() not in ("،", ","):
        return
    for w in field.words[k:last + 1]:
        if not w.startswith("ال") and len(w) >= 3:
            names.setdefault(w, (actor, side))


def apposition(field: Field, k: int, rep: Reporting) -> int:
    """«وزير الدفاع الأمريكي، جيمس ماتيس، أن», «المتحدث باسم البنتاغون، بيتر كوك، قال»: the
    last word of an apposition opening at word ``k`` after a comma, one to four words of
    names and titles («العقيد», ``source``) closed by a comma; -1 when there is none."""
    n, joined = field.hi, field.joined
    if k >= n or joined[k] or field.gap(k).strip() not in _COMMAS:
        return -1
    j = k
    while j + 1 < n and joined[j + 1] and j - k < 3:
        j += 1
    if j + 1 >= n or joined[j + 1] or field.gap(j + 1).strip() not in _COMMAS:
        return -1
    words, source = field.words[k:j + 1], rep.cues["source"]
    names = [_name_like(w, rep) for w in words]
    if not any(names) or not all(ok or w in source for ok, w in zip(names, words)):
        return -1
    return j


def with_apposition(field: Field, sp: Speaker, ctx: Context) -> Speaker:
    """A title followed by a codebook person's name between commas speaks as the person
    (CODEBOOK-STATEMENTS.md: codebook persons take their own id): «أوضح وزير الدفاع
    الأمريكي، جيمس ماتيس، أن» → MATTIS. The phrase takes the apposition in only then."""
    k, ms = sp.last + 1, field.mentions
    if k >= field.hi or field.joined[k]:
        return sp
    i = bisect_left(ms, (field.starts[k],))
    if i == len(ms) or ms[i][0] >= field.ends[min(k + 3, field.hi - 1)]:
        return sp  # no mention in the next four words: no person in apposition
    j = apposition(field, k, ctx.rep)
    if j < 0:
        return sp
    e = field.ends[j]
    for m in ms[i:]:
        if m[0] >= e:
            break
        if m[1] <= e and ctx.types.get(m[2]) == "person":
            return Speaker(sp.first, j)
    return sp


def _posted(field: Field, sp: Speaker, mention: tuple) -> bool:
    """«مندوب روسيا الدائم لدى الأمم المتحدة»: a mention after «لدى» is where the speaker
    is posted, not whom he speaks for."""
    k = bisect_left(field.ends, mention[0] + 1, sp.first, sp.last + 1)
    return k > sp.first and field.words[k - 1] == "لدي"


def bare_word(w: str) -> str:
    """A folded word without its article («الوزير» → «وزير»)."""
    return w[2:] if w.startswith("ال") else w



def _described(field: Field, sp: Speaker, ctx: Context) -> str:
    """A title and a nationality with no name («وزير الخارجية الأميركي», «الوزير الأمريكي»)
    describes the codebook person that the same title (its first word, its ministry word if
    it has one) and nationality introduced last in the field, before the phrase («وزير
    الخارجية الأميركي جون كيري»): that person (codebook: descriptions resolve to their
    antecedent, and persons take their own id); '' when there is none."""
    rep, words = ctx.rep, field.words[sp.first:sp.last + 1]
    titles = rep.title_words
    head = next((titles[w] for w in words if w in titles), "")
    side = side_of_words(list(words), rep) if head else ""
    if not side or any(_name_like(w, rep) for w in words):
        return ""
    ministry = next((w for w in words if w in rep.ministries), "")
    ms = field.mentions
    for s, _, actor in reversed(ms[:bisect_left(ms, (field.starts[sp.first],))]):
        if ctx.types.get(actor) == "person" and ctx.sides.get(actor) == side:
            before = _title_before(field, bisect_left(field.ends, s + 1, field.lo, sp.first), rep)
            first = next((titles[w] for w in before if w in titles), "")
            if first == head and (not ministry or ministry in before) and side_of_words(before, rep) == side:
                return actor
    return ""


def _title_before(field: Field, k: int, rep: Reporting) -> list[str]:
    """The words joined before word ``k`` that may be its title: up to six, back to a
    preposition («وزير الخارجية الأميركي | جون كيري»)."""
    j, lo = k, field.lo
    while j > lo and k - j < 6 and field.joined[j] and field.words[j - 1] not in rep.cues["preposition"]:
        j -= 1
    return list(field.words[j:k])


def _related(field: Field, sp: Speaker, mention: tuple, rep: Reporting) -> bool:
    """«حلفاء واشنطن الأكراد», «خصوم موسكو»: a mention right after a head of kind
    ``relation`` is whom the speaker is related to, not whom it speaks for."""
    k = bisect_left(field.ends, mention[0] + 1, sp.first, sp.last + 1)
    return k > sp.first and field.words[k - 1] in rep.cues["relation"]


def _unrelated(words: list[str], rep: Reporting) -> list[str]:
    """The phrase's words less the one after a ``relation`` head («حلفاء واشنطن الأكراد» →
    the Kurds' side, not Washington's)."""
    relation = rep.cues["relation"]
    if relation.isdisjoint(words):
        return words
    return [w for i, w in enumerate(words) if i == 0 or words[i - 1] not in relation]


def _short_name(field: Field, sp: Speaker, ctx: Context) -> tuple[str, str] | None:
    """«بحسب التحالف» after «التحالف الدولي», «وزارة الدفاع» after «وزارة الدفاع الروسية»:
    a phrase of one definite word or two words that opens the longer name of an actor
    mentioned earlier in the field (as written) → that actor, the latest such. One definite
    word also takes up the actor its bare head opens or stands before («وأعلن التنظيم» after
    «تنظيم "داعش"» or «تنظيم الدولة»)."""
    n = sp.last - sp.first + 1
    words, starts, text = field.words, field.starts, field.text
    if n > 2 or (n == 1 and not words[sp.first].startswith("ال")):
        return None
    raw = text[starts[sp.first]:field.ends[sp.last]]
    ms = field.mentions
    earlier = ms[:bisect_left(ms, (starts[sp.first],))]
    for s, e, actor in reversed(earlier):
        if e - s > len(raw) and text.startswith(raw, s) and not text[s + len(raw)].isalpha():
            return actor, ctx.sides.get(actor, "")
    if n == 1:
        head = words[sp.first][2:]
        for s, _, actor in reversed(earlier):
            k = bisect_left(field.ends, s + 1, field.lo, sp.first)
            if (words[k] == head and starts[k] == s) or (
                    k > field.lo and words[k - 1] == head and field.ends[k - 1] < s
                    and text[field.ends[k - 1]:s].strip(" \"'«“") == ""):
                return actor, ctx.sides.get(actor, "")
    return None


def _ministry(field: Field, sp: Speaker, ctx: Context, side: str) -> tuple[str, str] | None:
    """«وزير الدفاع الأمريكي مارك إسبر» → US_DOD: a ministry's word (``ministry`` of
    ``speaker_cues.tsv``) names the institution of the phrase's side; with no side, the one
    of its institutions mentioned last before the phrase («المتحدث باسم الخارجية» after
    «وزارة الخارجية الأمريكية»)."""
    ministries = ctx.rep.ministries
    for w in field.words[sp.first:sp.last + 1]:
        ids = ministries.get(w)
        if not ids:
            continue
        if side:
            found = [a for a in ids if ctx.sides.get(a) == side]
            return (found[0], side) if found else None
        ms = field.mentions
        for _, _, actor in reversed(ms[:bisect_left(ms, (field.starts[sp.first],))]):
            if actor in ids:
                return actor, ctx.sides.get(actor, "")
        return None
    return None


def _anaphoric(words: list[str], rep: Reporting) -> bool:
    """«المسؤول الأمريكي», «المتحدث باسم الوزارة», «المصدر ذاته»: a definite head of
    ``anaphor`` followed only by definite words, nationalities and «باسم»; «باسم» with an
    anaphor or a pronoun («المتحدثة باسم الوزارة ماريا زاخاروفا», «المتحدث باسمه»); or a
    phrase with «ذاته». A name or a complement after a bare head («القيادة العامة للجيش»,
    «المتحدث باسم الخارجية جون كيربي») makes it a new source."""
    anaphors = rep.anaphors
    for i, w in enumerate(words[:-1]):
        if w == "باسم" and words[i + 1] in anaphors and words[i + 1].startswith("ال"):
            return True
    if any(w in rep.cues["back_pronoun"] for w in words[1:]):  # «المتحدث باسمه», «ممثلون عنها»
        return True
    if words[0] in anaphors and words[0].startswith("ال"):
        return all(w.startswith("ال") or w in rep.side_forms or w in anaphors or w == "باسم"
                   for w in words[1:])
    return any(w in anaphors and not w.startswith("ال") for w in words[1:])


def resolve(field: Field, speaker: Speaker, ctx: Context, previous: tuple | None,
            basis: str) -> tuple[str, str, str]:
    """``(actor_id, side, basis)`` of a speaker phrase, by the rules of the module's
    docstring; basis becomes ``previous`` when an anaphor took the previous speaker."""
    mentions = speaker_mentions(field, speaker)
    if "لدي" in field.words[speaker.first:speaker.last + 1] and any(
            _posted(field, speaker, m) for m in mentions):
        mentions = [m for m in mentions if not _posted(field, speaker, m)]
    if mentions and not ctx.rep.cues["relation"].isdisjoint(field.words[speaker.first:speaker.last]):
        mentions = [m for m in mentions if not _related(field, speaker, m, ctx.rep)]
    if _joint_word(field, speaker, mentions, ctx.rep):
        return "", JOINT, basis
    if not ctx.rep.title_words.keys().isdisjoint(field.words[speaker.first:speaker.last + 1]) and not any(
            ctx.types.get(m[2]) == "person" for m in mentions):
        person = _described(field, speaker, ctx)  # «وزير الخارجية الأميركي» → KERRY
        if person:
            return person, ctx.sides.get(person, ""), basis
    if mentions:
        actor, side = _of_mentions(field, speaker, mentions, ctx)
        if ctx.types.get(actor) == "state":  # «المتحدث باسم رئاسة أركان الجيش الأميركي»
            actor = (_ministry(field, speaker, ctx, side) or (actor,))[0]
        return actor, side, basis
    return _without_mention(field, speaker, ctx, previous, basis)


def _of_mentions(field: Field, speaker: Speaker, mentions: list,
                 ctx: Context) -> tuple[str, str]:
    """Rule 2: the most specific actor mentioned; a coordinated pair; a press head."""
    sides = ctx.sides
    best = _best_mention(mentions, ctx.types)
    actor, side = best[2], sides.get(best[2], "")
    _tie_names(field, speaker, best[1], actor, side, ctx.names)
    pair = _joint_or_power(field, speaker, mentions, sides, ctx.rep) if len(mentions) > 1 else ""
    if pair:
        return ("" if pair == JOINT or pair != side else actor), pair
    if field.words[speaker.first] in ctx.rep.cues["media"] and ctx.types.get(actor) == "state":
        return "", "other"
    if ctx.types.get(actor) == "person" and not ctx.rep.cues["government"].isdisjoint(
            field.words[speaker.first:speaker.last + 1]):
        return ctx.states.get(side, actor), side  # «إدارة الرئيس باراك أوباما»: the state
    return actor, side


def _without_mention(field: Field, speaker: Speaker, ctx: Context, previous: tuple | None,
                     basis: str) -> tuple[str, str, str]:
    """Rules 3 to 7: a tied name, an anaphor, an earlier mention, a ministry, a
    nationality. The names in a phrase so resolved are tied to its actor («السفير الروسي
    أناتولي أنطونوف» → later «أنطونوف»)."""
    rep = ctx.rep
    words = list(field.words[speaker.first:speaker.last + 1])
    if _two_powers(words, rep):
        return "", JOINT, basis
    for w in reversed(words):
        if w in ctx.names:
            return ctx.names[w][0], ctx.names[w][1], basis
    side = side_of_words(_unrelated(words, rep), rep) or _introduced(field, speaker, rep)
    if _refers_back(words, side, previous, rep):  # «المسؤول الأمريكي», «وطالب آخرون»
        _tie_words(words, previous[3], previous[4], ctx)
        return previous[3], previous[4], "previous"
    if side and words[0] in rep.cues["media"]:
        return "", "other", basis
    found = None if side else _short_name(field, speaker, ctx)
    actor, side = found or _ministry(field, speaker, ctx, side) or (ctx.states.get(side, ""), side)
    if not side and _titled_name(words, rep):
        side = "other"  # an identified source outside the codebook
    _tie_words(words, actor, side, ctx)
    return actor, side, basis


def name_like(w: str, rep: Reporting) -> bool:
    """A word that may be a person's name (:func:`_name_like`)."""
    return _name_like(w, rep)


def _titled_name(words: list[str], rep: Reporting) -> bool:
    """«وزير الدولة لشؤون الإعلام محمد المومني», «مراسل سانا»: a title (``title``) and a
    name ending the phrase (:func:`_name_like`, not a nisba: «قائد ميداني» gives no name),
    or a first name before a last word with «ال»."""
    if len(words) < 2 or words[0] not in rep.cues["title"]:
        return False
    *rest, last = words[1:]  # the name ends the phrase, or its first name comes before «ال…»
    name = last if rest == [] or not last.startswith("ال") else rest[-1]
    return _name_like(name, rep) and not name.endswith(("ي", "يه", "يون", "يين", "يان"))


def _introduced(field: Field, sp: Speaker, rep: Reporting) -> str:
    """«وقال تشوركين» after «المندوب الروسي فيتالي تشوركين»: a bare name (one word, not
    definite, no cue) takes the nationality of the title that introduced it earlier in the
    field, right before its first mention or before a first name; else ''."""
    w = field.words[sp.first]
    if sp.last != sp.first or not _name_like(w, rep):
        return ""
    words, forms = field.words, rep.side_forms
    for j in range(field.lo + 1, sp.first):
        if words[j] == w:
            if words[j - 1] in forms:
                return forms[words[j - 1]]
            if j - 2 >= field.lo and words[j - 2] in forms and _name_like(words[j - 1], rep):
                return forms[words[j - 2]]
            return ""
    return ""


def _name_like(w: str, rep: Reporting) -> bool:
    """A word that may be a person's name: three letters or more, not definite, no word of
    the statement rules («كان», «قد», a reporting form) and no nationality."""
    cues = rep.cues
    return (len(w) >= 3 and not w.startswith(("ال", "لل")) and w not in rep.enders
            and w not in rep.side_forms and w != "باسم" and w not in rep.kan_blockers
            and not any(w in cues[k] for k in ("source", "kan", "skip", "particle", "negator",
                                               "preposition", "title", "anaphor", "others")))


def _refers_back(words: list[str], side: str, previous: tuple | None, rep: Reporting) -> bool:
    """The phrase is the previous speaker again: an anaphor (:func:`_anaphoric`) whose
    nationality, if any, is the previous speaker's (a person does not take up the two powers
    together; «البيان», their statement, does), or «آخرون» (others of the same group)."""
    if previous is None or not previous[4]:
        return False
    if words[0] in rep.cues["others"]:
        return True
    together = previous[4] != JOINT or words[0] in rep.cues["document"]  # «البيان» may be joint
    return _anaphoric(words, rep) and together and side in ("", previous[4])


def _tie_words(words: list[str], actor: str, side: str, ctx: Context) -> None:
    """The names of a phrase resolved with no mention of them: its words of three letters
    or more that are not definite and no cue («وزير الدفاع مارك إسبر» → «مارك», «إسبر»)."""
    if not actor:
        return
    cues = ctx.rep.cues
    for w in words:
        if (len(w) >= 3 and not w.startswith("ال") and w not in cues["source"] and w != "باسم"
                and w not in ctx.rep.side_forms and (w,) not in ctx.rep.stops):
            ctx.names.setdefault(w, (actor, side))


__all__ = ["JOINT", "TYPE_PRIORITY", "Context", "Speaker", "apposition", "bare_word", "is_source",
           "name_like", "resolve", "side_of_words", "speaker_mentions", "tie_apposition",
           "with_apposition"]
