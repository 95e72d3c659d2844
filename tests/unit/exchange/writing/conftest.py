"""Fixtures for the workbook-writing tests: a small demo workspace with awkward text, an empty one."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select
from writing_helpers import AWKWARD, SMALL, TODAY

from pmodesk.domain import Decision, RaidItem
from pmodesk.services import records
from pmodesk.services.demo import generate_demo
from pmodesk.services.setup import prepare_workspace
from pmodesk.store import Workspace, open_workspace


def _find(session: Any, model: type[Any], code: str) -> Any:
    found = session.exec(select(model).where(model.code == code)).first()
    assert found is not None, code
    return found


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory, migrated_workspace_file: Path) -> Path:
    """A small demo portfolio (made once per session) with awkward user text in some fields."""
    path = tmp_path_factory.mktemp("writing") / "demo.pmodesk"
    shutil.copyfile(migrated_workspace_file, path)
    workspace = open_workspace(path)
    try:
        generate_demo(workspace, SMALL, today=TODAY)
        with workspace.session() as session:
            for (model, code, field), text in AWKWARD.items():
                records.update(session, _find(session, model, code), {field: text})
            decision = session.exec(select(Decision)).first()
            raid = session.exec(select(RaidItem)).first()
            assert decision is not None
            assert raid is not None
            records.update(session, decision, {"outcome": "#N/A"})
            records.update(session, raid, {"title": "-5 days of slip (=worse)"})
    finally:
        workspace.close()
    return path


@pytest.fixture
def demo_workspace(tmp_path: Path, demo_file: Path) -> Iterator[Workspace]:
    """A private copy of the demo workspace."""
    path = tmp_path / "demo.pmodesk"
    shutil.copyfile(demo_file, path)
    workspace = open_workspace(path)
    yield workspace
    workspace.close()


@pytest.fixture
def empty_workspace(tmp_path: Path, migrated_workspace_file: Path) -> Iterator[Workspace]:
    """A new workspace with the default lifecycle and settings, and no portfolio data."""
    path = tmp_path / "empty.pmodesk"
    shutil.copyfile(migrated_workspace_file, path)
    workspace = open_workspace(path)
    prepare_workspace(workspace)
    yield workspace
    workspace.close()
