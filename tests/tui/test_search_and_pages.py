"""Search, open a page, follow a link inside the app, and come back."""

from guidance.tui.screens.home import HomeScreen
from guidance.tui.screens.page import PageScreen
from textual.widgets import Markdown, OptionList

from tui_helpers import wait_for, wait_ready


async def test_search_open_follow_link_and_back(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press(*"sack my pa")
        results = app.screen.query_one("#results", OptionList)
        await wait_for(pilot, lambda: app.screen.shown_query == "sack my pa")
        first = results.get_option_at_index(0).id
        assert first in {"dismissing-a-pa", "gross-misconduct-and-suspension", "unfair-dismissal-rights"}
        await pilot.press("enter", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PageScreen))
        page_screen = app.screen
        assert page_screen.page_id == first
        link = next(target for target, _ in app.services.base.pages[first].links)
        page_screen.query_one(Markdown).post_message(Markdown.LinkClicked(page_screen.query_one(Markdown), f"page:{link}"))
        await wait_for(pilot, lambda: isinstance(app.screen, PageScreen) and app.screen.page_id == link)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is page_screen)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert app.services.recent_pages()[:2] == [link, first]


async def test_typos_still_find_the_page_and_say_did_you_mean(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press(*"hoilday pay irregualr")
        results = app.screen.query_one("#results", OptionList)
        await wait_for(pilot, lambda: app.screen.shown_query == "hoilday pay irregualr")
        top = [results.get_option_at_index(i).id for i in range(results.option_count) if results.get_option_at_index(i).id][:3]
        assert "holiday-irregular-hours" in top
        said = str(app.screen.query_one("#suggestion").render())
        assert 'Searched for "holiday" instead of "hoilday"' in said  # a correction is never silent
        assert results.get_option_at_index(0).id == "search:exact"  # and the words as typed are offered


async def test_search_offers_guided_help_and_calculators_marked_by_kind(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press(*"off sick ")
        results = app.screen.query_one("#results", OptionList)
        await wait_for(pilot, lambda: app.screen.shown_query == "off sick ")
        ids = [results.get_option_at_index(i).id for i in range(results.option_count) if results.get_option_at_index(i).id]
        assert "flow:pa_off_sick" in ids and "calculator:sick-pay" in ids
        assert ids.index("sickness-absence") < ids.index("calculator:sick-pay")
        label = str(results.get_option(f"flow:pa_off_sick").prompt)
        assert "Guided help" in label


async def test_browse_works_before_the_index_is_ready(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.press("f5")
        tree = app.screen.query_one("#browse")
        assert any(node.label.plain == "Employing a PA" for node in tree.root.children)


async def test_as_at_date_changes_the_figures(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.open_page("minimum-wage")
        await wait_for(pilot, lambda: isinstance(app.screen, PageScreen) and app.focused is not None)  # the page is up
        assert "£12.71" in app.screen._markdown()
        await pilot.press("a")
        await pilot.pause()
        date_input = app.screen.query_one("#date-input")
        assert app.focused is date_input  # the dialog opens on its field: typing goes straight in
        date_input.value = "31/3/2026"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PageScreen) and "£12.21" in app.screen._markdown())
        assert "as at 31 March 2026" in str(app.screen.query_one("#page-facts").render())


async def test_mode_switch_filters_flows(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_ready(app, pilot, search=False)
        flows = app.screen.query_one("#flows", OptionList)
        officer = {flows.get_option_at_index(i).id for i in range(flows.option_count)}
        await pilot.press("f2")
        await pilot.pause()
        recipient = {flows.get_option_at_index(i).id for i in range(flows.option_count)}
        assert app.mode == "recipient"
        assert "capacity_check" in officer and "capacity_check" not in recipient
