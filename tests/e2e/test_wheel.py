"""The wheel: build it, install it into a clean virtual environment, run ``pmodesk`` from there.

This proves that the package declares its dependencies, that its console
script works, and that ``ui/`` and ``resources/`` travel inside the wheel
(``pmodesk/_bundled/``) and are found there, away from the source checkout.
Dependencies come from the package index as pip is configured on the machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import pmodesk
from pmodesk.domain import RECORD_KINDS

pytestmark = pytest.mark.slow

REPO_ROOT = Path(__file__).resolve().parents[2]


def clean_env() -> dict[str, str]:
    """The environment without anything that points back at the checkout or the test venv.

    The XDG folders the test fixtures redirect are dropped too, so that pip
    uses the machine's download cache instead of an empty private one.
    """
    dropped = {
        "PYTHONPATH",
        "PYTHONHOME",
        "VIRTUAL_ENV",
        "PMODESK_WORKSPACE",
        "PIP_REQUIRE_VIRTUALENV",
    }
    env = {k: v for k, v in os.environ.items() if k not in dropped and not k.startswith("XDG_")}
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(sys.prefix)
    )
    return env


def step(args: list[str | Path], *, cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=1500,
        check=False,
    )
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_the_wheel_installs_into_a_clean_venv_and_runs(tmp_path: Path) -> None:
    env = clean_env()
    timings: dict[str, float] = {}
    started = time.perf_counter()

    dist = tmp_path / "dist"
    step([sys.executable, "-m", "build", "--wheel", "--outdir", dist], cwd=REPO_ROOT, env=env)
    wheels = list(dist.glob("pmodesk-*.whl"))
    assert [w.name for w in wheels] == [f"pmodesk-{pmodesk.__version__}-py3-none-any.whl"]
    timings["build the wheel"] = time.perf_counter() - started

    mark = time.perf_counter()
    venv = tmp_path / "venv"
    step([sys.executable, "-m", "venv", venv], cwd=tmp_path, env=env)
    python = venv / "bin" / "python"
    step([python, "-m", "pip", "install", "--quiet", wheels[0]], cwd=tmp_path, env=env)
    timings["create the venv and install"] = time.perf_counter() - mark

    mark = time.perf_counter()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    pmodesk_exe = venv / "bin" / "pmodesk"
    assert step([pmodesk_exe, "--version"], cwd=outside, env=env) == (
        f"pmodesk {pmodesk.__version__}\n"
    )

    where = step(
        [
            python,
            "-c",
            "import pmodesk, pmodesk.paths as p; "
            "print(pmodesk.__file__); print(p.resources_dir()); print(p.ui_dir())",
        ],
        cwd=outside,
        env=env,
    ).splitlines()
    package, resources, ui = (Path(line) for line in where)
    site_package = package.parent
    assert venv in package.parents, "pmodesk was imported from the checkout, not the wheel"
    assert resources == site_package / "_bundled" / "resources"
    assert ui == site_package / "_bundled" / "ui"
    assert any(resources.iterdir())
    assert any(ui.iterdir())

    workspace = tmp_path / "w.pmodesk"
    size = ["--projects", "10", "--people", "10", "--weeks", "4"]
    step([pmodesk_exe, "demo", "--workspace", workspace, *size], cwd=outside, env=env)
    counts = json.loads(
        step([pmodesk_exe, "stats", "--json", "--workspace", workspace], cwd=outside, env=env)
    )
    assert counts["workspace"] == str(workspace)
    assert counts["projects"] == 10
    assert counts["people"] == 10
    assert all(counts[kind] > 0 for kind in RECORD_KINDS), counts
    timings["run pmodesk from the venv"] = time.perf_counter() - mark
    timings["total"] = time.perf_counter() - started

    print()
    for what, seconds in timings.items():
        print(f"wheel test: {what:<30} {seconds:7.1f} s")
