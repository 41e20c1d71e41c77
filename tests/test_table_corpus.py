"""Article tables (CSV, TSV, JSON Lines, Parquet): one row per article, read in batches."""
import json

import pandas as pd
import pytest

from analysis import corpus
from analysis.corpus import CorpusError, CorpusWarning
from analysis.table_corpus import find_columns, iter_batches, load_table

ROWS = [
    {"id": "a1", "headline": "لافروف وكيري يتفقان على هدنة", "content": "أعلن وزيرا الخارجية اتفاقاً في جنيف.",
     "date": "2016-09-10T01:30:00+03:00", "source": "الخليج"},
    {"id": "a2", "headline": "", "content": "قالت وزارة الدفاع الروسية إن قناة الاتصال تعمل.",
     "date": "2017-04-07", "source": ""},
    {"id": "a3", "headline": "البنتاغون: لا تنسيق مع موسكو", "content": "البنتاغون: لا تنسيق مع موسكو\nوقال المتحدث…",
     "date": "", "source": "الحرة"},
]


def write(tmp_path, rows, kind):
    frame = pd.DataFrame(rows)
    path = tmp_path / f"archive.{kind}"
    if kind == "csv":
        frame.to_csv(path, index=False)
    elif kind == "tsv":
        frame.to_csv(path, index=False, sep="\t")
    elif kind == "jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    else:
        pytest.importorskip("pyarrow")
        frame.to_parquet(path)
    return path


@pytest.mark.parametrize("kind", ["csv", "tsv", "jsonl", "parquet"])
def test_every_format_gives_the_same_articles(tmp_path, kind):
    docs = load_table(write(tmp_path, ROWS, kind))
    assert list(docs.columns) == corpus.COLUMNS
    assert docs["doc_id"].tolist() == ["a1", "a2", "a3"]
    assert docs["raw"].tolist() == [
        "لافروف وكيري يتفقان على هدنة\n\nأعلن وزيرا الخارجية اتفاقاً في جنيف.",  # title put first
        "قالت وزارة الدفاع الروسية إن قناة الاتصال تعمل.",  # no title
        "البنتاغون: لا تنسيق مع موسكو\nوقال المتحدث…",  # the text already starts with its title
    ]
    assert docs["published"].dt.strftime("%Y-%m-%d").fillna("").tolist() == ["2016-09-10", "2017-04-07", ""]
    assert docs["published_basis"].tolist() == ["table", "table", ""]
    assert docs["outlet"].tolist() == ["الخليج", "", "الحرة"]
    assert docs["file"].tolist() == ["archive.%s#1" % kind, "archive.%s#2" % kind, "archive.%s#3" % kind]


def test_batches_are_bounded_and_ids_default_to_row_numbers(tmp_path):
    rows = [{"text": f"نص المقال رقم {i}"} for i in range(7)]
    batches = list(iter_batches(write(tmp_path, rows, "csv"), batch_size=3))
    assert [len(b) for b in batches] == [3, 3, 1]
    assert batches[0]["doc_id"].tolist() == ["archive-1", "archive-2", "archive-3"]
    assert sum(b.attrs["bytes"] for b in batches) == sum(len(r["text"].encode()) for r in rows)


def test_named_columns_win_over_defaults(tmp_path):
    rows = [{"text": "قصير", "full": "النص الكامل للمقال", "when": "2019-03-04"}]
    docs = load_table(write(tmp_path, rows, "csv"), text_column="full", date_column="when")
    assert docs.at[0, "raw"] == "النص الكامل للمقال" and str(docs.at[0, "published"].date()) == "2019-03-04"


@pytest.mark.parametrize("rows, options, message", [
    ([{"headline": "x", "url": "y"}], {}, r"archive.csv: no text column; name it with --text-column \(columns: headline, url\)"),
    ([{"text": "x"}], {"text_column": "body"}, r"archive.csv: no column 'body'"),
    ([{"text": "نص", "date": "05/09/2019"}], {}, r"archive.csv row 1: published '05/09/2019' is not an ISO date"),
    ([{"text": "نص", "date": "2019-02-30"}], {}, r"row 1: published '2019-02-30' is not an ISO date"),
    ([{"text": "نص"}, {"text": "  "}], {}, r"archive.csv row 2: empty text"),
    ([{"id": "a", "text": "نص"}, {"id": "a", "text": "نص آخر"}], {}, r"row 2: duplicate doc_id 'a'"),
])
def test_bad_tables_name_file_row_and_problem(tmp_path, rows, options, message):
    with pytest.raises(CorpusError, match=message):
        load_table(write(tmp_path, rows, "csv"), **options)


def test_skip_leaves_bad_rows_out_and_lists_them(tmp_path):
    rows = [{"id": "a", "text": "نص"}, {"id": "b", "text": ""}, {"id": "a", "text": "مكرر"}, {"id": "c", "text": "نص"}]
    with pytest.warns(CorpusWarning, match="skipped"):
        docs = load_table(write(tmp_path, rows, "csv"), errors="skip")
    assert docs["doc_id"].tolist() == ["a", "c"]
    assert [s["file"] for s in docs.attrs["skipped"]] == ["archive.csv#2", "archive.csv#3"]


def test_bad_json_line_and_non_utf8_table(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"text": "نص"}\n{"text": \n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"x.jsonl line 2: not JSON"):
        load_table(path)
    path = tmp_path / "x.csv"
    path.write_bytes("text\nنص عربي\n".encode("cp1256"))
    with pytest.raises(CorpusError, match="x.csv: not UTF-8"):
        load_table(path)


def test_find_columns_is_case_insensitive():
    assert find_columns(["Title", "Body", "URL"], where="t") == {"text": "Body", "title": "Title"}


@pytest.mark.parametrize("kind, jobs", [("csv", 1), ("jsonl", 2), ("parquet", 1)])
def test_extract_reads_a_table_like_a_folder(tmp_path, kind, jobs):
    """The same articles as a folder of .txt files and as a table give the same tables."""
    from analysis import paths, pipeline

    folder = tmp_path / "folder"
    folder.mkdir()
    meta = pd.read_csv(paths.SEEDS_DIR / "metadata.csv", keep_default_na=False).set_index("doc_id")
    (folder / "metadata.csv").write_bytes((paths.SEEDS_DIR / "metadata.csv").read_bytes())
    rows = []
    for path in sorted(paths.SEEDS_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        (folder / path.name).write_text(text, encoding="utf-8")
        rows.append({"doc_id": path.stem, "text": text, "outlet": meta.at[path.stem, "outlet"],
                     "published": meta.at[path.stem, "published"]})
    table = write(tmp_path, rows, kind)
    a = pipeline.extract(folder, tmp_path / "a", log=lambda *_: None)
    b = pipeline.extract(table, tmp_path / "b", jobs=jobs, batch_size=2, log=lambda *_: None)
    assert a["rows"] == b["rows"] and b["documents"] == 5
    for name in ("actor_mentions", "date_mentions", "statements", "removed_lines"):
        assert (tmp_path / "a" / f"{name}.csv").read_bytes() == (tmp_path / "b" / f"{name}.csv").read_bytes(), name


def test_parquet_output_holds_the_csv_rows(tmp_path):
    pytest.importorskip("pyarrow")
    from analysis import paths, pipeline

    csv_run = pipeline.extract(paths.SEEDS_DIR, tmp_path / "csv", log=lambda *_: None)
    pq_run = pipeline.extract(paths.SEEDS_DIR, tmp_path / "pq", table_format="parquet", log=lambda *_: None)
    assert sorted(p.name for p in (tmp_path / "pq").iterdir()) == sorted(
        [f"{n}.parquet" for n in pipeline.TABLES] + ["manifest.json"])
    for name in pipeline.TABLES:
        from_csv = pd.read_csv(tmp_path / "csv" / f"{name}.csv", keep_default_na=False)
        from_pq = pd.read_parquet(tmp_path / "pq" / f"{name}.parquet")
        assert len(from_pq) == csv_run["rows"][name] == pq_run["rows"][name]
        assert list(from_pq.columns) == list(from_csv.columns)
        if "start" in from_pq:
            assert str(from_pq["start"].dtype) == "int64" and from_pq["start"].tolist() == from_csv["start"].tolist()
    hits = pd.read_parquet(tmp_path / "pq" / "frame_hits.parquet")
    assert str(hits["negated"].dtype) == "bool"


def test_corpus_load_reads_a_table_file(tmp_path):
    docs = corpus.load(write(tmp_path, ROWS, "jsonl"))
    assert docs["doc_id"].tolist() == ["a1", "a2", "a3"]
