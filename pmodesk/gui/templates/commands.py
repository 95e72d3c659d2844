"""Undoable template library changes: each is one step on the context's undo stack.

* :class:`TemplateChangeCommand` — any change that returns a
  :class:`~pmodesk.services.templates.TemplateChange` (edit, publish, retire,
  create, duplicate, restore defaults, import a pack); undo reverts it exactly.
* :class:`InstantiateCommand` — a project from a template with everything it
  carries; undo removes exactly what was made, redo makes it again with the
  same ids (so later steps on the stack still find the project).
* :class:`ProduceDocumentCommand` and :class:`EditDocumentCommand` — documents.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from pmodesk.gui.commands import ServiceCommand
from pmodesk.gui.context import AppContext

if TYPE_CHECKING:
    from sqlmodel import Session

    from pmodesk.services.templates import Instantiation, TemplateChange

TEMPLATE_TABLES = frozenset({"template", "stage", "gate_checklist_item"})
INSTANCE_TABLES = frozenset(
    {
        "project",
        "milestone",
        "project_checklist_item",
        "raid_item",
        "allocation",
        "project_document",
    }
)


class TemplateChangeCommand(ServiceCommand):
    """Run ``change(session)`` (a library change); undo reverts what it returned."""

    def __init__(
        self, ctx: AppContext, text: str, change: Callable[[Session], TemplateChange]
    ) -> None:
        super().__init__(text)
        self._ctx = ctx
        self._change = change
        self.result: TemplateChange | None = None
        #: Anything else the service returned (e.g. a restore report), for the caller.
        self.outcome: Any = None

    def do(self) -> None:
        with self._ctx.session() as session:
            self.result = self._change(session)
        self._ctx.notify(TEMPLATE_TABLES)

    def undo(self) -> None:
        from pmodesk.services.templates import revert_change

        if self.result is None:
            return
        with self._ctx.session() as session:
            revert_change(session, self.result)
        self._ctx.notify(TEMPLATE_TABLES)


class InstantiateCommand(ServiceCommand):
    """Create a project from a project template, with all it carries, as one step."""

    def __init__(
        self,
        ctx: AppContext,
        template_code: str,
        *,
        name: str,
        start: date,
        manager: str = "",
        sponsor: str = "",
    ) -> None:
        super().__init__(f"New project from template {template_code}")
        self._ctx = ctx
        self._code = template_code
        self._values = {"name": name, "start": start, "manager": manager, "sponsor": sponsor}
        self.result: Instantiation | None = None
        self._ids: list[uuid.UUID] = []

    def do(self) -> None:
        from pmodesk.services.templates import create_project_from_template

        with self._ctx.session() as session:
            self.result = create_project_from_template(
                session,
                self._code,
                name=str(self._values["name"]),
                start=self._values["start"],  # type: ignore[arg-type]
                manager=str(self._values["manager"]),
                sponsor=str(self._values["sponsor"]),
                reuse_ids=self._ids or None,
            )
        self._ids = self.result.ids
        self._ctx.notify(INSTANCE_TABLES)

    def undo(self) -> None:
        from pmodesk.services.templates import undo_instantiation

        if self.result is None:
            return
        with self._ctx.session() as session:
            undo_instantiation(session, self.result.created)
        self._ctx.notify(INSTANCE_TABLES)


class ProduceDocumentCommand(ServiceCommand):
    """Produce a project's document from a document template; undo removes it."""

    def __init__(self, ctx: AppContext, project_id: uuid.UUID, template_code: str) -> None:
        super().__init__(f"Produce {template_code}")
        self._ctx = ctx
        self._project_id = project_id
        self._code = template_code
        self.document_id: uuid.UUID | None = None

    def do(self) -> None:
        from pmodesk.services.templates import produce_document

        with self._ctx.session() as session:
            document = produce_document(
                session, self._project_id, self._code, record_id=self.document_id
            )
            self.document_id = document.id
        self._ctx.notify({"project_document"})

    def undo(self) -> None:
        from pmodesk.domain import ProjectDocument
        from pmodesk.services import records

        if self.document_id is None:
            return
        with self._ctx.session() as session:
            records.delete_created(session, records.get(session, ProjectDocument, self.document_id))
        self._ctx.notify({"project_document"})


class EditDocumentCommand(ServiceCommand):
    """Save a document's fields, sections, title and status; undo puts the old ones back."""

    def __init__(
        self,
        ctx: AppContext,
        document_id: uuid.UUID,
        *,
        fields: dict[str, Any],
        sections: dict[str, str],
        title: str,
        status: str,
        expected_version: int | None = None,
    ) -> None:
        super().__init__("Edit document")
        from pmodesk.domain import ProjectDocument
        from pmodesk.services import records

        self._ctx = ctx
        self._id = document_id
        self._new = {"fields": fields, "sections": sections, "title": title, "status": status}
        self._expected = expected_version
        with ctx.session() as session:
            current = records.get(session, ProjectDocument, document_id)
            body = copy.deepcopy(current.body or {})
            self._old = {
                "fields": body.get("fields", {}),
                "sections": body.get("sections", {}),
                "title": current.title,
                "status": current.status.value,
            }

    def _apply(self, values: dict[str, Any], expected: int | None) -> None:
        from pmodesk.domain import ProjectDocument
        from pmodesk.services import records
        from pmodesk.services.templates import update_document

        with self._ctx.session() as session:
            document = records.get(session, ProjectDocument, self._id)
            update_document(
                session,
                document,
                fields=values["fields"],
                sections=values["sections"],
                title=values["title"],
                status=values["status"],
                expected_version=expected,
            )
        self._ctx.notify({"project_document"})

    def do(self) -> None:
        self._apply(self._new, None if self._done_once else self._expected)

    def undo(self) -> None:
        self._apply(self._old, None)
