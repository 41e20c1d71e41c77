"""Agreement measures against a coder, on small hand-worked examples."""
import json
import math

import pandas as pd
import pytest

from analysis import validation as v

DOCS = pd.DataFrame({"doc_id": ["a"], "title": ["التقى الجانبان.. وبحثا التنسيق"],
                     "body": ["قال لافروف إن القناة مفتوحة. وأضاف أن التعاون مستمر.\nواتهمت واشنطن موسكو."]})


def coded_frames():
    return pd.DataFrame([
        {"doc_id": "a", "field": "title", "n": 0, "text": "التقى الجانبان..", "frames": ["diplomacy"]},
        {"doc_id": "a", "field": "title", "n": 1, "text": "وبحثا التنسيق", "frames": ["cooperation"]},
        {"doc_id": "a", "field": "body", "n": 0, "text": "قال لافروف إن القناة مفتوحة.", "frames": ["deconfliction"]},
        {"doc_id": "a", "field": "body", "n": 1, "text": "وأضاف أن التعاون مستمر.", "frames": ["cooperation"]},
        {"doc_id": "a", "field": "body", "n": 2, "text": "واتهمت واشنطن موسكو.", "frames": ["confrontation"]},
    ])


def test_sentences_are_located_in_text_order():
    located = v.locate_sentences(coded_frames(), DOCS)
    body = DOCS.at[0, "body"]
    assert [body[s:e] for s, e in located.loc[located.field == "body", ["start", "end"]].values] == \
        ["قال لافروف إن القناة مفتوحة.", "وأضاف أن التعاون مستمر.", "واتهمت واشنطن موسكو."]
    missing = v.locate_sentences(coded_frames().assign(text="ليس في النص"), DOCS)
    assert (missing["start"] == -1).all()


def predicted(frames_by_sentence):
    """Predicted rows on the same sentences as the coder's."""
    located = v.locate_sentences(coded_frames(), DOCS)
    return located[["doc_id", "field", "start", "end"]].assign(frames=frames_by_sentence)


def test_frame_agreement_counts_sentence_frame_pairs():
    located = v.locate_sentences(coded_frames(), DOCS)
    # right, missed, one extra frame, cooperation called where deconfliction, right
    pred = predicted(["diplomacy", "", "cooperation;military_operations", "cooperation", "confrontation"])
    table = v.frame_agreement(located, pred).set_index("frame")
    assert table.loc["diplomacy", ["tp", "fp", "fn"]].tolist() == [1, 0, 0]
    assert table.loc["cooperation", ["tp", "fp", "fn"]].tolist() == [1, 1, 1]
    assert table.loc["deconfliction", ["tp", "fp", "fn"]].tolist() == [0, 0, 1]
    assert table.loc["military_operations", ["tp", "fp", "fn"]].tolist() == [0, 1, 0]
    assert table.loc["pooled", ["tp", "fp", "fn"]].tolist() == [3, 2, 2]
    assert table.loc["pooled", "f1"] == pytest.approx(0.6)
    assert math.isnan(table.loc["strategic_stability", "precision"])


def test_confusion_puts_misses_and_extras_under_none():
    located = v.locate_sentences(coded_frames(), DOCS)
    pred = predicted(["diplomacy", "", "cooperation", "cooperation", ""])
    conf = v.frame_confusion(located, pred)
    assert conf.loc["deconfliction", "cooperation"] == 1
    assert conf.loc["cooperation", "(none)"] == 1 and conf.loc["confrontation", "(none)"] == 1
    assert conf.loc["cooperation", "cooperation"] == 1 and conf.loc["diplomacy", "diplomacy"] == 1
    assert conf.values.sum() == 5


def test_shares_and_their_difference():
    coded = v.frame_shares(coded_frames())
    assert coded.loc["a", "cooperation"] == pytest.approx(2 / 5)
    pred = v.frame_shares(predicted(["diplomacy", "", "cooperation", "cooperation", ""]))
    assert pred.loc["a", "cooperation"] == pytest.approx(2 / 3)
    # |.4-.667| + |.2-0| + |.2-0| + |.2-.333| = .8, over 7 frames
    assert v.share_difference(coded, pred).loc["a"] == pytest.approx(0.8 / 7)
    assert v.top_frame_agreement(coded, pred).loc["a"]


def statements_pair():
    located = v.locate_sentences(coded_frames(), DOCS)
    coded = pd.DataFrame([
        {"doc_id": "a", "field": "body", "n": 0, "cue": "قال", "occurrence": 1, "speaker": "لافروف",
         "actor_id": "LAVROV", "side": "russia", "optional": False},
        {"doc_id": "a", "field": "body", "n": 1, "cue": "وأضاف", "occurrence": 1, "speaker": "لافروف",
         "actor_id": "LAVROV", "side": "russia", "optional": False},
        {"doc_id": "a", "field": "body", "n": 2, "cue": "واتهمت", "occurrence": 1, "speaker": "واشنطن",
         "actor_id": "USA", "side": "us", "optional": True},
    ])
    return v.locate_statements(coded, located)


def test_statement_cues_are_located_and_matched_by_overlap():
    coded = statements_pair()
    body = DOCS.at[0, "body"]
    assert [body[s:e] for s, e in coded[["start", "end"]].values] == ["قال", "وأضاف", "واتهمت"]
    pred = pd.DataFrame([  # the first right, the second with the wrong side, one false
        {"doc_id": "a", "field": "body", "start": 0, "end": 10, "speaker": "لافروف", "speaker_actor_id": "LAVROV",
         "speaker_side": "russia", "verb": "قال"},
        {"doc_id": "a", "field": "body", "start": body.index("وأضاف"), "end": body.index("وأضاف") + 5,
         "speaker": "", "speaker_actor_id": None, "speaker_side": None, "verb": "أضاف"},
        {"doc_id": "a", "field": "body", "start": body.index("القناة"), "end": body.index("القناة") + 6,
         "speaker": "x", "speaker_actor_id": None, "speaker_side": None, "verb": "x"},
    ])
    scores = v.statement_agreement(v.match_statements(coded, pred))
    # the optional coded statement, unmatched, is not a miss
    assert (scores["tp"], scores["fp"], scores["fn"]) == (2, 1, 0)
    assert scores["side_accuracy"] == pytest.approx(0.5)
    assert scores["actor_accuracy"] == pytest.approx(0.5)


@pytest.mark.parametrize("side, expected", [("us", "us"), ("russia", "russia"), ("joint", "joint"),
                                            ("syria_gov", "other"), ("media", "other"), ("", "unresolved"),
                                            (None, "unresolved"), ("unresolved", "unresolved")])
def test_voice(side, expected):
    assert v.voice(side) == expected


def test_voice_shares():
    st = pd.DataFrame({"doc_id": ["a", "a", "a", "a"], "side": ["us", "joint", "syria_gov", "us"]})
    shares = v.voice_shares(st, side="side", doc_ids=["a", "b"])
    assert shares.loc["a"].tolist() == [0.5, 0, 0.25, 0.25, 0]
    assert shares.loc["b"].sum() == 0


def test_load_coded_rejects_unknown_frames(tmp_path):
    for kind, row in (("frames", {"doc_id": "a", "field": "title", "n": 0, "text": "x", "frames": ["friendship"]}),
                      ("statements", {"doc_id": "a"}), ("articles", {"doc_id": "a"})):
        (tmp_path / f"s.{kind}.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(v.ValidationError, match="friendship"):
        v.load_coded("s", folder=tmp_path)
    with pytest.raises(v.ValidationError, match="no such coded file"):
        v.load_coded("absent", folder=tmp_path)


def test_a_sentence_moved_to_the_other_field_is_still_found():
    """A cleaner that now takes the headline from the body into the title keeps the coding."""
    coded = coded_frames().assign(field="body", n=range(5))  # the coder saw everything in the body
    located = v.locate_sentences(coded, DOCS)
    assert located["field"].tolist() == ["title", "title", "body", "body", "body"]
    assert located["coded_field"].tolist() == ["body"] * 5
    assert (located["start"] >= 0).all()
    st = v.locate_statements(pd.DataFrame([{"doc_id": "a", "field": "body", "n": 1, "cue": "وبحثا",
                                            "occurrence": 1}]), located)
    assert st[["field", "start", "end"]].values.tolist() == [["title", 17, 22]]


def test_weak_frames_are_the_coded_frames_under_the_threshold():
    agreement = pd.DataFrame({"frame": ["cooperation", "diplomacy", "strategic_stability", "pooled"],
                              "n_coded": [6, 25, 0, 31], "f1": [0.3, 0.72, float("nan"), 0.7]})
    assert v.weak_frames(agreement, below=0.7) == {"cooperation": 0.3}
    assert v.weak_frames(agreement.assign(f1=[float("nan"), 0.5, 0.0, 0.5]), below=0.7) == \
        {"cooperation": 0.0, "diplomacy": 0.5}


def test_score_set_on_a_tuned_set_is_consistent_with_its_tables():
    result = v.score_set("seeds")
    assert result["role"] == "tuned" and v.ROLES[v.BLIND] == "blind"
    assert [name for name, role in v.ROLES.items() if role == "blind"] == [v.BLIND]
    pooled = result["agreement"].set_index("frame").loc["pooled"]
    assert pooled["n_coded"] == sum(len(f) for f in v.load_coded("seeds").frames["frames"])
    assert result["share_mad"] == pytest.approx(result["per_article"]["share_mad"].mean())
    errors = v.frame_errors(result)
    assert len(errors) == int((result["pairs"]["gold"] != result["pairs"]["pred"]).sum())
    wrong = v.statement_errors(result)
    st = result["statements"]
    assert (wrong["error"] == "missed").sum() == st["fn"] and (wrong["error"] == "false").sum() == st["fp"]
    row = v.summary([result]).loc["seeds"]
    assert row["frame_f1"] == pooled["f1"] and row["statement_f1"] == st["f1"]


def test_a_second_coder_is_scored_against_the_first(tmp_path, monkeypatch):
    """The seeds' coding against a copy in which the second coder dropped one frame of one
    sentence and gave one statement another side: frames precision 1 and one pair missed;
    statements all found, one side of the found ones wrong."""
    import json
    import shutil

    for kind in ("frames", "statements", "articles"):
        shutil.copy(v.CODED_DIR / f"seeds.{kind}.jsonl", tmp_path / f"seeds.{kind}.jsonl")
    frames = [json.loads(line) for line in (tmp_path / "seeds.frames.jsonl").read_text(encoding="utf-8").splitlines()]
    k = next(i for i, row in enumerate(frames) if len(row["frames"]) == 2)
    frames[k]["frames"] = frames[k]["frames"][:1]
    statements = [json.loads(line) for line in (tmp_path / "seeds.statements.jsonl").read_text(encoding="utf-8").splitlines()]
    j = next(i for i, row in enumerate(statements) if row["side"] == "us" and not row.get("optional"))
    statements[j]["side"] = "russia"
    for kind, rows in (("frames", frames), ("statements", statements)):
        (tmp_path / f"two.{kind}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    shutil.copy(tmp_path / "seeds.articles.jsonl", tmp_path / "two.articles.jsonl")
    monkeypatch.setattr(v, "CODED_DIR", tmp_path)
    result = v.score_coders("seeds", "two")
    pooled = result["agreement"].set_index("frame").loc["pooled"]
    assert result["role"] == "second coder" and result["set"] == "two"
    assert (pooled["fp"], pooled["fn"]) == (0, 1) and pooled["tp"] == pooled["n_coded"] - 1
    st = result["statements"]
    assert st["f1"] == 1.0 and st["side_accuracy"] == pytest.approx(1 - 1 / result["n_coded_statements"])
    assert 0 < result["voice_mad"] and 0 < result["share_mad"]
