"""The list of unfinished guided help (Ctrl+O, the home screen's line) holds only guided help
not finished: one that reached its end, through the safeguarding exit too, is not listed; and
starting a guided help that has an unfinished session carries on with that session (its answers
kept), so the same guided help is never listed twice."""

from __future__ import annotations

from guidance.tui.screens.flow import FlowScreen
from guidance.tui.screens.home import HomeScreen

from tui_helpers import answer_current, wait_for, wait_ready


async def open_and_leave(app, pilot, flow_id: str) -> str:
    """Open guided help ``flow_id`` from home, answer nothing, Esc: its session id."""
    app.start_flow(flow_id)
    await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
    session_id = app.screen.view.session_id
    await pilot.press("escape")
    await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
    return session_id


async def test_a_flow_ended_through_the_safeguarding_exit_is_no_longer_offered(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        session_id = await open_and_leave(app, pilot, "hiring_a_pa")
        app.find_open_work()  # as on start: the guided help left unfinished is offered back
        await wait_for(pilot, lambda: app.open_work is not None)
        assert [line.id for line in app.open_work.sessions] == [session_id]
        app.resume_session(session_id)
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
        await pilot.press("ctrl+g")  # the safeguarding exit: the guided help's end
        await wait_for(pilot, lambda: app.screen.view.finished)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert app.open_work is None or session_id not in [line.id for line in app.open_work.sessions]
        assert session_id not in [line.id for line in app.services.open_sessions("officer")]


async def test_starting_again_a_flow_left_with_no_answer_carries_on_with_it(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        first = await open_and_leave(app, pilot, "hiring_a_pa")
        for _ in range(2):
            assert await open_and_leave(app, pilot, "hiring_a_pa") == first
        listed = [line for line in app.services.open_sessions("officer") if line.flow_id == "hiring_a_pa"]
        assert [line.id for line in listed] == [first]
        # with an answer given, it is work of its own: starting the guided help again is a new session
        app.resume_session(first)
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
        await answer_current(app.screen, pilot)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert await open_and_leave(app, pilot, "hiring_a_pa") != first
