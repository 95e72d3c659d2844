"""Workspaces made by older schemas open under the newest code; newer ones are refused.

``tests/data/workspaces/schema_<revision>.pmodesk`` keeps a workspace file of
every released schema (made by ``make_schema_fixture.py`` there). Each one
must open, reach the head revision, keep its data and, when it was behind,
be backed up before it was migrated.
"""

from __future__ import annotations

import shutil
import sqlite3
import textwrap
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from pmodesk.domain import (
    RECORD_KINDS,
    Person,
    Programme,
    Project,
    Template,
    WorkspaceSetting,
)
from pmodesk.domain.enums import ProjectState, Rag
from pmodesk.services import records
from pmodesk.services.stats import record_counts
from pmodesk.store import WorkspaceTooNew, list_backups, open_workspace, schema

FIXTURE_DIR = Path(__file__).resolve().parents[2] / "data" / "workspaces"
FIXTURES = sorted(FIXTURE_DIR.glob("schema_*.pmodesk"))


def raw_revision(path: Path) -> str:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def raw_tables(path: Path) -> set[str]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def raw_counts(path: Path) -> dict[str, int]:
    """Rows per record kind, read with plain sqlite3 (no pmodesk code involved)."""
    present = raw_tables(path)
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return {
            kind: conn.execute(f'SELECT count(*) FROM "{model.__tablename__}"').fetchone()[0]
            for kind, model in RECORD_KINDS.items()
            if model.__tablename__ in present
        }


def test_the_first_schema_has_a_fixture() -> None:
    assert FIXTURE_DIR / "schema_0001.pmodesk" in FIXTURES
    assert raw_revision(FIXTURE_DIR / "schema_0001.pmodesk") == "0001"


def test_every_fixture_is_named_after_its_revision() -> None:
    for fixture in FIXTURES:
        assert fixture.stem == f"schema_{raw_revision(fixture)}"
        assert raw_revision(fixture) in schema.known_revisions()


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_fixture_opens_reaches_head_and_keeps_its_data(fixture: Path, tmp_path: Path) -> None:
    copy = tmp_path / fixture.name
    shutil.copyfile(fixture, copy)
    revision = raw_revision(copy)
    before = raw_counts(copy)
    head = schema.head_revision()

    workspace = open_workspace(copy, create=False)
    try:
        assert workspace.schema_revision() == head
        with closing(sqlite3.connect(copy)) as conn:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        if revision == head:
            # Today the fixture is at head: nothing to migrate, so no backup. As soon
            # as a later migration ships, this same test takes the branch below.
            assert workspace.migrated_from is None
            assert workspace.backup_taken is None
            assert list_backups(copy) == []
        else:
            assert workspace.migrated_from == revision
            assert workspace.backup_taken is not None
            assert list_backups(copy) == [workspace.backup_taken]
            assert raw_revision(workspace.backup_taken) == revision
            assert raw_counts(workspace.backup_taken) == before

        with workspace.session() as session:
            after = record_counts(session)
            # Kinds the fixture had keep their rows; kinds added since start empty.
            assert {kind: after[kind] for kind in before} == before
            assert all(after[kind] == 0 for kind in set(after) - set(before))
            # Every row of every kind loads through the ORM (UUIDs, dates, enums, JSON).
            for model in RECORD_KINDS.values():
                assert len(session.exec(select(model)).all()) == after[_kind(model)]

            portal = records.get_by_code(session, Project, "PRJ-001")
            assert portal.name == "Portail client — refonte"
            assert portal.manager == "Zoë Łukasiewicz"
            assert portal.planned_start == date(2026, 1, 5)
            assert portal.rag_overall is Rag.AMBER
            assert portal.budget == 1250000.0
            assert portal.programme_id is not None
            programme = session.get(Programme, portal.programme_id)
            assert programme is not None
            assert programme.code == "PG-DIGI"

            warehouse = records.get_by_code(session, Project, "PRJ-002", include_archived=True)
            assert warehouse.name == "Складская система"
            assert warehouse.is_archived
            assert warehouse.state is ProjectState.CLOSED
            assert records.get_by_code(session, Project, "PRJ-003").name == "数据平台迁移"
            assert records.get_by_code(session, Person, "PER-001").name == "Søren Kierkegaard"

            template = records.get_by_code(session, Template, "TPL-PROJ")  # type: ignore[type-var]
            assert template.body == {"milestones": ["Kick-off", "Go-live"]}
            setting = session.exec(
                select(WorkspaceSetting).where(WorkspaceSetting.key == "gate_mode")
            ).one()
            assert setting.value == "supportive"
    finally:
        workspace.close()
    assert not Path(f"{fixture}-wal").exists()  # the shipped fixture itself was only read


def _kind(model: type) -> str:
    return next(kind for kind, m in RECORD_KINDS.items() if m is model)


# ---------------------------------------------------------------- a newer pmodesk

MIGRATION = '''\
"""probe: a migration that a newer pmodesk ships (made by the test)."""

import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
{body}


def downgrade() -> None:
    pass
'''


@pytest.fixture
def newer_pmodesk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[str], str]]:
    """Make this code behave as a newer release: its migrations plus one more, given as a body."""

    def install(body: str) -> str:
        folder = tmp_path / "migrations"
        shutil.copytree(schema.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
        new = "9001"
        text = MIGRATION.format(
            revision=new, down=schema.head_revision(), body=textwrap.indent(body, "    ")
        )
        (folder / "versions" / f"{new}_probe.py").write_text(text, encoding="utf-8")
        monkeypatch.setattr(schema, "MIGRATIONS_DIR", folder)
        monkeypatch.setattr(schema, "SCHEMA_HEAD", new)
        schema._script.cache_clear()
        assert schema.head_revision() == new
        return new

    yield install
    schema._script.cache_clear()


def _workspace_with_a_project(path: Path) -> None:
    with open_workspace(path) as workspace, workspace.session() as session:
        records.create(session, Project, {"code": "PRJ-7", "name": "Relocate the data centre"})


def test_an_older_workspace_is_backed_up_then_migrated(
    tmp_path: Path, newer_pmodesk: Callable[[str], str]
) -> None:
    path = tmp_path / "old.pmodesk"
    _workspace_with_a_project(path)
    old = raw_revision(path)
    new = newer_pmodesk(
        'op.create_table("probe", sa.Column("id", sa.Integer(), primary_key=True))\n'
        'op.execute("INSERT INTO probe (id) VALUES (42)")'
    )

    with open_workspace(path, create=False) as workspace:
        assert workspace.migrated_from == old
        assert workspace.schema_revision() == new
        backup = workspace.backup_taken
        with workspace.session() as session:
            assert records.get_by_code(session, Project, "PRJ-7").name == "Relocate the data centre"

    assert backup is not None
    assert backup.parent == path.with_name("old.pmodesk.backups")
    assert f"before-upgrade-from-{old}" in backup.name
    assert raw_revision(backup) == old  # the backup is the workspace as it was before
    assert "probe" not in raw_tables(backup)
    assert raw_counts(backup)["projects"] == 1
    assert raw_revision(path) == new
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT id FROM probe").fetchall() == [(42,)]


def test_a_migration_that_fails_leaves_the_workspace_as_it_was(
    tmp_path: Path, newer_pmodesk: Callable[[str], str]
) -> None:
    path = tmp_path / "old.pmodesk"
    _workspace_with_a_project(path)
    old = raw_revision(path)
    newer_pmodesk(
        'op.create_table("probe", sa.Column("id", sa.Integer(), primary_key=True))\n'
        'op.execute("INSERT INTO no_such_table VALUES (1)")'
    )

    with pytest.raises(Exception, match="no_such_table"):
        open_workspace(path, create=False)

    assert list_backups(path), "the backup is taken before migrating"
    assert raw_revision(path) == old
    assert "probe" not in raw_tables(path)


def test_a_workspace_from_a_newer_pmodesk_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "future.pmodesk"
    _workspace_with_a_project(path)
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = 'f00d9999'")
    assert not Path(f"{path}-wal").exists()
    before = path.read_bytes()

    with pytest.raises(WorkspaceTooNew) as refused:
        open_workspace(path, create=False)

    message = str(refused.value)
    assert "newer version of pmodesk" in message
    assert "f00d9999" in message
    assert "Nothing was changed" in message
    assert path.read_bytes() == before
    assert list_backups(path) == []


def test_schema_head_constant_matches_the_migrations() -> None:
    """SCHEMA_HEAD lets an up-to-date workspace open without importing Alembic; it must be true."""
    assert schema.head_revision() == schema.SCHEMA_HEAD
    assert schema.known_revisions()[-1] == schema.SCHEMA_HEAD


def test_every_migration_downgrades_and_upgrades_again_keeping_foreign_keys(tmp_path: Path) -> None:
    """Batch-mode table rebuilds run with foreign keys suspended and checked before commit."""
    path = tmp_path / "round.pmodesk"
    shutil.copyfile(FIXTURE_DIR / "schema_0001.pmodesk", path)
    with open_workspace(path) as workspace:
        assert workspace.schema_revision() == schema.SCHEMA_HEAD
        for earlier in reversed(schema.known_revisions()[:-1]):
            schema.migrate(workspace.engine, earlier, downgrade=True)
            assert workspace.schema_revision() == earlier
        schema.upgrade(workspace.engine)
        assert workspace.schema_revision() == schema.SCHEMA_HEAD
        with workspace.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []


def test_the_fixture_of_the_newest_schema_holds_every_record_kind() -> None:
    """So that the next migration is tested against a row of every table it may touch."""
    newest = FIXTURE_DIR / f"schema_{schema.SCHEMA_HEAD}.pmodesk"
    assert newest in FIXTURES, f"add {newest.name}: make_schema_fixture.py {schema.SCHEMA_HEAD}"
    empty = [kind for kind, count in raw_counts(newest).items() if count == 0]
    assert empty == []


def test_the_migrations_build_exactly_the_tables_the_models_describe(tmp_path: Path) -> None:
    """A model changed without a migration (or the reverse) shows here, not in a user's file."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    workspace = open_workspace(tmp_path / "new.pmodesk")
    try:
        with workspace.engine.connect() as connection:
            differences = compare_metadata(
                MigrationContext.configure(connection), SQLModel.metadata
            )
    finally:
        workspace.close()
    assert differences == []
    # 0004: the audit trail keeps only the indexes its queries use; an allocation's scenario
    # is indexed only where it has one, and its archive time not at all
    with closing(sqlite3.connect(tmp_path / "new.pmodesk")) as conn:
        indexes = dict(conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name IN ('audit_event', 'allocation') AND name NOT LIKE 'sqlite_%'"
        ).fetchall())  # fmt: skip
        plan = " ".join(r[3] for r in conn.execute(
            "EXPLAIN QUERY PLAN SELECT person_id, week_start, sum(hours) FROM allocation "
            "WHERE archived_at IS NULL AND scenario_id IS NULL AND person_id IS NOT NULL "
            "AND week_start >= '2025-01-06' GROUP BY person_id, week_start"
        ))  # fmt: skip
        by_scenario = " ".join(r[3] for r in conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM allocation WHERE scenario_id = 'x'"
        ))  # fmt: skip
    assert set(indexes) == {
        "ix_audit_event_entity_id", "ix_audit_event_batch", "ix_allocation_person_week",
        "ix_allocation_project_week", "ix_allocation_role_id", "ix_allocation_scenario_id",
    }  # fmt: skip
    assert indexes["ix_allocation_scenario_id"].endswith("WHERE scenario_id IS NOT NULL")
    assert "ix_allocation_person_week" in plan  # the heatmap's load reads by person and week
    assert "ix_allocation_scenario_id" in by_scenario
