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


def export_pages(base: ContentBase, on: dt.date) -> list[dict]:
    return [page_record(base, page, on) for page in base.sorted_pages()]
