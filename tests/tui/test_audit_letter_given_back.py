"""A letter made from an account audit stays that audit's letter: the values the audit fills in
(its reference, figures and days, as ``guidance account letter`` refuses them in the data) are
shown and not typed over, and its draft keeps the audit as its source, so after a crash it comes
back locked to the audit as it was, and is saved under the audit's reference. Taking back one
piece of unfinished work leaves the rest offered in the same run."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Static

from guidance.tui.screens.letter import LetterScreen
from guidance.tui.widgets.call_panel import CallPanel

from tui_helpers import open_audited, open_left_work, wait_for, wait_ready

DATA = Path(__file__).resolve().parents[1] / "data" / "accounts"
CALL = "DP-777"
OWN = "DP-900001"  # the plan's reference
LOCKED = ("reference", "balance_date", "balance", "keep", "paid_ahead", "paid_ahead_from", "shortfall",
          "missing_periods", "statements_stop", "balance_unconfirmed")
OPEN = ("recipient_name", "recipient_address", "shortfall_action", "repay_by", "query_by", "how_to_pay", "officer")


async def _start_call(app, pilot, reference: str = CALL) -> None:
    await wait_ready(app, pilot, search=False)
    await pilot.press("f4")
    await wait_for(pilot, lambda: app.screen.query("#caller-ref"))
    await pilot.press(*reference, "enter")
    await wait_for(pilot, lambda: app.call is not None and app.screen.query(CallPanel))


async def _letter_typed_into(app, pilot) -> LetterScreen:
    """During a call about DP-777: audit DP-900001's account, make its letter, type a name."""
    await _start_call(app, pilot)
    account = await open_audited(app, pilot)
    await wait_for(pilot, lambda: account.audit_id is not None)
    await pilot.press("l")
    await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-officer"))
    letter = app.screen
    officer = letter.query_one("#field-officer", Input)
    officer.focus()
    await pilot.pause()
    await pilot.press(*"Sam Reid")
    await wait_for(pilot, lambda: officer.value == "Sam Reid")
    await wait_for(pilot, lambda: letter.draft_settled and any(
        d.data.get("officer") == "Sam Reid" for d in app.services.letter_drafts().list()))
    return letter


def _assert_locked_to_the_audit(letter: LetterScreen) -> None:
    for name in LOCKED:
        assert letter.query_one(f"#field-{name}").disabled, name  # shown, not in the Tab order
    for name in OPEN:
        assert not letter.query_one(f"#field-{name}").disabled, name
    assert letter.query_one("#field-reference", Input).value == OWN
    fills = letter.query_one("#letter-audit-fills", Static)
    said = str(fills.render())
    assert fills.display and OWN in said and "audit the account again" in said, said


async def test_the_audits_figures_are_shown_and_not_typed_over(make_app, monkeypatch, tmp_path):
    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        letter = await _letter_typed_into(app, pilot)
        _assert_locked_to_the_audit(letter)
        assert letter.query_one("#field-balance", Input).value  # the audit's figure, shown
        (kept,) = app.services.letter_drafts().list()
        assert kept.source["reference"] == OWN and kept.source["audit_id"] is not None
        assert kept.source["filled"]["balance"] == letter.query_one("#field-balance", Input).value


async def test_a_letter_from_an_audit_comes_back_after_a_crash_locked_to_the_audit(make_app, monkeypatch, tmp_path):
    """kill -9 (the app stops with the draft in the records), start again, Ctrl+O: the letter,
    its reference and figures locked as they were, saved and recorded under the audit's reference."""
    from guidance.records.database import open_database
    from guidance.records.duties import export_person

    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _letter_typed_into(app, pilot)
    app = make_app(build_index=False)
    app.services.downloads = tmp_path
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await open_left_work(app, pilot)
        offered = app.screen.query_one("#open-letters", OptionList)
        offered.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-officer"))
        letter = app.screen
        await pilot.pause()
        assert letter.query_one("#field-officer", Input).value == "Sam Reid"
        _assert_locked_to_the_audit(letter)
        for _ in range(12):  # Tab never reaches the reference
            await pilot.press("tab")
            assert app.focused is not letter.query_one("#field-reference")
        from test_letter_source_reference import _fill_the_rest

        _fill_the_rest(letter)
        letter.refresh_preview()
        await wait_for(pilot, lambda: letter.letter is not None)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: getattr(letter, "saved_as", None) is not None)
        assert Path(letter.saved_as).name == f"dp-surplus-repayment-{OWN}.docx"
        await wait_for(pilot, lambda: letter.draft_settled and not app.services.letter_drafts().list())
    db = open_database()
    try:
        assert [row["reference"] for row in export_person(db, OWN)["letters"]] == [OWN]
        assert export_person(db, CALL)["letters"] == []
    finally:
        db.close()


async def test_taking_back_the_call_leaves_the_letter_offered(make_app, monkeypatch, tmp_path):
    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _letter_typed_into(app, pilot)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await open_left_work(app, pilot)
        calls = app.screen.query_one("#open-calls", OptionList)
        calls.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.call is not None)
        assert app.open_work is not None and len(app.open_work.letters) == 1 and not app.open_work.calls
        while len(app.screen_stack) > 1:  # the home screen says it is still there, for after the call
            app.pop_screen()
            await pilot.pause()
        await pilot.pause()
        assert "Left unfinished: 1 letter. Ctrl+O to carry on once this call has ended (F8)." in str(
            app.screen.query_one("#open-work").render())
        from guidance.tui.screens.case_note import CaseNoteScreen

        await pilot.press("f8")  # the call ended
        await wait_for(pilot, lambda: isinstance(app.screen, CaseNoteScreen))
        app.screen.close_call()
        await wait_for(pilot, lambda: app.call is None)
        await app.workers.wait_for_complete()
        while len(app.screen_stack) > 1:
            app.pop_screen()
            await pilot.pause()
        assert "Left unfinished: 1 letter. Ctrl+O to carry on." in str(app.screen.query_one("#open-work").render())
        await open_left_work(app, pilot)
        offered = app.screen.query_one("#open-letters", OptionList)
        offered.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-officer"))
        assert app.screen.query_one("#field-officer", Input).value == "Sam Reid"
        _assert_locked_to_the_audit(app.screen)
        await wait_for(pilot, lambda: app.open_work is None)


def test_a_problem_naming_another_field_names_it_by_its_label_only():
    from guidance.tui.screens.letter import _plain

    labels = {"keep": "Money the person keeps for bills still to pay and for emergencies",
              "paid_ahead": "Money paid in for the person's care ahead, part of the money the person keeps (the audit fills this in)"}
    said = _plain("field 'keep' is less than 'paid_ahead', the money paid in for care ahead that is part of it: the money "
                  "kept must be at least the money paid in ahead", labels)
    assert "paid_ahead" not in said and "'Money paid in for the person's care ahead, part of the money the person keeps'" in said
    assert said.startswith("Money the person keeps") and said.endswith("at least the money paid in ahead")


async def test_a_letter_from_an_audit_kept_with_its_call_comes_back_locked_with_the_call(make_app, monkeypatch, tmp_path):
    """During a call about the audit's own reference the letter's draft is the call's: taken back
    with the call after a crash, it is locked to the audit as it was."""
    monkeypatch.chdir(DATA)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _start_call(app, pilot, OWN)
        account = await open_audited(app, pilot)
        await wait_for(pilot, lambda: account.audit_id is not None)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-officer"))
        letter = app.screen
        assert letter.call_id == app.call.call_id
        _assert_locked_to_the_audit(letter)
        letter.query_one("#field-officer", Input).value = "Sam Reid"
        call_id = app.call.call_id
        await wait_for(pilot, lambda: letter.draft_settled and any(
            d.data.get("officer") == "Sam Reid" for d in app.services.calls().get(call_id).drafts))
        (kept,) = app.services.calls().get(call_id).drafts
        assert kept.source["reference"] == OWN and "_source" not in kept.data
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot, search=False)
        await open_left_work(app, pilot)
        calls = app.screen.query_one("#open-calls", OptionList)
        calls.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-officer"))
        letter = app.screen
        assert letter.call_id == call_id and letter.query_one("#field-officer", Input).value == "Sam Reid"
        _assert_locked_to_the_audit(letter)
