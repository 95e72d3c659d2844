"""``pmodesk import`` end to end: what it shows, what it writes, and its exit codes (0, 2, 130)."""

from __future__ import annotations

import datetime as dt
import json
import signal
import sqlite3
from collections.abc import Callable, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from pmodesk import cli

Run = Callable[..., tuple[int, str, str]]
TABLES = (
    "project",
    "programme",
    "person",
    "allocation",
    "raid_item",
    "audit_event",
    "workspace_setting",
)


def counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLES}


def book(path: Path, sheets: dict[str, Sequence[Sequence[Any]]]) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
    wb.save(path)
    return path


REGISTER = [
    ["Project register"],
    [],
    ["Code", "Project", "PM", "Programme", "Start", "Finish", "RAG"],
    ["PRJ-001", "Alpha", "Ann", "PGM-1", dt.date(2025, 1, 6), dt.date(2025, 6, 30), "Green"],
    ["PRJ-002", "Beta", "Bo", "PGM-1", dt.date(2025, 2, 3), dt.date(2025, 1, 1), "At risk"],
]


@pytest.fixture
def workspace_file(run: Run, tmp_path: Path) -> Path:
    """A workspace made by a first, clean import (which creates the file)."""
    path = tmp_path / "office.pmodesk"
    clean = book(
        tmp_path / "people.xlsx",
        {"People": [["Code", "Name", "Email"], ["EMP-1", "Ann", "a@x.org"]]},
    )
    code, _out, err = run("import", clean, "--workspace", path)
    assert (code, err) == (0, "")
    return path


def test_a_missing_workspace_is_created_and_the_import_shown(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "new.pmodesk"
    register = book(tmp_path / "register.xlsx", {"Register": REGISTER[:4]})
    code, out, err = run("import", register, "--create-missing", "--workspace", path)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == (
        "register.xlsx: Register: project (detected, "
        + lines[0].split("detected, ")[1].split(" sure")[0]
        + " sure); header on row 3; 1 rows"
    )
    assert lines[1].startswith(
        "  columns: A Code → code; B Project → name (95%); C PM → manager (95%)"
    )
    assert "Note: Programme 'PGM-1' is not in the workspace; it will be created as PGM-1 " in out
    assert "Summary: 2 created, 0 updated, 0 unchanged, 0 skipped." in lines
    assert lines[-1].startswith("Undo with: pmodesk import --undo ")
    assert counts(path)["project"] == 1
    assert counts(path)["programme"] == 1


def test_refused_import_lists_every_problem_and_writes_nothing(
    run: Run, workspace_file: Path, tmp_path: Path
) -> None:
    register = book(tmp_path / "register.xlsx", {"Register": REGISTER})
    before = counts(workspace_file)
    code, out, err = run("import", register, "--workspace", workspace_file)
    assert code == 2
    assert (
        err
        == "pmodesk: the import was refused: 2 problems to fix (or skip their rows); nothing was written.\n"
    )
    assert out.split("Problems (2):\n")[1].splitlines() == [
        "  register.xlsx:Register!D4: value 'PGM-1' — there is no programme 'PGM-1' in the workspace "
        "(import with “create missing” to add it)",
        "  register.xlsx:Register!D5: value 'PGM-1' — there is no programme 'PGM-1' in the workspace "
        "(import with “create missing” to add it)",
    ]
    assert counts(workspace_file) == before
    # skipping the bad row and creating the programme lets the rest in
    code, out, err = run("import", register, "--workspace", workspace_file, "--create-missing")
    assert code == 2
    assert out.splitlines()[-1] == (
        "  register.xlsx:Register!F5: value '2025-01-01' — the planned finish (2025-01-01) is before "
        "the planned start (2025-02-03)"
    )
    code, out, err = run(
        "import", register, "--workspace", workspace_file, "--create-missing", "--skip", "Register!5",
        "--report", tmp_path / "problems.xlsx",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "Summary: 2 created, 0 updated, 0 unchanged, 1 skipped." in out
    assert (tmp_path / "problems.xlsx").exists()


def test_dry_run_writes_nothing(run: Run, workspace_file: Path, tmp_path: Path) -> None:
    register = book(tmp_path / "register.xlsx", {"Register": REGISTER[:4]})
    before = counts(workspace_file)
    code, out, err = run("import", register, "--dry-run", "--create-missing", "-w", workspace_file)
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "Dry run: nothing was written."
    assert counts(workspace_file) == before


def test_kind_sheet_and_mapping_options(run: Run, workspace_file: Path, tmp_path: Path) -> None:
    path = book(
        tmp_path / "two.xlsx",
        {
            "Names": [["Ref", "Label"], ["X-1", "Alpha"]],
            "Other": [["Ref", "Name"], ["Y-1", "Beta"]],
        },
    )
    mapping = tmp_path / "map.json"
    mapping.write_text(
        json.dumps(
            {"sheets": {"Names": {"kind": "project", "columns": {"Ref": "code", "Label": "name"}}}}
        )
    )
    code, out, err = run(
        "import", path, "--sheet", "Names", "--mapping", mapping, "-w", workspace_file
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "two.xlsx: Names: project (as told); header on row 1; 1 rows"
    code, out, err = run(
        "import",
        path,
        "--kind",
        "Other=project",
        "--sheet",
        "Other",
        "-w",
        workspace_file,
        "--save-mapping",
        "Other sheet",
    )
    assert (code, err) == (0, "")
    assert "Mapping saved as 'Other sheet'." in out
    assert counts(workspace_file)["project"] == 2
    code, out, err = run("import", path, "--sheet", "Missing", "-w", workspace_file)
    assert (code, out) == (2, "")
    assert (
        err == "pmodesk: There is no sheet called 'Missing' in the files chosen; check its name.\n"
    )
    code, _out, err = run("import", path, "--kind", "gadgets", "-w", workspace_file)
    assert code == 2
    assert "There is no kind of record called 'gadgets'" in err


def test_undo_from_the_command_line(run: Run, workspace_file: Path, tmp_path: Path) -> None:
    register = book(tmp_path / "register.xlsx", {"Register": REGISTER[:4]})
    before = counts(workspace_file)
    code, out, _err = run("import", register, "--create-missing", "-w", workspace_file)
    batch = out.splitlines()[-1].split("--undo ")[1]
    code, out, err = run("import", "--undo", batch, "-w", workspace_file)
    assert (code, err) == (0, "")
    assert out.startswith("Undone: 2 records deleted, 0 restored")
    after = counts(workspace_file)
    assert {k: v for k, v in after.items() if k != "audit_event"} == {
        k: v for k, v in before.items() if k != "audit_event"
    }
    code, _out, err = run("import", "--undo", batch, "-w", workspace_file)
    assert code == 2
    assert err == "pmodesk: This import was undone already.\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "notes.xlsx",
            b"Project,Owner\nAlpha,Ann\n",
            '"notes.xlsx" is not a workbook: it is a plain text file with a spreadsheet name.',
        ),
        (
            "chart.xlsx",
            b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
            '"chart.xlsx" is not a workbook: it is a PNG image.',
        ),
        (
            "cut.xlsx",
            b"PK\x03\x04" + b"\0" * 40,
            '"cut.xlsx" is damaged or incomplete: its zip container cannot be read.',
        ),
    ],
)
def test_broken_files_one_sentence_nothing_written(
    run: Run, workspace_file: Path, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = counts(workspace_file)
    code, out, err = run("import", path, "-w", workspace_file)
    assert (code, out) == (2, "")
    assert err == f"pmodesk: {message}\n"
    assert counts(workspace_file) == before


@pytest.mark.parametrize("when", ["Checking", "Writing"])
def test_ctrl_c_cancels_and_writes_nothing(
    run: Run, workspace_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, when: str
) -> None:
    """A real SIGINT at the first progress report of the phase, as a person pressing Ctrl+C."""
    path = tmp_path / "big.csv"
    path.write_text(
        "Code,Name,Sponsor\n" + "".join(f"PRJ-{n:05d},Project {n},S\n" for n in range(12_000))
    )
    interrupted: list[str] = []

    def press_ctrl_c(self: cli.ProgressLine, done: int, total: int, message: str) -> None:
        if not interrupted and message.startswith(when):
            interrupted.append(message)
            signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(cli.ProgressLine, "__call__", press_ctrl_c)
    before = counts(workspace_file)
    code, _out, err = run("import", path, "--kind", "project", "-w", workspace_file)
    assert interrupted
    assert code == 130
    assert err.splitlines()[-1] == "pmodesk: import cancelled; nothing was written."
    assert counts(workspace_file) == before
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
