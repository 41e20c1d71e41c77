"""Header lines and captions: datelines, publication stamps and image captions.

* a *dateline* is a short header line naming place(s) and/or a source, not a sentence
  («عواصم – وكالات», «بروكسل ـ راديو الكل», «دمشق-سانا»);
* a *stamp* is a short line that is mostly a full date («أخبار | 05 سبتمبر 2019»,
  «نشر بتاريخ: 12 أيلول 2018 - 10:30»); its date is parsed by the date layer;
* a *caption* sits between the headline and the first paragraph and ends with an image
  credit («جنود روس في دورية قرب الحسكة (أ ف ب)», «… (صورة: وكالات)»), and reports nothing;
* a *date line* is only a date, in any calendar («الأحد 26 جمادى الآخرة 1448 هـ»): the
  month names, weekdays and eras come from the date layer's lexicon;
* a *wire line* is a place or an outlet and a wire credit («دانانغ - وكالات»);
* a *wire code* is an agency's sign-off or editors' code after a story: «(النهاية)»,
  «//انتهى//», initials «ع ق / ن م ك», «--(بترا) ل خ/ ع ح», an agency and its editors' or
  photographers' names «وام/أحمد علي/سامر خليل».

The words these rules look for (agencies, stamp cues, credits, reporting verbs) are data:
``data/line_cues.tsv``; places that open datelines are ``data/places.txt``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .. import datafiles
from ..normalize import fold
from .furniture import FurnitureError

DATELINE_MAX_WORDS = 8
STAMP_MAX_WORDS = 20
#: A stamp with a stamp cue has at most this many words besides its dates, numbers and date
#: words («هذا المحتوى تم نشره يوم …»): more, and it is a sentence that names a date.
STAMP_MAX_OTHER_WORDS = 3
#: A caption is short and reports nothing: a line with a reporting verb is a paragraph.
CAPTION_MAX_WORDS = 16

_WORD = re.compile(r"[^\W_]+")
_SEP = r"[-–—ـ/|]"
_SPACED_SEP = re.compile(rf"\s{_SEP}\s|\s{_SEP}|{_SEP}\s")
_GLUED_SEP = re.compile(rf"\w{_SEP}\w")
_SOURCE = re.compile(r"([^\s:]+( [^\s:]+)?): ?(\"[^\":]{2,30}\"|[^:]*)")
#: «واشنطن - التقى …», «دمشق (رويترز) - …»: a dateline opening a body paragraph.
_LEADING_DATELINE = re.compile(r"^([^\s\d\-–—ـ:،.]+(?: [^\s\d\-–—ـ:،.]+){0,2}(?: ?\([^)]{1,30}\))?) ?[-–—ـ] ")
_PLACE_AGENCY = re.compile(r"([^\s()\d]+(?: [^\s()\d]+)?) \([^()\d]+\)")
_DIGIT = "[0-9\u0660-\u0669\u06f0-\u06f9]"
_YEAR = re.compile(f"(?<!{_DIGIT}){_DIGIT}{{4}}(?!{_DIGIT})")  # four digits alone
_CUES = ("agency", "stamp", "credit", "reporting", "weekday", "honorific", "given_name", "date_word",
         "wire", "photo", "signoff")
#: Words that a name line never has («محمد في موسكو» is a subheading, not an author).
_FUNCTION_WORD = re.compile(r"(?<!\w)(في|علي|عن|الي|من|مع|ان|انه|لا|لم|لن|قد|ما|هل|عبر|بين|بعد|قبل|"
                            r"حول|ضد|منذ|الذي|التي|هذا|هذه|ذلك|تلك|و)(?!\w)")
_NAME_PUNCTUATION = re.compile(r"[\d.,،:;؛؟?!\"'()\[\]«»]")
#: «إيلاف من بيروت», «مراسلنا من دمشق»: a source (one or two words) «من» a known place.
_SOURCE_FROM_PLACE = re.compile(r"([^\s:]+(?: [^\s:]+)?) من ([^\s:]+(?: [^\s:]+)?)")


@dataclass(frozen=True, eq=False)
class Cues:
    """The patterns built from ``data/line_cues.tsv`` (one alternation per cue), and the
    places of ``data/places.txt``."""

    agency: re.Pattern  # anywhere in the line
    stamp: re.Pattern  # anywhere in the line
    credit: re.Pattern  # «(» or «/», the credit, an optional «)», the end of the line
    reporting: re.Pattern  # a whole word, after an optional و or ف
    weekday: re.Pattern  # a whole word, after an optional clitic
    person: re.Pattern  # at the start: an optional honorific, then a given name, whole words
    places: frozenset[str]  # folded
    date_words: frozenset[str]  # every word a date line may have but digits (:func:`is_date_line`)
    months: frozenset[str]  # the words of month names, every calendar (folded)
    wire: re.Pattern  # a wire or agency credit after a place or outlet (:func:`is_wire_line`)
    photo: re.Pattern  # «(صورة: …)»: a photo credit closing a caption
    code: re.Pattern  # a wire code, the whole line (:func:`is_wire_code`)
    code_openers: tuple[str, ...]  # the first words of the wire and signoff cues (and in capitals)


def load_cues(path: str | None = None, *, places: str | None = None) -> Cues:
    """The cue words of header lines and captions, and the places that open datelines.

    Args:
        path: a cues file; ``data/line_cues.tsv`` by default.
        places: a list of places, one a line; ``data/places.txt`` by default.

    Returns:
        :class:`Cues`: each cue an alternation of its rows' patterns (folded), ignoring
        case; the places folded.

    Raises:
        FurnitureError: a missing column or value, an unknown cue, a bad pattern.
    """
    return _load_cues(datafiles.resolve(path, "line_cues.tsv"), datafiles.resolve(places, "places.txt"))


@datafiles.reloading
def _load_cues(path, places_path) -> Cues:
    rows = datafiles.read_tsv(path, required=["cue", "pattern"], non_empty=["cue", "pattern"],
                              error=FurnitureError)
    words: dict[str, list[str]] = {cue: [] for cue in _CUES}
    for row in rows:
        if row["cue"] not in words:
            raise row.error(f"unknown cue {row['cue']!r} (one of {', '.join(_CUES)})", FurnitureError)
        try:
            re.compile(fold(row["pattern"]))
        except re.error as exc:
            raise row.error(f"bad pattern {row['pattern']!r}: {exc}", FurnitureError) from None
        words[row["cue"]].append(fold(row["pattern"]))
    shapes = {"agency": "({})", "stamp": "({})", "credit": r"(?:[(/]|-(?= )) ?({})\)?$",
              "reporting": r"(?<!\w)[وف]?({})(?!\w)", "weekday": r"(?<!\w)[وبل]?({})(?!\w)"}
    alternation = {cue: "|".join(words[cue]) or "(?!)" for cue in _CUES}
    person = rf"^(?:(?:{alternation['honorific']}) ?)?(?:{alternation['given_name']})(?!\w)"
    months = _month_words()
    return Cues(*(re.compile(shapes[cue].format(alternation[cue]), re.IGNORECASE) for cue in _CUES[:5]),
                re.compile(person), _places(places_path), _date_words(words["date_word"]) | months, months,
                re.compile(rf"(?:(?:[^\s]+ )?(?:و|\+) ?)?(?:{alternation['wire']})", re.IGNORECASE),
                re.compile(rf"[(/-] ?(?:{alternation['photo']}) ?(?::|(?= [^\s()])) ?[^():]{{1,40}}\)?$",
                           re.IGNORECASE),
                _wire_code(alternation["wire"], alternation["signoff"]),
                _openers(words["wire"] + words["signoff"]))


def _month_words() -> frozenset[str]:
    """The words of the month names of every calendar in the date layer's lexicon
    (``data/months.tsv``: «ديسمبر», «كانون», «جمادي», «الاخره» …)."""
    from ..dates.lexicon import lexicon

    lex = lexicon()
    return frozenset(w for name in (*lex.months, *lex.hijri) for w in name.split())


def _date_words(cue_words: list[str]) -> frozenset[str]:
    """Every word but a number that a line made only of a date may have: weekdays and eras
    from the date layer's lexicon (``data/date_words.tsv``), and the ``date_word`` cues."""
    from ..dates.lexicon import lexicon

    words = lexicon().words
    return frozenset((*cue_words, *(w for cat in ("weekday", "era", "hijri_era") for form in words[cat]
                                    for w in form.split())))


def _places(path: Path) -> frozenset[str]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise FurnitureError(f"{path}: cannot read the file ({exc})") from None
    return frozenset(fold(line.strip()) for line in lines if line.strip() and not line.startswith("#"))


def is_dateline(line: str, *, colon: bool = False) -> bool:
    """Whether a line is a dateline: a short header line naming place(s) and/or source.

    Args:
        line: one line of text.
        colon: also accept «موسكو: «الشرق الأوسط»» (a known place, a colon, a source in
            quotes or an agency); only used below the headline, since «بوتين: سنرد» is a
            headline's shape.

    Returns:
        True if the line is a dateline.

    >>> is_dateline("عواصم – وكالات"), is_dateline("بروكسل / هلسنكي ـ راديو الكل")
    (True, True)
    >>> is_dateline("رئيسا أركان الجيشين يبحثان الوضع في سوريا")
    False
    """
    return dateline_shape(fold(line, collapse_whitespace=True).strip(), load_cues(), colon=colon)


def dateline_shape(folded: str, cues: Cues, *, colon: bool = False) -> bool:
    """:func:`is_dateline` of a line already folded with white space collapsed, and
    trimmed, with these cues."""
    words = _WORD.findall(folded)
    if not words or len(words) > DATELINE_MAX_WORDS or folded.endswith((".", ":", "؟", "!")):
        return False
    inner = folded.strip("()")
    has_agency = cues.agency.search(folded) is not None
    if _SPACED_SEP.search(inner) and (has_agency or len(words) <= 6):
        return True
    if folded.startswith("(") and folded.endswith(")") and has_agency:
        return True
    if len(words) <= 3 and has_agency and _GLUED_SEP.search(inner):  # «دمشق-سانا»
        return True
    place = _PLACE_AGENCY.fullmatch(folded) if has_agency and len(words) <= 5 else None
    if place and place.group(1) in cues.places:  # «القاهرة (أ ش أ)»
        return True
    return colon and _below_headline_shape(inner, len(words), has_agency, cues)


def _below_headline_shape(inner: str, n_words: int, has_agency: bool, cues: Cues) -> bool:
    """The dateline shapes only accepted below the headline: «أنقرة: «القدس العربي»»,
    «بيروت: رويترز» (a known place, a colon, a quoted source or an agency), «إيلاف من
    بيروت» (a source «من» a known place) and a known place alone («القاهرة», the second
    line of a byline)."""
    source = _SOURCE.fullmatch(inner) if n_words <= 5 else None
    if source and source.group(1) in cues.places and (source.group(3).startswith('"') or has_agency):
        return True
    from_place = _SOURCE_FROM_PLACE.fullmatch(inner) if n_words <= 4 else None
    return bool(from_place and from_place.group(2) in cues.places) or inner.strip(" -–—ـ/|") in cues.places


#: «دانانغ - وكالات», «اليوم / رويترز», «موسكو ـ RT ووكالات»: one to three words, a separator,
#: a wire credit.
_WIRE_LINE = re.compile(rf"[^\s\d:.،]+(?: [^\s\d:.،]+){{0,2}} ?{_SEP} ?(.+)")


def is_wire_line(line: str, cues: Cues, key: str | None = None) -> bool:
    """Whether a line is a place or an outlet with a wire credit and nothing else
    («دانانغ - وكالات», «اليوم - وكالات», «بيروت / رويترز», «الرياض ـ واس»): a source line,
    furniture wherever it stands (a dateline that opens a paragraph has text after it).
    ``key``: the line's key (:func:`~analysis.clean.furniture.line_key`), if known."""
    key = fold(line, collapse_whitespace=True) if key is None else key
    if len(key) > 60 or not ("-" in key or "/" in key or "|" in key or "ـ" in line) \
            or cues.wire.search(key) is None:
        return False
    if "ـ" in line:  # a tatweel standing as a dash, which folding removes
        key = fold(_LONE_TATWEEL.sub("-", line), collapse_whitespace=True)
    found = _WIRE_LINE.fullmatch(trim_key(key))
    return bool(found and cues.wire.fullmatch(found.group(1)))


_LONE_TATWEEL = re.compile(r"(?<=\s)ـ+(?=\s)")

#: A wire code has at most this many words (letters of initials count one each).
WIRE_CODE_MAX_WORDS = 12
_INITIAL = "[\u0621-\u064a](?![\u0621-\u064a])"  # an Arabic letter standing alone (folded)
_INITIALS = rf"{_INITIAL}(?:[\s./-]*{_INITIAL})+"  # two or more: «ع ق / ن م ك», «م.ع/ح.س»
_MARKS = r"[\s./-]*"
_NAMES = r"[^\W\d_]+(?: [^\W\d_]+){0,2}"  # one to three words of letters: a person's name


def _wire_code(wire: str, signoff: str) -> re.Pattern:
    """The whole-line pattern of a wire code (:func:`is_wire_code`), from the ``wire`` and
    ``signoff`` cue alternations."""
    agency = rf"(?:\([^()\d]{{2,20}}\)|(?:{wire})(?!\w))"  # «(بترا)», «وام»
    marked = r"(?:[(/-]+ ?(?:{0}) ?[)/-]+|[(/-]+ ?(?:{0})(?!\w)|(?:{0}) ?[)/-]+)"  # «(النهاية)», «-انتهى-»
    shapes = [
        rf"{marked.format(signoff)}(?:{_MARKS}{_INITIALS})?",  # «(النهاية) م ع ع / ر ج»
        rf"(?:{signoff}){_MARKS}{_INITIALS}",  # «انتهى ع ق»
        rf"{agency}{_MARKS}{_INITIALS}",  # «--(بترا) ل خ/ ع ح», «وام/ع ا/ز م»
        marked.format(wire),  # «(كونا)», «/وام/»
        _INITIALS,  # «ع ق / ن م ك»
        rf"(?:{wire}) ?/ ?{_NAMES}(?: ?/ ?{_NAMES}){{0,3}}",  # «وام/أحمد علي/سامر خليل»
    ]
    return re.compile(rf"^{_MARKS}(?:{'|'.join(shapes)}){_MARKS}$", re.IGNORECASE)


def is_wire_code(key: str, cues: Cues) -> bool:
    """Whether a line key (:func:`~analysis.clean.furniture.line_key`) is only a wire code:
    an agency's sign-off («(النهاية)», «//انتهى//», with or without the editors' initials),
    initials alone («ع ق / ن م ك»), an agency in brackets or slashes with or without
    initials («--(بترا) ل خ/ ع ح», «(كونا)», «/وام/»), or an agency and one to four names
    separated by slashes («وام/أحمد علي/سامر خليل»: its editors or photographers). No body
    line is made only of these: a sentence has words of two letters or more beside an
    agency, and a sign-off word alone («النهاية» as a subheading) has no bracket, dash or
    slash around it."""
    # (a quick test first: most lines open with a word of two letters or more, no opener)
    if len(key) > 80 or key[:1] not in _CODE_MARKS and key[1:2] not in _CODE_MARKS \
            and not key.startswith(cues.code_openers):
        return False
    return cues.code.match(key) is not None


_CODE_MARKS = frozenset(" ./-(")  # a code opens with one, or with a letter and one


def _openers(patterns: list[str]) -> tuple[str, ...]:
    """The first words of cue patterns (letters only), as written and in capitals."""
    words = {m.group() for p in patterns if (m := _WORD.match(p))}
    return tuple(sorted(words | {w.upper() for w in words} | {w.capitalize() for w in words}))


def trim_key(key: str) -> str:
    """A line key without punctuation or spaces at either end but a closing parenthesis."""
    return key.strip(" .:،,;؛-–—ـ|/•*«»\"'")


def leading_dateline(paragraph: str) -> str:
    """The dateline that opens a paragraph.

    Args:
        paragraph: one paragraph of the body.

    Returns:
        «واشنطن» for «واشنطن - التقى …», «دمشق (رويترز)» for «دمشق (رويترز) - قالت …»; ''
        if the paragraph does not open with one.
    """
    m = _LEADING_DATELINE.match(paragraph.strip())
    return m.group(1) if m else ""


def is_caption(key: str, cues: Cues) -> bool:
    """Whether a line key (:func:`~analysis.clean.furniture.line_key`) of at most
    :data:`CAPTION_MAX_WORDS` words reads as an image caption: it ends with a credit («… (أ ف ب)»,
    «… / رويترز», «… - جيتي») and has no reporting verb."""
    credit = cues.credit.search(key) or cues.photo.search(key) if "(" in key or "/" in key or "- " in key else None
    if credit is None or cues.reporting.search(key) is not None:
        return False
    # after a dash, a credit closes a description («… على هامش القمة- جيتي»), not a
    # place or a site («عواصم – وكالات», «عربي21- وكالات» are datelines)
    return not credit.group().startswith("-") or len(_WORD.findall(key[:credit.start()])) >= 4


def is_caption_shape(key: str, n_words: int, cues: Cues) -> bool:
    """Whether a line key of ``n_words`` words can be an image caption without a credit
    (next to a credit line): 5 to :data:`CAPTION_MAX_WORDS` words, not a sentence's end
    (. : ! ؟ ،) and no reporting verb."""
    return (5 <= n_words <= CAPTION_MAX_WORDS and not key.endswith((".", ":", "!", "؟", ",", "،"))
            and cues.reporting.search(key) is None)


_CAPTION_CHARACTERS = re.compile(r"[.,،:;؛؟?!]")  # quotes may name a weapon or a place
_CLOSING_SOURCE = re.compile(r"\([^()\d]+\)$")  # «… (البحرية الأمريكية)»
_CLITIC_PREFIX = r"ل(?=ل)|[وف]?[بلك]?(?:ال)?"
_CLITICS = re.compile(f"^(?:{_CLITIC_PREFIX})")


def is_header_caption_shape(key: str, n_words: int, cues: Cues) -> bool:
    """Whether a line key of ``n_words`` words under the headline, above the first
    paragraph, can be an image caption: 4 to :data:`CAPTION_MAX_WORDS` words, no
    punctuation but a closing parenthesis (a source), no reporting verb. It is one when
    it ends with a source in parentheses or repeats a phrase of the article
    (:func:`repeats_phrase`)."""
    return (4 <= n_words <= CAPTION_MAX_WORDS and _CAPTION_CHARACTERS.search(key) is None
            and cues.reporting.search(key) is None)


def has_closing_source(key: str) -> bool:
    """Whether a line ends with a source in parentheses, without digits."""
    return _CLOSING_SOURCE.search(key) is not None


#: Words that carry no name: a caption «بوتين وأردوغان في سوتشي» repeats its other words.
_NOT_NAMES = frozenset("في علي عن الي من مع فوق تحت خلال امام لدي عند حتي ضمن بين بعد قبل حول ضد منذ".split())
_SHORT_HEADER_MAX_WORDS = 3  # «يحيى الشامي», «الجنرال جوزيف دانفورد», «فهيم الحامد (جدة)»
_SHORT_WORDS = re.compile(r"[^\W\d_]+(?: [^\W\d_]+){1,%d}" % (_SHORT_HEADER_MAX_WORDS - 1))  # letters only
_TRAILING_PLACE = re.compile(r" \([^()\d]{2,20}\)$")  # «فهيم الحامد (جدة)»


def is_header_short_shape(key: str, n_words: int, cues: Cues) -> bool:
    """Whether a line key of ``n_words`` words under the headline, above the first
    paragraph, can be a name alone: 2 or 3 words (and perhaps a place in parentheses), no
    digit or punctuation, no function word and no reporting verb. Such a line is a caption
    when it repeats names of the article (:func:`repeats_names`), else an author's name
    (:func:`is_name_shape`); otherwise it stays in the body."""
    if n_words > _SHORT_HEADER_MAX_WORDS + 2:  # (checked first: most lines are paragraphs)
        return False
    bare = _TRAILING_PLACE.sub("", key)
    return (_SHORT_WORDS.fullmatch(bare) is not None
            and _FUNCTION_WORD.search(bare) is None and cues.reporting.search(bare) is None)


def is_name_shape(key: str, text: str) -> bool:
    """Whether a short header line (:func:`is_header_short_shape`) reads as an author's name
    alone: its first word has no article («الموقف الروسي» is a subheading) and none of its
    words comes again in the article's folded ``text`` (an author is not in the story)."""
    words = _WORD.findall(_TRAILING_PLACE.sub("", key))
    return not words[0].startswith("ال") and not any(_occurs(_name_stem(w), text) for w in words)


def repeats_names(key: str, text: str) -> bool:
    """Whether a short line key (at most 5 words) repeats the names of the article: every
    word of it but the function words comes again in the folded ``text`` (compared without
    clitics), or every word but one when it has four or more («وزير الخارجية الأمريكي جون
    كيري», «بوتين وأردوغان في سوتشي», «أبو بكر البغدادي»)."""
    words = [_name_stem(w) for w in _WORD.findall(key) if w not in _NOT_NAMES]
    if not 2 <= len(words) <= 5:
        return False
    found = sum(_occurs(w, text) for w in words)
    return found >= len(words) - (1 if len(words) >= 4 else 0)


def shares_a_word(key: str, text: str) -> bool:
    """Whether a word of a line key, but a function word, comes again in ``text`` (compared
    without clitics): a short headline shares one with the subheading under it, a site's
    name or a section label rarely with the headline."""
    return any(_occurs(_name_stem(w), text) for w in _WORD.findall(key) if w not in _NOT_NAMES)


def _name_stem(word: str) -> str:
    """A word without its clitics, unless that leaves a function word or under three
    letters («العلي» is not «على», «في» not «ي»)."""
    stem = _stem(word)
    return word if stem in _NOT_NAMES or len(stem) < 3 else stem


def _occurs(stem: str, text: str) -> bool:
    """Whether a word (without its clitics) comes in ``text`` as a whole word, with or
    without clitics."""
    return stem in text and re.search(rf"(?<!\w)(?:{_CLITIC_PREFIX}){re.escape(stem)}(?!\w)", text) is not None


def _stem(word: str) -> str:
    return _CLITICS.sub("", word) or word


def repeats_phrase(key: str, text: str) -> bool:
    """Whether two words in a row of a line key come again in a folded ``text`` (compared
    without their clitics: «البحرية الأمريكية» in «للبحرية الأمريكية»)."""
    words = [_stem(w) for w in _WORD.findall(key)]
    for a, b in zip(words, words[1:]):
        if len(a) > 1 and len(b) > 1 and a in text and b in text:  # (a quick test first)
            pair = rf"(?<!\w)(?:{_CLITIC_PREFIX}){re.escape(a)} (?:{_CLITIC_PREFIX}){re.escape(b)}(?!\w)"
            if re.search(pair, text):
                return True
    return False


def is_name_line(key: str, n_words: int, cues: Cues) -> bool:
    """Whether a line key of ``n_words`` words reads as a person's name alone («سارة محمد
    عبد الله», «د. خالد يوسف»): 2 to 5 words opening with a given name (after an optional
    honorific), no digit or punctuation, no function word and no reporting verb."""
    key = key.strip(" -|/•*()")  # «— سارة محمد», «(سارة محمد)»
    person = cues.person.match(key) if 2 <= n_words <= 5 else None
    return (person is not None and _NAME_PUNCTUATION.search(key, person.end()) is None
            and _FUNCTION_WORD.search(key) is None and cues.reporting.search(key) is None)


_CLOCK = re.compile(rf"(?<!{_DIGIT}){_DIGIT}{{1,2}}:{_DIGIT}{{2}}(?!{_DIGIT})")


def is_strong_stamp(line: str, cues: Cues) -> bool:
    """Whether a stamp line says it is one: a stamp cue («نشر», «تحديث», «|» …) or a clock
    time beside its date. A bare date with a weekday may be the page's date of the day."""
    return cues.stamp.search(fold(line)) is not None or _CLOCK.search(line) is not None


def is_page_date(line: str, cues: Cues) -> bool:
    """Whether a stamp line reads as the date of the day in a site's header: it names a
    weekday and has no stamp cue («الأحد 6 ديسمبر 2026», not «نشر في: الأحد …»)."""
    folded = fold(line)
    return cues.weekday.search(folded) is not None and cues.stamp.search(folded) is None


#: A number glued to a month name by a slash or a dash («16/يوليو/2018», «06-ديسمبر-2026»).
_GLUED_MONTH = re.compile(r"(?<=\d) ?[/-] ?(?=[^\W\d_])|(?<=[^\W\d_]) ?[/-] ?(?=\d)")
_ANY_DIGIT = re.compile(_DIGIT)
_ERA_YEAR = re.compile(rf"{_DIGIT}{{4}}[مه]")  # «2017م», «1439هـ» (folded)
_TIME_ZONE = re.compile(r"(?<!\w)بتوقيت(?: (?!\d)[^\s\d|/-]+){1,2}")  # «بتوقيت مكة المكرمة»


def is_date_line(key: str, cues: Cues) -> bool:
    """Whether a line key is only a date, in any calendar: every word is a number (of at most
    four digits), a weekday, a word of a month name (Gregorian, Levantine, Maghreb or
    Hijri), an era («م», «هـ»), or a ``date_word`` cue (clock words, «GMT», «الموافق», stamp
    words), and it has a day with its month or year, or a clock time. Such a line is a
    stamp or a page's date widget, never a sentence: «الأحد 26 جمادى الآخرة 1448 هـ»,
    «الإثنين 16/يوليو/2018 - 09:12 م». A month and a year alone («أيلول 2015», «رمضان
    1445») may be a timeline's subheading in the body, and are left to it."""
    if _ANY_DIGIT.search(key) is None:  # a year, a day or a clock has digits
        return False
    if "بتوقيت" in key:
        key = _TIME_ZONE.sub(" ", key)
    year = month = day = False
    n_words = 0
    for found in _WORD.finditer(key):  # (most lines fail at their first word)
        word = found.group()
        n_words += 1
        if n_words > STAMP_MAX_WORDS:
            return False
        if word.isdigit():
            if len(word) > 4:
                return False
            year, day = year or len(word) == 4, day or len(word) <= 2
        elif _ERA_YEAR.fullmatch(word):
            year = True
        elif word.lower() in cues.date_words:
            month = month or word in cues.months
        else:
            return False
    return day and (month or year) or (n_words > 1 and _CLOCK.search(key) is not None)


def _day_dates(line: str) -> list[tuple[int, int, str]]:
    """``(start, end, ISO value)`` of absolute full dates in a line (via the date layer)."""
    from .. import dates

    return [(r[0], r[1], r[3]) for r in dates.scan_text(line)
            if r[4] == "day" and r[5] == "absolute" and r[3]]


def _year_after_its_day(line: str) -> str:
    """A stamp whose year stands before its day and month, as a left-to-right run («GMT
    16:05 2016 السبت 20 فبراير») lands when a right-to-left page is copied: the line with
    its one year moved after its day and month («… السبت 20 فبراير 2016»), else ''."""
    years = _YEAR.findall(line)
    if len(years) != 1:
        return ""
    from .. import dates

    without = _YEAR.sub(" ", line)
    days = [r for r in dates.scan_text(without) if r[4] == "day"]
    return f"{without[:days[0][1]]} {years[0]}{without[days[0][1]:]}" if days else ""


def stamp_date(line: str) -> str:
    """The date of a publication-stamp line.

    A stamp is short and is mostly its date: besides its dates and numbers it has at most
    two words, or only date words (weekdays, month names of any calendar, eras, clock
    words: «الأحد 23 صفر 1439 هـ - 12 نوفمبر 2017 م»), or a stamp cue (نشر، تحديث، تاريخ، |)
    and at most :data:`STAMP_MAX_OTHER_WORDS` other words. A line ending with a full stop
    or with a reporting verb is a sentence, never a stamp.

    Args:
        line: one line of text.

    Returns:
        The ISO date of its first full date if the line is a stamp, else ''.
    """
    return stamp_with(line, load_cues())


def stamp_with(line: str, cues: Cues) -> str:
    """:func:`stamp_date` with these cues."""
    if not _YEAR.search(line):  # a full date always has a year in digits
        return ""
    folded = fold(line)
    if len(_WORD.findall(folded)) > STAMP_MAX_WORDS:
        return ""
    found = _day_dates(line)
    if not found and _GLUED_MONTH.search(line):  # «16/يوليو/2018»
        line = _GLUED_MONTH.sub(" ", line)
        found = _day_dates(line)
    if not found:
        line = _year_after_its_day(line)
        found = _day_dates(line) if line else []
    if not found:
        return ""
    rest = line
    for s, e, _ in sorted(found, reverse=True):
        rest = rest[:s] + " " + rest[e:]
    rest_words = [w for w in _WORD.findall(fold(rest)) if not w.isdigit()]
    others = [w for w in rest_words if w.lower() not in cues.date_words]  # «… 23 صفر 1439 هـ»
    if folded.rstrip().endswith(".") or cues.reporting.search(folded):
        return ""  # a sentence: «وأعلن الجيش في 12 نوفمبر 2017 الساعة 10:30 انتهاء العملية.»
    if len(rest_words) <= 2 or not others or (cues.stamp.search(folded) and len(others) <= STAMP_MAX_OTHER_WORDS):
        return found[0][2]
    return ""
