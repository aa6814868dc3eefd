"""``guidance rates``: the figures in force on a date, with their source; for a date after the
figures are known to be right (``figures_known_until`` in the rates file), a warning that the
latest figures shown may change. Dates are in words for people, ISO in ``--json``."""

from __future__ import annotations

import sys

from guidance.words import counted
from guidance.commands.common import add_json_option, add_on_option, load_base, print_json, refuse_broken, today
from guidance.content.formatting import long_date


def register(sub) -> None:
    rates = sub.add_parser("rates", help="the figures in force on a date")
    add_on_option(rates)
    add_json_option(rates)
    rates.set_defaults(func=run_rates)


def run_rates(args) -> int:
    base = load_base(args)
    refuse_broken(base, rates_only=True)
    on = args.on or today()
    rows = [
        {
            "key": key,
            "label": rate.label,
            "value": str(figure.value),
            "unit": rate.unit,
            "shown": str(figure),
            "since": figure.since.isoformat(),
            "source": rate.source,
            "period_source": base.rates.period_source(key, on),
            "url": rate.url,
        }
        for key, rate, figure in base.rates.in_force(on)
    ]
    rate_errors = [p for p in base.problems.errors if p.path == base.rates.path]
    missing = len(base.rates.keys()) - len(rows)
    if missing:
        print(f"note: {missing} of {counted(len(base.rates.keys()), 'figure')} {'has' if missing == 1 else 'have'} no value on {long_date(on)} "
              "(figures are kept from 6 April 2015, and some rules began later)", file=sys.stderr)
    known = base.rates.known_until
    may_change = base.rates.may_change(on)
    if args.json:
        print_json({"on": on.isoformat(), "figures_known_until": known.isoformat() if known else None,
                    "may_change": may_change, "rates": rows, "problems": [p.as_dict() for p in rate_errors]})
        for problem in rate_errors:
            print(problem, file=sys.stderr)
        return 1 if rate_errors else 0
    print(f"Figures in force on {long_date(on)}")
    if may_change:
        print(f"Warning: {may_change}")
    width = max((len(r["key"]) for r in rows), default=10)
    for row in rows:
        print(f"  {row['key']:<{width}}  {row['shown']:>12}  since {long_date(row['since']):<17}  {row['label']}")
        print(f"  {'':<{width}}  {'':>12}  source: {row['period_source']}")
    for problem in rate_errors:
        print(problem)
    return 1 if rate_errors else 0
