"""``guidance calc NAME``: the statutory calculators, with the working shown or as JSON.

The options are made from each calculator's declared inputs (``FIELDS`` in its module, see
``guidance.calculators.registry``): ``--days-per-week`` is the field ``days_per_week``, so a flow,
the app and the command line ask for the same things. Values are read as the field's kind (dates
as people write them, "12,71" refused) by the registry, not by argparse, so bad input is a plain
message naming the field and its option, and exit 1; every problem is told at once, and when a
needed option is left out the exit is 2 (a usage error).
"""

from __future__ import annotations

import datetime as dt

from guidance.commands.common import CommandError, add_json_option, print_json, today


def add_field_options(parser, fields) -> None:
    """One option per declared field; fields sharing ``exclusive`` are mutually exclusive."""
    from guidance.calculators.shortcuts import also_accepts
    from guidance.kinds import YesNo

    groups: dict[str, object] = {}
    for item in fields:
        target = parser
        if item.exclusive:
            if item.exclusive not in groups:
                groups[item.exclusive] = parser.add_mutually_exclusive_group()
            target = groups[item.exclusive]
        if isinstance(item.kind, YesNo):
            target.add_argument(item.option, dest=item.name, action="store_const", const=True, default=None,
                                help=f"{item.label}: {item.help}" if item.help else item.label)  # a switch: no value to give
            continue
        # A needed option is checked with the values, not by argparse, so every missing or bad
        # input is told in one message.
        needed = " (needed)" if item.required else ""
        target.add_argument(item.option, dest=item.name, metavar=item.kind.metavar,
                            help=f"{item.label}{needed}: {item.describe(also_accepts(item.name))}")


HELP = "statutory calculators: holiday, sick pay, redundancy, wages, deadlines, costs"


def register_brief(sub) -> None:
    """The command's name and help, for runs of other commands (see ``cli.build_parser``)."""
    sub.add_parser("calc", help=HELP)


def register(sub) -> None:
    from guidance.calculators.registry import CALCULATORS

    calc = sub.add_parser("calc", help=HELP)
    names = calc.add_subparsers(dest="calculator", metavar="NAME", required=True)
    for name, calculator in CALCULATORS.items():
        parser = names.add_parser(name, help=f"the {name.replace('-', ' ')} calculator: {calculator.title.lower()}")
        add_field_options(parser, calculator.fields)
        add_json_option(parser)
        parser.set_defaults(func=run_calc, calc_options=list(calculator.inputs), calc_parser=parser)


def problems_text(calculator, error) -> str:
    """Every problem of a calculator's inputs, each naming its field by label and option: one on
    the line, or "3 problems:" and one a line."""
    lines = []
    for problem in error.problems:
        field = problem.field if problem.field in calculator.inputs else None
        lines.append(f"{problem}{f' (option {calculator.field(field).option})' if field else ''}")
    if len(lines) == 1:
        return lines[0]
    return f"{len(lines)} problems:\n  " + "\n  ".join(lines)


def _load_content(args):
    """The figures and the settings' bounds of unusual inputs (None when the settings cannot be
    read: the figures are still worked out, without those warnings)."""
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
    from guidance.content.settings import load_settings

    settings = load_settings(Path(root) / "content", "content/settings.yaml", Problems())
    return rates, settings.unusual


def inputs_day(inputs: dict) -> dt.date:
    """The day "still off" was worked out to (the prepared last day of sickness)."""
    from guidance.kinds import day_month_year

    return day_month_year(inputs["sick_end"])


def run_calc(args) -> int:
    from guidance.calculators import CalculatorError
    from guidance.calculators.registry import CALCULATORS, run_calculator

    from guidance.calculators.shortcuts import prepared_inputs, still_off, still_off_words

    day = getattr(args, "on", None) if isinstance(getattr(args, "on", None), dt.date) else today()
    rates, unusual = _load_content(args)
    calculator = CALCULATORS[args.calculator]
    try:
        typed = {dest: getattr(args, dest) for dest in args.calc_options}
        inputs = prepared_inputs(typed, day)
        result = run_calculator(args.calculator, inputs, rates, today(), unusual)
    except CalculatorError as exc:
        message = problems_text(calculator, exc)
        if any(getattr(args, f.name) in (None, "") for f in calculator.fields if f.required):
            args.calc_parser.error(message)  # a needed option left out: a usage error, exit 2
        raise CommandError(f"calc {args.calculator}: {message}") from None
    if args.json:
        print_json({k: v for k, v in result.items()})
        return 0
    from guidance.calculators.presentation import headline

    print(calculator.title)
    for label, value in headline(calculator, result):
        print(f"  {label}: {value}")
    if still_off(typed):  # never shown as the day they came back
        print(f"  {calculator.field('sick_end').label}: {still_off_words(calculator.field('sick_end').show(inputs_day(inputs)))}")
    for warning in result.get("warnings", []):
        print(f"  warning: {warning}")
    for unusual_input in result["unusual"]:
        print(f"  warning: {unusual_input['warning']}")
    if result["figures_may_change"]:
        print(f"  warning: {result['figures_may_change']}")
    print("How this was worked out:")
    for line in result.get("working", []):
        print(f"  - {line}")
    return 0


