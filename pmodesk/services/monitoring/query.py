"""Plain-column queries for the monitoring read models: rows as tuples, no ORM objects.

Thousands of RAID items, milestones or lessons come back several times faster
as tuples of the columns a view needs than as loaded records.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select

__all__ = ["columns"]


def columns(*wanted: Any) -> Select[Any]:
    """A Core SELECT of plain columns (rows come back as tuples, not ORM objects)."""
    return select(*wanted)
