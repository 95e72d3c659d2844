"""Print the review pack: :func:`build_pack` gathers, lays out and writes the PDF in one call.

The PDF is written to a temporary file beside the destination and moved into
place only when it is complete, so an error or a cancel never leaves half a
file (nor replaces a good pack with a broken one).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from sqlmodel import Session

from pmodesk import __version__
from pmodesk.domain.errors import DomainError
from pmodesk.reports.data.gather import Cancelled, PackCancelled, Progress, gather_pack
from pmodesk.reports.data.model import PackData
from pmodesk.reports.document import Layout, PackCanvas, PackDocTemplate, PackRun
from pmodesk.reports.fonts import register_fonts
from pmodesk.reports.sections import build_story
from pmodesk.reports.settings import PackSettings
from pmodesk.services.audit import current_user

#: Share of the progress bar given to reading the data (the rest is laying out pages).
GATHER_SHARE = 15
PROGRESS_TOTAL = 100


@dataclass(frozen=True, slots=True)
class PackResult:
    """What was written: the file, its number of pages and of projects, and the period."""

    path: Path
    pages: int
    projects: int
    period: str


def _metadata(data: PackData) -> dict[str, str]:
    pack = data.settings
    author = data.organisation or current_user()
    return {
        "title": f"{pack.title} – {data.period_label}",
        "author": author,
        "subject": f"Governance review pack for {data.period_label}: {data.scope_label}",
        "creator": f"pmodesk {__version__}",
        "keywords": f"portfolio review, {data.period}, {pack.classification}".strip(", "),
        "lang": "en",
    }


def _estimate_pages(data: PackData) -> int:
    return 6 + len(data.projects) + len(data.projects) // 4


def render_pack(
    data: PackData,
    path: Path | str,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> PackResult:
    """Lay out and write the pack of already gathered ``data`` to ``path`` (atomically)."""
    register_fonts()
    destination = Path(path).expanduser()
    folder = destination.parent
    if not folder.is_dir():
        raise DomainError(f"The folder {folder} does not exist; choose another place for the pack.")
    layout = Layout.of(data.settings)
    expected = _estimate_pages(data)

    def on_page(page: int) -> None:
        if progress is not None:
            done = (
                GATHER_SHARE + (PROGRESS_TOTAL - GATHER_SHARE - 1) * min(page, expected) // expected
            )
            progress(done, PROGRESS_TOTAL, f"Laying out page {page}")

    story, _levels = build_story(data, layout)
    pack = data.settings
    run = PackRun(
        layout=layout,
        header_title=f"{pack.title} · {data.period_label}",
        classification=pack.classification,
        footer_left=data.organisation or data.scope_label,
        footer_centre=data.date_line,
        progress=on_page,
        cancelled=cancelled or (lambda: False),
    )
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{destination.stem}-", suffix=".pdf.part", dir=folder
        )
    except OSError as exc:
        raise DomainError(f"The pack cannot be written in {folder}: {exc.strerror}.") from exc
    os.close(handle)
    try:
        document = PackDocTemplate(temporary, run, **_metadata(data))
        document.build(story, canvasmaker=partial(PackCanvas, run=run))
        os.replace(temporary, destination)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise DomainError(f"The pack could not be saved as {destination}: {exc.strerror}.") from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    if progress is not None:
        progress(PROGRESS_TOTAL, PROGRESS_TOTAL, f"Pack written: {run.pages} pages")
    return PackResult(destination, run.pages, len(data.projects), data.period)


def build_pack(
    session: Session,
    settings: PackSettings,
    path: Path | str,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    today: date | None = None,
) -> PackResult:
    """Gather the workspace's data for ``settings`` and write the pack to ``path``.

    ``progress(done, total, message)`` is called as it goes; ``cancelled()``
    returning True stops it with :class:`PackCancelled` and nothing written.
    A scope with no project, an unknown code or a malformed period raise a
    :class:`DomainError` with a sentence a person can act on.
    """

    def gathering(done: int, total: int, message: str) -> None:
        if progress is not None:
            progress(GATHER_SHARE * done // max(total, 1), PROGRESS_TOTAL, message)

    data = gather_pack(session, settings, today=today, progress=gathering, cancelled=cancelled)
    return render_pack(data, path, progress=progress, cancelled=cancelled)


__all__ = ["PackCancelled", "PackResult", "build_pack", "render_pack"]
