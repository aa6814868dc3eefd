"""A command given an id that names nothing says what is missing: an audit that is not recorded is
"no account audit", not "no flag" on it."""

from __future__ import annotations

import json

from records_support import database_url  # noqa: F401  (fixture)

from accounts_support import Account, plant, write
from guidance.cli import main


def test_deciding_on_an_audit_that_is_not_recorded_names_the_audit(capsys, database_url):
    assert main(["account", "decide", "nope", "1", "query"]) == 1
    err = capsys.readouterr().err
    assert "no account audit 'nope'" in err and "no flag" not in err and "account list" in err


def test_deciding_on_a_flag_the_audit_has_not_names_the_flag(capsys, tmp_path, database_url):
    account = Account.base()
    plant(account, "cash")
    plan = account.write_plan(tmp_path / "plan.yaml", opening_balance=str(account.opening))
    assert main(["account", "audit", "--plan", str(plan), str(write(account, "paid", tmp_path))]) == 0
    capsys.readouterr()
    assert main(["account", "list", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert main(["account", "decide", row["id"], "9", "query"]) == 1
    err = capsys.readouterr().err
    assert f"no flag 9 on account audit '{row['id']}': it has 1 flag " in err


def test_showing_an_audit_that_is_not_recorded_says_where_to_look(capsys, database_url):
    assert main(["account", "show", "nope"]) == 1
    assert "no account audit 'nope' (see 'guidance account list')" in capsys.readouterr().err

