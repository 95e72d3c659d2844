"""Broken and hostile files: each is refused with one sentence, before any reader runs on it."""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from pmodesk.exchange.reading import DEFAULT_MAX_BYTES, FileKind, ReadError, open_book

BuildXlsx = Callable[..., Path]


def refused(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    with pytest.raises(ReadError) as info:
        open_book(path, max_bytes=max_bytes)
    message = str(info.value)
    assert "\n" not in message
    assert message.endswith(".")
    assert "Traceback" not in message
    return message


def test_png_renamed_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "chart.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)
    assert refused(path) == '"chart.xlsx" is not a workbook: it is a PNG image.'


def test_text_renamed_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("Project,Owner\nAlpha,Ana\n", encoding="utf-8")
    assert refused(path) == (
        '"notes.xlsx" is not a workbook: it is a plain text file with a spreadsheet name.'
    )


def test_html_saved_as_xls(tmp_path: Path) -> None:
    path = tmp_path / "report.xls"
    path.write_text("<html><body><table><tr><td>1</td></tr></table></body></html>")
    assert "is a web page saved with a spreadsheet name" in refused(path)


def test_empty_and_missing_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    assert refused(empty) == '"empty.xlsx" is empty.'
    assert refused(tmp_path / "gone.xlsx") == '"gone.xlsx" does not exist.'


def test_truncated_xlsx(build_xlsx: BuildXlsx, tmp_path: Path) -> None:
    good = build_xlsx([["Code", "Name"], ["P-1", "Alpha"]])
    data = good.read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(data[: len(data) // 2])
    assert refused(cut) == '"cut.xlsx" is damaged or incomplete: its zip container cannot be read.'


def test_too_large(build_xlsx: BuildXlsx) -> None:
    path = build_xlsx([["Code"], ["P-1"]])
    message = refused(path, max_bytes=1000)
    assert message.startswith(f'"{path.name}" is too large to import')
    assert "the limit is 0 MB" in message


def _patch_central_sizes(path: Path, claimed: int) -> None:
    """Make every central-directory entry claim ``claimed`` uncompressed bytes."""
    data = bytearray(path.read_bytes())
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        struct.pack_into("<I", data, pos + 24, claimed)
        pos = data.find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(data))


def test_zip_bomb_by_claimed_sizes(build_xlsx: BuildXlsx) -> None:
    path = build_xlsx([["Code"], ["P-1"]])
    _patch_central_sizes(path, 0xFFFF0000)  # each member claims 4 GB
    message = refused(path)
    assert "refused as a possible zip bomb" in message
    assert message.startswith(f'"{path.name}" claims to unpack to ')


def test_zip_bomb_by_compression_ratio(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        chunk = b"\x00" * (4 * 1024 * 1024)
        with zf.open("xl/worksheets/sheet1.xml", "w") as member:
            for _ in range(30):  # 120 MB of zeros, a few hundred kB on disk
                member.write(chunk)
    assert path.stat().st_size < 1024 * 1024
    assert "refused as a possible zip bomb" in refused(path)


def _without_declaration(xml: bytes) -> bytes:
    return xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml


def test_billion_laughs_doctype_in_sheet_xml(build_xlsx: BuildXlsx, tmp_path: Path) -> None:
    good = build_xlsx([["Code"], ["P-1"]])
    laughs = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
        + "".join(
            f' <!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">\n'
            for i in range(1, 10)
        )
        + "]>\n"
    )
    hostile = tmp_path / "laughs.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(hostile, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = _without_declaration(data)
                data = laughs.encode() + body.replace(b"P-1", b"&lol9;")
            dst.writestr(info, data)
    assert refused(hostile) == (
        '"laughs.xlsx" contains XML entity declarations (xl/worksheets/sheet1.xml), '
        "which can be used to attack the reader; it was refused."
    )


def test_external_entity_in_content_types(build_xlsx: BuildXlsx, tmp_path: Path) -> None:
    good = build_xlsx([["Code"], ["P-1"]])
    hostile = tmp_path / "xxe.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(hostile, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = (
                    b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                    + _without_declaration(data)
                )
            dst.writestr(info, data)
    assert "contains XML entity declarations ([Content_Types].xml)" in refused(hostile)


def _cfb(*stream_names: str) -> bytes:
    """Bytes that look like an OLE2 compound file with these directory entry names."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    entries = b"".join(name.encode("utf-16-le").ljust(128, b"\x00") for name in stream_names)
    return header + entries + b"\x00" * 1024


def test_password_protected_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "secret.xlsx"
    path.write_bytes(_cfb("Root Entry", "EncryptionInfo", "EncryptedPackage"))
    assert refused(path) == (
        '"secret.xlsx" is password-protected; remove the password in Excel '
        "(File > Info > Protect Workbook) and try again."
    )


def test_old_binary_file_without_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "odd.xls"
    path.write_bytes(_cfb("Root Entry"))
    assert (
        refused(path)
        == '"odd.xls" is an old binary Office file that is damaged or holds no workbook.'
    )
    doc = tmp_path / "letter.xls"
    doc.write_bytes(_cfb("Root Entry", "WordDocument"))
    assert refused(doc) == '"letter.xls" is not a workbook: it is an old Word document.'


def test_damaged_xls_with_a_workbook_stream(tmp_path: Path) -> None:
    path = tmp_path / "broken.xls"
    path.write_bytes(_cfb("Root Entry", "Workbook"))
    message = refused(path)
    assert message.startswith('"broken.xls" ')
    assert "cannot be read as a workbook" in message or "damaged" in message


def test_real_xls_is_a_readable_old_binary(shared: Callable[[str], Path]) -> None:
    with open_book(shared("17")) as book:
        assert book.kind is FileKind.XLS


def test_zip_that_is_not_office(tmp_path: Path) -> None:
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.txt", "hello")
    assert refused(path) == '"photos.xlsx" is a zip archive, not a workbook.'
    word = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(word, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<document/>")
    assert refused(word) == '"letter.xlsx" is not a workbook: it is a Word document.'


def test_macros_are_reported_as_ignored(build_xlsx: BuildXlsx, tmp_path: Path) -> None:
    good = build_xlsx([["Code", "Name"], ["P-1", "Alpha"]])
    xlsm = tmp_path / "macro.xlsm"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(xlsm, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not run")
    with open_book(xlsm) as book:
        assert book.macros
        assert "The workbook contains macros; they were ignored and never run." in book.notes
        assert book.read_table("Register").rows[0].cells == ("P-1", "Alpha")


def test_heavy_readers_are_imported_lazily() -> None:
    import subprocess
    import sys

    code = (
        "import sys, pmodesk.exchange.reading as r; "
        "print(sorted(m for m in ('openpyxl', 'python_calamine') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
