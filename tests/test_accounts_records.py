"""The account audit tables: the migration goes up and down on each engine, and the store keeps
an audit, its flags and decisions, with the audit trail in the same transaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from records_support import database, database_url  # noqa: F401  (fixtures)
from sqlalchemy import inspect

from accounts_support import Account, plant, write
from guidance.accounts.audit import audit_files
from guidance.records.accounts import AccountAuditStore, UnknownAudit, statement_digests
from guidance.records.audit import AuditTrail

REPO = Path(__file__).resolve().parents[1]


def test_migration_down_and_up(database):
    from alembic import command
    from alembic.config import Config

    from guidance.records.migrate import MIGRATIONS, upgrade_schema
    from guidance.records.schema import HEAD

    with database.read() as conn:
        assert {"account_audits", "account_flags"} <= set(inspect(conn).get_table_names())
    with database.write() as conn:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        command.downgrade(config, "0002")
    with database.read() as conn:
        assert not {"account_audits", "account_flags"} & set(inspect(conn).get_table_names())
    assert upgrade_schema(database)[1] == HEAD


def test_store_keeps_audit_flags_and_decisions(database, tmp_path):
    account = Account.base()
    plant(account, "cash")
    plant(account, "surplus")
    plan = account.write_plan(tmp_path / "plan.yaml")
    statement = write(account, "signed", tmp_path / "person-name-folder")
    audit = audit_files(plan, [statement], REPO / "content")
    store = AccountAuditStore(database)
    audit_id = store.add(audit, statement_digests([statement]), "2026.11.1")
    record = store.get(audit_id)
    assert record.figures["surplus"] == str(audit.reconciliation.surplus)
    assert [(f.kind, f.file) for f in record.flags] == [("cash", "statement.csv"), ("surplus", "statement.csv")]
    assert record.statements[0]["name"] == "statement.csv" and "person-name-folder" not in str(record.statements)
    store.decide(audit_id, 2, "recover", "invoice sent")
    store.decide(audit_id, 2, "explained")
    assert store.get(audit_id).flags[1].decision == "explained"
    with pytest.raises(ValueError, match="unknown decision"):
        store.decide(audit_id, 1, "ignore")
    with pytest.raises(UnknownAudit):
        store.decide("nope", 1, "query")
    trail = [(e.action, e.detail) for e in AuditTrail(database).entries() if e.subject_id == audit_id]
    assert [a for a, _ in trail] == ["account.audit", "account.flag.decide", "account.flag.decide"]
    assert trail[2][1]["previous"] == "recover" and "invoice sent" not in str(trail)
    assert [r.id for r in store.list("DP-000001")] == [audit_id] and store.list("DP-OTHER") == []


def test_an_officer_signed_in_through_serve_sees_and_decides_only_their_own_audits(database, tmp_path, monkeypatch):
    account = Account.base()
    plant(account, "cash")
    plan = account.write_plan(tmp_path / "plan.yaml")
    statement = write(account, "signed", tmp_path / "s")
    audit = audit_files(plan, [statement], REPO / "content")
    store = AccountAuditStore(database)
    ids = {}
    for officer in ("alice", "bob"):
        monkeypatch.setenv("GUIDANCE_OFFICER", officer)
        ids[officer] = store.add(audit, statement_digests([statement]))
    assert len(store.list()) == 2  # one person's machine: everything
    monkeypatch.setenv("GUIDANCE_OFFICER_ONLY", "1")
    assert [r.id for r in store.list()] == [ids["bob"]] and store.get(ids["bob"]).officer == "bob"
    with pytest.raises(UnknownAudit):
        store.get(ids["alice"])
    with pytest.raises(UnknownAudit):
        store.decide(ids["alice"], 1, "recover")
    monkeypatch.delenv("GUIDANCE_OFFICER_ONLY")
    assert store.get(ids["alice"]).flags[0].decision is None
