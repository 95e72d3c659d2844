"""``pmodesk export`` and ``pmodesk status-requests`` end to end, and the returns through ``import``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from pmodesk.domain import StatusReport
from pmodesk.store import open_workspace

DEMO_SIZE = ["--projects", "20", "--people", "15", "--weeks", "8"]
Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def demo(tmp_path: Path, run: Run) -> Path:
    path = tmp_path / "office.pmodesk"
    code, _out, err = run("demo", *DEMO_SIZE, "--workspace", path)
    assert code == 0, err
    return path


def test_export_writes_the_portfolio_workbook(demo: Path, tmp_path: Path, run: Run) -> None:
    target = tmp_path / "portfolio.xlsx"
    code, out, err = run("export", target, "--workspace", demo)
    assert code == 0, err
    assert "20 projects" in out
    assert str(target) in out
    book = load_workbook(target, read_only=True)
    assert book.sheetnames[:3] == ["Summary", "Projects", "Milestones"]
    assert "_pmodesk" in book.sheetnames


def test_export_of_a_programme_and_its_refusals(demo: Path, tmp_path: Path, run: Run) -> None:
    target = tmp_path / "pgm.xlsx"
    code, out, err = run("export", target, "--programme", "PGM-01", "--workspace", demo)
    assert code == 0, err
    assert "projects of programme PGM-01" in out
    code, _out, err = run(
        "export", tmp_path / "x.xlsx", "--portfolio", "PF-99", "--workspace", demo
    )
    assert code == 2
    assert (
        err.strip()
        == "pmodesk: There is no portfolio with code PF-99; check the code and try again."
    )
    code, _out, err = run("export", tmp_path / "x.csv", "--workspace", demo)
    assert code == 2
    assert "must end in .xlsx" in err
    (tmp_path / ".~lock.open.xlsx#").write_text("")
    code, _out, err = run("export", tmp_path / "open.xlsx", "--workspace", demo)
    assert code == 2
    assert "open in another program" in err
    assert len(err.strip().splitlines()) == 1


def test_status_requests_then_returns_through_import(demo: Path, tmp_path: Path, run: Run) -> None:
    folder = tmp_path / "requests"
    code, out, err = run("status-requests", folder, "--period", "2030-01", "--workspace", demo)
    assert code == 0, err
    written = sorted(folder.glob("Status 2030-01 - *.xlsx"))
    assert written
    assert f"{len(written)} status requests for 2030-01" in out
    code, out, err = run("import", *written, "--workspace", demo)
    if code == 2 and "invalid choice" in err:
        pytest.skip("pmodesk import is not available yet")
    assert code == 0, err + out
    workspace = open_workspace(demo)
    try:
        with workspace.session() as session:
            reports = session.exec(select(StatusReport).where(StatusReport.period == "2030-01"))
            assert len(reports.all()) > 0
    finally:
        workspace.close()


def test_status_requests_refuse_a_bad_period_in_one_line(
    demo: Path, tmp_path: Path, run: Run
) -> None:
    code, _out, err = run("status-requests", tmp_path, "--period", "2030-13", "--workspace", demo)
    assert code == 2
    assert "YYYY-MM" in err
    assert len(err.strip().splitlines()) == 1
