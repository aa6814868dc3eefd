"""The calculator form says from the start which inputs the chosen basis needs, naming the basis
as the drop-down shows it, not "(optional)" until Ctrl+R."""

from tui_helpers import open_calculator


async def test_holiday_days_a_week_says_when_it_is_needed_before_any_calculation(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_calculator(app, pilot, "holiday")
        said = str(screen.query_one("#label-days_per_week").render())
        assert "(optional)" not in said
        assert "needed when How the PA works is 'days per week'" in said
        assert "(optional)" in str(screen.query_one("#label-start_date").render())
