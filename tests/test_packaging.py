"""pyproject.toml ships the whole package: every subpackage and every data file, found by
setuptools' own discovery (so installing prints no "absent from packages" warning)."""
from __future__ import annotations

import fnmatch
import tomllib

from setuptools import find_namespace_packages

from analysis import paths


def _setuptools_config() -> dict:
    return tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def _package_folders() -> set[str]:
    """Every folder of the package holding a file to ship, as a dotted package name."""
    folders = set()
    for file in paths.PACKAGE_DIR.rglob("*"):
        if file.is_file() and "__pycache__" not in file.parts:
            folders.add(".".join(file.parent.relative_to(paths.ROOT).parts))
    return folders


def test_package_discovery_finds_every_folder_of_the_package():
    config = _setuptools_config()
    assert not isinstance(config["packages"], list), "a fixed list misses subpackages and data folders"
    find = config["packages"]["find"]
    found = set(find_namespace_packages(where=str(paths.ROOT), include=find["include"],
                                        exclude=find.get("exclude", ())))
    assert {"analysis", "analysis.data", "analysis.templates"} <= found
    assert _package_folders() <= found
    assert not {name for name in found if not name.startswith("analysis")}


def test_every_data_file_is_package_data():
    package_data = _setuptools_config()["package-data"]
    for folder in ("data", "templates"):
        patterns = package_data[f"analysis.{folder}"]
        for file in (paths.PACKAGE_DIR / folder).iterdir():
            assert any(fnmatch.fnmatch(file.name, p) for p in patterns), file
