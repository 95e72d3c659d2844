"""The app's icons: single-colour SVG files in ``resources/icons/``, tinted for the palette.

Each file draws with ``currentColor`` (Lucide style, 24×24 strokes). :func:`icon`
substitutes the palette's text colour (so the icons stay visible in a dark
theme) and a muted colour for the disabled state, renders crisp pixmaps at the
sizes Qt asks for on high-DPI screens, and caches the result.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from pmodesk.paths import resource

#: Logical sizes rendered for every icon, at 1× and 2× device pixel ratio.
_SIZES = (16, 20, 24, 32)
_RATIOS = (1.0, 2.0)


def icon_path_names() -> list[str]:
    """Names of every shipped icon (file stems)."""
    return sorted(p.stem for p in resource("icons").glob("*.svg"))


@cache
def _svg_text(name: str) -> str:
    path = resource("icons", f"{name}.svg")
    if not path.is_file():
        raise FileNotFoundError(f"pmodesk has no icon named '{name}' ({path} is missing).")
    return path.read_text(encoding="utf-8")


def _render(svg: str, size: int, ratio: float) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    pixels = round(size * ratio)
    pixmap = QPixmap(pixels, pixels)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def _colours() -> tuple[str, str]:
    palette = QGuiApplication.palette()
    normal = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
    disabled = QColor(normal)
    disabled.setAlphaF(0.38)
    return normal.name(QColor.NameFormat.HexRgb), disabled.name(QColor.NameFormat.HexArgb)


def _with_colour(svg: str, colour: str) -> str:
    if colour.startswith("#") and len(colour) == 9:  # #AARRGGBB -> colour + opacity
        alpha = int(colour[1:3], 16) / 255
        svg = svg.replace("<svg ", f'<svg opacity="{alpha:.2f}" ', 1)
        colour = "#" + colour[3:]
    return svg.replace("currentColor", colour)


@cache
def _icon(name: str, normal: str, disabled: str) -> QIcon:
    svg = _svg_text(name)
    result = QIcon()
    for mode, colour in ((QIcon.Mode.Normal, normal), (QIcon.Mode.Disabled, disabled)):
        tinted = _with_colour(svg, colour)
        for size in _SIZES:
            for ratio in _RATIOS:
                result.addPixmap(_render(tinted, size, ratio), mode)
    return result


def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` in the current palette's colours (cached)."""
    normal, disabled = _colours()
    return _icon(name, normal, disabled)


def app_icon() -> QIcon:
    """The application's own (coloured) icon."""
    return QIcon(str(resource("icons", "app.svg")))


def clear_cache() -> None:
    """Forget rendered icons (call after the palette changes)."""
    _icon.cache_clear()
