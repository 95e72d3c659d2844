"""The pack's fonts, embedded, and printing any name whatever its script.

DejaVu Sans covers Latin with its accents, Greek, Cyrillic and Vietnamese;
Droid Sans Fallback covers Chinese, Japanese and Korean. reportlab does not
fall back from one font to another glyph by glyph, so every text is cut into
runs: characters DejaVu has stay in the style's font, runs it lacks are
wrapped in the fallback font. :func:`markup` does this for Paragraph markup
(escaping ``&``, ``<`` and ``>`` so that names print as typed), and
:func:`draw_text` / :func:`text_width` for text drawn straight on the canvas
(running header, contents, charts).

TrueType fonts are always subset and embedded by reportlab, so the PDF
prints the same on every machine.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from pmodesk.paths import resource

SANS = "PackSans"
SANS_BOLD = "PackSans-Bold"
TABLE = "PackTable"
TABLE_BOLD = "PackTable-Bold"
FALLBACK = "PackFallback"

#: Font name -> file under ``resources/fonts``.
FONT_FILES: dict[str, str] = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    TABLE: "DejaVuSansCondensed.ttf",
    TABLE_BOLD: "DejaVuSansCondensed-Bold.ttf",
    FALLBACK: "DroidSansFallbackFull.ttf",
}

#: Control characters (other than new lines) would break the PDF's text or the markup parser.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_ELLIPSIS = "…"


@cache
def register_fonts() -> None:
    """Register the pack's fonts and their bold families with reportlab (once per process)."""
    from reportlab.lib.fonts import addMapping

    for name, file in FONT_FILES.items():
        path = resource("fonts", file)
        if not path.is_file():
            raise FileNotFoundError(f"pmodesk is incomplete: the font {path} is missing.")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    # reportlab.graphics starts every drawing in Helvetica, which would put an unembedded
    # font reference in the PDF even though no text uses it: start drawings in ours.
    from reportlab.graphics import shapes

    shapes.STATE_DEFAULTS["fontName"] = SANS
    # Italic maps to the upright faces (the pack uses none); the plain mappings come last
    # so that each face reads back as its family, not bold, not italic.
    for regular, bold in ((SANS, SANS_BOLD), (TABLE, TABLE_BOLD), (FALLBACK, FALLBACK)):
        addMapping(regular, 0, 1, regular)
        addMapping(regular, 1, 1, bold)
        addMapping(regular, 1, 0, bold)
        addMapping(regular, 0, 0, regular)


@cache
def _main_coverage() -> frozenset[int]:
    """Code points every DejaVu face of the pack has a glyph for."""
    register_fonts()
    faces = [pdfmetrics.getFont(name).face for name in (SANS, SANS_BOLD, TABLE, TABLE_BOLD)]
    covered = set(faces[0].charToGlyph)
    for face in faces[1:]:
        covered &= set(face.charToGlyph)
    return frozenset(covered)


def clean(text: object) -> str:
    """``text`` as printable text: ``None`` as empty, control characters and tabs as spaces."""
    if text is None:
        return ""
    value = unicodedata.normalize("NFC", str(text)).replace("\t", " ").replace("\r\n", "\n")
    return _CONTROL.sub(" ", value.replace("\r", "\n"))


def runs(text: str) -> Iterator[tuple[bool, str]]:
    """``(needs_fallback, chunk)`` pieces of ``text``; spaces stay with the run they are in."""
    if text.isascii():  # the common case, and DejaVu has every printable ASCII character
        if text:
            yield False, text
        return
    covered = _main_coverage()
    current: list[str] = []
    fallback = False
    for char in text:
        if not char.isspace():
            needs = ord(char) not in covered
            if needs != fallback and current:
                yield fallback, "".join(current)
                current = []
            fallback = needs
        current.append(char)
    if current:
        yield fallback, "".join(current)


def single_font(text: str) -> bool:
    """True when every character of ``text`` is in the main font (no fallback run needed)."""
    if text.isascii():
        return True
    covered = _main_coverage()
    return all(ord(char) in covered or char.isspace() for char in text)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(text: object, *, lines: bool = False) -> str:
    """``text`` as Paragraph markup: escaped, with runs DejaVu lacks set in the fallback font.

    With ``lines``, line breaks in the text become ``<br/>``; otherwise they are spaces.
    """
    value = clean(text)
    if not lines:
        value = value.replace("\n", " ")
    pieces = []
    for fallback, chunk in runs(value):
        escaped = _escape(chunk)
        pieces.append(f'<font name="{FALLBACK}">{escaped}</font>' if fallback else escaped)
    result = "".join(pieces)
    return result.replace("\n", "<br/>") if lines else result


def text_width(text: str, font: str, size: float) -> float:
    """Width of ``text`` in points as :func:`draw_text` prints it."""
    if text.isascii() and "\n" not in text:
        return float(pdfmetrics.stringWidth(text, font, size))
    return float(
        sum(
            pdfmetrics.stringWidth(chunk, FALLBACK if fallback else font, size)
            for fallback, chunk in runs(clean(text).replace("\n", " "))
        )
    )


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis so that it fits in ``width`` points (one line)."""
    value = clean(text).replace("\n", " ")
    if text_width(value, font, size) <= width:
        return value
    low, high = 0, len(value)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(value[:middle].rstrip() + _ELLIPSIS, font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return value[:low].rstrip() + _ELLIPSIS


def draw_text(
    canvas: Canvas, x: float, y: float, text: str, font: str, size: float, *, align: str = "left"
) -> float:
    """Draw ``text`` at baseline ``y`` (``align`` left, right or centre of ``x``); returns its width."""
    value = clean(text).replace("\n", " ")
    width = text_width(value, font, size)
    if align == "right":
        x -= width
    elif align == "centre":
        x -= width / 2
    for fallback, chunk in runs(value):
        face = FALLBACK if fallback else font
        canvas.setFont(face, size)
        canvas.drawString(x, y, chunk)
        x += pdfmetrics.stringWidth(chunk, face, size)
    return width
