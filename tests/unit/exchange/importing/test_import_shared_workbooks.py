"""Real registers, resource plans and risk registers made by other people (../shared/workbooks/).

Each test imports one workbook the way a coordinator would (detection first, a
mapping or options where the file needs them) and checks what landed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from import_helpers import options, plan, row_counts, run_import
from sqlmodel import select

from pmodesk.domain import Allocation, Person, Project, RaidItem, Role, Stage
from pmodesk.domain.enums import ProjectState, RaidKind, RaidStatus
from pmodesk.exchange.importing import SavedMapping, SheetMapping
from pmodesk.services import records
from pmodesk.store import Workspace

Shared = Callable[[str], Path]


def raid(workspace: Workspace) -> dict[str, RaidItem]:
    with workspace.session() as session:
        return {r.code: r for r in session.exec(select(RaidItem))}


def test_02_opportunity_tracker_as_a_project_register(ws: Workspace, shared: Shared) -> None:
    path = shared("02")
    detected = plan(ws, path, sheets=["AS Tracker"])
    (sheet,) = detected.sheets
    assert (sheet.kind, sheet.header_row) == ("project", 1)
    assert sheet.mapping["Topic Number"] == "code"
    assert sheet.mapping["Title"] == "name"
    # its stages are not this PMO's: each is named once, at its cell, with the stages there are
    stages = [p for p in detected.problems if p.letter == "D"]
    assert len(stages) == 16
    assert str(stages[0]) == (
        "02_pipeline_ota_tracker.xlsx:AS Tracker!D2: value 'Whitepaper' — there is no stage "
        "'Whitepaper' in the workspace (the stages are Idea, Assessment, Approved, Delivery, Closing, Closed)"
    )
    mapping = SavedMapping(
        "OTA tracker",
        {
            "AS Tracker": SheetMapping(
                kind="project",
                columns={"Topic Number": "code", "Title": "name", "Status": "state", "Stage": "stage",
                         "Next Due Date": "forecast_finish", "TCV (k)": "budget", "Author": "manager",
                         "Notes": "description"},
                values={"state": {"Pass": "cancelled", "Working": "active", "Submitted": "active"},
                        "stage": {"Whitepaper": "IDEA", "Full Proposal": "ASSESS"}},
            )
        },
    )  # fmt: skip
    found, result = run_import(ws, path, sheets=["AS Tracker"], mapping=mapping)
    # 16 opportunities; the "Last updated" footer is not one; hidden (filtered) rows are
    assert (result.created, result.skipped) == (16, 0)
    assert any("Row 22 left out: below the table" in n for n in found.notes)
    assert any("TCV (k)" in n and "thousands" in n for n in found.notes)
    with ws.session() as session:
        stages = {s.id: s.code for s in session.exec(select(Stage))}
        projects = {p.code: p for p in session.exec(select(Project))}
    assert len(projects) == 16
    navy = projects["20-PAC-0099"]  # a hidden (filtered) row
    assert (navy.name, navy.state, stages[navy.stage_id], navy.forecast_finish) == (
        "Navy 5G Private Networks", ProjectState.CANCELLED, "IDEA", dt.date(2019, 12, 6),
    )  # fmt: skip
    casb = projects["19-LANT-0038"]
    assert (casb.budget, stages[casb.stage_id]) == (1_800_000.0, "ASSESS")
    assert projects["20-LANT-0104"].forecast_finish is None  # "TBD"
    assert projects["20-LANT-0104"].manager == "Zeyad"
    lost = projects["20-PAC-0081"]
    assert lost.state == ProjectState.CLOSED  # "Closed - Lost"
    # the row without a topic number got a code and is matched by its name the next time
    (cemi,) = [p for p in projects.values() if p.name == "C5 CEMI"]
    assert cemi.code == "PRJ-001"
    _again, second = run_import(ws, path, sheets=["AS Tracker"], mapping=mapping)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 16)


def test_05_weekly_resource_plan_with_numbered_weeks(ws: Workspace, shared: Shared) -> None:
    path = shared("05")
    found, result = run_import(
        ws, path, options=options(create_missing=True, first_week=dt.date(2025, 1, 6))
    )
    (sheet,) = found.sheets
    assert (sheet.kind, sheet.header_row) == ("allocation", 3)
    assert sheet.matrix is not None
    assert (sheet.matrix.periods, sheet.matrix.columns) == ("week numbers", 20)
    assert sheet.mapping == {
        "Project": "project",
        "Resource Role": "role",
        "Resource Name": "person",
    }
    # the capacity table under the plan (from row 18) is another table, not allocations
    assert any("Rows 18, 19" in n and "below the table" in n for n in found.notes)
    assert result.created == 3 + 7 + 66  # projects, roles, allocations (role placeholders)
    with ws.session() as session:
        projects = {p.id: p.name for p in session.exec(select(Project))}
        roles = {r.id: r.name for r in session.exec(select(Role))}
        plan_rows = {
            (projects[a.project_id], roles[a.role_id], a.week_start): a.hours
            for a in session.exec(select(Allocation))
        }
        assert session.exec(select(Person)).first() is None
    assert len(plan_rows) == 66
    assert plan_rows[("Project A", "Analyst", dt.date(2025, 1, 6))] == 30.0
    assert plan_rows[("Project B", "Tester", dt.date(2025, 2, 3))] == 30.0  # week 5
    assert plan_rows[("Project C", "Network Engineer", dt.date(2025, 3, 10))] == 15.0  # week 10
    assert ("Project A", "Analyst", dt.date(2025, 2, 17)) not in plan_rows  # an empty week 7
    assert sum(plan_rows.values()) == 620 + 300 + 265  # the totals of the three project rows
    again = plan(ws, path, options=options(create_missing=True, first_week=dt.date(2025, 1, 6)))
    assert again.counts()["unchanged"] == 66
    assert again.counts()["created"] == 0


def test_06_sprint_capacity_people(ws: Workspace, shared: Shared) -> None:
    path = shared("06")
    mapping = SavedMapping(
        "Sprint capacity",
        {
            "*": SheetMapping(kind="person", columns={"Column A": "name", "Name": "name"}),
            "ZEUS_Sprint-1": SheetMapping(
                kind="person", columns={"Column A": "name"}, header_row=12
            ),
        },
    )
    sheets = ["CFA_Sprint-1", "MERLIN_Sprint-1", "ATLAS_Sprint-1", "ZEUS_Sprint-1"]
    found, result = run_import(
        ws, path, sheets=sheets, mapping=mapping, options=options(skip_rows={"ZEUS_Sprint-1": [16]})
    )
    assert {s.sheet: s.header_row for s in found.sheets} == {
        "CFA_Sprint-1": 15, "MERLIN_Sprint-1": 24, "ATLAS_Sprint-1": 15, "ZEUS_Sprint-1": 12,
    }  # fmt: skip
    assert (result.created, result.skipped) == (16, 1)
    with ws.session() as session:
        people = {p.name: p.code for p in session.exec(select(Person))}
    assert {"Srikanth", "Vimala", "Manas", "DINESH", "Hema", "Priya"} <= set(people)
    assert people["Srikanth"] == "PER-001"


def test_07_shift_plan_rows_as_projects(ws: Workspace, shared: Shared) -> None:
    found, result = run_import(ws, shared("07"), kinds={"*": "project"})
    assert found.sheets[0].header_row == 5
    assert result.created == 6
    with ws.session() as session:
        names = sorted(p.name for p in session.exec(select(Project)))
    assert names == ["Cycle Count", "De-Stocking I", "IR Count", "LTM I", "LTM II", "System Count"]
    assert any("Row 18 left out: totals row" in n for n in found.notes)


def test_09_scored_risk_register_with_half_points_and_an_opportunity(
    ws: Workspace, shared: Shared
) -> None:
    path = shared("09")
    found = plan(ws, path)
    assert [s.sheet for s in found.sheets] == ["Risk Register"]  # "Risk Analysis" is no register
    assert [(p.row, p.letter, p.value) for p in found.problems] == [
        (5, "G", "1.5"), (6, "G", "2.5"), (8, "G", "1.5"), (8, "H", "1.5"), (9, "H", "-4"),
    ]  # fmt: skip
    assert found.problems[0].reason.startswith("must be a whole number from 1 to 5")
    before = row_counts(ws)
    _found, result = run_import(ws, path, options=options(skip_invalid=True))
    assert (result.created, result.skipped) == (3, 4)
    assert row_counts(ws)["raid_item"] == before["raid_item"] + 3
    items = raid(ws)
    assert sorted(items) == ["1", "2", "5"]
    one = items["1"]
    assert (one.kind, one.title, one.owner, one.probability, one.impact) == (
        RaidKind.RISK, "Launch app", "Sai Teja", 3, 5,
    )  # fmt: skip
    assert one.description == "Design failure of new app"
    assert one.response == "Have atleast 1 resource(IT developer) as a back-up."


def test_10_schwalbe_register_with_word_ratings(ws: Workspace, shared: Shared) -> None:
    found, result = run_import(ws, shared("10"))
    assert "Status" not in found.sheets[0].mapping  # its sentences are no status
    assert result.created == 5
    items = raid(ws)
    assert sorted(items) == ["R1", "R2", "R3", "R4", "R5"]
    assert (items["R1"].probability, items["R1"].impact) == (4, 4)  # High, High
    assert (items["R3"].probability, items["R3"].impact) == (2, 3)  # Low, Medium
    assert items["R2"].impact == 3  # "Medium at the beginning, gets higher with time"
    assert items["R4"].title.startswith("delayed in budget spends")
    assert items["R5"].owner == "Project Manager"
    assert all(i.status == RaidStatus.OPEN for i in items.values())


def test_11_prince2_register_stub_rows_skipped(ws: Workspace, shared: Shared) -> None:
    path = shared("11")
    found, result = run_import(ws, path, sheets=["Issue Register"])
    assert any("Rows 5, 6, 7 hold only a code or number" in n for n in found.notes)
    assert "Type" not in found.sheets[0].mapping  # Quality, Legal: no RAID kinds
    assert "Impact (monetary)" not in found.sheets[0].mapping  # euros are no 1-5 rating
    assert (result.created, result.skipped) == (3, 3)
    items = raid(ws)
    first = items["1"]
    assert (first.kind, first.title, first.status, first.probability) == (
        RaidKind.ISSUE, "Text recognication", RaidStatus.OPEN, 5,  # "75% to 100%"
    )  # fmt: skip
    assert (first.raised_on, first.closed_on) == (dt.date(2022, 11, 8), dt.date(2022, 11, 11))
    assert items["2"].probability == 4  # "50% to 75%"


def test_12_raid_log_one_sheet_per_kind(ws: Workspace, shared: Shared) -> None:
    found, result = run_import(ws, shared("12"))
    assert [s.sheet for s in found.sheets] == ["Risks", "Assumptions", "Issues", "Dependencies"]
    assert result.created == 4 + 3 + 4 + 5
    items = raid(ws)
    kinds = {code[0]: {i.kind for c, i in items.items() if c[0] == code[0]} for code in items}
    assert kinds == {
        "R": {RaidKind.RISK},
        "A": {RaidKind.ASSUMPTION},
        "I": {RaidKind.ISSUE},
        "D": {RaidKind.DEPENDENCY},
    }
    assert (items["R4"].impact, items["R4"].probability) == (4, 3)  # "HIgh", "Medium"
    assert items["I2"].status == RaidStatus.IN_PROGRESS  # "In progeress"
    assert items["D2"].status == RaidStatus.CLOSED
    assert items["D1"].status == RaidStatus.OPEN  # "Planned"
    assert items["R1"].response == ""  # the empty mitigation cell
    assert (
        items["A2"].title == "Tuned LLAMA with right prompts can deliver relevant recommendations."
    )


def test_13_single_sheet_raid_log(ws: Workspace, shared: Shared) -> None:
    found, result = run_import(ws, shared("13"))
    assert found.sheets[0].mapping["Type"] == "kind"
    assert result.created == 4
    items = raid(ws)
    assert [(c, i.kind, i.status) for c, i in sorted(items.items())] == [
        ("1", RaidKind.RISK, RaidStatus.OPEN),
        ("2", RaidKind.ISSUE, RaidStatus.IN_PROGRESS),
        ("3", RaidKind.ASSUMPTION, RaidStatus.CLOSED),  # "Confirmed"
        ("4", RaidKind.DEPENDENCY, RaidStatus.OPEN),  # "Pending"
    ]
    assert (items["1"].impact, items["1"].probability, items["1"].owner) == (4, 3, "PM")


def test_a_workbook_of_the_register_kinds_and_a_raid_log_together(
    ws: Workspace, shared: Shared
) -> None:
    """Two files in one go: the RAID log of 13 and the risk register of 10."""
    found, result = run_import(ws, [shared("13"), shared("10")])
    assert [s.source for s in found.sheets] == [
        "13_raid_log_single_sheet.xlsx", "10_risk_register_schwalbe_style.xlsx",
    ]  # fmt: skip
    assert result.created == 9
    with ws.session() as session:
        assert records.get_by_code(session, RaidItem, "R3").probability == 2
