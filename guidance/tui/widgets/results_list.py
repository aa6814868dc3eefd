"""The home screen's results list: an ``OptionList`` that, when its options are replaced as a
person types, redraws only the lines that now show something different.

A plain ``OptionList.set_options`` marks the whole list for drawing again and asks for a layout
of the whole screen (its scrollable height changed), on every keystroke. Most keystrokes leave
many results where they were (the same result, worded and highlighted the same, at the same
place), so this list compares what each visible line shows before and after and marks only the
lines that changed. The list's own size never depends on its options (it fills its share of the
screen), so a new scrollable height needs no layout, only its scrollbar redrawn; a scrollbar
appearing or going does need one, and gets it. Everything else is ``OptionList`` unchanged:
the same options, messages, keys and picture.

Written against Textual's ``OptionList`` internals (its line table and the ``_divider`` flag of
an option), which is why Textual's version is pinned; the picture tests would show a change.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.geometry import Region
from textual.widgets import OptionList

#: What a line shows: the option's prompt (compared by identity), then its id, disabled,
#: divider, the line within the option, the option's index (the line carries it for the mouse),
#: highlighted and hovered. ``None`` for a line past the end of the list.
LineKey = tuple | None


class ResultsList(OptionList):
    """``OptionList`` whose ``set_options`` redraws only the visible lines that changed."""

    _quiet: bool = False  # inside set_options: refreshes are collected, not made
    _quiet_layout: bool = False  # a layout was asked for inside set_options

    def set_options(self, options: Iterable) -> ResultsList:
        """Replace the options (as ``OptionList.set_options``: no highlight, scrolled to the top);
        lines that show the same as before are not drawn again."""
        before = self._visible_keys()
        scrollbars = (self.show_vertical_scrollbar, self.show_horizontal_scrollbar)
        self._quiet, self._quiet_layout = True, False
        try:
            super().set_options(options)
        finally:
            self._quiet = False
        after = self._visible_keys()
        if before is None or after is None or len(before) != len(after) or scrollbars != (self.show_vertical_scrollbar, self.show_horizontal_scrollbar):
            return self.refresh(layout=self._quiet_layout)  # the whole list, as OptionList does
        changed = self._changed_regions(before, after)
        if changed:
            self.refresh(*changed)
        return self

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> ResultsList:
        if self._quiet and not recompose:
            self._quiet_layout |= layout
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _visible_keys(self) -> list[LineKey] | None:
        """What each visible line shows (top to bottom), or ``None`` when that cannot be said
        cheaply (not laid out yet, or scrolled away from the top)."""
        height = self.scrollable_content_region.height
        if not self.is_mounted or not height or self.scroll_y:
            return None
        lines, options = self._lines, self.options
        highlighted, hovered = self.highlighted, self._mouse_hovering_over
        keys: list[LineKey] = []
        for y in range(height):
            if y >= len(lines):
                keys.append(None)
                continue
            index, offset = lines[y]
            option = options[index]
            keys.append((option.prompt, option.id, option.disabled, option._divider, offset, index, index == highlighted, index == hovered))
        return keys

    def _changed_regions(self, before: list[LineKey], after: list[LineKey]) -> list[Region]:
        """One region (in content coordinates) per run of lines that show something new."""
        width = self.scrollable_content_region.width
        regions: list[Region] = []
        start = None
        for y, (old, new) in enumerate(zip(before, after)):
            same = old is new or (old is not None and new is not None and old[0] is new[0] and old[1:] == new[1:])
            if not same and start is None:
                start = y
            elif same and start is not None:
                regions.append(Region(0, start, width, y - start))
                start = None
        if start is not None:
            regions.append(Region(0, start, width, len(after) - start))
        return regions
