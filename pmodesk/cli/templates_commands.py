"""Subcommand ``templates``: the template library from a terminal.

``pmodesk templates list [--kind KIND] [--search TEXT] [--json]``
``pmodesk templates export-pack FILE [--code CODE ...] [--drafts]``
``pmodesk templates import-pack FILE [--dry-run] [--conflicts-as-drafts]``
``pmodesk templates restore-defaults``

An import always prints its plan first (new, newer than local, same, older
than local, conflict); ``--dry-run`` stops there and writes nothing.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from pmodesk.cli.core import (
    EXIT_OK,
    Runner,
    UsageError,
    opened_workspace,
    say,
    subcommand,
)

if TYPE_CHECKING:
    from sqlmodel import Session

ACTIONS = ("list", "export-pack", "import-pack", "restore-defaults")
KINDS = ("project", "gate_checklist", "document", "lifecycle")


@subcommand("templates", "list, share and restore the template library")
def _templates(parser: argparse.ArgumentParser) -> Runner:
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    listing = actions.add_parser("list", help="the library: one line per template")
    listing.add_argument("--kind", choices=KINDS, help="only templates of this kind")
    listing.add_argument("--search", metavar="TEXT", default="", help="words to look for")
    listing.add_argument("--json", action="store_true", help="print JSON, for scripts")
    export = actions.add_parser("export-pack", help="write a template pack (.pmtpl)")
    export.add_argument("file", type=Path, metavar="FILE")
    export.add_argument(
        "--code", action="append", metavar="CODE", help="only this template (repeatable)"
    )
    export.add_argument("--drafts", action="store_true", help="include draft versions")
    importing = actions.add_parser("import-pack", help="import a template pack, plan first")
    importing.add_argument("file", type=Path, metavar="FILE")
    importing.add_argument("--dry-run", action="store_true", help="show the plan, change nothing")
    importing.add_argument(
        "--conflicts-as-drafts",
        action="store_true",
        help="take conflicting templates in as new local drafts (nothing is replaced)",
    )
    restoring = actions.add_parser(
        "restore-defaults", help="give the built-in templates their shipped content"
    )
    for sub in (listing, export, importing, restoring):  # `templates list -w FILE` works too
        sub.add_argument(
            "-w",
            "--workspace",
            metavar="PATH_OR_URL",
            default=argparse.SUPPRESS,
            help="workspace file or database URL",
        )

    def run(args: argparse.Namespace) -> int:
        action = getattr(args, "action", None)
        if action is None:
            raise UsageError(f"name what to do with templates: {', '.join(ACTIONS)}")
        with opened_workspace(args, create=False) as workspace, workspace.session() as session:
            if action == "list":
                return _list(session, args)
            if action == "export-pack":
                return _export(session, args)
            if action == "import-pack":
                return _import(session, args)
            return _restore(session)

    return run


def _list(session: Session, args: argparse.Namespace) -> int:
    from pmodesk.domain.enums import TemplateKind
    from pmodesk.services.templates import list_library

    kind = TemplateKind(args.kind) if args.kind else None
    rows = list_library(session, kind=kind, search=args.search)
    if args.json:
        payload = [
            {
                "code": r.code,
                "kind": r.kind.value,
                "name": r.name,
                "state": r.state.value,
                "version": r.version,
                "latest_version": r.latest_version,
                "built_in": r.built_in,
                "projects": r.projects,
                "lessons": r.lessons,
            }
            for r in rows
        ]
        say(json.dumps(payload, indent=2, ensure_ascii=False))
        return EXIT_OK
    if not rows:
        say("No template matches.")
        return EXIT_OK
    width = max(len(r.code) for r in rows)
    for r in rows:
        draft = f"  (draft v{r.latest_version} open)" if r.has_open_draft else ""
        used = f"  {r.projects} project{'s' if r.projects != 1 else ''}" if r.projects else ""
        say(
            f"{r.code:<{width}}  {r.kind_label:<17}  v{r.version:<3} {r.state_label:<9}  "
            f"{r.name}{used}{draft}"
        )
    return EXIT_OK


def _export(session: Session, args: argparse.Namespace) -> int:
    from pmodesk.services.templates import export_pack, write_pack

    target: Path = args.file.expanduser()
    if target.suffix == "":
        target = target.with_suffix(".pmtpl")
    pack = export_pack(session, args.code, include_drafts=args.drafts)
    count = len(pack["templates"])
    codes = len({t["code"] for t in pack["templates"]})
    write_pack(pack, target)
    say(f"Wrote {count} template versions of {codes} templates to {target}.")
    return EXIT_OK


def _import(session: Session, args: argparse.Namespace) -> int:
    from pmodesk.services.templates import apply_import, plan_import, read_pack

    plan = plan_import(session, read_pack(args.file.expanduser()))
    width = max((len(line.code) for line in plan.lines), default=4)
    for line in plan.lines:
        say(f"{line.action_label:<17} {line.code:<{width}}  {line.name}: {line.detail}")
    counts = ", ".join(
        f"{plan.count(a)} {a}"
        for a in ("new", "newer", "same", "older", "conflict")
        if plan.count(a)
    )
    say(f"Plan: {counts or 'nothing in the pack'}.")
    if args.dry_run:
        say("Dry run: nothing was changed.")
        return EXIT_OK
    change = apply_import(
        session,
        plan,
        conflicts_as_drafts=args.conflicts_as_drafts,
    )
    say(f"Imported {len(change.created)} template versions.")
    if plan.count("conflict") and not args.conflicts_as_drafts:
        say(
            "Conflicting templates were left as they are; "
            "use --conflicts-as-drafts to take them in as new local drafts."
        )
    return EXIT_OK


def _restore(session: Session) -> int:
    from pmodesk.services.templates import restore_defaults

    report = restore_defaults(session)
    for line in report.lines:
        if line.action != "unchanged":
            say(f"{line.action.capitalize():<9} {line.code}  {line.name} (version {line.version})")
    say(report.summary)
    return EXIT_OK
