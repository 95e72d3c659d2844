"""Shared fixtures. Sets the offscreen Qt platform before anything imports Qt.

Every test gets a private data folder and user name, so no test touches the
developer's real workspace or settings.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PMODESK_USER"] = "tester"

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session

from pmodesk.store import Workspace, open_workspace

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_WORKBOOKS = REPO_ROOT.parent / "shared" / "workbooks"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under ``tests/gui`` carries the ``gui`` marker (``-m "not gui"`` skips Qt)."""
    gui_dir = REPO_ROOT / "tests" / "gui"
    for item in items:
        if gui_dir in item.path.parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _private_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("PMODESK_WORKSPACE", raising=False)


@pytest.fixture(scope="session")
def migrated_workspace_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One empty workspace at the newest schema, migrated once per test session."""
    path = tmp_path_factory.mktemp("template") / "template.pmodesk"
    open_workspace(path).close()
    return path


@pytest.fixture
def workspace(tmp_path: Path, migrated_workspace_file: Path) -> Iterator[Workspace]:
    """A fresh workspace file in a temporary folder (a copy of the migrated template)."""
    path = tmp_path / "test.pmodesk"
    shutil.copyfile(migrated_workspace_file, path)
    ws = open_workspace(path)
    yield ws
    ws.close()


@pytest.fixture
def session(workspace: Workspace) -> Iterator[Session]:
    """A session on the fresh workspace; committed when the test ends without error."""
    with workspace.session() as s:
        yield s
