"""Every sum a working line shows adds up as shown: "A x B = C" with C exactly A x B, or said to
be rounded ("(to 4 places)", "to the penny"). A figure rounded without saying so ("28 days x
13.34 hours a day = 373.4 hours", where 28 x 13.34 is 373.52) is a wrong line, whatever the
headline figure. Run over every calculator with awkward inputs (thirds, odd pence, part years)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, localcontext
from pathlib import Path

import pytest

from guidance.calculators.common import pence, q, round10
from guidance.calculators.registry import calculate
from guidance.content.rates import load_rates
from guidance.problems import Problems

REPO = Path(__file__).resolve().parents[1]
ON = dt.date(2026, 6, 1)
YEAR = {"leave_year_start": "2026-01-01"}
PERIODS = [{}, {**YEAR, "start_date": "2026-06-15"}, {**YEAR, "leaving_date": "2026-06-15"},
           {"start_date": "2026-02-10", "leaving_date": "2026-09-20"}]
PATTERNS = [
    {"basis": "days-per-week", "days_per_week": "3.5"},
    {"basis": "days-per-week", "days_per_week": "6"},
    {"basis": "hours-per-week", "days_per_week": "3", "hours_per_week": "20"},
    {"basis": "hours-per-week", "days_per_week": "6", "hours_per_week": "37.5"},
    {"basis": "compressed-hours", "days_per_week": "6", "hours_per_week": "80"},
    {"basis": "shifts", "shifts_per_pattern": "4", "days_per_pattern": "9"},
    {"basis": "shifts", "shifts_per_pattern": "8", "days_per_pattern": "9"},
    {"basis": "annualised-hours"},
]
WEEKS = "; ".join(f"{dt.date(2025, 1, 3) + dt.timedelta(weeks=i)}={300 + i % 7}.{i % 10}1" for i in range(60))
CASES = (
    [("holiday", {**pattern, **period}) for pattern in PATTERNS for period in PERIODS]
    + [("holiday", {"basis": "irregular-hours", "hours_worked": h, "leave_year_start": "2026-04-01"}) for h in ("62", "7.5")]
    + [("employer-cost", {"hourly_rate": rate, "hours_per_week": hours, "age": age, "on": "2026-06-01"})
       for rate in ("12.71", "13.33") for hours in ("7.33", "20", "37.5", "45.25") for age in ("30", "20")]
    + [("minimum-wage", {"age": "30", "on": "2026-06-01", "pay": "400", "hours": "30", "pay_period_days": days,
                         "accommodation_charge": charge, "nights": "5"})
       for days in ("7", "30") for charge in ("0", "15", "10")]
    + [("minimum-wage", {"age": "30", "on": "2026-06-01", "pay": "25.41", "hours": "2"})]
    + [("redundancy", {"age": age, "years": "10", "weekly_pay": pay, "date": "2026-05-01"})
       for age in ("25", "45") for pay in ("333.33", "800")]
    + [("average-earnings", {"purpose": "holiday", "payments": WEEKS, "holiday_start": "2026-03-01"}),
       ("average-earnings", {"purpose": "ssp", "frequency": "weekly", "payments": WEEKS, "sick_start": "2026-03-01"})]
)

NUMBER = r"£?\d[\d,]*(?:\.\d+)?"
RIGHT = re.compile(rf"\s*({NUMBER})(?P<to>(?:\s[a-z ]+?)?\s\(to (?P<places>\d+) places\))?(?P<penny>\sto the penny)?")
TOKEN = re.compile(rf"{NUMBER}%?|[x/+\-()]|[A-Za-z]+")


@pytest.fixture(scope="module")
def rates():
    return load_rates(REPO / "content" / "rates.yaml", Problems())


def _number(text: str) -> Decimal:
    return Decimal(text.lstrip("£").replace(",", ""))


def _value(expression: str) -> Decimal | None:
    """The sum written in ``expression`` ("5.6 weeks x 3 days x 20 hours / 3 days a week"), or None
    when it is not one (words, a single number)."""
    parts, operators = [], 0
    tokens = TOKEN.findall(expression)
    for index, token in enumerate(tokens):
        if token[0] in "£0123456789":
            if token.endswith("%"):
                parts.append(f"(Decimal('{_number(token[:-1])}') / 100)")
            else:
                parts.append(f"Decimal('{_number(token)}')")
        elif token in ("x", "/", "+", "-", "(", ")"):
            parts.append("*" if token == "x" else token)
            operators += token in ("x", "/", "+", "-")
        elif token == "of" and index and tokens[index - 1].endswith("%"):
            parts.append("*")
            operators += 1
    if not operators:
        return None
    try:
        with localcontext() as ctx:
            ctx.prec = 40
            return eval(" ".join(parts), {"Decimal": Decimal})  # only Decimal literals and + - * / ( )
    except (SyntaxError, TypeError):
        return None


def _sums(line: str):
    """Each (sum as written, its value, what the line says it comes to, how it is rounded)."""
    aside = re.compile(r"\((?![^()]*\bto \d+ places\))[^()]*[A-Za-z][^()]*\)")  # asides in words
    while aside.search(line):
        line = aside.sub("", line)
    previous = None
    for found in re.finditer("=", line):
        left = re.split(r": |; ", line[:found.start()])[-1]
        if previous is not None and left.strip()[:1] in ("x", "/", "+"):
            left = f"{previous} {left}"
        right = RIGHT.match(line, found.end())
        value = _value(left)
        if value is None or right is None:
            previous = None
            continue
        previous = f"{value}"
        yield left.strip(), value, _number(right.group(1)), right.group("places"), bool(right.group("penny"))


def test_every_sum_shown_adds_up(rates):
    checked, wrong = 0, []
    for name, inputs in CASES:
        for line in calculate(name, inputs, rates, ON)["working"]:
            for left, value, shown, places, penny in _sums(line):
                expected = q(value, int(places)) if places else pence(value) if penny else round10(value)
                checked += 1
                if expected != shown:
                    wrong.append(f"{name} {inputs}: {line!r} ({left} is {round10(value)})")
    assert not wrong, "\n".join(wrong)
    assert checked >= 150, checked


def test_the_checker_finds_a_line_that_does_not_add_up():
    assert [s[1:] for s in _sums("28 days of holiday x 13.34 hours a day = 373.4 hours.")] == [
        (Decimal("373.52"), Decimal("373.4"), None, False)]
    (sum_,) = _sums("Pension: 3% of £6,978.40 (qualifying earnings: pay between £1.00 and £2.00) = £209.352, £209.35 to the penny")
    assert sum_[1] == Decimal("209.352") and sum_[2] == Decimal("209.352")
