"""The package's shape (issue 11): small modules, followable functions, public APIs only.

A reader should be able to open any module of ``analysis/`` in one sitting and follow any
function without a diagram; the package must not lean on the private internals of Python or
pandas, which change without notice; nothing may name a path of one machine.
"""
import re
from pathlib import Path

import pytest

radon_complexity = pytest.importorskip("radon.complexity")

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted((ROOT / "analysis").rglob("*.py"))
SOURCES = MODULES + sorted((ROOT / "tests").rglob("*.py")) + sorted((ROOT / "benchmarks").rglob("*.py"))
MAX_LINES = 700
MAX_COMPLEXITY = 20  # radon grade C at most
PRIVATE = re.compile(r"\bre\._parser\b|\bre\._constants\b|from re import _|\bsre_(?:parse|compile|constants)\b"
                     r"|\bpandas\.core\b|\bpd\.core\b")
GC_OFF = re.compile(r"\bgc\.disable\(")
#: The one module allowed to pause the garbage collector: the pipeline, around a batch.
GC_OWNER = "analysis/pipeline.py"
MACHINE_PATH = re.compile("[\"'](" + "|".join("/" + root for root in ("work", "tmp", "root", "home", "Users"))
                          + r"|[A-Z]:\\\\)[/\\\\]")


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_module_fits_one_sitting(path):
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{_name(path)} has {n} lines (at most {MAX_LINES})"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_functions_can_be_followed(path):
    blocks = radon_complexity.cc_visit(path.read_text(encoding="utf-8"))
    functions = [b for b in blocks if hasattr(b, "complexity")]
    functions += [m for b in blocks for m in getattr(b, "methods", [])]
    too_complex = sorted(f"{f.name} ({f.complexity})" for f in functions if f.complexity > MAX_COMPLEXITY)
    assert not too_complex, f"{_name(path)}: cyclomatic complexity over {MAX_COMPLEXITY}: {too_complex}"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_private_apis(path):
    text = path.read_text(encoding="utf-8")
    found = [m.group(0) for m in PRIVATE.finditer(text)]
    assert not found, f"{_name(path)} uses a private or internal API: {found}"
    if _name(path) != GC_OWNER:
        assert not GC_OFF.search(text), f"{_name(path)} switches the garbage collector off"


@pytest.mark.parametrize("path", SOURCES, ids=_name)
def test_no_machine_paths(path):
    if path.name == "test_package_shape.py":
        return
    found = [m.group(0) for m in MACHINE_PATH.finditer(path.read_text(encoding="utf-8"))]
    assert not found, f"{_name(path)} names a path of one machine: {found}"


def test_the_checks_can_fail(tmp_path):
    """Each pattern catches what it is for."""
    assert PRIVATE.search("from re import _parser") and PRIVATE.search("import pandas.core.dtypes")
    assert GC_OFF.search("gc.disable()") and not PRIVATE.search("re.compile(x)")
    machine = 'Path("' + "/".join(("", "work", "shared", "codebook.tsv")) + '")'  # not a path of this file
    assert MACHINE_PATH.search(machine) and not MACHINE_PATH.search('"a/b"')
    deep = "def f(x):\n" + "".join(f"    if x == {i}:\n        return {i}\n" for i in range(25))
    assert radon_complexity.cc_visit(deep)[0].complexity > MAX_COMPLEXITY
