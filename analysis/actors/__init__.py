"""Actors: the codebook as data, actor mentions with offsets, counts and co-occurrence.

Read in this order:

* :mod:`.codebook` -- the three data files (``codebook.tsv``, ``actor_aliases.tsv``,
  ``actor_heads.tsv`` in ``analysis/data/``, described in ``analysis/data/actors.md``),
  read and checked: :func:`load_codebook`, :func:`load_aliases`, :func:`load_heads`,
  :func:`load`.
* :mod:`.mentions` -- the matching rules, codebook → mentions: :func:`find_mentions`.
  The most specific id wins, a title before a named person is the person once, unnamed
  references and adjectives of non-actors are not counted.
* :mod:`.aggregate` -- :func:`counts` (per document, by actor, side or type) and
  :func:`cooccurrence`.
* :mod:`.view` -- the folded text the aliases are matched against, with offsets back
  into the stored text.

>>> import pandas as pd
>>> from analysis import actors
>>> documents = pd.DataFrame({"doc_id": ["a"], "title": ["المسؤول الأمريكي في موسكو"],
...                           "body": ["قال الرئيس الروسي فلاديمير بوتين إن القوات الروسية"]})
>>> m = actors.find_mentions(documents)
>>> list(zip(m["field"], m["surface"], m["actor_id"]))
[('body', 'فلاديمير بوتين', 'PUTIN'), ('body', 'الروسية', 'RUS'), ('title', 'موسكو', 'RUS')]
"""
from .aggregate import cooccurrence, counts
from .codebook import (
    ALIAS_KINDS,
    HEAD_ROLES,
    SIDES,
    TYPES,
    Codebook,
    CodebookError,
    load,
    load_aliases,
    load_codebook,
    load_heads,
)
from .mentions import MENTION_COLUMNS, find_mentions

__all__ = ["ALIAS_KINDS", "HEAD_ROLES", "MENTION_COLUMNS", "SIDES", "TYPES", "Codebook",
           "CodebookError", "cooccurrence", "counts", "find_mentions", "load", "load_aliases",
           "load_codebook", "load_heads"]
