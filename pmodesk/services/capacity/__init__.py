"""Capacity planning without Qt: the utilisation matrix, editing the plan, what-ifs, staffing.

``pmodesk.services.capacity`` is the API the heatmap, the exports and the
review pack share:

* :mod:`.matrix` — :func:`capacity_matrix` (SQL aggregation + NumPy) and
  demand and supply per role; :mod:`.breakdown` — the allocations behind a cell;
* :mod:`.query` — what a view asks for (span, grouping, period, filters, scenario);
* :mod:`.editing` — allocate a span in hours or % of capacity, set one week,
  move, copy, extend, remove;
* :mod:`.scenarios` — what-if scenarios, project shifts, commit and discard;
* :mod:`.staffing` — staffing search by skill and free hours, expiring certificates;
* :mod:`.calendar`, :mod:`.supply`, :mod:`.load` — weeks and months, capacity and
  load per person-week.
"""

from __future__ import annotations

from pmodesk.services.capacity.breakdown import CellAllocation, cell_breakdown
from pmodesk.services.capacity.calendar import monday_of, month_span, week_starts
from pmodesk.services.capacity.editing import (
    allocate,
    copy_span,
    extend_span,
    move_allocations,
    remove_allocations,
    set_week_hours,
    standard_week,
)
from pmodesk.services.capacity.matrix import (
    CapacityMatrix,
    RowInfo,
    capacity_matrix,
    demand_and_supply_by_role,
)
from pmodesk.services.capacity.query import Grouping, MatrixQuery, Period, Unit
from pmodesk.services.capacity.scenarios import (
    commit_scenario,
    create_scenario,
    discard_scenario,
    scenario_allocations,
    scenario_shifts,
    shift_project,
)
from pmodesk.services.capacity.staffing import (
    ExpiringCertification,
    StaffingMatch,
    expiring_certifications,
    staffing_search,
)

__all__ = [
    "CapacityMatrix",
    "CellAllocation",
    "ExpiringCertification",
    "Grouping",
    "MatrixQuery",
    "Period",
    "RowInfo",
    "StaffingMatch",
    "Unit",
    "allocate",
    "capacity_matrix",
    "cell_breakdown",
    "commit_scenario",
    "copy_span",
    "create_scenario",
    "demand_and_supply_by_role",
    "discard_scenario",
    "expiring_certifications",
    "extend_span",
    "monday_of",
    "month_span",
    "move_allocations",
    "remove_allocations",
    "scenario_allocations",
    "scenario_shifts",
    "set_week_hours",
    "shift_project",
    "staffing_search",
    "standard_week",
    "week_starts",
]
