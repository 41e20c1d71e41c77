"""Loading the corpus: one row per article, validated, nothing dropped silently.

A corpus folder holds ``*.txt`` files (one article each; ``doc_id`` is the file stem) and
optionally ``metadata.csv`` with at least a ``doc_id`` column and usually ``outlet``,
``published`` (ISO date) and ``published_basis`` (``stated`` / ``inferred``); any other
columns are kept.

Decoding (:func:`decode`): UTF-8 (a BOM is accepted and removed), UTF-16 with a BOM, and
Windows-1256 (the Arabic Windows code page) only when the file reads as Windows-1256
throughout. A UTF-8 file with a few bytes that are not UTF-8 stays UTF-8: those bytes become
U+FFFD, with a warning naming the file and the count. The encoding used is recorded per file
(``utf-8``, ``utf-8 (BOM)``, ``utf-8 (2 bytes replaced)``, ``utf-16``, ``cp1256``). Text is
normalised to NFC with ``\\n`` line ends.

Problems name the file and what is wrong. By default they raise :class:`CorpusError`;
with ``errors="skip"`` a bad file is left out with a :class:`CorpusWarning` and listed in
``documents.attrs["skipped"]``, so a long run on a large archive is not stopped by one
broken file, and nothing is dropped without a trace. Problems of the whole corpus (no
folder, no files, bad metadata rows) are not skipped; :attr:`CorpusError.skippable` says
which kind an error is.
"""
from __future__ import annotations

import csv
import errno
import hashlib
import os
import re
import stat
import unicodedata
import warnings
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

FIELDS = ("title", "body")
METADATA_FILE = "metadata.csv"
#: Article files a corpus folder may hold: plain text captures and saved web pages.
TEXT_SUFFIX = ".txt"
PAGE_SUFFIXES = (".html", ".htm")
BASIS_VALUES = {"stated", "inferred", ""}
#: A news article is a few kilobytes; a file this large is almost surely not one article.
MAX_BYTES = 5_000_000

COLUMNS = ["doc_id", "outlet", "published", "published_basis", "file", "encoding",
           "sha256", "n_chars", "raw"]


class CorpusError(ValueError):
    """A corpus file or the metadata cannot be used as it is.

    ``skippable`` is true for a problem of one article file, which ``errors="skip"``
    (``--skip-bad``) leaves out, and false for a problem of the whole corpus.
    """

    def __init__(self, message: str, *, skippable: bool = False):
        super().__init__(message)
        self.skippable = skippable  # in __dict__, so it survives pickling (worker processes)


class CorpusWarning(UserWarning):
    """Something in the corpus is incomplete but usable (the message says what)."""


def iter_fields(documents: pd.DataFrame) -> Iterator[tuple[str, str, str]]:
    """``(doc_id, field, text)`` for the title and the body of every document, in order.

    Missing values (no title) yield an empty string, so offsets stay defined.
    """
    columns = (documents[c].tolist() for c in ("doc_id", "title", "body"))  # plain lists iterate fastest
    for doc_id, title, body in zip(*columns):
        yield doc_id, "title", title if isinstance(title, str) else ""
        yield doc_id, "body", body if isinstance(body, str) else ""


# --- decoding ------------------------------------------------------------------------------

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LETTER = re.compile(r"[^\W\d_]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The same characters as bytes: in UTF-8 and Windows-1256 each is its own single byte, and
# no other character's bytes are among them, so the raw bytes can be checked instead of the
# decoded text (``bytes.translate`` deletes them in C, three times faster than the regex).
_CONTROL_BYTES = bytes(b for b in range(128) if _CONTROL.match(chr(b)))


#: Windows-1256 only when at least this share of the non-ASCII bytes is not UTF-8: in
#: Arabic Windows-1256 text nearly every letter byte is (only pairs such as a letter before
#: «،» happen to be valid UTF-8), in a UTF-8 file with a few stray bytes almost none is.
CP1256_SHARE = 0.8
_SURROGATE = re.compile("[\udc80-\udcff]")  # an undecodable byte, under "surrogateescape"


def decode(data: bytes, *, name: str = "<bytes>") -> tuple[str, str]:
    """``(text, encoding)`` of an article file's bytes; :class:`CorpusError` if unreadable.

    UTF-16 needs its BOM. Otherwise the bytes are UTF-8 unless they read as Windows-1256
    throughout: most of the non-ASCII bytes (:data:`CP1256_SHARE`) are not UTF-8, and the
    Windows-1256 text is mostly Arabic letters. A file that is UTF-8 apart from a few bytes
    is read as UTF-8 with each bad byte replaced by U+FFFD, and a :class:`CorpusWarning`
    names the file and the count; the encoding says so (``utf-8 (2 bytes replaced)``).

    >>> decode("سوريا".encode("cp1256"))
    ('سوريا', 'cp1256')
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise CorpusError(f"{name}: undecodable bytes ({exc})", skippable=True) from None
        _refuse_control(_CONTROL.search(text) is not None, name, "utf-16")
        return text, "utf-16"
    bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if bom else data
    _refuse_control(len(body.translate(None, _CONTROL_BYTES)) != len(body), name,
                    "utf-8" if bom else "utf-8 or cp1256")
    label = "utf-8 (BOM)" if bom else "utf-8"
    try:
        return body.decode("utf-8"), label
    except UnicodeDecodeError as exc:
        first = exc.start + (3 if bom else 0)
    text = body.decode("utf-8", "surrogateescape")  # each bad byte: one lone surrogate
    n_bad = len(_SURROGATE.findall(text))
    n_high = len(body.translate(None, _ASCII_BYTES))
    if n_bad >= CP1256_SHARE * n_high and not bom:
        cp1256 = body.decode("cp1256")
        if _reads_as_arabic(cp1256):
            return cp1256, "cp1256"
    if 2 * n_bad > n_high:
        raise CorpusError(
            f"{name}: not UTF-8 ({n_bad} of its {n_high} non-ASCII bytes are invalid, the first "
            f"at byte {first}) and not Arabic Windows-1256 text either; re-save the file as "
            "UTF-8", skippable=True)
    warnings.warn(f"{name}: {n_bad} byte(s) that are not UTF-8 (the first at byte {first}) "
                  "replaced by U+FFFD; the rest of the file reads as UTF-8", CorpusWarning,
                  stacklevel=2)
    label = f"utf-8 ({'BOM, ' if bom else ''}{n_bad} byte{'s' if n_bad > 1 else ''} replaced)"
    return _SURROGATE.sub("\ufffd", text), label


_ASCII_BYTES = bytes(range(128))


def _refuse_control(found: bool, name: str, encoding: str) -> None:
    if found:
        raise CorpusError(f"{name}: contains control bytes (binary file, or wrong encoding "
                          f"{encoding}); an article must be plain text", skippable=True)


def _reads_as_arabic(text: str) -> bool:
    letters = _LETTER.findall(text)
    return bool(letters) and len(_ARABIC.findall(text)) >= 0.5 * len(letters)


def normalize_text(text: str) -> str:
    """NFC, ``\\n`` line ends, no BOM left inside."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return unicodedata.normalize("NFC", text)


def read_article(path: Path, *, max_bytes: int = MAX_BYTES) -> dict:
    """One article file as a row: doc_id, file, encoding, sha256, n_chars, raw, and n_bytes
    (the file's size, for throughput figures). A saved web page (:data:`PAGE_SUFFIXES`) is
    read by :func:`analysis.pages.read_page`: its row also carries what the page says of
    the article (``page_outlet``, ``page_published``, ``page_basis``)."""
    data = _read_bytes(path, max_bytes)
    if path.suffix.lower() in PAGE_SUFFIXES:
        return _read_page(path, data)
    text, encoding = decode(data, name=path.name)
    text = normalize_text(text)
    if not text.strip():
        raise CorpusError(f"{path.name}: empty file (no text)", skippable=True)
    return {"doc_id": path.stem, "file": path.name, "encoding": encoding,
            "sha256": hashlib.sha256(data).hexdigest(), "n_chars": len(text), "raw": text,
            "n_bytes": len(data)}


def _read_page(path: Path, data: bytes) -> dict:
    from .pages import read_page

    page = read_page(path, data=data)
    text = normalize_text(page["text"])
    return {"doc_id": path.stem, "file": path.name, "encoding": "html",
            "sha256": hashlib.sha256(data).hexdigest(), "n_chars": len(text), "raw": text,
            "n_bytes": len(data), "page_outlet": page["outlet"],
            "page_published": page["published"], "page_basis": page["published_basis"]}


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of ``path``; :class:`CorpusError` if it cannot be read (a symbolic link
    loop, a broken link, a folder, no permission) or is larger than ``max_bytes``.

    One open, one ``fstat`` for the size, and reads until the end of the file: half the
    cost of ``Path.stat`` plus ``Path.read_bytes``, which matters at 100,000 files.
    ``O_NONBLOCK`` so that a named pipe is refused instead of waited on.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise CorpusError(f"{path.name}: cannot be read ({unreadable(path, exc)})",
                          skippable=True) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise CorpusError(f"{path.name}: cannot be read ({kind})", skippable=True)
        size = info.st_size
        if size > max_bytes:
            raise CorpusError(f"{path.name}: {_megabytes(size)} is larger than the limit of "
                              f"{_megabytes(max_bytes)} (max_bytes, --max-bytes); one file "
                              "should hold one article: split it, or raise the limit",
                              skippable=True)
        parts = []
        while part := os.read(fd, size + 1):  # one read, unless the file grew or reads short
            parts.append(part)
    except OSError as exc:
        raise CorpusError(f"{path.name}: cannot be read ({unreadable(path, exc)})",
                          skippable=True) from None
    finally:
        os.close(fd)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _megabytes(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def unreadable(path: Path, exc: OSError) -> str:
    """Why ``path`` cannot be opened, in words: the reason a file is left out."""
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop"
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return f"a broken symbolic link to {os.readlink(path)}"
    if exc.errno == errno.EISDIR:
        return "a folder"
    return (exc.strerror or str(exc)).lower()


# --- metadata ------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?")


def parse_published(value: str, *, where: str) -> pd.Timestamp:
    """An ISO date (``YYYY-MM-DD``, optionally with a time) or empty → Timestamp / NaT."""
    value = (value or "").strip()
    if not value:
        return pd.NaT
    if not _ISO_DATE.fullmatch(value):
        raise CorpusError(f"{where}: published {value!r} is not an ISO date (YYYY-MM-DD)")
    try:
        return pd.Timestamp(value[:10])
    except ValueError:
        raise CorpusError(f"{where}: published {value!r} is not a real calendar date") from None


def read_metadata(path: Path) -> pd.DataFrame:
    """``metadata.csv`` validated: doc_id unique and present, dates and bases well formed.

    Every bad row is reported at once, in one :class:`CorpusError`, so they can all be
    fixed before the next run.
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path.name}: not UTF-8 ({exc})") from None
    except OSError as exc:
        raise CorpusError(f"{path.name}: cannot be read ({unreadable(path, exc)})") from None
    rows = list(csv.DictReader(normalize_text(text).splitlines()))
    if not rows:
        return pd.DataFrame(columns=["doc_id", "outlet", "published", "published_basis", "_line"])
    if "doc_id" not in rows[0]:
        raise CorpusError(f"{path.name}: no 'doc_id' column (columns: {', '.join(rows[0])})")
    seen: dict[str, int] = {}
    problems = []
    for line_no, row in enumerate(rows, start=2):
        try:
            _check_row(row, f"{path.name} line {line_no}", seen)
        except CorpusError as exc:
            problems.append(str(exc))
        seen.setdefault(row["doc_id"], line_no)
        row["_line"] = line_no
    if problems:
        raise CorpusError(listed(problems, f"bad rows in {path.name}"))
    meta = pd.DataFrame(rows)
    for col in ("outlet", "published_basis"):
        if col not in meta:
            meta[col] = ""
    meta["published"] = pd.to_datetime(meta["published"])
    return meta


def _check_row(row: dict, where: str, seen: dict[str, int]) -> None:
    """Validate one metadata row in place (doc_id, published, published_basis)."""
    if None in row:
        raise CorpusError(f"{where}: more fields than the header has")
    doc_id = row["doc_id"] = (row["doc_id"] or "").strip()
    if not doc_id:
        raise CorpusError(f"{where}: empty doc_id")
    if doc_id in seen:
        raise CorpusError(f"{where}: duplicate doc_id {doc_id!r} (first on line {seen[doc_id]})")
    row["published"] = parse_published(row.get("published", ""), where=where)
    basis = row["published_basis"] = (row.get("published_basis") or "").strip()
    if basis not in BASIS_VALUES:
        raise CorpusError(f"{where}: published_basis {basis!r} is not one of "
                          "stated, inferred or empty")


def listed(problems: list[str], what: str) -> str:
    """One line for one problem or several: ``3 bad rows in metadata.csv: …; …; …``."""
    if len(problems) == 1:
        return problems[0]
    return f"{len(problems)} {what}: " + "; ".join(problems)


# --- the corpus ---------------------------------------------------------------------------

def plan(corpus_dir: str | Path, *, errors: str = "raise") -> tuple[list[Path], pd.DataFrame, list[dict]]:
    """What to read: the article paths (sorted), the validated metadata, and problems found.

    Checks that need the whole folder happen here, once: metadata rows without a file
    (problems: all raised at once, or skipped with a warning each), files without a
    metadata row (one warning), no metadata at all (one warning). Reading the files is left
    to :func:`read_batch`, so a large corpus can be read in batches of bounded memory.
    """
    if errors not in ("raise", "skip"):
        raise ValueError("errors must be 'raise' or 'skip'")
    corpus_dir = Path(corpus_dir)
    by_stem = _by_stem(list_articles(corpus_dir))
    if not by_stem:
        raise CorpusError(f"{corpus_dir}: no article files (*.txt, *.html, *.htm)")
    paths = [by_stem[stem] for stem in sorted(by_stem)]
    skipped: list[dict] = []
    meta_path = corpus_dir / METADATA_FILE
    stems = by_stem.keys()
    if os.path.lexists(meta_path):
        meta = read_metadata(meta_path)
        lost = [(doc_id, CorpusError(f"{METADATA_FILE} line {line}: doc_id {doc_id!r} has no "
                                     f"article file ({doc_id}.txt or {doc_id}.html) in {corpus_dir.name}/",
                                     skippable=True))
                for doc_id, line in zip(meta["doc_id"].tolist(), meta["_line"].tolist())
                if doc_id not in stems]
        if lost and errors == "raise":
            raise CorpusError(listed([str(exc) for _, exc in lost], f"rows of {METADATA_FILE} "
                                     "without an article file"), skippable=True)
        for doc_id, exc in lost:
            _problem(exc, f"{doc_id}.txt", errors, skipped)
        meta = meta.drop(columns="_line")
        unlisted = sorted(stems - set(meta["doc_id"].tolist()))
        if unlisted:
            warnings.warn(f"{len(unlisted)} article file(s) have no row in {METADATA_FILE} "
                          f"(outlet and published left empty): {', '.join(unlisted[:5])}"
                          + (" …" if len(unlisted) > 5 else ""), CorpusWarning, stacklevel=3)
    elif any(p.suffix == TEXT_SUFFIX for p in paths):  # saved pages carry their own
        warnings.warn(f"{corpus_dir.name}/ has no {METADATA_FILE}: outlet is empty, and "
                      "published comes only from publication stamps in the text (relative "
                      "dates stay unresolved without one)", CorpusWarning, stacklevel=3)
        meta = pd.DataFrame({"doc_id": pd.Series(dtype=str)})
    else:
        meta = pd.DataFrame({"doc_id": pd.Series(dtype=str)})
    return paths, meta, skipped


def _by_stem(paths: list[Path]) -> dict[str, Path]:
    """Article paths by doc_id (the file stem); two files with one stem are an error."""
    by_stem: dict[str, Path] = {}
    for path in sorted(paths):
        if path.stem in by_stem:
            raise CorpusError(f"{by_stem[path.stem].name} and {path.name}: two article files for "
                              f"the doc_id {path.stem!r}; keep one")
        by_stem[path.stem] = path
    return by_stem


def list_articles(corpus_dir: Path) -> list[Path]:
    """The article entries of ``corpus_dir``: ``*.txt`` captures and saved pages
    (``*.html``, ``*.htm``), not hidden ones; :class:`CorpusError` if the folder does not
    exist or cannot be listed. An entry that is not a readable file is found here and
    reported when it is read."""
    suffixes = (TEXT_SUFFIX, *PAGE_SUFFIXES)
    try:
        with os.scandir(corpus_dir) as entries:
            return [Path(e.path) for e in entries
                    if e.name.lower().endswith(suffixes) and not e.name.startswith(".")]
    except NotADirectoryError:
        raise CorpusError(f"{corpus_dir}: not a folder (a file)") from None
    except OSError as exc:
        raise CorpusError(f"{corpus_dir}: not a folder ({unreadable(corpus_dir, exc)})") from None


def _problem(exc: CorpusError, file: str, errors: str, skipped: list[dict]) -> None:
    if errors == "raise":
        raise exc
    warnings.warn(f"skipped: {exc}", CorpusWarning, stacklevel=4)
    skipped.append({"file": file, "problem": str(exc)})


def read_batch(paths: list[Path], meta: pd.DataFrame, *, errors: str = "raise",
               max_bytes: int = MAX_BYTES, progress: bool = False) -> pd.DataFrame:
    """The documents table for some article files, with their metadata merged in.

    Same columns and rules as :func:`load`; ``attrs["skipped"]`` lists files left out,
    ``attrs["bytes"]`` is the size of the files read.
    """
    skipped: list[dict] = []
    rows = []
    for path in _progress(paths, progress, "load"):
        try:
            rows.append(read_article(path, max_bytes=max_bytes))
        except CorpusError as exc:
            _problem(exc, path.name, errors, skipped)
    page_cols = ["page_outlet", "page_published", "page_basis"]
    docs = pd.DataFrame([{c: r.get(c, "") for c in PAGE_COLUMNS} for r in rows], columns=PAGE_COLUMNS)
    docs = docs.merge(meta, on="doc_id", how="left")
    for col in ("outlet", "published_basis"):
        docs[col] = docs[col].fillna("").astype(str) if col in docs else ""
    docs["published"] = pd.to_datetime(docs["published"]) if "published" in docs else pd.NaT
    docs = _page_metadata(docs).drop(columns=page_cols)
    docs["published"] = docs["published"].astype("datetime64[us]")
    extra = [c for c in docs.columns if c not in COLUMNS]
    docs = docs[COLUMNS + extra].sort_values("doc_id", ignore_index=True)
    docs.attrs["skipped"] = skipped
    docs.attrs["bytes"] = sum(row["n_bytes"] for row in rows)
    return docs


PAGE_COLUMNS = ["doc_id", "file", "encoding", "sha256", "n_chars", "raw",
                "page_outlet", "page_published", "page_basis"]


def _page_metadata(docs: pd.DataFrame) -> pd.DataFrame:
    """Outlet and publication date read off a saved page, where metadata.csv gives none
    (a metadata row wins: it is the researcher's record)."""
    from_page = docs["page_published"].ne("") & docs["published"].isna()
    docs.loc[from_page, "published"] = pd.to_datetime(docs.loc[from_page, "page_published"])
    docs.loc[from_page, "published_basis"] = docs.loc[from_page, "page_basis"]
    no_outlet = docs["outlet"].eq("")
    docs.loc[no_outlet, "outlet"] = docs.loc[no_outlet, "page_outlet"]
    return docs


def load(corpus_dir: str | Path, *, errors: str | None = None, max_bytes: int = MAX_BYTES,
         progress: bool = False) -> pd.DataFrame:
    """The corpus as a documents table, one row per article, sorted by doc_id.

    ``corpus_dir`` is a folder of articles (``.txt``, ``.html``) or one table file of
    articles (:func:`analysis.table_corpus.load_table`, default column names).

    Columns: doc_id, outlet, published (Timestamp or NaT), published_basis, file,
    encoding, sha256, n_chars, raw, then any other metadata columns.

    ``errors="raise"`` stops at the first problem with a :class:`CorpusError`;
    ``errors="skip"`` leaves bad files out, warns, and lists them in
    ``attrs["skipped"]`` as ``{"file", "problem"}`` records. The default is
    :func:`analysis.paths.corpus_errors`: ``"raise"``, unless the notebooks are run by
    ``python -m analysis run --skip-bad``.
    """
    from .paths import corpus_errors

    errors = corpus_errors(errors)
    source = Path(corpus_dir)
    if source.is_file():  # one table file of articles (CSV, TSV, JSON Lines, Parquet)
        from .table_corpus import TABLE_SUFFIXES, load_table

        if source.suffix.lower() in TABLE_SUFFIXES:
            return load_table(source, errors=errors)
    paths, meta, skipped = plan(corpus_dir, errors=errors)
    docs = read_batch(paths, meta, errors=errors, max_bytes=max_bytes, progress=progress)
    docs.attrs["skipped"] = sorted(skipped + docs.attrs["skipped"], key=lambda s: s["file"])
    return docs


def batches(items: list, size: int) -> Iterator[list]:
    """Consecutive chunks of ``items`` of at most ``size`` elements."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def prefetch(paths: list[Path]) -> None:
    """Ask the operating system to start reading ``paths`` into its file cache now.

    A large corpus is usually not in the cache yet. Asked one batch ahead, the disk reads
    the next batch while this one is processed, instead of making :func:`read_batch` wait
    (at 100,000 articles about 5 s of waiting). Only a hint: where ``posix_fadvise`` does
    not exist (Windows, macOS) or a file cannot be opened, nothing happens here and
    :func:`read_batch` reports the problem when it reads the file.
    """
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    for path in paths:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            advise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
        except OSError:
            pass
        finally:
            os.close(fd)


def _progress(items, enabled: bool, desc: str):
    """Wrap ``items`` in a progress bar when asked and stderr is a terminal."""
    if not enabled:
        return items
    import sys

    from tqdm.auto import tqdm
    return tqdm(items, desc=desc, unit="doc", disable=not sys.stderr.isatty(), leave=False)
