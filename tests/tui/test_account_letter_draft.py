"""A letter made from the account screen and left unsaved (Esc) comes back as typed when l is
pressed again in the same session, and saving it ends the draft; a draft for another reference
is not put into a letter for this one."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from guidance.tui.screens.account import AccountScreen
from guidance.tui.screens.letter import LetterScreen

from tui_helpers import open_audited, wait_for

DATA = Path(__file__).resolve().parents[1] / "data" / "accounts"


async def _open_the_letter(app, pilot, account):
    await pilot.press("l")
    await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-officer"))
    await pilot.pause()
    return app.screen


async def test_a_letter_left_unsaved_comes_back_as_typed(make_app, monkeypatch, tmp_path):
    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        account = await open_audited(app, pilot)
        await pilot.pause()
        letter = await _open_the_letter(app, pilot, account)
        assert letter.template_id == "dp-surplus-repayment"
        officer = letter.query_one("#field-officer", Input)
        officer.focus()
        await pilot.pause()
        await pilot.press(*"Sam Reid")
        await wait_for(pilot, lambda: officer.value == "Sam Reid")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is account)
        letter = await _open_the_letter(app, pilot, account)
        assert letter.query_one("#field-officer", Input).value == "Sam Reid"
        assert letter.query_one("#field-reference", Input).value == account.audit.plan.reference


async def test_a_draft_for_another_reference_is_not_put_into_this_letter(make_app, monkeypatch, tmp_path):
    from guidance.records.drafts import StandaloneDraft

    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        account = await open_audited(app, pilot)
        await pilot.pause()
        app.letter_drafts[("dp-surplus-repayment", None)] = StandaloneDraft(
            "d1", "dp-surplus-repayment", {"reference": "DP-999999", "officer": "Someone Else"}, None, "")
        letter = await _open_the_letter(app, pilot, account)
        assert letter.query_one("#field-reference", Input).value == account.audit.plan.reference
        assert letter.query_one("#field-officer", Input).value == ""
        assert ("dp-surplus-repayment", None) in app.letter_drafts  # still listed, never lost
        assert isinstance(account, AccountScreen)


def test_the_list_of_recorded_audits_says_a_surplus_is_not_final_as_the_command_line_does():
    from guidance.accounts.money import recorded_surplus
    from guidance.tui.screens.recorded_audits import audit_line

    row = {"reference": "DP-004512", "period": "6 April 2026 to 4 October 2026", "surplus": "658.51", "decided": 0,
           "flags": 3, "audited_at": "2026-11-25T14:06:00.000Z", "surplus_provisional": True}
    assert recorded_surplus(row) == "£658.51 (not final)"
    assert "surplus £658.51 (not final) ·" in audit_line(row).plain
    assert "(not final)" not in audit_line({**row, "surplus_provisional": False}).plain


async def test_values_the_audit_leaves_empty_are_empty_fields_never_the_word_none(make_app, monkeypatch, tmp_path):
    """The audit fills some fields only when they apply (money paid ahead, the last statement
    day): left empty, the form shows them empty, so the letter can be saved as it opens."""
    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        account = await open_audited(app, pilot)
        await pilot.pause()
        letter = await _open_the_letter(app, pilot, account)
        shown = {widget.id: widget.value for widget in letter.query(Input)}
        assert "None" not in shown.values(), shown
        assert shown["field-statements_stop"] == ""
        assert not [name for name, _said in letter._problems if name in ("statements_stop", "paid_ahead")]


async def test_a_draft_for_the_same_reference_keeps_what_was_typed_but_takes_this_audits_figures(make_app, monkeypatch):
    """A letter left unsaved from an earlier audit of the same person (other statements, other
    figures), or with a figure typed over: pressing l on this audit gives the name as typed and
    this audit's balance, day and money kept, saying which it replaced (it gave the draft's, and
    asked back the wrong sum)."""
    from guidance.records.drafts import StandaloneDraft

    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    notices = []
    async with app.run_test(size=(80, 24)) as pilot:
        account = await open_audited(app, pilot)
        await pilot.pause()
        first = await _open_the_letter(app, pilot, account)
        audit_values = {name: first.query_one(f"#field-{name}", Input).value for name in ("balance", "keep", "balance_date")}
        assert all(audit_values.values()), audit_values
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is account)
        app.letter_drafts[("dp-surplus-repayment", None)] = StandaloneDraft(
            "d1", "dp-surplus-repayment", {"reference": account.audit.plan.reference, "officer": "Sam Reid",
                                           "balance": "3750.00", "keep": "2023.08", "balance_date": "2026-03-30"}, None, "")
        original = app.notify
        app.notify = lambda message, **kw: (notices.append(str(message)), original(message, **kw))
        letter = await _open_the_letter(app, pilot, account)
        assert letter.query_one("#field-officer", Input).value == "Sam Reid"
        assert {name: letter.query_one(f"#field-{name}", Input).value for name in audit_values} == audit_values
        assert any("this audit's figures" in n and "balance" in n and "keep" in n for n in notices), notices
