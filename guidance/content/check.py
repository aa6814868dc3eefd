"""``guidance content check``: every problem in the content base, each with its file and line.

Checks run over the loaded content base and add to its problems; none stops at the first error.
Other parts of the product (flows, letters) register their own checks with ``register``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Callable

from guidance.content.base import ContentBase
from guidance.content.render import RenderError, render
from guidance.content.style import check_text, load_style
from guidance.problems import Problems

#: Extra checks: each takes (base, on, problems). Flows and letters add theirs here.
EXTRA_CHECKS: list[Callable[[ContentBase, dt.date, Problems], None]] = []

_LITERAL_FIGURE = re.compile(r"£\s?\d|\d\s?%|\d\s?per ?cent", re.I)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")


def register(check: Callable[[ContentBase, dt.date, Problems], None]) -> None:
    if check not in EXTRA_CHECKS:
        EXTRA_CHECKS.append(check)


def check_content(base: ContentBase, on: dt.date, style_checks: bool = True) -> Problems:
    """All problems: those found while loading, then every cross-file and content check."""
    problems = Problems()
    problems.extend(base.problems)
    _check_covers(base, problems)
    _check_links(base, problems)
    _check_rates(base, on, problems)
    _check_summaries(base, on, problems)
    _check_literal_figures(base, problems)
    _check_versions(base, problems)
    _check_review_dates(base, on, problems)
    _check_glossary(base, problems)
    if style_checks:
        _check_style(base, problems)
    _load_extra_checks()
    for check in EXTRA_CHECKS:
        check(base, on, problems)
    problems.items.sort(key=lambda p: (p.path, p.line or 0, p.level, p.message))
    return problems


def _load_extra_checks() -> None:
    """Import the modules that register checks, if they exist yet (flows, letters)."""
    import importlib

    for name in ("guidance.flows.check", "guidance.letters.check", "guidance.search.check"):
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name and not name.startswith(str(exc.name)):
                raise


def _check_covers(base: ContentBase, problems: Problems) -> None:
    known = base.taxonomy.keys
    for page in base.pages.values():
        for index, key in enumerate(page.meta.covers):
            if key not in known:
                problems.error(page.path, page.line_of("covers", index), f"unknown subject '{key}' in covers (see content/taxonomy.yaml)")


def _check_links(base: ContentBase, problems: Problems) -> None:
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
                problems.error(page.path, line, f"unknown rate '{key}' (see content/rates.yaml)")
        try:
            render(page.body, base.rates, on)
        except RenderError as exc:
            if exc.message.startswith("unknown rate"):
                continue  # already reported above with its line
            line = page.body_line + exc.line - 1 if exc.line else page.body_line
            problems.error(page.path, line, exc.message)


def _check_summaries(base: ContentBase, on: dt.date, problems: Problems) -> None:
    """A summary may say "before/after" with rule(); it must render for ``on`` like the body."""
    for page in base.pages.values():
        if "{" not in page.meta.summary:
            continue
        try:
            render(page.meta.summary, base.rates, on)
        except RenderError as exc:
            problems.error(page.path, page.line_of("summary"), f"summary: {exc.message}")


def _check_literal_figures(base: ContentBase, problems: Problems) -> None:
    for page in base.pages.values():
        for number, line in enumerate(page.body.split("\n")):
            if _LITERAL_FIGURE.search(_JINJA.sub("", line)):
                problems.error(page.path, page.body_line + number, "a money amount or percentage typed into the text: quote it with {{ rate(\"key\") }} so it changes with the rates")
        if _LITERAL_FIGURE.search(page.meta.summary):
            problems.error(page.path, page.line_of("summary"), "a money amount or percentage in the summary: summaries must stay true when rates change")


def _check_versions(base: ContentBase, problems: Problems) -> None:
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


def _check_glossary(base: ContentBase, problems: Problems) -> None:
    shown = "content/glossary.yaml"
    for entry in base.glossary.entries:
        line = base.glossary.lines.get(entry.term)
        if entry.page and entry.page not in base.pages:
            problems.error(shown, line, f"glossary term '{entry.term}' links to missing page '{entry.page}'")
        if _LITERAL_FIGURE.search(entry.definition):
            problems.error(shown, line, f"glossary term '{entry.term}': no money amounts or percentages in definitions")


def _check_style(base: ContentBase, problems: Problems) -> None:
    style = load_style(base.content_dir, base.shown, problems)
    for page in base.pages.values():
        check_text(style, page.meta.summary, "summary", page.path, page.line_of("summary"), problems)
        check_text(style, page.body, "body", page.path, page.body_line, problems)
        for offset, phrase, better in style.plain_word_hits(page.meta.summary):
            problems.warning(page.path, page.line_of("summary"), f"'{phrase}': say '{better}'")
        for offset, phrase, better in style.plain_word_hits(_JINJA.sub("", page.body)):
            problems.warning(page.path, page.body_line + offset, f"'{phrase}': say '{better}'")
