"""The ``pmodesk`` command line: the same services as the window, for batch work and scripts.

Each subcommand lives in a module of this package as one small function that
declares its options and returns the function that runs it (see
:func:`pmodesk.cli.core.subcommand`). Exit codes: 0 done, 1 a check found a
problem, 2 the command could not be carried out (one line on standard error,
never a traceback), 130 cancelled with Ctrl+C.

Heavy modules (SQLAlchemy, the store, the services) are imported inside the
commands, so that the launcher can read :data:`SUBCOMMANDS` cheaply.
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from pmodesk import APP_NAME, __version__

# Importing a command module registers its subcommands (listed in --help in HELP_ORDER).
from pmodesk.cli import (
    exporting_commands as exporting_commands,
)
from pmodesk.cli import (
    importing_commands as importing_commands,
)
from pmodesk.cli import (
    pack_commands as pack_commands,
)
from pmodesk.cli import (
    templates_commands as templates_commands,
)
from pmodesk.cli import (
    workspace_commands as workspace_commands,
)
from pmodesk.cli.core import (
    _REGISTRY,
    EXIT_CANCELLED,
    EXIT_CHECK_FAILED,
    EXIT_ERROR,
    EXIT_OK,
    CheckFailed,
    ProgressLine,
    Runner,
    UsageError,
    say,
)
from pmodesk.domain.errors import DomainError

__all__ = ["SUBCOMMANDS", "ProgressLine", "build_parser", "main"]

#: Every subcommand's name; the launcher starts the window when none is given.
SUBCOMMANDS: frozenset[str] = frozenset(command.name for command in _REGISTRY)
#: The order --help lists subcommands in: a workbook's way in and out first, then the
#: board's pack and the templates, then looking after the workspace.
HELP_ORDER = ("import", "export", "status-requests", "pack", "templates", "demo", "backup",
              "restore", "check", "stats")  # fmt: skip


# ---------------------------------------------------------------- parser and entry


class _Parser(argparse.ArgumentParser):
    """Reports usage mistakes as one line instead of exiting from inside argparse."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=APP_NAME,
        description="pmodesk without a subcommand opens the desktop app; these work from a terminal.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    workspace_help = (
        "workspace file or database URL (default: $PMODESK_WORKSPACE, "
        "else the workspace in your data folder)"
    )
    parser.add_argument("-w", "--workspace", metavar="PATH_OR_URL", help=workspace_help)
    # Accepted after the subcommand too (`pmodesk stats --workspace a.pmodesk`).
    shared = _Parser(add_help=False)
    shared.add_argument(
        "-w", "--workspace", metavar="PATH_OR_URL", default=argparse.SUPPRESS, help=workspace_help
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    listed = sorted(
        _REGISTRY,
        key=lambda c: HELP_ORDER.index(c.name) if c.name in HELP_ORDER else len(HELP_ORDER),
    )
    for command in listed:
        sub = commands.add_parser(
            command.name, help=command.help, description=command.help, parents=[shared]
        )
        sub.set_defaults(run=command.build(sub))
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser()
        try:
            args = parser.parse_args(args_list)
        except SystemExit as done:  # --help and --version
            return done.code if isinstance(done.code, int) else EXIT_OK
        if args.command is None:
            raise UsageError(f"name a command: {', '.join(sorted(SUBCOMMANDS))}")
        runner: Runner = args.run
        return runner(args)
    except CheckFailed as exc:
        say(f"{APP_NAME}: {exc}", stream=sys.stderr)
        return EXIT_CHECK_FAILED
    except DomainError as exc:
        say(f"{APP_NAME}: {exc}", stream=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        say(f"{APP_NAME}: interrupted.", stream=sys.stderr)
        return EXIT_CANCELLED
    except BrokenPipeError:  # `pmodesk stats | head`
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
