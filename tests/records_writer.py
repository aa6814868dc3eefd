"""One writer process for the parallel-writers test and benchmark: a session answered N times
(each answer its own transaction), plus items added to a call shared by every writer."""

from __future__ import annotations

import datetime as dt
import sys


def write(url: str, answers: int, shared_call: str | None, items: int, worker: int) -> str:
    from guidance.records.calls import CallStore
    from guidance.records.database import Database
    from guidance.records.sessions import SqlSessionStore

    store = SqlSessionStore(Database(url))
    record = store.create("parallel", 1, "test-release", dt.date(2026, 11, 25), "{}", label=f"writer {worker}")
    for n in range(answers):
        store.record(record.id, "answer", f"q{n}", str(n), f'{{"n":{n}}}')
    if shared_call:
        calls = CallStore(store.database)
        for n in range(items):
            calls.add_item(shared_call, "page", f"page-{worker}-{n}", "A page", "1")
    store.close()
    return record.id


if __name__ == "__main__":
    url, answers, shared_call, items, worker = sys.argv[1:6]
    print(write(url, int(answers), shared_call or None, int(items), int(worker)))
