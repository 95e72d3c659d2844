"""Writing a checked import: every accepted row in one transaction, audited under one batch.

Records are written kind by kind in the order their references need, new
ones inserted and changed ones updated (guarded by the version the plan saw),
nothing deleted. Each new record gets one audit event and each changed field
one, all with the file's name as source and the import's batch id, which is
the handle :func:`~.undo.undo_import` takes. A refusal, a cancel or a failure
rolls the session back: the workspace is as it was.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from pmodesk.domain import AuditEvent, utcnow
from pmodesk.domain.enums import AuditAction
from pmodesk.errors import ConflictError, DomainError
from pmodesk.exchange.importing.bulk import Inserter, Updater, bulk_work
from pmodesk.exchange.importing.candidates import model_defaults
from pmodesk.exchange.importing.kinds import KIND_ORDER, FieldType, KindSpec, kind_specs
from pmodesk.exchange.importing.model import ImportCancelled, ImportPlan, ImportResult, RowChange
from pmodesk.exchange.importing.state import PlanState
from pmodesk.services.audit import as_text, current_user
from pmodesk.services.demo.world import TimeOrderedIds

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
BULK_CACHE_KIB = 256 * 1024
_NONE = object()


def apply_import(
    session: Session,
    plan: ImportPlan,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportResult:
    """Write ``plan`` in one transaction, or nothing.

    Raises DomainError when the plan is refused, ImportCancelled when
    ``cancelled()`` turns true, ConflictError when a record changed since the
    plan was made; the session is rolled back in each case. The caller commits.
    """
    if plan.refused:
        errors = len(plan.errors)
        raise DomainError(
            f"The import was refused: {errors} problem{'s' if errors != 1 else ''} must be "
            "fixed or their rows skipped; nothing was written."
        )
    if plan.state is None:
        raise DomainError("This import plan was not made by plan_import; check the files again.")
    batch = uuid.uuid4()
    writer = _Writer(session, plan.state, batch, progress, cancelled, len(plan.preview))
    try:
        with _large_page_cache(session), bulk_work():
            for kind, changes in _by_kind(plan.preview):
                writer.write(kind_specs()[kind], changes)
            writer.finish()
    except IntegrityError as exc:
        session.rollback()
        raise ConflictError(
            "The workspace changed after the import was checked (a record it names was "
            "removed or a code was taken meanwhile); check the file again and import it then."
        ) from exc
    except BaseException:
        session.rollback()
        raise
    session.expire_all()
    counts = plan.counts()
    return ImportResult(
        batch=batch,
        created=counts["created"],
        updated=counts["updated"],
        unchanged=counts["unchanged"],
        skipped=counts["skipped"],
        changes=[c for c in plan.preview if c.action in ("create", "update")],
    )


def _by_kind(preview: list[RowChange]) -> Iterator[tuple[str, list[RowChange]]]:
    groups: dict[str, list[RowChange]] = {}
    for change in preview:
        if change.action in ("create", "update"):
            groups.setdefault(change.kind, []).append(change)
    for kind in KIND_ORDER:
        if kind in groups:
            yield kind, groups[kind]


@contextmanager
def _large_page_cache(session: Session) -> Iterator[None]:
    """A larger SQLite page cache while writing many rows: index pages stay in memory."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(before or -2000)}")


class _Writer:
    """Writes the changes of one import and their audit events."""

    def __init__(
        self,
        session: Session,
        state: PlanState,
        batch: uuid.UUID,
        progress: Progress | None,
        cancelled: Cancelled | None,
        total: int,
    ) -> None:
        self.session = session
        self.connection = session.connection()
        self.state = state
        self.batch = batch
        self.now: datetime = utcnow()
        self.progress = progress
        self.cancelled = cancelled
        self.total = max(1, total)
        self.done = 0
        self.ids = TimeOrderedIds()
        self.refs: dict[tuple[str, Any], Any] = {}
        constants = {"created_at": self.now, "updated_at": self.now, "version": 1, "at": self.now,
                     "user": current_user(), "batch": batch, "old": None, "new": None, "field": "",
                     "code": ""}  # fmt: skip
        self.audit = Inserter(self.connection, AuditEvent, constants)

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelled()

    def report(self, message: str) -> None:
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total, message)

    def write(self, spec: KindSpec, changes: list[RowChange]) -> None:
        self.check()
        label = spec.plural
        defaults = model_defaults(self.session, spec.model) | {
            "created_at": self.now, "updated_at": self.now, "version": 1, "archived_at": None,
        }  # fmt: skip
        entity = str(spec.model.__tablename__)
        count = len(changes)
        start = self.done

        def flushed(written: int) -> None:
            self.done = start + written
            self.report(f"Writing {label}: {written:,} of {count:,}")
            self.check()

        inserter = Inserter(self.connection, spec.model, defaults, on_flush=flushed)
        updater = Updater(self.connection, spec.model, label)
        name_attr = spec.name_field
        attrs = {key: spec.fields[key] for key in spec.fields}
        for change in changes:
            if change.action == "create":
                values = self._attrs(spec, attrs, change.fields, change.new, skip_none=True)
                record_id = change.record_id or self.ids.next()
                values["id"] = record_id
                inserter.add(values)
                self._event(AuditAction.CREATE, entity, record_id, values.get("code", ""),
                            new=values.get(name_attr) if name_attr else None, source=change.source)  # fmt: skip
            else:
                assert change.record_id is not None
                assert change.version is not None
                old = self._attrs(spec, attrs, change.fields, change.old or (), skip_none=False)
                new = self._attrs(spec, attrs, change.fields, change.new, skip_none=False)
                changed = {attrs[f].attr: new[attrs[f].attr] for f in change.changed}
                updater.add(change.record_id, change.version, changed, self.now)
                code = new.get("code") or old.get("code") or ""
                for attr, value in changed.items():
                    self._event(AuditAction.UPDATE, entity, change.record_id, code, field=attr,
                                old=old.get(attr), new=value, source=change.source)  # fmt: skip
        inserter.flush()
        updated = updater.flush()
        self.done = start + count
        self.report(f"Wrote {inserter.written + updated:,} {label}")

    def _attrs(
        self,
        spec: KindSpec,
        attrs: dict[str, Any],
        fields: tuple[str, ...],
        values: tuple[Any, ...],
        *,
        skip_none: bool,
    ) -> dict[str, Any]:
        """A row's field values as table attributes: references as ids, defaults for blanks."""
        out: dict[str, Any] = {}
        for key, value in zip(fields, values, strict=False):
            field_spec = attrs[key]
            if value is None:
                if skip_none:
                    continue
                out[field_spec.attr] = None
                continue
            if field_spec.type is FieldType.REF:
                assert field_spec.ref is not None
                ref_key = (field_spec.ref, value)
                found = self.refs.get(ref_key, _NONE)
                if found is _NONE:
                    found = self.refs[ref_key] = self.state.id_of(field_spec.ref, value)
                out[field_spec.attr] = found
            else:
                out[field_spec.attr] = value
        return out

    def _event(
        self,
        action: AuditAction,
        entity: str,
        record_id: uuid.UUID,
        code: Any,
        *,
        field: str = "",
        old: Any = None,
        new: Any = None,
        source: str = "",
    ) -> None:
        self.audit.add(
            {
                "id": self.ids.next(),
                "action": action,
                "entity": entity,
                "entity_id": record_id,
                "code": str(code or ""),
                "field": field,
                "old": as_text(old),
                "new": as_text(new),
                "source": source[:300],
            }
        )

    def finish(self) -> None:
        self.audit.flush()
        self.report("Written")
