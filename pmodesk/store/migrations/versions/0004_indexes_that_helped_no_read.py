"""drop the audit trail's indexes on entity and time, which no query uses

Every change in the app writes an audit event, and an import of 100,000
allocations writes 100,000 of them; each index on the table is one more
B-tree to keep up per event. The history of a record is found through
``entity_id`` (then sorted in memory) and an import's events through
``batch``; nothing looks events up by entity name or by time alone.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 09:30:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_audit_event_entity", table_name="audit_event")
    op.drop_index("ix_audit_event_at", table_name="audit_event")


def downgrade() -> None:
    op.create_index("ix_audit_event_at", "audit_event", ["at"], unique=False)
    op.create_index("ix_audit_event_entity", "audit_event", ["entity"], unique=False)
