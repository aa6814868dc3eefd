"""A page shown "as at" an earlier day states the rule of that day, in its body and its read-out."""

from guidance.tui.screens.page import PageScreen

from tui_helpers import wait_for, wait_ready


async def test_ssp_page_as_at_1_june_2025_reads_out_the_2025_rule(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.open_page("statutory-sick-pay")
        await wait_for(pilot, lambda: isinstance(app.screen, PageScreen))
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#date-input").value = "1/6/2025"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PageScreen) and "£118.75" in app.screen._markdown())
        assert "cannot be shown" not in app.screen._markdown()
        read_out = str(app.screen.query_one("#page-summary").render())
        assert "four days in a row" in read_out
        assert "however little they earn" not in read_out


async def test_a_page_as_at_a_day_before_the_figures_says_so_plainly(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.open_page("statutory-sick-pay")
        await wait_for(pilot, lambda: isinstance(app.screen, PageScreen))
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#date-input").value = "1/1/2014"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PageScreen) and app.screen.on_date is not None)
        body = app.screen._markdown()
        assert "figures are kept from 6 April 2015" in body
        assert "rate '" not in body and "ssp_" not in body


async def test_a_page_as_at_a_day_after_the_figures_are_known_says_they_may_change(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.open_page("minimum-wage")
        await wait_for(pilot, lambda: isinstance(app.screen, PageScreen))
        assert "may change" not in app.screen._markdown()
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#date-input").value = "1/6/2029"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PageScreen) and app.screen.on_date is not None)
        assert ("> **Warning:** The figures are known to be right until 31 March 2027; for 1 June 2029 these are "
                "the latest on record and may change") in app.screen._markdown()
