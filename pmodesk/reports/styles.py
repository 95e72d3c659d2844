"""The pack's look: colours, paragraph styles, table styles and the RAG chip.

RAG is always shown by colour *and* letter (R, A, G, and "–" when not
assessed), so that the pack reads the same printed in black and white. The
palette keeps text dark on light fills, except the RAG chips, whose letters
are white on red and green and black on amber.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, TableStyle

from pmodesk.domain.enums import Rag
from pmodesk.reports.fonts import (
    SANS,
    SANS_BOLD,
    TABLE,
    TABLE_BOLD,
    clean,
    draw_text,
    fit_text,
    markup,
    register_fonts,
    single_font,
)

INK = colors.HexColor("#1D2433")
MUTED = colors.HexColor("#5B6475")
ACCENT = colors.HexColor("#1F4E79")
ACCENT_LIGHT = colors.HexColor("#DCE6F1")
RULE = colors.HexColor("#C3CBD6")
HEADER_FILL = colors.HexColor("#E4EAF2")
GROUP_FILL = colors.HexColor("#F0F3F7")
ZEBRA = colors.HexColor("#F8FAFC")
WHITE = colors.white

RAG_FILL = {
    Rag.RED: colors.HexColor("#C62828"),
    Rag.AMBER: colors.HexColor("#F2A900"),
    Rag.GREEN: colors.HexColor("#2E7D32"),
}
RAG_INK = {Rag.RED: colors.white, Rag.AMBER: colors.black, Rag.GREEN: colors.white}
NONE_FILL = colors.HexColor("#E0E0E0")
#: Light tints for whole rows or cells where the full colour would be too loud.
RAG_TINT = {
    Rag.RED: colors.HexColor("#F8D7D7"),
    Rag.AMBER: colors.HexColor("#FCEBC2"),
    Rag.GREEN: colors.HexColor("#D7EED8"),
}
#: The heatmap's shades: over-allocated, under-used, no capacity.
HEAT_FILL = {
    "over": colors.HexColor("#B71C1C"),
    "under": colors.HexColor("#EEF3F8"),
    "none": colors.HexColor("#F2F2F2"),
    "": colors.HexColor("#D9EAD3"),
}
HEAT_INK = {"over": colors.white, "under": MUTED, "none": MUTED, "": INK}

BODY_SIZE = 9.5
CELL_SIZE = 8
SMALL_SIZE = 7.5


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles, by name (fonts registered on first use)."""
    register_fonts()
    base = ParagraphStyle(
        "body", fontName=SANS, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.35, textColor=INK
    )
    cell = ParagraphStyle(
        "cell", parent=base, fontName=TABLE, fontSize=CELL_SIZE, leading=CELL_SIZE * 1.22
    )
    return {
        "body": base,
        "small": ParagraphStyle(
            "small", parent=base, fontSize=SMALL_SIZE, leading=SMALL_SIZE * 1.3, textColor=MUTED
        ),
        "note": ParagraphStyle(
            "note",
            parent=base,
            fontSize=8,
            leading=10.5,
            textColor=MUTED,
            spaceBefore=2,
            spaceAfter=6,
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=SANS_BOLD,
            fontSize=17,
            leading=21,
            textColor=ACCENT,
            spaceAfter=8,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=SANS_BOLD,
            fontSize=11.5,
            leading=15,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=5,
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=base,
            fontName=SANS_BOLD,
            fontSize=9.5,
            leading=12.5,
            textColor=INK,
            spaceBefore=5,
            spaceAfter=2,
        ),
        "project": ParagraphStyle(
            "project", parent=base, fontName=SANS_BOLD, fontSize=14, leading=17.5, textColor=ACCENT
        ),
        "cell": cell,
        "cell_bold": ParagraphStyle("cell_bold", parent=cell, fontName=TABLE_BOLD),
        "cell_alert": ParagraphStyle(
            "cell_alert", parent=cell, fontName=TABLE_BOLD, textColor=RAG_FILL[Rag.RED]
        ),
        "cell_right": ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        "cell_centre": ParagraphStyle("cell_centre", parent=cell, alignment=TA_CENTER),
        "cell_head": ParagraphStyle(
            "cell_head", parent=cell, fontName=TABLE_BOLD, textColor=INK, alignment=TA_LEFT
        ),
        "cell_head_right": ParagraphStyle(
            "cell_head_right", parent=cell, fontName=TABLE_BOLD, alignment=TA_RIGHT
        ),
        "cell_head_centre": ParagraphStyle(
            "cell_head_centre", parent=cell, fontName=TABLE_BOLD, alignment=TA_CENTER
        ),
        "grid_head": ParagraphStyle(
            "grid_head",
            parent=cell,
            fontName=TABLE_BOLD,
            fontSize=7,
            leading=8.4,
            alignment=TA_CENTER,
        ),
        "cell_small": ParagraphStyle(
            "cell_small", parent=cell, fontSize=7, leading=8.6, textColor=MUTED
        ),
        "tile_value": ParagraphStyle(
            "tile_value",
            parent=base,
            fontName=SANS_BOLD,
            fontSize=17,
            leading=20,
            alignment=TA_CENTER,
            textColor=INK,
        ),
        "tile_label": ParagraphStyle(
            "tile_label",
            parent=base,
            fontSize=7.5,
            leading=9.5,
            alignment=TA_CENTER,
            textColor=MUTED,
        ),
    }


def para(text: object, style: str = "cell", *, lines: bool = False) -> Paragraph:
    """A Paragraph of plain ``text`` (escaped, any script) in the named style."""
    return Paragraph(markup(text, lines=lines), styles()[style])


#: Left and right padding of a table cell (see :func:`table_style`).
CELL_PADDING = 8.0


def cell(text: object, width: float, style: str = "cell") -> str | Paragraph:
    """A table cell: the plain text when each of its lines fits, else a wrapping Paragraph.

    Plain strings cost reportlab far less than Paragraphs (no markup to parse,
    nothing to wrap), and most cells are short. The table must print that
    column in the style's font, size and colour (``cell`` is the default).
    """
    value = clean(text).strip("\n")
    chosen = styles()[style]
    room = width - CELL_PADDING
    if single_font(value) and all(
        stringWidth(line, chosen.fontName, chosen.fontSize) <= room for line in value.split("\n")
    ):
        return value
    return Paragraph(markup(value, lines=True), chosen)


def small_cells(
    col: int, first_row: int = 1, last_col: int | None = None
) -> list[tuple[object, ...]]:
    """Table commands printing plain strings of columns ``col``..``last_col`` like ``cell_small``."""
    end = col if last_col is None else last_col
    return [
        ("FONTSIZE", (col, first_row), (end, -1), 7),
        ("LEADING", (col, first_row), (end, -1), 8.6),
        ("TEXTCOLOR", (col, first_row), (end, -1), MUTED),
    ]


class TextLine(Flowable):  # type: ignore[misc]
    """One line of text in a paragraph style, cut to the width with an ellipsis if need be.

    Headings and notes that are a single line need none of a Paragraph's
    markup parsing and line breaking; on a 200-project pack this saves
    thousands of Paragraphs. Any script prints (see :func:`draw_text`).
    """

    def __init__(
        self, text: str, style: str = "h3", *, suffix: str = "", suffix_style: str = ""
    ) -> None:
        super().__init__()
        self.text = clean(text).replace("\n", " ")
        self.suffix = clean(suffix).replace("\n", " ")
        self.style = styles()[style]
        self.suffix_style = styles()[suffix_style] if suffix_style else None
        self.spaceBefore = self.style.spaceBefore
        self.spaceAfter = self.style.spaceAfter
        self.keepWithNext = style.startswith("h")
        self._width = 0.0

    def wrap(self, available_width: float, _available_height: float) -> tuple[float, float]:
        self._width = available_width
        return available_width, float(self.style.leading)

    def draw(self) -> None:
        style = self.style
        canvas = self.canv
        baseline = style.leading - style.fontSize * 1.05
        text = fit_text(self.text, style.fontName, style.fontSize, self._width)
        canvas.setFillColor(style.textColor)
        used = draw_text(canvas, 0, baseline, text, style.fontName, style.fontSize)
        if self.suffix:
            gap = 4.0 if self.suffix_style else 12.0
            font, size, colour = SANS, 8.0, MUTED
            if self.suffix_style is not None:
                font, size = self.suffix_style.fontName, self.suffix_style.fontSize
                colour = self.suffix_style.textColor
            room = self._width - used - gap
            if room > 30:
                canvas.setFillColor(colour)
                suffix = fit_text(self.suffix, font, size, room)
                draw_text(canvas, used + gap, baseline, suffix, font, size)


def rich(markup_text: str, style: str = "cell") -> Paragraph:
    """A Paragraph of ready markup (built with :func:`pmodesk.reports.fonts.markup`)."""
    return Paragraph(markup_text, styles()[style])


def rag_letter(rag: Rag | None) -> str:
    return rag.letter if rag is not None else "–"


def rag_cell_style(rag: Rag | None, col: int, row: int) -> list[tuple[object, ...]]:
    """Table commands that paint cell (col, row) as a RAG chip: fill, ink, bold, centred."""
    fill = RAG_FILL.get(rag, NONE_FILL) if rag is not None else NONE_FILL
    ink = RAG_INK.get(rag, MUTED) if rag is not None else MUTED
    return [
        ("BACKGROUND", (col, row), (col, row), fill),
        ("TEXTCOLOR", (col, row), (col, row), ink),
        ("FONTNAME", (col, row), (col, row), TABLE_BOLD),
        ("ALIGN", (col, row), (col, row), "CENTER"),
    ]


def table_style(
    *, header_rows: int = 1, zebra: bool = True, rows: int = 0, base: bool = True
) -> TableStyle:
    """The pack's table look: tinted header, hairline rules, light zebra rows.

    ``base`` adds the cell defaults (font, size, colour, padding) as commands;
    tables made by :func:`pmodesk.reports.tables.data_table` start from them
    already and leave them out.
    """
    commands: list[tuple[object, ...]] = []
    if base:
        commands += [
            ("FONTNAME", (0, 0), (-1, -1), TABLE),
            ("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE),
            ("LEADING", (0, 0), (-1, -1), CELL_SIZE * 1.22),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
    commands.append(("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE))
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
            ("FONTNAME", (0, 0), (-1, header_rows - 1), TABLE_BOLD),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "BOTTOM"),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, ACCENT),
        ]
    if zebra and rows:
        for row in range(header_rows + 1, rows, 2):
            commands.append(("BACKGROUND", (0, row), (-1, row), ZEBRA))
    return TableStyle(commands)
