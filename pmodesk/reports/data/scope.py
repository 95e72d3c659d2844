"""Which projects a pack covers: the whole workspace, a portfolio, a programme or the register's filter.

The register's one query gives the rows (:func:`pmodesk.services.register.register_rows`),
so a pack of "the register's current filter" shows exactly the projects the
register shows. Closed and cancelled projects are left out unless asked for
(or unless the filter itself picks states); they are still counted in the
summary by state.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from pmodesk.domain import Portfolio, Programme
from pmodesk.domain.enums import ProjectState
from pmodesk.domain.errors import ValidationError
from pmodesk.reports.settings import PackSettings, Scope
from pmodesk.services import records
from pmodesk.services.register import NONE_KEY, RegisterFilter, RegisterRow, register_rows

#: States whose projects the pack reports on by default.
LIVE_STATES = frozenset({ProjectState.ACTIVE, ProjectState.ON_HOLD})


@dataclass(frozen=True, slots=True)
class PackScope:
    """The projects of the pack (``rows``), every state counted (``all_rows``), and a label."""

    rows: list[RegisterRow]
    all_rows: list[RegisterRow]
    label: str


def describe_filter(wanted: RegisterFilter) -> str:
    """The register's filter in words, e.g. ``Projects matching "cloud"; RAG red, amber``."""
    parts = []
    if wanted.text.strip():
        parts.append(f'matching "{wanted.text.strip()}"')
    for name, title in (
        ("portfolios", "portfolio"),
        ("programmes", "programme"),
        ("stages", "stage"),
        ("states", "state"),
        ("rags", "RAG"),
        ("managers", "manager"),
    ):
        values = sorted(getattr(wanted, name))
        if values:
            shown = ", ".join(v if v != NONE_KEY else "(none)" for v in values)
            parts.append(f"{title} {shown}")
    return "Register filter: " + ("; ".join(parts) if parts else "all projects")


def resolve_scope(session: Session, pack: PackSettings) -> PackScope:
    """The projects ``pack`` covers; a clear error when the scope names nothing or holds nothing."""
    rows = register_rows(session)
    code = pack.scope_code
    if pack.scope is Scope.PORTFOLIO:
        portfolio = _find(session, Portfolio, code)
        chosen = [r for r in rows if r.portfolio_code == portfolio.code]
        label = f"Portfolio {portfolio.code} · {portfolio.name}"
    elif pack.scope is Scope.PROGRAMME:
        programme = _find(session, Programme, code)
        chosen = [r for r in rows if r.programme_code == programme.code]
        label = f"Programme {programme.code} · {programme.name}"
    elif pack.scope is Scope.FILTER:
        chosen = pack.register_filter.apply(rows)
        label = describe_filter(pack.register_filter)
    else:
        chosen = list(rows)
        label = "All projects of the workspace"
    picks_states = pack.scope is Scope.FILTER and bool(pack.register_filter.states)
    live = (
        chosen
        if pack.include_closed or picks_states
        else [r for r in chosen if r.state in LIVE_STATES]
    )
    if not live:
        raise ValidationError(
            f"There is no project to report on in this scope ({label}"
            + ("" if pack.include_closed or picks_states else ", active or on hold")
            + "). Choose another scope"
            + ("" if pack.include_closed else ", or include closed and cancelled projects")
            + ".",
            field="scope",
        )
    return PackScope(live, chosen, label)


def _find(
    session: Session, model: type[Portfolio] | type[Programme], code: str
) -> Portfolio | Programme:
    """The live portfolio or programme with ``code`` (a :class:`NotFoundError` names a wrong code)."""
    return records.get_by_code(session, model, code)
