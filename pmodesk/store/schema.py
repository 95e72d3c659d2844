"""The workspace schema version: what a file has, what this code expects, and upgrading.

The schema is created and upgraded only by the Alembic migrations in
``pmodesk/store/migrations``; never by ``create_all``. Alembic itself is
imported only when a workspace actually needs migrating, so that opening an
up-to-date workspace stays fast; :data:`SCHEMA_HEAD` names the newest
revision (a test checks it against the migrations).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy import Connection, Engine

#: The newest migration shipped with this code. Add a migration, bump this.
SCHEMA_HEAD = "0004"
VERSION_TABLE = "alembic_version"

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@cache
def _script(migrations_dir: Path) -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The head according to the migration scripts themselves (slow: imports Alembic)."""
    head = _script(MIGRATIONS_DIR).get_current_head()
    if head is None:  # pragma: no cover - the package always ships a first migration
        raise RuntimeError("pmodesk ships no migrations")
    return head


def known_revisions() -> list[str]:
    """Every revision this code knows, oldest first."""
    return [rev.revision for rev in reversed(list(_script(MIGRATIONS_DIR).walk_revisions()))]


def current_revision(connection: Connection) -> str | None:
    """The revision a workspace is at, read directly from Alembic's version table."""
    from sqlalchemy import inspect, text

    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    row = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).first()
    return None if row is None else str(row[0])


def has_tables(connection: Connection) -> bool:
    from sqlalchemy import inspect

    return bool(inspect(connection).get_table_names())


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade (or, with a revision below the current one, downgrade) in one transaction."""
    migrate(engine, revision, downgrade=False)


def migrate(engine: Engine, revision: str, *, downgrade: bool) -> None:
    """Run the migrations to ``revision`` in one transaction.

    On SQLite, Alembic's batch mode rebuilds a table to alter it, which foreign
    keys forbid while other tables point at it. SQLite's documented procedure
    is followed: foreign keys off (outside the transaction), migrate, check
    every foreign key inside the transaction, commit, foreign keys on again.
    """
    from alembic import command

    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Autocommit at the driver level: the pragma is ignored inside a transaction.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
        try:
            with connection.begin():
                config = alembic_config()
                config.attributes["connection"] = connection
                if downgrade:
                    command.downgrade(config, revision)
                else:
                    command.upgrade(config, revision)
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(
                            f"migration to {revision} broke foreign keys: {broken[:3]}"
                        )
        finally:
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys = ON")  # type: ignore[union-attr]
