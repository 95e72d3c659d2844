"""The Summary sheet: a small dashboard of the exported projects.

Tiles (projects, budget, forecast and actual cost, open RAID, pending
decisions, people) over three tables — projects by stage, by state and by
overall RAG, each with counts, share, money totals and the RAG split — and
RAID items by type and status. The figures are values, not formulas, so any
reader (and the PDF made from the workbook) shows them as they were.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl.formatting.rule import DataBarRule
from openpyxl.styles import Alignment, Border
from openpyxl.utils import get_column_letter

from pmodesk.domain.enums import DecisionStatus, ProjectState, Rag, RaidKind, RaidStatus
from pmodesk.exchange.writing.book import BookWriter
from pmodesk.exchange.writing.cells import enum_label
from pmodesk.exchange.writing.styles import (
    ACCENT,
    HEADER,
    MUTED_TEXT,
    NOTE,
    PERCENT_FORMAT,
    SECTION,
    SUBTITLE,
    TILE_FILL,
    TITLE,
    TITLE_TEXT,
    CellStyle,
    font,
    money_format,
    rag_style,
    solid,
    thin,
)
from pmodesk.services.exporting import ExportData

COLUMNS = 10
RAID_PLURALS = {
    RaidKind.RISK: "Risks",
    RaidKind.ASSUMPTION: "Assumptions",
    RaidKind.ISSUE: "Issues",
    RaidKind.DEPENDENCY: "Dependencies",
}
RAGS: tuple[Rag | None, ...] = (Rag.RED, Rag.AMBER, Rag.GREEN, None)
HEADINGS = (
    "Projects",
    "Share",
    "Budget",
    "Forecast cost",
    "Actual cost",
    "Red",
    "Amber",
    "Green",
    "Not set",
)


@dataclass
class Line:
    """One line of a breakdown: how many projects, what share, which money, which RAG."""

    label: str
    projects: int = 0
    budget: float = 0.0
    forecast_cost: float = 0.0
    actual_cost: float = 0.0
    rags: Counter[Rag | None] = field(default_factory=Counter)
    rag: Rag | None = None  # a line of the RAG breakdown is coloured as its RAG

    def add(self, project: dict[str, Any]) -> None:
        self.projects += 1
        self.budget += project["budget"] or 0.0
        self.forecast_cost += project["forecast_cost"] or 0.0
        self.actual_cost += project["actual_cost"] or 0.0
        self.rags[project["rag_overall"]] += 1


@dataclass
class Figures:
    total: Line
    by_stage: list[Line]
    by_state: list[Line]
    by_rag: list[Line]
    raid: list[tuple[str, list[int]]]  # type, counts per RaidStatus + escalated
    decisions: list[tuple[str, int]]
    people: int


def _records(data: ExportData, kind: str) -> list[dict[str, Any]]:
    if kind not in data.kinds:
        return []
    keys = [f.key for f in data.kinds[kind].spec.fields]
    return [dict(zip(keys, row, strict=True)) for row in data.kinds[kind].rows]


def figures(data: ExportData) -> Figures:
    """The numbers of the dashboard, from the exported rows."""
    projects = _records(data, "project")
    total = Line("Total")
    stages = {code: Line(name) for code, name in data.stages}
    no_stage = Line("No stage")
    states = {s: Line(s.label) for s in ProjectState}
    rags: dict[Rag | None, Line] = {r: Line(r.label if r else "Not set", rag=r) for r in RAGS}
    for project in projects:
        total.add(project)
        stages.get(project["stage"] or "", no_stage).add(project)
        states[ProjectState(project["state"])].add(project)
        rags[project["rag_overall"]].add(project)
    by_stage = [*stages.values(), *([no_stage] if no_stage.projects else [])]
    raid_counts: dict[RaidKind, list[int]] = {k: [0] * (len(RaidStatus) + 1) for k in RaidKind}
    statuses = list(RaidStatus)
    for item in _records(data, "raid_item"):
        counts = raid_counts[RaidKind(item["kind"])]
        counts[statuses.index(RaidStatus(item["status"]))] += 1
        counts[-1] += bool(item["escalated"])
    decisions = Counter(DecisionStatus(d["status"]) for d in _records(data, "decision"))
    return Figures(
        total=total,
        by_stage=by_stage,
        by_state=list(states.values()),
        by_rag=[rags[r] for r in (Rag.RED, Rag.AMBER, Rag.GREEN, None)],
        raid=[(RAID_PLURALS[k], v) for k, v in raid_counts.items()],
        decisions=[(enum_label(s), decisions[s]) for s in DecisionStatus],
        people=len(data.rows("person")),
    )


class _Rows:
    """Appends dashboard rows to a streamed sheet, counting them (merges need row numbers)."""

    def __init__(self, book: BookWriter, sheet: Any) -> None:
        self.book, self.sheet, self.number = book, sheet, 0

    def add(self, cells: Sequence[Any] = (), *, height: float | None = None) -> int:
        self.number += 1
        if height is not None:
            self.sheet.row_dimensions[self.number].height = height
        self.sheet.append(list(cells))
        return self.number

    def cell(self, value: Any, style: CellStyle | None = None, **extra: Any) -> Any:
        cell = self.book.cell(self.sheet, value, style)
        for name, setting in extra.items():
            setattr(cell, name, setting)
        return cell

    def merge(self, row: int, first: int = 1, last: int = COLUMNS) -> None:
        self.sheet.merged_cells.add(
            f"{get_column_letter(first)}{row}:{get_column_letter(last)}{row}"
        )


def write_summary(
    book: BookWriter, data: ExportData, *, heading: str, subtitle: str, currency: str
) -> None:
    """The first sheet of a portfolio workbook (see the module docstring)."""
    numbers = figures(data)
    sheet = book.sheet("Summary")
    book.step("Writing the summary")
    sheet.sheet_properties.tabColor = ACCENT
    sheet.sheet_view.showGridLines = False
    sheet.column_dimensions["A"].width = 26
    for n in range(2, COLUMNS + 1):
        sheet.column_dimensions[get_column_letter(n)].width = 14 if n <= 6 else 9
    _page_setup(sheet)
    rows = _Rows(book, sheet)
    rows.merge(rows.add([rows.cell(heading, TITLE)], height=30))
    rows.merge(rows.add([rows.cell(subtitle, SUBTITLE)]))
    rows.add(height=8)
    _tiles(rows, numbers, currency)
    rows.add(height=10)
    whole = money_format(currency, decimals=False)
    _breakdown(rows, "Projects by stage", "Stage", numbers.by_stage, numbers.total, whole)
    _breakdown(rows, "Projects by state", "State", numbers.by_state, numbers.total, whole)
    _breakdown(rows, "Projects by overall RAG", "Overall RAG", numbers.by_rag, numbers.total, whole)
    _raid(rows, numbers)
    note = "Figures are the exported projects' values; sheets Projects … Roles hold the records."
    rows.merge(rows.add([rows.cell(note, NOTE)]))


def _tiles(rows: _Rows, numbers: Figures, currency: str) -> None:
    """Eight key figures in two rows of four tiles: column A, then merged pairs B:C, D:E, F:G."""
    money = money_format(currency, decimals=False)
    open_raid = sum(c[0] + c[1] for _kind, c in numbers.raid)
    escalated = sum(c[-1] for _kind, c in numbers.raid)
    pending = dict(numbers.decisions).get("Pending", 0)
    tiles: list[list[tuple[str, float | int, str]]] = [
        [
            ("Projects", numbers.total.projects, "0"),
            ("Budget", numbers.total.budget, money),
            ("Forecast cost", numbers.total.forecast_cost, money),
            ("Actual cost", numbers.total.actual_cost, money),
        ],
        [
            ("Open RAID items", open_raid, "0"),
            ("Escalated RAID items", escalated, "0"),
            ("Pending decisions", pending, "0"),
            ("People", numbers.people, "0"),
        ],
    ]
    label = CellStyle(
        font=font(size=9, bold=True, color=MUTED_TEXT),
        fill=solid(TILE_FILL),
        border=Border(top=thin(ACCENT)),
        alignment=Alignment(horizontal="left", vertical="bottom", indent=1),
    )
    value = CellStyle(
        font=font(size=15, bold=True, color=TITLE_TEXT),
        fill=solid(TILE_FILL),
        alignment=Alignment(horizontal="left", vertical="center", indent=1),
    )
    spans = ((1, 1), (2, 3), (4, 5), (6, 7))
    for line in tiles:
        labels: list[Any] = []
        values: list[Any] = []
        for (first, last), (words, amount, fmt) in zip(spans, line, strict=True):
            labels += [rows.cell(words.upper(), label)] + [rows.cell(None, label)] * (last - first)
            values += [rows.cell(amount, value, number_format=fmt)]
            values += [rows.cell(None, value)] * (last - first)
        for row in (rows.add(labels, height=18), rows.add(values, height=30)):
            for first, last in spans[1:]:
                rows.merge(row, first, last)
        rows.add(height=6)


def _header(rows: _Rows, first: str, headings: Sequence[str]) -> None:
    cells = []
    for text in (first, *headings):
        rag = text.lower() if text in ("Red", "Amber", "Green") else None
        cells.append(rows.cell(text, rag_style(rag) if rag else HEADER))
    rows.add(cells, height=20)


def _breakdown(
    rows: _Rows, title: str, first: str, lines: list[Line], total: Line, money: str
) -> None:
    rows.merge(rows.add([rows.cell(title, SECTION)], height=22))
    _header(rows, first, HEADINGS)
    start = rows.number + 1
    by_rag = first == "Overall RAG"
    for line in lines:
        label = rows.cell(
            line.label, rag_style(line.rag.value if line.rag else None) if by_rag else None
        )
        share = line.projects / total.projects if total.projects else 0.0
        rows.add(
            [
                label,
                line.projects,
                rows.cell(share, number_format=PERCENT_FORMAT),
                rows.cell(line.budget, number_format=money),
                rows.cell(line.forecast_cost, number_format=money),
                rows.cell(line.actual_cost, number_format=money),
                *(None if by_rag else (line.rags[r] or None) for r in RAGS),
            ]
        )
    end = rows.number
    bold = CellStyle(font=font(bold=True), border=Border(top=thin(TITLE_TEXT)))
    money_bold = CellStyle(
        font=font(bold=True), border=Border(top=thin(TITLE_TEXT)), number_format=money
    )
    rows.add(
        [
            rows.cell("Total", bold),
            rows.cell(total.projects, bold),
            rows.cell(1.0 if total.projects else 0.0, bold, number_format=PERCENT_FORMAT),
            rows.cell(total.budget, money_bold),
            rows.cell(total.forecast_cost, money_bold),
            rows.cell(total.actual_cost, money_bold),
            *(rows.cell(total.rags[r] or None, bold) for r in RAGS),
        ]
    )
    if end >= start:
        bar = DataBarRule(
            start_type="num", start_value=0, end_type="num", end_value=1, color="7FA7E0"
        )
        rows.sheet.conditional_formatting.add(f"C{start}:C{end}", bar)
    rows.add(height=10)


def _raid(rows: _Rows, numbers: Figures) -> None:
    rows.merge(rows.add([rows.cell("RAID items by type and status", SECTION)], height=22))
    _header(rows, "Type", [*(enum_label(s) for s in RaidStatus), "Total", "Escalated"])
    totals = [0] * (len(RaidStatus) + 2)
    for kind, counts in numbers.raid:
        line = [*counts[:-1], sum(counts[:-1]), counts[-1]]
        totals = [a + b for a, b in zip(totals, line, strict=True)]
        rows.add([kind, *(c or None for c in line)])
    bold = CellStyle(font=font(bold=True), border=Border(top=thin(TITLE_TEXT)))
    rows.add([rows.cell(v, bold) for v in ("Total", *totals)])
    rows.add(height=10)
    rows.merge(rows.add([rows.cell("Decisions by status", SECTION)], height=22))
    _header(rows, "Status", ["Decisions", "Share"])
    count = sum(n for _s, n in numbers.decisions)
    for status, n in numbers.decisions:
        share = rows.cell(n / count if count else 0.0, number_format=PERCENT_FORMAT)
        rows.add([status, n, share])
    rows.add([rows.cell(v, bold) for v in ("Total", count)])
    rows.add(height=10)


def _page_setup(sheet: Any) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
