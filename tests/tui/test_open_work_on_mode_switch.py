"""A mode switch (F2) looks again for the new mode's work left unfinished: the home screen's
Ctrl+O line shows the officer's work after switching to officer mode, however the app started,
and comes back after switching away and back, until the officer answers it (carries on with
one, or sets it aside with Esc)."""

from __future__ import annotations

from textual.widgets import Label

from guidance.tui.app import GuidanceApp
from guidance.tui.screens.resume import ResumeWork

from test_recipient_mode import _leave_unfinished
from tui_helpers import REPO, TODAY, wait_for, wait_ready


def _line(app) -> str:
    label = app.screen_stack[0].query_one("#open-work", Label)
    return str(label.render()) if label.display else ""


async def _switch(app, pilot, mode: str) -> None:
    await pilot.press("f2")
    await wait_for(pilot, lambda: app.mode == mode)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_switching_to_officer_mode_offers_the_officers_work():
    await _leave_unfinished("officer", "pa_off_sick")
    app = GuidanceApp(REPO, TODAY, mode="recipient", build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert _line(app) == ""  # the recipient left nothing unfinished
        await _switch(app, pilot, "officer")
        await wait_for(pilot, lambda: "1 guided help" in _line(app))
        assert "Ctrl+O" in _line(app)


async def test_the_offer_comes_back_after_switching_away_and_back_until_answered():
    await _leave_unfinished("officer", "pa_off_sick")
    app = GuidanceApp(REPO, TODAY, mode="officer", build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await wait_for(pilot, lambda: "1 guided help" in _line(app))
        await _switch(app, pilot, "recipient")
        assert _line(app) == "" and app.open_work is None  # not the recipient's work
        await _switch(app, pilot, "officer")
        await wait_for(pilot, lambda: "1 guided help" in _line(app))
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, ResumeWork))
        await pilot.press("escape")  # set aside: not offered again this run
        await wait_for(pilot, lambda: not isinstance(app.screen, ResumeWork))
        await _switch(app, pilot, "recipient")
        await _switch(app, pilot, "officer")
        assert _line(app) == "" and app.open_work is None
