"""Recipient mode: remembered between runs, speaks to the recipient, no call keys, and an
unfinished checklist is offered back on start, without internal ids."""

from textual.widgets import Input, OptionList

from guidance.tui.app import GuidanceApp
from guidance.tui.screens.flow import FlowScreen
from guidance.tui.screens.home import HomeScreen

from tui_helpers import REPO, TODAY, answer_current, open_left_work, wait_for, wait_ready


async def test_recipient_mode_is_remembered_and_speaks_to_the_recipient():
    app = GuidanceApp(REPO, TODAY, build_index=False, offer_open_work=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        assert app.mode == "officer"
        assert "caller" in app.screen.query_one("#search", Input).placeholder
        await pilot.press("f2")
        await pilot.pause()
        assert "Type your question" in app.screen.query_one("#search", Input).placeholder

    again = GuidanceApp(REPO, TODAY, build_index=False, offer_open_work=False)
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_ready(again, pilot, search=False)
        assert again.mode == "recipient"
        assert "Type your question" in again.screen.query_one("#search", Input).placeholder
        shown_keys = {binding.key for _, binding, enabled, _ in again.active_bindings.values() if enabled}
        assert not {"f4", "f8", "f10"} & shown_keys  # no call keys for a recipient
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(again.screen, HomeScreen) and again.call is None


async def test_an_unfinished_checklist_is_offered_on_start_without_ids():
    app = GuidanceApp(REPO, TODAY, mode="recipient", build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.start_flow("hiring_a_pa")
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
        await answer_current(app.screen, pilot)
        session_id = app.screen.view.session_id

    again = GuidanceApp(REPO, TODAY, mode="recipient", build_index=False)
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_ready(again, pilot, search=False)
        await open_left_work(again, pilot)
        offered = again.screen.query_one("#open-sessions", OptionList)
        text = str(offered.get_option_at_index(0).prompt)
        assert text.startswith("Hiring a PA") or "PA" in text
        assert "1 answer" in text
        for internal in ("hiring_a_pa", session_id, "no label", "page:"):
            assert internal not in text
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(again.screen, FlowScreen) and again.screen.view is not None)
        assert again.screen.view.session_id == session_id


async def _leave_unfinished(mode: str, flow_id: str) -> str:
    app = GuidanceApp(REPO, TODAY, mode=mode, build_index=False, offer_open_work=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.start_flow(flow_id)
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
        await answer_current(app.screen, pilot)
        return app.screen.view.session_id


async def _offered_on_start(mode: str) -> list[str]:
    app = GuidanceApp(REPO, TODAY, mode=mode, build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await open_left_work(app, pilot, 400)
        offered = app.screen.query_one("#open-sessions", OptionList)
        return [offered.get_option_at_index(i).id for i in range(offered.option_count)]


async def test_each_mode_is_offered_back_only_its_own_unfinished_work():
    """Recipient mode offers only the recipient's checklists; officer mode only the officer's
    guided help (the records keep the mode each session was run in)."""
    officer = await _leave_unfinished("officer", "pa_off_sick")
    recipient = await _leave_unfinished("recipient", "hiring_a_pa")
    assert await _offered_on_start("recipient") == [f"session:{recipient}"]
    assert await _offered_on_start("officer") == [f"session:{officer}"]


async def test_recipient_mode_quotes_no_officers_section_under_the_results(make_app):
    """Searching "contingency" as a recipient (F2) shows snippets from the parts of pages written
    for recipients, never a sentence of a page's "For officers" section."""
    app = make_app(mode="recipient")
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press(*"contingency")
        await wait_for(pilot, lambda: app.screen.shown_query == "contingency")
        results = app.screen.query_one("#results", OptionList)
        shown = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)
                 if results.get_option_at_index(i) is not None and results.get_option_at_index(i).id]
        assert any("reserve" in text.lower() for text in shown), shown[:3]
        for text in shown:
            assert "Agree the contingency with the recipient" not in text
            assert "Ask to see the contingency plan at each review" not in text


async def test_a_page_in_recipient_mode_leaves_out_its_officers_part(make_app):
    """The contingency page's "For officers" part is shown to an officer, never to a recipient."""
    from textual.widgets import MarkdownViewer

    from guidance.tui.screens.page import PageScreen

    seen = {}
    for mode in ("officer", "recipient"):
        app = make_app(build_index=False, mode=mode)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_ready(app, pilot, search=False)
            screen = PageScreen("contingency-balance")
            app.push_screen(screen)
            await wait_for(pilot, lambda: screen.query(MarkdownViewer))
            seen[mode] = screen.query_one(MarkdownViewer).document.source
    assert "For officers" in seen["officer"] and "Agree the contingency with the recipient" in seen["officer"]
    assert "For officers" not in seen["recipient"] and "Agree the contingency" not in seen["recipient"]
    assert "How much to keep" in seen["recipient"] or "contingency" in seen["recipient"].lower()


async def test_a_page_side_panel_speaks_to_the_recipient(make_app):
    """Recipient mode: the panel beside a page has no officer wording ("Read out", the audience
    list) and no related page written for officers only; officer mode keeps them."""
    from textual.widgets import Static

    for mode, officer in (("recipient", False), ("officer", True)):
        app = make_app(build_index=False, mode=mode)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_ready(app, pilot, search=False)
            app.open_page("misuse-and-fraud")
            await wait_for(pilot, lambda: type(app.screen).__name__ == "PageScreen" and app.screen.query("#page-related"))
            await pilot.pause()
            panel = " ".join(str(w.render()) for w in app.screen.query("#page-info Static"))
            related = app.screen.query_one("#page-related", OptionList)
            ids = {related.get_option_at_index(i).id for i in range(related.option_count)}
            assert ("Read out" in panel) is officer and ("For: recipient" in panel) is officer, panel
            assert ("officer-handling-misuse" in ids) is officer, ids


async def test_switching_mode_on_a_page_changes_its_panel_or_closes_an_officers_page(make_app):
    """F2 on an open page: the panel speaks to the new mode's reader at once; a page written for
    officers only is closed when switching to recipient mode."""
    app = make_app(build_index=False, mode="officer")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.open_page("misuse-and-fraud")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PageScreen" and app.screen.query("#page-summary"))
        await pilot.pause()
        await pilot.press("f2")
        await wait_for(pilot, lambda: app.mode == "recipient")
        await pilot.pause()
        assert "Read out" not in str(app.screen.query_one("#page-summary").render())
        await pilot.press("f2")
        await wait_for(pilot, lambda: app.mode == "officer")
        app.open_page("officer-handling-misuse")
        await wait_for(pilot, lambda: getattr(app.screen, "page_id", None) == "officer-handling-misuse")
        await pilot.pause()
        await pilot.press("f2")
        await wait_for(pilot, lambda: app.mode == "recipient" and getattr(app.screen, "page_id", None) != "officer-handling-misuse")


async def test_a_letter_for_officers_open_keeps_the_app_in_officer_mode(make_app, monkeypatch):
    from guidance.tui.screens.letter import LetterScreen

    app = make_app(build_index=False, mode="officer")
    monkeypatch.setattr("guidance.tui.app.save_setting", lambda *a: None)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.open_letter("capacity-assessment-record")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen))
        await wait_for(pilot, lambda: app.focused is not None)
        await pilot.press("f2")
        await pilot.pause()
        assert app.mode == "officer" and isinstance(app.screen, LetterScreen)
        shown = [n.message for n in app._notifications]
        assert any("written for officers" in n and "close it" in n for n in shown), shown
