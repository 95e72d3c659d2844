"""Fixtures of the review pack's tests: the small multi-script world, and reading PDFs back."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session

from tests.unit.reports.pack_world import PackWorld, build_pack_world


@pytest.fixture
def world(session: Session) -> PackWorld:
    """The pack world in the test's own session (not committed until the test ends)."""
    return build_pack_world(session)


@pytest.fixture
def pdf_path(tmp_path: Path) -> Path:
    """Where a test writes its pack: a folder of its own, so leftovers would show."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder / "pack.pdf"
