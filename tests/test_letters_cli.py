"""``guidance letter list|render|merge`` from the command line."""

from __future__ import annotations

import json

import pytest

from guidance.cli import main
from letters_support import REPO, TEMPLATE_IDS

ON = "2026-11-25"


def run(capsys, *argv):
    code = main(["--root", str(REPO), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_gives_every_template_with_its_fields(capsys):
    code, out, _err = run(capsys, "letter", "list", "--json")
    rows = json.loads(out)
    assert code == 0
    assert sorted(r["id"] for r in rows) == sorted(TEMPLATE_IDS)
    sick = next(r for r in rows if r["id"] == "pa-off-sick")
    assert {"name": "first_day_off", "type": "date", "required": True, "label": "First day the PA was off sick"} in sick["fields"]


def test_render_example_prints_markdown_and_records_nothing(capsys):
    code, out, err = run(capsys, "letter", "render", "pa-off-sick", "--example", "--on", ON)
    assert code == 0
    assert out.startswith("**Northfield Borough Council**") and "pa-off-sick version 1" in out
    assert "Recorded" not in err


def test_render_data_file_writes_docx_and_records_it(capsys, tmp_path):
    data = tmp_path / "values.yaml"
    data.write_text("recipient_name: Mrs Ann Patel\nreference: DP-9\npa_name: Sam Jones\nfirst_day_off: 2026-11-16\ncontract_sick_pay: 'no'\n")
    out_file = tmp_path / "letter.docx"
    code, _out, err = run(capsys, "letter", "render", "pa-off-sick", "--data", str(data), "--format", "docx",
                          "--large-print", "--out", str(out_file), "--on", ON)
    assert code == 0 and out_file.stat().st_size > 0
    letter_id = err.split("Recorded as letter ")[1].split()[0]
    again = tmp_path / "again.docx"
    code, _out, err = run(capsys, "letter", "render", "pa-off-sick", "--record", letter_id, "--out", str(again))
    assert code == 0 and "Identical to the letter sent on 25 November 2026" in err
    assert again.read_bytes() == out_file.read_bytes()


def test_a_bad_data_file_names_the_field_and_its_line(capsys, tmp_path):
    data = tmp_path / "values.yaml"
    data.write_text("recipient_name: Mrs Ann Patel\nreference: DP-9\nfirst_day_off: yesterday\ncontract_sick_pay: 'no'\n")
    code, out, err = run(capsys, "letter", "render", "pa-off-sick", "--data", str(data), "--on", ON)
    assert code == 1 and out == ""
    assert "content/letters/pa-off-sick.md:" not in err
    assert "field 'pa_name' is required but was not given" in err
    assert f"{data}:3: field 'first_day_off' must be a real date" in err


def test_render_needs_a_source_of_values(capsys):
    with pytest.raises(SystemExit) as caught:
        run(capsys, "letter", "render", "pa-off-sick")
    assert caught.value.code == 2


def test_merge_reports_bad_rows_and_a_summary(capsys, tmp_path):
    source = tmp_path / "rows.csv"
    source.write_text("recipient_name,reference,change_date\nA One,DP-1,2026-04-01\n,DP-2,2026-04-01\nC Three,DP-3,2026-04-01\n")
    code, out, err = run(capsys, "letter", "merge", "minimum-wage-change", "--csv", str(source), "--format", "docx",
                         "--out", str(tmp_path / "out"), "--on", ON)
    assert code == 1
    assert "row 3: skipped: field 'recipient_name' is required" in err
    assert "2 letters written, 1 rows skipped: rows 3" in out
    assert len(list((tmp_path / "out").glob("*.docx"))) == 2


def test_session_answers_fill_the_letter(capsys, tmp_path, monkeypatch):
    import datetime as dt

    from guidance.flows.session import dump_state
    from guidance.flows.engine import State
    from guidance.records import open_store
    from guidance.records.store import FINISHED

    state = State(["sick_start", "ssp_due"], {"sick_start": dt.date(2026, 11, 16)}, {})
    with open_store() as store:
        record = store.create("pa_off_sick", 1, "2026.11.0", dt.date(2026, 11, 25), dump_state(state))
        store.record(record.id, "answer", "sick_start", None, dump_state(state), status=FINISHED)
    extra = tmp_path / "who.yaml"
    extra.write_text("recipient_name: Mrs Ann Patel\nreference: DP-9\npa_name: Sam Jones\ncontract_sick_pay: 'no'\n")
    code, out, err = run(capsys, "letter", "render", "pa-off-sick", "--session", record.id, "--data", str(extra),
                         "--format", "txt", "--on", ON)
    assert code == 0, err
    assert "first off sick on 16 November 2026" in out


def _tribunal_session(event_date: str, et1_sent: str):
    """A finished 'tribunal_preparation' session whose dates come from the real calculator."""
    import datetime as dt

    from guidance.calculators.registry import calculate
    from guidance.content.rates import load_rates
    from guidance.flows.engine import State
    from guidance.flows.session import dump_state
    from guidance.problems import Problems
    from guidance.records import open_store
    from guidance.records.store import FINISHED

    rates = load_rates(REPO / "content" / "rates.yaml", Problems())
    answers = {"stage": "claim", "event_date": dt.date.fromisoformat(event_date), "et1_sent": dt.date.fromisoformat(et1_sent)}
    dates = calculate("tribunal-deadline", {"event_date": event_date, "et1_sent": et1_sent}, rates, dt.date(2026, 11, 25))
    state = State(["stage", "claim_timeline"], answers, {"dates": dates})
    with open_store() as store:
        record = store.create("tribunal_preparation", 1, "2026.11.0", dt.date(2026, 11, 25), dump_state(state))
        store.record(record.id, "answer", "stage", None, dump_state(state), status=FINISHED)
    return record.id


@pytest.mark.parametrize("event_date, et1_sent, shown, hidden", [
    # 3 months from 15 Sep 2026 ends 14 Dec 2026; the six-month limit (start not confirmed) 14 Mar 2027
    ("2026-09-15", "2026-11-20",
     ["14 December 2026 is the cautious date for Sam Jones", "14 March 2027 is the cautious date for you"],
     "The last day Sam Jones could make the claim"),
    # 3 months from 15 Jan 2026 ends 14 Apr 2026, long before the new limit could start: one date
    ("2026-01-15", "2026-05-01", ["The last day Sam Jones could make the claim in time was 14 April 2026"],
     "cautious date"),
])
def test_tribunal_letter_gives_both_readings_where_the_law_is_unsettled(capsys, tmp_path, event_date, et1_sent, shown, hidden):
    session = _tribunal_session(event_date, et1_sent)
    extra = tmp_path / "who.yaml"
    extra.write_text("recipient_name: Mrs Ann Patel\nreference: DP-9\npa_name: Sam Jones\nresponse_due: 2026-12-18\n")
    code, out, err = run(capsys, "letter", "render", "tribunal-claim-received", "--session", session, "--data", str(extra),
                         "--format", "txt", "--on", ON, "--no-record")
    assert code == 0, err
    text = " ".join(out.split())
    for words in shown:
        assert words in text
    assert hidden not in text


def _values(tmp_path):
    data = tmp_path / "values.yaml"
    data.write_text("recipient_name: Mrs Ann Patel\nreference: DP-9\npa_name: Sam Jones\nfirst_day_off: 2026-11-16\ncontract_sick_pay: 'no'\n")
    return data


def test_render_out_makes_a_new_owner_only_file_and_never_overwrites_without_force(capsys, tmp_path):
    import os
    import stat

    out_file = tmp_path / "letter.txt"
    code, _out, _err = run(capsys, "letter", "render", "pa-off-sick", "--example", "--format", "txt", "--out", str(out_file), "--on", ON)
    assert code == 0 and stat.S_IMODE(os.stat(out_file).st_mode) == 0o600
    out_file.write_text("my own notes")
    os.chmod(out_file, 0o644)
    code, _out, err = run(capsys, "letter", "render", "pa-off-sick", "--data", str(_values(tmp_path)), "--format", "txt",
                          "--out", str(out_file), "--on", ON)
    assert code == 1 and "already exists" in err and "--force" in err and "Recorded" not in err
    assert out_file.read_text() == "my own notes"
    code, _out, err = run(capsys, "letter", "render", "pa-off-sick", "--example", "--format", "txt", "--out", str(out_file), "--force", "--on", ON)
    assert code == 0 and "my own notes" not in out_file.read_text() and "sick" in out_file.read_text().lower()
    assert stat.S_IMODE(os.stat(out_file).st_mode) == 0o644  # a replaced file keeps its mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letter.txt", "values.yaml"]  # no temporary files left


@pytest.mark.parametrize("kind", ["symlink", "folder", "fifo"])
def test_render_out_never_replaces_what_is_not_a_regular_file_even_with_force(capsys, tmp_path, kind):
    import os

    target = tmp_path / "somewhere.txt"
    target.write_text("kept")
    out = tmp_path / "out.txt"
    if kind == "symlink":
        out.symlink_to(target)
    elif kind == "folder":
        out.mkdir()
    else:
        os.mkfifo(out)
    code, _out, err = run(capsys, "letter", "render", "pa-off-sick", "--example", "--format", "txt", "--out", str(out), "--force", "--on", ON)
    assert code == 1 and "not replaced" in err
    assert target.read_text() == "kept"
    assert (out.is_symlink(), out.is_dir()) == (kind == "symlink", kind == "folder")


def test_render_out_leaves_a_device_alone(capsys):
    import os
    import stat

    before = os.stat("/dev/null")
    code, _out, err = run(capsys, "letter", "render", "pa-off-sick", "--example", "--format", "txt", "--out", "/dev/null", "--force", "--on", ON)
    assert code == 1 and "not a regular file" in err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode) and os.stat("/dev/null").st_ino == before.st_ino


def test_out_into_a_folder_that_does_not_exist_is_refused_and_no_folder_is_made(capsys, tmp_path):
    out = tmp_path / "no-such-folder" / "letter.txt"
    code, _, err = run(capsys, "letter", "render", "pa-off-sick", "--example", "--format", "txt", "--out", str(out))
    assert code == 1 and "does not exist" in err and not out.parent.exists()


def test_a_wrong_value_in_the_data_file_is_blamed_on_the_data_file_at_its_line(capsys, tmp_path):
    data = tmp_path / "values.yaml"
    data.write_text("recipient_name: Mx Example\nx: 1\n", encoding="utf-8")
    code, _, err = run(capsys, "letter", "render", "pa-off-sick", "--data", str(data), "--format", "txt")
    assert code == 1 and f"{data}:2: 'x' is not a field of this letter" in err
    assert f"{data}: field 'pa_name' is required but was not given" in err and "content/letters" not in err


def test_a_deadline_before_the_letter_date_is_refused_from_the_command_line(capsys, tmp_path):
    """A letter made from a data file checks its deadlines as the app's form does: a reply-by date
    before the letter's date is an error at that field, and nothing is written or recorded."""
    import yaml

    from guidance.content.base import ContentBase

    catalogue = ContentBase.load(REPO).letters()
    values = dict(catalogue.examples("dp-statements-request"), reply_by="2026-11-24")
    data = tmp_path / "values.yaml"
    data.write_text(yaml.safe_dump({k: v if isinstance(v, list) else str(v) for k, v in values.items() if v is not None}))
    out_file = tmp_path / "letter.docx"
    code, _out, err = run(capsys, "letter", "render", "dp-statements-request", "--data", str(data),
                          "--format", "docx", "--out", str(out_file), "--on", ON)
    assert code == 1 and not out_file.exists()
    assert "field 'reply_by' is 24 November 2026, before the date of the letter (25 November 2026)" in err
    values["reply_by"] = "2026-11-25"
    data.write_text(yaml.safe_dump({k: v if isinstance(v, list) else str(v) for k, v in values.items() if v is not None}))
    code, _out, err = run(capsys, "letter", "render", "dp-statements-request", "--data", str(data),
                          "--format", "docx", "--out", str(out_file), "--on", ON)
    assert code == 0 and out_file.exists(), err


@pytest.mark.parametrize("first, last, refused", [("2026-06-28", "2026-05-30", True), ("2026-06-28", "2026-06-28", False)])
def test_a_statements_request_for_a_period_ending_before_it_starts_is_refused(capsys, tmp_path, first, last, refused):
    """A period whose last day is before its first is refused, naming the fields; one day is fine."""
    data = tmp_path / "data.yaml"
    data.write_text(f"recipient_name: Mrs A\nreference: DP-1\nperiod_from: {first}\nperiod_to: {last}\n"
                    "reply_by: 2026-12-20\n", encoding="utf-8")
    code, out, err = run(capsys, "letter", "render", "dp-statements-request", "--data", str(data),
                         "--format", "txt", "--no-record", "--on", "2026-12-03")
    assert (code == 1 and "field 'period_to' is 30 May 2026, before 'period_from' (28 June 2026)" in err) if refused else (code == 0 and "28 June 2026" in out)


SURPLUS = ("recipient_name: Mrs Ann Patel\nreference: DP-9\nbalance_date: 2026-03-30\nbalance: '3750.00'\nkeep: '1000'\n"
           "paid_ahead: '3000'\npaid_ahead_from: 2026-03-31\nrepay_by: 2027-01-15\nquery_by: 2026-12-31\nhow_to_pay: invoice\n")


def test_a_surplus_letter_keeping_less_than_the_money_paid_ahead_in_it_is_refused_naming_the_data_file(capsys, tmp_path):
    """The money kept includes the money paid in ahead: keeping £1,000 of which £3,000 is paid
    ahead contradicts itself (the £3,000 'not asked back' was asked back), so no letter is made,
    and the data file's line for 'keep' is named, not the template's."""
    data = tmp_path / "d2.yaml"
    data.write_text(SURPLUS, encoding="utf-8")
    code, out, err = run(capsys, "letter", "render", "dp-surplus-repayment", "--data", str(data), "--format", "txt",
                         "--on", ON, "--no-record")
    assert code == 1 and out == "" and "content/letters/" not in err
    assert f"{data}:5: field 'keep' is less than 'paid_ahead'" in err
    data.write_text(SURPLUS.replace("keep: '1000'", "keep: '3000'"), encoding="utf-8")  # all of it paid ahead: fine
    code, out, err = run(capsys, "letter", "render", "dp-surplus-repayment", "--data", str(data), "--format", "txt",
                         "--on", ON, "--no-record")
    assert code == 0, err
    assert "Money to pay back: £750.00" in out and "that we paid for your care after 31 March 2026" in " ".join(out.split())


def test_a_surplus_letter_with_money_paid_ahead_needs_the_day_it_is_for_care_after(capsys, tmp_path):
    data = tmp_path / "d.yaml"
    data.write_text(SURPLUS.replace("keep: '1000'", "keep: '3000'").replace("paid_ahead_from: 2026-03-31\n", ""), encoding="utf-8")
    code, _out, err = run(capsys, "letter", "render", "dp-surplus-repayment", "--data", str(data), "--on", ON, "--no-record")
    assert code == 1 and f"{data}: field 'paid_ahead_from' is needed when field 'paid_ahead' is filled in" in err


@pytest.mark.parametrize("change, line, words", [
    (("keep: '1000'", "keep: '4000'"), 5, "field 'keep' is not less than the balance"),
    (("how_to_pay: invoice\n", "how_to_pay: invoice\nshortfall_action: add to repayment\n"), 9,
     "field 'shortfall_action' is given but there is no shortfall"),
])
def test_a_surplus_letter_refused_for_its_money_names_the_data_files_line(capsys, tmp_path, change, line, words):
    """Every refusal of the surplus letter's money is the data file's, at the line of the field."""
    data = tmp_path / "d.yaml"
    data.write_text(SURPLUS.replace("paid_ahead: '3000'\npaid_ahead_from: 2026-03-31\n", "").replace(*change), encoding="utf-8")
    code, out, err = run(capsys, "letter", "render", "dp-surplus-repayment", "--data", str(data), "--format", "txt",
                         "--on", ON, "--no-record")
    assert code == 1 and out == "" and "content/letters/" not in err
    assert f"{data}:{line}: {words}" in err, err


def test_money_paid_ahead_for_care_after_a_day_before_the_balance_date_is_refused(capsys, tmp_path):
    """Money in the balance on 30 March paid ahead for care after 1 January 2025 makes no sense:
    care before the balance date was paid for before it. The day is the audit's (the period's end,
    or the balance date when the statements stop early): never before the balance date."""
    data = tmp_path / "d.yaml"
    data.write_text(SURPLUS.replace("keep: '1000'", "keep: '3000'").replace("2026-03-31", "2025-01-01"), encoding="utf-8")
    code, out, err = run(capsys, "letter", "render", "dp-surplus-repayment", "--data", str(data), "--format", "txt",
                         "--on", ON, "--no-record")
    assert code == 1 and out == "", out
    assert f"{data}:7: field 'paid_ahead_from' is before 'balance_date'" in err, err
    data.write_text(SURPLUS.replace("keep: '1000'", "keep: '3000'").replace("2026-03-31", "2026-03-30"), encoding="utf-8")
    code, out, err = run(capsys, "letter", "render", "dp-surplus-repayment", "--data", str(data), "--format", "txt",
                         "--on", ON, "--no-record")
    assert code == 0, err


def test_json_data_is_read_in_json_words_and_its_numbers_exactly(capsys, tmp_path):
    """JSON data that is not an object is told in JSON's words, not YAML's; a number too large
    for a float (1e309) is "far too large", not an amount "not an amount" said twice; 1234.5 in
    JSON is read as the exact amount."""
    data = tmp_path / "d.json"
    data.write_text("[1, 2]", encoding="utf-8")
    code, _out, err = run(capsys, "letter", "render", "dp-surplus-repayment", "--data", str(data), "--no-record")
    assert code == 1 and "'field: value' lines" not in err and f"{data}: the values must be a JSON object" in err, err
    values = {"recipient_name": "Mrs Ann Patel", "reference": "DP-9", "balance_date": "2026-03-30", "balance": 3750.1,
              "keep": "1000", "repay_by": "2027-01-15", "query_by": "2026-12-31", "how_to_pay": "invoice"}
    data.write_text(json.dumps(values, indent=0).replace("3750.1", "1e309"), encoding="utf-8")
    code, _out, err = run(capsys, "letter", "render", "dp-surplus-repayment", "--data", str(data), "--format", "txt",
                          "--on", ON, "--no-record")
    assert code == 1 and "field 'balance' must be an amount in pounds, for example 1234.50: the value is far too large" in err, err
    data.write_text(json.dumps(values), encoding="utf-8")
    code, out, err = run(capsys, "letter", "render", "dp-surplus-repayment", "--data", str(data), "--format", "txt",
                         "--on", ON, "--no-record")
    assert code == 0 and "£3,750.10" in out, err


def test_a_value_that_is_not_an_amount_is_not_said_twice():
    from guidance.letters.fields import FieldValueError, _money

    with pytest.raises(FieldValueError) as err:
        _money(None, "inf")
    assert str(err.value).count("an amount in pounds") == 1, str(err.value)
