"""Keys typed faster than the app handles them all arrive, in order, and the results shown are
those of the words in the box."""

import pytest
from textual.widgets import OptionList, Tree

from tui_helpers import type_burst, wait_for, wait_ready


async def _typed_fast_from(app, pilot, widget, text: str):
    """Put the focus on ``widget``, type ``text`` in one burst (added to the words in the box)
    and wait for the search to settle."""
    widget.focus()
    await pilot.pause()
    type_burst(app, text)
    box = app.screen.query_one("#search")
    await wait_for(pilot, lambda: app.screen.shown_query == box.value and box.value.endswith(text), tries=400)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return box


async def test_a_burst_of_keys_typed_in_the_results_all_reach_the_search_box(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press(*"pa")
        await wait_for(pilot, lambda: app.screen.shown_query == "pa")
        results = app.screen.query_one("#results", OptionList)
        words = "pa"
        for text in ("y", "ment of holiday", "s due"):  # each burst added to the words, as typed in the box
            words += text
            box = await _typed_fast_from(app, pilot, results, text)
            assert box.value == words
            assert app.screen.shown_query == words


async def test_a_burst_of_keys_typed_in_browse_all_reach_the_search_box(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("f5")
        await wait_for(pilot, lambda: isinstance(app.focused, Tree))
        box = await _typed_fast_from(app, pilot, app.focused, "employer insurance")
        assert box.value == "employer insurance"
        assert app.screen.shown_query == "employer insurance"


async def test_a_reference_typed_in_one_burst_with_f4_goes_to_the_call_start(make_app):
    """F4 is acted on as it is typed: the keys after it in the same burst go to the call start
    dialog, not to the search box that had the focus when they were typed."""
    from textual import events

    from guidance.tui.screens.call_start import CallStart

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.post_message(events.Key("f4", None))
        type_burst(app, "ASC-104233")
        await wait_for(pilot, lambda: isinstance(app.screen, CallStart), tries=200)
        await pilot.pause()
        assert app.screen.query_one("#caller-ref").value == "ASC-104233"
        assert app.screen_stack[0].query_one("#search").value == ""


@pytest.mark.parametrize("key, want", [("ctrl+u", "holiday pay"), ("ctrl+w", "pa off holiday pay"),
                                       ("backspace", "pa off sicholiday pay")])
async def test_a_key_editing_the_search_typed_in_the_results_edits_the_box_before_the_words_after(make_app, key, want):
    """Ctrl+U, Ctrl+W or Backspace typed in the results list edits the search box's words, in
    turn: the words typed straight after it are added, never emptied by it."""
    from textual import events

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press(*"pa off sick")
        await wait_for(pilot, lambda: app.screen.shown_query == "pa off sick")
        results = app.screen.query_one("#results", OptionList)
        results.focus()
        await wait_for(pilot, lambda: results.has_focus)
        app.post_message(events.Key(key, None))
        type_burst(app, "holiday pay")
        box = app.screen.query_one("#search")
        await wait_for(pilot, lambda: box.value == want)
