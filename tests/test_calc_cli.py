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
    data = calc_json(capsys, "minimum-wage", "--age", "19", "--apprentice", "--on", "2026-04-01", "--pay-period-start", "2026-04-01",
                     "--pay", "320", "--hours", "40")
    assert data["minimum_hourly_rate"] == "8.00"
    assert data["total_entitlement"] == "320.00"
    assert data["minimum_wage_or_above"] is True


def test_tribunal_json(capsys):
    data = calc_json(capsys, "tribunal-deadline", "--event-date", "2026-01-15", "--claim-type", "unfair_dismissal",
                     "--acas-day-a", "2026-04-10", "--acas-day-b", "2026-04-12", "--et1-sent", "2026-05-01")
    assert data["last_day_to_claim"] == "2026-05-12"
    assert data["et3_due"] == "2026-05-29"


def test_tribunal_headline_shows_both_readings_and_whom_each_is_cautious_for(capsys):
    """Acas contacted before the dismissal: tribunals differ on which days count (Serra Garau v
    Luton v Haque), so the headline gives the PA's safe date and the employer's, not one of them."""
    assert main(["calc", "tribunal-deadline", "--event-date", "2026-03-10",
                 "--acas-day-a", "2026-03-01", "--acas-day-b", "2026-03-20"]) == 0
    out = capsys.readouterr().out
    assert "  Last day to claim (cautious for the PA): 20 June 2026\n" in out  # 9 June + 11 days from the act
    assert "  May still be in time until (cautious for the employer): 28 June 2026\n" in out  # + 19 days from Day A
    assert "Last day to make a claim" not in out


def test_tribunal_headline_shows_the_unconfirmed_six_month_date(capsys):
    assert main(["calc", "tribunal-deadline", "--event-date", "2026-08-10"]) == 0
    out = capsys.readouterr().out
    assert "  Last day to claim (cautious for the PA): 9 November 2026\n" in out
    assert "  May still be in time until (cautious for the employer): 9 February 2027\n" in out


def test_tribunal_headline_has_one_date_when_the_law_is_settled(capsys):
    assert main(["calc", "tribunal-deadline", "--event-date", "2026-01-10"]) == 0
    out = capsys.readouterr().out
    assert "  Last day to make a claim: 9 April 2026\n" in out
    assert "cautious" not in out and "May still be in time" not in out


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
        (["holiday", "--basis", "monthly"], "How the PA works: 'monthly' is not one of the choices"),
        (["holiday", "--basis", "hours-per-week", "--hours-per-week", "-3", "--days-per-week", "5"], "more than 0"),
        (["sick-pay", "--sick-start", "2026-05-10", "--sick-end", "2026-05-01", "--work-days", "mon",
          "--average-weekly-earnings", "300"], "before the first"),
        (["redundancy", "--age", "30", "--years", "-1", "--weekly-pay", "300", "--date", "2026-05-01"], "cannot be negative"),
        (["tribunal-deadline", "--event-date", "2026-01-15", "--claim-type", "parking"], "Type of claim: 'parking' is not one of"),
        (["employer-cost", "--hourly-rate", "12,71", "--hours-per-week", "10"], "Hourly rate: '12,71' has a comma where the decimal point goes: use a point: 12.71 (option --hourly-rate)"),
        (["minimum-wage", "--age", "30", "--pay", "inf", "--hours", "2"], "Pay for the pay period: 'inf' is not"),
        (["minimum-wage", "--age", "30", "--pay", "nan", "--hours", "2"], "Pay for the pay period: 'nan' is not"),
        (["minimum-wage", "--age", "30", "--pay", "1E+999999999", "--hours", "2"], "far too large"),
        (["sick-pay", "--sick-start", "2026-05-04", "--sick-end", "9999-12-31", "--work-days", "mon",
          "--average-weekly-earnings", "300"], "Last day off sick: 31 December 9999 is out of range"),
        (["sick-pay", "--sick-start", "2026-05-04", "--sick-end", "2026-05-31", "--work-days", "mon,funday",
          "--average-weekly-earnings", "300"], "Days they normally work: 'funday' is not a day of the week"),
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
        ["redundancy", "--age", "45", "--years", "10", "--weekly-pay", "800", "--date", "2026-05-01", "--weekly-cap", "700"],
    ],
)
def test_usage_errors_exit_2(argv):
    with pytest.raises(SystemExit) as exc:
        main(["calc", *argv])
    assert exc.value.code == 2


@pytest.mark.parametrize("written", ["01/05/2026", "1/5/2026", "1 May 2026", "1 may 2026", "01.05.2026", "2026-05-01"])
def test_dates_are_read_as_people_write_them(capsys, written):
    data = calc_json(capsys, "sick-pay", "--sick-start", written, "--sick-end", "2026-05-15",
                     "--work-days", "mon,tue,wed,thu,fri", "--average-weekly-earnings", "400")
    assert data["ssp_total"] == "271.15"  # Fri 1 May to Fri 15 May: 11 working days x £24.65


@pytest.mark.parametrize("written", ["1,271", "1,271.00", "£1,271", "1271"])
def test_thousands_separators_are_fine(capsys, written):
    data = calc_json(capsys, "redundancy", "--age", "45", "--years", "10", "--weekly-pay", written, "--weekly-cap", "700")
    assert data["statutory_redundancy_pay"] == "8400.00"


def test_options_are_made_from_the_declared_fields():
    from guidance.commands.calc import add_field_options
    import argparse

    for calculator in CALCULATORS.values():
        parser = argparse.ArgumentParser()
        add_field_options(parser, calculator.fields)
        options = {a.dest: a for a in parser._actions if a.dest != "help"}
        assert set(options) == set(calculator.inputs)
        for item in calculator.fields:
            assert options[item.name].option_strings == [item.option]
            assert not options[item.name].required  # checked with the values: every problem told at once
            assert ("(needed)" in options[item.name].help) == item.required
            assert item.label in options[item.name].help


def test_registry_names_are_the_ones_flows_use():
    assert set(CALCULATORS) == {"holiday", "sick-pay", "redundancy", "minimum-wage", "tribunal-deadline", "employer-cost",
                                "average-earnings"}


def test_every_bad_or_missing_input_is_told_at_once(capsys, rates):
    """Three bad fields and one missing: one message, each by its label and option, not one at a time."""
    argv = ["calc", "sick-pay", "--sick-start", "31/02/2026", "--sick-end", "soon", "--work-days", "mon",
            "--average-weekly-earnings", "12,5"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "calc sick-pay: 3 problems:" in err and "Traceback" not in err
    assert "First day off sick: 31 February 2026 does not exist (option --sick-start)" in err
    assert "Last day off sick: 'soon' is not a date" in err and "(option --sick-end)" in err
    assert "Average weekly pay: '12,5' has a comma" in err and "(option --average-weekly-earnings)" in err
    with pytest.raises(SystemExit) as exc:  # a needed option left out: a usage error, still every problem told
        main(argv[:4] + argv[6:])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "3 problems:" in err and "Last day off sick: this is needed (option --sick-end)" in err
    assert "First day off sick: 31 February 2026 does not exist" in err and "Average weekly pay: '12,5'" in err
    with pytest.raises(CalculatorError) as caught:
        run_calculator("sick-pay", {"sick_start": "31/02/2026", "work_days": "funday"}, rates, ON)
    assert [p.field for p in caught.value.problems] == ["sick_start", "sick_end", "work_days", "average_weekly_earnings"]


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
        ("sick-pay", {"sick_start": "2026-05-01"}, r"^Last day off sick: this is needed; Days they normally work: this is needed; Average weekly pay: this is needed$"),
        ("minimum-wage", {"age": 30, "apprentice": "perhaps"}, "Apprentice\\?: 'perhaps' is not yes or no"),
        ("minimum-wage", {"age": 30, "pay": "12,71", "hours": 1}, "use a point: 12.71"),
        ("sick-pay", {"sick_start": "2026-05-04", "sick_end": "2026-05-10", "work_days": {"mon": 1},
                      "average_weekly_earnings": 300}, "Days they normally work: must be a list"),
        ("redundancy", {"age": 45, "years": 10, "weekly_pay": 800, "date": "2026-05-01", "weekly_cap": 700},
         "give only one of"),
    ],
)
def test_run_calculator_refuses_bad_names_and_inputs(rates, name, inputs, message):
    with pytest.raises(CalculatorError, match=message):
        run_calculator(name, inputs, rates, ON)


def test_each_declaration_matches_its_calculator():
    # Declared once: every field is a keyword of the calculator, and every keyword (but the rates
    # and the day) is declared, the day being declared as "on" or "date" where it can be given.
    import inspect

    for calculator in CALCULATORS.values():
        params = set(inspect.signature(calculator.function).parameters) - {"rates", "on"}
        declared = set(calculator.inputs) - {"on", "date"}
        assert declared == params, calculator.name
        assert len(calculator.inputs) == len(set(calculator.inputs)), calculator.name
        for item in calculator.fields:
            assert item.label and item.label[0].isupper(), (calculator.name, item.name)


@pytest.mark.parametrize("name", sorted(CALCULATORS))
def test_help_lists_every_declared_field(capsys, name):
    with pytest.raises(SystemExit):
        main(["calc", name, "--help"])
    out = capsys.readouterr().out
    for item in CALCULATORS[name].fields:
        assert item.option in out and item.label.split(" ")[0] in out


# Errors about inputs that depend on each other name the field by its label, and carry it.

@pytest.mark.parametrize("name, inputs, field, message", [
    ("sick-pay", {"sick_start": "2026-05-10", "sick_end": "2026-05-04", "work_days": "mon", "average_weekly_earnings": "300"},
     "sick_end", "Last day off sick: 4 May 2026 is before the first day off sick (10 May 2026)"),
    ("sick-pay", {"sick_start": "2026-05-10", "sick_end": "2026-05-20", "work_days": "mon", "average_weekly_earnings": "300",
                  "linked_start": "2026-04-01"}, "linked_end", "Earlier linked sickness: last day: needed too"),
    ("holiday", {"basis": "days-per-week", "days_per_week": "5", "start_date": "2026-05-01", "leaving_date": "2026-04-01"},
     "leaving_date", "Job ends (if this leave year): 1 April 2026 must be after the day the job started (1 May 2026)"),
    ("minimum-wage", {"age": "30", "hours": "10"}, "pay", "Pay for the pay period: needed with the other"),
    ("minimum-wage", {"age": "30", "pay": "100", "hours": "200", "pay_period_days": "7"}, "hours",
     "Hours worked in the pay period: 200 hours is more than there are in 7 days"),
    ("tribunal-deadline", {"event_date": "2026-01-10", "acas_day_a": "2026-03-20", "acas_day_b": "2026-03-01"}, "acas_day_b",
     "Acas certificate (Day B): 1 March 2026 cannot be before Day A"),
    ("employer-cost", {"hourly_rate": "13", "hours_per_week": "0"}, "hours_per_week", "Hours worked a week: must be more than 0"),
    ("employer-cost", {"hourly_rate": "0", "hours_per_week": "10"}, "hourly_rate", "Hourly rate: must be more than 0"),
    ("redundancy", {"age": "20", "years": "10", "weekly_pay": "300"}, "years",
     "Full years worked: 10 years of service is not possible at age 20"),
    ("redundancy", {"age": "15", "years": "0", "weekly_pay": "300"}, "age", "PA's age: must be between 16 and 100"),
    ("holiday", {"basis": "days-per-week", "days_per_week": "0.2"}, "days_per_week", "Days worked a week: must be between 0.5 and 7"),
    ("holiday", {"basis": "hours-per-week", "days_per_week": "1", "hours_per_week": "30"}, "hours_per_week",
     "Hours worked a week: 30 hours over 1 days is more than 24 hours a day"),
    ("minimum-wage", {"age": "30", "accommodation_charge": "5", "pay": "100", "hours": "10"}, "nights",
     "Nights of accommodation a week: needed too"),
    ("average-earnings", {"payments": "2026-01-30=1000", "sick_start": "2026-04-10"}, "frequency",
     "How often the PA is paid: needed"),
])
def test_errors_between_fields_name_the_field_by_its_label(rates, name, inputs, field, message):
    with pytest.raises(CalculatorError) as caught:
        run_calculator(name, inputs, rates, ON)
    assert caught.value.field == field
    assert str(caught.value).startswith(message)
    assert not any(key in str(caught.value) for key in inputs if "_" in key)  # never an input's Python name


def test_still_off_works_out_to_today_and_refuses_a_first_day_in_the_future(capsys, monkeypatch):
    monkeypatch.setattr("guidance.commands.calc.today", lambda: dt.date(2026, 11, 25))
    base = ["calc", "sick-pay", "--work-days", "mon,tue,wed,thu,fri", "--average-weekly-earnings", "300"]
    assert main(base + ["--sick-start", "2026-11-02", "--sick-end", "Still off"]) == 0
    assert "25 November 2026" in capsys.readouterr().out
    assert main(base + ["--sick-start", "2027-01-05", "--sick-end", "still off"]) == 1
    err = capsys.readouterr().err
    assert "First day off sick: 5 January 2027 is after today (25 November 2026), so they cannot be still off from it" in err
    assert "(option --sick-start)" in err and "Traceback" not in err


def test_unusual_inputs_are_warned_of_beside_the_figure_never_refused(capsys, rates):
    """£1,000,000 a week is worked out, with a warning naming the field by its label; the bounds
    are the settings' (content a team leader edits), not Python."""
    from guidance.content.settings import load_settings

    unusual = load_settings(REPO / "content", "content/settings.yaml", Problems()).unusual
    argv = ["calc", "redundancy", "--age", "45", "--years", "12", "--weekly-pay", "1000000", "--date", "2026-05-01"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    warning = "Weekly pay before tax: £1,000,000.00 is more than £3,000.00, which is unusual: check it was typed right"
    assert f"  warning: {warning}\n" in out and "Statutory redundancy pay: £10,514.00" in out
    assert out.index(warning) < out.index("How this was worked out")  # beside the figures
    data = calc_json(capsys, *argv[1:])
    assert data["unusual"] == [{"field": "weekly_pay", "warning": warning}]
    usual = run_calculator("redundancy", {"age": 45, "years": 12, "weekly_pay": 600, "date": "2026-05-01"}, rates, ON, unusual)
    assert usual["unusual"] == []
    hours = run_calculator("employer-cost", {"hourly_rate": "13", "hours_per_week": "100"}, rates, ON, unusual)
    assert hours["unusual"][0]["warning"].startswith("Hours worked a week: 100 hours is more than 70 hours")
    dated = run_calculator("tribunal-deadline", {"event_date": "2030-01-10"}, rates, ON, unusual)
    assert dated["unusual"][0]["warning"].startswith(
        "Date of dismissal or the act complained of: 10 January 2030 is more than 2 years after 1 November 2026")
    assert run_calculator("redundancy", {"age": 45, "years": 12, "weekly_pay": 1000000}, rates, ON)["unusual"] == []


def test_still_off_from_a_day_to_come_is_told_with_the_other_problems(capsys, monkeypatch):
    monkeypatch.setattr("guidance.commands.calc.today", lambda: dt.date(2026, 11, 25))
    assert main(["calc", "sick-pay", "--sick-start", "2027-01-05", "--sick-end", "still off", "--work-days", "funday",
                 "--average-weekly-earnings", "12,5"]) == 1
    err = capsys.readouterr().err
    assert "3 problems:" in err and "First day off sick: 5 January 2027 is after today (25 November 2026)" in err
    assert "Days they normally work: 'funday'" in err and "Average weekly pay: '12,5'" in err
