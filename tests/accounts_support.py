"""A generator of synthetic direct payment accounts (never real people's data) and writers for
the statement formats banks export: CSV in several header styles, OFX and Excel.

``Account.base()`` is a clean six-month account that raises no flag. ``plant(account, kind)``
changes it so that exactly the flags of ``kind`` should be found, and returns what was planted.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

import yaml

START = dt.date(2026, 4, 6)
END = dt.date(2026, 10, 4)
D = Decimal

# A four-weekly plan and its statement, for the tests of money paid for after the period and the
# letters made from it: £1,600 every 4 weeks, £400 wages a week; the period ends on 4 May, the day
# a payment comes in (a surplus of £457.14, with £1,542.86 paid in for May).
FOUR_WEEKLY_PLAN = """reference: DP-000099
period: {from: 2026-04-06, to: 2026-05-04}
council_payments:
  - {from: 2026-04-06, amount: "1600.00", every: 4 weeks}
contribution: []
contingency_weeks: 4
owed: "0.00"
payees:
  - {match: "P SAMPLE", kind: wages}
"""

FOUR_WEEKLY_ROWS = """Date,Description,Amount,Balance
06/04/2026,NORTHFIELD COUNCIL DP,1600.00,3600.00
10/04/2026,P SAMPLE WAGES,-400.00,3200.00
17/04/2026,P SAMPLE WAGES,-400.00,2800.00
24/04/2026,P SAMPLE WAGES,-400.00,2400.00
01/05/2026,P SAMPLE WAGES,-400.00,2000.00
04/05/2026,NORTHFIELD COUNCIL DP,1600.00,3600.00
"""


# A short plan written out as an officer would, for tests that write their statements inline:
# the council every 4 weeks, a weekly contribution, wages to one PA (period to 28 June 2026).
INLINE_PLAN = """reference: DP-000099
period: {from: 2026-04-06, to: 2026-06-28}
council_payments:
  - {from: 2026-04-06, amount: "1920.00", every: 4 weeks}
contribution:
  - {from: 2026-04-06, amount: "35.00", every: 1 week}
contingency_weeks: 6
owed: "100.00"
payees:
  - {match: "P SAMPLE", kind: wages}
"""


@dataclass
class Row:
    date: dt.date
    description: str
    amount: Decimal
    hidden: bool = False  # moves the balance but is left out of every statement
    misprint: Decimal = Decimal("0.00")  # added to the balance the statement prints for this row only


@dataclass
class Account:
    plan: dict
    rows: list[Row]
    opening: Decimal
    listed_backwards: set = field(default_factory=set)  # days whose rows statements list in reverse posting order

    @classmethod
    def base(cls, reference: str = "DP-000001", wage: Decimal = D("420.00"), council: Decimal = D("1920.00"),
             opening: Decimal = D("1000.00")) -> "Account":
        plan = {
            "reference": reference,
            "period": {"from": START.isoformat(), "to": END.isoformat()},
            "council_payments": [{"from": START.isoformat(), "amount": str(council), "every": "4 weeks"}],
            "contribution": [{"from": START.isoformat(), "amount": "35.00", "every": "1 week"}],
            "suspensions": [{"from": "2026-07-01", "to": "2026-07-21", "reason": "hospital"}],
            "contingency_weeks": 8,
            "owed": "0.00",
            "payees": [{"match": "A JONES", "kind": "wages"}, {"match": "CAREPAY PAYROLL", "kind": "payroll_service"}],
        }
        rows: list[Row] = []
        for n in range(7):  # council every 4 weeks; the cycle from 29 June is 21 days suspended
            day = START + dt.timedelta(weeks=4 * n)
            amount = council * 7 / 28 if day == dt.date(2026, 6, 29) else council
            rows.append(Row(day, "NORTHFIELD COUNCIL DP", amount.quantize(D("0.01"))))
        contribution = {dt.date(2026, 6, 29): D("10.00"), dt.date(2026, 7, 6): None, dt.date(2026, 7, 13): None,
                        dt.date(2026, 7, 20): D("25.00")}
        for n in range(26):
            day = START + dt.timedelta(weeks=n)
            amount = contribution.get(day, D("35.00"))
            if amount is not None:
                rows.append(Row(day + dt.timedelta(days=1), "MR P CLIENT CONTRIB", amount))
            rows.append(Row(START + dt.timedelta(days=4 + 7 * n), "A JONES WAGES", -wage))
        for month in range(4, 10):
            rows.append(Row(dt.date(2026, month, 15), "CAREPAY PAYROLL LTD", D("-12.00")))
            rows.append(Row(dt.date(2026, month, 1) if month > 4 else dt.date(2026, 4, 8), "NEST PENSIONS", D("-40.00")))
        rows.append(Row(dt.date(2026, 4, 20), "MARK BATES LTD", D("-96.50")))
        rows.append(Row(dt.date(2026, 7, 20), "HMRC CUMBERNAULD", D("-310.40")))
        # a card check on the last day: the statements reach the end of the audit (days after the
        # last row are asked for as missing), and it moves no money
        rows.append(Row(END, "CARD CHECK", D("0.00")))
        account = cls(plan, rows, opening)
        account.sort()
        return account

    def sort(self) -> None:
        self.rows.sort(key=lambda r: r.date)

    def add(self, day: dt.date, description: str, amount: str, hidden: bool = False) -> Row:
        row = Row(day, description, D(amount), hidden)
        self.rows.append(row)
        self.sort()
        return row

    def remove(self, day: dt.date, starts: str) -> Row:
        row = next(r for r in self.rows if r.date == day and r.description.startswith(starts))
        self.rows.remove(row)
        return row

    def shown(self) -> list[tuple[Row, Decimal]]:
        """(row, balance printed after it) for the rows a statement shows, in the order it lists
        them: posting order, except the days in ``listed_backwards``."""
        balance, out = self.opening, []
        for row in self.rows:
            balance += row.amount
            if not row.hidden:
                out.append((row, balance + row.misprint))
        for day in self.listed_backwards:
            at = [n for n, (row, _) in enumerate(out) if row.date == day]
            out[at[0]:at[-1] + 1] = out[at[0]:at[-1] + 1][::-1]
        return out

    def write_plan(self, path: Path, **extra) -> Path:
        path.write_text(yaml.safe_dump({**self.plan, **extra}, sort_keys=False), encoding="utf-8")
        return path


# What each planted kind should give: (kind, date of the flag, description of its row or None).
Planted = list[tuple[str, dt.date, str | None]]


def plant(account: Account, kind: str) -> Planted:
    """Change ``account`` so that exactly these flags should be found."""
    day = dt.date
    if kind == "unexplained":
        account.add(day(2026, 5, 12), "AMAZON MKTPLACE", "-45.99")
        return [("unexplained", day(2026, 5, 12), "AMAZON MKTPLACE")]
    if kind == "cash":
        account.add(day(2026, 6, 3), "CASH WITHDRAWAL LINK ATM", "-100.00")
        return [("cash", day(2026, 6, 3), "CASH WITHDRAWAL LINK ATM")]
    if kind == "duplicate":
        account.add(day(2026, 6, 17), "CAREPAY PAYROLL LTD", "-12.00")
        return [("duplicate", day(2026, 6, 17), "CAREPAY PAYROLL LTD")]
    if kind == "excluded_spending":
        account.add(day(2026, 8, 8), "BET365 LTD", "-50.00")
        return [("excluded_spending", day(2026, 8, 8), "BET365 LTD")]
    if kind == "wages_gap":
        account.remove(day(2026, 5, 15), "A JONES")
        return [("wages_gap", day(2026, 5, 15), "A JONES WAGES")]
    if kind == "no_tax_payment":
        account.remove(day(2026, 7, 20), "HMRC")
        return [("no_tax_payment", day(2026, 7, 22), "A JONES WAGES")]
    if kind == "overdrawn":
        account.add(day(2026, 4, 28), "HOMECARE SERVICES", "-3000.00")
        account.add(day(2026, 5, 5), "HOMECARE SERVICES REFUND", "3000.00")
        return [("overdrawn", day(2026, 4, 28), "HOMECARE SERVICES")]
    if kind == "missing_statement":
        account.add(day(2026, 5, 20), "HIDDEN SHOP", "-200.00", hidden=True)
        return [("missing_statement", day(2026, 5, 22), "A JONES WAGES")]
    if kind == "balance_misprint":
        row = next(r for r in account.rows if r.date == day(2026, 6, 12) and r.description.startswith("A JONES"))
        row.misprint = D("90.00")  # one printed balance off (digits swapped); the rows before and after agree
        return [("balance_misprint", day(2026, 6, 12), "A JONES WAGES")]
    if kind == "council_payment_missing":
        account.remove(day(2026, 8, 24), "NORTHFIELD COUNCIL")
        account.opening += D("1920.00")  # so the missing payment does not also overdraw the account
        return [("council_payment_missing", day(2026, 8, 24), None)]
    if kind == "payment_during_suspension":
        row = next(r for r in account.rows if r.date == day(2026, 6, 29) and r.description.startswith("NORTHFIELD"))
        row.amount = D("1920.00")
        return [("payment_during_suspension", day(2026, 6, 29), "NORTHFIELD COUNCIL DP")]
    if kind == "contribution_shortfall":
        account.remove(day(2026, 8, 4), "MR P CLIENT")
        return [("contribution_shortfall", day(2026, 8, 3), None)]
    if kind == "council_overpayment":
        account.add(day(2026, 9, 8), "NORTHFIELD COUNCIL DP", "480.00")  # no payment was due that day
        return [("council_overpayment", day(2026, 9, 8), "NORTHFIELD COUNCIL DP")]
    if kind == "surplus":
        account.opening += D("6000.00")
        return [("surplus", END, None)]  # the closing balance's day: the last row, a card check on the last day
    if kind == "household_payment":
        account.plan["household"] = ["B CLIENT"]
        account.add(day(2026, 9, 2), "B CLIENT", "-60.00")
        return [("household_payment", day(2026, 9, 2), "B CLIENT"), ("unexplained", day(2026, 9, 2), "B CLIENT")]
    if kind == "large_transfer":
        account.add(day(2026, 9, 9), "TFR TO 40-11-22 88776655", "-1000.00")
        return [("large_transfer", day(2026, 9, 9), "TFR TO 40-11-22 88776655"),
                ("unexplained", day(2026, 9, 9), "TFR TO 40-11-22 88776655")]
    raise ValueError(kind)


def plant_many_unexplained(account: Account, count: int) -> Planted:
    """``count`` payments out that no rule explains, one a week from 14 April (a screen or report
    with many flags)."""
    planted = []
    for n in range(count):
        day = dt.date(2026, 4, 14) + dt.timedelta(weeks=n % 24, days=n // 24)
        description = f"CORNER SHOP {n + 1:02d}"
        account.add(day, description, f"-{5 + n}.00")
        planted.append(("unexplained", day, description))
    return planted


# ---- writers -------------------------------------------------------------------------------

def _money(value: Decimal, pound: bool = False, thousands: bool = False) -> str:
    text = f"{abs(value):,.2f}" if thousands else f"{abs(value):.2f}"
    return ("£" if pound else "") + text


def write_csv_signed(account: Account, path: Path) -> Path:
    """Date (ISO), Description, Amount (signed), Balance; oldest first."""
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Date", "Description", "Amount", "Balance"])
        for row, balance in account.shown():
            w.writerow([row.date.isoformat(), row.description, f"{row.amount:.2f}", f"{balance:.2f}"])
    return path


def write_csv_paid(account: Account, path: Path) -> Path:
    """A few lines about the account, then Date (31/01/2026), Transaction type, Description,
    Paid out, Paid in, Balance with £ and thousands separators; newest first."""
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Account name:", "Direct payment account"])
        w.writerow(["Account number:", "****5678"])
        w.writerow([])
        w.writerow(["Date", "Transaction type", "Description", "Paid out", "Paid in", "Balance"])
        for row, balance in reversed(account.shown()):
            out = _money(row.amount, True, True) if row.amount <= 0 else ""  # a card check of 0.00 is money out
            into = _money(row.amount, True, True) if row.amount > 0 else ""
            sign = "-" if balance < 0 else ""
            w.writerow([row.date.strftime("%d/%m/%Y"), "FPO" if row.amount < 0 else "FPI", row.description, out, into,
                        sign + _money(balance, True, True)])
    return path


def write_csv_money(account: Account, path: Path) -> Path:
    """Date (31 Jan 2026), Description, Money in, Money out, Balance; thousands separators."""
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Date", "Description", "Money In", "Money Out", "Balance (£)"])
        for row, balance in account.shown():
            w.writerow([row.date.strftime("%d %b %Y"), row.description,
                        _money(row.amount, thousands=True) if row.amount > 0 else "",
                        _money(row.amount, thousands=True) if row.amount <= 0 else "",
                        f"{balance:,.2f}"])
    return path


def write_csv_card(account: Account, path: Path) -> Path:
    """A prepaid card export: Transaction Date, Merchant, Debit, Credit, and no balance."""
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Transaction Date", "Merchant", "Debit", "Credit"])
        for row, _balance in account.shown():
            w.writerow([row.date.strftime("%d/%m/%Y"), row.description,
                        f"{abs(row.amount):.2f}" if row.amount <= 0 else "", f"{row.amount:.2f}" if row.amount > 0 else ""])
    return path


def write_xlsx(account: Account, path: Path) -> Path:
    """An Excel sheet: a title row, then Date (date cells), Description, Paid in, Paid out, Balance."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Statement"])
    sheet.append(["Date", "Description", "Paid in", "Paid out", "Balance"])
    for row, balance in account.shown():
        sheet.append([dt.datetime.combine(row.date, dt.time()), row.description,
                      float(row.amount) if row.amount > 0 else None, float(abs(row.amount)) if row.amount <= 0 else None,
                      float(balance)])
    book.save(path)
    return path


def write_ofx(account: Account, path: Path, start: dt.date = START, end: dt.date = END, rows=None) -> Path:
    """An OFX 1.02 (SGML) bank statement with its stated period and ledger balance."""
    shown = account.shown() if rows is None else rows
    lines = [
        "OFXHEADER:100", "DATA:OFXSGML", "VERSION:102", "SECURITY:NONE", "ENCODING:USASCII", "CHARSET:1252",
        "COMPRESSION:NONE", "OLDFILEUID:NONE", "NEWFILEUID:NONE", "",
        "<OFX>", "<SIGNONMSGSRSV1>", "<SONRS>", "<STATUS>", "<CODE>0", "<SEVERITY>INFO", "</STATUS>",
        "<DTSERVER>20261020120000", "<LANGUAGE>ENG", "</SONRS>", "</SIGNONMSGSRSV1>",
        "<BANKMSGSRSV1>", "<STMTTRNRS>", "<TRNUID>1", "<STATUS>", "<CODE>0", "<SEVERITY>INFO", "</STATUS>",
        "<STMTRS>", "<CURDEF>GBP", "<BANKACCTFROM>", "<BANKID>401122", "<ACCTID>88775678", "<ACCTTYPE>CHECKING",
        "</BANKACCTFROM>", "<BANKTRANLIST>", f"<DTSTART>{start:%Y%m%d}", f"<DTEND>{end:%Y%m%d}",
    ]
    for number, (row, _balance) in enumerate(shown):
        lines += ["<STMTTRN>", f"<TRNTYPE>{'CREDIT' if row.amount > 0 else 'DEBIT'}", f"<DTPOSTED>{row.date:%Y%m%d}",
                  f"<TRNAMT>{row.amount:.2f}", f"<FITID>{number:06d}", f"<NAME>{row.description[:32]}", "</STMTTRN>"]
    closing = shown[-1][1]
    lines += ["</BANKTRANLIST>", "<LEDGERBAL>", f"<BALAMT>{closing:.2f}", f"<DTASOF>{end:%Y%m%d}", "</LEDGERBAL>",
              "</STMTRS>", "</STMTTRNRS>", "</BANKMSGSRSV1>", "</OFX>", ""]
    path.write_text("\r\n".join(lines), encoding="ascii")
    return path


CSV_WRITERS = {"signed": write_csv_signed, "paid": write_csv_paid, "money": write_csv_money}
WRITERS = {**CSV_WRITERS, "card": write_csv_card, "xlsx": write_xlsx, "ofx": write_ofx}
SUFFIX = {"xlsx": ".xlsx", "ofx": ".ofx"}


def write(account: Account, style: str, folder: Path, name: str = "statement") -> Path:
    """Write the account's statement in ``style`` (see WRITERS) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    return WRITERS[style](account, folder / f"{name}{SUFFIX.get(style, '.csv')}")


def random_account(rng: random.Random, number: int) -> Account:
    """A varied account for benchmarks: wages, council amount and a few extra payments differ."""
    account = Account.base(reference=f"DP-{number:06d}", wage=D(rng.choice(["380.00", "400.00", "420.00", "440.00"])),
                           opening=D(rng.randrange(1500, 9000)))
    for _ in range(rng.randrange(0, 4)):
        day = START + dt.timedelta(days=rng.randrange(0, 180))
        account.add(day, rng.choice(["AMAZON MKTPLACE", "CASH WITHDRAWAL ATM", "BOOTS PHARMACY", "DBS CHECK FEE"]),
                    f"-{rng.randrange(5, 120)}.{rng.randrange(0, 100):02d}")
    return account
