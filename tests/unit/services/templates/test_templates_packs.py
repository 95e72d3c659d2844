"""Template packs: export, import with a plan first, conflicts never overwrite a local version."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import Session

from pmodesk.domain.enums import TemplateState
from pmodesk.domain.errors import NotFoundError, ValidationError
from pmodesk.services.templates import (
    apply_import,
    builtin_library,
    create_template,
    edit_template,
    export_pack,
    get_version,
    plan_import,
    publish,
    read_pack,
    revert_change,
    versions_of,
    write_pack,
)
from pmodesk.services.templates.packs import PackVersion


def _pack(s: Session, tmp_path: Path, codes: list[str] | None = None) -> list[PackVersion]:
    path = write_pack(export_pack(s, codes), tmp_path / "office.pmtpl")
    return read_pack(path)


def _with_version(
    versions: list[PackVersion], code: str, number: int, **changes: object
) -> list[PackVersion]:
    from dataclasses import replace

    base = next(v for v in versions if v.code == code)
    return [*versions, replace(base, version=number, **changes)]  # type: ignore[arg-type]


def _states(s: Session, code: str) -> list[tuple[int, TemplateState]]:
    return [(v.template_version, v.state) for v in versions_of(s, code)]


def test_export_writes_every_published_version_atomically(s: Session, tmp_path: Path) -> None:
    edit_template(s, "DOC-CHARTER", {"name": "Charter draft"})
    folder = tmp_path / "packs"
    folder.mkdir()
    path = write_pack(export_pack(s), folder / "office.pmtpl")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "pmodesk-template-pack"
    assert data["format_version"] == 1
    assert len(data["templates"]) == len(builtin_library())  # the draft stays at home
    assert [p.name for p in folder.iterdir()] == ["office.pmtpl"]
    with_drafts = export_pack(s, ["doc-charter"], include_drafts=True)
    assert [(t["code"], t["version"]) for t in with_drafts["templates"]] == [
        ("DOC-CHARTER", 1),
        ("DOC-CHARTER", 2),
    ]
    with pytest.raises(ValidationError, match="no template with code DOC-NOPE"):
        export_pack(s, ["DOC-NOPE"])


def test_importing_into_the_same_library_changes_nothing(s: Session, tmp_path: Path) -> None:
    plan = plan_import(s, _pack(s, tmp_path))
    assert plan.count("same") == len(builtin_library())
    assert not plan.changes_anything
    assert apply_import(s, plan).created == []


def test_the_plan_names_new_newer_older_and_conflicting_templates(
    s: Session, tmp_path: Path
) -> None:
    create_template(s, code="DOC-MEMO", kind="document", name="Memo")
    publish(s, "DOC-MEMO")
    incoming = _pack(s, tmp_path, ["DOC-MEMO", "DOC-CHARTER", "PT-STANDARD", "DOC-BUSINESS-CASE"])
    # The other office has version 2 of the charter; the business case differs at version 1.
    incoming = _with_version(incoming, "DOC-CHARTER", 2, name="Charter (office B)")
    incoming = [
        v if v.code != "DOC-BUSINESS-CASE" else PackVersion(**{**v.__dict__, "name": "BC (B)"})
        for v in incoming
    ]
    incoming.append(PackVersion(**{**incoming[0].__dict__, "code": "DOC-BRIEF", "name": "Brief"}))
    # Locally the standard project has moved on to version 2.
    edit_template(s, "PT-STANDARD", {"description": "Our own wording."})
    publish(s, "PT-STANDARD")

    plan = plan_import(s, incoming)
    actions = {line.code: line.action for line in plan.lines}
    assert actions == {
        "DOC-BRIEF": "new",
        "DOC-BUSINESS-CASE": "conflict",
        "DOC-CHARTER": "newer",
        "DOC-MEMO": "same",
        "PT-STANDARD": "older",
    }
    conflict = next(line for line in plan.lines if line.action == "conflict")
    assert "Version 1 differs" in conflict.detail
    assert conflict.adds == ()

    change = apply_import(s, plan)
    assert _states(s, "DOC-CHARTER") == [(2, TemplateState.PUBLISHED), (1, TemplateState.RETIRED)]
    assert get_version(s, "DOC-CHARTER").name == "Charter (office B)"
    assert _states(s, "DOC-BRIEF") == [(1, TemplateState.PUBLISHED)]
    assert get_version(s, "DOC-BUSINESS-CASE").name == "Business case"  # never overwritten
    assert _states(s, "PT-STANDARD")[0] == (2, TemplateState.PUBLISHED)  # the newer local kept

    revert_change(s, change)
    assert _states(s, "DOC-CHARTER") == [(1, TemplateState.PUBLISHED)]
    with pytest.raises(NotFoundError):
        versions_of(s, "DOC-BRIEF")


def test_a_conflict_can_come_in_as_a_new_local_draft(s: Session, tmp_path: Path) -> None:
    incoming = [
        PackVersion(**{**v.__dict__, "name": "Charter (office B)"})
        for v in _pack(s, tmp_path, ["DOC-CHARTER"])
    ]
    plan = plan_import(s, incoming)
    assert [line.action for line in plan.lines] == ["conflict"]
    apply_import(s, plan, conflicts_as_drafts=True)
    assert _states(s, "DOC-CHARTER") == [(2, TemplateState.DRAFT), (1, TemplateState.PUBLISHED)]
    draft = get_version(s, "DOC-CHARTER", 2)
    assert draft.name == "Charter (office B)"
    assert "differed from the local one" in draft.change_note


def test_the_pack_keeps_who_published_each_version(s: Session, tmp_path: Path) -> None:
    incoming = _with_version(
        _pack(s, tmp_path, ["DOC-CHARTER"]),
        "DOC-CHARTER",
        2,
        name="Charter B",
        published_by="office-b",
        published_at="2026-04-01T10:00:00+00:00",
    )
    apply_import(s, plan_import(s, incoming))
    imported = get_version(s, "DOC-CHARTER", 2)
    assert imported.published_by == "office-b"
    assert imported.published_at is not None
    assert imported.published_at.month == 4


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01binary", "not a JSON text file"),
        (b'{"templates": []}', "does not say it is one"),
        (b'{"format": "pmodesk-template-pack", "format_version": 9}', "newer pmodesk"),
        (
            b'{"format": "pmodesk-template-pack", "templates": [{"code": "X"}]}',
            "entry 1 is incomplete",
        ),
    ],
)
def test_a_file_that_is_not_a_pack_gets_one_sentence(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "odd.pmtpl"
    path.write_bytes(content)
    with pytest.raises(ValidationError, match=message):
        read_pack(path)
    with pytest.raises(ValidationError, match="There is no file"):
        read_pack(tmp_path / "missing.pmtpl")
