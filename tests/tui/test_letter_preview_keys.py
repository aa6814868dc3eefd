"""The letter's preview (and guided help's answers so far) by keyboard alone: Ctrl+O gives the preview the keys (PgDn and the arrows
scroll it at once), Tab reaches Save, and Esc goes back to the form, on the field that was being
filled in (not out of the letter)."""

import pytest
from textual.widgets import Input

from guidance.tui.screens.letter import LetterScreen

from tui_helpers import wait_for, wait_ready


async def _filled_letter(app, pilot):
    app.open_letter("advice-follow-up")
    await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-pages"))
    letter = app.screen
    template = app.services.letters().template("advice-follow-up")
    for name, spec in template.meta.fields.items():
        widget = letter.query_one(f"#field-{name}")
        if name == "pages":
            for page_id in spec.example:
                widget.select(page_id)
        elif hasattr(widget, "load_text"):
            widget.load_text("\n".join(map(str, spec.example * 6)))  # long enough to scroll
        else:
            widget.value = str(spec.example)
    await wait_for(pilot, lambda: letter.letter is not None)
    return letter


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_preview_takes_the_keys_and_esc_goes_back_to_the_field(make_app, tmp_path, size):
    app = make_app(build_index=False)
    app.services.downloads = tmp_path
    async with app.run_test(size=size) as pilot:
        await wait_ready(app, pilot, search=False)
        letter = await _filled_letter(app, pilot)
        field = letter.query_one("#field-question", Input)
        field.focus()
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        pane = letter.query_one("#letter-preview-pane")
        assert pane.display and pane.max_scroll_y > 0
        assert app.focused is pane
        await pilot.press("pagedown")
        await pilot.pause()
        assert pane.scroll_y > 0
        before = pane.scroll_y
        await pilot.press("up")
        await pilot.pause()
        assert pane.scroll_y < before
        await pilot.press("escape")  # back to the form, on the field, still in the letter
        await pilot.pause()
        assert app.screen is letter and app.focused is field
        await pilot.press("ctrl+o", "tab")  # Save is one Tab from the preview
        await pilot.pause()
        assert app.focused is letter.query_one("#letter-save-preview")
        await pilot.press("enter")
        await wait_for(pilot, lambda: any(tmp_path.glob("*.docx")))


async def test_the_answers_so_far_take_the_keys_and_esc_goes_back_to_the_answer(make_app):
    """Guided help at 80 columns: Ctrl+O shows the answers so far in place of the question, with
    the keys; Esc goes back to the question, on the answer being given."""
    from guidance.tui.screens.flow import FlowScreen
    from tui_helpers import answer_current

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.start_flow("pa_off_sick")
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
        flow = app.screen
        await answer_current(flow, pilot)
        await pilot.pause()
        answer = flow.query_one("#answer")
        answer.focus()
        await pilot.pause()
        was = app.focused
        await pilot.press("ctrl+o")
        await pilot.pause()
        side = flow.query_one("#flow-side")
        assert side.display and app.focused is side
        await pilot.press("tab")  # on to the pages to read
        await pilot.pause()
        assert app.focused is flow.query_one("#flow-pages")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is flow and not side.display and app.focused is was
