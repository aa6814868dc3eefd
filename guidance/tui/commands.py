"""Command palette providers: pages (and, as they are added, flows, calculators and letters)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class PageCommands(Provider):
    """Open any page by its title."""

    def _pages(self):
        base = self.app.services.base
        return base.sorted_pages() if base else []

    async def discover(self) -> Hits:
        for page in self._pages()[:20]:
            yield DiscoveryHit(f"Page: {page.meta.title}", partial(self.app.open_page, page.id), help=page.meta.summary)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for page in self._pages():
            text = f"Page: {page.meta.title}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(self.app.open_page, page.id), help=page.meta.summary)
