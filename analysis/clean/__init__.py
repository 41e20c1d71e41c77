"""Cleaning: each article split into title, body and removed lines, with an audit.

Read in this order:

* :mod:`analysis.clean.lines` -- how an article's lines are labelled (title, body,
  furniture, dateline, stamp, duplicate, blank), the title/body split and the audit of
  removed lines: :func:`clean`, :func:`label_lines`, :func:`summary`;
* :mod:`analysis.clean.furniture` -- what counts as page furniture: the rules of
  ``data/furniture.tsv`` (kind, scope, trigger words, pattern): :func:`furniture_kind`;
* :mod:`analysis.clean.datelines` -- datelines, publication stamps, captions, an author's
  name alone on a line and the site's date of the day, with their cue words (agencies,
  stamp cues, credits, reporting verbs, weekdays, honorifics, given names) in
  ``data/line_cues.tsv`` and places in ``data/places.txt``;
* :mod:`analysis.clean.fast` -- the accelerator: word and token counts of a whole batch
  of lines in numpy.

Every non-blank line that is not title or body is a *removed line*, listed with its line
number, text and reason, so nothing is lost silently. Furniture rules are data: weak words
that news prose also uses (اشترك، تابع، شارك) only mark short lines, so a body sentence
such as «وتابع المسؤول …» or «اشتركت القوات …» is never removed.
"""
from ..normalize import strip_invisibles
from . import datelines, fast, furniture, lines
from .datelines import (
    CAPTION_MAX_WORDS,
    DATELINE_MAX_WORDS,
    STAMP_MAX_WORDS,
    is_dateline,
    leading_dateline,
    load_cues,
    stamp_date,
)
from .furniture import NON_ARABIC_MAX_WORDS, FurnitureError, Rule, furniture_kind, load_rules
from .furniture import SCOPES as MAX_WORDS
from .lines import (
    BATCH_CHARS,
    HEADER_ZONE,
    LABELS,
    LINE_COLUMNS,
    RELATED_LINK_MAX_WORDS,
    REMOVED_COLUMNS,
    TITLE_MAX_WORDS,
    clean,
    label_lines,
    line_key,
    summary,
)

__all__ = [
    "BATCH_CHARS", "CAPTION_MAX_WORDS", "DATELINE_MAX_WORDS", "HEADER_ZONE", "LABELS",
    "LINE_COLUMNS", "MAX_WORDS", "NON_ARABIC_MAX_WORDS", "RELATED_LINK_MAX_WORDS",
    "REMOVED_COLUMNS", "STAMP_MAX_WORDS", "TITLE_MAX_WORDS", "FurnitureError", "Rule", "clean",
    "datelines", "fast", "furniture", "furniture_kind", "is_dateline", "label_lines",
    "leading_dateline", "line_key", "lines", "load_cues", "load_rules",
    "stamp_date", "strip_invisibles", "summary",
]
