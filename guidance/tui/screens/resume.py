"""On start: offer back every call this officer left open, unfinished guided help, and letters
written outside a call and never saved."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from guidance.tui.screens.first_field import FirstFieldScreen
from guidance.tui.services import local_time

NOTES_SHOWN = 160  # characters of the notes so far shown in the list


def call_line(call) -> Text:
    """A call as a line to choose: reference, when (UK time), what was used, the notes so far."""
    notes = " ".join(call.notes.split())
    notes = notes if len(notes) <= NOTES_SHOWN else notes[:NOTES_SHOWN] + "…"
    used = f"{len(call.used())} used" if call.items else "nothing used yet"
    drafts = len(getattr(call, "drafts", ()))
    if drafts:  # offered back with the call (see GuidanceApp.offer_drafts)
        used += " · a letter being written" if drafts == 1 else f" · {drafts} letters being written"
    when = f"started {local_time(call.started_at)}" if call.status == "open" else f"ended {local_time(call.ended_at or call.started_at)}"
    return Text.assemble((call.caller_ref, "bold"), f" · {when} · {used}\n",
                         (f"Notes: {notes}" if notes else "No notes yet", "dim"))


def letter_line(draft, title: str) -> Text:
    """A letter left unsaved as a line to choose: its title, reference (if any) and when it
    was last typed into (never the person's name or address)."""
    reference = draft.data.get("reference")
    about = f" ({reference})" if isinstance(reference, str) and reference.strip() else ""
    return Text.assemble((f"{title}{about}", "bold"), f" · last typed {local_time(draft.updated_at)}")


class ResumeWork(FirstFieldScreen, ModalScreen):
    """Returns ("call", Call), ("session", session id), ("letter", StandaloneDraft) or None
    (start fresh)."""

    BINDINGS = [Binding("escape", "fresh", "Start fresh", id="resume.fresh")]
    FIRST_FIELD = "OptionList"  # the first list, focused as it opens, with the keys typed meanwhile

    def __init__(self, calls: list, sessions: list, letters: list = ()):
        """``letters``: (``StandaloneDraft``, the letter's title) pairs."""
        super().__init__()
        self.calls = {call.id: call for call in calls}
        self.sessions = sessions
        self.letters = {draft.id: (draft, title) for draft, title in letters}

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide"):
            if self.calls:
                heading = ("Calls you left open, and letters left unsaved after a call: choose one to carry on"
                           if any(call.status != "open" for call in self.calls.values())
                           else "Calls you left open: choose one to carry on with it")
                yield Static(heading, classes="info-heading")
                yield OptionList(*[Option(call_line(call), id=f"call:{call.id}") for call in self.calls.values()], id="open-calls")
            if self.letters:
                yield Static("Letters you were writing, never saved: choose one to finish it", classes="info-heading")
                yield OptionList(*[Option(letter_line(draft, title), id=f"letter:{draft.id}")
                                   for draft, title in self.letters.values()], id="open-letters")
            if self.sessions:
                yield Static("Unfinished guided help and checklists: choose one to carry on", classes="info-heading")
                yield OptionList(*[Option(s.label, id=f"session:{s.id}") for s in self.sessions], id="open-sessions")
            with Horizontal(classes="buttons"):
                yield Button("Start fresh", id="fresh")

    def on_mount(self) -> None:
        self.query(OptionList).first().highlighted = 0

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        kind, item = event.option.id.split(":", 1)
        if kind == "call":
            self.dismiss(("call", self.calls[item]))
        elif kind == "letter":
            self.dismiss(("letter", self.letters[item][0]))
        else:
            self.dismiss(("session", item))

    @on(Button.Pressed, "#fresh")
    def action_fresh(self) -> None:
        self.dismiss(None)
