"""Is this file a SQLite workspace, and is it whole? A first look with the stdlib alone.

Everything here uses :mod:`sqlite3` only, so the window can look into a
workspace file (its schema revision, its register rows) before SQLAlchemy has
loaded.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"


def looks_like_sqlite(path: Path) -> bool:
    """True for an empty file (a new workspace) or one that starts with SQLite's header."""
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    return head == b"" or head == SQLITE_MAGIC


def _connect_for_check(path: Path, *, timeout: float = 5) -> sqlite3.Connection:
    """Read-write when allowed: a read-only reader of a WAL file leaves -wal/-shm files behind."""
    mode = "rw" if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK) else "ro"
    return sqlite3.connect(f"file:{path}?mode={mode}", uri=True, timeout=timeout)


def quick_check(path: Path) -> list[str]:
    """SQLite's ``PRAGMA quick_check``; an empty list means the file is sound."""
    with closing(_connect_for_check(path)) as conn:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    return [str(r[0]) for r in rows if str(r[0]).lower() != "ok"]


def integrity_check(path: Path) -> list[str]:
    """The full (slower) ``PRAGMA integrity_check`` plus a foreign-key check."""
    with closing(_connect_for_check(path)) as conn:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    problems = [str(r[0]) for r in rows if str(r[0]).lower() != "ok"]
    problems += [f"row {r[1]} of {r[0]} points to a missing {r[2]}" for r in fk]
    return problems


@contextmanager
def reading(path: Path, *, timeout: float = 1.0) -> Iterator[sqlite3.Connection]:
    """A stdlib connection to the existing file ``path`` that can only read.

    Opened read-write where allowed (so that closing it tidies the WAL files
    away) but with ``PRAGMA query_only``, so nothing can be written through
    it. Raises :class:`sqlite3.Error` when the file cannot be read.
    """
    if not path.is_file():
        raise sqlite3.OperationalError(f"{path} is not a file")
    with closing(_connect_for_check(path, timeout=timeout)) as conn:
        conn.execute("PRAGMA query_only = ON")
        yield conn


def recorded_revision(conn: sqlite3.Connection) -> str | None:
    """The schema revision recorded in a workspace (``None``: it records none)."""
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if found is None:
        return None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])
