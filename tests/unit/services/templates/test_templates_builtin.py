"""The built-in library: complete, consistent with the lifecycle, loaded once, restorable."""

from __future__ import annotations

import json

from sqlmodel import Session, func, select

from pmodesk.domain import GateChecklistItem, Stage, Template
from pmodesk.domain.enums import TemplateKind, TemplateState
from pmodesk.domain.lifecycle import DEFAULT_STAGES
from pmodesk.paths import resource
from pmodesk.services.setup import prepare_session
from pmodesk.services.templates import (
    builtin_library,
    edit_template,
    get_version,
    publish,
    restore_defaults,
    revert_change,
    seed_library,
    versions_of,
)
from pmodesk.services.templates.body import SOURCES, body_problems
from pmodesk.services.templates.builtin import builtin

DOCUMENTS = {
    "DOC-CHARTER",
    "DOC-BUSINESS-CASE",
    "DOC-STATUS-REPORT",
    "DOC-RISK-REGISTER",
    "DOC-CHANGE-REQUEST",
    "DOC-CLOSURE-REPORT",
    "DOC-LESSONS-REVIEW",
}


def _by_kind(kind: TemplateKind) -> dict[str, dict]:
    return {t.code: t.body for t in builtin_library() if t.kind is kind}


def test_the_library_has_every_kind_the_office_needs() -> None:
    assert set(_by_kind(TemplateKind.DOCUMENT)) == DOCUMENTS
    assert set(_by_kind(TemplateKind.PROJECT)) == {"PT-STANDARD", "PT-SMALL-CHANGE", "PT-IT-SYSTEM"}
    assert set(_by_kind(TemplateKind.LIFECYCLE)) == {"LC-STANDARD"}
    stages_with_gate = [c for c, _n, _d in DEFAULT_STAGES][:-1]
    assert sorted(b["stage"] for b in _by_kind(TemplateKind.GATE_CHECKLIST).values()) == sorted(
        stages_with_gate
    )


def test_every_shipped_file_is_valid_and_written_for_people() -> None:
    files = sorted(resource("templates").glob("*.json"))
    assert len(files) == len(builtin_library()) == 16
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert path.stem == data["code"].lower(), path.name
        assert body_problems(data["kind"], data["body"]) == [], path.name
        assert len(data["description"]) > 60, path.name
        assert data["description"].endswith("."), path.name
    for body in _by_kind(TemplateKind.DOCUMENT).values():
        assert body["purpose"]
        assert all(s["guidance"] for s in body["sections"])
        assert all((f.get("source") or "") in ("", *SOURCES) for f in body["fields"])


def test_the_lifecycle_matches_the_default_stages_and_names_existing_templates() -> None:
    lifecycle = builtin("LC-STANDARD")
    assert lifecycle is not None
    stages = lifecycle.body["stages"]
    assert [(s["code"], s["name"], s["description"]) for s in stages] == list(DEFAULT_STAGES)
    gates = _by_kind(TemplateKind.GATE_CHECKLIST)
    for stage in stages:
        if stage["gate"]:
            assert gates[stage["gate"]]["stage"] == stage["code"]
        assert set(stage["documents"]) <= DOCUMENTS


def test_project_templates_refer_to_what_the_library_has() -> None:
    items = {i["code"] for b in _by_kind(TemplateKind.GATE_CHECKLIST).values() for i in b["items"]}
    stages = {c for c, _n, _d in DEFAULT_STAGES}
    for code, body in _by_kind(TemplateKind.PROJECT).items():
        assert {w["item"] for w in body["checklist"]["waive"]} <= items, code
        assert {d["template"] for d in body["documents"]} <= DOCUMENTS, code
        assert {d["due_stage"] for d in body["documents"]} <= stages, code
        offsets = [m["offset_days"] for m in body["milestones"]]
        assert offsets == sorted(offsets), code
        assert offsets[-1] <= body["duration_weeks"] * 7, code
        assert all(t["from_week"] + t["weeks"] <= body["duration_weeks"] for t in body["team"])


def test_a_new_workspace_gets_the_library_published_and_its_gates(s: Session) -> None:
    versions = list(s.exec(select(Template)))
    assert len(versions) == len(builtin_library())
    assert all(
        v.state is TemplateState.PUBLISHED and v.built_in and v.template_version == 1
        for v in versions
    )
    assert all(v.published_at is not None and v.published_by == "pmodesk" for v in versions)
    codes = set(s.exec(select(GateChecklistItem.code)))
    shipped = {
        i["code"] for b in _by_kind(TemplateKind.GATE_CHECKLIST).values() for i in b["items"]
    }
    assert codes == shipped


def test_seeding_adds_only_missing_codes_and_is_idempotent(s: Session) -> None:
    edit_template(s, "DOC-CHARTER", {"name": "Charter (our wording)"})
    assert seed_library(s, source="setup") == []
    prepare_session(s)
    assert s.exec(select(func.count()).select_from(Template)).one() == len(builtin_library()) + 1
    assert s.exec(select(func.count()).select_from(Stage)).one() == len(DEFAULT_STAGES)


def test_restore_defaults_adds_a_new_version_and_keeps_the_history(s: Session) -> None:
    body = get_version(s, "DOC-CHARTER").body
    changed = {**body, "sections": body["sections"][:2]}
    edit_template(s, "DOC-CHARTER", {"body": changed}, change_note="Shorter charter")
    publish(s, "DOC-CHARTER")

    report = restore_defaults(s)

    assert report.count("restored") == 1
    assert report.count("unchanged") == len(builtin_library()) - 1
    versions = versions_of(s, "DOC-CHARTER")
    assert [(v.template_version, v.state) for v in versions] == [
        (3, TemplateState.PUBLISHED),
        (2, TemplateState.RETIRED),
        (1, TemplateState.RETIRED),
    ]
    assert versions[0].body == builtin("DOC-CHARTER").body  # type: ignore[union-attr]
    assert "history" in report.summary

    revert_change(s, report.change)
    assert [(v.template_version, v.state) for v in versions_of(s, "DOC-CHARTER")] == [
        (2, TemplateState.PUBLISHED),
        (1, TemplateState.RETIRED),
    ]
    assert restore_defaults(s).count("restored") == 1


def test_restore_defaults_brings_back_a_changed_gate(s: Session) -> None:
    body = get_version(s, "GC-IDEA").body
    edit_template(s, "GC-IDEA", {"body": {**body, "items": body["items"][:2]}})
    publish(s, "GC-IDEA")
    live = select(GateChecklistItem).where(GateChecklistItem.archived_at == None)  # noqa: E711
    assert "GATE-IDEA-03" not in {i.code for i in s.exec(live)}

    restore_defaults(s)
    assert {"GATE-IDEA-03", "GATE-IDEA-04"} <= {i.code for i in s.exec(live)}
