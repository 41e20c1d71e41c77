"""A light supervised baseline for the sentence frames, beside the codebook rules.

One logistic regression per frame (numpy, L2, full-batch gradient descent) over the folded
words of a sentence (and their stems without the article or a proclitic), trained on the
coded sets the rules were tuned on and scored on the blind set (``validation.BLIND``) with
the same per-(sentence, frame) F1 as notebook 06; once with words only, once with the rules'
frames as features too. It answers one question for issue 12: does a learned measure over
the few hundred coded sentences we have close the gap the rules leave on unseen text? It is
a yardstick, not part of the package.

    .venv/bin/python benchmarks/baseline_supervised.py
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import normalize, validation  # noqa: E402

FRAMES = list(validation.FRAMES)
PREFIXES = ("وال", "بال", "لل", "ال", "و", "ب", "ل")


def sentences(name: str) -> pd.DataFrame:
    """The coded sentences of a set with their ``gold`` and the rules' ``pred`` frames."""
    coded, tables = validation.load_coded(name), validation.corpus_tables(validation.CORPORA[name])
    located = validation.locate_sentences(coded.frames, tables["documents"])
    return validation.pair_sentences(located[located["start"] >= 0], tables["frame_sentences"])


def words(text: str) -> list[str]:
    out = []
    for w in re.findall(r"\w+", normalize.fold(text)):
        out.append(w)
        stem = next((w[len(p):] for p in PREFIXES if w.startswith(p) and len(w) - len(p) >= 3), None)
        if stem:
            out.append(stem)
    return out


def features(table: pd.DataFrame, vocab: dict[str, int], rules: bool) -> np.ndarray:
    x = np.zeros((len(table), len(vocab) + (len(FRAMES) if rules else 0) + 1))
    for r, (text, pred) in enumerate(zip(table["text"], table["pred"])):
        for w in words(text):
            if w in vocab:
                x[r, vocab[w]] = 1
        if rules:
            x[r, len(vocab):len(vocab) + len(FRAMES)] = [f in pred for f in FRAMES]
        x[r, -1] = 1
    return x


def fit(x: np.ndarray, y: np.ndarray, *, lam: float = 1.0, steps: int = 600, rate: float = 0.5) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ w))
        w -= rate * (x.T @ (p - y) + lam * w) / len(y)
    return w


def f1(pred: np.ndarray, gold: np.ndarray) -> float:
    tp, fp, fn = (pred * gold).sum(), (pred * (1 - gold)).sum(), ((1 - pred) * gold).sum()
    return float(2 * tp / (2 * tp + fp + fn))


def main() -> None:
    train_sets = [n for n, role in validation.ROLES.items() if role == "tuned"]
    train, test = pd.concat([sentences(n) for n in train_sets]), sentences(validation.BLIND)
    counts: dict[str, int] = {}
    for text in train["text"]:
        for w in set(words(text)):
            counts[w] = counts.get(w, 0) + 1
    vocab = {w: i for i, w in enumerate(sorted(w for w, c in counts.items() if c >= 2))}
    gold = np.array([[f in g for f in FRAMES] for g in test["gold"]], dtype=float)
    y = np.array([[f in g for f in FRAMES] for g in train["gold"]], dtype=float)
    print(f"trained on {', '.join(train_sets)} ({len(train)} sentences); scored on {validation.BLIND} "
          f"({len(test)} sentences), pooled (sentence, frame) F1:")
    rules = np.array([[f in p for f in FRAMES] for p in test["pred"]], dtype=float)
    print(f"  codebook rules (frame_sentences)   {f1(rules, gold):.3f}")
    for with_rules, label in ((False, "words only"), (True, "words + the rules' frames")):
        x_train, x_test = features(train, vocab, with_rules), features(test, vocab, with_rules)
        pred = np.column_stack([(1 / (1 + np.exp(-x_test @ fit(x_train, y[:, k])))) > 0.4
                                for k in range(len(FRAMES))]).astype(float)
        per = ", ".join(f"{f} {f1(pred[:, k], gold[:, k]):.2f}" for k, f in enumerate(FRAMES))
        print(f"  logistic regression, {label:<26}{f1(pred, gold):.3f}  ({per})")


if __name__ == "__main__":
    main()
