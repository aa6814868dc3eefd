"""The person's summary, the letters, the flags and the command line say the same thing: the same
missing days, one day as one day, one label per flag kind, and what happens to a contribution
paid in short when there is also money to pay back."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from accounts_support import INLINE_PLAN
from guidance.accounts.audit import audit_files
from guidance.accounts.flags import Flag
from guidance.accounts.letters import missing_spans, statements_values
from guidance.accounts.summary import summary_markdown
from guidance.cli import main

CONTENT = Path(__file__).resolve().parents[1] / "content"
HEADER = "Date,Description,Amount,Balance\n"
# a contribution every Monday and the council every 4 weeks, wages every Friday (6 to 27 April)
WEEKS = [
    ("06/04/2026", "NORTHFIELD COUNCIL DP", "1920.00"), ("06/04/2026", "TFR CONTRIBUTION", "35.00"),
    ("10/04/2026", "P SAMPLE WAGES", "-400.00"), ("13/04/2026", "TFR CONTRIBUTION", "35.00"),
    ("17/04/2026", "P SAMPLE WAGES", "-400.00"), ("20/04/2026", "TFR CONTRIBUTION", "35.00"),
    ("24/04/2026", "P SAMPLE WAGES", "-400.00"), ("27/04/2026", "TFR CONTRIBUTION", "35.00"),
]
TO_27_APRIL = INLINE_PLAN.replace("to: 2026-06-28", "to: 2026-04-27")


def _csv(path: Path, rows, opening: str = "3000.00") -> Path:
    """A signed-amount CSV with a running balance on every row, in date order."""
    balance, lines = Decimal(opening), []
    for day, what, amount in rows:
        balance += Decimal(amount)
        lines.append(f"{day},{what},{amount},{balance}\n")
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def _audit(tmp_path: Path, *files: Path, plan: str = TO_27_APRIL):
    plan_path = tmp_path / "plan.yaml"
    plan_path.write_text(plan, encoding="utf-8")
    return audit_files(plan_path, list(files), CONTENT)


def _letter(tmp_path: Path, kind: str, statements: list[Path], data: str, plan: str = TO_27_APRIL) -> tuple[int, str]:
    """Make letter ``kind`` through the command line: its exit code and its text in one line."""
    plan_path, data_path, out = tmp_path / "plan.yaml", tmp_path / "person.yaml", tmp_path / f"{kind}.md"
    plan_path.write_text(plan, encoding="utf-8")
    data_path.write_text(data, encoding="utf-8")
    code = main(["account", "letter", kind, "--plan", str(plan_path), *map(str, statements), "--data", str(data_path),
                 "--out", str(out), "--on", "2026-11-30", "--no-record", "--force"])
    return code, " ".join(out.read_text(encoding="utf-8").split()) if out.exists() else ""


def _one_day_missing(tmp_path: Path):
    """Statements from 7 April for an audit from 6 April, with the council payment due on 6 April:
    6 April alone is missing."""
    return [_csv(tmp_path / "s.csv", [("07/04/2026", "SHOP", "-5.00")] + WEEKS[2:], opening="4955.00")]


def test_one_missing_day_is_that_day_in_the_flag_the_summary_and_the_letter(tmp_path, capsys):
    statements = _one_day_missing(tmp_path)
    audit = _audit(tmp_path, *statements)
    assert missing_spans(audit) == [(dt.date(2026, 4, 6), dt.date(2026, 4, 6))]
    flag = next(f for f in audit.flags if f.kind == "missing_statement")
    assert "covers 2026-04-06 (" in flag.message and "2026-04-06 to 2026-04-06" not in flag.message
    summary = " ".join(summary_markdown(audit).split())
    assert "statements for 6 April 2026." in summary and "6 April 2026 to 6 April 2026" not in summary
    code, text = _letter(tmp_path, "statements", statements, "recipient_name: Mx Example\nreply_by: 2026-12-18\n")
    assert code == 0, capsys.readouterr().err
    assert "for the account for 6 April 2026." in text and "to 6 April 2026" not in text
    assert main(["account", "audit", "--plan", str(tmp_path / "plan.yaml"), *map(str, statements), "--no-record"]) == 0
    out = capsys.readouterr().out
    assert "covers 2026-04-06 (" in out and "2026-04-06 to 2026-04-06" not in out


def test_a_later_single_missing_day_in_the_letter_is_that_day(tmp_path):
    audit = _audit(tmp_path, _csv(tmp_path / "s.csv", WEEKS))
    day = dt.date
    flags = tuple(Flag("missing_statement", a, Decimal("0"), "", missing=(a, b)) for a, b in
                  [(day(2026, 4, 8), day(2026, 4, 9)), (day(2026, 4, 15), day(2026, 4, 15))])
    assert statements_values(replace(audit, flags=flags))["more_periods"] == ["15 April 2026"]


def _jump(tmp_path: Path) -> list[Path]:
    """Two statements for 6 to 27 April whose balance jumps by £50.00 between 13 and 17 April."""
    return [_csv(tmp_path / "a.csv", WEEKS[:4]), _csv(tmp_path / "b.csv", WEEKS[4:], opening="4540.00")]


def test_the_summary_names_the_days_the_statements_letter_asks_for(tmp_path, capsys):
    """A balance jump mid-way, with statements to the end of the audit: the summary names the
    days of the jump (as the letter and the flags do), not the end of the audit."""
    statements = _jump(tmp_path)
    audit = _audit(tmp_path, *statements)
    assert missing_spans(audit) == [(dt.date(2026, 4, 13), dt.date(2026, 4, 17))]
    rec = audit.reconciliation
    assert rec.surplus and rec.surplus_provisional
    summary = " ".join(summary_markdown(audit).split())
    assert "when we have the statements for 13 April 2026 to 17 April 2026." in summary
    assert "Please send us the statements for 13 April 2026 to 17 April 2026." in summary
    assert "up to 27 April 2026" not in summary
    flag = next(f for f in audit.flags if f.kind == "missing_statement")
    assert "from 2026-04-13 to 2026-04-17" in flag.message and "those days" not in flag.message
    code, text = _letter(tmp_path, "statements", statements, "recipient_name: Mx Example\nreply_by: 2026-12-18\n")
    assert code == 0, capsys.readouterr().err
    assert "from 13 April 2026 to 17 April 2026." in text


SURPLUS_DATA = "recipient_name: Mx Example\nrepay_by: 2027-01-15\nquery_by: 2026-12-31\nhow_to_pay: invoice\n"


def _short(tmp_path: Path) -> list[Path]:
    """6 to 27 April with the 13 April contribution (£35.00) not paid in, and a surplus."""
    return [_csv(tmp_path / "s.csv", WEEKS[:3] + WEEKS[4:])]


def test_a_shortfall_with_a_surplus_is_told_by_the_summary_and_the_letter_the_same_way(tmp_path, capsys):
    """The summary says the surplus letter will say what happens to the £35.00 not paid in; the
    letter is not made until the officer says what the council has decided (its choice), and
    then says it: added to the money to pay back, asked for apart, or not asked for."""
    statements = _short(tmp_path)
    rec = _audit(tmp_path, *statements).reconciliation
    assert rec.contribution_shortfall == Decimal("35.00") and rec.surplus > 0 and not rec.surplus_provisional
    summary = " ".join(summary_markdown(_audit(tmp_path, *statements)).split())
    assert "You also paid in £35.00 less than your share. Do not pay this into the account now." in summary
    assert "Our letter about the money to pay back will tell you what happens to it." in summary
    code, _text = _letter(tmp_path, "surplus", statements, SURPLUS_DATA)
    assert code == 1 and ("field 'shortfall_action' is needed when field 'shortfall' is filled in "
                          "(one of: ask separately, add to repayment, not asked)") in capsys.readouterr().err
    for action, says, asked in (("add to repayment", "We have added it to the money to pay back", rec.surplus + 35),
                                ("ask separately", "We will write to you about paying it to us.", rec.surplus),
                                ("not asked", "We will not ask you to pay it.", rec.surplus)):
        code, text = _letter(tmp_path, "surplus", statements, SURPLUS_DATA + f"shortfall_action: {action}\n")
        assert code == 0, capsys.readouterr().err
        assert "You paid in £35.00 less than your share of the cost of your care. Do not pay this into the account." in text
        assert says in text and f"pay back **£{asked:,.2f}**" in text, (action, text)
        assert ("did not pay in: £35.00" in text) == (action == "add to repayment")


def test_a_shortfall_with_no_surplus_is_asked_for_and_a_provisional_one_waits(tmp_path):
    """No surplus: pay the shortfall into the account (no letter is involved). A provisional
    surplus: no surplus letter goes yet, so the summary says we tell them when we look again."""
    plan = TO_27_APRIL.replace('owed: "100.00"', 'owed: "3000.00"')
    summary = " ".join(summary_markdown(_audit(tmp_path, *_short(tmp_path), plan=plan)).split())
    assert "You paid in £35.00 less than your share. Please pay this into the account." in summary
    assert "letter" not in summary
    # the balance jumps between 13 and 17 April, and the 20 April contribution is not paid in
    statements = [_csv(tmp_path / "a.csv", WEEKS[:4]), _csv(tmp_path / "b.csv", [WEEKS[4], *WEEKS[6:]], opening="4540.00")]
    audit = _audit(tmp_path, *statements)
    assert audit.reconciliation.contribution_shortfall and audit.reconciliation.surplus_provisional
    summary = " ".join(summary_markdown(audit).split())
    assert "Do not pay this into the account now. When we look again, we will tell you what happens to it." in summary


def test_a_surplus_letter_on_a_provisional_surplus_says_it_is_not_final_as_the_summary_does(tmp_path, capsys):
    """Made all the same (use_provisional_surplus), the letter says plainly that the sum is not
    final, names the days the statements letter asks for, and says what happens when they come;
    the summary, which asks for nothing back itself, says such a letter would say so."""
    statements = _jump(tmp_path)
    audit = _audit(tmp_path, *statements)
    code, _text = _letter(tmp_path, "surplus", statements, SURPLUS_DATA)
    assert code == 1 and "the surplus is provisional" in capsys.readouterr().err
    code, text = _letter(tmp_path, "surplus", statements, SURPLUS_DATA + "use_provisional_surplus: true\n")
    assert code == 0, capsys.readouterr().err
    assert "**This sum is not final.**" in text and "## Why this sum is not final" in text
    assert "We do not have your statements for: - 13 April 2026 to 17 April 2026 Money may have gone in or out" in text
    assert "we will work out the sum again and write to you" in text
    assert "If you have already paid more than it, we will pay the difference back to you." in text
    summary = " ".join(summary_markdown(audit).split())
    assert "when we have the statements for 13 April 2026 to 17 April 2026." in summary
    assert "our letter will say that the sum is not final and that we will work it out again" in summary
    assert "not asking for any money back now" not in summary


def test_a_final_surplus_letter_never_says_not_final_whatever_the_data_says(tmp_path, capsys):
    """The audit fills in why a surplus is not final, so the officer's data cannot say it of a final
    one: such data is refused, naming the fields (never silently replaced), and without it the
    letter does not say "not final"."""
    statements = [_csv(tmp_path / "s.csv", WEEKS)]
    data = SURPLUS_DATA + "missing_periods: [1 April 2026 to 2 April 2026]\nbalance_unconfirmed: 'yes'\n"
    code, text = _letter(tmp_path, "surplus", statements, data)
    assert code == 1 and not text
    err = capsys.readouterr().err
    data_file = tmp_path / "person.yaml"
    assert f"{data_file}:5: 'missing_periods' in the data: the audit fills this in" in err
    assert f"{data_file}:6: 'balance_unconfirmed' in the data: the audit fills this in" in err
    code, text = _letter(tmp_path, "surplus", statements, SURPLUS_DATA)
    assert code == 0, capsys.readouterr().err
    assert "not final" not in text and "We have now looked at them." in text


def test_a_surplus_letter_with_no_shortfall_says_nothing_of_one(tmp_path, capsys):
    statements = [_csv(tmp_path / "s.csv", WEEKS)]
    code, text = _letter(tmp_path, "surplus", statements, SURPLUS_DATA)
    assert code == 0, capsys.readouterr().err
    assert "your share" not in text
    code, _text = _letter(tmp_path, "surplus", statements, SURPLUS_DATA + "shortfall_action: not asked\n")
    assert code == 1 and "no shortfall" in capsys.readouterr().err


def test_each_flag_kind_has_one_label_on_the_command_line_the_report_and_decisions(tmp_path, capsys):
    """The label declared once (flags.LABELS) is what the audit prints, the report shows and a
    decision's warning names: never another name for the same kind."""
    from guidance.accounts.decisions import IN_SURPLUS, decision_warnings
    from guidance.accounts.flags import LABELS, label_of
    from guidance.accounts.report import report_markdown

    for kind in IN_SURPLUS:
        warning = " ".join(decision_warnings("surplus", "recover", False, [(3, kind, "recover")]))
        assert f"3 ({LABELS[kind]})" in warning and "(money paid in when not due)" not in warning
        assert f"({LABELS['surplus']})" in " ".join(decision_warnings(kind, "recover", False, [(5, "surplus", "recover")]))
    statements = _short(tmp_path)
    audit = _audit(tmp_path, *statements)
    kinds = [f.kind for f in audit.flags]
    assert "contribution_shortfall" in kinds and "surplus" in kinds
    report = report_markdown(audit)
    assert main(["account", "audit", "--plan", str(tmp_path / "plan.yaml"), *map(str, statements), "--no-record"]) == 0
    out = capsys.readouterr().out
    for number, kind in enumerate(kinds, start=1):
        assert f"- **{label_of(kind)}** " in report
        assert f"{number:>3}. {label_of(kind)} " in out


STATEMENTS_DATA = "recipient_name: Mx Example\nreply_by: 2026-12-31\n"


def test_the_data_cannot_add_periods_or_give_a_value_the_audit_fills_named_at_its_line(tmp_path, capsys):
    """The audit asks for every day no statement shows: other periods in the data were added to
    the letter (asking the person for days the statements show) and are refused, as a value the
    audit fills in is, each at the data file's line (never silently replaced)."""
    statements = _one_day_missing(tmp_path)
    data = tmp_path / "person.yaml"
    for extra in ('more_periods: ["1 July 2026 to 7 July 2026"]\n', "period_from: 2026-01-01\n"):
        code, text = _letter(tmp_path, "statements", statements, STATEMENTS_DATA + extra)
        err = capsys.readouterr().err
        name = extra.split(":")[0]
        assert code == 1 and text == "" and f"{data}:3: '{name}' in the data: the audit fills this in" in err, err
