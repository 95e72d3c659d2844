"""The command line end to end: in-process through ``pmodesk.cli.main`` and as ``python -m pmodesk``."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

import pmodesk
from pmodesk import cli
from pmodesk.domain import RECORD_KINDS, Project
from pmodesk.services import records
from pmodesk.store import list_backups, open_workspace
from pmodesk.store.schema import head_revision

REPO_ROOT = Path(__file__).resolve().parents[2]
DEMO_SIZE = ["--projects", "20", "--people", "15", "--weeks", "8"]

Run = Callable[..., tuple[int, str, str]]


def run_process(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PMODESK_WORKSPACE"}
    env["PYTHONPATH"] = str(REPO_ROOT)
    return subprocess.run(
        [sys.executable, "-m", "pmodesk", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("pmodesk: ")
    assert "Traceback" not in err
    return lines[0]


def project_count(path: Path) -> int:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return int(conn.execute("SELECT count(*) FROM project").fetchone()[0])


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo workspace made once by the real ``pmodesk demo`` (tests copy it)."""
    path = tmp_path_factory.mktemp("demo") / "a.pmodesk"
    assert cli.main(["demo", "--workspace", str(path), *DEMO_SIZE]) == 0
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "a.pmodesk"
    shutil.copyfile(demo_file, copy)
    return copy


def corrupt(path: Path) -> Path:
    data = bytearray(path.read_bytes())
    data[4096:] = b"\x5a" * (len(data) - 4096)
    path.write_bytes(bytes(data))
    return path


# ---------------------------------------------------------------- version and help


def test_version(run: Run) -> None:
    assert run("--version") == (0, f"pmodesk {pmodesk.__version__}\n", "")


def test_version_from_the_launcher_as_a_process(tmp_path: Path) -> None:
    done = run_process("--version", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout == f"pmodesk {pmodesk.__version__}\n"
    assert done.stderr == ""


def test_help_names_every_subcommand(run: Run) -> None:
    code, out, _ = run("--help")
    assert code == 0
    for name in cli.SUBCOMMANDS:
        assert name in out
    assert {"demo", "backup", "restore", "check", "stats"} <= cli.SUBCOMMANDS
    # listed in the order of HELP_ORDER: import first, the workspace's upkeep last
    listed = [
        line.split()[0] for line in out.splitlines() if line.startswith("    ") and line.split()
    ]
    listed = [name for name in listed if name in cli.SUBCOMMANDS]
    assert listed == list(cli.HELP_ORDER)
    assert set(cli.HELP_ORDER) == cli.SUBCOMMANDS


# ---------------------------------------------------------------- demo and stats


def test_demo_then_stats_counts_every_record_kind(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "a.pmodesk"
    code, out, err = run("demo", "--workspace", path, *DEMO_SIZE)
    assert code == 0
    assert err == ""  # standard error is not a terminal here: no progress
    assert out.startswith(f"Demo portfolio written to {path}: ")
    assert len(out.splitlines()) == 1

    code, out, err = run("stats", "--json", "--workspace", path)
    assert (code, err) == (0, "")
    counts = json.loads(out)
    assert counts["schema"] == head_revision()
    assert counts["workspace"] == str(path)
    assert set(RECORD_KINDS) <= set(counts)
    empty = sorted(kind for kind in RECORD_KINDS if counts[kind] == 0)
    assert empty == [], f"the demo writes no {', '.join(empty)}"
    assert counts["projects"] == 20
    assert counts["people"] == 15


def test_demo_and_stats_as_processes_like_the_issue_says(tmp_path: Path) -> None:
    demo = run_process("demo", "--workspace", "a.pmodesk", *DEMO_SIZE, cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
    stats = run_process("stats", "--json", "--workspace", "a.pmodesk", cwd=tmp_path)
    assert stats.returncode == 0, stats.stderr
    counts = json.loads(stats.stdout)
    assert all(counts[kind] > 0 for kind in RECORD_KINDS)
    assert counts["workspace"] == str(tmp_path / "a.pmodesk")


def test_stats_as_a_table(run: Run, demo: Path) -> None:
    code, out, _ = run("-w", demo, "stats")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"Workspace {demo} (schema {head_revision()})"
    projects = next(line for line in lines if line.strip().startswith("projects "))
    assert projects.split()[1] == "20"
    assert len(lines) == 1 + len(RECORD_KINDS)


def test_the_workspace_variable_picks_the_workspace(
    run: Run, demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMODESK_WORKSPACE", str(demo))
    code, out, _ = run("stats", "--json")
    assert code == 0
    assert json.loads(out)["workspace"] == str(demo)


def test_ctrl_c_cancels_the_demo_and_writes_nothing(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first progress report is answered by a real SIGINT, as a person pressing Ctrl+C."""
    interrupted: list[str] = []

    def press_ctrl_c(self: cli.ProgressLine, done: int, total: int, message: str) -> None:
        if not interrupted:
            interrupted.append(message)
            signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(cli.ProgressLine, "__call__", press_ctrl_c)
    path = tmp_path / "a.pmodesk"
    code, out, err = run("demo", "-w", path, *DEMO_SIZE)

    assert interrupted
    assert code == 130
    assert out == ""
    assert one_error_line(err) == "pmodesk: demo cancelled; nothing was written."
    assert project_count(path) == 0
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


# ---------------------------------------------------------------- backup and restore


def test_backup_and_restore_round_trip(run: Run, demo: Path) -> None:
    code, out, err = run("backup", "-w", demo)
    assert (code, err) == (0, "")
    backup = Path(out.strip())
    assert backup in list_backups(demo)
    assert project_count(backup) == 20

    with open_workspace(demo, create=False) as workspace, workspace.session() as session:
        records.create(session, Project, {"code": "PRJ-NEW", "name": "Made after the backup"})
    assert project_count(demo) == 21

    code, out, err = run("restore", "--latest", "-w", demo)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"Restored {demo} from {backup}."
    assert project_count(demo) == 20
    saved = Path(out.splitlines()[1].removeprefix("The workspace as it was is kept in ")[:-1])
    assert project_count(saved) == 21

    code, out, _ = run("restore", "--list", "-w", demo)
    assert code == 0
    listed = [line.split()[-1] for line in out.splitlines()]
    assert listed == [str(saved), str(backup)]


def test_a_deleted_workspace_comes_back_from_its_latest_backup(run: Run, demo: Path) -> None:
    code, out, _ = run("backup", "-w", demo)
    assert code == 0
    for extra in ("", "-wal", "-shm"):
        Path(f"{demo}{extra}").unlink(missing_ok=True)

    code, out, err = run("restore", "--latest", "-w", demo)

    assert (code, err) == (0, "")
    assert out.startswith(f"Restored {demo} from {demo}.backups/")
    assert project_count(demo) == 20


def test_backup_to_a_chosen_path_then_restore_it(run: Run, demo: Path, tmp_path: Path) -> None:
    chosen = tmp_path / "copies" / "monday.pmodesk"
    assert run("backup", chosen, "-w", demo) == (0, f"{chosen}\n", "")
    with open_workspace(demo, create=False) as workspace, workspace.session() as session:
        records.archive(session, records.get_by_code(session, Project, "PRJ-001"))
    code, _, _ = run("restore", chosen, "-w", demo)
    assert code == 0
    with closing(sqlite3.connect(demo)) as conn:
        archived = conn.execute("SELECT archived_at FROM project WHERE code='PRJ-001'").fetchone()
    assert archived == (None,)


def test_restore_refuses_a_damaged_backup(run: Run, demo: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.pmodesk"
    shutil.copyfile(demo, damaged)
    corrupt(damaged)
    before = demo.read_bytes()
    code, out, err = run("restore", damaged, "-w", demo)
    assert (code, out) == (2, "")
    assert one_error_line(err) == (
        f"pmodesk: {damaged} is not a sound pmodesk backup; nothing was restored."
    )
    assert demo.read_bytes() == before
    assert list(tmp_path.glob("*.restoring")) == []


def test_restore_the_oldest_backup_of_a_full_rotation(run: Run, demo: Path) -> None:
    for _ in range(10):
        assert run("backup", "-w", demo)[0] == 0
    oldest = list_backups(demo)[-1]
    code, _, err = run("restore", oldest, "-w", demo)
    assert (code, err) == (0, "")
    assert project_count(demo) == 20


# ---------------------------------------------------------------- check


def test_check_a_sound_workspace(run: Run, demo: Path) -> None:
    code, out, err = run("check", "-w", demo)
    assert (code, err) == (0, "")
    assert "integrity:      ok (quick check)" in out
    assert f"schema:         {head_revision()} (current)" in out
    code, out, _ = run("check", "--full", "-w", demo)
    assert code == 0
    assert "ok (full integrity and foreign-key check)" in out


def test_check_a_corrupt_workspace(run: Run, demo: Path) -> None:
    backup = Path(run("backup", "-w", demo)[1].strip())
    corrupt(demo)
    code, _, err = run("check", "-w", demo)
    assert code == 1
    line = one_error_line(err)
    assert line.startswith(f"pmodesk: The workspace {demo} is damaged")
    assert f"The latest backup is {backup}" in line


def test_check_a_corrupt_workspace_as_a_process(demo: Path) -> None:
    corrupt(demo)
    done = run_process("check", "--workspace", demo, cwd=demo.parent)
    assert done.returncode == 1
    assert one_error_line(done.stderr).startswith(f"pmodesk: The workspace {demo} is damaged")


def test_check_a_file_that_is_not_a_workspace(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "letter.pmodesk"
    path.write_text("Dear board,\n", encoding="utf-8")
    code, out, err = run("check", "-w", path)
    assert code == 1
    assert "not a SQLite database file" in out
    assert "is not a pmodesk workspace" in one_error_line(err)


def test_check_a_workspace_from_a_newer_pmodesk(run: Run, demo: Path) -> None:
    with closing(sqlite3.connect(demo)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = 'f00d9999'")
    before = demo.read_bytes()
    code, out, err = run("check", "-w", demo)
    assert code == 1
    assert "f00d9999 (unknown to this pmodesk" in out
    assert "saved by a newer version of pmodesk" in one_error_line(err)
    assert demo.read_bytes() == before


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize("command", ["stats", "backup", "check", "restore --latest"])
def test_a_missing_workspace_is_an_error(run: Run, tmp_path: Path, command: str) -> None:
    path = tmp_path / "absent.pmodesk"
    code, out, err = run(*command.split(), "-w", path)
    assert (code, out) == (2, "")
    assert one_error_line(err) == f"pmodesk: There is no workspace at {path}."
    assert not path.exists()


def test_stats_on_a_corrupt_workspace(run: Run, demo: Path) -> None:
    corrupt(demo)
    code, out, err = run("stats", "-w", demo)
    assert (code, out) == (2, "")
    assert "is damaged" in one_error_line(err)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["stats", "--bogus"], "unrecognized arguments: --bogus"),
        (["demo", "--projects", "0"], "0 is not a positive number"),
        (["demo", "--people", "many"], "'many' is not a whole number"),
        (["restore"], "Name the backup to restore, or use --latest"),
        (["restore", "--latest", "--list"], "not allowed with argument"),
        ([], "name a command"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    run: Run, demo: Path, args: list[str], says: str
) -> None:
    code, out, err = run("-w", demo, *args)
    assert (code, out) == (2, "")
    assert says in one_error_line(err)
