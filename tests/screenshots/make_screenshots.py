"""Make the README screenshots of the main window with the demo portfolio.

Run under Xvfb at 1440×900::

    xvfb-run -s "-screen 0 1440x900x24" /work/venv/bin/python tests/screenshots/make_screenshots.py OUTDIR

It builds a temporary workspace holding the demo portfolio, opens the main
window at 1440×900, visits every page and an editor, and saves one PNG per
view (``window.grab()``) into OUTDIR, plus the first-run panel of an empty
workspace. It then prints the demo's review pack and saves four of its pages
(``pdftoppm``, poppler-utils), and exports the portfolio workbook and saves its
Summary sheet as LibreOffice prints it (``soffice``), when those tools are
installed. Nothing of the user's own settings or data is touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

WIDTH, HEIGHT = 1440, 900
#: Pack pages for the README: the PNG's name and the bookmark of the page it shows.
PACK_PAGES = (
    ("pack-summary", "Executive summary"),
    ("pack-dashboard", "Portfolio dashboard"),
    ("pack-resources", "Resources"),
    ("pack-project", "PRJ-055"),
)


def _settle(app: object, rounds: int = 20) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QThread

    for _ in range(rounds):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        # widgets replaced meanwhile go away as they would in the app's own event loop
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QThread.msleep(10)


def _save(widget: object, path: Path) -> None:
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    if not widget.grab().save(str(path)):
        raise OSError(f"{path} could not be written")
    print(path)


def make_screenshots(out: Path) -> list[Path]:
    """Write the PNGs into ``out``; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="pmodesk-screens-"))
    # A private home: no user settings, data or logs are read or written.
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.environ[name] = str(scratch / name.lower())
    os.environ.setdefault("PMODESK_THEME", "light")
    os.environ.pop("PMODESK_WORKSPACE", None)

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    from pmodesk.gui.app import create_application
    from pmodesk.gui.context import AppContext
    from pmodesk.gui.main_window import MainWindow
    from pmodesk.gui.pages import page_specs
    from pmodesk.services.setup import prepare_workspace
    from pmodesk.store import open_workspace

    app = create_application([sys.argv[0]])
    written: list[Path] = []

    # The first-run panel of an empty workspace.
    empty = open_workspace(scratch / "New office.pmodesk")
    prepare_workspace(empty)
    empty_ctx = AppContext(empty, QSettings(str(scratch / "empty.ini"), QSettings.Format.IniFormat))
    first_window = MainWindow(empty_ctx)
    first_window.resize(WIDTH, HEIGHT)
    first_window.show()
    _settle(app)
    written.append(out / "first-run.png")
    _save(first_window, written[-1])
    first_window.close()
    empty.close()

    # The demo portfolio, page by page.
    workspace = open_workspace(scratch / "PMO portfolio.pmodesk")
    prepare_workspace(workspace)
    try:
        from pmodesk.services.demo import DemoSize, generate_demo
    except ModuleNotFoundError:
        print("pmodesk.services.demo is not available: the pages show an empty workspace")
    else:
        generate_demo(workspace, DemoSize())
    ctx = AppContext(workspace, QSettings(str(scratch / "demo.ini"), QSettings.Format.IniFormat))
    window = MainWindow(ctx)
    window.resize(WIDTH, HEIGHT)
    window.show()
    _settle(app)
    for spec in page_specs():
        window.show_page(spec.key)
        _settle(app)
        # Pages that compute their figures in a background job (the dashboard) paint after it.
        window.jobs.wait(30_000)
        _settle(app)
        written.append(out / f"{spec.key}.png")
        _save(window, written[-1])

    # An editor over the register (the dialog is modal: grab it once it shows).
    window.show_page("register")
    _settle(app)
    try:
        from pmodesk.gui.editors import open_editor
    except ModuleNotFoundError:
        print("pmodesk.gui.editors is not available: no editor screenshot")
    else:
        from sqlmodel import select

        from pmodesk.domain import Project

        with ctx.session() as session:
            project_id = session.exec(select(Project.id).order_by(Project.code)).first()
        editor_png = out / "editor.png"

        def grab_editor(attempts: int = 100) -> None:
            dialog = QApplication.activeModalWidget()
            if isinstance(dialog, QDialog):
                _settle(app, 5)
                _save(dialog, editor_png)
                written.append(editor_png)
                dialog.done(QDialog.DialogCode.Rejected)
            elif attempts:
                QTimer.singleShot(50, lambda: grab_editor(attempts - 1))

        QTimer.singleShot(100, grab_editor)
        open_editor(ctx, Project, project_id, window)

    from wizard_shots import wizard_screenshots

    written += wizard_screenshots(window, ctx, out, scratch, lambda: _settle(app, 2), _save)
    window.close()
    written += _pack_pages(workspace, out, scratch)
    written += _workbook_summary(workspace, out, scratch)
    workspace.close()
    return written


def _bookmarks(reader: Any) -> dict[str, int]:
    """Every bookmark's title and page number (0-based), at any depth."""
    found: dict[str, int] = {}

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.setdefault(str(item.title), reader.get_destination_page_number(item))

    walk(reader.outline)
    return found


def _pack_pages(workspace: Any, out: Path, scratch: Path) -> list[Path]:
    """The demo's review pack, four pages of it as PNG at 100 dpi."""
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is not installed (poppler-utils): no pack pages")
        return []
    from pypdf import PdfReader

    from pmodesk.reports import PackSettings, build_pack

    pdf = scratch / "pack.pdf"
    with workspace.session() as session:
        build_pack(session, PackSettings(), pdf)
    marks = _bookmarks(PdfReader(pdf))
    written = []
    for name, wanted in PACK_PAGES:
        page = next((n for title, n in marks.items() if title.startswith(wanted)), None)
        if page is None:
            print(f"the pack has no page {wanted!r}")
            continue
        stem = out / name
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "100",
                "-singlefile",
                "-f",
                str(page + 1),
                "-l",
                str(page + 1),
                str(pdf),
                str(stem),
            ],
            check=True,
        )
        written.append(stem.with_suffix(".png"))
        print(written[-1])
    return written


def _workbook_summary(workspace: Any, out: Path, scratch: Path) -> list[Path]:
    """The portfolio workbook's Summary sheet, as LibreOffice prints it (proof it reads it)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        print("soffice or pdftoppm is not installed: no workbook picture")
        return []
    from pmodesk.exchange.writing import export_portfolio

    book = scratch / "portfolio.xlsx"
    with workspace.session() as session:
        export_portfolio(session, book, workspace_name="PMO portfolio")
    profile = (scratch / "lo-profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(scratch),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    stem = out / "workbook-summary"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-singlefile",
            "-f",
            "1",
            "-l",
            "1",
            str(scratch / "portfolio.pdf"),
            str(stem),
        ],
        check=True,
    )
    print(stem.with_suffix(".png"))
    return [stem.with_suffix(".png")]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        print("usage: make_screenshots.py OUTDIR", file=sys.stderr)
        return 2
    make_screenshots(Path(argv[0]).resolve())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
