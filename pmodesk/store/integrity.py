"""Is this file a SQLite workspace, and is it whole?"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"


def looks_like_sqlite(path: Path) -> bool:
    """True for an empty file (a new workspace) or one that starts with SQLite's header."""
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    return head == b"" or head == SQLITE_MAGIC


def _connect_for_check(path: Path) -> sqlite3.Connection:
    """Read-write when allowed: a read-only reader of a WAL file leaves -wal/-shm files behind."""
    mode = "rw" if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK) else "ro"
    return sqlite3.connect(f"file:{path}?mode={mode}", uri=True, timeout=5)


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
