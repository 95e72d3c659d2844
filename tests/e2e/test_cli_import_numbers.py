"""``pmodesk import --decimal``: how "€ 20.000" is stored when its column does not tell."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

Run = Callable[..., tuple[int, str, str]]
DOUBT = "the column does not show which is meant"


@pytest.fixture
def register(tmp_path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Projects"
    for row in (
        ["Code", "Name", "Manager", "Budget"],
        ["PRJ-001", "Alpha", "Ann Lee", "€ 20.000"],
        ["PRJ-002", "Beta", "Bo Chen", "€ 35.000"],
    ):
        ws.append(row)
    path = tmp_path / "register.xlsx"
    wb.save(path)
    return path


def budgets(workspace: Path) -> dict[str, float]:
    with closing(sqlite3.connect(f"file:{workspace}?mode=ro", uri=True)) as conn:
        return dict(conn.execute("SELECT code, budget FROM project ORDER BY code").fetchall())


def test_without_the_option_the_doubtful_amounts_are_noted(
    run: Run, register: Path, tmp_path: Path
) -> None:
    workspace = tmp_path / "office.pmodesk"
    code, out, err = run("import", register, "--workspace", workspace)
    assert (code, err) == (0, "")
    assert DOUBT in out
    assert budgets(workspace) == {"PRJ-001": pytest.approx(20.0), "PRJ-002": pytest.approx(35.0)}


def test_decimal_comma_stores_twenty_thousand(run: Run, register: Path, tmp_path: Path) -> None:
    workspace = tmp_path / "office.pmodesk"
    code, out, err = run("import", register, "--workspace", workspace, "--decimal", "comma")
    assert (code, err) == (0, "")
    assert DOUBT not in out
    assert budgets(workspace) == {"PRJ-001": 20000.0, "PRJ-002": 35000.0}


def test_decimal_point_stores_twenty_and_says_no_more(
    run: Run, register: Path, tmp_path: Path
) -> None:
    workspace = tmp_path / "office.pmodesk"
    code, out, _err = run("import", register, "--workspace", workspace, "--decimal", "point")
    assert code == 0
    assert DOUBT not in out
    assert budgets(workspace) == {"PRJ-001": pytest.approx(20.0), "PRJ-002": pytest.approx(35.0)}


def test_help_lists_the_option_and_a_wrong_choice_is_refused(
    run: Run, register: Path, tmp_path: Path
) -> None:
    code, out, _err = run("import", "--help")
    assert code == 0
    assert "--decimal {point,comma}" in out
    assert "20.000" in out
    code, _out, err = run(
        "import", register, "--workspace", tmp_path / "w.pmodesk", "--decimal", "dot"
    )
    assert code != 0
    assert "--decimal" in err
    assert not (tmp_path / "w.pmodesk").exists()
