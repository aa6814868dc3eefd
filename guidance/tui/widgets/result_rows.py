"""The rows of the home screen's results list, made off the UI thread.

The search worker turns a search outcome into ``Rows``: the line above the results and the
list's options, each prompt a Textual ``Content`` (title in bold, where it lives dimmed, the
snippet below with the matched words highlighted). Everything slow about a row (styling,
wrapping it to the list's width to know its height) is done in the worker, so the UI thread
only swaps the options in, and does nothing at all when the rows are the same as those shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from textual.content import Content
from textual.widgets.option_list import Option

#: Option id of "search for the words as typed", offered when a word was corrected.
EXACT = "search:exact"


class Fit:
    """How the results list lays out a prompt: its ``width`` in cells for the text, and the
    style ``rules`` that wrapping reads (``line_pad``, ``text_overflow``, ``text_wrap``).
    Read on the UI thread before the worker starts."""

    __slots__ = ("width", "rules")

    def __init__(self, width: int, rules: Mapping[str, object]) -> None:
        self.width, self.rules = width, dict(rules)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Fit) and (self.width, self.rules) == (other.width, other.rules)

    __hash__ = None  # compared, never hashed


class Rows:
    """``suggestion``: the line above the results ("" for none); ``options``: for
    ``OptionList.set_options`` (``None`` is a rule between results); ``hits``: whether any
    result was found. ``fit`` and ``prompts`` (each result's prompt by what it shows) let the
    next keystroke's rows reuse a result that has not changed, already laid out, instead of
    making it again. Made in the worker and not changed after."""

    __slots__ = ("suggestion", "options", "hits", "fit", "prompts")

    def __init__(self, suggestion: str, options: tuple, hits: bool, fit: Fit | None = None, prompts: Mapping[tuple, Content] | None = None) -> None:
        self.suggestion, self.options, self.hits = suggestion, options, hits
        self.fit, self.prompts = fit, prompts or {}

    def same_as(self, other: Rows | None) -> bool:
        """True when ``other`` would show exactly the same line and options."""
        return other is not None and self.suggestion == other.suggestion and _key(self.options) == _key(other.options)


def _key(options: tuple) -> tuple:
    """What the options show: ids, text and its styles (Content's ``==`` compares text only)."""
    return tuple(None if o is None else (o.id, o.disabled, _shown(o.prompt)) for o in options)


def _shown(prompt) -> object:
    return (prompt.plain, tuple(prompt.spans)) if isinstance(prompt, Content) else prompt


def snippet_content(snippet: str) -> Content:
    """A search snippet with its matched words in bold reverse, so the eye lands on the answer."""
    from guidance.search import split_marked  # loaded with the index, not before the first screen

    return Content.assemble(*((piece, "bold reverse") if match else piece for piece, match in split_marked(snippet or "")))


def build_rows(outcome, area_name: Callable[[str], str], fit: Fit | None = None, previous: Rows | None = None,
               cut: tuple[str, ...] = ()) -> Rows:
    """Rows for a search ``outcome`` (``guidance.search.Results``: hits, notes, suggestion and
    any correction). ``area_name`` names a page's area. With ``fit``, each prompt is also
    wrapped once to the list's width here, so the list need not do it on the UI thread; a
    result shown the same way in the ``previous`` rows at the same fit is taken from them.
    ``cut``: what was left out of the query before it was searched (the search box cuts a long
    paste), said in the line above the results with the searcher's own notes of the kind."""
    options: list = []
    note = getattr(outcome, "correction_note", None)
    if note:
        suggestion = f"{note[:1].upper()}{note[1:]}."
        typed = ", ".join(f'"{word}"' for word in outcome.corrections)
        options.append(Option(Content.assemble(("Search for ", "dim"), (typed, "bold"), (" as typed", "dim")), id=EXACT))
    else:
        suggestion = f"Did you mean: {outcome.suggestion}?" if outcome.suggestion else ""
    left_out = [*cut, *outcome.notes_with_hits] if outcome.hits else list(cut)
    if left_out:
        said = "; ".join(dict.fromkeys(left_out))
        suggestion = " ".join(filter(None, (suggestion, f"{said[:1].upper()}{said[1:]}.")))
    if not outcome.hits:
        message = "; ".join(outcome.notes) or "nothing found"
        options.append(Option(f"{message[:1].upper()}{message[1:]}. Or browse by subject (F5).", disabled=True))
    known = previous.prompts if previous is not None and previous.fit == fit else {}
    prompts: dict[tuple, Content] = {}
    for index, hit in enumerate(outcome.hits):
        if index or note:
            options.append(None)  # a rule between results keeps them apart
        kind = getattr(hit, "kind", "page")
        where = area_name(hit.area) if kind == "page" else hit.kind_label
        shown = (hit.title, where, hit.snippet)
        label = known.get(shown) or Content.assemble((hit.title, "bold"), ("  ·  " + where, "dim"), "\n", snippet_content(hit.snippet))
        prompts[shown] = label
        options.append(Option(label, id=hit.id if kind == "page" else f"{kind}:{hit.id}"))
    if fit is not None and fit.width > 0:  # a hidden list has no width: it wraps when shown
        for option in options:
            if option is not None and isinstance(option.prompt, Content):
                option.prompt.get_height(fit.rules, fit.width)  # remembered by the Content
    return Rows(suggestion, tuple(options), bool(outcome.hits), fit, prompts)
