"""The app's letter form checks the reference as every letter is checked (one place: the
catalogue) and never shows a refused value back."""

from guidance.tui.screens.letter import LetterScreen
from textual.widgets import Input, Select, TextArea

from tui_helpers import wait_for, wait_ready


async def test_a_surname_as_the_reference_is_refused_in_the_form(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.open_letter("pa-off-sick")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#letter-problems"))
        screen = app.screen
        template = app.services.letters().template("pa-off-sick")
        for name, spec in template.meta.fields.items():
            widget = screen.query_one(f"#field-{name}")
            if isinstance(widget, Input) and spec.example is not None:
                widget.value = str(spec.example)
            elif isinstance(widget, TextArea) and spec.example is not None:
                widget.load_text("\n".join(map(str, spec.example if isinstance(spec.example, list) else [spec.example])))
            elif isinstance(widget, Select) and spec.example is not None:
                widget.value = spec.example
        screen.query_one("#field-reference", Input).value = "Okafor-Price"
        await pilot.pause()
        screen.refresh_preview()
        await wait_for(pilot, lambda: "looks like a name" in str(screen.query_one("#letter-problems").render()))
        shown = str(screen.query_one("#letter-problems").render())
        assert "Okafor" not in shown and "Price" not in shown and screen.letter is None
        screen.query_one("#field-reference", Input).value = "dp-004512"
        await pilot.pause()
        screen.refresh_preview()
        await wait_for(pilot, lambda: screen.letter is not None)
        assert screen.letter.reference == "DP-004512"
