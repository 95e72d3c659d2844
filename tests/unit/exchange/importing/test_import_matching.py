"""Columns matched to fields by name, synonyms and close spellings, with confidence; kinds guessed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from import_helpers import MakeBook, plan

from pmodesk.domain.enums import ProjectState, Rag, RaidStatus
from pmodesk.exchange.importing import kind_spec
from pmodesk.exchange.importing.matching import (
    ColumnSample,
    guess_kind,
    header_score,
    match_columns,
)
from pmodesk.exchange.importing.words import RAG_WORDS, WordMap, enum_words
from pmodesk.exchange.reading import Column
from pmodesk.store import Workspace


def samples(headers: list[str], rows: list[list[Any]]) -> list[ColumnSample]:
    cols = [Column(i, chr(65 + i), h, (h,)) for i, h in enumerate(headers)]
    return [ColumnSample(c, [r[i] for r in rows]) for i, c in enumerate(cols)]


def fields(matches: list[Any]) -> dict[str, str | None]:
    return {m.header: m.field for m in matches}


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Project Manager", "manager"),
        ("PM", "manager"),
        ("Owner", "manager"),
        ("RAG", "rag_overall"),
        ("Status colour", "rag_overall"),
        ("Plannd start", "planned_start"),  # a typo, matched by spelling
        ("Budget (£k)", "budget"),
        ("% complete", "percent_complete"),
        ("Project name", "name"),
    ],
)
def test_register_headers_find_their_fields(header: str, field: str) -> None:
    spec = kind_spec("project")
    best = max(spec.fields.values(), key=lambda f: header_score(header, "project", f)[0])
    assert best.key == field
    score, how = header_score(header, "project", best)
    assert score >= 0.55
    if header == "Plannd start":
        assert how == "fuzzy"
        assert score < 0.95


def test_exact_names_are_surer_than_synonyms_and_spellings() -> None:
    spec = kind_spec("project")
    exact = header_score("Manager", "project", spec.fields["manager"])
    synonym = header_score("PM", "project", spec.fields["manager"])
    fuzzy = header_score("Managr", "project", spec.fields["manager"])
    assert exact[0] == 1.0
    assert exact[1] == "exact"
    assert synonym[1] == "synonym"
    assert fuzzy[1] == "fuzzy"
    assert exact[0] > synonym[0] > fuzzy[0]


def test_cells_confirm_or_refute_a_header() -> None:
    # 'Impact' holds sentences here and 'Impact rating' the numbers: the rating wins
    rows = [["R1", "Delay", "Late app", 3, 4], ["R2", "Cost", "Over budget", 2, 5]]
    matches = match_columns(
        kind_spec("raid_item"),
        samples(["ID", "Title", "Impact", "Probability", "Impact rating"], rows),
    )
    got = fields(matches)
    assert got["Impact rating"] == "impact"
    assert got["Impact"] is None
    assert got["Probability"] == "probability"
    assert got["ID"] == "code"


def test_each_field_goes_to_one_column_the_best_one() -> None:
    rows = [["P-1", "Alpha", "Ann", "Bob"]]
    matches = match_columns(
        kind_spec("project"), samples(["Code", "Name", "Project Manager", "Owner"], rows)
    )
    got = fields(matches)
    assert got["Project Manager"] == "manager"
    assert got["Owner"] is None  # the manager is taken by the surer match


def test_saved_columns_win_and_can_ignore_a_column() -> None:
    rows = [["P-1", "Alpha", "Ann"]]
    matches = match_columns(
        kind_spec("project"),
        samples(["Code", "Title", "PM"], rows),
        fixed={"Title": "description", "PM": None},
    )
    got = fields(matches)
    assert got == {"Code": "code", "Title": "description", "PM": None}
    assert next(m for m in matches if m.header == "Title").how == "saved"


def test_value_words_rag_state_raid_status_and_spelling() -> None:
    rag = WordMap(enum_words(Rag))
    assert [rag.read(t) for t in ("Green", "G", "On track", "At risk", "Off track", "R", "amber")] == [
        Rag.GREEN, Rag.GREEN, Rag.GREEN, Rag.AMBER, Rag.RED, Rag.RED, Rag.AMBER,
    ]  # fmt: skip
    state = WordMap(enum_words(ProjectState))
    assert state.read("On Hold") == ProjectState.ON_HOLD
    assert state.read("Closed - Lost") == ProjectState.CLOSED  # the first word decides
    status = WordMap(enum_words(RaidStatus))
    assert status.read("In progeress") == RaidStatus.IN_PROGRESS  # close spelling
    assert status.read("The risk event did not occur yet") is None
    assert status.seen == {
        "In progeress": RaidStatus.IN_PROGRESS,
        "The risk event did not occur yet": None,
    }
    given = WordMap(RAG_WORDS, {"Blue": "green"})
    assert given.read("blue") == "green"


def test_kind_guessed_from_headers_cells_and_sheet_name() -> None:
    register = samples(
        ["Project ID", "Project", "Sponsor", "Start", "Finish", "Budget", "RAG"],
        [["P-1", "Alpha", "Ann", "2025-01-06", "2025-06-30", 1000, "Green"]],
    )
    guess = guess_kind(register, "Sheet1")
    assert guess is not None
    assert guess.kind == "project"
    raid = samples(
        ["ID", "Description", "Likelihood", "Impact", "Owner", "Mitigation"],
        [["R1", "Supplier fails", "High", "Medium", "Ann", "Second supplier"]],
    )
    guess = guess_kind(raid, "Risks")
    assert guess is not None
    assert guess.kind == "raid_item"
    assert guess.confidence > 0.5
    nothing = samples(["Colour", "Fruit"], [["red", "apple"]])
    assert guess_kind(nothing, "Sheet2") is None


def test_plan_reports_mapping_and_confidence(ws: Workspace, make_book: MakeBook) -> None:
    path: Path = make_book(
        {
            "Register": [
                ["Code", "Project", "PM", "RAG", "Sponsor"],
                ["P-1", "Alpha", "Ann", "G", "Bo"],
            ]
        }
    )
    found = plan(ws, path)
    (sheet,) = found.sheets
    assert sheet.kind == "project"
    assert sheet.detected
    assert 0 < sheet.confidence <= 1
    assert sheet.mapping == {
        "Code": "code", "Project": "name", "PM": "manager", "RAG": "rag_overall", "Sponsor": "sponsor",
    }  # fmt: skip
    by_header = {c.header: c for c in sheet.columns}
    assert by_header["Code"].confidence == 1.0
    assert by_header["PM"].how == "synonym"
    assert sheet.values["rag_overall"] == {"G": Rag.GREEN}
