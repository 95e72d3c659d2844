"""The portfolio dashboard: every project's RAG, exceptions first, and the portfolio's charts."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from reportlab.platypus import PageBreak

from pmodesk.domain.enums import Rag
from pmodesk.reports.charts import budget_chart, cpi_spi_chart, rag_trend_chart
from pmodesk.reports.data.model import ProjectLine
from pmodesk.reports.data.portfolio import NO_PROGRAMME
from pmodesk.reports.fonts import TABLE_BOLD, markup
from pmodesk.reports.formatting import day, days, money
from pmodesk.reports.sections.common import Story, rag_chip, rag_commands
from pmodesk.reports.settings import Section
from pmodesk.reports.styles import GROUP_FILL, RAG_FILL, cell, para, rich, small_cells
from pmodesk.reports.tables import PackTable, data_table

HEADER = [
    "Project",
    "Stage",
    "RAG",
    "Sch",
    "Cost",
    "Scp",
    "Res",
    "Trend",
    "Finish",
    "Slip",
    "Budget",
    "Forecast",
]


def _widths(total: float) -> list[float]:
    fixed: list[float] = [0, 50, 23, 23, 23, 23, 23, 36, 52, 32, 40, 44]
    fixed[0] = total - sum(fixed)
    return fixed


def _trend(line: ProjectLine) -> str:
    if line.previous_rag is None or line.rag is None:
        return (
            "new" if line.rag is not None and line.reported and line.previous_rag is None else "–"
        )
    return {1: "▲ up", -1: "▼ down", 0: "="}[line.trend]


def rag_table(story: Story, lines: list[ProjectLine]) -> PackTable:
    """One row per project, grouped by programme, exceptions first within each group."""
    heads = {2: "cell_head_centre", 3: "cell_head_centre", 4: "cell_head_centre"}
    heads |= {5: "cell_head_centre", 6: "cell_head_centre", 9: "cell_head_right"}
    heads |= {10: "cell_head_right", 11: "cell_head_right"}
    rows: list[list[Any]] = [[para(h, heads.get(n, "cell_head")) for n, h in enumerate(HEADER)]]
    widths = _widths(story.width)
    commands: list[tuple[Any, ...]] = [
        *small_cells(1),
        ("ALIGN", (2, 1), (6, -1), "CENTER"),
        ("ALIGN", (9, 1), (-1, -1), "RIGHT"),
        ("LEFTPADDING", (2, 0), (-1, -1), 1),
        ("RIGHTPADDING", (2, 0), (6, -1), 1),
        ("RIGHTPADDING", (7, 0), (-1, -1), 3),
    ]
    chips: list[tuple[Rag | None, int, int]] = []
    for (code, name), group in groupby(
        lines, key=lambda line: (line.programme_code, line.programme_name)
    ):
        members = list(group)
        title = f"{code} · {name}" if code else NO_PROGRAMME
        rows.append(
            [rich(f"<b>{markup(title)}</b>  ({len(members)})", "cell"), *[""] * (len(HEADER) - 1)]
        )
        r = len(rows) - 1
        commands += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), GROUP_FILL)]
        for line in members:
            r = len(rows)
            dims = [d.current for d in line.dimensions]
            rows.append(
                [
                    rich(f"<b>{markup(line.code)}</b> {markup(line.name)}", "cell"),
                    cell(line.stage_name or "–", widths[1], "cell_small"),
                    *(rag_chip(d) for d in dims),
                    _trend(line),
                    day(line.forecast_finish),
                    days(line.slip_days),
                    money(line.budget),
                    money(line.forecast_cost),
                ]
            )
            chips += [(d, 2 + n, r) for n, d in enumerate(dims)]
            if line.trend < 0:
                commands.append(("TEXTCOLOR", (7, r), (7, r), RAG_FILL[Rag.RED]))
                commands.append(("FONTNAME", (7, r), (7, r), TABLE_BOLD))
            over = line.budget and line.forecast_cost and line.forecast_cost > line.budget * 1.0001
            if over:
                commands.append(("TEXTCOLOR", (11, r), (11, r), RAG_FILL[Rag.RED]))
                commands.append(("FONTNAME", (11, r), (11, r), TABLE_BOLD))
    commands += rag_commands(chips)
    commands.append(("LINEBELOW", (2, 1), (6, -1), 0.6, "#FFFFFF"))
    return data_table(rows, widths, commands=commands, zebra=False)


def dashboard_section(story: Story) -> None:
    data = story.data
    story.add(story.heading(Section.DASHBOARD.heading, 0, "h1"))
    story.add(story.heading("RAG of every project", 1))
    story.note(
        "Grouped by programme; within each, exceptions first: red, then worsening or past a gate "
        "date, then amber, not assessed and green. RAG is overall, schedule, cost, scope and "
        f"resources for {data.period_label}; trend against {data.previous_label}. Slip is the "
        "forecast finish against the planned finish. Red figures: worse or over budget."
    )
    story.add(rag_table(story, data.lines))
    story.add(PageBreak())
    story.add(story.heading("RAG trend and earned value", 1))
    half = (story.width - 16) / 2
    evm_count = sum(1 for line in data.lines if line.evm and line.evm.cpi and line.evm.spi)
    left = rag_trend_chart(data.trend, half)
    right = cpi_spi_chart(data.lines, half, left.height)
    pair = PackTable(
        [
            [
                para(f"Overall RAG reported, last {len(data.trend)} periods", "cell_bold"),
                para(
                    f"CPI against SPI ({evm_count} projects with earned-value figures)", "cell_bold"
                ),
            ],
            [left, right],
        ],
        colWidths=[half + 16, half],
        hAlign="LEFT",
    )
    pair.setStyle(
        [
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
    story.add(pair)
    story.note(
        "CPI = earned value ÷ actual cost; SPI = earned value ÷ planned value, with the plan "
        "spread evenly between planned start and finish. Below 1.0 is over budget or behind; "
        "projects below 0.95 on either are named. Dots are coloured by overall RAG."
    )
    story.add(story.heading("Budget against actual by programme", 1))
    if data.programme_money:
        story.add(budget_chart(data.programme_money, story.width, data.currency))
    else:
        story.note("No programme has a budget recorded.")
    story.add(PageBreak())
