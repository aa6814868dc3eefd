"""Typing at once when the app starts: no key is lost and no screen opens by itself.

Work left unfinished before (guided help, calls, letters) is offered by a line on the home screen
with its own key (Ctrl+O), never by a window that opens a moment after start and takes the first
keys typed, meant for the search box (Enter there would even have chosen the first item)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Label

import guidance.tui.app as app_module
from guidance.tui.app import GuidanceApp
from guidance.tui.screens.home import HomeScreen
from guidance.tui.screens.resume import ResumeWork

from test_recipient_mode import _leave_unfinished
from tui_helpers import REPO, TODAY, type_burst, wait_for, wait_ready


async def test_keys_typed_while_open_work_is_found_go_to_the_search_box():
    await _leave_unfinished("officer", "pa_off_sick")
    app = GuidanceApp(REPO, TODAY, mode="officer", build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.screen_stack and app.screen.query("#search"))  # the first frame
        type_burst(app, "pa off")
        await wait_ready(app, pilot, search=False)
        await wait_for(pilot, lambda: app.open_work is not None)
        await pilot.pause()
        type_burst(app, " sick")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1
        assert app.screen.query_one("#search", Input).value == "pa off sick"
        line = app.screen.query_one("#open-work", Label)
        assert line.display and "1 guided help" in str(line.render()) and "Ctrl+O" in str(line.render())
        await pilot.press("ctrl+o")  # the officer's own key: now the list, to choose from
        await wait_for(pilot, lambda: isinstance(app.screen, ResumeWork))
        await pilot.press("escape")  # start fresh: the line goes, the search is as typed
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.pause()
        assert not app.screen.query_one("#open-work", Label).display and app.open_work is None
        assert app.screen.query_one("#search", Input).value == "pa off sick"
        await pilot.press("ctrl+o")  # nothing left to offer: nothing opens
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_the_line_of_work_left_is_read_in_full_at_80x24():
    """The most that can be left (calls, letters and guided help, each in tens) is said in full:
    at 80 columns the line wraps, never cut ("Ctrl+O to carry on w")."""
    from guidance.tui.messages import OpenWorkFound

    app = GuidanceApp(REPO, TODAY, mode="officer", build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await app.workers.wait_for_complete()
        home = app.screen
        home.show_open_work(OpenWorkFound(calls=[object()] * 12, sessions=[object()] * 13, letters=[object()] * 11))
        await pilot.pause()
        line = home.query_one("#open-work", Label)
        text = str(line.render())
        assert text == "Left unfinished: 12 calls, 11 letters, 13 guided help. Ctrl+O to carry on."
        shown = "".join(line.render_line(y).text for y in range(line.size.height)).replace(" ", "")
        assert shown.endswith("Ctrl+Otocarryon."), shown
        assert line.region.right <= 80


async def test_no_line_and_no_key_without_work_left():
    app = GuidanceApp(REPO, TODAY, mode="officer", build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.open_work is None and not app.screen.query_one("#open-work", Label).display
        assert "ctrl+o" not in app.active_bindings or not app.active_bindings["ctrl+o"].enabled


class KeysBeforeTheFirstFrame(GuidanceApp):
    """The app with a burst of keys already waiting when it starts, as when an officer types
    before the first screen is shown: the terminal hands them over as soon as the app reads it,
    before the home screen has mounted."""

    CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))
    TYPED = "pa off sick"

    def on_load(self) -> None:
        from textual import events

        for char in self.TYPED:
            self.post_message(events.Key("space" if char == " " else char, char))


async def test_keys_typed_before_the_home_screen_is_shown_go_to_the_search_box():
    app = KeysBeforeTheFirstFrame(REPO, TODAY, mode="officer", build_index=False, offer_open_work=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#search", Input).value == "pa off sick"
        assert app.focused is app.screen.query_one("#search", Input)
