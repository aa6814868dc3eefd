"""Lists and tick boxes that behave alike everywhere in the app.

- Home and End go to the first and last item of every list (Textual's tables and trees only
  scroll sideways or to the top with them, leaving the cursor where it was; a set of choices
  ignored them).
- A tick box or a choice shows whether it is ticked by what it shows, not only by its colour:
  "X" ticked, blank not (Textual shows an "X", or a dot, either way), so the two look different
  in any theme, in high contrast, and to a screen reader reading the text.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.binding import Binding
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.widgets import Checkbox, DataTable, RadioButton, RadioSet, SelectionList, Tree

#: What a tick box or choice shows inside its brackets when not ticked.
UNTICKED = " "


class ShowsTick:
    """Mixin for Textual's ``Checkbox`` and ``RadioButton``: the mark inside shows only when
    ticked (Textual shows it either way, in another colour)."""

    @property
    def _button(self) -> Content:
        button_style = self.get_visual_style("toggle--button")
        side_style = Style(foreground=button_style.background, background=self.background_colors[1])
        return Content.assemble((self.BUTTON_LEFT, side_style),
                                (self.BUTTON_INNER if self.value else UNTICKED, button_style),
                                (self.BUTTON_RIGHT, side_style))


class TickCheckbox(ShowsTick, Checkbox):
    """A ``Checkbox`` whose "X" shows only when ticked."""


class ChoiceButton(ShowsTick, RadioButton):
    """A ``RadioButton`` whose dot shows only when chosen."""


class ChoiceSet(RadioSet):
    """A ``RadioSet`` where Home and End go to the first and last choice."""

    BINDINGS = [
        Binding("home", "first_button", "First", show=False),
        Binding("end", "last_button", "Last", show=False),
    ]

    def action_first_button(self) -> None:
        if self._nodes:
            self._selected = 0

    def action_last_button(self) -> None:
        if self._nodes:
            self._selected = len(self._nodes) - 1


class TickSelectionList(SelectionList):
    """A ``SelectionList`` whose "X" shows only beside the items ticked."""

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        index = self.scroll_offset.y + y
        if not 0 <= index < self.option_count or self.get_option_at_index(index).value in self._selected:
            return line
        segments = list(line)
        if len(segments) < 2:
            return line
        segments[1] = Segment(UNTICKED * len(segments[1].text), segments[1].style, segments[1].control)
        return Strip(segments, line.cell_length)


class RowTable(DataTable):
    """A ``DataTable`` of rows where Home and End go to the first and last row (Textual's own
    Home and End scroll sideways only; Ctrl+Home and Ctrl+End still work)."""

    BINDINGS = [
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
    ]


class ListTree(Tree):
    """A ``Tree`` where Home and End go to the first and last line shown (Textual's scroll the
    tree, leaving the cursor where it was)."""

    BINDINGS = [
        Binding("home", "first_line", "First", show=False),
        Binding("end", "last_line", "Last", show=False),
    ]

    def action_first_line(self) -> None:
        self.cursor_line = 0

    def action_last_line(self) -> None:
        self.cursor_line = self.last_line
