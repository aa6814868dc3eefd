"""Checks across a calculator's fields (the hours against the days, the leaving date against the
start) are all shown at once, each at its field by its label, as the per-field checks are."""

from textual.widgets import Select

from tui_helpers import open_calculator


def _text(widget) -> str:
    return str(widget.render())


async def test_holiday_hours_against_days_and_leaving_before_start_are_shown_together(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calculator(app, pilot, "holiday")
        screen.query_one("#in-basis", Select).value = "hours-per-week"
        for name, value in {"days_per_week": "2", "hours_per_week": "60", "start_date": "1/6/2026",
                            "leaving_date": "1/5/2026"}.items():
            screen.query_one(f"#in-{name}").value = value
        await pilot.press("ctrl+r")
        await pilot.pause()
        hours, leaving = screen.query_one("#label-hours_per_week"), screen.query_one("#label-leaving_date")
        assert hours.has_class("error") and leaving.has_class("error")
        assert "Hours worked a week" in _text(hours) and "more than 24 hours a day" in _text(hours)
        assert "Job ends" in _text(leaving) and "must be after the day the job started" in _text(leaving)
        said = _text(screen.query_one("#calc-result"))
        assert "more than 24 hours a day" in said and "must be after the day the job started" in said


async def test_sick_pay_earnings_and_dates_the_wrong_way_round_are_shown_together(make_app):
    from guidance.calculators.common import CalculatorError
    from guidance.calculators.sick_pay import statutory_sick_pay

    try:  # the core tells both problems of one try, each with its field
        statutory_sick_pay(sick_start="2026-05-10", sick_end="2026-05-04", work_days="mon,tue", average_weekly_earnings="-1",
                           rates=None)
    except CalculatorError as exc:
        assert {p.field for p in exc.problems} == {"average_weekly_earnings", "sick_end"}
    else:
        raise AssertionError("no problem found")


async def test_tribunal_acas_dates_without_the_event_and_day_b_before_day_a_are_shown_together(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calculator(app, pilot, "tribunal-deadline")
        for name, value in {"acas_day_a": "10/3/2026", "acas_day_b": "1/3/2026", "et1_sent": "1/6/2026"}.items():
            screen.query_one(f"#in-{name}").value = value
        await pilot.press("ctrl+r")
        await pilot.pause()
        event, day_b = screen.query_one("#label-event_date"), screen.query_one("#label-acas_day_b")
        assert event.has_class("error") and "Acas dates need the date of dismissal" in _text(event)
        assert day_b.has_class("error") and "Acas certificate (Day B)" in _text(day_b) and "cannot be before Day A" in _text(day_b)
