"""What every ``pmodesk`` subcommand shares: the registry, exit codes, workspace and progress helpers.

Each subcommand is one small function that declares its options and returns
the function that runs it (see :func:`subcommand`); adding one is adding such
a function. Exit codes: 0 done, 1 a check found a problem, 2 the command
could not be carried out (one line on standard error, never a traceback),
130 cancelled with Ctrl+C.

Heavy modules (SQLAlchemy, the store, the services) are imported inside the
commands, so that the launcher can read :data:`SUBCOMMANDS` cheaply.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, TextIO

from pmodesk.domain.errors import DomainError

if TYPE_CHECKING:
    from pmodesk.store import Workspace

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_ERROR = 2
EXIT_CANCELLED = 130

Runner = Callable[[argparse.Namespace], int]


class UsageError(DomainError):
    """The command line itself is wrong (unknown option, missing argument)."""


class CheckFailed(DomainError):
    """``check`` found the workspace damaged, foreign, too new or behind: exit 1."""


@dataclass(frozen=True)
class Subcommand:
    name: str
    help: str
    build: Callable[[argparse.ArgumentParser], Runner]


_REGISTRY: list[Subcommand] = []


def subcommand(
    name: str, help: str
) -> Callable[[Callable[[argparse.ArgumentParser], Runner]], Subcommand]:
    """Register a subcommand: the decorated function adds its options and returns its runner."""

    def register(build: Callable[[argparse.ArgumentParser], Runner]) -> Subcommand:
        command = Subcommand(name, help, build)
        _REGISTRY.append(command)
        return command

    return register


# ---------------------------------------------------------------- shared helpers


def say(text: str = "", *, stream: TextIO | None = None) -> None:
    print(text, file=stream or sys.stdout)


def workspace_target(args: argparse.Namespace) -> str | None:
    """What ``--workspace`` or ``PMODESK_WORKSPACE`` names, or ``None`` for the default one.

    The variable is read here as a string so that a URL in it keeps its ``//``.
    """
    given: str | None = args.workspace
    if given:
        return given
    from pmodesk.paths import WORKSPACE_ENV

    return os.environ.get(WORKSPACE_ENV) or None


def workspace_location(args: argparse.Namespace) -> tuple[str, Path | None]:
    """``(url, path)`` of the workspace the command works on; ``path`` is ``None`` for a URL."""
    from pmodesk.store import resolve_target

    return resolve_target(workspace_target(args))


def existing_file(args: argparse.Namespace, doing: str, *, or_backups: bool = False) -> Path:
    """The workspace file, which must exist; ``doing`` names the command, for the message about URLs.

    With ``or_backups`` a deleted workspace whose backups remain is accepted too (for restore).
    """
    from pmodesk.store import WorkspaceError, list_backups

    _url, path = workspace_location(args)
    if path is None:
        raise WorkspaceError(
            f"{doing.capitalize()} works on workspace files; for a database server use its own tools."
        )
    if path.is_dir():
        raise WorkspaceError(f"{path} is a folder, not a pmodesk workspace file.")
    if not path.exists() and not (or_backups and list_backups(path)):
        raise WorkspaceError(f"There is no workspace at {path}.")
    return path


@contextmanager
def opened_workspace(args: argparse.Namespace, *, create: bool) -> Iterator[Workspace]:
    """Open (and migrate) the workspace, seed what every workspace needs, close it afterwards."""
    from pmodesk.services.setup import prepare_workspace
    from pmodesk.store import open_workspace

    workspace = open_workspace(workspace_target(args), create=create)
    try:
        prepare_workspace(workspace)
        yield workspace
    finally:
        workspace.close()


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"  # pragma: no cover - the loop always returns


@contextmanager
def ctrl_c_requests_cancel() -> Iterator[Callable[[], bool]]:
    """While active, the first Ctrl+C asks the job to stop; a second one interrupts at once."""
    requested = False

    def on_sigint(_signum: int, _frame: FrameType | None) -> None:
        nonlocal requested
        if requested:
            raise KeyboardInterrupt
        requested = True

    try:
        previous = signal.signal(signal.SIGINT, on_sigint)
    except ValueError:  # not the main thread: Ctrl+C stays a KeyboardInterrupt
        yield lambda: False
        return
    try:
        yield lambda: requested
    finally:
        signal.signal(signal.SIGINT, previous)


class ProgressLine:
    """A one-line progress display on standard error, only when that is a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self._width = 0

    def __call__(self, done: int, total: int, message: str) -> None:
        if not self.enabled:
            return
        percent = f"{100 * done / total:3.0f}%  " if total else ""
        text = f"{percent}{message}".rstrip()
        self.stream.write("\r" + text.ljust(self._width))
        self.stream.flush()
        self._width = len(text)

    def finish(self) -> None:
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0


def kind_words(table: str, count: int) -> str:
    """``("person", 2)`` → ``"people"``: a table's name as words, plural from RECORD_KINDS."""
    from pmodesk.domain import RECORD_KINDS

    if count != 1:
        for kind, model in RECORD_KINDS.items():
            if model.__tablename__ == table:
                return kind.replace("_", " ")
    return table.replace("_", " ")


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive number")
    return value
