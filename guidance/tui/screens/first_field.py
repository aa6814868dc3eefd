"""Screens typed into at once (forms, the home screen's search box, a list to choose from): the
first field has the focus from the start, and no key typed while the screen was opening, or while
it was putting up its next field, is lost or lands in the wrong place.

Textual sends a key to the focused widget, or to the screen when nothing has the focus yet. A
screen pushed a moment before the person starts typing has no focused widget until it is
mounted, so the first keys of a burst (the reference typed straight after F4, the words typed as
the app starts) reached the screen and were dropped. ``FirstFieldScreen`` focuses the first field
when the screen mounts and replays, in order, every key that reached the screen before that field
had the focus.

A screen that replaces its field (guided help: the next question's answer after Enter) calls
``await_field()`` as the key that replaces it is handed out: the keys typed after it are held
until ``focus_first_field(again=True)`` gives the new field the focus, then handed to it in order.

Use it as a base before ``Screen``: ``class CallStart(FirstFieldScreen, ModalScreen[str])``.
Textual calls ``on_mount`` and ``on_key`` of every class in the chain, so a subclass may have its
own.
"""

from __future__ import annotations

from textual import _time, events

FIELDS = "Input, TextArea, Select, SelectionList"  # the widgets a form is filled in with


class FirstFieldScreen:
    """Mixin for a ``Screen`` or ``ModalScreen`` typed into at once (see the module docstring).

    ``FIRST_FIELD``: a CSS selector for the field to focus first (the first form field by default).
    """

    FIRST_FIELD = FIELDS
    _focused_at: float | None = None  # when the first field took the focus (Textual's clock)
    _held: list | None = None  # keys typed while no field could take them, oldest first
    _awaiting: bool = False  # the field is being replaced (``await_field``)

    def on_mount(self) -> None:
        self.focus_first_field()

    def focus_first_field(self, again: bool = False) -> None:
        """Give the first field the focus (unless a field already has it: Textual's auto focus
        may have given it to the scrolling dialog around the fields) and note when; hand it the
        keys held for it. ``again``: also after the screen has opened (back from somewhere else
        on the screen, or a new field put up after ``await_field``)."""
        if self._focused_at is not None and not again:
            return
        self._awaiting = False
        fields = [w for w in self.query(self.FIRST_FIELD) if w.focusable]
        if fields and self.focused not in fields:
            self.set_focus(fields[0], scroll_visible=False)
        if self._focused_at is None and self.focused is not None:
            self._focused_at = _time.get_time()
            self._hand_on_held()

    def await_field(self) -> None:
        """The field with the focus is about to be replaced (called as the key that replaces it
        is handed out): hold the keys typed from now on for the next field
        (``focus_first_field(again=True)``)."""
        self._focused_at, self._awaiting = None, True
        self.set_focus(None)

    def _hand_on_held(self) -> None:
        held, self._held = self._held or [], None
        for key in held:
            self.focused.post_message(events.Key(key.key, key.character))

    def on_key(self, event: events.Key) -> None:
        """A key made before the field had the focus reached the screen: hand it to the field
        (or hold it until there is one).

        A key made later reaches the screen only by bubbling up unhandled (Escape, Ctrl+S): it
        goes on to the app's bindings as usual. The key handed on is a new event (made now), so
        it bubbles up, if the field does not use it, exactly once."""
        if self._focused_at is None and not self._awaiting:
            self.focus_first_field()
        target = self.focused if self._focused_at is not None else None
        if target is not None and event.time >= self._focused_at:
            return
        event.stop()
        event.prevent_default()
        if target is None:
            self._held = (self._held or []) + [event]
        else:
            target.post_message(events.Key(event.key, event.character))
