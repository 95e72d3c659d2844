"""Where ``ui/``, ``resources/`` and the user's data live.

The same lookup serves three layouts:

* a source checkout: ``<repo>/ui`` and ``<repo>/resources`` beside the package;
* an installed wheel: copied into ``pmodesk/_bundled/`` by the build backend;
* a PyInstaller bundle: under ``sys._MEIPASS``.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

from platformdirs import PlatformDirs

from pmodesk import APP_NAME, ORGANISATION

WORKSPACE_SUFFIX = ".pmodesk"
WORKSPACE_ENV = "PMODESK_WORKSPACE"


def _candidates(name: str) -> list[Path]:
    package_dir = Path(__file__).resolve().parent
    found = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        found += [Path(frozen_root) / name, Path(frozen_root) / "pmodesk" / "_bundled" / name]
    found += [package_dir / "_bundled" / name, package_dir.parent / name]
    return found


@cache
def shipped_dir(name: str) -> Path:
    """The shipped folder ``ui`` or ``resources``, wherever this copy of pmodesk runs from."""
    for candidate in _candidates(name):
        if candidate.is_dir():
            return candidate
    tried = ", ".join(str(c) for c in _candidates(name))
    raise FileNotFoundError(
        f"pmodesk is incomplete: its '{name}' folder is missing (looked in {tried})"
    )


def ui_dir() -> Path:
    return shipped_dir("ui")


def resources_dir() -> Path:
    return shipped_dir("resources")


def resource(*parts: str) -> Path:
    """A file under ``resources/``, e.g. ``resource("icons", "board.svg")``."""
    return resources_dir().joinpath(*parts)


def ui_form(name: str) -> Path:
    """A Qt Designer form under ``ui/``, e.g. ``ui_form("main_window.ui")``."""
    return ui_dir() / name


def _dirs() -> PlatformDirs:
    return PlatformDirs(appname=APP_NAME, appauthor=ORGANISATION)


def user_data_dir() -> Path:
    return Path(_dirs().user_data_dir)


def user_log_dir() -> Path:
    return Path(_dirs().user_log_dir)


def default_workspace_path() -> Path:
    """The workspace used when neither ``--workspace`` nor ``PMODESK_WORKSPACE`` names one."""
    override = os.environ.get(WORKSPACE_ENV)
    if override:
        return Path(override).expanduser()
    return user_data_dir() / f"workspace{WORKSPACE_SUFFIX}"


def backups_dir_for(workspace: Path) -> Path:
    """Backups of a workspace sit beside it, in ``<name>.backups/``."""
    return workspace.with_name(workspace.name + ".backups")
