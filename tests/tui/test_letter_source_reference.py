"""A letter made from an account audit, or from a review session started from one, takes the
audit's reference (field, letter text, file name, record) even while a call about another
reference is open; the letter screen says plainly that the two differ."""

from __future__ import annotations

from pathlib import Path

import pytest

from textual.widgets import Input, Select, Static, TextArea

from guidance.tui.screens.flow import FlowScreen
from guidance.tui.screens.letter import LetterScreen
from guidance.tui.widgets.call_panel import CallPanel

from tui_helpers import answer_current, open_audited, wait_for, wait_ready

DATA = Path(__file__).resolve().parents[1] / "data" / "accounts"
CALL = "DP-777"


async def _start_call(app, pilot, reference: str = CALL) -> None:
    await wait_ready(app, pilot, search=False)
    await pilot.press("f4")
    await wait_for(pilot, lambda: app.screen.query("#caller-ref"))
    await pilot.press(*reference, "enter")
    await wait_for(pilot, lambda: app.call is not None and app.screen.query(CallPanel))


def _fill_the_rest(screen) -> None:
    """Every empty field given its example, as an officer would type them."""
    template = screen.catalogue.template(screen.template_id)
    for name, spec in template.meta.fields.items():
        widget = screen.query_one(f"#field-{name}")
        if spec.example is None:
            continue
        if isinstance(widget, Input) and not widget.value:
            widget.value = str(spec.example)
        elif isinstance(widget, TextArea) and not widget.text.strip():
            widget.load_text("\n".join(map(str, spec.example if isinstance(spec.example, list) else [spec.example])))
        elif isinstance(widget, Select) and widget.value == Select.NULL:
            widget.value = spec.example


def _notice(screen) -> str:
    box = screen.query_one("#letter-notice", Static)
    return str(box.render()) if box.display else ""


async def test_a_letter_from_an_audit_keeps_the_audits_reference_during_another_call(make_app, monkeypatch, tmp_path):
    from guidance.records.database import open_database
    from guidance.records.duties import export_person

    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    app.services.downloads = tmp_path
    async with app.run_test(size=(120, 40)) as pilot:
        await _start_call(app, pilot)
        account = await open_audited(app, pilot)
        own = account.audit.plan.reference
        assert own != CALL
        await pilot.pause()
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-reference"))
        letter = app.screen
        await pilot.pause()
        assert letter.query_one("#field-reference", Input).value == own
        notice = _notice(letter)
        assert own in notice and CALL in notice, notice
        _fill_the_rest(letter)
        await pilot.pause()
        letter.refresh_preview()
        await wait_for(pilot, lambda: letter.letter is not None)
        assert letter.letter.reference == own
        assert own in letter.letter.body and CALL not in letter.letter.body
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: getattr(letter, "saved_as", None) is not None)
        assert Path(letter.saved_as).name == f"dp-surplus-repayment-{own}.docx"
        await wait_for(pilot, lambda: letter.draft_settled)
        await pilot.pause(0.2)
        call = app.services.calls().get(app.call.call_id)
        assert not [item for item in call.items if item.kind == "letter"]  # not this call's letter
    db = open_database()
    try:
        assert [row["reference"] for row in export_person(db, own)["letters"]] == [own]
        theirs = export_person(db, CALL)
        assert theirs["letters"] == [] and all(not call["letter_drafts"] for call in theirs["calls"])
    finally:
        db.close()


@pytest.mark.parametrize("call", [None, "DP-900001"])
async def test_without_a_call_or_with_the_same_reference_there_is_no_notice(make_app, monkeypatch, call):
    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(120, 40)) as pilot:
        if call is not None:
            await _start_call(app, pilot, call)
        account = await open_audited(app, pilot)
        assert account.audit.plan.reference == "DP-900001"
        await pilot.pause()
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-reference"))
        assert app.screen.query_one("#field-reference", Input).value == "DP-900001"
        assert _notice(app.screen) == ""
        assert app.screen.call_id == (app.call.call_id if call is not None else None)  # the call's letter


async def test_a_letter_from_a_review_started_from_an_audit_keeps_the_audits_reference(make_app, tmp_path, monkeypatch):
    from test_review_from_audit import _continue, _files

    _files(tmp_path)
    monkeypatch.chdir(tmp_path)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _start_call(app, pilot)
        account = await open_audited(app, pilot)
        await wait_for(pilot, lambda: account.audit_id is not None)
        own = account.audit.plan.reference
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
        flow = app.screen
        await answer_current(flow, pilot)
        while not flow.view.finished:
            await _continue(flow, pilot)
        session_id = flow.view.session_id
        await wait_for(pilot, lambda: app.services.store().get(session_id).status == "finished")
        assert app.services.store().get(session_id).label == own
        app.open_letter("dp-surplus-repayment", session_id=session_id)
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-reference"))
        letter = app.screen
        assert letter.query_one("#field-reference", Input).value == own
        notice = _notice(letter)
        assert own in notice and CALL in notice, notice


async def test_a_letter_about_another_reference_left_unsaved_is_kept_under_its_own_reference(make_app, monkeypatch):
    """Not with the open call (whose records would then hold another person's letter), but on
    its own under the audit's reference, and it comes back as typed when l is pressed again."""
    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await _start_call(app, pilot)
        account = await open_audited(app, pilot)
        await pilot.pause()
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-officer"))
        letter = app.screen
        assert letter.call_id is None and letter.query_one("#field-reference", Input).disabled
        officer = letter.query_one("#field-officer", Input)
        officer.focus()
        await pilot.pause()
        await pilot.press(*"Sam Reid")
        await wait_for(pilot, lambda: officer.value == "Sam Reid")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is account and letter.draft_settled)
        (kept,) = app.services.letter_drafts().list()
        assert kept.data["reference"] == "DP-900001" and kept.data["officer"] == "Sam Reid"
        assert not app.services.calls().get(app.call.call_id).drafts
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-officer"))
        assert app.screen.query_one("#field-officer", Input).value == "Sam Reid"
        assert app.screen.query_one("#field-reference", Input).value == "DP-900001"
        assert CALL in _notice(app.screen)
