"""Warnings, never refusals, for calculator inputs that are possible but unusual: a weekly pay of
£1,000,000, 100 hours a week, a job that started 90 years ago.

The bounds are content a team leader edits (``unusual:`` in ``content/settings.yaml``, read as
:class:`guidance.content.settings.UnusualModel`): numbers by input name (the same name means the
same thing in every calculator), and how far before or after the day a sum is worked out for a
date may be. A value outside them is read out with the figure and a warning beside it, naming the
field by its label; nothing here stops a calculation.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from guidance.kinds import Date, Number


def unusual_inputs(calculator, values: dict, on: dt.date, unusual) -> list[dict]:
    """One ``{"field", "warning"}`` for each input in ``values`` (typed, as the registry reads
    them) outside the bounds ``unusual`` sets, in form order; none when ``unusual`` is None."""
    if unusual is None:
        return []
    found = []
    for item in calculator.fields:
        if item.name not in values:
            continue
        if isinstance(item.kind, Number):
            text = _number_warning(item, values[item.name], unusual.inputs.get(item.name))
        elif isinstance(item.kind, Date):
            text = _date_warning(item, values[item.name], on, unusual.dates)
        else:
            text = None
        if text:
            found.append({"field": item.name, "warning": text})
    return found


def _number_warning(item, value, bounds) -> str | None:
    if bounds is None:
        return None
    value = Decimal(value)
    if bounds.below is not None and value < bounds.below:
        return f"{item.label}: {_shown(item, value)} is less than {_shown(item, bounds.below)}, which is unusual: check it was typed right"
    if bounds.above is not None and value > bounds.above:
        return f"{item.label}: {_shown(item, value)} is more than {_shown(item, bounds.above)}, which is unusual: check it was typed right"
    return None


def _shown(item, value: Decimal) -> str:
    """A number as the field shows it, with its unit unless it is money: "100 hours", "£3,000.00"."""
    text = item.show(value)
    return text if item.unit in ("", "pounds") else f"{text} {item.unit}"


def _date_warning(item, value: dt.date, on: dt.date, bounds) -> str | None:
    if bounds is None:
        return None
    if bounds.years_before is not None and value < _years_from(on, -bounds.years_before):
        return (f"{item.label}: {item.show(value)} is more than {bounds.years_before} years before "
                f"{item.show(on)}, which is unusual: check it was typed right")
    if bounds.years_after is not None and value > _years_from(on, bounds.years_after):
        return (f"{item.label}: {item.show(value)} is more than {bounds.years_after} years after "
                f"{item.show(on)}, which is unusual: check it was typed right")
    return None


def _years_from(day: dt.date, years: int) -> dt.date:
    from guidance.calculators.common import add_years

    year = min(max(day.year + years, dt.MINYEAR), dt.MAXYEAR)
    return add_years(day, year - day.year)
