"""Render ``resources/icons/app.svg`` into the icon files the installers need.

Writes, under ``packaging/``:

* ``linux/icons/hicolor/<n>x<n>/apps/io.github.pmodesk.png`` for the standard sizes,
  and ``linux/icons/hicolor/scalable/apps/io.github.pmodesk.svg``;
* ``build/icons/pmodesk.ico`` (Windows) when Pillow is importable, else says it skipped it;
* ``build/icons/pmodesk.iconset/`` (macOS ``iconutil`` input; ``pmodesk.icns`` too when
  ``iconutil`` exists, i.e. on macOS).

Run it with the build venv's Python: ``python packaging/make_icons.py``.
It renders with PySide6's ``QSvgRenderer`` offscreen, so it needs no display.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

APP_ID = "io.github.pmodesk"
PACKAGING = Path(__file__).resolve().parent
SOURCE_SVG = PACKAGING.parent / "resources" / "icons" / "app.svg"
HICOLOR = PACKAGING / "linux" / "icons" / "hicolor"
BUILD_ICONS = PACKAGING / "build" / "icons"
LINUX_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICONSET = {  # macOS iconset file name -> pixel size
    "icon_16x16.png": 16,
    "icon_16x16@2x.png": 32,
    "icon_32x32.png": 32,
    "icon_32x32@2x.png": 64,
    "icon_128x128.png": 128,
    "icon_128x128@2x.png": 256,
    "icon_256x256.png": 256,
    "icon_256x256@2x.png": 512,
    "icon_512x512.png": 512,
    "icon_512x512@2x.png": 1024,
}


def render(renderer: QSvgRenderer, size: int, target: Path) -> None:
    """Paint the SVG into a transparent ``size``×``size`` PNG at ``target``."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target)):  # the format follows the .png suffix
        raise SystemExit(f"make_icons: could not write {target}")


def make_ico(png_256: Path, target: Path) -> bool:
    """Write a multi-size ``.ico`` with Pillow; False when Pillow is not installed."""
    try:
        from PIL import Image
    except ImportError:
        return False
    with Image.open(png_256) as image:
        image.save(target, format="ICO", sizes=[(n, n) for n in ICO_SIZES])
    return True


def main() -> int:
    if not SOURCE_SVG.is_file():
        print(f"make_icons: {SOURCE_SVG} is missing", file=sys.stderr)
        return 1
    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(SOURCE_SVG))
    if not renderer.isValid():
        print(f"make_icons: {SOURCE_SVG} is not a valid SVG", file=sys.stderr)
        return 1

    for size in LINUX_SIZES:
        render(renderer, size, HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png")
    scalable = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE_SVG, scalable)
    print(f"make_icons: Linux icons {', '.join(map(str, LINUX_SIZES))} px + SVG in {HICOLOR}")

    BUILD_ICONS.mkdir(parents=True, exist_ok=True)
    png_256 = BUILD_ICONS / "pmodesk-256.png"
    render(renderer, 256, png_256)
    ico = BUILD_ICONS / "pmodesk.ico"
    if make_ico(png_256, ico):
        print(f"make_icons: Windows icon {ico}")
    else:
        print("make_icons: Pillow is not installed, skipped the Windows .ico")

    iconset = BUILD_ICONS / "pmodesk.iconset"
    for name, size in ICONSET.items():
        render(renderer, size, iconset / name)
    if shutil.which("iconutil"):
        subprocess.run(
            ["iconutil", "-c", "icns", str(iconset), "-o", str(BUILD_ICONS / "pmodesk.icns")],
            check=True,
        )
        print(f"make_icons: macOS icon {BUILD_ICONS / 'pmodesk.icns'}")
    else:
        print(f"make_icons: macOS iconset in {iconset} (iconutil makes the .icns on macOS)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
