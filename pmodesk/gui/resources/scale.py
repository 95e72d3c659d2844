"""The heatmap's colour scale: utilisation bands, their colours, and the legend's words.

Utilisation (allocated ÷ available) falls into bands computed with NumPy for
the whole matrix at once: pale blue below the under-use threshold, greens in
the normal range, orange to dark red above the over-allocation threshold.
Every band has a text colour chosen for contrast, and the number is always
written in the cell, so the scale also reads in black and white.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from numpy.typing import NDArray
from PySide6.QtGui import QColor

BAND_NO_CAPACITY = 0  # no capacity, nothing allocated: "—"
BAND_LOAD_NO_CAPACITY = 1  # load on a person with no capacity that week (e.g. full leave)
BAND_PLACEHOLDER = 2  # demand on an unnamed role (no one named yet)
BAND_IDLE = 3  # capacity, nothing allocated
BAND_UNDER = (4, 5, 6)
BAND_NORMAL = (7, 8, 9, 10)
BAND_OVER = (11, 12, 13, 14, 15)
#: Over-allocation bands by utilisation ÷ threshold: up to 1.1, 1.25, 1.5, 2, beyond.
OVER_STEPS = (1.1, 1.25, 1.5, 2.0)

FLAG_OVER = 1
FLAG_UNDER = 2
FLAG_RELEASED = 4

#: (fill, text) per band.
COLOURS: tuple[tuple[str, str], ...] = (
    ("#eceff1", "#6b7b86"),
    ("#6a1b9a", "#ffffff"),
    ("#e4d9f2", "#3f2466"),
    ("#f7f9fc", "#5f6f7e"),
    ("#e3eefa", "#1f4e8c"),
    ("#d0e2f5", "#1f4e8c"),
    ("#bcd5ef", "#173d6e"),
    ("#e3f3dc", "#17401c"),
    ("#c9e8bd", "#17401c"),
    ("#a7d99a", "#12361a"),
    ("#7fc47a", "#0d2a12"),
    ("#fdd9a8", "#4d2600"),
    ("#fcb46a", "#3d1c00"),
    ("#f57e3a", "#2b1000"),
    ("#d9452b", "#ffffff"),
    ("#a31b1b", "#ffffff"),
)
#: Cell outlines that make over-allocation and under-use stand out without colour.
OVER_BORDER = "#7f1010"
UNDER_BORDER = "#6f98cc"


@cache
def band_colours() -> tuple[tuple[QColor, QColor], ...]:
    """(fill, text) QColors per band, made once."""
    return tuple((QColor(fill), QColor(text)) for fill, text in COLOURS)


def bands(
    util: NDArray[np.float64],
    allocated: NDArray[np.float64],
    released: NDArray[np.float64],
    under: float,
    over: float,
    placeholder_rows: NDArray[np.bool_],
) -> tuple[NDArray[np.int8], NDArray[np.int8]]:
    """The colour band and the flags of every cell, for the whole matrix at once."""
    band = np.full(util.shape, BAND_IDLE, dtype=np.int8)
    flags = np.zeros(util.shape, dtype=np.int8)
    no_capacity = np.isnan(util)
    loaded = allocated > 0
    placeholder = np.broadcast_to(placeholder_rows[:, None], util.shape)
    safe = np.where(no_capacity, 0.0, util)

    positive = ~no_capacity & (safe > 0)
    under_cells = positive & (safe < under)
    normal_cells = ~no_capacity & (safe >= under) & (safe <= over)
    over_cells = ~no_capacity & (safe > over)

    if under > 0:
        step = np.clip((safe / under * len(BAND_UNDER)).astype(np.int64), 0, len(BAND_UNDER) - 1)
        band[under_cells] = (BAND_UNDER[0] + step)[under_cells]
    span = max(over - under, 1e-9)
    step = np.clip(((safe - under) / span * len(BAND_NORMAL)).astype(np.int64), 0, 3)
    band[normal_cells] = (BAND_NORMAL[0] + step)[normal_cells]
    ratio = safe / max(over, 1e-9)
    step = np.searchsorted(np.asarray(OVER_STEPS), ratio, side="left")
    band[over_cells] = (BAND_OVER[0] + step)[over_cells]

    band[no_capacity & ~loaded] = BAND_NO_CAPACITY
    band[no_capacity & loaded & ~placeholder] = BAND_LOAD_NO_CAPACITY
    band[no_capacity & loaded & placeholder] = BAND_PLACEHOLDER

    flags[over_cells | (no_capacity & loaded & ~placeholder)] |= FLAG_OVER
    flags[~no_capacity & (safe < under)] |= FLAG_UNDER
    flags[released > 0] |= FLAG_RELEASED
    return band, flags


def legend(under: float, over: float) -> list[tuple[str, int]]:
    """The legend's entries, (words, band), in reading order."""
    u, o = round(under * 100), round(over * 100)
    steps = [round(over * s * 100) for s in OVER_STEPS]
    return [
        ("No capacity", BAND_NO_CAPACITY),
        ("Nothing allocated", BAND_IDLE),
        (f"Under-used (< {u}%)", BAND_UNDER[1]),
        (f"{u}–{o}%", BAND_NORMAL[1]),
        (f"{o}–{steps[0]}%", BAND_OVER[0]),
        (f"–{steps[1]}%", BAND_OVER[1]),
        (f"–{steps[2]}%", BAND_OVER[2]),
        (f"–{steps[3]}%", BAND_OVER[3]),
        (f"> {steps[3]}%", BAND_OVER[4]),
        ("Load, no capacity", BAND_LOAD_NO_CAPACITY),
        ("Unnamed role", BAND_PLACEHOLDER),
    ]
