"""References named in cells (a programme's code, a person's name, a stage) resolved to records.

A cell may name a record by its code ("PGM-03") or by its name ("Ana Lima",
"Delivery"). The :class:`Resolver` loads each referenced kind once (one query)
and answers from memory; records an import creates (rows of an earlier sheet,
or missing references it was allowed to create) are registered so that later
rows find them. New codes follow the workspace's own style (:class:`CodeStyle`).
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from pmodesk.exchange.importing.kinds import reference_kinds
from pmodesk.exchange.importing.words import STAGE_WORDS, fold

_CODE_LIKE = re.compile(r"^[A-Z0-9]+(?:[-_./][A-Z0-9]+)*$")
_NUMBERED = re.compile(r"^(.*?)(\d+)$")


@dataclass(slots=True)
class Entry:
    """A record a reference may name: its id, code, name and whether it is archived."""

    id: uuid.UUID
    code: str
    name: str
    archived: bool = False
    new: bool = False


@dataclass(frozen=True, slots=True)
class Found:
    entry: Entry


@dataclass(frozen=True, slots=True)
class Refused:
    reason: str


class _Table:
    def __init__(self) -> None:
        self.by_code: dict[str, Entry] = {}
        self.by_name: dict[str, list[Entry]] = {}
        self.by_id: dict[uuid.UUID, Entry] = {}

    def add(self, entry: Entry) -> None:
        self.by_code[entry.code.upper()] = entry
        self.by_id[entry.id] = entry
        if entry.name:
            self.by_name.setdefault(fold(entry.name), []).append(entry)

    def recode(self, entry: Entry, code: str) -> None:
        self.by_code.pop(entry.code.upper(), None)
        entry.code = code
        self.by_code[code.upper()] = entry


class CodeStyle:
    """Next free codes of a kind in the workspace's style ("PRJ-043" after "PRJ-042").

    The style is the most common prefix and width of the codes stored; codes the
    file being imported gives are taken (never proposed) but do not set the style.
    """

    def __init__(self, codes: list[str], default_prefix: str) -> None:
        styles: Counter[tuple[str, int]] = Counter()
        highest: dict[str, int] = {}
        codes = [c for c in codes if not c.startswith("~")]  # new records awaiting their code
        for code in codes:
            m = _NUMBERED.match(code)
            if m and m[1]:
                styles[(m[1], len(m[2]))] += 1
                highest[m[1]] = max(highest.get(m[1], 0), int(m[2]))
        if styles:
            (self.prefix, self.width), _n = styles.most_common(1)[0]
        else:
            self.prefix, self.width = f"{default_prefix}-", 3
        self._next = highest.get(self.prefix, 0) + 1
        self._taken = {c.upper() for c in codes}

    def take(self, code: str) -> None:
        """A code used by a row of the file: never proposed again."""
        self._taken.add(code.upper())
        m = _NUMBERED.match(code)
        if m and m[1] == self.prefix:
            self._next = max(self._next, int(m[2]) + 1)

    def next(self) -> str:
        while True:
            code = f"{self.prefix}{self._next:0{self.width}d}"
            self._next += 1
            if code not in self._taken:
                self._taken.add(code)
                return code


class Resolver:
    """Codes and names of referenced records, loaded once per kind, answered from memory."""

    def __init__(self, session: Session, *, create_missing: bool = False) -> None:
        self._session: Session | None = session
        self.create_missing = create_missing
        self._tables: dict[str, _Table] = {}
        self._styles: dict[str, CodeStyle] = {}
        #: Records registered but not yet indexed (indexing waits until a row names the kind).
        self._waiting: dict[str, list[Entry]] = {}

    def table(self, kind: str) -> _Table:
        found = self._tables.get(kind)
        if found is None:
            found = self._tables[kind] = self._load(kind)
        waiting = self._waiting.pop(kind, None)
        if waiting:
            for entry in waiting:
                self._add(found, entry)
        return found

    @staticmethod
    def _add(table: _Table, entry: Entry) -> None:
        old = table.by_id.get(entry.id)
        if old is not None and old is not entry:
            table.recode(old, entry.code)
        elif old is None:
            table.add(entry)

    def _model(self, kind: str) -> Any:
        for ref_kind, model in reference_kinds().values():
            if ref_kind == kind:
                return model
        from pmodesk.exchange.importing.kinds import kind_spec

        return kind_spec(kind).model

    def detach(self) -> None:
        """Planning is over: answer from what was loaded, never from the store."""
        self._session = None

    def _load(self, kind: str) -> _Table:
        table = _Table()
        if self._session is None:
            return table
        model = self._model(kind)
        columns = model.__table__.c
        name_col = columns.get("name")
        if name_col is None:
            name_col = columns.get("title")
        if name_col is None:
            name_col = columns.code
        statement = select(columns.id, columns.code, name_col, columns.archived_at)
        for record_id, code, name, archived_at in self._session.execute(statement):
            table.add(Entry(record_id, code, name or "", archived_at is not None))
        return table

    def style(self, kind: str) -> CodeStyle:
        """The code style of ``kind`` (loaded with the kind's codes)."""
        found = self._styles.get(kind)
        if found is None:
            from pmodesk.services.lookups import CODE_PREFIXES

            model = self._model(kind)
            table = self.table(kind)
            stored = [code for code, entry in table.by_code.items() if not entry.new]
            prefix = CODE_PREFIXES.get(model, str(model.__tablename__).upper()[:4])
            found = self._styles[kind] = CodeStyle(stored, prefix)
            for code, entry in table.by_code.items():
                if entry.new and not code.startswith("~"):
                    found.take(code)  # codes the file gives are never proposed again
        return found

    def code_of(self, kind: str, record_id: uuid.UUID | None) -> str | None:
        """The code of a referenced record by id (for showing current values)."""
        if record_id is None:
            return None
        entry = self.table(kind).by_id.get(record_id)
        return entry.code if entry else str(record_id)

    def id_of(self, kind: str, code: str | None) -> uuid.UUID | None:
        if code is None:
            return None
        entry = self.table(kind).by_code.get(code.upper())
        return entry.id if entry else None

    def register(self, kind: str, entry: Entry) -> None:
        """A record this import creates, so that later rows can name it."""
        self._waiting.setdefault(kind, []).append(entry)
        style = self._styles.get(kind)
        if style is not None and not entry.code.startswith("~"):
            style.take(entry.code)

    def recode(self, kind: str, entry: Entry, code: str) -> None:
        """A new record's code, given once its sheet is read (the entry may still wait)."""
        if kind in self._tables and entry.id in self._tables[kind].by_id:
            self._tables[kind].recode(entry, code)
        else:
            entry.code = code

    def find(self, ref_key: str, text: str) -> Found | Refused | None:
        """The record ``text`` names for reference ``ref_key``; None when there is none."""
        kind, _model = reference_kinds()[ref_key]
        table = self.table(kind)
        entry = table.by_code.get(text.upper())
        if entry is None:
            named = table.by_name.get(fold(text), [])
            live = [e for e in named if not e.archived] or named
            if len(live) > 1:
                codes = ", ".join(e.code for e in live[:4])
                return Refused(f"names more than one {_what(ref_key)} ({codes}); give the code")
            entry = live[0] if live else None
        if entry is None and kind == "stage":
            entry = self._stage_word(table, text)
        if entry is None:
            return None
        if entry.archived:
            return Refused(f"{_what(ref_key)} {entry.code} is archived; restore it first")
        return Found(entry)

    def _stage_word(self, table: _Table, text: str) -> Entry | None:
        from pmodesk.exchange.importing.words import WordMap

        code = WordMap(STAGE_WORDS).read(text)
        return table.by_code.get(code) if isinstance(code, str) else None

    def new_entry(self, ref_key: str, text: str) -> tuple[str, Entry]:
        """A record to create for a missing reference: (kind, entry with a new id and code)."""
        kind, _model = reference_kinds()[ref_key]
        style = self.style(kind)
        upper = text.strip().upper()
        looks_like_code = bool(_CODE_LIKE.match(upper)) and any(c.isdigit() for c in upper)
        code = upper if looks_like_code else style.next()
        if looks_like_code:
            style.take(code)
        entry = Entry(uuid.uuid4(), code, text.strip(), new=True)
        self.register(kind, entry)
        return kind, entry


def _what(ref_key: str) -> str:
    return {"person": "person", "objective": "strategic objective"}.get(ref_key, ref_key)
