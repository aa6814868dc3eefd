"""Audit 1,000 synthetic accounts of six months each; print accounts per second beside a bare
``csv`` read of the same files (the goal: an audit takes at most 5 times that read).

The accounts come from the test generator (tests/accounts_support.py: synthetic, never real
people's data), written once as CSV statements with a balance column into a temporary folder.
Both figures are processor time of this process (``time.process_time``), so other work on a
shared machine swings the ratio less; the bare read is the best of three passes. The accounts
are taken 50 at a time, each group read bare and then audited, so that both figures are
measured under the same load on the machine.

Each audit does what ``guidance account audit`` does for one account: it reads and checks the
plan, reads the statement, gets the team's rules (``account_rules``: the rules file is read and
checked once and kept while the file is unchanged, as in a batch audit or the app, so each later
account only looks at the file's size and times) and reconciles and flags. The first stage
below, "plan and rules", is the plan and that look at the rules.

    python benchmarks/account_audit.py [--accounts 1000] [--style signed|paid|money]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from accounts_support import random_account, write  # noqa: E402
from guidance.accounts.audit import account_rules, run_audit  # noqa: E402
from guidance.accounts.plan import load_plan  # noqa: E402
from guidance.accounts.statements import read_statements  # noqa: E402

GOAL = 5.0


def make_accounts(folder: Path, count: int, style: str) -> list[tuple[Path, Path]]:
    rng = random.Random(16)
    out = []
    for number in range(count):
        account = random_account(rng, number)
        home = folder / f"a{number:05d}"
        home.mkdir()
        out.append((account.write_plan(home / "plan.yaml"), write(account, style, home)))
    return out


CLOCK = time.process_time


def bare_read(files: list[tuple[Path, Path]]) -> float:
    start = CLOCK()
    rows = 0
    for _plan, statement in files:
        with statement.open(newline="", encoding="utf-8") as f:
            rows += sum(1 for _ in csv.reader(f))
    assert rows
    return CLOCK() - start


GROUP = 50


def measure(files: list[tuple[Path, Path]], content: Path) -> tuple[float, float, int, dict[str, float]]:
    """(seconds of the bare read, seconds of the audits, flags found, seconds in each audit stage),
    a group of accounts at a time (see the module's doc)."""
    read = audit = 0.0
    flags = 0
    stages = dict.fromkeys(STAGES, 0.0)
    for first in range(0, len(files), GROUP):
        group = files[first:first + GROUP]
        read += min(bare_read(group) for _ in range(3))
        seconds, found, spent = audits(group, content)
        audit, flags = audit + seconds, flags + found
        for name, value in spent.items():
            stages[name] += value
    return read, audit, flags, stages


STAGES = ("plan and rules", "statements", "reconcile and flags")


def audits(files: list[tuple[Path, Path]], content: Path) -> tuple[float, int, dict[str, float]]:
    """(seconds, flags found, seconds in each stage) for auditing every account."""
    stages = dict.fromkeys(STAGES, 0.0)
    flags = 0
    clock = CLOCK
    start = clock()
    for plan_path, statement in files:
        t0 = clock()
        plan = load_plan(plan_path)
        rules = account_rules(content)
        t1 = clock()
        ledger = read_statements([statement])
        t2 = clock()
        flags += len(run_audit(plan, ledger, rules).flags)
        t3 = clock()
        stages["plan and rules"] += t1 - t0
        stages["statements"] += t2 - t1
        stages["reconcile and flags"] += t3 - t2
    return clock() - start, flags, stages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--style", default="paid", choices=["signed", "paid", "money"])
    args = parser.parse_args()
    content = REPO / "content"
    with tempfile.TemporaryDirectory() as tmp:
        files = make_accounts(Path(tmp), args.accounts, args.style)
        read, audit, flags, stages = measure(files, content)
    ratio = audit / read
    print(f"{args.accounts} accounts of six months ({args.style} CSV), {flags} flags")
    print(f"  bare csv read : {args.accounts / read:10.1f} accounts/s")
    print(f"  full audit    : {args.accounts / audit:10.1f} accounts/s")
    print(f"  audit / read  : {ratio:10.1f} x  (goal: at most {GOAL:.0f} x) {'OK' if ratio <= GOAL else 'SLOWER THAN THE GOAL'}")
    for name, seconds in stages.items():
        print(f"    {name:<22}{1000 * seconds / args.accounts:8.3f} ms an account")
    print(f"    {'bare csv read':<22}{1000 * read / args.accounts:8.3f} ms an account")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
