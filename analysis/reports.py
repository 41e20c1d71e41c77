"""Executing the study's notebooks and rendering them as HTML reports.

``run`` executes every notebook of ``notebooks/`` in order, on the seed corpus or on any
corpus folder (papermill injects the ``CORPUS`` and ``FIGURES`` parameters), writes one
HTML report per notebook and an ``index.html`` linking them and their figures.
``refresh`` re-executes the committed notebooks in place on the seed corpus (what nbval
compares against), with nothing but the outputs and the kernel metadata (what JupyterLab
would write on opening, :func:`set_kernel_metadata`) changed.

Report pages are self-contained and read right offline (DESIGN.md, "Arabic on screen"):
JupyterLab's look (nbconvert's ``lab`` template, extended by ``templates/report.html.j2``)
without the scripts it would fetch from a CDN; the Arabic font embedded (IBM Plex Sans
Arabic, cut to the Arabic blocks, :func:`font_faces`); every paragraph, table cell and
output line taking its direction from its first letter, words never broken at line ends
(``templates/report.css``); Arabic quotations isolated inside English prose
(:func:`isolate_arabic_quotes`); and a link back to the index on every page.
"""
from __future__ import annotations

import base64
import html
import io
import json
import re
import sys
from functools import lru_cache
from pathlib import Path

from . import paths

TEMPLATES_DIR = paths.PACKAGE_DIR / "templates"
#: The font the reports name for Arabic (the one the figures use, see ``analysis.plotting``).
FONT_FAMILY = "IBM Plex Sans Arabic"
#: The Arabic script's Unicode blocks: Arabic, Supplement, Extended-A, Presentation Forms-A
#: and -B. The embedded font is cut to them and declared for them only (``unicode-range``).
ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF),
                 (0xFE70, 0xFEFF))
_ARABIC_CLASS = "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in ARABIC_BLOCKS)
_QUOTED_ARABIC = re.compile(f"«[^«»<>\\n]*[{_ARABIC_CLASS}][^«»<>\\n]*»")
_TEXT_NODE = re.compile(r">([^<]+)<")
_RAW_BLOCK = re.compile(r"(<(style|script)\b.*?</\2\s*>)", re.S | re.I)
_INDEX_LINK = {"index_href": "index.html", "index_label": "All reports"}


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


def arabic_codepoints() -> list[int]:
    """Every code point of :data:`ARABIC_BLOCKS`, in order."""
    return [cp for lo, hi in ARABIC_BLOCKS for cp in range(lo, hi + 1)]


@lru_cache(maxsize=1)
def font_faces() -> str:
    """``@font-face`` rules embedding the Arabic font (regular and bold) in a page.

    Each face is the bundled font cut to the Arabic blocks with all its shaping
    features (fontTools' subsetter), as WOFF in a ``data:`` URL, declared with a
    ``unicode-range`` of those blocks: about 75 kB of base64 a weight, and the page
    needs no installed font and no network. Deterministic (no timestamps), so a
    report regenerated from the same notebook is the same file.
    """
    from fontTools import subset

    from .plotting import font_files

    ranges = ", ".join(f"U+{lo:04X}-{hi:04X}" for lo, hi in ARABIC_BLOCKS)
    rules = []
    for file, weight in zip(font_files(), (400, 700), strict=True):
        options = subset.Options(flavor="woff", layout_features=["*"], name_IDs=["*"],
                                 name_languages=["*"], recalc_timestamp=False)
        options.drop_tables += ["meta", "DSIG"]  # not subsettable; fontTools would warn
        font = subset.load_font(str(file), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=arabic_codepoints())
        subsetter.subset(font)
        buffer = io.BytesIO()
        subset.save_font(font, buffer, options)
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        rules.append(f'@font-face {{\n  font-family: "{FONT_FAMILY}";\n  font-style: normal;\n'
                     f"  font-weight: {weight};\n  font-display: block;\n"
                     f'  src: url("data:font/woff;base64,{data}") format("woff");\n'
                     f"  unicode-range: {ranges};\n}}")
    return "\n".join(rules)


def report_css() -> str:
    """The stylesheet every report page and the index carry: font faces, then the rules."""
    return font_faces() + "\n" + (TEMPLATES_DIR / "report.css").read_text(encoding="utf-8")


def isolate_arabic_quotes(page: str) -> str:
    """Wrap each «…» quotation holding Arabic letters in ``<bdi>``, in a page's text.

    Inside an English sentence an Arabic quotation followed by a number is reordered
    with it by the bidi algorithm: «أمس الجمعة» = 22 shows as ``«22 = «أمس الجمعة``.
    ``<bdi>`` isolates the quotation (it reads right to left inside, and is one neutral
    unit outside). Only text between tags is touched, never an attribute, a ``<style>``
    or a ``<script>``.

    >>> isolate_arabic_quotes("<li>(«أمس الجمعة» = 22 September)</li>")
    '<li>(<bdi>«أمس الجمعة»</bdi> = 22 September)</li>'
    """
    def text(match: re.Match) -> str:
        return ">" + _QUOTED_ARABIC.sub(lambda q: f"<bdi>{q.group(0)}</bdi>", match.group(1)) + "<"

    parts = _RAW_BLOCK.split(page)
    # split() returns text, then (block, tag name) for each raw block: keep blocks as they are
    out = []
    for i, part in enumerate(parts):
        kind = i % 3
        if kind == 0:
            out.append(_TEXT_NODE.sub(text, part))
        elif kind == 1:
            out.append(part)
    return "".join(out)


def export_html(executed: Path, out: Path) -> Path:
    """Render an executed notebook to a standalone HTML report page (figures embedded)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", extra_template_paths=[str(TEMPLATES_DIR)],
                            template_file="report.html.j2")
    body, _ = exporter.from_filename(str(executed),
                                     resources={"report_css": report_css(), **_INDEX_LINK})
    out.write_text(isolate_arabic_quotes(body), encoding="utf-8")
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
<style>
{report_css()}
body{{font-family:var(--jp-content-font-family);max-width:60rem;margin:2rem auto;line-height:1.5}}
figure{{display:inline-block;margin:.5rem}}figcaption{{font-size:.85rem;color:#555}}
</style>
</head><body class="report-index">
<h1>How did Arabic-language outlets frame US–Russian military contacts over Syria?</h1>
<p>Who do the articles put on stage, how do they place events in time, and do they tell a
story of cooperation or of confrontation? Corpus: <code><bdi>{html.escape(corpus)}</bdi></code>.</p>
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


def kernel_config():
    """Connection settings for the kernels that execute the notebooks (a traitlets Config).

    ipykernel warns, once per kernel, that a kernel reached over TCP without encryption
    can be eavesdropped ("Kernel is running over TCP without encryption"). jupyter_client
    can provision CurveZMQ keys for a kernel whose kernelspec declares support (ipykernel's
    does: ``supported_encryption: ["curve"]``) when ``KernelManager.transport_encryption``
    is ``"auto"``: the connection is then encrypted and the kernel has nothing to warn
    about. A jupyter_client without that setting, or a pyzmq built without CurveZMQ, keeps
    the defaults (and such an ipykernel does not warn either).
    """
    import zmq
    from jupyter_client import KernelManager
    from traitlets.config import Config

    config = Config()
    if zmq.has("curve") and KernelManager.class_traits().get("transport_encryption"):
        config.KernelManager.transport_encryption = "auto"
    return config


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
                                   kernel_name="python3", log_output=False,
                                   config=kernel_config())
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
        NotebookClient(nb, timeout=600, kernel_name="python3", config=kernel_config(),
                       resources={"metadata": {"path": str(paths.NOTEBOOKS_DIR)}}).execute()
        set_kernel_metadata(nb)
        for cell in nb.cells:
            cell.metadata.pop("execution", None)
        nbformat.write(nb, nb_path)
    sys.stdout.flush()


#: The kernel the notebooks run with, as ipykernel installs it (``python -m ipykernel
#: install`` and the ``python3`` kernelspec shipped in its wheel name it so).
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def set_kernel_metadata(nb) -> None:
    """The notebook metadata JupyterLab expects from the project's kernel.

    On opening a notebook JupyterLab writes the running kernel's spec (name, display
    name, language) and its ``language_info`` into the metadata; anything that differs
    marks the notebook modified before a cell is touched. So the committed metadata is
    the kernelspec as installed (:data:`KERNELSPEC`) and the ``language_info`` the kernel
    reported when it executed the notebook (nbclient records it), no widget state.
    """
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata.setdefault("language_info", {"name": "python"})
