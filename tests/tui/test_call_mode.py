"""A call from start to case note: the pages used are listed with their versions."""

from guidance.tui.screens.case_note import CaseNoteScreen
from guidance.tui.screens.page import PageScreen
from guidance.tui.widgets.call_panel import CallPanel
from textual.widgets import TextArea

from tui_helpers import type_burst, wait_for, wait_ready


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
        await wait_for(pilot, lambda: notes.has_focus)  # focus() takes effect on a later turn
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
        await wait_for(pilot, lambda: app.services.calls().list(status="closed"))
        saved = app.services.calls().list(status="closed")[0]
        assert "PA off since Monday" in saved.case_note
        when = saved.case_note.splitlines()[1]
        assert " to " in when and when.endswith("UK time).")  # the saved note says when it ended


async def start_call(app, pilot, reference: str = "ASC-104233") -> None:
    await pilot.press("f4")
    await wait_for(pilot, lambda: app.screen.query("#caller-ref"))
    await pilot.press(*reference, "enter")
    await wait_for(pilot, lambda: app.call is not None and app.screen.query(CallPanel))


async def test_the_call_prompt_is_whole_at_80x24_and_names_are_refused(make_app):
    from guidance.tui.screens.call_start import CallStart

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await pilot.press("f4")
        await wait_for(pilot, lambda: isinstance(app.screen, CallStart))
        prompt = app.screen.query_one("#call-prompt")
        text = str(prompt.render())
        assert "never a name" in text.lower()
        assert prompt.region.height >= 2 and prompt.region.right <= 80  # wrapped, not cut off
        assert app.screen.focused is app.screen.query_one("#caller-ref")
        for typed in ("Mrs Jones", "SMITH", "jones1", "O'Brien"):
            app.screen.query_one("#caller-ref").value = ""
            await pilot.press(*typed, "enter")
            await pilot.pause()
            error = str(app.screen.query_one("#call-error").render())
            assert "looks like a name" in error and typed not in error  # refused, never repeated
            assert isinstance(app.screen, CallStart) and app.call is None
        assert app.services.calls().list() == []  # nothing stored
        app.screen.query_one("#caller-ref").value = ""
        await pilot.press(*"asc-104233", "enter")
        await wait_for(pilot, lambda: app.call is not None)
        assert app.call.reference == "ASC-104233"


async def test_quit_with_a_call_open_warns_first(make_app):
    from guidance.tui.screens.confirm_quit import ConfirmQuit

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await start_call(app, pilot)
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmQuit))
        assert "ASC-104233 is still open" in str(app.screen.query_one(".info-heading").render())
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ConfirmQuit))
        assert app.is_running and app.call is not None
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmQuit))
        await pilot.click("#quit")
        await wait_for(pilot, lambda: not app.is_running)
    open_calls = app.services.calls().list(status="open")
    assert [call.caller_ref for call in open_calls] == ["ASC-104233"]  # kept, to be offered back


async def test_a_whole_call_the_case_note_holds_the_figures_and_the_letter_needs_no_retyping(make_app, tmp_path):
    import docx

    from guidance.records.duties import export_person
    from guidance.tui.screens.calculator import CalculatorScreen
    from guidance.tui.screens.flow import FlowScreen
    from guidance.tui.screens.letter import LetterScreen
    from guidance.tui.screens.my_calls import MyCalls
    from test_flow_wizard import run_to_outcome

    app = make_app(build_index=False)
    app.services.downloads = tmp_path
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await start_call(app, pilot)
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: app.screen.focused is app.screen.query_one("#call-notes"))
        await pilot.press(*"Does she still pay her PA who is off sick?", "enter", *"Sick pay from the fourth day")
        app.open_page("statutory-sick-pay")
        await wait_for(pilot, lambda: isinstance(app.screen, PageScreen) and app.focused is not None)  # the page is up
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, PageScreen))
        # the sick pay calculator: still off, and weekly pay as hours x rate
        app.open_calculator("sick-pay")
        await wait_for(pilot, lambda: isinstance(app.screen, CalculatorScreen) and app.screen.query("#in-sick_start"))
        calc = app.screen
        calc.query_one("#in-sick_start").value = "2/11/2026"
        calc.query_one("#in-sick_end").value = "still off"
        calc.query_one("#in-work_days").value = "mon,tue,wed,thu,fri"
        calc.query_one("#in-average_weekly_earnings").value = "40 x 12.50"
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: "Statutory Sick Pay due" in str(calc.query_one("#calc-result").render()))
        figure = str(calc.query_one("#calc-result").render()).split("Statutory Sick Pay due: ")[1].split("\n")[0]
        await pilot.press("escape")
        # a flow in the call, run to its outcome
        app.start_flow("pa_off_sick")
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
        await run_to_outcome(app, pilot)
        session_id = app.screen.view.session_id
        await pilot.press("escape")
        # one entry for the flow run: its outcome replaced the line recorded when it started
        await wait_for(pilot, lambda: any("Outcome:" in i.title for i in app.call.call.items))
        assert [i.kind for i in app.call.call.items] == ["page", "calculator", "flow"]
        await pilot.press("f8")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseNoteScreen))
        note = app.screen.note
        assert "Calculation: Statutory Sick Pay" in note or "Calculation: Sick pay" in note
        assert f"Statutory Sick Pay due {figure}" in note
        assert "Average weekly pay £500.00" in note  # 40 hours x £12.50, shown as money is
        assert "Last day off sick still off (worked out to 25 November 2026)" in note  # never as the day they came back
        assert "Last day off sick 25 November 2026" not in note
        assert "Outcome:" in note and "Key dates:" in note
        assert "(GMT, UK time)" in note  # November: Greenwich Mean Time, not UTC
        buttons = app.screen.query_one("#letter")
        assert buttons.region.bottom <= 24 or app.screen.query_one("#case-note-dialog").max_scroll_y > 0
        await pilot.click("#letter")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-question"))
        letter = app.screen
        assert letter.query_one("#field-reference").value == "ASC-104233"
        assert letter.query_one("#field-question").value == "Does she still pay her PA who is off sick?"
        advice = letter.query_one("#field-advice").text
        assert "Sick pay from the fourth day" in advice and figure in advice
        assert "statutory-sick-pay" in letter.query_one("#field-pages").selected
        assert "statutory-sick-pay" not in str(letter.query_one("#field-pages").get_option_at_index(0).prompt)  # titles, not ids
        letter.query_one("#field-recipient_name").value = "Recipient"
        await wait_for(pilot, lambda: letter.letter is not None)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any(tmp_path.glob("*.docx")))
        text = "\n".join(p.text for p in docx.Document(next(tmp_path.glob("*.docx"))).paragraphs)
        assert figure in text and "ASC-104233" in text
        # everything the call used is the person's record
        found = export_person(app.services.database(), "ASC-104233")
        assert [s["id"] for s in found["sessions"]] == [session_id]
        assert len(found["letters"]) == 1
        assert {item["kind"] for item in found["calls"][0]["items"]} >= {"page", "calculator", "flow"}
        # my calls: the case note to copy
        await pilot.press("escape")
        await pilot.press("f10")
        await wait_for(pilot, lambda: isinstance(app.screen, MyCalls) and app.screen.calls)
        await wait_for(pilot, lambda: "ASC-104233" in app.screen.query_one("#my-call-note").text)
        assert f"Statutory Sick Pay due {figure}" in app.screen.query_one("#my-call-note").text
        call_id = found["calls"][0]["id"]
        await pilot.click("#my-call-reopen")
        await wait_for(pilot, lambda: app.call is not None)
        assert app.call.call_id == call_id and app.call.call.status == "open"
        assert app.services.calls().get(call_id).status == "open"


async def test_notes_typed_after_earlier_notes_follow_them(make_app):
    """Notes kept from earlier (a call offered back after a restart) are continued, not typed over
    at their start."""
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await start_call(app, pilot)
        app.call.notes = "Caller asked about sick pay"
        app.refresh_call_panels()
        await pilot.pause()
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "call-notes")
        await pilot.press(*" and holiday")
        await wait_for(pilot, lambda: app.focused.text == "Caller asked about sick pay and holiday")


async def test_the_panel_lists_each_thing_used_once_with_a_count(make_app):
    """Two pages opened in turn, five times in all: two lines, in first-use order, with counts."""
    app = make_app(build_index=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot, search=False)
        await start_call(app, pilot)
        opened = ("statutory-sick-pay", "holiday-pay", "statutory-sick-pay", "holiday-pay", "statutory-sick-pay")
        for count, page in enumerate(opened, start=1):
            app.open_page(page)
            await wait_for(pilot, lambda: len(app.call.call.items) == count, tries=600)
        panel = app.screen.query_one(CallPanel)
        panel.refresh_call()
        await pilot.pause()
        lines = str(panel.query_one("#call-items").render()).splitlines()
        titles = [app.services.base.pages[p].meta.title for p in opened[:2]]
        assert len(lines) == 2 and lines[0].startswith(f"• {titles[0]}") and lines[0].endswith("×3")
        assert lines[1].startswith(f"• {titles[1]}") and lines[1].endswith("×2")
        assert " · 2 used · " in str(panel.query_one("#call-ref").render())


async def test_notes_are_kept_as_typed_at_once_and_in_order(make_app, monkeypatch):
    """Every change to the notes is written at once (a killed app loses at most the write under
    way), one write at a time, so slow writes never put older notes over newer ones."""
    import threading
    import time

    from guidance.records.calls import CallStore

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await start_call(app, pilot)
        written, writing, overlapped = [], [], []
        save = CallStore.save_notes
        lock = threading.Lock()

        def slow_save(self, call_id, notes):
            with lock:
                overlapped.append(bool(writing))
                writing.append(1)
            time.sleep(0.02)  # a slow database: the typist is faster than the writes
            save(self, call_id, notes)
            with lock:
                writing.pop()
                written.append(notes)

        monkeypatch.setattr(CallStore, "save_notes", slow_save)
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: app.screen.focused is app.screen.query_one("#call-notes"))
        typed = "PA off since Monday no fit note yet"
        type_burst(app, typed)  # as a fast typist: no pause for any key to be handled
        await wait_for(pilot, lambda: app.screen.query_one("#call-notes").text == typed and app.notes_settled)
        assert written and written[-1] == typed
        assert not any(overlapped)
        assert len(written) < len(typed)  # coalesced: only the newest waiting text is written
        assert app.services.calls().get(app.call.call_id).notes == typed
