"""Atomic outputs of ``extract``: all tables and a manifest from a run that succeeds, and
the --out folder left as it was by one that fails, however it fails (issue 14)."""
from __future__ import annotations

import json
import os
import shutil

import pandas as pd
import pytest

from analysis import paths, pipeline
from analysis.__main__ import main
from analysis.corpus import CorpusError

TABLE_FILES = [f"{name}.csv" for name in pipeline.TABLES]
QUIET = {"log": lambda *a: None}


def snapshot(folder):
    """Every file under ``folder`` (relative path → bytes), and the folder's siblings."""
    files = {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
             if p.is_file()} if folder.exists() else None
    return files, sorted(p.name for p in folder.parent.iterdir())


@pytest.fixture
def previous(tmp_path):
    """An --out folder holding an earlier run's tables and a file of the user's."""
    out = tmp_path / "tables"
    pipeline.extract(paths.SEEDS_DIR, out, **QUIET)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    return out


def corpus_copy(tmp_path, n_copies=2, extra=()):
    """The seeds ``n_copies`` times under new ids, with their metadata (and rows for the
    ``extra`` doc_ids)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    meta = pd.read_csv(paths.SEEDS_DIR / "metadata.csv", dtype=str, keep_default_na=False)
    rows = []
    for k in range(n_copies):
        for row in meta.to_dict("records"):
            shutil.copy(paths.SEEDS_DIR / f"{row['doc_id']}.txt", folder / f"c{k}_{row['doc_id']}.txt")
            rows.append({**row, "doc_id": f"c{k}_{row['doc_id']}"})
    rows += [{"doc_id": doc_id} for doc_id in extra]
    pd.DataFrame(rows).fillna("").to_csv(folder / "metadata.csv", index=False)
    return folder


def test_a_run_writes_its_tables_and_a_manifest_of_them(tmp_path):
    out = tmp_path / "new" / "tables"
    summary = pipeline.extract(paths.SEEDS_DIR, out, jobs=1, batch_size=2, **QUIET)
    assert sorted(p.name for p in out.iterdir()) == sorted(TABLE_FILES + ["manifest.json"])
    assert sorted(p.name for p in out.parent.iterdir()) == ["tables"]  # no temporary folder left
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest == summary["manifest"] and manifest["complete"] is True
    for name in TABLE_FILES:
        table = pd.read_csv(out / name)
        assert manifest["tables"][name] == {"rows": len(table), "bytes": (out / name).stat().st_size}
    assert manifest["inputs"]["article_files"] == manifest["documents"] == 5
    assert manifest["inputs"]["corpus"] == str(paths.SEEDS_DIR.resolve())
    assert manifest["inputs"]["metadata"] == "metadata.csv"
    assert manifest["options"] == {"engine": "local", "jobs": 1, "batch_size": 2, "scheduler": None,
                                   "errors": "raise", "max_bytes": 5_000_000}
    assert manifest["version"] and manifest["started"] <= manifest["finished"]
    assert manifest["skipped_files"] == []


def test_the_tables_are_those_of_a_plain_run(tmp_path):
    """The seeds' tables, byte for byte as the committed seed run writes them (only
    manifest.json is new)."""
    base = tmp_path / "base"
    pipeline.extract(paths.SEEDS_DIR, base, **QUIET)
    again = tmp_path / "again"
    pipeline.extract(paths.SEEDS_DIR, again, jobs=2, batch_size=3, **QUIET)
    for name in TABLE_FILES:
        assert (base / name).read_bytes() == (again / name).read_bytes()


def test_a_rerun_replaces_the_tables_and_leaves_other_files(tmp_path, previous):
    corpus = corpus_copy(tmp_path, n_copies=1, extra=["broken"])
    (corpus / "broken.txt").write_bytes(b"")
    with pytest.warns(UserWarning, match="broken.txt"):
        pipeline.extract(corpus, previous, errors="skip", **QUIET)
    assert (previous / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert pd.read_csv(previous / "skipped_files.csv")["file"].tolist() == ["broken.txt"]
    manifest = json.loads((previous / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["skipped_files"] == ["broken.txt"] and manifest["documents"] == 5
    assert pd.read_csv(previous / "documents.csv")["doc_id"].str.startswith("c0_").all()
    # the next run skips nothing: no skipped_files.csv of an earlier run is left to mislead
    (corpus / "broken.txt").unlink()
    shutil.copy(paths.SEEDS_DIR / "metadata.csv", corpus / "metadata.csv")
    for f in corpus.glob("c0_*.txt"):
        f.rename(corpus / f.name[3:])
    pipeline.extract(corpus, previous, **QUIET)
    assert not (previous / "skipped_files.csv").exists()
    assert sorted(p.name for p in previous.parent.iterdir()) == ["corpus", "tables"]


@pytest.mark.parametrize("problem", ["missing corpus", "no articles", "bad metadata"])
def test_a_run_that_cannot_start_leaves_out_as_it_was(tmp_path, previous, problem):
    corpus = tmp_path / "corpus"
    if problem != "missing corpus":
        corpus.mkdir()
    if problem == "bad metadata":
        (corpus / "a.txt").write_text("عنوان\n\nنص الخبر", encoding="utf-8")
        (corpus / "metadata.csv").write_text("doc_id,published\na,yesterday\n", encoding="utf-8")
    before = snapshot(previous)
    with pytest.raises(CorpusError):
        pipeline.extract(corpus, previous, **QUIET)
    assert snapshot(previous) == before
    # and a new --out is not made at all, nor its parent folders
    with pytest.raises(CorpusError):
        pipeline.extract(corpus, tmp_path / "new" / "deeper" / "out", **QUIET)
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("interrupt", [RuntimeError("worker crashed"), KeyboardInterrupt()])
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_run_that_fails_midway_publishes_nothing(tmp_path, previous, monkeypatch, interrupt, jobs):
    """A crash or Ctrl-C after some batches were written: the earlier tables stay, no
    partial table is left anywhere, and a new --out folder is not made."""
    corpus = corpus_copy(tmp_path, n_copies=2)
    real = pipeline.process_batch_csv
    done = []

    def failing(*args):
        if done:
            raise interrupt
        done.append(args)
        return real(*args)

    engine = pipeline._engine

    def boom():
        raise interrupt

    def engine_failing_after_one(*args, **kwargs):  # (worker processes see no monkeypatch)
        results, close = engine(*args, **kwargs)
        return (result if not i else boom() for i, result in enumerate(results)), close

    if jobs == 1:
        monkeypatch.setattr(pipeline, "process_batch_csv", failing)
    else:
        monkeypatch.setattr(pipeline, "_engine", engine_failing_after_one)
    before = snapshot(previous)
    with pytest.raises(type(interrupt)):
        pipeline.extract(corpus, previous, jobs=jobs, batch_size=2, **QUIET)
    assert snapshot(previous) == before
    with pytest.raises(type(interrupt)):
        pipeline.extract(corpus, tmp_path / "fresh", jobs=jobs, batch_size=2, **QUIET)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "tables"]


def test_ctrl_c_on_the_command_line_says_nothing_was_written(tmp_path, previous, monkeypatch, capsys):
    monkeypatch.setattr(pipeline, "process_batch_csv", lambda *a: (_ for _ in ()).throw(KeyboardInterrupt()))
    before = snapshot(previous)
    assert main(["extract", str(paths.SEEDS_DIR), "--out", str(previous)]) == 130
    assert snapshot(previous) == before
    err = capsys.readouterr().err
    assert err == "interrupted: nothing was written (the --out folder is as it was)\n"


@pytest.mark.parametrize("where", ["out", "parent"])
def test_an_out_that_is_a_file_is_one_clear_line(tmp_path, capsys, where):
    target = tmp_path / "tables"
    target.write_text("not a folder", encoding="utf-8")
    out = target if where == "out" else target / "sub"
    assert main(["extract", str(paths.SEEDS_DIR), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    what = "is a file" if where == "out" else f"is inside {target}, a file"
    assert err == f"error: --out {out}: {what}, not a folder; name a folder for the tables\n"
    assert target.read_text(encoding="utf-8") == "not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tables"]


@pytest.mark.parametrize("sig, jobs", [("SIGINT", 1), ("SIGINT", 2), ("SIGTERM", 2)])
def test_a_real_ctrl_c_or_kill_midway_leaves_out_as_it_was(tmp_path, previous, sig, jobs):
    """The command in its own process, interrupted once its first tables are written in
    the temporary folder: Ctrl-C (SIGINT to the process group, workers included) or a kill
    (SIGTERM to the main process). Exit 130, one line, nothing published, nothing left."""
    import signal
    import subprocess
    import sys
    import time

    corpus = corpus_copy(tmp_path, n_copies=40)
    before = snapshot(previous)
    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis", "extract", str(corpus), "--out", str(previous),
         "--jobs", str(jobs), "--batch-size", "1"], cwd=paths.ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, start_new_session=True,
        # as from a terminal: another test in this pytest worker (Dask's nanny) may have left
        # SIGINT ignored, and an ignored signal stays ignored in a child
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".tables.partial-*/documents.csv")) and time.monotonic() < deadline:
        time.sleep(0.01)
    if sig == "SIGINT":
        os.killpg(proc.pid, signal.SIGINT)
    else:
        proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err == "interrupted: nothing was written (the --out folder is as it was)\n"
    assert snapshot(previous) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "tables"]
