"""Executing the study's notebooks and rendering them as HTML reports.

``run`` executes every notebook of ``notebooks/`` in order, on the seed corpus or on any
corpus folder (papermill injects the ``CORPUS`` and ``FIGURES`` parameters), writes one
HTML report per notebook and an ``index.html`` linking them and their figures.
``refresh`` re-executes the committed notebooks in place on the seed corpus (what nbval
compares against), with nothing but the outputs changed.
"""
from __future__ import annotations

import html
import json
import sys
from pathlib import Path

from . import paths


def notebooks() -> list[Path]:
    """The study's notebooks, in order (``NN-name.ipynb``)."""
    return sorted(p for p in paths.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))


def _title(nb_path: Path) -> str:
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            first = "".join(cell["source"]).strip().splitlines()[0]
            return first.lstrip("# ").strip()
    return nb_path.stem


def export_html(executed: Path, out: Path) -> Path:
    """Render an executed notebook to a standalone HTML page (figures embedded)."""
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(template_name="lab").from_filename(str(executed))
    out.write_text(body, encoding="utf-8")
    return out


def write_index(out_dir: Path, entries: list[tuple[str, str]], figures: list[Path],
                corpus: str) -> Path:
    """``index.html``: the research question, the reports and the figures, linked."""
    items = "\n".join(f'<li><a href="{html.escape(href)}">{html.escape(title)}</a></li>'
                      for href, title in entries)
    figs = "\n".join(
        f'<figure><a href="{html.escape(f.as_posix())}"><img src="{html.escape(f.as_posix())}" '
        f'width="420" alt="{html.escape(f.stem)}"></a><figcaption>{html.escape(f.name)}'
        "</figcaption></figure>" for f in figures)
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Arabic news framing of US–Russian military contacts over Syria</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;line-height:1.5}}
figure{{display:inline-block;margin:.5rem}}figcaption{{font-size:.85rem;color:#555}}</style>
</head><body>
<h1>How did Arabic-language outlets frame US–Russian military contacts over Syria?</h1>
<p>Who do the articles put on stage, how do they place events in time, and do they tell a
story of cooperation or of confrontation? Corpus: <code>{html.escape(corpus)}</code>.</p>
<h2>Reports</h2>
<ol>
{items}
</ol>
<h2>Figures</h2>
{figs}
</body></html>
"""
    path = out_dir / "index.html"
    path.write_text(page, encoding="utf-8")
    return path


def run(*, corpus: str | None = None, out_dir: Path | None = None, only: list[str] | None = None,
        log=print) -> Path:
    """Execute every notebook on ``corpus`` (default: the seeds) and write HTML reports.

    Reports go to ``out_dir`` (default ``reports/``). On the seed corpus the figures are
    written to ``figures/`` (committed, regenerated identically); on another corpus to
    ``<out_dir>/figures/`` so the study's own figures are left alone.
    """
    import papermill

    out_dir = Path(out_dir or paths.REPORTS_DIR).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    executed_dir = out_dir / "executed"
    executed_dir.mkdir(exist_ok=True)
    corpus_path = paths.corpus_dir(corpus)
    on_seeds = corpus_path == paths.SEEDS_DIR.resolve()
    figures_dir = paths.FIGURES_DIR if on_seeds else out_dir / "figures"
    # On the seeds the notebooks' own defaults apply: nothing to inject.
    params = {} if on_seeds else {"CORPUS": str(corpus_path), "FIGURES": str(figures_dir)}
    entries = []
    chosen = [nb for nb in notebooks() if not only or any(nb.name.startswith(o) for o in only)]
    for i, nb in enumerate(chosen, start=1):
        log(f"[{i}/{len(chosen)}] executing {nb.name}")
        executed = executed_dir / nb.name
        papermill.execute_notebook(str(nb), str(executed), parameters=params,
                                   cwd=str(paths.NOTEBOOKS_DIR), progress_bar=False,
                                   kernel_name="python3", log_output=False)
        page = export_html(executed, out_dir / f"{nb.stem}.html")
        entries.append((page.name, _title(nb)))
    figures = sorted(figures_dir.glob("*.png"))
    rel = [Path(__import__("os").path.relpath(f, out_dir)) for f in figures]
    index = write_index(out_dir, entries, rel, "seed corpus" if on_seeds else corpus_path.name)
    log(f"reports written: {len(entries)} notebooks, {len(figures)} figures, index {index.name}")
    return index


def refresh(*, only: list[str] | None = None, log=print) -> None:
    """Re-execute the committed notebooks in place on the seed corpus (for nbval)."""
    import nbformat
    from nbclient import NotebookClient

    for nb_path in notebooks():
        if only and not any(nb_path.name.startswith(o) for o in only):
            continue
        log(f"refreshing {nb_path.name}")
        nb = nbformat.read(nb_path, as_version=4)
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(paths.NOTEBOOKS_DIR)}}).execute()
        nb.metadata.pop("widgets", None)
        nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python",
                                     "name": "python3"}
        nb.metadata["language_info"] = {"name": "python"}
        for cell in nb.cells:
            cell.metadata.pop("execution", None)
        nbformat.write(nb, nb_path)
    sys.stdout.flush()
