"""The hand-coded validation sets (tests/data/coded/) are well formed.

They are the yardstick of the frame and voice measures, so a typo in them (a frame name, a
side, a cue that is not in its sentence) would bend every figure in notebook 06 silently.
"""
import json

import pytest

from analysis import actors, validation

SETS = ("seeds", "heldout", "heldout2", "blind", "blind2", "blind3", "blind4", "blind2-coder2", "blind3-coder2",
        "blind4-coder2")
SIDES = {"us", "russia", "syria_gov", "other", "jihadist", "us_partner", "opposition", "media",
         "joint", "unresolved"}
STANCES = {"cooperative", "confrontational", "mixed"}


def rows(name, kind):
    path = validation.CODED_DIR / f"{name}.{kind}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name", SETS)
def test_sentences_are_numbered_in_order_and_framed_by_the_codebook(name):
    frames = rows(name, "frames")
    assert frames, name
    by_field = {}
    for r in frames:
        assert set(r) == {"doc_id", "field", "n", "text", "frames", "note"}, r
        assert r["field"] in ("title", "body") and r["text"] == r["text"].strip() and r["text"]
        assert set(r["frames"]) <= set(validation.FRAMES) and len(set(r["frames"])) == len(r["frames"]), r
        by_field.setdefault((r["doc_id"], r["field"]), []).append(r["n"])
    for key, ns in by_field.items():
        assert ns == list(range(len(ns))), key


@pytest.mark.parametrize("name", SETS)
def test_statements_point_at_a_cue_in_a_coded_sentence(name):
    sentences = {(r["doc_id"], r["field"], r["n"]): r["text"] for r in rows(name, "frames")}
    ids = set(actors.load_codebook()["id"])
    for r in rows(name, "statements"):
        assert set(r) == {"doc_id", "field", "n", "cue", "occurrence", "speaker", "actor_id", "side",
                          "optional", "note"}, r
        text = sentences[r["doc_id"], r["field"], r["n"]]
        assert r["cue"] and text.count(r["cue"]) >= r["occurrence"] >= 1, r
        assert r["side"] in SIDES and isinstance(r["optional"], bool), r
        assert r["actor_id"] in ids | {""}, r


@pytest.mark.parametrize("name", SETS)
def test_every_article_has_a_judgement(name):
    coded_docs = {r["doc_id"] for r in rows(name, "frames")}
    articles = rows(name, "articles")
    assert {a["doc_id"] for a in articles} == coded_docs
    for a in articles:
        assert a["stance"] in STANCES and 1 <= len(a["dominant"]) <= 2
        assert set(a["dominant"]) <= set(validation.FRAMES)


@pytest.mark.parametrize("name, second", list(validation.SECOND_CODERS.items()))
def test_a_second_coding_codes_the_same_sentences(name, second):
    """A second coder's sentences are the first's, one for one (the split is the codebook's)."""
    def key(r):
        return r["doc_id"], r["field"], r["n"], r["text"]
    assert [key(r) for r in rows(second, "frames")] == [key(r) for r in rows(name, "frames")]
