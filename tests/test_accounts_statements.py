"""Reading statements: column detection, amounts and dates as banks write them, and clear errors
with file and row for statements that cannot be read (nothing half-read)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from guidance.accounts.money import statement_amount, statement_date
from guidance.accounts.statements import StatementError, parse_columns, read_statement, read_statements


@pytest.mark.parametrize("text, value", [
    ("-12.50", "-12.50"), ("£1,234.56", "1234.56"), ("-£12.00", "-12.00"), ("£-3.20", "-3.20"),
    ("(12.00)", "-12.00"), ("12.00 DR", "-12.00"), ("12.00CR", "12.00"), ("1,920", "1920.00"), (5.1, "5.10"),
])
def test_amounts(text, value):
    assert statement_amount(text) == Decimal(value)


@pytest.mark.parametrize("text", ["1,23", "12.0.0", "abc", "£", "1e5"])
def test_not_amounts(text):
    with pytest.raises(ValueError, match="not an amount"):
        statement_amount(text)


@pytest.mark.parametrize("text", ["31/01/2026", "31 Jan 2026", "2026-01-31", "31-Jan-26", "31/01/26", "2026-01-31T09:15:00",
                                  "31 January 2026"])
def test_dates(text):
    assert statement_date(text) == dt.date(2026, 1, 31)


def test_day_first():
    assert statement_date("01/02/2026") == dt.date(2026, 2, 1)


def _write(tmp_path, text, name="s.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_date_names_file_and_row(tmp_path):
    path = _write(tmp_path, "Date,Description,Amount\n01/04/2026,A,-1.00\n31/04/2026,B,-2.00\n")
    with pytest.raises(StatementError) as err:
        read_statement(path)
    assert err.value.line == 3 and err.value.file == str(path) and "31 April 2026 does not exist" in str(err.value)
    assert "31/04/2026" not in str(err.value)  # the cell is not quoted


def test_bad_amount_names_file_and_row(tmp_path):
    path = _write(tmp_path, "Date,Description,Paid in,Paid out\n01/04/2026,A,,1.00\n02/04/2026,B,ten,\n")
    with pytest.raises(StatementError, match=r":3: column 3 \(paid in\): the value is not an amount") as err:
        read_statement(path)
    assert "ten" not in str(err.value)


def test_both_in_and_out_is_an_error(tmp_path):
    path = _write(tmp_path, "Date,Description,Money in,Money out\n01/04/2026,A,1.00,2.00\n")
    with pytest.raises(StatementError, match=":2: both money in and money out"):
        read_statement(path)


def test_no_header(tmp_path):
    path = _write(tmp_path, "When,What,How much\n01/04/2026,A,1.00\n")
    with pytest.raises(StatementError, match="no header row found.*--columns"):
        read_statement(path)


def test_columns_mapping(tmp_path):
    path = _write(tmp_path, "When,What,How much,Left\n01/04/2026,A,-1.00,9.00\n02/04/2026,B,2.00,11.00\n")
    statement = read_statement(path, parse_columns("date=When,description=What,amount=How much,balance=Left"))
    assert [(t.description, t.amount, t.balance, t.line) for t in statement.transactions] == [
        ("A", Decimal("-1.00"), Decimal("9.00"), 2), ("B", Decimal("2.00"), Decimal("11.00"), 3)]


def test_bad_columns_mapping():
    with pytest.raises(ValueError, match="unknown field 'colour'"):
        parse_columns("colour=Red")
    with pytest.raises(ValueError, match="FIELD=HEADER"):
        parse_columns("date")


def test_newest_first_is_read_oldest_first(tmp_path):
    path = _write(tmp_path, "Date,Description,Amount,Balance\n03/04/2026,C,-1.00,7.00\n02/04/2026,B,-1.00,8.00\n01/04/2026,A,-1.00,9.00\n")
    assert [t.description for t in read_statement(path).transactions] == ["A", "B", "C"]


def test_brought_forward_line_is_not_a_transaction(tmp_path):
    path = _write(tmp_path, "Date,Description,Amount,Balance\n01/04/2026,BALANCE BROUGHT FORWARD,,10.00\n02/04/2026,B,-1.00,9.00\n")
    assert [t.description for t in read_statement(path).transactions] == ["B"]


def test_windows_1252_pound_sign(tmp_path):
    path = tmp_path / "s.csv"
    path.write_bytes("Date,Description,Amount\n01/04/2026,A,£12.00\n".encode("cp1252"))
    assert read_statement(path).transactions[0].amount == Decimal("12.00")


def test_not_a_workbook(tmp_path):
    path = _write(tmp_path, "this is not a spreadsheet", "s.xlsx")
    with pytest.raises(StatementError, match="not an Excel workbook"):
        read_statement(path)


def test_broken_ofx(tmp_path):
    path = _write(tmp_path, "OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><BANKMSGSRSV1>", "s.ofx")
    with pytest.raises(StatementError, match="not an OFX statement"):
        read_statement(path)


def test_unknown_type(tmp_path):
    with pytest.raises(StatementError, match="unknown statement type"):
        read_statement(_write(tmp_path, "x", "s.pdf"))


def test_one_bad_file_reads_nothing(tmp_path):
    good = _write(tmp_path, "Date,Description,Amount\n01/04/2026,A,1.00\n", "a.csv")
    bad = _write(tmp_path, "Date,Description,Amount\n01/04/2026,A,x\n", "b.csv")
    with pytest.raises(StatementError, match="b.csv:2"):
        read_statements([good, bad])


def test_header_only_is_an_error(tmp_path):
    with pytest.raises(StatementError, match="no transactions"):
        read_statement(_write(tmp_path, "Date,Description,Amount\n"))


def test_columns_by_number_for_a_file_without_a_header(tmp_path):
    path = _write(tmp_path, "01/04/2026,A,-1.00\n02/04/2026,B,2.00\n")
    statement = read_statement(path, parse_columns("date=1,description=2,amount=3"))
    assert [(t.description, t.amount, t.line) for t in statement.transactions] == [("A", Decimal("-1.00"), 1), ("B", Decimal("2.00"), 2)]
    with pytest.raises(ValueError, match="not a mix"):
        parse_columns("date=1,description=Details,amount=3")
    with pytest.raises(ValueError, match="at least date"):
        parse_columns("date=1,amount=3")


@pytest.mark.parametrize("header, row, amount", [
    ("Transaction Date,Transaction Type,Sort Code,Account Number,Transaction Description,Debit Amount,Credit Amount,Balance",
     "06/04/2026,FPO,'40-11-22,88776655,A JONES WAGES,420.00,,1580.00", "-420.00"),
    ("Date,Counter Party,Reference,Type,Amount (GBP),Balance (GBP),Spending Category",
     "06/04/2026,A JONES WAGES,WEEK 1,FASTER PAYMENT,-420.00,1580.00,GENERAL", "-420.00"),
    ("Number,Date,Account,Amount,Subcategory,Memo", ",06/04/2026,20-00-00 1234,-420.00,FT,A JONES WAGES", "-420.00"),
    ("Date,Type,Description,Value,Balance,Account Name,Account Number",
     "06 Apr 2026,BAC,A JONES WAGES,-420.00,1580.00,DP ACCOUNT,123", "-420.00"),
])
def test_common_bank_headers(tmp_path, header, row, amount):
    (t,) = read_statement(_write(tmp_path, f"{header}\n{row}\n")).transactions
    assert t.description.startswith("A JONES WAGES") and t.amount == Decimal(amount) and t.date == dt.date(2026, 4, 6)


@pytest.mark.parametrize("header, row, column", [
    ("Date,Description,Amount,Balance", "02/04/2026,B", "column 3 (amount)"),
    ("Date,Description,Paid in,Paid out,Balance", "02/04/2026,B,,,", "column 3 or column 4 (paid in / paid out)"),
])
def test_a_row_without_an_amount_names_the_row_and_column(tmp_path, header, row, column):
    path = _write(tmp_path, f"{header}\n01/04/2026,A,{'-1.00' if 'Amount' in header else ',1.00'},5.00\n{row}\n")
    with pytest.raises(StatementError) as err:
        read_statement(path)
    assert err.value.line == 3 and f"no amount in {column}" in str(err.value)


def _book(path, sheets):
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets:
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


STATEMENT_ROWS = [["Date", "Description", "Amount", "Balance"], [dt.datetime(2026, 4, 1), "A", -1.5, 10]]


def test_a_workbook_statement_on_a_later_sheet_is_found(tmp_path):
    path = _book(tmp_path / "s.xlsx", [("Notes", [["Exported from online banking"]]), ("Transactions", STATEMENT_ROWS)])
    (t,) = read_statement(path).transactions
    assert (t.date, t.amount, t.balance, t.line) == (dt.date(2026, 4, 1), Decimal("-1.50"), Decimal("10.00"), 2)


def test_a_workbook_with_statements_on_several_sheets_is_refused_not_half_read(tmp_path):
    path = _book(tmp_path / "s.xlsx", [("April", STATEMENT_ROWS), ("May", STATEMENT_ROWS)])
    with pytest.raises(StatementError, match="statements on 2 sheets \\('April', 'May'\\)"):
        read_statement(path)


@pytest.mark.parametrize("text", [
    "OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><BANKMSGSRSV1>MRS JOAN REID",
    "<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKTRANLIST><STMTTRN><NAME>MRS JOAN REID</STMTTRN>",
    "MRS JOAN REID 12 ORCHARD CLOSE",
])
def test_a_broken_ofx_error_does_not_quote_the_file(tmp_path, text):
    path = _write(tmp_path, text, "s.ofx")
    with pytest.raises(StatementError, match="not an OFX statement") as err:
        read_statement(path)
    assert "JOAN" not in str(err.value) and "\n" not in str(err.value)


def test_a_stray_quote_is_named_on_its_own_line_not_left_to_swallow_the_rows_below(tmp_path):
    # The quote opens in a column the audit does not read: the rows after it would vanish into it.
    path = _write(tmp_path, "Date,Description,Amount,Reference\n01/04/2026,A,-1.00,r1\n02/04/2026,B,-2.00,\"r2\n"
                            "03/04/2026,C,-3.00,r3\n04/04/2026,D,-4.00,r4\n")
    with pytest.raises(StatementError) as err:
        read_statement(path)
    assert err.value.line == 3 and "stray '\"'" in str(err.value)


@pytest.mark.parametrize("name", ["s.csv", "s.xlsx"])
def test_a_value_beyond_the_header_is_an_error_not_dropped(tmp_path, name):
    rows = [["Date", "Description", "Amount"], ["01/04/2026", "A", "-1.00"], ["02/04/2026", "Refund", "5.00", "12.00"],
            ["03/04/2026", "C", "-3.00", ""]]
    if name.endswith(".csv"):
        path = _write(tmp_path, "".join(",".join(row) + "\n" for row in rows))
    else:
        from openpyxl import Workbook

        book = Workbook()
        for row in rows:
            book.active.append(row)
        path = tmp_path / name
        book.save(path)
    with pytest.raises(StatementError) as err:
        read_statement(path)
    assert err.value.line == 3 and "column 4" in str(err.value) and "names only 3 columns" in str(err.value)
    rows[2] = rows[2][:3] + [""]  # an empty cell past the header is only a trailing comma
    if name.endswith(".csv"):
        path = _write(tmp_path, "".join(",".join(row) + "\n" for row in rows))
        assert len(read_statement(path).transactions) == 3


def test_a_statement_far_larger_than_any_account_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import guidance.accounts.statements as statements

    path = tmp_path / "huge.csv"
    path.write_text("Date,Description,Amount\n" + "01/04/2026,A,-1.00\n" * 2000, encoding="utf-8")
    monkeypatch.setattr(statements, "MAX_STATEMENT_BYTES", 10_000)
    with pytest.raises(StatementError) as err:
        read_statement(path)
    assert "huge.csv" in str(err.value) and "more than the" in str(err.value)


def test_a_byte_order_mark_at_the_start_of_a_csv_statement_is_not_part_of_its_first_header(tmp_path):
    text = "Date,Description,Amount,Balance\n2026-05-01,NORTHFIELD COUNCIL DP,1920.00,2920.00\n2026-05-02,\ufeffA JONES,-420.00,2500.00\n"
    plain, marked = tmp_path / "plain.csv", tmp_path / "marked.csv"
    plain.write_bytes(text.encode("utf-8"))
    marked.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    rows = [(t.date, t.description, t.amount, t.balance, t.line) for t in read_statement(marked).transactions]
    assert rows == [(t.date, t.description, t.amount, t.balance, t.line) for t in read_statement(plain).transactions]
    assert rows[1][1] == "\ufeffA JONES"  # only the mark at the very start is dropped


def test_reading_an_ofx_statement_warns_and_logs_nothing_of_its_text(tmp_path, caplog, capfd):
    """ofxtools warns when a NAME is longer than 32 characters, quoting it (a statement holds
    people's names): reading, and auditing from the command line, print and log none of it."""
    import logging
    import warnings

    from accounts_support import Account, write_ofx
    from guidance.cli import main

    account = Account.base()
    path = write_ofx(account, tmp_path / "s.ofx")
    long_name = "MRS JOAN EXAMPLE-REID TRANSFER FROM CURRENT ACCOUNT"
    text = path.read_text(encoding="ascii")
    path.write_text(text.replace("<NAME>", f"<NAME>{long_name} ", 1), encoding="ascii")
    caplog.set_level(logging.DEBUG)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        statement = read_statement(path)
    assert any(long_name in t.description for t in statement.transactions)
    assert [str(w.message) for w in seen] == []
    assert [r.name for r in caplog.records if "JOAN" in r.getMessage()] == []
    plan = account.write_plan(tmp_path / "plan.yaml")
    capfd.readouterr()
    main(["account", "audit", "--plan", str(plan), str(path), "--no-record"])
    assert "JOAN" not in capfd.readouterr().err


@pytest.mark.parametrize("second", ["Date,Description,Amount,Balance", "Date,Description,Paid in,Paid out,Balance"])
def test_a_second_header_row_is_one_error_naming_its_line(tmp_path, second):
    """Two exports pasted into one file: the second one's header row was read as a transaction
    (bad date and amount), and every row after it as another problem. One error, at its line."""
    rows = "01/04/2026,A,-1.00,9.00\n02/04/2026,B,-2.00,7.00\n"
    later = "03/04/2026,C,,3.00,4.00\n" if "Paid in" in second else "03/04/2026,C,-3.00,4.00\n"
    path = _write(tmp_path, "Date,Description,Amount,Balance\n" + rows + second + "\n" + later * 5)
    with pytest.raises(StatementError) as err:
        read_statement(path)
    assert str(err.value) == (f"{path}: a second header row at line 4: two statements in one file? Give them as two files")


def test_the_same_statement_given_twice_is_refused_naming_both(tmp_path):
    """The same file twice (by one path or two, or a copy of it under another name) was taken
    silently, its rows counted once as overlaps: refused, as the officer may have meant another
    statement."""
    text = "Date,Description,Amount,Balance\n01/04/2026,A,-1.00,9.00\n02/04/2026,B,-2.00,7.00\n"
    first, other = _write(tmp_path, text, "a.csv"), _write(tmp_path, text.replace("B,", "C,"), "b.csv")
    copy = _write(tmp_path, text, "a copy.csv")
    with pytest.raises(StatementError) as err:
        read_statements([first, other, first])
    assert str(err.value) == f"{first}: is given twice: give each statement once"
    with pytest.raises(StatementError) as err:
        read_statements([first, other, tmp_path / "." / "a.csv"])
    assert "is given twice" in str(err.value)
    with pytest.raises(StatementError) as err:
        read_statements([first, other, copy])
    assert str(err.value) == f"{copy}: is the same file as {first} (the same bytes): give each statement once"
    assert len(read_statements([first, other]).statements) == 2


OFX_BROKEN = [
    ("<BANKACCTFROM>", "", "the <BANKACCTFROM> part (the account's sort code and number) is missing from <STMTRS>"),
    ("<TRNUID>1", "", "the <TRNUID> part (the download's number) is missing from <STMTTRNRS>"),
    ("<TRNTYPE>CREDIT", "<TRNTYPE>MRSREID", "<TRNTYPE> in <STMTTRN> holds a value OFX does not allow"),
    ("OFXHEADER:100", "", "its OFX header (the lines before <OFX>, from OFXHEADER:100) is missing or not as OFX has it"),
    ("<SIGNONMSGSRSV1>", "", "<OFX> must hold one of <SIGNONMSGSRQV1> or <SIGNONMSGSRSV1>"),
]


@pytest.mark.parametrize("old, new, reason", OFX_BROKEN)
def test_a_broken_ofx_is_told_in_plain_words_not_the_librarys(tmp_path, old, new, reason):
    """ofxtools' own words ("Can't set STMTRS.bankacctfrom to None", "'MRSREID' is not OneOf")
    name its classes and may quote the file: the officer sees the part of the file and why."""
    from accounts_support import Account, write_ofx

    path = write_ofx(Account.base(), tmp_path / "s.ofx")
    text = path.read_text(encoding="ascii")
    if old == "<BANKACCTFROM>":
        start, end = text.index("<BANKACCTFROM>"), text.index("</BANKACCTFROM>") + len("</BANKACCTFROM>")
        text = text[:start] + text[end:]
    elif old == "<SIGNONMSGSRSV1>":
        text = text[:text.index("<SIGNONMSGSRSV1>")] + text[text.index("</SIGNONMSGSRSV1>") + len("</SIGNONMSGSRSV1>"):]
    else:
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="ascii")
    with pytest.raises(StatementError) as err:
        read_statement(path)
    said = str(err.value)
    assert said.startswith(f"{path}: is not an OFX statement that can be read: {reason}"), said
    assert "Can't set" not in said and "OneOf" not in said and "REID" not in said and "None" not in said
