"""Subcommands pack: the governance review pack as PDF (issue 9)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pmodesk.cli.core import (
    EXIT_CANCELLED,
    EXIT_OK,
    ProgressLine,
    Runner,
    UsageError,
    ctrl_c_requests_cancel,
    opened_workspace,
    say,
    subcommand,
)

SECTION_NAMES = ("summary", "dashboard", "decisions", "resources", "risks", "projects", "appendix")


def _sections(text: str) -> tuple[str, ...]:
    chosen = tuple(s.strip().lower() for s in text.split(",") if s.strip())
    unknown = [s for s in chosen if s not in SECTION_NAMES]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"choose sections from {', '.join(SECTION_NAMES)} (comma-separated), "
            f"not {', '.join(unknown) or repr(text)}"
        )
    return chosen


@subcommand("pack", "print the governance review pack to a PDF file")
def _pack(parser: argparse.ArgumentParser) -> Runner:
    parser.add_argument("file", type=Path, metavar="FILE.pdf", help="the PDF to write")
    parser.add_argument("--period", metavar="YYYY-MM", help="reporting period (default: current)")
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--portfolio", metavar="CODE", help="only this portfolio's projects")
    scope.add_argument("--programme", metavar="CODE", help="only this programme's projects")
    parser.add_argument("--paper", choices=("a4", "letter"), help="paper size (default: saved, A4)")
    parser.add_argument("--landscape", action="store_true", help="landscape pages")
    parser.add_argument("--title", help="title on the cover and in the running header")
    parser.add_argument("--classification", help="classification line, e.g. Confidential")
    parser.add_argument(
        "--sections", type=_sections, metavar="LIST", help=f"any of {','.join(SECTION_NAMES)}"
    )
    parser.add_argument(
        "--include-closed", action="store_true", help="report on closed and cancelled projects too"
    )

    def run(args: argparse.Namespace) -> int:
        from dataclasses import replace

        from pmodesk.reports import (
            PackCancelled,
            Paper,
            Scope,
            Section,
            build_pack,
            load_pack_settings,
        )

        target: Path = args.file.expanduser()
        if target.suffix.lower() != ".pdf":
            raise UsageError(f"Name a .pdf file to write, not {target.name!r}.")
        if target.is_dir():
            raise UsageError(f"{target} is a folder; name the PDF file to write.")
        progress = ProgressLine(sys.stderr)
        with (
            opened_workspace(args, create=False) as workspace,
            ctrl_c_requests_cancel() as cancelled,
            workspace.session() as session,
        ):
            settings = load_pack_settings(session)
            scope, code = Scope.WORKSPACE, ""
            if args.portfolio:
                scope, code = Scope.PORTFOLIO, args.portfolio
            elif args.programme:
                scope, code = Scope.PROGRAMME, args.programme
            settings = replace(settings, scope=scope, scope_code=code, period=args.period or "")
            if args.paper:
                settings = replace(settings, paper=Paper(args.paper))
            if args.landscape:
                settings = replace(settings, landscape=True)
            if args.title is not None:
                settings = replace(settings, title=args.title)
            if args.classification is not None:
                settings = replace(settings, classification=args.classification)
            if args.sections:
                settings = replace(settings, sections=tuple(Section(s) for s in args.sections))
            if args.include_closed:
                settings = replace(settings, include_closed=True)
            try:
                result = build_pack(
                    session, settings, target, progress=progress, cancelled=cancelled
                )
            except (PackCancelled, KeyboardInterrupt):
                progress.finish()
                say("pmodesk: pack cancelled; nothing was written.", stream=sys.stderr)
                return EXIT_CANCELLED
            progress.finish()
        say(
            f"Pack written to {result.path}: {result.pages} pages, "
            f"{result.projects} projects, period {result.period}."
        )
        return EXIT_OK

    return run
