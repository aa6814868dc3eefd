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

import functools
import inspect

from textual import _time, events
from textual.widgets import Input, TextArea

FIELDS = "Input, TextArea, Select, SelectionList"  # the widgets a form is filled in with
#: Keys held for a field with the characters (the app's own keys, F4 or Ctrl+Q, never are).
#: Seconds a field may be awaited (or a key's turn wait) before the wait counts as lost: a field
#: taken away or a screen switched away from mid-way drops the call that ends it, and every key
#: typed on the screen after would be held for good. It takes milliseconds when all goes well.
LOST_WAIT = 1.0
HELD_KEYS = {"enter", "tab", "shift+tab", "backspace", "delete", "escape", "up", "down", "left", "right",
             "home", "end", "pageup", "pagedown", "space"}


#: Keys that move the focus out of any field (the screen's binding, run once the key has gone
#: up to the app): the keys typed after one are held until it has moved the focus, or they would
#: land in the field it leaves ("abc" Tab "def" gave "abcdef" in the first field; Tab from a
#: drop-down then "3.5" lost the figure).
MOVES_FOCUS = ("tab", "shift+tab")


def moves_focus(widget, key: str) -> bool:
    """True when ``key`` typed on ``widget`` moves the focus to another widget: Tab or Shift+Tab
    anywhere, or a key the widget lists in its ``FOCUS_KEYS`` (Down, Up, Home and End on a tick
    box of a list whose boxes each take the focus). The keys typed after such a key must wait
    until it has moved the focus: Down Space typed fast ticked the box Down left."""
    if widget is None:
        return False
    return key in MOVES_FOCUS or key in getattr(widget, "FOCUS_KEYS", ())


def field_binding(field, key: str) -> str | None:
    """The action a text field (``Input``, ``TextArea``) binds ``key`` to, as Textual's text
    widget declares it (Backspace, Home, Ctrl+U, Ctrl+W, an arrow: not the scrolling keys it
    inherits), or None: not a text field, not such a key, Enter or Esc (each screen's
    ``take_typing`` acts on those), or a key the screen handles itself first (``key_down``)."""
    kind = Input if isinstance(field, Input) else TextArea if isinstance(field, TextArea) else None
    if kind is None or key in ("enter", "escape"):
        return None
    if getattr(field.screen, f"key_{key.replace('+', '_')}", None) is not None:
        return None
    bindings = _editing_keys(kind).get(key)
    return bindings[0].action if bindings else None


@functools.cache
def _editing_keys(kind) -> dict:
    """key -> bindings that Textual's text widget ``kind`` declares itself."""
    from textual.binding import BindingsMap

    return BindingsMap(kind.__dict__.get("BINDINGS", [])).key_to_bindings


def act_in_turn(field, key: str) -> bool:
    """Run the binding text field ``field`` has for ``key`` in the field's own queue, after the
    keys typed before it and before those typed after (True), instead of once the key has gone
    up through every widget to the app, by when the characters typed straight after it had
    reached the field (Ctrl+U "holiday pay" emptied the box after the words were typed; "12.65"
    Backspace "0" gave "12.6"). False: nothing to run (the key goes on as usual)."""
    action = field_binding(field, key)
    if action is None:
        return False
    field.call_later(field.run_action, action)
    return True


class FirstFieldScreen:
    """Mixin for a ``Screen`` or ``ModalScreen`` typed into at once (see the module docstring).

    ``FIRST_FIELD``: a CSS selector for the field to focus first (the first form field by default).
    """

    FIRST_FIELD = FIELDS
    _focused_at: float | None = None  # when the first field took the focus (Textual's clock)
    _held: list | None = None  # keys typed while no field could take them, oldest first
    _awaiting: bool = False  # the field is being replaced (``await_field``)
    _handing_on: bool = False  # a held key is on its way: the next waits for it
    _waiting_since: float | None = None  # when ``_awaiting`` or ``_handing_on`` began (Textual's clock)
    #: The widget with the focus once the keys typed before the Enter being acted on had acted
    #: (``act_when_typed``): Tab, or Space on a choice, typed just before may have moved it.
    entered_in = None

    def on_mount(self) -> None:
        self.focus_first_field()

    def focus_first_field(self, again: bool = False) -> None:
        """Give the first field the focus (unless a field already has it: Textual's auto focus
        may have given it to the scrolling dialog around the fields) and note when; hand it the
        keys held for it. ``again``: also after the screen has opened (back from somewhere else
        on the screen, or a new field put up after ``await_field``)."""
        if self._focused_at is not None and not again:
            return
        fields = [w for w in self.query(self.FIRST_FIELD) if _typed_into(w) is not None]
        if fields:
            inside = self.focused.ancestors_with_self if self.focused is not None else []
            self.field_ready(next((f for f in fields if f in inside), fields[0]))
        elif self.focused is not None and not self._awaiting:
            self.field_ready(self.focused)

    def field_ready(self, field, selection=None) -> None:
        """``field`` (or, for a group such as a list of tick boxes, its first focusable part,
        unless a part of it has the focus) takes the focus, and the keys held for it (typed while
        the screen opened or while its field was being replaced), in order. ``selection``: the
        field's cursor and selection to put back after it takes the focus (a text field selects
        all of its text as it does: a key typed on would replace it)."""
        target = _typed_into(field)
        if target is None:
            return  # nothing to type into: the keys wait for a field
        if self.focused is None or field not in self.focused.ancestors_with_self:
            self.set_focus(target, scroll_visible=False)
            if selection is not None:  # after the field's Focus event, before the keys held
                target.call_later(setattr, target, "selection", selection)
        self._awaiting = False
        if not self._handing_on:
            self._waiting_since = None
        if self._focused_at is None:
            self._focused_at = _time.get_time()
        self._hand_on()

    def await_field(self) -> None:
        """The field with the focus is about to be replaced (called as the key that replaces it
        is handed out): hold the keys typed from now on for the next field (``field_ready``)."""
        self._hold_keys_typed_from_now()
        self.set_focus(None)

    def _hold_keys_typed_from_now(self) -> None:
        """Hold the keys typed from now on (``field_ready`` hands them on); the focus stays where
        it is, so the keys typed before now still act there as they reach the app (an arrow
        moving to another choice, Space ticking a box: bindings of the widget with the focus)."""
        self._focused_at, self._awaiting, self._waiting_since = None, True, _time.get_time()

    def act_when_typed(self, action) -> None:
        """Run ``action`` (Enter's: give the answer, close the dialog) once the field with the
        focus has every key typed before now, holding the keys typed after it; then they go to
        the field that has the focus (the same field, if ``action`` put up no other), or to the
        screen under this one if ``action`` closed it. Textual acts on Enter only after the
        keys typed after it reached the field: the field would hold them when the action reads it."""
        field = self.focused
        if field is None:
            return
        self._hold_keys_typed_from_now()  # the focus stays until the keys typed before have acted

        async def act() -> None:
            self.entered_in = self.focused
            self.set_focus(None)
            selection = getattr(field, "selection", None)  # where the cursor was as Enter was handled
            result = action()
            if inspect.isawaitable(result):
                await result
            if self.app.screen is not self:
                self._hand_to_app()
            else:  # after the new field, if any, has been put up and given the focus
                self.call_after_refresh(self._settle, field, selection)

        after_keys(field, self.call_later, act)  # the keys typed before, then (on the screen) act

    def _settle(self, field, selection=None) -> None:
        """No new field was put up after ``act_when_typed``: the keys held go to the field the
        action gave the focus to, if any (the first answer marked wrong), else to ``field`` again
        (a refused answer, to correct it; its cursor where it was, ``selection``, so the keys
        typed on add to what it holds as they would have had Enter never been pressed), or to
        the first field."""
        if not self._awaiting:
            return
        if self.focused is not None:  # the action gave a field the focus (the first answer refused)
            self.field_ready(self.focused)
        elif field.is_attached and field.focusable:
            self.field_ready(field, selection)
        else:
            self.focus_first_field(again=True)

    def _hand_to_app(self) -> None:
        """This screen has closed: the keys held go to the screen under it, in order."""
        held, self._held = self._held or [], None
        for key in held:
            self.app.post_message(events.Key(key.key, key.character))

    def on_key(self, event: events.Key) -> None:
        """A key made before the field had the focus reached the screen: hand it to the field
        (or hold it until there is one).

        A key made later reaches the screen only by bubbling up unhandled (Escape, Ctrl+S): it
        goes on to the app's bindings as usual. The key handed on is a new event (made now), so
        it bubbles up, if the field does not use it, exactly once."""
        if self._focused_at is None and not self._awaiting:
            self.focus_first_field()
        if self._awaiting and self._waiting_since is not None and event.time < self._waiting_since:
            return  # typed before the Enter being acted on: it acts first, where it was typed
        ready = self._focused_at is not None and self.focused is not None
        if ready and event.time >= self._focused_at:
            return
        event.stop()
        event.prevent_default()
        self._held = (self._held or []) + [event]
        self._hand_on()

    def hold_key(self, event: events.Key) -> bool:
        """Called by the app as it hands each key out: True when the key joins the keys held
        for this screen's field (the screen is still opening, its field is being replaced, or
        keys typed before this one are still on their way), to be handed on after them, in
        order. Any other key (Ctrl+R: work it out) is held while keys typed before it are on
        their way, so that it acts after them (Tab 3.5 Ctrl+R typed fast worked it out before
        3.5 was in its field, and lost it). The app's own keys (F4, Ctrl+Q) are never held."""
        if _app_key(self.app, event.key):
            return False
        if event.key not in HELD_KEYS and not event.is_printable and not self._acts_by_binding(event):
            if not (self._held or self._handing_on):
                return False
        self._end_lost_wait()
        busy = self._held or self._handing_on or self._awaiting or self._focused_at is None
        if not busy and not moves_focus(self.focused, event.key):
            return False  # a field's own binding, if any, is run in its turn by the app (``act_in_turn``)
        self._held = (self._held or []) + [event]
        self._hand_on()
        return True

    def _acts_by_binding(self, event: events.Key) -> bool:
        """True for Tab or Shift+Tab in a text field, or a key the field acts on through its own
        binding (``field_binding``): such a key is held, with the keys after it, while keys
        typed before it are still on their way, and Tab always (see ``MOVES_FOCUS``)."""
        field = self.focused
        if not isinstance(field, (Input, TextArea)):
            return False
        return event.key in MOVES_FOCUS or field_binding(field, event.key) is not None

    def _end_lost_wait(self) -> None:
        """A wait for a field or for a key's turn that has lasted ``LOST_WAIT`` seconds was lost
        (its field was taken away, its screen switched away from): end it, give the focus to
        the first field if nothing has it, and hand on the keys held, so that the screen never
        stops taking keys."""
        if self._waiting_since is None or _time.get_time() - self._waiting_since < LOST_WAIT:
            return
        self._awaiting, self._handing_on, self._waiting_since = False, False, None
        if self.focused is None:
            self.focus_first_field(again=True)
        elif self._focused_at is None:
            self.field_ready(self.focused)
        self._hand_on()

    def _hand_on(self) -> None:
        """Hand the held keys on, in order: a character at once (the field takes it in turn), any
        other key (Enter, Tab, an arrow) once the keys before it are handled, so that the screen's
        ``take_typing``, which sees each first as it sees keys typed later, acts on what is in the
        field by then (Enter moving on to the next field, or closing a dialog)."""
        while self._held and not self._handing_on:
            if self.app.screen is not self:  # closed by a key handed on (Enter on a dialog)
                self._hand_to_app()
                return
            if self.focused is None or self._focused_at is None or self._awaiting:
                return  # no field yet, or one being replaced: the keys wait for it
            if not self._held[0].is_printable:
                self._handing_on, self._waiting_since = True, _time.get_time()
                after_keys(self.focused, self._hand_on_next)
                return
            self._give(self._held.pop(0))

    def _hand_on_next(self) -> None:
        """The keys before the first held key (not a character) are handled: hand it on, and
        the keys after it once it has been acted on (its binding run, as it reaches the app)."""
        self._handing_on, self._waiting_since = False, None
        if not self._held:
            return
        if self.app.screen is self and self.focused is not None and self._focused_at is not None and not self._awaiting:
            field = self.focused
            self._give(self._held.pop(0))
            if self.app.screen is self and not self._awaiting and field.is_attached:
                self._handing_on, self._waiting_since = True, _time.get_time()
                after_keys(field, self._acted_on)
                return
        self._hand_on()

    def _acted_on(self) -> None:
        """The key handed on last has been acted on: hand on the keys after it."""
        self._handing_on, self._waiting_since = False, None
        self._hand_on()

    def _give(self, key: events.Key) -> None:
        """One held key to the screen's ``take_typing``, then (unless it did what the key asks)
        to the field, as the app hands a key out: its bindings run once, when it reaches the app."""
        event = events.Key(key.key, key.character)
        event._sender = self.app  # as if from the app: Textual stops a key bubbling at its sender
        take_typing = getattr(self, "take_typing", None)
        if take_typing is None or take_typing(event) is not True:
            self.focused._forward_event(event)


def _app_key(app, key: str) -> bool:
    """True for a key the app acts on as it is typed, wherever the focus is (a priority binding:
    F4, Ctrl+Q): never held for a field."""
    return any(binding.priority for binding in app._bindings.key_to_bindings.get(key, ()))


def _typed_into(field):
    """The widget that takes the keys for ``field``: itself, or its first focusable part (a list
    of tick boxes); None when nothing in it can have the focus."""
    if field.focusable:
        return field
    return next((part for part in field.query("*") if part.focusable), None)


def after_keys(widget, callback, *args) -> None:
    """Call ``callback(*args)`` once every key already sent to ``widget`` has been handled: by
    the widget, or by a binding of the widget, the screen or the app once the key has bubbled
    up to them (Space ticking a box, Enter pressing a button: Textual runs bindings when the key
    reaches the app). The call goes up the same way, one queue after another, so it comes after
    each of those keys everywhere on the way."""
    parent = widget.parent
    if parent is None:
        widget.call_later(callback, *args)
    else:
        widget.call_later(after_keys, parent, callback, *args)
