"""``guidance calc NAME``: the statutory calculators, with the working shown or as JSON.

Options are named as the calculators' inputs (``--days-per-week`` is ``days_per_week``), so a flow
and the command line ask for the same things. Bad input is a plain message and exit 1.
"""

from __future__ import annotations

from guidance.commands.common import CommandError, add_json_option, iso_date, print_json, today

def _holiday(p) -> None:
    p.add_argument("--basis", required=True, metavar="BASIS",
                   help="days-per-week, hours-per-week, compressed-hours, shifts, annualised-hours or irregular-hours")
    p.add_argument("--days-per-week", metavar="N")
    p.add_argument("--hours-per-week", metavar="H")
    p.add_argument("--shifts-per-pattern", metavar="N")
    p.add_argument("--days-per-pattern", metavar="N")
    p.add_argument("--hours-worked", metavar="H", help="hours worked in the pay period (irregular hours)")
    p.add_argument("--leave-year-start", type=iso_date, metavar="DATE")
    p.add_argument("--start-date", type=iso_date, metavar="DATE", help="for someone starting part way through the leave year")
    p.add_argument("--leaving-date", type=iso_date, metavar="DATE", help="for someone leaving part way through the leave year")


def _sick_pay(p) -> None:
    p.add_argument("--sick-start", type=iso_date, required=True, metavar="DATE")
    p.add_argument("--sick-end", type=iso_date, required=True, metavar="DATE")
    p.add_argument("--work-days", required=True, metavar="DAYS", help="days normally worked, e.g. mon,tue,wed")
    p.add_argument("--average-weekly-earnings", required=True, metavar="X")
    p.add_argument("--linked-start", type=iso_date, metavar="DATE", help="an earlier sickness within 8 weeks")
    p.add_argument("--linked-end", type=iso_date, metavar="DATE")


def _redundancy(p) -> None:
    p.add_argument("--age", required=True, metavar="N", help="age on the day of redundancy")
    p.add_argument("--years", required=True, metavar="N", help="full years of continuous service")
    p.add_argument("--weekly-pay", required=True, metavar="X", help="a week's pay before tax")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--date", type=iso_date, metavar="DATE", help="date of redundancy: the cap in force then (default today)")
    which.add_argument("--weekly-cap", metavar="X", help="use this cap on a week's pay instead")


def _minimum_wage(p) -> None:
    p.add_argument("--age", required=True, metavar="N")
    p.add_argument("--apprentice", action="store_true", help="an apprentice under 19, or in the first year")
    p.add_argument("--on", type=iso_date, metavar="DATE", help="rates in force on DATE (default today)")
    p.add_argument("--pay", metavar="X", help="pay for the pay period")
    p.add_argument("--hours", metavar="H", help="hours worked in the pay period")
    p.add_argument("--pay-period-days", metavar="N")
    p.add_argument("--accommodation-charge", metavar="X", help="charged per night (0 if free)")
    p.add_argument("--nights", metavar="N", help="nights of accommodation a week")


def _tribunal(p) -> None:
    p.add_argument("--event-date", type=iso_date, metavar="DATE", help="the act complained of, or the effective date of termination")
    p.add_argument("--claim-type", default="unfair_dismissal", metavar="TYPE",
                   help="unfair_dismissal, redundancy_pay, discrimination, equal_pay, unlawful_deductions, holiday_pay, ...")
    p.add_argument("--acas-day-a", type=iso_date, metavar="DATE", help="the day Acas was contacted")
    p.add_argument("--acas-day-b", type=iso_date, metavar="DATE", help="the day the certificate was received")
    p.add_argument("--et1-sent", type=iso_date, metavar="DATE", help="the day the claim was sent: gives the ET3 due date")


def _employer_cost(p) -> None:
    p.add_argument("--hourly-rate", required=True, metavar="X")
    p.add_argument("--hours-per-week", required=True, metavar="H")
    p.add_argument("--age", metavar="N")
    p.add_argument("--on", type=iso_date, metavar="DATE", help="rates in force on DATE (default today)")


def _average_earnings(p) -> None:
    p.add_argument("--purpose", default="ssp", metavar="FOR", help="ssp, family (SMP/SPP/SAP) or holiday (a week's pay)")
    p.add_argument("--frequency", metavar="HOW", help="weekly, fortnightly, four-weekly, monthly or irregular")
    p.add_argument("--payments", required=True, metavar="LIST",
                   help="every payday and its gross pay, e.g. '2026-01-30=1000; 2026-02-27=1000' (0 where nothing was "
                        "paid); for holiday, each week's end date and that week's pay")
    p.add_argument("--sick-start", type=iso_date, metavar="DATE", help="SSP: first day of sickness (of the first linked period)")
    p.add_argument("--due-date", type=iso_date, metavar="DATE", help="SMP/SPP: the date the baby is due")
    p.add_argument("--qualifying-week-end", type=iso_date, metavar="DATE", help="SAP: the Saturday of the matching week (SMP: of the week before an early birth)")
    p.add_argument("--holiday-start", type=iso_date, metavar="DATE", help="holiday: the first day of the leave")
    p.add_argument("--employment-start", type=iso_date, metavar="DATE", help="if paid for less than 8 weeks")
    p.add_argument("--skip-weeks", metavar="LIST",
                   help="holiday: week end dates when only SSP or statutory leave pay was paid, e.g. '2026-05-02; 2026-05-09'")


_OPTIONS = {
    "holiday": _holiday,
    "sick-pay": _sick_pay,
    "redundancy": _redundancy,
    "minimum-wage": _minimum_wage,
    "tribunal-deadline": _tribunal,
    "employer-cost": _employer_cost,
    "average-earnings": _average_earnings,
}


def register(sub) -> None:
    calc = sub.add_parser("calc", help="statutory calculators: holiday, sick pay, redundancy, wages, deadlines, costs")
    names = calc.add_subparsers(dest="calculator", metavar="NAME", required=True)
    for name, add_options in _OPTIONS.items():
        parser = names.add_parser(name, help=f"the {name.replace('-', ' ')} calculator")
        add_options(parser)
        add_json_option(parser)
        parser.set_defaults(func=run_calc, calc_options=[a.dest for a in parser._actions if a.dest not in ("help", "json")])


def _load_rates(args):
    from pathlib import Path

    from guidance.content.rates import load_rates
    from guidance.content.roots import RootError, resolve_root
    from guidance.problems import Problems

    try:
        root = resolve_root(getattr(args, "root", None))
    except RootError as exc:
        raise CommandError(str(exc)) from None
    problems = Problems()
    rates = load_rates(Path(root) / "content" / "rates.yaml", problems, "content/rates.yaml")
    if rates.broken:
        raise CommandError(f"the content is broken and figures cannot be used until this is fixed:\n  {problems.errors[0]}")
    return rates


def run_calc(args) -> int:
    from guidance.calculators import CalculatorError
    from guidance.calculators.registry import CALCULATORS, run_calculator

    inputs = {dest: getattr(args, dest) for dest in args.calc_options}
    if inputs.get("apprentice") is False:
        inputs.pop("apprentice")
    rates = _load_rates(args)
    try:
        result = run_calculator(args.calculator, inputs, rates, today())
    except CalculatorError as exc:
        raise CommandError(f"calc {args.calculator}: {exc}") from None
    if args.json:
        print_json({k: v for k, v in result.items()})
        return 0
    from guidance.calculators.presentation import headline

    calculator = CALCULATORS[args.calculator]
    print(calculator.title)
    for label, value in headline(calculator, result):
        print(f"  {label}: {value}")
    for warning in result.get("warnings", []):
        print(f"  warning: {warning}")
    print("How this was worked out:")
    for line in result.get("working", []):
        print(f"  - {line}")
    return 0


