"""The home screen's loading line says what is happening now, on every path: it never keeps
"Opening the search…" once the search is open, or once opening it has failed."""

import threading

from guidance.tui.screens.home import HomeScreen
from guidance.tui.screens.page import PageScreen

from tui_helpers import wait_for, wait_ready


def loading_text(app) -> str:
    """What the loading line shows ('' when it is hidden)."""
    line = app.screen_stack[0].query_one("#loading")
    return str(line.render()) if line.display else ""


async def test_line_goes_when_the_search_opens(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.pause()
        assert loading_text(app) == ""


async def test_line_goes_when_the_search_opens_behind_another_screen(make_app, monkeypatch):
    """The search finishes opening while a page is on top: back home, the line has gone."""
    app = make_app()
    opened = app.services.open_search
    release = threading.Event()

    def slow_open():
        release.wait(60)
        return opened()

    monkeypatch.setattr(app.services, "open_search", slow_open)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await wait_for(pilot, lambda: "Opening the search" in loading_text(app))
        app.open_page("statutory-sick-pay")
        await wait_for(pilot, lambda: isinstance(app.screen, PageScreen))
        release.set()
        await wait_for(pilot, lambda: app.services.searcher is not None)
        await pilot.pause()
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.pause()
        assert "Opening the search" not in loading_text(app)
        await pilot.press(*"holiday")
        await wait_for(pilot, lambda: app.screen.shown_query == "holiday")


async def test_line_says_so_when_the_search_cannot_open(make_app, monkeypatch):
    app = make_app()

    def broken():
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(app.services, "open_search", broken)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await wait_for(pilot, lambda: "Opening the search" not in loading_text(app))
        text = loading_text(app)
        assert "Search is not available" in text and "F5" in text
        assert app.is_running


async def test_line_says_so_when_the_guidance_cannot_load(make_app, monkeypatch):
    app = make_app()

    def broken():
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(app.services, "load_content", broken)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: "Loading the guidance" not in loading_text(app), tries=200)
        assert "could not be loaded" in loading_text(app)
        assert app.is_running


async def test_my_calls_does_not_keep_loading_when_the_records_are_unreachable(make_app, tmp_path, monkeypatch):
    from guidance.tui.screens.my_calls import MyCalls

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the records folder should be")
    monkeypatch.setenv("GUIDANCE_DATABASE_URL", f"sqlite:///{blocker / 'records.sqlite3'}")
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.press("f10")
        await wait_for(pilot, lambda: isinstance(app.screen, MyCalls))
        listing = app.screen.query_one("#my-calls-list")
        await wait_for(pilot, lambda: "Loading" not in str(listing.get_option_at_index(0).prompt))
        assert "cannot be listed" in str(listing.get_option_at_index(0).prompt)
        assert app.is_running
