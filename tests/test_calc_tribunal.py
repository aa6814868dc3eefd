"""Tribunal time limits with the early conciliation rules (ERA 1996 s.207B), worked by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from guidance.calculators import CalculatorError
from guidance.calculators.tribunal import months_less_one_day, tribunal_deadline
from guidance.content.rates import Period, Rates, load_rates
from guidance.problems import Problems

REPO = Path(__file__).resolve().parents[1]
D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def rates():
    return load_rates(REPO / "content" / "rates.yaml", Problems())


def deadline(rates, event, **kwargs):
    return tribunal_deadline(rates=rates, event_date=event, **kwargs)


@pytest.mark.parametrize(
    "event,months,last",
    [
        ("2026-01-15", 3, "2026-04-14"),
        ("2026-08-31", 3, "2026-11-30"),  # Pruden v Cunard Ellerman: no 31 November
        ("2025-11-30", 3, "2026-02-28"),
        ("2026-11-29", 3, "2027-02-28"),
        ("2027-11-29", 3, "2028-02-28"),  # leap year: 29 February 2028 exists, so the day before
        ("2026-01-01", 3, "2026-03-31"),
        ("2026-01-15", 6, "2026-07-14"),
    ],
)
def test_months_less_one_day(event, months, last):
    assert months_less_one_day(D(event), months) == D(last)


def test_unfair_dismissal_without_conciliation(rates):
    result = deadline(rates, "2026-01-15")
    assert result["last_day_to_claim"] == D("2026-04-14")
    assert result["time_limit_months"] == 3


def test_redundancy_pay_has_six_months(rates):
    assert deadline(rates, "2026-01-15", claim_type="redundancy_pay")["last_day_to_claim"] == D("2026-07-14")


def test_clock_stops_from_day_after_day_a_to_day_b(rates):
    # Limit 14 April; Day A 1 March, Day B 20 March: 19 days do not count -> 3 May, which is
    # after one month after Day B (20 April), so it stands.
    result = deadline(rates, "2026-01-15", acas_day_a="2026-03-01", acas_day_b="2026-03-20")
    assert result["early_conciliation"]["days_not_counted"] == 19
    assert result["last_day_to_claim"] == D("2026-05-03")


def test_limit_falling_before_one_month_after_day_b_becomes_that_day(rates):
    # Limit 14 April; Day A 10 April, Day B 12 April: moved to 16 April, which falls between
    # Day A and 12 May (one month after Day B), so the last day is 12 May.
    result = deadline(rates, "2026-01-15", acas_day_a="2026-04-10", acas_day_b="2026-04-12")
    assert result["early_conciliation"]["limit_after_clock_stop"] == D("2026-04-16")
    assert result["last_day_to_claim"] == D("2026-05-12")


def test_acas_contacted_on_the_last_day(rates):
    result = deadline(rates, "2026-01-15", acas_day_a="2026-04-14", acas_day_b="2026-04-14")
    assert result["last_day_to_claim"] == D("2026-05-14")


def test_no_extension_when_acas_contacted_after_the_limit(rates):
    result = deadline(rates, "2026-01-15", acas_day_a="2026-04-15", acas_day_b="2026-04-30")
    assert result["last_day_to_claim"] == D("2026-04-14")
    assert result["early_conciliation"]["extended"] is False
    assert any("after the time limit" in line for line in result["working"])


def test_one_month_after_day_b_at_month_end(rates):
    # Day B 31 January 2027: one month after is 28 February 2027.
    result = deadline(rates, "2026-12-01", acas_day_a="2027-01-20", acas_day_b="2027-01-31")
    assert result["early_conciliation"]["one_month_after_day_b"] == D("2027-02-28")
    assert result["last_day_to_claim"] == D("2027-03-11")  # 28 Feb + 11 days, after 28 Feb


def test_et3_due_28_days_after_claim_sent(rates):
    result = tribunal_deadline(rates=rates, et1_sent="2026-05-01")
    assert result["et3_due"] == D("2026-05-29")
    assert "last_day_to_claim" not in result


def test_time_limit_change_is_one_new_period_in_the_rates(rates):
    """When the six-month limit starts, adding a period to the rates changes the answer."""
    changed = dict(rates.rates)
    old = changed["tribunal_time_limit_months"]
    changed["tribunal_time_limit_months"] = old.model_copy(
        update={"periods": [*old.periods, Period(start=D("2026-10-01"), value=Decimal(6))]}
    )
    later = Rates(changed)
    assert deadline(later, "2026-09-30")["last_day_to_claim"] == D("2026-12-29")
    assert deadline(later, "2026-10-15")["last_day_to_claim"] == D("2027-04-14")


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"event_date": "2026-01-15", "claim_type": "parking"}, "unknown claim type"),
        ({"event_date": "2026-01-15", "acas_day_a": "2026-03-10", "acas_day_b": "2026-03-01"}, "cannot be before Day A"),
        ({"event_date": "2026-01-15", "acas_day_a": "2026-03-10"}, "needs both"),
        ({}, "give the date of dismissal or the act complained of"),
        ({"acas_day_a": "2026-03-10", "acas_day_b": "2026-03-20"}, "give the date of dismissal or the act complained of"),
        ({"event_date": "31/02/2026"}, "31 February 2026 does not exist"),
    ],
)
def test_impossible_input_is_refused(rates, kwargs, message):
    with pytest.raises(CalculatorError, match=message):
        tribunal_deadline(rates=rates, **kwargs)


# --- Unsettled points: both dates, and which is cautious for whom --------------------------


def test_acas_contacted_before_the_dismissal_gives_both_readings(rates):
    # Dismissed 10 March 2026 (limit 9 June); Acas contacted 1 March, certificate 31 March.
    # Generous (s.207B(3) as written, Haque): 2-31 March, 30 days -> 9 July. Cautious (Garau:
    # time was not running before the act): 10-31 March, 22 days -> 1 July.
    result = deadline(rates, "2026-03-10", acas_day_a="2026-03-01", acas_day_b="2026-03-31")
    assert result["last_day_to_claim"] == D("2026-07-01")
    assert result["latest_day_claim_may_be_in_time"] == D("2026-07-09")
    assert result["unsettled"] is True
    assert result["early_conciliation"]["days_not_counted_cautious"] == 22
    text = " ".join(result["working"])
    assert "Haque" in text and "Garau" in text
    assert "Cautious for the PA (claimant): make the claim by 1 July 2026" in text


def test_conciliation_wholly_before_the_act_does_not_extend_on_the_cautious_reading(rates):
    # Dismissed 10 March 2026; Acas 1-20 February. Generous: 19 days -> 28 June; cautious: none -> 9 June.
    result = deadline(rates, "2026-03-10", acas_day_a="2026-02-01", acas_day_b="2026-02-20")
    assert [r["last_day"] for r in result["readings"]] == [D("2026-06-28"), D("2026-06-09")]
    assert result["last_day_to_claim"] == D("2026-06-09")


def test_acas_after_the_act_is_settled(rates):
    result = deadline(rates, "2026-01-15", acas_day_a="2026-03-01", acas_day_b="2026-03-20")
    assert result["unsettled"] is False
    assert result["latest_day_claim_may_be_in_time"] == result["last_day_to_claim"] == D("2026-05-03")


@pytest.mark.parametrize("event,three,six", [
    ("2026-11-02", "2027-02-01", "2027-05-01"),
    ("2026-07-15", "2026-10-14", "2027-01-14"),  # the 3-month limit runs past 1 October 2026
])
def test_unconfirmed_six_month_limit_shows_both_dates(rates, event, three, six):
    result = deadline(rates, event)
    assert result["last_day_to_claim"] == D(three)
    assert result["latest_day_claim_may_be_in_time"] == D(six)
    assert [r["time_limit_months"] for r in result["readings"]] == [3, 6]
    assert any("not confirmed" in line for line in result["working"])
    assert any("Cautious for the employer" in line for line in result["working"])


def test_limit_ending_before_the_earliest_start_is_settled(rates):
    result = deadline(rates, "2026-06-15")
    assert result["last_day_to_claim"] == D("2026-09-14")
    assert result["unsettled"] is False


def test_redundancy_pay_is_already_six_months(rates):
    result = deadline(rates, "2026-11-02", claim_type="redundancy_pay")
    assert result["unsettled"] is False
    assert result["last_day_to_claim"] == D("2027-05-01")


def test_both_unsettled_points_together(rates):
    # Dismissed 2 Nov 2026; Acas 20 Oct - 20 Nov. 3 months: 1 Feb 2027; cautious EC (2-20 Nov,
    # 19 days) -> 20 Feb 2027. 6 months: 1 May 2027; generous EC (21 Oct - 20 Nov, 31 days) ->
    # 1 June 2027.
    result = deadline(rates, "2026-11-02", acas_day_a="2026-10-20", acas_day_b="2026-11-20")
    assert len(result["readings"]) == 4
    assert result["last_day_to_claim"] == D("2027-02-20")
    assert result["latest_day_claim_may_be_in_time"] == D("2027-06-01")


def test_confirmed_start_in_the_rates_ends_the_two_dates(rates):
    changed = dict(rates.rates)
    old = changed["tribunal_time_limit_months"]
    changed["tribunal_time_limit_months"] = old.model_copy(
        update={"periods": [*old.periods, Period(start=D("2026-10-01"), value=Decimal(6))]}
    )
    result = deadline(Rates(changed), "2026-11-02")
    assert result["unsettled"] is False
    assert result["last_day_to_claim"] == D("2027-05-01")
    # An act before the confirmed start keeps 3 months, with no second date.
    assert deadline(Rates(changed), "2026-07-15")["unsettled"] is False
