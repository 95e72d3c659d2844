"""The shape every table shares: UUID ids, time stamps, versions, soft deletion, unique codes, enums."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, text

from pmodesk.domain import (
    RECORD_KINDS,
    CodedRecord,
    PortfolioRecord,
    Project,
    RaidItem,
    Record,
    Stage,
    Template,
    metadata,
)
from pmodesk.domain.enums import (
    ProjectState,
    Rag,
    RaidKind,
    TemplateKind,
)
from pmodesk.services import records
from pmodesk.store import Workspace

#: Tables that are not portfolio data: the audit trail, settings, and the alignment links
#: between projects and objectives (a plain link, removed only by undoing its creation).
NOT_PORTFOLIO_DATA = {"audit_events", "workspace_settings", "project_objectives"}

ALL_KINDS = sorted(RECORD_KINDS.items())


def test_every_table_is_a_record_kind() -> None:
    assert {str(m.__tablename__) for m in RECORD_KINDS.values()} == set(metadata.tables)


@pytest.mark.parametrize(("kind", "model"), ALL_KINDS, ids=[k for k, _ in ALL_KINDS])
def test_every_table_has_uuid_key_time_stamps_and_version(kind: str, model: type[Record]) -> None:
    table = metadata.tables[str(model.__tablename__)]
    assert [c.name for c in table.primary_key.columns] == ["id"]
    assert isinstance(table.c.id.type, sa.Uuid)
    for stamp in ("created_at", "updated_at"):
        column_type = table.c[stamp].type
        assert isinstance(getattr(column_type, "impl", column_type), sa.DateTime)
        assert not table.c[stamp].nullable
    assert isinstance(table.c.version.type, sa.Integer)
    assert not table.c.version.nullable
    fresh = model.model_validate(_minimal(model))
    assert isinstance(fresh.id, uuid.UUID)
    assert fresh.version == 1
    assert fresh.created_at.tzinfo is not None


@pytest.mark.parametrize(("kind", "model"), ALL_KINDS, ids=[k for k, _ in ALL_KINDS])
def test_portfolio_data_is_soft_deleted(kind: str, model: type[Record]) -> None:
    table = metadata.tables[str(model.__tablename__)]
    if kind in NOT_PORTFOLIO_DATA:
        assert "archived_at" not in table.c
    else:
        assert issubclass(model, PortfolioRecord)
        assert table.c.archived_at.nullable


def _minimal(model: type[Record]) -> dict[str, object]:
    """Values that satisfy a table's types (not its rules), for building a detached row."""
    values: dict[str, object] = {}
    for name, info in model.model_fields.items():
        if not info.is_required():
            continue
        annotation = str(info.annotation)
        if "UUID" in annotation:
            values[name] = uuid.uuid4()
        elif "date" in annotation:
            values[name] = date(2026, 3, 2)
        elif "float" in annotation or "int" in annotation:
            values[name] = 1
        else:
            values[name] = "X"
    return values


def test_codes_are_unique_in_the_store(workspace: Workspace) -> None:
    inspector = sa.inspect(workspace.engine)
    coded = [m for m in RECORD_KINDS.values() if issubclass(m, CodedRecord)]
    assert len(coded) >= 14
    for model in coded:
        table = str(model.__tablename__)
        unique_sets = [
            tuple(ix["column_names"]) for ix in inspector.get_indexes(table) if ix["unique"]
        ]
        unique_sets += [tuple(uc["column_names"]) for uc in inspector.get_unique_constraints(table)]
        assert ("code",) in unique_sets, f"{table}.code is not unique in the store"
    template_sets = [
        tuple(uc["column_names"]) for uc in inspector.get_unique_constraints("template")
    ]
    assert ("code", "template_version") in template_sets


def test_the_store_itself_refuses_a_duplicate_code(workspace: Workspace) -> None:
    with Session(workspace.engine) as session:
        session.add(Stage(code="IDEA", name="Idea", position=1))
        session.commit()
        session.add(Stage(code="IDEA", name="Idea again", position=2))
        with pytest.raises(IntegrityError):
            session.commit()


def test_enum_columns_hold_their_values_as_plain_text(workspace: Workspace) -> None:
    with workspace.session() as session:
        project = records.create(
            session,
            Project,
            {
                "code": "PRJ-1",
                "name": "Intranet",
                "state": ProjectState.ON_HOLD,
                "rag_overall": Rag.AMBER,
                "rag_cost": "red",
            },
        )
        records.create(
            session,
            RaidItem,
            {"code": "R-1", "title": "Late", "kind": RaidKind.DEPENDENCY, "status": "in_progress"},
        )
        records.create(
            session,
            Template,
            {"code": "T-1", "name": "Small", "kind": TemplateKind.GATE_CHECKLIST},
        )
        project_id = project.id
    with workspace.engine.connect() as connection:
        row = connection.execute(
            text("SELECT state, rag_overall, rag_cost, rag_scope FROM project")
        ).one()
        assert tuple(row) == ("on_hold", "amber", "red", None)
        assert tuple(connection.execute(text("SELECT kind, status FROM raid_item")).one()) == (
            "dependency",
            "in_progress",
        )
        assert tuple(connection.execute(text("SELECT kind, state FROM template")).one()) == (
            "gate_checklist",
            "draft",
        )
        actions = connection.execute(text("SELECT DISTINCT action FROM audit_event")).scalars()
        assert set(actions) == {"create"}
        stored_id = connection.execute(text("SELECT id FROM project")).scalar_one()
        assert uuid.UUID(str(stored_id)) == project_id


def test_every_enum_column_is_portable_text_of_the_enum_values() -> None:
    seen = 0
    for table in metadata.tables.values():
        for column in table.columns:
            if isinstance(column.type, sa.Enum):
                seen += 1
                where = f"{table.name}.{column.name}"
                assert not column.type.native_enum, where
                enum_class = column.type.enum_class
                assert enum_class is not None, where
                assert list(column.type.enums) == [m.value for m in enum_class], where
                assert all(v == v.lower() and " " not in v for v in column.type.enums), where
    assert seen >= 15
