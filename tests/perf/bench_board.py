"""Benchmark of the portfolio board with 5,000 cards, beside painting plain rectangles.

Run (not collected by pytest)::

    QT_QPA_PLATFORM=offscreen python tests/perf/bench_board.py [--projects 5000]

Prints, each beside a bare baseline measured in the same run (a plain QWidget
whose paint event fills and outlines the same number of rectangles with
QPainter) and the ratio:

* laying out all cards and painting the visible viewport of a 1440×900 board;
* a full scroll from top to bottom, one repaint per scroll step (per step and
  in total);
* one filter keystroke in the search box (filter, model reset, layout, paint)
  until the viewport is painted — target: within 50 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPEATS = 7
WIDTH, HEIGHT = 1440, 900


def median_time(action: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def line(label: str, ours: float, bare: float, target: str = "") -> None:
    ratio = ours / bare if bare else float("inf")
    print(
        f"  {label:<44} {ours * 1000:9.2f} ms   bare {bare * 1000:8.2f} ms"
        f"   ratio {ratio:6.2f}x  {target}"
    )


def build_workspace(path: Path, projects: int) -> float:
    from pmodesk.services.demo import DemoSize, generate_demo
    from pmodesk.store import open_workspace

    start = time.perf_counter()
    workspace = open_workspace(path)
    try:
        generate_demo(workspace, DemoSize(projects=projects, people=300, weeks=4))
    finally:
        workspace.close()
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=5000)
    args = parser.parse_args(argv)

    from PySide6.QtCore import QRect, QSettings
    from PySide6.QtGui import QColor, QPainter, QPaintEvent
    from PySide6.QtWidgets import QApplication, QWidget

    from pmodesk.gui.context import AppContext
    from pmodesk.store import open_workspace

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    app.setStyle("Fusion")
    scratch = Path(tempfile.mkdtemp(prefix="pmodesk-bench-board-"))
    path = scratch / "board.pmodesk"
    print(f"Building a demo workspace of {args.projects:,} projects ...")
    print(f"  built in {build_workspace(path, args.projects):.1f} s")

    workspace = open_workspace(path)
    ctx = AppContext(workspace, QSettings(str(scratch / "bench.ini"), QSettings.Format.IniFormat))
    from pmodesk.gui.board.page import BoardPage

    start = time.perf_counter()
    page = BoardPage(ctx)
    page.resize(WIDTH, HEIGHT)
    page.show()
    app.processEvents()
    print(
        f"  board page with {len(page.model.cards):,} cards built in "
        f"{time.perf_counter() - start:.2f} s (query, model, layout, first paint)"
    )
    view = page.view
    viewport = view.viewport()

    class Bare(QWidget):
        """Paints ``count`` plain rectangles in a grid: the bare baseline."""

        def __init__(self) -> None:
            super().__init__()
            self.count = 0
            self.rects: list[QRect] = []

        def set_count(self, count: int) -> None:
            self.count = count
            self.rects = [
                QRect(12 + (n % 6) * 200, 12 + (n // 6) * 110, 184, 100) for n in range(count)
            ]

        def paintEvent(self, event: QPaintEvent) -> None:
            painter = QPainter(self)
            painter.fillRect(event.rect(), QColor("#f4f5f7"))
            painter.setPen(QColor("#c0c4cc"))
            fill = QColor("#ffffff")
            for rect in self.rects:
                painter.fillRect(rect, fill)
                painter.drawRect(rect)
            painter.end()

    bare = Bare()
    bare.resize(viewport.size())
    bare.show()
    app.processEvents()

    def bare_paint(count: int) -> float:
        bare.set_count(count)
        return median_time(bare.repaint)

    print(
        f"\nBoard of {len(page.model.cards):,} cards, viewport "
        f"{viewport.width()}×{viewport.height()}:"
    )

    # 1. Layout + paint of the visible viewport.
    visible = len(view.visible_rows())

    def layout_and_paint_cold() -> None:
        view.card_delegate.forget()  # no card picture cached: every card drawn afresh
        view.relayout()
        viewport.repaint()

    def layout_and_paint() -> None:
        view.relayout()
        viewport.repaint()

    line(
        f"layout + paint viewport, cold ({visible} cards)",
        median_time(layout_and_paint_cold),
        bare_paint(visible),
    )
    line(
        f"layout + paint viewport, warm ({visible} cards)",
        median_time(layout_and_paint),
        bare_paint(visible),
    )
    line("paint viewport only, warm", median_time(viewport.repaint), bare_paint(visible))

    # 2. A full scroll, one repaint per step.
    bar = view.verticalScrollBar()
    step = max(1, bar.pageStep() // 2)
    positions = list(range(0, bar.maximum() + 1, step))
    counts: list[int] = []

    def scroll_through() -> None:
        counts.clear()
        for value in positions:
            bar.setValue(value)
            viewport.repaint()
            counts.append(len(view.visible_rows()))

    view.card_delegate.forget()
    ours_scroll = median_time(scroll_through, 3)  # the first run draws every card once

    def bare_scroll() -> None:
        for count in counts:
            bare.set_count(count)
            bare.repaint()

    bare_total = median_time(bare_scroll, 3)
    print(
        f"  full scroll: {len(positions)} steps of {step} px, "
        f"{statistics.mean(counts):.0f} cards painted per step on average"
    )
    line("full scroll, total", ours_scroll, bare_total)
    line("full scroll, per step", ours_scroll / len(positions), bare_total / len(positions))
    bar.setValue(0)

    # 3. One filter keystroke: search box -> filter -> reset -> layout -> paint.
    search = page.searchEdit
    texts = ["a", "ar", "a"]
    shown: list[int] = []

    def keystroke() -> None:
        text = texts[len(shown) % len(texts)]
        search.setText(text)
        viewport.repaint()
        shown.append(len(page.model.cards))

    search.setText("")
    ours_key = median_time(keystroke, 9)
    line(
        f"filter keystroke -> redraw ({min(shown):,}–{max(shown):,} cards)",
        ours_key,
        bare_paint(len(view.visible_rows())),
        "target < 50 ms",
    )
    search.setText("")

    def clear_filter() -> None:
        search.setText("x" if search.text() == "" else "")
        viewport.repaint()

    line("filter keystroke, all cards <-> none", median_time(clear_filter, 9), bare_paint(visible))
    verdict = "met" if ours_key < 0.050 else "NOT met"
    print(f"\n  50 ms target for a filter keystroke: {verdict} ({ours_key * 1000:.1f} ms)")

    page.close()
    bare.close()
    workspace.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
