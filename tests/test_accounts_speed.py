"""What keeps a batch audit quick, without changing any result: work that only some statements
need is done only for them, and what every account of a batch shares is worked out once.

Each test shows the quick way is taken, and that what it gives is what the full way gives."""

from __future__ import annotations

import contextlib
import random

from accounts_support import random_account, write
from guidance.accounts import statements
from guidance.accounts.statements import read_statement


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
