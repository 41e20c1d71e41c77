"""Voice shares with bootstrap intervals over sentences (analysis.framing.intervals)."""
import pandas as pd
import pytest

from analysis import framing

SENTENCES = pd.DataFrame({"doc_id": ["a"] * 4 + ["b"], "field": ["title", "body", "body", "body", "body"],
                          "start": [0, 0, 20, 40, 0], "end": [10, 20, 40, 60, 30], "frames": [""] * 5})


def statements(rows):
    return pd.DataFrame(rows, columns=["doc_id", "field", "start", "speaker_side"])


@pytest.mark.parametrize(("side", "voice"), [("us", "us"), ("russia", "russia"), ("joint", "joint"),
                                              ("syria_gov", "other"), ("media", "other"), ("", "unresolved"),
                                              (None, "unresolved"), (float("nan"), "unresolved")])
def test_voice_of(side, voice):
    assert framing.voice_of(side) == voice


def test_shares_counts_and_intervals():
    st = statements([("a", "body", 1, "us"), ("a", "body", 5, "us"), ("a", "body", 25, "russia"),
                     ("a", "body", 45, "joint")])
    out = framing.bootstrap_voice_shares(st, SENTENCES, n=500, seed=1).set_index(["doc_id", "side"])
    assert out.loc[("a", "us"), "n"] == 2 and out.loc[("a", "us"), "share"] == pytest.approx(0.5)
    assert out.loc[("a", "joint"), "share"] == pytest.approx(0.25)
    a = out.loc["a"]
    assert ((a["low"] <= a["share"]) & (a["share"] <= a["high"])).all()
    assert out.loc[("a", "us"), "low"] < 0.5 < out.loc[("a", "us"), "high"]
    assert out.loc["b"]["share"].isna().all()  # no statement: no shares
    again = framing.bootstrap_voice_shares(st, SENTENCES, n=500, seed=1).set_index(["doc_id", "side"])
    pd.testing.assert_frame_equal(out, again)


def test_a_statement_outside_every_sentence_is_its_own_unit_and_level_is_checked():
    st = statements([("a", "body", 100, "russia")])
    out = framing.bootstrap_voice_shares(st, SENTENCES, n=50).set_index(["doc_id", "side"])
    assert out.loc[("a", "russia"), ["share", "low", "high"]].tolist() == [1.0, 1.0, 1.0]
    with pytest.raises(ValueError, match="level"):
        framing.bootstrap_voice_shares(st, SENTENCES, level=1.0)
