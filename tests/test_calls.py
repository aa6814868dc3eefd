"""Call records keep every page used, with versions, and make a case note that says so."""

import os
import stat

import pytest

from guidance.records import data_dir
from guidance.records.calls import CallStore
from guidance.records.casenote import case_note


@pytest.fixture
def store():
    calls = CallStore(data_dir() / "records.sqlite3")
    yield calls
    calls.close()


def test_a_call_keeps_items_in_order_and_once_in_a_row(store):
    call_id = store.start("AB-123", "2026.11.2")
    store.add_item(call_id, "page", "statutory-sick-pay", "Statutory Sick Pay (SSP)", "1")
    store.add_item(call_id, "page", "statutory-sick-pay", "Statutory Sick Pay (SSP)", "1")
    store.add_item(call_id, "flow", "pa_off_sick", "PA off sick", "2")
    store.save_notes(call_id, "PA off since Monday.")
    call = store.get(call_id)
    assert [(i.kind, i.item_id) for i in call.items] == [("page", "statutory-sick-pay"), ("flow", "pa_off_sick")]
    assert call.notes == "PA off since Monday." and call.status == "open"


def test_what_was_used_is_listed_once_each_with_counts_in_first_use_order(store):
    call_id = store.start("AB-123", "2026.11.2")
    for kind, item_id, title in [("page", "holiday-pay", "Holiday pay"), ("calculator", "ssp", "Statutory Sick Pay\nFigure: £287.59"),
                                 ("page", "dbs-checks", "DBS checks"), ("page", "holiday-pay", "Holiday pay"),
                                 ("calculator", "ssp", "Statutory Sick Pay\nFigure: £118.75"), ("page", "holiday-pay", "Holiday pay")]:
        store.add_item(call_id, kind, item_id, title, "2")
    call = store.get(call_id)
    assert len(call.items) == 6  # every use is kept
    assert [(u.kind, u.item_id, u.title, u.version, u.count) for u in call.used()] == [
        ("page", "holiday-pay", "Holiday pay", "2", 3), ("calculator", "ssp", "Statutory Sick Pay", "2", 2),
        ("page", "dbs-checks", "DBS checks", "2", 1)]
    store.add_item(call_id, "page", "holiday-pay", "Holiday pay", "3")  # another version is another thing used
    assert [(u.item_id, u.version, u.count) for u in store.get(call_id).used()][-1] == ("holiday-pay", "3", 1)


def test_case_note_names_versions_and_release(store):
    call_id = store.start("AB-123", "2026.11.2")
    store.add_item(call_id, "page", "holiday-pay", "Working out holiday pay", "3")
    note = case_note(store.get(call_id), notes="Explained holiday pay.")
    assert "Caller reference: AB-123." in note
    assert "release: 2026.11.2" in note
    assert "- Page: Working out holiday pay (holiday-pay, version 3)" in note
    assert "Explained holiday pay." in note
    store.finish(call_id, note)
    closed = store.get(call_id)
    assert closed.status == "closed" and closed.case_note == note and closed.ended_at


def test_a_call_needs_a_reference_and_the_file_is_private(store):
    with pytest.raises(ValueError, match="caller reference"):
        store.start("  ", "2026.11.2")
    mode = stat.S_IMODE(os.stat(store.path).st_mode)
    assert mode == 0o600


def test_a_call_survives_a_new_connection(store):
    call_id = store.start("REF-9", "2026.11.2")
    store.add_item(call_id, "page", "dbs-checks", "DBS checks", "1")
    again = CallStore(store.path)
    assert again.get(call_id).items[0].item_id == "dbs-checks"
    again.close()


def test_a_call_keeps_the_reference_in_its_canonical_form(store):
    call_id = store.start("  dp \u2013 777 ", "2026.11.2")
    assert store.get(call_id).caller_ref == "DP-777"


def test_each_flow_run_is_one_entry_and_a_rerun_is_another(store):
    call_id = store.start("AB-123", "2026.11.2")
    store.add_item(call_id, "flow", "pa_off_sick", "PA off sick", "2", run="s1")
    outcome = "PA off sick\nOutcome: SSP is due\nKey dates: 2 November 2026 First day off"
    store.add_item(call_id, "flow", "pa_off_sick", outcome, "2", run="s1")  # the same run, finished
    store.add_item(call_id, "flow", "pa_off_sick", "PA off sick", "2", run="s2")
    store.add_item(call_id, "flow", "pa_off_sick", outcome, "2", run="s2")  # a second run, same outcome
    call = store.get(call_id)
    assert [(i.run, i.title) for i in call.items] == [("s1", outcome), ("s2", outcome)]
    note = case_note(call)
    assert note.count("- Guided help: PA off sick (pa_off_sick, version 2, at ") == 2
    assert note.count("    Outcome: SSP is due") == 2
    assert "\n- Guided help: PA off sick (pa_off_sick, version 2)\n" not in note  # no bare start line left


def test_a_calculation_worked_out_again_replaces_its_entry(store):
    call_id = store.start("AB-123", "2026.11.2")
    store.add_item(call_id, "calculator", "sick-pay", "Statutory Sick Pay\nResult: SSP £100.00", None, run="c1")
    store.add_item(call_id, "page", "holiday-pay", "Holiday pay", "3")
    store.add_item(call_id, "calculator", "sick-pay", "Statutory Sick Pay\nResult: SSP £287.59", None, run="c1")
    items = store.get(call_id).items
    assert [(i.kind, i.title.split("\n")[-1]) for i in items] == [("calculator", "Result: SSP £287.59"), ("page", "Holiday pay")]


def test_letter_drafts_are_kept_with_the_call_until_dropped(store):
    call_id = store.start("AB-123", "2026.11.2")
    store.save_draft(call_id, "advice-follow-up", {"recipient_name": "Mr A", "advice": ["One", "Two"]})
    store.save_draft(call_id, "advice-follow-up", {"recipient_name": "Mr Abel"})
    again = CallStore(store.path)
    drafts = again.get(call_id).drafts
    again.close()
    assert [(d.template_id, d.data) for d in drafts] == [("advice-follow-up", {"recipient_name": "Mr Abel"})]
    store.drop_draft(call_id, "advice-follow-up")
    assert store.get(call_id).drafts == ()
    with pytest.raises(LookupError):
        store.save_draft("nope", "advice-follow-up", {})
