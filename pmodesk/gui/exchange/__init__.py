"""The exchange dialogs: Export to Excel, Status requests, Collect returned status workbooks.

Each ``open_*`` function takes the main window (anything with ``ctx`` and
``jobs``) and shows its dialog; the work runs through the window's
:class:`~pmodesk.gui.jobs.JobRunner` with progress and Cancel.
"""

from __future__ import annotations

from pmodesk.gui.exchange.collect_dialog import CollectStatusDialog, open_collect_status_dialog
from pmodesk.gui.exchange.export_dialog import ExportDialog, open_export_dialog
from pmodesk.gui.exchange.requests_dialog import StatusRequestsDialog, open_status_requests_dialog

__all__ = [
    "CollectStatusDialog",
    "ExportDialog",
    "StatusRequestsDialog",
    "open_collect_status_dialog",
    "open_export_dialog",
    "open_status_requests_dialog",
]
