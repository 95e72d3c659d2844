"""Finding the header row of a table and turning its cells into clean, unique column names.

Real workbooks put titles, logos, instructions and blank rows above the header,
merge header cells, and stack a group label over sub-labels (PLAN / ACTUAL over
START / DURATION). :func:`detect_header` scores the first rows of a sheet and
picks the one that looks most like labels over data; :func:`build_columns`
names the columns under it.

A *grid* here is a list of rows, row 0 being sheet row 1 and column 0 being
column A; empty cells are None. Merged ranges are ``((row0, col0), (row1, col1))``
0-based and inclusive, as calamine reports them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from pmodesk.exchange.reading.numbers import parse_money, parse_number, parse_percent
from pmodesk.exchange.reading.tables import CellValue, Column, column_letter
from pmodesk.exchange.reading.values import clean_text, parse_date

Grid = Sequence[Sequence[CellValue]]
MergedRange = tuple[tuple[int, int], tuple[int, int]]

#: How many rows from the top are considered as the header.
HEADER_SCAN_ROWS = 40
#: How many rows under a candidate are looked at to judge it.
LOOKAHEAD_ROWS = 30
#: How many rows under a candidate are searched for its names coming back as values.
REPEAT_ROWS = 12
#: Header text longer than this is an instruction or a title, not a column name.
MAX_LABEL_LENGTH = 80


@dataclass(frozen=True, slots=True)
class HeaderGuess:
    """The header found: its 1-based sheet row, how sure (0..1), and whether a group row sits above it."""

    row: int
    confidence: float
    two_row: bool = False


def is_blank(value: CellValue) -> bool:
    """An empty cell: None or text made of spaces only."""
    return value is None or (isinstance(value, str) and not value.strip())


def normalise_header(value: CellValue) -> str:
    """Header text as a name: line breaks and runs of spaces become one space, ends trimmed;
    numbers lose a trailing ".0" and dates are written as ISO dates."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return clean_text(value)


def make_unique(names: Sequence[str]) -> list[str]:
    """Make repeated names unique: "Sprint", "Sprint (2)", "Sprint (3)"; blank names stay blank."""
    seen: Counter[str] = Counter()
    taken = {n.casefold() for n in names}
    out: list[str] = []
    for name in names:
        if not name:
            out.append(name)
            continue
        key = name.casefold()
        seen[key] += 1
        if seen[key] == 1:
            out.append(name)
            continue
        n = seen[key]
        while f"{name} ({n})".casefold() in taken:
            n += 1
        seen[key] = n
        candidate = f"{name} ({n})"
        taken.add(candidate.casefold())
        out.append(candidate)
    return out


def _is_text_label(value: CellValue) -> bool:
    """Text that names something: not a number, a date, a percentage or an amount written as text."""
    if not isinstance(value, str):
        return False
    text = clean_text(value)
    if not text or len(text) > MAX_LABEL_LENGTH:
        return False
    if parse_number(text).value is not None or parse_date(text).value is not None:
        return False
    if "%" in text and parse_percent(text).value is not None:
        return False
    return not (text[:1] in "€$£¥" and parse_money(text).value is not None)


def _period_columns(row: Sequence[CellValue]) -> set[int]:
    """Columns holding a run of three or more evenly increasing numbers or dates: week 1, 2, 3…"""
    found: set[int] = set()
    run: list[tuple[int, float]] = []

    def flush() -> None:
        if len(run) >= 3:
            steps = {round(b[1] - a[1], 6) for a, b in pairwise(run)}
            if len(steps) == 1 and next(iter(steps)) > 0:
                found.update(c for c, _ in run)

    for c, value in enumerate(row):
        if isinstance(value, bool) or is_blank(value):
            continue
        if isinstance(value, int | float):
            key: float | None = float(value)
        elif isinstance(value, dt.date):
            key = float(value.toordinal())
        else:
            key = None
        if key is None:
            flush()
            run = []
        else:
            run.append((c, key))
    flush()
    return found


def _merge_lookup(merged: Sequence[MergedRange]) -> dict[tuple[int, int], tuple[int, int]]:
    """Each cell covered by a merged range (but not its top-left) -> the range's top-left cell."""
    out: dict[tuple[int, int], tuple[int, int]] = {}
    for (r0, c0), (r1, c1) in merged:
        if (r1 - r0 + 1) * (c1 - c0 + 1) > 10_000:
            continue
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    out[(r, c)] = (r0, c0)
    return out


def _cell(grid: Grid, r: int, c: int) -> CellValue:
    if 0 <= r < len(grid) and 0 <= c < len(grid[r]):
        return grid[r][c]
    return None


def _filled_row(
    grid: Grid,
    r: int,
    merges: dict[tuple[int, int], tuple[int, int]],
    *,
    across: bool = True,
) -> list[CellValue]:
    """Row ``r`` with merged cells showing the value of their range's top-left cell.

    With ``across`` False only ranges merged down from a row above are filled (a
    header cell spanning two header rows), not ranges merged across columns.
    """
    width = max((len(row) for row in grid), default=0)
    out: list[CellValue] = []
    for c in range(width):
        value = _cell(grid, r, c)
        if is_blank(value) and (r, c) in merges:
            top = merges[(r, c)]
            if across or top[1] == c:
                value = _cell(grid, *top)
        out.append(None if is_blank(value) else value)
    return out


def _score(grid: Grid, r: int, width: int, covered: frozenset[int] = frozenset()) -> float:
    """How much row ``r`` looks like a header (0..1); ``covered`` are its columns inside a
    header cell merged across columns."""
    row = grid[r]
    present = {c: v for c, v in enumerate(row) if not is_blank(v)}
    if len(present) < 2 and width > 1:
        return 0.0
    periods = _period_columns(row)
    labels = {c for c, v in present.items() if _is_text_label(v) or c in periods}
    if not labels:
        return 0.0
    label_frac = len(labels) / len(present)
    if label_frac < 0.5:
        return 0.0
    names_by_col = {c: normalise_header(present[c]).casefold() for c in labels if c not in periods}
    names = list(names_by_col.values())
    unique = len(set(names)) / len(names) if names else 1.0
    rows_below = grid[r + 1 : r + 1 + LOOKAHEAD_ROWS]
    below = [[c for c, v in enumerate(b) if not is_blank(v)] for b in rows_below]
    below = [cols for cols in below if cols]
    # a header's names do not come back in the rows under it; data values often do
    # (a whole row of them is the header of a second table below, which does not count)
    text_labels = [c for c in labels if c not in periods]

    def same_name(b: Sequence[CellValue], c: int) -> bool:
        return c < len(b) and not is_blank(b[c]) and clean_text(b[c]).casefold() == names_by_col[c]

    singles = [
        b
        for b in rows_below[:REPEAT_ROWS]
        if sum(1 for c in text_labels if same_name(b, c)) * 5 < len(text_labels) * 3
    ]
    repeated = sum(1 for c in text_labels if any(same_name(b, c) for b in singles))
    repeat = repeated / len(text_labels) if text_labels else 0.0
    if below:
        # how much of each row below sits under a header cell; rows weigh by the square
        # root of their width, so that neither a few wide period rows nor many
        # one-cell group labels decide alone
        weights = [math.sqrt(len(cols)) for cols in below]
        aligned = sum(
            w * sum(1 for c in cols if c in present or c in covered) / len(cols)
            for w, cols in zip(weights, below, strict=True)
        ) / sum(weights)
        used = {c for cols in below for c in cols}
        fill = sum(1 for c in labels if c in used) / len(labels)
        coverage = min(1.0, len(present) / len(used))
    else:
        aligned, fill, coverage = 0.3, 0.3, 0.5
    size = min(1.0, len(labels) / 3)
    score = (
        label_frac**3
        * (0.7 + 0.3 * unique)
        * (0.2 + 0.8 * aligned)
        * (0.5 + 0.5 * fill)
        * (0.5 + 0.5 * coverage)
        * size
    )
    return score * (1.0 - 0.8 * repeat) * (1.0 - 0.002 * r)


def detect_header(grid: Grid, *, merged: Sequence[MergedRange] = ()) -> HeaderGuess:
    """Find the header row in the first rows of ``grid`` (see the module docstring for its shape)."""
    width = max((len(row) for row in grid), default=0)
    merges = _merge_lookup(merged)
    covered: dict[int, set[int]] = {}
    for (r, c), (r0, _c0) in merges.items():
        if r == r0:
            covered.setdefault(r, set()).add(c)
    best_row, best = 0, 0.0
    for r in range(min(len(grid), HEADER_SCAN_ROWS)):
        score = _score(grid, r, width, frozenset(covered.get(r, ())))
        if score > best + 1e-9:
            best_row, best = r, score
    if best == 0.0:
        first = next((i for i, row in enumerate(grid) if any(not is_blank(v) for v in row)), 0)
        return HeaderGuess(first + 1, 0.0, False)
    if best_row + 1 < len(grid) and _two_row(grid, best_row, best_row + 1, merges):
        return HeaderGuess(best_row + 2, round(best, 3), True)
    two = best_row > 0 and _two_row(grid, best_row - 1, best_row, merges)
    return HeaderGuess(best_row + 1, round(best, 3), two)


def _two_row(
    grid: Grid, upper_r: int, lower_r: int, merges: dict[tuple[int, int], tuple[int, int]]
) -> bool:
    """True when row ``upper_r`` holds group labels that tell apart repeated names in ``lower_r``.

    A group label spans two or more columns (merged, or written in each of them)
    and every repeated sub-label sits under a different group.
    """
    upper = _filled_row(grid, upper_r, merges)
    lower = _filled_row(grid, lower_r, merges, across=False)
    if not any(v is not None for v in upper):
        return False
    if any(v is not None and not _is_text_label(v) for v in upper):
        return False
    if any(v is not None and not _is_text_label(v) for v in lower):
        return False
    lower_names = [normalise_header(v).casefold() if v is not None else "" for v in lower]
    counts = Counter(n for n in lower_names if n)
    dupes = [c for c, n in enumerate(lower_names) if n and counts[n] > 1]
    if not dupes:
        return False
    group = [normalise_header(v).casefold() if v is not None else "" for v in upper]

    def spans(c: int) -> bool:
        return bool(group[c]) and any(
            0 <= n < len(group) and group[n] == group[c] for n in (c - 1, c + 1)
        )

    pairs = [(group[c], lower_names[c]) for c in dupes]
    return all(spans(c) for c in dupes) and len(set(pairs)) == len(pairs)


def combine_names(group: str, label: str) -> str:
    """A group label and a sub-label as one name: PLAN + START -> "Plan start", Week + 1 -> "Week 1"."""
    if not group or group.casefold() == label.casefold():
        return label
    if not label:
        return group
    joined = f"{group} {label}"
    if joined.upper() == joined:
        return joined[0] + joined[1:].lower()
    if label[:1].isupper() and not label[:2].isupper():
        label = label[0].lower() + label[1:]
    return f"{group} {label}"


def _is_long_text(value: CellValue) -> bool:
    return isinstance(value, str) and len(value.strip()) > 2 * MAX_LABEL_LENGTH


def build_columns(
    grid: Grid,
    header_row: int,
    *,
    two_row: bool = False,
    merged: Sequence[MergedRange] = (),
) -> list[Column]:
    """The columns of the table whose header is sheet row ``header_row`` (1-based).

    The table spans the header's labels, plus columns beside them that hold short
    values in the rows below (a group-label column with a blank header, the period
    columns of a plan); a column of long instructions beside the table is left out.
    """
    merges = _merge_lookup(merged)
    r = header_row - 1
    lower = _filled_row(grid, r, merges, across=False)
    upper = _filled_row(grid, r - 1, merges) if two_row and r > 0 else [None] * len(lower)
    labelled = [
        c
        for c in range(len(lower))
        if (lower[c] is not None and not _is_long_text(lower[c])) or upper[c] is not None
    ]
    if not labelled:
        return []
    below = grid[r + 1 : r + 1 + LOOKAHEAD_ROWS]
    data_cols = {
        c for row in below for c, v in enumerate(row) if not is_blank(v) and not _is_long_text(v)
    }
    long_cols = {c for row in below for c, v in enumerate(row) if _is_long_text(v)}
    first, last = labelled[0], labelled[-1]
    while first - 1 >= 0 and first - 1 in data_cols and first - 1 not in long_cols:
        first -= 1
    last = max([last, *(c for c in data_cols if c > last and c not in long_cols)])
    names: list[str] = []
    sources: list[tuple[str, ...]] = []
    kept: list[int] = []
    for c in range(first, last + 1):
        if lower[c] is None and upper[c] is None and (r, c) in merges and c not in data_cols:
            continue  # the far part of a header cell merged across empty columns
        kept.append(c)
        lo = lower[c] if c < len(lower) else None
        lo_text = "" if lo is None or _is_long_text(lo) else normalise_header(lo)
        up_text = normalise_header(upper[c]) if c < len(upper) and upper[c] is not None else ""
        names.append(combine_names(up_text, lo_text) if two_row else lo_text)
        raw = [_raw_text(upper[c] if c < len(upper) else None)] if two_row else []
        raw.append(_raw_text(_cell(grid, r, c)))
        sources.append(tuple(x for x in raw if x))
    unique = make_unique(names)
    return [
        Column(index=c, letter=column_letter(c), name=name, source_names=src)
        for c, name, src in zip(kept, unique, sources, strict=True)
    ]


def _raw_text(value: CellValue) -> str:
    if is_blank(value):
        return ""
    return value if isinstance(value, str) else normalise_header(value)
