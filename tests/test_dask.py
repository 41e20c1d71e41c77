"""The Dask engine ends within a bounded time when its scheduler or workers are lost, or
finishes when they come back; an incomplete run publishes no table (issue 14)."""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import threading
import time

import pandas as pd
import pytest

from analysis import paths, pipeline
from analysis.__main__ import main

pytest.importorskip("distributed")
QUIET = {"log": lambda *a: None}


@pytest.fixture
def corpus(tmp_path):
    """The seeds four times over (20 articles, 10 batches of 2): a worker is lost mid-run."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    meta = pd.read_csv(paths.SEEDS_DIR / "metadata.csv", dtype=str, keep_default_na=False)
    rows = []
    for k in range(4):
        for row in meta.to_dict("records"):
            shutil.copy(paths.SEEDS_DIR / f"{row['doc_id']}.txt", folder / f"c{k}_{row['doc_id']}.txt")
            rows.append({**row, "doc_id": f"c{k}_{row['doc_id']}"})
    pd.DataFrame(rows).to_csv(folder / "metadata.csv", index=False)
    return folder


@pytest.fixture
def cluster(request):
    """A local cluster of one worker process (with its nanny); ``allowed_failures`` by
    indirect parametrisation."""
    import dask
    from dask.distributed import Client, LocalCluster

    allowed = getattr(request, "param", 3)
    with dask.config.set({"distributed.scheduler.allowed-failures": allowed}), \
            LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                         dashboard_address=None) as cluster, Client(cluster) as client:
        yield cluster, client


def kill_worker_when_busy(cluster, client, *, come_back: bool):
    """Kill the worker process (SIGKILL) once it runs a batch; with ``come_back=False``
    its nanny is told not to start a new one. Returns the thread and a record of it."""
    (pid,) = client.run(os.getpid).values()
    record = {}

    def watch():
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if any(client.processing().values()):
                if not come_back:
                    for nanny in cluster.workers.values():
                        nanny.close_gracefully()
                os.kill(pid, signal.SIGKILL)
                record["killed"] = time.monotonic()
                return
            time.sleep(0.005)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread, record


def test_an_unreachable_scheduler_ends_the_run_in_the_time_given(tmp_path, capsys):
    start = time.monotonic()
    code = main(["extract", str(paths.SEEDS_DIR), "--out", str(tmp_path / "out"),
                 "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1", "--timeout", "1"])
    assert code == 2 and time.monotonic() - start < 10
    err = capsys.readouterr().err
    assert err.startswith("error: --scheduler tcp://127.0.0.1:1: no Dask scheduler answered "
                          "within 1 s (--timeout); ")
    assert err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_lost_worker_that_comes_back_lets_the_run_finish(tmp_path, corpus, cluster):
    """The nanny starts a new worker; the lost batch runs again; the tables are those of a
    local run, byte for byte."""
    local = tmp_path / "local"
    pipeline.extract(corpus, local, **QUIET)
    thread, record = kill_worker_when_busy(*cluster, come_back=True)
    pipeline.extract(corpus, tmp_path / "dask", engine="dask", batch_size=2, jobs=1,
                     scheduler=cluster[0].scheduler_address, timeout=20, **QUIET)
    thread.join()
    assert "killed" in record
    for name in pipeline.TABLES:
        assert (local / f"{name}.csv").read_bytes() == (tmp_path / "dask" / f"{name}.csv").read_bytes()


def test_a_lost_worker_that_does_not_come_back_ends_the_run(tmp_path, corpus, cluster):
    """No worker for --timeout seconds: the run stops with a message, within a bounded
    time, and the tables of the earlier run are still there, untouched."""
    out = tmp_path / "out"
    pipeline.extract(paths.SEEDS_DIR, out, **QUIET)
    before = {f.name: f.read_bytes() for f in out.iterdir()}
    thread, record = kill_worker_when_busy(*cluster, come_back=False)
    with pytest.raises(pipeline.RunError, match=r"^Dask: no worker for 2 s \(--timeout\) while "
                                                r"the batch c\d_\S+ … c\d_\S+ waited to run: the "
                                                r"workers were lost and did not come back; no "
                                                r"tables were written$"):
        pipeline.extract(corpus, out, engine="dask", batch_size=2, jobs=1,
                         scheduler=cluster[0].scheduler_address, timeout=2, **QUIET)
    ended = time.monotonic()
    thread.join()
    assert ended - record["killed"] < 2 + 5  # the timeout, a poll and the scheduler's notice
    assert {f.name: f.read_bytes() for f in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out"]


@pytest.mark.parametrize("cluster", [0], indirect=True)
def test_a_batch_whose_worker_keeps_dying_ends_the_run(tmp_path, corpus, cluster):
    """Dask gives up on a task after its workers died allowed-failures + 1 times (here at
    once): the run stops with a message naming the batch, and writes nothing."""
    thread, record = kill_worker_when_busy(*cluster, come_back=True)
    with pytest.raises(pipeline.RunError, match=r"^Dask: the batch c\d_\S+ … c\d_\S+ was running "
                                                r"on a worker that died each time it was tried"):
        pipeline.extract(corpus, tmp_path / "out", engine="dask", batch_size=2, jobs=1,
                         scheduler=cluster[0].scheduler_address, timeout=20, **QUIET)
    thread.join()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]


def test_a_lost_scheduler_ends_the_run(tmp_path, corpus):
    """The scheduler goes away mid-run: the client gives up reconnecting after --timeout
    seconds and the run stops with a message; nothing is written."""
    from dask.distributed import LocalCluster

    local_cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                 dashboard_address=None)
    scheduler = local_cluster.scheduler
    record = {}

    def watch():
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any(
                ts.state == "processing" for ts in list(scheduler.tasks.values())):
            time.sleep(0.005)
        local_cluster.sync(scheduler.close)
        record["closed"] = time.monotonic()

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    error = None
    try:
        pipeline.extract(corpus, tmp_path / "out", engine="dask", batch_size=2, jobs=1,
                         scheduler=local_cluster.scheduler_address, timeout=2, **QUIET)
    except pipeline.RunError as exc:
        error = str(exc)
    ended = time.monotonic()
    thread.join()
    with contextlib.suppress(TimeoutError):  # (its scheduler is gone: closing it times out)
        local_cluster.close(timeout=2)
    assert re.fullmatch(r"Dask: (the batch c\d_\S+ … c\d_\S+ was cancelled: )?the connection "
                        r"to the scheduler was lost", error or "")
    assert ended - record["closed"] < 2 + 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]
