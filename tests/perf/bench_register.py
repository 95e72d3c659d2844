"""Benchmark of the project register with 10,000 projects, beside bare Qt baselines.

Run (not collected by pytest)::

    QT_QPA_PLATFORM=offscreen python tests/perf/bench_register.py [--projects 10000]

Prints, each beside a baseline measured in the same run and the ratio:

* loading the register rows (one query) and building the Qt model, beside a
  QStandardItemModel filled with the same rows;
* one filter keystroke in the search box, until the proxy and the view are
  updated, beside a bare QSortFilterProxyModel over that QStandardItemModel;
* sorting a column (number, date, text), beside the bare proxy sorting;
* resident memory of the process holding the workspace and the view (target
  < 400 MB);
* start-up in fresh processes (imports counted): a bare QMainWindow shown, beside
  pmodesk's main window shown (target within 2x), its register first painted
  with the workspace's rows (target within 1 s) and the workspace attached
  (the rows then come from the store and can be edited).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPEATS = 5


def median_time(action: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def line(label: str, ours: float, bare: float, unit: str = "ms", target: str = "") -> None:
    scale = 1000 if unit == "ms" else 1
    digits = 1 if unit == "ms" else 2
    ratio = ours / bare if bare else float("inf")
    print(
        f"  {label:<38} {ours * scale:9.{digits}f} {unit}   bare {bare * scale:9.{digits}f} {unit}"
        f"   ratio {ratio:5.2f}x  {target}"
    )


# ---------------------------------------------------------------- workspace


def build_workspace(path: Path, projects: int) -> float:
    """A demo workspace of ``projects`` projects; returns the seconds it took."""
    from pmodesk.services.demo import DemoSize, generate_demo
    from pmodesk.store import open_workspace

    start = time.perf_counter()
    workspace = open_workspace(path)
    try:
        generate_demo(workspace, DemoSize(projects=projects, people=1000, weeks=4))
    finally:
        workspace.close()
    return time.perf_counter() - start


# ---------------------------------------------------------------- in-process part


def bench_in_process(path: Path) -> None:
    import psutil
    from PySide6.QtCore import QSettings, QSortFilterProxyModel, Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView

    from pmodesk.gui.context import AppContext
    from pmodesk.gui.register.columns import COLUMN_INDEX, COLUMNS, display_text
    from pmodesk.gui.register.model import RegisterModel
    from pmodesk.gui.register.view import RegisterView
    from pmodesk.services.register import fold, register_rows, search_text
    from pmodesk.store import open_workspace

    app = QApplication.instance() or QApplication([])
    workspace = open_workspace(path)
    settings_dir = tempfile.mkdtemp(prefix="pmodesk-bench-settings-")
    settings = QSettings(str(Path(settings_dir) / "s.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(workspace, settings)

    def query() -> list[object]:
        with workspace.session() as session:
            return list(register_rows(session, include_archived=True))

    rows = register_rows(workspace.session().__enter__(), include_archived=True)
    query_time = median_time(query)
    model_time = median_time(lambda: RegisterModel(ctx))

    def bare_model() -> QStandardItemModel:
        model = QStandardItemModel(len(rows), len(COLUMNS) + 1)
        for r, row in enumerate(rows):
            for c, column in enumerate(COLUMNS):
                value = column.value(row)
                item = QStandardItem(display_text(column, value))
                model.setItem(r, c, item)
            model.setItem(r, len(COLUMNS), QStandardItem(search_text(row)))
        return model

    bare_build = median_time(bare_model, repeats=3)
    print(f"\nRegister with {len(rows):,} projects")
    line("query the rows (one SELECT)", query_time, query_time, target="(query itself)")
    line(
        "query + build the Qt model",
        model_time,
        bare_build,
        target="bare = QStandardItemModel fill",
    )

    # The view, shown, holding all rows.
    view = RegisterView(ctx)
    view.resize(1440, 900)
    view.show()
    app.processEvents()

    # The bare baseline: a QSortFilterProxyModel over a QStandardItemModel with typed sort data.
    base = bare_model()
    for r, row in enumerate(rows):
        for field in ("budget", "forecast_finish", "name"):
            value = getattr(row, field)
            sort_value = fold(value) if isinstance(value, str) else value
            base.item(r, COLUMN_INDEX[field]).setData(sort_value, Qt.ItemDataRole.UserRole)
    bare_proxy = QSortFilterProxyModel()
    bare_proxy.setSourceModel(base)
    bare_proxy.setFilterKeyColumn(len(COLUMNS))
    bare_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    bare_proxy.setSortRole(Qt.ItemDataRole.UserRole)
    bare_view = QTableView()
    bare_view.setModel(bare_proxy)
    bare_view.resize(1440, 900)
    bare_view.show()
    app.processEvents()

    # Filter keystrokes: type a manager's name one letter at a time, then delete it again.
    sample = rows[len(rows) // 2]
    word = fold(sample.manager.split()[0] if sample.manager else sample.name.split()[0])[:5]
    typed = [word[: i + 1] for i in range(len(word))]
    sequence = typed + typed[-2::-1] + [""]

    def type_ours(text: str) -> float:
        start = time.perf_counter()
        view.searchEdit.setText(text)
        app.processEvents()
        return time.perf_counter() - start

    def type_bare(text: str) -> float:
        start = time.perf_counter()
        bare_proxy.setFilterFixedString(text)
        app.processEvents()
        return time.perf_counter() - start

    ours_keys = [type_ours(text) for text in sequence for _ in range(2)]
    bare_keys = [type_bare(text) for text in sequence for _ in range(2)]
    shown = {}
    for text in typed:
        view.searchEdit.setText(text)
        bare_proxy.setFilterFixedString(text)
        app.processEvents()
        shown[text] = (view.proxy.rowCount(), bare_proxy.rowCount())
    view.searchEdit.setText("")
    bare_proxy.setFilterFixedString("")
    app.processEvents()
    print(
        f"\nFilter keystrokes typing {word!r} and back ({len(sequence)} strokes, rows shown ours/bare: {shown})"
    )
    line(
        "one keystroke (median)",
        statistics.median(ours_keys),
        statistics.median(bare_keys),
        target="target < 100 ms",
    )
    line("one keystroke (worst)", max(ours_keys), max(bare_keys))

    print("\nSorting a column (click on the header, until the view is updated)")
    worst_sort = 0.0
    for field in ("budget", "forecast_finish", "name", "code"):
        section = COLUMN_INDEX[field]

        def sort_ours(order: Qt.SortOrder, section: int = section) -> None:
            view.tableView.sortByColumn(section, order)
            app.processEvents()

        def sort_bare(order: Qt.SortOrder, section: int = section) -> None:
            bare_view.sortByColumn(section, order)
            app.processEvents()

        orders = [Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder] * 3
        ours_times, bare_times = [], []
        for order in orders:
            start = time.perf_counter()
            sort_ours(order)
            ours_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            sort_bare(order)
            bare_times.append(time.perf_counter() - start)
        worst_sort = max(worst_sort, max(ours_times))
        line(
            f"sort by {field}",
            statistics.median(ours_times),
            statistics.median(bare_times),
            target="target < 100 ms",
        )

    bare_view.close()
    app.processEvents()
    rss = psutil.Process().memory_info().rss
    print(
        f"\nResident memory holding the workspace and the register view: {rss / 2**20:.0f} MB (target < 400 MB)"
    )
    view.close()
    workspace.close()


# ---------------------------------------------------------------- start-up in fresh processes

BARE_STARTUP = """
import os, sys, time
t0 = float(os.environ["BENCH_T0"])
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1440, 900)
window.show()
app.processEvents()
print("shown", time.time() - t0, flush=True)
"""

APP_STARTUP = """
import os, sys, time
t0 = float(os.environ["BENCH_T0"])
from PySide6.QtCore import QEvent, QObject
from pmodesk.gui.app import start
app, window, ctx = start([sys.argv[1]])  # returns once the window has been shown and painted
print("shown", time.time() - t0, flush=True)
marks = {}

class FirstRowsPainted(QObject):
    # The moment the register's table first paints rows: the data is on screen.
    def eventFilter(self, watched, event):
        if "data" not in marks and event.type() == QEvent.Type.Paint:
            page = window.page_widget("register")
            proxy = getattr(page, "proxy", None)
            table = getattr(page, "tableView", None)
            if (
                proxy is not None
                and watched is table.viewport()
                and proxy.rowCount() > 0
                and page.isVisible()
            ):
                marks["data"] = time.time() - t0
        return False

painted = FirstRowsPainted()
app.installEventFilter(painted)
deadline = time.time() + 30
while "data" not in marks or not ctx.has_workspace:
    app.processEvents()
    if time.time() > deadline:
        print("data never shown", flush=True)
        sys.exit(1)
attached = time.time() - t0
app.removeEventFilter(painted)
page = window.page_widget("register")
print("data", marks["data"], flush=True)
print("attached", attached, flush=True)
print("rows", page.proxy.rowCount(), flush=True)
import psutil
print("rss", psutil.Process().memory_info().rss, flush=True)
"""


def run_startup(script: str, *args: str) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if len(args) > 1:  # a private settings folder: the app reads and writes QSettings there
        env["XDG_CONFIG_HOME"] = args[1]
    env["BENCH_T0"] = repr(time.time())
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    marks = {}
    for text in done.stdout.splitlines():
        parts = text.split()
        if len(parts) == 2:
            marks[parts[0]] = float(parts[1])
    if done.returncode != 0 or "shown" not in marks:
        print(done.stdout, done.stderr[-2000:], file=sys.stderr)
        raise SystemExit("a start-up run failed")
    return marks


def bench_startup(path: Path, runs: int = 5) -> None:
    settings_dir = Path(tempfile.mkdtemp(prefix="pmodesk-bench-startup-"))
    bare, shown, data, attached, rss = [], [], [], [], []
    for i in range(runs):
        bare.append(run_startup(BARE_STARTUP)["shown"])
        marks = run_startup(APP_STARTUP, str(path), str(settings_dir / f"s{i}"))
        shown.append(marks["shown"])
        data.append(marks["data"])
        attached.append(marks["attached"])
        rss.append(marks["rss"])
    print(f"\nStart-up in fresh processes (median of {runs}; imports counted)")
    line(
        "main window shown",
        statistics.median(shown),
        statistics.median(bare),
        "s",
        "target within 2x",
    )
    line(
        "register painted with the data",
        statistics.median(data),
        statistics.median(bare),
        "s",
        "target < 1 s",
    )
    line(
        "workspace attached (editable)",
        statistics.median(attached),
        statistics.median(bare),
        "s",
    )
    print(
        f"  resident memory of the app after start-up: {statistics.median(rss) / 2**20:.0f} MB (target < 400 MB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument(
        "--workspace", type=Path, help="reuse this workspace instead of building one"
    )
    options = parser.parse_args()
    if options.workspace is not None and options.workspace.exists():
        path = options.workspace
    else:
        path = (
            options.workspace or Path(tempfile.mkdtemp(prefix="pmodesk-bench-")) / "bench.pmodesk"
        )
        seconds = build_workspace(path, options.projects)
        print(f"Built a demo workspace of {options.projects:,} projects in {seconds:.1f} s: {path}")
    bench_in_process(path)
    bench_startup(path)


if __name__ == "__main__":
    main()
