"""The governance review pack (reportlab platypus): its sections, charts and fonts.

``build_pack(session, settings, path, progress=, cancelled=)`` gathers the
workspace's data for :class:`PackSettings` and writes the PDF atomically.
The data gathering (:mod:`.data`) is Qt-free and PDF-free; the layout
(:mod:`.sections`, :mod:`.document`, :mod:`.charts`, :mod:`.tables`) only
reads the gathered dataclasses.

Names load on first use (PEP 562), so that the settings and the data can be
imported without loading reportlab.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pmodesk.reports.build import PackResult, build_pack, render_pack
    from pmodesk.reports.data import PackCancelled, PackData, checklist_compliance, gather_pack
    from pmodesk.reports.settings import (
        HeatmapColumns,
        HeatmapRows,
        PackSettings,
        Paper,
        Scope,
        Section,
        load_pack_settings,
        save_pack_settings,
    )

#: Where each public name lives.
_HOMES: dict[str, str] = {
    "PackResult": "build",
    "build_pack": "build",
    "render_pack": "build",
    "PackCancelled": "data",
    "PackData": "data",
    "checklist_compliance": "data",
    "gather_pack": "data",
    "HeatmapColumns": "settings",
    "HeatmapRows": "settings",
    "PackSettings": "settings",
    "Paper": "settings",
    "Scope": "settings",
    "Section": "settings",
    "load_pack_settings": "settings",
    "save_pack_settings": "settings",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'pmodesk.reports' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"pmodesk.reports.{home}"), name)
    globals()[name] = value
    return value


__all__ = [
    "HeatmapColumns",
    "HeatmapRows",
    "PackCancelled",
    "PackData",
    "PackResult",
    "PackSettings",
    "Paper",
    "Scope",
    "Section",
    "build_pack",
    "checklist_compliance",
    "gather_pack",
    "load_pack_settings",
    "render_pack",
    "save_pack_settings",
]
