"""The pack's charts, drawn as vectors with reportlab.graphics: sharp at any zoom, small files.

Each chart reads in black and white too: RAG segments carry their letter,
the budget bars differ in shape (a light long bar, a dark inner bar, a tick)
rather than in hue alone, and the risk matrix prints its counts and band
letters. Labels go through :func:`label`, which prints any script.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, String
from reportlab.lib import colors

from pmodesk.domain.enums import Rag
from pmodesk.domain.rules import risk_band
from pmodesk.reports.data.model import PeriodRag, ProgrammeMoney, ProjectLine
from pmodesk.reports.fonts import FALLBACK, SANS, SANS_BOLD, clean, fit_text, runs, text_width
from pmodesk.reports.formatting import money
from pmodesk.reports.styles import ACCENT, INK, MUTED, NONE_FILL, RAG_FILL, RAG_INK, RAG_TINT, RULE


def label(
    x: float,
    y: float,
    text: str,
    *,
    size: float = 7.5,
    font: str = SANS,
    anchor: str = "start",
    colour: colors.Color = INK,
) -> Group:
    """A text label at baseline ``y``; ``anchor`` start, middle or end; any script prints."""
    value = clean(text).replace("\n", " ")
    width = text_width(value, font, size)
    left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
    group = Group()
    for fallback, chunk in runs(value):
        face = FALLBACK if fallback else font
        group.add(String(left, y, chunk, fontName=face, fontSize=size, fillColor=colour))
        left += text_width(chunk, face, size)
    return group


def _legend(
    drawing: Drawing, x: float, y: float, items: Sequence[tuple[str, colors.Color, str]]
) -> None:
    """Swatches with a letter in each (readable in black and white) and their names."""
    for letter, fill, name in items:
        drawing.add(Rect(x, y - 2, 10, 10, fillColor=fill, strokeColor=None))
        ink = colors.white if fill in (RAG_FILL[Rag.RED], RAG_FILL[Rag.GREEN], ACCENT) else INK
        drawing.add(
            label(x + 5, y + 0.6, letter, size=6.5, font=SANS_BOLD, anchor="middle", colour=ink)
        )
        drawing.add(label(x + 13, y, name, size=7.5, colour=MUTED))
        x += 13 + text_width(name, SANS, 7.5) + 12


def rag_trend_chart(trend: Sequence[PeriodRag], width: float, height: float = 170) -> Drawing:
    """Stacked bars: projects red, amber, green and without report in each period."""
    drawing = Drawing(width, height)
    left, bottom, top = 26.0, 30.0, height - 8
    plot_w, plot_h = width - left - 6, top - bottom
    total = max((p.red + p.amber + p.green + p.not_reported for p in trend), default=0) or 1
    step = nice_step(total, 5)
    most = -(-total // step) * step
    for tick in range(0, most + 1, step):
        y = bottom + plot_h * tick / most
        drawing.add(Line(left, y, left + plot_w, y, strokeColor=RULE, strokeWidth=0.4))
        drawing.add(label(left - 4, y - 2.5, str(tick), size=7, anchor="end", colour=MUTED))
    slot = plot_w / max(1, len(trend))
    bar = min(34.0, slot * 0.62)
    for n, period in enumerate(trend):
        x = left + slot * n + (slot - bar) / 2
        y = bottom
        parts = (
            (Rag.RED, period.red, "R"),
            (Rag.AMBER, period.amber, "A"),
            (Rag.GREEN, period.green, "G"),
            (None, period.not_reported, ""),
        )
        for rag, count, letter in parts:
            if not count:
                continue
            h = plot_h * count / most
            fill = RAG_FILL[rag] if rag else NONE_FILL
            drawing.add(
                Rect(x, y, bar, h, fillColor=fill, strokeColor=colors.white, strokeWidth=0.5)
            )
            if h >= 10:
                ink = RAG_INK[rag] if rag else MUTED
                text = f"{letter} {count}" if letter else str(count)
                drawing.add(
                    label(x + bar / 2, y + h / 2 - 2.6, text, size=7, anchor="middle", colour=ink)
                )
            y += h
        drawing.add(
            label(x + bar / 2, bottom - 11, period.label, size=7, anchor="middle", colour=MUTED)
        )
    _legend(
        drawing,
        left,
        4,
        [
            ("R", RAG_FILL[Rag.RED], "Red"),
            ("A", RAG_FILL[Rag.AMBER], "Amber"),
            ("G", RAG_FILL[Rag.GREEN], "Green"),
            ("", NONE_FILL, "No report"),
        ],
    )
    return drawing


BUDGET_FILL = colors.HexColor("#C9D6E5")


def budget_chart(programmes: Sequence[ProgrammeMoney], width: float, currency: str) -> Drawing:
    """Per programme: its name, then budget (long light bar), actual (dark inner bar) and
    forecast at completion (a tick, red when over budget), with the figures on the right."""
    row_h = 31.0
    legend_h = 22.0
    height = legend_h + row_h * len(programmes) + 4
    drawing = Drawing(width, height)
    value_w = 118.0
    plot_w = width - value_w - 10
    most = max((max(p.budget, p.actual, p.forecast) for p in programmes), default=0.0) or 1.0
    for n, prog in enumerate(programmes):
        y = height - row_h * (n + 1)
        name = f"{prog.code} · {prog.name}" if prog.code else prog.name
        drawing.add(
            label(0, y + 20, fit_text(name, SANS_BOLD, 7.5, plot_w), size=7.5, font=SANS_BOLD)
        )
        drawing.add(
            Rect(0, y + 3, plot_w * prog.budget / most, 13, fillColor=BUDGET_FILL, strokeColor=None)
        )
        drawing.add(
            Rect(0, y + 6.5, plot_w * prog.actual / most, 6, fillColor=ACCENT, strokeColor=None)
        )
        over = prog.forecast > prog.budget * 1.0001
        tick = RAG_FILL[Rag.RED] if over else INK
        fx = plot_w * prog.forecast / most
        drawing.add(Line(fx, y + 0.5, fx, y + 18.5, strokeColor=tick, strokeWidth=1.8))
        spent = f" ({prog.actual / prog.budget:.0%})" if prog.budget else ""
        drawing.add(
            label(
                plot_w + 10,
                y + 11,
                f"{money(prog.actual)} of {money(prog.budget)}{spent}",
                size=7.5,
            )
        )
        drawing.add(
            label(
                plot_w + 10,
                y + 2,
                f"forecast {money(prog.forecast)}",
                size=7,
                colour=tick if over else MUTED,
            )
        )
    items = [("", BUDGET_FILL, f"Budget ({currency})"), ("", ACCENT, "Actual to date")]
    _legend(drawing, 0, 6, items)
    x = sum(13 + text_width(name, SANS, 7.5) + 12 for _l, _f, name in items)
    drawing.add(Line(x + 4, 4, x + 4, 14, strokeColor=INK, strokeWidth=1.8))
    drawing.add(
        label(x + 10, 6, "Forecast at completion (red: over budget)", size=7.5, colour=MUTED)
    )
    return drawing


def cpi_spi_chart(lines: Sequence[ProjectLine], width: float, height: float = 190) -> Drawing:
    """Each project with earned-value figures at (SPI, CPI); below 1 is behind or over budget."""
    drawing = Drawing(width, height)
    left, bottom = 30.0, 26.0
    plot_w, plot_h = width - left - 8, height - bottom - 8
    low, high = 0.4, 1.6

    def at(value: float, size: float) -> float:
        return size * (min(high, max(low, value)) - low) / (high - low)

    drawing.add(
        Rect(
            left,
            bottom,
            at(1.0, plot_w),
            at(1.0, plot_h),
            fillColor=RAG_TINT[Rag.RED],
            strokeColor=None,
        )
    )
    drawing.add(
        Rect(
            left + at(1.0, plot_w),
            bottom + at(1.0, plot_h),
            plot_w - at(1.0, plot_w),
            plot_h - at(1.0, plot_h),
            fillColor=RAG_TINT[Rag.GREEN],
            strokeColor=None,
        )
    )
    drawing.add(
        Rect(left, bottom, plot_w, plot_h, fillColor=None, strokeColor=RULE, strokeWidth=0.6)
    )
    for tick in (0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6):
        x, y = left + at(tick, plot_w), bottom + at(tick, plot_h)
        strong = tick == 1.0
        drawing.add(
            Line(
                x,
                bottom,
                x,
                bottom + plot_h,
                strokeColor=INK if strong else RULE,
                strokeWidth=0.8 if strong else 0.3,
            )
        )
        drawing.add(
            Line(
                left,
                y,
                left + plot_w,
                y,
                strokeColor=INK if strong else RULE,
                strokeWidth=0.8 if strong else 0.3,
            )
        )
        drawing.add(label(x, bottom - 9, f"{tick:.1f}", size=6.5, anchor="middle", colour=MUTED))
        drawing.add(label(left - 3, y - 2.3, f"{tick:.1f}", size=6.5, anchor="end", colour=MUTED))
    drawing.add(
        label(left + plot_w / 2, 3, "SPI (schedule)", size=7.5, anchor="middle", colour=MUTED)
    )
    drawing.add(label(left + 3, bottom + plot_h - 9, "CPI (cost) ↑", size=7.5, colour=MUTED))
    drawing.add(
        label(left + 3, bottom + 3, "behind and over budget", size=6.5, colour=RAG_FILL[Rag.RED])
    )
    points = [
        (line, line.evm.spi, line.evm.cpi)
        for line in lines
        if line.evm is not None and line.evm.cpi is not None and line.evm.spi is not None
    ]
    placed: list[tuple[float, float, float, float]] = []
    for line, spi, cpi in points:
        x, y = left + at(spi, plot_w), bottom + at(cpi, plot_h)
        fill = RAG_FILL[line.rag] if line.rag else NONE_FILL
        drawing.add(Circle(x, y, 3.2, fillColor=fill, strokeColor=INK, strokeWidth=0.4))
        placed.append((x - 3.2, y - 3.2, x + 3.2, y + 3.2))
    # Name the worst projects (below 0.95 on either index) where the name has room.
    for line, spi, cpi in sorted(points, key=lambda p: min(p[1], p[2]))[:10]:
        if min(spi, cpi) >= 0.95:
            break
        x, y = left + at(spi, plot_w), bottom + at(cpi, plot_h)
        w = text_width(line.code, SANS, 6.5)
        for bx, by in ((x + 5, y + 2), (x - 5 - w, y + 2), (x + 5, y - 8), (x - 5 - w, y - 8)):
            box = (bx, by - 1, bx + w, by + 6)
            inside = left <= box[0] and box[2] <= left + plot_w and bottom <= box[1]
            if inside and not any(_overlap(box, other) for other in placed):
                drawing.add(label(bx, by, line.code, size=6.5, colour=INK))
                placed.append(box)
                break
    return drawing


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def nice_step(most: int, ticks: int = 4) -> int:
    """A round step (1, 2, 5, 10, 20, 50 ...) giving about ``ticks`` grid lines up to ``most``."""
    raw = max(1.0, most / ticks)
    magnitude = 10 ** (len(str(int(raw))) - 1)
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return int(factor * magnitude)
    return int(10 * magnitude)


def risk_matrix_chart(matrix: dict[tuple[int, int], int], size: float = 220) -> Drawing:
    """The 5 × 5 probability × impact grid: each cell's count of open risks, tinted by band."""
    left, bottom = 34.0, 30.0
    cell = (size - left - 6) / 5
    drawing = Drawing(size, bottom + cell * 5 + 6)
    for p in range(1, 6):
        for i in range(1, 6):
            x, y = left + cell * (i - 1), bottom + cell * (p - 1)
            band = risk_band(p * i)
            fill = RAG_TINT[band] if band else NONE_FILL
            drawing.add(
                Rect(x, y, cell, cell, fillColor=fill, strokeColor=colors.white, strokeWidth=1.2)
            )
            count = matrix.get((p, i), 0)
            if band:
                drawing.add(
                    label(
                        x + cell - 3, y + cell - 8, band.letter, size=6, anchor="end", colour=MUTED
                    )
                )
            drawing.add(
                label(
                    x + cell / 2,
                    y + cell / 2 - 4,
                    str(count) if count else "·",
                    size=11 if count else 9,
                    font=SANS_BOLD if count else SANS,
                    anchor="middle",
                    colour=INK if count else MUTED,
                )
            )
    for n in range(1, 6):
        drawing.add(
            label(
                left + cell * (n - 0.5), bottom - 10, str(n), size=7, anchor="middle", colour=MUTED
            )
        )
        drawing.add(
            label(
                left - 6,
                bottom + cell * (n - 0.5) - 2.5,
                str(n),
                size=7,
                anchor="end",
                colour=MUTED,
            )
        )
    drawing.add(label(left + cell * 2.5, 4, "Impact →", size=7.5, anchor="middle", colour=MUTED))
    vertical = label(0, 0, "Probability →", size=7.5, anchor="middle", colour=MUTED)
    vertical.transform = (0, 1, -1, 0, 10, bottom + cell * 2.5)
    drawing.add(vertical)
    return drawing
