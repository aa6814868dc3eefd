"""Dates are written one way everywhere (as GOV.UK writes them: 6 April 2026), including times
from the records (shown in UK local time) and the balance chart in audit reports."""

import datetime as dt
from decimal import Decimal

from guidance.accounts.chart import svg
from guidance.tui.services import local_time


def test_a_stored_time_is_shown_in_uk_local_time_with_the_date_in_words():
    assert local_time("2026-11-25T14:05:00Z") == "25 November 2026, 14:05"  # GMT
    assert local_time("2026-07-01T13:00:00Z") == "1 July 2026, 14:00"  # BST: an hour ahead
    assert local_time("") == ""


def test_the_balance_chart_writes_its_dates_in_words():
    picture = svg([(dt.date(2026, 4, 6), Decimal("1000.00")), (dt.date(2026, 10, 4), Decimal("2500.00"))], Decimal("800.00"))
    assert ">6 April 2026</text>" in picture and ">4 October 2026</text>" in picture
    assert "on 6 April 2026 to" in picture and "Apr 2026" not in picture.replace("April 2026", "")
