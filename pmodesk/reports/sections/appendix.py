"""Appendix: the RAG scale, risk bands, earned value, the scoring model, the gate rules in force and
how template compliance is scored."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Paragraph

from pmodesk.domain.enums import Rag
from pmodesk.domain.rules import HIGH_RISK_SCORE, MEDIUM_RISK_SCORE
from pmodesk.reports.fonts import markup
from pmodesk.reports.sections.common import Story, rag_commands
from pmodesk.reports.sections.compliance import definition
from pmodesk.reports.settings import Section
from pmodesk.reports.styles import para, styles
from pmodesk.reports.tables import data_table

RAG_SCALE: tuple[tuple[Rag | None, str, str], ...] = (
    (
        Rag.GREEN,
        "Green",
        "On track: delivering to the agreed plan, cost and scope; no help needed.",
    ),
    (
        Rag.AMBER,
        "Amber",
        "At risk: a problem the project team is handling, with a recovery plan; the board is told.",
    ),
    (
        Rag.RED,
        "Red",
        "Off track: tolerance is exceeded or will be without a decision or help from the board.",
    ),
    (None, "Not assessed", "No RAG recorded for the period (shown as –)."),
)

EVM_TERMS = (
    ("Planned value (PV)", "Budget × the share of the plan due by the report date, straight line."),
    ("Earned value (EV)", "Budget × percent complete."),
    ("CPI", "EV ÷ actual cost. Below 1.0: each unit of money buys less than planned."),
    ("SPI", "EV ÷ PV. Below 1.0: behind the plan."),
    ("Slip", "Forecast finish against planned (baseline) finish, in days; + is late."),
)


def appendix_section(story: Story) -> None:
    data = story.data
    story.add(story.heading(Section.APPENDIX.heading, 0, "h1"))
    story.add(story.heading("The RAG scale", 1))
    rows: list[list[Any]] = [["", "Status", "Meaning"]]
    for rag, name, meaning in RAG_SCALE:
        rows.append([rag.letter if rag else "–", name, para(meaning)])
    commands = rag_commands([(rag, 0, n) for n, (rag, _n, _m) in enumerate(RAG_SCALE, start=1)])
    story.add(data_table(rows, [22, 80, story.width - 102], commands=commands))
    story.note(
        "The overall RAG is the worst of the dimensions assessed (schedule, cost, scope, "
        "resources). A trend compares the period's report with the previous period's."
    )
    story.add(story.heading("Risk scores and earned value", 1))
    rows = [["Term", "Definition"]]
    rows += [
        [
            "Risk score",
            para(
                f"Probability × impact, each 1–5. High {HIGH_RISK_SCORE}–25 (R), medium {MEDIUM_RISK_SCORE}–{HIGH_RISK_SCORE - 1} (A), low 1–{MEDIUM_RISK_SCORE - 1} (G)."
            ),
        ],
        *([term, para(text)] for term, text in EVM_TERMS),
    ]
    story.add(data_table(rows, [120, story.width - 120]))
    appendix = data.appendix
    if appendix is None:
        return
    story.add(story.heading("The scoring model", 1))
    if appendix.criteria:
        rows = [["Criterion", "Weight", "Share", "Scale", "Direction", "Objective"]]
        for c in appendix.criteria:
            rows.append(
                [
                    para(c.name),
                    f"{c.weight:g}",
                    f"{c.share:.0%}",
                    c.scale,
                    c.better,
                    c.objective or "–",
                ]
            )
        story.add(
            data_table(
                rows,
                [story.width - 330, 50, 50, 50, 100, 80],
                commands=[("ALIGN", (1, 1), (2, -1), "RIGHT")],
            )
        )
        story.note(
            "A project's priority score (0–100) is the weighted average of its scores, each put on "
            "0–1 along its scale and turned round where lower is better. An unscored criterion "
            "counts as the worst end of its scale."
        )
    else:
        story.note("The workspace has no scoring criteria yet.")
    story.add(story.heading("Stage gates in force", 1))
    story.add(Paragraph(markup(appendix.gate_mode_text), styles()["body"]))
    story.gap(4)
    rows = [["Stage", "Exit gate checklist (* required)"]]
    for stage in appendix.stages:
        items = "<br/>".join(
            f"{'* ' if required else '  '}{markup(text)}" for text, required in stage.items
        )
        rows.append(
            [
                para(stage.name, "cell_bold"),
                Paragraph(items or "No checklist: the stage has no exit gate.", styles()["cell"]),
            ]
        )
    story.add(data_table(rows, [100, story.width - 100]))
    story.add(story.heading("Template compliance", 1))
    story.add(definition(appendix.compliance_threshold, appendix.draft_credit))
