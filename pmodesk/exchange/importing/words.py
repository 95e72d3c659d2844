"""The words people type for choices: RAG colours, states, RAID kinds, ratings, stages, yes/no.

A :class:`WordMap` reads a cell's text as one of a field's values: first the
words a saved mapping gives, then the value itself, its label and the usual
synonyms ("On track" is green, "G" is green, "HIgh" is a 4), and last a close
spelling ("In progeress" is in progress). What each text was read as is kept,
so the wizard can show the value map and the user can correct it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

#: The words of each RAG colour.
RAG_WORDS: dict[str, tuple[str, ...]] = {
    "green": ("g", "green", "on track", "ok", "good", "healthy", "no issues", "gr", "grn"),
    "amber": (
        "a",
        "amber",
        "yellow",
        "y",
        "at risk",
        "some issues",
        "monitor",
        "caution",
        "orange",
        "amb",
    ),
    "red": ("r", "red", "off track", "critical", "in trouble", "blocked"),
}
PROJECT_STATE_WORDS: dict[str, tuple[str, ...]] = {
    "active": (
        "active",
        "open",
        "in progress",
        "ongoing",
        "running",
        "live",
        "underway",
        "under way",
        "in flight",
        "started",
        "wip",
        "executing",
        "in delivery",
    ),
    "on_hold": (
        "on hold",
        "hold",
        "paused",
        "suspended",
        "parked",
        "deferred",
        "on-hold",
        "frozen",
    ),
    "cancelled": (
        "cancelled",
        "canceled",
        "stopped",
        "terminated",
        "withdrawn",
        "abandoned",
        "rejected",
        "killed",
        "dropped",
    ),
    "closed": (
        "closed",
        "complete",
        "completed",
        "done",
        "finished",
        "delivered",
        "closed out",
        "closed lost",
        "closed won",
    ),
}
RAID_KIND_WORDS: dict[str, tuple[str, ...]] = {
    "risk": ("risk", "r", "risks", "threat", "opportunity"),
    "assumption": ("assumption", "a", "assumptions"),
    "issue": ("issue", "i", "issues", "problem"),
    "dependency": ("dependency", "d", "dependencies", "dep"),
}
RAID_STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "open": (
        "open",
        "new",
        "active",
        "raised",
        "identified",
        "planned",
        "pending",
        "not started",
        "to do",
        "todo",
        "live",
        "proposed",
        "submitted",
    ),
    "in_progress": (
        "in progress",
        "ongoing",
        "wip",
        "working",
        "being worked",
        "under review",
        "in hand",
        "monitoring",
        "mitigating",
        "started",
        "assigned",
    ),
    "closed": (
        "closed",
        "done",
        "resolved",
        "complete",
        "completed",
        "mitigated",
        "confirmed",
        "accepted",
        "expired",
        "retired",
        "validated",
        "met",
        "finished",
    ),
}
DECISION_STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "pending": ("pending", "open", "proposed", "awaiting decision", "to decide", "draft", "new"),
    "approved": ("approved", "agreed", "accepted", "yes", "signed off", "decided"),
    "rejected": ("rejected", "declined", "refused", "no", "not approved"),
    "deferred": ("deferred", "postponed", "on hold", "parked", "delayed"),
}
#: The words of a 1-5 rating (probability, impact).
SCALE_WORDS: dict[int, tuple[str, ...]] = {
    1: ("very low", "vl", "rare", "negligible", "insignificant", "very unlikely", "minimal"),
    2: ("low", "l", "unlikely", "minor", "lo"),
    3: ("medium", "m", "med", "moderate", "possible", "mid", "average"),
    4: ("high", "h", "likely", "major", "significant", "hi"),
    5: (
        "very high",
        "vh",
        "almost certain",
        "certain",
        "severe",
        "extreme",
        "catastrophic",
        "critical",
    ),
}
BOOL_WORDS: dict[bool, tuple[str, ...]] = {
    True: ("yes", "y", "true", "x", "1", "✓", "✔", "ticked", "on", "wahr", "oui", "ja"),
    False: ("no", "n", "false", "0", "", "off", "nein", "non"),
}
#: Stage names people use, by the code of the default lifecycle stage they mean.
STAGE_WORDS: dict[str, tuple[str, ...]] = {
    "IDEA": (
        "idea",
        "concept",
        "proposal",
        "pipeline",
        "intake",
        "request",
        "initiation",
        "pre initiation",
        "mandate",
    ),
    "ASSESS": (
        "assessment",
        "assess",
        "feasibility",
        "business case",
        "planning",
        "plan",
        "define",
        "definition",
        "analysis",
        "discovery",
    ),
    "APPROVED": (
        "approved",
        "mobilisation",
        "mobilization",
        "mobilising",
        "ready",
        "funded",
        "authorised",
        "authorized",
    ),
    "DELIVERY": (
        "delivery",
        "execution",
        "executing",
        "build",
        "implementation",
        "in delivery",
        "design and build",
        "development",
        "deliver",
        "in progress",
        "construction",
    ),
    "CLOSING": ("closing", "handover", "close out", "close-out", "transition", "closure"),
    "CLOSED": ("closed", "complete", "completed", "done", "finished", "benefits realisation"),
}

_NON_WORD = re.compile(r"[^0-9a-z%]+")


def fold(text: str) -> str:
    """Text compared as a word: lower case, accents dropped, punctuation as single spaces."""
    if text.isascii():
        return _NON_WORD.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", plain).strip()


class WordMap:
    """Reads texts as values of one field: given words first, then synonyms, then close spellings.

    ``values`` maps each value to its words. ``given`` (raw text -> value, from a
    saved mapping or the wizard) wins over everything. ``seen`` records each
    distinct text met and what it was read as (None when it was not read).
    """

    def __init__(
        self,
        values: Mapping[Any, Iterable[str]],
        given: Mapping[str, Any] | None = None,
        *,
        fuzzy: float = 0.8,
        leading: bool = True,
    ) -> None:
        self._words: dict[str, Any] = {}
        for value, words in values.items():
            for word in words:
                self._words.setdefault(fold(word), value)
        self._given = {fold(k): v for k, v in (given or {}).items()}
        self._fuzzy = fuzzy
        self._leading = leading
        self._choices = list(self._words)
        self.seen: dict[str, Any] = {}

    def read(self, text: str) -> Any:
        """The value ``text`` names, or None."""
        if text in self.seen:
            return self.seen[text]
        value = self._lookup(text)
        if len(self.seen) < 500:
            self.seen[text] = value
        return value

    def _lookup(self, text: str) -> Any:
        key = fold(text)
        if key in self._given:
            return self._given[key]
        if key in self._words:
            return self._words[key]
        if self._leading:
            # "Closed - Lost", "Green ✓", "Red (blocked)": the first word decides
            for size in (3, 2, 1):
                head = " ".join(key.split(" ")[:size])
                if head != key and head in self._words and len(head) > 1:
                    return self._words[head]
        if self._fuzzy and len(key) >= 4:
            close = difflib.get_close_matches(key, self._choices, n=1, cutoff=self._fuzzy)
            if close:
                return self._words[close[0]]
        return None


def enum_words(enum: type[StrEnum]) -> dict[Any, tuple[str, ...]]:
    """Each member of ``enum`` with its words: value, label, and the synonyms of the known enums."""
    known = {
        "ProjectState": PROJECT_STATE_WORDS,
        "Rag": RAG_WORDS,
        "RaidKind": RAID_KIND_WORDS,
        "RaidStatus": RAID_STATUS_WORDS,
        "DecisionStatus": DECISION_STATUS_WORDS,
    }.get(enum.__name__, {})
    out: dict[Any, tuple[str, ...]] = {}
    for member in enum:
        label = getattr(member, "label", member.value.replace("_", " "))
        out[member] = (
            member.value,
            member.value.replace("_", " "),
            str(label),
            *known.get(member.value, ()),
        )
    return out


def choices_text(enum: type[StrEnum]) -> str:
    """``active, on hold, cancelled, closed``: the values of an enum as a user reads them."""
    return ", ".join(member.value.replace("_", " ") for member in enum)
