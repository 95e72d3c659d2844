"""``pmodesk pack FILE.pdf``: the review pack from the command line, in-process and as a process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from pmodesk import cli
from pmodesk.store import Workspace
from tests.unit.reports.pack_world import NAMES, PERIOD, build_pack_world

REPO_ROOT = Path(__file__).resolve().parents[2]
Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def world_file(workspace: Workspace) -> Path:
    """A workspace file holding the multi-script pack world."""
    with workspace.session() as session:
        build_pack_world(session)
    assert workspace.path is not None
    return workspace.path


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_pack_of_a_programme_on_letter_landscape(
    run: Run, world_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "board.pdf"
    target.parent.mkdir()
    code, out, err = run(
        "pack", target, "-w", world_file, "--period", PERIOD, "--programme", "PGM-2",
        "--paper", "letter", "--landscape", "--classification", "Restricted",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out.startswith(f"Pack written to {target}: ")
    assert "2 projects, period 2026-03" in out
    reader = PdfReader(target)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert NAMES["PRJ-3"] in text
    assert NAMES["PRJ-1"] not in text  # another programme
    assert "RESTRICTED" in text
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    assert [p.name for p in target.parent.iterdir()] == ["board.pdf"]  # no temporary left


def test_sections_and_title(run: Run, world_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "short.pdf"
    code, _out, _err = run(
        "pack", target, "-w", world_file, "--period", PERIOD, "--sections", "summary,risks",
        "--title", "Комитет 董事会",
    )  # fmt: skip
    assert code == 0
    reader = PdfReader(target)
    assert reader.metadata is not None
    assert reader.metadata.title == "Комитет 董事会 – March 2026"
    assert [o.title for o in reader.outline if not isinstance(o, list)] == [
        "Executive summary",
        "Risks",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--programme", "PGM-9"), "pmodesk: There is no programme with code PGM-9."),
        (("--period", "2026-3"), "pmodesk: Period '2026-3' must be written YYYY-MM"),
        (("--sections", "cover"), "choose sections from summary"),
        (("--portfolio", "PF-1", "--programme", "PGM-1"), "not allowed with argument"),
    ],
)
def test_mistakes_are_one_line(
    run: Run, world_file: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    code, out, err = run("pack", tmp_path / "x.pdf", "-w", world_file, *args)
    assert code == 2
    assert out == ""
    assert message in one_error_line(err)
    assert not (tmp_path / "x.pdf").exists()


def test_file_name_and_folder_are_checked(run: Run, world_file: Path, tmp_path: Path) -> None:
    code, _out, err = run("pack", tmp_path / "pack.txt", "-w", world_file)
    assert code == 2
    assert "Name a .pdf file" in one_error_line(err)
    code, _out, err = run("pack", tmp_path / "missing" / "pack.pdf", "-w", world_file)
    assert code == 2
    assert "does not exist" in one_error_line(err)


def test_an_empty_workspace_gets_a_sentence(run: Run, workspace: Workspace, tmp_path: Path) -> None:
    code, _out, err = run("pack", tmp_path / "x.pdf", "-w", workspace.path)
    assert code == 2
    assert "There is no project to report on" in one_error_line(err)


def test_ctrl_c_cancels_and_writes_nothing(
    run: Run, world_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real SIGINT during the layout, as a person pressing Ctrl+C."""
    pressed: list[str] = []

    def press_ctrl_c(self: cli.ProgressLine, done: int, total: int, message: str) -> None:
        if "Laying out" in message and not pressed:
            pressed.append(message)
            signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(cli.ProgressLine, "__call__", press_ctrl_c)
    target = tmp_path / "out" / "pack.pdf"
    target.parent.mkdir()
    code, out, err = run("pack", target, "-w", world_file, "--period", PERIOD)
    assert pressed
    assert code == 130
    assert out == ""
    assert one_error_line(err) == "pmodesk: pack cancelled; nothing was written."
    assert list(target.parent.iterdir()) == []
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_pack_as_a_process(world_file: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PMODESK_WORKSPACE"}
    env["PYTHONPATH"] = str(REPO_ROOT)
    target = tmp_path / "Pack – März.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "pmodesk", "pack", str(target), "--workspace", str(world_file)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert target.read_bytes().startswith(b"%PDF")
