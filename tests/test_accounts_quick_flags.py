"""The quick ways flags are found give exactly what the plain row-by-row ways give.

Duplicates are found a column at a time (the rows put in order of payee and amount); here the
plain way, row by row with the last payment like each one remembered, is the reference, on many
made-up sets of payments out (synthetic, never real people's data). Amounts written as money
are remembered once written: equal amounts however written give one text, and each is the text
the money kind writes.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from guidance.accounts import money
from guidance.accounts.flags import DUPLICATE_DAYS, _duplicates, _Rows
from guidance.accounts.money import money_text
from guidance.accounts.reconcile import Entry
from guidance.accounts.statements import Transaction, normalise
from guidance.content.formatting import money as money_kind

PAYEES = ("A JONES WAGES", "a jones  wages", "CAREPAY PAYROLL LTD", "NEST PENSIONS", "BOOTS", "boots")
AMOUNTS = ("-12.00", "-12.0", "-420.00", "-40.00", "-0.00", "-5.50")


def _row_by_row(paid_out):
    """(line of the row, line of the payment like it before) of each duplicate, the plain way."""
    last_seen, out = {}, []
    for e in paid_out:
        key = (normalise(e.tx.description), e.tx.amount)
        before = last_seen.get(key)
        if before is not None and (e.tx.date - before.tx.date).days <= DUPLICATE_DAYS:
            out.append((e.tx.line, before.tx.line))
        last_seen[key] = e
    return sorted(out)


def _payments(rng: random.Random, count: int) -> list[Entry]:
    day, out = dt.date(2026, 4, 6), []
    for line in range(2, count + 2):
        day += dt.timedelta(days=rng.choice((0, 0, 1, 2, 3, 4, 7)))
        tx = Transaction(day, rng.choice(PAYEES), Decimal(rng.choice(AMOUNTS)), None, "s.csv", line)
        out.append(Entry(tx, "care_other", "", Decimal("0.00")))
    return out


@pytest.mark.parametrize("seed", range(40))
def test_duplicates_found_a_column_at_a_time_are_those_found_row_by_row(seed):
    paid_out = _payments(random.Random(seed), random.Random(seed).randrange(0, 40))
    rows = _Rows(paid_out=paid_out, spending=[], taxes=[], wages=[], council=[], lowest=Decimal("0.00"))
    found = list(_duplicates(None, rows, None, None, None))
    lines = {e.tx.line: e for e in paid_out}
    assert sorted((f.line, int(f.message.rsplit(":", 1)[1].split(")")[0])) for f in found) == _row_by_row(paid_out)
    for f in found:
        e = lines[f.line]
        assert (f.kind, f.date, f.amount) == ("duplicate", e.tx.date, -e.tx.amount)


def test_some_made_up_payments_hold_duplicates_and_some_do_not():
    """The sets above are varied: the comparison is not only of empty lists."""
    counts = [len(_row_by_row(_payments(random.Random(seed), random.Random(seed).randrange(0, 40)))) for seed in range(40)]
    assert any(counts) and not all(counts)


@pytest.mark.parametrize("order", [1, -1])
def test_money_is_written_the_same_however_the_amount_is_written_and_whatever_was_written_before(order, monkeypatch):
    monkeypatch.setattr(money, "MONEY_TEXTS", {})
    values = [Decimal(t) for t in ("1.00", "1.0", "1", "-0.00", "0", "0.00", "-0", "1.005", "1.0050", "-12.345",
                                   "1234.5", "-1234.50", "0.004", "-0.004")][::order]
    assert [money_text(v) for v in values] == [money_kind(v) for v in values]
    assert [money_text(v) for v in values] == [money_kind(v) for v in values]  # remembered now
    assert money_text(Decimal("-0.00")) == "£0.00" and money_text(Decimal("1.005")) == "£1.01"
