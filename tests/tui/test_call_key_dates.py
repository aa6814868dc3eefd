"""Ctrl+T puts key dates in a calendar file: the end of sick pay typed as people write dates, and
during a call, from any screen, every key date a calculator worked out in the call."""

import datetime as dt

from icalendar import Calendar

from guidance.tui.screens.calculator import CalculatorScreen
from guidance.tui.screens.home import HomeScreen

from tui_helpers import wait_for, wait_ready


def _events(path):
    calendar = Calendar.from_ical(path.read_bytes())
    return [(e.decoded("dtstart"), str(e.get("summary"))) for e in calendar.walk("VEVENT")]


async def _sick_pay(app, pilot):
    app.open_calculator("sick-pay")
    await wait_for(pilot, lambda: isinstance(app.screen, CalculatorScreen) and app.screen.query("#in-sick_end"))
    screen = app.screen
    screen.query_one("#in-sick_start").value = "2/11/2026"
    screen.query_one("#in-sick_end").value = "20/11/2026"  # a date as people write it
    screen.query_one("#in-work_days").value = "mon,tue,wed,thu,fri"
    screen.query_one("#in-average_weekly_earnings").value = "300"
    await pilot.press("ctrl+r")
    await wait_for(pilot, lambda: screen.last_result is not None)
    return screen


async def test_the_end_of_sick_pay_typed_as_people_write_it_goes_to_the_calendar(make_app, tmp_path):
    app = make_app(build_index=False)
    app.services.downloads = tmp_path
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await _sick_pay(app, pilot)
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: any(tmp_path.glob("*.ics")))
        assert _events(next(tmp_path.glob("*.ics"))) == [(dt.date(2026, 11, 20), "Sick pay worked out to this day")]


async def test_ctrl_t_during_a_call_saves_the_dates_worked_out_in_it_from_any_screen(make_app, tmp_path):
    app = make_app(build_index=False)
    app.services.downloads = tmp_path
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.press("f4", *"ASC-104233", "enter")
        await wait_for(pilot, lambda: app.call is not None)
        await pilot.press("ctrl+t")  # nothing worked out yet: said so, no file
        await wait_for(pilot, lambda: any("No key dates" in n.message for n in app._notifications))
        await _sick_pay(app, pilot)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("ctrl+t")  # the search box has the focus
        await wait_for(pilot, lambda: any(tmp_path.glob("*.ics")))
        saved = next(tmp_path.glob("*.ics"))
        assert "ASC-104233" in saved.name
        assert (dt.date(2026, 11, 20), "Sick pay worked out to this day") in _events(saved)
