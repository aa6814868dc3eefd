"""Several workers opening a records file that does not exist yet all get it (the app's first start)."""

import threading

import pytest

from guidance.records.database import Database


@pytest.mark.parametrize("trial", range(40))
def test_many_openers_of_a_new_file_all_succeed(tmp_path, trial):
    path = tmp_path / "records.sqlite3"
    failures: list[str] = []
    start = threading.Barrier(8)

    def open_it() -> None:
        start.wait()
        try:
            Database.sqlite(path).close()
        except Exception as exc:  # noqa: BLE001 - any failure is the fault under test
            failures.append(str(exc))

    threads = [threading.Thread(target=open_it) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with Database.sqlite(path) as db, db.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar().lower() == "wal"
