"""HTML reports: Arabic that reads right, a font that has every letter, a way back to the index.

Most tests render a small notebook (outputs included, nothing executed) with
``reports.export_html`` and read the page. Where Debian's ``chromium`` is installed, the
page is also laid out by the browser and the positions of the glyphs are checked.
"""
from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import nbformat
import pytest
from fontTools.ttLib import TTFont

from analysis import paths, reports

TITLE = "عودة التنسيق الأمريكي الروسي في سوريا!"
BODY_LINE = ("وقالت وزارة الدفاع الروسية في بيان لها، أمس الأربعاء، إن الطرفين ناقشا الوضع في سوريا "
             "وآليات التنسيق لمنع وقوع حوادث في إطار عمليات الطرفين لمكافحة الإرهاب.")
SUMMARY = "Date: («أمس الجمعة» = 22 September 2017)."


def _notebook() -> nbformat.NotebookNode:
    v4 = nbformat.v4
    table = v4.new_output("display_data", data={
        "text/html": f"<table><thead><tr><th>text</th></tr></thead><tbody><tr><td>{TITLE}</td></tr>"
                     "<tr><td>alef variants unified (أ إ آ ٱ)</td></tr></tbody></table>",
        "text/plain": TITLE})
    stream = v4.new_output("stream", name="stdout", text=f"{TITLE}\n\n{BODY_LINE}\n")
    nb = v4.new_notebook(cells=[
        v4.new_markdown_cell(f"# A report\n\n- {SUMMARY}\n\n{TITLE}"),
        v4.new_code_cell("documents", outputs=[table], execution_count=1),
        v4.new_code_cell("print(first)", outputs=[stream], execution_count=2),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    return nb


@pytest.fixture(scope="module")
def page_path(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    nb_path = folder / "executed.ipynb"
    nbformat.write(_notebook(), nb_path)
    return reports.export_html(nb_path, folder / "01-report.html")


@pytest.fixture(scope="module")
def page(page_path) -> str:
    return page_path.read_text(encoding="utf-8")


def _css_rules(page: str) -> list[tuple[str, str]]:
    """(selector, declarations) of every CSS rule in the page's <style> blocks."""
    css = "\n".join(re.findall(r"<style[^>]*>(.*?)</style>", page, re.S))
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [(sel.strip(), body) for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)]


def _embedded_fonts(page: str) -> list[TTFont]:
    data = re.findall(r'url\("data:font/woff;base64,([^"]+)"\)', page)
    return [TTFont(io.BytesIO(base64.b64decode(d))) for d in data]


# --- the font -------------------------------------------------------------------------

def test_report_page_names_and_embeds_the_arabic_font(page):
    faces = [body for sel, body in _css_rules(page) if sel == "@font-face"]
    assert len(faces) == 2  # regular and bold
    for body in faces:
        assert f'font-family: "{reports.FONT_FAMILY}"' in body
        assert "data:font/woff;base64," in body
    stacks = dict(re.findall(r"(--jp-(?:content|ui|code)-font-family):\s*([^;]+);",
                             [b for s, b in _css_rules(page) if s == ":root"][-1]))
    for name in ("--jp-content-font-family", "--jp-ui-font-family", "--jp-code-font-family"):
        assert stacks[name].startswith(f'"{reports.FONT_FAMILY}"'), name


def _arabic_letters_the_reports_use() -> set[str]:
    """Every Arabic-script character of the corpus, the notebooks, the data files and the
    held-out pages (what a report can show), and alef wasla, which the reports name."""
    files = [*paths.SEEDS_DIR.glob("*.txt"), *paths.NOTEBOOKS_DIR.glob("*.ipynb"),
             *paths.DATA_DIR.iterdir(), *Path(__file__).parent.joinpath("data").rglob("*.txt"),
             *Path(__file__).parent.joinpath("data").rglob("*.html")]
    text = "".join(f.read_text(encoding="utf-8", errors="replace") for f in files if f.is_file())
    arabic = set(reports.arabic_codepoints())
    used = {c for c in text if ord(c) in arabic and unicodedata.category(c) != "Cf"}
    return used | {"\u0671"}


def test_embedded_font_covers_every_arabic_letter_the_reports_use(page):
    letters = _arabic_letters_the_reports_use()
    assert "ٱ" in letters and len(letters) > 40
    for font in _embedded_fonts(page):
        cmap = font.getBestCmap()
        missing = sorted(c for c in letters if ord(c) not in cmap)
        assert missing == [], [f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in missing]


@pytest.mark.parametrize(("letter", "name"), [
    ("ٱ", "ARABIC LETTER ALEF WASLA"),
    ("ى", "ARABIC LETTER ALEF MAKSURA"),
    ("ة", "ARABIC LETTER TEH MARBUTA"),
    ("ـ", "ARABIC TATWEEL"),
    ("٢", "ARABIC-INDIC DIGIT TWO"),
    ("ﻻ", "ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM"),
])
def test_embedded_font_has_the_letter_and_shapes_it(page, letter, name):
    assert unicodedata.name(letter) == name
    regular = _embedded_fonts(page)[0]
    assert ord(letter) in regular.getBestCmap()
    # the cut keeps the shaping features (initial, medial, final forms)
    features = {r.FeatureTag for r in regular["GSUB"].table.FeatureList.FeatureRecord}
    assert {"init", "medi", "fina", "rlig"} <= features


def test_font_faces_are_deterministic():
    first = reports.font_faces()
    reports.font_faces.cache_clear()
    assert reports.font_faces() == first


# --- direction, line breaks, the way back ---------------------------------------------

def _rule_selectors(page: str, declaration: str) -> str:
    return " ".join(sel for sel, body in _css_rules(page)
                    if re.search(declaration, body))


@pytest.mark.parametrize("element", ["p", "li", "td", "th", "h1", "h2"])
def test_text_and_table_cells_take_their_direction_from_their_text(page, element):
    selectors = _rule_selectors(page, r"unicode-bidi:\s*plaintext")
    assert re.search(rf"\.jp-RenderedHTMLCommon :is\([^)]*\b{element}\b", selectors)


def test_output_lines_take_their_direction_line_by_line(page):
    assert ".jp-RenderedText pre" in _rule_selectors(page, r"unicode-bidi:\s*plaintext")


def test_output_lines_break_between_words_only(page):
    rules = _css_rules(page)
    last = [body for sel, body in rules
            if ".jp-OutputArea-output pre" in sel and "word-break" in body][-1]
    assert re.search(r"word-break:\s*normal", last)


@pytest.mark.parametrize(("text_in", "expected"), [
    ("<li>(«أمس الجمعة» = 22 September 2017)</li>",
     "<li>(<bdi>«أمس الجمعة»</bdi> = 22 September 2017)</li>"),
    ("<p>«أمس», a weekday, «هذا الأسبوع»</p>",
     "<p><bdi>«أمس»</bdi>, a weekday, <bdi>«هذا الأسبوع»</bdi></p>"),
    ("<td>«روسيا اليوم» is RT</td>", "<td><bdi>«روسيا اليوم»</bdi> is RT</td>"),
    # no Arabic inside, no quotation marks, or not text: left alone
    ("<p>«quoted English»</p>", "<p>«quoted English»</p>"),
    (f"<td>{TITLE}</td>", f"<td>{TITLE}</td>"),
    ('<img alt="«روسيا»" src="x.png">', '<img alt="«روسيا»" src="x.png">'),
    ("<style>p > b {content: '«روسيا»'}</style>", "<style>p > b {content: '«روسيا»'}</style>"),
    ("<p>«بين\nسطرين»</p>", "<p>«بين\nسطرين»</p>"),
])
def test_isolate_arabic_quotes(text_in, expected):
    assert reports.isolate_arabic_quotes(text_in) == expected


def test_report_page_isolates_arabic_quotes_in_prose(page):
    assert "(<bdi>«أمس الجمعة»</bdi> = 22 September 2017)" in page


def test_every_report_page_links_back_to_the_index(page):
    links = re.findall(r'<nav class="report-nav"><a href="([^"]+)">', page)
    assert links == ["index.html", "index.html"]  # top and bottom


def test_report_page_fetches_nothing(page):
    assert not re.search(r"""(?:src|href)=["']https?://""", page)


def test_index_carries_the_font_and_isolates_the_corpus_name(tmp_path):
    index = reports.write_index(tmp_path, [("01-report.html", "01 — A report")], [], "أخبار_سوريا")
    text = index.read_text(encoding="utf-8")
    assert f'font-family: "{reports.FONT_FAMILY}"' in text
    assert "<bdi>أخبار_سوريا</bdi>" in text
    assert '<a href="01-report.html">01 — A report</a>' in text


# --- as rendered by a browser (where Debian's chromium is installed) --------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

_MEASURE = """<script>
addEventListener('load', () => document.fonts.ready.then(() => {
  function box(node, start, end) {
    const r = document.createRange(); r.setStart(node, start); r.setEnd(node, end);
    return [...r.getClientRects()];
  }
  function text(el) {
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let n, best = null; while ((n = walk.nextNode())) if (!best || n.length > best.length) best = n;
    return best;
  }
  const out = {};
  for (const [key, el] of [['td', document.querySelector('td')],
                           ['p', [...document.querySelectorAll('.jp-RenderedMarkdown p')].pop()],
                           ['pre', document.querySelector('.jp-RenderedText pre')]]) {
    const node = text(el), s = node.data, i = s.indexOf('!');
    const bang = box(node, i, i + 1)[0], first = box(node, s.indexOf('عودة'), s.indexOf('عودة') + 4)[0];
    out[key] = bang.right <= first.left ? 'end-left' : 'wrong';
  }
  const pre = text(document.querySelector('.jp-RenderedText pre')), words = /[\\u0600-\\u06ff]+/g;
  let m, broken = []; while ((m = words.exec(pre.data)))
    if (box(pre, m.index, m.index + m[0].length).length > 1) broken.push(m[0]);
  out.broken = broken;
  const li = document.querySelector('.jp-RenderedMarkdown li');
  const quote = li.querySelector('bdi'), after = quote.nextSibling, q = after.data.indexOf('22');
  out.summary = box(after, q, q + 2)[0].left > quote.getBoundingClientRect().right
    ? 'number-after-quote' : 'wrong';
  document.title = 'RESULT ' + JSON.stringify(out);
}));
</script>"""


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium)")
def test_rendered_page_reads_right_in_chromium(page, tmp_path):
    probe = tmp_path / "probe.html"
    probe.write_text(page.replace("</head>", _MEASURE + "</head>", 1), encoding="utf-8")
    run = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--window-size=520,900",
         "--virtual-time-budget=5000", "--dump-dom", probe.as_uri()],
        capture_output=True, text=True, timeout=120, check=True)
    result = re.search(r"<title>RESULT (.*?)</title>", run.stdout)
    assert result, run.stdout[-500:]
    import json
    measured = json.loads(result.group(1).replace("&quot;", '"'))
    # the "!" closes the Arabic sentence: left of its first word, in a cell, a paragraph, a line
    assert measured["td"] == measured["p"] == measured["pre"] == "end-left"
    assert measured["broken"] == []  # no Arabic word cut at a line end (narrow window)
    assert measured["summary"] == "number-after-quote"  # («أمس الجمعة» = 22 …), not «22 = «…


# --- running the notebooks --------------------------------------------------------------

def test_run_is_quiet_and_every_page_links_to_its_index(tmp_path, monkeypatch, capfd):
    """``run`` on one small notebook: no kernel warning on the console (ipykernel's
    "running over TCP without encryption", once per notebook before), the report and its
    index side by side."""
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 01 — A small report"),
        nbformat.v4.new_code_cell("print('عودة التنسيق في سوريا!')")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    nb_path = tmp_path / "01-small.ipynb"
    nbformat.write(nb, nb_path)
    monkeypatch.setattr(reports, "notebooks", lambda: [nb_path])
    index = reports.run(out_dir=tmp_path / "reports", log=lambda message: None)
    captured = capfd.readouterr()
    assert "without encryption" not in captured.err
    assert "WARNING" not in captured.err, captured.err
    page = (tmp_path / "reports" / "01-small.html").read_text(encoding="utf-8")
    assert '<a href="index.html">' in page and index.name == "index.html"
    assert index.parent == tmp_path / "reports"
    assert '<a href="01-small.html">01 — A small report</a>' in index.read_text(encoding="utf-8")
    assert "عودة التنسيق في سوريا!" in page


# --- the notebooks as JupyterLab opens them ----------------------------------------------

def test_kernelspec_is_the_one_ipykernel_installs():
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec(reports.KERNELSPEC["name"])
    assert reports.KERNELSPEC == {"name": "python3", "display_name": spec.display_name,
                                  "language": spec.language}


@pytest.mark.parametrize("nb_path", sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb")),
                         ids=lambda p: p.stem)
def test_committed_notebook_metadata_is_what_the_kernel_writes(nb_path):
    """JupyterLab marks a notebook modified on opening when the kernel's spec or
    language_info differ from the stored ones (display name "Python 3" did)."""
    from ipykernel.ipkernel import IPythonKernel

    metadata = nbformat.read(nb_path, as_version=4).metadata
    assert metadata["kernelspec"] == reports.KERNELSPEC
    reported = dict(IPythonKernel.language_info)
    stored = dict(metadata["language_info"])
    # the Python version is the one of the machine that refreshed the notebooks
    assert stored.pop("version").split(".")[0] == reported.pop("version").split(".")[0]
    assert stored == reported
    assert "widgets" not in metadata


def test_set_kernel_metadata_replaces_a_stale_kernelspec_and_keeps_language_info():
    nb = nbformat.v4.new_notebook(metadata={
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python", "version": "3.11.7", "mimetype": "text/x-python"},
        "widgets": {"state": {}}})
    reports.set_kernel_metadata(nb)
    assert nb.metadata["kernelspec"]["display_name"] == "Python 3 (ipykernel)"
    assert nb.metadata["language_info"]["version"] == "3.11.7"
    assert "widgets" not in nb.metadata


def test_refresh_writes_the_kernels_metadata_quietly(tmp_path, monkeypatch, capfd):
    """``refresh`` on a small notebook committed with the old metadata: executed in place,
    the kernelspec and language_info JupyterLab expects written, nothing on the console."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(1 + 1)")])
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    nb_path = tmp_path / "01-small.ipynb"
    nbformat.write(nb, nb_path)
    monkeypatch.setattr(reports, "notebooks", lambda: [nb_path])
    monkeypatch.setattr(paths, "NOTEBOOKS_DIR", tmp_path)
    reports.refresh(log=lambda message: None)
    assert capfd.readouterr().err == ""
    refreshed = nbformat.read(nb_path, as_version=4)
    assert refreshed.cells[0].outputs[0]["text"] == "2\n"
    assert refreshed.metadata["kernelspec"] == reports.KERNELSPEC
    assert refreshed.metadata["language_info"]["mimetype"] == "text/x-python"
