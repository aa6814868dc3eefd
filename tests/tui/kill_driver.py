"""Run the app headless in a child process, answer two flow steps, then wait to be killed.

With "call" after the flow id, a call is started first and notes typed, so the flow belongs to it.
With "letter" instead of a flow id, a follow-up letter is opened (in a call, with "call") and a
name typed into it; once its draft is kept, the call id (or the letter's own draft id) is printed.
"""

import asyncio
import sys

from tui_helpers import answer_current, wait_for, wait_ready

from guidance.tui.screens.flow import FlowScreen

REFERENCE = "ASC-104233"
NOTES = "Asked about sick pay for her PA"
LETTER = "advice-follow-up"
TYPED = "Mr Abel Okoro"


async def main(flow_id: str, with_call: bool) -> None:
    from tui_helpers import REPO, TODAY

    from guidance.tui.app import GuidanceApp

    app = GuidanceApp(REPO, TODAY, mode="officer", build_index=False)
    async with app.run_test(size=(110, 40)) as pilot:
        await wait_ready(app, pilot, search=False)
        if with_call:
            await pilot.press("f4")
            await wait_for(pilot, lambda: app.screen.query("#caller-ref"))
            await pilot.press(*REFERENCE, "enter")
            await wait_for(pilot, lambda: app.call is not None and app.screen.query("#call-notes"))
            await pilot.press("ctrl+n")
            await pilot.press(*NOTES)
            await wait_for(pilot, lambda: app.services.calls().get(app.call.call_id).notes == NOTES)
        if flow_id == "letter":
            await write_letter(app, pilot)
        app.start_flow(flow_id)
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
        for _ in range(2):
            await answer_current(app.screen, pilot)
        view = app.screen.view
        print(view.session_id, view.step().node_id, flush=True)
        await asyncio.sleep(600)  # killed long before this


async def write_letter(app, pilot) -> None:
    from guidance.tui.screens.letter import LetterScreen

    app.open_letter(LETTER)
    await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen))
    await pilot.press(*TYPED)
    if app.call is None:  # a letter on its own: its draft is kept outside any call
        await wait_for(pilot, lambda: any(d.data.get("recipient_name") == TYPED for d in app.services.my_letter_drafts()))
        print(app.screen.draft_id, "letter", flush=True)
        await asyncio.sleep(600)  # killed long before this
    call_id = app.call.call_id
    await wait_for(pilot, lambda: any(d.data.get("recipient_name") == TYPED for d in app.services.calls().get(call_id).drafts))
    print(call_id, "letter", flush=True)
    await asyncio.sleep(600)  # killed long before this


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], "call" in sys.argv[2:]))
