"""Subcommands that look after the workspace itself: demo, backup, restore, check, stats."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pmodesk.cli.core import (
    EXIT_CANCELLED,
    EXIT_OK,
    CheckFailed,
    ProgressLine,
    Runner,
    UsageError,
    ctrl_c_requests_cancel,
    existing_file,
    human_size,
    kind_words,
    opened_workspace,
    positive_int,
    say,
    subcommand,
    workspace_location,
)


@subcommand("demo", "fill a workspace with a realistic demo portfolio")
def _demo(parser: argparse.ArgumentParser) -> Runner:
    parser.add_argument("--projects", type=positive_int, metavar="N", help="default 60")
    parser.add_argument("--people", type=positive_int, metavar="N", help="default 120")
    parser.add_argument("--weeks", type=positive_int, metavar="N", help="weeks of allocations (52)")
    parser.add_argument("--seed", type=int, metavar="N", help="random seed (42)")

    def run(args: argparse.Namespace) -> int:
        from dataclasses import replace

        from pmodesk.services.demo import DemoCancelled, DemoSize, generate_demo

        given = {k: getattr(args, k) for k in ("projects", "people", "weeks", "seed")}
        size = replace(DemoSize(), **{k: v for k, v in given.items() if v is not None})
        progress = ProgressLine(sys.stderr)
        with (
            opened_workspace(args, create=True) as workspace,
            ctrl_c_requests_cancel() as cancelled,
        ):
            try:
                counts = generate_demo(workspace, size, progress=progress, cancelled=cancelled)
            except (DemoCancelled, KeyboardInterrupt):
                progress.finish()
                say("pmodesk: demo cancelled; nothing was written.", stream=sys.stderr)
                return EXIT_CANCELLED
            progress.finish()
            summary = ", ".join(f"{n} {kind_words(kind, n)}" for kind, n in counts.items() if n)
            say(f"Demo portfolio written to {workspace.display_location}: {summary}.")
        return EXIT_OK

    return run


@subcommand("backup", "take an online backup of the workspace")
def _backup(parser: argparse.ArgumentParser) -> Runner:
    parser.add_argument(
        "destination",
        nargs="?",
        type=Path,
        metavar="DEST",
        help="file or folder to write (default: the rotation folder beside the workspace)",
    )

    def run(args: argparse.Namespace) -> int:
        from pmodesk.store import backup_workspace

        path = existing_file(args, "backup")
        ensure_readable_sqlite(path)
        destination: Path | None = args.destination
        written = backup_workspace(path, destination.expanduser() if destination else None)
        say(str(written))
        return EXIT_OK

    return run


@subcommand("restore", "replace the workspace by one of its backups")
def _restore(parser: argparse.ArgumentParser) -> Runner:
    parser.add_argument("backup", nargs="?", type=Path, metavar="BACKUP", help="the backup file")
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--latest", action="store_true", help="restore the newest backup")
    choice.add_argument("--list", action="store_true", help="list the backups, newest first")

    def run(args: argparse.Namespace) -> int:
        from pmodesk.store import WorkspaceError, latest_backup, list_backups, restore_workspace

        path = existing_file(args, "restore", or_backups=True)
        if args.list:
            backups = list_backups(path)
            if not backups:
                say(f"There are no backups of {path} yet.")
            for backup in backups:
                stat = backup.stat()
                when = datetime.fromtimestamp(stat.st_mtime).strftime("%Y-%m-%d %H:%M:%S")
                say(f"{when}  {human_size(stat.st_size):>9}  {backup}")
            return EXIT_OK
        if args.backup is not None and args.latest:
            raise UsageError("Name a backup or use --latest, not both.")
        if args.latest:
            chosen = latest_backup(path)
            if chosen is None:
                raise WorkspaceError(f"There are no backups of {path} to restore.")
        elif args.backup is not None:
            chosen = args.backup.expanduser().resolve()
        else:
            raise UsageError(
                "Name the backup to restore, or use --latest; `pmodesk restore --list` shows them."
            )
        before = set(list_backups(path))
        with sound_copy_of(chosen, beside=path) as copy:
            restore_workspace(copy, path)
        saved = [b for b in list_backups(path) if b not in before]
        say(f"Restored {path} from {chosen}.")
        if saved:
            say(f"The workspace as it was is kept in {saved[0]}.")
        return EXIT_OK

    return run


@subcommand("check", "check the workspace's integrity and schema version")
def _check(parser: argparse.ArgumentParser) -> Runner:
    parser.add_argument(
        "--full", action="store_true", help="run the full (slower) integrity and foreign-key check"
    )

    def run(args: argparse.Namespace) -> int:
        url, path = workspace_location(args)
        if path is not None:
            existing_file(args, "check")
        report = check_workspace(url, path, full=args.full)
        for label, value in report.lines:
            say(f"{label + ':':<16}{value}")
        if report.problem:
            raise CheckFailed(report.problem)
        return EXIT_OK

    return run


@subcommand("stats", "count the records of every kind")
def _stats(parser: argparse.ArgumentParser) -> Runner:
    parser.add_argument("--json", action="store_true", help="print one JSON object, for scripts")

    def run(args: argparse.Namespace) -> int:
        from pmodesk.services.stats import kind_counts

        with opened_workspace(args, create=False) as workspace, workspace.session() as session:
            counts = kind_counts(session)
            schema = workspace.schema_revision()
            location = workspace.display_location
        if args.json:
            payload: dict[str, object] = {kind: c.total for kind, c in counts.items()}
            payload["schema"] = schema
            payload["workspace"] = location
            say(json.dumps(payload, indent=2, ensure_ascii=False))
            return EXIT_OK
        say(f"Workspace {location} (schema {schema})")
        width = max(len(kind) for kind in counts)
        for kind, c in counts.items():
            detail = f"  ({c.active} active, {c.archived} archived)" if c.archived else ""
            say(f"  {kind.replace('_', ' '):<{width}}  {c.total:>8}{detail}")
        return EXIT_OK

    return run


@dataclass
class CheckReport:
    """What ``check`` found: labelled lines for the terminal and the first problem, if any."""

    lines: list[tuple[str, str]]
    problem: str | None = None


def check_workspace(url: str, path: Path | None, *, full: bool = False) -> CheckReport:
    """Integrity and schema version of a workspace, read without changing it (no migration)."""
    report = CheckReport(lines=[("workspace", str(path) if path is not None else url)])
    if path is None:
        report.lines.append(("integrity", "not checked (a database server checks its own files)"))
        revision, populated = _server_revision(url)
    else:
        report.lines.append(("size", human_size(path.stat().st_size)))
        if not _file_integrity(path, report, full=full):
            return report
        revision, populated = _file_revision(path)
    _judge_revision(report, revision, populated, where=report.lines[0][1])
    if path is not None:
        from pmodesk.store import latest_backup

        newest = latest_backup(path)
        report.lines.append(("latest backup", str(newest) if newest else "none"))
    return report


def _file_integrity(path: Path, report: CheckReport, *, full: bool) -> bool:
    import sqlite3

    from pmodesk.store import latest_backup
    from pmodesk.store.errors import WorkspaceCorrupt, backup_hint, translate_db_error
    from pmodesk.store.integrity import integrity_check, looks_like_sqlite, quick_check

    hint = backup_hint(latest_backup(path))
    if not looks_like_sqlite(path):
        report.lines.append(("integrity", "not a SQLite database file"))
        report.problem = (
            f"{path} is not a pmodesk workspace (it is not a SQLite database file). {hint}"
        )
        return False
    try:
        problems = integrity_check(path) if full else quick_check(path)
    except sqlite3.DatabaseError as exc:
        where = f"The workspace {path}"
        friendly = translate_db_error(exc, where, latest_backup(path))
        report.lines.append(("integrity", "cannot be read"))
        report.problem = str(friendly or WorkspaceCorrupt(f"{where} is damaged. {hint}"))
        return False
    kind = "full integrity and foreign-key check" if full else "quick check"
    if problems:
        report.lines.append(("integrity", f"{len(problems)} problem(s) found by the {kind}"))
        report.lines += [("", problem) for problem in problems[:10]]
        report.problem = f"The workspace {path} is damaged ({problems[0]}). {hint}"
        return False
    report.lines.append(("integrity", f"ok ({kind})"))
    return True


def _file_revision(path: Path) -> tuple[str | None, bool]:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)) as conn:
        names = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if "alembic_version" not in names:
            return None, bool(names)
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return (str(row[0]) if row else None), True


def _server_revision(url: str) -> tuple[str | None, bool]:
    from sqlalchemy.exc import DBAPIError

    from pmodesk.store import WorkspaceError
    from pmodesk.store.engine import make_engine
    from pmodesk.store.errors import translate_db_error
    from pmodesk.store.schema import current_revision, has_tables

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return current_revision(connection), has_tables(connection)
    except DBAPIError as exc:
        friendly = translate_db_error(exc, f"The workspace {url}")
        raise friendly or WorkspaceError(
            f"The workspace {url} cannot be reached: {exc.orig}."
        ) from exc
    finally:
        engine.dispose()


def _judge_revision(report: CheckReport, revision: str | None, populated: bool, where: str) -> None:
    from pmodesk.store.schema import head_revision, known_revisions

    head = head_revision()
    if revision is None:
        if populated:
            report.lines.append(("schema", "none: this database is not a pmodesk workspace"))
            report.problem = (
                f"{where} is a database, but not a pmodesk workspace (it has no schema version)."
            )
        else:
            report.lines.append(("schema", "none yet (an empty file)"))
            report.problem = f"{where} is empty; pmodesk sets it up when it is first opened."
    elif revision == head:
        report.lines.append(("schema", f"{revision} (current)"))
    elif revision in known_revisions():
        report.lines.append(("schema", f"{revision} (this pmodesk expects {head})"))
        report.problem = (
            f"{where} uses the older schema {revision}; opening it in this pmodesk backs it up "
            f"and upgrades it to {head}."
        )
    else:
        report.lines.append(
            ("schema", f"{revision} (unknown to this pmodesk, which knows up to {head})")
        )
        report.problem = (
            f"{where} was saved by a newer version of pmodesk (schema {revision}); "
            "install the newer pmodesk to open it."
        )


@contextmanager
def sound_copy_of(backup: Path, *, beside: Path) -> Iterator[Path]:
    """A checked private copy of ``backup`` next to the workspace, removed afterwards.

    Restoring from a copy means the rotation (which runs when the current
    workspace is saved first) cannot delete the very backup being restored.
    """
    import shutil
    import sqlite3
    import tempfile

    from pmodesk.store import WorkspaceCorrupt, WorkspaceError
    from pmodesk.store.integrity import looks_like_sqlite, quick_check

    if not backup.is_file():
        raise WorkspaceError(f"There is no backup at {backup}.")
    refused = WorkspaceCorrupt(f"{backup} is not a sound pmodesk backup; nothing was restored.")
    beside.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{beside.stem}-", suffix=".restoring", dir=beside.parent)
    os.close(fd)
    copy = Path(name)
    try:
        shutil.copyfile(backup, copy)
        try:
            if not looks_like_sqlite(copy) or not copy.stat().st_size or quick_check(copy):
                raise refused
        except sqlite3.DatabaseError as exc:
            raise refused from exc
        yield copy
    finally:
        for leftover in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm")):
            leftover.unlink(missing_ok=True)


def ensure_readable_sqlite(path: Path) -> None:
    """Refuse to back up a file that is not a SQLite database, with the usual sentence."""
    from pmodesk.store import WorkspaceCorrupt
    from pmodesk.store.integrity import looks_like_sqlite

    if not looks_like_sqlite(path) or path.stat().st_size == 0:
        raise WorkspaceCorrupt(
            f"{path} is not a pmodesk workspace (it is not a SQLite database file)."
        )
