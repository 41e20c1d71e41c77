"""The one reader of the package's data files."""
import os

import pytest

from analysis import datafiles
from analysis.datafiles import DataFileError, read_tsv, reloading


class LayerError(DataFileError):
    pass


def write(tmp_path, text, name="words.tsv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_reads_rows_with_comments_anywhere_and_a_bom(tmp_path):
    path = write(tmp_path, "\ufeff# a comment before the header\nform\tvalue\n\nأمس\t-1\n  # indented comment\nاليوم\n")
    rows = read_tsv(path, required=["form"], optional=["value"])
    assert [(r.line_no, r["form"], r["value"]) for r in rows] == [(4, "أمس", "-1"), (6, "اليوم", "")]


@pytest.mark.parametrize("text, problem", [
    ("", "no header line"),
    ("# only a comment\n", "no header line"),
    ("form\tgloss\n", "lacks column(s) value"),
    ("form\tvalue\tcolour\n", "unknown column(s) colour"),
    ("form\tvalue\tform\n", "named twice"),
    ("form\tvalue\nا\t1\t2\n", ":2: 3 tab-separated cells"),
    ("form\tvalue\n\t1\n", ":2: empty 'form'"),
])
def test_errors_name_file_line_and_problem(tmp_path, text, problem):
    path = write(tmp_path, text)
    with pytest.raises(LayerError) as info:
        read_tsv(path, required=["form", "value"], non_empty=["form"], error=LayerError)
    assert str(path) in str(info.value) and problem in str(info.value)


def test_non_utf8_and_missing_files_are_errors(tmp_path):
    path = write(tmp_path, "form\tvalue\nأمس\t1\n", encoding="cp1256")
    with pytest.raises(DataFileError, match="not UTF-8"):
        read_tsv(path, required=["form"], optional=["value"])
    with pytest.raises(DataFileError, match="file not found"):
        read_tsv(tmp_path / "absent.tsv", required=["form"])


def test_row_error_names_the_line(tmp_path):
    row = read_tsv(write(tmp_path, "form\nx\n"), required=["form"])[0]
    err = row.error("bad form 'x'", LayerError)
    assert isinstance(err, LayerError) and str(err).endswith("words.tsv:2: bad form 'x'")


def test_reloading_rereads_an_edited_file(tmp_path):
    path = write(tmp_path, "form\nا\n")
    calls = []

    @reloading
    def load(p):
        calls.append(p)
        return [r["form"] for r in read_tsv(p, required=["form"])]

    assert load(path) == ["ا"] and load(path) == ["ا"] and len(calls) == 1
    path.write_text("form\nا\nب\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a different stamp even within the clock's resolution
    assert load(path) == ["ا", "ب"] and len(calls) == 2


def test_resolve_defaults_to_the_package_data():
    assert datafiles.resolve(None, "frames.tsv").name == "frames.tsv"
    assert datafiles.resolve(None, "frames.tsv").exists()
    assert datafiles.resolve("x.tsv", "frames.tsv").name == "x.tsv"
