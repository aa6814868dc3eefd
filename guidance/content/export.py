"""Rendered pages as plain data, for ``guidance content export`` and the search index."""

from __future__ import annotations

import datetime as dt

from guidance.content.base import ContentBase
from guidance.content.pages import Page


def page_record(base: ContentBase, page: Page, on: dt.date) -> dict:
    """One page as data: front matter essentials plus its body rendered for ``on``."""
    meta = page.meta
    return {
        "id": page.id,
        "title": meta.title,
        "summary": base.try_render_summary(page, on),
        "covers": list(meta.covers),
        "audience": list(meta.audience),
        "area": page.area,
        "version": meta.version,
        "updated": meta.updated.isoformat(),
        "review_by": meta.review_by.isoformat(),
        "keywords": list(meta.keywords),
        "related": list(meta.related),
        "sources": [s.model_dump(exclude_none=True) for s in meta.sources],
        "text": base.try_render(page, on),
    }


def export_pages(base: ContentBase, on: dt.date, problems=None) -> list[dict]:
    """Every page rendered for ``on``, in the order pages are listed.

    A page whose body or summary cannot be rendered (a template that never finishes, say) is
    left out rather than exported as "cannot be shown"; when ``problems`` (a Problems) is given,
    each is added to it as an error at its file and line.
    """
    records = []
    for page in base.sorted_pages():
        failure = render_failure(base, page, on)
        if failure is not None:
            if problems is not None:
                problems.error(page.path, *failure)
            continue
        records.append(page_record(base, page, on))
    return records


def render_failure(base: ContentBase, page: Page, on: dt.date) -> tuple[int, str] | None:
    """(line, message) when the page's body or summary cannot be rendered for ``on``, else None."""
    from guidance.content.render import RenderError

    try:
        base.render_body(page, on)
    except RenderError as exc:
        return (page.body_line + exc.line - 1 if exc.line else page.body_line), f"this page cannot be shown: {exc.message}"
    try:
        base.render_summary(page, on)
    except RenderError as exc:
        return page.line_of("summary"), f"the summary cannot be shown: {exc.message}"
    return None
