"""Flow speed: load and check every flow, and the latency of one step including its write.

Run: ``python benchmarks/flows.py [--root PATH] [--steps N]``. Figures are printed beside a
baseline measured in the same run on the same disk: a bare SQLite insert-and-commit with the
same settings (WAL, synchronous=FULL), which is the floor for any step that is saved safely.
Target: a step under 5 ms including the write.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from guidance.content.base import ContentBase
from guidance.content.roots import resolve_root
from guidance.flows.check import check_all
from guidance.flows.engine import Engine
from guidance.flows.loader import load_flows
from guidance.flows.paths import enumerate_paths
from guidance.flows.session import Session
from guidance.problems import Problems
from guidance.records.sqlite import SqliteSessionStore

ON = dt.date(2026, 11, 25)  # a fixed day: benchmarks must not depend on the clock's date
TARGET_MS = 5.0


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.3f} ms"


def _summary(name: str, samples: list[float]) -> None:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    print(f"  {name:<38} median {_ms(statistics.median(samples))}   p95 {_ms(p95)}   n={len(samples)}")


class BareInsert:
    """The baseline: one row inserted and committed, same pragmas as the store.

    It is timed right after each step (interleaved), so both see the same disk at the same time.
    """

    def __init__(self, folder: Path):
        self.db = sqlite3.connect(folder / "baseline.sqlite3", isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, value TEXT)")
        self.samples: list[float] = []

    def once(self) -> None:
        start = time.perf_counter()
        self.db.execute("BEGIN IMMEDIATE")
        self.db.execute("INSERT INTO t (value) VALUES (?)", ("an answer",))
        self.db.execute("COMMIT")
        self.samples.append(time.perf_counter() - start)


def step_latency(base: ContentBase, flows: dict, folder: Path, rounds: int, baseline: BareInsert) -> tuple[list[float], list[float]]:
    """Time every answer along every path of every flow: engine only, and engine plus write."""
    engine_only, with_write = [], []
    with SqliteSessionStore(folder / "records.sqlite3") as store:
        for _ in range(rounds):
            for loaded in flows.values():
                engine = Engine(loaded.flow, base.rates, ON)
                for path in enumerate_paths(engine):
                    session = Session.start(engine, store, base.manifest.release)
                    if path.safeguarding:
                        session.safeguarding()
                    for _, value in path.answers:
                        start = time.perf_counter()
                        new = engine.prune(engine.answer(session.state, value))
                        engine_only.append(time.perf_counter() - start)
                        start = time.perf_counter()
                        session.answer(value)
                        with_write.append(time.perf_counter() - start)
                        baseline.once()
                        assert session.state.trail == new.trail
    return engine_only, with_write


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=None)
    parser.add_argument("--rounds", type=int, default=3, help="times to run every path of every flow")
    args = parser.parse_args()
    root = resolve_root(args.root)
    base = ContentBase.load(root)

    start = time.perf_counter()
    flows = load_flows(root, Problems())
    load_time = time.perf_counter() - start
    problems = Problems()
    start = time.perf_counter()
    check_all(base, ON, problems)
    check_time = time.perf_counter() - start

    print(f"Flows: {len(flows)}")
    print(f"  load all flows                         {_ms(load_time)}")
    print(f"  load + static check + run every path   {_ms(check_time)}  ({len(problems.errors)} errors, {len(problems.warnings)} warnings)")

    with tempfile.TemporaryDirectory() as folder:
        bare = BareInsert(Path(folder))
        engine_only, with_write = step_latency(base, flows, Path(folder), args.rounds, bare)
        baseline = bare.samples
        bare.db.close()
    print("Per step:")
    _summary("baseline: bare SQLite insert+commit", baseline)
    _summary("engine only (route, rules, calculators)", engine_only)
    _summary("step including the write", with_write)
    median = statistics.median(with_write)
    verdict = "meets" if median * 1000 < TARGET_MS else "MISSES"
    print(f"  median step {median * 1000:.3f} ms {verdict} the {TARGET_MS:.0f} ms target "
          f"({median / statistics.median(baseline):.1f}x the bare insert)")


if __name__ == "__main__":
    main()
