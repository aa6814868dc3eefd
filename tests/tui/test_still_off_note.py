"""A sickness typed as "still off" in the sick pay calculator goes on the case note (and so the
follow-up letter) and the key dates as still off, worked out to the app's day: never as the day
the PA came back."""

from __future__ import annotations

from tui_helpers import open_calculator


async def test_still_off_goes_on_record_as_still_off(make_app):
    app = make_app(build_index=False)
    recorded = []
    app.record_use = lambda kind, item_id, title, version, run=None, dates=None: recorded.append((title, dates))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calculator(app, pilot, "sick-pay")
        start = app.today.toordinal() - 9
        import datetime as dt

        screen.query_one("#in-sick_start").value = dt.date.fromordinal(start).strftime("%d/%m/%Y")
        screen.query_one("#in-sick_end").value = "still off"
        screen.query_one("#in-work_days").value = "mon,tue,wed,thu,fri"
        screen.query_one("#in-average_weekly_earnings").value = "250"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert recorded, str(screen.query_one("#calc-result").render())
        title, dates = recorded[-1]
        day = f"{app.today.day} {app.today:%B %Y}"
        assert f"Last day off sick still off (worked out to {day})" in title
        assert f"Last day off sick {day}" not in title
        assert any(when == app.today and text.startswith("Still off") for when, text in dates)
