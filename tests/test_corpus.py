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


@pytest.mark.parametrize("repeat, limit, message", [
    (200, 1000, r"a.txt: 23,400 bytes is larger than the limit of 1,000 bytes \(max_bytes, "
                r"--max-bytes\); one file should hold one article: split it, or raise the limit"),
    (2000, 200_000, r"a.txt: 0.2 MB is larger than the limit of 0.2 MB"),
])
def test_huge_file_is_refused_with_its_size_and_the_option_that_raises_the_limit(
        tmp_path, repeat, limit, message):
    d = write_corpus(tmp_path, {"a.txt": ARTICLE * repeat}, META_HEADER + "a,X,,\n")
    with pytest.raises(CorpusError, match=message) as caught:
        corpus.load(d, max_bytes=limit)
    assert caught.value.skippable


@pytest.mark.parametrize("metadata, message", [
    (META_HEADER + "a,X,2019-13-40,stated\n", r"metadata.csv line 2: published '2019-13-40' is not a real calendar date"),
    (META_HEADER + "a,X,05/09/2019,stated\n", r"metadata.csv line 2: published '05/09/2019' is not an ISO date"),
    (META_HEADER + "a,X,2019-01-02,guessed\n", r"line 2: published_basis 'guessed'"),
    (META_HEADER + "a,X,,\na,Y,,\n", r"line 3: duplicate doc_id 'a' \(first on line 2\)"),
    (META_HEADER + "a,X,,\nb,Y,,\n", r"line 3: doc_id 'b' has no article file \(b.txt or b.html\)"),
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
    assert "empty file" in skipped[0]["problem"] and "has no article file (c.txt" in skipped[1]["problem"]
    assert len(rec) == 2


@pytest.mark.parametrize("where", ["missing", "empty"])
def test_not_a_corpus_folder(tmp_path, where):
    target = tmp_path / "nope" if where == "missing" else tmp_path
    with pytest.raises(CorpusError, match="not a folder" if where == "missing" else "no article files"):
        corpus.load(target)


def test_iter_fields_yields_title_then_body():
    docs = pd.DataFrame({"doc_id": ["x"], "title": [None], "body": ["نص"]})
    assert list(corpus.iter_fields(docs)) == [("x", "title", ""), ("x", "body", "نص")]


def test_no_warning_on_the_seeds():
    from analysis import paths

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus.load(paths.SEEDS_DIR)


# --- decoding: UTF-8 with a few bad bytes stays UTF-8 (issue 14) ---------------------------

def _seed_text(index=0):
    from analysis import paths

    return sorted(paths.SEEDS_DIR.glob("*.txt"))[index].read_text(encoding="utf-8")


def _with_stray_bytes(text: str, *strays: bytes) -> bytes:
    """``text`` as UTF-8 with ``strays`` put in at a few places of the body."""
    data = text.encode("utf-8")
    places = [len(data) * (i + 1) // (len(strays) + 2) for i in range(len(strays))]
    for place, stray in sorted(zip(places, strays), reverse=True):
        while data[place] & 0xC0 == 0x80:  # not inside a character
            place += 1
        data = data[:place] + stray + data[place:]
    return data


def test_utf8_with_two_stray_bytes_is_read_as_utf8_with_a_warning(tmp_path):
    """The issue's case: a seed article with two stray bytes was decoded as Windows-1256
    (mojibake, no actor found); it is UTF-8 with the two bytes replaced, and says so."""
    text = _seed_text()
    d = write_corpus(tmp_path, {"a.txt": _with_stray_bytes(text, b"\x92", b"\xe9")},
                     META_HEADER + "a,X,,\n")
    with pytest.warns(CorpusWarning, match=r"a.txt: 2 byte\(s\) that are not UTF-8 \(the first "
                                           r"at byte \d+\) replaced by U\+FFFD"):
        docs = corpus.load(d)
    assert docs.loc[0, "encoding"] == "utf-8 (2 bytes replaced)"
    raw = docs.loc[0, "raw"]
    assert raw.count("\ufffd") == 2
    assert raw.replace("\ufffd", "") == corpus.normalize_text(text)


def _cp1256(text: str) -> bytes:
    return text.encode("cp1256", errors="ignore")  # (a few symbols have no cp1256 byte)


@pytest.mark.parametrize("data, encoding", [
    (ARTICLE.encode(), "utf-8"),
    (_cp1256(ARTICLE), "cp1256"),
    (_cp1256(_seed_text(1)), "cp1256"),                                  # commas, quotes, digits
    (_with_stray_bytes(ARTICLE, b"\xff"), "utf-8 (1 byte replaced)"),
    (b"\xef\xbb\xbf" + _with_stray_bytes(ARTICLE, b"\xc7"), "utf-8 (BOM, 1 byte replaced)"),
    (_with_stray_bytes(_seed_text(2), b"\xe9", b"\xe9\xe9", b"\x81"), "utf-8 (4 bytes replaced)"),
    # a UTF-8 article with one Windows-1256 sentence pasted in: UTF-8, never Windows-1256
    (ARTICLE.encode() * 3 + _cp1256("قالت وزارة الدفاع الروسية"), "utf-8 (22 bytes replaced)"),
])
def test_windows_1256_only_when_the_file_reads_so_throughout(tmp_path, data, encoding):
    d = write_corpus(tmp_path, {"a.txt": data}, META_HEADER + "a,X,,\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = corpus.load(d)
    assert docs.loc[0, "encoding"] == encoding
    replaced = "replaced" in encoding
    assert [str(w.message).startswith("a.txt: ") for w in caught] == [True] * replaced
    assert ("\ufffd" in docs.loc[0, "raw"]) == replaced


def test_documents_table_records_the_replaced_bytes(tmp_path):
    """documents.csv keeps its columns; the encoding value tells a repaired file apart."""
    from analysis import pipeline

    d = write_corpus(tmp_path, {"a.txt": _with_stray_bytes(_seed_text(), b"\x92", b"\xe9"),
                                "b.txt": _seed_text()}, META_HEADER + "a,X,,\nb,X,,\n")
    with pytest.warns(CorpusWarning, match="a.txt: 2 byte"):
        pipeline.extract(d, tmp_path / "out", log=lambda *a: None)
    docs = pd.read_csv(tmp_path / "out" / "documents.csv", keep_default_na=False)
    assert list(docs.columns[:7]) == pipeline.TABLES["documents"]
    assert list(docs["encoding"]) == ["utf-8 (2 bytes replaced)", "utf-8"]
    assert docs.loc[0, "title"] == docs.loc[1, "title"] != ""
    mentions = pd.read_csv(tmp_path / "out" / "actor_mentions.csv")
    assert (mentions["doc_id"] == "a").sum() == (mentions["doc_id"] == "b").sum() > 20


# --- every bad input named, once, with what --skip-bad can do about it ----------------------

def _entry(tmp_path, kind):
    target = tmp_path / "a.txt"
    if kind == "symlink loop":
        target.symlink_to(target.name)
    elif kind == "broken link":
        target.symlink_to("gone.txt")
    elif kind == "folder":
        target.mkdir()
    elif kind == "named pipe":
        import os

        os.mkfifo(target)
    return kind


@pytest.mark.parametrize("kind, message", [
    ("symlink loop", "a.txt: cannot be read (a symbolic link loop)"),
    ("broken link", "a.txt: cannot be read (a broken symbolic link to gone.txt)"),
    ("folder", "a.txt: cannot be read (a folder)"),
    ("named pipe", "a.txt: cannot be read (not a regular file)"),
])
def test_unreadable_entries_are_named_or_skipped(tmp_path, kind, message):
    d = write_corpus(tmp_path, {"b.txt": ARTICLE}, META_HEADER + "a,X,,\nb,Y,,\n")
    _entry(d, kind)
    with pytest.raises(CorpusError) as caught:
        corpus.load(d, errors="raise")
    assert str(caught.value) == message and caught.value.skippable
    with pytest.warns(CorpusWarning, match="skipped: " + message.replace("(", r"\(").replace(")", r"\)")):
        docs = corpus.load(d, errors="skip")
    assert list(docs["doc_id"]) == ["b"]
    assert docs.attrs["skipped"] == [{"file": "a.txt", "problem": message}]


def test_every_bad_metadata_row_is_listed_at_once(tmp_path):
    d = write_corpus(tmp_path, {"a.txt": ARTICLE, "b.txt": ARTICLE, "c.txt": ARTICLE},
                     META_HEADER + "a,X,2019-13-40,stated\nb,Y,2019-01-02,stated\n"
                                   "c,Z,,guessed\na,X,,\n")
    with pytest.raises(CorpusError) as caught:
        corpus.load(d)
    message = str(caught.value)
    assert message.startswith("3 bad rows in metadata.csv: metadata.csv line 2: published "
                              "'2019-13-40' is not a real calendar date; ")
    assert "line 4: published_basis 'guessed'" in message
    assert "line 5: duplicate doc_id 'a' (first on line 2)" in message
    assert "\n" not in message and not caught.value.skippable


def test_metadata_rows_without_files_are_listed_at_once_and_can_be_skipped(tmp_path):
    d = write_corpus(tmp_path, {"a.txt": ARTICLE}, META_HEADER + "a,X,,\nb,Y,,\nc,Z,,\n")
    with pytest.raises(CorpusError, match=r"^2 rows of metadata.csv without an article file: "
                                          r"metadata.csv line 3: doc_id 'b' .*; metadata.csv "
                                          r"line 4: doc_id 'c'") as caught:
        corpus.load(d)
    assert caught.value.skippable


def test_an_unreadable_metadata_file_is_named(tmp_path):
    d = write_corpus(tmp_path, {"a.txt": ARTICLE}, None)
    (d / "metadata.csv").symlink_to("metadata.csv")
    with pytest.raises(CorpusError, match=r"^metadata.csv: cannot be read \(a symbolic link loop\)$"):
        corpus.load(d)


@pytest.mark.parametrize("make, skippable", [
    (lambda d: write_corpus(d, {"a.txt": b""}, META_HEADER), True),
    (lambda d: write_corpus(d, {"a.txt": b"\x00"}, META_HEADER), True),
    (lambda d: write_corpus(d, {"a.txt": ARTICLE}, META_HEADER + "a,X,,\nb,X,,\n"), True),
    (lambda d: write_corpus(d, {"a.txt": ARTICLE}, META_HEADER + "a,X,,\na,X,,\n"), False),
    (lambda d: write_corpus(d, {"a.txt": ARTICLE}, META_HEADER + "a,X,2019-02-30,\n"), False),
    (lambda d: write_corpus(d, {"a.md": ARTICLE}, None), False),
    (lambda d: d / "missing", False),
])
def test_skippable_says_whether_skip_mode_would_help(tmp_path, make, skippable):
    d = make(tmp_path)
    with pytest.raises(CorpusError) as caught, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus.load(d, errors="raise")
    assert caught.value.skippable is skippable
    if not skippable:  # and skip mode indeed does not help
        with pytest.raises(CorpusError), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            corpus.load(d, errors="skip")


def test_the_skip_mode_of_the_notebooks_comes_from_the_environment(tmp_path, monkeypatch):
    """``python -m analysis run --skip-bad`` sets ANALYSIS_SKIP_BAD for the notebooks'
    kernels; corpus.load (as the notebooks call it) then leaves bad files out."""
    from analysis import paths

    d = write_corpus(tmp_path, {"a.txt": ARTICLE, "b.txt": b""}, META_HEADER + "a,X,,\nb,Y,,\n")
    monkeypatch.delenv(paths.SKIP_BAD_ENV, raising=False)
    with pytest.raises(CorpusError, match="b.txt: empty file"):
        corpus.load(d)
    monkeypatch.setenv(paths.SKIP_BAD_ENV, "1")
    with pytest.warns(CorpusWarning, match="skipped: b.txt"):
        assert list(corpus.load(d)["doc_id"]) == ["a"]
    with pytest.raises(CorpusError):
        corpus.load(d, errors="raise")  # an explicit choice wins
