"""Letters made from an account review session started from a recorded audit
(``guidance flow run dp_account_review --from-audit ID``, then ``guidance letter render --session``):
the session carries the audit's reference, the day of the balance and the days statements are
missing for, so the letter says what the letter made straight from the audit says
(``guidance account letter``), and the officer gives only what no audit can know.
Synthetic plans and statements only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from records_support import database_url  # noqa: F401  (fixture)

from accounts_support import FOUR_WEEKLY_PLAN, FOUR_WEEKLY_ROWS, Account, plant, write
from guidance.cli import main

ON = "2026-11-25"

# £1,600 every 4 weeks, £400 wages a week: a surplus of £457.14, with £1,542.86 paid in for May
PLAN, ROWS = FOUR_WEEKLY_PLAN, FOUR_WEEKLY_ROWS

NAME = "Mx Sample Person"


def _recorded_audit(capsys, plan: Path, statement: Path) -> str:
    assert main(["account", "audit", "--plan", str(plan), str(statement)]) == 0
    return capsys.readouterr().err.split("Recorded as account audit ")[1].split()[0]


def _review(capsys, tmp_path: Path, audit_id: str, outcome: str) -> str:
    """A finished review started from the audit, every answer it filled kept: its session id."""
    answers = tmp_path / "answers.yaml"
    answers.write_text("review_reason: routine\n", encoding="utf-8")
    assert main(["flow", "run", "dp_account_review", "--from-audit", audit_id, "--answers", str(answers), "--json", "--on", ON]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["finished"] and report["outcome"] == outcome
    return report["session"]


def _render(capsys, *argv) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


def test_the_surplus_letter_from_the_review_says_what_the_audit_letter_says(capsys, tmp_path, database_url):
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "s.csv").write_text(ROWS, encoding="utf-8")
    data = tmp_path / "person.yaml"
    data.write_text(f"recipient_name: {NAME}\nrepay_by: 2027-01-15\nquery_by: 2026-12-31\nhow_to_pay: invoice\n", encoding="utf-8")
    session = _review(capsys, tmp_path, _recorded_audit(capsys, tmp_path / "plan.yaml", tmp_path / "s.csv"), "surplus")

    code, err = _render(capsys, "letter", "render", "dp-surplus-repayment", "--session", session, "--data", str(data),
                        "--out", str(tmp_path / "from-review.md"), "--on", ON, "--no-record")
    assert code == 0, err  # it said: field 'reference' is required but was not given; field 'balance_date' ...
    letter = " ".join((tmp_path / "from-review.md").read_text(encoding="utf-8").split())
    assert "DP-000099" in letter and "4 May 2026" in letter
    assert "Money to pay back: **£457.14**" in letter
    assert "It includes £1,542.86 that we paid for your care after 4 May 2026" in letter

    code, err = _render(capsys, "account", "letter", "surplus", "--plan", str(tmp_path / "plan.yaml"), str(tmp_path / "s.csv"),
                        "--data", str(data), "--out", str(tmp_path / "from-audit.md"), "--on", ON, "--no-record")
    assert code == 0, err
    assert (tmp_path / "from-review.md").read_text(encoding="utf-8") == (tmp_path / "from-audit.md").read_text(encoding="utf-8")


def test_the_statements_request_from_the_review_asks_for_the_days_the_audit_found_missing(capsys, tmp_path, database_url):
    account = Account.base()
    plant(account, "missing_statement")  # 20 May, hidden: the rows shown jump from 19 May to 22 May
    plan = account.write_plan(tmp_path / "plan.yaml", opening_balance=str(account.opening))
    statement = write(account, "paid", tmp_path)
    data = tmp_path / "person.yaml"
    data.write_text(f"recipient_name: {NAME}\nreply_by: 2026-12-18\n", encoding="utf-8")
    session = _review(capsys, tmp_path, _recorded_audit(capsys, plan, statement), "statements_missing")

    code, err = _render(capsys, "letter", "render", "dp-statements-request", "--session", session, "--data", str(data),
                        "--out", str(tmp_path / "from-review.md"), "--on", ON, "--no-record")
    assert code == 0, err  # it said: field 'reference' ... 'period_from' ... 'period_to' is required but was not given
    letter = " ".join((tmp_path / "from-review.md").read_text(encoding="utf-8").split())
    assert "from 19 May 2026 to 22 May 2026" in letter and "DP-000001" in letter

    code, err = _render(capsys, "account", "letter", "statements", "--plan", str(plan), str(statement), "--data", str(data),
                        "--out", str(tmp_path / "from-audit.md"), "--on", ON, "--no-record")
    assert code == 0, err
    assert (tmp_path / "from-review.md").read_text(encoding="utf-8") == (tmp_path / "from-audit.md").read_text(encoding="utf-8")


def test_a_figure_changed_in_the_review_is_the_one_the_letter_gives(capsys, tmp_path, database_url):
    """The audit's day and reference are carried; the money kept is worked out from the answers
    as they stand (£100 more owed: £357.14 to pay back), and the saved session holds no name."""
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "s.csv").write_text(ROWS, encoding="utf-8")
    audit_id = _recorded_audit(capsys, tmp_path / "plan.yaml", tmp_path / "s.csv")
    answers = tmp_path / "answers.yaml"
    answers.write_text("review_reason: routine\naudit_owed: '100.00'\n", encoding="utf-8")
    assert main(["flow", "run", "dp_account_review", "--from-audit", audit_id, "--answers", str(answers), "--json", "--on", ON]) == 0
    session = json.loads(capsys.readouterr().out)["session"]
    data = tmp_path / "person.yaml"
    data.write_text(f"recipient_name: {NAME}\nrepay_by: 2027-01-15\nquery_by: 2026-12-31\nhow_to_pay: invoice\n", encoding="utf-8")
    code, err = _render(capsys, "letter", "render", "dp-surplus-repayment", "--session", session, "--data", str(data),
                        "--out", str(tmp_path / "letter.md"), "--on", ON)
    assert code == 0, err
    letter = " ".join((tmp_path / "letter.md").read_text(encoding="utf-8").split())
    assert "Money to pay back: **£357.14**" in letter and "DP-000099" in letter and "4 May 2026" in letter

    from guidance.records import open_store

    with open_store() as store:
        saved = store.get(session).state
    assert "DP-000099" in saved and NAME not in saved


@pytest.mark.parametrize("field", ["reference", "balance_date", "balance", "keep", "paid_ahead", "statements_stop"])
def test_the_data_file_cannot_give_a_value_the_audit_gives(capsys, tmp_path, database_url, field):
    """As with 'account letter': a reference, day or figure in the officer's data that differs
    from the audit's is refused, never silently used in place of the audit's (a keep of £0 made a
    letter asking for the whole balance back)."""
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "s.csv").write_text(ROWS, encoding="utf-8")
    session = _review(capsys, tmp_path, _recorded_audit(capsys, tmp_path / "plan.yaml", tmp_path / "s.csv"), "surplus")
    other = {"reference": "DP-000100", "balance_date": "2026-04-30", "balance": "'9999.00'", "keep": "'0.00'",
             "paid_ahead": "'0.00'", "statements_stop": "2026-04-30"}[field]
    data = tmp_path / "person.yaml"
    data.write_text(f"recipient_name: {NAME}\nrepay_by: 2027-01-15\nquery_by: 2026-12-31\nhow_to_pay: invoice\n{field}: {other}\n",
                    encoding="utf-8")
    code, err = _render(capsys, "letter", "render", "dp-surplus-repayment", "--session", session, "--data", str(data),
                        "--out", str(tmp_path / "letter.md"), "--on", ON, "--no-record")
    assert code == 1 and f"{data}:5: '{field}' in the data" in err and "audit" in err, err  # the file and its line
    assert not (tmp_path / "letter.md").exists()


def test_other_periods_in_the_data_are_refused_on_both_paths_at_the_data_files_line(capsys, tmp_path, database_url):
    """'more_periods' is the audit's (every day no statement shows is asked for): data giving it
    was added to the letter made from the audit (asking the person for days the statements show)
    and refused from the review's session. Refused on both, naming the data file and its line."""
    account = Account.base()
    plant(account, "missing_statement")
    plan = account.write_plan(tmp_path / "plan.yaml", opening_balance=str(account.opening))
    statement = write(account, "paid", tmp_path)
    data = tmp_path / "person.yaml"
    data.write_text(f"recipient_name: {NAME}\nreply_by: 2026-12-18\nmore_periods: ['1 June 2026 to 5 June 2026']\n", encoding="utf-8")
    session = _review(capsys, tmp_path, _recorded_audit(capsys, plan, statement), "statements_missing")
    for argv in (["letter", "render", "dp-statements-request", "--session", session],
                 ["account", "letter", "statements", "--plan", str(plan), str(statement)]):
        code, err = _render(capsys, *argv, "--data", str(data), "--out", str(tmp_path / "letter.md"), "--on", ON, "--no-record")
        assert code == 1 and f"{data}:3: 'more_periods' in the data" in err and "audit" in err, err
        assert not (tmp_path / "letter.md").exists()


def test_a_shortfall_in_the_data_is_refused_when_the_audit_found_none(capsys, tmp_path):
    """The audit found no contribution shortfall: a 'shortfall' typed into the data was added to
    the sum to pay back (the audit fills it in whether or not there is one)."""
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "s.csv").write_text(ROWS, encoding="utf-8")
    data = tmp_path / "person.yaml"
    data.write_text(f"recipient_name: {NAME}\nrepay_by: 2027-01-15\nquery_by: 2026-12-31\nhow_to_pay: invoice\n"
                    "shortfall: '500.00'\nshortfall_action: add to repayment\n", encoding="utf-8")
    code, err = _render(capsys, "account", "letter", "surplus", "--plan", str(tmp_path / "plan.yaml"), str(tmp_path / "s.csv"),
                        "--data", str(data), "--out", str(tmp_path / "letter.md"), "--on", ON, "--no-record")
    assert code == 1 and f"{data}:5: 'shortfall' in the data: the audit fills this in" in err, err
    assert not (tmp_path / "letter.md").exists()


def test_an_audit_recorded_before_its_letter_values_were_kept_is_still_the_same_audit_and_gives_its_day(
        capsys, tmp_path, database_url):
    """A record made before the letter values were kept: auditing the same files again finds it
    (not kept twice), and a review started from it still carries its reference and closing day."""
    from sqlalchemy import update

    from guidance.records.accounts import LETTER_VALUES, open_account_audit_store
    from guidance.records.schema import account_audits

    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "s.csv").write_text(ROWS, encoding="utf-8")
    audit_id = _recorded_audit(capsys, tmp_path / "plan.yaml", tmp_path / "s.csv")
    store = open_account_audit_store()
    try:
        figures = dict(store.get(audit_id).figures)
        assert figures.pop(LETTER_VALUES) == {"reference": "DP-000099", "balance_date": "2026-05-04", "paid_ahead_from": "2026-05-04", "missing_periods": [],
                                              "statements_stop": None, "balance_unconfirmed": None}
        with store.database.write("test") as conn:
            conn.execute(update(account_audits).where(account_audits.c.id == audit_id).values(figures=json.dumps(figures)))
    finally:
        store.database.close()
    assert main(["account", "audit", "--plan", str(tmp_path / "plan.yaml"), str(tmp_path / "s.csv")]) == 0
    assert f"Same as recorded account audit {audit_id}" in capsys.readouterr().err
    session = _review(capsys, tmp_path, audit_id, "surplus")
    data = tmp_path / "person.yaml"
    data.write_text(f"recipient_name: {NAME}\nrepay_by: 2027-01-15\nquery_by: 2026-12-31\nhow_to_pay: invoice\n", encoding="utf-8")
    code, err = _render(capsys, "letter", "render", "dp-surplus-repayment", "--session", session, "--data", str(data),
                        "--out", str(tmp_path / "letter.md"), "--on", ON, "--no-record")
    assert code == 0, err
    letter = " ".join((tmp_path / "letter.md").read_text(encoding="utf-8").split())
    assert "DP-000099" in letter and "Money in your account on 4 May 2026: £3,600.00" in letter
    assert "It includes £1,542.86 that we paid for your care after 4 May 2026" in letter  # the recorded paid_ahead_from


def test_a_review_that_leaves_the_audit_for_figures_by_hand_gives_the_day_it_was_run(capsys, tmp_path, database_url):
    """Started from the audit, but the officer chose to enter the totals by hand: the balance is
    the one the review asked for (today's, the day the review was run), the reference is still the
    audit's, and neither the day nor the balance can be changed from the data file."""
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "s.csv").write_text(ROWS, encoding="utf-8")
    audit_id = _recorded_audit(capsys, tmp_path / "plan.yaml", tmp_path / "s.csv")
    answers = tmp_path / "answers.yaml"
    answers.write_text("review_reason: routine\naudit: by_hand\nstatements: all\nspending: matches\nemployer_payments: 'yes'\n"
                       "balance: '9000.00'\nowed: '500.00'\nweekly_amount: '400.00'\ncontingency_weeks: 8\nconcerns: []\n", encoding="utf-8")
    assert main(["flow", "run", "dp_account_review", "--from-audit", audit_id, "--answers", str(answers), "--json", "--on", ON]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["outcome"] == "surplus"
    person = f"recipient_name: {NAME}\nrepay_by: 2027-01-15\nquery_by: 2026-12-31\nhow_to_pay: invoice\n"
    data = tmp_path / "person.yaml"
    data.write_text(person, encoding="utf-8")
    code, err = _render(capsys, "letter", "render", "dp-surplus-repayment", "--session", report["session"], "--data", str(data),
                        "--out", str(tmp_path / "letter.md"), "--on", ON, "--no-record")
    assert code == 0, err
    letter = " ".join((tmp_path / "letter.md").read_text(encoding="utf-8").split())
    assert "Money in your account on 25 November 2026: £9,000.00" in letter and "DP-000099" in letter
    for given in ("balance_date: 2026-11-20", "balance: '8000.00'"):
        data.write_text(person + given + "\n", encoding="utf-8")
        code, err = _render(capsys, "letter", "render", "dp-surplus-repayment", "--session", report["session"], "--data", str(data),
                            "--out", str(tmp_path / "other.md"), "--on", ON, "--no-record")
        assert code == 1 and given.split(":")[0] in err and str(data) in err, err
        assert not (tmp_path / "other.md").exists()


def test_a_review_that_ended_at_the_statements_outcome_makes_no_surplus_letter(capsys, tmp_path, database_url):
    """The audit's surplus is provisional (statements stop on 24 April, before the period ends):
    the review ends at asking for statements, so its session gives no surplus figures. The
    surplus letter is refused, even with a balance and money kept typed into the data file."""
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    rows = "\n".join(ROWS.splitlines()[:4]) + "\n"
    (tmp_path / "s.csv").write_text(rows, encoding="utf-8")
    audit_id = _recorded_audit(capsys, tmp_path / "plan.yaml", tmp_path / "s.csv")
    answers = tmp_path / "answers.yaml"
    answers.write_text("review_reason: routine\n", encoding="utf-8")
    assert main(["flow", "run", "dp_account_review", "--from-audit", audit_id, "--answers", str(answers), "--json", "--on", ON]) == 0
    report = json.loads(capsys.readouterr().out)
    person = f"recipient_name: {NAME}\nrepay_by: 2027-01-15\nquery_by: 2026-12-31\nhow_to_pay: invoice\n"
    data = tmp_path / "person.yaml"
    for extra in ("", "use_provisional_surplus: true\n", "balance: '3750.00'\nkeep: '100.00'\n"):
        data.write_text(person + extra, encoding="utf-8")
        code, err = _render(capsys, "letter", "render", "dp-surplus-repayment", "--session", report["session"], "--data", str(data),
                            "--out", str(tmp_path / "letter.md"), "--on", ON, "--no-record")
        assert code == 1 and "not made" in err, (report["outcome"], err)
        assert not (tmp_path / "letter.md").exists()


def test_a_surplus_letter_from_a_review_of_a_provisional_audit_needs_the_officers_say_so():
    """The check itself: a review that reached its surplus outcome from an audit whose surplus is
    provisional makes the letter only with 'use_provisional_surplus: true', as 'account letter' does;
    a session from no audit is not checked."""
    from guidance.accounts.letters import NothingToAsk, check_review_letter

    values = {"balance": "3750.00", "keep": "2023.08"}
    for carried in ({"reference": "DP-1", "missing_periods": ["1 February 2026 to 28 February 2026"]},
                    {"reference": "DP-1", "missing_periods": [], "statements_stop": "2026-03-30"},
                    {"reference": "DP-1", "missing_periods": [], "balance_unconfirmed": "yes"}):
        with pytest.raises(NothingToAsk, match="provisional"):
            check_review_letter("dp-surplus-repayment", values, carried, {"recipient_name": NAME})
        assert check_review_letter("dp-surplus-repayment", values, carried,
                                   {"recipient_name": NAME, "use_provisional_surplus": True}) == {"recipient_name": NAME}
    final = {"reference": "DP-1", "missing_periods": [], "statements_stop": None, "balance_unconfirmed": None}
    assert check_review_letter("dp-surplus-repayment", values, final, {"recipient_name": NAME}) == {"recipient_name": NAME}
    assert check_review_letter("dp-surplus-repayment", {}, {}, {"balance": "1.00"}) == {"balance": "1.00"}


def test_the_letter_from_the_review_says_the_day_the_money_paid_ahead_is_for_care_after(capsys, tmp_path, database_url):
    """Statements ending on 4 May, a day before the period's end: the review's letter says the
    money kept back pays for care after 5 May (the audit's ``paid_ahead_from``, carried by the
    session), not after the balance date, as the letter made from the audit does."""
    (tmp_path / "plan.yaml").write_text(PLAN.replace("to: 2026-05-04", "to: 2026-05-05"), encoding="utf-8")
    (tmp_path / "s.csv").write_text(ROWS, encoding="utf-8")
    data = tmp_path / "person.yaml"
    data.write_text(f"recipient_name: {NAME}\nrepay_by: 2027-01-15\nquery_by: 2026-12-31\nhow_to_pay: invoice\n", encoding="utf-8")
    session = _review(capsys, tmp_path, _recorded_audit(capsys, tmp_path / "plan.yaml", tmp_path / "s.csv"), "surplus")

    code, err = _render(capsys, "letter", "render", "dp-surplus-repayment", "--session", session, "--data", str(data),
                        "--out", str(tmp_path / "from-review.md"), "--on", ON, "--no-record")
    assert code == 0, err
    letter = " ".join((tmp_path / "from-review.md").read_text(encoding="utf-8").split())
    assert "Money in your account on 4 May 2026" in letter
    assert "It includes £1,485.71 that we paid for your care after 5 May 2026" in letter

    code, err = _render(capsys, "account", "letter", "surplus", "--plan", str(tmp_path / "plan.yaml"), str(tmp_path / "s.csv"),
                        "--data", str(data), "--out", str(tmp_path / "from-audit.md"), "--on", ON, "--no-record")
    assert code == 0, err
    assert (tmp_path / "from-review.md").read_text(encoding="utf-8") == (tmp_path / "from-audit.md").read_text(encoding="utf-8")

    with_day = tmp_path / "with-day.yaml"
    with_day.write_text(data.read_text(encoding="utf-8") + "paid_ahead_from: 2026-05-04\n", encoding="utf-8")
    code, err = _render(capsys, "letter", "render", "dp-surplus-repayment", "--session", session, "--data", str(with_day),
                        "--on", ON, "--no-record")
    assert code == 1 and "'paid_ahead_from' in the data: the session was started from an account audit" in err


def test_a_misspelt_field_in_the_data_is_refused_not_left_out(capsys, tmp_path, database_url):
    """'recipient_adress' or 'offcer' would leave the address or the officer's name off the
    letter without a word: refused at the data file's line, as a letter from plain data is."""
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "s.csv").write_text(ROWS, encoding="utf-8")
    session = _review(capsys, tmp_path, _recorded_audit(capsys, tmp_path / "plan.yaml", tmp_path / "s.csv"), "surplus")
    data = tmp_path / "person.yaml"
    data.write_text(f"recipient_name: {NAME}\nrepay_by: 2027-01-15\nquery_by: 2026-12-31\nhow_to_pay: invoice\noffcer: A Officer\n",
                    encoding="utf-8")
    code, err = _render(capsys, "letter", "render", "dp-surplus-repayment", "--session", session, "--data", str(data),
                        "--out", str(tmp_path / "letter.md"), "--on", ON, "--no-record")
    assert code == 1 and f"{data}:5: 'offcer' is not a field of this letter" in err, err
    assert not (tmp_path / "letter.md").exists()


def test_a_review_given_an_audits_figures_by_hand_makes_no_surplus_letter(capsys, tmp_path, database_url):
    """The officer chose 'use the audit' but typed its record number and figures instead of
    starting from the record: nothing says whether that audit's surplus was final, so the surplus
    letter is refused and the officer is sent to the audit's own letter or a review from its record."""
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "s.csv").write_text(ROWS, encoding="utf-8")
    audit_id = _recorded_audit(capsys, tmp_path / "plan.yaml", tmp_path / "s.csv")
    answers = tmp_path / "answers.yaml"
    answers.write_text(f"review_reason: routine\naudit: audited\naudit_reference: {audit_id}\naudit_balance: '3750.00'\n"
                       "audit_owed: '100.00'\naudit_contingency: '923.08'\naudit_paid_ahead: '1000.00'\naudit_shortfall: '0'\n"
                       "audit_flags: []\n", encoding="utf-8")
    assert main(["flow", "run", "dp_account_review", "--answers", str(answers), "--json", "--on", ON]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["outcome"] == "surplus", report
    data = tmp_path / "person.yaml"
    data.write_text(f"recipient_name: {NAME}\nreference: DP-004512\nbalance_date: 2026-03-30\npaid_ahead_from: 2026-03-31\n"
                    "repay_by: 2027-01-15\nquery_by: 2026-12-31\nhow_to_pay: invoice\n", encoding="utf-8")
    code, err = _render(capsys, "letter", "render", "dp-surplus-repayment", "--session", report["session"], "--data", str(data),
                        "--out", str(tmp_path / "letter.md"), "--on", ON, "--no-record")
    assert code == 1 and "not started from the audit's record" in err and "account letter surplus" in err, err
    assert not (tmp_path / "letter.md").exists()
