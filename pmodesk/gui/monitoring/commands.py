"""Undoable monitoring changes: closing a period, baselines, benefit measurements.

Each command calls a monitoring service in its own session and broadcasts
the tables it touched; undo calls the service that takes the change back.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from pmodesk.gui.commands import ServiceCommand
from pmodesk.gui.context import AppContext

if TYPE_CHECKING:
    from sqlmodel import Session

    from pmodesk.services.monitoring.baselines import BaselinePlan, PlanSnapshot

BASELINE_TABLES = ("project_baseline", "project", "milestone")
MEASUREMENT_TABLES = ("benefit_measurement", "benefit")


class _Command(ServiceCommand):
    def __init__(self, ctx: AppContext, text: str, tables: tuple[str, ...]) -> None:
        super().__init__(text)
        self.ctx, self.tables = ctx, tables

    def _run(self, work: Callable[[Session], Any]) -> Any:
        with self.ctx.session() as session:
            result = work(session)
        self.ctx.notify(self.tables)
        return result


class ClosePeriodCommand(_Command):
    """Close a period (freeze its reports); undo reopens exactly the reports it froze."""

    def __init__(self, ctx: AppContext, period: str) -> None:
        super().__init__(ctx, f"Close period {period}", ("status_report",))
        self.period = period
        self.frozen_now: list[uuid.UUID] = []

    def do(self) -> None:
        from pmodesk.services.monitoring.periods import close_period, frozen_report_ids

        def work(session: Session) -> None:
            before = set(frozen_report_ids(session, self.period))
            close_period(session, self.period, today=date.today())
            self.frozen_now = [
                r for r in frozen_report_ids(session, self.period) if r not in before
            ]

        self._run(work)

    def undo(self) -> None:
        from pmodesk.services.monitoring.periods import reopen_period

        self._run(
            lambda s: reopen_period(s, self.period, report_ids=self.frozen_now, source="undo")
        )


class ReopenPeriodCommand(_Command):
    """Reopen a closed period so its reports can be corrected; undo closes it again."""

    def __init__(self, ctx: AppContext, period: str) -> None:
        super().__init__(ctx, f"Reopen period {period}", ("status_report",))
        self.period = period

    def do(self) -> None:
        from pmodesk.services.monitoring.periods import reopen_period

        self._run(lambda s: reopen_period(s, self.period))

    def undo(self) -> None:
        from pmodesk.services.monitoring.periods import close_period

        self._run(lambda s: close_period(s, self.period, source="undo"))


class BaselineCommand(_Command):
    """Set a project's first baseline or re-baseline it; undo withdraws it and restores the plan."""

    def __init__(
        self,
        ctx: AppContext,
        project_id: uuid.UUID,
        code: str,
        *,
        plan: BaselinePlan | None = None,
        reason: str = "",
        first: bool,
    ) -> None:
        text = f"Set the first baseline of {code}" if first else f"Re-baseline {code}"
        super().__init__(ctx, text, BASELINE_TABLES)
        self.project_id, self.plan, self.reason, self.first = project_id, plan, reason, first
        self.baseline_id: uuid.UUID | None = None
        self._before: PlanSnapshot | None = None

    def do(self) -> None:
        from pmodesk.services.monitoring import baselines

        def work(session: Session) -> None:
            self._before = baselines.snapshot_plan(session, self.project_id)
            if self.first:
                made = baselines.set_first_baseline(
                    session, self.project_id, plan=self.plan, reason=self.reason
                )
            else:
                assert self.plan is not None
                made = baselines.rebaseline(session, self.project_id, self.plan, self.reason)
            self.baseline_id = made.id

        self._run(work)

    def undo(self) -> None:
        from pmodesk.services.monitoring.baselines import withdraw_baseline

        if self.baseline_id is not None:
            baseline_id, before = self.baseline_id, self._before
            self._run(lambda s: withdraw_baseline(s, baseline_id, restore=before))


def _baselines_text(count: int) -> str:
    return f"Set the first baseline of {count} project{'s' if count != 1 else ''}"


def baseline_all(
    session: Session, progress: Callable[[int, int], None] | None = None
) -> list[tuple[uuid.UUID, PlanSnapshot]]:
    """Set the first baseline of every unbaselined planned project; what undo needs, per project.

    ``progress(done, total)`` is called after each project (a job's progress
    and cancel check: raising there rolls the whole batch back).
    """
    from pmodesk.services.monitoring import baselines

    wanted = baselines.unbaselined_projects(session)
    done = []
    for n, project_id in enumerate(wanted, start=1):
        before = baselines.snapshot_plan(session, project_id)
        baselines.set_first_baseline(session, project_id)
        done.append((project_id, before))
        if progress is not None:
            progress(n, len(wanted))
    return done


class BaselineAllCommand(_Command):
    """Baseline every planned project that has no baseline yet; undo withdraws them all.

    ``done`` is given when a background job already set the baselines: the
    command's first redo then only records them for undo.
    """

    def __init__(
        self, ctx: AppContext, done: list[tuple[uuid.UUID, PlanSnapshot]] | None = None
    ) -> None:
        super().__init__(ctx, "Set first baselines", BASELINE_TABLES)
        self.done = list(done or [])
        self._already_done = done is not None
        if done is not None:
            self.setText(_baselines_text(len(done)))

    def do(self) -> None:
        if self._already_done:
            self._already_done = False
            return
        self.done = self._run(baseline_all)
        self.setText(_baselines_text(len(self.done)))

    def undo(self) -> None:
        from pmodesk.services.monitoring.baselines import baseline_in_force, withdraw_baseline

        def work(session: Session) -> None:
            for project_id, before in self.done:
                baseline = baseline_in_force(session, project_id)
                if baseline is not None:
                    withdraw_baseline(session, baseline.id, restore=before)

        self._run(work)


class RecordMeasurementCommand(_Command):
    """Record a benefit measurement; undo deletes it and puts the realised value back."""

    def __init__(
        self, ctx: AppContext, benefit_id: uuid.UUID, code: str, day: date, value: float, note: str
    ) -> None:
        super().__init__(ctx, f"Measure {code} on {day.isoformat()}", MEASUREMENT_TABLES)
        self.benefit_id, self.day, self.value, self.note = benefit_id, day, value, note
        self.measurement_id: uuid.UUID | None = None
        self._realised_before: float | None = None

    def do(self) -> None:
        from pmodesk.domain import Benefit
        from pmodesk.services import records
        from pmodesk.services.monitoring.measurements import record_measurement

        def work(session: Session) -> None:
            self._realised_before = records.get(session, Benefit, self.benefit_id).realised_value
            made = record_measurement(session, self.benefit_id, self.day, self.value, self.note)
            self.measurement_id = made.id

        self._run(work)

    def undo(self) -> None:
        from pmodesk.services.monitoring.measurements import withdraw_measurement

        if self.measurement_id is not None:
            measurement_id, before = self.measurement_id, self._realised_before
            self._run(lambda s: withdraw_measurement(s, measurement_id, realised_before=before))


class EditMeasurementCommand(_Command):
    """Correct a measurement's date, value or note; undo puts the old ones back."""

    def __init__(
        self,
        ctx: AppContext,
        measurement_id: uuid.UUID,
        old: tuple[date, float, str],
        new: tuple[date, float, str],
    ) -> None:
        super().__init__(ctx, "Correct a benefit measurement", MEASUREMENT_TABLES)
        self.measurement_id, self.old, self.new = measurement_id, old, new

    def _apply(self, values: tuple[date, float, str]) -> None:
        from pmodesk.services.monitoring.measurements import update_measurement

        day, value, note = values
        self._run(
            lambda s: update_measurement(
                s, self.measurement_id, measured_on=day, value=value, note=note
            )
        )

    def do(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


class RemoveMeasurementCommand(_Command):
    """Archive a measurement (the realised value falls back); undo restores it."""

    def __init__(self, ctx: AppContext, measurement_id: uuid.UUID) -> None:
        super().__init__(ctx, "Remove a benefit measurement", MEASUREMENT_TABLES)
        self.measurement_id = measurement_id

    def do(self) -> None:
        from pmodesk.services.monitoring.measurements import remove_measurement

        self._run(lambda s: remove_measurement(s, self.measurement_id))

    def undo(self) -> None:
        from pmodesk.services.monitoring.measurements import restore_measurement

        self._run(lambda s: restore_measurement(s, self.measurement_id, source="undo"))


__all__ = [
    "BaselineAllCommand",
    "BaselineCommand",
    "ClosePeriodCommand",
    "EditMeasurementCommand",
    "RecordMeasurementCommand",
    "RemoveMeasurementCommand",
    "ReopenPeriodCommand",
    "baseline_all",
]
