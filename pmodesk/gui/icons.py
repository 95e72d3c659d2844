"""The app's icons: single-colour SVG files in ``resources/icons/``, tinted for the palette.

Each file draws with ``currentColor`` (Lucide style, 24×24 strokes). :func:`icon`
substitutes the palette's text colour (so the icons stay visible in a dark
theme) and a muted colour for the disabled state, and renders crisp pixmaps
at the size and device pixel ratio Qt asks for, when it first asks (so that
building the window renders nothing that is not on screen), caching each.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer

from pmodesk.paths import resource

#: Logical sizes an icon offers (Qt may still ask for any size; it is rendered then).
_SIZES = (16, 20, 24, 32)


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


class _TintedSvgEngine(QIconEngine):
    """Renders one tinted SVG at the size, mode and pixel ratio asked for, once each."""

    def __init__(self, svg: str, normal: str, disabled: str) -> None:
        super().__init__()
        self._svg = {"normal": _with_colour(svg, normal), "disabled": _with_colour(svg, disabled)}
        self._source, self._normal, self._disabled = svg, normal, disabled
        self._pixmaps: dict[tuple[str, int, int, float], QPixmap] = {}

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        tint = "disabled" if mode == QIcon.Mode.Disabled else "normal"
        side = max(1, min(size.width(), size.height()))
        key = (tint, side, side, float(scale))
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            pixmap = _render(self._svg[tint], side, float(scale))
            self._pixmaps[key] = pixmap
        return pixmap

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, ratio))

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        side = min(size.width(), size.height())
        return QSize(side, side)

    def availableSizes(
        self, mode: QIcon.Mode = QIcon.Mode.Normal, state: QIcon.State = QIcon.State.Off
    ) -> list[QSize]:
        return [QSize(side, side) for side in _SIZES]

    def clone(self) -> QIconEngine:
        return _TintedSvgEngine(self._source, self._normal, self._disabled)


@cache
def _icon(name: str, normal: str, disabled: str) -> QIcon:
    return QIcon(_TintedSvgEngine(_svg_text(name), normal, disabled))


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
