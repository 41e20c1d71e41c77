"""Figures: a small house style, correct Arabic, deterministic PNGs in ``figures/``.

Arabic on screen (see DESIGN.md): matplotlib ≥ 3.11 shapes and orders Arabic itself
(libraqm), so labels are passed as they are. Older matplotlib, and any string that goes
through mathtext (``$…$``), does not shape; only there are labels reshaped
(``arabic_reshaper``) and reordered (``python-bidi``). :func:`ar` decides at display time
and never changes the data.

The font is IBM Plex Sans Arabic (shipped by the ``fontpkg-ibm-plex-sans-arabic``
package, no download at run time): it covers Arabic and Latin, so no glyph-missing
warning reaches stderr.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib import font_manager

from . import paths

FONT_PACKAGE = "fontpkg_ibm_plex_sans_arabic"
FONT_FILES = ("IBMPlexSansArabic-Regular.ttf", "IBMPlexSansArabic-Bold.ttf")

#: Colours of the sides of the conflict, used in every figure.
SIDE_COLORS = {
    "us": "#1f5fa8",
    "us_partner": "#6fa8dc",
    "russia": "#c0392b",
    "syria_gov": "#e39b3b",
    "jihadist": "#555555",
    "opposition": "#7daa57",
    "other": "#9b8ec4",
    "media": "#bbbbbb",
}
SIDE_LABELS = {
    "us": "US side", "us_partner": "US partners", "russia": "Russian side",
    "syria_gov": "Syrian government", "jihadist": "Jihadist groups",
    "opposition": "Opposition", "other": "Other", "media": "Media",
}


def _version_tuple(version: str) -> tuple[int, int]:
    major, minor = re.match(r"(\d+)\.(\d+)", version).groups()
    return int(major), int(minor)


def renderer_shapes_arabic(version: str | None = None) -> bool:
    """Whether this matplotlib shapes and orders Arabic text itself (≥ 3.11)."""
    return _version_tuple(version or matplotlib.__version__) >= (3, 11)


def ar(text: str, *, mathtext: bool = False, native: bool | None = None) -> str:
    """An Arabic string ready for a matplotlib label.

    Returned unchanged where the renderer shapes Arabic (matplotlib ≥ 3.11, plain text);
    reshaped and put in visual order where it does not (older matplotlib, or a label
    that goes through mathtext). ``native`` overrides the detection (for tests).
    """
    shapes = renderer_shapes_arabic() if native is None else native
    if shapes and not mathtext:
        return text
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(text))


def font_files() -> list[Path]:
    """The bundled Arabic font's files (regular, bold), as the font package installs them."""
    import importlib

    package = importlib.import_module(FONT_PACKAGE)
    folder = Path(package.__file__).parent / "files"
    return [folder / file for file in FONT_FILES]


@lru_cache(maxsize=1)
def font_name() -> str:
    """Register the bundled Arabic font with matplotlib and return its family name."""
    name = None
    for file in font_files():
        font_manager.fontManager.addfont(str(file))
        name = name or font_manager.FontProperties(fname=str(file)).get_name()
    return name


def use_style() -> None:
    """The house style: Arabic-capable font, quiet axes, fixed DPI and sizes."""
    matplotlib.rcParams.update({
        "font.family": [font_name()],
        "font.size": 10,
        "axes.titlesize": 11,
        "axes.titleweight": "bold",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": False,
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "savefig.bbox": "tight",
        "figure.figsize": (8, 4),
        "svg.hashsalt": "analysis",
        "axes.unicode_minus": False,
    })


def save_figure(fig, name: str, *, folder: Path | None = None) -> None:
    """Write ``fig`` to ``figures/<name>.png`` (or ``folder``) deterministically.

    The PNG carries no timestamp or software version, so the same figure gives the same
    bytes on every run. Returns nothing, so a notebook cell ending with it shows only the
    figure (nbval compares the text outputs).
    """
    folder = paths.FIGURES_DIR if folder is None else Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    fig.savefig(folder / f"{name}.png", metadata={"Software": None, "Creation Time": None})


def _legend(ax, **kwargs) -> None:
    """A legend only when something is labelled (matplotlib warns on stderr otherwise)."""
    if ax.get_legend_handles_labels()[0]:
        ax.legend(**kwargs)


def new_figure(width: float = 8, height: float = 4, **kwargs):
    """A figure of an explicit size (nbval compares the ``<Figure size …>`` text)."""
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=(width, height), **kwargs)


def publication_timeline(documents, *, label: str = "outlet"):
    """Articles on a time axis, one row per outlet; hollow = an inferred date (or one with no
    basis), filled = any other basis (stated, a printed stamp, a saved page's markup, a table).

    Marker area grows with article length (``n_tokens`` if present, else ``n_chars``).
    Articles without a publication date cannot be placed and are left out (an empty axis
    when none has one).
    """
    docs = documents[documents["published"].notna()].copy()
    docs[label] = docs[label].replace("", "(not named)").fillna("(not named)")
    size_col = "n_tokens" if "n_tokens" in docs else "n_chars"
    rows = sorted(docs[label].unique(), key=lambda o: docs.loc[docs[label] == o, "published"].min())
    fig, ax = new_figure(8, 0.6 * len(rows) + 1.4)
    ypos = {o: i for i, o in enumerate(rows)}
    scale = 300 / max(docs[size_col].max(), 1)
    known = ("stated", "inferred", "stamp")  # then a page's or a table's bases, then none
    present = set(docs["published_basis"].fillna(""))
    for basis in [*known, *sorted(present - {*known, ""}), ""]:
        sub = docs[docs["published_basis"].fillna("") == basis]
        if sub.empty:
            continue
        filled = basis not in ("inferred", "")  # hollow: a best estimate, or no basis given
        ax.scatter(sub["published"], sub[label].map(ypos), s=sub[size_col] * scale + 20,
                   facecolors="#1f5fa8" if filled else "white", edgecolors="#1f5fa8",
                   linewidths=1.5, label=f"date {basis or 'unknown'}", zorder=3)
    ax.set_yticks(range(len(rows)), rows)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.grid(axis="x", color="#dddddd", zorder=0)
    _legend(ax, loc="upper left", frameon=False, fontsize=8, markerscale=0.5)
    ax.set_xlabel("publication date (marker area: article length)")
    return fig, ax


TENSE_COLORS = {"past": "#1f5fa8", "present": "#2e8b57", "future": "#e39b3b"}
def article_labels(documents):
    """``outlet · YYYY-MM-DD`` per article (see :func:`analysis.compare.article_labels`)."""
    from .compare import article_labels as labels

    return labels(documents)


def _rows(reach, documents):
    """Row key of each mention, row order, and (for per-article rows) publication dates:
    one row per unit of comparison (:func:`analysis.compare.units`)."""
    from . import compare

    unit_of = compare.units(documents)
    rows = compare.order(documents, unit_of)
    published = None
    if len(documents) <= compare.MAX_ARTICLES:
        published = documents.set_index("doc_id")["published"].rename(index=unit_of)
    return reach["doc_id"].map(unit_of), rows, published


def date_timeline(reach, documents):
    """Every dated mention on a time axis, one row per article ordered by publication.

    A bar covers the period a mention names (a year, a month, a week), a dot marks a day;
    colour says past / present / future relative to publication, and a black tick marks
    the publication date itself.
    """
    key, order, published = _rows(reach, documents)
    fig, ax = new_figure(9, 0.55 * len(order) + 1.6)
    ypos = {k: i for i, k in enumerate(order)}
    y = key.map(ypos)
    for tense, color in TENSE_COLORS.items():
        sel = reach["tense"] == tense
        if not sel.any():
            continue
        spans = reach[sel]
        wide = spans["period_end"] > spans["period_start"]
        ax.hlines(y[sel][wide], spans["period_start"][wide], spans["period_end"][wide] + pd.Timedelta(days=1),
                  colors=color, linewidth=7, alpha=0.45)
        ax.scatter(spans["period_start"][~wide], y[sel][~wide], color=color, s=28, zorder=3,
                   label=f"{tense}: a day (dot), a longer period (bar)")
    if published is not None:
        ax.scatter(published.values, [ypos[k] for k in published.index], marker="|", s=260,
                   color="black", zorder=4, label="publication")
    ax.set_yticks(range(len(order)), order)
    ax.invert_yaxis()
    ax.grid(axis="x", color="#e5e5e5", zorder=0)
    _legend(ax, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    return fig, ax


def temporal_distance(reach, documents):
    """How far back and forward each article reaches: shares of past/present/future
    mentions (left) and each mention's distance from publication (right, symmetric log
    scale in days)."""
    import numpy as np
    import pandas as pd

    key, order, _ = _rows(reach, documents)
    fig, (left, right) = new_figure(10, 0.5 * len(order) + 1.8, ncols=2, sharey=True,
                                    gridspec_kw={"width_ratios": [1, 2]})
    shares = (pd.crosstab(key, reach["tense"], normalize="index")
              .reindex(index=order, columns=list(TENSE_COLORS), fill_value=0))
    counts = key.value_counts().reindex(order, fill_value=0)
    lefts = np.zeros(len(order))
    for tense, color in TENSE_COLORS.items():
        left.barh(range(len(order)), shares[tense], left=lefts, color=color, label=tense)
        lefts += shares[tense].to_numpy()
    for i, n in enumerate(counts):
        left.text(1.02, i, f"n={n}", va="center", fontsize=8)
    left.set_xlim(0, 1.25)
    left.set_xticks([0, 0.5, 1], ["0", "50%", "100%"])
    left.set_yticks(range(len(order)), order)
    left.invert_yaxis()
    left.set_title("share of dated mentions")
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, frameon=False, fontsize=8)
    rng = np.random.default_rng(0)
    jitter = rng.uniform(-0.18, 0.18, len(reach))
    right.scatter(reach["days_from_publication"], key.map({k: i for i, k in enumerate(order)}) + jitter,
                  c=reach["tense"].map(TENSE_COLORS), s=22, alpha=0.8, zorder=3)
    right.axvline(0, color="black", linewidth=1)
    right.set_xscale("symlog", linthresh=7)
    ticks = [-3650, -365, -30, 0, 30, 365, 3650]
    names = ["−10 y", "−1 y", "−1 mo", "0", "+1 mo", "+1 y", "+10 y"]
    right.set_xticks(ticks, names)
    right.set_xlim(-8000, 8000)
    right.grid(axis="x", color="#e5e5e5", zorder=0)
    right.set_title("distance from publication (middle of the period named)")
    return fig, (left, right)


def heatmap(matrix, *, title: str = "", cbar_label: str = "", fmt: str = "{:.0f}",
            width: float = 8, cmap: str = "Blues", annotate: bool = True):
    """A labelled heatmap of a DataFrame (rows × columns), values written in the cells."""
    import numpy as np

    values = matrix.to_numpy(dtype=float)
    fig, ax = new_figure(width, 0.32 * len(matrix.index) + 1.8)
    im = ax.imshow(values, aspect="auto", cmap=cmap, vmin=0)
    ax.set_xticks(range(len(matrix.columns)), matrix.columns, rotation=30, ha="right")
    ax.set_yticks(range(len(matrix.index)), matrix.index)
    ax.tick_params(length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    if annotate:
        top = np.nanmax(values) if values.size else 0
        for (i, j), v in np.ndenumerate(values):
            if v:
                ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=7,
                        color="white" if v > 0.6 * top else "#333333")
    bar = fig.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
    bar.set_label(cbar_label)
    bar.outline.set_visible(False)
    ax.set_title(title)
    return fig, ax


FRAME_COLORS = {
    "cooperation": "#2e8b57",
    "deconfliction": "#8fd19e",
    "diplomacy": "#6fa8dc",
    "strategic_stability": "#9b8ec4",
    "counter_terrorism": "#555555",
    "military_operations": "#e39b3b",
    "confrontation": "#c0392b",
}
VOICE_COLORS = {"us": SIDE_COLORS["us"], "russia": SIDE_COLORS["russia"],
                "joint": "#7d3c98", "other": SIDE_COLORS["other"], "unresolved": "#dddddd"}


def stacked_shares(shares, *, colors: dict, labels: dict | None = None, order=None,
                   title: str = "", counts=None):
    """Stacked horizontal bars of each row's shares (columns in the order of ``colors``).

    ``counts`` (a Series indexed like the rows) is written at the end of each bar.
    """
    import numpy as np

    keys = [k for k in colors if k in shares.columns]
    rows = list(order) if order is not None else list(shares.index)
    shares = shares.reindex(index=rows, columns=keys, fill_value=0).fillna(0)
    fig, ax = new_figure(8, 0.5 * len(rows) + 1.6)
    left = np.zeros(len(rows))
    for key in keys:
        ax.barh(range(len(rows)), shares[key], left=left, color=colors[key],
                label=(labels or {}).get(key, key.replace("_", " ")))
        left += shares[key].to_numpy()
    if counts is not None:
        for i, row in enumerate(rows):
            ax.text(1.01, i, f"n={int(counts.get(row, 0))}", va="center", fontsize=8)
    ax.set_yticks(range(len(rows)), rows)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0", "25%", "50%", "75%", "100%"])
    ax.legend(loc="upper left", bbox_to_anchor=(1.08 if counts is not None else 1.0, 1.0),
              frameon=False, fontsize=8)
    ax.set_title(title)
    return fig, ax


def side_balance(shares, *, order=None, title: str = ""):
    """Stacked horizontal bars of each row's shares by side (columns = sides)."""
    return stacked_shares(shares, colors=SIDE_COLORS, labels=SIDE_LABELS, order=order, title=title)


def keyness_panels(table, *, groups, labels: dict, n_terms: int = 8, gloss=None):
    """One panel per group: its most distinctive terms by z-score, Arabic with a gloss.

    ``table`` is :func:`analysis.framing.keyness` output (group, term, z,
    single_occurrence). Hatched bars are terms driven by a single occurrence.
    """
    import math

    n = len(groups)
    ncols = min(n, 3)
    nrows = math.ceil(n / ncols)
    fig, axes = new_figure(4.6 * ncols, 0.3 * n_terms * nrows + 1.2 * nrows, nrows=nrows,
                           ncols=ncols, squeeze=False)
    fig.subplots_adjust(wspace=0.35, hspace=0.55)
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    for ax, group in zip(axes.flat, groups):
        top = (table[(table["group"] == group) & (table["z"] > 0)]
               .sort_values(["z", "term"], ascending=[False, True]).head(n_terms))
        bars = ax.barh(range(len(top)), top["z"], color="#1f5fa8")
        for bar, single in zip(bars, top["single_occurrence"]):
            if single:
                bar.set_hatch("///")
                bar.set_facecolor("#9fbbe0")
        # The Arabic term alone is the tick label and the English gloss a separate text,
        # so the bidi algorithm never reorders a mixed Arabic/English string.
        ax.set_yticks(range(len(top)), list(top["term"]), fontsize=9)
        top_z = float(top["z"].max()) if len(top) else 1.0
        for i, term in enumerate(top["term"]):
            text = gloss(term) if gloss else ""
            if text:
                ax.text(top["z"].iloc[i] + 0.03 * top_z, i, text, va="center", fontsize=7,
                        color="#444444")
        ax.set_xlim(0, top_z * 1.9)
        ax.invert_yaxis()
        ax.set_title(labels.get(group, group), fontsize=9)
        ax.set_xlabel("z (log-odds)", fontsize=8)
    return fig, axes


def share_intervals(table, *, key: str, colors: dict, labels: dict | None = None, order=None,
                    title: str = "", counts=None):
    """One panel per category (frame or voice): each row's share as a bar, its bootstrap
    interval as a line.

    ``table`` has ``unit, <key>, share, low, high`` (one row per unit and category);
    ``counts`` (a Series by unit) is written beside the row labels (``n=``).
    """
    import numpy as np

    keys = [k for k in colors if k in set(table[key])]
    rows = list(order) if order is not None else list(dict.fromkeys(table["unit"]))
    fig, axes = new_figure(1.45 * len(keys) + 2.6, 0.42 * len(rows) + 1.5, ncols=len(keys),
                           sharey=True, squeeze=False)
    y = np.arange(len(rows))
    for ax, k in zip(axes.flat, keys):
        part = table[table[key] == k].set_index("unit").reindex(rows)
        share = part["share"].to_numpy(dtype=float)
        ok = ~np.isnan(share)
        ax.barh(y[ok], share[ok], color=colors[k], height=0.6)
        low, high = part["low"].to_numpy(dtype=float)[ok], part["high"].to_numpy(dtype=float)[ok]
        ax.hlines(y[ok], low, high, color="black", linewidth=1.1)
        ax.set_xlim(0, 1)
        ax.set_xticks([0, 0.5, 1], ["0", "50%", "100%"], fontsize=7)
        ax.set_title((labels or {}).get(k, k.replace("_", " ")), fontsize=8)
    ylabels = [f"{r}  (n={int(counts.get(r, 0))})" if counts is not None else r for r in rows]
    axes[0, 0].set_yticks(y, ylabels, fontsize=8)
    axes[0, 0].invert_yaxis()
    fig.suptitle(title, fontsize=10, y=1.04)
    return fig, axes


def agreement_by_frame(f1, *, blind: str | None = None, reference: str | None = None, target: float = 0.75,
                       second_coder: float = 0.95, title: str = ""):
    """F1 per frame (rows) for each coded set (columns), as grouped horizontal bars, with the
    target and the level of a second human coder marked. The set named ``blind`` is drawn dark,
    ``reference`` (a second coder scored against the first) green, the others in blues from
    light to dark."""
    import numpy as np
    from matplotlib import colormaps

    frames = list(f1.index)
    sets = list(f1.columns)
    tuned = [s for s in sets if s not in (blind, reference)]
    blues = colormaps["Blues"](np.linspace(0.35, 0.85, max(len(tuned), 1)))
    palette = {s: blues[i] for i, s in enumerate(tuned)} | {blind: "#1b1b1b", reference: "#2e8b57"}
    fig, ax = new_figure(8, 0.55 * len(frames) + 1.6)
    height = 0.8 / len(sets)
    for i, s in enumerate(sets):  # a frame a set's coder never marked has no bar
        ok = f1[s].notna().to_numpy()
        y = np.arange(len(frames)) + (i - (len(sets) - 1) / 2) * height
        ax.barh(y[ok], f1[s].to_numpy(dtype=float)[ok], height=height, color=palette[s], label=s)
    ax.axvline(target, color="#c0392b", linestyle="--", linewidth=1, label=f"target {target:.2f}")
    ax.axvline(second_coder, color="#2e8b57", linestyle=":", linewidth=1.3,
               label=f"second coder {second_coder:.2f}")
    ax.set_yticks(range(len(frames)), [f.replace("_", " ") for f in frames])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("F1 per (sentence, frame) pair")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    ax.set_title(title)
    return fig, ax
