"""The workspace schema version: what a file has, what this code expects, and upgrading.

The schema is created and upgraded only by the Alembic migrations in
``pmodesk/store/migrations``; never by ``create_all``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = _script().get_current_head()
    if head is None:  # pragma: no cover - the package always ships a first migration
        raise RuntimeError("pmodesk ships no migrations")
    return head


def known_revisions() -> list[str]:
    """Every revision this code knows, oldest first."""
    return [rev.revision for rev in reversed(list(_script().walk_revisions()))]


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def has_tables(connection: Connection) -> bool:
    from sqlalchemy import inspect

    return bool(inspect(connection).get_table_names())


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema in one transaction (SQLite DDL is transactional)."""
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
