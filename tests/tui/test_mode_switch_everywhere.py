"""F2 (officer or recipient mode) takes effect at once on every screen: what is on screen speaks
to the new mode's reader straight away, on the screen on top and on the screens under it (seen
the moment one comes back, with nothing else pressed). An officer's own tool (my calls, the team
view, the account audit, a letter: writing letters is an officer's work) says at once why it
keeps officer mode."""

from __future__ import annotations

from textual.widgets import Input

from guidance.tui.app import GuidanceApp
from guidance.tui.screens.calculator import CalculatorScreen
from guidance.tui.screens.flow import FlowScreen
from guidance.tui.screens.home import HomeScreen
from guidance.tui.screens.letter import LetterScreen
from guidance.tui.screens.page import PageScreen

from tui_helpers import REPO, TODAY, wait_for, wait_ready

#: A search whose results hold a page written for officers only.
OFFICERS_QUERY = "capacity to manage a direct payment"
OFFICERS_TITLE = "For officers: capacity to manage"


def screen_text(app) -> str:
    """Every character on screen now, line by line, as a person sees it (header, body, footer
    and any notice)."""
    return "\n".join(strip.text.rstrip() for strip in app.screen._compositor.render_strips())


async def _settle(pilot, times: int = 6) -> None:
    for _ in range(times):
        await pilot.pause(0.05)


async def _press_f2(app, pilot) -> tuple[str, str]:
    """The screen's text before and after F2 (the notice it gives cleared first)."""
    app.clear_notifications()
    await _settle(pilot)
    before = screen_text(app)
    await pilot.press("f2")
    await _settle(pilot)
    return before, screen_text(app)


async def _switches(app, pilot, screen_type, *, shows_then: str | None = None, shows_now: str | None = None) -> None:
    """F2 on a ``screen_type`` screen: the text on it changes at once to recipient mode's (and
    ``shows_then`` goes, ``shows_now`` comes); F2 again brings officer mode back the same way."""
    await wait_for(pilot, lambda: isinstance(app.screen, screen_type))
    before, after = await _press_f2(app, pilot)
    assert app.mode == "recipient"
    assert after != before
    assert "officer mode" in before and "recipient mode" in after
    if shows_then:
        await wait_for(pilot, lambda: shows_then not in screen_text(app))
        assert shows_then in before
    if shows_now:
        await wait_for(pilot, lambda: shows_now in screen_text(app))
    before, after = await _press_f2(app, pilot)
    assert app.mode == "officer" and "officer mode" in after and after != before


async def test_f2_changes_what_every_screen_shows_at_once():
    app = GuidanceApp(REPO, TODAY, mode="officer", build_index=True, offer_open_work=False)
    async with app.run_test(size=(120, 34)) as pilot:
        await wait_ready(app, pilot)
        await _switches(app, pilot, HomeScreen, shows_then="what the caller is asking",
                        shows_now="Type your question")

        search = app.screen.query_one("#search", Input)
        search.value = OFFICERS_QUERY
        await wait_for(pilot, lambda: OFFICERS_TITLE in screen_text(app))
        await _switches(app, pilot, HomeScreen, shows_then=OFFICERS_TITLE)  # results
        await wait_for(pilot, lambda: OFFICERS_TITLE in screen_text(app))
        search.value = ""

        app.open_page("statutory-sick-pay")
        await _switches(app, pilot, PageScreen, shows_then="Read out:", shows_now="In short:")
        await pilot.press("escape")

        app.start_flow("pa_off_sick")
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
        await _switches(app, pilot, FlowScreen, shows_then="f4 Call")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))

        app.open_calculator("sick-pay")
        await _switches(app, pilot, CalculatorScreen, shows_then="f4 Call")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_an_officers_tool_says_at_once_why_it_keeps_officer_mode():
    from guidance.tui.screens.account import AccountScreen
    from guidance.tui.screens.my_calls import MyCalls
    from guidance.tui.screens.team import TeamScreen

    app = GuidanceApp(REPO, TODAY, mode="officer", build_index=False, offer_open_work=False)
    async with app.run_test(size=(120, 34)) as pilot:
        await wait_ready(app, pilot, search=False)
        for open_it, screen_type, name in ((app.action_my_calls, MyCalls, "My calls"),
                                           (app.action_team_view, TeamScreen, "The team view"),
                                           (lambda: app.push_screen(AccountScreen()), AccountScreen, "The account audit"),
                                           (lambda: app.open_letter("pa-off-sick"), LetterScreen,
                                            "This letter, written for officers,")):
            open_it()
            await wait_for(pilot, lambda: isinstance(app.screen, screen_type))
            await _press_f2(app, pilot)
            said = " ".join(str(n.message) for n in app._notifications)  # the notice shown at once
            assert app.mode == "officer"
            assert f"{name} is open: close it (Esc) before switching to recipient mode" in said
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_screens_under_the_one_on_top_change_too():
    """F2 on a calculator opened over a page opened from the search: Esc shows the page, then the
    search, each already in recipient mode, with nothing else pressed."""
    app = GuidanceApp(REPO, TODAY, mode="officer", build_index=True, offer_open_work=False)
    async with app.run_test(size=(120, 34)) as pilot:
        await wait_ready(app, pilot)
        app.screen.query_one("#search", Input).value = OFFICERS_QUERY
        await wait_for(pilot, lambda: OFFICERS_TITLE in screen_text(app))
        app.open_page("statutory-sick-pay")
        await wait_for(pilot, lambda: isinstance(app.screen, PageScreen) and "Read out:" in screen_text(app))
        app.open_calculator("sick-pay")
        await wait_for(pilot, lambda: isinstance(app.screen, CalculatorScreen))
        await _press_f2(app, pilot)
        assert app.mode == "recipient"

        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, PageScreen))
        await _settle(pilot, 2)
        page = screen_text(app)
        assert "In short:" in page and "Read out:" not in page and "recipient mode" in page

        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await wait_for(pilot, lambda: OFFICERS_TITLE not in screen_text(app), tries=40)
        assert "recipient mode" in screen_text(app)
        app.screen.query_one("#search", Input).value = ""
        await wait_for(pilot, lambda: "Type your question" in screen_text(app), tries=40)

