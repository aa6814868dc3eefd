"""Records write speed on SQLite and PostgreSQL: one writer, then several writers at once.

Run: ``python benchmarks/records.py [--writers 8] [--answers 500] [--postgres URL]``. PostgreSQL
is measured when ``--postgres`` or ``$GUIDANCE_TEST_POSTGRES_URL`` names a server (each run uses
a fresh schema there and drops it). Every write is one answer in its own transaction, with its
session row locked, exactly as a flow step is saved. The baseline, measured in the same run on
the same disk, is a bare sqlite3 insert-and-commit with the same settings (WAL, synchronous=FULL):
the floor for any write that survives a power cut.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

WRITER = Path(__file__).resolve().parents[1] / "tests" / "records_writer.py"


def baseline(path: Path, count: int) -> float:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE t (n INTEGER, v TEXT)")
    start = time.perf_counter()
    for n in range(count):
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO t VALUES (?, ?)", (n, "x" * 40))
        db.execute("COMMIT")
    elapsed = time.perf_counter() - start
    db.close()
    return count / elapsed


def run_writers(url: str, writers: int, answers: int) -> float:
    """Writes per second with ``writers`` processes answering at once (their start-up counted)."""
    from guidance.records.database import Database

    Database(url, upgrade=True).close()
    start = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, str(WRITER), url, str(answers), "", "0", str(n)], stdout=subprocess.DEVNULL)
             for n in range(writers)]
    for proc in procs:
        if proc.wait() != 0:
            raise SystemExit(f"a writer failed on {url.split('://')[0]}")
    elapsed = time.perf_counter() - start
    return writers * (answers + 1) / elapsed


def one_process(url: str, answers: int) -> float:
    import datetime as dt

    from guidance.records.database import Database
    from guidance.records.sessions import SqlSessionStore

    store = SqlSessionStore(Database(url, upgrade=True))
    record = store.create("bench", 1, "bench", dt.date(2026, 11, 25), "{}")
    start = time.perf_counter()
    for n in range(answers):
        store.record(record.id, "answer", f"q{n}", str(n), "{}")
    elapsed = time.perf_counter() - start
    store.close()
    return answers / elapsed


def postgres_schema(base: str):
    from sqlalchemy import create_engine, text

    schema = "bench_" + secrets.token_hex(5)
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    joiner = "&" if "?" in base else "?"

    def drop():
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()

    return f"{base}{joiner}options={quote(f'-csearch_path={schema}')}", drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--answers", type=int, default=500)
    parser.add_argument("--postgres", default=os.environ.get("GUIDANCE_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        floor = baseline(tmp / "baseline.sqlite3", args.answers)
        print(f"baseline: bare sqlite3 insert+commit (WAL, FULL)        {floor:9.0f} writes/s")
        engines = [("sqlite", lambda name: (f"sqlite:///{tmp / name}.sqlite3", lambda: None))]
        if args.postgres:
            engines.append(("postgresql", lambda name: postgres_schema(args.postgres)))
        else:
            print("postgresql: not measured (set --postgres URL or GUIDANCE_TEST_POSTGRES_URL)")
        for engine, make in engines:
            url, drop = make("one")
            try:
                single = one_process(url, args.answers)
            finally:
                drop()
            url, drop = make("many")
            try:
                many = run_writers(url, args.writers, args.answers)
            finally:
                drop()
            print(f"{engine:<10}  1 writer                                   {single:9.0f} writes/s  ({single / floor:.2f} x baseline)")
            print(f"{engine:<10}  {args.writers} writers at once (incl. process start)   {many:9.0f} writes/s  ({many / floor:.2f} x baseline)")


if __name__ == "__main__":
    main()
