"""Days no statement shows at the edges and in the middle of an audit, overlaps, money paid in
when not due, and what the officer and the person are told about them. Synthetic accounts only
(``accounts_support``)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import threading
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from records_support import database, database_url  # noqa: F401  (fixtures)

from accounts_support import END, START, Account, plant, write
from guidance.accounts.audit import audit_files, audit_json
from guidance.accounts.decisions import decision_warnings
from guidance.accounts.letters import NothingToAsk, ProvisionalSurplus, missing_spans, statements_values, surplus_values
from guidance.accounts.money import money_text
from guidance.accounts.summary import summary_markdown

CONTENT = Path(__file__).resolve().parents[1] / "content"
D = Decimal
ONE = dt.timedelta(days=1)


def _shown_between(account: Account, first: dt.date, last: dt.date) -> Account:
    """The account as a statement of the rows from ``first`` to ``last`` shows it: the other rows
    still move the balance, but no statement lists them."""
    rows = [replace(r, hidden=r.hidden or not first <= r.date <= last) for r in account.rows]
    return Account(account.plan, rows, account.opening)


def _files(account: Account, spans, folder: Path, style: str = "signed") -> list[Path]:
    """One statement file of ``style`` for each (first, last) span of days."""
    parts = [_shown_between(account, a, b) for a, b in spans]
    return [write(part, style, folder, f"part{n}") for n, part in enumerate(parts) if part.shown()]


def _audit(account: Account, files: list[Path], folder: Path, **plan):
    return audit_files(account.write_plan(folder / "plan.yaml", **plan), files, CONTENT)


def _asks(audit) -> list[tuple[dt.date, dt.date]]:
    """The spans of days the statements letter asks for ([] when it is refused)."""
    try:
        values = statements_values(audit)
    except NothingToAsk:
        return []
    assert values["period_from"] == missing_spans(audit)[0][0].isoformat()
    return missing_spans(audit)


def _due_days(audit) -> list[dt.date]:
    rec = audit.reconciliation
    return [m.due.date for m in rec.council + rec.contribution if m.due.amount > 0]


# ---- 1. days no statement shows: one rule everywhere -----------------------------------------

def test_statements_stopping_three_days_early_with_payments_due_are_asked_for(tmp_path):
    """Rows to 26 June for an audit to 29 June with a council payment and a contribution due on
    29 June: 27 to 29 June is a missing statement, the statements letter asks for it, and the
    surplus letter is refused pointing to the statements letter (the officer is never stuck)."""
    account = Account.base()
    plant(account, "surplus")
    end = dt.date(2026, 6, 29)
    files = _files(account, [(START, dt.date(2026, 6, 26))], tmp_path)
    audit = _audit(account, files, tmp_path, period={"from": START.isoformat(), "to": end.isoformat()})
    rec = audit.reconciliation
    assert end in _due_days(audit) and rec.surplus > 0
    assert [f.missing for f in audit.flags if f.kind == "missing_statement"] == [(dt.date(2026, 6, 27), end)]
    assert _asks(audit) == [(dt.date(2026, 6, 27), end)]
    assert rec.surplus_provisional
    with pytest.raises(ProvisionalSurplus, match="Ask for the statements first"):
        surplus_values(audit)


def test_statements_starting_a_day_late_with_payments_due_are_asked_for(tmp_path):
    """Rows from 7 April for an audit from 6 April, with the council payment due on 6 April: a
    missing statement for 6 April, asked for, and the surplus is provisional, not final."""
    account = Account.base()
    plant(account, "surplus")
    files = _files(account, [(START + ONE, END)], tmp_path)
    audit = _audit(account, files, tmp_path)
    rec = audit.reconciliation
    assert START in _due_days(audit)
    assert [f.missing for f in audit.flags if f.kind == "missing_statement"] == [(START, START)]
    assert _asks(audit) == [(START, START)]
    assert rec.surplus > 0 and rec.surplus_provisional
    (surplus,) = [f for f in audit.flags if f.kind == "surplus"]
    assert "PROVISIONAL" in surplus.message and "ask for the missing statements" in surplus.message


def _random_spans(rng: random.Random) -> list[tuple[dt.date, dt.date]]:
    """One to three statements over the audit, each start and end moved a few days, sometimes
    with a gap between two of them."""
    first = START + dt.timedelta(days=rng.choice([0, 0, 1, 2, 3, 5]))
    last = END - dt.timedelta(days=rng.choice([0, 0, 1, 2, 3, 6]))
    cuts = sorted(rng.sample(range(20, 160), rng.randrange(0, 3)))
    spans, since = [], first
    for cut in cuts:
        day = START + dt.timedelta(days=cut)
        gap = rng.choice([0, 0, 2, 9])
        spans.append((since, day))
        since = day + dt.timedelta(days=1 + gap)
    spans.append((since, last))
    return spans


@pytest.mark.parametrize("seed", range(60))
def test_provisional_if_and_only_if_the_statements_letter_asks_if_and_only_if_flagged(tmp_path, seed):
    """Over many generated accounts and cuts of their statements: the surplus is provisional
    exactly when the statements letter asks for days, exactly when there is a missing_statement
    flag; every payment due on a day no statement shows, and the days after the last row (when
    a payment is due on them or there are more than 3), are asked for; and opening + money in - money out + not on any statement = closing (JSON)."""
    rng = random.Random(seed)
    account = Account.base(opening=D(rng.choice(["1000.00", "9000.00"])))
    if rng.random() < 0.3:
        account.add(START + dt.timedelta(days=rng.randrange(10, 170)), "HIDDEN SHOP", "-75.00", hidden=True)
    spans = _random_spans(rng)
    audit = _audit(account, _files(account, spans, tmp_path, rng.choice(["signed", "paid", "money"])), tmp_path)
    rec = audit.reconciliation
    assert rec.last_shown is None  # these statements print every balance right
    flagged = [f.missing for f in audit.flags if f.kind == "missing_statement"]
    asked = _asks(audit)
    assert bool(rec.surplus_provisional) == bool(asked) == bool(flagged), (spans, rec.surplus_provisional, asked, flagged)

    def in_asked(day):
        return any(a <= day <= b for a, b in asked)

    shown = {r.date for r, _ in account.shown() if any(a <= r.date <= b for a, b in spans)}
    last_row = max(shown)
    after = list(_days(last_row + ONE, END))
    if len(after) > 3 or any(day in after for day in _due_days(audit)):
        assert all(in_asked(day) for day in after), (spans, asked)
    else:  # a few quiet days at the end with nothing due: not asked for, as at the start
        assert not any(in_asked(day) for day in after), (spans, asked)
    covered = set()
    for a, b in spans:
        rows = [d for d in shown if a <= d <= b]
        covered |= set(_days(min(rows), max(rows))) if rows else set()
    quiet = rec.quiet  # days with no rows over which the balance is seen to carry on: no money moved
    for day in _due_days(audit):
        assert day in covered or in_asked(day) or any(a <= day <= b for a, b in quiet), (day, spans, asked)
    data = audit_json(audit)
    total_in, total_out = (sum(map(D, data[k].values()), D("0")) for k in ("money_in", "money_out"))
    assert D(data["opening_balance"]) + total_in - total_out + D(data["not_on_any_statement"]) == D(data["closing_balance"])


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def test_not_on_any_statement_is_a_figure_in_the_json(tmp_path):
    account = Account.base()
    plant(account, "missing_statement")  # £200 spent on a day no statement shows
    data = audit_json(_audit(account, [write(account, "signed", tmp_path)], tmp_path))
    assert data["not_on_any_statement"] == "-200.00"


# ---- 2. the person is never asked to pay money into an account holding too much --------------

@pytest.mark.parametrize("final", [True, False])
def test_a_shortfall_beside_a_surplus_never_asks_to_pay_into_the_account(tmp_path, final):
    account = Account.base()
    plant(account, "surplus")
    plant(account, "contribution_shortfall")
    last = END if final else dt.date(2026, 9, 30)
    audit = _audit(account, _files(account, [(START, last)], tmp_path), tmp_path)
    rec = audit.reconciliation
    assert rec.surplus > 0 and rec.contribution_shortfall > 0 and bool(rec.surplus_provisional) is not final
    text = summary_markdown(audit)
    assert "Please pay this into the account" not in text and "less than your share" in text
    assert "Do not pay this into the account now" in text


# ---- 3. overlaps: a balance that differs is a new payment ------------------------------------

def test_a_row_like_the_last_of_the_earlier_file_but_with_a_new_balance_is_a_new_payment(tmp_path):
    """The payroll fee paid twice on 15 June: the first file ends with one, the next starts with
    the other (same day, payee and amount, a balance £12 lower). Both count; a real repeat of a
    row, balance and all, is still counted once."""
    account = Account.base()
    account.add(dt.date(2026, 6, 15), "CAREPAY PAYROLL LTD", "-12.00")
    fees = [n for n, (r, _) in enumerate(account.shown()) if r.date == dt.date(2026, 6, 15)]
    assert len(fees) == 2
    early = Account(account.plan, [replace(r, hidden=r.hidden or r.date > dt.date(2026, 6, 15) or n == fees[1])
                                   for n, r in enumerate(account.rows)], account.opening)
    late = Account(account.plan, [replace(r, hidden=r.hidden or r.date < dt.date(2026, 6, 15) or n == fees[0])
                                  for n, r in enumerate(account.rows)], account.opening)
    files = [write(early, "signed", tmp_path, "early"), write(late, "signed", tmp_path, "late")]
    audit = _audit(account, files, tmp_path)
    assert audit.ledger.overlaps == 0
    assert audit.reconciliation.money_out["payroll_service"] == D("84.00")  # 6 months of £12 and the second fee
    assert "missing_statement" not in {f.kind for f in audit.flags}
    assert "duplicate" in {f.kind for f in audit.flags}  # the same payee and amount on one day: asked about
    repeated = [write(_shown_between(account, START, dt.date(2026, 6, 20)), "signed", tmp_path, "a"),
                write(_shown_between(account, dt.date(2026, 6, 15), END), "signed", tmp_path, "b")]
    again = _audit(account, repeated, tmp_path)
    assert again.ledger.overlaps > 0 and again.reconciliation.money_out["payroll_service"] == D("84.00")


# ---- 4. money paid in when not due is already in the surplus --------------------------------

def test_money_paid_in_when_not_due_says_it_is_already_in_the_surplus(tmp_path):
    account = Account.base()
    plant(account, "surplus")
    plant(account, "payment_during_suspension")
    plant(account, "council_overpayment")
    account.add(dt.date(2026, 7, 7), "MR P CLIENT CONTRIB", "35.00")  # a contribution paid during the suspension
    audit = _audit(account, [write(account, "signed", tmp_path)], tmp_path)
    rec = audit.reconciliation
    assert rec.surplus > 0 and not rec.surplus_provisional
    for kind in ("payment_during_suspension", "council_overpayment"):
        (flag,) = [f for f in audit.flags if f.kind == kind]
        assert "already counted in the closing balance and so in the surplus" in flag.message
        assert f"do not recover both this and the surplus, or {money_text(flag.amount)} is recovered twice" in flag.message
    assert rec.contribution_overpaid == D("35.00") and audit_json(audit)["contribution_overpaid"] == "35.00"
    (note,) = [n for n in audit.notes if n.startswith("contributions paid in are")]
    assert "£35.00 more than was due" in note and "council's policy" in note and "already counted" in note


def test_recovering_a_surplus_and_money_inside_it_warns_of_double_recovery():
    others = [(1, "payment_during_suspension", "recover"), (2, "cash", None)]
    (warning,) = decision_warnings("surplus", "recover", False, others)
    assert "flag 1" in warning and "twice" in warning
    (warning,) = decision_warnings("council_overpayment", "recover", False, [(3, "surplus", "recover")])
    assert "flag 3" in warning and "twice" in warning
    assert decision_warnings("council_overpayment", "recover", False, [(3, "surplus", "query")]) == []
    assert decision_warnings("surplus", "explained", True, others) == []


# ---- 5. recovering a provisional surplus ----------------------------------------------------

def test_recovering_a_provisional_surplus_warns():
    (warning,) = decision_warnings("surplus", "recover", True, [])
    assert "PROVISIONAL" in warning and "before asking for any money back" in warning
    assert decision_warnings("surplus", "recover", False, []) == []


def test_decide_prints_the_warnings_and_still_records(tmp_path, capsys, database_url):
    import json

    from guidance.cli import main

    account = Account.base()
    plant(account, "surplus")
    plant(account, "payment_during_suspension")
    files = _files(account, [(START, dt.date(2026, 9, 30))], tmp_path)  # stops early: provisional
    plan = account.write_plan(tmp_path / "plan.yaml")
    assert main(["account", "audit", "--plan", str(plan), *map(str, files)]) == 0
    capsys.readouterr()
    assert main(["account", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    audit_id = listed[0]["id"]
    assert main(["account", "show", audit_id, "--json"]) == 0
    flags = json.loads(capsys.readouterr().out)["flags"]
    kinds = {f["kind"]: f["seq"] for f in flags}
    assert main(["account", "decide", audit_id, str(kinds["surplus"]), "recover"]) == 0
    err = capsys.readouterr().err
    assert "PROVISIONAL" in err and "recorded all the same" in err
    assert main(["account", "decide", audit_id, str(kinds["payment_during_suspension"]), "recover"]) == 0
    assert "twice" in capsys.readouterr().err
    assert main(["account", "show", audit_id, "--json"]) == 0
    decided = {f["kind"]: f["decision"] for f in json.loads(capsys.readouterr().out)["flags"]}
    assert decided["surplus"] == decided["payment_during_suspension"] == "recover"


# ---- 7. smaller -----------------------------------------------------------------------------

def test_a_letter_named_with_an_unknown_ending_is_refused(tmp_path, capsys):
    from guidance.cli import main

    account = Account.base()
    plant(account, "missing_statement")
    plan = account.write_plan(tmp_path / "plan.yaml")
    statement = write(account, "signed", tmp_path)
    data = tmp_path / "d.yaml"
    data.write_text("recipient_name: Mx Sample\n", encoding="utf-8")
    out = tmp_path / "st.weird"
    with pytest.raises(SystemExit) as stopped:
        main(["account", "letter", "statements", "--plan", str(plan), str(statement), "--data", str(data),
              "--out", str(out), "--no-record"])
    assert stopped.value.code == 2
    assert not out.exists() and "st.weird" in capsys.readouterr().err


def test_a_batch_error_row_names_the_plans_reference(tmp_path):
    from guidance.accounts.batch import audit_batch, summary_csv
    from guidance.accounts.rules import Rules

    account = Account.base(reference="DP-000123")
    (tmp_path / "acct").mkdir()
    (tmp_path / "acct" / "s.csv").write_text("", encoding="utf-8")  # an empty statement: the audit fails
    plan = account.write_plan(tmp_path / "plan.yaml")
    plans = tmp_path / "plans.csv"
    plans.write_text(f"folder,plan\nacct,{plan}\n", encoding="utf-8")
    rows = audit_batch(tmp_path, plans, Rules([]))
    header, found = list(csv.reader(io.StringIO(summary_csv(rows))))
    cell = dict(zip(header, found))
    assert (cell["reference"], cell["status"]) == ("DP-000123", "error")
    assert "the file is empty" in cell["error"]


def test_an_empty_statement_says_it_is_empty(tmp_path):
    from guidance.accounts.statements import StatementError, read_statements

    empty = tmp_path / "s.csv"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(StatementError, match="the file is empty") as caught:
        read_statements([empty])
    assert "no header row" not in str(caught.value)


def test_two_identical_audits_recorded_at_once_are_kept_once(tmp_path, database):
    from guidance.records.accounts import AccountAuditStore, statement_digests

    account = Account.base()
    statement = write(account, "signed", tmp_path)
    audit = audit_files(account.write_plan(tmp_path / "plan.yaml"), [statement], CONTENT)
    digests = statement_digests([statement])
    store = AccountAuditStore(database)
    results, barrier = [], threading.Barrier(4)

    def record():
        barrier.wait()
        results.append(store.record(audit, digests, "r1"))

    threads = [threading.Thread(target=record) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({audit_id for audit_id, _new in results}) == 1 and sum(new for _id, new in results) == 1
    assert len(store.list()) == 1


def test_flag_wording_says_where_a_figure_comes_from_and_a_provisional_surplus_was_worked_out(tmp_path, capsys):
    from guidance.cli import main

    account = Account.base()
    plant(account, "surplus")
    account.rows = [r for r in account.rows if not r.description.startswith("MR P CLIENT")]  # no contribution paid in
    files = _files(account, [(START, dt.date(2026, 9, 30))], tmp_path)
    plan = account.write_plan(tmp_path / "plan.yaml")
    assert main(["account", "audit", "--plan", str(plan), *map(str, files), "--no-record"]) == 0
    out = capsys.readouterr().out
    surplus = next(line for line in out.splitlines() if " surplus " in line and "more than is owed" in line)
    assert "not worked out" not in surplus and "PROVISIONAL, worked out from that balance but not final" in surplus
    assert "(-)" not in out


def test_the_batch_bar_shows_before_the_first_account_and_after_each(tmp_path):
    from guidance.accounts.batch import audit_batch
    from guidance.accounts.rules import Rules

    lines = ["folder,plan"]
    for n in (1, 2):
        account = Account.base(reference=f"DP-00012{n}")
        (tmp_path / f"acct{n}").mkdir()
        (tmp_path / f"acct{n}" / "s.csv").write_text("", encoding="utf-8")
        lines.append(f"acct{n},{account.write_plan(tmp_path / f'plan{n}.yaml')}")
    plans = tmp_path / "plans.csv"
    plans.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen = []
    audit_batch(tmp_path, plans, Rules([]), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 2), (1, 2), (2, 2)]
