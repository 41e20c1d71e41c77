"""Arabic in figures: shaped by matplotlib ≥ 3.11, reshaped + bidi only where it is not."""
from __future__ import annotations

import hashlib
import warnings

import matplotlib
import pytest

matplotlib.use("Agg")

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


def test_save_figure_is_deterministic(tmp_path):
    plotting.use_style()
    digests = []
    for i in range(2):
        fig, ax = plotting.new_figure(3, 2)
        ax.bar(["الروس", "الأمريكان"], [3, 2])
        plotting.save_figure(fig, f"f{i}", folder=tmp_path)
        digests.append(hashlib.sha256((tmp_path / f"f{i}.png").read_bytes()).hexdigest())
    assert digests[0] == digests[1]
