"""A letter written on its own (outside any call) is never lost: Ctrl+Q warns, naming it; what is
typed is kept as a draft as it is typed (a kill -9 loses none) and offered back on the next start."""

import sys
from pathlib import Path

from textual.widgets import Input, OptionList, SelectionList, Static, TextArea

from guidance.tui.screens.confirm_quit import ConfirmQuit
from guidance.tui.screens.letter import LetterScreen

from tui_helpers import open_left_work, wait_for, wait_ready

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from kill_driver import LETTER, TYPED  # noqa: E402
from test_kill_and_resume import run_and_kill  # noqa: E402


async def _open_letter(app, pilot):
    app.open_letter(LETTER)
    await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-recipient_name"))
    await pilot.pause()
    return app.screen


async def test_ctrl_q_with_a_letter_typed_into_warns_naming_it_and_keeps_what_was_typed(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        letter = await _open_letter(app, pilot)
        await pilot.press(*TYPED, "ctrl+q")  # at once: before the draft's pause is over
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmQuit))
        title = app.services.letter_title(LETTER)
        assert f"'{title}'" in str(app.screen.query_one("#unsaved-letters", Static).render())
        await wait_for(pilot, lambda: any(d.data.get("recipient_name") == TYPED for d in app.services.my_letter_drafts()))
        await pilot.press("escape")  # stay
        await wait_for(pilot, lambda: app.screen is letter)
        assert app.is_running and letter.query_one("#field-recipient_name", Input).value == TYPED
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmQuit))
        await pilot.click("#quit")
        await wait_for(pilot, lambda: not app.is_running)


async def test_a_letter_not_typed_into_quits_at_once(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await _open_letter(app, pilot)
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: not app.is_running)


async def test_kill_9_while_writing_a_letter_on_its_own_offers_it_back(make_app, tmp_path):
    draft_id, _ = run_and_kill("letter")
    app = make_app(build_index=False)
    app.services.downloads = tmp_path
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await open_left_work(app, pilot)
        offered = app.screen.query_one("#open-letters", OptionList)
        shown = str(offered.get_option_at_index(0).prompt)
        assert app.services.letter_title(LETTER) in shown and "last typed" in shown and TYPED not in shown
        offered.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-recipient_name"))
        letter = app.screen
        await pilot.pause()
        assert letter.draft_id == draft_id and letter.call_id is None and app.call is None
        assert letter.query_one("#field-recipient_name", Input).value == TYPED
        # left again without saving, it is still kept, and opening the letter carries on with it
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, LetterScreen))
        assert [d.id for d in app.services.my_letter_drafts()] == [draft_id]
        letter = await _open_letter(app, pilot)
        assert letter.draft_id == draft_id and letter.query_one("#field-recipient_name", Input).value == TYPED
        letter.query_one("#field-reference", Input).value = "ASC-104233"
        letter.query_one("#field-question", Input).value = "Sick pay for a PA"
        letter.query_one("#field-call_date", Input).value = "20 November 2026"
        letter.query_one("#field-advice", TextArea).load_text("Sick pay is due from the fourth day off.")
        letter.query_one("#field-pages", SelectionList).select("statutory-sick-pay")
        await wait_for(pilot, lambda: letter.letter is not None)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any(tmp_path.glob("*.docx")))
        await wait_for(pilot, lambda: not app.services.my_letter_drafts())  # saved: the draft has gone
        assert not letter.unsaved


async def _draft_written(app, pilot, letter) -> None:
    """Wait for the draft writes asked for by the keys typed so far (no pause for a debounce)."""
    await pilot.pause()  # the last key handled
    await app.workers.wait_for_complete()


async def test_a_letter_on_its_own_is_in_the_records_as_typed_right_after_the_last_key(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        letter = await _open_letter(app, pilot)
        for typed in ("Mr A", "bel Okoro"):  # a second burst while the first may be writing
            await pilot.press(*typed)
            await _draft_written(app, pilot, letter)
            field = letter.query_one("#field-recipient_name", Input).value
            assert [d.data.get("recipient_name") for d in app.services.my_letter_drafts()] == [field]
        assert field == "Mr Abel Okoro"


async def test_a_calls_letter_is_kept_with_the_call_as_typed_right_after_the_last_key(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.press("f4", *"ASC-104233", "enter")
        await wait_for(pilot, lambda: app.call is not None, tries=400)
        letter = await _open_letter(app, pilot)
        letter.query_one("#field-recipient_name", Input).focus()
        await pilot.press(*TYPED)
        await _draft_written(app, pilot, letter)
        drafts = app.services.calls().get(app.call.call_id).drafts
        assert [d.data.get("recipient_name") for d in drafts] == [letter.query_one("#field-recipient_name", Input).value]
        assert drafts[0].data["recipient_name"].endswith(TYPED)
