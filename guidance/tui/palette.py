"""The command palette (Ctrl+P): Textual's own, with Enter acting on the words typed before it.

Textual's palette lists the commands for the words typed in a worker, a moment after each
keystroke, and Enter chooses whatever the list shows as it is handled: words and Enter typed in
one burst ("Calculator: Statutory redundancy pay" Enter) chose from the list of the words
before the last ones (the redundancy page, not the calculator), and the keys typed straight
after Enter went to the palette as it closed, and were lost. Here Enter waits for the field to
have every key typed before it (``FirstFieldScreen.act_when_typed``, as Enter does on the app's
forms), lists the commands for those words if the list shown is not theirs, and chooses the one
highlighted; the keys typed after it are held and handed, in order, to the screen the command
opens (or the one under the palette).
"""

from __future__ import annotations

from textual import events, on
from textual.command import Command, CommandInput, CommandList, CommandPalette
from textual.widgets import Input
from textual.worker import WorkerCancelled

from guidance.tui.screens.first_field import FirstFieldScreen


class Palette(FirstFieldScreen, CommandPalette):
    """``CommandPalette`` whose Enter acts on the words typed before it (module docstring)."""

    FIRST_FIELD = "CommandInput"
    _asked_for: str | None = None  # the words the list was last asked for
    _chosen: bool = False  # Enter has chosen a command: the palette is closing

    @on(Input.Changed)
    def _words_changed(self, event: Input.Changed) -> None:
        """The words changed: note which words the list is asked for (Textual's own handler,
        after this one, lists the commands for them); once a command has been chosen (the
        palette is closing), nothing is listed."""
        if self._chosen:
            event.stop()
            event.prevent_default()  # Textual's handler would list commands in a palette gone
            return
        self._asked_for = event.value.strip()

    def take_typing(self, event: events.Key) -> bool | None:
        """Enter in the words: choose, once the field has every key typed before it (True: done
        here; the keys after it are held for the screen the command opens)."""
        if event.key == "enter" and isinstance(self.focused, CommandInput) and not self._chosen:
            self.act_when_typed(self._choose_for_words)
            return True
        return None

    def _listed_for(self, words: str) -> bool:
        """Whether the list shown is the whole list for ``words`` (asked for them, and no
        listing under way)."""
        gathering = [w for w in self.workers if w.group == self._GATHER_COMMANDS_GROUP and not w.is_finished]
        return self._asked_for == words and not gathering

    async def _choose_for_words(self) -> None:
        """List the commands for the words in the field, unless the list shown is theirs (then
        the one highlighted, moved to with the arrows, is kept), and run the one highlighted:
        the palette closes first, and the keys held go to the screen the command opens."""
        words = self.query_one(CommandInput).value.strip()
        commands = self.query_one(CommandList)
        if not self._listed_for(words):
            self._cancel_gather_commands()
            self._asked_for = words
            try:
                await self._gather_commands(words).wait()
            except WorkerCancelled:  # the palette was closed meanwhile: nothing to choose
                return
            commands.highlighted = 0 if commands.option_count else None
        index = commands.highlighted
        option = commands.get_option_at_index(index) if index is not None else None
        if not isinstance(option, Command) or option.disabled:
            return  # nothing to choose (no match): the keys held go back to the words
        self._chosen = True
        self._cancel_gather_commands()
        self.app.post_message(CommandPalette.Closed(option_selected=True))
        self.dismiss()
        self.app.call_later(option.hit.command)
