"""The extraction pipeline and CLI: table contract, offsets, identical output whatever the engine."""
from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest

from analysis import output, pipeline
from analysis.__main__ import main

SPAN_TABLES = ["actor_mentions", "date_mentions", "frame_hits", "frame_sentences", "statements"]


@pytest.fixture(scope="module")
def seed_tables(tmp_path_factory):
    out = tmp_path_factory.mktemp("tables")
    assert main(["extract", "seeds", "--out", str(out)]) == 0
    return out


def read(out, name):
    return pd.read_csv(out / f"{name}.csv", keep_default_na=False, dtype=str)


def test_every_table_has_the_contract_columns_first(seed_tables):
    for name, required in pipeline.TABLES.items():
        table = read(seed_tables, name)
        assert list(table.columns[:len(required)]) == required, name
        assert len(table) > 0, name


def test_documents_table(seed_tables):
    docs = read(seed_tables, "documents")
    assert list(docs["doc_id"]) == sorted(docs["doc_id"])
    assert docs.set_index("doc_id").loc["001_7c077dfb14768fc5", "published"] == "2017-09-23"
    assert (docs["body"].str.len() > 1000).all()
    assert len(read(seed_tables, "removed_lines")) == 21


@pytest.mark.parametrize("name", SPAN_TABLES)
def test_offsets_index_the_stored_fields(seed_tables, name):
    docs = read(seed_tables, "documents").set_index("doc_id")
    table = read(seed_tables, name)
    surface_col = "surface" if "surface" in table else None
    for row in table.itertuples():
        text = docs.loc[row.doc_id, row.field]
        start, end = int(row.start), int(row.end)
        assert 0 <= start < end <= len(text)
        if surface_col:
            assert text[start:end] == row.surface


@pytest.mark.parametrize("name", SPAN_TABLES)
def test_span_tables_are_sorted(seed_tables, name):
    table = read(seed_tables, name)
    keys = list(zip(table["doc_id"], table["field"], table["start"].astype(int), table["end"].astype(int)))
    assert keys == sorted(keys)


def test_seed_counts_are_those_the_notebooks_report(seed_tables):
    mentions = read(seed_tables, "actor_mentions")
    assert (mentions["actor_id"] == "RUS_MOD").sum() == 8          # KWIC table of notebook 03
    assert mentions.groupby("doc_id").size().sum() == len(mentions)
    dates = read(seed_tables, "date_mentions")
    friday = dates[(dates["doc_id"] == "001_7c077dfb14768fc5") & (dates["surface"] == "أمس الجمعة")]
    assert list(friday["value"]) == ["2017-09-22"]


def _corpus_copy(tmp_path, n_copies=4):
    """The seeds, several times over under new ids, so batches and workers have work."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    meta = pd.read_csv("seeds/metadata.csv", dtype=str, keep_default_na=False)
    rows = []
    for k in range(n_copies):
        for doc in meta.itertuples():
            new = f"c{k}_{doc.doc_id}"
            shutil.copy(f"seeds/{doc.doc_id}.txt", folder / f"{new}.txt")
            rows.append({**doc._asdict(), "doc_id": new})
    pd.DataFrame(rows).drop(columns="Index").to_csv(folder / "metadata.csv", index=False)
    return folder


def _outputs(out):
    return {name: (out / f"{name}.csv").read_bytes() for name in pipeline.TABLES}


def test_jobs_and_batches_give_byte_identical_tables(tmp_path):
    corpus = _corpus_copy(tmp_path)
    one = pipeline.extract(corpus, tmp_path / "one", jobs=1, batch_size=100, log=lambda *a: None)
    two = pipeline.extract(corpus, tmp_path / "two", jobs=2, batch_size=3, log=lambda *a: None)
    assert _outputs(tmp_path / "one") == _outputs(tmp_path / "two")
    size = sum(f.stat().st_size for f in corpus.glob("*.txt"))  # the summary's throughput basis
    assert one["bytes"] == two["bytes"] == size
    assert one["documents"] == two["documents"] == len(list(corpus.glob("*.txt")))


def test_dask_local_cluster_gives_the_same_tables(tmp_path):
    pytest.importorskip("distributed")
    corpus = _corpus_copy(tmp_path, n_copies=2)
    pipeline.extract(corpus, tmp_path / "one", jobs=1, log=lambda *a: None)
    pipeline.extract(corpus, tmp_path / "dask", jobs=2, batch_size=4, engine="dask",
                     log=lambda *a: None)
    assert _outputs(tmp_path / "one") == _outputs(tmp_path / "dask")


def test_bad_file_stops_with_its_name_or_is_skipped_and_listed(tmp_path, capsys):
    corpus = _corpus_copy(tmp_path, n_copies=1)
    (corpus / "broken.txt").write_bytes(b"")
    with open(corpus / "metadata.csv", "a", encoding="utf-8") as meta:
        meta.write("broken,X,2019-01-01,stated,,\n")
    assert main(["extract", str(corpus), "--out", str(tmp_path / "a")]) == 2
    err = capsys.readouterr().err
    assert "broken.txt: empty file" in err and "--skip-bad" in err
    with pytest.warns(UserWarning, match="broken.txt"):
        assert main(["extract", str(corpus), "--out", str(tmp_path / "b"), "--skip-bad"]) == 0
    skipped = pd.read_csv(tmp_path / "b" / "skipped_files.csv")
    assert list(skipped["file"]) == ["broken.txt"]
    assert len(pd.read_csv(tmp_path / "b" / "documents.csv")) == 5


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(cmd in out for cmd in ("extract", "run", "refresh"))


class _Stream:
    def __init__(self, tty):
        self.tty = tty

    def isatty(self):
        return self.tty


@pytest.mark.parametrize("tty, environ, expected", [
    (True, {}, True),                 # a person at a terminal
    (False, {}, False),               # output piped to a file or a log
    (True, {"CI": "true"}, False),    # CI, even with a pseudo-terminal
])
def test_progress_bar_only_for_a_person_at_a_terminal(tty, environ, expected):
    assert pipeline.show_progress(_Stream(tty), environ) is expected


_TRICKY = ['plain', 'a,b', 'say "hi"', '', ' lead', 'trail ', 'two\nlines', 'cr\rhere',
           'tab\there', '«الروسي»، "قال"', 'ﻻ', '\u2028', '"', ',', 'x' * 300]


@pytest.mark.parametrize("header", [True, False])
def test_append_csv_writes_what_pandas_writes(tmp_path, header):
    """The fast writer's bytes are pandas' ``to_csv`` bytes, for the characters the csv
    module quotes (comma, quote, line break) and those it leaves alone (\\r, tabs,
    spaces, Arabic punctuation), integers and booleans; the header only in a new file."""
    table = pd.DataFrame({
        "text": pd.array(_TRICKY, dtype="str"),
        "n": range(-3, len(_TRICKY) - 3),
        "flag": [i % 3 == 0 for i in range(len(_TRICKY))],
        "a,b": pd.array(["x"] * len(_TRICKY), dtype="str"),  # a column name that needs quotes
    })
    ours, theirs = tmp_path / "ours.csv", tmp_path / "theirs.csv"
    if not header:
        for f in (ours, theirs):
            f.write_text("existing\n", encoding="utf-8")
    pipeline.append_csv(table, ours)
    pipeline.append_csv(table.iloc[:2], ours)
    table.to_csv(theirs, mode="a", header=header, index=False, lineterminator="\n")
    table.iloc[:2].to_csv(theirs, mode="a", header=False, index=False, lineterminator="\n")
    assert ours.read_bytes() == theirs.read_bytes()
    lines = ours.read_text(encoding="utf-8").split("\n")
    assert lines[0] == ('text,n,flag,"a,b"' if header else "existing")
    assert lines.count('text,n,flag,"a,b"') == (1 if header else 0)


@pytest.mark.parametrize("column", [
    pd.array(["a", None, "b"], dtype="str"),  # a missing value
    [0.5, 1.0, float("nan")],  # floats
    pd.to_datetime(["2016-09-10", "2017-01-01", None]),
    ["a", 1, None],  # an object column
])
def test_append_csv_leaves_other_columns_to_pandas(tmp_path, column):
    table = pd.DataFrame({"text": pd.array(["x", 'y,"z"', "w"], dtype="str"), "other": column})
    assert output._csv_column(table["other"]) is None
    ours, theirs = tmp_path / "ours.csv", tmp_path / "theirs.csv"
    pipeline.append_csv(table, ours)
    table.to_csv(theirs, index=False, lineterminator="\n")
    assert ours.read_bytes() == theirs.read_bytes()


@pytest.mark.parametrize("storage", ["python", "pyarrow"])
def test_nullable_booleans_are_written_as_pandas_writes_them(storage):
    """A missing value of a nullable boolean column (date_mentions.weekday_consistent) is
    an empty field, True/False otherwise; a missing string still goes to pandas."""
    with pd.option_context("mode.string_storage", storage):
        table = pd.DataFrame({"flag": pd.array([True, None, False, None], dtype="boolean"),
                              "text": pd.array(["a", "b,c", "d", "e"], dtype="str")})
    assert output._csv_column(table["flag"]) == ["True", "", "False", ""]
    assert pipeline.csv_text(table) == table.to_csv(None, index=False, lineterminator="\n")
    assert pipeline.csv_text(table) == 'flag,text\nTrue,a\n,"b,c"\nFalse,d\n,e\n'
    with pd.option_context("mode.string_storage", storage):
        missing = pd.Series(pd.array(["a", None], dtype="str"))
    assert output._csv_column(missing) is None


def test_csv_specials_are_what_the_csv_module_quotes():
    quote, refuse = output._csv_specials()
    assert set(',"\n') <= set(quote)
    assert not set("a ؛،\t«") & set(quote + refuse)


@pytest.mark.parametrize("other", [range(2), [0.5, 1.5]])  # the fast path and pandas' path
@pytest.mark.parametrize("header", [True, False])
def test_csv_text_of_empty_and_full_tables_is_pandas_text(other, header):
    table = pd.DataFrame({"text": pd.array(["a", 'b,"c"'], dtype="str"), "other": other})
    for part in (table, table.iloc[:0]):
        expected = part.to_csv(None, header=header, index=False, lineterminator="\n")
        assert pipeline.csv_text(part, header=header) == expected
    assert pipeline.csv_text(table.iloc[:0], header=False) == ""


def test_smoke_benchmark_script_runs_on_a_corpus_folder():
    """benchmarks/bench_pipeline.py on the seeds: one end-to-end row per --jobs value, with
    the CPU seconds of all processes."""
    import subprocess
    import sys

    from analysis.paths import ROOT, SEEDS_DIR

    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_pipeline.py"), "--corpus",
                          str(SEEDS_DIR), "--jobs", "1"], capture_output=True, text=True, check=True)
    assert out.stdout.count("END TO END") == 1 and "(5 articles," in out.stdout
    assert "per CPU second" in out.stdout and out.stderr == ""


def test_prefetch_advises_each_readable_file_and_never_raises(tmp_path, monkeypatch):
    """Prefetching is only a hint to the OS: every file that opens is advised once, a missing
    file is left for read_batch to report, and without posix_fadvise nothing happens."""
    import os

    from analysis import corpus

    files = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for f in files:
        f.write_text("نص", encoding="utf-8")
    advised = []
    monkeypatch.setattr(os, "posix_fadvise", lambda fd, offset, length, advice: advised.append(
        (os.fstat(fd).st_ino, advice)), raising=False)
    monkeypatch.setattr(os, "POSIX_FADV_WILLNEED", 3, raising=False)
    corpus.prefetch([files[0], tmp_path / "missing.txt", files[1]])
    assert advised == [(f.stat().st_ino, 3) for f in files]
    monkeypatch.delattr(os, "posix_fadvise")
    corpus.prefetch(files)  # no such call on this system: a no-op
    assert len(advised) == 2


def test_local_engine_prefetches_the_next_batch_before_processing_this_one(monkeypatch):
    calls = []
    monkeypatch.setattr(pipeline.corpus, "prefetch", lambda paths: calls.append(("prefetch", paths)))
    work = [(["a1", "a2"], None), (["b1"], None), (["c1"], None)]
    for item in pipeline._ahead(work):
        calls.append(("process", item[0]))
    assert calls == [("prefetch", ["b1"]), ("process", ["a1", "a2"]), ("prefetch", ["c1"]),
                     ("process", ["b1"]), ("process", ["c1"])]


@pytest.mark.parametrize("seed", range(30))
def test_is_sorted_says_what_a_stable_sort_would_do(seed):
    """tidy skips its sort when is_sorted: checked against the sort itself on small random
    tables of strings and integers, sorted, nearly sorted and shuffled."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(0, 12))
    table = pd.DataFrame({"doc_id": pd.array(rng.choice(["a", "b", "ب", "a1"], n), dtype="str"),
                          "field": pd.array(rng.choice(["body", "title"], n), dtype="str"),
                          "start": rng.integers(0, 3, n), "end": rng.integers(0, 3, n)})
    if seed % 3 == 0:
        table = table.sort_values(pipeline.DEFAULT_SORT, kind="stable")
    elif seed % 3 == 1 and n > 2:
        table = table.sort_values(pipeline.DEFAULT_SORT, kind="stable")
        table = table.iloc[[1, 0, *range(2, n)]]
    resorted = table.sort_values(pipeline.DEFAULT_SORT, kind="stable")
    expected = list(resorted.index) == list(table.index)
    assert pipeline.is_sorted(table, pipeline.DEFAULT_SORT) == expected
    tidy = pipeline.tidy("frame_hits", table.assign(surface="", frame=""))
    assert tidy[pipeline.DEFAULT_SORT].equals(resorted.reset_index(drop=True))


@pytest.mark.parametrize("numbers", [
    [0, 7, 42, output._SMALL - 1],  # from the table of small numbers
    [0, output._SMALL, 10 ** 12],  # beyond it
    [-1, 0, 3],  # negative
    np.array([0, 2 ** 64 - 1, 5], dtype=np.uint64),
    np.array([3, 1], dtype=np.int32),
])
def test_integer_and_boolean_columns_are_written_as_pandas_writes_them(numbers):
    table = pd.DataFrame({"n": numbers, "flag": [i % 2 == 0 for i in range(len(numbers))]})
    assert pipeline.csv_text(table) == table.to_csv(None, index=False, lineterminator="\n")
    assert output._csv_column(table["n"]) == [str(v) for v in table["n"].tolist()]


def test_a_corpus_that_cannot_be_planned_stops_the_started_workers(tmp_path):
    """With several jobs the workers start (and warm up) before the corpus is listed; a
    corpus that cannot be used still raises its error, and no worker is left running."""
    import multiprocessing

    from analysis.corpus import CorpusError

    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError, match="no article files"):
        pipeline.extract(tmp_path / "empty", tmp_path / "out", jobs=2, log=lambda *a: None)
    assert not multiprocessing.active_children()


def test_warm_up_loads_what_the_first_batch_needs(monkeypatch):
    """warm_up leaves each layer's lexicons loaded: cached, so the next call is cheap."""
    from analysis import actors, framing

    actors.codebook._load_all.cache_clear()
    framing.lexicon._load_reporting.cache_clear()
    pipeline.warm_up()
    assert "matcher" in actors.load()._cache  # the codebook warm_up loaded, its rules built
    # the reporting forms are loaded: the next call reads no file
    monkeypatch.setattr(framing.lexicon, "read_tsv", lambda *a, **k: pytest.fail("re-read"))
    framing.load_reporting()
