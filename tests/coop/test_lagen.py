"""The checks that keep the layers (pyproject.toml) cover every module they should.

import-linter checks only the modules a contract names: a new package under `coop/` that no
layer names would escape the layers contract, and an error in a strict module that found its
way into the mypy baseline would no longer be reported. These tests fail in both cases.
"""

import pkgutil
import tomllib
from pathlib import Path

import coop

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _contract(contract_id: str) -> dict:
    contracts = PYPROJECT["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c["id"] == contract_id)


def _layer_modules() -> set[str]:
    modules = set()
    for layer in _contract("lagen")["layers"]:
        for part in layer.replace("|", ":").split(":"):
            modules.add(part.strip())
    return modules


def test_every_child_of_coop_is_in_a_layer():
    children = {f"coop.{m.name}" for m in pkgutil.iter_modules(coop.__path__)}
    missing = children - _layer_modules()
    assert not missing, f"name these in a layer of the 'lagen' contract: {sorted(missing)}"


def test_the_layers_name_the_kernel_registries_and_contracten_in_order():
    layers = [layer.replace(" ", "") for layer in _contract("lagen")["layers"]]
    assert layers[-3:] == ["contracten", "werkgevers|werknemers", "coop.core"]


def _strict_prefixes() -> list[str]:
    overrides = PYPROJECT["tool"]["mypy"]["overrides"]
    strict = next(o for o in overrides if o.get("disallow_untyped_defs"))
    return [m.removesuffix(".*").replace(".", "/") for m in strict["module"]]


def test_the_pure_modules_are_strict_in_mypy():
    strict = tuple(_strict_prefixes())
    pure = [m.replace(".", "/") for m in _contract("zuiver")["source_modules"]]
    assert [m for m in pure if not m.startswith(strict)] == []


def test_the_mypy_baseline_holds_no_error_of_a_strict_module():
    baseline = (ROOT / PYPROJECT["tool"]["mypy-baseline"]["baseline_path"]).read_text()
    strict = tuple(_strict_prefixes())
    in_strict = [line for line in baseline.splitlines() if line.startswith(strict)]
    assert not in_strict, in_strict
