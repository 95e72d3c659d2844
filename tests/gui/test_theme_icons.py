"""RAG colours shared by the views, and the shipped icons rendered for light and dark palettes."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette

from pmodesk.domain.enums import Rag
from pmodesk.gui import icons, theme
from pmodesk.gui.pages import page_specs


def test_rag_colours_letters_and_contrast() -> None:
    assert theme.rag_colour(Rag.RED) == QColor(theme.RAG_COLOURS["red"])
    assert theme.rag_colour("amber") == QColor(theme.RAG_COLOURS["amber"])
    assert theme.rag_colour(None) == QColor(theme.RAG_NONE_COLOUR)
    assert [theme.rag_letter(r) for r in (Rag.GREEN, Rag.AMBER, Rag.RED, None)] == [
        "G",
        "A",
        "R",
        "–",
    ]
    for rag in (Rag.GREEN, Rag.AMBER, Rag.RED, None):
        fill, text = theme.rag_colour(rag), theme.rag_text_colour(rag)
        assert abs(fill.lightness() - text.lightness()) > 60, rag


def test_every_page_and_main_action_has_an_icon(qapp: object) -> None:
    names = set(icons.icon_path_names())
    needed = {spec.icon for spec in page_specs()} | {
        "new-workspace", "open", "save-copy", "import", "export", "print", "undo", "redo",
        "new-record", "history", "about", "keyboard", "demo", "app",
    }  # fmt: skip
    assert needed <= names
    for name in sorted(names - {"app"}):
        rendered = icons.icon(name)
        assert isinstance(rendered, QIcon)
        image = rendered.pixmap(24, 24).toImage()
        assert any(image.pixelColor(x, y).alpha() > 0 for x in range(24) for y in range(24)), name


def _ink(name: str) -> QColor:
    image = icons.icon(name).pixmap(24, 24).toImage()
    return max(
        (image.pixelColor(x, y) for x in range(24) for y in range(24)),
        key=lambda c: c.alpha(),
    )


def test_icons_follow_the_palette(qapp: object) -> None:
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    original = app.palette()
    try:
        app.setPalette(theme.dark_palette())
        assert theme.is_dark()
        light_ink = _ink("register")
        assert light_ink.lightness() > 180  # light strokes on a dark window
        app.setPalette(QPalette(QColor("#f0f0f0")))
        assert not theme.is_dark()
        assert _ink("register").lightness() < 80
    finally:
        app.setPalette(original)


def test_unknown_icon_names_the_file(qapp: object) -> None:
    with pytest.raises(FileNotFoundError, match="no icon named 'nonesuch'"):
        icons.icon("nonesuch")
