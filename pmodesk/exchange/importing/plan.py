"""Planning an import: every file read, every row checked, nothing written.

:func:`plan_import` opens each file (a broken or hostile one raises
:class:`~pmodesk.exchange.reading.ReadError` with one sentence), decides each
sheet's kind and mapping (:mod:`.setup`), then reads the sheets in the order
their references need (programmes before projects, projects before their
allocations) so that a workbook with several kinds imports in one go.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from contextlib import ExitStack
from pathlib import Path

from sqlmodel import Session

from pmodesk.errors import ValidationError
from pmodesk.exchange.importing.bulk import bulk_work
from pmodesk.exchange.importing.candidates import RuleSession
from pmodesk.exchange.importing.described import read_description
from pmodesk.exchange.importing.kinds import FieldType
from pmodesk.exchange.importing.matrix import AllocationSheet
from pmodesk.exchange.importing.model import ImportCancelled, ImportOptions, ImportPlan
from pmodesk.exchange.importing.resolver import Resolver
from pmodesk.exchange.importing.rows import RecordSheet
from pmodesk.exchange.importing.saved import SavedMapping, resolve_mapping
from pmodesk.exchange.importing.setup import Request, chosen_sheets, setup_sheet
from pmodesk.exchange.importing.sheets import SheetSetup
from pmodesk.exchange.importing.state import PlanContext, PlanState
from pmodesk.exchange.reading import ReadCancelled, SkipReason, TableStream, open_book

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


class _Progress:
    """Turns each sheet's reading progress into the progress of the whole import."""

    def __init__(self, report: Progress | None) -> None:
        self.report = report
        self.active = False
        self.offset = 0
        self.total = 0
        self.sheet = ""

    def __call__(self, done: int, _total: int, _message: str) -> None:
        if self.report is not None and self.active:
            at = min(self.offset + done, self.total)
            self.report(at, self.total, f"Checking {self.sheet}: {done:,} rows")


def plan_import(
    session: Session,
    sources: Sequence[Path],
    *,
    kinds: Mapping[str, str] | None = None,
    sheets: Sequence[str] | None = None,
    mapping: SavedMapping | str | Path | None = None,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportPlan:
    """Read and check ``sources``; the plan says what an import would do and what is wrong.

    ``kinds`` names the kind of sheets by name (``"*"`` for every sheet),
    ``sheets`` the sheets to import (hidden ones too), ``mapping`` a saved
    mapping (itself, its name in the workspace, or a JSON file). Raises
    ReadError when a file cannot be read and ImportCancelled when cancelled.
    """
    from pmodesk.services.settings import CURRENCY, get_setting

    options = options or ImportOptions()
    paths = [Path(p) for p in sources]
    if not paths:
        raise ValidationError("Choose at least one file to import.")
    saved = resolve_mapping(session, mapping)
    request = Request(dict(kinds or {}), list(sheets) if sheets else None, saved)
    resolver = Resolver(session, create_missing=options.create_missing)
    ctx = PlanContext(
        session=session,
        options=options,
        resolver=resolver,
        rules=RuleSession(session),
        currency=str(get_setting(session, CURRENCY)),
        cancelled=cancelled,
    )
    meter = _Progress(progress)
    setups: list[SheetSetup] = []
    present: set[str] = set()
    try:
        with ExitStack() as books, bulk_work():
            for path in paths:
                book = books.enter_context(open_book(path, progress=meter, cancelled=cancelled))
                ctx.notes.extend(f"{path.name}: {note}" for note in book.notes)
                described = read_description(book)
                present.update(s.name.casefold() for s in book.sheets)
                for sheet in chosen_sheets(book, request, described):
                    ctx.check_cancelled()
                    setup = setup_sheet(ctx, book, sheet, request, described)
                    if setup is not None:
                        setups.append(setup)
            _check_named_sheets(request, present)
            setups.sort(key=lambda s: s.sort_key)
            meter.total = sum(s.height for s in setups)
            for setup in setups:
                ctx.check_cancelled()
                if setup.blocked:
                    continue
                meter.sheet, meter.active = setup.plan.sheet, True
                stream = setup.open_stream()
                processor = (
                    AllocationSheet(
                        ctx, setup, setup.plan.matrix.unit if setup.plan.matrix else "hours"
                    )
                    if setup.spec.kind == "allocation"
                    else RecordSheet(ctx, setup)
                )
                processor.run(stream)
                meter.offset += setup.height
                meter.active = False
                _describe_skipped(setup, stream)
                _column_notes(setup)
    except ReadCancelled:
        raise ImportCancelled() from None
    if progress is not None:
        progress(meter.total, meter.total, "Checked")
    resolver.detach()
    return ImportPlan(
        sources=paths,
        sheets=[s.plan for s in setups],
        problems=ctx.problems,
        notes=ctx.notes
        + [f"{s.plan.source}: {s.plan.sheet}: {n}" for s in setups for n in s.plan.notes],
        preview=ctx.preview,
        options=options,
        state=PlanState(resolver),
    )


def _check_named_sheets(request: Request, present: set[str]) -> None:
    """A sheet the caller named that no file has is an error, not silence."""
    missing = [s for s in request.sheets or () if s.casefold() not in present]
    if missing:
        raise ValidationError(
            f"There is no sheet called {missing[0]!r} in the files chosen; check its name."
        )


def _describe_skipped(setup: SheetSetup, stream: TableStream) -> None:
    """Rows the reader left out (totals, separators, what is below the table), said once."""
    by_reason: dict[SkipReason, list[int]] = defaultdict(list)
    for skipped in stream.skipped:
        if skipped.reason is not SkipReason.BLANK:
            by_reason[skipped.reason].append(skipped.number)
    for reason, numbers in by_reason.items():
        listed = ", ".join(str(n) for n in numbers[:8]) + (" …" if len(numbers) > 8 else "")
        word = "Row" if len(numbers) == 1 else "Rows"
        setup.plan.notes.append(f"{word} {listed} left out: {reason.value}.")


def _column_notes(setup: SheetSetup) -> None:
    for reader in setup.readers:
        for note in dict.fromkeys(reader.context.notes):
            setup.plan.notes.append(f"Column {reader.label}: {note}.")
        if reader.context.words is not None and reader.context.words.seen:
            if reader.spec.type is FieldType.REF:
                setup.plan.mapped[reader.spec.key] = frozenset(reader.context.words.seen)
            listed = setup.plan.values.setdefault(reader.spec.key, {})
            for text, value in reader.context.words.seen.items():
                listed.setdefault(text, value)  # a reference lists the code it resolved to


def new_batch() -> uuid.UUID:
    return uuid.uuid4()
