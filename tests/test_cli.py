"""The command line: every bad input ends in one line naming the file and the problem, and
offers --skip-bad only where it helps (issue 14)."""
from __future__ import annotations

import os

import pytest

from analysis import paths
from analysis.__main__ import main

ARTICLE = "عنوان الخبر\n\nقالت وزارة الدفاع الروسية إن الاجتماع عقد في فيينا.\n"
HINT = " (--skip-bad leaves such files out)"


def corpus_with(tmp_path, files: dict, metadata: str | None = "doc_id,outlet,published\n"):
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode())
    if metadata is not None:
        rows = "".join(f"{name[:-4]},X,2019-01-02\n" for name in files if name.endswith(".txt"))
        (folder / "metadata.csv").write_text(metadata + rows, encoding="utf-8")
    return folder


def add(folder, name, content):
    """One more article file, with its metadata row."""
    (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode())
    with open(folder / "metadata.csv", "a", encoding="utf-8") as f:
        f.write(f"{name[:-4]},X,2019-01-02\n")


def loop(folder):
    (folder / "loop.txt").symlink_to("loop.txt")
    with open(folder / "metadata.csv", "a", encoding="utf-8") as f:
        f.write("loop,X,2019-01-02\n")


@pytest.mark.parametrize("setup, message, hint", [
    (lambda d: add(d, "b.txt", b""), "b.txt: empty file (no text)", True),
    (loop, "loop.txt: cannot be read (a symbolic link loop)", True),
    (lambda d: add(d, "big.txt", ARTICLE * 100),
     "big.txt: 11,700 bytes is larger than the limit of 5,000 bytes (max_bytes, --max-bytes); "
     "one file should hold one article: split it, or raise the limit", True),
    (lambda d: open(d / "metadata.csv", "a").write("a,Y,2019-01-03\n"),
     "metadata.csv line 3: duplicate doc_id 'a' (first on line 2)", False),
    (lambda d: open(d / "metadata.csv", "a").write("c,Y,yesterday\n"),
     "metadata.csv line 3: published 'yesterday' is not an ISO date (YYYY-MM-DD)", False),
    (lambda d: open(d / "metadata.csv", "a").write("c,Y,2019-01-03\n"),
     "metadata.csv line 3: doc_id 'c' has no article file (c.txt or c.html) in corpus/", True),
    (lambda d: (d / "a.txt").rename(d / "a.md"), "corpus: no article files (*.txt, *.html, *.htm)", False),
])
def test_each_bad_input_is_one_line_with_the_hint_only_where_it_helps(tmp_path, capsys, setup,
                                                                       message, hint):
    folder = corpus_with(tmp_path, {"a.txt": ARTICLE})
    setup(folder)
    limit = ["--max-bytes", "5000"] if "big.txt" in message else []
    code = main(["extract", str(folder), "--out", str(tmp_path / "out"), *limit])
    err = capsys.readouterr().err
    assert code == 2
    assert err.replace(str(tmp_path) + "/", "") == f"error: {message}{HINT if hint else ''}\n"
    assert not (tmp_path / "out").exists()


def test_skip_bad_leaves_unreadable_entries_out_and_lists_them(tmp_path, capsys):
    folder = corpus_with(tmp_path, {"a.txt": ARTICLE})
    loop(folder)
    (folder / "dir.txt").mkdir()
    with pytest.warns(UserWarning) as caught:
        assert main(["extract", str(folder), "--out", str(tmp_path / "out"), "--skip-bad"]) == 0
    assert sorted(str(w.message) for w in caught if "skipped" in str(w.message)) == [
        "skipped: dir.txt: cannot be read (a folder)",
        "skipped: loop.txt: cannot be read (a symbolic link loop)"]
    skipped = (tmp_path / "out" / "skipped_files.csv").read_text(encoding="utf-8").splitlines()
    assert skipped == ["file,problem", "dir.txt,dir.txt: cannot be read (a folder)",
                       "loop.txt,loop.txt: cannot be read (a symbolic link loop)"]


def test_with_skip_bad_an_error_it_cannot_help_gets_no_hint(tmp_path, capsys):
    folder = corpus_with(tmp_path, {"a.txt": ARTICLE})
    open(folder / "metadata.csv", "a").write("a,Y,2019-01-03\nb,Z,2019-02-30\n")
    assert main(["extract", str(folder), "--out", str(tmp_path / "out"), "--skip-bad"]) == 2
    assert capsys.readouterr().err == (
        "error: 2 bad rows in metadata.csv: metadata.csv line 3: duplicate doc_id 'a' (first on "
        "line 2); metadata.csv line 4: published '2019-02-30' is not a real calendar date\n")


@pytest.mark.parametrize("value, expected", [("5000", 5000), ("5MB", 5_000_000),
                                              ("1.5 MB", 1_500_000), ("800kB", 800_000)])
def test_max_bytes_on_the_command_line(tmp_path, monkeypatch, value, expected):
    from analysis import pipeline

    seen = {}
    monkeypatch.setattr(pipeline, "extract", lambda *a, **k: seen.update(k))
    assert main(["extract", "seeds", "--out", str(tmp_path), "--max-bytes", value]) == 0
    assert seen["max_bytes"] == expected


def test_a_bad_max_bytes_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit):
        main(["extract", "seeds", "--out", "x", "--max-bytes", "lots"])
    assert "'lots' is not a size" in capsys.readouterr().err


def test_furniture_only_article_is_kept_with_a_warning(tmp_path):
    folder = corpus_with(tmp_path, {"a.txt": ARTICLE, "b.txt": "شارك\nاقرأ أيضا\n"})
    with pytest.warns(UserWarning, match=r"^b.txt: nothing left after cleaning \(every line is "
                                         r"page furniture, listed in removed_lines.csv\); kept "
                                         r"with an empty title and body$"):
        assert main(["extract", str(folder), "--out", str(tmp_path / "out")]) == 0
    documents = (tmp_path / "out" / "documents.csv").read_text(encoding="utf-8").splitlines()
    assert documents[2].startswith("b,X,2019-01-02,,,,0,b.txt,")


@pytest.mark.parametrize("flag", [[], ["--skip-bad"]])
def test_run_passes_skip_bad_to_the_notebooks(monkeypatch, flag):
    """``run --skip-bad``: the notebooks' corpus.load calls skip bad files (through the
    environment their kernels inherit); the setting does not outlive the command."""
    from analysis import reports

    seen = []
    monkeypatch.delenv(paths.SKIP_BAD_ENV, raising=False)
    monkeypatch.setattr(reports, "run", lambda **kw: seen.append(
        (kw["corpus"], paths.corpus_errors(), os.environ.get(paths.SKIP_BAD_ENV))))
    assert main(["run", "--corpus", "somewhere", *flag]) == 0
    assert seen == [("somewhere", "skip", "1")] if flag else [("somewhere", "raise", None)]
    assert paths.SKIP_BAD_ENV not in os.environ


def test_refresh_and_run_errors_need_no_skip_bad_attribute(monkeypatch, capsys):
    """A corpus problem raised under ``refresh`` (which has no --skip-bad) is one line too."""
    from analysis import reports
    from analysis.corpus import CorpusError

    def refresh(**kw):
        raise CorpusError("a.txt: empty file (no text)", skippable=True)

    monkeypatch.setattr(reports, "refresh", refresh)
    assert main(["refresh"]) == 2
    assert capsys.readouterr().err == "error: a.txt: empty file (no text)\n"


def test_the_dask_engine_without_dask_is_one_line(tmp_path, monkeypatch, capsys):
    import sys

    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # as if not installed
    code = main(["extract", str(paths.SEEDS_DIR), "--out", str(tmp_path / "out"), "--engine", "dask"])
    assert code == 2
    assert capsys.readouterr().err == "error: --engine dask needs Dask: pip install -e '.[scale]'\n"
    assert not (tmp_path / "out").exists()
