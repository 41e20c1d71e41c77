"""Notebooks 01-05 on a corpus that is not the seeds, without metadata.csv (issue 14).

Notebook 06 is not run here: it scores the hand-coded sets (``tests/data/coded/``) and reads
no other corpus, so its outputs are the same whatever ``CORPUS`` is (nbval checks them).

The six heldout2 pages (``k01`` … ``k06``) are copied to a temporary folder with no
``metadata.csv``: no outlet is named, four dates come from printed stamps, two are unknown.
Each notebook is executed as ``python -m analysis run --corpus`` would (papermill, with the
``CORPUS`` and ``FIGURES`` parameters); it must run to the end, print nothing on stderr, say
what this corpus holds, and carry none of the seed study's commentary. Not marked: it runs
with the normal test command (about 25 s: the five notebooks execute side by side, in one
xdist worker with ``--dist loadscope``).
"""
from __future__ import annotations

import json
import re
import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest

from analysis import paths, reports

NOTEBOOKS = ["01-loading.ipynb", "02-cleaning.ipynb", "03-actors.ipynb", "04-dates.ipynb", "05-framing.ipynb"]
#: Prose that only the seed corpus supports: its outlets, its size, its commentary, its ids.
SEED_ONLY = [r"\bRozana\b", r"\bAl-Arab\b", r"Radio Alkul", r"swissinfo", r"seed corpus", r"\bseeds?\b",
             r"five articles", r"five texts", r"\bfive\b", r"agency round-up", r"New START", r"\bIdlib\b",
             r"AFP wire", *(re.escape(p.stem) for p in paths.SEEDS_DIR.glob("*.txt"))]


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The five notebooks executed on the heldout2 pages without metadata: {name: notebook}."""
    import papermill

    corpus = tmp_path_factory.mktemp("corpus") / "unseen"
    corpus.mkdir()
    for page in sorted((paths.ROOT / "tests" / "data" / "heldout2").glob("k*.txt")):
        shutil.copy(page, corpus / page.name)
    out = tmp_path_factory.mktemp("executed")
    figures = out / "figures"

    def run(name):
        papermill.execute_notebook(str(paths.NOTEBOOKS_DIR / name), str(out / name),
                                   parameters={"CORPUS": str(corpus), "FIGURES": str(figures)},
                                   progress_bar=False,
                                   kernel_name="python3", log_output=False,
                                   config=reports.kernel_config())
        return name, json.loads((out / name).read_text(encoding="utf-8"))

    # One kernel per notebook, side by side: each notebook runs on its own (STYLE.md).
    # No cwd= for papermill: it changes the whole process's working directory, and threads
    # that enter and leave it interleaved left this pytest worker in notebooks/ (the
    # notebooks find every path through analysis.paths, whatever the working directory).
    with ThreadPoolExecutor(max_workers=len(NOTEBOOKS)) as pool:
        result = dict(pool.map(run, NOTEBOOKS))
    result["figures"] = sorted(p.name for p in figures.glob("*.png"))
    return result


def prose(nb) -> str:
    """What a reader of the report sees as text: markdown cells and every text output."""
    parts = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            parts.append("".join(cell["source"]))
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", "")))
            for mime in ("text/plain", "text/markdown", "text/html"):
                parts.append("".join(output.get("data", {}).get(mime, "")))
    return "\n".join(parts)


def generated(nb) -> str:
    """The Markdown the notebook generated (``narrative.show``)."""
    return "\n".join("".join(o["data"]["text/markdown"]) for c in nb["cells"] for o in c.get("outputs", [])
                     if "text/markdown" in o.get("data", {}))


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_to_the_end_quietly(executed, name):
    nb = executed[name]
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(c.get("execution_count") for c in code), "a cell did not run"
    stderr = ["".join(o["text"]) for c in code for o in c["outputs"]
              if o["output_type"] == "stream" and o["name"] == "stderr"]
    errors = [o for c in code for o in c["outputs"] if o["output_type"] == "error"]
    assert stderr == [] and errors == []


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_no_seed_prose_survives(executed, name):
    text = prose(executed[name])
    found = {p: m.group(0) for p in SEED_ONLY if (m := re.search(p, text))}
    assert found == {}


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_each_notebook_says_what_this_corpus_holds(executed, name):
    text = generated(executed[name])
    assert "The corpus holds **6 articles**" in text
    assert "No article names its outlet." in text
    assert "They were published between 10 September 2016 and 27 August 2020; 1 article has no known date." in text
    assert "has no metadata.csv" in text


def test_summaries_are_computed_from_this_corpus(executed):
    # k06 prints no date; k02's stamp «نُشر في 8 - أبريل - 2017» is its date (gold 2017-04-08)
    assert "5 dates taken from a publication stamp in the text and 1 date unknown" in generated(
        executed["01-loading.ipynb"])
    assert "5 supply a date the metadata lacks" in generated(executed["02-cleaning.ipynb"])
    actors = generated(executed["03-actors.ipynb"])
    assert "the Russian side in 2" in actors and "No outlet is named" in actors
    dated = generated(executed["04-dates.ipynb"])
    assert "1 article without a publication date keeps its relative dates unresolved" in dated


def test_articles_without_outlet_are_labelled_by_doc_id(executed):
    text = prose(executed["03-actors.ipynb"])
    assert "k01 · 2016-09-10" in text and "k06 · no date" in text
    assert "(not named)" not in text


def test_figures_go_to_the_figures_parameter(executed):
    assert executed["figures"] == ["01-corpus-timeline.png", "02-cleaning-sizes.png",
                                   "02-folding-vocabulary.png", "03-actor-heatmap.png",
                                   "03-cooccurrence.png", "03-side-balance.png",
                                   "04-date-timeline.png", "04-temporal-distance.png",
                                   "05-distinctive-terms.png", "05-frame-profile.png", "05-voice-balance.png"]
