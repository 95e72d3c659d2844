"""Reading a pack back with pypdf: its text per page, its bookmarks, its fonts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject


@dataclass
class Bookmark:
    title: str
    level: int
    page: int  # 1-based


def page_texts(path: Path) -> list[str]:
    reader = PdfReader(path)
    return [page.extract_text() or "" for page in reader.pages]


def all_text(path: Path) -> str:
    """Every page's text, with line breaks and repeated spaces folded to single spaces."""
    return " ".join(" ".join(text.split()) for text in page_texts(path))


def bookmarks(path: Path) -> list[Bookmark]:
    reader = PdfReader(path)
    found: list[Bookmark] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append(
                    Bookmark(item.title, level, reader.get_destination_page_number(item) + 1)
                )

    walk(reader.outline, 0)
    return found


def _resolve(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject) else value


def fonts(path: Path) -> dict[str, bool]:
    """Every font used on any page (by base name) and whether its program is embedded."""
    reader = PdfReader(path)
    found: dict[str, bool] = {}
    for page in reader.pages:
        resources = _resolve(page.get("/Resources")) or {}
        for font in (_resolve(resources.get("/Font")) or {}).values():
            font = _resolve(font)
            descriptor = _descriptor(font)
            embedded = descriptor is not None and any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[str(font.get("/BaseFont"))] = embedded
    return found


def _descriptor(font: DictionaryObject) -> DictionaryObject | None:
    if "/FontDescriptor" in font:
        return _resolve(font["/FontDescriptor"])
    for child in _resolve(font.get("/DescendantFonts")) or []:
        child = _resolve(child)
        if "/FontDescriptor" in child:
            return _resolve(child["/FontDescriptor"])
    return None
