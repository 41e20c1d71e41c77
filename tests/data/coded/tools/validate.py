"""Check coded JSONL files parse and are consistent with documents.csv."""
import csv
import json
import sys

FRAMES = {"cooperation", "deconfliction", "confrontation", "counter_terrorism", "diplomacy",
          "military_operations", "strategic_stability"}
SIDES = {"us", "russia", "syria_gov", "other", "jihadist", "us_partner", "opposition", "media",
         "joint", "unresolved"}


def main(setname, docs_csv):
    docs = {r["doc_id"]: r for r in csv.DictReader(open(docs_csv, encoding="utf-8"))}
    base = f"tests/data/coded/{setname}"
    sents = {}
    for line in open(f"{base}.frames.jsonl", encoding="utf-8"):
        r = json.loads(line)
        assert set(r) == {"doc_id", "field", "n", "text", "frames", "note"}, r
        assert r["text"] and r["text"] in docs[r["doc_id"]][r["field"]], r
        assert set(r["frames"]) <= FRAMES, r
        key = (r["doc_id"], r["field"], r["n"])
        assert key not in sents
        sents[key] = r["text"]
    for line in open(f"{base}.statements.jsonl", encoding="utf-8"):
        r = json.loads(line)
        assert set(r) == {"doc_id", "field", "n", "cue", "occurrence", "speaker", "actor_id",
                          "side", "optional", "note"}, r
        assert sents[(r["doc_id"], r["field"], r["n"])].count(r["cue"]) >= r["occurrence"], r
        assert r["side"] in SIDES and isinstance(r["optional"], bool), r
    for line in open(f"{base}.articles.jsonl", encoding="utf-8"):
        r = json.loads(line)
        assert set(r["dominant"]) <= FRAMES and r["stance"] in ("cooperative", "confrontational", "mixed")
        assert r["doc_id"] in docs
    print(setname, "ok:", len(sents), "sentences")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
