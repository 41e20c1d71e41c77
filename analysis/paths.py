"""Every path the project uses, found from the package's own location.

Notebooks and scripts import from here instead of writing ``../`` strings, so they run
the same from any working directory.
"""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
ROOT = PACKAGE_DIR.parent
SEEDS_DIR = ROOT / "seeds"
FIGURES_DIR = ROOT / "figures"
REPORTS_DIR = ROOT / "reports"
NOTEBOOKS_DIR = ROOT / "notebooks"


def corpus_dir(path: str | os.PathLike | None = None) -> Path:
    """The corpus folder to analyse: ``path``, else ``$ANALYSIS_CORPUS``, else the seeds."""
    chosen = path or os.environ.get("ANALYSIS_CORPUS") or SEEDS_DIR
    return Path(chosen).expanduser().resolve()


#: Set (to ``1``) by ``python -m analysis run --skip-bad`` for the notebooks it executes.
SKIP_BAD_ENV = "ANALYSIS_SKIP_BAD"


def corpus_errors(errors: str | None = None) -> str:
    """What loading does with a bad article file: ``errors`` if given, else ``"skip"`` when
    ``$ANALYSIS_SKIP_BAD`` is set (``run --skip-bad``), else ``"raise"``."""
    if errors is not None:
        return errors
    return "skip" if os.environ.get(SKIP_BAD_ENV, "") not in ("", "0") else "raise"


def data_file(name: str) -> Path:
    """A data file shipped inside the package (codebook, word lists, lexicons)."""
    return DATA_DIR / name
