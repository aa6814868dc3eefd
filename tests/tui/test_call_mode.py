"""A call from start to case note: the pages used are listed with their versions."""

from guidance.tui.screens.case_note import CaseNoteScreen
from guidance.tui.screens.page import PageScreen
from guidance.tui.widgets.call_panel import CallPanel
from textual.widgets import TextArea

from tui_helpers import wait_for, wait_ready


async def test_call_from_start_to_case_note(make_app):
    app = make_app(build_index=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.press("f4")
        await wait_for(pilot, lambda: app.screen.query("#caller-ref"))
        await pilot.press(*"ASC-104233", "enter")
        await wait_for(pilot, lambda: app.call is not None and app.screen.query(CallPanel))
        panel = app.screen.query_one(CallPanel)
        assert panel.display
        app.open_page("statutory-sick-pay")
        await wait_for(pilot, lambda: isinstance(app.screen, PageScreen) and app.screen.query("#call-notes"))
        notes = app.screen.query_one("#call-notes", TextArea)
        notes.focus()
        await pilot.press(*"PA off since Monday")
        await pilot.pause()
        await pilot.press("f8")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseNoteScreen))
        note = app.screen.note
        version = app.services.base.pages["statutory-sick-pay"].meta.version
        assert "Caller reference: ASC-104233" in note
        assert f"(statutory-sick-pay, version {version})" in note
        assert "PA off since Monday" in note
        await pilot.click("#close")
        await wait_for(pilot, lambda: app.call is None)
        saved = app.services.calls().list(status="closed")[0]
        assert saved.case_note == note or "PA off since Monday" in saved.case_note
