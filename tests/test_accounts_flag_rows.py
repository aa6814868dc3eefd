"""The statement row a flag names is the row the flag is about: a flag about money not seen names
no row (it says the day the money was due), and a flag that mentions another row names its file
and line. Synthetic statements only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from accounts_support import INLINE_PLAN
from guidance.accounts.audit import audit_files
from guidance.accounts.report import report_markdown

CONTENT = Path(__file__).resolve().parents[1] / "content"
HEADER = "Date,Description,Amount,Balance\n"
APRIL = [("06/04/2026", "NORTHFIELD COUNCIL DP", "1920.00"), ("06/04/2026", "TFR CONTRIBUTION", "35.00"),
         ("10/04/2026", "P SAMPLE WAGES", "-400.00"), ("13/04/2026", "TFR CONTRIBUTION", "35.00"),
         ("17/04/2026", "P SAMPLE WAGES", "-400.00"), ("20/04/2026", "TFR CONTRIBUTION", "35.00"),
         ("24/04/2026", "P SAMPLE WAGES", "-400.00")]  # no contribution on Monday 27 April


def _write(path: Path, rows, opening: Decimal) -> Decimal:
    balance = opening
    lines = []
    for day, what, amount in rows:
        balance += Decimal(amount)
        lines.append(f"{day},{what},{amount},{balance}\n")
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return balance


def _audit(tmp_path: Path, *parts, period_end: str = "2026-04-28"):
    plan = tmp_path / "plan.yaml"
    plan.write_text(INLINE_PLAN.replace("to: 2026-06-28", f"to: {period_end}"), encoding="utf-8")
    files, balance = [], Decimal("3000.00")
    for n, rows in enumerate(parts):
        path = tmp_path / f"s{n + 1}.csv"
        balance = _write(path, rows, balance)
        files.append(path)
    return audit_files(plan, files, CONTENT)


def test_a_contribution_shortfall_names_no_row_but_the_day_it_was_due(tmp_path):
    audit = _audit(tmp_path, APRIL + [("28/04/2026", "CARD SHOP", "-1.00")])
    (flag,) = [f for f in audit.flags if f.kind == "contribution_shortfall"]
    assert (flag.file, flag.line, flag.date) == (None, None, dt.date(2026, 4, 27))
    assert "no payment seen: due 2026-04-27" in flag.source
    assert "(no payment seen: due 2026-04-27" in report_markdown(audit)


def test_a_missing_council_payment_names_no_row(tmp_path):
    rows = [r for r in APRIL if "COUNCIL" not in r[1]] + [("27/04/2026", "TFR CONTRIBUTION", "35.00"), ("28/04/2026", "CARD SHOP", "-1.00")]
    audit = _audit(tmp_path, rows)
    (flag,) = [f for f in audit.flags if f.kind == "council_payment_missing"]
    assert (flag.file, flag.line) == (None, None) and "no payment seen: due 2026-04-06" in flag.source


def test_days_no_statement_covers_name_no_row(tmp_path):
    audit = _audit(tmp_path, APRIL[:3], period_end="2026-04-28")
    flags = [f for f in audit.flags if f.kind == "missing_statement" and f.missing]
    assert flags and all((f.file, f.line) == (None, None) for f in flags)


def test_a_duplicate_in_another_file_names_that_file(tmp_path):
    first = APRIL[:6] + [("21/04/2026", "PAYROLL BUREAU", "-15.00")]
    second = [("22/04/2026", "PAYROLL BUREAU", "-15.00"), ("24/04/2026", "P SAMPLE WAGES", "-400.00"),
              ("27/04/2026", "TFR CONTRIBUTION", "35.00")]
    audit = _audit(tmp_path, first, second)
    (flag,) = [f for f in audit.flags if f.kind == "duplicate"]
    assert (Path(flag.file).name, flag.line) == ("s2.csv", 2)
    assert "(s1.csv:8)" in flag.message


def _plain(path: Path, rows) -> Path:
    """A statement with no balance column."""
    path.write_text("Date,Description,Amount\n" + "".join(f"{d},{w},{a}\n" for d, w, a in rows), encoding="utf-8")
    return path


def test_rows_merged_as_overlaps_without_balances_are_told_to_the_officer(tmp_path):
    """With no balances, a row at the start of the next file like the last row of the one before
    is taken as the same row, but nothing proves it: the notes (and so the report) name each such
    row by file and line, with the total, so the officer can check them; with balances that agree
    nothing is said."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(INLINE_PLAN.replace("to: 2026-06-28", "to: 2026-04-20") + 'opening_balance: "3000.00"\n', encoding="utf-8")
    first = _plain(tmp_path / "a.csv", APRIL[:5])
    second = _plain(tmp_path / "b.csv", [APRIL[4], ("17/04/2026", "PAYROLL BUREAU", "-15.00"), APRIL[5]])
    audit = audit_files(plan, [first, second], CONTENT)
    assert audit.ledger.overlaps == 1 and [t.line for t in audit.ledger.unproved_overlaps] == [2]
    (note,) = [n for n in audit.notes if "no balance shown to prove" in n]
    assert "b.csv:2 (2026-04-17, -£400.00)" in note and "check it on the statements" in note
    assert note in report_markdown(audit)
    _write(tmp_path / "c.csv", APRIL[:5], Decimal("3000.00"))  # ends on the 17 April wages, balance £4,190.00
    (tmp_path / "d.csv").write_text(HEADER + "17/04/2026,P SAMPLE WAGES,-400.00,4190.00\n20/04/2026,TFR CONTRIBUTION,35.00,4225.00\n",
                                    encoding="utf-8")
    proved = audit_files(plan, [tmp_path / "c.csv", tmp_path / "d.csv"], CONTENT)
    assert proved.ledger.overlaps == 1 and proved.ledger.unproved_overlaps == ()
    assert not any("no balance shown to prove" in n for n in proved.notes)
