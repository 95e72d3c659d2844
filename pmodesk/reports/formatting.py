"""How the pack writes numbers, money, dates and trends: short, and the same everywhere."""

from __future__ import annotations

from datetime import date

from pmodesk.domain.enums import Rag

DASH = "–"


def money(value: float | None) -> str:
    """``1,250,000`` as ``1.25m``, ``640,000`` as ``640k``, ``950`` as ``950``; ``–`` when unknown."""
    if value is None:
        return DASH
    sign = "-" if value < 0 else ""
    amount = abs(value)
    if amount >= 1_000_000_000:
        return f"{sign}{amount / 1_000_000_000:.2f}bn"
    if amount >= 1_000_000:
        return f"{sign}{amount / 1_000_000:.2f}m"
    if amount >= 10_000:
        return f"{sign}{amount / 1_000:.0f}k"
    if amount >= 1_000:
        return f"{sign}{amount / 1_000:.1f}k"
    return f"{sign}{amount:.0f}"


def money_full(value: float | None) -> str:
    return DASH if value is None else f"{value:,.0f}"


def day(value: date | None) -> str:
    """``3 Nov 2026``; ``–`` when unknown."""
    return DASH if value is None else f"{value.day} {value:%b %Y}"


def percent(value: float | None, *, digits: int = 0) -> str:
    """A percentage given as 0–100."""
    return DASH if value is None else f"{value:.{digits}f}%"


def share(value: float | None) -> str:
    """A share given as 0–1, as a percentage."""
    return DASH if value is None else f"{value * 100:.0f}%"


def index(value: float | None) -> str:
    """CPI or SPI: two decimals."""
    return DASH if value is None else f"{value:.2f}"


def days(value: int | None) -> str:
    """A variance in days, signed: ``+12 d`` late, ``-3 d`` early, ``0 d`` on time."""
    if value is None:
        return DASH
    return f"{value:+d} d" if value else "0 d"


def trend_word(trend: int, previous: Rag | None, current: Rag | None) -> str:
    """``▲ better``, ``▼ worse``, ``= same``; ``new`` when there is nothing to compare with."""
    if previous is None or current is None:
        return "new" if current is not None and previous is None else DASH
    if trend > 0:
        return "▲ better"
    if trend < 0:
        return "▼ worse"
    return "= same"


def change(now: int, before: int) -> str:
    """A change in a count, signed (``+2``, ``-1``, ``±0``)."""
    delta = now - before
    return f"{delta:+d}" if delta else "±0"


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else (words or word + 's')}"
