"""Record editors: forms generated from per-kind field specs, saved through the undo stack.

``open_editor(ctx, Project)`` opens a modal form for a new project;
``open_editor(ctx, Project, project_id)`` edits one. See
:mod:`pmodesk.gui.editors.specs` for what each kind's form shows.
"""

from __future__ import annotations

from pmodesk.gui.editors.dialog import RecordEditorDialog, open_editor
from pmodesk.gui.editors.specs import SPECS, EditorSpec, FieldSpec, Section, Widget, spec_for

__all__ = [
    "SPECS",
    "EditorSpec",
    "FieldSpec",
    "RecordEditorDialog",
    "Section",
    "Widget",
    "open_editor",
    "spec_for",
]
