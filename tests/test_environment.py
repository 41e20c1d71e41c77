"""pyproject.toml and environment.yml describe the same environment (conda cannot run here)."""
from __future__ import annotations

import re
import tomllib

import yaml

from analysis import paths

#: PyPI name → conda-forge name where they differ.
CONDA_NAMES = {"arabic-reshaper": "arabic_reshaper"}


def _split(spec: str) -> tuple[str, str]:
    name, version = re.match(r"^\s*([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*(.*)$", spec).groups()
    return name.lower(), version.replace(" ", "")


def pip_requirements() -> dict[str, str]:
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = project["dependencies"] + project["optional-dependencies"]["test"]
    return dict(_split(s) for s in specs)


def conda_requirements() -> tuple[dict[str, str], dict[str, str]]:
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda, pip = {}, {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip.update(_split(s) for s in dep["pip"] if not s.startswith("-e"))
        else:
            conda.update([_split(dep)])
    return conda, pip


def test_every_pip_dependency_is_in_environment_yml_with_the_same_bounds():
    conda, pip = conda_requirements()
    for name, version in pip_requirements().items():
        if name in pip:
            assert pip[name] == version, name
        else:
            conda_name = CONDA_NAMES.get(name, name)
            assert conda_name in conda, f"{name} is in pyproject.toml but not in environment.yml"
            assert conda[conda_name] == version, f"{name}: {version} vs {conda[conda_name]}"


def test_environment_yml_has_nothing_pyproject_lacks():
    conda, pip = conda_requirements()
    wanted = {CONDA_NAMES.get(n, n) for n in pip_requirements()} | {"python", "pip"}
    assert set(conda) - wanted == set()
    assert set(pip) <= set(pip_requirements())


def test_environment_installs_the_package_itself():
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip


def test_property_tests_draw_the_same_examples_on_every_run():
    """conftest loads the repeatable hypothesis profile unless HYPOTHESIS_PROFILE says otherwise."""
    import os

    from hypothesis import settings

    if "HYPOTHESIS_PROFILE" not in os.environ:
        assert settings().derandomize and settings().database is None
