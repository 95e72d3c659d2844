"""The cover page: organisation, title, period, scope, date and classification."""

from __future__ import annotations

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import HRFlowable, PageBreak, Paragraph, Spacer

from pmodesk.domain.enums import Rag
from pmodesk.reports.document import CoverPage
from pmodesk.reports.fonts import SANS, SANS_BOLD, markup
from pmodesk.reports.formatting import plural
from pmodesk.reports.sections.common import Story
from pmodesk.reports.styles import ACCENT, ACCENT_LIGHT, INK, MUTED, RAG_FILL
from pmodesk.reports.tables import PackTable


def _style(
    name: str, size: float, *, bold: bool = False, colour: object = INK, **kw: object
) -> ParagraphStyle:
    params: dict[str, object] = {"leading": size * 1.25, "alignment": TA_LEFT, **kw}
    return ParagraphStyle(
        name, fontName=SANS_BOLD if bold else SANS, fontSize=size, textColor=colour, **params
    )


def cover(story: Story) -> None:
    data = story.data
    pack = data.settings
    story.add(CoverPage())
    classification = pack.classification.upper()
    band = PackTable(
        [
            [
                Paragraph(
                    markup(classification),
                    _style("cls", 9, bold=True, colour=ACCENT, alignment=TA_RIGHT),
                )
            ]
        ],
        colWidths=[story.width],
    )
    band.setStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
    story.add(band, Spacer(1, story.layout.frame_height * 0.16))
    if data.organisation:
        story.add(
            Paragraph(markup(data.organisation), _style("org", 13, colour=MUTED, spaceAfter=10))
        )
    story.add(
        HRFlowable(
            width="22%", thickness=3, color=ACCENT, hAlign="LEFT", spaceBefore=0, spaceAfter=14
        ),
        Paragraph(markup(pack.title), _style("title", 28, bold=True, colour=ACCENT, spaceAfter=14)),
        Paragraph(
            markup(f"Reporting period: {data.period_label}"), _style("period", 15, spaceAfter=6)
        ),
        Paragraph(markup(data.scope_label), _style("scope", 11, colour=MUTED, spaceAfter=4)),
        Paragraph(markup(data.date_line), _style("date", 11, colour=MUTED, spaceAfter=26)),
    )
    if data.summary is not None:
        s = data.summary
        red = next((c.now for c in s.by_rag if c.rag is Rag.RED), 0)
        facts = [
            (plural(s.in_scope, "project"), "in this pack"),
            (str(red), "red"),
            (str(s.pending_decisions), "decisions pending"),
        ]
        cells = [
            Paragraph(
                f'<font size="20" name="{SANS_BOLD}">{markup(value)}</font><br/>'
                f'<font size="8" color="#5B6475">{markup(text)}</font>',
                _style("fact", 20, leading=22),
            )
            for value, text in facts
        ]
        tiles = PackTable([cells], colWidths=[story.width / 3] * 3, hAlign="LEFT")
        tiles.setStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
                ("LINEBEFORE", (1, 0), (-1, -1), 2, "#FFFFFF"),
                ("LINEBELOW", (1, 0), (1, 0), 3, RAG_FILL[Rag.RED]),
                ("TOPPADDING", (0, 0), (-1, -1), 10),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
                ("LEFTPADDING", (0, 0), (-1, -1), 12),
            ]
        )
        story.add(tiles)
    story.add(Spacer(1, 30))
    who = f"Prepared by the {data.organisation} PMO" if data.organisation else "Prepared by the PMO"
    story.add(
        Paragraph(
            markup(
                f"{who} with pmodesk. RAG is shown by colour and letter: R red, A amber, G green, – not assessed."
            ),
            _style("who", 8, colour=MUTED),
        ),
        PageBreak(),
    )
