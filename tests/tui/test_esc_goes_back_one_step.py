"""Esc always goes back one step: from a page's read-out answer and facts (I at 80 columns) or its
contents (T) to the page's text, not out of the page; from changing an earlier answer in guided
help to the question it was left at, not out of the guided help."""

from guidance.tui.screens.flow import FlowScreen
from guidance.tui.screens.page import PageScreen
from guidance.tui.screens.pick_answer import PickAnswer

from tui_helpers import answer_current, wait_for, wait_ready


async def test_esc_from_a_pages_facts_goes_back_to_the_page(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.open_page("statutory-sick-pay")
        await wait_for(pilot, lambda: isinstance(app.screen, PageScreen) and app.screen.query("#page-info"))
        page = app.screen
        await pilot.pause()
        body, info = page.query_one("#page-body"), page.query_one("#page-info")
        await pilot.press("i")
        await pilot.pause()
        assert info.display and not body.display
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is page and body.display and not info.display
        assert page.focused is not None and body in page.focused.ancestors_with_self
        await pilot.press("t")  # the contents, opened by the officer at 80 columns
        await pilot.pause()
        assert body.show_table_of_contents
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is page and not body.show_table_of_contents
        await pilot.press("escape")  # from the page itself: back where it was opened from
        await wait_for(pilot, lambda: app.screen is app.screen_stack[0])


async def test_esc_while_changing_an_earlier_answer_goes_back_to_the_question(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.start_flow("pa_off_sick")
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
        flow = app.screen
        for _ in range(2):
            await answer_current(flow, pilot)
        where = flow.view.step().node_id
        await pilot.press("ctrl+y")
        await wait_for(pilot, lambda: isinstance(app.screen, PickAnswer))
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is flow and flow.changing)
        await pilot.press("escape")
        await wait_for(pilot, lambda: not flow.changing)
        assert app.screen is flow and flow.view.step().node_id == where
