"""Sending the printed pack to a printer through Qt's print dialog.

Qt can draw a PDF's pages onto a printer only with its PDF module (QtPdf),
which PySide6-Essentials does not ship (PySide6-Addons does). So there are
three ways, tried in this order:

1. QtPdf present: the print dialog chooses printer, copies and pages, and
   each page is rendered onto the printer at its resolution;
2. a CUPS ``lp`` command (Linux, macOS): the print dialog chooses printer,
   copies and pages, and the PDF itself goes to that printer (CUPS prints
   PDF natively, so nothing is rasterised); "Print to file" saves a copy;
3. neither (Windows without QtPdf): a sentence explains, and the pack opens
   in the system's PDF viewer, to print from there.
"""

from __future__ import annotations

import shutil
import subprocess
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from pmodesk.errors import DomainError


class Route(StrEnum):
    QTPDF = "qtpdf"
    LP = "lp"
    VIEWER = "viewer"


VIEWER_MESSAGE = (
    "This copy of pmodesk cannot send a PDF to a printer by itself (Qt's PDF module is not "
    "installed). The pack opens in your PDF viewer: print it from there."
)


def qtpdf_document() -> Any:
    """QtPdf's QPdfDocument class, or ``None`` when the module is not installed."""
    try:
        from PySide6.QtPdf import QPdfDocument
    except ImportError:
        return None
    return QPdfDocument


def route() -> Route:
    if qtpdf_document() is not None:
        return Route.QTPDF
    if shutil.which("lp"):
        return Route.LP
    return Route.VIEWER


def open_pdf(path: Path) -> bool:
    """Open the pack in the system's PDF viewer."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


def explain_viewer(parent: QWidget | None) -> QMessageBox:
    """Say why the pack opens in the viewer (window-modal, not blocking; kept by its parent)."""
    box = QMessageBox(parent if parent is not None else QApplication.activeWindow())
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setObjectName("printViaViewer")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("Print review pack")
    box.setText(VIEWER_MESSAGE)
    box.open()
    return box


def _dialog(printer: QPrinter, pages: int, parent: QWidget | None) -> bool:
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print review pack")
    dialog.setMinMax(1, max(1, pages))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    return dialog.exec() == QDialog.DialogCode.Accepted


def lp_command(path: Path, printer: QPrinter, pages: int) -> list[str]:
    """The ``lp`` command printing ``path`` as the dialog chose: printer, copies, pages."""
    command = ["lp", "-t", path.stem]
    if printer.printerName():
        command += ["-d", printer.printerName()]
    if printer.copyCount() > 1:
        command += ["-n", str(printer.copyCount())]
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        last = printer.toPage() or pages
        command += ["-P", f"{printer.fromPage()}-{last}"]
    return [*command, str(path)]


def _print_with_lp(path: Path, printer: QPrinter, pages: int) -> None:
    target = printer.outputFileName()
    if target:  # "Print to file": the pack is already a PDF
        shutil.copyfile(path, target)
        return
    done = subprocess.run(
        lp_command(path, printer, pages), capture_output=True, text=True, timeout=60, check=False
    )
    if done.returncode != 0:
        reason = (done.stderr or done.stdout).strip().splitlines()
        raise DomainError(
            "The printer did not take the pack"
            + (f": {reason[-1]}" if reason else ".")
            + " The PDF is saved; print it from your PDF viewer."
        )


def _print_with_qtpdf(
    document_class: Any, path: Path, printer: QPrinter, parent: QWidget | None
) -> bool:
    from PySide6.QtCore import QRect, QSize
    from PySide6.QtGui import QPainter

    document = document_class(parent)
    document.load(str(path))
    pages = int(document.pageCount())
    if not _dialog(printer, pages, parent):
        return False
    first = max(1, printer.fromPage() or 1)
    last = min(pages, printer.toPage() or pages)
    painter = QPainter(printer)
    try:
        for number in range(first - 1, last):
            if number > first - 1:
                printer.newPage()
            area = painter.viewport()
            size = document.pagePointSize(number)
            scale = min(area.width() / size.width(), area.height() / size.height())
            width, height = int(size.width() * scale), int(size.height() * scale)
            image = document.render(number, QSize(width, height))
            painter.drawImage(QRect(0, 0, width, height), image)
    finally:
        painter.end()
    return True


def print_pdf(path: Path, pages: int, parent: QWidget | None) -> Route | None:
    """Print ``path`` (a pack of ``pages`` pages); returns the way used, ``None`` if cancelled."""
    chosen = route()
    if chosen is Route.VIEWER:
        explain_viewer(parent)
        open_pdf(path)
        return chosen
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(path.stem)
    if chosen is Route.QTPDF:
        return chosen if _print_with_qtpdf(qtpdf_document(), path, printer, parent) else None
    if not _dialog(printer, pages, parent):
        return None
    _print_with_lp(path, printer, pages)
    return chosen
