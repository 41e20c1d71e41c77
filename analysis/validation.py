"""Validation: how far the frame and voice measures agree with a human coder.

The coded sets live in ``tests/data/coded/`` (see its README): for each set, every sentence
of title and body with the frames a coder gave it (``<set>.frames.jsonl``), every attributed
statement with its cue, speaker, actor and side (``<set>.statements.jsonl``) and each
article's dominant frames and stance (``<set>.articles.jsonl``). They follow
``shared/CODEBOOK-FRAMES.md`` and ``shared/CODEBOOK-STATEMENTS.md``.

Agreement is measured as those codebooks say:

* frames, per (sentence, frame) pair: precision, recall and F1 per frame and pooled, a
  confusion table, and per article the share of each frame among its sentence-frame pairs
  (mean absolute difference from the coder's) and whether the top frame agrees;
* statements: a predicted statement matches a coded one when its span overlaps the coded
  cue; precision, recall and F1 of detection; on matches, accuracy of side and of actor; per
  article, the share of statements by voice (us, russia, joint, other, unresolved).

Coded sentences carry their text, not offsets: they are located in the stored fields in text
order, so a coded set survives a change of the cleaner that leaves its sentences intact.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import paths, sentences
from .framing.statements import voice_of as voice  # the one mapping of a side to its voice

__all__ = ["BLIND", "CODED_DIR", "CORPORA", "ROLES", "SECOND_CODERS", "VOICES", "Coded", "corpus_tables",
           "predicted_sentences", "score_coders", "score_set", "summary", "frame_errors", "statement_errors",
           "weak_frames", "ValidationError", "load_coded", "locate_sentences", "sentence_frames_from_hits",
           "pair_sentences", "frame_agreement", "frame_confusion", "frame_shares", "share_difference",
           "top_frame_agreement", "locate_statements", "match_statements", "statement_agreement", "voice",
           "voice_shares"]

CODED_DIR = paths.ROOT / "tests" / "data" / "coded"
#: Each coded set's corpus folder.
CORPORA = {"seeds": paths.SEEDS_DIR, "heldout": paths.ROOT / "tests" / "data" / "heldout",
           "heldout2": paths.ROOT / "tests" / "data" / "heldout2", "blind": paths.ROOT / "tests" / "data" / "blind",
           "blind2": paths.ROOT / "tests" / "data" / "blind2", "blind3": paths.ROOT / "tests" / "data" / "blind3",
           "blind4": paths.ROOT / "tests" / "data" / "blind4"}
#: Whether the rules were tuned on a set (its figures read high) or it is kept blind. A blind
#: set is scored once per round of rule changes; after that it is tuned on and a fresh one coded
#: (``blind`` was the first round's, ``blind2`` the second's, ``blind3`` the third's, ``blind4``
#: the fourth's).
ROLES = {"seeds": "tuned", "heldout": "tuned", "heldout2": "tuned", "blind": "tuned", "blind2": "tuned",
         "blind3": "tuned", "blind4": "blind"}
#: The set whose figures are the honest estimate today.
BLIND = "blind4"
#: Sets coded a second time, independently (:func:`score_coders`): set -> the second coding.
SECOND_CODERS = {"blind2": "blind2-coder2", "blind3": "blind3-coder2", "blind4": "blind4-coder2"}
FRAMES = ("cooperation", "deconfliction", "confrontation", "counter_terrorism", "diplomacy",
          "military_operations", "strategic_stability")
#: The voices an article's statements are shared among (CODEBOOK-STATEMENTS.md).
VOICES = ("us", "russia", "joint", "other", "unresolved")


class ValidationError(ValueError):
    """A coded set is malformed or does not fit the documents it codes."""


@dataclass(frozen=True)
class Coded:
    """A coded set: ``frames`` (one row per sentence), ``statements``, ``articles``."""

    frames: pd.DataFrame
    statements: pd.DataFrame
    articles: pd.DataFrame


def _read_jsonl(path: Path) -> pd.DataFrame:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValidationError(f"{path}:{n}: not JSON ({exc.msg})") from None
    return pd.DataFrame(rows)


def load_coded(name: str, *, folder: str | Path | None = None) -> Coded:
    """A coded set by name (a key of :data:`CORPORA`, or a second coding of :data:`SECOND_CODERS`).

    Args:
        name: the set's file prefix in ``folder``.
        folder: where the ``<name>.*.jsonl`` files are (``tests/data/coded`` by default).

    Returns:
        The set's three tables; ``frames`` has ``doc_id, field, n, text, frames`` (a list).

    Raises:
        ValidationError: a file is missing, not JSON, or names an unknown frame.
    """
    folder = Path(folder) if folder else CODED_DIR
    tables = {}
    for kind in ("frames", "statements", "articles"):
        path = folder / f"{name}.{kind}.jsonl"
        if not path.exists():
            raise ValidationError(f"{path}: no such coded file")
        tables[kind] = _read_jsonl(path)
    unknown = {f for fs in tables["frames"]["frames"] for f in fs} - set(FRAMES)
    if unknown:
        raise ValidationError(f"{folder / (name + '.frames.jsonl')}: unknown frame(s) {sorted(unknown)}")
    statements = tables["statements"]
    if "optional" not in statements:
        statements["optional"] = False
    return Coded(tables["frames"], statements, tables["articles"])


# --- frames ---------------------------------------------------------------------------------

def locate_sentences(coded: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """``coded`` with ``start, end``: each sentence found in its stored field, in text order.

    A sentence is searched in its coded field after the previous one, then anywhere in that
    field, then in the article's other field (a cleaner that now tells the headline from a
    site-name line moves a sentence from body to title); ``field`` is where it was found and
    ``coded_field`` where the coder saw it. A sentence found nowhere (the cleaner removed or
    changed it) gets ``start = end = -1``.
    """
    fields = {(d, f): text for d, t, b in documents[["doc_id", "title", "body"]].itertuples(index=False)
              for f, text in (("title", t), ("body", b))}
    found, cursor = [], {}
    for doc_id, field, text in coded[["doc_id", "field", "text"]].itertuples(index=False):
        other = "body" if field == "title" else "title"
        for where, since in ((field, cursor.get((doc_id, field), 0)), (field, 0), (other, 0)):
            at = fields.get((doc_id, where), "").find(text, since)
            if at >= 0:
                cursor[doc_id, where] = at + len(text)
                found.append((where, at, at + len(text)))
                break
        else:
            found.append((field, -1, -1))
    where, starts, ends = zip(*found) if found else ((), (), ())
    return coded.assign(coded_field=coded["field"], field=list(where), start=list(starts), end=list(ends))


def sentence_frames_from_hits(documents: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """Sentence frames as the union of the frames of the cue hits that start in a sentence.

    The measure of the package before frames were decided per sentence; kept to report the
    blind baseline. Columns ``doc_id, field, start, end, frames`` (``;``-joined).
    """
    by_field: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for d, f, s, fr in hits[["doc_id", "field", "start", "frame"]].itertuples(index=False):
        by_field.setdefault((d, f), []).append((s, fr))
    rows = []
    for doc_id, title, body in documents[["doc_id", "title", "body"]].itertuples(index=False):
        for field, text in (("title", title), ("body", body)):
            found = by_field.get((doc_id, field), [])
            for s, e in sentences.spans(text):
                frames = sorted({fr for at, fr in found if s <= at < e}, key=FRAMES.index)
                rows.append((doc_id, field, s, e, ";".join(frames)))
    return pd.DataFrame(rows, columns=["doc_id", "field", "start", "end", "frames"])


def pair_sentences(located: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """One row per coded sentence: its ``gold`` and ``pred`` frame sets.

    A coded sentence takes the frames of every predicted sentence that starts inside it, so
    a splitter that cuts a sentence in two is not penalised twice.
    """
    pred_by_field: dict[tuple[str, str], list[tuple[int, frozenset]]] = {}
    for d, f, s, frames in predicted[["doc_id", "field", "start", "frames"]].itertuples(index=False):
        pred_by_field.setdefault((d, f), []).append((s, frozenset(filter(None, str(frames).split(";")))))
    preds = []
    for d, f, s, e in located[["doc_id", "field", "start", "end"]].itertuples(index=False):
        found: frozenset = frozenset()
        for at, frames in pred_by_field.get((d, f), []):
            if s <= at < e:
                found |= frames
        preds.append(found)
    return located.assign(gold=[frozenset(fs) for fs in located["frames"]], pred=preds)


def frame_agreement(located: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """Precision, recall and F1 per frame and ``pooled``, over (sentence, frame) pairs.

    Args:
        located: coded sentences with offsets (:func:`locate_sentences`).
        predicted: sentence rows ``doc_id, field, start, end, frames`` (``;``-joined), as in
            ``frame_sentences.csv``.

    Returns:
        One row per frame and a last row ``pooled``: ``frame, tp, fp, fn, precision, recall,
        f1, n_coded``.
    """
    pairs = pair_sentences(located, predicted)
    rows = []
    for frame in FRAMES:
        tp = sum(frame in g and frame in p for g, p in zip(pairs["gold"], pairs["pred"]))
        fp = sum(frame not in g and frame in p for g, p in zip(pairs["gold"], pairs["pred"]))
        fn = sum(frame in g and frame not in p for g, p in zip(pairs["gold"], pairs["pred"]))
        rows.append((frame, tp, fp, fn))
    table = pd.DataFrame(rows, columns=["frame", "tp", "fp", "fn"])
    table.loc[len(table)] = ["pooled", *table[["tp", "fp", "fn"]].sum()]
    return _scores(table).assign(n_coded=lambda t: t["tp"] + t["fn"])


def _scores(table: pd.DataFrame) -> pd.DataFrame:
    p = table["tp"] / (table["tp"] + table["fp"])
    r = table["tp"] / (table["tp"] + table["fn"])
    return table.assign(precision=p, recall=r, f1=2 * p * r / (p + r))


def frame_confusion(located: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """Coded frame (rows) against predicted frame (columns), counted per sentence.

    A sentence adds one to (g, p) for each coded frame g and predicted frame p; a coded frame
    with nothing predicted counts under ``(none)``, and so does a prediction on a sentence the
    coder gave no frame.
    """
    labels = [*FRAMES, "(none)"]
    counts = pd.DataFrame(0, index=pd.Index(labels, name="coded"),
                          columns=pd.Index(labels, name="predicted"))
    pairs = pair_sentences(located, predicted)
    for gold, pred in zip(pairs["gold"], pairs["pred"]):
        for g in gold or {"(none)"}:
            for p in pred or {"(none)"}:
                if g != "(none)" or p != "(none)":
                    counts.loc[g, p] += 1
    return counts


def frame_shares(sentence_frames: pd.DataFrame, *, column: str = "frames") -> pd.DataFrame:
    """Per article, each frame's share of its sentence-frame pairs (articles × frames)."""
    rows = [(d, f) for d, fs in sentence_frames[["doc_id", column]].itertuples(index=False)
            for f in (fs if isinstance(fs, (list, frozenset, set)) else filter(None, str(fs).split(";")))]
    pairs = pd.DataFrame(rows, columns=["doc_id", "frame"])
    counts = pd.crosstab(pairs["doc_id"], pairs["frame"]).reindex(columns=list(FRAMES), fill_value=0)
    docs = sentence_frames["doc_id"].drop_duplicates()
    counts = counts.reindex(docs, fill_value=0)
    return counts.div(counts.sum(axis=1).where(lambda s: s > 0), axis=0).fillna(0.0)


def share_difference(coded: pd.DataFrame, predicted: pd.DataFrame) -> pd.Series:
    """Per article, the mean absolute difference between two share tables (over columns)."""
    predicted = predicted.reindex(index=coded.index, columns=coded.columns, fill_value=0.0)
    return (coded - predicted).abs().mean(axis=1)


def top_frame_agreement(coded: pd.DataFrame, predicted: pd.DataFrame) -> pd.Series:
    """Per article, whether the predicted top frame is one of the coder's top frames."""
    predicted = predicted.reindex(index=coded.index, columns=coded.columns, fill_value=0.0)
    out = {}
    for doc_id in coded.index:
        top = coded.loc[doc_id]
        best = set(top[top == top.max()].index) if top.max() > 0 else set()
        out[doc_id] = bool(best) and predicted.loc[doc_id].idxmax() in best and predicted.loc[doc_id].max() > 0
    return pd.Series(out, name="top_frame_agrees")


# --- statements -----------------------------------------------------------------------------

def locate_statements(coded: pd.DataFrame, located_sentences: pd.DataFrame) -> pd.DataFrame:
    """``coded`` statements with ``field, start, end``: the cue's span where its sentence was
    found (:func:`locate_sentences`); ``-1`` where the sentence or the cue is not found."""
    sentences = located_sentences.assign(
        coded_field=located_sentences.get("coded_field", located_sentences["field"]))
    where = {(d, cf, n): (f, s, t) for d, cf, n, f, s, t in
             sentences[["doc_id", "coded_field", "n", "field", "start", "text"]].itertuples(index=False)}
    fields, starts, ends = [], [], []
    for d, f, n, cue, occ in coded[["doc_id", "field", "n", "cue", "occurrence"]].itertuples(index=False):
        field, s, text = where.get((d, f, n), (f, -1, ""))
        at = -1
        for _ in range(int(occ) if occ == occ else 1):
            at = text.find(cue, at + 1)
            if at < 0:
                break
        ok = s >= 0 and at >= 0
        fields.append(field)
        starts.append(s + at if ok else -1)
        ends.append(s + at + len(cue) if ok else -1)
    return coded.assign(field=fields, start=starts, end=ends)


def match_statements(coded: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """Each coded and each predicted statement once: matched pairs and the unmatched.

    Returns one row per coded statement (``gold_*`` columns, with ``pred_*`` where a
    prediction overlaps its cue) and one per unmatched prediction (``pred_*`` only). A
    prediction matches the first unmatched coded cue it overlaps in the same field.
    """
    used: set[int] = set()
    pred = predicted.reset_index(drop=True)
    by_field: dict[tuple[str, str], list[int]] = {}
    for i, (d, f) in enumerate(pred[["doc_id", "field"]].itertuples(index=False)):
        by_field.setdefault((d, f), []).append(i)
    rows = []
    for g in coded.itertuples(index=False):
        hit = next((i for i in by_field.get((g.doc_id, g.field), []) if i not in used
                    and pred.at[i, "start"] < g.end and g.start < pred.at[i, "end"]), None)
        if hit is not None:
            used.add(hit)
        p = pred.loc[hit] if hit is not None else None
        rows.append(_match_row(g, p))
    for i in range(len(pred)):
        if i not in used:
            rows.append(_match_row(None, pred.loc[i]))
    return pd.DataFrame(rows)


def _match_row(g, p) -> dict:
    row = {"doc_id": g.doc_id if g is not None else p["doc_id"],
           "field": g.field if g is not None else p["field"]}
    if g is not None:
        row |= {"gold_start": g.start, "gold_cue": g.cue, "gold_speaker": g.speaker,
                "gold_actor": g.actor_id or "", "gold_side": g.side, "optional": bool(g.optional)}
    if p is not None:
        side = p["speaker_side"] if p["speaker_side"] == p["speaker_side"] else ""
        actor = p["speaker_actor_id"] if p["speaker_actor_id"] == p["speaker_actor_id"] else ""
        row |= {"pred_start": p["start"], "pred_verb": p["verb"], "pred_speaker": p["speaker"],
                "pred_actor": actor, "pred_side": side or "unresolved"}
    return row


def statement_agreement(matches: pd.DataFrame) -> dict[str, float]:
    """Detection precision, recall, F1; side and actor accuracy on the matches.

    Optional coded statements (the codebook's "neither required nor wrong") count neither
    as missed when unmatched nor as false when matched.
    """
    gold = matches["gold_cue"].notna() if "gold_cue" in matches else pd.Series(False, index=matches.index)
    pred = matches["pred_verb"].notna() if "pred_verb" in matches else pd.Series(False, index=matches.index)
    optional = matches.get("optional", pd.Series(False, index=matches.index)).fillna(False).astype(bool)
    tp = int((gold & pred & ~optional).sum())
    fp = int((pred & ~gold).sum())
    fn = int((gold & ~pred & ~optional).sum())
    matched = matches[gold & pred & ~optional]
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else float("nan"),
            "side_accuracy": float((matched["gold_side"] == matched["pred_side"]).mean()) if tp else float("nan"),
            "voice_accuracy": float((matched["gold_side"].map(voice) == matched["pred_side"].map(voice)).mean())
            if tp else float("nan"),
            "actor_accuracy": float((matched["gold_actor"] == matched["pred_actor"]).mean()) if tp else float("nan")}


def voice_shares(statements: pd.DataFrame, *, side: str, doc_ids: list[str]) -> pd.DataFrame:
    """Per article, the share of its statements by voice (articles × :data:`VOICES`)."""
    voices = statements[side].map(voice) if len(statements) else pd.Series(dtype=str)
    counts = pd.crosstab(statements["doc_id"], voices) if len(statements) else pd.DataFrame()
    counts = counts.reindex(index=doc_ids, columns=list(VOICES), fill_value=0)
    return counts.div(counts.sum(axis=1).where(lambda s: s > 0), axis=0).fillna(0.0)


# --- a coded set scored ---------------------------------------------------------------------

def corpus_tables(folder: str | Path) -> dict[str, pd.DataFrame]:
    """The extract tables of a coded set's corpus folder (:func:`analysis.pipeline.extract_tables`).

    A folder with no ``metadata.csv`` but a ``gold.json`` (the held-out sets) takes its
    publication dates from the gold annotations, as stated dates.
    """
    from . import corpus, pipeline

    folder = Path(folder)
    gold = folder / "gold.json"
    if (folder / "metadata.csv").exists() or not gold.exists():
        return pipeline.extract_tables(corpus.load(folder))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rows = ["doc_id,outlet,published,published_basis"]
        for name, g in sorted(json.loads(gold.read_text(encoding="utf-8")).items()):
            shutil.copy(folder / name, tmp / name)
            rows.append(f"{Path(name).stem},,{g['published']},stated")
        (tmp / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        return pipeline.extract_tables(corpus.load(tmp))


def predicted_sentences(tables: dict[str, pd.DataFrame], measure: str = "sentences") -> pd.DataFrame:
    """The sentence frames scored: ``frame_sentences`` (the codebook's decision rules over the
    cue hits and actor mentions) or, for ``hits``, the union of the cue hits' frames."""
    if measure == "sentences":
        if "frame_sentences" in tables:
            return tables["frame_sentences"]
        from . import framing

        return framing.frame_sentences(tables["documents"], tables["frame_hits"], tables["actor_mentions"])
    if measure == "hits":
        return sentence_frames_from_hits(tables["documents"], tables["frame_hits"])
    raise ValueError(f"measure is 'sentences' or 'hits', not {measure!r}")


def score_set(name: str, *, measure: str = "sentences", tables: dict[str, pd.DataFrame] | None = None) -> dict:
    """Every agreement figure of one coded set: the package run on its corpus, against the coder.

    Args:
        name: a coded set (:data:`CORPORA`).
        measure: ``sentences`` (``frame_sentences``) or ``hits`` (the cue-hit baseline).
        tables: the corpus's extract tables, if already made (:func:`corpus_tables`).

    Returns:
        A dict: ``set``, ``role`` (tuned or blind), ``articles``, ``sentences`` (coded),
        ``lost`` (coded sentences not found in the cleaned text); ``agreement``
        (:func:`frame_agreement`), ``confusion`` (:func:`frame_confusion`), ``pairs``
        (:func:`pair_sentences`), ``per_article`` (doc_id, share_mad, top_agrees,
        voice_mad), ``share_mad`` and ``top_agree`` (their means); ``statements``
        (:func:`statement_agreement`), ``matches`` (:func:`match_statements`), ``voice_mad``
        and ``n_coded_statements`` (the required ones).
    """
    coded = load_coded(name)
    t = tables if tables is not None else corpus_tables(CORPORA[name])
    docs = t["documents"][t["documents"]["doc_id"].isin(coded.frames["doc_id"])]
    st_pred = t["statements"][t["statements"]["doc_id"].isin(docs["doc_id"])]
    return _score(name, ROLES.get(name, "tuned"), coded, docs, predicted_sentences(t, measure), st_pred)


def score_coders(name: str, second: str) -> dict:
    """Two coders of the same articles against each other: ``second`` scored as if it were
    the package, against ``name``. How far two coders following the codebooks agree is the
    ceiling an automatic measure can be expected to reach on the same text.

    Args:
        name: the first coder's set (:data:`CORPORA`).
        second: the second coder's files in :data:`CODED_DIR` (``<second>.frames.jsonl`` …),
            coded on the same sentences independently of the first.

    Returns:
        The dict of :func:`score_set`, with ``set`` = ``second`` and ``role`` = ``second coder``.
        The second coder's optional statements are left out of its "predictions" (the first's
        count neither way, as always).
    """
    from . import clean, corpus

    coded, other = load_coded(name), load_coded(second)
    docs, _ = clean.clean(corpus.load(CORPORA[name]))
    docs = docs[docs["doc_id"].isin(coded.frames["doc_id"])]
    located = locate_sentences(other.frames, docs)
    pred = located[located["start"] >= 0].assign(frames=lambda t: t["frames"].map(";".join))
    st = locate_statements(other.statements, located)
    st = st[(st["start"] >= 0) & ~st["optional"].fillna(False).astype(bool)]
    st_pred = pd.DataFrame({"doc_id": st["doc_id"], "field": st["field"], "start": st["start"],
                            "end": st["end"], "verb": st["cue"], "speaker": st["speaker"],
                            "speaker_actor_id": st["actor_id"].fillna(""), "speaker_side": st["side"]})
    return _score(second, "second coder", coded, docs, pred[["doc_id", "field", "start", "end", "frames"]], st_pred)


def _score(name: str, role: str, coded: Coded, docs: pd.DataFrame, pred: pd.DataFrame,
           st_pred: pd.DataFrame) -> dict:
    """The figures of :func:`score_set` for predicted sentence frames and statements."""
    located = locate_sentences(coded.frames, docs)
    found = located[located["start"] >= 0]
    pairs = pair_sentences(found, pred)
    shares_gold = frame_shares(located)
    shares_pred = frame_shares(pairs.assign(frames=pairs["pred"]))
    st_gold = locate_statements(coded.statements, located)
    matches = match_statements(st_gold[st_gold["start"] >= 0], st_pred)
    doc_ids = list(docs["doc_id"])
    required = st_gold[~st_gold["optional"].fillna(False).astype(bool)]
    voice_mad = share_difference(voice_shares(required, side="side", doc_ids=doc_ids),
                                 voice_shares(st_pred, side="speaker_side", doc_ids=doc_ids))
    per_article = pd.DataFrame({"share_mad": share_difference(shares_gold, shares_pred),
                                "top_agrees": top_frame_agreement(shares_gold, shares_pred),
                                "voice_mad": voice_mad.reindex(shares_gold.index)})
    return {"set": name, "role": role, "articles": len(doc_ids),
            "sentences": len(located), "lost": int((located["start"] < 0).sum()),
            "agreement": frame_agreement(found, pred), "confusion": frame_confusion(found, pred),
            "pairs": pairs, "per_article": per_article.rename_axis("doc_id").reset_index(),
            "share_mad": float(per_article["share_mad"].mean()),
            "top_agree": float(per_article["top_agrees"].mean()),
            "statements": statement_agreement(matches), "matches": matches,
            "voice_mad": float(voice_mad.mean()), "n_coded_statements": len(required)}


def summary(results: list[dict]) -> pd.DataFrame:
    """One row per scored set (:func:`score_set`): pooled frame P/R/F1, article shares and top
    frame, statement detection, side accuracy and voice-share MAD."""
    rows = []
    for r in results:
        pooled = r["agreement"].set_index("frame").loc["pooled"]
        st = r["statements"]
        rows.append({"set": r["set"], "role": r["role"], "articles": r["articles"],
                     "frame_precision": pooled["precision"], "frame_recall": pooled["recall"],
                     "frame_f1": pooled["f1"], "share_mad": r["share_mad"], "top_frame_agrees": r["top_agree"],
                     "statements": r["n_coded_statements"], "statement_precision": st["precision"],
                     "statement_recall": st["recall"], "statement_f1": st["f1"],
                     "side_accuracy": st["side_accuracy"], "voice_mad": r["voice_mad"]})
    return pd.DataFrame(rows).set_index("set")


def frame_errors(result: dict) -> pd.DataFrame:
    """The coded sentences whose predicted frames differ from the coder's: ``doc_id, field,
    n, missed, extra, text`` (missed: coded, not predicted; extra: predicted, not coded)."""
    pairs = result["pairs"]
    wrong = pairs[pairs["gold"] != pairs["pred"]]
    def names(frames) -> str:
        return ", ".join(sorted(frames, key=FRAMES.index))

    return pd.DataFrame({"doc_id": wrong["doc_id"], "field": wrong["field"], "n": wrong["n"],
                         "missed": [names(g - p) for g, p in zip(wrong["gold"], wrong["pred"])],
                         "extra": [names(p - g) for g, p in zip(wrong["gold"], wrong["pred"])],
                         "text": wrong["text"]}).reset_index(drop=True)


def statement_errors(result: dict) -> pd.DataFrame:
    """Statements missed, found where the coder has none (false), or given another side:
    ``doc_id, error, cue, coded_speaker, coded_side, found_speaker, found_side``."""
    m = result["matches"]
    gold = m["gold_cue"].notna() if "gold_cue" in m else pd.Series(False, index=m.index)
    pred = m["pred_verb"].notna() if "pred_verb" in m else pd.Series(False, index=m.index)
    optional = m.get("optional", pd.Series(False, index=m.index)).fillna(False).astype(bool)
    error = pd.Series("", index=m.index)
    error[gold & ~pred & ~optional] = "missed"
    error[pred & ~gold] = "false"
    both = gold & pred
    error[both & (m.get("gold_side") != m.get("pred_side"))] = "side"
    wrong = m[error != ""].assign(error=error[error != ""])
    cue = wrong.get("gold_cue", pd.Series(index=wrong.index, dtype=object)).fillna(wrong.get("pred_verb"))
    out = pd.DataFrame({"doc_id": wrong["doc_id"], "error": wrong["error"], "cue": cue})
    for src, dst in (("gold_speaker", "coded_speaker"), ("gold_side", "coded_side"),
                     ("pred_speaker", "found_speaker"), ("pred_side", "found_side")):
        out[dst] = wrong.get(src, pd.Series(index=wrong.index, dtype=object)).fillna("")
    return out.reset_index(drop=True)


def weak_frames(agreement: pd.DataFrame, *, below: float = 0.7) -> dict[str, float]:
    """The frames a set's coder marked whose F1 (:func:`frame_agreement`) is under ``below``,
    in the order of :data:`FRAMES`: ``{frame: f1}`` (a frame the measure never finds has F1 0)."""
    rows = agreement[(agreement["frame"] != "pooled") & (agreement["n_coded"] > 0)]
    f1 = rows.set_index("frame")["f1"].fillna(0.0)
    return {f: float(v) for f, v in f1.items() if v < below}
