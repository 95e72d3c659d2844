"""The printed pack read back with pypdf: names in every script, structure, fonts, bookmarks."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlmodel import Session

from pmodesk.domain import Project, StatusReport
from pmodesk.reports import PackCancelled, PackSettings, Paper, Section, build_pack
from pmodesk.services import records
from tests.unit.reports.pack_world import NAMES, PERIOD, TODAY, PackWorld
from tests.unit.reports.pdf_reading import all_text, bookmarks, fonts, page_texts

SETTINGS = PackSettings(period=PERIOD, title="Board pack", classification="Confidential")


def squeeze(text: str) -> str:
    return " ".join(text.split())


def build(session: Session, path: Path, settings: PackSettings = SETTINGS) -> int:
    return build_pack(session, settings, path, today=TODAY).pages


def test_every_name_in_scope_prints_whatever_its_script(
    session: Session, world: PackWorld, pdf_path: Path
) -> None:
    build(session, pdf_path)
    text = all_text(pdf_path)
    for code, name in NAMES.items():
        if code == "PRJ-6":
            assert name not in text  # closed: out of scope
        else:
            assert squeeze(name) in text, name
    # Markup characters print as typed, in names and in texts.
    assert "R&D <b>not bold</b>" in text
    assert "Κατερίνα Βασιλείου" in text
    assert "供应商延迟交付" in text
    assert "Программа Север" in text


def test_every_font_is_embedded(session: Session, world: PackWorld, pdf_path: Path) -> None:
    build(session, pdf_path)
    found = fonts(pdf_path)
    assert found, "no fonts found"
    assert all(found.values()), found
    names = " ".join(found)
    assert "DejaVuSans" in names
    assert "DroidSansFallback" in names
    assert "Helvetica" not in names


def test_structure_pages_and_bookmarks(session: Session, world: PackWorld, pdf_path: Path) -> None:
    pages = build(session, pdf_path)
    texts = page_texts(pdf_path)
    assert len(texts) == pages
    assert f"Page {pages} of {pages}" in texts[-1]
    assert "Page 2 of" in texts[1]
    assert "Page 1 of" not in texts[0]
    marks = bookmarks(pdf_path)
    top = [m.title for m in marks if m.level == 0]
    assert top == [s.heading for s in Section]
    projects = [m for m in marks if m.level == 2]
    assert [m.title.split(" · ")[0] for m in projects] == [
        "PRJ-1",
        "PRJ-2",
        "PRJ-5",
        "PRJ-3",
        "PRJ-4",
    ]
    for mark in projects:
        name = NAMES[mark.title.split(" · ")[0]]
        assert squeeze(name) in squeeze(texts[mark.page - 1])
    assert [m.page for m in marks] == sorted(m.page for m in marks)
    contents = squeeze(texts[1])
    assert "Board pack" in contents
    assert "Contents" in contents
    for mark in marks:
        assert re.search(re.escape(squeeze(mark.title)[:20]) + r".*?" + str(mark.page), contents), (
            mark
        )


def test_metadata_and_running_header(session: Session, world: PackWorld, pdf_path: Path) -> None:
    build(session, pdf_path)
    meta = PdfReader(pdf_path).metadata
    assert meta is not None
    assert meta.title == "Board pack – March 2026"
    assert meta.subject is not None
    assert "March 2026" in meta.subject
    assert meta.author
    texts = page_texts(pdf_path)
    assert "CONFIDENTIAL" in texts[0]
    assert all("CONFIDENTIAL" in t and "Board pack" in t for t in texts[1:])


def test_exceptions_listed_first_on_the_dashboard(
    session: Session, world: PackWorld, pdf_path: Path
) -> None:
    build(session, pdf_path)
    marks = {m.title: m.page for m in bookmarks(pdf_path)}
    dashboard = squeeze(page_texts(pdf_path)[marks["RAG of every project"] - 1])
    order = [dashboard.index(code + " ") for code in ("PRJ-1", "PRJ-2", "PRJ-5", "PRJ-3", "PRJ-4")]
    assert order == sorted(order)
    summary = squeeze(page_texts(pdf_path)[marks["Needs the board's attention first"] - 1])
    attention = summary[summary.index("Needs the board's attention first") :]
    assert attention.index("PRJ-1") < attention.index("PRJ-5")
    assert "PRJ-2" not in attention  # green, nothing pending


def test_project_without_status_report_says_so(
    session: Session, world: PackWorld, pdf_path: Path
) -> None:
    build(session, pdf_path)
    marks = {m.title.split(" · ")[0]: m.page for m in bookmarks(pdf_path)}
    page = squeeze(page_texts(pdf_path)[marks["PRJ-3"] - 1])
    assert "No status report for March 2026" in page


def test_very_long_names_and_texts_stay_on_the_page(
    session: Session, world: PackWorld, pdf_path: Path
) -> None:
    long_name = "Über" + "Σ" * 60 + "长" * 40 + "-Programme-without-any-spaces" * 2
    project = records.create(
        session,
        Project,
        {
            "code": "PRJ-LONG",
            "name": long_name[:200],
            "portfolio_id": world.projects["PRJ-1"].portfolio_id,
        },
    )
    records.create(
        session,
        StatusReport,
        {
            "project_id": project.id,
            "period": PERIOD,
            "rag_overall": "amber",
            "summary": "Долгий текст. " * 800,
            "submitted_by": "x" * 200,
            "submitted_at": datetime(2026, 3, 2, tzinfo=UTC),
        },
    )
    build(session, pdf_path)
    marks = bookmarks(pdf_path)
    projects = [m for m in marks if m.level == 2]
    index = next(n for n, m in enumerate(projects) if m.title.startswith("PRJ-LONG"))
    following = projects[index + 1].page if index + 1 < len(projects) else None
    first = projects[index].page
    assert following is None or following - first <= 2
    page = squeeze(page_texts(pdf_path)[first - 1])
    assert "continues in the workspace" in page
    assert "Долгий текст." in page


def test_wide_heatmap_is_split_with_row_labels_repeated(
    session: Session, world: PackWorld, pdf_path: Path
) -> None:
    from pmodesk.domain import Person, Team

    team = records.create(session, Team, {"code": "T-1", "name": "Équipe Δέλτα"})
    records.create(session, Person, {"code": "P-1", "name": "Андрей Морозов", "team_id": team.id})
    settings = replace(SETTINGS, heatmap_weeks=52, sections=(Section.RESOURCES,))
    build(session, pdf_path, settings)
    text = all_text(pdf_path)
    parts = re.findall(r"Part (\d) of (\d)", text)
    assert parts
    assert int(parts[0][1]) >= 3
    assert text.count("Équipe Δέλτα") >= int(parts[0][1])


def test_letter_landscape(session: Session, world: PackWorld, pdf_path: Path) -> None:
    build(session, pdf_path, replace(SETTINGS, paper=Paper.LETTER, landscape=True))
    box = PdfReader(pdf_path).pages[3].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (792, 612)


def test_a_period_with_no_data_still_prints(
    session: Session, world: PackWorld, pdf_path: Path
) -> None:
    build(session, pdf_path, replace(SETTINGS, period="2024-06"))
    text = all_text(pdf_path)
    assert "No project in scope has a status report for June 2024" in text


def test_cancel_writes_nothing_and_keeps_the_old_file(
    session: Session, world: PackWorld, pdf_path: Path
) -> None:
    pdf_path.write_bytes(b"the previous pack")
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 8

    with pytest.raises(PackCancelled):
        build_pack(session, SETTINGS, pdf_path, today=TODAY, cancelled=cancelled)
    assert pdf_path.read_bytes() == b"the previous pack"
    assert [p.name for p in pdf_path.parent.iterdir()] == [pdf_path.name]


def test_progress_goes_up_to_the_end(session: Session, world: PackWorld, pdf_path: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    build_pack(session, SETTINGS, pdf_path, today=TODAY, progress=lambda *a: seen.append(a))
    done = [d for d, _t, _m in seen]
    assert done == sorted(done)
    assert seen[-1][0] == seen[-1][1] == 100
    assert any("Laying out page" in m for _d, _t, m in seen)
