"""An account review started from an audit of another reference than the open call's (V on the
account screen during a call about someone else) is not added to that call: neither its title,
its outcome (with the audit's figures) nor its key dates go into the call's record. It is kept
under the audit's reference, and the review screen says so plainly, as the letter does. A review
of the call's own reference is added to the call as before."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from textual.widgets import Static

from guidance.tui.screens.flow import FlowScreen

from test_letter_source_reference import _start_call
from test_review_from_audit import _continue, _files
from tui_helpers import answer_current, open_audited, wait_for

CALL = "DP-777"


def _notice(screen) -> str:
    box = screen.query_one("#flow-notice", Static)
    return str(box.render()) if box.display else ""


async def _review_in_a_call(app, pilot, call: str):
    await _start_call(app, pilot, call)
    account = await open_audited(app, pilot)
    await wait_for(pilot, lambda: account.audit_id is not None)
    await pilot.press("v")
    await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
    flow = app.screen
    await answer_current(flow, pilot)
    while not flow.view.finished:
        await _continue(flow, pilot)
    await pilot.pause(0.3)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return account, flow


async def test_a_review_of_another_reference_is_kept_out_of_the_call(make_app, tmp_path, monkeypatch):
    from guidance.records.database import open_database
    from guidance.records.duties import export_person

    _files(tmp_path)
    monkeypatch.chdir(tmp_path)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        account, flow = await _review_in_a_call(app, pilot, CALL)
        own = account.audit.plan.reference
        assert own != CALL
        notice = _notice(flow)
        assert own in notice and CALL in notice and "not added to call" in notice, notice
        call = app.services.calls().get(app.call.call_id)
        assert not [item for item in call.items if item.kind == "flow"], call.items
        assert app.call.all_key_dates() == []
        assert app.services.store().get(flow.view.session_id).label == own
    db = open_database()
    try:
        theirs = export_person(db, CALL)
        assert all(not call["items"] for call in theirs["calls"]), theirs["calls"]
    finally:
        db.close()


async def test_a_review_of_the_calls_own_reference_is_added_to_the_call(make_app, tmp_path, monkeypatch):
    _files(tmp_path)
    monkeypatch.chdir(tmp_path)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        account, flow = await _review_in_a_call(app, pilot, "DP-900101")
        assert _notice(flow) == ""
        call = app.services.calls().get(app.call.call_id)
        (item,) = [item for item in call.items if item.kind == "flow"]
        assert item.item_id == "dp_account_review" and "Reviewing" in item.title


@pytest.mark.parametrize("call", [CALL, "DP-900101"])
async def test_key_dates_from_a_review_take_the_audits_reference(make_app, tmp_path, monkeypatch, call):
    _files(tmp_path)
    monkeypatch.chdir(tmp_path)
    app = make_app(build_index=False)
    app.services.downloads = tmp_path / "out"
    app.services.downloads.mkdir()
    async with app.run_test(size=(80, 24)) as pilot:
        account, flow = await _review_in_a_call(app, pilot, call)
        flow.save_dates([(dt.date(2026, 5, 1), "Ask for the statements again")])
        await wait_for(pilot, lambda: list(app.services.downloads.iterdir()))
        (saved,) = list(app.services.downloads.iterdir())
        assert saved.name == "dp-account-review-key-dates-DP-900101.ics", saved.name
        assert CALL not in Path(saved).read_text()


async def test_the_audits_record_number_cannot_be_changed_to_another(make_app, tmp_path, monkeypatch):
    """The review holds this audit's figures and reference: another record number is refused,
    saying how to review the other audit, and the answer stays this audit's."""
    from textual.widgets import Input

    _files(tmp_path)
    monkeypatch.chdir(tmp_path)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        account = await open_audited(app, pilot)
        await wait_for(pilot, lambda: account.audit_id is not None)
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
        flow = app.screen
        await answer_current(flow, pilot)
        while flow.view.step().node_id != "audit_reference":
            await _continue(flow, pilot)
        box = flow.query_one("#answer", Input)
        box.value = "524d5fb54e14"
        await flow.submit()
        await pilot.pause()
        error = str(flow.query_one("#flow-error", Static).render())
        assert f"account audit's record number stays {account.audit_id}" in error and "V on its account screen" in error, error
        assert flow.view.step().node_id == "audit_reference"
        assert flow.view.session.state.answers["audit_reference"] == account.audit_id
