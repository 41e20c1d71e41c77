"""Evidence: keyword-in-context (KWIC) lines for any table of text spans.

Every count in the study points back to spans of the stored text (doc_id, field, start,
end). :func:`kwic` turns such spans -- actor mentions, frame cues, dates -- into lines a
reader can check: the words before, the match itself, the words after.
"""
from __future__ import annotations

import re

import pandas as pd

from .corpus import iter_fields

KWIC_COLUMNS = ["doc_id", "field", "start", "end", "left", "match", "right"]
_SPACE = re.compile(r"\s+")


def kwic(documents: pd.DataFrame, spans: pd.DataFrame, *, width: int = 60,
         whole_words: bool = True) -> pd.DataFrame:
    """Keyword-in-context lines for ``spans`` (any table with doc_id, field, start, end).

    Columns: ``doc_id, field, start, end, left, match, right``, then the other columns of
    ``spans`` (actor_id, frame …) unchanged, in the order of ``spans``. ``match`` is the
    stored text ``text[start:end]`` exactly; ``left`` and ``right`` are up to ``width``
    characters either side, with line breaks and runs of white space shown as one space
    and no space at either end (for display; offsets stay those of the stored text). With ``whole_words`` a context
    cut inside a word drops the cut word. A span that points outside its field, or to a
    document that is not in ``documents``, raises ``ValueError``.
    """
    if width < 0:
        raise ValueError(f"width must be >= 0, not {width}")
    missing = [c for c in ("doc_id", "field", "start", "end") if c not in spans.columns]
    if missing:
        raise ValueError(f"spans lack column(s) {missing}")
    texts = {(str(d), f): t for d, f, t in iter_fields(documents)}
    rows = []
    for doc_id, field, start, end in zip(spans["doc_id"], spans["field"], spans["start"], spans["end"]):
        text = texts.get((str(doc_id), field))
        if text is None:
            raise ValueError(f"span ({doc_id!r}, {field!r}, {start}, {end}): no such document field")
        start, end = int(start), int(end)
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span ({doc_id!r}, {field!r}, {start}, {end}) outside the field "
                             f"(length {len(text)})")
        left_from = max(0, start - width)
        right_to = min(len(text), end + width)
        left, right = text[left_from:start], text[end:right_to]
        if whole_words:
            if left_from > 0 and not text[left_from - 1].isspace():
                left = _SPACE.split(left, maxsplit=1)[-1] if _SPACE.search(left) else ""
            if right_to < len(text) and not text[right_to].isspace():
                right = _SPACE.split(right[::-1], maxsplit=1)[-1][::-1] if _SPACE.search(right) else ""
        rows.append((str(doc_id), field, start, end, _SPACE.sub(" ", left).strip(),
                     text[start:end], _SPACE.sub(" ", right).strip()))
    out = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    out = out.astype({"start": "int64", "end": "int64"})
    extra = [c for c in spans.columns if c not in KWIC_COLUMNS]
    for c in extra:
        out[c] = spans[c].to_numpy()
    return out


def for_display(lines: pd.DataFrame, *, keep: tuple[str, ...] = ()) -> pd.DataFrame:
    """KWIC lines laid out for an Arabic reader: ``after | match | before``.

    A table is drawn left to right, but a row of Arabic is read right to left, so the text
    before the match must stand to its right and the text after it to its left: the row
    then reads, from the right, «before → match → after». ``keep`` names other columns to
    show first (doc_id is always shown).
    """
    columns = ["doc_id", *keep, "right", "match", "left"]
    return lines[columns].rename(columns={"right": "after", "left": "before"})
