"""Account audits on synthetic statements: every format gives the same reconciliation, and every
flag kind is found where it was planted and nowhere else."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import pytest

from accounts_support import CSV_WRITERS, WRITERS, Account, plant, write, write_ofx, END, START
from guidance.accounts.audit import DETAILS, FIGURES, AuditError, audit_files, audit_json
from guidance.accounts.flags import SEVERITY
from guidance.accounts.summary import summary_markdown

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"
BALANCE_STYLES = ("signed", "paid", "money", "xlsx")  # a balance on every row
BALANCE_ONLY = ("missing_statement", "balance_misprint")  # kinds only a balance on each row can show


def _audit(account: Account, style: str, folder: Path, **plan_extra):
    folder.mkdir(parents=True, exist_ok=True)
    plan = account.write_plan(folder / "plan.yaml", opening_balance=str(account.opening), **plan_extra)
    return audit_files(plan, [write(account, style, folder / style)], CONTENT)


def _figures(audit) -> dict:
    data = audit_json(audit)
    data["flags"] = [(f["kind"], f["date"], f["amount"]) for f in data["flags"]]
    return data


# An OFX file states the days it covers (to the end of the audit); a CSV of the same rows covers
# the days of its rows (its last row is on the audit's last day): the day the closing balance is from, and the note saying
# so, differ by format, and nothing else does.
STATED_DAYS = ("opening_date", "closing_date", "notes")


def _same_rows_figures(audit) -> dict:
    """The figures, less the stated days; the surplus flag is dated the closing balance's day
    (which differs by format as ``closing_date`` does), so its date is checked and then left out."""
    data = _figures(audit)
    for n, (kind, date, amount) in enumerate(data["flags"]):
        if kind == "surplus":
            assert date == data["closing_date"]
            data["flags"][n] = (kind, "the closing balance's day", amount)
    return {k: v for k, v in data.items() if k not in STATED_DAYS}


def _row_description(audit, flag) -> str | None:
    found = [t for t in audit.ledger.transactions if t.file == flag.file and t.line == flag.line]
    assert len(found) <= 1
    return found[0].description if found else None


def test_clean_account_figures(tmp_path):
    audit = _audit(Account.base(), "signed", tmp_path)
    data = audit_json(audit)
    # 6 payments of 1920 and one cut to 7/28 by the suspension (1 to 21 July in the 29 June cycle)
    assert data["council_expected"] == "12000.00" == data["council_received"]
    # 22 full weeks of 35, 29 June week 2/7 of it (10.00), 20 July week 5/7 (25.00), two weeks none
    assert data["contribution_expected"] == "805.00" == data["contribution_paid"]
    assert data["contribution_shortfall"] == "0.00"
    assert data["contingency"] == "3840.00"  # 8 weeks x 1920 / 4
    assert data["opening_balance"] == "1000.00"
    assert data["closing_balance"] == str(Account.base().shown()[-1][1])
    assert data["surplus"] == "0.00"
    assert data["money_out"]["wages"] == str(Decimal("420.00") * 26)
    assert data["money_out"]["tax"] == "310.40"
    assert data["money_out"]["pension"] == "240.00"
    assert data["money_out"]["insurance"] == "96.50"
    assert data["money_out"]["payroll_service"] == "72.00"
    assert data["money_out"]["unexplained"] == "0.00"
    assert set(data) == set(FIGURES) | set(DETAILS) | {"flags"}
    assert data["surplus_provisional"] is False and data["surplus_provisional_reason"] is None
    assert data["flags"] == []


@pytest.mark.parametrize("kind", [None, *SEVERITY])
def test_every_format_gives_the_same_reconciliation(tmp_path, kind):
    account = Account.base()
    if kind:
        plant(account, kind)
    results = {style: _same_rows_figures(_audit(account, style, tmp_path / style)) for style in WRITERS}
    if kind in BALANCE_ONLY:  # without a balance on each row a missing row or a misprint cannot be seen
        for style in ("card", "ofx"):
            assert results[style]["flags"] == []
            results.pop(style)
    first = results.pop("signed")
    for style, data in results.items():
        assert data == first, style


# A missing row shows only where each row has a balance: for card exports and OFX see
# test_balance_break_across_ofx_statements and test_every_format_gives_the_same_reconciliation.
PLANTS = [(kind, style) for kind in SEVERITY for style in WRITERS
          if not (kind in BALANCE_ONLY and style in ("card", "ofx"))]


@pytest.mark.parametrize("kind, style", PLANTS)
def test_each_flag_is_found_where_planted_and_nowhere_else(tmp_path, kind, style):
    account = Account.base()
    planted = plant(account, kind)
    audit = _audit(account, style, tmp_path)
    got = sorted((f.kind, f.date) for f in audit.flags)
    if style == "ofx":  # an OFX file states the days it covers, to the end: the closing balance's day
        planted = [(k, END if k == "surplus" else d, desc) for k, d, desc in planted]
    assert got == sorted((k, d) for k, d, _ in planted)
    for flag in audit.flags:
        expected = next(desc for k, d, desc in planted if k == flag.kind)
        if expected is not None:
            assert _row_description(audit, flag) == expected
        assert flag.amount is not None
        assert flag.safeguarding == (flag.kind in ("household_payment", "large_transfer"))
        if flag.safeguarding:
            assert "financial-abuse" in flag.pages and "abuse" in flag.message


def test_balance_break_is_flagged_not_summed(tmp_path):
    account = Account.base()
    plant(account, "missing_statement")
    audit = _audit(account, "paid", tmp_path)
    rec = audit.reconciliation
    (flag,) = audit.flags
    assert flag.amount == Decimal("-200.00")
    # the closing balance is the bank's; the money shown does not add up to it, by the gap
    assert rec.closing_balance == account.shown()[-1][1]
    assert rec.unaccounted == Decimal("-200.00")
    assert rec.opening_balance + rec.total_in - rec.total_out != rec.closing_balance


@pytest.mark.parametrize("style", BALANCE_STYLES)
def test_a_misprinted_balance_is_a_misprint_not_a_missing_statement(tmp_path, style):
    """One row's printed balance is off and the rows either side agree: one balance_misprint flag
    on that row, with the gap, and the figures of the same statement printed right."""
    clean = _figures(_audit(Account.base(), style, tmp_path / "clean"))
    account = Account.base()
    plant(account, "balance_misprint")
    audit = _audit(account, style, tmp_path / "misprint")
    (flag,) = audit.flags
    assert (flag.kind, flag.date, flag.amount) == ("balance_misprint", dt.date(2026, 6, 12), Decimal("90.00"))
    assert _row_description(audit, flag) == "A JONES WAGES" and flag.line is not None
    assert flag.missing is None and "misprint" in flag.message
    assert audit.reconciliation.breaks == () and audit.reconciliation.unaccounted == 0
    found = _figures(audit)
    assert found.pop("flags") == [("balance_misprint", "2026-06-12", "90.00")]
    clean.pop("flags")
    assert found == clean
    entry = next(e for e in audit.reconciliation.entries if e.tx.line == flag.line)
    assert entry.balance == entry.tx.balance - Decimal("90.00")  # the running balance goes on from the rows


def test_a_misprint_and_a_missing_statement_are_told_apart(tmp_path):
    account = Account.base()
    plant(account, "balance_misprint")
    plant(account, "missing_statement")
    audit = _audit(account, "paid", tmp_path)
    assert [(f.kind, f.date, f.amount) for f in audit.flags] == [
        ("missing_statement", dt.date(2026, 5, 22), Decimal("-200.00")), ("balance_misprint", dt.date(2026, 6, 12), Decimal("90.00"))]


def test_each_misprinted_balance_is_one_flag(tmp_path):
    account = Account.base()
    plant(account, "balance_misprint")
    next(r for r in account.rows if r.date == dt.date(2026, 9, 15)).misprint = Decimal("-9000.00")  # printed below zero: not overdrawn
    audit = _audit(account, "money", tmp_path)
    assert [(f.kind, f.date, f.amount) for f in audit.flags] == [
        ("balance_misprint", dt.date(2026, 6, 12), Decimal("90.00")), ("balance_misprint", dt.date(2026, 9, 15), Decimal("-9000.00"))]


def test_a_misprint_on_the_last_row_cannot_be_told_from_a_missing_statement(tmp_path):
    """Nothing after the row says the rows go on from it: the audit asks for the statement."""
    account = Account.base()
    account.rows[-1].misprint = Decimal("90.00")
    audit = _audit(account, "signed", tmp_path)
    assert [f.kind for f in audit.flags] == ["missing_statement"]


def _listed_backwards(*days) -> Account:
    """The clean account with a payroll fee on the first day, beside the council's payment, and
    the rows of ``days`` listed in reverse of the order the bank posted them."""
    account = Account.base()
    account.add(START, "CAREPAY PAYROLL LTD SETUP", "-25.00")
    account.listed_backwards.update(days)
    return account


@pytest.mark.parametrize("style", WRITERS)
@pytest.mark.parametrize("days", [(dt.date(2026, 5, 1),), (START,), (START, dt.date(2026, 5, 1))])
def test_rows_of_one_day_listed_in_another_order_are_not_a_break(tmp_path, style, days):
    """A day's rows listed in another order than the bank posted them (the running balance works
    only in the posted order): no flag, and the figures of the statement listed in posted order."""
    posted = _figures(_audit(_listed_backwards(), style, tmp_path / "posted"))
    account = _listed_backwards(*days)
    assert [r for r, _ in account.shown()] != [r for r, _ in _listed_backwards().shown()]  # the listing differs
    audit = _audit(account, style, tmp_path / "listed")
    assert _figures(audit) == posted and posted["flags"] == []
    assert audit.reconciliation.breaks == () and audit.reconciliation.misprints == ()
    for e in audit.reconciliation.entries:
        if e.tx.balance is not None:
            assert e.balance == e.tx.balance  # each row's running balance is the one the bank shows


@pytest.mark.parametrize("paid, flagged", [
    (dt.date(2026, 4, 22), True),  # the 22nd after the quarter to 5 April ends: pays that quarter, not this one
    (dt.date(2026, 4, 23), False),  # the first day that pays the quarter from 6 April
    (dt.date(2026, 7, 22), False),  # the last day for the quarter to 5 July
    (dt.date(2026, 7, 23), True),  # late
])
def test_a_payment_to_hmrc_pays_the_quarter_whose_window_it_falls_in(tmp_path, paid, flagged):
    """The quarter 6 April to 5 July (wages paid in it) is paid by a payment to HMRC from 23 April
    to 22 July; one made from 6 to 22 April is the previous quarter's."""
    from guidance.accounts.flags import tax_payment_window

    assert tax_payment_window(dt.date(2026, 4, 6)) == (dt.date(2026, 4, 23), dt.date(2026, 7, 22))
    assert tax_payment_window(dt.date(2026, 1, 6)) == (dt.date(2026, 1, 23), dt.date(2026, 4, 22))
    assert tax_payment_window(dt.date(2026, 10, 6)) == (dt.date(2026, 10, 23), dt.date(2027, 1, 22))
    account = Account.base()
    next(r for r in account.rows if r.description.startswith("HMRC")).date = paid
    account.sort()
    audit = _audit(account, "signed", tmp_path)
    assert [(f.kind, f.date) for f in audit.flags] == ([("no_tax_payment", dt.date(2026, 7, 22))] if flagged else [])
    if flagged:
        assert audit.flags[0].amount == Decimal("420.00") * 13 and "from 2026-04-23 to 2026-07-22" in audit.flags[0].message


def _pa_paid(every: int, missed: tuple[int, ...] = (), payments: int | None = None, first: dt.date = dt.date(2026, 4, 10)) -> Account:
    """The clean account with its PA paid every ``every`` days from ``first`` (the same pay a
    week) instead of weekly, except the payments numbered in ``missed`` (0 is the first)."""
    account = Account.base()
    account.rows = [r for r in account.rows if not r.description.startswith("A JONES")]
    day, number = first, 0
    while day <= END and (payments is None or number < payments):
        if number not in missed:
            account.add(day, "A JONES WAGES", str(-Decimal("420.00") * every / 7))
        day, number = day + dt.timedelta(days=every), number + 1
    account.add(dt.date(2026, 10, 2), "NEST PENSIONS", "-40.00")  # the statement runs to the end of the audit
    return account


@pytest.mark.parametrize("every, missed, payments, first, gap_from", [
    (7, (5,), None, dt.date(2026, 4, 10), dt.date(2026, 5, 8)),  # weekly, one week missed
    (7, (2,), 4, dt.date(2026, 9, 11), dt.date(2026, 9, 18)),  # weekly, three payments, one week missed
    (14, (), None, dt.date(2026, 4, 10), None),  # fortnightly
    (14, (4,), None, dt.date(2026, 4, 10), dt.date(2026, 5, 22)),  # fortnightly, one missed
    (28, (), None, dt.date(2026, 4, 10), None),  # four-weekly
    (28, (3,), None, dt.date(2026, 4, 10), dt.date(2026, 6, 5)),  # four-weekly, one missed
    (28, (1,), 4, dt.date(2026, 6, 12), dt.date(2026, 6, 12)),  # four-weekly, three payments, one missed
])
def test_a_pa_s_pay_cycle_is_not_set_by_one_long_gap(tmp_path, every, missed, payments, first, gap_from):
    """The pay cycle is the lower median of the gaps between payments: a missed payment is a
    wages_gap flag (dated a cycle after the last pay before it), however few the payments."""
    account = _pa_paid(every, missed, payments, first)
    account.opening += Decimal("2000.00")  # pay in bigger sums must not overdraw the account
    if first > dt.date(2026, 7, 5):
        account.remove(dt.date(2026, 7, 20), "HMRC")  # no wages in the quarter it pays
    audit = _audit(account, "signed", tmp_path)
    flags = [(f.kind, f.date) for f in audit.flags if f.kind != "surplus"]
    assert flags == ([] if gap_from is None else [("wages_gap", gap_from + dt.timedelta(days=every))])
    if gap_from is not None:
        message = audit.flags[0].message
        assert f"paid every {every} days, last on {gap_from.isoformat()}, then not again" in message
        assert f"no payment from {(gap_from + dt.timedelta(days=1)).isoformat()}" in message  # the day after the last paid


def test_balance_break_across_ofx_statements(tmp_path):
    account = Account.base()
    account.add(dt.date(2026, 8, 12), "HIDDEN SHOP", "-200.00", hidden=True)
    rows = account.shown()
    cut = dt.date(2026, 6, 30)
    first = write_ofx(account, tmp_path / "a.ofx", START, cut, [r for r in rows if r[0].date <= cut])
    second = write_ofx(account, tmp_path / "b.ofx", cut + dt.timedelta(days=1), END, [r for r in rows if r[0].date > cut])
    plan = account.write_plan(tmp_path / "plan.yaml")
    audit = audit_files(plan, [second, first], CONTENT)
    assert [(f.kind, f.amount, f.file) for f in audit.flags] == [("missing_statement", Decimal("-200.00"), str(second))]


def test_statement_periods_that_leave_days_uncovered(tmp_path):
    account = Account.base()
    rows = account.shown()
    gap_from, gap_to = dt.date(2026, 7, 1), dt.date(2026, 7, 7)
    for row, _ in rows:
        if gap_from <= row.date <= gap_to:
            row.hidden = True
    rows = account.shown()
    first = write_ofx(account, tmp_path / "a.ofx", START, gap_from - dt.timedelta(days=1), [r for r in rows if r[0].date < gap_from])
    second = write_ofx(account, tmp_path / "b.ofx", gap_to + dt.timedelta(days=1), END, [r for r in rows if r[0].date > gap_to])
    audit = audit_files(account.write_plan(tmp_path / "plan.yaml"), [first, second], CONTENT)
    missing = [f for f in audit.flags if f.kind == "missing_statement"]
    assert any(f.date == gap_from and f.missing == (gap_from, gap_to) and "2026-07-01 to 2026-07-07" in f.message for f in missing)
    # the wages of 3 July fall in the missing days: asked for as a statement, not flagged as unpaid
    assert {f.kind for f in audit.flags} == {"missing_statement"}


@pytest.mark.parametrize("first_end, second_start, uncovered", [
    ("20260701000000", "20260701", None),  # midnight starting 1 July: the first covers to 30 June
    ("20260701000000[0:GMT]", "20260701", None),
    ("20260701000000[+1:BST]", "20260701", None),
    ("20260630235959", "20260701", None),
    ("20260630", "20260701", None),  # a date alone names the last day covered
    ("20260701000000", "20260702", (dt.date(2026, 7, 1), dt.date(2026, 7, 1))),  # 1 July is in neither
    ("20260701120000", "20260702", None),  # noon on 1 July: that day is covered
])
def test_an_ofx_statement_s_end_is_the_first_moment_it_does_not_cover(tmp_path, first_end, second_start, uncovered):
    """OFX DTEND is the value to send as the next DTSTART: an end at midnight covers to the end of
    the day before, so two statements that follow on leave no day between them, and a day
    neither covers is asked for."""
    account = Account.base()
    next(r for r in account.rows if r.date == dt.date(2026, 7, 1)).date = dt.date(2026, 7, 2)  # nothing dated 1 July
    account.sort()
    rows = account.shown()
    cut = dt.date(2026, 6, 30)
    first = write_ofx(account, tmp_path / "a.ofx", START, cut, [r for r in rows if r[0].date <= cut])
    second = write_ofx(account, tmp_path / "b.ofx", dt.date(2026, 7, 2), END, [r for r in rows if r[0].date > cut])
    first.write_text(first.read_text(encoding="ascii").replace("<DTEND>20260630", f"<DTEND>{first_end}"), encoding="ascii")
    second.write_text(second.read_text(encoding="ascii").replace("<DTSTART>20260702", f"<DTSTART>{second_start}"), encoding="ascii")
    audit = audit_files(account.write_plan(tmp_path / "plan.yaml"), [first, second], CONTENT)
    assert [(f.kind, f.missing) for f in audit.flags] == ([] if uncovered is None else [("missing_statement", uncovered)])


# What each hidden row would be flagged as if the days it falls on were taken as seen.
HIDDEN = {
    "council": (dt.date(2026, 8, 24), "NORTHFIELD COUNCIL"),
    "wages": (dt.date(2026, 5, 15), "A JONES"),
    "tax": (dt.date(2026, 7, 20), "HMRC"),
    "contribution": (dt.date(2026, 8, 4), "MR P CLIENT"),
}


@pytest.mark.parametrize("hidden", list(HIDDEN))
@pytest.mark.parametrize("how", ["balance_break", "uncovered_days"])
def test_what_falls_on_days_no_statement_shows_is_asked_for_not_flagged_missing(tmp_path, hidden, how):
    """A council payment, wages, an HMRC payment or a contribution on days no statement shows
    cannot be checked: the audit asks for the statement, and flags nothing else."""
    account = Account.base()
    day, starts = HIDDEN[hidden]  # a hidden row still moves the balance: only the statements leave it out
    if how == "balance_break":
        next(r for r in account.rows if r.date == day and r.description.startswith(starts)).hidden = True
        files = [write(account, "paid", tmp_path)]
    else:
        gap_from, gap_to = day - dt.timedelta(days=2), day + dt.timedelta(days=2)
        for row in account.rows:
            row.hidden = row.hidden or gap_from <= row.date <= gap_to
        rows = account.shown()
        files = [write_ofx(account, tmp_path / "a.ofx", START, gap_from - dt.timedelta(days=1), [r for r in rows if r[0].date < gap_from]),
                 write_ofx(account, tmp_path / "b.ofx", gap_to + dt.timedelta(days=1), END, [r for r in rows if r[0].date > gap_to])]
    audit = audit_files(account.write_plan(tmp_path / "plan.yaml"), files, CONTENT)
    assert {f.kind for f in audit.flags} == {"missing_statement"}, [f.message for f in audit.flags]
    assert any(f.missing[0] <= day <= f.missing[1] for f in audit.flags)
    # the payment is not told as unpaid: it is counted apart, as due on days no statement shows
    if hidden == "contribution":
        assert audit.reconciliation.contribution_shortfall == Decimal("0.00")
        assert audit.reconciliation.contribution_expected_uncovered == Decimal("35.00")
        assert "less than your share" not in summary_markdown(audit)


def test_a_shortfall_beyond_the_unseen_days_is_still_flagged(tmp_path):
    account = Account.base()
    plant(account, "contribution_shortfall")  # 4 August: on a day the statement shows
    next(r for r in account.rows if r.date == dt.date(2026, 5, 12) and r.description.startswith("MR P")).hidden = True
    audit = _audit(account, "paid", tmp_path)
    kinds = sorted(f.kind for f in audit.flags)
    assert kinds == ["contribution_shortfall", "missing_statement"]
    (short,) = [f for f in audit.flags if f.kind == "contribution_shortfall"]
    assert short.amount == Decimal("35.00") and short.date == dt.date(2026, 8, 3)
    assert "a further £35.00 was due on days no statement shows" in short.message
    rec = audit.reconciliation
    assert (rec.contribution_shortfall, rec.contribution_expected_uncovered) == (Decimal("35.00"), Decimal("35.00"))
    # money not seen: the flag names no statement row, but the day the contribution was due
    assert (short.file, short.line) == (None, None) and "no payment seen: due 2026-08-03" in short.source


def test_period_starting_before_the_statements_is_uncovered(tmp_path):
    account = Account.base()
    plan = account.write_plan(tmp_path / "plan.yaml", period={"from": "2026-03-30", "to": END.isoformat()})
    audit = audit_files(plan, [write(account, "signed", tmp_path)], CONTENT)
    assert [(f.kind, f.date) for f in audit.flags] == [("missing_statement", dt.date(2026, 3, 30))]
    # the whole span before the first row (6 April), not a part of it
    assert audit.flags[0].missing == (dt.date(2026, 3, 30), dt.date(2026, 4, 5)) and "2026-03-30 to 2026-04-05" in audit.flags[0].message


@pytest.mark.parametrize("first, last, uncovered", [
    ("2026-04-04", "2026-10-04", None),  # 2 days before the first row (6 April): forgiven at the start
    ("2026-04-01", "2026-10-04", ("2026-04-01", "2026-04-05")),  # 5 days: told whole
    ("2026-04-03", "2026-10-04", None),  # 3 days, none with a payment due: forgiven at the start
    ("2026-04-06", "2026-10-05", ("2026-10-05", "2026-10-05")),  # 1 day after the last row (4 October): asked for
    ("2026-04-06", "2026-10-09", ("2026-10-05", "2026-10-09")),  # 5 days: told whole
])
def test_a_few_days_uncovered_are_forgiven_only_at_the_start(tmp_path, first, last, uncovered):
    account = Account.base()
    plan = account.write_plan(tmp_path / "plan.yaml", period={"from": first, "to": last})
    audit = audit_files(plan, [write(account, "signed", tmp_path)], CONTENT)
    missing = [f.missing for f in audit.flags if f.kind == "missing_statement"]
    assert missing == ([] if uncovered is None else [tuple(dt.date.fromisoformat(d) for d in uncovered)])


@pytest.mark.parametrize("style", ["signed", "card"])
@pytest.mark.parametrize("cut, next_row", [(dt.date(2026, 7, 3), dt.date(2026, 7, 10)),  # 6 days between the files
                                           (dt.date(2026, 5, 12), dt.date(2026, 5, 15))])  # 2 days
def test_quiet_days_between_two_statements_without_a_stated_period(tmp_path, style, cut, next_row):
    """Days with no rows between two statements that state no period: where the running balance
    carries on exactly from the last row of one to the first of the next, no money moved on those
    days, so no statement is missing: the officer is told so (a note), nothing is flagged. Where no
    balance is shown to tell, the days are uncovered, and the flag gives them all."""
    account = Account.base()
    rows = account.shown()
    assert {r.date for r, _ in rows if cut < r.date <= next_row} == {next_row}  # nothing dated between
    early = Account(account.plan, [r for r, _ in rows if r.date <= cut], account.opening)
    late = Account(account.plan, [r for r, _ in rows if r.date > cut], next(b - r.amount for r, b in rows if r.date > cut))
    files = [write(early, style, tmp_path / "parts", "early"), write(late, style, tmp_path / "parts", "late")]
    plan = account.write_plan(tmp_path / "plan.yaml", opening_balance=str(account.opening))
    audit = audit_files(plan, files, CONTENT)
    gap = (cut + dt.timedelta(days=1), next_row - dt.timedelta(days=1))
    if style == "signed":  # a balance on every row
        assert audit.flags == ()
        assert audit.reconciliation.quiet == (gap,)
        assert any(f"no rows from {gap[0].isoformat()} to {gap[1].isoformat()}" in note and "balance carries on" in note
                   for note in audit.notes)
        assert audit_json(audit)["quiet_days"] == [[gap[0].isoformat(), gap[1].isoformat()]]
    else:  # no balance shown: the days cannot be seen to be quiet
        assert [(f.kind, f.date, f.missing) for f in audit.flags] == [("missing_statement", gap[0], gap)]
        assert f"{gap[0].isoformat()} to {gap[1].isoformat()}" in audit.flags[0].message


def test_a_real_gap_between_two_statements_without_a_stated_period_is_still_asked_for(tmp_path):
    """Money that moved on days between two statements breaks the running balance: the days are
    asked for (from the last row before to the first row after), once."""
    account = Account.base()
    account.add(dt.date(2026, 7, 6), "HIDDEN SHOP", "-200.00", hidden=True)
    rows = account.shown()
    cut, next_row = dt.date(2026, 7, 3), dt.date(2026, 7, 10)
    early = Account(account.plan, [r for r, _ in rows if r.date <= cut], account.opening)
    late = Account(account.plan, [r for r, _ in rows if r.date > cut], next(b - r.amount for r, b in rows if r.date > cut))
    files = [write(early, "signed", tmp_path / "parts", "early"), write(late, "signed", tmp_path / "parts", "late")]
    audit = audit_files(account.write_plan(tmp_path / "plan.yaml"), files, CONTENT)
    missing = [f for f in audit.flags if f.kind == "missing_statement"]
    assert [(f.amount, f.missing) for f in missing] == [(Decimal("-200.00"), (cut, next_row))]
    assert audit.reconciliation.quiet == ()


@pytest.mark.parametrize("style", list(CSV_WRITERS))
def test_overlapping_statements_are_merged_once(tmp_path, style):
    account = Account.base()
    plant(account, "duplicate")  # a real duplicate inside one statement must stay
    whole = _figures(_audit(account, style, tmp_path / "whole"))
    rows = account.shown()
    early = Account(account.plan, [r for r, _ in rows if r.date <= dt.date(2026, 7, 10)], account.opening)
    late_rows = [r for r, _ in rows if r.date >= dt.date(2026, 6, 1)]
    late_opening = next(b - r.amount for r, b in rows if r.date >= dt.date(2026, 6, 1))
    late = Account(account.plan, late_rows, late_opening)
    files = [write(late, style, tmp_path / "parts", "late"), write(early, style, tmp_path / "parts", "early")]
    plan = account.write_plan(tmp_path / "plan.yaml", opening_balance=str(account.opening))
    merged = audit_files(plan, files, CONTENT)
    assert merged.ledger.overlaps == len([r for r, _ in rows if dt.date(2026, 6, 1) <= r.date <= dt.date(2026, 7, 10)])
    assert _figures(merged) == whole


def test_no_balance_and_no_opening_balance_is_a_clear_error(tmp_path):
    account = Account.base()
    plan = account.write_plan(tmp_path / "plan.yaml")
    with pytest.raises(AuditError, match="opening_balance"):
        audit_files(plan, [write(account, "card", tmp_path)], CONTENT)


def test_surplus_is_closing_less_owed_and_contingency(tmp_path):
    """Less the part of the 21 September council payment (for 21 September to 18 October) that
    pays for the 14 days after the audit ends on 4 October: £960.00 of £1,920.00."""
    account = Account.base()
    plant(account, "surplus")
    audit = _audit(account, "signed", tmp_path, owed="500.00")
    rec = audit.reconciliation
    assert rec.paid_for_after_period == Decimal("960.00")
    assert rec.surplus == rec.closing_balance - Decimal("500.00") - Decimal("3840.00") - Decimal("960.00")
    assert audit.flags[0].amount == rec.surplus


def test_csv_and_ofx_statements_that_overlap_are_merged_once(tmp_path):
    account = Account.base()
    account.add(dt.date(2026, 6, 10), "CAREPAY PAYROLL LTD YEAR END SERVICE FEE REF 88120", "-30.00")  # OFX cuts it at 32
    whole = _figures(_audit(account, "signed", tmp_path / "whole"))
    rows = account.shown()
    cut_early, cut_late = dt.date(2026, 7, 10), dt.date(2026, 6, 1)
    early = Account(account.plan, [r for r, _ in rows if r.date <= cut_early], account.opening)
    late_opening = next(b - r.amount for r, b in rows if r.date >= cut_late)
    late_rows = [r for r, _ in rows if r.date >= cut_late]
    late = Account(account.plan, late_rows, late_opening)
    files = [write(early, "money", tmp_path / "parts", "early"),
             write_ofx(late, tmp_path / "parts" / "late.ofx", cut_late, END)]
    plan = account.write_plan(tmp_path / "plan.yaml", opening_balance=str(account.opening))
    merged = audit_files(plan, files, CONTENT)
    assert merged.ledger.overlaps == len([r for r, _ in rows if cut_late <= r.date <= cut_early])
    merged_figures = _same_rows_figures(merged)
    assert {k: v for k, v in merged_figures.items() if k != "flags"} == {k: v for k, v in whole.items() if k not in ("flags", *STATED_DAYS)}
    assert _figures(merged)["flags"] == whole["flags"] == []


def test_a_council_payment_made_late_is_not_missing(tmp_path):
    account = Account.base()
    row = next(r for r in account.rows if r.date == dt.date(2026, 8, 24) and r.description.startswith("NORTHFIELD"))
    row.date = dt.date(2026, 9, 2)  # nine days late, named by the bank as the council's payment
    account.sort()
    audit = _audit(account, "signed", tmp_path)
    assert audit.flags == ()
    (late,) = [m for m in audit.reconciliation.council if m.due.date == dt.date(2026, 8, 24)]
    assert late.entry.tx.date == dt.date(2026, 9, 2)
    # the same sum from an unnamed payer, late, is not taken for the council's payment
    row.description = "FASTER PAYMENT RECEIVED"
    audit = _audit(account, "signed", tmp_path / "unnamed")
    assert [f.kind for f in audit.flags] == ["council_payment_missing"]


# 14 days before 24 August is as near the payment due on 27 July: not taken as this one's
@pytest.mark.parametrize("early, matched", [(6, True), (10, True), (13, True), (14, False), (15, False)])
def test_a_council_payment_made_early_is_matched_and_said_early(tmp_path, early, matched):
    """A council payment of the amount due, more than 5 days early (up to 14, and nearer its due
    date than the one before), is that payment paid early, not missing."""
    due = dt.date(2026, 8, 24)
    account = Account.base()
    row = next(r for r in account.rows if r.date == due and r.description.startswith("NORTHFIELD"))
    row.date = due - dt.timedelta(days=early)
    account.sort()
    audit = _audit(account, "signed", tmp_path)
    (m,) = [m for m in audit.reconciliation.council if m.due.date == due]
    if matched:
        assert audit.flags == ()
        assert m.entry.tx.date == row.date and m.entry.kind == "council" and f"paid {early} days early" in m.entry.reason
        assert audit.reconciliation.council_received == audit.reconciliation.council_expected
    else:
        # too early to be that payment: it is missing, and money no payment due explains is for the officer to decide
        assert m.entry is None and [(f.kind, f.date) for f in audit.flags] == [("council_payment_missing", due),
                                                                              ("council_overpayment", row.date)]


def test_the_rules_are_read_again_when_their_file_is_edited_between_two_audits(tmp_path):
    from guidance.accounts.audit import account_rules

    account = Account.base()
    account.add(dt.date(2026, 5, 12), "GARDEN CENTRE", "-45.99")
    content = tmp_path / "content"
    (content / "accounts").mkdir(parents=True)
    rules_file = content / "accounts" / "rules.yaml"
    shipped = (CONTENT / "accounts" / "rules.yaml").read_text(encoding="utf-8")
    rules_file.write_text(shipped, encoding="utf-8")
    plan = account.write_plan(tmp_path / "plan.yaml")
    statement = write(account, "signed", tmp_path / "statements")

    def garden(audit):
        return [e.kind for e in audit.reconciliation.entries if e.tx.description == "GARDEN CENTRE"]

    first = audit_files(plan, [statement], content)
    assert garden(first) == ["unexplained"] and "unexplained" in [f.kind for f in first.flags]
    assert account_rules(content) is account_rules(content)  # an unchanged file is read once
    for text, kind in ((shipped + '  - {match: "GARDEN CENTRE", kind: care_other}\n', "care_other"),
                       (shipped + '  - {match: "GARDEN CENTRE", kind: pension   }\n', "pension")):  # the same size
        before = rules_file.stat().st_mtime_ns
        rules_file.write_text(text, encoding="utf-8")
        os.utime(rules_file, ns=(before + 2_000_000_000, before + 2_000_000_000))  # on a coarse clock too
        again = audit_files(plan, [statement], content)
        assert garden(again) == [kind] and "unexplained" not in [f.kind for f in again.flags]
    rules_file.write_text(shipped + "  - {match: GARDEN CENTRE, kind: gardening}\n", encoding="utf-8")
    with pytest.raises(AuditError, match="rules.yaml"):  # a mistake made since is found, not hidden by the old rules
        audit_files(plan, [statement], content)


def test_plans_share_rules_and_dues_only_when_their_inputs_agree(tmp_path):
    """What audits keep between accounts (the rules for a plan's payees, the payments due under a
    schedule) is shared only by plans that give the same words, period, suspensions and lines."""
    from guidance.accounts.audit import account_rules
    from guidance.accounts.plan import load_plan
    from guidance.accounts.schedule import dues

    base = Account.base().plan
    def plan(name, **change):
        return load_plan(Account.base().write_plan(tmp_path / f"{name}.yaml", **change))
    same, again = plan("a"), plan("b", reference="DP-000002")
    other_payee = plan("c", payees=[*base["payees"], {"match": "B SMITH", "kind": "wages"}])
    longer_stay = plan("d", suspensions=[{"from": "2026-07-01", "to": "2026-08-21", "reason": "hospital"}])
    rules = account_rules(CONTENT)
    assert rules.for_plan(same) is rules.for_plan(again)
    assert rules.for_plan(other_payee) is not rules.for_plan(same)
    assert [r.words for r in rules.for_plan(other_payee).rules][-1] == "B SMITH"
    assert dues(same.council_payments, same, "council") is dues(again.council_payments, again, "council")
    fewer = dues(longer_stay.council_payments, longer_stay, "council")
    assert sum(d.amount for d in fewer) < sum(d.amount for d in dues(same.council_payments, same, "council"))


def test_the_persons_summary_never_asks_twice_or_says_nothing_is_needed_when_it_asks(tmp_path):
    """A surplus to pay back and a contribution shortfall: the shortfall is not asked to be paid
    into the account (it would only add to the surplus asked back), and 'What to do' does not say
    there is nothing to do. With a shortfall alone it is asked for; with neither, nothing is."""
    def summary(*kinds):
        folder = tmp_path / "-".join(kinds or ("calm",))
        folder.mkdir()
        account = Account.base()
        for kind in kinds:
            plant(account, kind)
        return summary_markdown(audit_files(account.write_plan(folder / "plan.yaml"), [write(account, "paid", folder)], CONTENT))

    both = summary("surplus", "contribution_shortfall")
    assert "We will ask you to pay this back" in both and "Please pay this into the account" not in both
    assert "less than your share" in both and "You do not need to do anything" not in both
    alone = summary("contribution_shortfall")
    assert "Please pay this into the account" in alone and "You do not need to do anything" not in alone
    assert "You do not need to do anything" in summary()
