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

from pmodesk.domain import utcnow
from pmodesk.errors import ConflictError, DomainError
from pmodesk.exchange.importing.audit_rows import ImportAudit
from pmodesk.exchange.importing.bulk import Inserter, RowFiller, Updater, bulk_work
from pmodesk.exchange.importing.candidates import model_defaults
from pmodesk.exchange.importing.kinds import KIND_ORDER, FieldType, KindSpec, kind_specs
from pmodesk.exchange.importing.model import ImportCancelled, ImportPlan, ImportResult, RowChange
from pmodesk.exchange.importing.state import PlanState
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
        self.now: datetime = utcnow()
        self.progress = progress
        self.cancelled = cancelled
        self.total = max(1, total)
        self.done = 0
        self.ids = TimeOrderedIds()
        self.refs: dict[tuple[str, Any], Any] = {}
        self.audit = ImportAudit(self.connection, batch, self.now, self.ids)

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
        attrs = {key: spec.fields[key] for key in spec.fields}
        fillers: dict[tuple[str, ...], tuple[RowFiller, int | None, int | None]] = {}
        for change in changes:
            if change.action == "create":
                filler = fillers.get(change.fields)
                if filler is None:
                    filler = fillers[change.fields] = self._filler(spec, inserter, change.fields)
                self._create(entity, inserter, filler, change)
            else:
                self._update(spec, entity, attrs, updater, change)
        inserter.flush()
        updated = updater.flush()
        self.done = start + count
        self.report(f"Wrote {inserter.written + updated:,} {label}")

    def _filler(
        self, spec: KindSpec, inserter: Inserter, fields: tuple[str, ...]
    ) -> tuple[RowFiller, int | None, int | None]:
        """How a row of these fields fills a new record, and where its code and name are."""
        convert: dict[str, Any] = {}
        for key in fields:
            field_spec = spec.fields[key]
            if field_spec.type is FieldType.REF:
                assert field_spec.ref is not None
                convert[field_spec.attr] = self._ref_of(field_spec.ref)
        filler = RowFiller(inserter, [spec.fields[k].attr for k in fields], convert)
        code_at = fields.index("code") if "code" in fields else None
        name = spec.name_field
        name_at = fields.index(name) if name is not None and name in fields else None
        return filler, code_at, name_at

    def _ref_of(self, ref: str) -> Callable[[Any], Any]:
        def id_of(code: Any) -> Any:
            key = (ref, code)
            found = self.refs.get(key, _NONE)
            if found is _NONE:
                found = self.refs[key] = self.state.id_of(ref, code)
            return found

        return id_of

    def _create(
        self,
        entity: str,
        inserter: Inserter,
        filler: tuple[RowFiller, int | None, int | None],
        change: RowChange,
    ) -> None:
        rows, code_at, name_at = filler
        values = change.new
        row = rows.row(values)
        record_id = change.record_id or self.ids.next()
        row[inserter.position["id"]] = rows.stored_id(record_id)
        inserter.append(row)
        code = values[code_at] if code_at is not None else ""
        name = values[name_at] if name_at is not None else None
        self.audit.created(entity, record_id, code, name, change.source)

    def _update(
        self,
        spec: KindSpec,
        entity: str,
        attrs: dict[str, Any],
        updater: Updater,
        change: RowChange,
    ) -> None:
        assert change.record_id is not None
        assert change.version is not None
        old = self._attrs(attrs, change.fields, change.old or ())
        new = self._attrs(attrs, change.fields, change.new)
        changed = {attrs[f].attr: new[attrs[f].attr] for f in change.changed}
        updater.add(change.record_id, change.version, changed, self.now)
        code = new.get("code") or old.get("code") or ""
        for attr, value in changed.items():
            self.audit.changed(entity, change.record_id, code, attr, old.get(attr), value,
                               change.source)  # fmt: skip

    def _attrs(
        self, attrs: dict[str, Any], fields: tuple[str, ...], values: tuple[Any, ...]
    ) -> dict[str, Any]:
        """A row's field values as table attributes, references as ids."""
        out: dict[str, Any] = {}
        for key, value in zip(fields, values, strict=False):
            field_spec = attrs[key]
            if value is not None and field_spec.type is FieldType.REF:
                assert field_spec.ref is not None
                value = self._ref_of(field_spec.ref)(value)
            out[field_spec.attr] = value
        return out

    def finish(self) -> None:
        self.audit.flush()
        self.report("Written")
