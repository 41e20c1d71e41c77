"""Arabic in figures: shaped by matplotlib ≥ 3.11, reshaped + bidi only where it is not."""
from __future__ import annotations

import hashlib
import warnings

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt

from analysis import plotting

WORD = "روسيا"


@pytest.mark.parametrize("version, expected", [("3.11.2", True), ("3.11.0rc1", True),
                                               ("3.10.8", False), ("4.0.0", True), ("2.2.5", False)])
def test_renderer_shapes_arabic(version, expected):
    assert plotting.renderer_shapes_arabic(version) is expected


def test_native_renderer_gets_the_logical_string_unchanged():
    assert plotting.ar(WORD, native=True) == WORD


def test_old_renderer_gets_shaped_glyphs_in_visual_order():
    shown = plotting.ar(WORD, native=False)
    assert shown != WORD
    # presentation forms (contextual glyphs), and the first letter ر now last (visual order)
    assert all("\ufe70" <= ch <= "\ufeff" for ch in shown)
    assert shown[-1] in ("\ufead", "\ufeae")  # ر isolated/final form


def test_mathtext_is_reshaped_even_on_a_native_renderer():
    assert plotting.ar(WORD, mathtext=True, native=True) != WORD


def test_bundled_font_covers_arabic_and_latin_without_warnings(tmp_path):
    plotting.use_style()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig, ax = plotting.new_figure(4, 2)
        ax.set_title("وزارة الدفاع الروسية — Russian MoD ٢٠١٩ «داعش»")
        ax.set_xlabel("أمريكي / أميركي / امريكي")
        plotting.save_figure(fig, "t", folder=tmp_path)
    assert plotting.font_name() == "IBM Plex Sans Arabic"


def _png_text_keys(data: bytes) -> list[bytes]:
    """The keywords of a PNG's text chunks (tEXt, iTXt, zTXt)."""
    keys, at = [], 8
    while at < len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        kind = data[at + 4:at + 8]
        if kind in (b"tEXt", b"iTXt", b"zTXt"):
            keys.append(data[at + 8:at + 8 + length].split(b"\0", 1)[0])
        at += 12 + length
    return keys


def test_save_figure_is_deterministic(tmp_path):
    """Same figure, same bytes: no software version (which changes with every matplotlib
    release) or time in the PNG. matplotlib writes a Software chunk unless told not to."""
    plotting.use_style()
    digests = []
    for i in range(2):
        fig, ax = plotting.new_figure(3, 2)
        ax.bar(["الروس", "الأمريكان"], [3, 2])
        plotting.save_figure(fig, f"f{i}", folder=tmp_path)
        data = (tmp_path / f"f{i}.png").read_bytes()
        assert b"Software" not in _png_text_keys(data) and b"Creation Time" not in _png_text_keys(data)
        digests.append(hashlib.sha256(data).hexdigest())
    assert digests[0] == digests[1]


def test_png_text_keys_reads_what_matplotlib_writes(tmp_path):
    """The check above can fail: a plain savefig carries the Software chunk."""
    fig, ax = plotting.new_figure(3, 2)
    fig.savefig(tmp_path / "plain.png")
    assert b"Software" in _png_text_keys((tmp_path / "plain.png").read_bytes())


def test_timeline_places_every_dated_article_whatever_its_basis():
    import pandas as pd

    docs = pd.DataFrame({"doc_id": list("abcde"), "outlet": ["X"] * 5, "n_chars": [100] * 5,
                         "published": pd.to_datetime(["2016-01-01", "2016-02-01", "2016-03-01", "2016-04-01", None]),
                         "published_basis": ["stated", "inferred", "page:meta", "table", ""]})
    fig, ax = plotting.publication_timeline(docs)
    placed = sum(len(c.get_offsets()) for c in ax.collections)
    assert placed == 4  # the undated article cannot be placed; the others all are
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["date stated", "date inferred", "date page:meta", "date table"]


def test_agreement_by_frame_draws_the_blind_set_dark_and_any_number_of_tuned_sets():
    import matplotlib.colors as mcolors

    sets = ["seeds (tuned)", "heldout (tuned)", "heldout2 (tuned)", "blind (tuned)", "blind2 (blind)"]
    f1 = pd.DataFrame([[0.9, 0.8, 0.7, 0.6, 0.5], [0.9, float("nan"), 0.7, 0.6, 0.5]],
                      index=["cooperation", "pooled"], columns=sets)
    fig, ax = plotting.agreement_by_frame(f1, blind="blind2 (blind)")
    colour = {c.get_label(): mcolors.to_hex(c.patches[0].get_facecolor()) for c in ax.containers}
    assert colour["blind2 (blind)"] == "#1b1b1b"
    assert len({colour[s] for s in sets[:4]}) == 4 and "#1b1b1b" not in {colour[s] for s in sets[:4]}
    assert len(ax.containers[1].patches) == 1  # heldout has no bar where its coder marked nothing
    plt.close(fig)
