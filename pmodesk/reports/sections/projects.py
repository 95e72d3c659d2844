"""One page per project (two when it needs them): facts, status, RAG, milestones, RAID, money,
and compliance (the template's score and the current gate's checklist)."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak

from pmodesk.domain.enums import Rag
from pmodesk.reports.data.model import ProjectDetail
from pmodesk.reports.data.portfolio import NO_PROGRAMME
from pmodesk.reports.fonts import TABLE_BOLD, markup, text_width
from pmodesk.reports.formatting import (
    DASH,
    day,
    days,
    index,
    money,
    percent,
    trend_word,
)
from pmodesk.reports.sections.common import Story, labelled, project_title, rag_chip, rag_commands
from pmodesk.reports.sections.compliance import compliance_block
from pmodesk.reports.settings import Section
from pmodesk.reports.styles import (
    INK,
    NONE_FILL,
    RAG_FILL,
    RAG_INK,
    TextLine,
    cell,
    rich,
    small_cells,
)
from pmodesk.reports.tables import PackTable, data_table

#: Longest status text printed per field; the rest is in the workspace.
MAX_TEXT = 900


def clip(text: str, limit: int = MAX_TEXT) -> str:
    value = text.strip()
    return (
        value if len(value) <= limit else value[:limit].rstrip() + "… (continues in the workspace)"
    )


def short_code(code: str, project_code: str) -> str:
    """``PRJ-004-R03`` as ``R03`` on PRJ-004's own page (the page says whose it is)."""
    prefix = f"{project_code}-"
    return code[len(prefix) :] if code.startswith(prefix) and len(code) > len(prefix) else code


def _head(story: Story, p: ProjectDetail) -> PackTable:
    line = p.line
    rag = line.rag
    chip = f"{rag.letter}  {rag.label}" if rag else "–  Not assessed"
    trend = trend_word(line.trend, line.previous_rag, rag)
    title = rich(markup(project_title(line.code, line.name)), "project")
    ink = RAG_INK[rag] if rag else INK
    table = PackTable([[title, f"{chip}\n{trend}"]], colWidths=[story.width - 86, 86])
    fill = RAG_FILL[rag] if rag else NONE_FILL
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (1, 0), (1, 0), "CENTER"),
            ("FONTNAME", (1, 0), (1, 0), TABLE_BOLD),
            ("FONTSIZE", (1, 0), (1, 0), 8),
            ("LEADING", (1, 0), (1, 0), 10),
            ("TEXTCOLOR", (1, 0), (1, 0), ink),
            ("LEFTPADDING", (0, 0), (0, 0), 0),
            ("BACKGROUND", (1, 0), (1, 0), fill),
            ("LINEBELOW", (0, 0), (0, 0), 1.2, "#1F4E79"),
        ]
    )
    return table


def _facts(story: Story, p: ProjectDetail) -> PackTable:
    line = p.line
    programme = (
        project_title(line.programme_code, line.programme_name)
        if line.programme_code
        else NO_PROGRAMME
    )
    portfolio = (
        project_title(line.portfolio_code, line.portfolio_name) if line.portfolio_code else DASH
    )
    plan = (
        f"{day(p.planned_start)} to {day(line.planned_finish)}"
        if p.planned_start or line.planned_finish
        else DASH
    )
    forecast = day(line.forecast_finish) + (f" ({days(line.slip_days)})" if line.slip_days else "")
    pairs = [
        ("Programme", programme),
        ("Portfolio", portfolio),
        ("Stage", f"{line.stage_name or DASH} · {line.state.label}"),
        ("Manager", line.manager or DASH),
        ("Sponsor", line.sponsor or DASH),
        ("Department", p.department or DASH),
        ("Planned", plan),
        ("Forecast finish", forecast),
        ("Complete", percent(line.percent_complete)),
        ("Priority score", DASH if p.priority_score is None else f"{p.priority_score:.1f}"),
    ]
    return labelled(pairs, story.width, columns=2)


def _rag_and_money(story: Story, p: ProjectDetail) -> PackTable:
    line = p.line
    data = story.data
    half = (story.width - 14) / 2
    rows: list[list[Any]] = [["Dimension", data.previous_short, data.period_short, "Trend"]]
    chips = []
    for n, d in enumerate(line.dimensions, start=1):
        rows.append(
            [
                d.dimension.capitalize(),
                rag_chip(d.previous),
                rag_chip(d.current),
                trend_word(d.trend, d.previous, d.current),
            ]
        )
        chips += [(d.previous, 1, n), (d.current, 2, n)]
    rag_table = data_table(
        rows,
        [half * 0.34, half * 0.2, half * 0.2, half * 0.26],
        commands=rag_commands(chips),
        zebra=False,
    )
    evm = line.evm
    variance = (
        None
        if line.budget is None or line.forecast_cost is None
        else line.budget - line.forecast_cost
    )
    money_rows: list[list[Any]] = [
        [f"Money ({data.currency})", ""],
        ["Budget", money(line.budget)],
        ["Actual to date", money(line.actual_cost)],
        ["Forecast at completion", money(line.forecast_cost)],
        ["Budget less forecast", money(variance)],
        [
            "Planned / earned value",
            f"{money(evm.planned_value if evm else None)} / {money(evm.earned_value if evm else None)}",
        ],
        ["CPI / SPI", f"{index(evm.cpi if evm else None)} / {index(evm.spi if evm else None)}"],
    ]
    commands: list[tuple[Any, ...]] = [
        ("ALIGN", (1, 1), (1, -1), "RIGHT"),
        ("SPAN", (0, 0), (1, 0)),
    ]
    if variance is not None and variance < 0:
        commands.append(("TEXTCOLOR", (1, 4), (1, 4), RAG_FILL[Rag.RED]))
    money_table = data_table(money_rows, [half * 0.6, half * 0.4], commands=commands, zebra=False)
    pair = PackTable([[rag_table, money_table]], colWidths=[half + 14, half], hAlign="LEFT")
    pair.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    return pair


def _status(story: Story, p: ProjectDetail) -> list[Any]:
    data = story.data
    by = ""
    if p.status is not None and p.status.submitted_by:
        when = f" on {day(p.status.submitted_on)}" if p.status.submitted_on else ""
        by = f"reported by {p.status.submitted_by}{when}"
    found: list[Any] = [TextLine(f"Status for {data.period_label}", suffix=by)]
    if p.status is None:
        found.append(TextLine(f"No status report for {data.period_label}.", "note"))
        return found
    rows = []
    for label, text in (
        ("Summary", p.status.summary),
        ("Achievements", p.status.achievements),
        ("Next steps", p.status.next_steps),
    ):
        if text.strip():
            rows.append([label, cell(clip(text), story.width - 78)])
    if not rows:
        rows.append(["Summary", "The report has no commentary."])
    table = data_table(
        rows, [78, story.width - 78], header_rows=0, zebra=False, commands=small_cells(0, 0)
    )
    found.append(table)
    return found


def _milestones(story: Story, p: ProjectDetail) -> list[Any]:
    found: list[Any] = [TextLine("Milestones: baseline against forecast")]
    if not p.milestones:
        return [*found, TextLine("No milestones recorded.", "note")]
    rows: list[list[Any]] = [["Milestone", "Baseline", "Forecast", "Actual", "Variance", "Status"]]
    commands: list[tuple[Any, ...]] = [("ALIGN", (4, 1), (4, -1), "RIGHT")]
    w = story.width
    widths = [w - 320, 62, 62, 62, 52, 82]
    for n, m in enumerate(p.milestones, start=1):
        status = (
            "Done" if m.actual else f"Overdue {m.overdue_days} d" if m.overdue_days else "Planned"
        )
        gate = m.is_gate and not m.name.casefold().startswith("gate")
        name = f"{m.name} (gate)" if gate else m.name
        rows.append(
            [
                cell(name, widths[0]),
                day(m.baseline),
                day(m.forecast),
                day(m.actual),
                days(m.variance_days),
                status,
            ]
        )
        if m.overdue_days:
            commands += [
                ("TEXTCOLOR", (5, n), (5, n), RAG_FILL[Rag.RED]),
                ("FONTNAME", (5, n), (5, n), "PackTable-Bold"),
            ]
    found.append(data_table(rows, widths, commands=commands))
    if p.milestones_more:
        found.append(TextLine(f"And {p.milestones_more} more milestones in the workspace.", "note"))
    return found


def _raid(story: Story, p: ProjectDetail) -> list[Any]:
    found: list[Any] = [TextLine("Top risks and open issues")]
    items = [*p.risks, *p.issues]
    if not items:
        return [*found, TextLine("No open risks or issues.", "note")]
    rows: list[list[Any]] = [["", "Risk or issue", "Score / due", "Owner", "Response"]]
    w = story.width
    widths = [54, (w - 186) * 0.56, 60, 72, (w - 186) * 0.44]
    for item in items:
        kind = ("Risk " if item.kind == "risk" else "Issue ") + short_code(item.code, p.line.code)
        figure = (
            f"{item.score} (P{item.probability}×I{item.impact})"
            if item.kind == "risk" and item.score
            else day(item.due_date)
        )
        rows.append(
            [
                kind,
                cell(item.title, widths[1]),
                figure,
                cell(item.owner or DASH, widths[3], "cell_small"),
                cell(item.response or DASH, widths[4], "cell_small"),
            ]
        )
    commands = [("FONTNAME", (0, 1), (0, -1), TABLE_BOLD), *small_cells(3, last_col=4)]
    found.append(data_table(rows, widths, commands=commands))
    return found


def _decisions(story: Story, p: ProjectDetail) -> list[Any]:
    if not p.decisions:
        return []
    found: list[Any] = [TextLine("Decisions")]
    rows: list[list[Any]] = [
        ["", "Decision", "Status", "Due / decided", "Recommendation or outcome"]
    ]
    w = story.width
    widths = [50, (w - 180) * 0.55, 52, 78, (w - 180) * 0.45]
    for d in p.decisions:
        when = day(d.decided_on) if d.decided_on else day(d.due_date)
        detail = d.outcome if d.status != "pending" and d.outcome else d.recommendation
        rows.append(
            [
                short_code(d.code, p.line.code),
                cell(d.title, widths[1]),
                d.status.capitalize(),
                when,
                cell(detail or DASH, widths[4], "cell_small"),
            ]
        )
    commands = [("FONTNAME", (0, 1), (0, -1), TABLE_BOLD), *small_cells(4)]
    found.append(data_table(rows, widths, commands=commands))
    return found


def project_page(story: Story, p: ProjectDetail) -> None:
    story.add(story.anchor(project_title(p.line.code, p.line.name), 2))
    story.add(_head(story, p))
    story.gap(6)
    if p.line.reasons:
        reasons = "; ".join(p.line.reasons)
        if text_width(f"Attention:  {reasons}", TABLE_BOLD, 8) < story.width:
            story.add(TextLine("Attention:", "cell_bold", suffix=reasons, suffix_style="cell"))
        else:
            story.add(rich("<b>Attention:</b> " + markup(reasons), "cell"))
        story.gap(4)
    story.add(_facts(story, p))
    story.gap(8)
    story.add(_rag_and_money(story, p))
    story.add(*_status(story, p))
    for block in (
        _milestones(story, p),
        _raid(story, p),
        _decisions(story, p),
        compliance_block(story, p),
    ):
        if block:
            story.add(CondPageBreak(60), KeepTogether(block[:2]), *block[2:])
    story.add(PageBreak())


def projects_section(story: Story) -> None:
    """A page per project, grouped by programme with exceptions first (as in the dashboard).

    The section has no heading of its own (the running header names it): every
    project page starts at the top, so that one fits on one page.
    """
    data = story.data
    story.add(story.anchor(Section.PROJECTS.heading, 0))
    for (code, name), group in groupby(
        data.projects, key=lambda d: (d.line.programme_code, d.line.programme_name)
    ):
        story.add(story.anchor(f"{code} · {name}" if code else NO_PROGRAMME, 1))
        for detail in group:
            project_page(story, detail)
