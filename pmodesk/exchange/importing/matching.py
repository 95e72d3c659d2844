"""Matching a sheet's columns to the fields of a kind, and guessing the kind of a sheet.

A header is compared with each field's label and synonyms (:mod:`.vocabulary`)
after folding case, accents and punctuation: an exact synonym is sure, a header
that contains a synonym ("Risk owner" holds "owner") fairly sure, a close
spelling ("Plannd start") less so. The column's cells then confirm or refute the
match: a "Status" column of sentences is not a RAID status, an "Impact" column
of euros is not a 1-5 rating. Each column goes to its best field, each field
to one column, best pairs first.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from pmodesk.exchange.importing.cells import fitness
from pmodesk.exchange.importing.kinds import FieldSpec, FieldType, KindSpec, kind_specs
from pmodesk.exchange.importing.model import ColumnMatch
from pmodesk.exchange.importing.vocabulary import GENERIC_FIELDS, KIND_WORDS, SHEET_WORDS
from pmodesk.exchange.importing.words import fold
from pmodesk.exchange.reading import CellValue, Column

#: Below this a column is not matched to a field.
THRESHOLD = 0.55
#: Below this a sheet is not taken as any kind.
KIND_THRESHOLD = 1.4
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def header_forms(header: str, kind: str) -> list[tuple[str, float]]:
    """The forms of a header worth comparing, each with how much a match on it counts.

    The header itself; without a bracketed hint ("Impact (High/Med/Low)");
    without the kind's own word ("Project Manager" in a project sheet).
    """
    raw = header.replace("%", " percent ").replace("#", " no ").replace("&", " and ")
    forms: list[tuple[str, float]] = [(fold(raw), 1.0)]
    bare = fold(_BRACKETS.sub(" ", raw))
    if bare and bare != forms[0][0]:
        forms.append((bare, 0.95))
    words = set(KIND_WORDS.get(kind, ()))
    for text, weight in list(forms):
        tokens = [t for t in text.split() if t not in words]
        if tokens and len(tokens) < len(text.split()):
            forms.append((" ".join(tokens), weight * 0.95))
    return [(t, w) for t, w in forms if t]


@dataclass(frozen=True, slots=True)
class _Synonyms:
    """A field's synonyms folded, the label first."""

    exact: dict[str, float]
    token_sets: list[tuple[frozenset[str], float]]
    choices: list[str]


def _synonyms(spec: FieldSpec) -> _Synonyms:
    exact: dict[str, float] = {}
    words = [spec.key.replace("_", " "), *spec.synonyms]
    for n, word in enumerate(words):
        folded = fold(word.replace("%", " percent ").replace("#", " no "))
        if folded:
            exact.setdefault(folded, 1.0 if n <= 1 else 0.95)
    token_sets = [(frozenset(w.split()), s) for w, s in exact.items()]
    return _Synonyms(exact, token_sets, list(exact))


_CACHE: dict[tuple[str, str], _Synonyms] = {}


def _synonyms_of(kind: str, spec: FieldSpec) -> _Synonyms:
    key = (kind, spec.key)
    found = _CACHE.get(key)
    if found is None:
        found = _CACHE[key] = _synonyms(spec)
    return found


def header_score(header: str, kind: str, spec: FieldSpec) -> tuple[float, str]:
    """How well ``header`` names ``spec`` (0..1), and how it matched."""
    syn = _synonyms_of(kind, spec)
    best, how = 0.0, ""
    for text, weight in header_forms(header, kind):
        if text in syn.exact:
            score = syn.exact[text] * weight
            if score > best:
                best, how = score, "exact" if syn.exact[text] == 1.0 else "synonym"
            continue
        tokens = set(text.split())
        for words, strength in syn.token_sets:
            if words <= tokens:
                cover = len(words) / len(tokens)
                score = 0.8 * strength * weight * (0.5 + 0.5 * cover)
                if score > best:
                    best, how = score, "words"
        close = difflib.get_close_matches(text, syn.choices, n=1, cutoff=0.85)
        if close:
            ratio = difflib.SequenceMatcher(None, text, close[0]).ratio()
            score = 0.9 * ratio * weight * syn.exact[close[0]]
            if score > best:
                best, how = score, "fuzzy"
    return best, how


@dataclass(frozen=True, slots=True)
class ColumnSample:
    """A column of a sheet and the first cells under its header."""

    column: Column
    cells: Sequence[CellValue]


def match_columns(
    kind: KindSpec,
    samples: Sequence[ColumnSample],
    *,
    fixed: Mapping[str, str | None] | None = None,
    how_fixed: str = "saved",
    exclude: frozenset[str] = frozenset(),
) -> list[ColumnMatch]:
    """Each column's field in ``kind`` (or None), best pairs first, one column per field.

    ``fixed`` gives header -> field (None: not imported) for columns already
    decided by a saved mapping or the workbook's own description; ``exclude``
    lists fields not to match (a matrix's period fields).
    """
    fixed = {k.casefold(): v for k, v in (fixed or {}).items()}
    decided: dict[int, ColumnMatch] = {}
    taken: set[str] = set()
    for n, sample in enumerate(samples):
        col = sample.column
        for name in (col.name, col.label):
            if name.casefold() in fixed:
                target = fixed[name.casefold()]
                if target is not None and target not in kind.fields:
                    target = None
                decided[n] = ColumnMatch(
                    col.letter, col.name, target, 1.0, how_fixed if target else ""
                )
                if target:
                    taken.add(target)
                break
    pairs: list[tuple[float, int, str, str, str]] = []
    for n, sample in enumerate(samples):
        if n in decided or not sample.column.name:
            continue
        for spec in kind.fields.values():
            if spec.key in taken or spec.key in exclude:
                continue
            score, how = header_score(sample.column.name, kind.kind, spec)
            if score < THRESHOLD:
                continue
            fit = fitness(spec, sample.cells, sample.column.number_format)
            present = sum(1 for v in sample.cells if v is not None)
            note = ""
            if fit < 0.34 and present >= 2:
                continue
            if fit < 1.0:
                note = f"{round(fit * 100)}% of the first cells read as {spec.type.value}"
            pairs.append((score * (0.4 + 0.6 * fit), n, spec.key, how, note))
    pairs.sort(key=lambda p: (-p[0], p[1]))
    for score, n, key, how, note in pairs:
        if n in decided or key in taken or score < THRESHOLD * 0.8:
            continue
        col = samples[n].column
        decided[n] = ColumnMatch(col.letter, col.name, key, round(score, 3), how, note)
        taken.add(key)
    return [
        decided.get(n) or ColumnMatch(s.column.letter, s.column.name, None, 0.0)
        for n, s in enumerate(samples)
    ]


def sheet_hint(kind: str, sheet_name: str) -> bool:
    """True when the sheet's name points at ``kind`` ("Risks", "RAID Log", "Resource plan")."""
    name = fold(sheet_name)
    return any(word in name for word in SHEET_WORDS.get(kind, ()))


def kind_score(kind: KindSpec, matches: Sequence[ColumnMatch], sheet_name: str) -> float:
    """How much a sheet looks like ``kind``, from its matched columns and its name."""
    score = 0.0
    mapped = {m.field for m in matches if m.field}
    for match in matches:
        if match.field is None:
            continue
        spec = kind.fields[match.field]
        weight = 1.5 if spec.signature else 0.5 if spec.key in GENERIC_FIELDS else 1.0
        score += match.confidence * weight
    for spec in kind.fields.values():
        if spec.required and spec.key not in mapped and spec.key not in ("project", "hours"):
            derivable = spec.key == "title" and "description" in mapped
            if not derivable:
                score *= 0.5
    if sheet_hint(kind.kind, sheet_name):
        score += 1.0
    return score


@dataclass(frozen=True, slots=True)
class KindGuess:
    """The kind a sheet most looks like, how sure (0..1), and its column mapping."""

    kind: str
    confidence: float
    columns: list[ColumnMatch]
    score: float


#: ``evidence(kind, codes)`` -> how much the workspace's records back a kind (0..1).
Evidence = Callable[[str, list[str]], float]


def _codes(samples: Sequence[ColumnSample], matches: Sequence[ColumnMatch]) -> list[str]:
    """The texts of the column matched to ``code`` (the first cells), upper case."""
    for sample, match in zip(samples, matches, strict=True):
        if match.field == "code":
            return [str(v).strip().upper() for v in sample.cells if v is not None][:100]
    return []


def guess_kind(
    samples: Sequence[ColumnSample],
    sheet_name: str,
    *,
    kinds: Sequence[str] | None = None,
    evidence: Evidence | None = None,
) -> KindGuess | None:
    """The best kind for a sheet, or None when it looks like none of them.

    ``evidence`` tells how many of a sheet's codes the workspace already holds
    for a kind: a sheet of "Code, Name" whose codes are projects is projects.
    """
    scored: list[tuple[float, str, list[ColumnMatch]]] = []
    for name, spec in kind_specs().items():
        if kinds is not None and name not in kinds:
            continue
        matches = match_columns(spec, samples)
        score = kind_score(spec, matches, sheet_name)
        if evidence is not None and spec.coded:
            codes = _codes(samples, matches)
            if codes:
                score += 2.0 * evidence(name, codes)
        scored.append((score, name, matches))
    scored.sort(key=lambda s: -s[0])
    if not scored or scored[0][0] < KIND_THRESHOLD:
        return None
    best, name, matches = scored[0]
    second = scored[1][0] if len(scored) > 1 else 0.0
    confidence = (best - second) / best * min(1.0, best / 3.0)
    return KindGuess(name, round(max(0.05, confidence), 3), matches, best)


def is_reference_like(spec: FieldSpec) -> bool:
    return spec.type in (FieldType.REF, FieldType.CODE)
