"""Accuracy checks, subject access export and retention purge, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import logging
import os
import stat

import pytest
from records_support import database, database_url  # noqa: F401  (fixtures)
from sqlalchemy import update

from guidance.cli import main
from guidance.records.audit import AuditTrail, reference_digest
from guidance.records.calls import CallStore
from guidance.records.review import ReviewStore
from guidance.records.schema import calls, letter_templates, letters, reviews


def _call(database, monkeypatch, officer: str, ref: str, when: str) -> str:
    monkeypatch.setenv("GUIDANCE_OFFICER", officer)
    store = CallStore(database)
    call_id = store.start(ref, "2026.11.0")
    store.add_item(call_id, "page", "holiday-pay", "Holiday pay", "3")
    store.finish(call_id, "note")
    with database.write() as conn:
        conn.execute(update(calls).where(calls.c.id == call_id).values(started_at=when))
    return call_id


def _letter(database, officer: str, ref: str, when: str, letter_id: str, session_id: str | None = None) -> str:
    with database.write() as conn:
        if not conn.execute(letter_templates.select()).first():
            conn.execute(letter_templates.insert().values(digest="d1", template_id="t", version=1, source="Dear {{ name }}"))
        conn.execute(letters.insert().values(
            id=letter_id, template_id="t", template_version=1, template_digest="d1", content_release="2026.11.0",
            on_date=when[:10], reference=ref, format="txt", large_print=0, data=json.dumps({"name": "Ann Example"}),
            snapshot="{}", output_sha256="0" * 64, session_id=session_id, issued_at=when, officer=officer))
    return letter_id


def test_sampling_is_per_officer_never_twice_and_results_by_officer(database, monkeypatch, capsys):
    recent, old = "2026-11-20T10:00:00.000Z", "2026-11-01T10:00:00.000Z"
    a_calls = [_call(database, monkeypatch, "alice", f"R-{n}", recent) for n in range(20)]
    b_calls = [_call(database, monkeypatch, "bob", f"S-{n}", recent) for n in range(5)]
    old_call = _call(database, monkeypatch, "bob", "S-old", old)
    _letter(database, "bob", "S-1", recent, "L1")
    monkeypatch.setenv("GUIDANCE_OFFICER", "team-leader")
    assert main(["review", "sample", "--percent", "10", "--since", "7d", "--on", "2026-11-25", "--seed", "3", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    by_officer = {o: [r for r in first if r["officer"] == o] for o in ("alice", "bob")}
    assert len(by_officer["alice"]) == 2 and len(by_officer["bob"]) == 1  # ceil(10% of 20), ceil(10% of 6)
    assert {r["item"] for r in by_officer["alice"]} <= set(a_calls)
    assert {r["item"] for r in by_officer["bob"]} <= set(b_calls) | {"L1"}
    assert old_call not in {r["item"] for r in first}
    second = ReviewStore(database).sample(10, "2026-11-18", seed=3)
    assert not {r.item_id for r in second} & {r["item"] for r in first}

    outcomes = ["correct", "wrong", "correct"]
    for row, outcome in zip(first, outcomes):
        assert main(["review", "record", row["id"], "--outcome", outcome, "--note", "feedback given"]) == 0
    assert main(["review", "record", "nope", "--outcome", "correct"]) == 1
    capsys.readouterr()
    assert main(["review", "results", "--json"]) == 0
    results = {row["officer"]: row for row in json.loads(capsys.readouterr().out)}
    expected = {o: sum(1 for r, out in zip(first, outcomes) if r["officer"] == o and out == "correct") for o in ("alice", "bob")}
    for officer in ("alice", "bob"):
        assert results[officer]["checked"] == len(by_officer[officer])
        assert results[officer]["correct"] == expected[officer]
        assert results[officer]["sampled"] == len(by_officer[officer]) + sum(1 for r in second if r.officer == officer)
    assert main(["review", "list", "--pending", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == len(second)
    trail = AuditTrail(database)
    assert len(trail.entries(action="review.sample")) == 2
    checked = trail.entries(action="review.outcome")
    assert [e.detail["outcome"] for e in checked] == outcomes and {e.actor for e in checked} == {"team-leader"}


def test_a_bad_percentage_is_a_plain_error(database, capsys):
    with pytest.raises(SystemExit) as exc:  # a bad option value is a usage error, as for every option
        main(["review", "sample", "--percent", "0"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--percent: must be more than 0" in err and "Traceback" not in err


def test_export_holds_everything_about_one_person_and_is_audited(database, monkeypatch, tmp_path, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    mine = _call(database, monkeypatch, "alice", "P-1", "2026-11-20T10:00:00.000Z")
    _call(database, monkeypatch, "alice", "P-2", "2026-11-20T11:00:00.000Z")
    _letter(database, "alice", "P-1", "2026-11-21T09:00:00.000Z", "L1")
    _letter(database, "alice", "P-2", "2026-11-21T09:30:00.000Z", "L2")
    out = tmp_path / "sar.json"
    assert main(["records", "export", "--person", "P-1", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "P-1" not in captured.out + captured.err and "Ann Example" not in captured.out + captured.err
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    data = json.loads(out.read_text())
    assert [c["id"] for c in data["calls"]] == [mine] and data["calls"][0]["items"][0]["item_id"] == "holiday-pay"
    assert [letter["id"] for letter in data["letters"]] == ["L1"] and data["letters"][0]["data"] == {"name": "Ann Example"}
    entry = AuditTrail(database).entries(action="records.export")[-1]
    assert entry.detail["reference_hmac"] == reference_digest("P-1") and "reference_sha256" not in entry.detail
    assert (entry.detail["calls"], entry.detail["letters"]) == (1, 1)
    assert "P-1" not in json.dumps(entry.detail)
    assert all("P-1" not in r.getMessage() and "Ann Example" not in r.getMessage() for r in caplog.records)


def test_purge_deletes_only_what_is_past_retention(database, monkeypatch, capsys):
    old = _call(database, monkeypatch, "alice", "P-1", "2020-11-20T10:00:00.000Z")
    kept = _call(database, monkeypatch, "alice", "P-1", "2020-11-26T10:00:00.000Z")
    _letter(database, "alice", "P-1", "2019-01-01T09:00:00.000Z", "L-old")
    ReviewStore(database).sample(100, "2000-01-01", seed=1)
    assert main(["records", "purge", "--older-than", "6y", "--on", "2026-11-25", "--dry-run"]) == 0
    assert "Would delete records from before 2020-11-25: 0 sessions, 1 call, 1 letter, 0 account audits, 0 letter drafts." in capsys.readouterr().out
    store = CallStore(database)
    assert store.get(old).id == old
    assert main(["records", "purge", "--older-than", "6y", "--on", "2026-11-25", "--yes"]) == 0
    assert "Deleted" in capsys.readouterr().out
    with pytest.raises(LookupError):
        store.get(old)
    assert store.get(kept).items
    with database.read() as conn:
        assert [r.item_id for r in conn.execute(reviews.select())] == [kept]
        assert conn.execute(letters.select()).first() is None
        assert conn.execute(letter_templates.select()).first() is None
    purges = AuditTrail(database).entries(action="records.purge")
    assert [(e.detail["before"], e.detail["calls"], e.detail["letters"]) for e in purges] == [("2020-11-25", 1, 1)]


def test_export_finds_a_reference_typed_in_another_case_or_with_a_typed_dash(database, monkeypatch, tmp_path, capsys):
    mine = _call(database, monkeypatch, "alice", "DP-777", "2026-11-20T10:00:00.000Z")
    _letter(database, "alice", "DP-777", "2026-11-21T09:00:00.000Z", "L1")
    for n, typed in enumerate(("dp-777", " Dp \u2013 777 ")):
        out = tmp_path / f"sar{n}.json"
        assert main(["records", "export", "--person", typed, "--out", str(out)]) == 0
        data = json.loads(out.read_text())
        assert data["reference"] == "DP-777"
        assert [c["id"] for c in data["calls"]] == [mine] and [x["id"] for x in data["letters"]] == ["L1"]


def test_export_finds_references_kept_as_they_were_typed_and_account_audits(database, monkeypatch, tmp_path, capsys):
    """Rows kept before references were made canonical (or by another tool) still come back."""
    from guidance.records.schema import account_audits

    _letter(database, "alice", " dp \u2013 777", "2026-11-21T09:00:00.000Z", "L1")
    _letter(database, "alice", "Dp-777 ", "2026-11-22T09:00:00.000Z", "L2")
    _letter(database, "alice", "DP-7770", "2026-11-22T09:00:00.000Z", "L3")
    with database.write() as conn:
        for audit_id, ref in (("A1", "dp-777"), ("A2", "DP-778")):
            conn.execute(account_audits.insert().values(
                id=audit_id, reference=ref, period_from="2026-04-06", period_to="2026-10-04", figures="{}", statements="[]",
                plan="{}", audited_at="2026-11-23T09:00:00.000Z", officer="alice"))
    out = tmp_path / "sar.json"
    assert main(["records", "export", "--person", "DP-777", "--out", str(out)]) == 0
    data = json.loads(out.read_text())
    assert sorted(x["id"] for x in data["letters"]) == ["L1", "L2"]
    assert [a["id"] for a in data["account_audits"]] == ["A1"]
    assert "1 account audit " in capsys.readouterr().err


def test_a_letter_is_kept_under_its_reference_in_canonical_form(database, monkeypatch):
    from guidance.letters.issue import record_for
    from guidance.records.letters import LetterStore
    from letters_support import ON, shipped

    catalogue = shipped()
    letter = catalogue.make("minimum-wage-change", {"recipient_name": "Ann Example", "reference": " dp \u2013 777",
                                                     "change_date": "2026-04-01"}, ON)
    template = catalogue.template("minimum-wage-change")
    store = LetterStore(database)
    letter_id = store.add(record_for(letter, template, "txt", False, b"text"), template.source)
    with database.read() as conn:
        assert conn.execute(letters.select().where(letters.c.id == letter_id)).first().reference == "DP-777"
    assert [r.reference for r in store.list(reference="dp-777")] == ["DP-777"]


def test_export_says_when_nothing_is_held_and_writes_nothing(database, monkeypatch, tmp_path, capsys):
    _call(database, monkeypatch, "alice", "DP-777", "2026-11-20T10:00:00.000Z")
    out = tmp_path / "sar.json"
    assert main(["records", "export", "--person", "DP-778", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "nothing is held under that reference" in err and "DP-778" not in err
    assert not out.exists()
    assert main(["records", "export", "--person", "Ann Example"]) == 1
    assert "does not look like this council's references (DP-004512)" in capsys.readouterr().err


@pytest.mark.parametrize("span", ["6", "0d", "364d", "11m", "52w", "0y"])
def test_purge_refuses_spans_without_a_unit_or_under_a_year(database, monkeypatch, capsys, span):
    old = _call(database, monkeypatch, "alice", "P-1", "2026-11-20T10:00:00.000Z")
    code = main(["records", "purge", "--older-than", span, "--on", "2026-11-25", "--yes"]) if span != "6" else None
    if span == "6":
        with pytest.raises(SystemExit) as exc:
            main(["records", "purge", "--older-than", span, "--yes"])
        code = exc.value.code
        assert code == 2 and "with its unit" in capsys.readouterr().err
    else:
        assert code == 1 and "under 1y" in capsys.readouterr().err
    assert CallStore(database).get(old).id == old


def test_purge_counts_18_months_and_400_days_as_calendar_spans(database, monkeypatch, capsys):
    assert main(["records", "purge", "--older-than", "18m", "--on", "2026-08-31", "--dry-run"]) == 0
    assert "from before 2025-02-28" in capsys.readouterr().out
    assert main(["records", "purge", "--older-than", "400d", "--on", "2026-11-25", "--dry-run"]) == 0
    assert "from before 2025-10-21" in capsys.readouterr().out


def test_purge_refuses_a_future_on_date(database, monkeypatch, capsys):
    import guidance.commands.records as records_command

    monkeypatch.setattr(records_command, "today", lambda: __import__("datetime").date(2026, 11, 25))
    old = _call(database, monkeypatch, "alice", "P-1", "2019-11-20T10:00:00.000Z")
    assert main(["records", "purge", "--older-than", "6y", "--on", "2040-01-01", "--yes"]) == 1
    assert "in the future" in capsys.readouterr().err
    assert CallStore(database).get(old).id == old


def test_purge_shows_what_goes_and_asks_or_refuses_without_a_terminal(database, monkeypatch, capsys):
    import io

    old = _call(database, monkeypatch, "alice", "P-1", "2019-11-20T10:00:00.000Z")
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))  # not a terminal: no one to ask
    assert main(["records", "purge", "--older-than", "6y", "--on", "2026-11-25"]) == 1
    captured = capsys.readouterr()
    assert "This deletes records from before 2020-11-25: 0 sessions, 1 call, 0 letters, 0 account audits, 0 letter drafts." in captured.err
    assert "add --yes" in captured.err
    assert CallStore(database).get(old).id == old

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr("sys.stdin", Terminal("no\n"))
    assert main(["records", "purge", "--older-than", "6y", "--on", "2026-11-25"]) == 1
    assert CallStore(database).get(old).id == old
    monkeypatch.setattr("sys.stdin", Terminal("yes\n"))
    assert main(["records", "purge", "--older-than", "6y", "--on", "2026-11-25"]) == 0
    assert "Deleted records from before 2020-11-25: 0 sessions, 1 call, 0 letters, 0 account audits, 0 letter drafts." in capsys.readouterr().out
    with pytest.raises(LookupError):
        CallStore(database).get(old)


def test_export_never_overwrites_a_file_without_force_and_audits_nothing_then(database, monkeypatch, tmp_path, capsys):
    _call(database, monkeypatch, "alice", "DP-777", "2026-11-20T10:00:00.000Z")
    out = tmp_path / "sar.json"
    out.write_text("an earlier export")
    assert main(["records", "export", "--person", "DP-777", "--out", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err and out.read_text() == "an earlier export"
    assert AuditTrail(database).entries(action="records.export") == []
    assert main(["records", "export", "--person", "DP-777", "--out", str(out), "--force"]) == 0
    assert json.loads(out.read_text())["reference"] == "DP-777"


def test_the_audit_hash_of_a_reference_is_keyed_and_the_key_is_private(database, monkeypatch, capsys, private_user_dirs):
    import hashlib

    from guidance.records.keys import KEY_FILE_NAME, config_dir

    _call(database, monkeypatch, "alice", "DP-004512", "2026-11-20T10:00:00.000Z")
    assert main(["records", "export", "--person", "dp-004512"]) == 0
    digest = AuditTrail(database).entries(action="records.export")[-1].detail["reference_hmac"]
    # Trying every DP-nnnnnn with plain SHA-256 no longer finds it.
    assert digest != hashlib.sha256(b"DP-004512").hexdigest() and digest != hashlib.sha256(b"dp-004512").hexdigest()
    key_file = config_dir() / KEY_FILE_NAME
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600 and len(key_file.read_text().strip()) == 64
    assert key_file.read_text().strip() not in json.dumps(AuditTrail(database).entries()[-1].detail)
    assert digest == reference_digest("DP-004512")  # the same key on the next use
    monkeypatch.setenv("GUIDANCE_AUDIT_KEY", "t" * 40)  # a team's shared key (PostgreSQL)
    assert reference_digest("DP-004512") != digest
    monkeypatch.setenv("GUIDANCE_AUDIT_KEY", "short")
    assert main(["records", "export", "--person", "DP-004512"]) == 1
    err = capsys.readouterr().err
    assert "GUIDANCE_AUDIT_KEY" in err and "shorter than 32" in err and "short'" not in err


def test_sample_text_says_when_in_words_and_uk_time(database, monkeypatch, capsys):
    for n in range(3):
        _call(database, monkeypatch, "alice", f"R-{n}", "2026-07-20T10:05:00.000Z")  # 11:05 British Summer Time
    monkeypatch.setenv("GUIDANCE_OFFICER", "team-leader")
    assert main(["review", "sample", "--percent", "50", "--since", "7d", "--on", "2026-07-25", "--seed", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()[1:]
    assert lines and all(line.endswith("alice  20 July 2026, 11:05") for line in lines), lines
    assert not any("2026-07-20" in line for line in lines)
