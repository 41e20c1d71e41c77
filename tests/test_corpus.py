"""Loading: encodings, metadata, and every bad input named clearly."""
from __future__ import annotations

import warnings

import pandas as pd
import pytest

from analysis import corpus
from analysis.corpus import CorpusError, CorpusWarning

ARTICLE = "عنوان الخبر\n\nقالت وزارة الدفاع الروسية إن الاجتماع عقد في فيينا.\n"
META_HEADER = "doc_id,outlet,published,published_basis\n"


def write_corpus(tmp_path, files: dict[str, bytes | str], metadata: str | None):
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (tmp_path / name).write_bytes(data)
    if metadata is not None:
        (tmp_path / "metadata.csv").write_text(metadata, encoding="utf-8")
    return tmp_path


def test_seed_corpus_loads_with_metadata(raw_seeds):
    assert len(raw_seeds) == 5
    assert list(raw_seeds["doc_id"]) == sorted(raw_seeds["doc_id"])
    row = raw_seeds.set_index("doc_id").loc["001_7c077dfb14768fc5"]
    assert row["outlet"] == ""                      # empty outlet kept, not NaN
    assert row["published"] == pd.Timestamp("2017-09-23")
    assert row["published_basis"] == "inferred"
    assert row["dateline"] == "عواصم – وكالات"      # extra metadata columns kept
    assert set(raw_seeds["encoding"]) == {"utf-8"}
    assert all(len(h) == 64 for h in raw_seeds["sha256"])


def test_utf8_bom_is_accepted_and_removed(tmp_path):
    d = write_corpus(tmp_path, {"a.txt": b"\xef\xbb\xbf" + ARTICLE.encode()}, META_HEADER + "a,X,2019-01-02,stated\n")
    docs = corpus.load(d)
    assert docs.loc[0, "encoding"] == "utf-8 (BOM)"
    assert docs.loc[0, "raw"].startswith("عنوان")


def test_windows_1256_fallback_is_recorded(tmp_path):
    d = write_corpus(tmp_path, {"a.txt": ARTICLE.encode("cp1256")}, META_HEADER + "a,X,2019-01-02,stated\n")
    docs = corpus.load(d)
    assert docs.loc[0, "encoding"] == "cp1256"
    assert docs.loc[0, "raw"] == ARTICLE


def test_utf16_with_bom(tmp_path):
    d = write_corpus(tmp_path, {"a.txt": ARTICLE.encode("utf-16")}, META_HEADER + "a,X,2019-01-02,stated\n")
    assert corpus.load(d).loc[0, "raw"] == ARTICLE


def test_crlf_and_nfc_normalised(tmp_path):
    decomposed = "آ".encode("utf-8")  # precomposed; write the decomposed form below
    text = "ا\u0653ب\r\nسطر\rثالث"     # alef + madda above (NFD) → آ (NFC)
    d = write_corpus(tmp_path, {"a.txt": text}, META_HEADER + "a,X,,\n")
    raw = corpus.load(d).loc[0, "raw"]
    assert raw == "آب\nسطر\nثالث"
    assert decomposed.decode() in raw


@pytest.mark.parametrize("content, message", [
    (b"", "a.txt: empty file"),
    ("  \n\n \t\n", "a.txt: empty file"),
    (b"\x00\x01\x02binary\x00", "a.txt: contains control bytes"),
    (b"\xff\xfe\x00\xd8" * 3 + b"\x81\x8d\x8e", "a.txt"),  # garbage
    ("Hello \udcff".encode("utf-8", "surrogateescape") + b"\x81\x8d latin text only", "not Arabic Windows-1256"),
])
def test_bad_files_are_named(tmp_path, content, message):
    d = write_corpus(tmp_path, {"a.txt": content}, META_HEADER + "a,X,2019-01-02,stated\n")
    with pytest.raises(CorpusError, match=message):
        corpus.load(d)


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"), lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    lambda t: t.encode("utf-16"), lambda t: t.encode("cp1256")])
@pytest.mark.parametrize("control", ["\x00", "\x07", "\x0b", "\x1b", "\x7f"])
def test_a_control_character_is_refused_in_every_encoding(tmp_path, encode, control):
    """The byte-level check sees what the text-level one sees: a control character in the
    middle of Arabic text, whatever the encoding; tabs and line ends are text."""
    text = "قال المتحدث باسم وزارة الدفاع الروسية\tإن التنسيق مستمر\r\n"
    d = write_corpus(tmp_path, {"a.txt": encode(text.replace("إن", "إن" + control))},
                     META_HEADER + "a,X,,\n")
    with pytest.raises(CorpusError, match="a.txt: contains control bytes"):
        corpus.load(d)
    (d / "a.txt").write_bytes(encode(text))
    assert corpus.load(d).loc[0, "raw"] == text.replace("\r\n", "\n")


def test_a_file_is_read_whole_however_the_reads_are_cut(tmp_path, monkeypatch):
    """A read may return less than asked (network file systems): the rest is read too."""
    import os

    d = write_corpus(tmp_path, {"a.txt": ARTICLE}, META_HEADER + "a,X,,\n")
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: real_read(fd, min(n, 7)))
    assert corpus.load(d).loc[0, "raw"] == corpus.normalize_text(ARTICLE)


def test_huge_file_is_refused_with_its_size(tmp_path):
    d = write_corpus(tmp_path, {"a.txt": ARTICLE * 200}, META_HEADER + "a,X,,\n")
    with pytest.raises(CorpusError, match=r"a.txt: 0.0 MB is larger than max_bytes"):
        corpus.load(d, max_bytes=1000)


@pytest.mark.parametrize("metadata, message", [
    (META_HEADER + "a,X,2019-13-40,stated\n", r"metadata.csv line 2: published '2019-13-40' is not a real calendar date"),
    (META_HEADER + "a,X,05/09/2019,stated\n", r"metadata.csv line 2: published '05/09/2019' is not an ISO date"),
    (META_HEADER + "a,X,2019-01-02,guessed\n", r"line 2: published_basis 'guessed'"),
    (META_HEADER + "a,X,,\na,Y,,\n", r"line 3: duplicate doc_id 'a' \(first on line 2\)"),
    (META_HEADER + "a,X,,\nb,Y,,\n", r"line 3: doc_id 'b' has no file b.txt"),
    (META_HEADER + ",X,,\n", r"line 2: empty doc_id"),
    ("name,outlet\na,X\n", r"no 'doc_id' column"),
])
def test_bad_metadata_is_named(tmp_path, metadata, message):
    d = write_corpus(tmp_path, {"a.txt": ARTICLE}, metadata)
    with pytest.raises(CorpusError, match=message):
        corpus.load(d)


def test_file_without_metadata_row_is_kept_and_warned_once(tmp_path):
    d = write_corpus(tmp_path, {"a.txt": ARTICLE, "b.txt": ARTICLE, "c.txt": ARTICLE},
                     META_HEADER + "a,X,2019-01-02,stated\n")
    with pytest.warns(CorpusWarning, match=r"2 article file\(s\) have no row in metadata.csv.*b, c") as rec:
        docs = corpus.load(d)
    assert len(rec) == 1
    assert list(docs["doc_id"]) == ["a", "b", "c"]
    assert docs.set_index("doc_id").loc["b", "outlet"] == ""
    assert pd.isna(docs.set_index("doc_id").loc["b", "published"])


def test_no_metadata_file_is_allowed_with_a_warning(tmp_path):
    d = write_corpus(tmp_path, {"a.txt": ARTICLE}, None)
    with pytest.warns(CorpusWarning, match="no metadata.csv"):
        docs = corpus.load(d)
    assert pd.isna(docs.loc[0, "published"])


def test_skip_mode_keeps_going_and_lists_what_it_left_out(tmp_path):
    d = write_corpus(tmp_path, {"a.txt": ARTICLE, "b.txt": b""},
                     META_HEADER + "a,X,,\nb,Y,,\nc,Z,,\n")
    with pytest.warns(CorpusWarning) as rec:
        docs = corpus.load(d, errors="skip")
    assert list(docs["doc_id"]) == ["a"]
    skipped = docs.attrs["skipped"]
    assert [s["file"] for s in skipped] == ["b.txt", "c.txt"]
    assert "empty file" in skipped[0]["problem"] and "has no file c.txt" in skipped[1]["problem"]
    assert len(rec) == 2


@pytest.mark.parametrize("where", ["missing", "empty"])
def test_not_a_corpus_folder(tmp_path, where):
    target = tmp_path / "nope" if where == "missing" else tmp_path
    with pytest.raises(CorpusError, match="not a folder" if where == "missing" else "no \\*.txt"):
        corpus.load(target)


def test_iter_fields_yields_title_then_body():
    docs = pd.DataFrame({"doc_id": ["x"], "title": [None], "body": ["نص"]})
    assert list(corpus.iter_fields(docs)) == [("x", "title", ""), ("x", "body", "نص")]


def test_no_warning_on_the_seeds():
    from analysis import paths

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus.load(paths.SEEDS_DIR)
