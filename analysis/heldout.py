"""Held-out gold sets: cleaning, actor and date extraction scored against gold annotations.

``tests/data/heldout*/`` hold Arabic news pages from outlets other than the seeds, written
blind to this code, with gold annotations (``gold.json``): which lines are body and which
furniture, every actor mention (surface, actor_id) and every date mention (surface, value,
granularity) in text order. :func:`evaluate` runs the package on one set and returns:

* cleaning: share of gold body lines kept, share of gold furniture lines removed;
* actors: precision, recall, F1 of (span, actor_id), a predicted mention matching a gold one
  when their spans overlap and the ids agree;
* dates: precision and recall of spans, and the share of matched mentions whose value is
  right (the value must equal the gold value exactly). Vague mentions (no value) are
  optional both ways, as DESIGN.md allows.

Gold surfaces are located in the cleaned title and body in text order (each search starts
after the previous hit), so a gold mention needs no offsets. ``benchmarks/evaluate_heldout.py``
prints the figures and every miss.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import actors, clean, corpus, dates, paths

__all__ = ["HELDOUT", "load_gold", "run", "score", "evaluate", "evaluate_pages"]

HELDOUT = paths.ROOT / "tests" / "data" / "heldout"


def load_gold(folder: Path = HELDOUT) -> dict:
    """The gold annotations of a held-out folder (``gold.json``), by file name."""
    return json.loads((Path(folder) / "gold.json").read_text(encoding="utf-8"))


def run(folder: Path = HELDOUT):
    """``(documents, removed, actor mentions, date mentions, gold)`` for the held-out pages,
    each dated by its gold publication date."""
    gold = load_gold(folder)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rows = ["doc_id,outlet,published,published_basis"]
        for name, g in sorted(gold.items()):
            shutil.copy(Path(folder) / name, tmp / name)
            rows.append(f"{Path(name).stem},,{g['published']},stated")
        (tmp / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        documents, removed = clean.clean(corpus.load(tmp))
    return documents, removed, actors.find_mentions(documents), dates.find_mentions(documents), gold


def _place_by_line(fields, item, raw_lines):
    """An item with ``line``/``col`` (1-based file line, 0-based column) placed exactly: its
    line's trimmed text found in the title or body, then the column applied."""
    if "line" not in item or "col" not in item or item["line"] > len(raw_lines):
        return None
    line = raw_lines[item["line"] - 1]
    content, surface = line.strip(), item["surface"]
    col = item["col"] - (len(line) - len(line.lstrip()))
    for name, text in fields:
        pos = text.find(content) if content else -1
        if pos >= 0 and text[pos + col:pos + col + len(surface)] == surface:
            return (name, pos + col, pos + col + len(surface))
    return None


def _locate(documents: pd.DataFrame, gold_items: list, doc_id: str, raw_lines: list[str]):
    """Gold items of one document with ``(field, start, end)`` in the cleaned fields (or None)."""
    doc = documents.set_index("doc_id").loc[doc_id]
    fields = [("title", doc["title"]), ("body", doc["body"])]
    located, where, field_i = [], {"title": 0, "body": 0}, 0
    for item in gold_items:
        found = _place_by_line(fields, item, raw_lines)
        for fi in range(field_i, 2) if found is None else ():
            name, text = fields[fi]
            pos = text.find(item["surface"], where[name] if fi == field_i else 0)
            if pos >= 0:
                found, field_i = (name, pos, pos + len(item["surface"])), fi
                where[name] = pos + len(item["surface"])
                break
        located.append((item, found))
    return located


def _overlap(a, b) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


@dataclass
class _Tally:
    """Counts of one kind of mention (actor or date)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    right: int = 0
    unlocated: int = 0
    errors: list = field(default_factory=list)


def _score_lines(doc_id: str, g: dict, removed: pd.DataFrame, errors: list) -> tuple[int, int, int, int]:
    """(body lines, body kept, furniture lines, furniture removed) of one document."""
    gone = set(removed.loc[removed["doc_id"] == doc_id, "line_no"])
    body_kept = 0
    for line in g["body_lines"]:
        if line in gone:
            errors.append((doc_id, "body line removed", line))
        else:
            body_kept += 1
    furn_removed = 0
    for entry in g["furniture_lines"]:
        line = entry["line"] if isinstance(entry, dict) else entry
        if line in gone or line == g.get("title_line"):
            furn_removed += 1
        else:
            errors.append((doc_id, "furniture line kept", line))
    return len(g["body_lines"]), body_kept, len(g["furniture_lines"]), furn_removed


def _score_mentions(kind: str, located, pred: pd.DataFrame, doc_id: str, t: _Tally) -> None:
    """Match one document's gold mentions of ``kind`` to the predicted ones, into ``t``."""
    spans = list(zip(pred["field"], pred["start"], pred["end"], pred["surface"],
                     pred["actor_id"] if kind == "actor" else pred["value"]))
    used: set[int] = set()
    for item, span in located:
        if span is None:
            t.unlocated += 1
            t.errors.append((doc_id, f"gold {kind} not found in text", item["surface"]))
            continue
        want = item["actor_id"] if kind == "actor" else item["value"]
        hit = next((i for i, p in enumerate(spans) if i not in used and _overlap(span, p)
                    and (kind == "date" or p[4] == want)), None)
        if hit is None:
            if kind == "date" and not want:
                continue  # vague mentions are optional (DESIGN: "may be listed")
            t.errors.append((doc_id, f"{kind} missed", f"{item['surface']} → {want}"))
            t.fn += 1
            continue
        used.add(hit)
        t.tp += 1
        if spans[hit][4] == want:
            t.right += 1
        else:
            t.errors.append((doc_id, f"{kind} value wrong", f"{item['surface']}: {spans[hit][4]} ≠ {want}"))
    for i, p in enumerate(spans):
        if i not in used and not (kind == "date" and not p[4]):  # vague: optional
            t.errors.append((doc_id, f"false {kind}", f"{p[3]} → {p[4]}"))
            t.fp += 1


def _ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def score(documents, removed, actor_mentions, date_mentions, gold, *, errors: list | None = None,
          folder: Path = HELDOUT) -> dict:
    """Figures of the three layers.

    Args:
        documents, removed, actor_mentions, date_mentions, gold: as :func:`run` returns them.
        errors: a list that collects every miss and false hit as ``(doc_id, what, detail)``.
        folder: where the pages are (gold ``line``/``col`` refer to the files).

    Returns:
        ``body lines kept``, ``furniture lines removed``, ``actor precision/recall/F1``,
        ``date precision/recall``, ``date values right`` and ``counts``.
    """
    errors = [] if errors is None else errors
    lines = [0, 0, 0, 0]
    tallies = {"actor": _Tally(errors=errors), "date": _Tally(errors=errors)}
    for name, g in sorted(gold.items()):
        doc_id = Path(name).stem
        lines = [a + b for a, b in zip(lines, _score_lines(doc_id, g, removed, errors))]
        raw_lines = (Path(folder) / name).read_text(encoding="utf-8").split("\n")
        for kind, items, predicted in (("actor", g["actors"], actor_mentions), ("date", g["dates"], date_mentions)):
            located = _locate(documents, items, doc_id, raw_lines)
            _score_mentions(kind, located, predicted[predicted["doc_id"] == doc_id], doc_id, tallies[kind])
    a, d = tallies["actor"], tallies["date"]
    a_p, a_r = _ratio(a.tp, a.tp + a.fp), _ratio(a.tp, a.tp + a.fn)
    return {
        "body lines kept": _ratio(lines[1], lines[0]),
        "furniture lines removed": _ratio(lines[3], lines[2]),
        "actor precision": a_p, "actor recall": a_r, "actor F1": _ratio(2 * a_p * a_r, a_p + a_r),
        "date precision": _ratio(d.tp, d.tp + d.fp), "date recall": _ratio(d.tp, d.tp + d.fn),
        "date values right": _ratio(d.right, d.tp),
        "counts": {"body": lines[0], "furniture": lines[2], "gold actors": a.tp + a.fn,
                   "gold dates": d.tp + d.fn, "gold surfaces not found": a.unlocated + d.unlocated},
    }


def evaluate(folder: Path = HELDOUT, *, errors: list | None = None) -> dict:
    """:func:`score` of :func:`run` on one held-out folder."""
    return score(*run(folder), errors=errors, folder=folder)


# --- saved web pages (pages.json) -------------------------------------------------------------

def evaluate_pages(folder: Path, *, errors: list | None = None) -> dict:
    """Saved pages of a held-out folder (``pages.json``) read through the whole pipeline.

    Scores, over the pages: outlet, publication date and title read right; body paragraphs
    kept (each gold paragraph's opening words found in the body); site chrome and in-article
    furniture kept out of title and body; actor and date mentions as :func:`score` does
    (located by surface in text order, in the body: ``pages.json`` lists the body's
    mentions, so title mentions are left out of both sides).
    """
    errors = [] if errors is None else errors
    gold = json.loads((Path(folder) / "pages.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        for name in gold:
            shutil.copy(Path(folder) / name, Path(tmp) / name)
        documents, _ = clean.clean(corpus.load(tmp))
    mentions, date_mentions = actors.find_mentions(documents), dates.find_mentions(documents)
    docs = documents.set_index("doc_id")
    counts = dict.fromkeys(("outlet", "published", "title", "paragraphs", "paragraphs kept",
                            "chrome", "chrome kept out"), 0)
    tallies = {"actor": _Tally(errors=errors), "date": _Tally(errors=errors)}
    # pages.json lists the body's mentions only: the title's are neither gold nor scored
    body_only = documents.assign(title="")
    mentions = mentions[mentions["field"] == "body"]
    date_mentions = date_mentions[date_mentions["field"] == "body"]
    for name, g in sorted(gold.items()):
        doc_id = Path(name).stem
        _score_page(doc_id, g, docs.loc[doc_id], counts, errors)
        for kind, items, predicted in (("actor", g["actors"], mentions), ("date", g["dates"], date_mentions)):
            located = _locate(body_only, items, doc_id, [])
            _score_mentions(kind, located, predicted[predicted["doc_id"] == doc_id], doc_id, tallies[kind])
    n, a, d = len(gold), tallies["actor"], tallies["date"]
    a_p, a_r = _ratio(a.tp, a.tp + a.fp), _ratio(a.tp, a.tp + a.fn)
    return {"outlet right": _ratio(counts["outlet"], n), "date right": _ratio(counts["published"], n),
            "title right": _ratio(counts["title"], n),
            "body paragraphs kept": _ratio(counts["paragraphs kept"], counts["paragraphs"]),
            "chrome kept out": _ratio(counts["chrome kept out"], counts["chrome"]),
            "actor precision": a_p, "actor recall": a_r, "actor F1": _ratio(2 * a_p * a_r, a_p + a_r),
            "date precision": _ratio(d.tp, d.tp + d.fp), "date recall": _ratio(d.tp, d.tp + d.fn),
            "date values right": _ratio(d.right, d.tp),
            "counts": {"pages": n, "paragraphs": counts["paragraphs"], "chrome": counts["chrome"],
                       "gold surfaces not found": a.unlocated + d.unlocated}}


def _score_page(doc_id: str, g: dict, doc: pd.Series, counts: dict, errors: list) -> None:
    published = "" if pd.isna(doc["published"]) else str(doc["published"].date())
    for key, got, want in (("outlet", doc["outlet"], g["outlet"]), ("published", published, g["published"]),
                           ("title", doc["title"], g["title"])):
        if got == want:
            counts[key] += 1
        else:
            errors.append((doc_id, f"{key} wrong", f"{got!r} ≠ {want!r}"))
    for opening in g["body_paragraphs"]:
        counts["paragraphs"] += 1
        if opening in doc["body"]:
            counts["paragraphs kept"] += 1
        else:
            errors.append((doc_id, "body paragraph lost", opening))
    for chrome in g["chrome"] + g.get("article_furniture", []):
        counts["chrome"] += 1
        if chrome in doc["title"] or chrome in doc["body"]:
            errors.append((doc_id, "chrome in the text", chrome))
        else:
            counts["chrome kept out"] += 1
