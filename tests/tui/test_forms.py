"""Forms open with the first field focused, and a burst of keys typed while a form opens all
land in that field, in order (the call start after F4, a letter)."""

from textual.widgets import Input

from guidance.tui.screens.call_start import CallStart
from guidance.tui.screens.letter import LetterScreen

from tui_helpers import wait_for, wait_ready

REFERENCE = "ASC-104233"


async def test_reference_typed_straight_after_f4_starts_the_call(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.press("f4", *REFERENCE, "enter")
        await wait_for(pilot, lambda: app.call is not None)
        assert app.call.reference == REFERENCE


async def test_call_start_opened_from_code_keeps_the_first_keys(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.action_call()
        await pilot.press(*REFERENCE)
        await wait_for(pilot, lambda: isinstance(app.screen, CallStart))
        field = app.screen.query_one("#caller-ref", Input)
        assert app.focused is field
        assert field.value == REFERENCE


async def test_escape_typed_fast_cancels_once(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        depth = len(app.screen_stack)
        app.action_call()
        await pilot.press("A", "escape")
        await pilot.pause()
        assert len(app.screen_stack) == depth and app.call is None


async def test_letter_keeps_a_burst_typed_as_it_opens(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.open_letter("advice-follow-up")
        await pilot.press(*"Mr Abel", "tab", *"Flat 2")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen))
        await pilot.pause()
        first = app.screen.query_one("#field-recipient_name", Input)
        assert first.value == "Mr Abel"
        assert app.screen.values().get("recipient_address") == ["Flat 2"]


async def test_a_reply_by_date_before_the_letter_date_is_refused_at_the_field(make_app):
    from textual.widgets import Static

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.open_letter("dp-statements-request")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#error-reply_by"))
        letter = app.screen
        for name, value in letter.catalogue.template("dp-statements-request").examples().items():
            widget = letter.query_one(f"#field-{name}")
            if isinstance(widget, Input):
                widget.value = str(value)
        letter.query_one("#field-reply_by", Input).value = "24/11/2026"  # the app's today is 25 November 2026
        error = letter.query_one("#error-reply_by", Static)
        await wait_for(pilot, lambda: error.display and "before the date of the letter" in str(error.render()))
        assert "25 November 2026" in str(error.render()) and letter.letter is None
        letter.query_one("#field-reply_by", Input).value = "18/12/2026"
        await wait_for(pilot, lambda: letter.letter is not None)
        assert not error.display


async def test_a_refused_reference_is_never_kept_in_the_letter_draft(make_app):
    """The draft is kept with the call as typed, but a reference the council's rule refuses (it may
    be a name) is kept empty: a crash at that moment leaves no name in the records."""
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.press("f4", *REFERENCE, "enter")
        await wait_for(pilot, lambda: app.call is not None)
        call_id = app.call.call_id
        app.open_letter("advice-follow-up")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-reference"))
        app.screen.query_one("#field-recipient_name", Input).value = "Mr Abel"
        app.screen.query_one("#field-reference", Input).value = "SMITH"
        await wait_for(pilot, lambda: any(d.data.get("recipient_name") == "Mr Abel" for d in app.services.calls().get(call_id).drafts))
        draft, = app.services.calls().get(call_id).drafts
        assert draft.data["reference"] == ""
        app.screen.query_one("#field-reference", Input).value = "DP-004512"
        await wait_for(pilot, lambda: app.services.calls().get(call_id).drafts[0].data.get("reference") == "DP-004512")
