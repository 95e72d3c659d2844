"""What every section builder shares: the story being written, headings with bookmarks, RAG cells."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import Flowable, Paragraph, Spacer

from pmodesk.domain.enums import Rag
from pmodesk.reports.data.model import PackData
from pmodesk.reports.document import Anchor, Heading, Layout, Mark
from pmodesk.reports.fonts import markup
from pmodesk.reports.styles import (
    INK,
    cell,
    para,
    rag_cell_style,
    rag_letter,
    small_cells,
    styles,
)
from pmodesk.reports.tables import PackTable


@dataclass
class Story:
    """The flowables of the pack as they are written, and the outline levels of its contents."""

    data: PackData
    layout: Layout
    flowables: list[Flowable] = field(default_factory=list)
    #: Outline level of every contents entry, in order: sizes the reserved contents pages.
    levels: list[int] = field(default_factory=list)
    _keys: int = 0

    @property
    def width(self) -> float:
        return self.layout.frame_width

    def add(self, *flowables: Flowable) -> None:
        self.flowables.extend(flowables)

    def mark(self, title: str, level: int, *, toc: bool = True) -> Mark:
        self._keys += 1
        if toc:
            self.levels.append(level)
        return Mark(f"k{self._keys}", title, level, toc)

    def heading(self, title: str, level: int, style: str = "h2", *, toc: bool = True) -> Heading:
        """A heading that is bookmarked (and listed in the contents when ``toc``)."""
        return Heading(markup(title), styles()[style], self.mark(title, level, toc=toc))

    def anchor(self, title: str, level: int, *, toc: bool = True) -> Anchor:
        return Anchor(self.mark(title, level, toc=toc))

    def note(self, text: str) -> None:
        self.add(para(text, "note"))

    def gap(self, points: float = 8) -> None:
        self.add(Spacer(1, points))


def rag_chip(rag: Rag | None) -> str:
    """The text of a RAG cell: its letter (the cell's colour comes from :func:`rag_cell_style`)."""
    return rag_letter(rag)


def rag_commands(cells: list[tuple[Rag | None, int, int]]) -> list[tuple[Any, ...]]:
    """Table commands painting each ``(rag, col, row)`` as a RAG chip."""
    commands: list[tuple[Any, ...]] = []
    for rag, col, row in cells:
        commands += rag_cell_style(rag, col, row)
    return commands


def labelled(pairs: list[tuple[str, str]], width: float, columns: int = 2) -> PackTable:
    """Key facts as label / value pairs in ``columns`` column pairs (labels muted, values dark)."""
    per_row = columns
    label_w = 78.0
    value_w = width / per_row - label_w
    rows: list[list[Any]] = []
    for start in range(0, len(pairs), per_row):
        row: list[Any] = []
        for label, value in pairs[start : start + per_row]:
            row += [label, cell(value, value_w + 6)]
        while len(row) < per_row * 2:
            row += ["", ""]
        rows.append(row)
    table = PackTable(rows, colWidths=[label_w, value_w] * per_row, hAlign="LEFT")
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("LEADING", (0, 0), (-1, -1), 9.8),
            *(command for c in range(0, per_row * 2, 2) for command in small_cells(c, 0)),
        ]
    )
    return table


def project_title(code: str, name: str) -> str:
    return f"{code} · {name}" if code else name


def empty_line(text: str) -> Paragraph:
    return para(text, "note")
