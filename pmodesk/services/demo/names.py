"""Name pools for the demo portfolio: people from many cultures, and PMO-sounding project names.

The pools live in ``resources/demo/*.json``. A pool entry is a name, or a
``[name, latin]`` pair where the script is not Latin (Cyrillic, Greek,
Chinese); the Latin spelling makes the e-mail address.
"""

from __future__ import annotations

import json
import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import product
from typing import Any

from pmodesk.paths import resource

#: Letters that Unicode does not decompose into a base letter and an accent.
_LATIN_FOLD = str.maketrans(
    {"ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "ı": "i"}
)


@cache
def load_pool(name: str) -> dict[str, Any]:
    """The parsed ``resources/demo/<name>.json``."""
    with resource("demo", f"{name}.json").open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def ascii_fold(text: str) -> str:
    """``"Zoë Müller"`` → ``"Zoe Muller"``: accents removed, for e-mail addresses."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LATIN_FOLD))
    return "".join(c for c in decomposed if c.isascii())


def _spell(entry: str | list[str]) -> tuple[str, str]:
    """``(native, latin)`` of a pool entry."""
    if isinstance(entry, str):
        return entry, ascii_fold(entry)
    return entry[0], entry[1]


@dataclass(frozen=True, slots=True)
class PersonName:
    name: str
    email: str
    location: str


class PeopleNames:
    """Unique, realistic person names drawn from weighted cultures."""

    def __init__(self, rng: random.Random) -> None:
        pool = load_pool("people")
        self._rng = rng
        self._cultures: list[dict[str, Any]] = pool["cultures"]
        self._weights = [float(c["weight"]) for c in self._cultures]
        self._domain: str = pool["email_domain"]
        self._names: set[str] = set()
        self._emails: set[str] = set()

    def _compose(self, culture: dict[str, Any]) -> tuple[str, str]:
        rng = self._rng
        gender = rng.choice(("female", "male"))
        given_entry = rng.choice(culture[gender])
        family_list = culture.get(f"family_{gender}") or culture["family"]
        family_entry = rng.choice(family_list)
        given, given_latin = _spell(given_entry)
        family, family_latin = _spell(family_entry)
        separator = culture.get("separator", " ")
        if culture["order"] == "family-given":
            name = f"{family}{separator}{given}"
        else:
            name = f"{given}{separator}{family}"
        latin = f"{given_latin}.{family_latin}"
        return name, latin

    def _email(self, latin: str) -> str:
        local = "".join(
            c for c in ascii_fold(latin).lower().replace(" ", "") if c.isalnum() or c == "."
        )
        candidate, n = f"{local}@{self._domain}", 1
        while candidate in self._emails:
            n += 1
            candidate = f"{local}{n}@{self._domain}"
        self._emails.add(candidate)
        return candidate

    def draw(self) -> PersonName:
        rng = self._rng
        for _attempt in range(40):
            culture = rng.choices(self._cultures, self._weights)[0]
            name, latin = self._compose(culture)
            if name not in self._names:
                break
        else:  # the pools are exhausted: tell people apart by a number, as HR systems do
            n = 2
            while f"{name} ({n})" in self._names:
                n += 1
            name = f"{name} ({n})"
        self._names.add(name)
        return PersonName(name, self._email(latin), rng.choice(culture["locations"]))


def project_names(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct project names: the curated list first, then combinations."""
    pool = load_pool("projects")
    curated: list[str] = list(pool["names"])
    rng.shuffle(curated)
    chosen: list[str] = curated[:count]
    if len(chosen) >= count:
        return chosen
    seen = {n.lower() for n in chosen}
    for name in _combinations(rng, pool):
        if name.lower() not in seen:
            seen.add(name.lower())
            chosen.append(name)
            if len(chosen) == count:
                return chosen
    # Beyond every combination, number the waves so that names stay distinct.
    base, wave = list(chosen), 2
    while len(chosen) < count:
        chosen.extend(f"{n} – wave {wave}" for n in base[: count - len(chosen)])
        wave += 1
    return chosen


def _combinations(rng: random.Random, pool: dict[str, Any]) -> Iterator[str]:
    subjects: list[str] = pool["subjects"]
    actions: list[str] = pool["actions"]
    plain = [f"{s} {a}" for s, a in product(subjects, actions)]
    rng.shuffle(plain)
    yield from plain
    qualified = [f"{n} ({q})" for n, q in product(plain, pool["qualifiers"])]
    rng.shuffle(qualified)
    yield from qualified
