"""Template packs: a JSON file (``.pmtpl``) carrying templates with their versions between offices.

Importing is planned first. For each template code in the pack the plan says:

* **new** — the workspace has no such code: every version is added;
* **newer** — the pack has versions after the workspace's newest: those are added;
* **same** — the workspace already has every version, with the same content;
* **older** — the workspace's newest version is newer than the pack's: nothing is added;
* **conflict** — a version number exists on both sides with different content:
  nothing is added unless the person asks to take the pack's content as a new
  local draft (it never replaces a local version).

A version added as published becomes the one in use (the local published one
is retired); nothing local is ever changed otherwise.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from sqlmodel import Session, col, select

from pmodesk import __version__
from pmodesk.domain import Template, utcnow
from pmodesk.domain.enums import TemplateKind, TemplateState
from pmodesk.domain.errors import ValidationError
from pmodesk.services import records
from pmodesk.services.audit import current_user
from pmodesk.services.templates.body import body_problems
from pmodesk.services.templates.library import current_of
from pmodesk.services.templates.versions import TemplateChange, next_version_number, publish

PACK_FORMAT = "pmodesk-template-pack"
PACK_FORMAT_VERSION = 1
PACK_SUFFIX = ".pmtpl"
#: A pack larger than this is refused before it is parsed (a library is a few hundred KB).
MAX_PACK_BYTES = 20 * 1024 * 1024
SOURCE = "template pack"

Action = Literal["new", "newer", "same", "older", "conflict"]
ACTION_LABELS: dict[str, str] = {
    "new": "New",
    "newer": "Newer than local",
    "same": "Same as local",
    "older": "Older than local",
    "conflict": "Conflict",
}


@dataclass(frozen=True)
class PackVersion:
    code: str
    kind: TemplateKind
    version: int
    name: str
    description: str
    state: TemplateState
    change_note: str
    published_at: str | None
    published_by: str
    body: dict[str, Any]

    def same_content(self, local: Template) -> bool:
        return (self.name, self.description, self.body) == (
            local.name,
            local.description,
            local.body,
        )


def _entry(t: Template) -> dict[str, Any]:
    return {
        "code": t.code,
        "kind": t.kind.value,
        "version": t.template_version,
        "name": t.name,
        "description": t.description,
        "state": t.state.value,
        "change_note": t.change_note,
        "published_at": t.published_at.isoformat() if t.published_at else None,
        "published_by": t.published_by,
        "body": t.body,
    }


def export_pack(
    session: Session, codes: list[str] | None = None, *, include_drafts: bool = False
) -> dict[str, Any]:
    """The pack of ``codes`` (default: the whole library), every version of each."""
    statement = select(Template).where(col(Template.archived_at).is_(None))
    if codes:
        statement = statement.where(col(Template.code).in_([c.strip().upper() for c in codes]))
    found = list(
        session.exec(statement.order_by(col(Template.code), col(Template.template_version)))
    )
    if codes:
        missing = sorted({c.strip().upper() for c in codes} - {t.code for t in found})
        if missing:
            raise ValidationError(f"There is no template with code {', '.join(missing)}.")
    kept = [t for t in found if include_drafts or t.state is not TemplateState.DRAFT]
    return {
        "format": PACK_FORMAT,
        "format_version": PACK_FORMAT_VERSION,
        "exported_at": utcnow().isoformat(),
        "exported_by": current_user(),
        "pmodesk": __version__,
        "templates": [_entry(t) for t in kept],
    }


def write_pack(pack: dict[str, Any], path: Path) -> Path:
    """Write ``pack`` to ``path`` through a temporary file renamed into place."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=".pack-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(pack, out, ensure_ascii=False, indent=2)
            out.write("\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _refuse(path: Path, why: str) -> ValidationError:
    return ValidationError(f"{path.name} is not a pmodesk template pack: {why}", field="path")


def read_pack(path: Path) -> list[PackVersion]:
    """The versions a pack file carries, checked; one clear sentence when the file is not a pack."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_PACK_BYTES:
            raise _refuse(path, "it is larger than a template pack can be.")
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValidationError(f"There is no file {path}.", field="path") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _refuse(path, "it is not a JSON text file.") from None
    except OSError as exc:
        raise ValidationError(f"{path} cannot be read: {exc.strerror}.", field="path") from None
    if not isinstance(data, dict) or data.get("format") != PACK_FORMAT:
        raise _refuse(path, "it does not say it is one.")
    if int(data.get("format_version", 0)) > PACK_FORMAT_VERSION:
        raise _refuse(path, "it was written by a newer pmodesk; update pmodesk to read it.")
    versions = []
    for n, entry in enumerate(data.get("templates") or [], 1):
        try:
            kind = TemplateKind(entry["kind"])
            version = PackVersion(
                code=str(entry["code"]).strip().upper(),
                kind=kind,
                version=int(entry["version"]),
                name=str(entry["name"]),
                description=str(entry.get("description", "")),
                state=TemplateState(entry.get("state", "published")),
                change_note=str(entry.get("change_note", "")),
                published_at=entry.get("published_at"),
                published_by=str(entry.get("published_by", "")),
                body=dict(entry["body"]),
            )
        except (KeyError, TypeError, ValueError):
            raise _refuse(path, f"template entry {n} is incomplete or damaged.") from None
        problems = body_problems(kind, version.body)
        if problems and version.state is not TemplateState.DRAFT:
            raise _refuse(path, f"{version.code} version {version.version}: {problems[0]}")
        versions.append(version)
    return versions


@dataclass(frozen=True)
class PlanLine:
    code: str
    name: str
    kind: TemplateKind
    action: Action
    pack_version: int
    local_version: int | None
    detail: str
    #: The versions the import would add.
    adds: tuple[PackVersion, ...]
    #: With a conflict: the pack's newest version (offered as a new local draft).
    conflicting: PackVersion | None = None

    @property
    def action_label(self) -> str:
        return ACTION_LABELS[self.action]


@dataclass(frozen=True)
class ImportPlan:
    lines: list[PlanLine]

    def count(self, action: str) -> int:
        return sum(line.action == action for line in self.lines)

    @property
    def changes_anything(self) -> bool:
        return any(line.adds for line in self.lines) or self.count("conflict") > 0


def plan_import(session: Session, versions: list[PackVersion]) -> ImportPlan:
    """What importing ``versions`` would do, code by code; writes nothing."""
    by_code: dict[str, list[PackVersion]] = {}
    for version in versions:
        by_code.setdefault(version.code, []).append(version)
    lines = []
    for code, incoming in sorted(by_code.items()):
        incoming.sort(key=lambda v: v.version)
        newest = incoming[-1]
        local = {
            t.template_version: t
            for t in session.exec(select(Template).where(Template.code == code))
        }
        if not local:
            lines.append(
                PlanLine(
                    code,
                    newest.name,
                    newest.kind,
                    "new",
                    newest.version,
                    None,
                    f"Adds {_versions(incoming)}.",
                    tuple(incoming),
                )
            )
            continue
        local_newest = max(local)
        clashes = [
            v for v in incoming if v.version in local and not v.same_content(local[v.version])
        ]
        current = current_of(list(local.values()))
        if clashes or any(local[v].kind is not newest.kind for v in local):
            clash = clashes[0].version if clashes else newest.version
            lines.append(
                PlanLine(
                    code,
                    newest.name,
                    newest.kind,
                    "conflict",
                    newest.version,
                    local_newest,
                    f"Version {clash} differs between the pack and this workspace; "
                    "nothing is replaced.",
                    (),
                    newest,
                )
            )
        elif newest.version > local_newest:
            adds = tuple(v for v in incoming if v.version > local_newest)
            lines.append(
                PlanLine(
                    code,
                    newest.name,
                    newest.kind,
                    "newer",
                    newest.version,
                    local_newest,
                    f"Adds {_versions(list(adds))} after local version {local_newest}.",
                    adds,
                )
            )
        elif newest.version < local_newest:
            lines.append(
                PlanLine(
                    code,
                    current.name,
                    newest.kind,
                    "older",
                    newest.version,
                    local_newest,
                    f"This workspace already has version {local_newest}; kept as it is.",
                    (),
                )
            )
        else:
            lines.append(
                PlanLine(
                    code,
                    current.name,
                    newest.kind,
                    "same",
                    newest.version,
                    local_newest,
                    "Already here with the same content.",
                    (),
                )
            )
    return ImportPlan(lines)


def _versions(versions: list[PackVersion]) -> str:
    numbers = [str(v.version) for v in versions]
    return f"version {numbers[0]}" if len(numbers) == 1 else f"versions {', '.join(numbers)}"


def _stamp(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def apply_import(
    session: Session, plan: ImportPlan, *, conflicts_as_drafts: bool = False
) -> TemplateChange:
    """Carry out ``plan``: add what it adds (and, if asked, conflicts as new local drafts)."""
    change = TemplateChange()
    for line in plan.lines:
        for version in line.adds:
            published = version.state is TemplateState.PUBLISHED
            made = records.create(
                session,
                Template,
                {
                    "code": version.code,
                    "template_version": version.version,
                    "kind": version.kind,
                    "name": version.name,
                    "description": version.description,
                    "body": version.body,
                    "state": TemplateState.DRAFT if published else version.state,
                    "change_note": version.change_note,
                    "published_at": _stamp(version.published_at),
                    "published_by": version.published_by,
                },
                source=SOURCE,
            )
            change.created.append(made.id)
            if published:
                change.merge(publish(session, version.code, version.version))
                _update_stamp(session, made, version)
        if line.conflicting is not None and conflicts_as_drafts:
            incoming = line.conflicting
            made = records.create(
                session,
                Template,
                {
                    "code": incoming.code,
                    "template_version": next_version_number(session, incoming.code),
                    "kind": incoming.kind,
                    "name": incoming.name,
                    "description": incoming.description,
                    "body": incoming.body,
                    "state": TemplateState.DRAFT,
                    "change_note": (
                        f"Imported from a template pack (its version {incoming.version}, "
                        "which differed from the local one). Review, then publish."
                    ),
                },
                source=SOURCE,
            )
            change.created.append(made.id)
    return change


def _update_stamp(session: Session, made: Template, version: PackVersion) -> None:
    """Keep who published the version and when, as the pack says (publishing stamped it now)."""
    stamp = _stamp(version.published_at)
    if stamp is not None or version.published_by:
        records.update(
            session,
            made,
            {"published_at": stamp or made.published_at, "published_by": version.published_by},
            source=SOURCE,
        )
