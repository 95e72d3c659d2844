"""The look every pmodesk workbook shares: colours, fonts, number formats, the heatmap scale.

The colours are the app's (``pmodesk/gui/theme.py`` and
``pmodesk/gui/resources/scale.py``), copied as numbers so that writing a
workbook never loads Qt. A test keeps the copies equal to the originals.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

# ---------------------------------------------------------------- colours

ACCENT = "2F5FB3"
HEADER_FILL = "1F3A5F"
HEADER_TEXT = "FFFFFF"
MUTED_TEXT = "5F6B7A"
TITLE_TEXT = "17365F"
TILE_FILL = "EEF1F5"
RULE = "D9DEE5"
EDITABLE_FILL = "FFF8DC"  # cells a manager fills in (status requests)
LOCKED_FILL = "E6E9EE"

#: RAG fill and text colours, as the register and the board show them.
RAG_COLOURS: dict[str, tuple[str, str]] = {
    "green": ("2E9E5B", "FFFFFF"),
    "amber": ("F0A830", "1F1F1F"),
    "red": ("D64545", "FFFFFF"),
}
RAG_NONE = ("9AA3AD", "FFFFFF")

#: The heatmap's (fill, text) per band, in the order of ``gui/resources/scale.py``'s COLOURS.
BAND_COLOURS: tuple[tuple[str, str], ...] = (
    ("ECEFF1", "6B7B86"),  # 0 no capacity, nothing allocated
    ("6A1B9A", "FFFFFF"),  # 1 load on a person with no capacity
    ("E4D9F2", "3F2466"),  # 2 demand on an unnamed role
    ("F7F9FC", "5F6F7E"),  # 3 capacity, nothing allocated
    ("E3EEFA", "1F4E8C"),  # 4-6 under-used
    ("D0E2F5", "1F4E8C"),
    ("BCD5EF", "173D6E"),
    ("E3F3DC", "17401C"),  # 7-10 normal
    ("C9E8BD", "17401C"),
    ("A7D99A", "12361A"),
    ("7FC47A", "0D2A12"),
    ("FDD9A8", "4D2600"),  # 11-15 over-allocated
    ("FCB46A", "3D1C00"),
    ("F57E3A", "2B1000"),
    ("D9452B", "FFFFFF"),
    ("A31B1B", "FFFFFF"),
)
BAND_NO_CAPACITY = 0
BAND_LOAD_NO_CAPACITY = 1
BAND_IDLE = 3
BAND_UNDER = (4, 5, 6)
BAND_NORMAL = (7, 8, 9, 10)
BAND_OVER = (11, 12, 13, 14, 15)
#: Over-allocation bands by utilisation ÷ threshold: up to 1.1, 1.25, 1.5, 2, beyond.
OVER_STEPS = (1.1, 1.25, 1.5, 2.0)

# ---------------------------------------------------------------- number formats

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
WEEK_FORMAT = "d mmm"
PERCENT_FORMAT = "0%"
PERCENT_DECIMAL_FORMAT = "0.0%"
#: Shared with other workbooks (documents); the export's plain numbers keep Excel's General.
NUMBER_FORMAT = "#,##0.##"
INTEGER_FORMAT = "0"
#: Booleans read TRUE/FALSE in LibreOffice too (Excel shows them so whatever the format).
BOOL_FORMAT = '"TRUE";"TRUE";"FALSE"'

#: Excel's own currency formats for the common codes; any other code is shown as ``[$CODE]``.
_CURRENCY_SYMBOLS: dict[str, str] = {
    "EUR": "[$€-x-euro2] ",
    "GBP": "[$£-809]",
    "USD": "[$$-409]",
    "JPY": "[$¥-411]",
    "CNY": "[$¥-804]",
    "INR": "[$₹-4009]",
    "CHF": "[$CHF] ",
}


def money_format(currency: str, *, decimals: bool = True) -> str:
    """A currency number format for ``currency`` (``EUR`` -> ``[$€-x-euro2] #,##0.00``)."""
    code = (currency or "EUR").upper()
    prefix = _CURRENCY_SYMBOLS.get(code, f"[${code}] ")
    places = ".00" if decimals and code != "JPY" else ""
    body = f"#,##0{places}"
    return f"{prefix}{body};-{prefix}{body}"


# ---------------------------------------------------------------- cell styles


FONT_NAME = "Calibri"


def font(**settings: object) -> Font:
    """A font of the workbook's family (a font without a name prints in a serif in LibreOffice)."""
    return Font(name=FONT_NAME, **settings)


def thin(colour: str = RULE) -> Side:
    return Side(style="thin", color=colour)


@dataclass(frozen=True)
class CellStyle:
    """What one kind of cell looks like; applied to a write-only cell by :func:`apply`."""

    font: Font | None = None
    fill: PatternFill | None = None
    alignment: Alignment | None = None
    border: Border | None = None
    number_format: str | None = None
    locked: bool | None = None


def solid(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


HEADER = CellStyle(
    font=font(bold=True, color=HEADER_TEXT),
    fill=solid(HEADER_FILL),
    alignment=Alignment(vertical="center", wrap_text=True),
    border=Border(bottom=thin(HEADER_FILL)),
)
TITLE = CellStyle(font=font(size=18, bold=True, color=TITLE_TEXT))
SUBTITLE = CellStyle(font=font(size=10, color=MUTED_TEXT))
SECTION = CellStyle(
    font=font(size=12, bold=True, color=TITLE_TEXT), border=Border(bottom=thin(ACCENT))
)
NOTE = CellStyle(font=font(size=9, italic=True, color=MUTED_TEXT))
WRAPPED = CellStyle(alignment=Alignment(wrap_text=True, vertical="top"))


def apply(cell: object, style: CellStyle) -> None:
    """Give ``cell`` (a cell or write-only cell) the parts of ``style`` that are set."""
    if style.font is not None:
        cell.font = style.font  # type: ignore[attr-defined]
    if style.fill is not None:
        cell.fill = style.fill  # type: ignore[attr-defined]
    if style.alignment is not None:
        cell.alignment = style.alignment  # type: ignore[attr-defined]
    if style.border is not None:
        cell.border = style.border  # type: ignore[attr-defined]
    if style.number_format is not None:
        cell.number_format = style.number_format  # type: ignore[attr-defined]
    if style.locked is not None:
        cell.protection = Protection(locked=style.locked)  # type: ignore[attr-defined]


def rag_style(rag: str | None) -> CellStyle:
    fill, text = RAG_COLOURS.get(rag or "", RAG_NONE)
    return CellStyle(
        font=font(bold=True, color=text),
        fill=solid(fill),
        alignment=Alignment(horizontal="center"),
    )
