"""Audits of statements that do not cover the whole audit period: which day each balance is from,
a surplus not yet worked out, payments due on days no statement shows, rows listed out of date
order, and council payments that come in late or more than due. Synthetic statements only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from accounts_support import INLINE_PLAN
from guidance.accounts.audit import audit_files, audit_json
from guidance.accounts.letters import NothingToAsk, ProvisionalSurplus, letter_values, statements_values, surplus_values
from guidance.accounts.summary import summary_markdown

CONTENT = Path(__file__).resolve().parents[1] / "content"

PLAN = INLINE_PLAN

HEADER = "Date,Description,Amount,Balance\n"
# a contribution every Monday and the council every 4 weeks, wages every Friday
WEEKS = [
    ("06/04/2026", "NORTHFIELD COUNCIL DP", "1920.00"), ("06/04/2026", "TFR CONTRIBUTION", "35.00"),
    ("10/04/2026", "P SAMPLE WAGES", "-400.00"), ("13/04/2026", "TFR CONTRIBUTION", "35.00"),
    ("17/04/2026", "P SAMPLE WAGES", "-400.00"), ("20/04/2026", "TFR CONTRIBUTION", "35.00"),
    ("24/04/2026", "P SAMPLE WAGES", "-400.00"), ("27/04/2026", "TFR CONTRIBUTION", "35.00"),
]


def _csv(path: Path, rows, opening: str = "3000.00") -> Path:
    """A signed-amount CSV with a running balance on every row, in the order given (the balance of
    each row is worked out in date order, as a bank that lists by posting date shows it)."""
    balance = Decimal(opening)
    shown = {}
    for n, (day, _what, amount) in sorted(enumerate(rows), key=lambda r: (dt.datetime.strptime(r[1][0], "%d/%m/%Y"), r[0])):
        balance += Decimal(amount)
        shown[n] = balance
    path.write_text(HEADER + "".join(f"{d},{w},{a},{shown[n]}\n" for n, (d, w, a) in enumerate(rows)), encoding="utf-8")
    return path


def _audit(tmp_path: Path, *files: Path, plan: str = PLAN):
    plan_path = tmp_path / "plan.yaml"
    plan_path.write_text(plan, encoding="utf-8")
    return audit_files(plan_path, list(files), CONTENT)


def test_statements_that_stop_before_the_period_ends_give_a_provisional_surplus(tmp_path):
    """Rows on 6 and 10 April only, for an audit to 28 June: the closing balance is the 10 April
    one and says so; the surplus is provisional, worked out from that balance less the 6 April
    payment's money for 11 April to 3 May (23 of its 28 days: £1,577.14); the person is not asked
    for money back; the surplus letter is refused unless the officer chooses to make it."""
    statement = _csv(tmp_path / "s.csv", [("06/04/2026", "NORTHFIELD COUNCIL DP", "1920.00"),
                                          ("10/04/2026", "P SAMPLE WAGES", "-400.00")], opening="5000.00")
    audit = _audit(tmp_path, statement)
    rec = audit.reconciliation
    assert (rec.closing_balance, rec.closing_date) == (Decimal("6520.00"), dt.date(2026, 4, 10))
    data = audit_json(audit)
    assert data["paid_for_after_period"] == "1577.14"
    assert data["closing_date"] == "2026-04-10" and data["surplus"] == str(Decimal("6520.00") - rec.contingency - rec.owed - Decimal("1577.14"))
    assert data["surplus_provisional"] is True and "stop on 2026-04-10" in data["surplus_provisional_reason"]
    (surplus,) = [f for f in audit.flags if f.kind == "surplus"]
    assert surplus.date == dt.date(2026, 4, 10) and "PROVISIONAL" in surplus.message
    text = summary_markdown(audit)
    assert "pay this back" not in text and "We are not asking for any money back in this summary" in text and "not final" in text
    assert "Some statements are missing" in text and "On 10 April 2026 there was £6,520.00" in text
    with pytest.raises(ProvisionalSurplus, match="ask for the statements first|Ask for the statements first"):
        surplus_values(audit)
    with pytest.raises(NothingToAsk):
        letter_values(audit, "surplus", {"recipient_name": "Mx Sample"})
    made = letter_values(audit, "surplus", {"recipient_name": "Mx Sample", "use_provisional_surplus": True})
    assert made["balance_date"] == "2026-04-10" and made["balance"] == "6520.00" and "use_provisional_surplus" not in made
    assert statements_values(audit)["period_from"] == "2026-04-11"


def test_statements_that_reach_the_end_give_a_final_surplus(tmp_path):
    audit = _audit(tmp_path, _csv(tmp_path / "s.csv", WEEKS, opening="6000.00"),
                   plan=PLAN.replace("to: 2026-06-28", "to: 2026-04-27"))
    assert audit.reconciliation.surplus > 0 and not audit.reconciliation.surplus_provisional
    assert surplus_values(audit)["balance_date"] == "2026-04-27"  # the last day the statements show
    (surplus,) = [f for f in audit.flags if f.kind == "surplus"]
    assert surplus.date == dt.date(2026, 4, 27)  # the day of the balance used, as for a provisional surplus


def test_statements_that_start_late_say_when_the_opening_balance_is_from(tmp_path):
    """Statements from 10 April for an audit from 6 April: the opening balance is the one before
    the 10 April row, on 10 April; the council payment and contribution due on 6 April are not
    told to the person as unpaid, and are counted apart in the figures."""
    audit = _audit(tmp_path, _csv(tmp_path / "s.csv", WEEKS[2:], opening="4955.00"),
                   plan=PLAN.replace("to: 2026-06-28", "to: 2026-04-27"))
    rec = audit.reconciliation
    assert (rec.opening_balance, rec.opening_date) == (Decimal("4955.00"), dt.date(2026, 4, 10))
    assert (rec.council_expected_uncovered, rec.contribution_expected_uncovered) == (Decimal("1920.00"), Decimal("35.00"))
    assert rec.contribution_shortfall == Decimal("0.00")
    assert {f.kind for f in audit.flags} - {"surplus"} == {"missing_statement"}
    text = summary_markdown(audit)
    assert "On 10 April 2026 there was £4,955.00" in text
    assert "less than your share" not in text and "due on days your statements do not show" in text
    assert any("£1,920.00 of the £1,920.00 of council payments expected was due on days no statement shows" in n for n in audit.notes)
    data = audit_json(audit)
    assert (data["opening_date"], data["council_expected_uncovered"]) == ("2026-04-10", "1920.00")


def test_a_row_listed_out_of_date_order_leaves_no_days_uncovered(tmp_path):
    """The 13 April row listed last, with its own balance (a bank listing by posting date): the
    statement covers 6 to 27 April, and nothing is asked for inside it."""
    rows = WEEKS[:3] + WEEKS[4:] + [WEEKS[3]]
    audit = _audit(tmp_path, _csv(tmp_path / "s.csv", rows), plan=PLAN.replace("to: 2026-06-28", "to: 2026-04-27"))
    assert audit.flags == () or {f.kind for f in audit.flags} <= {"surplus"}
    assert audit.reconciliation.uncovered == () and audit.reconciliation.closing_date == dt.date(2026, 4, 27)
    with pytest.raises(NothingToAsk):
        statements_values(audit)


def test_a_row_listed_out_of_date_order_in_a_statement_that_stops_early(tmp_path):
    rows = WEEKS[:3] + WEEKS[4:] + [WEEKS[3]]
    audit = _audit(tmp_path, _csv(tmp_path / "s.csv", rows))
    assert [f.missing for f in audit.flags if f.kind == "missing_statement"] == [(dt.date(2026, 4, 28), dt.date(2026, 6, 28))]
    assert statements_values(audit)["period_from"] == "2026-04-28"


def test_a_council_payment_late_by_more_than_two_weeks_is_late_not_missing(tmp_path):
    """Due 6 April, 4 May and 1 June; paid 6 April, 20 May (16 days late), 1 June, and £960 more
    on 2 June: no council_payment_missing; the late payment is told to the officer, the extra
    money is a council_overpayment flag for the officer to decide (money to recover); the
    contribution shortfall points at no council row."""
    rows = [("06/04/2026", "NORTHFIELD COUNCIL DP", "1920.00"), ("20/05/2026", "NORTHFIELD COUNCIL DP", "1920.00"),
            ("01/06/2026", "NORTHFIELD COUNCIL DP", "1920.00"), ("02/06/2026", "NORTHFIELD COUNCIL DP", "960.00"),
            ("26/06/2026", "P SAMPLE WAGES", "-100.00")]
    audit = _audit(tmp_path, _csv(tmp_path / "s.csv", rows))
    kinds = [f.kind for f in audit.flags]
    assert "council_payment_missing" not in kinds
    assert any("due on 2026-05-04 came in 16 days late, on 2026-05-20 (s.csv:3)" in n for n in audit.notes)
    (over,) = [f for f in audit.flags if f.kind == "council_overpayment"]
    assert (over.date, over.amount, over.line) == (dt.date(2026, 6, 2), Decimal("960.00"), 5)
    assert "£960.00 came in from the council on 2026-06-02" in over.message and "recover" in over.message
    assert not any("£960.00 came in from the council" in n for n in audit.notes)
    assert any("£6,720.00 against £5,760.00 expected: £960.00 more" in n for n in audit.notes)
    (late,) = [e for e in audit.reconciliation.entries if e.tx.date == dt.date(2026, 5, 20)]
    assert late.kind == "council" and "paid 16 days late" in late.reason
    (short,) = [f for f in audit.flags if f.kind == "contribution_shortfall"]
    assert short.line is None  # no contribution was paid in: no row to point at, never a council row


def test_a_council_payment_a_day_late_is_said_late_in_the_note_the_row_and_the_table(tmp_path):
    """Due 4 May, paid 5 May (within the few days either side that match it on time): the row's
    reason, the officer's note and the report's table all say it came in 1 day late, as they do
    for one later than that; one a day early says so too."""
    from guidance.accounts.report import officer_markdown

    rows = [("06/04/2026", "NORTHFIELD COUNCIL DP", "1920.00"), ("05/05/2026", "NORTHFIELD COUNCIL DP", "1920.00"),
            ("31/05/2026", "NORTHFIELD COUNCIL DP", "1920.00"), ("26/06/2026", "P SAMPLE WAGES", "-100.00")]
    audit = _audit(tmp_path, _csv(tmp_path / "s.csv", rows))
    assert any("due on 2026-05-04 came in 1 day late, on 2026-05-05 (s.csv:3)" in n for n in audit.notes)
    late, early = (next(e for e in audit.reconciliation.entries if e.tx.date == dt.date(2026, 5, day)) for day in (5, 31))
    assert late.kind == "council" and late.reason.endswith("paid 1 day late")
    assert early.kind == "council" and early.reason.endswith("paid 1 day early")
    report = officer_markdown(audit)
    assert "| 2026-05-05 (1 day late) |" in report and "| 2026-05-31 (1 day early) |" in report


def test_a_council_payment_of_more_than_was_due_is_an_overpayment_to_decide(tmp_path):
    """The 4 May payment named by the bank as the council's and £200 more than due: matched, and
    the £200 is a council_overpayment flag on its row (not only a note), with the person told."""
    rows = [("06/04/2026", "NORTHFIELD COUNCIL DP", "1920.00"), ("04/05/2026", "NORTHFIELD COUNCIL DP", "2120.00"),
            ("01/06/2026", "NORTHFIELD COUNCIL DP", "1920.00"), ("26/06/2026", "P SAMPLE WAGES", "-100.00")]
    plan = PLAN.replace('amount: "1920.00", every: 4 weeks}', 'amount: "1920.00", every: 4 weeks, match: NORTHFIELD COUNCIL}')
    audit = _audit(tmp_path, _csv(tmp_path / "s.csv", rows), plan=plan)
    (over,) = [f for f in audit.flags if f.kind == "council_overpayment"]
    assert (over.date, over.amount, over.line) == (dt.date(2026, 5, 4), Decimal("200.00"), 3)
    assert "came in £200.00 more than the £1,920.00 due" in over.message
    assert "We paid more into the account than was due" in summary_markdown(audit)


def test_a_council_payment_after_the_next_one_was_due_is_not_taken_as_late(tmp_path):
    """A credit after the next payment was due is not the late payment of the one before."""
    rows = [("06/04/2026", "NORTHFIELD COUNCIL DP", "1920.00"), ("05/06/2026", "NORTHFIELD COUNCIL DP", "1920.00")]
    audit = _audit(tmp_path, _csv(tmp_path / "s.csv", rows), plan=PLAN.replace("to: 2026-06-28", "to: 2026-06-10"))
    missing = [f.date for f in audit.flags if f.kind == "council_payment_missing"]
    assert missing == [dt.date(2026, 5, 4)]


def test_a_contribution_shortfall_names_no_row_but_the_day_it_was_due(tmp_path):
    rows = [r for r in WEEKS if r[0] != "20/04/2026"]
    audit = _audit(tmp_path, _csv(tmp_path / "s.csv", rows), plan=PLAN.replace("to: 2026-06-28", "to: 2026-04-27"))
    (short,) = [f for f in audit.flags if f.kind == "contribution_shortfall"]
    assert short.amount == Decimal("35.00") and short.date == dt.date(2026, 4, 20)
    assert (short.file, short.line) == (None, None)  # money not seen: no statement row shows it
    assert short.source.startswith("no payment seen: due 2026-04-20")


def test_quiet_days_between_two_statements_are_told_not_flagged(tmp_path):
    """File A ends 17 April, file B starts 20 April; the balance carries on exactly: no flag, a
    note; a break in the balance there is still a missing statement."""
    a = _csv(tmp_path / "a.csv", WEEKS[:5])
    b = _csv(tmp_path / "b.csv", WEEKS[5:], opening="4190.00")
    audit = _audit(tmp_path, a, b, plan=PLAN.replace("to: 2026-06-28", "to: 2026-04-27"))
    assert [f.kind for f in audit.flags if f.kind == "missing_statement"] == []
    assert audit.reconciliation.quiet == ((dt.date(2026, 4, 18), dt.date(2026, 4, 19)),)
    assert any("no rows from 2026-04-18 to 2026-04-19" in n for n in audit.notes)
    broken = _csv(tmp_path / "c.csv", WEEKS[5:], opening="4090.00")  # £100 moved on days no statement shows
    audit = _audit(tmp_path, a, broken, plan=PLAN.replace("to: 2026-06-28", "to: 2026-04-27"))
    assert [f.missing for f in audit.flags if f.kind == "missing_statement"] == [(dt.date(2026, 4, 17), dt.date(2026, 4, 20))]
    assert audit.reconciliation.quiet == ()


def test_a_provisional_surplus_is_not_given_to_a_flow(tmp_path):
    """A flow started from an audit asks for the surplus rather than take a provisional one."""
    from types import SimpleNamespace

    from guidance.accounts.prefill import values

    statement = _csv(tmp_path / "s.csv", [("06/04/2026", "NORTHFIELD COUNCIL DP", "1920.00")])
    figures = audit_json(_audit(tmp_path, statement))
    figures.pop("flags")
    record = SimpleNamespace(id="abc", reference="DP-000099", figures=figures, plan={"contingency_weeks": 6}, flags=[])
    given = values(record)
    assert "surplus" not in given and given["closing_balance"] == Decimal("4920.00")
    record.figures = {**figures, "surplus_provisional": False}
    assert values(record)["surplus"] == Decimal(figures["surplus"])


def test_batch_summary_says_a_surplus_is_provisional(tmp_path):
    import csv
    import io

    from guidance.accounts.batch import BatchRow, summary_csv

    statement = _csv(tmp_path / "s.csv", [("06/04/2026", "NORTHFIELD COUNCIL DP", "1920.00")])
    text = summary_csv([BatchRow("one", 2, _audit(tmp_path, statement))])
    header, found = list(csv.reader(io.StringIO(text)))
    cell = dict(zip(reversed(header), reversed(found)))  # the first 'surplus' column is the figure (the last a flag count)
    # £4,920.00 less the contingency, the £100.00 owed and the 6 April payment's money for 7 April
    # to 3 May (27 of its 28 days: £1,851.43), which the 6 April balance still holds
    assert (cell["surplus"], cell["surplus_provisional"], cell["closing_date"]) == ("88.57", "not final", "2026-04-06"), text


def test_batch_summary_has_the_opening_balance_and_the_money_not_on_any_statement(tmp_path):
    """The summary's figures are those of the audit's JSON, with the same names: opening balance
    and its day, money not on any statement, contributions paid above what was due, and an error
    row has as many cells as the header."""
    import csv
    import io

    from guidance.accounts.batch import BatchRow, summary_csv

    rows = [("08/04/2026", "NORTHFIELD COUNCIL DP", "1920.00"), ("08/04/2026", "TFR CONTRIBUTION", "35.00"),
            ("08/04/2026", "TFR CONTRIBUTION", "35.00")] + WEEKS[2:]
    statement = _csv(tmp_path / "s.csv", rows, opening="3000.00")
    audit = _audit(tmp_path, statement)
    data = audit_json(audit)
    text = summary_csv([BatchRow("one", 2, audit), BatchRow("two", 3, error="no statements")])
    header, found, error = list(csv.reader(io.StringIO(text)))
    cell = dict(zip(header, found))
    for name in ("opening_balance", "opening_date", "not_on_any_statement", "contribution_overpaid"):
        assert cell[name] == data[name], (name, text)
    assert (cell["opening_balance"], cell["opening_date"], cell["contribution_overpaid"]) == ("3000.00", "2026-04-08", "35.00")
    assert len(error) == len(header) and error[-1] == "no statements"


def test_overlapping_statements_with_a_row_listed_out_of_order_are_merged_once(tmp_path):
    """The second statement repeats 13 April, listed after 17 April: it is the same row, counted once."""
    a = _csv(tmp_path / "a.csv", WEEKS[:4])
    b = _csv(tmp_path / "b.csv", [WEEKS[4], WEEKS[3], *WEEKS[5:]], opening="4555.00")
    audit = _audit(tmp_path, a, b, plan=PLAN.replace("to: 2026-06-28", "to: 2026-04-27"))
    assert audit.ledger.overlaps == 1
    assert audit.reconciliation.contribution_paid == Decimal("140.00")
    assert [f.kind for f in audit.flags if f.kind in ("missing_statement", "duplicate")] == []


def test_the_balance_chart_stops_where_the_statements_stop(tmp_path):
    from guidance.accounts.chart import balance_points

    statement = _csv(tmp_path / "s.csv", WEEKS[2:4], opening="4955.00")  # 10 and 13 April only
    points = balance_points(_audit(tmp_path, statement).reconciliation)
    assert [day for day, _ in points] == [dt.date(2026, 4, 10), dt.date(2026, 4, 13)]
    assert points[0][1] == Decimal("4555.00") and points[-1][1] == Decimal("4590.00")  # each at the end of its day


def test_payments_due_on_the_few_days_no_statement_shows_at_the_start_are_asked_for_not_told_as_unpaid(tmp_path):
    """Statements from 8 April to 27 April for an audit from 6 to 27 April, with the council
    payment and a contribution due on 6 April: those two days could change the figures, so they
    are a missing statement, asked for by the statements letter, and the surplus is provisional;
    the payments due on them are not told as missing or unpaid, and are counted apart."""
    rows = [("08/04/2026", "SHOP", "-5.00")] + WEEKS[2:]
    audit = _audit(tmp_path, _csv(tmp_path / "s.csv", rows, opening="4955.00"),
                   plan=PLAN.replace("to: 2026-06-28", "to: 2026-04-27"))
    rec = audit.reconciliation
    assert (rec.opening_date, rec.closing_date) == (dt.date(2026, 4, 8), dt.date(2026, 4, 27))
    assert rec.uncovered == ((dt.date(2026, 4, 6), dt.date(2026, 4, 7)),)
    assert [f.missing for f in audit.flags if f.kind == "missing_statement"] == [(dt.date(2026, 4, 6), dt.date(2026, 4, 7))]
    assert (statements_values(audit)["period_from"], statements_values(audit)["period_to"]) == ("2026-04-06", "2026-04-07")
    assert rec.surplus > 0 and rec.surplus_provisional
    with pytest.raises(ProvisionalSurplus, match="Ask for the statements first"):
        surplus_values(audit)
    assert "council_payment_missing" not in {f.kind for f in audit.flags}
    assert (rec.council_expected_uncovered, rec.contribution_expected_uncovered) == (Decimal("1920.00"), Decimal("35.00"))
    assert rec.contribution_shortfall == Decimal("0.00")
    text = summary_markdown(audit)
    assert "less than your share" not in text and "did not reach your account" not in text
    assert "Some statements are missing" in text and "pay this back" not in text


def test_a_few_days_at_the_start_with_nothing_due_are_not_asked_for(tmp_path):
    """Statements from 8 April for an audit from 6 April with nothing due on 6 or 7 April: not
    asked for, and the surplus is final."""
    plan = PLAN.replace("to: 2026-06-28", "to: 2026-04-27").replace("from: 2026-04-06, amount", "from: 2026-04-08, amount")
    rows = [("08/04/2026", "NORTHFIELD COUNCIL DP", "1920.00"), ("08/04/2026", "TFR CONTRIBUTION", "35.00")] + WEEKS[2:]
    audit = _audit(tmp_path, _csv(tmp_path / "s.csv", rows, opening="3000.00"), plan=plan)
    rec = audit.reconciliation
    assert rec.opening_date == dt.date(2026, 4, 8) and rec.uncovered == ()
    assert not rec.surplus_provisional and "missing_statement" not in {f.kind for f in audit.flags}


@pytest.mark.parametrize("period_end, asked", [("2026-05-04", ("2026-05-02", "2026-05-04")),  # a council payment due on 4 May
                                               ("2026-05-02", ("2026-04-28", "2026-05-02"))])  # nothing due, but 5 days
def test_the_days_after_the_last_row_with_a_payment_due_or_many_are_asked_for_and_make_the_surplus_provisional(tmp_path, period_end, asked):
    """Statements that stop before the audit ends, with a payment due on the days after the last
    row or more than 3 of them: the balance at the end is not known, so those days are a missing
    statement (asked for by the statements letter) and the surplus is provisional; the surplus letter is
    refused pointing to the statements letter, so the officer always has a letter to send."""
    rows = WEEKS + [("01/05/2026", "P SAMPLE WAGES", "-400.00")] if period_end == "2026-05-04" else WEEKS
    audit = _audit(tmp_path, _csv(tmp_path / "s.csv", rows), plan=PLAN.replace("to: 2026-06-28", f"to: {period_end}"))
    rec = audit.reconciliation
    first, last = (dt.date.fromisoformat(d) for d in asked)
    assert rec.uncovered == ((first, last),)
    assert [f.missing for f in audit.flags if f.kind == "missing_statement"] == [(first, last)]
    assert rec.surplus_provisional and f"stop on {rows[-1][0][6:]}-{rows[-1][0][3:5]}-{rows[-1][0][:2]}" in rec.surplus_provisional
    assert (statements_values(audit)["period_from"], statements_values(audit)["period_to"]) == asked
    with pytest.raises(ProvisionalSurplus, match="Ask for the statements first"):
        surplus_values(audit)


@pytest.mark.parametrize("period_end", ["2026-04-28", "2026-04-30"])
def test_a_few_quiet_days_after_the_last_row_with_nothing_due_are_not_asked_for(tmp_path, period_end):
    """The last row on Monday 27 April and the audit ending 1 to 3 days later with no payment due
    on those days (as a Friday's last row before a period ending on Sunday): the same rule as at
    the start, so they are not a missing statement, the surplus is final, the surplus letter is
    made and the statements letter has nothing to ask for."""
    audit = _audit(tmp_path, _csv(tmp_path / "s.csv", WEEKS), plan=PLAN.replace("to: 2026-06-28", f"to: {period_end}"))
    rec = audit.reconciliation
    assert rec.uncovered == () and not rec.stops_early and rec.surplus_provisional == ""
    assert "missing_statement" not in {f.kind for f in audit.flags}
    assert rec.closing_date == dt.date(2026, 4, 27)
    assert surplus_values(audit)
    with pytest.raises(NothingToAsk):
        statements_values(audit)
