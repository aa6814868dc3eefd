"""A very long query pasted into the search box is cut at once to what search reads (the same
limit as the command line), and the line above the results says only part was searched."""

import time

from textual import events
from textual.widgets import Input, OptionList

from guidance.query_limits import MAX_QUERY_CHARS
from tui_helpers import wait_for, wait_ready


async def test_a_pasted_query_of_5000_characters_is_cut_and_says_so(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_ready(app, pilot)
        box = app.screen.query_one("#search", Input)
        pasted = ("holiday pay for my PA who works irregular hours " * 200)[:5000]
        started = time.perf_counter()
        box.focus()
        box.post_message(events.Paste(pasted))
        await wait_for(pilot, lambda: app.screen.shown_query and app.screen.shown_query == box.value)
        took = time.perf_counter() - started
        assert box.value == pasted[:MAX_QUERY_CHARS]
        said = str(app.screen.query_one("#suggestion").render())
        assert f"only the first {MAX_QUERY_CHARS} characters were searched" in said.lower(), said
        results = app.screen.query_one("#results", OptionList)
        assert results.get_option_at_index(0).id == "holiday-irregular-hours" or any(
            results.get_option_at_index(i).id == "holiday-irregular-hours" for i in range(min(6, results.option_count)))
        assert took < 5, took
        # typing a shorter query afterwards no longer says so
        box.value = "holiday pay"
        await wait_for(pilot, lambda: app.screen.shown_query == "holiday pay")
        assert "characters were searched" not in str(app.screen.query_one("#suggestion").render())


def test_the_command_line_and_the_search_share_the_limit():
    from guidance.search.query import MAX_CHARS, clean

    assert MAX_CHARS == MAX_QUERY_CHARS
    text, notes = clean("x" * (MAX_QUERY_CHARS + 1))
    assert len(text) == MAX_QUERY_CHARS and notes == [f"only the first {MAX_QUERY_CHARS} characters were searched"]
