"""Faults a new user found at 80x24, each driven as a person would with Pilot."""

import datetime as dt

from textual.widgets import Input

from guidance.tui.screens.page import PageScreen

from tui_helpers import TODAY, wait_for, wait_ready


async def test_the_as_at_dialog_offers_the_date_day_first_and_reads_it_back(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.open_page("statutory-sick-pay")
        await wait_for(pilot, lambda: isinstance(app.screen, PageScreen))
        page = app.screen
        await pilot.press("a")
        await pilot.pause()
        offered = app.screen.query_one("#date-input", Input).value
        assert offered == "25 November 2026"
        assert "2026-" not in offered
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is page)
        assert page.shown_date == TODAY


def test_a_flow_date_answer_is_offered_day_first():
    from guidance.tui.flow_view import Step

    step = Step(node_id="start", kind="date", text="When?", default=dt.date(2026, 12, 2))
    assert step.default_text == "2 December 2026"
