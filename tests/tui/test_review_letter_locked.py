"""A letter written from an account review started from an audit (V on the account screen, then
"Write letter" at the review's outcome) is locked to the audit as a letter made from the audit
is: exactly the fields 'guidance letter render --session' refuses in the data are shown and not
typed over, with the same label and line at the top; given back after a restart it is locked
again; the letter's record names the audit, as does the record of a letter made from the audit
itself. Synthetic plan and statements only."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Static

from guidance.tui.screens.flow import FlowScreen
from guidance.tui.screens.letter import LetterScreen

from test_audit_letter_given_back import LOCKED, OPEN
from test_review_from_audit import _continue, _files
from tui_helpers import answer_current, open_audited, open_left_work, wait_for, wait_ready

OWN = "DP-900101"  # the plan's reference (test_review_from_audit._files)


async def _review_letter(app, pilot) -> tuple[LetterScreen, str, str]:
    """Audit, V, answer the review to its surplus outcome, "Write letter: ..." for the surplus
    letter: (the letter screen, the session id, the audit id)."""
    account = await open_audited(app, pilot)
    await wait_for(pilot, lambda: account.audit_id is not None)
    await pilot.press("v")
    await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
    flow = app.screen
    await answer_current(flow, pilot)
    while not flow.view.finished:
        await _continue(flow, pilot)
    assert flow.view.session.state.current == "surplus"
    session_id = flow.view.session_id
    await wait_for(pilot, lambda: app.services.store().get(session_id).status == "finished")
    letters = flow.query_one("#flow-letters", OptionList)
    index = next(i for i in range(letters.option_count) if letters.get_option_at_index(i).id == "dp-surplus-repayment")
    letters.focus()
    letters.highlighted = index
    await pilot.pause()
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-officer"))
    return app.screen, session_id, account.audit_id


def _assert_locked(letter: LetterScreen) -> None:
    for name in LOCKED:  # what 'letter render --session' refuses for this review
        assert letter.query_one(f"#field-{name}").disabled, name
    for name in OPEN:
        assert not letter.query_one(f"#field-{name}").disabled, name
    assert letter.query_one("#field-reference", Input).value == OWN
    assert letter.query_one("#field-balance", Input).value  # the review's figure, shown
    fills = letter.query_one("#letter-audit-fills", Static)
    said = str(fills.render())
    assert fills.display and OWN in said and "audit the account again" in said, said
    labels = [str(label.render()) for label in letter.query("Label")]
    assert any(text.startswith("Money in the account on that date (the audit fills this in)") for text in labels), labels
    from guidance.accounts.letters import audit_locks
    from guidance.letters.session import finished_session

    answers, results, _flow, carried = finished_session(letter.session_id, letter.app.services.store())
    assert letter.locked == audit_locks(letter.catalogue.template(letter.template_id), (answers, results, carried))
    assert set(letter.locked) == set(LOCKED)


async def test_a_letter_from_a_review_started_from_an_audit_is_locked_and_comes_back_locked(make_app, tmp_path, monkeypatch):
    from guidance.records.database import open_database
    from guidance.records.duties import export_person

    _files(tmp_path)
    monkeypatch.chdir(tmp_path)
    app = make_app(build_index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        letter, session_id, audit_id = await _review_letter(app, pilot)
        _assert_locked(letter)
        officer = letter.query_one("#field-officer", Input)
        officer.focus()
        await pilot.pause()
        await pilot.press(*"Sam Reid")
        await wait_for(pilot, lambda: officer.value == "Sam Reid")
        await wait_for(pilot, lambda: letter.draft_settled and any(
            d.data.get("officer") == "Sam Reid" for d in app.services.letter_drafts().list()))
        (kept,) = app.services.letter_drafts().list()
        assert kept.session_id == session_id
    app = make_app(build_index=False)  # started again: the letter is offered back
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
        _assert_locked(letter)
        from test_letter_source_reference import _fill_the_rest

        _fill_the_rest(letter)
        letter.refresh_preview()
        await wait_for(pilot, lambda: letter.letter is not None)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: getattr(letter, "saved_as", None) is not None)
        await wait_for(pilot, lambda: letter.draft_settled and not app.services.letter_drafts().list())
    db = open_database()
    try:
        (record,) = export_person(db, OWN)["letters"]
    finally:
        db.close()
    assert record["session_id"] == session_id and record["snapshot"]["source"] == {"account_audit": audit_id}


async def test_the_record_of_a_letter_made_from_the_audit_names_the_audit(make_app, tmp_path, monkeypatch):
    _files(tmp_path)
    monkeypatch.chdir(tmp_path)
    app = make_app(build_index=False)
    app.services.downloads = tmp_path
    async with app.run_test(size=(80, 24)) as pilot:
        account = await open_audited(app, pilot)
        await wait_for(pilot, lambda: account.audit_id is not None)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen) and app.screen.query("#field-officer"))
        letter = app.screen
        from test_letter_source_reference import _fill_the_rest

        _fill_the_rest(letter)
        letter.refresh_preview()
        await wait_for(pilot, lambda: letter.letter is not None)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: getattr(letter, "saved_as", None) is not None)
        await app.workers.wait_for_complete()
        (record,) = app.services.letter_store().list()
        assert record.audit_id == account.audit_id and Path(letter.saved_as).exists()


async def test_a_draft_given_back_shows_the_locked_fields_only_as_the_review_gives_them(make_app, tmp_path, capsys):
    """A draft kept with what a locked field never takes from the officer (days missing, the day
    the statements stop: this review's audit has none) comes back with those fields as the review
    gives them (empty), locked; what the officer typed elsewhere stays."""
    import json

    from accounts_support import FOUR_WEEKLY_PLAN, FOUR_WEEKLY_ROWS
    from guidance.cli import main

    (tmp_path / "plan.yaml").write_text(FOUR_WEEKLY_PLAN, encoding="utf-8")
    (tmp_path / "s.csv").write_text(FOUR_WEEKLY_ROWS, encoding="utf-8")
    assert main(["account", "audit", "--plan", str(tmp_path / "plan.yaml"), str(tmp_path / "s.csv")]) == 0
    audit_id = capsys.readouterr().err.split("Recorded as account audit ")[1].split()[0]
    (tmp_path / "answers.yaml").write_text("review_reason: routine\n", encoding="utf-8")
    assert main(["flow", "run", "dp_account_review", "--from-audit", audit_id, "--answers", str(tmp_path / "answers.yaml"),
                 "--json", "--on", "2026-11-25"]) == 0
    session = json.loads(capsys.readouterr().out)["session"]
    app = make_app(build_index=False)
    app.services.letter_drafts().save("d1", "dp-surplus-repayment", {
        "reference": "DP-000099", "officer": "Sam Reid", "missing_periods": ["1 July 2026 to 7 July 2026"],
        "statements_stop": "2026-04-17", "balance": "1.00"}, session, "DP-000099")
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
        for name in ("missing_periods", "statements_stop", "balance", "reference"):
            assert letter.query_one(f"#field-{name}").disabled, name
        assert not letter.query_one("#field-missing_periods").text.strip()
        assert letter.query_one("#field-statements_stop", Input).value == ""
        assert letter.query_one("#field-balance", Input).value not in ("", "1.00")
        assert "missing_periods" not in letter.values() and "statements_stop" not in letter.values()
