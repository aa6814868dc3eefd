"""The sessions store: private files, WAL, every step in its own transaction, and kill -9 resume."""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from guidance.cli import main
from guidance.records import DB_NAME, data_dir, open_store
from guidance.records.sqlite import SqliteSessionStore
from guidance.records.store import UnknownSession

REPO = Path(__file__).resolve().parents[1]


def test_store_lives_in_the_user_data_dir_owner_only(private_user_dirs):
    with open_store() as store:
        store.create("f", 1, "2026.11.0", dt.date(2026, 11, 25), "{}")
        path = store.path
    assert path == data_dir() / DB_NAME
    assert str(path).startswith(str(private_user_dirs))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    for extra in path.parent.glob(DB_NAME + "-*"):
        assert stat.S_IMODE(extra.stat().st_mode) & 0o077 == 0


def test_wal_mode_and_events_in_order(tmp_path):
    with SqliteSessionStore(tmp_path / "r.sqlite3") as store:
        record = store.create("f", 3, "2026.11.0", dt.date(2026, 11, 25), '{"trail":["a"]}', label="call 1")
        store.record(record.id, "answer", "a", "true", '{"trail":["a","b"]}')
        store.record(record.id, "answer", "b", '"x"', '{"trail":["a","b","c"]}', status="finished")
        with store.database.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        got = store.get(record.id)
        assert got.status == "finished" and got.steps == 2 and got.label == "call 1"
        assert [(e.seq, e.kind, e.node) for e in store.events(record.id)] == [(0, "start", None), (1, "answer", "a"), (2, "answer", "b")]
        assert [r.id for r in store.list(status="finished")] == [record.id]
        assert store.list(status="active") == []
        store.delete(record.id)
        assert store.events(record.id) == []
        with pytest.raises(UnknownSession):
            store.get(record.id)
        with pytest.raises(UnknownSession):
            store.record(record.id, "answer", "a", "1", "{}")


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "r.sqlite3"
    SqliteSessionStore(path).close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version=99")
    db.close()
    from guidance.records.store import StoreError

    with pytest.raises(StoreError, match="newer version"):
        SqliteSessionStore(path)


class _Reader(threading.Thread):
    """Collects a child's output so the test can wait for prompts without blocking."""

    def __init__(self, stream):
        super().__init__(daemon=True)
        self.stream = stream
        self.text = ""

    def run(self):
        while True:
            chunk = os.read(self.stream.fileno(), 4096)
            if not chunk:
                return
            self.text += chunk.decode()

    def wait_for_prompts(self, count: int, proc) -> None:
        deadline = time.monotonic() + 60  # a guard against hanging, not a speed check
        while self.text.count("\n> ") < count:
            assert proc.poll() is None, self.text
            assert time.monotonic() < deadline, self.text
            time.sleep(0.02)


def _command(*args):
    return [sys.executable, "-m", "guidance", "--root", str(REPO), "flow", *args]


def test_killed_mid_flow_resumes_with_nothing_lost():
    answers = ["1", "2026-11-16", "yes", "2026-12-27", "1,2,3,4,5", "6", "250", "no", "no", "4"]  # known average earnings, then no linked sickness
    proc = subprocess.Popen(_command("run", "pa_off_sick", "--on", "2026-11-25"), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader = _Reader(proc.stdout)
    reader.start()
    reader.wait_for_prompts(1, proc)
    given = 5
    for number, answer in enumerate(answers[:given], start=2):
        proc.stdin.write((answer + "\n").encode())
        proc.stdin.flush()
        reader.wait_for_prompts(number, proc)  # the next prompt shows once the answer is saved
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    session_id = re.search(r"\(session ([0-9a-f]+)\)", reader.text).group(1)

    with open_store() as store:
        from guidance.flows.session import load_state

        state = load_state(store.get(session_id).state)
    assert state.current == "pay_frequency"
    assert state.answers == {
        "employed": "me",
        "sick_start": dt.date(2026, 11, 16),
        "still_off": True,
        "sick_end": dt.date(2026, 12, 27),
        "work_days": ["mon", "tue", "wed", "thu", "fri"],
    }

    rest = "".join(a + "\n" for a in answers[given:])
    done = subprocess.run(_command("sessions", "resume", session_id), input=rest.encode(), capture_output=True, timeout=120)
    out = done.stdout.decode()
    assert done.returncode == 0, done.stderr.decode()
    assert "Statutory Sick Pay is due" in out
    assert "since 16 November 2026 (still off; worked out to 27 December 2026)" in " ".join(out.split())
    with open_store() as store:
        record = store.get(session_id)
        kinds = [e.kind for e in store.events(session_id)]
    assert record.status == "finished"
    assert kinds.count("answer") == len(answers)


def test_sessions_list_show_delete(capsys, tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("employed: agency\n")
    assert main(["--root", str(REPO), "flow", "run", "pa_off_sick", "--answers", str(answers), "--json", "--label", "asc-000007"]) == 0
    import json

    session_id = json.loads(capsys.readouterr().out)["session"]
    assert main(["flow", "sessions", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["id"] == session_id and rows[0]["status"] == "finished" and rows[0]["label"] == "ASC-000007"
    assert main(["--root", str(REPO), "flow", "sessions", "show", session_id, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["report"]["outcome"] == "not_employee"
    assert main(["flow", "sessions", "delete", session_id]) == 0
    capsys.readouterr()
    assert main(["flow", "sessions", "delete", session_id]) == 1


def test_answers_file_mistakes_name_the_line(capsys, tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("employed: me\nsick_start: 2026-02-31\n")
    assert main(["--root", str(REPO), "flow", "run", "pa_off_sick", "--answers", str(answers)]) == 1
    err = capsys.readouterr().err
    assert f"{answers}:2: answer for 'sick_start': 31 February 2026 does not exist" in err and "2026-02-31" not in err


def test_a_session_label_is_a_reference_never_a_name(capsys, tmp_path):
    import json

    answers = tmp_path / "a.yaml"
    answers.write_text("employed: agency\n")
    for label in ("Mrs Jones", "Ann Jones, 4 Mill Lane", "QQ 12 34 56 C", "Jones", "SMITH", "O'Brien", "Patel-Khan", "jones1"):
        assert main(["--root", str(REPO), "flow", "run", "pa_off_sick", "--answers", str(answers), "--json", "--label", label]) == 1
        err = capsys.readouterr().err
        assert "--label: looks like a name" in err and label not in err
    assert main(["flow", "sessions", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # nothing was stored
