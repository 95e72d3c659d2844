"""Benchmark: first paint of the resource heatmap, beside a bare pyqtgraph ImageItem.

Run (offscreen, no display needed)::

    /work/venv/bin/python tests/perf/bench_heatmap.py [--people 1000] [--weeks 156] [--repeat 5]

It builds a :class:`~pmodesk.services.capacity.CapacityMatrix` of random
capacity and load (people × weeks), then measures, at 1440×900:

* **heatmap** — ``HeatmapModel.set_matrix`` (colour bands for every cell with
  NumPy) and ``view.grab()``, which paints the visible cells through the delegate;
* **heatmap, cold** — the same plus building and showing the model and view;
* **regroup** — switching the rows to team groups and painting again;
* **baseline** — a bare pyqtgraph ``ImageItem`` of the same utilisation array,
  ``setImage`` and ``grab()`` of a widget of the same size.

It prints the median of each, and the ratio heatmap ÷ baseline. Target: first
paint under 300 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from datetime import date, timedelta
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np

WIDTH, HEIGHT = 1440, 900


def random_matrix(people: int, weeks: int, seed: int = 5) -> Any:
    from pmodesk.services.capacity import CapacityMatrix, RowInfo

    rng = np.random.default_rng(seed)
    start = date(2030, 1, 7)
    rows = [
        RowInfo(uuid.uuid4(), f"Person {n:04d}", f"Team {n % 25:02d}", f"Role {n % 12}", False)
        for n in range(people)
    ]
    capacity = np.full((people, weeks), 37.5)
    capacity[rng.random((people, weeks)) < 0.04] = 0.0  # leave weeks
    allocated = np.round(rng.gamma(6.0, 5.5, size=(people, weeks)) * 2) / 2
    released = np.where(rng.random((people, weeks)) < 0.02, 8.0, 0.0)
    return CapacityMatrix(
        rows=rows,
        columns=[start + timedelta(weeks=n) for n in range(weeks)],
        capacity=capacity,
        allocated=allocated,
        released=released,
    )


def settle(app: Any, rounds: int = 3) -> None:
    for _ in range(rounds):
        app.processEvents()


def time_heatmap(app: Any, matrix: Any, repeat: int) -> dict[str, list[float]]:
    from pmodesk.gui.resources.heatmap_model import HeatmapModel
    from pmodesk.gui.resources.view import HeatmapView

    results: dict[str, list[float]] = {"warm": [], "cold": [], "regroup": []}
    for _ in range(repeat):
        start = time.perf_counter()
        model = HeatmapModel()
        view = HeatmapView()
        view.setModel(model)
        view.resize(WIDTH, HEIGHT)
        view.show()
        settle(app)
        warm_start = time.perf_counter()
        model.set_matrix(matrix, "week", unit="percent", thresholds=(0.5, 1.0))
        pixmap = view.grab()
        end = time.perf_counter()
        assert not pixmap.isNull()
        results["cold"].append(end - start)
        results["warm"].append(end - warm_start)
        regroup = time.perf_counter()
        model.set_row_grouping("team")
        view.grab()
        results["regroup"].append(time.perf_counter() - regroup)
        view.close()
        view.deleteLater()
        model.deleteLater()
        settle(app)
    return results


def time_image_item(app: Any, matrix: Any, repeat: int) -> list[float]:
    import pyqtgraph as pg

    util = matrix.utilisation()
    times: list[float] = []
    for _ in range(repeat):
        widget = pg.GraphicsLayoutWidget()
        widget.resize(WIDTH, HEIGHT)
        plot = widget.addPlot()
        item = pg.ImageItem()
        plot.addItem(item)
        widget.show()
        settle(app)
        start = time.perf_counter()
        item.setImage(np.nan_to_num(util.T, nan=0.0), levels=(0.0, 2.0))
        pixmap = widget.grab()
        times.append(time.perf_counter() - start)
        assert not pixmap.isNull()
        widget.close()
        widget.deleteLater()
        settle(app)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--weeks", type=int, default=156)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    matrix = random_matrix(args.people, args.weeks)
    # One untimed round each, so that imports and first-use caches are not measured.
    time_heatmap(app, matrix, 1)
    time_image_item(app, matrix, 1)

    heatmap = time_heatmap(app, matrix, args.repeat)
    image = time_image_item(app, matrix, args.repeat)
    ms = {key: statistics.median(values) * 1000 for key, values in heatmap.items()}
    baseline = statistics.median(image) * 1000
    cells = args.people * args.weeks
    print(f"matrix: {args.people} rows × {args.weeks} weeks = {cells:,} cells, {WIDTH}×{HEIGHT}")
    print(
        f"heatmap first paint (set_matrix + grab): {ms['warm']:8.1f} ms (median of {args.repeat})"
    )
    print(f"heatmap first paint, cold (build view):  {ms['cold']:8.1f} ms")
    print(f"heatmap regroup by team + repaint:       {ms['regroup']:8.1f} ms")
    print(f"baseline pyqtgraph ImageItem + grab:     {baseline:8.1f} ms")
    print(f"ratio heatmap ÷ ImageItem:               {ms['warm'] / baseline:8.1f}×")
    verdict = "meets" if ms["warm"] < 300 else "misses"
    print(f"target first paint < 300 ms: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
