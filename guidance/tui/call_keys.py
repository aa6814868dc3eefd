"""The call's keys for dialogs.

Textual gives a dialog (``ModalScreen``) none of the app's keys, so on a dialog an officer reads
during a call (the glossary) Ctrl+N, Ctrl+T, F4, F8 and F10 would do nothing. A dialog adds
``CALL_KEYS`` to its ``BINDINGS``: each runs the app's own action, with the app's checks (no call
keys in recipient mode or without a call).
"""

from textual.binding import Binding

CALL_KEYS = [
    Binding("ctrl+n", "app.call_notes", "Call notes", show=False),
    Binding("ctrl+t", "app.call_calendar", "Calendar", show=False),
    Binding("f4", "app.call_panel", "Call panel", show=False),
    Binding("f8", "app.end_call", "End", show=False),
    Binding("f10", "app.my_calls", "My calls", show=False),
]
