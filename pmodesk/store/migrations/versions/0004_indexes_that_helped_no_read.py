"""indexes that cost every write and helped no read: audit entity and time, allocation archive
and scenario

Every change in the app writes an audit event, and an import of 100,000
allocations writes 100,000 of them; each index on the table is one more
B-tree to keep up per event. The history of a record is found through
``entity_id`` (then sorted in memory) and an import's events through
``batch``; nothing looks events up by entity name or by time alone.

Nearly every allocation is live and in the real plan: the indexes on its
``archived_at`` and ``scenario_id`` held one key for almost every row, and
SQLite chose them for the heatmap's "IS NULL" conditions, reading the whole
table through them. ``scenario_id`` keeps a partial index of the allocations
that belong to a scenario.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 09:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


_SCENARIO_ONLY = "scenario_id IS NOT NULL"


def upgrade() -> None:
    op.drop_index("ix_audit_event_entity", table_name="audit_event")
    op.drop_index("ix_audit_event_at", table_name="audit_event")
    op.drop_index("ix_allocation_archived_at", table_name="allocation")
    op.drop_index("ix_allocation_scenario_id", table_name="allocation")
    op.create_index(
        "ix_allocation_scenario_id",
        "allocation",
        ["scenario_id"],
        unique=False,
        sqlite_where=sa.text(_SCENARIO_ONLY),
        postgresql_where=sa.text(_SCENARIO_ONLY),
    )


def downgrade() -> None:
    op.drop_index("ix_allocation_scenario_id", table_name="allocation")
    op.create_index("ix_allocation_scenario_id", "allocation", ["scenario_id"], unique=False)
    op.create_index("ix_allocation_archived_at", "allocation", ["archived_at"], unique=False)
    op.create_index("ix_audit_event_at", "audit_event", ["at"], unique=False)
    op.create_index("ix_audit_event_entity", "audit_event", ["entity"], unique=False)
