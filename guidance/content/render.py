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


def render(source: str, rates: Rates, on: dt.date, context: dict | None = None) -> str:
    """Render ``source`` with ``rate("key")`` giving the figure in force on ``on``."""
    template = compile_template(source)

    def rate(key: str):
        try:
            return rates.figure(str(key), on)
        except RateError as exc:
            raise RenderError(str(exc)) from None

    values = dict(context or {})
    values.update(rate=rate, on=on)
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
