"""Record lists: a generic table model over plain rows, its search proxy, and the list tab."""

from __future__ import annotations

from pmodesk.gui.records.model import ID_ROLE, RecordFilterProxy, RecordTableModel
from pmodesk.gui.records.tab import RecordListTab

__all__ = ["ID_ROLE", "RecordFilterProxy", "RecordListTab", "RecordTableModel"]
