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
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import validation  # noqa: E402


def print_errors(result: dict) -> None:
    name = result["set"]
    print(f"\n== {name}: sentences where the frames differ")
    for r in validation.frame_errors(result).itertuples(index=False):
        print(f"  {r.doc_id} {r.field}#{r.n}: missed [{r.missed}] extra [{r.extra}]\n      {r.text[:160]}")
    print(f"\n== {name}: statements missed, false, or with another side")
    for r in validation.statement_errors(result).itertuples(index=False):
        if r.error == "missed":
            print(f"  missed  {r.doc_id}: «{r.cue}» {r.coded_speaker} ({r.coded_side})")
        elif r.error == "false":
            print(f"  false   {r.doc_id}: «{r.cue}» {r.found_speaker} ({r.found_side})")
        else:
            print(f"  side    {r.doc_id}: «{r.cue}» coded {r.coded_speaker} ({r.coded_side}), "
                  f"found {r.found_speaker} ({r.found_side})")


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
    sets = args.sets or [s for s in validation.CORPORA if (validation.CODED_DIR / f"{s}.frames.jsonl").exists()]
    for name in sets:
        result = validation.score_set(name, measure=args.measure)
        if args.errors:
            print_errors(result)
        report(result)


if __name__ == "__main__":
    main()
