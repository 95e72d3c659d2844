"""The template library: project templates, gate checklists, document templates, the lifecycle.

* :mod:`.library` — reading: templates by kind, search, versions, who uses what;
* :mod:`.versions` — create, edit (a new draft version), publish, retire, undo;
* :mod:`.builtin` — the library shipped in ``resources/templates``, restore defaults;
* :mod:`.instantiate` — a project from a project template, in one undoable step;
* :mod:`.documents` — documents produced from document templates, filled from the workspace;
* :mod:`.packs` — template packs (``.pmtpl``) exported and imported with a plan first;
* :mod:`.compliance` — how far projects follow their templates, as a score;
* :mod:`.workspace_gates` — the workspace's stages and gates follow the published templates.
"""

from __future__ import annotations

from pmodesk.services.templates.builtin import (
    BuiltinTemplate,
    RestoreReport,
    builtin_library,
    restore_defaults,
    seed_library,
)
from pmodesk.services.templates.compliance import (
    DocumentCompliance,
    GateCompliance,
    PortfolioCompliance,
    ProjectCompliance,
    portfolio_compliance,
    project_compliance,
)
from pmodesk.services.templates.documents import (
    DocumentView,
    document_view,
    format_value,
    produce_document,
    refill_document,
    update_document,
)
from pmodesk.services.templates.instantiate import apply_template, create_project_from_template
from pmodesk.services.templates.instantiation import Instantiation, undo_instantiation
from pmodesk.services.templates.library import (
    KIND_LABELS,
    TemplateRow,
    get_version,
    lessons_for,
    list_library,
    projects_using,
    published_version,
    versions_of,
)
from pmodesk.services.templates.packs import (
    ImportPlan,
    apply_import,
    export_pack,
    plan_import,
    read_pack,
    write_pack,
)
from pmodesk.services.templates.versions import (
    TemplateChange,
    create_template,
    duplicate_template,
    edit_template,
    publish,
    retire,
    revert_change,
)

__all__ = [
    "KIND_LABELS",
    "BuiltinTemplate",
    "DocumentCompliance",
    "DocumentView",
    "GateCompliance",
    "ImportPlan",
    "Instantiation",
    "PortfolioCompliance",
    "ProjectCompliance",
    "RestoreReport",
    "TemplateChange",
    "TemplateRow",
    "apply_import",
    "apply_template",
    "builtin_library",
    "create_project_from_template",
    "create_template",
    "document_view",
    "duplicate_template",
    "edit_template",
    "export_pack",
    "format_value",
    "get_version",
    "lessons_for",
    "list_library",
    "plan_import",
    "portfolio_compliance",
    "produce_document",
    "project_compliance",
    "projects_using",
    "publish",
    "published_version",
    "read_pack",
    "refill_document",
    "restore_defaults",
    "retire",
    "revert_change",
    "seed_library",
    "undo_instantiation",
    "update_document",
    "versions_of",
    "write_pack",
]
