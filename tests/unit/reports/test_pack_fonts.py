"""Printing any name: markup escaping, fallback runs for scripts DejaVu lacks, fitting, slicing."""

from __future__ import annotations

from reportlab.platypus import Paragraph

from pmodesk.reports.fonts import FALLBACK, SANS, clean, fit_text, markup, runs, text_width
from pmodesk.reports.styles import styles
from pmodesk.reports.tables import column_slices


def test_markup_escapes_what_paragraphs_would_parse() -> None:
    assert markup('R&D <b>x</b> > "y"') == 'R&amp;D &lt;b&gt;x&lt;/b&gt; &gt; "y"'
    assert markup("a\nb") == "a b"
    assert markup("a\nb", lines=True) == "a<br/>b"


def test_latin_greek_cyrillic_stay_in_dejavu_chinese_falls_back() -> None:
    assert list(runs("Zoë Ωmega Андрей")) == [(False, "Zoë Ωmega Андрей")]
    assert list(runs("HQ 上海 move")) == [(False, "HQ "), (True, "上海 "), (False, "move")]
    assert markup("杨丽 & co") == f'<font name="{FALLBACK}">杨丽 </font>&amp; co'


def test_every_script_lays_out_in_a_paragraph() -> None:
    text = markup("Łukasik · Βασιλείου · Морозов · 杨丽 · Trần Minh Thư")
    paragraph = Paragraph(text, styles()["cell"])
    _width, height = paragraph.wrap(400, 100)
    assert 0 < height < 20


def test_control_characters_never_reach_the_pdf() -> None:
    assert clean("a\x00b\x1fc\td\r\ne") == "a b c d\ne"
    assert clean(None) == ""


def test_fit_text_cuts_with_an_ellipsis() -> None:
    long = "Модернизация " * 20
    cut = fit_text(long, SANS, 9, 120)
    assert cut.endswith("…")
    assert text_width(cut, SANS, 9) <= 120
    assert fit_text("short", SANS, 9, 120) == "short"


def test_column_slices_are_even_and_cover_every_column() -> None:
    slices = column_slices(52, room=515, label_width=110, column_width=31)
    assert [len(s) for s in slices] == [13, 13, 13, 13]
    assert [c for s in slices for c in s] == list(range(52))
    assert column_slices(5, room=515, label_width=110, column_width=31) == [range(5)]
    assert column_slices(3, room=100, label_width=110, column_width=31) == [
        range(1),
        range(1, 2),
        range(2, 3),
    ]
