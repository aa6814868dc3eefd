"""A guided help, calculator or letter whose whole title is typed in the home search comes first
or second, as in the palette: every letter's title, as the app shows it."""

from textual.widgets import OptionList

from tui_helpers import wait_for, wait_ready


async def test_every_letters_title_typed_in_full_finds_that_letter_first_or_second(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        templates = app.services.letters().templates
        assert len(templates) >= 5
        box = app.screen.query_one("#search")
        results = app.screen.query_one("#results", OptionList)
        placed = {}
        for template_id, template in templates.items():
            title = template.meta.title
            box.value = title
            await wait_for(pilot, lambda: app.screen.shown_query == title, tries=400)
            ids = [results.get_option_at_index(i).id for i in range(results.option_count)]
            ids = [i for i in ids if i and i != "search:exact"]
            placed[title] = ids.index(f"letter:{template_id}") if f"letter:{template_id}" in ids else None
        assert all(place in (0, 1) for place in placed.values()), placed
