"""``guidance content check``: every problem in the content base, each with its file and line.

Checks run over the loaded content base and add to its problems; none stops at the first error.
``checks()`` is the one explicit list of what runs, pages to flows, letters and synonyms.
When a file everything else depends on cannot be read (``rates.yaml``), its error comes first
and the errors that only follow from it are counted, not listed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Callable

from guidance.content.base import ContentBase
from guidance.content.render import RenderError, render
from guidance.content.style import check_text, load_style
from guidance.content.suggest import did_you_mean
from guidance.problems import ERROR, Problem, Problems

Check = Callable[[ContentBase, dt.date, Problems], None]

_LITERAL_FIGURE = re.compile(r"£\s?\d|\d\s?%|\d\s?per ?cent", re.I)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")


def checks(style_checks: bool = True) -> list[Check]:
    """Every check ``guidance content check`` runs, in order: the one list to read or extend."""
    from guidance.content.uses import check_rates_needed
    from guidance.flows.check import content_check as check_flows
    from guidance.letters.check import check_letters
    from guidance.search.check import check_synonyms

    return [
        _check_covers,
        _check_links,
        _check_rates,
        check_rates_needed,
        _check_literal_figures,
        _check_versions,
        _check_review_dates,
        _check_glossary,
        *([_check_style] if style_checks else []),
        check_flows,
        check_letters,
        check_synonyms,
    ]


def check_content(base: ContentBase, on: dt.date, style_checks: bool = True) -> Problems:
    """All problems: those found while loading, then every check in ``checks()``.

    Root causes come first (a rates file that cannot be read), then the rest by file and line.
    """
    problems = Problems()
    problems.extend(base.problems)
    for check in checks(style_checks):
        check(base, on, problems)
    return root_causes_first(base, problems)


#: Messages that follow from figures being unavailable (a page, flow or letter quoting one).
_FOLLOWS_FROM_RATES = re.compile(r"unknown rate|\brate '|no figure for this date|figure", re.I)


def root_causes_first(base: ContentBase, problems: Problems) -> Problems:
    """Sort problems by file and line, with root causes first and their follow-ons counted.

    When ``rates.yaml`` cannot be read, every use of a figure elsewhere fails too; those errors
    only bury the cause, so they are replaced by one line saying how many there were.
    """
    rates_path = base.rates.path
    roots = sorted((p for p in problems if p.path == rates_path), key=_order)
    others = sorted((p for p in problems if p.path != rates_path), key=_order)
    if base.rates.broken:
        follow = [p for p in others if _FOLLOWS_FROM_RATES.search(p.message)]
        if follow:
            others = [p for p in others if not _FOLLOWS_FROM_RATES.search(p.message)]
            files = len({p.path for p in follow})
            roots.append(Problem(
                rates_path, None, ERROR,
                f"and {len(follow)} uses of rates from this file in {files} other file(s), not listed: "
                "they fail only because this file cannot be read; fix it and check again",
            ))
    return Problems(roots + others)


def _order(problem: Problem) -> tuple:
    return (problem.path, problem.line or 0, problem.level, problem.message)


def _check_covers(base: ContentBase, on: dt.date, problems: Problems) -> None:
    known = base.taxonomy.keys
    for page in base.pages.values():
        for index, key in enumerate(page.meta.covers):
            if key not in known:
                problems.error(page.path, page.line_of("covers", index), f"unknown subject '{key}' in covers (see content/taxonomy.yaml)")


def _check_links(base: ContentBase, on: dt.date, problems: Problems) -> None:
    for page in base.pages.values():
        for index, target in enumerate(page.meta.related):
            if target not in base.pages:
                problems.error(page.path, page.line_of("related", index), f"related page '{target}' does not exist")
            elif target == page.id:
                problems.warning(page.path, page.line_of("related", index), "a page should not list itself as related")
        for target, line in page.links:
            if target not in base.pages:
                problems.error(page.path, line, f"link to missing page 'page:{target}'")


def _check_rates(base: ContentBase, on: dt.date, problems: Problems) -> None:
    for page in base.pages.values():
        for key, line in page.rate_keys:
            if key not in base.rates:
                problems.error(page.path, line, f"unknown rate '{key}' (see content/rates.yaml){did_you_mean(key, base.rates.keys())}")
        try:
            render(page.body, base.rates, on)
        except RenderError as exc:
            if exc.message.startswith("unknown rate"):
                continue  # already reported above with its line
            line = page.body_line + exc.line - 1 if exc.line else page.body_line
            problems.error(page.path, line, exc.message)


def _check_literal_figures(base: ContentBase, on: dt.date, problems: Problems) -> None:
    for page in base.pages.values():
        for number, line in enumerate(page.body.split("\n")):
            if _LITERAL_FIGURE.search(_JINJA.sub("", line)):
                problems.error(page.path, page.body_line + number, "a money amount or percentage typed into the text: quote it with {{ rate(\"key\") }} so it changes with the rates")
        if _LITERAL_FIGURE.search(page.meta.summary):
            problems.error(page.path, page.line_of("summary"), "a money amount or percentage in the summary: summaries must stay true when rates change")


def _check_versions(base: ContentBase, on: dt.date, problems: Problems) -> None:
    for page in base.pages.values():
        locked = base.lock.get(page.id)
        if not locked:
            continue
        version = page.meta.version
        if version < locked.get("version", 0):
            problems.error(page.path, page.line_of("version"), f"version {version} is lower than the released version {locked['version']}")
        elif version == locked.get("version") and page.digest != locked.get("digest"):
            problems.error(page.path, page.line_of("version"), f"the text changed since release {base.manifest.release} but version is still {version}: raise it to {version + 1}")


def _check_review_dates(base: ContentBase, on: dt.date, problems: Problems) -> None:
    for page in base.pages.values():
        if page.meta.review_by < on:
            problems.warning(page.path, page.line_of("review_by"), f"review was due on {page.meta.review_by.isoformat()}")


def _check_glossary(base: ContentBase, on: dt.date, problems: Problems) -> None:
    shown = "content/glossary.yaml"
    for entry in base.glossary.entries:
        line = base.glossary.lines.get(entry.term)
        if entry.page and entry.page not in base.pages:
            problems.error(shown, line, f"glossary term '{entry.term}' links to missing page '{entry.page}'")
        if _LITERAL_FIGURE.search(entry.definition):
            problems.error(shown, line, f"glossary term '{entry.term}': no money amounts or percentages in definitions")


def _check_style(base: ContentBase, on: dt.date, problems: Problems) -> None:
    style = load_style(base.content_dir, base.shown, problems)
    for page in base.pages.values():
        check_text(style, page.meta.summary, "summary", page.path, page.line_of("summary"), problems)
        check_text(style, page.body, "body", page.path, page.body_line, problems)
        for offset, phrase, better in style.plain_word_hits(page.meta.summary):
            problems.warning(page.path, page.line_of("summary"), f"'{phrase}': say '{better}'")
        for offset, phrase, better in style.plain_word_hits(_JINJA.sub("", page.body)):
            problems.warning(page.path, page.body_line + offset, f"'{phrase}': say '{better}'")
