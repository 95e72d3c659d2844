"""Look and feel: the light or dark palette, the small stylesheet and the RAG colours views share.

The app uses Qt's Fusion style everywhere so that it looks the same on every
desktop, and follows the system's light or dark colour scheme when Qt can tell
(``QStyleHints.colorScheme``); ``PMODESK_THEME=light|dark`` forces one.
RAG colours live here so the register, the board and the editors agree.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEME_ENV = "PMODESK_THEME"

#: Chip fill per RAG value (``"green"``, ``"amber"``, ``"red"``); ``None`` means "not rated".
RAG_COLOURS: dict[str, str] = {
    "green": "#2e9e5b",
    "amber": "#f0a830",
    "red": "#d64545",
}
RAG_NONE_COLOUR = "#9aa3ad"
#: Text drawn on each chip: chosen for contrast (amber is light, so its letter is dark).
RAG_TEXT_COLOURS: dict[str, str] = {"green": "#ffffff", "amber": "#1f1f1f", "red": "#ffffff"}
RAG_NONE_TEXT_COLOUR = "#ffffff"
#: The letter a chip shows, so RAG stays readable in black and white.
RAG_LETTERS: dict[str, str] = {"green": "G", "amber": "A", "red": "R"}

ACCENT = "#2f5fb3"
ACCENT_DARK = "#5b8def"


def _rag_key(rag: object) -> str | None:
    if rag is None:
        return None
    value = getattr(rag, "value", rag)
    text = str(value).strip().lower()
    return text or None


def rag_colour(rag: object) -> QColor:
    """The chip colour for a RAG value (a ``Rag`` enum, its string, or ``None``)."""
    key = _rag_key(rag)
    return QColor(RAG_COLOURS.get(key, RAG_NONE_COLOUR) if key else RAG_NONE_COLOUR)


def rag_text_colour(rag: object) -> QColor:
    """The colour of the letter drawn on a RAG chip."""
    key = _rag_key(rag)
    return QColor(RAG_TEXT_COLOURS.get(key, RAG_NONE_TEXT_COLOUR) if key else RAG_NONE_TEXT_COLOUR)


def rag_letter(rag: object) -> str:
    """``G``, ``A``, ``R`` or an en dash for "not rated"."""
    key = _rag_key(rag)
    return RAG_LETTERS.get(key, "–") if key else "–"


def wants_dark() -> bool:
    """True when the forced theme or the system's colour scheme is dark."""
    forced = os.environ.get(THEME_ENV, "").strip().lower()
    if forced in ("dark", "light"):
        return forced == "dark"
    app = QGuiApplication.instance()
    if app is None:
        return False
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None:
        return bool(scheme() == Qt.ColorScheme.Dark)
    return False


def is_dark(palette: QPalette | None = None) -> bool:
    """True when ``palette`` (default: the application's) has light text on a dark window."""
    pal = palette if palette is not None else QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    pal = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    colours = {
        role.Window: "#202328",
        role.WindowText: "#e6e8eb",
        role.Base: "#17191d",
        role.AlternateBase: "#23262c",
        role.ToolTipBase: "#2b2f36",
        role.ToolTipText: "#e6e8eb",
        role.PlaceholderText: "#8b9099",
        role.Text: "#e6e8eb",
        role.Button: "#2a2e35",
        role.ButtonText: "#e6e8eb",
        role.BrightText: "#ff6b6b",
        role.Light: "#3a3f47",
        role.Midlight: "#30343b",
        role.Mid: "#25282e",
        role.Dark: "#141619",
        role.Shadow: "#000000",
        role.Highlight: ACCENT_DARK,
        role.HighlightedText: "#ffffff",
        role.Link: "#7aa7ff",
        role.LinkVisited: "#b48cff",
    }
    for r, colour in colours.items():
        pal.setColor(r, QColor(colour))
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(group.Disabled, r, QColor("#6c717a"))
    pal.setColor(group.Disabled, role.Highlight, QColor("#3a3f47"))
    return pal


def light_palette(base: QPalette) -> QPalette:
    pal = QPalette(base)
    pal.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.Link, QColor(ACCENT))
    return pal


def stylesheet(dark: bool) -> str:
    """The few rules the palette cannot express: the sidebar and the first-run card."""
    sidebar_bg = "#1a1c20" if dark else "#eef1f5"
    sidebar_border = "#2c3036" if dark else "#d9dee5"
    hover = "#2a2e35" if dark else "#e1e6ee"
    selected = "#2d3b55" if dark else "#d6e2f7"
    selected_text = "#ffffff" if dark else "#17365f"
    muted = "#9aa0a8" if dark else "#5f6b7a"
    card = "#24272d" if dark else "#ffffff"
    accent = ACCENT_DARK if dark else ACCENT
    return f"""
QListWidget#navList {{
    background: {sidebar_bg};
    border: none;
    border-right: 1px solid {sidebar_border};
    padding: 10px 6px;
    outline: 0;
}}
QListWidget#navList::item {{
    padding: 8px 10px;
    margin: 1px 2px;
    border-radius: 6px;
}}
QListWidget#navList::item:hover {{ background: {hover}; }}
QListWidget#navList::item:selected {{ background: {selected}; color: {selected_text}; }}
QToolBar#mainToolBar {{ spacing: 4px; padding: 3px 6px; border: none; }}
QLabel[role="muted"] {{ color: {muted}; }}
QLabel[role="strong"] {{ font-weight: 600; }}
QLabel[role="title"] {{ font-size: 18pt; font-weight: 600; }}
QFrame#welcomeCard {{
    background: {card};
    border: 1px solid {sidebar_border};
    border-radius: 12px;
}}
QPushButton[role="choice"] {{
    text-align: left;
    padding: 10px 14px;
    border: 1px solid {sidebar_border};
    border-radius: 8px;
    background: {sidebar_bg};
}}
QPushButton[role="choice"]:hover {{ background: {hover}; }}
QPushButton[role="choice"]:focus {{ border: 1px solid {accent}; }}
QPushButton[role="choice"]:default {{ background: {accent}; color: #ffffff; border-color: {accent}; }}
QPushButton[role="choice"]:disabled {{ background: transparent; color: {muted}; }}
QStatusBar QLabel {{ padding: 0 6px; }}
"""


def apply_theme(app: QApplication) -> bool:
    """Fusion style, the light or dark palette and the stylesheet; returns True when dark."""
    app.setStyle("Fusion")
    dark = wants_dark()
    style = app.style()
    app.setPalette(dark_palette() if dark else light_palette(style.standardPalette()))
    app.setStyleSheet(stylesheet(dark))
    return dark
