"""Every bad row of every statement, and every problem of a plan, told in one run (each with its
file and line, never quoting a cell), and nothing audited while any remains."""

from __future__ import annotations

import csv
import io
import re

import pytest

from accounts_support import Account, write
from guidance.accounts.audit import AuditError, audit_files
from guidance.accounts.plan import PlanError, load_plan
from guidance.accounts.statements import SHOWN_PROBLEMS, StatementError, read_statement, read_statements
from guidance.cli import main

NAME = "MRS JOAN REID"  # what a shifted column puts where a date or an amount should be


def _lines(exc: StatementError) -> list[int]:
    return [line for _file, line, _message in exc.problems]


def _csv_with_bad_rows(folder):
    """A signed CSV statement (Date, Description, Amount, Balance) with four bad rows: a name as
    the date (line 3), words as the amount (line 5), a row cut short (line 7) and a name as the
    balance (line 9)."""
    path = write(Account.base(), "signed", folder)
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = {n: lines[n - 1].split(",") for n in (3, 5, 7, 9)}
    cells[3][0] = NAME
    cells[5][2] = "ten pounds"
    cells[7] = cells[7][:2]
    cells[9][3] = "JOAN"
    for n, row in cells.items():
        lines[n - 1] = ",".join(row)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_every_bad_csv_row_is_named_in_one_run(tmp_path):
    path = _csv_with_bad_rows(tmp_path)
    with pytest.raises(StatementError) as err:
        read_statement(path)
    assert _lines(err.value) == [3, 5, 7, 9]
    text = str(err.value)
    assert f"{path}:3: column 1 (date): the value is not a date" in text
    assert f"{path}:5: column 3 (amount): the value is not an amount" in text
    assert f"{path}:7: no amount in column 3 (amount)" in text
    assert f"{path}:9: column 4 (balance): the value is not an amount" in text
    assert "JOAN" not in text and "ten pounds" not in text


def _xlsx_with_bad_rows(folder):
    """The generator's Excel statement (a title row, then Date, Description, Paid in, Paid out,
    Balance) with a name as a date (row 4), words as money out (row 6), no date (row 8) and a name
    as the balance (row 10)."""
    from openpyxl import load_workbook

    path = write(Account.base(), "xlsx", folder)
    book = load_workbook(path)
    sheet = book.active
    paid_out_row = next(r for r in range(6, 40) if sheet.cell(r, 4).value is not None)
    sheet.cell(4, 1).value = NAME
    sheet.cell(paid_out_row, 4).value = "ten pounds"
    sheet.cell(8 if paid_out_row != 8 else 9, 1).value = None
    sheet.cell(10 if paid_out_row != 10 else 11, 5).value = "JOAN"
    book.save(path)
    return path, sorted({4, paid_out_row, 8 if paid_out_row != 8 else 9, 10 if paid_out_row != 10 else 11})


def test_every_bad_xlsx_row_is_named_in_one_run(tmp_path):
    path, bad = _xlsx_with_bad_rows(tmp_path)
    with pytest.raises(StatementError) as err:
        read_statement(path)
    assert _lines(err.value) == bad
    text = str(err.value)
    assert f"{path}:4: column 1 (date): the value is not a date" in text
    assert "(paid out): the value is not an amount" in text and "no date in column 1 (date)" in text
    assert "column 5 (balance): the value is not an amount" in text
    assert "JOAN" not in text and "ten pounds" not in text


def _ofx_with_bad_rows(folder):
    """The generator's OFX statement with a bad date (1st transaction), a bad amount (3rd) and
    no amount (5th); the lines are those of their <STMTTRN> tags."""
    path = write(Account.base(), "ofx", folder)
    lines = path.read_bytes().decode("ascii").split("\r\n")
    starts = [n for n, line in enumerate(lines, start=1) if line == "<STMTTRN>"]
    for number, (tag, value) in zip((0, 2, 4), [("<DTPOSTED>", "<DTPOSTED>JOAN REID"), ("<TRNAMT>", "<TRNAMT>ten"),
                                                ("<TRNAMT>", None)]):
        at = next(n for n in range(starts[number], starts[number] + 7) if lines[n - 1].startswith(tag))
        lines[at - 1] = value if value is not None else "<MEMO>X"
    path.write_bytes("\r\n".join(lines).encode("ascii"))
    return path, [starts[0], starts[2], starts[4]]


def test_every_bad_ofx_transaction_is_named_in_one_run(tmp_path):
    path, bad = _ofx_with_bad_rows(tmp_path)
    with pytest.raises(StatementError) as err:
        read_statement(path)
    assert _lines(err.value) == bad
    text = str(err.value)
    assert f"{path}:{bad[0]}: a transaction: the date cannot be read" in text
    assert f"{path}:{bad[1]}: a transaction: the amount cannot be read" in text
    assert f"{path}:{bad[2]}: a transaction: no amount" in text
    assert "JOAN" not in text and "ten" not in text.replace("often", "")


def test_the_bad_rows_of_every_file_are_told_together_and_nothing_is_audited(tmp_path):
    account = Account.base()
    plan = account.write_plan(tmp_path / "plan.yaml")
    good = write(account, "signed", tmp_path / "good")
    csv_path = _csv_with_bad_rows(tmp_path / "csv")
    xlsx_path, xlsx_bad = _xlsx_with_bad_rows(tmp_path / "xlsx")
    ofx_path, ofx_bad = _ofx_with_bad_rows(tmp_path / "ofx")
    with pytest.raises(StatementError) as err:
        read_statements([good, csv_path, xlsx_path, ofx_path])
    assert [(file, line) for file, line, _m in err.value.problems] == (
        [(str(csv_path), n) for n in (3, 5, 7, 9)] + [(str(xlsx_path), n) for n in xlsx_bad] + [(str(ofx_path), n) for n in ofx_bad])
    with pytest.raises(AuditError) as err:
        audit_files(plan, [good, csv_path])
    assert str(err.value).count(str(csv_path)) == 4


def test_many_bad_rows_are_listed_to_a_limit_and_counted(tmp_path):
    rows = "".join(f"{day:02d}/05/2026,SHOP,x{day}\n" for day in range(1, 31))
    path = tmp_path / "s.csv"
    path.write_text("Date,Description,Amount\n" + rows, encoding="utf-8")
    with pytest.raises(StatementError) as err:
        read_statement(path)
    assert len(err.value.problems) == 30 and err.value.line == 2
    shown = str(err.value).splitlines()
    assert len(shown) == SHOWN_PROBLEMS + 1 and shown[-1] == f"... and {30 - SHOWN_PROBLEMS} more problems (30 in all)"
    assert shown[SHOWN_PROBLEMS - 1].startswith(f"{path}:{SHOWN_PROBLEMS + 1}:")


def test_a_good_statement_still_reads_whole(tmp_path):
    account = Account.base()
    for style in ("signed", "xlsx", "ofx"):
        statement = read_statement(write(account, style, tmp_path / style))
        assert len(statement.transactions) == len(account.shown())


def test_every_plan_problem_is_told_at_once_with_its_line(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(
        'reference: "Ann Jones"\n'
        "period: {from: 2026-04-31, to: 2026-10-04}\n"
        "council_payments:\n"
        '  - {from: 2026-04-06, amount: "1920.00", every: 3 weeks}\n'
        "contingency_weeks: 80\n"
        'owed: "-1"\n'
        "colour: red\n", encoding="utf-8")
    with pytest.raises(PlanError) as err:
        load_plan(path)
    lines = [p.line for p in err.value.problems.errors]
    assert lines == [1, 2, 4, 5, 6, 7]  # the reference too, not only once the rest is put right
    assert "Ann Jones" not in str(err.value) and "reference:" in str(err.value)


def test_plan_and_statement_problems_are_told_together(tmp_path):
    plan = Account.base().write_plan(tmp_path / "plan.yaml", contingency_weeks=80)
    statement = _csv_with_bad_rows(tmp_path)
    with pytest.raises(AuditError) as err:
        audit_files(plan, [statement])
    text = str(err.value)
    assert f"{plan}:" in text and "contingency_weeks" in text and f"{statement}:3:" in text and f"{statement}:9:" in text


def test_a_batch_audits_the_rest_and_says_which_accounts_failed(capsys, tmp_path):
    folder = tmp_path / "accounts"
    plans = [("calm", Account.base(reference="DP-000001")), ("rows", Account.base(reference="DP-000002")),
             ("other", Account.base(reference="DP-000003"))]
    for name, account in plans:
        write(account, "signed", folder / name)
        account.write_plan(tmp_path / f"{name}.yaml")
    _csv_with_bad_rows(folder / "rows")
    (folder / "other" / "statement.csv").write_text("Date,Description,Amount\n01/05/2026,A,x\n02/05/2026,B,y\n",
                                                    encoding="utf-8")
    plans_csv = tmp_path / "plans.csv"
    plans_csv.write_text("folder,plan\n" + "".join(f"{n},{n}.yaml\n" for n, _a in plans), encoding="utf-8")
    out = tmp_path / "summary.csv"
    assert main(["account", "audit-batch", str(folder), "--plans", str(plans_csv), "--out", str(out)]) == 1
    rows = {r["folder"]: r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))}
    assert rows["calm"]["status"] == "audited" and rows["rows"]["status"] == rows["other"]["status"] == "error"
    assert re.findall(r"statement\.csv:(\d+):", rows["rows"]["error"]) == ["3", "5", "7", "9"]
    assert re.findall(r"statement\.csv:(\d+):", rows["other"]["error"]) == ["2", "3"]
    err = capsys.readouterr().err
    assert f"Audited 1 of 3 accounts" in err and f"2 could not be audited, on lines 3, 4 of {plans_csv}" in err
