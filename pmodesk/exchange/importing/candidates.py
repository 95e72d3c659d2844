"""Records as the validation rules see them, made cheaply enough to check every imported row.

The rules of :mod:`pmodesk.services.validation` take a candidate record and the
existing one. Building a SQLModel record through pydantic costs a quarter of a
millisecond, which a 100,000-row import cannot pay; :func:`candidate` makes a
real instance of the table class without running pydantic (the values were
read and typed by the import already). :class:`RuleSession` answers the rules'
look-ups of referenced records from memory, including records this import is
about to create.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from functools import cache
from typing import Any, cast

from sqlmodel import Session, func, select

from pmodesk.domain import Record
from pmodesk.errors import ConflictError, ValidationError
from pmodesk.services.settings import record_defaults
from pmodesk.services.validation import run_validators

KEPT = frozenset({"id", "created_at", "updated_at", "version", "archived_at"})
#: Broken rules listed per row, at most.
RULES_LISTED = 5
#: Kinds with at most this many records are loaded whole the first time the rules name one.
WHOLE_KIND_LIMIT = 5000


@cache
def _configured() -> bool:
    from sqlalchemy.orm import configure_mappers

    configure_mappers()
    return True


def candidate(model: type[Record], values: Mapping[str, Any]) -> Record:
    """An instance of ``model`` holding ``values`` (attribute names), built without validation."""
    _configured()
    manager = model._sa_class_manager  # type: ignore[attr-defined]
    obj = manager.new_instance()
    obj.__dict__.update(values)
    return cast(Record, obj)


def model_defaults(session: Session, model: type[Record]) -> dict[str, Any]:
    """The values a new record of ``model`` takes for fields an import does not give."""
    defaults: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name in KEPT:
            continue
        if info.default_factory is not None:
            defaults[name] = info.default_factory()  # type: ignore[call-arg]
        elif not info.is_required():
            defaults[name] = info.default
    defaults.update(record_defaults(session, model))
    defaults["archived_at"] = None
    defaults["version"] = 1
    return defaults


class Standin:
    """What the rules read of a record this import creates, when another row names it.

    The rules ask of a referenced record only whether it is live (and its code or
    name for a message); keeping the whole candidate of each of 100,000 new
    projects for that would cost a few hundred megabytes.
    """

    __slots__ = ("archived_at", "code", "id", "name")

    def __init__(self, record_id: uuid.UUID, code: str, name: str) -> None:
        self.id = record_id
        self.code = code
        self.name = name
        self.archived_at = None


class RuleSession:
    """What the rules need of a session: ``get`` from memory first, ``exec`` from the store."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._cache: dict[tuple[type[Record], uuid.UUID], Record | None] = {}
        #: Kinds of record whose every row is in the cache (a miss is then a missing record).
        self._whole: set[type[Record]] = set()
        self._tried: set[type[Record]] = set()

    def remember(self, obj: Record) -> None:
        """Make a record (one about to be created) known to the rules."""
        self._cache[(type(obj), obj.id)] = obj

    def remember_live(
        self, model: type[Record], record_id: uuid.UUID, code: str, name: str
    ) -> None:
        """Make a new record known to the rules as live, without keeping all of it."""
        self._cache[(model, record_id)] = cast(Record, Standin(record_id, code, name))

    def get(self, model: type[Record], ident: Any) -> Record | None:
        key = (model, ident)
        try:
            return self._cache[key]
        except KeyError:
            pass
        if model not in self._tried:
            self._tried.add(model)
            self._load_whole(model)
        if model in self._whole:
            return self._cache.setdefault(key, None)
        found = self._session.get(model, ident)
        self._cache[key] = found
        return found

    def _load_whole(self, model: type[Record]) -> None:
        """Load every record of a kind in one query when there are few enough of them.

        A plan of 1,000 people names each of them; one query for all costs what
        twenty look-ups one by one do.
        """
        count = self._session.exec(select(func.count()).select_from(model)).one()
        if count > WHOLE_KIND_LIMIT:
            return
        for record in self._session.exec(select(model)):
            self._cache.setdefault((model, record.id), record)
        self._whole.add(model)

    def exec(self, statement: Any) -> Any:
        return self._session.exec(statement)

    def check_all(
        self, obj: Record, existing: Record | None, fallback: Mapping[str, Any]
    ) -> list[tuple[str, str | None]]:
        """Every broken rule of ``obj``, up to :data:`RULES_LISTED`, as ``(message, field)``.

        The rules stop at the first broken one; to find the next, the field it
        names is put back to ``fallback`` (the record's current value, or the
        default of a new one) and the rules asked again. A rule naming no field,
        or a field already put back, ends the search.
        """
        found: list[tuple[str, str | None]] = []
        put_back: set[str] = set()
        while len(found) < RULES_LISTED:
            broken = self.check(obj, existing)
            if broken is None:
                break
            field = broken[1]
            if field is not None and field in put_back:
                break  # the value put back breaks a rule too: nothing new to say of the row
            found.append(broken)
            if field is None:
                break
            put_back.add(field)
            obj.__dict__[field] = fallback.get(field)
        return found

    def check(self, obj: Record, existing: Record | None) -> tuple[str, str | None] | None:
        """Run the kind's rules; ``(message, field)`` of the first broken one, else None."""
        try:
            run_validators(cast(Session, self), obj, existing)
        except (ValidationError, ConflictError) as exc:
            return exc.message, exc.field
        return None
