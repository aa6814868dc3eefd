"""Rendering page bodies (and later letters) in Jinja2's sandbox with StrictUndefined.

Content is written by team leaders, not programmers, and shown to vulnerable people: a template
must never reach Python internals, and a missing value must be an error, never a silent blank.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from guidance.content.formatting import long_date, money, percent
from guidance.content.rates import RateError, Rates


class RenderError(ValueError):
    """A template that cannot be rendered; ``line`` is relative to the template text (1-based)."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


@lru_cache(maxsize=1)
def environment() -> ImmutableSandboxedEnvironment:
    """One shared sandbox for pages, letters and flows."""
    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        cache_size=10_000,
    )
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
        raise RenderError(exc.message, _error_line(exc)) from None
    except SecurityError as exc:
        raise RenderError(f"refused by the sandbox: {exc}", _error_line(exc)) from None
    except UndefinedError as exc:
        raise RenderError(f"undefined value: {exc.message}", _error_line(exc)) from None
    except TemplateError as exc:
        raise RenderError(f"template error: {exc}", _error_line(exc)) from None
    except (TypeError, ValueError, ArithmeticError, LookupError, AttributeError) as exc:
        raise RenderError(f"template error: {exc}", _error_line(exc)) from None
