"""What every calculator shares: the error it raises, figures from the rates, dates and rounding.

Rounding is written out as named helpers because the published calculators we agree with
(GOV.UK's) each round in a particular way, and a penny or a tenth of a day out is a wrong answer.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, localcontext

from guidance.content.rates import RateError
from guidance.kinds import Date, KindError, read_decimal
from guidance.words import counted


class CalculatorError(ValueError):
    """Input a calculator cannot work with (negative hours, end before start, unknown basis).

    ``field`` names the input at fault when one does (``hourly_rate``), so the command line can
    add its option name; the message itself names the field by its label.
    """

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field

    @property
    def problems(self) -> tuple["CalculatorError", ...]:
        """Each problem on its own, with its field (this one error, here)."""
        return (self,)


class CalculatorErrors(CalculatorError):
    """Every problem found in a calculator's inputs at once (three bad or missing fields are three
    problems, not one at a time). ``problems`` holds one CalculatorError per problem, each with its
    field; the message is theirs joined with "; ", and ``field`` is the first one's."""

    def __init__(self, problems):
        problems = tuple(problems)
        super().__init__("; ".join(str(p) for p in problems), problems[0].field)
        self._problems = problems

    @property
    def problems(self) -> tuple[CalculatorError, ...]:
        return self._problems


def raise_all(problems) -> None:
    """Raise the problems found, if any: one as itself, more as a :class:`CalculatorErrors`."""
    problems = list(problems)
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise CalculatorErrors(problems)


@dataclasses.dataclass(frozen=True)
class Result:
    """A calculator's answer: the headline figures as typed fields, and ``working``, the steps in
    words. Subclasses add the fields. ``as_dict()`` keeps Decimal and date values (what flows
    read); ``jsonable(result)`` is what ``guidance calc NAME --json`` prints. Reading a result
    like a mapping (``result["ssp_total"]``) is kept for callers written for dicts."""

    def as_dict(self) -> dict:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}

    def __getitem__(self, key: str):
        return self.as_dict()[key]

    def __contains__(self, key: str) -> bool:
        return key in self.as_dict()

    def get(self, key: str, default=None):
        return self[key] if key in self else default


def _plain(value):
    """Nested results and tuples as dicts and lists, keeping Decimal and date values."""
    if isinstance(value, Result):
        return value.as_dict()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def as_dict(result) -> dict:
    """A calculator's result as a dict with typed values, whether it is a :class:`Result` or a dict."""
    return result.as_dict() if isinstance(result, Result) else dict(result)


def figure(rates, key: str, on: dt.date) -> Decimal:
    """A statutory figure in force on ``on``; a missing figure is a clear error, not a guess."""
    try:
        return rates.value(key, on)
    except RateError as exc:
        raise CalculatorError(_no_figure(rates, key, on, exc)) from None


def _no_figure(rates, key: str, on: dt.date, exc: RateError) -> str:
    """Why there is no figure, in the words of the figure's label, not its key."""
    try:
        rate = rates.get(key)
    except RateError:
        return f"no figure for this date: {exc}"
    from guidance.content.rates import FIGURES_FROM

    first = rate.periods[0].start
    if on >= first:
        return f"no figure for this date: {exc}"
    return (f"there is no figure for {words(on)}: '{rate.label}' is on record from "
            f"{words(first)} (figures are kept from {words(FIGURES_FROM)})")


def figure_or_none(rates, key: str, on: dt.date) -> Decimal | None:
    """A figure if one is in force on ``on``; None before the rule existed."""
    try:
        return rates.value(key, on)
    except RateError:
        return None


def decimal(value, name: str) -> Decimal:
    """Read a number given as text, int or Decimal, through :mod:`guidance.kinds` (so "12,71",
    "inf" and "1e400" are clear errors). Floats go through their text form."""
    try:
        return read_decimal(value)
    except KindError as exc:
        raise CalculatorError(f"{name}: {exc}") from None


def whole(value, name: str) -> int:
    number = decimal(value, name)
    if number != number.to_integral_value():
        raise CalculatorError(f"{name}: a whole number is needed, not {value}")
    return int(number)


def date_value(value, name: str) -> dt.date:
    """A date as people write it, between 1900 and 2100 (see :class:`guidance.kinds.Date`)."""
    try:
        return Date().parse(value)
    except KindError as exc:
        raise CalculatorError(f"{name}: {exc}") from None


def words(day: dt.date) -> str:
    """A date as the working, errors and letters show it: "6 April 2026", never ISO."""
    return Date().show(day)


def at_field(fields, name: str, problem: str) -> "CalculatorError":
    """A CalculatorError at the input ``name`` (one of ``fields``, a calculator's declared
    inputs), its message starting with the field's label as the form shows it: "Last day off
    sick: 2 March 2026 is before the first day off sick (9 March 2026)"."""
    label = next((item.label for item in fields if item.name == name), name.replace("_", " "))
    return CalculatorError(f"{label}: {problem}", name)


@dataclasses.dataclass(frozen=True)
class NeededWhen:
    """When an input that is not always needed is needed: when the choice field ``choice`` is one
    of ``values`` (as the calculator takes them, "days-per-week"), and ``also`` says any other
    case in words (", or when the job starts or ends part way through the leave year").

    A calculator declares these once (``NEEDED_WHEN``, by input name); the app's form label and
    the problem when the input is left out both come from it, naming each choice as the form
    shows it ("days per week")."""

    choice: str
    values: tuple[str, ...]
    also: str = ""

    def words(self, fields, chosen: str | None = None) -> str:
        """ "needed when How the PA works is 'days per week' or 'hours per week'" (with ``also``);
        given ``chosen``, only that choice, as the problem when the input was left out."""
        choice = next(item for item in fields if item.name == self.choice)
        shown = [f"'{choice.kind.show(value)}'" for value in ((chosen,) if chosen else self.values)]
        listed = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"
        return f"needed when {choice.label} is {listed}" + ("" if chosen else self.also)


def missing_for_choice(fields, needed_when: dict, chosen: str, given: dict) -> list["CalculatorError"]:
    """A problem at each input ``needed_when`` says the choice ``chosen`` needs, left out of
    ``given``: "Days worked a week: needed when How the PA works is 'days per week'"."""
    return [at_field(fields, name, rule.words(fields, chosen))
            for name, rule in needed_when.items() if chosen in rule.values and given.get(name) in (None, "")]


def positive(value: Decimal, name: str) -> Decimal:
    if value <= 0:
        raise CalculatorError(f"{name} must be more than 0 (got {value})")
    return value


def not_negative(value: Decimal, name: str) -> Decimal:
    if value < 0:
        raise CalculatorError(f"{name} cannot be negative (got {value})")
    return value


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month ``months`` later, or that month's last day if it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: dt.date, years: int) -> dt.date:
    """Like Ruby on Rails' ``+ 1.year``: 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)


def q(value: Decimal, places: int, rounding=ROUND_HALF_UP) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 50
        return value.quantize(Decimal(1).scaleb(-places), rounding=rounding)


def round10(value: Decimal) -> Decimal:
    """Round to 10 places, as GOV.UK does before comparing or rounding up, to drop division noise."""
    return q(value, 10)


def ceil_to(value: Decimal, places: int) -> Decimal:
    """Round up at ``places`` decimals (GOV.UK's ``format_number``), after dropping division noise."""
    return q(round10(value), places, ROUND_CEILING)


def floor_to(value: Decimal, places: int) -> Decimal:
    return q(value, places, ROUND_FLOOR)


def pence(value: Decimal) -> Decimal:
    return q(value, 2)


def pence_up(value: Decimal) -> Decimal:
    return q(round10(value), 2, ROUND_CEILING)


def plain(value: Decimal, places: int | None = None) -> str:
    """Text for a number: fixed places if asked, else without needless zeros ("28", "16.8")."""
    if places is not None:
        return f"{q(value, places):f}"
    text = f"{value.normalize():f}"
    return text


def gbp(value) -> str:
    """An amount for people in the working: £13,520.00, £5,000.00 (pence always shown), and a
    daily rate's 4 places kept."""
    amount = Decimal(str(value))
    if _places(amount) < 2:
        amount = amount.quantize(Decimal("0.01"))
    return f"£{amount:,f}"


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def gbp_exact(value: Decimal) -> str:
    """An amount to the penny when it is a whole number of pence, else every decimal (£25.415)."""
    if value == pence(value):
        return gbp(pence(value))
    return f"£{value.normalize():,f}"


def quantity(value, unit: str, plural: str | None = None) -> str:
    """A number and its unit agreeing with it, the number without needless zeros: "1 hour",
    "7.5 hours", "2 days"; ``unit`` is the singular ("hour", "shift a week" with ``plural``)."""
    number = value if isinstance(value, int) else Decimal(str(value))
    text = f"{number}" if isinstance(number, int) else f"{number.normalize():f}"
    return f"{text} {counted(number, unit, plural).split(' ', 1)[1]}"


def _singular(unit: str) -> str:
    """A unit said of exactly one: "hours" -> "hour", "shifts a week" -> "shift a week"."""
    first, _, rest = unit.partition(" ")
    first = first[:-1] if first.endswith("s") else first
    return f"{first} {rest}" if rest else first


def worked(value: Decimal, unit: str = "", places: int = 4) -> str:
    """A worked-out number as a working line shows it after "=", so the line adds up as shown:
    every decimal when it has at most ``places`` ("373.5 hours", "7.4834 hours"), else to
    ``places`` places and said so ("373.3333 hours (to 4 places)")."""
    value = round10(value)
    exact = value == q(value, places)
    number = f"{value.normalize():f}" if exact else f"{q(value, places):f}"
    unit = _singular(unit) if unit and value == 1 else unit
    text = f"{number} {unit}" if unit else number
    return text if exact else f"{text} (to {places} places)"


def worked_money(value: Decimal) -> str:
    """An amount worked out, as a working line shows it after "=": to the penny when it is whole
    pence ("£254.20"); else every decimal up to 4 places with the penny it comes to
    ("£209.352, £209.35 to the penny"), or just the penny it comes to ("£4,844.54 to the penny")."""
    value = round10(value)
    if value == pence(value):
        return gbp(pence(value))
    if value == q(value, 4):
        return f"{gbp_exact(value)}, {gbp(pence(value))} to the penny"
    return f"{gbp(pence(value))} to the penny"


def money_text(value: Decimal) -> str:
    """Amounts in JSON: always two decimals, as text ("123.25")."""
    return f"{pence(value):f}"


def jsonable(value):
    """Dates to ISO text, Decimals to text, dataclasses and tuples to plain JSON shapes."""
    if isinstance(value, Result):
        return jsonable(value.as_dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    return value
