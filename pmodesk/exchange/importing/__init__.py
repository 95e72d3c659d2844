"""The Excel importer: workbooks in, checked, previewed, written in one transaction, undoable.

The wizard, the command line and the status-return step of the exporter call
this API (and nothing else in the package)::

    from pmodesk.exchange.importing import ImportOptions, apply_import, plan_import, undo_import

    plan = plan_import(session, [Path("register.xlsx")], options=ImportOptions(create_missing=True),
                       progress=on_progress, cancelled=is_cancelled)
    plan.sheets      # [SheetPlan(source, sheet, kind, detected, confidence, columns, values, rows ...)]
    plan.problems    # [Problem(source, sheet, row, column, value, reason, severity, skipped)]
    plan.notes       # ["register.xlsx: The workbook contains macros; ...", ...]
    plan.preview     # [RowChange(kind, action, key, ..., fields, new, old, changed)]
    plan.counts()    # {"created": 12, "updated": 3, "unchanged": 40, "skipped": 1}
    if not plan.refused:
        result = apply_import(session, plan)     # one transaction; the caller commits
        undo_import(session, result.batch)       # later: the whole import as one step
        redo_import(session, result.batch)       # and back: the same records, the same ids

Kinds are the domain tables ``project``, ``person``, ``allocation``,
``milestone``, ``raid_item``, ``decision``, ``status_report`` (and
``programme``, ``portfolio``, ``team``, ``role``, ``benefit``, ``lesson``);
field keys are the tables' attributes, a reference ``programme_id`` being the
field ``programme`` whose cells hold the programme's code (or name).
:func:`kind_specs` lists every kind with its fields (label, type, required,
synonyms), for a mapping step to offer.

How a sheet is read, in order of authority: ``kinds`` (sheet name or ``"*"``
-> kind), a saved ``mapping`` (:class:`SavedMapping`: per sheet, or ``"*"``,
the kind, header -> field or None, value maps, match key, header row), the
workbook's own ``_pmodesk`` sheet (an export), then detection from the
headers, the cells and the sheet's name. A sheet with dates, months or
numbered weeks across is a resource plan (allocations, people or roles down).
To correct a plan, build a mapping (``plan.to_mapping(name)`` gives the current
one), change it and plan again; save it with :func:`save_mapping` (the
setting ``import.mapping.<name>``) or :meth:`SavedMapping.write` (JSON).

Problems are errors (they refuse the import unless their rows are skipped,
``ImportOptions.skip_rows`` or ``skip_invalid``) or warnings; each names its
file, sheet, row, column, value and reason (``str(problem)`` is
``file:sheet!B12: value 'x' — reason``); :func:`write_problem_report` saves
them as a workbook. Notes say what was decided without asking (a date order,
rows left out as totals, codes given to new records). A file that cannot be
read raises :class:`~pmodesk.exchange.reading.ReadError` (one sentence);
``cancelled()`` turning true raises :class:`ImportCancelled` from either step.
"""

from __future__ import annotations

from pmodesk.exchange.importing.apply import apply_import
from pmodesk.exchange.importing.kinds import (
    KIND_ORDER,
    FieldSpec,
    FieldType,
    KindSpec,
    kind_spec,
    kind_specs,
)
from pmodesk.exchange.importing.model import (
    ColumnMatch,
    ImportCancelled,
    ImportOptions,
    ImportPlan,
    ImportResult,
    MatrixInfo,
    Problem,
    RowChange,
    SheetPlan,
    UndoResult,
)
from pmodesk.exchange.importing.plan import plan_import
from pmodesk.exchange.importing.redo import redo_import
from pmodesk.exchange.importing.report import write_problem_report
from pmodesk.exchange.importing.saved import (
    SavedMapping,
    SheetMapping,
    delete_mapping,
    list_mappings,
    load_mapping,
    save_mapping,
)
from pmodesk.exchange.importing.undo import undo_import

__all__ = [
    "KIND_ORDER",
    "ColumnMatch",
    "FieldSpec",
    "FieldType",
    "ImportCancelled",
    "ImportOptions",
    "ImportPlan",
    "ImportResult",
    "KindSpec",
    "MatrixInfo",
    "Problem",
    "RowChange",
    "SavedMapping",
    "SheetMapping",
    "SheetPlan",
    "UndoResult",
    "apply_import",
    "delete_mapping",
    "kind_spec",
    "kind_specs",
    "list_mappings",
    "load_mapping",
    "plan_import",
    "redo_import",
    "save_mapping",
    "undo_import",
    "write_problem_report",
]
