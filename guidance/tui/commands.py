"""Command palette providers: any page, flow, calculator or letter by its name.

Each provider only says what it offers (label, action, help, and the id search knows it by);
matching and showing hits is shared. A name matches what is typed letter by letter, and also
when search finds the thing for those words ("died" finds "When the employer dies").
"""

from __future__ import annotations

from functools import partial
from typing import Callable, Iterable

from textual.command import DiscoveryHit, Hit, Hits, Provider

Entry = tuple  # (label, action, help) or (label, action, help, id search knows it by)
#: Palette score of the first thing search finds (later ones a little less); letter-by-letter
#: matches keep their own scores.
SEARCH_SCORE = 0.6
SEARCH_LIMIT = 12


class _NamedProvider(Provider):
    DISCOVER_LIMIT = 20
    #: The kind search gives this provider's things ("page", "flow", "calculator", "letter").
    KIND: str | None = None

    def entries(self) -> Iterable[Entry]:
        raise NotImplementedError

    def _entries(self) -> list[Entry]:
        return list(self.entries()) if self.app.services.base is not None else []

    async def discover(self) -> Hits:
        for label, action, help_text, *_key in self._entries()[: self.DISCOVER_LIMIT]:
            yield DiscoveryHit(label, action, help=help_text)

    def _found(self, query: str) -> dict[str, int]:
        """Id -> rank of this provider's things that search finds for ``query``."""
        searcher = getattr(self.app.services, "searcher", None)
        if self.KIND is None or searcher is None or len(query.strip()) < 3:
            return {}
        try:
            audience = "recipient" if self.app.mode == "recipient" else None
            results = searcher.search(query, audience=audience, limit=SEARCH_LIMIT, as_you_type=True, kinds=(self.KIND,))
        except Exception:  # search unavailable: letter-by-letter matching still works
            return {}
        return {hit.id: rank for rank, hit in enumerate(results.hits)}

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = self._found(query)
        for label, action, help_text, *key in self._entries():
            score = matcher.match(label)
            rank = found.get(key[0]) if key else None
            if rank is not None:
                score = max(score, SEARCH_SCORE / (1 + 0.1 * rank))
            if score > 0:
                yield Hit(score, matcher.highlight(label), action, help=help_text)


class PageCommands(_NamedProvider):
    """Open any page offered in this mode by its title."""

    KIND = "page"

    def entries(self) -> Iterable[Entry]:
        base = self.app.services.base
        for page in self.app.services.pages_for(self.app.mode):
            summary = base.try_render_summary(page, self.app.today)
            yield f"Page: {page.meta.title}", partial(self.app.open_page, page.id), summary, page.id


class FlowCommands(_NamedProvider):
    """Start guided help (a flow) for the current mode."""

    KIND = "flow"

    def entries(self) -> Iterable[Entry]:
        for flow in self.app.services.flows_for(self.app.mode):
            yield f"Guided help: {flow.title}", partial(self.app.start_flow, flow.id), flow.description, flow.id


class CalculatorCommands(_NamedProvider):
    """Open a calculator: holiday, sick pay, redundancy, minimum wage, deadlines, cost."""

    KIND = "calculator"

    def entries(self) -> Iterable[Entry]:
        from guidance.calculators.registry import CALCULATORS

        for calc in CALCULATORS.values():
            yield f"Calculator: {calc.title}", partial(self.app.open_calculator, calc.name), None, calc.name


class LetterCommands(_NamedProvider):
    """Write a letter from any template (fields the app knows are filled in)."""

    KIND = "letter"

    def entries(self) -> Iterable[Entry]:
        for template in self.app.services.letters().sorted_templates():
            yield f"Letter: {template.meta.title}", partial(self.app.open_letter, template.id), None, template.id


class AccountCommands(_NamedProvider):
    """Open the account audit screen (imported only when chosen: the first screen stays quick)."""

    def entries(self) -> Iterable[Entry]:
        if self.app.mode != "recipient":  # an officer's tool
            yield "Account audit: reconcile bank statements", self._open, "Audit a direct payment account from its statements"
            yield ("Account review from a recorded audit", self._review,
                   "The account review with a recorded audit's figures filled in")

    def _open(self) -> None:
        from guidance.tui.screens.account import AccountScreen

        if not self.app.officer_only("account_audit"):
            self.app.push_screen(AccountScreen())

    def _review(self) -> None:
        from guidance.tui.screens.account import open_review
        from guidance.tui.screens.recorded_audits import RecordedAudits

        def chosen(audit_id: str | None) -> None:
            if audit_id:
                open_review(self.app, audit_id)

        if not self.app.officer_only("account_audit"):
            self.app.push_screen(RecordedAudits(), chosen)
