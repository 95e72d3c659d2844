"""Alembic environment: runs on the connection that :mod:`pmodesk.store.schema` hands over."""

from __future__ import annotations

from alembic import context

from pmodesk.domain import metadata  # loads every table onto the metadata

config = context.config
connection = config.attributes.get("connection")


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    if connection is None:
        raise RuntimeError("pmodesk runs its migrations on a connection it opens itself")
    context.configure(
        connection=connection, target_metadata=metadata, render_as_batch=True, compare_type=True
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
