"""``guidance content check --boundaries``: every text shown on every day its figures change.

A page, letter or flow text that quotes ``rate("key")`` or asks ``rule("key")`` must be shown
right for any day an officer can pick, back to 6 April 2015 (minimum wage arrears go back six
years, and holiday and sickness disputes further). Days between two changes render the same as the
change before them, so it is enough to render each text on the first day it can be asked about
(6 April 2015), on each day a figure or rule it uses changes, and on the day before each change,
and on each ``date("YYYY-MM-DD")`` it compares with. A text that cannot be rendered on one of those
days is an error with its file and line, naming the first such day.

This is slower than the everyday check (every text is rendered a few dozen times), so it runs only
when asked: before a release, and in the test of the shipped content.

- Pages: the body and the read-out summary, rendered for each day.
- Letters: the template with its example values on each day; then with its date fields moved
  together so that each falls on the day (a letter that quotes the rules in force on the first day
  off sick must be right for a first day off on each boundary), and with each other answer of each
  choice field (so a branch the examples do not take is shown too). Changed values that the letter
  itself refuses (``require``, ``rate_from`` for a day that is not a change day) are not errors; a
  figure or rule with no value is.
- Flows: every path run with the flow's examples, on each day (the texts of each node reached).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from guidance.content.rates import FIGURES_FROM
from guidance.content.render import RenderError, render
from guidance.problems import Problems

#: The first day a text can be asked about: the start of tax year 2015 to 2016.
EARLIEST = FIGURES_FROM

_KEY_CALL = re.compile(r"""\b(?:rate|rule|has_rate|rate_from|rate_value)\(\s*["']([A-Za-z0-9_]+)["']""")
_DATE_CALL = re.compile(r"""\bdate\(\s*["'](\d{4}-\d{2}-\d{2})["']""")
_ASKED_FOR = re.compile(r"\s*\(asked for \d{4}-\d{2}-\d{2}\)")
#: Only these failures of a letter with moved dates are errors: the text has no figure for the day.
_NO_FIGURE = ("has no value before", "unknown rate")


def keys_used(text: str) -> set[str]:
    """The rate and rule keys a text names."""
    return set(_KEY_CALL.findall(text))


def dates_named(text: str) -> set[dt.date]:
    """The literal dates a text compares with (``date("2026-04-06")``); bad ones are left out."""
    days = set()
    for raw in _DATE_CALL.findall(text):
        try:
            days.add(dt.date.fromisoformat(raw))
        except ValueError:
            continue
    return days


def boundary_days(text: str, rates, earliest: dt.date = EARLIEST) -> list[dt.date]:
    """The days to render ``text`` on: ``earliest``, then each change and the day before it.

    Changes come from the periods of every key the text names (unknown keys are left to the
    everyday check) and from its literal dates. Oldest first, none before ``earliest``.
    """
    changes = set(dates_named(text))
    for key in keys_used(text):
        if key in rates:
            changes.update(rates.boundaries(key))
    days = {earliest}
    for day in changes:
        for candidate in (day, day - dt.timedelta(days=1)):
            if candidate >= earliest:
                days.add(candidate)
    return sorted(days)


@dataclass
class _Failures:
    """Failures of one text, grouped by line and message, keeping the first day and a count."""

    seen: dict = field(default_factory=dict)

    def add(self, path: str, line: int | None, message: str, day: dt.date, what: str) -> None:
        message = _ASKED_FOR.sub("", message)
        key = (path, line, what, message)
        first, count = self.seen.get(key, (day, 0))
        self.seen[key] = (min(first, day), count + 1)

    def report(self, problems: Problems) -> None:
        for (path, line, what, message), (first, count) in sorted(self.seen.items(), key=lambda item: (item[0][0], item[0][1] or 0)):
            more = f" (and {count - 1} more boundary days)" if count > 1 else ""
            problems.error(path, line, f"{what} cannot be shown for {first.isoformat()}{more}: {message}")


def check_boundaries(base, problems: Problems, earliest: dt.date = EARLIEST) -> int:
    """Render every page, letter and flow text on its boundary days; add an error per failure.

    Returns how many renders were made. Never raises for a content mistake.
    """
    failures = _Failures()
    count = _check_pages(base, failures, earliest)
    count += _check_letters(base, failures, earliest)
    count += _check_flows(base, failures, earliest)
    failures.report(problems)
    return count


def _check_pages(base, failures: _Failures, earliest: dt.date) -> int:
    count = 0
    for page in base.sorted_pages():
        summary = page.meta.summary
        for day in boundary_days(page.body + "\n" + summary, base.rates, earliest):
            count += 1
            try:
                render(page.body, base.rates, day)
            except RenderError as exc:
                line = page.body_line + exc.line - 1 if exc.line else page.body_line
                failures.add(page.path, line, exc.message, day, "the page")
            if "{" in summary:
                try:
                    render(summary, base.rates, day)
                except RenderError as exc:
                    failures.add(page.path, page.line_of("summary"), exc.message, day, "the summary")
    return count


def _letter_tries(template, day: dt.date, examples: dict | None = None) -> list[tuple[dict, bool]]:
    """The values to fill a letter with on ``day``: its examples (False: not changed), then the
    examples with every date field moved together so that each in turn falls on ``day``, then the
    examples with each other answer of each choice field (True: changed)."""
    examples = template.examples() if examples is None else examples
    fields = template.meta.fields
    dated = {name: _as_day(value) for name, value in examples.items() if fields[name].type == "date" and _as_day(value)}
    tries = [(examples, False)]
    for anchor in sorted(dated):
        shift = day - dated[anchor]
        try:
            tries.append(({**examples, **{name: (value + shift).isoformat() for name, value in dated.items()}}, True))
        except OverflowError:
            continue
    for name, spec in fields.items():
        for choice in spec.choices or []:
            if choice != examples.get(name):
                tries.append(({**examples, name: choice}, True))
    return tries


def _check_letters(base, failures: _Failures, earliest: dt.date) -> int:
    from guidance.letters.catalogue import Catalogue
    from guidance.letters.compose import LetterError

    catalogue = Catalogue.load(base)  # its load problems are the everyday check's to report
    count = 0
    for template in catalogue.sorted_templates():
        for day in boundary_days(template.body, base.rates, earliest):
            for values, is_moved in _letter_tries(template, day, catalogue.examples(template.id)):
                count += 1
                try:
                    catalogue.make(template.id, values, day)
                except LetterError as exc:
                    for path, line, message in exc.problems:
                        if is_moved and not any(mark in message for mark in _NO_FIGURE):
                            continue
                        failures.add(path, line, message, day, "the letter (with other example values: dates moved to the day, other choices)" if is_moved else "the letter")
    return count


def _check_flows(base, failures: _Failures, earliest: dt.date) -> int:
    from guidance.flows.checker import check_paths
    from guidance.flows.loader import load_flows

    count = 0
    flows = load_flows(base.root, Problems())  # load problems are the everyday check's to report
    for loaded in flows.values():
        try:
            text = (base.root / loaded.path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for day in boundary_days(text, base.rates, earliest):
            count += 1
            mine = Problems()
            check_paths(loaded, base.rates, day, mine)
            for problem in mine.errors:
                # Outcomes no example reaches on a far-off day are not a text failing to render.
                if problem.message.startswith("running the paths: "):
                    failures.add(problem.path, problem.line, problem.message.removeprefix("running the paths: "), day, "the flow")
    return count


def _as_day(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None
