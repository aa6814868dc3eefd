"""The call's keys on a dialog (a question to answer: quit, end of call, call start): Ctrl+N opens
the notes over it (Esc goes back to it), F4 during a call the same; F4 with no call on, F8 and F10
say why not and which key to press once the dialog is answered, never silently nothing."""

from guidance.tui.screens.call_notes import CallNotesDialog
from guidance.tui.screens.call_start import CallStart
from guidance.tui.screens.case_note import CaseNoteScreen
from guidance.tui.screens.confirm_quit import ConfirmQuit

from tui_helpers import wait_for, wait_ready

REFERENCE = "ASC-104233"


def _notices(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def _in_a_call(app, pilot):
    await wait_ready(app, pilot, search=False)
    await pilot.press("f4", *REFERENCE, "enter")
    await wait_for(pilot, lambda: app.call is not None, tries=400)
    await pilot.pause()



async def _at_the_quit_question(app, pilot):
    """In a call, with Ctrl+Q's question on screen: that dialog."""
    await _in_a_call(app, pilot)
    await pilot.press("ctrl+q")
    await wait_for(pilot, lambda: isinstance(app.screen, ConfirmQuit), tries=200)
    return app.screen

async def test_ctrl_n_and_f4_open_the_notes_over_the_quit_question_and_esc_goes_back(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _at_the_quit_question(app, pilot)
        for key in ("ctrl+n", "f4"):
            await pilot.press(key)
            await wait_for(pilot, lambda: isinstance(app.screen, CallNotesDialog), tries=200)
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is dialog, tries=200)


async def test_f8_and_f10_over_the_quit_question_say_to_answer_it_first(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _at_the_quit_question(app, pilot)
        await pilot.press("f8")
        await pilot.pause()
        assert app.screen is dialog
        assert "Answer this dialog first (Esc closes it): F8 then ends the call." in _notices(app)
        await pilot.press("f10")
        await pilot.pause()
        assert app.screen is dialog
        assert "F10 then lists your calls" in _notices(app)


async def test_f4_on_the_call_start_dialog_says_a_call_is_being_started(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.press("f4")
        await wait_for(pilot, lambda: isinstance(app.screen, CallStart), tries=200)
        await pilot.press("f4")
        await pilot.pause()
        assert sum(isinstance(s, CallStart) for s in app.screen_stack) == 1
        assert "A call is being started here" in _notices(app)
        await pilot.press(*REFERENCE, "enter")  # the dialog still works
        await wait_for(pilot, lambda: app.call is not None, tries=400)


async def test_on_the_end_of_call_dialog_f8_and_ctrl_n_say_why_not(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _in_a_call(app, pilot)
        await pilot.press("f8")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseNoteScreen), tries=200)
        dialog = app.screen
        await pilot.press("f8", "ctrl+n")
        await pilot.pause()
        assert app.screen is dialog and app.call is not None
        said = _notices(app)
        assert "This call is ending" in said and "The case note holds the notes as they are" in said


async def test_with_no_call_f4_over_a_dialog_says_to_answer_it_first(make_app, tmp_path):
    from guidance.tui.screens.letter import LetterScreen

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.open_letter("advice-follow-up")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-recipient_name"), tries=200)
        await pilot.press(*"Ms A")
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmQuit), tries=200)
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuit)
        assert "Answer this dialog first (Esc closes it): F4 then starts a call." in _notices(app)
