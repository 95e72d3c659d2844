"""What planning shares between sheets, and what a plan carries to the moment it is applied.

:class:`PlanState` is the part of a plan the writer needs besides the row
changes: the codes and ids of every record the rows name (so a plan made in one
session can be applied in another) and the records already in the workspace
that the plan matched. :class:`PlanContext` adds what only planning needs: the
session, the options, where problems and changes are collected.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from pmodesk.exchange.importing.candidates import RuleSession, model_defaults
from pmodesk.exchange.importing.existing import ExistingIndex
from pmodesk.exchange.importing.kinds import KindSpec, kind_specs, reference_kinds
from pmodesk.exchange.importing.model import (
    ImportCancelled,
    ImportOptions,
    Problem,
    RowChange,
    Severity,
)
from pmodesk.exchange.importing.resolver import Resolver
from pmodesk.exchange.reading import CellValue, clean_text
from pmodesk.services.demo.world import TimeOrderedIds


@dataclass
class PlanState:
    """The codes -> ids a plan's rows need when they are written."""

    resolver: Resolver

    def id_of(self, ref_key: str, code: Any) -> uuid.UUID | None:
        """The id of the record a reference field's value (a code) names."""
        if code is None:
            return None
        kind, _model = reference_kinds()[ref_key]
        return self.resolver.id_of(kind, str(code))


@dataclass
class PlanContext:
    """Everything the sheets of one import share while they are planned."""

    session: Session
    options: ImportOptions
    resolver: Resolver
    rules: RuleSession
    currency: str
    cancelled: Callable[[], bool] | None = None
    problems: list[Problem] = field(default_factory=list)
    preview: list[RowChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seen: dict[str, dict[tuple[Any, ...], tuple[str, str, int]]] = field(default_factory=dict)
    ids: TimeOrderedIds = field(default_factory=TimeOrderedIds)
    _existing: dict[str, ExistingIndex] = field(default_factory=dict)
    _defaults: dict[str, dict[str, Any]] = field(default_factory=dict)

    def existing(self, kind: str) -> ExistingIndex:
        found = self._existing.get(kind)
        if found is None:
            found = self._existing[kind] = ExistingIndex(self.session, kind_specs()[kind])
        return found

    def defaults(self, spec: KindSpec) -> dict[str, Any]:
        found = self._defaults.get(spec.kind)
        if found is None:
            found = self._defaults[spec.kind] = model_defaults(self.session, spec.model)
        return found

    def known_codes(self, kind: str, codes: list[str]) -> float:
        """The share of ``codes`` that are records of ``kind`` in the workspace, or follow its
        code style (PRJ-0042 where projects are PRJ-0001 ...)."""
        table = self.resolver.table(kind)
        if not table.by_code:
            return 0.0
        known = sum(1 for c in codes if c in table.by_code)
        prefix = self.resolver.style(kind).prefix.upper()
        styled = sum(1 for c in codes if prefix and c.startswith(prefix))
        return (known + 0.5 * (styled - known if styled > known else 0)) / len(codes)

    def check_cancelled(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelled()

    def problem(
        self,
        source: str,
        sheet: str,
        row: int,
        column: str,
        value: CellValue,
        reason: str,
        severity: Severity = "error",
    ) -> Problem:
        found = Problem(source, sheet, row, column, shown(value), reason, severity)
        self.problems.append(found)
        return found


def shown(value: CellValue) -> str:
    """A cell's value as a problem report writes it."""
    if value is None:
        return ""
    if isinstance(value, str):
        text = value.replace("\n", " ").strip()
        return text if len(text) <= 120 else text[:117] + "..."
    return clean_text(value) if not hasattr(value, "isoformat") else str(value)
