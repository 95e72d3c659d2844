"""Broken and hostile files: one clear sentence from plan_import, and the workspace as it was."""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from import_helpers import MakeBook, plan, row_counts, run_import

from pmodesk.exchange.importing import ImportCancelled, apply_import, plan_import
from pmodesk.exchange.reading import ReadError
from pmodesk.store import Workspace

REGISTER = [["Code", "Project", "Sponsor", "Budget"], ["P-1", "Alpha", "Ann", 100]]


@pytest.fixture
def populated(ws: Workspace, make_book: MakeBook) -> Workspace:
    """A workspace holding a first import, so that 'unchanged' means something."""
    run_import(ws, make_book({"Register": REGISTER}, name="first.xlsx"))
    return ws


def refused(workspace: Workspace, path: Path) -> str:
    before = row_counts(workspace)
    with pytest.raises(ReadError) as info:
        plan(workspace, [path])
    assert row_counts(workspace) == before
    message = str(info.value)
    assert "\n" not in message
    assert message.endswith(".")
    assert "Traceback" not in message
    return message


def _rewrite(good: Path, target: Path, change: Callable[[str, bytes], bytes]) -> Path:
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, change(info.filename, src.read(info)))
    return target


def test_not_a_workbook(populated: Workspace, tmp_path: Path) -> None:
    text = tmp_path / "notes.xlsx"
    text.write_text("Project,Owner\nAlpha,Ann\n")
    assert refused(populated, text) == (
        '"notes.xlsx" is not a workbook: it is a plain text file with a spreadsheet name.'
    )
    pdf = tmp_path / "report.xlsx"
    pdf.write_bytes(b"%PDF-1.7\n" + b"\0" * 64)
    assert refused(populated, pdf) == '"report.xlsx" is not a workbook: it is a PDF document.'


def test_password_protected(populated: Workspace, tmp_path: Path) -> None:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    names = ("Root Entry", "EncryptionInfo", "EncryptedPackage")
    path = tmp_path / "secret.xlsx"
    path.write_bytes(header + b"".join(n.encode("utf-16-le").ljust(128, b"\0") for n in names))
    assert refused(populated, path) == (
        '"secret.xlsx" is password-protected; remove the password in Excel '
        "(File > Info > Protect Workbook) and try again."
    )


def test_truncated(populated: Workspace, make_book: MakeBook, tmp_path: Path) -> None:
    data = make_book({"Register": REGISTER * 50}, name="whole.xlsx").read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(data[: len(data) // 2])
    assert (
        refused(populated, cut)
        == '"cut.xlsx" is damaged or incomplete: its zip container cannot be read.'
    )


def test_zip_bomb(populated: Workspace, make_book: MakeBook) -> None:
    path = make_book({"Register": REGISTER}, name="bomb.xlsx")
    data = bytearray(path.read_bytes())
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:  # every member claims 4 GB unpacked
        struct.pack_into("<I", data, pos + 24, 0xFFFF0000)
        pos = data.find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(data))
    assert "refused as a possible zip bomb" in refused(populated, path)


def test_xml_entity_tricks(populated: Workspace, make_book: MakeBook, tmp_path: Path) -> None:
    good = make_book({"Register": REGISTER}, name="good.xlsx")
    laughs = b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'

    def bomb(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
            return laughs + body.replace(b"Alpha", b"&lol2;")
        return data

    def xxe(name: str, data: bytes) -> bytes:
        if name == "xl/sharedStrings.xml" or name == "[Content_Types].xml":
            body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
            return b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + body
        return data

    laughing = _rewrite(good, tmp_path / "laughs.xlsx", bomb)
    assert refused(populated, laughing) == (
        '"laughs.xlsx" contains XML entity declarations (xl/worksheets/sheet1.xml), '
        "which can be used to attack the reader; it was refused."
    )
    external = _rewrite(good, tmp_path / "xxe.xlsx", xxe)
    assert "contains XML entity declarations" in refused(populated, external)


def test_one_bad_file_among_good_ones_refuses_them_all(
    populated: Workspace, make_book: MakeBook, tmp_path: Path
) -> None:
    good = make_book({"Register": [REGISTER[0], ["P-2", "Beta", "Bo", 5]]}, name="good.xlsx")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    assert refused(populated, bad) == '"bad.xlsx" is not a workbook: it is a PNG image.'
    before = row_counts(populated)
    with pytest.raises(ReadError):
        plan(populated, [good, bad])
    assert row_counts(populated) == before


@pytest.mark.slow
def test_100k_rows_with_progress_and_cancel(populated: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("Code,Project,Sponsor,Budget\n")
        fh.writelines(
            f"PRJ-{n:06d},Project {n},Sponsor {n % 40},{n * 10}\n" for n in range(100_000)
        )
    before = row_counts(populated)
    seen: list[tuple[int, int, str]] = []
    with populated.session() as session, pytest.raises(ImportCancelled):
        plan_import(
            session, [path], progress=lambda d, t, m: seen.append((d, t, m)),
            cancelled=lambda: bool(seen) and seen[-1][0] >= 40_000,
        )  # fmt: skip
    assert row_counts(populated) == before
    assert 40_000 <= seen[-1][0] < 100_000
    assert seen[-1][2].startswith("Checking big: ")
    # the whole file checks and writes with progress, then cancelling the write leaves nothing
    calls: list[str] = []
    with populated.session() as session:
        found = plan_import(session, [path], progress=lambda d, t, m: calls.append(m))
        assert found.counts()["created"] == 100_000
        assert not found.refused
        assert calls[-1] == "Checked"
        with pytest.raises(ImportCancelled):
            apply_import(session, found, progress=lambda d, t, m: calls.append(m),
                         cancelled=lambda: calls[-1].startswith("Writing projects: 50,000"))  # fmt: skip
    assert row_counts(populated) == before
