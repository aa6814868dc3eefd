"""The home screen's results list and search box as a person types: only the result lines that
changed are drawn again, what is on screen is what a full redraw would show, and a keystroke
never lays out the whole screen."""

from textual import messages
from textual.app import App
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from guidance.tui.widgets.results_list import ResultsList
from tui_helpers import wait_for, wait_ready

SNIPPET = "A line about the result, long enough that it wraps at this width as a search snippet does."


def row(title: str, snippet: str = SNIPPET) -> Content:
    return Content.assemble((title, "bold"), ("  ·  Employing a PA", "dim"), "\n", snippet)


def options(*prompts: Content) -> list:
    out: list = []
    for number, prompt in enumerate(prompts):
        out += [None] if number else []
        out.append(Option(prompt, id=f"r{number}"))
    return out


def picture(results: OptionList) -> list[list]:
    """The list's lines as drawn (from its cache of drawn lines), text and styles."""
    return [list(strip) for strip in results.render_lines(results.size.region)]


def full_redraw(results: OptionList) -> list[list]:
    results.refresh()  # every line drawn again
    return picture(results)


class OneList(App):
    CSS = "ResultsList { border: none; height: 1fr; }"  # as on the home screen

    def compose(self):
        yield ResultsList(id="results")


async def test_only_the_lines_that_show_something_new_are_drawn_again():
    app = OneList()
    async with app.run_test(size=(80, 24)) as pilot:
        results = app.query_one(ResultsList)
        first, second, third = row("Sick pay"), row("Holiday pay"), row("Pensions")
        results.set_options(options(first, second, third))
        await pilot.pause()
        picture(results)
        drawn: list[int] = []
        draw_line = results.render_line
        results.render_line = lambda y: drawn.append(y) or draw_line(y)
        results.set_options(options(first, second, row("Tribunals")))  # the third result changed
        await pilot.pause()
        now = picture(results)
        text = ["".join(segment.text for segment in line).strip() for line in now]
        start = next(y for y, line in enumerate(text) if line.startswith("Tribunals"))
        end = next(y for y in range(start, len(text)) if not text[y])
        assert start > 4 and end > start + 1 and not any(text[end:])
        assert sorted(set(drawn)) == list(range(start, end))  # only the third result's lines
        assert now == full_redraw(results)


async def test_what_is_shown_is_what_a_full_redraw_shows_as_results_come_and_go():
    app = OneList()
    async with app.run_test(size=(80, 24)) as pilot:
        results = app.query_one(ResultsList)
        prompts = [row(f"Result {n}", SNIPPET if n % 2 else "Short.") for n in range(12)]
        for chosen in ([0, 1, 2], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3], [1, 2, 3], [5], [], [5, 6, 7, 8, 9, 10, 11], [0]):
            results.set_options(options(*(prompts[n] for n in chosen)) or [Option("Nothing found.", disabled=True)])
            await pilot.pause()
            assert picture(results) == full_redraw(results), chosen
        results.highlighted = 0
        await pilot.pause()
        results.set_options(options(prompts[0], prompts[1]))  # the highlight goes, as OptionList does
        await pilot.pause()
        assert results.highlighted is None and picture(results) == full_redraw(results)


async def test_typing_redraws_no_more_than_a_full_redraw_would_show_and_lays_out_nothing(make_app):
    layouts: list = []

    def hook(message):
        if isinstance(message, messages.Layout):
            layouts.append(message.widget)

    app = make_app()
    async with app.run_test(size=(80, 24), message_hook=hook) as pilot:
        await wait_ready(app, pilot, tries=1200)
        screen = app.screen
        results = screen.query_one("#results", OptionList)
        search = screen.query_one("#search")
        await pilot.press(*"pa")
        await wait_for(pilot, lambda: screen.shown_query == "pa")
        await pilot.pause()
        layouts.clear()
        typed = "pa"
        for key in " off sick pay":
            typed += key
            await pilot.press("space" if key == " " else key)
            await wait_for(pilot, lambda: screen.shown_query == typed)
            await pilot.pause()
            assert picture(results) == full_redraw(results), typed
        assert search not in layouts  # the search box never asks for the screen to be laid out
        assert len([w for w in layouts if w is results]) <= 2  # only when its scrollbar comes or goes
