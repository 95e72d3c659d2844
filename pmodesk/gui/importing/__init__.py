"""The Excel import wizard (issue 7) and the drop support that opens it.

Public API for the main window::

    from pmodesk.gui.importing import accept_workbook_drops, open_import_wizard

    open_import_wizard(window, ctx, jobs)            # File > Import…
    open_import_wizard(window, ctx, jobs, [path])    # a workbook dropped on the window
    accept_workbook_drops(window, lambda paths: open_import_wizard(window, ctx, jobs, paths))

The wizard module (and with it the importer) loads on first use.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pmodesk.gui.importing.drops import (
    WORKBOOK_SUFFIXES,
    WorkbookDropFilter,
    accept_workbook_drops,
    is_workbook,
    workbook_paths,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from pmodesk.gui.context import AppContext
    from pmodesk.gui.importing.wizard import ImportWizard
    from pmodesk.gui.jobs import JobRunner

__all__ = [
    "WORKBOOK_SUFFIXES",
    "WorkbookDropFilter",
    "accept_workbook_drops",
    "is_workbook",
    "open_import_wizard",
    "workbook_paths",
]


def open_import_wizard(
    window: QWidget,
    ctx: AppContext,
    jobs: JobRunner,
    paths: list[Path] | None = None,
) -> ImportWizard:
    """Show the import wizard over ``window``; see :func:`.wizard.open_import_wizard`."""
    from pmodesk.gui.importing.wizard import open_import_wizard as show

    return show(window, ctx, jobs, paths)
