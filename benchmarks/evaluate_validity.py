"""Score the frame and voice measures against the hand-coded sets (tests/data/coded/).

For each coded set the package runs on its corpus, and the script prints frame agreement per
(sentence, frame) pair (precision, recall, F1 per frame and pooled), the mean absolute
difference of each article's frame shares from the coder's, top-frame agreement, statement
detection (precision, recall, F1), side and actor accuracy on matched statements, and the mean
absolute difference of voice shares.

    python benchmarks/evaluate_validity.py                      # every coded set
    python benchmarks/evaluate_validity.py --sets blind --errors
    python benchmarks/evaluate_validity.py --measure hits       # the cue-hit baseline

``--measure hits`` scores the sentence frames implied by the cue hits alone (the package's
measure before frames were decided per sentence); ``sentences`` (the default where the
package has it) scores ``frame_sentences``.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import corpus, framing, pipeline, validation  # noqa: E402

CORPORA = {"seeds": ROOT / "seeds", "heldout": ROOT / "tests" / "data" / "heldout",
           "heldout2": ROOT / "tests" / "data" / "heldout2", "blind": ROOT / "tests" / "data" / "blind"}


def tables(folder: Path) -> dict[str, pd.DataFrame]:
    """The extract tables of a corpus folder; a held-out folder's dates come from gold.json."""
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


def predicted_sentences(t: dict[str, pd.DataFrame], measure: str) -> pd.DataFrame:
    """The sentence frames scored: ``frame_sentences`` (the codebook's decision rules over the
    cue hits and actor mentions) or, for ``hits``, the union of the cue hits' frames."""
    if measure == "sentences":
        if "frame_sentences" in t:
            return t["frame_sentences"]
        return framing.frame_sentences(t["documents"], t["frame_hits"], t["actor_mentions"])
    return validation.sentence_frames_from_hits(t["documents"], t["frame_hits"])


def score_set(name: str, *, measure: str, errors: bool) -> dict:
    coded = validation.load_coded(name)
    t = tables(CORPORA[name])
    docs = t["documents"][t["documents"]["doc_id"].isin(coded.frames["doc_id"])]
    located = validation.locate_sentences(coded.frames, docs)
    lost = located[located["start"] < 0]
    pred = predicted_sentences(t, measure)
    agreement = validation.frame_agreement(located[located["start"] >= 0], pred)
    shares_gold = validation.frame_shares(located)
    shares_pred = validation.frame_shares(
        validation.pair_sentences(located[located["start"] >= 0], pred).assign(frames=lambda d: d["pred"]))
    mad = validation.share_difference(shares_gold, shares_pred)
    top = validation.top_frame_agreement(shares_gold, shares_pred)
    st_gold = validation.locate_statements(coded.statements, located)
    st_pred = t["statements"][t["statements"]["doc_id"].isin(docs["doc_id"])]
    matches = validation.match_statements(st_gold[st_gold["start"] >= 0], st_pred)
    st = validation.statement_agreement(matches)
    doc_ids = list(docs["doc_id"])
    required = st_gold[~st_gold["optional"].fillna(False).astype(bool)]
    voice_mad = validation.share_difference(
        validation.voice_shares(required, side="side", doc_ids=doc_ids),
        validation.voice_shares(st_pred, side="speaker_side", doc_ids=doc_ids))
    if errors:
        print_errors(name, located, pred, matches)
    return {"set": name, "articles": len(doc_ids), "sentences": len(located), "lost": len(lost),
            "agreement": agreement, "share_mad": float(mad.mean()), "top_agree": float(top.mean()),
            "statements": st, "voice_mad": float(voice_mad.mean()), "n_coded_statements": len(required)}


def print_errors(name: str, located: pd.DataFrame, pred: pd.DataFrame, matches: pd.DataFrame) -> None:
    pairs = validation.pair_sentences(located[located["start"] >= 0], pred)
    print(f"\n== {name}: sentences where the frames differ")
    for r in pairs.itertuples(index=False):
        if r.gold != r.pred:
            print(f"  {r.doc_id} {r.field}#{r.n}: coded {sorted(r.gold)} predicted {sorted(r.pred)}\n"
                  f"      {r.text[:160]}")
    print(f"\n== {name}: statements missed, false, or with another side")
    for r in matches.itertuples(index=False):
        gold, pred = getattr(r, "gold_cue", None), getattr(r, "pred_verb", None)
        if isinstance(gold, str) and not isinstance(pred, str) and not r.optional:
            print(f"  missed  {r.doc_id}: «{gold}» {r.gold_speaker} ({r.gold_side})")
        elif isinstance(pred, str) and not isinstance(gold, str):
            print(f"  false   {r.doc_id}: «{pred}» {r.pred_speaker} ({r.pred_side})")
        elif isinstance(gold, str) and isinstance(pred, str) and r.gold_side != r.pred_side:
            print(f"  side    {r.doc_id}: «{gold}» coded {r.gold_speaker} ({r.gold_side}), "
                  f"found {r.pred_speaker} ({r.pred_side})")


def report(result: dict) -> None:
    a = result["agreement"].set_index("frame")
    st = result["statements"]
    print(f"\n{result['set']}: {result['articles']} articles, {result['sentences']} coded sentences"
          + (f" ({result['lost']} not found in the cleaned text)" if result["lost"] else ""))
    print(f"  {'frame':22} {'n':>4} {'P':>6} {'R':>6} {'F1':>6}")
    for frame, row in a.iterrows():
        print(f"  {frame:22} {int(row['n_coded']):4d} {row['precision']:6.2f} {row['recall']:6.2f} {row['f1']:6.2f}")
    print(f"  frame shares, mean absolute difference per article: {result['share_mad']:.3f}; "
          f"top frame agrees in {result['top_agree']:.0%} of articles")
    print(f"  statements ({result['n_coded_statements']} coded): P {st['precision']:.2f} R {st['recall']:.2f} "
          f"F1 {st['f1']:.2f}; side accuracy {st['side_accuracy']:.2f} (voice {st['voice_accuracy']:.2f}), "
          f"actor accuracy {st['actor_accuracy']:.2f}; voice shares MAD {result['voice_mad']:.3f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=None, help="coded sets (default: all present)")
    parser.add_argument("--measure", choices=("sentences", "hits"), default="sentences")
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    sets = args.sets or [s for s in CORPORA if (validation.CODED_DIR / f"{s}.frames.jsonl").exists()]
    for name in sets:
        report(score_set(name, measure=args.measure, errors=args.errors))


if __name__ == "__main__":
    main()
