"""Down from the search box lands on the first result, as Enter does."""

from textual.widgets import OptionList

from tui_helpers import wait_for, wait_ready


async def _searched(app, pilot, query: str) -> OptionList:
    """Type ``query`` in the search box and wait for its results; returns the results list."""
    await wait_ready(app, pilot)
    await pilot.press(*query)
    await wait_for(pilot, lambda: app.screen.shown_query == query)
    return app.screen.query_one("#results", OptionList)


async def test_down_from_search_highlights_the_first_result(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        results = await _searched(app, pilot, "can I pay my daughter")
        await pilot.press("down")
        await pilot.pause()
        assert app.focused is results
        assert results.highlighted == 0


async def test_down_then_enter_on_a_corrected_word_searches_as_typed(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        results = await _searched(app, pilot, "hoilday pay")
        assert results.get_option_at_index(0).id == "search:exact"
        await pilot.press("down")
        await pilot.pause()
        assert results.highlighted == 0


async def test_keys_typed_faster_than_the_search_act_on_the_words_in_the_box(make_app):
    """Down, Down, Up, Enter pressed before the search for the new words is back open the first
    result for the new words, never one for the words typed before (the list is brought up to
    date before it takes the keys)."""
    import threading
    import time

    from guidance.tui.screens.page import PageScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _searched(app, pilot, "tribunal claim")
        services = app.services
        search = services.search

        def slow_in_workers(*args, **kwargs):
            if threading.current_thread() is not threading.main_thread():
                time.sleep(1.0)  # the worker's search comes back long after the keys
            return search(*args, **kwargs)

        services.search = slow_in_workers
        box = app.screen.query_one("#search")
        box.value = "nominated person"
        wanted = [hit for hit in services.searcher.search("nominated person", audience=app.mode, limit=20, as_you_type=True).hits
                  if hit.kind == "page"]
        await pilot.press("down", "down", "up", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PageScreen))
        assert app.screen.page_id == wanted[0].id
