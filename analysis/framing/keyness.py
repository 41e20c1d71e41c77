"""Distinctive vocabulary: which terms mark an article or outlet against the rest.

Terms are folded tokens with clitics split against the corpus vocabulary, stopwords and
digits dropped (:func:`terms`); :func:`keyness` ranks them by the weighted log-odds ratio
with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, :func:`log_odds`);
:func:`term_spans` locates a term in the text, for KWIC lines (:func:`evidence`), and
:func:`gloss` gives an English gloss for figure labels.
"""
from __future__ import annotations

import os
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..corpus import iter_fields
from ..datafiles import reloading, resolve
from ..normalize import TOKEN_RE, fold, split_clitics, tokenize
from .lexicon import LexiconError, load_glossary, load_lexicon
from .tables import sorted_rows

KEYNESS_COLUMNS = ["group", "term", "count", "count_rest", "n", "n_rest", "alpha", "delta",
                   "variance", "z", "single_occurrence"]
SPAN_COLUMNS = ["doc_id", "field", "start", "end", "surface", "term"]

#: Strength of the informative Dirichlet prior (the pseudo-count total a0 of Monroe et al.).
#: The prior is the whole corpus's word distribution scaled to 1,000 pseudo-tokens: about
#: the size of one news article, so a term's estimate in one article is pulled towards
#: its corpus rate as much as one more article's worth of evidence would pull it.
ALPHA0 = 1000.0

_WORD = re.compile(r"[^\W\d_]+")


def load_stopwords(path: str | os.PathLike | None = None) -> frozenset[str]:
    """Arabic function words, folded.

    Args:
        path: a word list, one folded word per line, ``#`` comments; by default the
            package's ``stopwords_ar.txt``.

    Returns:
        The words (re-read when the file changes).
    """
    return _load_stopwords(resolve(path, "stopwords_ar.txt"))


@reloading
def _load_stopwords(file) -> frozenset[str]:
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise LexiconError(f"{file}: file not found") from None
    words = set()
    for line_no, line in enumerate(lines, start=1):
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        if not _WORD.fullmatch(word):
            raise LexiconError(f"{file}:{line_no}: '{word}' is not a single word")
        if fold(word) != word:
            raise LexiconError(f"{file}:{line_no}: '{word}' is not in folded form "
                               f"(expected '{fold(word)}')")
        words.add(word)
    return frozenset(words)


def vocabulary(documents: pd.DataFrame) -> frozenset[str]:
    """Every folded token of the corpus: the words clitic splitting may leave behind.

    Args:
        documents: a documents table (doc_id, title, body).

    Returns:
        The folded tokens of every title and body.
    """
    vocab = set()
    for _, _, text in iter_fields(documents):
        vocab.update(TOKEN_RE.findall(fold(text)))
    return frozenset(vocab)


def _term(token: str, vocab: frozenset[str], stop: frozenset[str]) -> str | None:
    """The counted form of a folded token, or None (digits, stopword, single letter)."""
    if any(c.isdigit() for c in token) or token in stop:
        return None
    stem = split_clitics(token, vocabulary=vocab)[1]
    if stem in stop or len(stem) < 2:
        return None
    return stem


def terms(text: str, *, vocab: frozenset[str], stopwords: frozenset[str] | None = None) -> list[str]:
    """Terms of a text for keyness: folded, clitics split, stopwords and digits dropped.

    Args:
        text: the text.
        vocab: the corpus vocabulary (:func:`vocabulary`), against which clitics are split.
        stopwords: words dropped; by default :func:`load_stopwords`.

    Returns:
        The text's terms, in order.
    """
    stop = load_stopwords() if stopwords is None else stopwords
    out = []
    for token in TOKEN_RE.findall(fold(text)):
        term = _term(token, vocab, stop)
        if term is not None:
            out.append(term)
    return out


def term_counts(documents: pd.DataFrame, *, group: str = "doc_id") -> pd.DataFrame:
    """Term counts per group over titles and bodies.

    Args:
        documents: a documents table.
        group: the documents column to count by (``doc_id`` or ``outlet``).

    Returns:
        Columns ``group``, term, count; sorted by group and term.
    """
    vocab = vocabulary(documents)
    stop = load_stopwords()
    groups = dict(zip(documents["doc_id"], documents[group].fillna("").astype(str)))
    counts: dict[tuple[str, str], int] = {}
    for doc_id, _, text in iter_fields(documents):
        g = groups[doc_id]
        for term in terms(text, vocab=vocab, stopwords=stop):
            counts[(g, term)] = counts.get((g, term), 0) + 1
    rows = [(g, t, c) for (g, t), c in counts.items()]
    table = pd.DataFrame(rows, columns=[group, "term", "count"])
    return table.sort_values([group, "term"], kind="stable").reset_index(drop=True)


def log_odds(counts_a: Mapping[str, int], counts_b: Mapping[str, int], *,
             prior: Mapping[str, float] | None = None, alpha0: float = ALPHA0) -> pd.DataFrame:
    """Weighted log-odds ratio with an informative Dirichlet prior (Monroe et al. 2008, eq. 16–22).

    ``alpha_w = alpha0 * prior_w / sum(prior)``, the prior being the pooled counts of both
    groups unless given; for group i (``a``) against j (``b``)::

        delta_w = log((y_iw + alpha_w) / (n_i + alpha0 - y_iw - alpha_w))
                - log((y_jw + alpha_w) / (n_j + alpha0 - y_jw - alpha_w))
        var_w   ≈ 1 / (y_iw + alpha_w) + 1 / (y_jw + alpha_w)
        z_w     = delta_w / sqrt(var_w)

    Columns: term, count (in a), count_rest (in b), alpha, delta, variance, z.
    """
    vocab = sorted(set(counts_a) | set(counts_b))
    ya = np.array([counts_a.get(w, 0) for w in vocab], dtype=float)
    yb = np.array([counts_b.get(w, 0) for w in vocab], dtype=float)
    if prior is None:
        pw = ya + yb
    else:
        missing = [w for w in vocab if prior.get(w, 0) <= 0]
        if missing:
            raise ValueError(f"the prior gives no weight to {len(missing)} observed term(s), "
                             f"e.g. {missing[:3]}")
        pw = np.array([prior[w] for w in vocab], dtype=float)
    if alpha0 <= 0:
        raise ValueError("alpha0 must be positive")
    alpha = alpha0 * pw / pw.sum() if len(vocab) else pw
    na, nb = ya.sum(), yb.sum()
    delta = (np.log((ya + alpha) / (na + alpha0 - ya - alpha))
             - np.log((yb + alpha) / (nb + alpha0 - yb - alpha)))
    variance = 1.0 / (ya + alpha) + 1.0 / (yb + alpha)
    return pd.DataFrame({"term": vocab, "count": ya.astype(int), "count_rest": yb.astype(int),
                         "alpha": alpha, "delta": delta, "variance": variance,
                         "z": delta / np.sqrt(variance)})


def keyness(documents: pd.DataFrame, *, group: str = "doc_id", target: str | None = None,
            alpha0: float = ALPHA0) -> pd.DataFrame:
    """Distinctive terms of each group (article or outlet) against all the others.

    ``group`` is a documents column (``doc_id`` or ``outlet``); ``target`` limits the output
    to one group. Terms are folded tokens with clitics split against the corpus vocabulary,
    stopwords and digits dropped (:func:`terms`). The prior is the whole corpus.
    Columns: group, term, count, count_rest, n, n_rest, alpha, delta, variance, z,
    single_occurrence — True when the term occurs once in the group it is distinctive of
    (z > 0: in the target; z < 0: in the rest), a result one occurrence can overturn.
    Sorted by group, z descending, term.
    """
    if target is not None and str(target) not in set(documents[group].fillna("").astype(str)):
        raise ValueError(f"no documents with {group} '{target}'")
    counts = term_counts(documents, group=group)
    total = counts.groupby("term")["count"].sum().to_dict()
    names = sorted(counts[group].unique()) if target is None else [str(target)]
    out = []
    for name in names:
        mine = counts[counts[group] == name]
        a = dict(zip(mine["term"], mine["count"]))
        b = {t: c - a.get(t, 0) for t, c in total.items() if c - a.get(t, 0) > 0}
        table = log_odds(a, b, prior=total, alpha0=alpha0)
        table.insert(0, "group", name)
        table["n"] = int(sum(a.values()))
        table["n_rest"] = int(sum(b.values()))
        table["single_occurrence"] = np.where(table["z"] > 0, table["count"] == 1,
                                              np.where(table["z"] < 0, table["count_rest"] == 1,
                                                       False))
        out.append(table)
    if not out:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    result = pd.concat(out, ignore_index=True)[KEYNESS_COLUMNS]
    result["single_occurrence"] = result["single_occurrence"].astype(bool)
    return (result.sort_values(["group", "z", "term"], ascending=[True, False, True],
                               kind="stable").reset_index(drop=True))


def term_spans(documents: pd.DataFrame, term: str) -> pd.DataFrame:
    """Where a keyness term occurs: doc_id, field, start, end, surface, term.

    ``term`` may be given in any spelling; it is folded and compared with each token's
    counted form (clitics split as in :func:`keyness`), and the whole token is returned.
    """
    vocab = vocabulary(documents)
    stop = load_stopwords()
    wanted = fold(term)
    rows = []
    for doc_id, field, text in iter_fields(documents):
        for tok in tokenize(text):
            if _term(tok.folded, vocab, stop) == wanted or tok.folded == wanted:
                rows.append((doc_id, field, tok.start, tok.end, tok.surface, wanted))
    return sorted_rows(pd.DataFrame(rows, columns=SPAN_COLUMNS))


def evidence(documents: pd.DataFrame, spans: pd.DataFrame, *, width: int = 60) -> pd.DataFrame:
    """KWIC lines for any spans (frame hits, statements, :func:`term_spans`).

    Args:
        documents: the documents table the spans point into.
        spans: a table with doc_id, field, start, end.
        width: characters of context on each side.

    Returns:
        :func:`analysis.evidence.kwic` of the spans.
    """
    from ..evidence import kwic

    return kwic(documents, spans, width=width)


# --- glosses for display ------------------------------------------------------------------

_GLOSSES: dict = {}  # the last glossary built, with the loaded files it was built from


def _glossary() -> dict[str, str]:
    """Folded term → English gloss: glossary.tsv, then frame cues, then codebook names."""
    from .. import actors

    sources = (load_lexicon(), load_glossary())
    kept = _GLOSSES.get("sources")
    if kept is not None and all(a is b for a, b in zip(kept, sources)):
        return _GLOSSES["glosses"]
    glosses: dict[str, str] = {}
    english = actors.load_codebook().set_index("id")["english"]
    aliases = actors.load_aliases()
    for alias, actor_id in zip(aliases["key"], aliases["actor_id"]):
        if " " not in alias:
            glosses.setdefault(alias, english[actor_id])
    for cue in load_lexicon().cues:
        if not any(ch in cue.text for ch in " /["):
            glosses[fold(cue.text)] = cue.gloss
    glosses.update(sources[1])
    _GLOSSES.update(sources=sources, glosses=glosses)
    return glosses


def gloss(term: str) -> str:
    """An English gloss for a folded term, for figure labels.

    Args:
        term: a folded term (:func:`terms`).

    Returns:
        The gloss of ``glossary.tsv``, else of a one-word frame cue, else the English name
        of a one-word actor alias; of the term or of the term with the article; or ''.
    """
    g = _glossary()
    return g.get(term) or g.get("ال" + term, "")
