"""Make the README screenshots of the main window with the demo portfolio.

Run under Xvfb at 1440×900::

    xvfb-run -s "-screen 0 1440x900x24" /work/venv/bin/python tests/screenshots/make_screenshots.py OUTDIR

It builds a temporary workspace holding the demo portfolio, opens the main
window at 1440×900, visits every page and an editor, and saves one PNG per
view (``window.grab()``) into OUTDIR, plus the first-run panel of an empty
workspace. Nothing of the user's own settings or data is touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

WIDTH, HEIGHT = 1440, 900


def _settle(app: object, rounds: int = 20) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop, QThread

    for _ in range(rounds):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
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

    window.close()
    workspace.close()
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        print("usage: make_screenshots.py OUTDIR", file=sys.stderr)
        return 2
    make_screenshots(Path(argv[0]).resolve())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
