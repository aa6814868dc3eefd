"""Flow expressions and texts: sandboxed Jinja2 over ``answers`` and ``results``, never ``eval``.

Authors write ``answers.weeks_off > 4`` or ``results.deadline.et3_due``. The same sandbox that
renders pages compiles them (StrictUndefined: a missing answer is an error, never a silent false).
We also read which answers and results an expression mentions, so the checker can catch a
misspelt node id and path enumeration knows which answers can change what happens next.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from jinja2 import TemplateError, TemplateSyntaxError, Undefined, nodes
from jinja2.exceptions import SecurityError
from jinja2.parser import Parser

from guidance.content.rates import RateError  # noqa: F401  (re-exported for callers)
from guidance.content.render import RenderError, compile_template, environment
from guidance.content.render import helpers as text_helpers

#: A name that means "everything": the expression uses ``answers`` as a whole.
ALL = "*"


class ExpressionError(ValueError):
    """An expression or text that does not compile or cannot be worked out."""


@lru_cache(maxsize=4096)
def compile_expression(source: str):
    """Compile once per distinct source; raises ExpressionError naming the problem."""
    try:
        return environment().compile_expression(source, undefined_to_none=False)
    except TemplateSyntaxError as exc:
        raise ExpressionError(f"expression does not compile: {exc.message}") from None


def check_template(source: str) -> None:
    _template(source)


def add_days(value, days) -> dt.date:
    return _as_date(value) + dt.timedelta(days=int(days))


def months_before(value, months) -> dt.date:
    """The day ``months`` whole months before ``value`` (the last day of the month when that
    month is shorter: 31 March, 1 month before, is 28 or 29 February). For a prompt's example
    dates made from the case's own dates: ``iso(months_before(answers.sick_start, 1))``."""
    day, count = _as_date(value), int(months)
    if not 0 <= count <= 1200:
        raise ValueError(f"months_before takes 0 to 1200 months, not {count}")
    total = day.year * 12 + day.month - 1 - count
    year, month = divmod(total, 12)
    month += 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def iso(value) -> str:
    """A date as typed in examples: 2026-04-06."""
    return _as_date(value).isoformat()


def _as_date(value) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def helpers(rates, on: dt.date) -> dict:
    """Functions available to every expression: dates and the rates in force on the day."""

    def rate(key: str, day=None) -> Decimal:
        """The figure on ``on``, or on ``day`` (a rule that follows the date of an event)."""
        return rates.value(str(key), on if day is None else _as_date(day))

    def rule(key: str, day=None):
        return rates.figure(str(key), on if day is None else _as_date(day)).rule

    return {"on": on, "add_days": add_days, "months_before": months_before, "iso": iso, "date": _as_date,
            "rate_value": rate, "rule": rule}


def evaluate(source: str, context: dict):
    """Work out an expression; any failure becomes ExpressionError with a plain message."""
    function = compile_expression(source)
    try:
        value = function(**context)
    except SecurityError as exc:
        raise ExpressionError(f"'{source}' was refused by the sandbox: {exc}") from None
    except TemplateError as exc:
        raise ExpressionError(f"'{source}': {exc}") from None
    except (TypeError, ValueError, ArithmeticError, LookupError, AttributeError) as exc:
        raise ExpressionError(f"'{source}': {exc}") from None
    if isinstance(value, Undefined):
        raise ExpressionError(f"'{source}' has no value here (a missing answer?)")
    return value


def truth(source: str, context: dict) -> bool:
    value = evaluate(source, context)
    try:
        return bool(value)
    except TemplateError as exc:
        raise ExpressionError(f"'{source}': {exc}") from None


@lru_cache(maxsize=4096)
def _template(source: str):
    """Compiled once per text: a flow's texts are rendered at every step and on every path."""
    try:
        return compile_template(source)
    except RenderError as exc:
        raise ExpressionError(exc.message) from None


def render_text(source: str, rates, on: dt.date, context: dict) -> str:
    """Render a flow text as pages are rendered (``rate("key")`` gives the figure on ``on``)."""
    template = _template(source)
    try:
        return template.render({**context, **text_helpers(rates, on)})
    except RenderError as exc:
        raise ExpressionError(exc.message) from None
    except ExpressionError:
        raise
    except TemplateError as exc:
        raise ExpressionError(f"{exc}") from None
    except (TypeError, ValueError, ArithmeticError, LookupError, AttributeError) as exc:
        raise ExpressionError(f"{exc}") from None


@dataclass
class Refs:
    """The answers and results an expression or text mentions."""

    answers: set[str] = field(default_factory=set)
    results: set[str] = field(default_factory=set)

    def update(self, other: "Refs") -> None:
        self.answers |= other.answers
        self.results |= other.results


def _walk_refs(tree) -> Refs:
    refs = Refs()
    claimed = set()
    everything = [tree, *tree.find_all(nodes.Node)]  # find_all skips the node it starts from
    for node in everything:
        if not isinstance(node, (nodes.Getattr, nodes.Getitem)):
            continue
        base = node.node
        if isinstance(base, nodes.Name) and base.name in ("answers", "results"):
            if isinstance(node, nodes.Getattr):
                key = node.attr
            elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                key = node.arg.value
            else:
                continue
            getattr(refs, base.name).add(key)
            claimed.add(id(base))
    for name in everything:
        if isinstance(name, nodes.Name) and name.name in ("answers", "results") and id(name) not in claimed:
            getattr(refs, name.name).add(ALL)
    return refs


@lru_cache(maxsize=4096)
def expression_refs(source: str) -> Refs:
    parser = Parser(environment(), source, state="variable")
    return _walk_refs(parser.parse_expression())


@lru_cache(maxsize=4096)
def template_refs(source: str) -> Refs:
    return _walk_refs(environment().parse(source))
