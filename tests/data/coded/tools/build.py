"""Build and validate coded JSONL files from a coding module (coder A's throwaway tool).

Usage: python tests/data/coded/tools/build.py SET   (reads tools/code_SET.py)
"""
import importlib.util
import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from split import load, split_field

ABBR = {"C": "cooperation", "D": "deconfliction", "X": "confrontation", "T": "counter_terrorism",
        "P": "diplomacy", "M": "military_operations", "S": "strategic_stability"}
SIDES = {"us", "russia", "syria_gov", "other", "jihadist", "us_partner", "opposition", "media",
         "joint", "unresolved"}
HERE = pathlib.Path(__file__).parent
OUT = HERE.parent


def codebook():
    rows = [line.split("\t") for line in open("/work/shared/codebook.tsv", encoding="utf-8")][1:]
    return {r[0]: r[2] for r in rows}


def main(setname):
    spec = importlib.util.spec_from_file_location("c", HERE / f"code_{setname}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    docs = {r["doc_id"]: r for r in load(f"/tmp/base/{setname}/documents.csv")}
    cb = codebook()
    frames_out, st_out, art_out = [], [], []
    sents = {}
    for doc_id, r in docs.items():
        if doc_id not in mod.FRAMES:
            print("NOT CODED", doc_id)
            continue
        for field, key in (("title", "t"), ("body", "b")):
            ss = split_field(r[field])
            codes = mod.FRAMES[doc_id][key]
            assert len(codes) == len(ss), (doc_id, field, len(codes), len(ss))
            for n, (s, c) in enumerate(zip(ss, codes)):
                if isinstance(c, tuple):
                    c, note = c
                else:
                    note = ""
                fr = [ABBR[x] for x in c]
                assert len(set(fr)) == len(fr)
                assert s in r[field]
                sents[(doc_id, field, n)] = s
                frames_out.append({"doc_id": doc_id, "field": field, "n": n, "text": s,
                                   "frames": fr, "note": note})
    for st in mod.STATEMENTS:
        doc_id, key, n, cue, occ, speaker, actor, side = st[:8]
        optional = st[8] if len(st) > 8 else False
        note = st[9] if len(st) > 9 else ""
        field = {"t": "title", "b": "body"}[key]
        s = sents[(doc_id, field, n)]
        assert s.count(cue) >= occ, (doc_id, field, n, cue)
        assert side in SIDES, side
        if actor:
            assert actor in cb, actor
            assert cb[actor] == side, (actor, side)
        st_out.append({"doc_id": doc_id, "field": field, "n": n, "cue": cue, "occurrence": occ,
                       "speaker": speaker, "actor_id": actor, "side": side,
                       "optional": optional, "note": note})
    order = {d: i for i, d in enumerate(docs)}
    st_out.sort(key=lambda x: (order[x["doc_id"]], x["field"] != "title", x["n"],
                               sents[(x["doc_id"], x["field"], x["n"])].find(x["cue"])))
    for doc_id, (dom, stance, note) in mod.ARTICLES.items():
        assert stance in ("cooperative", "confrontational", "mixed")
        art_out.append({"doc_id": doc_id, "dominant": [ABBR[x] for x in dom], "stance": stance,
                        "note": note})
    for kind, rows in (("frames", frames_out), ("statements", st_out), ("articles", art_out)):
        with open(OUT / f"{setname}.{kind}.jsonl", "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    from collections import Counter
    fc = Counter(f for r in frames_out for f in r["frames"])
    print(setname, "sentences", len(frames_out), "with frame",
          sum(1 for r in frames_out if r["frames"]), "pairs", sum(fc.values()))
    print(" frames", dict(fc.most_common()))
    print(" statements", len(st_out), "optional", sum(s["optional"] for s in st_out),
          dict(Counter(s["side"] for s in st_out).most_common()))


if __name__ == "__main__":
    main(sys.argv[1])
