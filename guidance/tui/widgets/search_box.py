"""The home screen's search box: an ``Input`` whose keystrokes never lay out the whole screen.

``Input`` records the width of its text as its scrollable size on every change, and a change of
scrollable size asks for a layout of the screen (every widget placed again) before the next
frame. The box itself is always the same size (a line of text in a border, as wide as its
column), and it scrolls its own text, so here that size is kept without a layout: a keystroke
only redraws the box (and the results, when they change).
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input

from guidance.query_limits import MAX_QUERY_CHARS


class SearchBox(Input):
    """``Input`` whose scrollable size (the width of the text typed) changes without a layout."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    #: Whether the text now in the box was cut to ``MAX_QUERY_CHARS`` (a long paste): the
    #: results line says only part was searched. A shorter text clears it.
    cut = False

    def validate_value(self, value: str) -> str:
        """Keep only what search reads, at once: a long paste is cut here, not searched whole."""
        self.cut = len(value) >= MAX_QUERY_CHARS and (self.cut or len(value) > MAX_QUERY_CHARS)
        return value[:MAX_QUERY_CHARS]
