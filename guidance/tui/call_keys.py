"""The call's keys on dialogs.

Textual gives a dialog (``ModalScreen``) none of the app's keys. A dialog read during a call (the
glossary) adds ``CALL_KEYS`` to its ``BINDINGS``: each runs the app's own action, with the app's
checks (no call keys in recipient mode or without a call).

Every other dialog (a question to answer: quit, end of call, resume offers, a date, the call
start...) gets the call keys from the app as they are typed (``over_dialog``), never silently
nothing:

- Ctrl+N (call notes) and Ctrl+T (the call's key dates) work over any dialog: the notes open
  over it (Esc goes back to it), the dates are saved. What the caller says is never held up.
- F4 during a call does what it does on a screen without the call panel (the notes, over the
  dialog). F4 with no call on, F8 (end the call) and F10 (my calls) would open another screen or a
  call over a question not yet answered: they say so, and which key to press once it is answered.
- A dialog may word a key's notice itself (``CALL_KEY_NOTICES``: action -> notice), e.g. the call
  start dialog, over which F4 would start a second call, and the end-of-call dialog.
"""

from textual.binding import Binding

CALL_KEYS = [
    Binding("ctrl+n", "app.call_notes", "Call notes", show=False),
    Binding("ctrl+t", "app.call_calendar", "Calendar", show=False),
    Binding("f4", "app.call_panel", "Call panel", show=False),
    Binding("f8", "app.end_call", "End", show=False),
    Binding("f10", "app.my_calls", "My calls", show=False),
]

#: The call keys as the app binds them: key -> the app's action.
ACTIONS = {"ctrl+n": "call_notes", "ctrl+t": "call_calendar", "f4": "call", "f8": "end_call", "f10": "my_calls"}
#: Actions done over a dialog as anywhere else.
OVER_ANY_DIALOG = {"call_notes", "call_calendar"}
#: What a key not done over a dialog does once the dialog is answered.
AFTERWARDS = {
    "call": "F4 then starts a call",
    "end_call": "F8 then ends the call",
    "my_calls": "F10 then lists your calls",
}


def over_dialog(app, dialog, key: str) -> bool:
    """``key`` typed on ``dialog`` (a ``ModalScreen`` without ``CALL_KEYS``): done or said, as the
    module docstring sets out. False when ``key`` is not a call key (it goes to the dialog)."""
    action = ACTIONS.get(key)
    if action is None or CALL_KEYS[0] in getattr(dialog, "BINDINGS", []):
        return False  # not a call key, or the dialog takes the call keys itself
    if app.officer_only(action):
        return True
    notice = getattr(dialog, "CALL_KEY_NOTICES", {}).get(action)
    if notice:
        app.notify(notice, severity="warning")
    elif action in OVER_ANY_DIALOG or (action == "call" and app.call is not None):
        getattr(app, f"action_{action}")()
    else:
        app.notify(f"Answer this dialog first (Esc closes it): {AFTERWARDS[action]}.", severity="warning")
    return True
