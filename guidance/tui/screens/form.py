"""Forms (call start, letters): the first field has the focus from the start, and no key typed
while the form was opening is lost or lands in the wrong place.

Textual sends a key to the focused widget, or to the screen when nothing has the focus yet. A
screen pushed a moment before the officer starts typing has no focused widget until it is
mounted, so the first keys of a burst (the reference typed straight after F4) reached the
screen and were dropped. ``FormScreen`` focuses the first field when the screen mounts and
replays, in order, every key that reached the screen before that field had the focus.

Use it as the first base of a form screen: ``class CallStart(FormScreen, ModalScreen[str])``.
Textual calls ``on_mount`` and ``on_key`` of every class in the chain, so a subclass may have its
own.
"""

from __future__ import annotations

from textual import _time, events

FIELDS = "Input, TextArea, Select, SelectionList"  # the widgets a form is filled in with


class FormScreen:
    """Mixin for a ``Screen`` or ``ModalScreen`` holding a form (see the module docstring).

    ``FIRST_FIELD``: a CSS selector for the field to focus first (the first field by default).
    """

    FIRST_FIELD = FIELDS
    _focused_at: float | None = None  # when the first field took the focus (Textual's clock)

    def on_mount(self) -> None:
        self.focus_first_field()

    def focus_first_field(self, again: bool = False) -> None:
        """Give the first field the focus (unless a field already has it: Textual's auto focus
        may have given it to the scrolling dialog around the fields) and note when. ``again``:
        also after the form has opened (back from somewhere else on the screen)."""
        if self._focused_at is not None and not again:
            return
        fields = [w for w in self.query(self.FIRST_FIELD) if w.focusable]
        if fields and self.focused not in fields:
            self.set_focus(fields[0], scroll_visible=False)
        if self._focused_at is None:
            self._focused_at = _time.get_time()

    def on_key(self, event: events.Key) -> None:
        """A key made before the field had the focus reached the screen: hand it to the field.

        A key made later reaches the screen only by bubbling up unhandled (Escape, Ctrl+S): it
        goes on to the app's bindings as usual. The key handed on is a new event (made now), so
        it bubbles up, if the field does not use it, exactly once."""
        if self._focused_at is None:
            self.focus_first_field()
        target = self.focused
        if target is None or event.time >= self._focused_at:
            return
        event.stop()
        event.prevent_default()
        target.post_message(events.Key(event.key, event.character))
