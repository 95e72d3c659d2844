"""What kind of file this is, and whether it is safe to hand to a reader.

Everything here looks at bytes and zip directories only; nothing is extracted in
full. A file that is not a workbook, is password-protected, truncated, far larger
than it claims (zip bomb) or carries XML entity declarations is refused with one
sentence (:class:`ReadError`).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from pmodesk.exchange.reading.tables import ReadError

MB = 1024 * 1024
#: Largest file accepted by default.
DEFAULT_MAX_BYTES = 200 * MB
#: Largest total uncompressed size of a zip-based workbook.
MAX_UNCOMPRESSED = 1024 * MB
#: Above this uncompressed size, a compression ratio beyond MAX_RATIO is treated as a bomb.
RATIO_FLOOR = 100 * MB
MAX_RATIO = 200
#: How much of an XML part is read to check its prolog for DOCTYPE / ENTITY.
PROLOG_LIMIT = 1 * MB

_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_STRICT_NS = b"purl.oclc.org/ooxml/spreadsheetml"
_TEXT_SUFFIXES = {".csv", ".tsv", ".txt"}

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"SQLite format 3", "an SQLite database"),
)


class FileKind(StrEnum):
    """The container formats the reader understands."""

    XLSX = "xlsx"  # also .xlsm / .xltx: Office Open XML, transitional or strict
    XLSB = "xlsb"
    XLS = "xls"  # BIFF8 inside an OLE2 compound file
    ODS = "ods"
    CSV = "csv"


@dataclass(slots=True)
class FileCheck:
    """What the checks found: the kind of file and facts worth telling the user."""

    path: Path
    kind: FileKind
    size: int
    strict_ooxml: bool = False
    macros: bool = False
    date1904: bool = False
    sheet_xml_bytes: int = 0
    notes: list[str] = field(default_factory=list)


def _refuse(path: Path, why: str) -> ReadError:
    return ReadError(f'"{path.name}" {why}')


def check_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> FileCheck:
    """Identify ``path`` by its content and refuse it when it is unreadable or hostile."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(4096)
    except FileNotFoundError:
        raise _refuse(path, "does not exist.") from None
    except IsADirectoryError:
        raise _refuse(path, "is a folder, not a workbook.") from None
    except OSError as exc:
        raise _refuse(path, f"cannot be opened ({exc.strerror or exc}).") from None
    if size == 0:
        raise _refuse(path, "is empty.")
    if size > max_bytes:
        raise _refuse(
            path,
            f"is too large to import ({size / MB:.0f} MB; the limit is {max_bytes / MB:.0f} MB).",
        )
    if head.startswith(_ZIP_MAGIC):
        return _check_zip(path, size)
    if head.startswith(_CFB_MAGIC):
        return _check_cfb(path, size, max_bytes)
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            raise _refuse(path, f"is not a workbook: it is {what}.")
    if _looks_like_html(head):
        raise _refuse(
            path,
            "is a web page saved with a spreadsheet name, not a workbook; "
            "open it in Excel and save it as .xlsx.",
        )
    if path.suffix.lower() in _TEXT_SUFFIXES:
        if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise _refuse(path, "is not a text (CSV) file: it contains binary data.")
        return FileCheck(path, FileKind.CSV, size)
    if _looks_like_text(head):
        raise _refuse(path, "is not a workbook: it is a plain text file with a spreadsheet name.")
    raise _refuse(path, "is not a workbook that pmodesk can read (.xlsx, .xlsm, .xls, .ods, .csv).")


def _looks_like_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html", b"<table"))


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
            return all(b >= 0x09 for b in head)
    return True


# ---------------------------------------------------------------- zip-based (xlsx, xlsm, ods)


def _check_zip(path: Path, size: int) -> FileCheck:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _check_bomb(path, size, infos)
            names = {i.filename for i in infos}
            kind = _zip_kind(path, zf, names)
            check = FileCheck(path, kind, size)
            for info in infos:
                if info.filename.endswith((".xml", ".rels", ".vml")) or info.filename == "mimetype":
                    _check_prolog(path, zf, info)
            if kind is FileKind.XLSX:
                _xlsx_facts(zf, names, infos, check)
            elif kind is FileKind.XLSB:
                check.macros = "xl/vbaProject.bin" in names
            elif kind is FileKind.ODS:
                check.macros = any(n.startswith("Basic/") and n.endswith(".xml") for n in names)
    except zipfile.BadZipFile:
        raise _refuse(path, "is damaged or incomplete: its zip container cannot be read.") from None
    except (zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        raise _refuse(path, "is damaged or uses an unsupported zip compression.") from None
    if check.macros:
        check.notes.append("The workbook contains macros; they were ignored and never run.")
    return check


def _check_bomb(path: Path, size: int, infos: list[zipfile.ZipInfo]) -> None:
    total = sum(i.file_size for i in infos)
    ratio = total / max(size, 1)
    if total > MAX_UNCOMPRESSED or (total > RATIO_FLOOR and ratio > MAX_RATIO):
        raise _refuse(
            path,
            f"claims to unpack to {total / MB:,.0f} MB from {size / MB:,.1f} MB; "
            "it was refused as a possible zip bomb.",
        )


def _zip_kind(path: Path, zf: zipfile.ZipFile, names: set[str]) -> FileKind:
    if "mimetype" in names:
        mimetype = zf.read("mimetype")[:200]
        if b"opendocument.spreadsheet" in mimetype:
            return FileKind.ODS
        raise _refuse(path, "is an OpenDocument file but not a spreadsheet.")
    if "[Content_Types].xml" not in names:
        raise _refuse(path, "is a zip archive, not a workbook.")
    if "xl/workbook.bin" in names:
        return FileKind.XLSB
    if "xl/workbook.xml" in names:
        return FileKind.XLSX
    if "word/document.xml" in names:
        raise _refuse(path, "is not a workbook: it is a Word document.")
    if "ppt/presentation.xml" in names:
        raise _refuse(path, "is not a workbook: it is a PowerPoint presentation.")
    raise _refuse(path, "is an Office file without a workbook inside.")


_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def _check_prolog(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Refuse DOCTYPE / ENTITY declarations: they may only appear before the root element."""
    with zf.open(info) as fh:
        data = fh.read(min(info.file_size, PROLOG_LIMIT) or 1)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    end = _root_start(data)
    if end is None and len(data) >= PROLOG_LIMIT:
        raise _refuse(path, f"has an XML part ({info.filename}) with an oversized prolog; refused.")
    if _DOCTYPE.search(data[: end if end is not None else len(data)]):
        raise _refuse(
            path,
            f"contains XML entity declarations ({info.filename}), "
            "which can be used to attack the reader; it was refused.",
        )


def _root_start(data: bytes) -> int | None:
    """The offset of the first element tag, skipping declarations, comments and PIs."""
    pos = 0
    while True:
        pos = data.find(b"<", pos)
        if pos < 0 or pos + 1 >= len(data):
            return None
        nxt = data[pos + 1 : pos + 2]
        if nxt == b"?":
            end = data.find(b"?>", pos)
        elif data.startswith(b"<!--", pos):
            end = data.find(b"-->", pos)
        elif nxt == b"!":
            return None if _DOCTYPE.match(data, pos) is None else len(data)
        else:
            return pos
        if end < 0:
            return None
        pos = end + 2


def _xlsx_facts(
    zf: zipfile.ZipFile, names: set[str], infos: list[zipfile.ZipInfo], check: FileCheck
) -> None:
    from defusedxml import ElementTree

    check.macros = "xl/vbaProject.bin" in names
    check.sheet_xml_bytes = sum(
        i.file_size for i in infos if i.filename.startswith("xl/worksheets/")
    )
    workbook_xml = zf.read("xl/workbook.xml")
    check.strict_ooxml = _STRICT_NS in workbook_xml[:4096]
    try:
        root = ElementTree.fromstring(workbook_xml)
    except Exception:  # a broken workbook.xml is reported by calamine with its own sentence
        return
    for el in root.iter():
        if el.tag.endswith("}workbookPr"):
            check.date1904 = el.get("date1904", "").lower() in {"1", "true"}


# ---------------------------------------------------------------- OLE2 compound files (.xls, encrypted OOXML)


_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_BIFF_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
_OTHER_OLE = (
    ("WordDocument".encode("utf-16-le"), "an old Word document"),
    ("PowerPoint Document".encode("utf-16-le"), "an old PowerPoint presentation"),
)


def _check_cfb(path: Path, size: int, max_bytes: int) -> FileCheck:
    data = path.read_bytes()[:max_bytes]
    if _ENCRYPTED_PACKAGE in data:
        raise _refuse(
            path,
            "is password-protected; remove the password in Excel (File > Info > Protect "
            "Workbook) and try again.",
        )
    for marker, what in _OTHER_OLE:
        if marker in data:
            raise _refuse(path, f"is not a workbook: it is {what}.")
    if not any(marker in data for marker in _BIFF_STREAMS):
        raise _refuse(
            path,
            "is an old binary Office file that is damaged or holds no workbook.",
        )
    return FileCheck(path, FileKind.XLS, size)
