"""What the account commands say in words: counts that agree with their nouns ("1 row", never
"1 rows" or "row(s)"). Synthetic statements only."""

from __future__ import annotations

import re
from pathlib import Path

from accounts_support import INLINE_PLAN
from guidance.words import counted
from guidance.cli import main

HEADER = "Date,Description,Amount,Balance\n"
# a wrong plural after a count of one, or a noun left to agree with any count
BAD_COUNT = re.compile(r"\b1 (rows|days|files|statement files|lines|weeks|accounts|flags)\b|\w\(s\)")


def _plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(INLINE_PLAN.replace("to: 2026-06-28", "to: 2026-04-28"), encoding="utf-8")
    return path


def test_counted_agrees_with_its_count():
    assert [counted(n, "row") for n in (0, 1, 2)] == ["0 rows", "1 row", "2 rows"]
    assert counted(1, "day of suspension", "days of suspension") == "1 day of suspension"


def test_one_statement_and_one_row_shown_twice_are_said_in_the_singular(capsys, tmp_path):
    """Two statements sharing one row (the 20 April contribution): '1 row shown twice', in the
    audit's lines and its report, never '1 rows'; one statement file is '1 statement file'."""
    first = tmp_path / "a.csv"
    first.write_text(HEADER + "06/04/2026,NORTHFIELD COUNCIL DP,1920.00,4920.00\n10/04/2026,P SAMPLE WAGES,-400.00,4520.00\n"
                     "20/04/2026,TFR CONTRIBUTION,35.00,4555.00\n", encoding="utf-8")
    second = tmp_path / "b.csv"
    second.write_text(HEADER + "20/04/2026,TFR CONTRIBUTION,35.00,4555.00\n24/04/2026,P SAMPLE WAGES,-400.00,4155.00\n",
                      encoding="utf-8")
    report = tmp_path / "r.md"
    assert main(["account", "audit", "--no-record", "--plan", str(_plan(tmp_path)), str(first), str(second),
                 "--report", str(report)]) == 0
    out = capsys.readouterr().out
    assert "2 statement files, 4 rows in the audit period; 1 row shown twice counted once" in out, out
    assert not BAD_COUNT.search(out), BAD_COUNT.search(out)
    text = report.read_text(encoding="utf-8")
    assert "(1 row shown twice was counted once)" in text and not BAD_COUNT.search(text)
    assert main(["account", "audit", "--no-record", "--plan", str(_plan(tmp_path)), str(first)]) == 0
    out = capsys.readouterr().out
    assert "1 statement file, 3 rows in the audit period" in out and not BAD_COUNT.search(out), out


# ---- the person's summary: its sentences never contradict each other ----------------------

import datetime as dt  # noqa: E402
import itertools  # noqa: E402
from dataclasses import replace  # noqa: E402
from decimal import Decimal  # noqa: E402

import pytest  # noqa: E402

from accounts_support import Account, plant, write  # noqa: E402
from guidance.accounts.audit import audit_files  # noqa: E402
from guidance.accounts.flags import Flag  # noqa: E402
from guidance.accounts.reconcile import BalanceMisprint, Matched  # noqa: E402
from guidance.accounts.schedule import Due  # noqa: E402
from guidance.accounts.summary import check_summary, summary_markdown  # noqa: E402

CONTENT = Path(__file__).resolve().parents[1] / "content"
STATEMENTS = ("none", "missing")
SURPLUSES = ("none", "final", "statements stop", "statements stop, days not asked for", "last balance unsure")
ASKS = list(itertools.product(STATEMENTS, SURPLUSES, (False, True), (False, True), (False, True)))


@pytest.fixture(scope="module")
def with_surplus(tmp_path_factory):
    """A real audit with a final surplus, whose figures and flags each case then changes."""
    folder = tmp_path_factory.mktemp("summary")
    account = Account.base()
    plant(account, "surplus")
    return audit_files(account.write_plan(folder / "plan.yaml"), [write(account, "paid", folder)], CONTENT)


def _case(audit, statements: str, surplus: str, shortfall: bool, misprint: bool, cash: bool):
    """``audit`` changed to ask for what the case asks: statements missing in the middle, a surplus
    (none, final or provisional for each reason), a contribution shortfall, a misprinted balance
    and one more thing to ask about (cash)."""
    rec = audit.reconciliation
    last_row = rec.entries[-1].tx
    flags, changes = [], {"uncovered": (), "last_shown": None, "surplus": rec.surplus, "closing_date": rec.end,
                          "contribution_shortfall": Decimal("50.00") if shortfall else Decimal("0.00")}

    def flag(kind, day=rec.start):
        flags.append(Flag(kind, day, Decimal("1.00"), kind))

    if statements == "missing":
        changes["uncovered"] += ((dt.date(2026, 5, 1), dt.date(2026, 5, 20)),)
        flag("missing_statement")
    if surplus == "none":
        changes["surplus"] = Decimal("0.00")
    elif surplus == "statements stop":
        changes["uncovered"] += ((dt.date(2026, 9, 1), rec.end),)
        changes["closing_date"] = dt.date(2026, 8, 31)
        flag("missing_statement", dt.date(2026, 9, 1))
    elif surplus == "statements stop, days not asked for":
        changes["closing_date"] = rec.end - dt.timedelta(days=2)
        due = Due("contribution", rec.end - dt.timedelta(days=1), Decimal("35.00"), Decimal("35.00"), 7, 0, None)
        changes["contribution"] = rec.contribution + (Matched(due, None),)
    elif surplus == "last balance unsure":
        changes["last_shown"] = BalanceMisprint(last_row, Decimal("10.00"), Decimal("100.00"), at="last")
        flag("balance_misprint", last_row.date)
    if misprint and surplus != "last balance unsure":
        flag("balance_misprint")
    if cash:
        flag("cash")
    changed = replace(rec, **changes)
    if changed.surplus:
        flag("surplus", changed.closing_date)
    # any missing statement makes the surplus provisional, as a later one does
    assert bool(changed.surplus_provisional) == (surplus not in ("none", "final") or statements == "missing") or surplus == "none"
    return replace(audit, reconciliation=changed, flags=tuple(flags))


def _contradictions(text: str) -> list[str]:
    """Pairs of things the summary says that cannot both be true."""
    found = []
    nothing_to_do = "do not need to do anything" in text
    asked = [s for s in ("Please", "We need to ask you", "pay this back", "Please do what we ask") if s in text]
    if nothing_to_do and asked:
        found.append(f"says nothing needs doing, and asks: {asked}")
    if "Thank you for keeping good records" in text and ("missing" in text or asked):  # a bank's misprint is not theirs
        found.append("thanks for good records beside something missing or asked")
    if "not asking for any money back" in text and "pay this back" in text:
        found.append("asks for no money back, and asks to pay back")
    if "statements are missing" in text and "Please send them to us" not in text:
        found.append("says statements are missing without asking for them")
    if "statements stop before" in text and "Please send us your next statement" not in text:
        found.append("waits for statements without asking for them")
    if "We will ask you to pay this back" in text and "cannot yet tell" in text:
        found.append("asks for a surplus back that it cannot yet tell")
    return found


@pytest.mark.parametrize("statements, surplus, shortfall, misprint, cash", ASKS)
def test_the_persons_summary_never_contradicts_itself(with_surplus, statements, surplus, shortfall, misprint, cash):
    """Every combination of what the summary asks (statements, a shortfall, a surplus final or
    not, a misprint, another question): no two of its sentences contradict each other."""
    text = summary_markdown(_case(with_surplus, statements, surplus, shortfall, misprint, cash))
    assert _contradictions(text) == [], text


def test_the_summary_with_a_misprint_and_something_to_do_is_plain_and_never_says_nothing_is_needed(with_surplus):
    text = summary_markdown(_case(with_surplus, "missing", "final", True, True, True))
    assert "One balance printed on your statement was wrong" in text and "do not need to do anything" not in text
    assert check_summary(text, CONTENT).items == []
    text = summary_markdown(_case(with_surplus, "none", "statements stop, days not asked for", False, False, False))
    assert "Please send us your next statement" in text and check_summary(text, CONTENT).items == []


def test_the_contradiction_check_can_fail():
    assert _contradictions("Please send us receipts. You do not need to do anything about it.")
    assert _contradictions("Some statements are missing. You do not need to do anything.")
