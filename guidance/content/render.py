"""Rendering page bodies (and later letters) in Jinja2's sandbox with StrictUndefined.

Content is written by team leaders, not programmers, and shown to vulnerable people: a template
must never reach Python internals, and a missing value must be an error, never a silent blank.
Nor may a template run for ever or fill the memory: the sandbox bounds the work one rendering
may do (``range`` sizes and items, macro depth, string sizes, output length) and a template over
a bound fails with a RenderError naming it, like any other mistake in that file.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import re
from functools import lru_cache

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError, nodes
from jinja2.environment import Template
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from guidance.content.formatting import long_date, money, percent
from guidance.content.rates import FIGURES_FROM, RateError, Rates, before_figures


class RenderError(ValueError):
    """A template that cannot be rendered; ``line`` is relative to the template text (1-based)."""

    def __init__(self, message: str, line: int | None = None, detail: str | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        #: The technical reason (file, key) for ``content check``; the message is for users.
        self.detail = detail or message


#: Bounds on one rendering. A page is a few kilobytes of text; these are far above any real
#: page, letter or flow text and far below what would hang a command or fill the memory.
MAX_OUTPUT_CHARS = 2_000_000
MAX_STRING_CHARS = 200_000
MAX_RANGE_ITEMS = 10_000
MAX_LOOP_ITEMS = 200_000  # all range() items in one rendering
MAX_CALL_DEPTH = 40
MAX_CALLS = 200_000
MAX_NUMBER = 10**15  # bigger than any amount, date or count content works with


class RenderLimit(RenderError):
    """A template that does more work than any page could need (a loop or macro without end)."""


class _Budget:
    """The work left to one rendering."""

    def __init__(self):
        self.loop_items = MAX_LOOP_ITEMS
        self.calls = MAX_CALLS
        self.depth = 0


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("template_budget", default=None)
_WIDE_FORMAT = re.compile(r"\d{6,}")
_LOOP_BOUND = "loop_bound__"  # the global every for loop's items pass through


def _budget() -> _Budget:
    budget = _BUDGET.get()
    # An expression evaluated outside Template.render (a flow's condition) cannot define a macro
    # or a loop; it gets a fresh budget each time, so the sizes are still bounded.
    return budget if budget is not None else _Budget()


def _bounded_range(*args):
    """``range`` as templates see it: at most MAX_RANGE_ITEMS, and counted against the budget."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE_ITEMS:
        raise RenderLimit(f"range of {len(numbers):,} numbers: at most {MAX_RANGE_ITEMS:,} are allowed in a template")
    return _CountedRange(numbers)


class _CountedRange:
    """Items (of a range, or of anything a ``for`` loop walks) that count against the budget."""

    def __init__(self, items):
        self.items = items

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        budget = _budget()
        for item in self.items:
            budget.loop_items -= 1
            if budget.loop_items < 0:
                raise RenderLimit(f"loops run more than {MAX_LOOP_ITEMS:,} times in all: is one loop inside another by mistake?")
            yield item


def _loop_bound(items):
    """What every ``{% for %}`` walks: counted, so loops inside loops cannot run for ever."""
    return items if isinstance(items, _CountedRange) else _CountedRange(items)


def _check_size(value, what: str):
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_STRING_CHARS:
        raise RenderLimit(f"{what} makes a text or list {len(value):,} long (at most {MAX_STRING_CHARS:,})")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER:
        raise RenderLimit(f"{what} makes a number too large for any figure in content")
    return value


class _BoundedTemplate(Template):
    """A template whose rendering stops with RenderLimit at the sandbox's bounds."""

    def render(self, *args, **kwargs) -> str:
        token = _BUDGET.set(_Budget())
        try:
            out, size = [], 0
            for chunk in self.generate(*args, **kwargs):
                size += len(chunk)
                if size > MAX_OUTPUT_CHARS:
                    raise RenderLimit(f"the text would be more than {MAX_OUTPUT_CHARS:,} characters long")
                out.append(chunk)
            return "".join(out)
        finally:
            _BUDGET.reset(token)


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox with bounded work: see the module's docstring."""

    template_class = _BoundedTemplate
    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})

    def _parse(self, source, name, filename):
        """Parse, then make every ``for`` loop walk its items through ``_loop_bound``."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Call(nodes.Name(_LOOP_BOUND, "load"), [loop.iter], [], None, None, lineno=loop.lineno)
        return tree

    def call_binop(self, context, op: str, left, right):
        if op == "**" and isinstance(right, (int, float)) and abs(right) > 64:
            raise RenderLimit(f"a power of {right}: too large for any figure in content")
        if op == "*":
            for one, other in ((left, right), (right, left)):
                if isinstance(one, (str, list, tuple)) and isinstance(other, int) and len(one) * max(other, 0) > MAX_STRING_CHARS:
                    raise RenderLimit(f"repeating a text {other:,} times makes more than {MAX_STRING_CHARS:,} characters")
        if op == "%" and isinstance(left, str) and _WIDE_FORMAT.search(left):
            raise RenderLimit("a format with a width of a million characters or more")
        return _check_size(self.binop_table[op](left, right), f"'{op}'")

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's signature)
        budget = _budget()
        budget.calls -= 1
        if budget.calls < 0:
            raise RenderLimit(f"more than {MAX_CALLS:,} calls in one template")
        for value in (*args, *kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER:
                raise RenderLimit("a number too large for any figure in content")
            if isinstance(value, str) and getattr(__obj, "__name__", "") in ("format", "format_map", "ljust", "rjust", "center", "zfill") and _WIDE_FORMAT.search(value):
                raise RenderLimit("a width of a million characters or more")
        if getattr(__obj, "__name__", "") in ("ljust", "rjust", "center", "zfill", "expandtabs") and any(
            isinstance(v, int) and v > MAX_STRING_CHARS for v in args
        ):
            raise RenderLimit(f"a text wider than {MAX_STRING_CHARS:,} characters")
        budget.depth += 1
        try:
            if budget.depth > MAX_CALL_DEPTH:
                raise RenderLimit(f"macros call each other more than {MAX_CALL_DEPTH} deep: does a macro call itself without end?")
            return _check_size(super().call(__context, __obj, *args, **kwargs), "a call")
        finally:
            budget.depth -= 1


def _capped(filter_function, width_arg: str):
    def capped(value, *args, **kwargs):
        width = kwargs.get(width_arg, args[0] if args else 0)
        if isinstance(width, int) and width > MAX_STRING_CHARS:
            raise RenderLimit(f"a width of {width:,} characters")
        return _check_size(filter_function(value, *args, **kwargs), "a filter")

    return capped


@lru_cache(maxsize=1)
def _shown(value):
    """What ``{{ value }}`` prints: a date in words ("6 April 2026") even without ``| long_date``,
    so no page, letter or flow text shows an ISO date; anything else as it is."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return long_date(value)
    return value


def environment() -> ImmutableSandboxedEnvironment:
    """One shared sandbox for pages, letters and flows."""
    env = BoundedSandbox(
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        cache_size=10_000,
        finalize=_shown,
    )
    env.globals["range"] = _bounded_range
    env.globals[_LOOP_BOUND] = _loop_bound
    for name, width_arg in (("center", "width"), ("indent", "width"), ("wordwrap", "width"), ("truncate", "length")):
        env.filters[name] = _capped(env.filters[name], width_arg)
    env.filters.pop("format", None)  # '%999999999d' | format(1): content has no need of it
    env.filters.update(money=money, percent=percent, long_date=long_date)
    return env


def compile_template(source: str):
    """Compile once per distinct source text; syntax errors carry the template line."""
    try:
        return _compiled(source)
    except TemplateSyntaxError as exc:
        raise RenderError(f"template syntax error: {exc.message}", exc.lineno) from None


@lru_cache(maxsize=4096)
def _compiled(source: str):
    # from_string compiles every time; pages are rendered for search, export and the app again
    # and again, so a compiled template is kept while its text is unchanged.
    return environment().from_string(source)


def _error_line(exc: BaseException) -> int | None:
    """The template line being rendered when ``exc`` happened.

    Jinja rewrites tracebacks so frames from a template carry the filename ``<template>`` and the
    template's own line numbers; the last such frame is the one that failed.
    """
    tb, line = exc.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _as_day(value, name: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise RenderError(f"{name}: '{value}' is not a date (write it as YYYY-MM-DD)") from None


def helpers(rates, on: dt.date) -> dict:
    """The functions every text (page, summary, letter, flow) can call, for the day ``on``.

    - ``rate("key")``: the figure in force on ``on`` (prints as £12.71, 15%, 28 weeks);
      ``rate("key", day)`` the figure in force on another day (a letter's first day off sick).
    - ``rule("key")``: the same entry as a condition: True/False for a yes-no rule, the number
      otherwise, so ``{% if rule("ssp_waiting_days") %}`` is true while waiting days apply.
      ``rule("key", day)`` asks about another day.
    - ``has_rate("key")``: whether the figure or rule exists on ``on`` (the National Living Wage
      before 1 April 2016 does not), so a text can say what applied before it.
    - ``date("2026-04-06")``: a date to compare with ``on`` or a date field.

    ``rates`` needs only ``figure(key, on)``. A key unknown or not in force raises RenderError.
    """

    def figure(key, day=None):
        when = on if day is None else _as_day(day, f"rate('{key}')")
        try:
            return rates.figure(str(key), when)
        except RateError as exc:
            if when < FIGURES_FROM and not str(exc).startswith("unknown rate"):
                raise RenderError(before_figures(when)) from None  # plain words, not the figure's key
            raise RenderError(str(exc)) from None

    def rule(key, day=None):
        return figure(key, day).rule

    def has_rate(key, day=None):
        when = on if day is None else _as_day(day, f"has_rate('{key}')")
        try:
            rates.figure(str(key), when)
        except RateError as exc:
            if str(exc).startswith("unknown rate"):
                raise RenderError(str(exc)) from None
            return False
        return True

    def date(text):
        return _as_day(text, "date()")

    return {"rate": figure, "rule": rule, "has_rate": has_rate, "date": date, "on": on}


def render(source: str, rates: Rates, on: dt.date, context: dict | None = None) -> str:
    """Render ``source`` with ``rate("key")`` giving the figure in force on ``on`` (see helpers)."""
    template = compile_template(source)
    values = dict(context or {})
    values.update(helpers(rates, on))
    try:
        return template.render(values)
    except RenderError as exc:
        raise RenderError(exc.message, _error_line(exc), exc.detail) from None
    except SecurityError as exc:
        raise RenderError(f"refused by the sandbox: {exc}", _error_line(exc)) from None
    except UndefinedError as exc:
        raise RenderError(f"undefined value: {exc.message}", _error_line(exc)) from None
    except TemplateError as exc:
        raise RenderError(f"template error: {exc}", _error_line(exc)) from None
    except (TypeError, ValueError, ArithmeticError, LookupError, AttributeError) as exc:
        raise RenderError(f"template error: {exc}", _error_line(exc)) from None
    except RecursionError as exc:
        raise RenderLimit("the template calls itself without end", _error_line(exc)) from None
    except MemoryError:
        raise RenderLimit("the template needs more memory than any page could") from None
