"""Command palette providers: any page, flow, calculator or letter by its name.

Each provider only says what it offers (label, action, help, and the id search knows it by);
matching and showing hits is shared. A name matches what is typed letter by letter, and also
when search finds the thing for those words ("died" finds "When the employer dies").
"""

from __future__ import annotations

import weakref
from functools import partial
from typing import Callable, Iterable

from textual.command import DiscoveryHit, Hit, Hits, Provider

from guidance.titles import WORD_PATTERN, holds_words, run_at, title_words

Entry = tuple  # (label, action, help) or (label, action, help, id search knows it by)
#: How many things of each kind search is asked for.
SEARCH_LIMIT = 12
#: What a label's name is prefixed with ("Page: Holiday pay"); a name starting with what was
#: typed is the strongest match.
KIND_PREFIXES = ("Page: ", "Guided help: ", "Calculator: ", "Letter: ")


def palette_score(typed: str, label: str, fuzzy: float, full: float, rank: int | None,
                  everyday: tuple[str, ...] = ()) -> float:
    """The palette score of one entry, on the fuzzy matcher's own scale (so Textual's own commands
    sort among ours): ``fuzzy`` is the matcher's score for ``label``, ``full`` its score for the
    typed text against itself, ``rank`` where search put the entry (None: not found).

    Best first: the thing's everyday name typed whole (``everyday``: "employer cost" for the
    calculator titled "Cost of employing a PA", "sick pay", "tribunal deadline"); then a name,
    or an everyday name, that starts with what was typed ("account audit" finds the account
    audit before the pages about it); then the things search finds, in its order, above a name
    that merely contains the words; letters scattered through a name ("died" in "Following a
    fair DIsciplinary procEDure") count for little. Entries that would score the same (a page
    and a letter whose names both start with the words) keep search's order, so the list does not
    depend on which kind's results came in first.
    """
    tie_break = SEARCH_ORDER_STEP * (SEARCH_LIMIT - min(rank, SEARCH_LIMIT)) if rank is not None else 0.0
    return _base_score(typed, label, fuzzy, full, rank, everyday) + tie_break


#: Added per place up search's list, far below any difference the matcher makes: it only orders
#: entries that would otherwise tie.
SEARCH_ORDER_STEP = 1e-6


def _base_score(typed: str, label: str, fuzzy: float, full: float, rank: int | None,
                everyday: tuple[str, ...]) -> float:
    """``palette_score`` without the tie break."""
    open_end = not typed[-1:].isspace()
    typed = " ".join(typed.lower().split())
    lowered = label.lower()
    prefix = next((p.lower() for p in KIND_PREFIXES if lowered.startswith(p.lower())), "")
    name = lowered[len(prefix):]
    called = everyday_name(typed, prefix, everyday, open_end)
    if called == "whole":
        return EVERYDAY_WHOLE * full + fuzzy / 100
    if typed and name.startswith(typed) or called == "start":
        return full + fuzzy / 100
    named = names_title(typed, prefix, name, open_end)
    if named:
        return (full if named == "start" else TITLE_RUN * full) + fuzzy / 100
    kind_word = prefix.rstrip(": ")
    if kind_word and typed.startswith(kind_word + " "):  # "calculator holiday": that kind first
        rest = typed[len(kind_word) + 1:]
        if rest and rest in name:
            return full * (0.95 if name.startswith(rest) or f" {rest}" in f" {name}" else 0.9)
    score = fuzzy if typed in lowered else fuzzy * 0.3
    if typed not in lowered and holds_words(typed, name, open_end):
        score = max(score, WORD_FORMS * full)  # "redundancies" in "Redundancy pay": a word in another form
    if rank is not None:
        score = max(score, 0.8 * full * (1 - 0.03 * rank))
    return score


#: Times the top score for a thing whose everyday name is what was typed ("redundancy" for the
#: redundancy pay calculator): above every name that merely starts with the words.
EVERYDAY_WHOLE = 2.0


def everyday_name(typed: str, prefix: str, everyday: tuple[str, ...], open_end: bool = True) -> str | None:
    """Whether the words typed (with or without the entry's kind first: "calculator sick pay")
    are one of the entry's everyday names (``everyday``: its id's words, "employer cost",
    "pa off sick"): "whole" when they are all of it, in any form of each word ("employer
    costs"), "start" when they begin it (the last word may be unfinished while typed), else None."""
    words, kind = title_words(typed), title_words(prefix)
    if kind and words[:len(kind)] == kind and len(words) > len(kind):
        words = words[len(kind):]
    if not words:
        return None
    names = [title_words(name) for name in everyday]
    if any(len(words) == len(name) and run_at(words, name, 0, False) for name in names):
        return "whole"
    if any(len(words) <= len(name) and run_at(words, name, 0, open_end) for name in names):
        return "start"
    return None


#: Share of the top score for a name holding the words typed in other forms of them
#: ("dismissing" in "Unfair dismissal"): about where a name holding them as typed comes, below
#: what search finds first.
WORD_FORMS = 0.6
#: Share of the top score for a guided help, calculator or letter whose title holds the words
#: typed in a row ("minimum wage is going"): above what search finds, below a name starting so.
TITLE_RUN = 0.97
_WORD = WORD_PATTERN


def names_title(typed: str, prefix: str, name: str, open_end: bool = True) -> str | None:
    """Whether the words typed are this entry's title as shown, with or without its kind
    ("letter: the minimum wage", "Letter: The minimum wage"): "start" when they begin it,
    "run" when a guided help's, calculator's or letter's title holds two or more of them in a
    row ("minimum wage is going"), else None. Punctuation and case do not count; the last word
    may be unfinished while it is being typed (``open_end``)."""
    words, kind = _WORD.findall(typed), _WORD.findall(prefix)
    if kind and words[:len(kind)] == kind:
        words = words[len(kind):]
    elif any(words[:len(w)] == w for w in map(_WORD.findall, (p.lower() for p in KIND_PREFIXES)) if w):
        return None  # another kind named first: "page: minimum wage" is not a letter's name
    title = _WORD.findall(name)
    if not words or len(words) > len(title):
        return None
    for start in range(len(title) - len(words) + 1):
        if run_at(words, title, start, open_end):
            if start == 0:
                return "start"
            if len(words) >= 2 and prefix and prefix != "page: ":
                return "run"
    return None


#: searcher -> {(mode, query): {(kind, id): rank}}: one search serves every provider (they ask
#: for the same keystroke at once), so a page and the guided help keep search's own order.
#: Keyed on the searcher itself (weakly), not its id: an id can be reused by a later searcher
#: on other content, which would then be given the old content's order.
_RANKS: "weakref.WeakKeyDictionary[object, dict[tuple, dict[tuple[str, str], int]]]" = weakref.WeakKeyDictionary()


def search_ranks(app, query: str) -> dict[tuple[str, str], int]:
    """(kind, id) -> rank of what search finds for ``query`` in the app's mode; empty when search
    is not open yet, fails, or fewer than three letters were typed."""
    searcher = getattr(app.services, "searcher", None)
    if searcher is None or len(query.strip()) < 3:
        return {}
    ranks = _RANKS.setdefault(searcher, {})
    key = (app.mode, query)
    if key not in ranks:
        try:
            hits = app.services.search_in_mode(query, app.mode, limit=SEARCH_LIMIT, as_you_type=True).hits
        except Exception:  # search unavailable: letter-by-letter matching still works
            return {}
        if len(ranks) > 64:
            ranks.clear()
        ranks[key] = {(hit.kind, hit.id): rank for rank, hit in enumerate(hits)}
    return ranks[key]


class _NamedProvider(Provider):
    DISCOVER_LIMIT = 20
    #: The kind search gives this provider's things ("page", "flow", "calculator", "letter").
    KIND: str | None = None
    #: Whether a thing's id is an everyday name for it, as the command line calls it
    #: ("employer-cost", "sick-pay", "pa_off_sick"): a page's id only repeats its title.
    ID_IS_A_NAME = True

    def entries(self) -> Iterable[Entry]:
        raise NotImplementedError

    def _entries(self) -> list[Entry]:
        return list(self.entries()) if self.app.services.base is not None else []

    async def discover(self) -> Hits:
        for label, action, help_text, *_key in self._entries()[: self.DISCOVER_LIMIT]:
            yield DiscoveryHit(label, action, help=help_text)

    def _found(self, query: str) -> dict[str, int]:
        """Id -> rank of this provider's things among everything search finds for ``query``."""
        if self.KIND is None:
            return {}
        return {item: rank for (kind, item), rank in search_ranks(self.app, query).items() if kind == self.KIND}

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = self._found(query)
        full = matcher.match(" ".join(query.lower().split())) or 1.0
        for label, action, help_text, *key in self._entries():
            rank = found.get(key[0]) if key else None
            everyday = (key[0],) if key and self.ID_IS_A_NAME else ()
            score = palette_score(query, label, matcher.match(label), full, rank, everyday)
            if score > 0:
                yield Hit(score, matcher.highlight(label), action, help=help_text)


class PageCommands(_NamedProvider):
    """Open any page offered in this mode by its title."""

    KIND = "page"
    ID_IS_A_NAME = False

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
            yield f"Guided help: {flow.title}", partial(self.app.start_flow, flow.id), flow.describe(self.app.mode), flow.id


class CalculatorCommands(_NamedProvider):
    """Open a calculator: holiday, sick pay, redundancy, minimum wage, deadlines, cost."""

    KIND = "calculator"

    def entries(self) -> Iterable[Entry]:
        for calc in self.app.services.calculators_for(self.app.mode):
            yield f"Calculator: {calc.title}", partial(self.app.open_calculator, calc.name), None, calc.name


class LetterCommands(_NamedProvider):
    """Write a letter from any template (fields the app knows are filled in)."""

    KIND = "letter"

    def entries(self) -> Iterable[Entry]:
        for template in self.app.services.letters_for(self.app.mode):
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
