"""The pack's document: one layout pass, then "page n of m", the contents and bookmarks.

reportlab's usual way to print a table of contents and "page n of m" is to lay
the whole document out two or three times. The pack lays it out once:
:class:`PackCanvas` keeps every finished page instead of writing it, and
when the layout is done it knows the number of pages and the page of every
heading. Only then does it write the pages, adding to each the running
header and footer, to the reserved contents pages their entries (with
links), and the PDF bookmarks (outline), which must be made while the page
they point to is the one being written.

Headings carry a :class:`Mark` (bookmark key, title, outline level); the
document template collects them as they are laid out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from pmodesk.reports.fonts import SANS, SANS_BOLD, draw_text, fit_text, text_width
from pmodesk.reports.settings import PackSettings, Paper
from pmodesk.reports.styles import ACCENT, INK, MUTED, RULE

MARGIN = 40.0
HEADER_SPACE = 26.0
FOOTER_SPACE = 24.0
TOC_TITLE_SPACE = 40.0
TOC_LINE = 14.0
#: A section's contents line takes this many lines (it has space above it).
TOC_SECTION_LINES = 1.6


@dataclass(frozen=True, slots=True)
class Layout:
    """Page size and the frame the sections lay out in."""

    page_width: float
    page_height: float

    @classmethod
    def of(cls, pack: PackSettings) -> Layout:
        size = A4 if pack.paper is Paper.A4 else LETTER
        width, height = landscape(size) if pack.landscape else size
        return cls(width, height)

    @property
    def frame_width(self) -> float:
        return self.page_width - 2 * MARGIN

    @property
    def frame_height(self) -> float:
        return self.page_height - 2 * MARGIN - HEADER_SPACE - FOOTER_SPACE

    @property
    def landscape(self) -> bool:
        return self.page_width > self.page_height


@dataclass(frozen=True, slots=True)
class Mark:
    """A bookmark: its key, its title, its outline level; ``toc`` puts it in the contents."""

    key: str
    title: str
    level: int
    toc: bool = True


class Anchor(Flowable):  # type: ignore[misc]
    """An invisible flowable carrying a :class:`Mark` (for headings that are tables)."""

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.pack_mark = mark

    def wrap(self, _available_width: float, _available_height: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        pass


class Heading(Paragraph):  # type: ignore[misc]
    """A heading paragraph that bookmarks itself."""

    def __init__(self, text: str, style: Any, mark: Mark) -> None:
        super().__init__(text, style)
        self.pack_mark = mark
        self.keepWithNext = True


class ContentsPage(Anchor):
    """Marks a page reserved for the contents (drawn when the page count is known)."""

    def __init__(self) -> None:
        super().__init__(Mark("", "", 0, toc=False))


class CoverPage(Anchor):
    """Marks the cover: it gets no running header or footer."""

    def __init__(self) -> None:
        super().__init__(Mark("", "", 0, toc=False))


@dataclass
class ContentsEntry:
    title: str
    level: int
    page: int
    key: str


@dataclass
class PackRun:
    """What the template and the canvas share during one build."""

    layout: Layout
    header_title: str
    classification: str
    footer_left: str
    footer_centre: str
    progress: Callable[[int], None] = lambda _page: None
    cancelled: Callable[[], bool] = lambda: False
    entries: list[ContentsEntry] = field(default_factory=list)
    contents_pages: list[int] = field(default_factory=list)
    cover_pages: set[int] = field(default_factory=set)
    seen: set[str] = field(default_factory=set)
    pages: int = 0


def contents_pages(levels: Sequence[int], layout: Layout) -> list[list[int]]:
    """Which entries (by index) go on which contents page: the same split to reserve and draw."""
    pages: list[list[int]] = [[]]
    room = layout.frame_height - TOC_TITLE_SPACE
    for index, level in enumerate(levels):
        need = TOC_LINE * (TOC_SECTION_LINES if level == 0 else 1.0)
        if need > room and pages[-1]:
            pages.append([])
            room = layout.frame_height
        pages[-1].append(index)
        room -= need
    return pages


class PackCanvas(Canvas):  # type: ignore[misc]
    """Keeps every page until the end, then writes them with header, footer, contents, outline."""

    def __init__(self, *args: Any, run: PackRun, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pack_run = run
        self.pack_marks: list[Mark] = []
        self.pack_section = ""
        self._pack_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pack_pages.append(dict(self.__dict__))
        self._startPage()
        self.pack_marks = []
        run = self.pack_run
        run.pages = len(self._pack_pages)
        run.progress(run.pages)
        if run.cancelled():
            from pmodesk.reports.data.gather import PackCancelled

            raise PackCancelled("The pack was cancelled.")

    def save(self) -> None:
        run = self.pack_run
        total = len(self._pack_pages)
        contents = contents_pages([e.level for e in run.entries], run.layout)
        for number, state in enumerate(self._pack_pages, start=1):
            # Annotation names are numbered by the canvas: keep counting from where it is.
            annotations = int(getattr(self, "_annotationCount", 0))
            self.__dict__.update(state)
            self._annotationCount = annotations
            for mark in self.pack_marks:
                self.bookmarkPage(mark.key, fit="XYZ", top=self._pagesize[1])
                self.addOutlineEntry(mark.title, mark.key, mark.level, closed=mark.level >= 1)
            if number not in run.cover_pages:
                self._decorate(number, total)
            if number in run.contents_pages:
                index = run.contents_pages.index(number)
                if index < len(contents):
                    self._draw_contents(contents[index], first=index == 0)
            Canvas.showPage(self)
        Canvas.save(self)

    # ------------------------------------------------------------ header and footer

    def _decorate(self, number: int, total: int) -> None:
        run = self.pack_run
        width, height = run.layout.page_width, run.layout.page_height
        left, right = MARGIN, width - MARGIN
        self.saveState()
        top = height - MARGIN
        classification = run.classification.upper()
        room = right - left
        if classification:
            self.setFillColor(ACCENT)
            room -= (
                draw_text(self, right, top - 10, classification, SANS_BOLD, 8, align="right") + 16
            )
        self.setFillColor(INK)
        title = run.header_title
        if self.pack_section:
            title = f"{title}  ·  {self.pack_section}"
        draw_text(self, left, top - 10, fit_text(title, SANS, 8, room), SANS, 8)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.6)
        self.line(left, top - 16, right, top - 16)
        bottom = MARGIN
        self.line(left, bottom + 14, right, bottom + 14)
        self.setFillColor(MUTED)
        draw_text(self, right, bottom + 3, f"Page {number} of {total}", SANS, 7.5, align="right")
        centre = fit_text(run.footer_centre, SANS, 7.5, (right - left) / 3)
        draw_text(self, width / 2, bottom + 3, centre, SANS, 7.5, align="centre")
        room = (right - left) / 2 - text_width(centre, SANS, 7.5) / 2 - 12
        draw_text(self, left, bottom + 3, fit_text(run.footer_left, SANS, 7.5, room), SANS, 7.5)
        self.restoreState()

    # ------------------------------------------------------------ contents

    def _draw_contents(self, indexes: list[int], *, first: bool) -> None:
        run = self.pack_run
        layout = run.layout
        left = MARGIN
        right = layout.page_width - MARGIN
        y = layout.page_height - MARGIN - HEADER_SPACE
        self.saveState()
        if first:
            self.setFillColor(ACCENT)
            draw_text(self, left, y - 18, "Contents", SANS_BOLD, 17)
            y -= TOC_TITLE_SPACE
        for index in indexes:
            entry = run.entries[index]
            level = entry.level
            if level == 0:
                y -= TOC_LINE * (TOC_SECTION_LINES - 1.0)
            y -= TOC_LINE
            font = SANS_BOLD if level == 0 else SANS
            size = 10.0 if level == 0 else 9.0 if level == 1 else 8.5
            indent = left + 16.0 * level
            page = str(entry.page)
            page_width = text_width(page, font, size)
            title = fit_text(entry.title, font, size, right - indent - page_width - 28)
            self.setFillColor(INK if level < 2 else MUTED)
            used = draw_text(self, indent, y + 3, title, font, size)
            draw_text(self, right, y + 3, page, font, size, align="right")
            self._leader(indent + used + 4, right - page_width - 4, y + 3)
            self.linkRect("", entry.key, (indent, y, right, y + TOC_LINE), relative=0, thickness=0)
        self.restoreState()

    def _leader(self, start: float, end: float, y: float) -> None:
        """Dot leaders: one dashed line with round caps (thousands of dots cost one operator)."""
        if end - start < 8:
            return
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.9)
        self.setLineCap(1)
        self.setDash([0, 4])
        self.line(start, y + 1.5, end, y + 1.5)
        self.restoreState()


class PackDocTemplate(BaseDocTemplate):  # type: ignore[misc]
    """One frame per page, inside the margins and clear of the running header and footer."""

    def __init__(self, filename: str, run: PackRun, **kwargs: Any) -> None:
        layout = run.layout
        super().__init__(
            filename,
            pagesize=(layout.page_width, layout.page_height),
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + HEADER_SPACE,
            bottomMargin=MARGIN + FOOTER_SPACE,
            initialFontName=SANS,
            **kwargs,
        )
        self.pack_run = run
        frame = Frame(
            MARGIN,
            MARGIN + FOOTER_SPACE,
            layout.frame_width,
            layout.frame_height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    def afterFlowable(self, flowable: Flowable) -> None:
        run = self.pack_run
        if isinstance(flowable, ContentsPage):
            run.contents_pages.append(self.page)
            return
        if isinstance(flowable, CoverPage):
            run.cover_pages.add(self.page)
            return
        mark: Mark | None = getattr(flowable, "pack_mark", None)
        if mark is None or not mark.key or mark.key in run.seen:
            return
        run.seen.add(mark.key)
        self.canv.pack_marks.append(mark)
        if mark.level == 0:
            self.canv.pack_section = mark.title
        if mark.toc:
            run.entries.append(ContentsEntry(mark.title, mark.level, self.page, mark.key))
