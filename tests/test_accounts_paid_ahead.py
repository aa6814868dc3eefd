"""Money paid in during the audit period for care after it ends: the council's payment (or a
contribution) for a cycle that runs past the period's end is kept back from the surplus, pro rata
by day. Synthetic statements only."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pathlib import Path

from accounts_support import FOUR_WEEKLY_PLAN, FOUR_WEEKLY_ROWS
from guidance.accounts.audit import audit_files, audit_json
from guidance.accounts.letters import surplus_values
from guidance.accounts.report import officer_markdown
from guidance.accounts.summary import summary_markdown
from guidance.cli import main

CONTENT = Path(__file__).resolve().parents[1] / "content"

# £1,600 every 4 weeks, £400 wages a week; the period ends on 4 May, the day a payment comes in
PLAN, ROWS = FOUR_WEEKLY_PLAN, FOUR_WEEKLY_ROWS


def _audit(tmp_path: Path, plan: str = PLAN, rows: str = ROWS):
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    (tmp_path / "s.csv").write_text(rows, encoding="utf-8")
    return audit_files(tmp_path / "plan.yaml", [tmp_path / "s.csv"], CONTENT)


def test_a_council_payment_for_the_weeks_after_the_period_is_not_surplus(tmp_path, capsys):
    """The 4 May payment pays for 4 to 31 May: 27 of its 28 days are after the period, so
    £1,542.86 of it is kept back; the surplus is £3,600 - £1,600 - £1,542.86, not £2,000 (which
    would leave only the next 4 weeks' wages and no contingency). The JSON, the officer's table,
    the command line, the person's summary, the surplus flag and the surplus letter all agree."""
    audit = _audit(tmp_path)
    rec = audit.reconciliation
    assert (rec.closing_balance, rec.contingency) == (Decimal("3600.00"), Decimal("1600.00"))
    assert rec.paid_for_after_period == Decimal("1542.86") and rec.surplus == Decimal("457.14")
    figures = audit_json(audit)
    assert figures["paid_for_after_period"] == "1542.86" and figures["surplus"] == "457.14"
    report = officer_markdown(audit)
    assert "| Paid for days after the period (council £1,542.86;" in report
    assert "£1,542.86 of it pays for days after the period" in report
    summary = " ".join(summary_markdown(audit).split())
    assert "You also keep £1,542.86 that was paid in for your care after 4 May 2026." in summary
    assert "There is £457.14 more in the account than you need." in summary
    (flag,) = [f for f in audit.flags if f.kind == "surplus"]
    assert flag.amount == Decimal("457.14") and "paid in for days after the period (£1,542.86" in flag.message
    values = surplus_values(audit)
    assert Decimal(values["balance"]) - Decimal(values["keep"]) == rec.surplus
    assert main(["account", "audit", "--plan", str(tmp_path / "plan.yaml"), str(tmp_path / "s.csv"), "--no-record"]) == 0
    assert "Paid for after the period        £1,542.86" in capsys.readouterr().out


def test_suspended_days_after_the_period_are_not_kept_back(tmp_path):
    """A hospital stay from 28 April to 10 May: of the 4 May payment's cycle (4 to 31 May) the 21
    days after 10 May are paid for after the period: £1,200.00 of the £1,600.00."""
    plan = PLAN + "suspensions: [{from: 2026-04-28, to: 2026-05-10, reason: hospital}]\n"
    rec = _audit(tmp_path, plan).reconciliation
    assert rec.council_for_after_period == Decimal("1200.00")


def test_a_contribution_paid_ahead_is_kept_back_alike_and_a_cycle_inside_the_period_is_not(tmp_path):
    """A 4-weekly contribution of £56.00 paid on 4 May pays for 4 to 31 May: £54.00 of it is kept
    back; the council's 6 April payment (6 April to 3 May) keeps nothing back."""
    plan = PLAN.replace("contribution: []", 'contribution: [{from: 2026-04-06, amount: "56.00", every: 4 weeks}]')
    rows = ROWS.replace("06/04/2026,NORTHFIELD COUNCIL DP,1600.00,3600.00",
                        "06/04/2026,NORTHFIELD COUNCIL DP,1600.00,3600.00\n06/04/2026,TFR CONTRIBUTION,56.00,3656.00")
    rows = rows.replace(",3200.00\n", ",3256.00\n").replace(",2800.00\n", ",2856.00\n").replace(",2400.00\n", ",2456.00\n")
    rows = rows.replace(",2000.00\n", ",2056.00\n").replace("1600.00,3600.00\n", "1600.00,3656.00\n")
    rows += "04/05/2026,TFR CONTRIBUTION,56.00,3712.00\n"
    rec = _audit(tmp_path, plan, rows).reconciliation
    assert rec.closing_balance == Decimal("3712.00")
    assert (rec.council_for_after_period, rec.contribution_for_after_period) == (Decimal("1542.86"), Decimal("54.00"))
    assert rec.surplus == Decimal("3712.00") - Decimal("1600.00") - Decimal("1542.86") - Decimal("54.00")


def test_payments_whose_cycles_end_in_the_period_keep_nothing_back(tmp_path):
    """The period ending 3 May, the day before the next payment: nothing is paid for after it."""
    plan = PLAN.replace("to: 2026-05-04}", "to: 2026-05-03}")
    rows = "\n".join(ROWS.splitlines()[:-1]) + "\n"
    rec = _audit(tmp_path, plan, rows).reconciliation
    assert rec.paid_for_after_period == 0 and rec.surplus == Decimal("400.00")


def test_the_letter_the_app_and_the_review_flow_keep_the_money_paid_ahead_back(tmp_path, capsys):
    """The surplus letter says what the money kept includes, the app's figures add up to the
    surplus with their 'Paid ahead' row, and the review started from the audit finds the audit's
    surplus (not closing - owed - contingency) and passes the same money kept to its letter."""
    import json

    from guidance.tui.screens.account import figure_rows

    audit = _audit(tmp_path)
    values = surplus_values(audit)
    assert values["paid_ahead"] == "1542.86"
    rows = dict(figure_rows(audit.reconciliation))
    assert rows["Paid ahead"] == Decimal("1542.86")
    assert rows["Closing balance"] - rows["Contingency"] - rows["Owed"] - rows["Paid ahead"] == rows["Surplus"]
    data = tmp_path / "letter.yaml"
    data.write_text("recipient_name: Mx Sample\nrepay_by: 2027-01-15\nquery_by: 2026-12-31\nhow_to_pay: invoice\n", encoding="utf-8")
    out = tmp_path / "letter.md"
    assert main(["account", "letter", "surplus", "--plan", str(tmp_path / "plan.yaml"), str(tmp_path / "s.csv"),
                 "--data", str(data), "--out", str(out), "--no-record", "--on", "2026-11-25"]) == 0
    letter = " ".join(out.read_text(encoding="utf-8").split())
    assert "It includes £1,542.86 that we paid for your care after 4 May 2026" in letter
    assert "Money to pay back: **£457.14**" in letter
    assert main(["account", "audit", "--plan", str(tmp_path / "plan.yaml"), str(tmp_path / "s.csv")]) == 0
    audit_id = capsys.readouterr().err.split("Recorded as account audit ")[1].split()[0]
    answers = tmp_path / "answers.yaml"
    answers.write_text("review_reason: routine\n", encoding="utf-8")
    assert main(["flow", "run", "dp_account_review", "--from-audit", audit_id, "--answers", str(answers),
                 "--json", "--on", "2026-11-25"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["outcome"] == "surplus"
    assert "The audit found £457.14 more than the person needs" in " ".join(report["summary"].split())
    assert "£1,542.86 paid in for care after the period" in " ".join(report["summary"].split())


def test_statements_that_stop_early_keep_back_what_pays_for_days_after_their_last_balance(tmp_path):
    """A provisional surplus is worked out from the last balance shown (24 April): that balance
    still holds the 6 April payment's money for 25 April to 3 May (9 of its 28 days), so that is
    kept back too (£514.29), not only money for days after the audit period."""
    plan = PLAN.replace("to: 2026-05-04", "to: 2026-05-31")
    rows = "".join(ROWS.splitlines(keepends=True)[:5])  # the header and four rows: 6 to 24 April
    audit = _audit(tmp_path, plan, rows)
    rec = audit.reconciliation
    assert rec.surplus_provisional and rec.closing_date.isoformat() == "2026-04-24"
    assert rec.paid_ahead_from == rec.closing_date
    assert rec.paid_for_after_period == Decimal("514.29")
    assert rec.surplus == Decimal("2400.00") - Decimal("1600.00") - Decimal("514.29")
    assert "care after 24 April 2026" in " ".join(summary_markdown(audit).split())
    (flag,) = [f for f in audit.flags if f.kind == "surplus"]
    assert "for days after 2026-04-24 (£514.29" in flag.message
    assert audit_json(audit)["paid_ahead_from"] == "2026-04-24"


def test_the_command_line_names_the_day_the_money_paid_ahead_is_counted_from(tmp_path, capsys):
    """The figures printed by ``account audit`` say what the money kept back pays for: days after
    the period, or, when the statements stop early, days after the last one they show."""
    _audit(tmp_path, PLAN.replace("to: 2026-05-04", "to: 2026-05-31"), "".join(ROWS.splitlines(keepends=True)[:5]))
    assert main(["account", "audit", "--plan", str(tmp_path / "plan.yaml"), str(tmp_path / "s.csv"), "--no-record"]) == 0
    out = capsys.readouterr().out
    assert " ".join(["Paid for after 2026-04-24", "£514.29"]) in " ".join(out.split()) and "after the period" not in out


def test_the_report_names_the_last_day_shown_when_the_statements_stop_early(tmp_path):
    """Statements stop on 24 April, the period ends on 31 May: the money kept back pays for days
    after 24 April, inside the period. The report's rows of payments expected, the row of money
    kept back and the surplus's row say that day, as the command line does, never "after the
    period" (each format: Markdown, and the HTML and Word made from it)."""
    from guidance.accounts.report import write_report

    audit = _audit(tmp_path, PLAN.replace("to: 2026-05-04", "to: 2026-05-31"), "".join(ROWS.splitlines(keepends=True)[:5]))
    report = officer_markdown(audit)
    assert "after the period" not in report, [line for line in report.splitlines() if "after the period" in line]
    assert "£514.29 of it pays for days after 2026-04-24, the last day the statements show" in report
    assert "| Paid for days after 2026-04-24, the last day the statements show (" in report
    assert "| Surplus (closing − owed − contingency − paid for after 2026-04-24, not below zero)" in report
    assert b"after the period" not in write_report(audit, "html")


def test_the_batch_summary_row_holds_every_figure_the_surplus_is_worked_out_from(tmp_path):
    """SUMMARY.csv gives the contingency, the money owed and the money paid ahead beside the
    closing balance and the surplus, named as in the audit's JSON: the surplus can be checked
    from the row alone (£3,600 - £1,600 - £0 - £1,542.86 = £457.14)."""
    import csv
    import io

    from guidance.accounts.batch import BatchRow, summary_csv

    audit = _audit(tmp_path)
    (row,) = csv.DictReader(io.StringIO(summary_csv([BatchRow("one", 2, audit)])))
    figures = audit_json(audit)
    for name in ("closing_balance", "contingency", "owed", "paid_for_after_period", "surplus"):
        assert row[name] == figures[name], name
    assert (row["contingency"], row["owed"], row["paid_for_after_period"]) == ("1600.00", "0.00", "1542.86")
    worked = Decimal(row["closing_balance"]) - Decimal(row["contingency"]) - Decimal(row["owed"]) - Decimal(row["paid_for_after_period"])
    assert worked == Decimal(row["surplus"]) == Decimal("457.14")


# A payment due just after the period, paid early inside it. £1,920 every 4 weeks from 6 April:
# due 6 April and 4 May; the period ends on 2 May. The council pays the 4 May payment on 1 May,
# 3 days early (before a bank holiday). £480 wages a week.
EARLY_PLAN = """reference: DP-000098
period: {from: 2026-04-06, to: 2026-05-02}
council_payments:
  - {from: 2026-04-06, amount: "1920.00", every: 4 weeks}
contribution: []
contingency_weeks: 4
owed: "0.00"
payees:
  - {match: "P SAMPLE", kind: wages}
"""

EARLY_ROWS = """Date,Description,Amount,Balance
06/04/2026,NORTHFIELD COUNCIL DP,1920.00,3920.00
10/04/2026,P SAMPLE WAGES,-480.00,3440.00
17/04/2026,P SAMPLE WAGES,-480.00,2960.00
24/04/2026,P SAMPLE WAGES,-480.00,2480.00
01/05/2026,NORTHFIELD COUNCIL DP,1920.00,4400.00
01/05/2026,P SAMPLE WAGES,-480.00,3920.00
02/05/2026,CARD CHECK,0.00,3920.00
"""


def test_a_council_payment_due_after_the_period_and_paid_early_in_it_is_kept_back_in_full(tmp_path, capsys):
    """The 1 May credit is the 4 May payment paid 3 days early (within the days either side a
    payment is matched on), not an overpayment. It pays for 4 to 31 May, all after the period,
    so all of it is kept back; so is 1/28 of the 6 April payment (its cycle runs to 3 May):
    £1,920.00 × 1 / 28 = £68.57. By hand: closing £3,920.00 − owed £0.00 − contingency (4 weeks
    × £480.00 = £1,920.00) − paid for after the period (£1,920.00 + £68.57 = £1,988.57) =
    £11.43. (Counted as an overpayment, as it was, the surplus was £3,920.00 − £1,920.00 −
    £68.57 = £1,931.43: the next 4 weeks' money asked back.) The payment expected in the period
    is the 6 April one only: £1,920.00."""
    import json

    audit = _audit(tmp_path, EARLY_PLAN, EARLY_ROWS)
    rec = audit.reconciliation
    assert [f.kind for f in audit.flags if f.kind in ("council_overpayment", "council_payment_missing")] == []
    (early,) = [e for e in rec.entries if e.tx.date.isoformat() == "2026-05-01" and e.tx.amount > 0]
    assert early.kind == "council" and early.reason == "council payment due 2026-05-04, paid 3 days early"
    assert (rec.closing_balance, rec.contingency, rec.council_expected) == (Decimal("3920.00"), Decimal("1920.00"), Decimal("1920.00"))
    assert rec.council_for_after_period == Decimal("1988.57")
    assert rec.surplus == Decimal("3920.00") - Decimal("0.00") - Decimal("1920.00") - Decimal("1988.57") == Decimal("11.43")
    assert not any("more" in note and "council paid in" in note for note in audit.notes)
    report = officer_markdown(audit)
    # of the £1,920.00 expected in the period, £68.57 pays for 3 May; the early payment is apart
    assert "| Council payments expected (each due in the period, in full: £68.57 of it pays for days after the period) | £1,920.00 |" in report
    assert "| Council payments received (£1,920.00 of it paid early for payments due after the period) | £3,840.00 |" in report
    assert "| 2026-05-04 | £1,920.00 (due after the period) | £1,920.00 | 2026-05-01 (3 days early) |" in report
    assert main(["account", "audit", "--plan", str(tmp_path / "plan.yaml"), str(tmp_path / "s.csv"), "--json", "--no-record"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert (figures["paid_for_after_period"], figures["surplus"]) == ("1988.57", "11.43")
    assert "council_overpayment" not in [f["kind"] for f in figures["flags"]]


def test_a_contribution_due_after_the_period_and_paid_early_in_it_is_kept_back_and_not_overpaid(tmp_path):
    """A 4-weekly contribution of £56.00, paid on 6 April and, for 4 May, early on 1 May: the
    1 May one is all for 4 to 31 May (£56.00 kept back) and is not paid above what was due (£56.00
    due in the period, £56.00 paid for it). The 6 April one keeps back £2.00 (1 day of 28). By
    hand: closing £4,032.00 − contingency £1,920.00 − (council £1,988.57 + contribution £58.00) =
    £65.43."""
    plan = EARLY_PLAN.replace("contribution: []", 'contribution: [{from: 2026-04-06, amount: "56.00", every: 4 weeks}]')
    rows = """Date,Description,Amount,Balance
06/04/2026,NORTHFIELD COUNCIL DP,1920.00,3920.00
06/04/2026,TFR FROM P CLIENT,56.00,3976.00
10/04/2026,P SAMPLE WAGES,-480.00,3496.00
17/04/2026,P SAMPLE WAGES,-480.00,3016.00
24/04/2026,P SAMPLE WAGES,-480.00,2536.00
01/05/2026,NORTHFIELD COUNCIL DP,1920.00,4456.00
01/05/2026,TFR FROM P CLIENT,56.00,4512.00
01/05/2026,P SAMPLE WAGES,-480.00,4032.00
02/05/2026,CARD CHECK,0.00,4032.00
"""
    audit = _audit(tmp_path, plan, rows)
    rec = audit.reconciliation
    assert not rec.breaks and not rec.misprints
    assert (rec.closing_balance, rec.contribution_expected, rec.contribution_paid) == (Decimal("4032.00"), Decimal("56.00"), Decimal("112.00"))
    assert rec.contribution_overpaid == 0 and rec.contribution_shortfall == 0
    assert (rec.council_for_after_period, rec.contribution_for_after_period) == (Decimal("1988.57"), Decimal("58.00"))
    assert rec.surplus == Decimal("4032.00") - Decimal("1920.00") - Decimal("1988.57") - Decimal("58.00") == Decimal("65.43")
    assert [f.kind for f in audit.flags if f.kind != "surplus"] == []


def test_a_payment_due_after_the_period_that_nothing_paid_early_is_not_missing(tmp_path):
    """The person pays the 4 May contribution early, on 1 May, but the council pays its 4 May
    payment on the day (after the period): that payment is simply not due in the period. No flag
    says it is missing, it is neither expected nor listed, and only the contribution is kept back
    in full. By hand: closing £2,112.00 − contingency £1,920.00 − (council £68.57 for 3 May +
    contribution £2.00 + £56.00) = £65.43."""
    plan = EARLY_PLAN.replace("contribution: []", 'contribution: [{from: 2026-04-06, amount: "56.00", every: 4 weeks}]')
    rows = """Date,Description,Amount,Balance
06/04/2026,NORTHFIELD COUNCIL DP,1920.00,3920.00
06/04/2026,TFR FROM P CLIENT,56.00,3976.00
10/04/2026,P SAMPLE WAGES,-480.00,3496.00
17/04/2026,P SAMPLE WAGES,-480.00,3016.00
24/04/2026,P SAMPLE WAGES,-480.00,2536.00
01/05/2026,TFR FROM P CLIENT,56.00,2592.00
01/05/2026,P SAMPLE WAGES,-480.00,2112.00
02/05/2026,CARD CHECK,0.00,2112.00
"""
    audit = _audit(tmp_path, plan, rows)
    rec = audit.reconciliation
    assert [f.kind for f in audit.flags if f.kind != "surplus"] == []
    assert [m.due.date.isoformat() for m in rec.council] == ["2026-04-06"]
    assert [(m.due.date.isoformat(), m.entry.tx.date.isoformat()) for m in rec.contribution] == [
        ("2026-04-06", "2026-04-06"), ("2026-05-04", "2026-05-01")]
    assert (rec.council_expected, rec.contribution_expected) == (Decimal("1920.00"), Decimal("56.00"))
    assert not rec.stops_early and not rec.surplus_provisional
    assert (rec.council_for_after_period, rec.contribution_for_after_period) == (Decimal("68.57"), Decimal("58.00"))
    assert rec.surplus == Decimal("2112.00") - Decimal("1920.00") - Decimal("68.57") - Decimal("58.00") == Decimal("65.43")


def test_a_payment_due_at_the_end_of_the_period_that_came_in_after_it_is_missing_in_the_period_and_says_when_it_came(tmp_path):
    """The mirror case: the 4 May payment of a period ending 5 May came in on 7 May, 3 days late,
    after the period. It is expected in the period and did not come in in it, so it is missing
    there (the statements show 4 and 5 May), as before, and the figures are the period's: closing
    £2,000.00 − contingency £1,920.00 = £80.00, nothing received for after the period. The flag
    no longer says plainly that it did not come in: it names the credit the statements show after
    the period, so the officer does not chase money that came."""
    plan = EARLY_PLAN.replace("to: 2026-05-02}", "to: 2026-05-05}")
    rows = """Date,Description,Amount,Balance
06/04/2026,NORTHFIELD COUNCIL DP,1920.00,3920.00
10/04/2026,P SAMPLE WAGES,-480.00,3440.00
17/04/2026,P SAMPLE WAGES,-480.00,2960.00
24/04/2026,P SAMPLE WAGES,-480.00,2480.00
01/05/2026,P SAMPLE WAGES,-480.00,2000.00
05/05/2026,CARD CHECK,0.00,2000.00
07/05/2026,NORTHFIELD COUNCIL DP,1920.00,3920.00
"""
    audit = _audit(tmp_path, plan, rows)
    rec = audit.reconciliation
    assert (rec.council_expected, rec.council_received, rec.paid_for_after_period) == (Decimal("3840.00"), Decimal("1920.00"), 0)
    assert rec.surplus == Decimal("2000.00") - Decimal("1920.00") == Decimal("80.00")
    (flag,) = [f for f in audit.flags if f.kind == "council_payment_missing"]
    assert flag.amount == Decimal("1920.00")
    assert flag.message == ("the council payment of £1,920.00 due on 2026-05-04 did not come in in the audit period: the "
                            "statements show £1,920.00 paid in on 2026-05-07, after the period ends (s.csv:8); if that is "
                            "this payment, it came in 3 days late, and it is not counted in the period")


def test_a_credit_is_not_an_early_payment_when_the_statements_show_that_payment_came_on_its_day(tmp_path):
    """When the statements run on past the period and show the 4 May payment coming in on 4 May,
    the 1 May credit was not that payment paid early: it is a council_overpayment, and the
    surplus counts it, as before (£3,920.00 − £1,920.00 − £68.57 = £1,931.43)."""
    rows = EARLY_ROWS + "04/05/2026,NORTHFIELD COUNCIL DP,1920.00,5840.00\n"
    audit = _audit(tmp_path, EARLY_PLAN, rows)
    rec = audit.reconciliation
    assert [f.kind for f in audit.flags if f.kind == "council_overpayment"] == ["council_overpayment"]
    assert [m.due.date.isoformat() for m in rec.council] == ["2026-04-06"]
    assert (rec.paid_for_after_period, rec.surplus) == (Decimal("68.57"), Decimal("1931.43"))


def test_paid_early_above_the_amount_due_the_rest_is_paid_above_due_not_kept_back(tmp_path):
    """£60.00 paid on 1 May for the £56.00 contribution due 4 May: £56.00 of it is kept back for
    4 to 31 May; the £4.00 more is a contribution paid above what was due (in the surplus). By
    hand: closing £4,036.00 − contingency £1,920.00 − (council £1,988.57 + contribution £2.00 +
    £56.00) = £69.43."""
    plan = EARLY_PLAN.replace("contribution: []", 'contribution: [{from: 2026-04-06, amount: "56.00", every: 4 weeks, match: "P CLIENT"}]')
    rows = """Date,Description,Amount,Balance
06/04/2026,NORTHFIELD COUNCIL DP,1920.00,3920.00
06/04/2026,TFR FROM P CLIENT,56.00,3976.00
10/04/2026,P SAMPLE WAGES,-480.00,3496.00
17/04/2026,P SAMPLE WAGES,-480.00,3016.00
24/04/2026,P SAMPLE WAGES,-480.00,2536.00
01/05/2026,NORTHFIELD COUNCIL DP,1920.00,4456.00
01/05/2026,TFR FROM P CLIENT,60.00,4516.00
01/05/2026,P SAMPLE WAGES,-480.00,4036.00
02/05/2026,CARD CHECK,0.00,4036.00
"""
    rec = _audit(tmp_path, plan, rows).reconciliation
    assert (rec.contribution_paid, rec.contribution_paid_early, rec.contribution_overpaid) == (
        Decimal("116.00"), Decimal("56.00"), Decimal("4.00"))
    assert rec.contribution_for_after_period == Decimal("58.00")
    assert rec.surplus == Decimal("4036.00") - Decimal("1920.00") - Decimal("1988.57") - Decimal("58.00") == Decimal("69.43")


def test_the_surplus_letter_says_the_day_the_money_paid_ahead_is_for_care_after_not_the_balance_date(tmp_path, capsys):
    """The statements end on 4 May, a day before the period (nothing is due on 5 May, so they do
    not stop early): the balance is the one on 4 May, but the money kept back pays for care after
    5 May (``paid_ahead_from``), as the person's summary says. The letter said 'after 4 May'."""
    plan = PLAN.replace("to: 2026-05-04", "to: 2026-05-05")
    audit = _audit(tmp_path, plan)
    rec = audit.reconciliation
    assert not rec.stops_early and rec.closing_date.isoformat() == "2026-05-04"
    assert rec.paid_ahead_from.isoformat() == "2026-05-05" and rec.paid_for_after_period == Decimal("1485.71")
    assert "care after 5 May 2026" in " ".join(summary_markdown(audit).split())
    values = surplus_values(audit)
    assert (values["balance_date"], values["paid_ahead_from"]) == ("2026-05-04", "2026-05-05")
    data = tmp_path / "letter.yaml"
    data.write_text("recipient_name: Mx Sample\nrepay_by: 2027-01-15\nquery_by: 2026-12-31\nhow_to_pay: invoice\n", encoding="utf-8")
    out = tmp_path / "letter.md"
    code = main(["account", "letter", "surplus", "--plan", str(tmp_path / "plan.yaml"), str(tmp_path / "s.csv"),
                 "--data", str(data), "--out", str(out), "--no-record", "--on", "2026-11-25"])
    assert code == 0, capsys.readouterr().err
    letter = " ".join(out.read_text(encoding="utf-8").split())
    assert "Money in your account on 4 May 2026: £3,600.00" in letter
    assert "It includes £1,485.71 that we paid for your care after 5 May 2026" in letter
    assert "care after 4 May" not in letter
    # the day is the audit's: the data may not give another
    data.write_text(data.read_text(encoding="utf-8") + "paid_ahead_from: 2026-05-04\n", encoding="utf-8")
    code = main(["account", "letter", "surplus", "--plan", str(tmp_path / "plan.yaml"), str(tmp_path / "s.csv"),
                 "--data", str(data), "--out", str(tmp_path / "again.md"), "--no-record", "--on", "2026-11-25"])
    assert code == 1 and "'paid_ahead_from' in the data: the audit fills this in" in capsys.readouterr().err


# The period ends on 2 May; the next council payment is due on 4 May. A credit of the amount due
# on 1 May that is not the council's: a transfer from someone else, or money back from the PA.
NOT_COUNCIL = """Date,Description,Amount,Balance
06/04/2026,NORTHFIELD COUNCIL DP,1600.00,3600.00
10/04/2026,P SAMPLE WAGES,-400.00,3200.00
17/04/2026,P SAMPLE WAGES,-400.00,2800.00
24/04/2026,P SAMPLE WAGES,-400.00,2400.00
01/05/2026,{words},1600.00,4000.00
"""


@pytest.mark.parametrize("words, plan_words", [
    ("TRANSFER FROM J SMITH", "NORTHFIELD COUNCIL"),  # the plan names the council's words: these are not them
    ("P SAMPLE REFUND", None),  # the PA's own name: money from a payee is not the council's
])
def test_a_credit_of_the_amount_due_that_the_words_say_is_not_the_councils_is_not_paid_early(tmp_path, words, plan_words):
    """Only the 6 April payment is the council's: of its cycle (6 April to 3 May) the one day
    after the period is kept back (£1,600 / 28 = £57.14); the £1,600 on 1 May is other money,
    so it is in the surplus: £4,000 - £1,600 contingency - £57.14 = £2,342.86 (it was £742.86,
    the credit taken as the 4 May payment paid early and kept back whole)."""
    plan = PLAN.replace("to: 2026-05-04", "to: 2026-05-02")
    if plan_words:
        plan = plan.replace('every: 4 weeks}', f'every: 4 weeks, match: "{plan_words}"}}')
    rec = _audit(tmp_path, plan, NOT_COUNCIL.format(words=words)).reconciliation
    assert rec.council_received == Decimal("1600.00") and rec.paid_for_after_period == Decimal("57.14")
    assert rec.surplus == Decimal("2342.86")
