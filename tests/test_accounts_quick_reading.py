"""The quick ways an audit reads what it reads give exactly what the careful ways give.

A plain CSV statement is read a column at a time (``_plain_rows``); anything else falls back to
the row-by-row reader, whose results and errors are the reference. Amount and date texts are
remembered once read; records (named tuples) are made in one step; the YAML reader remembers
each text's tag. Each test compares the quick way with the careful one, or shows a bad input is
still refused with the same message.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from accounts_support import CSV_WRITERS, Account, plant, random_account, write
from guidance.accounts import statements
from guidance.accounts.flags import SEVERITY
from guidance.accounts.money import common_amounts, statement_amount, statement_date
from guidance.accounts.reconcile import Entry, Matched
from guidance.accounts.schedule import Due
from guidance.accounts.statements import StatementError, Transaction, read_statement
from guidance.yamlio import load_yaml, read_text


def _rows(statement):
    """Every field of every row, amounts as text (so -0.00 and 0.00 differ)."""
    return [(t.date, t.description, str(t.amount), None if t.balance is None else str(t.balance), t.file, t.line)
            for t in statement.transactions]


def _careful(path, monkeypatch):
    """The statement as the row-by-row reader reads it."""
    with monkeypatch.context() as m:
        m.setattr(statements, "_plain_rows", lambda *args: None)
        return read_statement(path)


def _outcome(path, monkeypatch=None):
    try:
        statement = _careful(path, monkeypatch) if monkeypatch else read_statement(path)
    except StatementError as exc:
        return ("error", str(exc))
    return ("read", _rows(statement), statement.start, statement.end)


@pytest.mark.parametrize("style", sorted(CSV_WRITERS))
def test_plain_statements_read_quickly_give_the_careful_readers_rows(tmp_path, style, monkeypatch):
    rng = random.Random(7)
    accounts = [random_account(rng, n) for n in range(6)]
    for kind in SEVERITY:
        account = Account.base()
        plant(account, kind)
        accounts.append(account)
    used = []
    real = statements._plain_rows
    monkeypatch.setattr(statements, "_plain_rows", lambda *args: used.append(real(*args)) or used[-1])
    for number, account in enumerate(accounts):
        path = write(account, style, tmp_path / f"a{number}")
        quick = _outcome(path)
        assert quick == _outcome(path, monkeypatch)
        assert quick[0] == "read"
    assert used and all(rows is not None for rows in used)  # the quick way was taken every time


HEADER = "Date,Description,Paid in,Paid out,Balance\n"
FINE = "01/05/2026,COUNCIL,\"£1,920.00\",,\"£2,920.00\"\n02/05/2026,A JONES,,420.00,\"2,500.00\"\n"


@pytest.mark.parametrize("tail", [
    "\n",  # a blank line
    "03/05/2026,Balance carried forward,,,\"2,500.00\"\n",  # no amount, but not a transaction
    "03/05/2026,SHOP,,abc,\"2,500.00\"\n",  # not an amount
    "31/02/2026,SHOP,,1.00,\"2,499.00\"\n",  # not a date
    "03/05/2026,SHOP,1.00,1.00,\"2,500.00\"\n",  # money in and out
    "03/05/2026,SHOP,,,\"2,500.00\"\n",  # no amount
    "03/05/2026,SHOP,,0.00,\"2,500.00\"\n",  # £0.00 out
    "03/05/2026,SHOP,0.00,,\"2,500.00\"\n",  # £0.00 in
    "03/05/2026,SHOP,,1.00,\"2,499.00\",extra\n",  # a value beyond the header
    "03/05/2026,SHOP,,1.00\n",  # a short row
    "03/05/2026,\"SHOP\nSTREET\",,1.00,\"2,499.00\"\n",  # a cell over two lines, last
    "03/05/2026,\"SHOP\nSTREET\",,1.00,\"2,499.00\"\n04/05/2026,B,,1.00,\"2,498.00\"\n",  # and not last
    "03/05/2026,SHOP,,(1.00),2499.00 CR\n",  # amounts in forms read one at a time
    "03/05/2026,  SHOP  ,,\"£1,000.00\",\"1,500.00\"\n",  # spaces around a description
])
def test_rows_that_are_not_plain_are_read_or_refused_as_the_careful_reader_does(tmp_path, tail, monkeypatch):
    path = tmp_path / "s.csv"
    path.write_text(HEADER + FINE + tail, encoding="utf-8")
    assert _outcome(path) == _outcome(path, monkeypatch)


def test_a_bad_row_is_named_by_its_line_whichever_column_is_wrong(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(HEADER + FINE + "03/05/2026,SHOP,,1.00,\"2,499.00\"\n31/13/2026,SHOP,,abc,1.00\n", encoding="utf-8")
    with pytest.raises(StatementError, match=r"s\.csv:5: column 4 \(paid out\): the value is not an amount; "
                                              r"column 1 \(date\): the value is not a date: there is no month 13") as err:
        read_statement(path)
    assert err.value.line == 5 and "abc" not in str(err.value) and "31/13" not in str(err.value)


@pytest.mark.parametrize("texts", [
    ["-1234.56", "£1,234.56", "-£12.00", "0.00", "", "12.50", "£999,999.99", "-0.00", "£0.01", "1234567.89"],
    [""], ["-£1,000,000.00"],
])
@pytest.mark.parametrize("remember", [True, False])
def test_many_amounts_at_once_are_each_what_one_at_a_time_gives(texts, remember):
    together = common_amounts(texts, remember=remember)
    assert together is not None
    assert [None if v is None else str(v) for v in together] == [None if v is None else str(v) for v in map(statement_amount, texts)]


def test_the_common_form_is_read_at_once_and_other_forms_are_left_to_the_full_reader():
    assert common_amounts(["£1,234.56", ""]) == [Decimal("1234.56"), None]
    for odd in (["1,23"], ["(12.00)"], ["1.00\n2.00"], ["12.00 DR"], ["1,920"], ["£-3.20"], [" 1.00"], ["12.0.0"], ["1.00", "x"]):
        assert common_amounts(odd) is None
        assert common_amounts(odd, remember=False) is None


@pytest.mark.parametrize("text", ["abc", "1,23", "£", "1e5"])
def test_an_amount_or_date_that_cannot_be_read_is_refused_every_time(text):
    for _ in range(2):
        with pytest.raises(ValueError, match="not an amount"):
            statement_amount(text)
        with pytest.raises(ValueError, match="not a date"):
            statement_date(text)


def test_a_remembered_text_reads_the_same_again():
    assert statement_amount("£7,848.10") == statement_amount("£7,848.10") == Decimal("7848.10")
    assert str(statement_amount("-0.00")) == str(Decimal("-0.00"))
    assert statement_amount("") is None and statement_amount("") is None
    assert statement_date("31 Jan 2026") == statement_date("31 Jan 2026") == dt.date(2026, 1, 31)


@pytest.mark.parametrize("cls, fields", [
    (Transaction, {"date": dt.date(2026, 5, 1), "description": "SHOP", "amount": Decimal("-1.00"), "balance": None,
                   "file": "s.csv", "line": 3}),
    (Due, {"kind": "council", "date": dt.date(2026, 5, 1), "amount": Decimal("10.00"), "full": Decimal("20.00"), "days": 28,
           "suspended": 14, "match": None}),
])
def test_a_record_made_in_one_step_is_the_record_its_class_makes(cls, fields):
    quick, usual = tuple.__new__(cls, tuple(fields.values())), cls(**fields)
    assert type(quick) is cls and quick == usual and hash(quick) == hash(usual) and repr(quick) == repr(usual)
    assert list(cls._fields) == list(fields)
    assert quick._asdict() == usual._asdict() == fields
    with pytest.raises(AttributeError):
        quick.date = dt.date(2026, 1, 1)
    entry = {"tx": usual, "kind": "wages", "reason": "r", "balance": Decimal("1.00"), "rule_source": ""}
    assert tuple.__new__(Entry, tuple(entry.values())) == Entry(**entry)
    assert list(Entry._fields) == list(entry) and Entry(usual, "wages", "r", Decimal("1.00")).rule_source == ""
    assert tuple.__new__(Matched, (usual, None)) == Matched(usual, None)


def test_yaml_texts_keep_their_types_when_read_again():
    text = "a: 8\nb: '8'\nc: yes\nd: 'yes'\ne: 2026-04-06\nf: ~\ng: '1920.00'\nh: 1920.00\n"
    for _ in range(2):
        data = load_yaml(text).data
        assert data == {"a": 8, "b": "8", "c": True, "d": "yes", "e": "2026-04-06", "f": None, "g": "1920.00", "h": 1920.0}


def test_a_link_to_a_file_elsewhere_is_still_refused(tmp_path):
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    link = tmp_path / "folder" / "plan.yaml"
    link.symlink_to(elsewhere)
    with pytest.raises(ValueError, match="outside the content folder"):
        read_text(link)
    assert read_text(elsewhere) == "a: 1\n"


@pytest.mark.parametrize("text", ["£999,999,999,999,999,999,999,999.00", "999999999999999999999999.00",
                                  "-£1,000,000,000,000.00", "1000000000000.00"])
def test_an_amount_far_too_large_is_refused_by_every_reader(text):
    with pytest.raises(ValueError, match="far too large"):
        statement_amount(text)
    assert common_amounts([text]) is None  # left to the full reader, which refuses it
    assert statement_amount("£999,999,999,999.99") == Decimal("999999999999.99")


def test_a_statement_row_with_a_far_too_large_amount_is_named_by_its_line(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(HEADER + FINE + "03/05/2026,SHOP,,\"£999,999,999,999,999,999,999,999.00\",\"2,499.00\"\n", encoding="utf-8")
    with pytest.raises(StatementError, match=r"s\.csv:4: .* is far too large to be an amount"):
        read_statement(path)


@pytest.mark.parametrize("text, words", [
    ("\u0661\u0662.\u0665\u0660", "digits 0 to 9"),  # Arabic-Indic 12.50: refused by the fast paths too
    ("\uff11\uff12.50", "digits 0 to 9"),  # full-width digits
    ("1e5", "write the number out in full"),
    ("1_000.00", "leave out the _"),
    ("nan", "is not an amount"),
])
def test_a_statement_amount_is_read_by_the_one_number_reader(text, words):
    with pytest.raises(ValueError, match=words):
        statement_amount(text)
    assert common_amounts([text]) is None


def test_a_statement_reads_an_en_dash_or_minus_sign_as_minus():
    assert statement_amount("\u201312.50") == Decimal("-12.50")
    assert statement_amount("\u2212£12.50") == Decimal("-12.50")


@pytest.mark.parametrize("text, words", [
    ("31/02/2026", "31 February 2026 does not exist"),
    ("02/31/2026", "there is no month 31"),
    ("\u0663\u0661/\u0660\u0661/\u0662\u0660\u0662\u0666", "is not a date"),
])
def test_a_statement_date_is_read_by_the_one_date_reader(text, words):
    with pytest.raises(ValueError, match=words):
        statement_date(text)
    assert statement_date("31-Jan-26") == statement_date("31/01/2026") == dt.date(2026, 1, 31)
