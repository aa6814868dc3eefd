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


class CalculatorCommands(Provider):
    """Open a calculator: holiday, sick pay, redundancy, minimum wage, deadlines, cost."""

    def _calculators(self):
        from guidance.calculators.registry import CALCULATORS

        return list(CALCULATORS.values())

    async def discover(self) -> Hits:
        for calc in self._calculators():
            yield DiscoveryHit(f"Calculator: {calc.title}", partial(self.app.open_calculator, calc.name))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for calc in self._calculators():
            text = f"Calculator: {calc.title}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(self.app.open_calculator, calc.name))


class FlowCommands(Provider):
    """Start guided help (a flow) for the current mode."""

    def _flows(self):
        return self.app.services.flows_for(self.app.mode) if self.app.services.base else []

    async def discover(self) -> Hits:
        for flow in self._flows():
            yield DiscoveryHit(f"Guided help: {flow.title}", partial(self.app.start_flow, flow.id), help=flow.description)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for flow in self._flows():
            text = f"Guided help: {flow.title}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(self.app.start_flow, flow.id), help=flow.description)


class LetterCommands(Provider):
    """Write a letter from any template (fields the app knows are filled in)."""

    def _templates(self):
        return self.app.services.letters().sorted_templates() if self.app.services.base else []

    async def discover(self) -> Hits:
        for template in self._templates():
            yield DiscoveryHit(f"Letter: {template.meta.title}", partial(self.app.open_letter, template.id))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for template in self._templates():
            text = f"Letter: {template.meta.title}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(self.app.open_letter, template.id))
