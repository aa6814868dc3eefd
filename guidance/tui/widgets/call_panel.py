"""The call panel: caller reference, notes as typed, and what has been used so far.

Wide terminals show it beside the content. Below 100 columns (80×24 first) it collapses to one
line under the content, so the page keeps the width; Ctrl+N opens the notes there and Esc or
moving on folds them away again.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, Static

# TextArea is imported where the panel is made: the home screen imports this module, and the
# text box's import is a tenth of a bare app's start, paid only once a call is on.


class CallPanel(Vertical):
    """Shown beside (or under) search, pages and guided help while a call is on (F4 hides it)."""

    DEFAULT_CLASSES = "call-panel"
    BINDINGS = [Binding("escape", "fold", "Close notes", id="call_panel.fold", show=False)]

    def compose(self) -> ComposeResult:
        from textual.widgets import TextArea

        yield Label("", id="call-ref", classes="info-heading")
        yield Label("Notes (what the caller asked first)", classes="call-extra")
        yield TextArea(id="call-notes", soft_wrap=True, show_line_numbers=False)
        yield Label("Used in this call", classes="info-heading call-extra")
        yield Static("", id="call-items", markup=False, classes="call-extra")

    def on_mount(self) -> None:
        self.call_after_refresh(self.refresh_call)

    def refresh_call(self) -> None:
        """Show the app's current call (or hide when there is none)."""
        state = self.app.call
        self.display = state is not None and self.app.show_call_panel
        if state is None or not self.query("#call-ref"):
            return  # no call, or not composed yet (on_mount refreshes it then)
        call = state.call
        used = call.used()
        self.query_one("#call-ref", Label).update(
            f"Call {call.caller_ref} · {len(used)} used · Ctrl+N notes · F8 end")
        notes = self.query_one("#call-notes")
        if notes.text != state.notes:
            notes.load_text(state.notes)
            notes.move_cursor(notes.document.end)  # what is typed next follows the notes so far
        lines = [f"• {item.title}" + (f" (v{item.version})" if item.version else "") + (f" ×{item.count}" if item.count > 1 else "")
                 for item in used]
        self.query_one("#call-items", Static).update("\n".join(lines) or "Nothing yet.")

    _came_from = None  # the widget that had the focus before Ctrl+N: Esc goes back to it

    def open_notes(self) -> None:
        notes = self.query_one("#call-notes")
        if self.screen.focused is not notes:
            self._came_from = self.screen.focused
        self.add_class("-open")
        notes.focus()

    def action_fold(self) -> None:
        """Esc in the notes: fold them and go back to where the officer was (the search box, the
        field, the page) before Ctrl+N."""
        self.remove_class("-open")
        back, self._came_from = self._came_from, None
        if back is not None and back.is_attached and back.focusable and back not in self.query("*"):
            self.screen.set_focus(back)
        else:
            self.screen.focus_next()

    def on_descendant_blur(self) -> None:
        self.call_after_refresh(self._fold_if_left)

    def _fold_if_left(self) -> None:
        if not self.has_focus_within:
            self.remove_class("-open")

    def on_text_area_changed(self, event) -> None:
        """The notes typed (``TextArea.Changed`` from #call-notes): saved to the call."""
        state = self.app.call
        if event.text_area.id == "call-notes" and state is not None and event.text_area.text != state.notes:
            self.app.save_call_notes(event.text_area.text)


class CallPanelHost:
    """Mixin for screens that show the call panel beside their content.

    The panel (with its text box) is mounted only once a call is on, so screens open fast and an
    officer who never takes calls never pays for it.
    """

    CALL_PANEL_PARENT = ""  # selector of the container the panel sits in, beside the content

    def sync_call_panel(self) -> None:
        panels = self.query(CallPanel)
        if panels:
            panels.first().refresh_call()
        elif self.app.call is not None and self.app.show_call_panel:
            parents = self.query(self.CALL_PANEL_PARENT)
            if parents:  # not yet there while the screen is still being made: it syncs on mount
                parents.first().mount(CallPanel())
