"""The packaging files agree with each other and with ``pmodesk.__version__``.

Fast checks only: the full PyInstaller build and its smoke test take minutes and run as
``packaging/build_linux.sh`` (documented in ``packaging/README.md``).
"""

from __future__ import annotations

import ast
import configparser
import re
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest
from defusedxml import ElementTree

import pmodesk
from pmodesk.paths import WORKSPACE_SUFFIX

REPO_ROOT = Path(__file__).resolve().parents[2]
PACKAGING = REPO_ROOT / "packaging"
LINUX = PACKAGING / "linux"
APP_ID = "io.github.pmodesk"
MIME_TYPE = "application/x-pmodesk-workspace"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def _metainfo() -> Element:
    root: Element = ElementTree.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    return root


def _mime_type() -> Element:
    root = ElementTree.parse(LINUX / "pmodesk-mime.xml").getroot()
    types: list[Element] = root.findall(f"{MIME_NS}mime-type")
    assert len(types) == 1
    return types[0]


def test_metainfo_names_the_app_and_its_desktop_entry() -> None:
    root = _metainfo()
    assert root.tag == "component"
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.findtext("provides/binary") == "pmodesk"
    assert root.findtext("provides/mediatype") == MIME_TYPE


def test_metainfo_newest_release_is_the_package_version() -> None:
    releases = _metainfo().findall("releases/release")
    assert releases, "the metainfo lists no release"
    assert releases[0].get("version") == pmodesk.__version__
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", releases[0].get("date") or "")


def test_metainfo_screenshots_are_not_placeholders() -> None:
    for image in _metainfo().iter("image"):
        url = image.text or ""
        assert url.startswith("https://"), url
        assert "example" not in url, url
        assert "placeholder" not in url.lower(), url


def test_desktop_entry_opens_workspaces_of_the_mime_type() -> None:
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "pmodesk %f"
    assert entry["Icon"] == APP_ID
    mime_types = [m for m in entry["MimeType"].split(";") if m]
    assert mime_types == [_mime_type().get("type")] == [MIME_TYPE]


def test_mime_type_matches_workspace_files_by_name_and_sqlite_magic() -> None:
    mime = _mime_type()
    globs = [g.get("pattern") for g in mime.findall(f"{MIME_NS}glob")]
    assert globs == [f"*{WORKSPACE_SUFFIX}"]
    values = [m.get("value") for m in mime.iter(f"{MIME_NS}match")]
    assert values == ["SQLite format 3\\000"]


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_linux_icons_exist_in_the_standard_sizes(size: int) -> None:
    icon = LINUX / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    header = icon.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
    assert (width, height) == (size, size)


def test_scalable_icon_is_the_app_svg() -> None:
    scalable = LINUX / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert scalable.read_bytes() == (REPO_ROOT / "resources" / "icons" / "app.svg").read_bytes()


def test_inno_setup_version_and_association_match() -> None:
    iss = (PACKAGING / "windows" / "pmodesk.iss").read_text(encoding="utf-8")
    version = re.search(r'#define AppVersion "([^"]+)"', iss)
    assert version is not None
    assert version.group(1) == pmodesk.__version__
    assert 'Subkey: "Software\\Classes\\.pmodesk"' in iss
    assert 'Source: "..\\dist\\pmodesk\\*"' in iss


def test_spec_bundles_ui_resources_and_migrations() -> None:
    spec = (PACKAGING / "pmodesk.spec").read_text(encoding="utf-8")
    ast.parse(spec)  # valid Python
    assert '(str(ROOT / "ui"), "ui")' in spec
    assert '(str(ROOT / "resources"), "resources")' in spec
    assert '"pmodesk/store/migrations"' in spec
    assert '"pmodesk/store/migrations/versions"' in spec
    assert "script.py.mako" in spec
    assert "bundle_identifier=APP_ID" in spec
    assert f'APP_ID = "{APP_ID}"' in spec
    # The version is read from pmodesk/__init__.py, never typed into the spec.
    assert pmodesk.__version__ not in spec


def test_spec_entry_point_runs_the_launcher() -> None:
    entry = (PACKAGING / "pmodesk_entry.py").read_text(encoding="utf-8")
    assert "from pmodesk.launcher import main" in entry
    assert "pmodesk_entry.py" in (PACKAGING / "pmodesk.spec").read_text(encoding="utf-8")


def test_migrations_the_spec_copies_exist() -> None:
    migrations = REPO_ROOT / "pmodesk" / "store" / "migrations"
    assert (migrations / "env.py").is_file()
    assert (migrations / "script.py.mako").is_file()
    assert list((migrations / "versions").glob("0*.py"))
