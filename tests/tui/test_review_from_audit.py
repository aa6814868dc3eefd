"""From the account screen to the account review, its answers filled from the audit just run
(synthetic statements from the generator in tests/), at 80×24 as an officer would."""

from __future__ import annotations

from textual.widgets import Button, Input, Static

from accounts_support import Account, plant, write
from guidance.content.formatting import money
from guidance.records.audit import AuditTrail
from guidance.records.database import open_database
from guidance.tui.screens.account import AccountScreen
from guidance.tui.screens.flow import FlowScreen

from tui_helpers import answer_current, wait_for, wait_ready


def _files(folder):
    account = Account.base(reference="DP-900101")
    plant(account, "surplus")
    account.write_plan(folder / "plan.yaml", opening_balance=str(account.opening))
    write(account, "paid", folder)


async def _continue(screen, pilot) -> None:
    """Keep the answer offered: scroll to Continue and press it."""
    await pilot.pause()
    screen.query_one("#continue", Button).scroll_visible(animate=False)
    await pilot.pause()
    await pilot.click("#continue")
    await pilot.pause()


async def _account_screen(app, pilot) -> AccountScreen:
    """The account screen on the plan and statement written by ``_files``, not yet audited."""
    await wait_ready(app, pilot, search=False)
    app.push_screen(AccountScreen("plan.yaml", "statement.csv"))
    await wait_for(pilot, lambda: isinstance(app.screen, AccountScreen))
    return app.screen


async def test_review_opens_filled_from_the_audit(make_app, tmp_path, monkeypatch):
    _files(tmp_path)
    monkeypatch.chdir(tmp_path)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        account = await _account_screen(app, pilot)
        account.action_review()
        await pilot.pause()
        assert isinstance(app.screen, AccountScreen)  # not audited yet: told to audit first
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: account.audit is not None and account.audit_id is not None)
        assert account.query_one("#account-flag-table").has_focus  # so V is a key, not typed into a file name
        rec = account.audit.reconciliation
        assert rec.surplus > 0
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
        flow = app.screen
        assert flow.view.flow_id == "dp_account_review" and flow.view.session.state.prefill.record_id == account.audit_id

        await answer_current(flow, pilot)  # why this review: not filled, asked as usual
        seen = {}
        while not flow.view.finished:
            step = flow.view.step()
            help_text = str(flow.query_one("#flow-help", Static).render())
            seen[step.node_id] = help_text
            if step.kind in ("money", "text"):
                assert flow.query_one("#answer", Input).value == step.default_text
            await _continue(flow, pilot)
        assert list(seen) == ["audit", "audit_reference", "audit_balance", "audit_owed", "audit_contingency",
                              "audit_paid_ahead", "audit_shortfall", "audit_flags"]
        assert all(text.startswith(f"Filled from account audit {account.audit_id}") for text in seen.values())
        assert flow.view.session.state.current == "surplus"
        report = flow.view.step().report_markdown
        assert money(rec.surplus) in report and money(rec.closing_balance) in report
        assert f"(from account audit {account.audit_id})" in str(flow.query_one("#flow-transcript", Static).render())
        session_id = flow.view.session_id
        assert app.services.store().get(session_id).label == "DP-900101"

    db = open_database()
    try:
        (start,) = [e for e in AuditTrail(db).entries() if e.action == "session.start" and e.subject_id == session_id]
    finally:
        db.close()
    assert start.detail["prefill"]["id"] == account.audit_id and "DP-900101" not in str(start.detail)


async def test_a_changed_answer_is_shown_as_changed(make_app, tmp_path, monkeypatch):
    _files(tmp_path)
    monkeypatch.chdir(tmp_path)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        account = await _account_screen(app, pilot)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: account.audit_id is not None)
        rec = account.audit.reconciliation
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
        flow = app.screen
        await answer_current(flow, pilot)
        while flow.view.step().node_id != "audit_owed":
            await _continue(flow, pilot)
        box = flow.query_one("#answer", Input)
        box.focus()
        box.value = ""
        owed = rec.owed + rec.surplus  # invoices the plan did not list take all of the surplus
        await pilot.press(*["full_stop" if c == "." else c for c in str(owed)])
        await pilot.press("enter")
        await pilot.pause()
        assert flow.view.step().node_id == "audit_contingency"
        while not flow.view.finished:
            await _continue(flow, pilot)
        assert flow.view.session.state.current == "review_clear"
        transcript = str(flow.query_one("#flow-transcript", Static).render())
        assert f"changed: account audit {account.audit_id} gave" in transcript


async def test_review_from_a_recorded_audit_through_the_palette(make_app, tmp_path):
    """An audit recorded earlier (here by the command line's store) is chosen from a list."""
    from guidance.accounts.audit import audit_files
    from guidance.records.accounts import AccountAuditStore, statement_digests
    from guidance.tui.screens.recorded_audits import RecordedAudits

    from tui_helpers import REPO, palette_pick

    _files(tmp_path)
    audit = audit_files(tmp_path / "plan.yaml", [tmp_path / "statement.csv"], REPO / "content")
    db = open_database()
    try:
        audit_id = AccountAuditStore(db).add(audit, statement_digests([tmp_path / "statement.csv"]))
    finally:
        db.close()
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await palette_pick(pilot, "recorded audit")
        await wait_for(pilot, lambda: isinstance(app.screen, RecordedAudits))
        listing = app.screen.query_one("#audits-list")
        await wait_for(pilot, lambda: listing.option_count == 1 and listing.has_focus)
        assert "DP-900101" in str(listing.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
        flow = app.screen
        assert flow.view.session.state.prefill.record_id == audit_id
        await answer_current(flow, pilot)
        assert str(flow.query_one("#flow-help", Static).render()).startswith(f"Filled from account audit {audit_id}")
        # a person sees the previous press finish before the next (Textual ignores a button's second
        # press while the first is still shown)
        await wait_for(pilot, lambda: app.focused is not None and not app.focused.has_class("-active"))
        await pilot.press("enter")  # the choice filled from the audit starts on Continue: Enter keeps it
        await wait_for(pilot, lambda: flow.view.step().node_id == "audit_reference")


async def test_no_recorded_audits_says_so(make_app):
    from guidance.tui.screens.recorded_audits import RecordedAudits

    from tui_helpers import palette_pick

    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await palette_pick(pilot, "recorded audit")
        await wait_for(pilot, lambda: isinstance(app.screen, RecordedAudits))
        status = app.screen.query_one("#audits-status", Static)
        await wait_for(pilot, lambda: "No account audits are recorded yet" in str(status.render()))
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, RecordedAudits))
