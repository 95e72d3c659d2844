"""The executive summary: the portfolio in numbers, and who needs the board's attention first."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import PageBreak, Paragraph

from pmodesk.domain.enums import Rag
from pmodesk.reports.data.model import Summary
from pmodesk.reports.data.portfolio import RAG_ORDER
from pmodesk.reports.fonts import markup
from pmodesk.reports.formatting import change, money, plural
from pmodesk.reports.sections.common import Story, project_title, rag_chip, rag_commands
from pmodesk.reports.sections.compliance import portfolio_line
from pmodesk.reports.settings import Section
from pmodesk.reports.styles import ACCENT_LIGHT, RAG_FILL, para, styles
from pmodesk.reports.tables import PackTable, data_table

RAG_NAMES = {Rag.RED: "Red", Rag.AMBER: "Amber", Rag.GREEN: "Green", None: "Not assessed"}


def _tiles(story: Story, s: Summary) -> PackTable:
    counts = {c.rag: c for c in s.by_rag}
    previous = story.data.previous_short
    tiles: list[tuple[str, str, Rag | None]] = [
        (str(s.in_scope), f"projects, {s.reported} reported", None),
    ]
    for rag in (Rag.RED, Rag.AMBER, Rag.GREEN):
        c = counts[rag]
        tiles.append(
            (
                f"{rag.letter} {c.now}",
                f"{rag.label.lower()}, {change(c.now, c.before)} on {previous}",
                rag,
            )
        )
    overdue = f", {s.overdue_decisions} overdue" if s.overdue_decisions else ""
    tiles.append((str(s.pending_decisions), f"decisions pending{overdue}", None))
    cells = [[para(value, "tile_value"), para(text, "tile_label")] for value, text, _rag in tiles]
    table = PackTable([cells], colWidths=[story.width / len(cells)] * len(cells), hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
        ("LINEBEFORE", (1, 0), (-1, -1), 2, "#FFFFFF"),
        ("TOPPADDING", (0, 0), (-1, -1), 7),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    for n, (_v, _t, tile_rag) in enumerate(tiles):
        if tile_rag is not None:
            commands.append(("LINEABOVE", (n, 0), (n, 0), 4, RAG_FILL[tile_rag]))
    table.setStyle(commands)
    return table


def _by_stage(story: Story, s: Summary, width: float) -> PackTable:
    rows: list[list[Any]] = [["Stage", "R", "A", "G", "–", "Total"]]
    for stage in s.by_stage:
        rows.append([para(stage.stage), *(stage.by_rag[r] or "" for r in RAG_ORDER), stage.total])
    rows.append(
        ["Total", *(sum(st.by_rag[r] for st in s.by_stage) or "" for r in RAG_ORDER), s.in_scope]
    )
    rest = (width - 90) / 5
    commands = rag_commands([(r, n + 1, 0) for n, r in enumerate(RAG_ORDER)])
    commands += [
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("FONTNAME", (0, -1), (-1, -1), "PackTable-Bold"),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, "#1D2433"),
    ]
    return data_table(rows, [90] + [rest] * 5, commands=commands)


def _by_rag_and_state(story: Story, s: Summary, width: float) -> PackTable:
    rows: list[list[Any]] = [["RAG", story.data.previous_short, story.data.period_short, "Change"]]
    for c in s.by_rag:
        rows.append(
            [f"{rag_chip(c.rag)}  {RAG_NAMES[c.rag]}", c.before, c.now, change(c.now, c.before)]
        )
    rows.append(["State", "", "Projects", ""])
    header_row = len(rows) - 1
    for label, count in s.by_state:
        rows.append([label, "", count, ""])
    rest = (width - 86) / 3
    commands = rag_commands([(c.rag, 0, n) for n, c in enumerate(s.by_rag, start=1)])
    commands += [
        ("ALIGN", (0, 1), (0, -1), "LEFT"),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("BACKGROUND", (0, header_row), (-1, header_row), "#E4EAF2"),
        ("FONTNAME", (0, header_row), (-1, header_row), "PackTable-Bold"),
        ("LINEBELOW", (0, header_row), (-1, header_row), 0.8, "#1F4E79"),
    ]
    return data_table(rows, [86, rest, rest, rest], commands=commands, zebra=False)


def _money_line(story: Story, s: Summary) -> Paragraph:
    currency = story.data.currency
    spent = f" ({s.actual / s.budget:.0%} of budget)" if s.budget else ""
    over = ""
    if s.budget:
        delta = s.forecast / s.budget - 1
        over = (
            f", {abs(delta):.0%} {'over' if delta > 0 else 'under'} budget"
            if abs(delta) >= 0.005
            else ", on budget"
        )
    text = (
        f"<b>Money ({markup(currency)}).</b> Budget {money(s.budget)}; actual to date "
        f"{money(s.actual)}{spent}; forecast at completion {money(s.forecast)}{over}."
    )
    return Paragraph(text, styles()["body"])


def _attention(story: Story, s: Summary) -> None:
    if not s.attention:
        story.note("No project is red, worsening, past a gate date or waiting for a decision.")
        return
    rows: list[list[Any]] = [["", "Project", "Why it needs attention"]]
    for line in s.attention:
        rows.append(
            [
                rag_chip(line.rag),
                para(project_title(line.code, line.name), "cell_bold"),
                para("; ".join(line.reasons) or "–"),
            ]
        )
    width = story.width
    commands = rag_commands([(line.rag, 0, n) for n, line in enumerate(s.attention, start=1)])
    story.add(data_table(rows, [20, width * 0.42, width * 0.58 - 20], commands=commands))
    if len(story.data.lines) > len(s.attention):
        story.note("Every project is listed, exceptions first, in the portfolio dashboard.")


def summary_section(story: Story) -> None:
    data = story.data
    s = data.summary
    if s is None:
        return
    story.add(story.heading(Section.SUMMARY.heading, 0, "h1"))
    intro = (
        f"This pack covers {plural(s.in_scope, 'project')} ({markup(data.scope_label)}) for "
        f"{markup(data.period_label)}. {plural(s.reported, 'project')} reported for the period; "
        f"changes are against {markup(data.previous_label)}."
    )
    story.add(Paragraph(intro, styles()["body"]))
    for text in data.notes:
        story.note(text)
    story.gap(6)
    story.add(_tiles(story, s))
    story.gap(8)
    story.add(_money_line(story, s))
    if data.compliance is not None:
        story.gap(3)
        story.add(portfolio_line(data.compliance))
    story.add(story.heading("Projects by stage, RAG and state", 1))
    half = (story.width - 14) / 2
    pair = PackTable(
        [[_by_stage(story, s, half), _by_rag_and_state(story, s, half)]],
        colWidths=[half + 14, half],
        hAlign="LEFT",
    )
    pair.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    story.add(pair)
    story.add(story.heading("Needs the board's attention first", 1))
    _attention(story, s)
    story.add(PageBreak())
