"""The matching view: the text as the aliases are matched against it.

Matching runs on folded text (:func:`analysis.normalize.fold`: hamza/alef, ى/ي, ة/ه,
harakat, tatweel, digits) in which everything that is not part of a word -- white space,
line breaks, quote marks of every kind, punctuation, emoji and other symbols outside the
Basic Multilingual Plane -- reads as one space. So «قوات “سوريا الديمقراطية”»,
«الولايات\\nالمتحدة» and «أ.ف.ب» read «قوات سوريا الديمقراطية», «الولايات المتحدة»,
«ا ف ب», and every word of the view stands between spaces.

Each character of the view keeps the position in the original text it came from, so a
match in the view is a span of the stored text.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .. import normalize

#: Joins the fields of a batch (:mod:`.mentions`): a mark that folding keeps, that is no
#: letter and that the view keeps as a word of its own, so that no alias matches across
#: two fields. (NUL would not do: folding deletes it as an invisible character.)
FIELD_MARK = "\x01"


@dataclass(frozen=True)
class View:
    """A text folded two ways, each with the position in the text of its characters.

    ``text``/``index``: the matching view -- folded, a space for anything that is not part
    of a word, runs of spaces collapsed; ``text[i]`` comes from the original position
    ``index[i]``. ``folded``/``folded_index``: :func:`analysis.normalize.fold` of the text
    (punctuation kept), so that ``normalize.fold(original[a:b])`` is
    ``folded[folded_at(a):folded_at(b)]``.
    """

    text: str
    index: np.ndarray
    folded: str
    folded_index: np.ndarray

    def folded_at(self, positions: np.ndarray) -> np.ndarray:
        """Where each position of the original text falls in ``folded``."""
        return np.searchsorted(self.folded_index, positions)


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` (lone surrogates too), as little-endian 32-bit numbers."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


@lru_cache(maxsize=1)
def _view_characters() -> np.ndarray:
    """For every code point of a folded text: itself where the view keeps it (a letter or
    digit, a combining mark, :data:`FIELD_MARK`), else a space. Characters outside the
    Basic Multilingual Plane (emoji, symbols) are spaces."""
    table = np.full(0x110000, ord(" "), dtype="<u4")
    for code in range(0x10000):
        char = chr(code)
        if char.isalnum() or char == FIELD_MARK or unicodedata.category(char)[0] == "M":
            table[code] = code
    return table


def matching_view(text: str) -> View:
    """``text`` folded for matching, with the position of every character (:class:`View`)."""
    exact = normalize.fold_with_offsets(text, collapse_whitespace=False)
    folded, folded_index = exact.text, exact.offsets[:-1]
    codes = _view_characters().take(code_points(folded))
    index = folded_index
    repeated = np.zeros(len(codes), dtype=bool)  # a space after a space
    repeated[1:] = (codes[1:] == ord(" ")) & (codes[:-1] == ord(" "))
    if repeated.any():
        codes, index = codes[~repeated], index[~repeated]
    view = codes.tobytes().decode("utf-32-le", "surrogatepass")
    return View(view, index, folded, folded_index)


def matching_key(text: str) -> str:
    """The form in which phrases are compared and matched: folded, words separated by one
    space, punctuation and quote marks read as spaces («أ.ف.ب» → «ا ف ب»).

    >>> matching_key("«الولاياتُ\\nالمتحدة»")
    'الولايات المتحده'
    """
    return matching_view(text).text.strip(" " + FIELD_MARK)
