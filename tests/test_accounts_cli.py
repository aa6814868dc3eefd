"""``guidance account``: audit, reports, letters, records (SQLite and PostgreSQL) and batches."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import stat
import zipfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from records_support import database, database_url  # noqa: F401  (fixtures)

from accounts_support import INLINE_PLAN, Account, plant, write
from guidance.accounts.audit import DETAILS, FIGURES, audit_files
from guidance.accounts.report import write_report
from guidance.accounts.summary import check_summary, summary_markdown
from guidance.cli import main

REPO = Path(__file__).resolve().parents[1]


def _files(tmp_path, *kinds, style="paid"):
    tmp_path.mkdir(parents=True, exist_ok=True)
    account = Account.base()
    for kind in kinds:
        plant(account, kind)
    return account, account.write_plan(tmp_path / "plan.yaml", opening_balance=str(account.opening)), write(account, style, tmp_path)


def _json(capsys, *argv):
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_audit_json_has_the_issue_keys(capsys, tmp_path):
    _account, plan, statement = _files(tmp_path, "cash", "surplus")
    data = _json(capsys, "account", "audit", "--plan", str(plan), str(statement), "--json", "--no-record")
    assert list(data) == [*FIGURES, *DETAILS, "flags"]
    for name in FIGURES:
        values = data[name].values() if isinstance(data[name], dict) else [data[name]]
        assert all(isinstance(v, str) and Decimal(v) == Decimal(v).quantize(Decimal("0.01")) for v in values)
    assert [f["kind"] for f in data["flags"]] == ["cash", "surplus"]
    assert data["flags"][0]["line"] > 0 and data["flags"][0]["file"] == str(statement)


def test_bad_statement_is_a_clear_error_and_nothing_written(capsys, tmp_path):
    _account, plan, statement = _files(tmp_path)
    text = statement.read_text(encoding="utf-8").splitlines()
    text[10] = text[10].replace("/2026", "/20x6")
    statement.write_text("\n".join(text) + "\n", encoding="utf-8")
    report = tmp_path / "report.html"
    assert main(["account", "audit", "--plan", str(plan), str(statement), "--report", str(report)]) == 1
    err = capsys.readouterr().err
    assert f"{statement}:11:" in err and "is not a date" in err and "Traceback" not in err
    assert not report.exists()


def test_bad_plan_names_line(capsys, tmp_path):
    _account, plan, statement = _files(tmp_path)
    plan.write_text(plan.read_text(encoding="utf-8").replace("every: 4 weeks", "every: fortnightly"), encoding="utf-8")
    assert main(["account", "audit", "--plan", str(plan), str(statement), "--no-record"]) == 1
    assert f"{plan}:" in capsys.readouterr().err


def test_columns_option(capsys, tmp_path):
    _account, plan, _statement = _files(tmp_path)
    odd = tmp_path / "odd.csv"
    odd.write_text("When,What,Value,Left\n2026-04-06,NORTHFIELD COUNCIL DP,1920.00,2920.00\n", encoding="utf-8")
    assert main(["account", "audit", "--plan", str(plan), str(odd), "--no-record"]) == 1
    assert "--columns" in capsys.readouterr().err
    data = _json(capsys, "account", "audit", "--plan", str(plan), str(odd), "--json", "--no-record",
                 "--columns", "date=When,description=What,amount=Value,balance=Left")
    assert data["council_received"] == "1920.00"
    with pytest.raises(SystemExit) as usage:
        main(["account", "audit", "--plan", str(plan), str(odd), "--columns", "colour=x"])
    assert usage.value.code == 2 and "unknown field 'colour'" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", ["md", "html", "docx"])
def test_report_formats(capsys, tmp_path, suffix):
    _account, plan, statement = _files(tmp_path, "household_payment", "surplus")
    report = tmp_path / f"report.{suffix}"
    assert main(["account", "audit", "--plan", str(plan), str(statement), "--report", str(report), "--no-record"]) == 0
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    if suffix == "docx":
        with zipfile.ZipFile(report) as z:
            names = z.namelist()
            body = z.read("word/document.xml").decode("utf-8")
        assert any(n.startswith("word/media/") and n.endswith(".png") for n in names)
    else:
        body = report.read_text(encoding="utf-8")
    assert "Household member" in body and "Safeguarding" in body and "Financial abuse and direct payments" in body
    assert "financial-abuse" not in body and "page:" not in body  # pages by title, never by id
    assert "What we are asking back" in body
    if suffix == "html":
        assert "<svg" in body and "<title id=\"chart-title\">" in body


@pytest.mark.parametrize("kinds", [(), ("surplus", "cash"), ("contribution_shortfall", "missing_statement", "unexplained", "wages_gap"),
                                   ("household_payment", "large_transfer", "excluded_spending", "duplicate", "no_tax_payment")])
def test_person_summary_is_plain(tmp_path, kinds):
    _account, plan, statement = _files(tmp_path, *kinds)
    audit = audit_files(plan, [statement], REPO / "content")
    text = summary_markdown(audit)
    assert check_summary(text, REPO / "content").items == []
    for flag in audit.flags:
        if flag.kind == "surplus":
            assert f"£{flag.amount:,.2f} more in the account than you need" in text


def test_a_misprinted_balance_is_told_in_the_summary_and_asks_nothing(tmp_path):
    _account, plan, statement = _files(tmp_path, "balance_misprint")
    audit = audit_files(plan, [statement], REPO / "content")
    text = summary_markdown(audit)
    assert check_summary(text, REPO / "content").items == []
    assert "One balance printed on your statement was wrong" in text
    assert "We need to ask you" not in text and "statements seem to be missing" not in text
    _account, plan, statement = _files(tmp_path / "both", "balance_misprint", "cash")
    text = summary_markdown(audit_files(plan, [statement], REPO / "content"))
    assert "We need to ask you" in text and "One balance printed on your statement was wrong" in text


def test_summary_check_can_fail():
    hard = ("## Summary\n\nNotwithstanding the aforementioned considerations, the reconciliation demonstrates "
            "substantial discrepancies necessitating comprehensive investigation and subsequent remediation.\n")
    assert check_summary(hard, REPO / "content").errors


def test_surplus_letter_is_filled_from_the_audit(capsys, tmp_path, database_url):
    _account, plan, statement = _files(tmp_path, "surplus")
    data = tmp_path / "person.yaml"
    data.write_text("recipient_name: Mx Example\nrepay_by: 2027-01-15\nquery_by: 2026-12-31\nhow_to_pay: invoice\n", encoding="utf-8")
    out = tmp_path / "letter.md"
    assert main(["account", "letter", "surplus", "--plan", str(plan), str(statement), "--data", str(data), "--format", "md",
                 "--out", str(out), "--on", "2026-11-30"]) == 0
    audit = audit_files(plan, [statement], REPO / "content")
    text = out.read_text(encoding="utf-8")
    assert f"£{audit.reconciliation.surplus:,.2f}" in text and f"£{audit.reconciliation.closing_balance:,.2f}" in text
    assert "Recorded as letter" in capsys.readouterr().err


def test_statements_letter_asks_for_the_missing_days(capsys, tmp_path, database_url):
    _account, plan, statement = _files(tmp_path, "missing_statement")
    data = tmp_path / "person.yaml"
    data.write_text("recipient_name: Mx Example\nreply_by: 2026-12-18\n", encoding="utf-8")
    out = tmp_path / "letter.md"
    assert main(["account", "letter", "statements", "--plan", str(plan), str(statement), "--data", str(data), "--format", "md",
                 "--out", str(out), "--on", "2026-11-30", "--no-record"]) == 0
    # the hidden row is on 20 May: the rows shown jump from 19 May (a contribution) to 22 May (wages)
    assert "from 19 May 2026 to 22 May 2026" in " ".join(out.read_text(encoding="utf-8").split())
    # nothing missing: no letter, a clear message
    _account, plan, statement = _files(tmp_path / "clean")
    assert main(["account", "letter", "statements", "--plan", str(plan), str(statement), "--data", str(data),
                 "--out", str(tmp_path / "no.md")]) == 1
    assert "no statements missing" in capsys.readouterr().err
    assert not (tmp_path / "no.md").exists()


def test_statements_letter_names_the_data_file_for_a_field_it_lacks_or_should_not_give(capsys, tmp_path):
    """A field missing from the officer's data, or one the letter does not have, is the data
    file's problem, at its line: not the template's (which a plain install does not even show)."""
    _account, plan, statement = _files(tmp_path, "missing_statement")
    data = tmp_path / "person.yaml"
    data.write_text("recipient_name: Mx Example\nhow_to_pay: invoice\n", encoding="utf-8")
    assert main(["account", "letter", "statements", "--plan", str(plan), str(statement), "--data", str(data),
                 "--out", str(tmp_path / "letter.md"), "--on", "2026-11-30", "--no-record"]) == 1
    err = capsys.readouterr().err
    assert f"{data}:2: 'how_to_pay' is not a field" in err and f"{data}: field 'reply_by' is required" in err, err
    assert "dp-statements-request.md" not in err
    assert not (tmp_path / "letter.md").exists()


def test_statements_letter_asks_for_every_span_of_missing_days(capsys, tmp_path, database_url):
    """Two breaks in the running balance months apart: the letter asks for each span of days,
    not for everything from the first to the last."""
    account = Account.base()
    plant(account, "missing_statement")  # 20 May, hidden: the rows shown jump from 19 May to 22 May
    account.add(dt.date(2026, 8, 12), "HIDDEN SHOP", "-30.00", hidden=True)  # the rows jump from 11 August to 14 August
    plan = account.write_plan(tmp_path / "plan.yaml", opening_balance=str(account.opening))
    statement = write(account, "paid", tmp_path)
    audit = audit_files(plan, [statement], REPO / "content")
    assert [f.missing for f in audit.flags] == [(dt.date(2026, 5, 19), dt.date(2026, 5, 22)), (dt.date(2026, 8, 11), dt.date(2026, 8, 14))]
    data = tmp_path / "person.yaml"
    data.write_text("recipient_name: Mx Example\nreply_by: 2026-12-18\n", encoding="utf-8")
    out = tmp_path / "letter.md"
    assert main(["account", "letter", "statements", "--plan", str(plan), str(statement), "--data", str(data), "--format", "md",
                 "--out", str(out), "--on", "2026-11-30", "--no-record"]) == 0
    text = " ".join(out.read_text(encoding="utf-8").split())
    assert "- 19 May 2026 to 22 May 2026 - 11 August 2026 to 14 August 2026" in text, text
    assert "June" not in text  # nothing asked for between the two


def test_statements_letter_joins_missing_days_that_follow_on(tmp_path):
    from guidance.accounts.flags import Flag
    from guidance.accounts.letters import statements_values

    account = Account.base()
    plan = account.write_plan(tmp_path / "plan.yaml", opening_balance=str(account.opening))
    audit = audit_files(plan, [write(account, "signed", tmp_path)], REPO / "content")
    day = dt.date
    flags = tuple(Flag("missing_statement", a, Decimal("0"), "", missing=(a, b)) for a, b in
                  [(day(2026, 7, 8), day(2026, 7, 9)), (day(2026, 5, 1), day(2026, 5, 3)), (day(2026, 5, 4), day(2026, 5, 6)),
                   (day(2026, 5, 5), day(2026, 5, 5))])
    values = statements_values(replace(audit, flags=flags))
    assert (values["period_from"], values["period_to"]) == ("2026-05-01", "2026-05-06")
    assert values["more_periods"] == ["8 July 2026 to 9 July 2026"]


def test_audit_is_recorded_decided_exported_and_sampled(capsys, tmp_path, database_url):
    _account, plan, statement = _files(tmp_path, "cash", "household_payment")
    assert main(["account", "audit", "--plan", str(plan), str(statement)]) == 0
    capsys.readouterr()
    (row,) = _json(capsys, "account", "list", "--json")
    assert row["flags"] == 3 and row["decided"] == 0
    assert main(["account", "decide", row["id"], "1", "safeguarding", "--note", "raised today"]) == 0
    assert main(["account", "decide", row["id"], "99", "query"]) == 1
    assert "no flag 99" in capsys.readouterr().err
    shown = _json(capsys, "account", "show", row["id"], "--json")
    assert [(f["kind"], f["decision"]) for f in shown["flags"]] == [("household_payment", "safeguarding"), ("unexplained", None), ("cash", None)]
    exported = _json(capsys, "records", "export", "--person", "DP-000001")
    (audit,) = exported["account_audits"]
    assert audit["figures"]["surplus"] == "0.00" and audit["flags"][0]["note"] == "raised today"
    assert exported["reference"] == "DP-000001"
    sample = _json(capsys, "review", "sample", "--percent", "100", "--since", "7d", "--json")
    assert [(r["kind"], r["item"]) for r in sample] == [("account_audit", row["id"])]
    from guidance.records.audit import AuditTrail
    from guidance.records.database import open_database

    db = open_database()
    try:
        actions = [(e.action, e.detail) for e in AuditTrail(db).entries() if e.action.startswith("account.")]
    finally:
        db.close()
    assert [a for a, _ in actions] == ["account.audit", "account.flag.decide"]
    assert "DP-000001" not in json.dumps(actions) and "raised today" not in json.dumps(actions)


def test_audit_batch_worst_first(capsys, tmp_path):
    folder, plans = tmp_path / "accounts", []
    for name, kinds in [("calm", ()), ("surplus", ("surplus",)), ("abuse", ("large_transfer",)), ("cash", ("cash",)),
                        ("misprint", ("balance_misprint",))]:
        account = Account.base(reference=f"DP-{len(plans) + 1:06d}")
        for kind in kinds:
            plant(account, kind)
        write(account, "signed", folder / name)
        plans.append((name, account.write_plan(tmp_path / f"{name}.yaml").name))
    (folder / "broken").mkdir()
    (folder / "broken" / "s.csv").write_text("Date,Description,Amount\nnot a date,X,1.00\n", encoding="utf-8")
    plans.append(("broken", Account.base(reference="DP-000099").write_plan(tmp_path / "broken.yaml").name))  # its own account
    plans_csv = tmp_path / "plans.csv"
    plans_csv.write_text("folder,plan\n" + "".join(f"{a},{b}\n" for a, b in plans), encoding="utf-8")
    out = tmp_path / "summary.csv"
    assert main(["account", "audit-batch", str(folder), "--plans", str(plans_csv), "--out", str(out)]) == 1
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["folder"] for r in rows] == ["broken", "abuse", "cash", "misprint", "surplus", "calm"]
    assert rows[3]["most_serious"] == "balance_misprint" and rows[3]["flags_balance_misprint"] == "1" and rows[3]["flags_missing_statement"] == "0"
    assert rows[3]["flags"] == "1" and rows[2]["flags_balance_misprint"] == "0"
    assert "s.csv:2" in rows[0]["error"] and rows[0]["status"] == "error"
    assert rows[1]["most_serious"] == "large_transfer" and rows[1]["safeguarding"] == "1" and rows[1]["flags_unexplained"] == "1"
    assert Decimal(rows[4]["surplus"]) > 0 and rows[5]["flags"] == "0"
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert len(header) == len(set(header)), "a header names two columns"
    assert "flags_council_overpayment" in header  # money to recover: counted like every flag kind
    assert rows[4]["flags_surplus"] == "1" and Decimal(rows[4]["surplus"]) != 1  # the figure, not the count
    err = capsys.readouterr().err
    assert "Audited 5 of 6 accounts" in err and "\r[" not in err  # no progress bar when not on a terminal


def test_batch_summary_cells_are_not_formulas(tmp_path):
    from guidance.accounts.batch import BatchRow, summary_csv

    text = summary_csv([BatchRow("=HYPERLINK(1)", 2, error="@SUM(1)")])
    row = list(csv.DictReader(io.StringIO(text)))[0]
    assert row["folder"] == "'=HYPERLINK(1)" and row["error"] == "'@SUM(1)"


def test_batch_plans_csv_without_columns(capsys, tmp_path):
    plans = tmp_path / "plans.csv"
    plans.write_text("account,file\n", encoding="utf-8")
    assert main(["account", "audit-batch", str(tmp_path), "--plans", str(plans), "--out", str(tmp_path / "o.csv")]) == 1
    assert "'folder' and 'plan'" in capsys.readouterr().err
    assert not (tmp_path / "o.csv").exists()


def test_schema_command(capsys):
    schema = _json(capsys, "account", "schema")
    assert schema["title"] == "guidance account plan" and "council_payments" in schema["properties"]


def test_core_does_not_import_textual():
    import subprocess
    import sys

    code = ("import sys, pkgutil, importlib, guidance.accounts\n"
            "names = [m.name for m in pkgutil.iter_modules(guidance.accounts.__path__, 'guidance.accounts.')]\n"
            "names += ['guidance.commands.account', 'guidance.records.accounts']\n"
            "[importlib.import_module(n) for n in names]\n"
            "assert len(names) > 12, names\n"
            "print('textual' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_plan_errors_are_said_once_with_file_and_line(capsys, tmp_path):
    _account, plan, statement = _files(tmp_path)
    plan.write_text(plan.read_text(encoding="utf-8").replace("every: 4 weeks", "every: fortnightly"), encoding="utf-8")
    assert main(["account", "audit", "--plan", str(plan), str(statement), "--no-record"]) == 1
    err = capsys.readouterr().err
    line = plan.read_text(encoding="utf-8").splitlines().index("  every: fortnightly") + 1
    assert f"{plan}:{line}: council_payments.0.every" in err and "error: error" not in err


def test_rows_outside_the_audit_period_are_counted_aloud(capsys, tmp_path):
    """Rows before or after the audit period are read (the whole file or nothing) but not
    counted: the text output and the report say how many, so none is dropped in silence."""
    account, plan, statement = _files(tmp_path)
    text = plan.read_text(encoding="utf-8").replace("to: '2026-10-04'", "to: '2026-09-20'")
    plan.write_text(text, encoding="utf-8")
    after = sum(1 for row, _ in account.shown() if row.date.isoformat() > "2026-09-20")
    assert after > 0
    assert main(["account", "audit", "--plan", str(plan), str(statement), "--no-record", "--report", str(tmp_path / "r.md")]) == 0
    words = f"{after} rows after 2026-09-20 are outside the audit period and not counted"
    assert words in capsys.readouterr().out
    assert words[1:] in (tmp_path / "r.md").read_text(encoding="utf-8")


def test_a_row_of_no_money_is_not_flagged(tmp_path):
    account = Account.base()
    account.add(account.rows[5].date, "CARD CHECK", "0.00")
    plan = account.write_plan(tmp_path / "plan.yaml", opening_balance=str(account.opening))
    audit = audit_files(plan, [write(account, "signed", tmp_path)], REPO / "content")
    assert audit.flags == ()


def _outputs(kind, tmp_path, plan, statement, out, *more):
    person = tmp_path / "person.yaml"
    person.write_text("recipient_name: Mx Example\nrepay_by: 2027-01-15\nquery_by: 2026-12-31\nhow_to_pay: invoice\n", encoding="utf-8")
    return {
        "report": ["account", "audit", "--plan", str(plan), str(statement), "--report", str(out), "--no-record"],
        "letter": ["account", "letter", "surplus", "--plan", str(plan), str(statement), "--data", str(person), "--format", "md",
                   "--out", str(out), "--on", "2026-11-30", "--no-record"],
        "schema": ["account", "schema", "--out", str(out)],
    }[kind] + list(more)


@pytest.mark.parametrize("kind", ["report", "letter", "schema"])
def test_account_files_never_overwrite_without_force_nor_replace_a_link(capsys, tmp_path, kind):
    _account, plan, statement = _files(tmp_path, "surplus")
    suffix = ".json" if kind == "schema" else ".md"  # the plan's schema is JSON, and the name must say so
    out = tmp_path / f"out{suffix}"
    out.write_text("kept\n", encoding="utf-8")
    out.chmod(0o640)
    assert main(_outputs(kind, tmp_path, plan, statement, out)) == 1
    assert "already exists" in capsys.readouterr().err and out.read_text(encoding="utf-8") == "kept\n"
    assert main(_outputs(kind, tmp_path, plan, statement, out, "--force")) == 0
    assert out.read_text(encoding="utf-8") != "kept\n" and stat.S_IMODE(out.stat().st_mode) == 0o640
    link = tmp_path / f"link{suffix}"
    link.symlink_to(tmp_path / f"elsewhere{suffix}")
    assert main(_outputs(kind, tmp_path, plan, statement, link, "--force")) == 1
    assert "symbolic link" in capsys.readouterr().err and link.is_symlink() and not (tmp_path / f"elsewhere{suffix}").exists()


def test_audit_batch_summary_is_never_written_over_an_existing_file(capsys, tmp_path):
    folder = tmp_path / "accounts"
    account = Account.base(reference="DP-000001")
    write(account, "signed", folder / "calm")
    plans_csv = tmp_path / "plans.csv"
    plans_csv.write_text(f"folder,plan\ncalm,{account.write_plan(tmp_path / 'calm.yaml').name}\n", encoding="utf-8")
    out = tmp_path / "summary.csv"
    out.write_text("kept\n", encoding="utf-8")
    assert main(["account", "audit-batch", str(folder), "--plans", str(plans_csv), "--out", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err and out.read_text(encoding="utf-8") == "kept\n"
    assert main(["account", "audit-batch", str(folder), "--plans", str(plans_csv), "--out", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith("reference,")


def test_a_stray_quote_or_extra_cell_in_the_plans_list_is_named_and_no_account_is_lost(capsys, tmp_path):
    folder, lines = tmp_path / "accounts", []
    for number, name in enumerate(("one", "two", "three", "four"), start=1):
        account = Account.base(reference=f"DP-{number:06d}")
        write(account, "signed", folder / name)
        lines.append(f"{name},{account.write_plan(tmp_path / f'{name}.yaml').name}")
    lines[0] = 'one,"one.yaml'  # a stray quote: the rows after it must still be audited
    lines[3] = "four,four.yaml,DP-000004"
    plans_csv = tmp_path / "plans.csv"
    plans_csv.write_text("folder,plan\n" + "\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "summary.csv"
    assert main(["account", "audit-batch", str(folder), "--plans", str(plans_csv), "--out", str(out)]) == 1
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 4
    errors = sorted(r["error"] for r in rows if r["status"] == "error")
    assert len(errors) == 2 and "plans.csv:2:" in errors[0] and "stray" in errors[0] and "plans.csv:5:" in errors[1] and "3 cells" in errors[1]
    assert sorted(r["folder"] for r in rows if r["status"] == "audited") == ["three", "two"]
    assert "Audited 2 of 4 accounts" in capsys.readouterr().err


def test_list_and_show_state_their_order_and_show_money_as_the_product_does(capsys, tmp_path, database_url):
    """``account list`` says its order (newest first, or oldest first when asked) and shows each
    audit's time; ``list`` and ``show`` give money as £1,234.56, never as bare decimals."""
    import re

    made = []
    for number, kinds in enumerate([("surplus",), ("cash", "surplus")]):
        account = Account.base(reference=f"DP-{number + 1:06d}")
        for kind in kinds:
            plant(account, kind)
        folder = tmp_path / f"a{number}"
        folder.mkdir()
        plan = account.write_plan(folder / "plan.yaml", opening_balance=str(account.opening))
        assert main(["account", "audit", "--plan", str(plan), str(write(account, "paid", folder))]) == 0
        made.append(account.plan["reference"])
    capsys.readouterr()
    assert main(["account", "list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "2 account audits, newest first (by when each was made, UTC):"
    assert [line.split()[3] for line in out[1:]] == made[::-1]  # day, time, id, reference
    assert all(re.search(r"surplus £\d{1,3}(,\d{3})*\.\d\d ", line) for line in out[1:]), out
    assert all(re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d ", line) for line in out[1:]), out
    assert main(["account", "list", "--oldest-first"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("2 account audits, oldest first") and [line.split()[3] for line in out[1:]] == made
    assert [r["reference"] for r in _json(capsys, "account", "list", "--json", "--oldest-first")] == made
    newest = _json(capsys, "account", "list", "--json")[0]
    assert main(["account", "show", newest["id"]]) == 0
    shown = capsys.readouterr().out
    flags = [line for line in shown.splitlines() if re.match(r"\s+\d+\. ", line)]
    assert [line.split(". ", 1)[1].split(" 2026-")[0] for line in flags] == ["Cash", "Surplus"]
    assert "£100.00" in flags[0] and re.search(r" £\d,\d{3}\.\d\d ", flags[1]), flags
    assert "made " in shown.splitlines()[0] and "flags, most serious first:" in shown


def test_show_report_and_a_repeated_audit_speak_to_people(capsys, tmp_path, database_url):
    """``account show`` prints money in and out as lines (no dict); an audit repeated with the
    same plan and statements is not recorded twice, and its report names the flags' pages by
    title (never ``page:`` ids) with the decisions recorded so far."""
    _account, plan, statement = _files(tmp_path, "cash", "household_payment")
    assert main(["account", "audit", "--plan", str(plan), str(statement)]) == 0
    capsys.readouterr()
    (row,) = _json(capsys, "account", "list", "--json")
    assert main(["account", "show", row["id"]]) == 0
    out = capsys.readouterr().out
    assert "{" not in out and "'" not in out and "money out:" in out
    assert any(line.strip().startswith("agency: £") for line in out.splitlines()), out
    assert main(["account", "decide", row["id"], "1", "query"]) == 0
    capsys.readouterr()
    report = tmp_path / "r.md"
    assert main(["account", "audit", "--plan", str(plan), str(statement), "--report", str(report)]) == 0
    assert "not recorded again" in capsys.readouterr().err
    assert [r["id"] for r in _json(capsys, "account", "list", "--json")] == [row["id"]]
    text = report.read_text(encoding="utf-8")
    assert "page:" not in text and "See 'Keeping receipts and statements'" in text, text
    assert "Decision: query." in text and text.count("Decision:") == 1



def test_an_audit_repeated_after_another_of_the_same_account_is_not_kept_twice(capsys, tmp_path, database_url):
    """Audit A (and decide a flag), then audit B of the same reference, then A again: A is
    found with its decision, not kept a second time with no decisions."""
    _a, plan_a, statement_a = _files(tmp_path / "a", "cash")
    _b, plan_b, statement_b = _files(tmp_path / "b", "cash", "surplus")
    assert main(["account", "audit", "--plan", str(plan_a), str(statement_a)]) == 0
    capsys.readouterr()
    (first,) = _json(capsys, "account", "list", "--json")
    assert main(["account", "decide", first["id"], "1", "query"]) == 0
    assert main(["account", "audit", "--plan", str(plan_b), str(statement_b)]) == 0
    assert main(["account", "audit", "--plan", str(plan_a), str(statement_a)]) == 0
    assert f"Same as recorded account audit {first['id']}" in capsys.readouterr().err
    listed = _json(capsys, "account", "list", "--json")
    assert len(listed) == 2 and first["id"] in [r["id"] for r in listed]


def test_show_prints_again_from_the_record_all_that_the_audit_printed(capsys, tmp_path, database_url):
    """An audit with money moved on days no statement shows (a balance break), payments due on
    days no statement shows and statements that stop early: every figure line, note and flag
    message ``audit`` printed is printed again, the same, by ``show`` from the record; ``list``
    marks the surplus "(not final)", as the export and the batch summary do."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(INLINE_PLAN.replace('owed: "100.00"', 'owed: "0.00"'), encoding="utf-8")
    statement = tmp_path / "s.csv"
    statement.write_text("Date,Description,Amount,Balance\n10/04/2026,P SAMPLE WAGES,-400.00,8555.00\n"
                         "13/04/2026,TFR CONTRIBUTION,35.00,8590.00\n24/04/2026,P SAMPLE WAGES,-400.00,8000.00\n"
                         "27/04/2026,TFR CONTRIBUTION,35.00,8035.00\n", encoding="utf-8")
    assert main(["account", "audit", "--plan", str(plan), str(statement)]) == 0
    printed = capsys.readouterr().out.splitlines()
    figures = [line.strip() for line in printed if line.startswith("  ") and "£" in line and not line.strip().startswith(("Note:",))
               and not re.match(r"\s+\d+\. ", line)]
    notes = [line.strip() for line in printed if line.strip().startswith("Note: ")]
    messages = [line.split("): ", 1)[1] for line in printed if re.match(r"\s+\d+\. ", line)]
    assert any(line.startswith("Not on any statement") for line in figures), printed
    assert any(line.startswith("due on days not shown") for line in figures) and messages and notes, printed
    (row,) = _json(capsys, "account", "list", "--json")
    assert main(["account", "show", row["id"]]) == 0
    shown = [line.strip() for line in capsys.readouterr().out.splitlines()]
    assert [line for line in figures if line not in shown] == []
    assert [note for note in notes if note not in shown] == []
    assert [m for m in messages if not any(m in line for line in shown)] == []
    assert row["surplus_provisional"] is True
    assert main(["account", "list"]) == 0
    assert re.search(r"surplus £[\d,]+\.\d\d \(not final\)  flags", capsys.readouterr().out)
    out = tmp_path / "export.json"
    assert main(["records", "export", "--person", "DP-000099", "--out", str(out)]) == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert json.dumps(exported).count('"surplus_provisional": true') >= 1


def test_list_leaves_a_final_surplus_unmarked(capsys, tmp_path, database_url):
    _account, plan, statement = _files(tmp_path, "surplus")
    assert main(["account", "audit", "--plan", str(plan), str(statement)]) == 0
    capsys.readouterr()
    assert main(["account", "list"]) == 0
    out = capsys.readouterr().out
    assert "surplus £" in out and "not final" not in out


def test_the_report_shows_what_was_due_on_days_no_statement_shows(tmp_path):
    """The officer's report has the rows the audit prints for payments due on days no statement
    shows, as 'audit' and 'show' do."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(INLINE_PLAN.replace("to: 2026-06-28", "to: 2026-04-28"), encoding="utf-8")
    statement = tmp_path / "s.csv"
    statement.write_text("Date,Description,Amount,Balance\n10/04/2026,P SAMPLE WAGES,-400.00,4555.00\n"
                         "13/04/2026,TFR CONTRIBUTION,35.00,4590.00\n27/04/2026,TFR CONTRIBUTION,35.00,4625.00\n", encoding="utf-8")
    audit = audit_files(plan, [statement], REPO / "content")
    text = write_report(audit, "md").decode("utf-8")
    assert "| Council payments due on days no statement shows (not checked) | £1,920.00 |" in text, text
    assert "| Contribution due on days no statement shows (not checked) | £35.00 |" in text


def test_account_letter_help_says_what_sets_the_format_and_a_bare_name_needs_format(capsys, tmp_path):
    """The help never promises a default the command refuses: a name with no ending and no
    --format is refused, saying --format is needed; with --format the letter is written."""
    with pytest.raises(SystemExit):
        main(["account", "letter", "--help"])
    helped = " ".join(capsys.readouterr().out.split())
    assert "else docx" not in helped and "needed only for a name with no ending" in helped
    _account, plan, statement = _files(tmp_path, "surplus")
    argv = _outputs("letter", tmp_path, plan, statement, tmp_path / "letter")
    bare = [a for n, a in enumerate(argv) if a != "--format" and (n == 0 or argv[n - 1] != "--format")]
    with pytest.raises(SystemExit) as refused:
        main(bare)
    assert refused.value.code == 2
    assert "needs --format" in capsys.readouterr().err and not (tmp_path / "letter").exists()
    assert main(argv) == 0 and (tmp_path / "letter").read_text(encoding="utf-8").strip()


def test_decide_takes_the_words_the_app_shows_and_records_one_name(capsys, tmp_path, database_url):
    """The app's flags list says "Safeguard" for s; the command line takes that word (and
    "explain" for explained, in any case) and records and shows the one name, as the app does."""
    _account, plan, statement = _files(tmp_path, "cash", "household_payment")
    assert main(["account", "audit", "--plan", str(plan), str(statement)]) == 0
    capsys.readouterr()
    (row,) = _json(capsys, "account", "list", "--json")
    assert main(["account", "decide", row["id"], "1", "Safeguard"]) == 0
    assert main(["account", "decide", row["id"], "2", "explain"]) == 0
    assert "Recorded: flag 2 (Unexplained) explained." in capsys.readouterr().out
    shown = _json(capsys, "account", "show", row["id"], "--json")
    assert [f["decision"] for f in shown["flags"]] == ["safeguarding", "explained", None]
    with pytest.raises(SystemExit):
        main(["account", "decide", row["id"], "3", "safe"])
    err = capsys.readouterr().err
    assert "unknown decision 'safe': use one of explained, query, recover, safeguarding" in err
    assert "Traceback" not in err


def test_every_decision_is_declared_once_with_its_key_and_words():
    """The record store, the command line and the app read the one declaration."""
    from guidance.accounts.decisions import DECISION_KEYS, DECISIONS, UnknownDecision, read_decision
    from guidance.records import accounts as records

    assert list(records.DECISIONS) == list(DECISIONS) == ["explained", "query", "recover", "safeguarding"]
    assert DECISION_KEYS == {"e": "explained", "q": "query", "r": "recover", "s": "safeguarding"}
    for decision in DECISIONS.values():
        for word in (decision.name, decision.label, *decision.also):
            assert read_decision(word) == decision.name
    with pytest.raises(UnknownDecision):
        read_decision("s")
