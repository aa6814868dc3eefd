"""What keeps a batch audit quick, without changing any result: work that only some statements
need is done only for them, and what every account of a batch shares is worked out once.

Each test shows the quick way is taken, and that what it gives is what the full way gives."""

from __future__ import annotations

import contextlib
import random
import re

from accounts_support import random_account, write
from guidance.accounts import statements
from guidance.accounts.statements import read_statement, read_statements


def test_a_csv_statement_is_read_without_quieting_the_reading_libraries(tmp_path, monkeypatch):
    """Only the OFX and Excel readers log or warn (quoting the statement): a CSV file is read by
    the csv module, so the loggers and warnings are left as they are."""
    account = random_account(random.Random(3), 0)
    path = write(account, "paid", tmp_path)
    before = read_statement(path)
    entered = []

    @contextlib.contextmanager
    def counted():
        entered.append(1)
        yield

    monkeypatch.setattr(statements, "libraries_quiet", counted)
    assert read_statement(path) == before
    assert entered == []
    assert statements.QUIET_SUFFIXES == (".ofx", ".qfx", ".xlsx", ".xlsm")


def test_a_reference_is_checked_for_a_title_or_postcode_once(monkeypatch):
    """``check`` looks for a title or a postcode once (not again inside ``looks_like_a_name``),
    and every pattern it uses is compiled once, not looked up in ``re``'s cache at each call;
    what it accepts and refuses is unchanged (tests/test_references.py)."""
    from guidance import references

    seen = []
    real = references._looks_personal
    monkeypatch.setattr(references, "_looks_personal", lambda text: seen.append(text) or real(text))
    monkeypatch.setattr(references, "re", _CompileOnly())
    assert references.DEFAULT.check("dp-004512") == "DP-004512"
    assert seen == ["dp-004512"]
    assert references.looks_like_a_name("Ann Jones") and not references.looks_like_a_name("DP-004512")


class _CompileOnly:
    """``re`` with only what compiles a pattern (or names a flag): a pattern given as text to
    ``re.search`` and the like is looked up in ``re``'s cache at every call."""

    def __getattr__(self, name):
        if name in ("fullmatch", "match", "search", "findall", "sub"):
            raise AssertionError(f"re.{name} with a pattern as text, at each call")
        return getattr(re, name)


def test_a_credit_matched_on_another_day_shares_its_reason():
    """The reason of a credit paid late or early is made once for each payment reason and number
    of days: the same words, the same object."""
    from guidance.accounts.reconcile import _dated_reason, _due_reason

    import datetime as dt

    reason = _due_reason("contribution", dt.date(2026, 4, 6))
    assert _dated_reason(reason, 3) is _dated_reason(reason, 3)
    assert _dated_reason(reason, 3)[1] == "contribution payment due 2026-04-06, paid 3 days late"
    assert _dated_reason(reason, -1)[1] == "contribution payment due 2026-04-06, paid 1 day early"
    assert _dated_reason(reason, 0) is reason


def test_only_payments_due_in_the_last_month_are_looked_at_for_money_paid_ahead(tmp_path, monkeypatch):
    """A payment's cycle lasts at most a month (``MAX_CYCLE_DAYS``), so one due more than that
    before the period ends cannot pay for days after it: its cycle's end is not worked out."""
    from guidance.accounts import schedule
    from guidance.accounts.audit import audit_files

    account = random_account(random.Random(5), 0)
    plan, statement = account.write_plan(tmp_path / "plan.yaml"), write(account, "paid", tmp_path)
    before = audit_files(plan, [statement]).reconciliation
    asked = []
    real = schedule.Due.cycle_end
    monkeypatch.setattr(schedule.Due, "cycle_end", property(lambda due: asked.append(due.date) or real.fget(due)))
    after = audit_files(plan, [statement]).reconciliation
    assert after == before
    assert asked and all((before.end - day).days < schedule.MAX_CYCLE_DAYS for day in asked)


def test_duplicates_found_in_one_pass_are_those_of_every_pair(tmp_path):
    """Each payment out like the last one before it to the same payee (same amount) within
    DUPLICATE_DAYS is flagged, found in one pass: the same as comparing every payment with the
    one before it of its payee and amount."""
    from guidance.accounts.audit import audit_files
    from guidance.accounts.flags import DUPLICATE_DAYS
    from guidance.accounts.statements import normalise

    rng = random.Random(11)
    for number in range(20):
        account = random_account(rng, number)
        for day in (10, 11, 16):  # payments alike a day or more apart, some within the days, some not
            account.add(account.rows[0].date.replace(day=day), "MARK BATES LTD", "-96.50")
        home = tmp_path / str(number)
        home.mkdir()
        audit = audit_files(account.write_plan(home / "plan.yaml"), [write(account, "paid", home)])
        groups: dict = {}
        for e in audit.reconciliation.entries:
            if e.tx.amount < 0:
                groups.setdefault((normalise(e.tx.description), e.tx.amount), []).append(e)
        expected = sorted((e.tx.line, e.tx.date) for group in groups.values() for before, e in zip(group, group[1:])
                          if (e.tx.date - before.tx.date).days <= DUPLICATE_DAYS)
        assert sorted((f.line, f.date) for f in audit.flags if f.kind == "duplicate") == expected
        assert expected


def test_a_file_is_read_whole_with_its_size_checked_first(tmp_path):
    """``fileio.read_bytes``: what ``Path.read_bytes`` gives, with one open; a file above the
    limit is refused before it is read; a folder is refused as ``open`` refuses it; a file
    whose size says nothing (``/proc``) is read to its end."""
    import os

    import pytest

    from guidance.fileio import FileTooLarge, read_bytes

    path = tmp_path / "statement.csv"
    for data in (b"", b"x", bytes(range(256)) * 300):
        path.write_bytes(data)
        assert read_bytes(path) == data == read_bytes(str(path), limit=len(data))
    with pytest.raises(FileTooLarge) as refused:
        read_bytes(path, limit=100)
    assert refused.value.size == 256 * 300
    with pytest.raises(IsADirectoryError):
        read_bytes(tmp_path)
    with pytest.raises(FileNotFoundError):
        read_bytes(tmp_path / "missing.csv")
    if os.path.exists("/proc/self/status"):
        assert read_bytes("/proc/self/status").startswith(b"Name:")


def test_a_csv_statement_and_a_plan_are_each_opened_once(tmp_path, monkeypatch):
    """Reading a plan and a CSV statement opens each file once and asks its size once (the
    plan's is asked as a link is looked for); one statement alone is not looked at for being
    given twice. The results are those read before."""
    import os

    from guidance.accounts.plan import load_plan

    account = random_account(random.Random(8), 0)
    plan_path, path = account.write_plan(tmp_path / "plan.yaml"), write(account, "paid", tmp_path)
    before = (load_plan(plan_path), read_statements([path]))
    calls = []
    for name in ("open", "stat", "lstat", "fstat"):
        real = getattr(os, name)
        monkeypatch.setattr(os, name, lambda *a, _real=real, _name=name, **k: calls.append(_name) or _real(*a, **k))
    assert (load_plan(plan_path), read_statements([path])) == before
    assert sorted(calls) == ["fstat", "fstat", "lstat", "open", "open"]
