"""A call at 80×24: nothing cut off, and the follow-up letter needs no hunting for guides."""

from textual.widgets import SelectionList
from textual.widgets._footer import FooterKey

from guidance.tui.screens.case_note import CaseNoteScreen
from guidance.tui.screens.flow import FlowScreen
from guidance.tui.screens.letter import LetterScreen

from test_call_mode import start_call
from test_flow_wizard import run_to_outcome
from tui_helpers import wait_for, wait_ready


def footer_keys(screen) -> list[FooterKey]:
    return [key for key in screen.query(FooterKey) if key.display]


def assert_footer_whole(screen) -> None:
    """Every key in the footer is on screen in full, none under the palette key at the right."""
    keys = footer_keys(screen)
    palette = [key for key in keys if key.has_class("-command-palette")]
    edge = palette[0].region.x if palette else screen.region.right
    for key in keys:
        if key not in palette:
            assert key.region.right <= edge, f"{key.key_display} {key.description} is cut off"


async def test_a_flow_outcome_during_a_call_keeps_its_footer_whole(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await start_call(app, pilot)
        app.start_flow("pa_off_sick")
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
        await run_to_outcome(app, pilot)
        await pilot.pause()
        shown = {key.key_display: key.description for key in footer_keys(app.screen)}
        assert "End" in shown.values()  # F8 ends the call from here
        assert "Call" not in shown.values()  # F4 only folds the call panel during a call: not in the footer
        assert_footer_whole(app.screen)
        # F4 still folds and unfolds the call panel
        assert app.show_call_panel
        await pilot.press("f4")
        assert not app.show_call_panel
        await pilot.press("f4")
        assert app.show_call_panel


async def test_the_letter_after_a_flow_ticks_its_guides_and_has_the_width(make_app, tmp_path):
    app = make_app(build_index=False)
    app.services.downloads = tmp_path
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await start_call(app, pilot)
        app.start_flow("pa_off_sick")
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
        await run_to_outcome(app, pilot)
        outcome_pages = [page["id"] for page in app.screen.view.session.report(app.services.base)["pages"]]
        assert outcome_pages
        await pilot.press("escape")
        await wait_for(pilot, lambda: any("Guides: " in item.title for item in app.call.call.items))
        await pilot.press("f8")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseNoteScreen))
        title = app.services.base.pages[outcome_pages[0]].meta.title
        assert f"Guides: {title}" in app.screen.note  # the case note names them by title
        await pilot.click("#letter")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-pages"))
        letter = app.screen
        guides = letter.query_one("#field-pages", SelectionList)
        assert set(guides.selected) == set(outcome_pages)  # no hunting through every page
        advice = letter.query_one("#field-advice").text
        assert "Guides:" not in advice  # the guides are ticked, not typed into the advice
        # the form has the width at 80 columns; Ctrl+O shows the preview instead
        form = letter.query_one("#letter-form")
        await wait_for(pilot, lambda: form.region.width > 0)
        assert form.region.width >= 76 and not letter.query_one("#letter-preview-pane").display
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert letter.query_one("#letter-preview-pane").display and not form.display
        assert "No preview yet" in str(letter.query_one("#letter-score").render())  # says why it is blank
        await pilot.press("ctrl+o")
        await pilot.pause()
        # what is missing is said in the form's own words, never "ids"
        await wait_for(pilot, lambda: "To finish the letter" in str(letter.query_one("#letter-problems").render()))
        problems = str(letter.query_one("#letter-problems").render())
        assert "Name of the person" in problems and "Ids" not in problems
        # guide titles wrap instead of being cut
        guides.focus()
        await pilot.pause()
        lines = [strip.text for strip in guides.render_lines(guides.region.reset_offset)]
        assert not any("…" in line for line in lines)
        letter.query_one("#field-recipient_name").value = "Recipient"
        letter.query_one("#field-question").value = "Is my PA due sick pay?"  # no notes were typed
        await wait_for(pilot, lambda: letter.letter is not None and not str(letter.query_one("#letter-problems").render()))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any(tmp_path.glob("*.docx")))
        assert app.is_running


async def test_no_footer_key_is_cut_off_on_any_screen_during_a_call(make_app):
    from guidance.tui.screens.calculator import CalculatorScreen
    from guidance.tui.screens.home import HomeScreen
    from guidance.tui.screens.my_calls import MyCalls
    from guidance.tui.screens.page import PageScreen

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await start_call(app, pilot)
        assert_footer_whole(app.screen)
        opened = [
            (lambda: app.open_page("statutory-sick-pay"), PageScreen),
            (lambda: app.open_calculator("sick-pay"), CalculatorScreen),
            (lambda: app.open_letter("advice-follow-up"), LetterScreen),
            (lambda: app.push_screen(MyCalls()), MyCalls),
        ]
        for open_it, kind in opened:
            open_it()
            await wait_for(pilot, lambda: isinstance(app.screen, kind) and app.focused is not None)
            await pilot.pause()
            assert_footer_whole(app.screen)
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_a_screen_has_its_width_class_from_the_moment_it_is_pushed(make_app):
    """At 80 columns a page hides its side column from its first frame, not from the first resize
    (in a real terminal that resize may come after the page is drawn)."""
    from guidance.tui.screens.page import PageScreen

    for size, wanted, other in (((80, 24), "-narrow", "-wide"), ((120, 34), "-wide", "-narrow")):
        app = make_app(build_index=False)
        async with app.run_test(size=size) as pilot:
            await wait_ready(app, pilot, search=False)
            page_id = next(iter(app.services.base.pages))
            screen = PageScreen(page_id)
            app.push_screen(screen)
            assert screen.has_class(wanted) and not screen.has_class(other)
            await wait_for(pilot, lambda: screen.query("#page-sources"))
            assert screen.has_class(wanted) and not screen.has_class(other)
