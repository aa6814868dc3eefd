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
from guidance.content.style import check_text, save_scores
from guidance.content.suggest import did_you_mean
from guidance.problems import ERROR, Problem, Problems

Check = Callable[[ContentBase, dt.date, Problems], None]

_LITERAL_FIGURE = re.compile(r"£\s?\d|\d\s?%|\d\s?per ?cent", re.I)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")


def checks(style_checks: bool = True) -> list[Check]:
    """Every check ``guidance content check`` runs, in order: the one list to read or extend."""
    from guidance.content.settings import check_settings
    from guidance.content.uses import check_rates_needed
    from guidance.flows.check import content_check as check_flows
    from guidance.letters.check import check_letters
    from guidance.search.check import check_synonyms
    from guidance.accounts.check import check_account_rules

    return [
        _check_covers,
        _check_links,
        _check_rates,
        _check_summaries,
        check_rates_needed,
        _check_literal_figures,
        _check_versions,
        _check_review_dates,
        _check_glossary,
        check_settings,
        *([_check_style] if style_checks else []),
        check_flows,
        check_letters,
        check_synonyms,
        check_account_rules,
    ]


def check_content(base: ContentBase, on: dt.date, style_checks: bool = True) -> Problems:
    """All problems: those found while loading, then every check in ``checks()``.

    Root causes come first (a rates file that cannot be read), then the rest by file and line.
    """
    problems = Problems()
    problems.extend(base.problems)
    for check in checks(style_checks):
        check(base, on, problems)
    save_scores()
    return root_causes_first(base, problems)


#: Messages that follow from figures being unavailable (a page, flow or letter quoting one).
_FOLLOWS_FROM_RATES = re.compile(r"unknown rate|\brate '|no figure for this date|figure", re.I)
_FOLLOWS_FROM_TAXONOMY = re.compile(r"taxonomy\.yaml|unknown subject")


def _root_causes(base: ContentBase) -> list[tuple[str, int | None, re.Pattern, str]]:
    """(file, line, what follows from it, how to name the follow-ons) for each root cause."""
    rates = base.rates
    causes = []
    if rates.broken:
        causes.append((rates.path, None, _FOLLOWS_FROM_RATES, "uses of rates from this file"))
    for key in sorted(rates.invalid):
        causes.append((rates.path, rates.line_of(key), re.compile(rf"'{re.escape(key)}'"), f"uses of '{key}'"))
    taxonomy_path = base.shown(base.content_dir / "taxonomy.yaml")
    if not base.taxonomy.areas and any(p.path == taxonomy_path for p in base.problems.errors):
        causes.append((taxonomy_path, None, _FOLLOWS_FROM_TAXONOMY, "pages whose area or subject is not in this file"))
    return causes


def root_causes_first(base: ContentBase, problems: Problems) -> Problems:
    """Root causes first, then the rest by file and line; what follows from a cause is counted.

    When ``rates.yaml`` cannot be read, every use of a figure elsewhere fails too; when one
    figure in it is wrong, each use of that figure fails. Those errors only bury the cause, so
    they are replaced by one line after it saying how many there were.
    """
    causes = _root_causes(base)
    cause_files = {path for path, _, _, _ in causes} | {base.rates.path}
    items = list(problems)
    summaries = []
    for path, line, pattern, what in causes:
        follow = [p for p in items if (p.path != path or p.line is None) and p.level == ERROR and pattern.search(p.message)]
        if not follow:
            continue
        items = [p for p in items if p not in follow]
        files = len({p.path for p in follow})
        causes_here = [p.line for p in items if p.path == path and p.line and (line is None or pattern.search(p.message))]
        summaries.append(Problem(
            path, max(causes_here, default=line), ERROR,
            f"and {len(follow)} {_plural(len(follow), what)} ({files} {'file' if files == 1 else 'files'}), not listed: "
            "they fail only because of the error above; fix it and check again",
        ))
    roots = sorted((p for p in items if p.path in cause_files), key=_order)
    for summary in summaries:  # each just after its cause
        at = max((i + 1 for i, p in enumerate(roots) if p.path == summary.path and (p.line or 0) <= (summary.line or 0)), default=0)
        roots.insert(at, summary)
    others = sorted((p for p in items if p.path not in cause_files), key=_order)
    return Problems(roots + others)


def _plural(count: int, what: str) -> str:
    return what.replace("uses", "use", 1).replace("pages whose", "page whose", 1) if count == 1 else what


def _order(problem: Problem) -> tuple:
    return (problem.path, problem.line or 0, problem.level, problem.message)


def _check_covers(base: ContentBase, on: dt.date, problems: Problems) -> None:
    known = base.taxonomy.keys
    for page in base.pages.values():
        for index, key in enumerate(page.meta.covers):
            if key not in known:
                problems.error(page.path, page.line_of("covers", index), f"unknown subject '{key}' in covers (see content/taxonomy.yaml){did_you_mean(key, known)}")


def _check_links(base: ContentBase, on: dt.date, problems: Problems) -> None:
    unreadable = base.unreadable_pages  # their own errors are told; not again at every link
    for page in base.pages.values():
        for index, target in enumerate(page.meta.related):
            if target in unreadable:
                continue
            if target not in base.pages:
                problems.error(page.path, page.line_of("related", index), f"related page '{target}' does not exist{did_you_mean(target, base.pages)}")
            elif target == page.id:
                problems.warning(page.path, page.line_of("related", index), "a page should not list itself as related")
        for target, line in page.links:
            if target not in base.pages and target not in unreadable:
                problems.error(page.path, line, f"link to missing page 'page:{target}'{did_you_mean(target, base.pages)}")


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


def _check_summaries(base: ContentBase, on: dt.date, problems: Problems) -> None:
    """A summary may say "before/after" with rule(); it must render for ``on`` like the body."""
    for page in base.pages.values():
        if "{" not in page.meta.summary:
            continue
        try:
            render(page.meta.summary, base.rates, on)
        except RenderError as exc:
            problems.error(page.path, page.line_of("summary"), f"summary: {exc.message}")


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
        elif (version > locked.get("version", version) and _updated_unchanged(page, locked, base.manifest.date)
              and not _same_day_as_release(page, base.manifest.date)):
            problems.warning(
                page.path, page.line_of("updated"),
                f"version raised to {version} but 'updated' is still {page.meta.updated.isoformat()}, "
                f"as released in {base.manifest.release}: set it to the date of this change",
            )


def _same_day_as_release(page, released_on: dt.date | None) -> bool:
    """A page changed again on the day of the last release rightly keeps that day as 'updated'."""
    return released_on is not None and page.meta.updated == released_on


def _updated_unchanged(page, locked: dict, released_on: dt.date) -> bool:
    """True when a page's ``updated`` date is the one it had when last released.

    The lock records it from now on; for older locks, a date before that release's day can
    only be the old one.
    """
    if "updated" in locked:
        return page.meta.updated.isoformat() == locked["updated"]
    return page.meta.updated < released_on


def _check_review_dates(base: ContentBase, on: dt.date, problems: Problems) -> None:
    for page in base.pages.values():
        if page.meta.review_by < on:
            problems.warning(page.path, page.line_of("review_by"), f"review was due on {page.meta.review_by.isoformat()}")


def _check_glossary(base: ContentBase, on: dt.date, problems: Problems) -> None:
    shown = "content/glossary.yaml"
    for entry in base.glossary.entries:
        line = base.glossary.lines.get(entry.term)
        if entry.page and entry.page not in base.pages and entry.page not in base.unreadable_pages:
            problems.error(shown, line, f"glossary term '{entry.term}' links to missing page '{entry.page}'")
        if _LITERAL_FIGURE.search(entry.definition):
            problems.error(shown, line, f"glossary term '{entry.term}': no money amounts or percentages in definitions")


def _check_style(base: ContentBase, on: dt.date, problems: Problems) -> None:
    style = base.style()
    problems.extend(base.part_problems("style"))
    for page in base.pages.values():
        # A summary may say before/after with {% if rule(...) %}: check the words, not the tags.
        check_text(style, _JINJA.sub(" ", page.meta.summary), "summary", page.path, page.line_of("summary"), problems)
        check_text(style, page.body, "body", page.path, page.body_line, problems)
        for offset, phrase, better in style.plain_word_hits(page.meta.summary):
            problems.warning(page.path, page.line_of("summary"), f"'{phrase}': say '{better}'")
        for offset, phrase, better in style.plain_word_hits(_JINJA.sub("", page.body)):
            problems.warning(page.path, page.body_line + offset, f"'{phrase}': say '{better}'")
