"""The loaded content base: every page, the rates, the taxonomy and the release, plus problems.

``ContentBase.load(root)`` never raises for a content mistake. Each file is parsed on its own and
whatever is wrong is collected in ``problems``, so a team leader sees every problem in one run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from guidance.content.cache import PageCache
from guidance.content.glossary import Glossary, load_glossary
from guidance.content.pages import Page, parse_page
from guidance.content.rates import Rates, load_rates
from guidance.content.release import Manifest, load_lock, load_manifest
from guidance.content.render import RenderError, render
from guidance.content.taxonomy import Taxonomy, load_taxonomy
from guidance.problems import Problems

#: Folders under content/ that hold other things than pages.
NON_PAGE_DIRS = {"letters", "history", "style"}


@dataclass
class ContentBase:
    root: Path
    pages: dict[str, Page]
    rates: Rates
    taxonomy: Taxonomy
    manifest: Manifest
    lock: dict[str, dict]
    glossary: Glossary = field(default_factory=lambda: Glossary([], {}))
    problems: Problems = field(default_factory=Problems)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    def shown(self, path: Path) -> str:
        """Paths in messages are relative to the root, as an author sees them in their repo."""
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    @classmethod
    def load(cls, root: Path, use_cache: bool = True) -> "ContentBase":
        root = Path(root)
        problems = Problems()
        content = root / "content"

        def shown(path: Path) -> str:
            return str(path.relative_to(root))

        taxonomy = load_taxonomy(content / "taxonomy.yaml", shown(content / "taxonomy.yaml"), problems)
        rates = load_rates(content / "rates.yaml", problems, shown(content / "rates.yaml"))
        manifest = load_manifest(content / "manifest.yaml", shown(content / "manifest.yaml"), problems)
        lock = load_lock(content / "pages.lock", shown(content / "pages.lock"), problems)
        glossary = load_glossary(content / "glossary.yaml", shown(content / "glossary.yaml"), problems)
        pages = _load_pages(content, taxonomy, shown, problems, PageCache.for_root(root) if use_cache else None)
        return cls(root, pages, rates, taxonomy, manifest, lock, glossary, problems)

    def page(self, page_id: str) -> Page:
        try:
            return self.pages[page_id]
        except KeyError:
            raise KeyError(f"no page with id '{page_id}'") from None

    def render_body(self, page: Page, on: dt.date) -> str:
        """The page's Markdown with figures in force on ``on``. Raises RenderError."""
        return render(page.body, self.rates, on)

    def try_render(self, page: Page, on: dt.date) -> str:
        """Render for display: a broken page shows its error rather than crashing a screen."""
        try:
            return self.render_body(page, on)
        except RenderError as exc:
            return f"*This page cannot be shown: {exc.message}.*\n"

    def render_summary(self, page: Page, on: dt.date) -> str:
        """The read-out summary for ``on``: it may use rate() and rule() as the body does, so it
        states the rule in force on the day shown. Raises RenderError."""
        summary = page.meta.summary
        if "{" not in summary:
            return summary
        return " ".join(render(summary, self.rates, on).split())

    def try_render_summary(self, page: Page, on: dt.date) -> str:
        """The summary for display; a broken one shows its error rather than crashing a screen."""
        try:
            return self.render_summary(page, on)
        except RenderError as exc:
            return f"This summary cannot be shown: {exc.message}."

    def sorted_pages(self) -> list[Page]:
        return sorted(self.pages.values(), key=lambda p: (p.area, p.meta.title.lower()))


def _page_files(content: Path, taxonomy: Taxonomy, shown, problems: Problems):
    for area_dir in sorted(p for p in content.iterdir() if p.is_dir()):
        if area_dir.name in NON_PAGE_DIRS or area_dir.name.startswith("."):
            continue
        files = sorted(area_dir.rglob("*.md"))
        if area_dir.name not in taxonomy.areas:
            for path in files:
                problems.error(shown(path), None, f"'{area_dir.name}' is not an area in taxonomy.yaml")
            continue
        for path in files:
            yield area_dir.name, path


def _load_pages(content: Path, taxonomy: Taxonomy, shown, problems: Problems, cache) -> dict[str, Page]:
    pages: dict[str, Page] = {}
    for area, path in _page_files(content, taxonomy, shown, problems):
        page_problems = Problems()
        page = cache.get(path) if cache else None
        if page is None:
            page = parse_page(path, area, shown(path), page_problems)
            if cache and page is not None and not page_problems:
                cache.put(path, page)
        problems.extend(page_problems)
        if page is None:
            continue
        if page.id != path.stem:
            problems.error(page.path, page.line_of("id"), f"id '{page.id}' must match the file name '{path.stem}.md'")
        if page.id in pages:
            other = pages[page.id]
            problems.error(page.path, page.line_of("id"), f"duplicate id '{page.id}' (also in {other.path})")
            continue
        pages[page.id] = page
    if cache:
        cache.save()
    return pages
