"""Arabic orthographic folding and tokenisation, for matching only.

The stored text is never changed. Folds are small ``str -> str`` functions that compose;
:func:`fold_with_offsets` applies all of them at once and returns a map from every
position of the folded string back to a position in the original, so that any match
found on folded text points back to an exact ``(start, end)`` span of the stored text.

Folds (each also available on its own):

* :func:`strip_diacritics` -- harakat, shadda, sukun, superscript alef, Quranic marks
* :func:`strip_tatweel`    -- the kashida ``ـ`` used for justification («لـ»)
* :func:`strip_invisibles` -- zero-width joiners/non-joiners, bidi marks, BOM, soft hyphen
* :func:`fold_alef`        -- أ إ آ ٱ ٲ ٳ → ا
* :func:`fold_yeh`         -- ى ی ې → ي ; Persian/Urdu ک → ك, ە/ھ → ه
* :func:`fold_teh_marbuta` -- ة → ه (also ۃ)
* :func:`fold_digits`      -- Arabic-Indic ٠-٩ and Persian ۰-۹ → 0-9
* :func:`fold_punctuation` -- «» “” „ ″ ‘’ ‹› → ", dashes → -, Arabic comma and
  semicolon and question mark kept as they are
* presentation forms (ﻻ, ﺍ …, from old PDFs and scrapes) → base letters (NFKC)

:func:`fold` composes all of them; with ``collapse_space=True`` every run of white space
(line breaks, no-break spaces) becomes one ordinary space, so names broken over lines match.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

# --- character classes -------------------------------------------------------------------

#: Arabic combining marks: tanween, harakat, shadda, sukun, maddah/hamza above and below,
#: superscript alef, small high/low Quranic marks.
DIACRITICS = (
    "\u0610\u0611\u0612\u0613\u0614\u0615\u0616\u0617\u0618\u0619\u061a"
    + "".join(chr(c) for c in range(0x064B, 0x0660))
    + "\u0670"
    + "".join(chr(c) for c in range(0x06D6, 0x06DD))
    + "".join(chr(c) for c in range(0x06DF, 0x06E5))
    + "\u06e7\u06e8\u06ea\u06eb\u06ec\u06ed"
    + "\u08d3\u08d4\u08d5\u08d6\u08d7\u08d8\u08d9\u08da\u08db\u08dc\u08dd\u08de\u08df\u08e0\u08e1"
    + "".join(chr(c) for c in range(0x08E3, 0x0900))
)
TATWEEL = "\u0640"
#: Characters with no visible form that scrapes leave behind.
INVISIBLES = ("\x00\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
              "\u2066\u2067\u2068\u2069\u061c\ufeff\u00ad")

ALEF_VARIANTS = "أإآٱٲٳ"
YEH_VARIANTS = {"ى": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي", "ێ": "ي", "ئ": "ئ"}
KAF_HEH_VARIANTS = {"ک": "ك", "ڪ": "ك", "ە": "ه", "ھ": "ه", "ہ": "ه"}
TEH_MARBUTA = {"ة": "ه", "ۃ": "ه"}
DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
QUOTES = "«»“”„‟″″‹›〝〞＂"
SINGLE_QUOTES = "‘’‚‛′"
DASHES = "‐‑‒–—―−﹘﹣－"
SPACES = ("\t\n\r\x0b\x0c\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
          "\u2009\u200a\u2028\u2029\u202f\u205f\u3000")

ARABIC_LETTERS = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي" + "ٱپچژگکیڤڨ"


def _table(mapping: dict[str, str | None]) -> dict[int, str | None]:
    return {ord(k): v for k, v in mapping.items()}


_STRIP_DIACRITICS = _table({c: None for c in DIACRITICS})
_STRIP_TATWEEL = _table({TATWEEL: None})
_STRIP_INVISIBLES = _table({c: None for c in INVISIBLES})
_FOLD_ALEF = _table({c: "ا" for c in ALEF_VARIANTS})
_FOLD_YEH = _table({**YEH_VARIANTS, **KAF_HEH_VARIANTS})
_FOLD_TEH = _table(TEH_MARBUTA)
_FOLD_DIGITS = _table(DIGITS)
_FOLD_PUNCT = _table({**{c: '"' for c in QUOTES}, **{c: "'" for c in SINGLE_QUOTES},
                      **{c: "-" for c in DASHES}})
_FOLD_SPACE = _table({c: " " for c in SPACES})


def strip_diacritics(text: str) -> str:
    """Remove harakat, tanween, shadda, sukun and Quranic marks: «مُحَمَّدٌ» → «محمد»."""
    return text.translate(_STRIP_DIACRITICS)


def strip_tatweel(text: str) -> str:
    """Remove the kashida: «لـ» → «ل», «الـرئيس» → «الرئيس»."""
    return text.translate(_STRIP_TATWEEL)


def strip_invisibles(text: str) -> str:
    """Remove zero-width and bidi control characters."""
    return text.translate(_STRIP_INVISIBLES)


def fold_alef(text: str) -> str:
    """Hamza and madda forms of alef to bare alef: «أمريكا», «إيران», «آب» → «امريكا», «ايران», «اب»."""
    return text.translate(_FOLD_ALEF)


def fold_yeh(text: str) -> str:
    """Alef maqsura and Persian yeh to yeh, Persian kaf/heh to Arabic: «موسى» → «موسي», «کیری» → «كيري»."""
    return text.translate(_FOLD_YEH)


def fold_teh_marbuta(text: str) -> str:
    """Teh marbuta to heh (for matching only): «الروسية» → «الروسيه»."""
    return text.translate(_FOLD_TEH)


def fold_digits(text: str) -> str:
    """Arabic-Indic and Persian digits to ASCII: «٢٠١٩» → «2019»."""
    return text.translate(_FOLD_DIGITS)


def fold_punctuation(text: str) -> str:
    """Quote marks of every kind to ``"`` (single ones to ``'``), dashes to ``-``."""
    return text.translate(_FOLD_PUNCT)


def collapse_space(text: str) -> str:
    """Every run of white space (line breaks, no-break spaces) to one space."""
    return re.sub(r" {2,}", " ", text.translate(_FOLD_SPACE))


# All one-to-one and deleting folds in one table (order does not matter: they touch
# disjoint characters).
_ALL = {}
for _t in (_STRIP_DIACRITICS, _STRIP_TATWEEL, _STRIP_INVISIBLES, _FOLD_ALEF, _FOLD_YEH,
           _FOLD_TEH, _FOLD_DIGITS, _FOLD_PUNCT):
    _ALL.update(_t)


@lru_cache(maxsize=4096)
def _presentation_form(ch: str) -> str:
    """NFKC of an Arabic presentation form (U+FB50–U+FDFF, U+FE70–U+FEFF), folded again."""
    return unicodedata.normalize("NFKC", ch).translate(_ALL)


_ATTACHED = frozenset(DIACRITICS + TATWEEL)
#: Arabic presentation forms (ﻻ …), which folding expands with NFKC.
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")


def fold(text: str, *, collapse_whitespace: bool = False) -> str:
    """All folds composed: the form used for matching, never for storage or display.

    >>> fold("أَمِيرْكا")
    'اميركا'
    """
    points, table, encoding = _code_points(text, False) if len(text) >= 64 else (None, None, "")
    if points is not None and not has_presentation_forms(points):
        # a code-point table in numpy beats str.translate on longer texts
        codes = table[points]
        out = codes[codes != 0].tobytes().decode(encoding)
    else:
        if PRESENTATION_FORMS.search(text):
            text = PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
        out = text.translate(_ALL)
    return collapse_space(out) if collapse_whitespace else out


@dataclass(frozen=True)
class Folded:
    """A folded string and, for each of its positions, the position in the original.

    ``offsets`` has ``len(text) + 1`` entries; ``offsets[len(text)]`` is the length of the
    original. A span ``[i, j)`` of the folded text is ``[offsets[i], offsets[j-1] + 1)`` in
    the original (:meth:`span`), which covers any marks deleted inside the span but none
    after it.
    """

    text: str
    offsets: np.ndarray
    original: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the folded span ``[start, end)``."""
        if end <= start:
            pos = int(self.offsets[start])
            return pos, pos
        # A folded char from an NFKC-expanded presentation form (ﻻ → لا) shares the
        # original position of its neighbour; every original char is one code point.
        # Marks that follow the last letter (harakat, tatweel) belong to it.
        stop = int(self.offsets[end - 1]) + 1
        limit = int(self.offsets[end]) if end < len(self.offsets) else len(self.original)
        while stop < limit and self.original[stop] in _ATTACHED:
            stop += 1
        return int(self.offsets[start]), stop

    def surface(self, start: int, end: int) -> str:
        """The original text behind the folded span ``[start, end)``."""
        s, e = self.span(start, end)
        return self.original[s:e]


def fold_with_offsets(text: str, *, collapse_whitespace: bool = True) -> Folded:
    """Fold ``text`` and keep a map back to the original positions.

    White space is collapsed by default (matching wants «الولايات\nالمتحدة» to match).
    Vectorised over code points with numpy (a table maps each code point to its folded
    one, 0 for deleted marks); texts with presentation forms, whose NFKC expansions change
    lengths, take the character loop of :func:`fold_with_offsets_slow`. Both give the
    same result (tested).
    """
    points, table, encoding = _code_points(text, collapse_whitespace)
    if has_presentation_forms(points):
        return fold_with_offsets_slow(text, collapse_whitespace=collapse_whitespace)
    positions, kept = _fold_points(points, table, collapse_whitespace)
    folded = kept.tobytes().decode(encoding)
    offsets = np.empty(len(positions) + 1, dtype=np.int64)
    offsets[:-1] = positions
    offsets[-1] = len(text)
    return Folded(folded, offsets, text)


def fold_units(units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`fold_with_offsets` (white space collapsed) of a text given as its UTF-16 code
    units, all within the BMP and without presentation forms: where each folded character
    stands in the text, and the folded characters as units. For callers that fold many
    texts joined as one array."""
    return _fold_points(units, _bmp_table(True), True)


def _fold_points(points: np.ndarray, table: np.ndarray,
                 collapse_whitespace: bool) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the characters that folding keeps, and what they fold to: ``table``
    looked up, deleted characters (0) dropped, and a run of spaces kept as its first."""
    codes = np.take(table, points)  # (take and a boolean nonzero: the fastest numpy has)
    positions = np.flatnonzero(codes != 0)
    kept = codes[positions]
    if collapse_whitespace and len(kept) > 1:
        spaces = kept == 32
        repeated = np.zeros(len(kept), dtype=bool)
        repeated[1:] = spaces[1:] & spaces[:-1]
        if repeated.any():
            positions, kept = positions[~repeated], kept[~repeated]
    return positions, kept


def has_presentation_forms(points: np.ndarray) -> bool:
    """Whether code points (or UTF-16 units) include Arabic presentation forms
    (U+FB50–FDFF, U+FE70–FEFE), which folding expands with NFKC."""
    return bool((((points >= 0xFB50) & (points <= 0xFDFF)) |
                 ((points >= 0xFE70) & (points <= 0xFEFE))).any())


@lru_cache(maxsize=1)
def every_character() -> str:
    """Every code point, in order (surrogates too): the text the layers scan once with a
    regex to build their tables over all of Unicode. Decoded from a numpy range, ten times
    faster than joining a million ``chr``.

    >>> every_character()[0x627], len(every_character()) == 0x110000
    ('ا', True)
    """
    return np.arange(0x110000, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")


def _code_points(text: str, collapse_whitespace: bool) -> tuple[np.ndarray, np.ndarray, str]:
    """The code points of ``text``, the fold table to look them up in, and the encoding that
    turns looked-up code points back into text.

    A text within the Basic Multilingual Plane (every Arabic news text, in practice) is
    looked up as 16-bit units in :func:`_bmp_table`, 128 KB that stay in the processor's
    cache, four times faster than the 4 MB table of all code points (:func:`_code_table`),
    which any other text uses.
    """
    units = np.frombuffer(text.encode("utf-16-le"), dtype=np.uint16)
    table = _bmp_table(collapse_whitespace)
    if len(units) == len(text) and table is not None:  # one unit per character: all in the BMP
        return units, table, "utf-16-le"
    return (np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32), _code_table(collapse_whitespace),
            "utf-32-le")


@lru_cache(maxsize=2)
def _bmp_table(collapse_whitespace: bool) -> np.ndarray | None:
    """:func:`_code_table` for the code points of the BMP, as 16-bit units; None if one of
    them folded to a character beyond it or to a surrogate (none does)."""
    table = _code_table(collapse_whitespace)[:0x10000]
    if (table >= 0x10000).any() or ((table >= 0xD800) & (table <= 0xDFFF)
                                    & (table != np.arange(0x10000))).any():
        return None
    return table.astype(np.uint16)


@lru_cache(maxsize=2)
def _code_table(collapse_whitespace: bool) -> np.ndarray:
    """Code point → folded code point (0 = deleted), for every code point."""
    table = np.arange(0x110000, dtype=np.uint32)
    mapping = {**_FOLD_SPACE, **_ALL} if collapse_whitespace else _ALL
    for k, v in mapping.items():
        table[k] = 0 if v is None else ord(v)
    return table


def fold_with_offsets_slow(text: str, *, collapse_whitespace: bool = True) -> Folded:
    """:func:`fold_with_offsets` as a plain loop over characters (the reference version)."""
    spaced = text.translate(_FOLD_SPACE) if collapse_whitespace else text
    chars: list[str] = []
    offsets: list[int] = []
    prev_space = False
    for i, ch in enumerate(spaced):
        if "\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufefe":
            out = _presentation_form(ch)
        else:
            mapped = _ALL.get(ord(ch), ch)
            out = "" if mapped is None else mapped
        for o in out:
            if collapse_whitespace and o == " ":
                if prev_space:
                    continue
                prev_space = True
            else:
                prev_space = False
            chars.append(o)
            offsets.append(i)
    offsets.append(len(text))
    return Folded("".join(chars), np.asarray(offsets, dtype=np.int64), text)


# --- tokens --------------------------------------------------------------------------------

#: A token is a run of letters or digits (after folding: no marks inside words), allowing
#: a decimal separator inside numbers (3.5, ٣٫٥ → 3٫5 kept as one token).
TOKEN_RE = re.compile(r"[^\W_]+(?:[.,٫٬][0-9]+)*")


@dataclass(frozen=True)
class Token:
    start: int  # offset in the original text
    end: int
    surface: str  # original characters
    folded: str  # folded form, used for matching and counting


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` with offsets into the original string.

    >>> [t.folded for t in tokenize("قالت وزارة الدفاع الروسيّة، أمس")]
    ['قالت', 'وزاره', 'الدفاع', 'الروسيه', 'امس']
    """
    f = fold_with_offsets(text)
    out = []
    for m in TOKEN_RE.finditer(f.text):
        s, e = f.span(m.start(), m.end())
        out.append(Token(s, e, text[s:e], m.group()))
    return out


def count_tokens(text: str) -> int:
    """Number of tokens, as :func:`tokenize` would find them (fast, no offsets)."""
    return len(TOKEN_RE.findall(fold(text)))


# --- clitics -------------------------------------------------------------------------------

#: Proclitic sequences that attach to a noun in news text, longest first. ``لل`` is ل + ال
#: with the alef of the article dropped.
PROCLITICS = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل",
              "ال", "وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")


def proclitic_forms(word: str) -> list[str]:
    """Every attached form a folded noun phrase can take in running text.

    For a phrase with the article, ``ل`` (alone or after و/ف) absorbs the article's alef:
    «الولايات» → «للولايات», «وللولايات». The phrase itself comes first.

    >>> proclitic_forms("موسكو")[:4]
    ['موسكو', 'بموسكو', 'لموسكو', 'كموسكو']
    """
    forms = [word]
    with_article = word.startswith("ال")
    for conj in ("", "و", "ف"):
        for prep in ("", "ب", "ل", "ك"):
            prefix = conj + prep
            if not prefix:
                continue
            if prep == "ل" and with_article:
                forms.append(prefix + word[1:])  # ل + ال → لل
            else:
                forms.append(prefix + word)
    return forms


def split_clitics(word: str, *, vocabulary: "set[str] | frozenset[str] | None" = None,
                  min_stem: int = 3) -> tuple[str, str]:
    """Split a folded word into (proclitics, stem) for counting word types.

    The article (ال، وال، بال، كال، فال، لل) is removed when at least ``min_stem`` letters
    remain, so short function words («التي», «الي») stay whole. A bare conjunction or
    preposition (و ف ب ل ك) is only removed when the remainder is itself attested in
    ``vocabulary`` (the corpus's own word types), because the letter is as often part of
    the word: «وزاره», «بيان», «كبير», «فرنسا». Without a vocabulary, only the article is
    split. Use it for counting, never for offsets.

    >>> split_clitics("والولايات")
    ('وال', 'ولايات')
    >>> split_clitics("للتحالف")
    ('لل', 'تحالف')
    >>> split_clitics("وزاره")
    ('', 'وزاره')
    >>> split_clitics("وموسكو", vocabulary={"موسكو"})
    ('و', 'موسكو')
    """
    for pre in ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال"):
        if word.startswith(pre) and len(word) - len(pre) >= min_stem:
            return pre, word[len(pre):]
    if vocabulary:
        for pre in ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك"):
            rest = word[len(pre):]
            if word.startswith(pre) and len(rest) >= min_stem and rest in vocabulary:
                return pre, rest
    return "", word


# --- sentences -----------------------------------------------------------------------------

# The leading look-ahead lets the engine skip to candidate characters in C.
_SENTENCE_END = re.compile(r"(?=[.!?؟!…۔\n])(?:[.!?؟!…۔]+[\"'»”’)\]]*(?=\s|$)|\n+)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence: split after . ! ? ؟ … and at line breaks.

    Decimal points and abbreviations inside a line do not split (a full stop must be
    followed by white space or the end). Leading/trailing spaces are excluded.

    >>> t = "قال لافروف: نعم. وأضاف أن 3.5 مليون؟ نعم\\nسطر"
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['قال لافروف: نعم.', 'وأضاف أن 3.5 مليون؟', 'نعم', 'سطر']
    """
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end() if m.group()[0] != "\n" else m.start()
        _append_stripped(spans, text, start, end)
        start = m.end()
    _append_stripped(spans, text, start, len(text))
    return spans


def _append_stripped(spans: list, text: str, s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))


# --- the effect of folding on a vocabulary ---------------------------------------------------

#: Folding steps in the order they are applied for :func:`folding_steps`. Names start
#: with Latin text so a figure label reads left to right with the Arabic letters inside.
STEPS = (
    ("as written", lambda w: w),
    ("harakat and tatweel removed", lambda w: strip_tatweel(strip_diacritics(w))),
    ("alef variants unified (أ إ آ ٱ)", fold_alef),
    ("final alef maqsura (ى) and teh marbuta (ة)", lambda w: fold_teh_marbuta(fold_yeh(w))),
)


def folding_steps(texts) -> pd.DataFrame:
    """Number of distinct word types after each cumulative folding step.

    Words are runs of letters (harakat kept as written in the first step). Columns:
    step, n_types, merged (types fewer than the step before).
    """
    words = [w for text in texts for w in re.findall(r"[^\W\d_][^\W\d_\u064B-\u065F\u0670\u0640]*"
                                                     r"(?:[\u064B-\u065F\u0670\u0640]+[^\W\d_]*)*", text)]
    rows, current, previous = [], words, None
    for name, step in STEPS:
        current = [step(w) for w in current]
        n = len(set(current))
        rows.append({"step": name, "n_types": n, "merged": 0 if previous is None else previous - n})
        previous = n
    return pd.DataFrame(rows)


def merged_forms(texts, *, min_forms: int = 2) -> pd.DataFrame:
    """Folded word types that more than one written form collapses into.

    Columns: folded, forms (the written forms, most frequent first, joined by « / »),
    n_forms, n_tokens. Sorted by n_forms then n_tokens, descending.
    """
    from collections import Counter, defaultdict

    by_folded: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        for tok in tokenize(text):
            if not tok.folded.isdigit():
                by_folded[tok.folded][tok.surface] += 1
    rows = [{"folded": f, "forms": " / ".join(s for s, _ in c.most_common()),
             "n_forms": len(c), "n_tokens": sum(c.values())}
            for f, c in by_folded.items() if len(c) >= min_forms]
    out = pd.DataFrame(rows, columns=["folded", "forms", "n_forms", "n_tokens"])
    return out.sort_values(["n_forms", "n_tokens", "folded"], ascending=[False, False, True],
                           ignore_index=True)
