"""Account audits give the same results, to the byte, as when the expected file was written.

The quick ways audits read, match and flag are changed for speed; this test holds them to what
the audits gave before: generated accounts (synthetic, ``accounts_support``) in every statement
style, each with every kind of flag planted, audited with a frozen copy of the team's rules
(``tests/data/accounts/frozen``, so that editing the shipped rules never changes the expected
results). For each audit the expected file keeps the figures and the flags in clear, and a
digest of everything else the audit holds (each row's kind, reason, balance and rule, the
payments due and what matched them, the balance breaks, the flag messages).

A change meant to alter results rewrites the file, and the diff shows what changed:

    PYTHONPATH=. python tests/test_accounts_same_results.py --write
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from decimal import Decimal as D
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from accounts_support import START, WRITERS, Account, plant, random_account, write  # noqa: E402
from guidance.accounts.audit import AuditError, audit_files, audit_json  # noqa: E402
from guidance.accounts.flags import SEVERITY  # noqa: E402
from guidance.accounts.plan import PlanError, load_plan  # noqa: E402

RULES_ROOT = HERE / "data" / "accounts" / "frozen"
EXPECTED = HERE / "data" / "accounts" / "audits_expected.json"
RANDOM_ACCOUNTS = 24
SHEET_ACCOUNTS = 3  # Excel is slow to write: the first few accounts only


def accounts() -> list[tuple[str, Account]]:
    """Varied accounts, one with each flag kind planted, and one with several."""
    rng = random.Random(16)
    out = [(f"random{n:02d}", random_account(rng, n)) for n in range(RANDOM_ACCOUNTS)]
    for kind in SEVERITY:
        account = Account.base()
        plant(account, kind)
        out.append((kind, account))
    several = Account.base()
    for kind in ("cash", "duplicate", "missing_statement", "wages_gap"):
        plant(several, kind)
    out.append(("several", several))
    listed = Account.base()  # a day's rows listed in another order than posted: no break
    listed.add(START, "CAREPAY PAYROLL LTD SETUP", "-25.00")
    listed.listed_backwards.update({START, dt.date(2026, 5, 1)})
    out.append(("listed_backwards", listed))
    early = Account.base()  # the audit starts 5 days before the statement's first row: told whole
    early.plan["period"] = {"from": "2026-04-01", "to": early.plan["period"]["to"]}
    out.append(("uncovered_start", early))
    previous = Account.base()  # HMRC paid on 22 April: the quarter to 5 April's payment, not this quarter's
    next(r for r in previous.rows if r.description.startswith("HMRC")).date = dt.date(2026, 4, 22)
    previous.sort()
    out.append(("hmrc_previous_quarter", previous))
    short = Account.base()  # a second PA paid three times at the end, one week missed: cycle 7, not 10.5
    short.plan["payees"].append({"match": "B SMITH", "kind": "wages"})
    for day in (dt.date(2026, 9, 11), dt.date(2026, 9, 18), dt.date(2026, 10, 2)):
        short.add(day, "B SMITH WAGES", "-150.00")
    out.append(("wages_gap_few_payments", short))
    early = Account.base()  # the council's payment of 24 August made 10 days early: matched, not missing
    next(r for r in early.rows if r.date == dt.date(2026, 8, 24) and r.description.startswith("NORTHFIELD")).date = dt.date(2026, 8, 14)
    early.sort()
    out.append(("council_early", early))
    stops = Account.base()  # the audit runs a month past the statements: the surplus is provisional
    stops.opening += D("6000.00")
    stops.plan["period"] = {"from": stops.plan["period"]["from"], "to": "2026-11-04"}
    out.append(("statements_stop_early", stops))
    starts = Account.base()  # the statements start 10 April: the dues before are not told as unpaid
    starts.plan["period"] = {"from": "2026-03-30", "to": starts.plan["period"]["to"]}
    out.append(("statements_start_late", starts))
    late = Account.base()  # the council's payment of 24 August made 16 days late, and £960 more on 22 September
    next(r for r in late.rows if r.date == dt.date(2026, 8, 24) and r.description.startswith("NORTHFIELD")).date = dt.date(2026, 9, 9)
    late.add(dt.date(2026, 9, 22), "NORTHFIELD COUNCIL DP", "960.00")
    late.sort()
    out.append(("council_late", late))
    return out


def _digest(audit, folder: Path) -> str:
    rec = audit.reconciliation
    held = {
        "json": audit_json(audit),
        "entries": [[e.tx.date.isoformat(), e.tx.description, str(e.tx.amount), str(e.tx.balance), e.tx.line,
                     e.kind, e.reason, str(e.balance), e.rule_source] for e in rec.entries],
        "due": [[[str(m.due), None if m.entry is None else m.entry.tx.line] for m in matched]
                for matched in (rec.council, rec.contribution)],
        "breaks": [[b.tx.line, str(b.expected), str(b.shown)] for b in rec.breaks],
        "plan": repr(audit.plan),
        "outside": rec.outside_text,
    }
    # paths name where the files were, never what was found: the same wherever the tests run
    text = json.dumps(held, sort_keys=True).replace(str(folder), "FOLDER").replace(str(RULES_ROOT), "RULES")
    return hashlib.sha256(text.encode()).hexdigest()


def outcome(account: Account, style: str, folder: Path) -> dict:
    """What one audit gives: figures and flags in clear (paths without ``folder``), a digest of
    the rest; or its error."""
    folder.mkdir(parents=True)
    plan = account.write_plan(folder / "plan.yaml")
    try:
        audit = audit_files(plan, [write(account, style, folder)], RULES_ROOT)
    except AuditError as exc:
        return {"error": str(exc).replace(str(folder), "FOLDER")}
    figures = audit_json(audit)
    flags = figures.pop("flags")
    return {"figures": figures, "flags": [[f["kind"], f["date"], f["amount"], f["line"]] for f in flags],
            "digest": _digest(audit, folder)}


def all_outcomes(folder: Path) -> dict:
    out = {}
    for number, (name, account) in enumerate(accounts()):
        for style in WRITERS:
            if style == "xlsx" and name.startswith("random") and number >= SHEET_ACCOUNTS:
                continue
            out[f"{name} {style}"] = outcome(account, style, folder / name / style)
    return out


def test_audits_give_the_results_they_gave_before(tmp_path):
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    found = all_outcomes(tmp_path)
    assert sorted(found) == sorted(expected)
    for key in expected:
        assert found[key] == expected[key], key


def test_audits_read_again_in_the_same_run_give_the_same_results(tmp_path):
    """What is remembered between audits (texts read, rules matched, payments due) changes nothing."""
    first = dict(list(all_outcomes(tmp_path / "first").items()))
    assert all_outcomes(tmp_path / "again") == first


PURE_LOADER = """
import json, sys
from pathlib import Path
import yaml
del yaml.CSafeLoader  # as a PyYAML built without libyaml has it
sys.path.insert(0, {tests!r})
import test_accounts_same_results as same
from guidance import yamlio
assert yamlio._Loader.__mro__[1] is yaml.SafeLoader
print(json.dumps(same.plan_outcomes(Path(sys.argv[1]))))
"""


def plan_outcomes(folder: Path) -> dict:
    """A few audits, and the errors of plans with mistakes (each told with its line)."""
    out = {name: outcome(account, "signed", folder / name) for name, account in accounts()[:3]}
    good = (folder / "random00" / "plan.yaml").read_text(encoding="utf-8")
    for number, broken in enumerate((good.replace("every: 4 weeks", "every: 3 weeks"), good.replace("period:", "period: [", 1),
                                     good.replace("owed:", "owed: x\nowed:"), good + "tab:\n\t- x\n")):
        path = folder / f"broken{number}.yaml"
        path.write_text(broken, encoding="utf-8")
        try:
            load_plan(path)
        except PlanError as exc:
            out[path.name] = str(exc).replace(str(folder), "FOLDER")
    return out


def test_without_libyaml_plans_are_read_the_same(tmp_path):
    """PyYAML built from source has no C loader: the pure-Python one gives the same audits and
    the same errors at the same lines."""
    import subprocess

    script = PURE_LOADER.format(tests=str(HERE))
    pure = subprocess.run([sys.executable, "-c", script, str(tmp_path / "pure")], capture_output=True, text=True,
                          cwd=HERE.parent, timeout=120)
    assert pure.returncode == 0, pure.stderr
    found = json.loads(pure.stdout)
    assert found == plan_outcomes(tmp_path / "here")  # read here, with libyaml where this PyYAML has it
    assert sum(name.startswith("broken") for name in found) == 4


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        raise SystemExit("usage: python tests/test_accounts_same_results.py --write")
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        EXPECTED.write_text(json.dumps(all_outcomes(Path(tmp)), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {EXPECTED}")
