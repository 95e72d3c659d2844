"""The layer rule, made executable: only ``pmodesk.gui`` may import Qt or pyqtgraph.

The import-linter contracts in ``pyproject.toml`` must hold for the package as
it is, and must *fail* when a module outside ``gui/`` imports PySide6 (proved
on a copy of the package with a deliberate leak). The core must also import
without loading Qt at all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
PACKAGE = REPO_ROOT / "pmodesk"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
#: Top-level modules allowed to reach the GUI: the GUI itself and the entry points that start it.
GUI_SIDE = {"pmodesk.gui", "pmodesk.launcher", "pmodesk.__main__"}
QT_MODULES = {"PySide6", "pyqtgraph", "shiboken6"}


def _pyproject() -> dict[str, Any]:
    return tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def _minimal_config(contract: dict[str, Any]) -> str:
    """The ``[tool.importlinter]`` settings of ``pyproject.toml`` with only ``contract``."""
    settings = {k: v for k, v in _pyproject()["tool"]["importlinter"].items() if k != "contracts"}
    lines = ["[tool.importlinter]"]
    lines += [f"{key} = {_toml_value(value)}" for key, value in settings.items()]
    lines += ["", "[[tool.importlinter.contracts]]"]
    lines += [f"{key} = {_toml_value(value)}" for key, value in contract.items()]
    return "\n".join(lines) + "\n"


def _contracts() -> list[dict[str, Any]]:
    return list(_pyproject()["tool"]["importlinter"]["contracts"])


def _forbidden_qt_contract() -> dict[str, Any]:
    for contract in _contracts():
        if contract["type"] == "forbidden" and {"PySide6", "pyqtgraph"} <= set(
            contract["forbidden_modules"]
        ):
            return contract
    raise AssertionError("pyproject.toml has no contract forbidding PySide6 and pyqtgraph")


def _contract_modules() -> set[str]:
    """Every pmodesk module the contracts name (sources and layers)."""
    named: set[str] = set()
    for contract in _contracts():
        for key in ("source_modules", "layers", "modules"):
            for entry in contract.get(key, []):
                named.update(part.strip() for part in str(entry).split("|"))
    return {m for m in named if m.startswith("pmodesk")}


def _lint_imports(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"PYTHONPATH": str(cwd), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _module_path(root: Path, module: str) -> Path:
    return root.joinpath(*module.split("."))


def test_the_import_contracts_hold_for_the_package() -> None:
    missing = sorted(
        m
        for m in _contract_modules()
        if not _module_path(REPO_ROOT, m).with_suffix(".py").exists()
        and not (_module_path(REPO_ROOT, m) / "__init__.py").exists()
    )
    assert not missing, f"the contracts name modules that do not exist: {missing}"
    result = _lint_imports(REPO_ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_every_module_outside_gui_is_covered_by_the_qt_contract() -> None:
    sources = set(_forbidden_qt_contract()["source_modules"])
    assert not {m for m in sources if m.startswith("pmodesk.gui")}
    top_level = {
        f"pmodesk.{p.stem if p.suffix == '.py' else p.name}"
        for p in PACKAGE.iterdir()
        if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").exists()
    }
    uncovered = sorted(top_level - sources - GUI_SIDE)
    assert not uncovered, f"not checked for Qt imports: {uncovered}; add them to the contract"
    assert set(_forbidden_qt_contract()["forbidden_modules"]) >= QT_MODULES


def _copy_with_leak(tmp_path: Path) -> Path:
    """A copy of the package and its import-linter config, with ``domain/_leak.py`` importing Qt."""
    shutil.copytree(
        PACKAGE,
        tmp_path / "pmodesk",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "_bundled"),
    )
    for module in _contract_modules():  # stand-ins for modules another change has not landed yet
        path = _module_path(tmp_path, module)
        if not path.with_suffix(".py").exists() and not (path / "__init__.py").exists():
            path.mkdir(parents=True, exist_ok=True)
            (path / "__init__.py").write_text('"""Stand-in."""\n', encoding="utf-8")
    (tmp_path / "pmodesk" / "domain" / "_leak.py").write_text(
        '"""A deliberate layer violation."""\n\nimport PySide6  # noqa: F401\n', encoding="utf-8"
    )
    config = _minimal_config(_forbidden_qt_contract())
    written = tomllib.loads(config)["tool"]["importlinter"]
    assert written["contracts"] == [_forbidden_qt_contract()]
    (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
    return tmp_path


def test_the_contract_fails_when_the_domain_imports_qt(tmp_path: Path) -> None:
    root = _copy_with_leak(tmp_path)
    result = _lint_imports(root)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "BROKEN" in output
    assert "pmodesk.domain._leak -> PySide6" in output, output


def test_the_copied_config_passes_without_the_leak(tmp_path: Path) -> None:
    """The failure above comes from the leak alone, not from the copy or the stand-ins."""
    root = _copy_with_leak(tmp_path)
    (root / "pmodesk" / "domain" / "_leak.py").unlink()
    result = _lint_imports(root)
    assert result.returncode == 0, result.stdout + result.stderr


CORE_IMPORTS = {
    "domain": ["pmodesk.domain", "pmodesk.domain.rules"],
    "store": ["pmodesk.store"],
    "services": [
        "pmodesk.services.records",
        "pmodesk.services.projects",
        "pmodesk.services.references",
    ],
}


def _modules_outside_gui() -> list[str]:
    """Every module of the package but the GUI side and the migration scripts, from the files."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(REPO_ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if name.startswith(("pmodesk.store.migrations", *sorted(GUI_SIDE))):
            continue
        names.append(name)
    return names


def _qt_modules_loaded_by(import_code: str) -> str:
    code = (
        "import importlib, sys\n"
        f"{import_code}\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {sorted(QT_MODULES)!r})\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=REPO_ROOT,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize("layer", sorted(CORE_IMPORTS))
def test_the_core_imports_without_qt(layer: str) -> None:
    loaded = _qt_modules_loaded_by(f"names = {CORE_IMPORTS[layer]!r}")
    assert loaded == "", f"importing {layer} loaded {loaded}"


def test_no_module_outside_gui_loads_qt_when_imported() -> None:
    modules = _modules_outside_gui()
    assert "pmodesk.services.records" in modules
    assert not [m for m in modules if m.startswith("pmodesk.gui")]
    loaded = _qt_modules_loaded_by(f"names = {modules!r}")
    assert loaded == "", f"a module outside pmodesk.gui loaded {loaded}"
