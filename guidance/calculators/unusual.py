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


#: A date of birth is unusual as the age it makes is (by that age input's bounds), not for being
#: long ago.
BIRTH_DATES = {"date_of_birth": "age"}


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
        elif item.name in BIRTH_DATES:
            text = _birth_warning(item, values[item.name], _day_asked(values, on), unusual.inputs.get(BIRTH_DATES[item.name]))
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


def _day_asked(values: dict, on: dt.date) -> dt.date:
    """The day the sum is worked out for: a day input when given, else ``on``."""
    from guidance.calculators.registry import DAY_INPUTS

    return next((values[key] for key in DAY_INPUTS if key in values), on)


def _birth_warning(item, value: dt.date, on: dt.date, bounds) -> str | None:
    """A date of birth making an age outside the age's bounds on the day asked about."""
    from guidance.calculators.pension_age import age_on

    if bounds is None or value > on:
        return None
    age = age_on(value, on)
    for limit, words in ((bounds.below, "less"), (bounds.above, "more")):
        if limit is not None and (age < limit if words == "less" else age > limit):
            return (f"{item.label}: {item.show(value)} makes the PA {age} on {item.show(on)}, {words} than "
                    f"{limit.normalize():f}, which is unusual: check it was typed right")
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
