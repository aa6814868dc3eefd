"""The records database on both engines: sessions, calls, the audit trail, migrations and
several processes writing at once. Each test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from records_support import database, database_url, make_database_url  # noqa: F401  (fixtures)
from sqlalchemy import text

from guidance.records.audit import AuditTrail
from guidance.records.calls import CallStore
from guidance.records.database import Database
from guidance.records.sessions import SqlSessionStore
from guidance.records.store import FINISHED, StoreError, UnknownSession

ON = dt.date(2026, 11, 25)
WRITER = Path(__file__).resolve().parent / "records_writer.py"


def test_sessions_round_trip_and_audit(database, monkeypatch):
    monkeypatch.setenv("GUIDANCE_OFFICER", "officer-a")
    store = SqlSessionStore(database)
    record = store.create("pa_off_sick", 2, "2026.11.0", ON, '{"trail":["a"]}', label="call 1")
    store.record(record.id, "answer", "a", "true", '{"trail":["a","b"]}')
    store.record(record.id, "answer", "b", '"x"', '{"trail":["a","b","c"]}', status=FINISHED)
    got = store.get(record.id)
    assert (got.status, got.steps, got.label, got.on) == (FINISHED, 2, "call 1", ON)
    assert got.started_at <= got.updated_at and got.updated_at.endswith("Z")
    assert [(e.seq, e.kind, e.node) for e in store.events(record.id)] == [(0, "start", None), (1, "answer", "a"), (2, "answer", "b")]
    assert [r.id for r in store.list(status=FINISHED)] == [record.id]
    assert store.list(status="active") == [] and store.list(flow_id="other") == []
    store.delete(record.id)
    with pytest.raises(UnknownSession):
        store.get(record.id)
    with pytest.raises(UnknownSession):
        store.record(record.id, "answer", "a", "1", "{}")
    entries = AuditTrail(database).entries(subject_id=record.id)
    assert [(e.action, e.actor, e.content_release) for e in entries] == [
        ("session.start", "officer-a", "2026.11.0"), ("session.finish", "officer-a", "2026.11.0"),
        ("session.delete", "officer-a", "2026.11.0")]
    assert entries[0].detail == {"flow": "pa_off_sick", "flow_version": 2}


def test_calls_round_trip_and_audit(database):
    calls = CallStore(database)
    call_id = calls.start("AB-123", "2026.11.2")
    calls.add_item(call_id, "page", "holiday-pay", "Holiday pay", "3")
    calls.add_item(call_id, "page", "holiday-pay", "Holiday pay", "3")
    calls.add_item(call_id, "flow", "pa_off_sick", "PA off sick", "2")
    calls.save_notes(call_id, "Explained holiday pay.")
    calls.finish(call_id, "the note")
    calls.finish(call_id, "the note, corrected")
    call = calls.get(call_id)
    assert call.status == "closed" and call.case_note == "the note, corrected" and call.notes == "Explained holiday pay."
    assert [i.item_id for i in call.items] == ["holiday-pay", "pa_off_sick"]
    assert [c.id for c in calls.list(status="closed")] == [call_id]
    entries = AuditTrail(database).entries(subject_id=call_id)
    assert [(e.action, e.content_release, e.detail) for e in entries] == [
        ("call.start", "2026.11.2", {}), ("call.end", "2026.11.2", {"items": 2})]
    assert "AB-123" not in repr(entries)
    with pytest.raises(LookupError):
        calls.add_item("nope", "page", "x", "X", None)


def test_the_audit_trail_cannot_be_changed(database):
    trail = AuditTrail(database)
    trail.record("records.export", detail={"n": 1})
    for statement in ("UPDATE audit SET actor = 'someone else'", "DELETE FROM audit"):
        with pytest.raises(StoreError, match="append-only"):
            with database.write() as conn:
                conn.execute(text(statement))
    assert [e.actor for e in trail.entries()] == [trail.entries()[0].actor] and len(trail.entries()) == 1


def test_a_newer_schema_is_refused(database_url):
    db = Database(database_url)
    with db.write() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.close()
    with pytest.raises(StoreError, match="newer version of guidance"):
        Database(database_url, upgrade=True)


def test_a_shared_database_behind_says_what_to_run(tmp_path, request):
    url, cleanup = make_database_url("postgresql", tmp_path)
    request.addfinalizer(cleanup)
    with pytest.raises(StoreError, match="run 'guidance db upgrade'"):
        Database(url)
    from guidance.cli import main

    assert main(["--database", url, "db", "upgrade"]) == 0
    Database(url).close()


def test_a_file_from_before_migrations_is_adopted(tmp_path):
    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path)
    old.executescript("""
        CREATE TABLE sessions (id TEXT PRIMARY KEY, flow_id TEXT NOT NULL, flow_version INTEGER NOT NULL,
            content_release TEXT NOT NULL, on_date TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'active',
            state TEXT NOT NULL, label TEXT, steps INTEGER NOT NULL DEFAULT 0,
            started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')));
        CREATE TABLE session_events (session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL, kind TEXT NOT NULL, node TEXT, value TEXT, flow_version INTEGER NOT NULL,
            at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), PRIMARY KEY (session_id, seq));
        INSERT INTO sessions (id, flow_id, flow_version, content_release, on_date, state) VALUES ('abc', 'f', 1, 'r', '2026-01-02', '{}');
        INSERT INTO session_events (session_id, seq, kind, flow_version) VALUES ('abc', 0, 'start', 1);
        PRAGMA user_version=1;
    """)
    old.close()
    store = SqlSessionStore(Database.sqlite(path))
    assert store.get("abc").on == dt.date(2026, 1, 2)
    store.record("abc", "answer", "q", "1", "{}")
    assert [e.seq for e in store.events("abc")] == [0, 1]
    store.close()


def test_sessions_keep_their_mode_and_old_ones_are_the_officers(database):
    """A session remembers the mode it was run in; listing by mode gives only that mode's, and a
    session from before modes were kept (the column added by 0006_session_mode) counts as the
    officer's."""
    from alembic import command
    from alembic.config import Config

    from guidance.records.migrate import MIGRATIONS, upgrade_schema
    from guidance.records.schema import HEAD

    store = SqlSessionStore(database)
    old = store.create("pa_off_sick", 1, "r", ON, "{}", None)
    with database.write() as conn:  # back to the schema before modes: the column goes
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        command.downgrade(config, "0005_h16")
        assert "mode" not in conn.execute(text("SELECT * FROM sessions")).keys()
    assert upgrade_schema(database)[1] == HEAD
    assert store.get(old.id).mode == "officer"
    officer = store.create("hiring_a_pa", 1, "r", ON, "{}", None, mode="officer")
    recipient = store.create("hiring_a_pa", 1, "r", ON, "{}", None, mode="recipient")
    assert store.get(recipient.id).mode == "recipient"
    assert {r.id for r in store.list(mode="officer")} == {old.id, officer.id}
    assert [r.id for r in store.list(mode="recipient")] == [recipient.id]
    assert {r.id for r in store.list()} == {old.id, officer.id, recipient.id}
    with pytest.raises(ValueError, match="not 'caller'"):
        store.create("hiring_a_pa", 1, "r", ON, "{}", None, mode="caller")


def test_migrations_head_matches_the_schema():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from guidance.records.migrate import MIGRATIONS, REVISIONS
    from guidance.records.schema import HEAD

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(config)
    assert script.get_heads() == [HEAD] == [REVISIONS[-1]]
    assert [r.revision for r in script.walk_revisions()][::-1] == list(REVISIONS)


def test_parallel_writers_lose_nothing(database):
    """8 processes x 500 answers, each answer its own transaction, plus one call they all add to."""
    writers, answers, items = 8, 500, 25
    calls = CallStore(database)
    shared = calls.start("REF-1", "test-release")
    procs = [subprocess.Popen([sys.executable, str(WRITER), database.url, str(answers), shared, str(items), str(n)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in range(writers)]
    outputs = [proc.communicate(timeout=900) for proc in procs]
    for proc, (out, err) in zip(procs, outputs):
        assert proc.returncode == 0, err
    session_ids = {out.strip() for out, _ in outputs}
    store = SqlSessionStore(database)
    assert len(session_ids) == writers
    for session_id in session_ids:
        record = store.get(session_id)
        assert record.steps == answers and record.state == f'{{"n":{answers - 1}}}'
        assert [e.seq for e in store.events(session_id)] == list(range(answers + 1))
    assert store.count_events() == writers * (answers + 1)
    items_seen = calls.get(shared).items
    assert len(items_seen) == writers * items
    assert len({i.item_id for i in items_seen}) == writers * items
    assert len(AuditTrail(database).entries(action="session.start")) == writers


def test_letters_issued_round_trip_and_audit(database, monkeypatch):
    from guidance.records.letters import LetterRecord, LetterStore, UnknownLetter

    monkeypatch.setenv("GUIDANCE_OFFICER", "officer-b")
    store = LetterStore(database)
    record = LetterRecord(template_id="t", template_version=2, template_digest="d" * 64, content_release="2026.11.0", on=ON,
                          reference="DP-1", format="txt", large_print=False, data={"name": "Ann Example"}, snapshot={"rates": {}},
                          output_sha256="0" * 64, batch="b1")
    ids = store.add_many([(record, "Dear {{ name }}"), (record, "Dear {{ name }}")])
    got = store.get(ids[0])
    assert (got.reference, got.data, got.on, got.batch) == ("DP-1", {"name": "Ann Example"}, ON, "b1")
    assert store.template_source("d" * 64) == "Dear {{ name }}"
    assert sorted(r.id for r in store.list(reference="DP-1")) == sorted(ids) and store.list(batch="other") == []
    with pytest.raises(UnknownLetter):
        store.get("nope")
    entries = AuditTrail(database).entries(action="letter.issue")
    assert [(e.subject_id, e.actor, e.content_release) for e in entries] == [(i, "officer-b", "2026.11.0") for i in ids]
    assert "Ann Example" not in repr(entries) and "DP-1" not in repr(entries)


def test_an_existing_folder_and_file_keep_their_modes(tmp_path, capsys):
    import os
    import stat

    from guidance.cli import main

    shared = tmp_path / "team-share"
    shared.mkdir()
    os.chmod(shared, 0o2775)
    path = shared / "records.sqlite3"
    assert main(["--database", f"sqlite:///{path}", "db", "upgrade"]) == 0
    assert stat.S_IMODE(os.stat(shared).st_mode) == 0o2775  # the share keeps its group access
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600  # the file guidance made is private
    os.chmod(path, 0o660)
    assert main(["--database", f"sqlite:///{path}", "db", "upgrade"]) == 0
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o660 and stat.S_IMODE(os.stat(shared).st_mode) == 0o2775
    made = tmp_path / "new" / "deeper" / "records.sqlite3"
    Database.sqlite(made).close()
    assert [stat.S_IMODE(os.stat(p).st_mode) for p in (made.parent.parent, made.parent, made)] == [0o700, 0o700, 0o600]


def test_db_status_makes_no_database(tmp_path, capsys):
    """Looking at the records database must not make one: a missing file is said plainly, and
    no file or folder appears."""
    from guidance.cli import main

    path = tmp_path / "not-yet" / "records.sqlite3"
    assert main(["--database", f"sqlite:///{path}", "db", "status"]) == 1
    err = capsys.readouterr().err
    assert f"no records database at {path}" in err and "Traceback" not in err
    assert not path.exists() and not path.parent.exists()
    assert main(["--database", f"sqlite:///{path}", "db", "status", "--json"]) == 1
    assert not path.exists()
    assert main(["--database", f"sqlite:///{path}", "db", "upgrade"]) == 0
    capsys.readouterr()
    assert main(["--database", f"sqlite:///{path}", "db", "status"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_a_failed_open_changes_no_mode(tmp_path):
    import os
    import stat

    folder = tmp_path / "share"
    folder.mkdir()
    os.chmod(folder, 0o755)
    path = folder / "records.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    os.chmod(path, 0o644)
    with pytest.raises(StoreError):
        Database.sqlite(path)
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o755 and stat.S_IMODE(os.stat(path).st_mode) == 0o644


@pytest.mark.parametrize("url", [
    "postgresql+psycopg://officer:TopSecret1@127.0.0.1:1/records?password=TopSecret2&sslpassword=TopSecret3&sslmode=disable",
    "postgresql://officer:Top@Secret1/x@127.0.0.1:1/records?connect_timeout=1",
    "postgresql://127.0.0.1:1/records?PASSWORD=TopSecret2&passfile=/home/o/TopSecret4",
])
def test_no_secret_part_of_a_database_url_is_ever_printed(url, capsys):
    from guidance.cli import main
    from guidance.records.database import safe_url

    shown = safe_url(url)
    assert "Secret" not in shown and "127.0.0.1:1/records" in shown
    for argv in (["db", "status"], ["db", "status", "--json"], ["db", "upgrade"], ["records", "purge", "--older-than", "6y", "--dry-run"]):
        assert main(["--database", url, *argv]) == 1
        captured = capsys.readouterr()
        assert "Secret" not in captured.out + captured.err and "error" in captured.err


def test_db_status_hides_the_password_of_a_database_it_reaches(database_url, capsys):
    from guidance.cli import main

    if not database_url.startswith("postgresql"):
        pytest.skip("a password in the URL is a PostgreSQL matter")
    joiner = "&" if "?" in database_url else "?"
    assert main(["--database", f"{database_url}{joiner}password=TopSecret2", "db", "status"]) == 0
    out = capsys.readouterr().out
    assert "TopSecret" not in out and "password=" in out


def test_an_officer_signed_in_through_serve_sees_only_their_own_records(database, monkeypatch):
    from guidance.records.letters import LetterStore, LetterRecord
    from guidance.records.store import ACTIVE

    sessions, calls, letters = SqlSessionStore(database), CallStore(database), LetterStore(database)
    mine, theirs = {}, {}
    for officer, kept in (("alice", mine), ("bob", theirs)):
        monkeypatch.setenv("GUIDANCE_OFFICER", officer)
        kept["session"] = sessions.create("pa_off_sick", 1, "r1", dt.date(2026, 11, 25), "{}", label="DP-1").id
        kept["call"] = calls.start("DP-1", "r1")
        kept["letter"] = letters.add(LetterRecord("t", 1, "d" * 64, "r1", dt.date(2026, 11, 25), "DP-1", "txt", False, {}, {}, "0" * 64), "x")
    monkeypatch.setenv("GUIDANCE_OFFICER", "alice")
    assert len(sessions.list(status=ACTIVE)) == 2 and len(calls.list()) == 2  # one person's machine: everything
    monkeypatch.setenv("GUIDANCE_OFFICER_ONLY", "1")
    assert [s.id for s in sessions.list(status=ACTIVE)] == [mine["session"]]
    assert [c.id for c in calls.list()] == [mine["call"]] and [x.id for x in letters.list()] == [mine["letter"]]
    with pytest.raises(UnknownSession):
        sessions.get(theirs["session"])
    with pytest.raises(UnknownSession):
        sessions.events(theirs["session"])
    with pytest.raises(UnknownSession):
        sessions.record(theirs["session"], "answer", "q", "1", "{}")
    with pytest.raises(LookupError):
        calls.get(theirs["call"])
    with pytest.raises(LookupError):
        calls.add_item(theirs["call"], "page", "holiday-pay", "Holiday pay", "1")
    with pytest.raises(LookupError):
        letters.get(theirs["letter"])
    assert sessions.get(mine["session"]).id == mine["session"] and calls.get(mine["call"]).id == mine["call"]


def test_a_shared_sqlite_file_keeps_group_access_for_its_journal(tmp_path):
    import os
    import stat

    shared = tmp_path / "share"
    shared.mkdir()
    path = shared / "records.sqlite3"
    Database.sqlite(path).close()
    os.chmod(path, 0o660)
    old = os.umask(0o002)
    try:
        database = Database.sqlite(path)
        with database.write() as conn:
            conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS probe (x INTEGER)")
            wal = Path(f"{path}-wal")
            assert wal.exists() and stat.S_IMODE(os.stat(wal).st_mode) & 0o060 == 0o060  # the group can still use it
        database.close()
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o660


def test_letter_drafts_outside_a_call_round_trip_and_their_migration(database, monkeypatch):
    """Drafts of letters written on their own (0008_letter_drafts): kept by id, replaced when
    kept again, listed newest first for their officer, gone when dropped; the migration goes
    down and up again."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import inspect

    from guidance.records.drafts import LetterDraftStore
    from guidance.records.duties import export_person, purge_older_than
    from guidance.records.migrate import MIGRATIONS, upgrade_schema
    from guidance.records.schema import HEAD

    with database.write() as conn:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        command.downgrade(config, "0007_call_drafts")
        assert "letter_drafts" not in inspect(conn).get_table_names()
    assert upgrade_schema(database) == ("0007_call_drafts", HEAD)
    monkeypatch.setenv("GUIDANCE_OFFICER", "officer-a")
    store = LetterDraftStore(database)
    store.save("d1", "advice-follow-up", {"recipient_name": "Ann Example"})
    store.save("d1", "advice-follow-up", {"recipient_name": "Ann Example", "reference": "DP-1"}, reference="DP-1")
    store.save("d2", "pa-off-sick", {"reference": "DP-2"}, session_id="s-9", reference="DP-2")
    monkeypatch.setenv("GUIDANCE_OFFICER", "officer-b")
    store.save("d3", "pa-off-sick", {})
    mine = store.list(officer="officer-a")
    assert {d.id for d in mine} == {"d1", "d2"}  # officer-b's draft is not listed
    assert {d.id: d.data for d in mine}["d1"] == {"recipient_name": "Ann Example", "reference": "DP-1"}
    assert {d.id: d.session_id for d in mine}["d2"] == "s-9"
    found = export_person(database, "dp-1")  # a subject access request finds the draft by its reference
    assert [(d["id"], d["data"]["recipient_name"]) for d in found["letter_drafts"]] == [("d1", "Ann Example")]
    store.drop("d1")
    assert [d.id for d in store.list(officer="officer-a")] == ["d2"]
    assert purge_older_than(database, "9999-01-01", dry_run=True)["letter_drafts"] == 2
    purge_older_than(database, "9999-01-01")
    assert store.list() == []


def test_a_letter_drafts_source_is_kept_and_a_draft_kept_without_one_still_loads(database, monkeypatch):
    """A letter made from an account audit keeps its source (the audit's record, its reference,
    the values it filled in) with its draft, so the letter comes back locked to the audit; a
    draft kept before sources were (its JSON without one) loads with none."""
    from guidance.records.drafts import LetterDraftStore
    from guidance.records.schema import letter_drafts

    monkeypatch.setenv("GUIDANCE_OFFICER", "officer-a")
    store = LetterDraftStore(database)
    source = {"audit_id": "5ef163cfb9a6", "reference": "DP-004512",
              "filled": {"reference": "DP-004512", "balance": "3750.00", "missing_periods": ["28 January 2026 to 1 March 2026"]}}
    store.save("d1", "dp-surplus-repayment", {"reference": "DP-004512", "officer": "Sam Reid"}, reference="DP-004512",
               source=source)
    with database.write() as conn:  # as an earlier version kept it
        conn.execute(letter_drafts.insert().values(id="d0", template_id="advice-follow-up", data='{"recipient_name": "Ann"}',
                                                   session_id=None, reference=None, officer="officer-a", updated_at="2026-01-01"))
    drafts = {d.id: d for d in store.list(officer="officer-a")}
    assert drafts["d1"].source == source
    assert drafts["d1"].data == {"reference": "DP-004512", "officer": "Sam Reid"}  # the source is not a field
    assert drafts["d0"].source is None and drafts["d0"].data == {"recipient_name": "Ann"}
