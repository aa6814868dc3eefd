"""Command palette providers: any page, flow, calculator or letter by its name.

Each provider only says what it offers (label, action, help); matching and showing hits is shared.
"""

from __future__ import annotations

from functools import partial
from typing import Callable, Iterable

from textual.command import DiscoveryHit, Hit, Hits, Provider

Entry = tuple[str, Callable[[], None], str | None]  # label, action, help


class _NamedProvider(Provider):
    DISCOVER_LIMIT = 20

    def entries(self) -> Iterable[Entry]:
        raise NotImplementedError

    def _entries(self) -> list[Entry]:
        return list(self.entries()) if self.app.services.base is not None else []

    async def discover(self) -> Hits:
        for label, action, help_text in self._entries()[: self.DISCOVER_LIMIT]:
            yield DiscoveryHit(label, action, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, action, help_text in self._entries():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), action, help=help_text)


class PageCommands(_NamedProvider):
    """Open any page by its title."""

    def entries(self) -> Iterable[Entry]:
        base = self.app.services.base
        for page in base.sorted_pages():
            yield f"Page: {page.meta.title}", partial(self.app.open_page, page.id), base.try_render_summary(page, self.app.today)


class FlowCommands(_NamedProvider):
    """Start guided help (a flow) for the current mode."""

    def entries(self) -> Iterable[Entry]:
        for flow in self.app.services.flows_for(self.app.mode):
            yield f"Guided help: {flow.title}", partial(self.app.start_flow, flow.id), flow.description


class CalculatorCommands(_NamedProvider):
    """Open a calculator: holiday, sick pay, redundancy, minimum wage, deadlines, cost."""

    def entries(self) -> Iterable[Entry]:
        from guidance.calculators.registry import CALCULATORS

        for calc in CALCULATORS.values():
            yield f"Calculator: {calc.title}", partial(self.app.open_calculator, calc.name), None


class LetterCommands(_NamedProvider):
    """Write a letter from any template (fields the app knows are filled in)."""

    def entries(self) -> Iterable[Entry]:
        for template in self.app.services.letters().sorted_templates():
            yield f"Letter: {template.meta.title}", partial(self.app.open_letter, template.id), None
