"""Value parsing: dates in every form people type them, numbers, percentages, money, durations."""

from __future__ import annotations

import datetime as dt

import pytest

from pmodesk.exchange.reading import (
    NumberStyle,
    infer_date_order,
    infer_number_style,
    is_empty_marker,
    parse_date,
    parse_duration,
    parse_money,
    parse_number,
    parse_percent,
    serial_to_date,
)


@pytest.mark.parametrize(
    "value", [None, "", "  ", "TBD", "tbc", "n/a", "N/A", "-", "—", "#N/A", "\u00a0na "]
)
def test_empty_markers_are_empty(value: object) -> None:
    assert is_empty_marker(value)  # type: ignore[arg-type]
    assert parse_date(value).empty  # type: ignore[arg-type]
    assert parse_number(value).empty  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["None", "0", 0, "Open", dt.date(2024, 1, 1)])
def test_real_values_are_not_empty(value: object) -> None:
    assert not is_empty_marker(value)  # type: ignore[arg-type]


def test_real_dates_and_datetimes() -> None:
    assert parse_date(dt.date(2024, 4, 15)).value == dt.date(2024, 4, 15)
    assert parse_date(dt.datetime(2024, 4, 15, 10, 30)).value == dt.date(2024, 4, 15)


def test_serial_numbers_in_both_date_systems() -> None:
    assert parse_date(45397).value == dt.date(2024, 4, 15)
    assert parse_date(45397.75).value == dt.date(2024, 4, 15)  # the time of day is dropped
    # the 1904 system counts from 1 January 1904: 1462 days fewer
    assert parse_date(45397 - 1462, date1904=True).value == dt.date(2024, 4, 15)
    assert serial_to_date(1) == dt.date(1900, 1, 1)
    assert serial_to_date(61) == dt.date(1900, 3, 1)
    assert parse_date(-5).value is None
    assert "not a date" in parse_date(1e9).note


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-04-15", dt.date(2024, 4, 15)),
        ("2024-04-15T10:31:00", dt.date(2024, 4, 15)),
        ("2024/4/5", dt.date(2024, 4, 5)),
        ("15/4/2024", dt.date(2024, 4, 15)),  # day > 12: day-first, certain
        ("4/15/2024", dt.date(2024, 4, 15)),  # second part > 12: month-first, certain
        ("15.04.2024", dt.date(2024, 4, 15)),
        ("05.04.2024", dt.date(2024, 4, 5)),  # dots are day-first
        ("15-04-24", dt.date(2024, 4, 15)),
        ("15 Apr 2024", dt.date(2024, 4, 15)),
        ("15 April 2024", dt.date(2024, 4, 15)),
        ("April 15, 2024", dt.date(2024, 4, 15)),
        ("Mon, 15 Apr 2024", dt.date(2024, 4, 15)),
        ("01/Apr/25 10:31 AM", dt.date(2025, 4, 1)),  # Jira
        ("5/5/2024", dt.date(2024, 5, 5)),  # both readings agree
    ],
)
def test_text_dates(text: str, expected: dt.date) -> None:
    parsed = parse_date(text)
    assert parsed.value == expected
    assert not parsed.ambiguous


def test_ambiguous_date_is_reported_not_guessed() -> None:
    parsed = parse_date("04/05/2024")
    assert parsed.value is None
    assert parsed.ambiguous
    assert set(parsed.candidates) == {dt.date(2024, 5, 4), dt.date(2024, 4, 5)}
    assert "04 May 2024" in parsed.note
    assert "05 April 2024" in parsed.note


def test_order_hint_decides_ambiguous_dates() -> None:
    assert parse_date("04/05/2024", order_hint="dmy").value == dt.date(2024, 5, 4)
    assert parse_date("04/05/2024", order_hint="mdy").value == dt.date(2024, 4, 5)
    # a value that can only be read one way ignores a contrary hint
    assert parse_date("15/4/2024", order_hint="mdy").value == dt.date(2024, 4, 15)


@pytest.mark.parametrize("text", ["31/31/2024", "soon", "Q3", "2024-13-01", "12"])
def test_not_dates(text: str) -> None:
    parsed = parse_date(text)
    assert parsed.value is None
    assert not parsed.ambiguous
    assert not parsed.empty
    assert parsed.note


def test_infer_date_order() -> None:
    assert infer_date_order(["04/05/2024", "15/4/2024", None, dt.date(2024, 1, 1)]) == "dmy"
    assert infer_date_order(["04/05/2024", "4/15/2024"]) == "mdy"
    assert infer_date_order(["04/05/2024", "03/02/2024"]) is None  # nothing decides
    assert infer_date_order(["15/4/2024", "4/15/2024"]) is None  # contradictory
    assert infer_date_order([]) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (42, 42.0),
        (2.5, 2.5),
        ("1,234.50", 1234.5),
        ("1.234,50", 1234.5),
        ("1 234,5", 1234.5),
        ("1\u00a0234", 1234.0),
        ("1,234", 1234.0),
        ("1,234,567", 1234567.0),
        ("1.234.567", 1234567.0),
        ("1,5", 1.5),
        ("-4", -4.0),
        ("(300)", -300.0),
        ("1e3", 1000.0),
        ("0,25", 0.25),
    ],
)
def test_numbers(value: object, expected: float) -> None:
    assert parse_number(value).value == pytest.approx(expected)  # type: ignore[arg-type]


def test_not_numbers() -> None:
    assert parse_number("high").value is None
    assert "not a number" in parse_number("high").note
    assert parse_number(True).value is None


def test_percentages_as_text_and_numbers() -> None:
    assert parse_percent("45%").value == pytest.approx(0.45)
    assert parse_percent("45 %").value == pytest.approx(0.45)
    assert parse_percent("12,5%").value == pytest.approx(0.125)
    assert parse_percent(0.45).value == pytest.approx(0.45)  # an Excel percent cell
    assert parse_percent(45).value == pytest.approx(0.45)
    assert "45%" in parse_percent(45).note
    assert parse_percent(1, scale="points").value == pytest.approx(0.01)
    assert parse_percent(45, scale="fraction").value == pytest.approx(45)
    assert parse_percent("TBD").empty
    ranged = parse_percent("75% to 100%")
    assert ranged.value is None
    assert "range" in ranged.note


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("€1.234,50", 1234.5, "EUR"),
        ("$1,234.50", 1234.5, "USD"),
        ("1.234,50 €", 1234.5, "EUR"),
        ("£ 300", 300.0, "GBP"),
        ("EUR 1,200", 1200.0, "EUR"),
        ("-$1,234", -1234.0, "USD"),
        ("($500)", -500.0, "USD"),
        ("1.2m", 1_200_000.0, None),
        ("250k", 250_000.0, None),
        ("1234", 1234.0, None),
    ],
)
def test_money(text: str, amount: float, currency: str | None) -> None:
    parsed = parse_money(text)
    assert parsed.value == pytest.approx(amount)
    assert parsed.unit == currency


def test_money_refusals() -> None:
    assert parse_money("a lot").value is None
    assert "two currencies" in parse_money("€100 USD").note
    assert parse_money(1500.0).value == 1500.0
    assert parse_money("n/a").empty


@pytest.mark.parametrize(
    ("column", "style"),
    [
        (["€ 1.250.000,00", "€ 20.000"], "comma decimal"),  # both separators: "," is last
        (["1.250.000", "20.000"], "comma decimal"),  # "." twice: between thousands
        (["12,5 %", "80 %"], "comma decimal"),  # "," before one digit: the decimal
        (["1 234,5"], "comma decimal"),
        (["$1,250.50", "€ 20.000"], "dot decimal"),
        (["1,250,000", "1,500"], "dot decimal"),
        (["3.5", "20.000"], "dot decimal"),
        (["0.250"], "dot decimal"),  # no one writes thousands after a zero
        (["1234,567"], "comma decimal"),  # four digits before: not thousands
        (["20.000", "1,500", 42, 2.5, None], None),  # nothing decides
        (["3,5", "1,250,000.50"], None),  # the column disagrees with itself
        (["15.04.2024", "1.5.2024", "v2"], None),  # dates are not numbers
        ([], None),
    ],
)
def test_number_style_of_a_column(column: list[object], style: str | None) -> None:
    assert infer_number_style(column) == style  # type: ignore[arg-type]


def test_style_decides_a_lone_group_of_three() -> None:
    assert parse_number("20.000", style="comma decimal").value == 20000.0
    assert parse_number("20.000", style="dot decimal").value == pytest.approx(20.0)
    assert parse_number("1,500", style="dot decimal").value == 1500.0
    assert parse_number("1,500", style="comma decimal").value == pytest.approx(1.5)
    styles: tuple[NumberStyle, ...] = ("comma decimal", "dot decimal")
    for style in styles:
        decided = parse_number("20.000", style=style)
        assert (decided.ambiguous, decided.note) == (False, "")
        # what the text itself shows is never overridden
        assert parse_number("1.234,50", style=style).value == 1234.5
        assert parse_number("1,234.50", style=style).value == 1234.5
        assert parse_number("1.250.000", style=style).value == 1250000.0
        assert parse_number("0.250", style=style).value == 0.25


def test_a_lone_group_of_three_without_a_style_is_read_as_before_and_reported() -> None:
    dot = parse_number("1.234")
    assert dot.value == pytest.approx(1.234)
    assert dot.ambiguous
    assert '"1.234" were read with "." as the decimal point' in dot.note
    comma = parse_number("1,500")
    assert comma.value == 1500.0
    assert comma.ambiguous
    assert '"," as a thousands separator' in comma.note
    for clear in ("1.5", "1,5", "1.234,50", "0,250", "1.234.567", "42"):
        assert not parse_number(clear).ambiguous, clear
        assert parse_number(clear).note == ""


def test_money_and_percentages_with_a_style() -> None:
    assert parse_money("€ 20.000", style="comma decimal").value == 20000.0
    assert parse_money("€ 20.000", style="comma decimal").unit == "EUR"
    assert parse_money("-€ 20.000", style="comma decimal").value == -20000.0
    assert parse_money("€ 20.000", style="dot decimal").value == pytest.approx(20.0)
    loose = parse_money("€ 20.000")
    assert loose.value == pytest.approx(20.0)
    assert loose.ambiguous
    assert loose.note.startswith('amounts such as "€ 20.000" were read with "." as the decimal')
    assert parse_money(1500.0, style="comma decimal").value == 1500.0
    assert parse_percent("12,5 %", style="comma decimal").value == pytest.approx(0.125)
    assert parse_percent("12,5 %").value == pytest.approx(0.125)
    assert parse_percent("1.250", scale="points", style="comma decimal").value == 12.5
    doubtful = parse_percent("1,500%")
    assert doubtful.value == 15.0
    assert doubtful.ambiguous
    assert doubtful.note.startswith('percentages such as "1,500%"')


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("2.5 -Hours", 2.5),
        ("10-Days ", 80.0),
        ("15 Mins", 0.25),
        ("1 Hr", 1.0),
        ("2 weeks", 80.0),
        (3, 3.0),
    ],
)
def test_durations(text: object, hours: float) -> None:
    assert parse_duration(text).hours == pytest.approx(hours)  # type: ignore[arg-type]


def test_duration_refusals_and_timedeltas() -> None:
    assert parse_duration("3 fortnights").hours is None
    assert parse_duration(dt.timedelta(days=1, hours=2)).hours == pytest.approx(26)
    assert parse_duration("TBD").empty
