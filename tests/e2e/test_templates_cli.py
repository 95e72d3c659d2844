"""``pmodesk templates``: list, export a pack, import it with a plan (dry run first), restore defaults."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmodesk import cli
from pmodesk.services.setup import prepare_workspace
from pmodesk.services.templates import builtin_library, edit_template, publish
from pmodesk.store import open_workspace


@pytest.fixture
def workspace_file(tmp_path: Path) -> Path:
    path = tmp_path / "office.pmodesk"
    assert cli.main(["templates", "list", "--workspace", str(path)]) == 2  # not there yet
    with open_workspace(path) as ws:
        prepare_workspace(ws)
    return path


def test_list_shows_the_built_in_library(run, workspace_file: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("-w", workspace_file, "templates", "list")
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert len(lines) == len(builtin_library())
    assert lines[0].startswith("PT-IT-SYSTEM")
    assert "Published" in lines[0]

    code, out, _ = run("templates", "list", "--kind", "document", "--json", "-w", workspace_file)
    payload = json.loads(out)
    assert {t["code"] for t in payload} >= {"DOC-CHARTER", "DOC-LESSONS-REVIEW"}
    assert all(t["kind"] == "document" and t["version"] == 1 for t in payload)

    code, out, _ = run("templates", "list", "--search", "lessons", "-w", workspace_file)
    assert [line.split()[0] for line in out.splitlines()] == ["DOC-LESSONS-REVIEW"]


def test_a_pack_travels_between_workspaces(run, workspace_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with open_workspace(workspace_file) as ws, ws.session() as s:
        edit_template(s, "DOC-CHARTER", {"name": "Charter (office A)"})
        publish(s, "DOC-CHARTER")
    code, out, _ = run("templates", "export-pack", tmp_path / "office-a", "-w", workspace_file)
    assert code == 0
    assert (tmp_path / "office-a.pmtpl").is_file()
    assert "17 template versions of 16 templates" in out

    other = tmp_path / "other.pmodesk"
    open_workspace(other).close()
    code, out, _ = run(
        "templates", "import-pack", tmp_path / "office-a.pmtpl", "--dry-run", "-w", other
    )
    assert code == 0
    assert "Newer than local  DOC-CHARTER" in out
    assert "Plan: 1 newer, 15 same." in out
    assert "Dry run: nothing was changed." in out
    code, out, _ = run("templates", "list", "--kind", "document", "--json", "-w", other)
    assert {t["code"]: t["version"] for t in json.loads(out)}["DOC-CHARTER"] == 1

    code, out, _ = run("templates", "import-pack", tmp_path / "office-a.pmtpl", "-w", other)
    assert code == 0
    assert "Imported 1 template versions." in out
    code, out, _ = run("templates", "list", "--search", "charter", "-w", other)
    assert "v2" in out
    assert "Charter (office A)" in out


def test_restore_defaults_and_clear_errors(run, workspace_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("templates", "restore-defaults", "-w", workspace_file)
    assert code == 0
    assert "already has its shipped content" in out

    junk = tmp_path / "junk.pmtpl"
    junk.write_text("not json", encoding="utf-8")
    code, out, err = run("templates", "import-pack", junk, "-w", workspace_file)
    assert code == 2
    assert out == ""
    assert (
        err.strip()
        == "pmodesk: junk.pmtpl is not a pmodesk template pack: it is not a JSON text file."
    )
    code, _out, err = run("templates", "-w", workspace_file)
    assert code == 2
    assert "name what to do with templates" in err
