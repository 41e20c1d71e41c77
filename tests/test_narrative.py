"""Prose that fits the corpus: generated sentences, and seed commentary only on the seeds."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from analysis import clean, compare, dates, narrative, paths


def docs(rows, **extra):
    """A documents table from ``(doc_id, outlet, published, basis)`` tuples."""
    d = pd.DataFrame(rows, columns=["doc_id", "outlet", "published", "published_basis"])
    d["published"] = pd.to_datetime(d["published"])
    d["n_chars"] = 1000
    d["n_tokens"] = 200
    for k, v in extra.items():
        d[k] = v
    return d


@pytest.mark.parametrize(("n", "noun", "expected"), [
    (0, "article", "no articles"), (1, "article", "1 article"), (2, "article", "2 articles"),
    (1204, "article", "1,204 articles"), (3, "dateline", "3 datelines"),
])
def test_count(n, noun, expected):
    assert narrative.count(n, noun) == expected


@pytest.mark.parametrize(("values", "expected"), [
    ([0.39, 0.58, 0.45], "39–58%"), ([0.5, 0.5], "50%"), ([], "–"), ([float("nan"), 0.2], "20%"),
])
def test_span_of_shares(values, expected):
    assert narrative.span(values) == expected


@pytest.mark.parametrize(("items", "expected"), [
    ([], ""), (["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c"),
])
def test_listing(items, expected):
    assert narrative.listing(items) == expected


# ---------------------------------------------------------------- which corpus is this?

def test_the_seeds_are_the_seed_corpus(raw_seeds, seeds):
    assert narrative.is_seed_corpus(raw_seeds)
    assert narrative.is_seed_corpus(seeds[0])


def test_a_copy_of_the_seed_folder_elsewhere_is_still_the_seeds(tmp_path):
    copy = tmp_path / "elsewhere"
    shutil.copytree(paths.SEEDS_DIR, copy)
    raw, notes = narrative.load(copy)
    assert narrative.is_seed_corpus(raw) and notes == []


def test_seed_texts_without_their_metadata_are_not_the_seeds(tmp_path):
    for f in paths.SEEDS_DIR.glob("*.txt"):
        shutil.copy(f, tmp_path / f.name)
    raw, notes = narrative.load(tmp_path)
    assert not narrative.is_seed_corpus(raw)
    assert any("metadata.csv" in n for n in notes)
    assert narrative.seed_commentary(raw, "01-summary") == ""


def test_a_subset_or_an_edited_seed_is_not_the_seeds(raw_seeds):
    assert not narrative.is_seed_corpus(raw_seeds.iloc[:4])
    edited = raw_seeds.copy()
    edited.loc[0, "sha256"] = "0" * 64
    assert not narrative.is_seed_corpus(edited)
    assert not narrative.is_seed_corpus(raw_seeds.drop(columns="sha256"))


def test_seed_commentary_on_the_seeds_and_an_unknown_section(raw_seeds):
    assert "Rozana" in narrative.seed_commentary(raw_seeds, "03-summary")
    with pytest.raises(KeyError, match="no section"):
        narrative.seed_commentary(raw_seeds, "99-nothing")


def test_every_seed_section_the_notebooks_ask_for_exists(raw_seeds):
    for key in ("01-summary", "02-summary", "03-summary", "04-summary", "05-summary"):
        assert narrative.seed_commentary(raw_seeds, key)


# ---------------------------------------------------------------- 01: the corpus

@pytest.mark.parametrize(("rows", "expected"), [
    ([("a", "Rozana", "2019-09-05", "stated"), ("b", "", "2017-09-23", "inferred")],
     "The corpus holds **2 articles** (2,000 characters as captured). They come from 1 named outlet; "
     "1 article has no outlet. They were published between 23 September 2017 and 5 September 2019."),
    ([("a", "", None, "")],
     "The corpus holds **1 article** (1,000 characters as captured). No article names its outlet. "
     "None has a known publication date."),
    ([("a", "", "2016-09-10", "stamp"), ("b", "", None, ""), ("c", "", None, "")],
     "The corpus holds **3 articles** (3,000 characters as captured). No article names its outlet. "
     "They were published on 10 September 2016; 2 articles have no known date."),
])
def test_corpus_overview(rows, expected):
    assert narrative.corpus_overview(docs(rows)) == expected


def test_date_basis_counts_an_undated_row_as_unknown_whatever_its_basis():
    d = docs([("a", "", "2016-09-10", "stamp"), ("b", "", None, "stated"), ("c", "", "2017-01-01", "inferred")])
    assert narrative.date_basis(d) == ("Publication dates: 1 date taken from a publication stamp in the text, "
                                       "1 date inferred from the events reported and 1 date unknown.")


def test_encodings():
    assert narrative.encodings(docs([("a", "", None, "")], encoding="utf-8")) == "All files are UTF-8."
    mixed = docs([("a", "", None, ""), ("b", "", None, "")], encoding=["utf-8", "cp1256"])
    assert narrative.encodings(mixed) == "Files read as utf-8 (1 file) and cp1256 (1 file)."


def test_loading_notes_say_each_warning_once():
    assert narrative.loading_notes([]) == ""
    assert narrative.loading_notes(["x has no metadata.csv", "x has no metadata.csv"]) == (
        "Loading reported:\n\n- x has no metadata.csv")


# ---------------------------------------------------------------- 02: cleaning

def test_cleaning_summary_on_the_seeds(raw_seeds, seeds):
    documents, removed = seeds
    text = " ".join(narrative.cleaning_summary(raw_seeds, documents, removed))
    assert text.startswith(f"Cleaning removed {len(removed)} lines from 4 of 5 articles: ")
    assert f"{(removed['reason'] == 'furniture').sum()} furniture lines" in text
    assert "kept no body" not in text


def test_cleaning_summary_flags_articles_that_kept_no_body():
    raw = docs([("a", "", None, "")])
    documents = raw.assign(title="عنوان", body="")
    removed = pd.DataFrame({"doc_id": ["a"], "line_no": [2], "text": ["x"], "reason": ["furniture"],
                            "kind": ["cookie"]})
    text = " ".join(narrative.cleaning_summary(raw, documents, removed))
    assert "from the one article: 1 furniture line (cookie 1)" in text
    assert "**1 article kept no body at all** (a)" in text


@pytest.mark.parametrize(("checks", "published", "expected"), [
    (["agrees", "agrees", ""], ["2019-01-01"] * 3, "Of 2 printed publication stamps, 2 agree with the metadata date."),
    (["differs", "supplied", ""], ["2019-01-01", "2019-01-02", None],
     "Of 2 printed publication stamps, 1 **differs from the metadata date** and 1 supplies a date the metadata "
     "lacks. 1 article has neither a metadata date nor a stamp: relative dates in it stay unresolved."),
    (["", "", ""], ["2019-01-01"] * 3, "No article prints a publication stamp the cleaner recognises."),
])
def test_stamp_summary(checks, published, expected):
    d = docs([(str(i), "", p, "stated") for i, p in enumerate(published)], published_check=checks)
    assert narrative.stamp_summary(d) == expected


def test_folding_summary():
    steps = pd.DataFrame({"step": ["as written", "harakat removed", "alef unified"],
                          "n_types": [100, 95, 90], "merged": [0, 5, 5]})
    assert narrative.folding_summary(steps).startswith(
        "Folding merges 10 word types of 100 (10%; harakat removed: 5; alef unified: 5).")
    assert narrative.folding_summary(steps.iloc[:0]) == "The corpus has no words to fold."


# ---------------------------------------------------------------- 03: actors

NAMES = pd.DataFrame({"id": ["USA", "RUS", "RUS_MOD", "PUTIN", "ISIS"],
                      "type": ["state", "state", "institution", "person", "armed_group"],
                      "side": ["us", "russia", "russia", "russia", "jihadist"],
                      "english": ["United States", "Russia", "Russian MoD", "Vladimir Putin", "Islamic State"]}
                     ).set_index("id")


def mentions_of(pairs):
    return pd.DataFrame(pairs, columns=["doc_id", "actor_id"]).assign(
        side=lambda t: t["actor_id"].map(NAMES["side"]))


def test_side_summary_says_who_leads_and_the_ranges():
    d = docs([("a", "X", "2019-01-01", "stated"), ("b", "Y", "2018-01-01", "stated")])
    m = mentions_of([("a", "USA"), ("a", "USA"), ("a", "RUS"), ("b", "RUS"), ("b", "RUS"), ("b", "USA"),
                     ("b", "ISIS")])
    unit_of = compare.units(d)
    text = narrative.side_summary(compare.rates(m, d, unit_of, by="side"), d)
    assert text[0] == ("The largest share of actor mentions goes to the US side in 1 and the Russian side in 1 "
                       "of 2 articles.")
    assert text[1] == ("The US side holds 25–67% of an article's mentions and the Russian side 33–50%; "
                       "the US side is named 0.5 to 2.0 times as often as the Russian side.")
    assert text[2] == "Jihadist groups take 0–25%, most in Y · 2018-01-01 (25%)."


def test_side_summary_when_one_side_leads_everywhere_and_when_nothing_is_named():
    d = docs([("a", "X", "2019-01-01", "stated"), ("b", "Y", "2018-01-01", "stated")])
    unit_of = compare.units(d)
    m = mentions_of([("a", "USA"), ("b", "USA")])
    rates = compare.rates(m, d, unit_of, by="side", categories=["us", "russia"])
    assert narrative.side_summary(rates, d)[0] == "The largest share of actor mentions goes to the US side in both articles."
    none = compare.rates(m.iloc[:0], d, unit_of, by="side", categories=["us", "russia"])
    assert narrative.side_summary(none, d) == ["No codebook actor is named anywhere in the corpus."]


def test_example_actor_prefers_the_given_one_else_the_most_named():
    m = mentions_of([("a", "USA"), ("a", "USA"), ("a", "RUS")])
    assert narrative.example_actor(m, prefer="RUS") == "RUS"
    assert narrative.example_actor(m, prefer="RUS_MOD") == "USA"
    assert narrative.example_actor(m.iloc[:0], prefer="RUS_MOD") is None


def test_actor_person_and_pair_summaries():
    d = docs([("a", "X", "2019-01-01", "stated"), ("b", "Y", "2018-01-01", "stated")])
    m = mentions_of([("a", "USA"), ("a", "USA"), ("a", "PUTIN"), ("b", "RUS"), ("b", "RUS"), ("b", "PUTIN")])
    assert narrative.actor_summary(m, NAMES, d) == (
        "The most named single actor is Russia in 1 article and United States in 1 article.")
    assert narrative.person_summary(m, NAMES) == "US persons are named 0 times and Russian persons 2 times (1 person in all)."
    pairs = pd.DataFrame({"actor_id_a": ["RUS"], "actor_id_b": ["USA"], "n_units": [3]})
    assert narrative.pair_summary(pairs, NAMES) == (
        "The actors most often named in the same sentence are Russia with United States (3 sentences).")
    assert narrative.pair_summary(pairs.iloc[:0], NAMES) == "No two actors are named in the same sentence."


def test_voice_summary():
    st = pd.DataFrame({"doc_id": ["a", "a", "b"], "speaker_side": ["russia", "russia", "us"],
                       "speaker_actor_id": ["RUS_MOD", "RUS_MOD", ""], "verb": ["قال"] * 3})
    assert narrative.voice_summary(st, NAMES) == (
        "The US side speaks 1 time, by unresolved speakers; the Russian side speaks 2 times, most often "
        "through Russian MoD (2 statements in 1 article).")
    assert narrative.voice_summary(st.iloc[:0], NAMES).startswith("The US side has no attributed statement")


@pytest.mark.parametrize(("rows", "confounded"), [
    ([("a", "X", "2019-01-01", "stated"), ("b", "Y", "2018-01-01", "stated")], True),
    ([("a", "X", "2019-01-01", "stated"), ("b", "Y", "2019-03-01", "stated")], False),
    ([("a", "", "2019-01-01", "stated"), ("b", "", "2018-01-01", "stated")], False),
    ([("a", "X", "2019-01-01", "stated")], False),
])
def test_limits_say_outlet_and_year_are_confounded_only_when_they_are(rows, confounded):
    assert ("confounded" in narrative.limits(docs(rows))) is confounded


def test_limits_on_a_large_corpus_speak_of_pooled_outlets_or_years():
    d = docs([(f"d{i}", "X" if i % 2 else "Y", "2019-01-01", "stated") for i in range(compare.MAX_ARTICLES + 1)])
    assert "pool each outlet's articles" in narrative.limits(d)
    assert "pool each publication year's articles" in narrative.limits(d.assign(outlet=""))
    assert narrative.limits(d.iloc[:1]).startswith("The corpus is one article")


def test_side_summary_on_a_large_corpus_without_outlets_compares_years():
    d = docs([(f"d{i}", "", f"{2015 + i % 2}-01-01", "stamp") for i in range(compare.MAX_ARTICLES + 1)])
    m = mentions_of([("d0", "USA"), ("d1", "RUS"), ("d2", "USA")])
    unit_of = compare.units(d)
    text = narrative.side_summary(compare.rates(m, d, unit_of, by="side"), d)
    assert text[0] == "The largest share of actor mentions goes to the US side in 1 and the Russian side in 1 of 2 years."
    assert text[1].startswith("The US side holds 0–100% of a year's mentions")
    assert narrative.actor_summary(m, NAMES, d) == (
        "The most named single actor is Russia in 1 year and United States in 1 year.")


# ---------------------------------------------------------------- 04: dates

def test_inferred_dates():
    d = docs([("a", "", "2019-01-01", "inferred"), ("b", "", None, ""), ("c", "", "2019-01-01", "stated")])
    assert narrative.inferred_dates(d) == "1 publication date of 3 is inferred, not printed, and 1 is unknown."
    assert narrative.inferred_dates(d.iloc[2:]) == "No publication date of the 1 article is inferred."


def test_reach_summary_on_the_seeds(seeds):
    documents, _ = seeds
    placed = dates.reach(dates.find_mentions(documents), documents)
    text = narrative.reach_summary(placed, documents)
    assert text[0].startswith("All 5 dated articles place news in the week up to publication")
    assert text[0].endswith("; all 5 reach more than a year back.")
    assert text[1] == "1 article looks ahead: Al-Arab · ~2019-03-05."


def test_reach_summary_without_any_date():
    d = docs([("a", "", None, "")], title="", body="")
    placed = dates.reach(dates.find_mentions(d.assign(title="أمس", body="")), d)
    assert narrative.reach_summary(placed, d) == [
        "No article has a publication date, so no mention can be placed before or after it."]


def test_anchor_summary():
    anchors = pd.DataFrame({"articles": [3, 2], "mentions": [3, 4]}, index=pd.Index([2014, 2015], name="year"))
    assert narrative.anchor_summary(anchors, 5) == ("Years named by more than one article, over a year before "
                                                   "publication: **2014** (3 of 5 articles) and **2015** (2 of 5 "
                                                   "articles).")
    assert narrative.anchor_summary(anchors.iloc[:0], 5) == "No earlier year is named by more than one article."


def test_weekday_summary_names_a_disagreement(seeds):
    documents, _ = seeds
    ev = dates.weekday_evidence(dates.find_mentions(documents), documents)
    assert narrative.weekday_summary(ev) == (
        "A weekday attached to a relative day checks the publication date of 2 articles: all agree; 1 of 3 "
        "inferred dates is supported this way, the others rest on bare weekdays or nothing.")
    bad = ev.assign(inconsistent=[0, 1, 0, 0, 0], checked=[1, 1, 0, 0, 0])
    assert "**1 article disagrees** (001_7c077dfb14768fc5)" in narrative.weekday_summary(bad)


def test_stamps_supply_the_dates_the_overview_reports(tmp_path):
    for f in (paths.ROOT / "tests" / "data" / "heldout2").glob("k0[15].txt"):
        shutil.copy(f, tmp_path / f.name)
    raw, notes = narrative.load(tmp_path)
    documents, _ = clean.clean(raw)
    assert narrative.corpus_overview(documents).endswith(
        "They were published between 10 September 2016 and 27 August 2020.")


# ---------------------------------------------------------------- 05: frames and voices

def test_weak_frame_note_names_each_frame_below_the_threshold_or_says_none_is():
    text = narrative.weak_frame_note({"cooperation": 0.3, "diplomacy": 0.69}, below=0.7, where="the blind set")
    assert text == ("On the blind set the measure agrees with a human coder below F1 0.7 for cooperation "
                    "(F1 0.30) and diplomacy (F1 0.69): a finding that rests on these frames is an "
                    "indication to check in the evidence lines, not a measurement.")
    assert "this frame is" in narrative.weak_frame_note({"diplomacy": 0.5})
    assert narrative.weak_frame_note({}, where="the blind set") == (
        "Every frame agrees with a human coder at F1 0.7 or above on the blind set.")


def test_frame_profile_summary_counts_leaders_and_ties_and_flags_weak_frames():
    d = docs([("a", "X", "2019-01-01", "stated"), ("b", "Y", "2018-01-01", "stated"),
              ("c", "Z", "2017-01-01", "stated")])
    shares = pd.DataFrame({"cooperation": [0.5, 0.1, 0.25], "deconfliction": [0.2, 0.2, 0.25],
                           "confrontation": [0.1, 0.5, 0.25], "military_operations": [0.2, 0.2, 0.25]},
                          index=["a", "b", "c"])
    text = narrative.frame_profile_summary(shares, {"cooperation": 0.3}, d)
    assert text[0] == ("Of the 3 articles, the largest share of sentence-frame pairs goes to cooperation ⚠ "
                       "in 1, confrontation in 1 and cooperation ⚠, deconfliction, confrontation and "
                       "military operations tied in 1.")
    assert text[1] == "Across all 3 articles: cooperation ⚠ 10–50%, deconfliction 20–25% and confrontation 10–50% of the pairs."
    assert text[2] == "Deconfliction and military operations together outweigh cooperation in 2 of 3 articles."
    assert text[3].startswith("⚠ marks")
    assert narrative.frame_profile_summary(shares, {}, d)[-1].startswith("Deconfliction")
    assert narrative.frame_profile_summary(shares.iloc[:0], {}, d) == ["No sentence carries a frame."]


def test_voice_balance_summary_says_who_leads_and_when_the_two_speak_together():
    d = docs([("a", "X", "2019-01-01", "stated"), ("b", "Y", "2018-01-01", "stated")])
    counts = pd.DataFrame({"us": [3, 0], "russia": [1, 2], "joint": [1, 0], "other": [0, 0],
                           "unresolved": [0, 4]}, index=["a", "b"])
    assert narrative.voice_balance_summary(counts, d) == [
        "Of the 2 articles, most statements come from the US side in 1 and the Russian side in 1.",
        "The two powers speak together («البلدان», «الجانبان») 1 time in 1 article."]
    assert narrative.voice_balance_summary(counts * 0, d) == ["No attributed statement is found."]


def test_interval_note_gives_the_median_and_widest_interval():
    intervals = pd.DataFrame({"low": [0.1, 0.2, float("nan")], "high": [0.3, 0.6, float("nan")]})
    assert narrative.interval_note(intervals, what="frame-share") == (
        "The lines are 90% bootstrap intervals over each unit's sentences; the frame-share intervals are "
        "30% wide at the median and up to 40%: a difference between two units smaller than that is not a finding.")
    assert narrative.interval_note(intervals.iloc[2:], what="x") == ""


# ---------------------------------------------------------------- 06: validation

def test_validation_summary_sets_blind_beside_tuned():
    summary = pd.DataFrame([
        {"set": "seeds", "role": "tuned", "articles": 5, "frame_precision": 0.9, "frame_recall": 0.9,
         "frame_f1": 0.91, "share_mad": 0.02, "top_frame_agrees": 0.8, "statement_precision": 1.0,
         "statement_recall": 1.0, "statement_f1": 0.99, "side_accuracy": 0.98, "voice_mad": 0.01},
        {"set": "blind", "role": "blind", "articles": 8, "frame_precision": 0.79, "frame_recall": 0.73,
         "frame_f1": 0.76, "share_mad": 0.056, "top_frame_agrees": 0.875, "statement_precision": 0.98,
         "statement_recall": 0.93, "statement_f1": 0.95, "side_accuracy": 0.81, "voice_mad": 0.067},
    ]).set_index("set")
    text = narrative.validation_summary(summary, {"cooperation": 0.3})
    assert text[0].startswith("On the blind set (8 articles, never tuned on) frames agree with the coder at "
                              "pooled F1 **0.76** (precision 0.79, recall 0.73), against 0.91 on the sets")
    assert "by 0.056 on average (target 0.05); the top frame agrees in 88% of them" in text[1]
    assert "the speaker's side right for 81% of those found (target 95%)" in text[2]
    assert text[3] == "Below F1 0.7 on the blind set: **cooperation** (0.30)."
    assert narrative.validation_summary(summary.drop(index="blind"), {}) == []


def test_validation_summary_sets_the_second_coder_beside_the_package():
    row = {"frame_precision": 0.95, "frame_recall": 0.93, "share_mad": 0.018, "top_frame_agrees": 0.9,
           "statement_precision": 1.0, "statement_recall": 1.0, "voice_mad": 0.0}
    summary = pd.DataFrame([
        {"set": "b2", "role": "blind", "articles": 10, **row, "frame_f1": 0.74, "statement_f1": 0.94,
         "side_accuracy": 0.83},
        {"set": "b2-coder2", "role": "second coder", "articles": 10, **row, "frame_f1": 0.94,
         "statement_f1": 1.0, "side_accuracy": 1.0},
    ]).set_index("set")
    text = narrative.validation_summary(summary, {})
    assert text[0].startswith("On the blind set (10 articles, never tuned on)")
    assert text[3] == ("Two coders of the blind set, coding independently, agree at pooled F1 **0.94** "
                       "(article shares 0.018 apart; statements F1 1.00, sides 100%): the gap between the "
                       "package and the coder (0.20 in frame F1) is the measure's, not the codebook's.")
    assert len(text) == 4
