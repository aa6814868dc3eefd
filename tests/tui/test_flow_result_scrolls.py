"""A finished guided help at 80x24: PageDown and PageUp scroll the result wherever the focus is
on the screen, so the next steps and the letters below it are in reach without Tab first."""

from __future__ import annotations

from tui_helpers import answer_current, open_flow, wait_for


async def _finished(app, pilot, flow_id: str):
    """``flow_id`` answered to its outcome (first choices, example answers); its screen."""
    screen = await open_flow(app, pilot, flow_id)
    for _ in range(40):
        await wait_for(pilot, lambda: screen.query("#answer") or screen.view.step().finished)
        if screen.view.step().finished:
            break
        await answer_current(screen, pilot)
    await wait_for(pilot, lambda: screen.query("#flow-outcome") and app.focused is not None)
    for _ in range(3):
        await pilot.pause()
    return screen


async def test_pagedown_scrolls_a_finished_guided_help_wherever_the_focus_is(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _finished(app, pilot, "dp_account_review")
        main = screen.query_one("#flow-main")
        assert main.max_scroll_y > 0
        for where in ("#flow-letters", "#continue", None):
            if where is not None and screen.query(where):
                screen.query_one(where).focus()
            main.scroll_home(animate=False)
            await pilot.pause()
            focused = app.focused
            await pilot.press("pagedown")
            await wait_for(pilot, lambda: main.scroll_y > 0, tries=40)
            await pilot.press("pageup")
            await wait_for(pilot, lambda: main.scroll_y == 0, tries=40)
            assert app.focused is focused
