"""A produced project document as a PDF, in the review pack's look.

It reuses the pack's fonts (any script prints), paragraph and table styles,
and its page furniture (running header with the document's title, "DRAFT"
where the pack prints its classification while the document is a draft,
footer with the project and "page n of m", PDF bookmarks per section). The
fields print as a two-column form; each section prints its text, or its
guidance in grey while it is still empty. Written to a temporary file renamed
into place.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from pmodesk.domain.enums import Rag
from pmodesk.reports.document import (
    Heading,
    Layout,
    Mark,
    PackCanvas,
    PackDocTemplate,
    PackRun,
)
from pmodesk.reports.fonts import markup
from pmodesk.reports.styles import para, rag_cell_style, styles
from pmodesk.reports.tables import PackTable, data_table
from pmodesk.services.templates.documents import DocumentView, format_value

LABEL_SHARE = 0.3
#: Room the form needs below its heading to start on a page: its header and a few rows.
FORM_START = 100


def _rag(value: object) -> Rag | None:
    try:
        return Rag(str(value).lower()) if value else None
    except ValueError:
        return None


def _fields(view: DocumentView, width: float) -> PackTable:
    """The fields as a two-column form, in the pack's table look.

    Built with :func:`~pmodesk.reports.tables.data_table`: every cell starts from
    the pack's table font, so no cell (an empty one, a part split onto the next
    page) falls back to reportlab's Helvetica, which would be left unembedded.
    """
    rows: list[list[Flowable | str]] = [[para("Field", "cell_head"), para("Value", "cell_head")]]
    commands: list[tuple[object, ...]] = []
    for index, field in enumerate(view.fields, start=1):
        text = format_value(field.type, field.value, view.currency)
        if field.type == "rag":
            rag = _rag(field.value)
            # A plain string, so that the chip's ink, weight and centring apply.
            rows.append(
                [para(field.label, "cell_bold"), f"{rag.letter}  {rag.label}" if rag else "–"]
            )
            commands += rag_cell_style(rag, 1, index)
            continue
        if isinstance(field.value, list) and len(field.value) > 1:
            value = para("\n".join(f"•  {line}" for line in field.value), lines=True)
        else:
            value = para(text or "–", lines=True)
        rows.append([para(field.label, "cell_bold"), value])
    return data_table(rows, [width * LABEL_SHARE, width * (1 - LABEL_SHARE)], commands=commands)


def _story(view: DocumentView, layout: Layout) -> list[Flowable]:
    s = styles()
    status = "Complete" if view.status.value == "complete" else "Draft"
    produced = f" · produced {view.produced_on:%d %B %Y}" if view.produced_on else ""
    story: list[Flowable] = [
        Heading(markup(view.title), s["h1"], Mark("document", view.title, 0, toc=False)),
        para(
            f"{view.project_code} · {view.project_name} · {view.template_name}, "
            f"template version {view.template_version} · {status}{produced}",
            "small",
        ),
        Spacer(1, 6),
    ]
    if view.purpose:
        story.append(para(view.purpose, "note"))
    if view.fields:
        facts = Heading(markup("Key facts"), s["h2"], Mark("fields", "Key facts", 0))
        # Not kept with the form as a whole: a form longer than the page would then leave the
        # first page empty. Room for the heading and a few rows is enough.
        facts.keepWithNext = False
        story += [CondPageBreak(FORM_START), facts, _fields(view, layout.frame_width)]
    for number, section in enumerate(view.sections, start=1):
        heading = Heading(
            markup(section.title), s["h2"], Mark(f"section-{number}", section.title, 0)
        )
        if section.text.strip():
            body = [para(p, "body", lines=True) for p in section.text.split("\n\n") if p.strip()]
            story += [heading, *body]
        else:
            hint = f"Not written yet. {section.guidance}".strip()
            story.append(KeepTogether([heading, para(hint, "note")]))
    return story


def render_document_pdf(view: DocumentView, destination: Path, *, organisation: str = "") -> None:
    """Lay out ``view`` and write the PDF to ``destination`` (overwritten)."""
    width, height = A4
    layout = Layout(width, height)
    run = PackRun(
        layout=layout,
        header_title=view.title,
        classification="" if view.status.value == "complete" else "Draft",
        footer_left=organisation or "pmodesk",
        footer_centre=f"{view.project_code} · {view.template_code} v{view.template_version}",
    )
    document = PackDocTemplate(
        str(destination),
        run,
        title=view.title,
        author=organisation or "pmodesk",
        subject=f"{view.template_name} for {view.project_code} {view.project_name}",
        creator="pmodesk",
    )
    document.build(_story(view, layout), canvasmaker=lambda *a, **k: PackCanvas(*a, run=run, **k))


def write_document_pdf(view: DocumentView, destination: Path, *, organisation: str = "") -> Path:
    """Write ``view`` as a PDF through a temporary file renamed into place; returns the path."""
    destination = Path(destination)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{destination.stem}-", suffix=".pdf.tmp", dir=destination.parent
    )
    os.close(handle)
    try:
        render_document_pdf(view, Path(temporary), organisation=organisation)
        os.replace(temporary, destination)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return destination
