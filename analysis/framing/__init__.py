"""Framing: frame cues, attributed statements (who speaks) and distinctive vocabulary.

Three measurements, each traceable to spans of the stored text:

* :func:`find_cues` (:mod:`.cues`) -- hits of the frame lexicon (``data/frames.tsv``,
  documented in ``data/frames_README.md``), one row per cue occurrence;
  :func:`frame_scores` and :func:`headline_vs_body` summarise them per article.
* :func:`find_statements` (:mod:`.statements`) -- who is quoted or reported as saying
  something, found by reporting verbs and source formulae (``data/reporting_verbs.tsv``)
  and resolved to a codebook actor through the actor mentions; :func:`voice_balance`
  tells whose voice dominates an article.
* :func:`frame_sentences` (:mod:`.decisions`) -- the frames of every sentence, decided
  from the cue hits and actor mentions by the codebook's rules (``data/frame_rules.tsv``);
  the unit a human coder labels; :func:`sentence_frame_shares` and :func:`bootstrap_shares`
  (:mod:`.profiles`) make them frame profiles (shares of sentence-frame pairs, with intervals).
* :func:`keyness` (:mod:`.keyness`) -- distinctive vocabulary of an article or outlet
  against the rest, by weighted log-odds with an informative Dirichlet prior (Monroe,
  Colaresi & Quinn 2008); :func:`term_spans` locates a term in the text, for KWIC lines
  (:func:`evidence`).

The word lists are read by :mod:`.lexicon`. Matching is done on folded words
(:mod:`.words`, :func:`analysis.normalize.fold_with_offsets`), so hamza/alef variants,
ى/ي, ة/ه, harakat, tatweel, quote kinds and line breaks do not matter; every offset is
mapped back to the stored text. The rules of :mod:`.cues` and :mod:`.statements` are
written word by word, as a reader would apply them; :mod:`.fast` applies the cue rules to
a whole batch of texts at once (tested equal to the word-by-word walk).
"""
from __future__ import annotations

from ..corpus import iter_fields
from .cues import (
    HEADLINE_COLUMNS,
    HIT_COLUMNS,
    SCORE_COLUMNS,
    find_cues,
    frame_scores,
    headline_vs_body,
)
from .decisions import (
    SENTENCE_COLUMNS,
    FrameRules,
    decide_every_sentence,
    frame_sentences,
    load_frame_rules,
)
from .intervals import VOICE_INTERVAL_COLUMNS, bootstrap_voice_shares, voice_of
from .keyness import (
    ALPHA0,
    KEYNESS_COLUMNS,
    SPAN_COLUMNS,
    evidence,
    gloss,
    keyness,
    load_stopwords,
    log_odds,
    term_counts,
    term_spans,
    terms,
    vocabulary,
)
from .lexicon import (
    FRAMES,
    MATCH_MODES,
    NEGATABLE,
    NEGATED_FRAME,
    REPORTING_KINDS,
    Cue,
    Lexicon,
    LexiconError,
    Negators,
    Reporting,
    Slot,
    frame_lexicon,
    load_glossary,
    load_lexicon,
    load_negators,
    load_reporting,
    stem_forms,
    verb_forms,
)
from .profiles import (
    BOOTSTRAP_COLUMNS,
    SENTENCE_HEADLINE_COLUMNS,
    SHARE_COLUMNS,
    bootstrap_shares,
    sentence_frame_shares,
    sentence_headline_vs_body,
)
from .statements import STATEMENT_COLUMNS, VOICE_COLUMNS, VOICE_SIDES, find_statements, voice_balance
from .words import Prepared, prepare

__all__ = [
    "ALPHA0", "FRAMES", "HEADLINE_COLUMNS", "HIT_COLUMNS", "KEYNESS_COLUMNS", "MATCH_MODES",
    "NEGATABLE", "NEGATED_FRAME", "REPORTING_KINDS", "SCORE_COLUMNS", "SPAN_COLUMNS",
    "STATEMENT_COLUMNS", "VOICE_COLUMNS", "VOICE_SIDES", "Cue", "Lexicon", "LexiconError",
    "Negators", "Prepared", "Reporting", "Slot", "evidence", "find_cues", "find_statements",
    "frame_lexicon", "frame_scores", "gloss", "headline_vs_body", "iter_fields", "keyness",
    "load_glossary", "load_lexicon", "load_negators", "load_reporting", "load_stopwords",
    "log_odds", "prepare", "stem_forms", "term_counts", "term_spans", "terms", "verb_forms",
    "vocabulary", "voice_balance",
    # sentence frames (decisions.py) and the profiles made of them (profiles.py)
    "BOOTSTRAP_COLUMNS", "SENTENCE_COLUMNS", "SHARE_COLUMNS", "FrameRules", "bootstrap_shares",
    "decide_every_sentence", "frame_sentences", "load_frame_rules", "sentence_frame_shares",
    "SENTENCE_HEADLINE_COLUMNS", "sentence_headline_vs_body",
    # voice shares with intervals over sentences (intervals.py)
    "VOICE_INTERVAL_COLUMNS", "bootstrap_voice_shares", "voice_of",
]
