"""Kill the app with SIGKILL in the middle of a call and a flow, reopen it, and carry on with
nothing lost: the open call is offered back with its notes, the flow resumes where it was."""

import os
import signal
import subprocess
import sys
from pathlib import Path

from textual.widgets import OptionList

from guidance.records.duties import export_person
from guidance.tui.screens.flow import FlowScreen
from guidance.tui.screens.resume import ResumeWork

from tui_helpers import open_left_work, wait_for, wait_ready

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from kill_driver import LETTER, NOTES, REFERENCE, TYPED  # noqa: E402


def run_and_kill(*args: str) -> tuple[str, str]:
    env = dict(os.environ, PYTHONPATH=str(HERE) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    child = subprocess.Popen(
        [sys.executable, str(HERE / "kill_driver.py"), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        line = child.stdout.readline().split()
        assert len(line) == 2, child.stderr.read()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    return line[0], line[1]


async def test_kill_9_mid_flow_then_resume(make_app):
    session_id, where = run_and_kill("pa_off_sick")
    app = make_app(build_index=False)
    async with app.run_test(size=(110, 40)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.resume_session(session_id)
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
        view = app.screen.view
        assert view.step().node_id == where
        assert len(view.earlier_answers()) == 2


async def test_kill_9_mid_call_offers_the_call_back_with_its_notes(make_app):
    session_id, where = run_and_kill("pa_off_sick", "call")
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await open_left_work(app, pilot)
        offered = app.screen.query_one("#open-calls", OptionList)
        shown = str(offered.get_option_at_index(0).prompt)
        assert REFERENCE in shown and NOTES in shown and "started" in shown
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.call is not None)
        assert app.call.reference == REFERENCE and app.call.notes == NOTES
        assert [item.kind for item in app.call.call.items] == ["flow"]
        # the flow run in the call is the person's: a subject access request finds it
        found = export_person(app.services.database(), REFERENCE)
        assert [s["id"] for s in found["sessions"]] == [session_id]
        app.resume_session(session_id)
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
        assert app.screen.view.step().node_id == where


async def test_kill_9_while_writing_a_letter_in_a_call_gives_the_letter_back(make_app, tmp_path):
    from textual.widgets import Input, SelectionList, TextArea

    from guidance.tui.screens.letter import LetterScreen

    call_id, _ = run_and_kill("letter", "call")
    app = make_app(build_index=False)
    app.services.downloads = tmp_path
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await open_left_work(app, pilot)
        assert "a letter being written" in str(app.screen.query_one("#open-calls", OptionList).get_option_at_index(0).prompt)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-recipient_name"))
        letter = app.screen
        assert app.call.call_id == call_id and letter.template_id == LETTER
        assert letter.query_one("#field-recipient_name", Input).value == TYPED  # as typed before the kill
        assert letter.query_one("#field-reference", Input).value == REFERENCE
        # left without saving, the draft stays with the call; saved, it goes
        await pilot.press("escape")
        assert app.services.calls().get(call_id).drafts
        app.open_letter(LETTER)
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-recipient_name"))
        assert app.screen.query_one("#field-recipient_name", Input).value == TYPED
        app.screen.query_one("#field-advice", TextArea).load_text("Sick pay is due from the fourth day off.")
        app.screen.query_one("#field-pages", SelectionList).select("statutory-sick-pay")
        await wait_for(pilot, lambda: app.screen.letter is not None)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not app.services.calls().get(call_id).drafts)
        assert any(tmp_path.glob("*.docx"))


async def test_a_letter_left_unsaved_after_its_call_ended_is_offered_back(make_app, tmp_path):
    """'End call, write letter', some typing, then the app stops (closed or killed): on the next
    start the letter is offered back as typed, linked to its call, and the call stays ended."""
    from textual.widgets import Button, Input

    from guidance.tui.screens.case_note import CaseNoteScreen
    from guidance.tui.screens.letter import LetterScreen

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.press("f4", *REFERENCE, "enter")
        await wait_for(pilot, lambda: app.call is not None)
        call_id = app.call.call_id
        await pilot.press("f8")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseNoteScreen))
        app.screen.query_one("#letter", Button).press()
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-recipient_name"))
        await wait_for(pilot, lambda: app.services.calls().get(call_id).status == "closed")  # ended in a worker
        await pilot.press(*TYPED)  # the first field has the focus
        await wait_for(pilot, lambda: any(d.data.get("recipient_name") == TYPED for d in app.services.calls().get(call_id).drafts))
    again = make_app(build_index=False)
    again.services.downloads = tmp_path
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_ready(again, pilot, search=False)
        await open_left_work(again, pilot)
        shown = str(again.screen.query_one("#open-calls", OptionList).get_option_at_index(0).prompt)
        assert REFERENCE in shown and "ended" in shown and "a letter being written" in shown
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(again.screen, LetterScreen) and again.screen.query("#field-recipient_name"))
        letter = again.screen
        assert letter.query_one("#field-recipient_name", Input).value == TYPED
        assert letter.call_id == call_id and again.call is None
        assert again.services.calls().get(call_id).status == "closed"


async def test_work_found_late_never_covers_what_the_officer_already_opened(make_app):
    """The records may answer after the officer has started (a guided help opened at once): what
    was left open is then told in a notice, not pushed over the screen in use."""
    from types import SimpleNamespace

    from guidance.tui.messages import OpenWorkFound

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.start_flow("pa_off_sick")
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
        app.post_message(OpenWorkFound([], [SimpleNamespace(id="s-1", label="Your PA is off sick (1 answer)")]))
        await wait_for(pilot, lambda: any("left unfinished" in n.message for n in app._notifications))
        assert isinstance(app.screen, FlowScreen)
        assert not any(isinstance(screen, ResumeWork) for screen in app.screen_stack)


def test_news_of_a_call_with_no_screen_shown_does_not_stop_the_app(make_app):
    # The open call offered back after a kill can be told before the first screen is up.
    app = make_app(build_index=False)
    assert not app.screen_stack
    app.refresh_call_panels()
