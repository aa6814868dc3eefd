"""``guidance calc``: JSON keys, readable working, exit codes; and the registry flows call."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from guidance.calculators import CalculatorError
from guidance.calculators.registry import CALCULATORS, run_calculator
from guidance.cli import main
from guidance.content.rates import load_rates
from guidance.problems import Problems

REPO = Path(__file__).resolve().parents[1]
ON = dt.date(2026, 11, 1)


@pytest.fixture(scope="module")
def rates():
    return load_rates(REPO / "content" / "rates.yaml", Problems())


def calc_json(capsys, *argv):
    assert main(["calc", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_holiday_json(capsys):
    data = calc_json(capsys, "holiday", "--basis", "days-per-week", "--days-per-week", "3",
                     "--start-date", "2019-11-23", "--leave-year-start", "2019-04-01")
    assert data["entitlement_days"] == "7"
    assert {"entitlement_hours", "entitlement_shifts", "entitlement_weeks"} <= set(data)
    assert data["leave_year"] == {"start": "2019-04-01", "end": "2020-03-31"}


def test_sick_pay_json(capsys):
    data = calc_json(capsys, "sick-pay", "--sick-start", "2026-05-04", "--sick-end", "2026-05-15",
                     "--work-days", "mon,tue,wed,thu,fri", "--average-weekly-earnings", "400")
    assert data["ssp_total"] == "246.50"
    assert data["weekly_payments"] == [["2026-05-09", "123.25"], ["2026-05-16", "123.25"]]
    assert (data["payable_days"], data["waiting_days"]) == (10, 0)


def test_redundancy_json_with_date_and_with_cap(capsys):
    dated = calc_json(capsys, "redundancy", "--age", "45", "--years", "12", "--weekly-pay", "900", "--date", "2026-05-01")
    assert dated["weekly_cap"] == "751.00"
    assert dated["statutory_redundancy_pay"] == "10514.00"  # 14 weeks x 751
    capped = calc_json(capsys, "redundancy", "--age", "45", "--years", "12", "--weekly-pay", "350", "--weekly-cap", "430")
    assert capped["statutory_redundancy_pay"] == "4900.00"
    assert capped["weeks_of_pay"] == "14"


def test_redundancy_date_and_cap_together_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["calc", "redundancy", "--age", "45", "--years", "12", "--weekly-pay", "350",
              "--weekly-cap", "430", "--date", "2026-05-01"])
    assert exc.value.code == 2


def test_minimum_wage_json(capsys):
    data = calc_json(capsys, "minimum-wage", "--age", "19", "--apprentice", "--on", "2026-04-01",
                     "--pay", "320", "--hours", "40")
    assert data["minimum_hourly_rate"] == "8.00"
    assert data["total_entitlement"] == "320.00"
    assert data["minimum_wage_or_above"] is True


def test_tribunal_json(capsys):
    data = calc_json(capsys, "tribunal-deadline", "--event-date", "2026-01-15", "--claim-type", "unfair_dismissal",
                     "--acas-day-a", "2026-04-10", "--acas-day-b", "2026-04-12", "--et1-sent", "2026-05-01")
    assert data["last_day_to_claim"] == "2026-05-12"
    assert data["et3_due"] == "2026-05-29"


def test_employer_cost_json(capsys):
    data = calc_json(capsys, "employer-cost", "--hourly-rate", "13", "--hours-per-week", "30", "--age", "30",
                     "--on", "2026-11-01")
    assert data["total_yearly"] == "22885.20"
    assert data["below_minimum_wage"] is False


def test_readable_output_shows_the_working(capsys):
    assert main(["calc", "redundancy", "--age", "45", "--years", "12", "--weekly-pay", "350", "--weekly-cap", "430"]) == 0
    out = capsys.readouterr().out
    assert "Statutory redundancy pay: £4,900.00" in out
    assert "How this was worked out:" in out
    assert "14 weeks x £350" in out


def test_employer_cost_warning_is_printed(capsys):
    assert main(["calc", "employer-cost", "--hourly-rate", "10", "--hours-per-week", "20", "--age", "30",
                 "--on", "2026-11-01"]) == 0
    assert "warning:" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv,message",
    [
        (["holiday", "--basis", "monthly"], "unknown basis"),
        (["holiday", "--basis", "hours-per-week", "--hours-per-week", "-3", "--days-per-week", "5"], "more than 0"),
        (["sick-pay", "--sick-start", "2026-05-10", "--sick-end", "2026-05-01", "--work-days", "mon",
          "--average-weekly-earnings", "300"], "before the first"),
        (["redundancy", "--age", "30", "--years", "-1", "--weekly-pay", "300", "--date", "2026-05-01"], "cannot be negative"),
        (["tribunal-deadline", "--event-date", "2026-01-15", "--claim-type", "parking"], "unknown claim type"),
    ],
)
def test_bad_input_exits_1_with_a_message(capsys, argv, message):
    assert main(["calc", *argv]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["nosuch"],
        ["holiday"],
        ["sick-pay", "--sick-start", "01/05/2026", "--sick-end", "2026-05-10", "--work-days", "mon",
         "--average-weekly-earnings", "300"],
    ],
)
def test_usage_errors_exit_2(argv):
    with pytest.raises(SystemExit) as exc:
        main(["calc", *argv])
    assert exc.value.code == 2


def test_registry_names_are_the_ones_flows_use():
    assert set(CALCULATORS) == {"holiday", "sick-pay", "redundancy", "minimum-wage", "tribunal-deadline", "employer-cost",
                                "average-earnings"}


def test_run_calculator_matches_the_cli_json(rates, capsys):
    argv_data = calc_json(capsys, "holiday", "--basis", "shifts", "--shifts-per-pattern", "4", "--days-per-pattern", "9")
    direct = run_calculator("holiday", {"basis": "shifts", "shifts_per_pattern": 4, "days_per_pattern": 9}, rates, ON)
    assert direct == argv_data


def test_run_calculator_takes_yaml_style_values(rates):
    result = run_calculator("minimum-wage", {"age": 19, "apprentice": "yes", "on": "2026-04-01"}, rates, ON)
    assert result["minimum_hourly_rate"] == "8.00"
    result = run_calculator("sick-pay", {"sick_start": dt.date(2026, 5, 4), "sick_end": "2026-05-15",
                                         "work_days": ["mon", "tue", "wed", "thu", "fri"],
                                         "average_weekly_earnings": 400}, rates, ON)
    assert result["ssp_total"] == "246.50"


@pytest.mark.parametrize(
    "name,inputs,message",
    [
        ("pension", {}, "unknown calculator"),
        ("holiday", {"basis": "days-per-week", "days_a_week": 5}, "unknown input"),
        ("sick-pay", {"sick_start": "2026-05-01"}, "missing input"),
        ("minimum-wage", {"age": 30, "apprentice": "perhaps"}, "not yes or no"),
    ],
)
def test_run_calculator_refuses_bad_names_and_inputs(rates, name, inputs, message):
    with pytest.raises(CalculatorError, match=message):
        run_calculator(name, inputs, rates, ON)
