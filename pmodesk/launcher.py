"""The ``pmodesk`` console script: the desktop app without arguments, the CLI otherwise.

Kept apart from :mod:`pmodesk.cli` so that the command line stays Qt-free
(the import contract in ``pyproject.toml`` checks it) while one executable
serves both.
"""

from __future__ import annotations

import sys


def wants_gui(argv: list[str]) -> bool:
    """True when the arguments ask for the window rather than a subcommand."""
    from pmodesk.cli import SUBCOMMANDS

    rest = [a for a in argv if a]
    skip_next = False
    for arg in rest:
        if skip_next:
            skip_next = False
            continue
        if arg in ("--workspace", "-w"):
            skip_next = True
            continue
        if arg.startswith("--workspace="):
            continue
        if arg in SUBCOMMANDS or arg.startswith("-"):
            return False
        # A bare path: open that workspace in the window (double-click on a .pmodesk file).
    return True


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if wants_gui(args):
        from pmodesk.gui.app import run

        return run(args)
    from pmodesk.cli import main as cli_main

    return cli_main(args)
