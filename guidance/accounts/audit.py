"""One account audit: plan + statements + rules in, reconciliation and flags out.

``audit_files(plan_path, statement_paths, content_dir)`` reads everything and runs the audit;
``run_audit(plan, ledger, rules)`` does the work on what is already read. Both raise
``AuditError`` (a subclass of ValueError) whose message names the file, line and problem.
``audit_json(audit)`` is the ``--json`` form: the figures as decimal strings, and the flags.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from guidance.accounts.flags import Flag, find_flags, find_notes, overlap_notes
from guidance.accounts.plan import Plan, PlanError, load_plan
from guidance.accounts.reconcile import IN_KINDS, ReconcileError, Reconciliation, reconcile
from guidance.accounts.rules import RULES_FILE, Rules, load_rules
from guidance.accounts.statements import Ledger, StatementError, read_statements
from guidance.problems import Problems

FIGURES = (
    "opening_balance", "closing_balance", "money_in", "money_out", "council_expected", "council_received",
    "contribution_expected", "contribution_paid", "contribution_shortfall", "contribution_overpaid", "contingency", "owed",
    "paid_for_after_period", "surplus", "not_on_any_statement",
)

#: What ``audit_json`` gives besides the FIGURES and the flags: the days the balances are from,
#: whether the surplus is provisional, dues on days no statement shows, days with no rows, notes.
DETAILS = (
    "opening_date", "closing_date", "paid_ahead_from", "surplus_provisional", "surplus_provisional_reason", "council_expected_uncovered",
    "contribution_expected_uncovered", "quiet_days", "notes",
)


class AuditError(ValueError):
    """An audit that cannot be run: the message names each file, line and problem."""


@dataclass(frozen=True)
class Audit:
    plan: Plan
    ledger: Ledger
    reconciliation: Reconciliation
    flags: tuple[Flag, ...]
    notes: tuple[str, ...] = ()  # what the officer should know that is not a flag (see ``flags.find_notes``)

    @property
    def worst(self) -> Flag | None:
        return self.flags[0] if self.flags else None


def run_audit(plan: Plan, ledger: Ledger, rules: Rules) -> Audit:
    """Reconcile and flag. Raises AuditError when the statements cannot give a balance."""
    rules = rules.for_plan(plan)
    try:
        rec = reconcile(plan, ledger, rules)
    except ReconcileError as exc:
        raise AuditError(str(exc)) from None
    return Audit(plan, ledger, rec, find_flags(plan, ledger, rec, rules), find_notes(plan, rec) + overlap_notes(ledger))


def account_rules(content_dir: Path) -> Rules:
    """The team's rules from the content root. Raises AuditError if the rules file has errors.

    The rules read are kept while their file is unchanged (the same size, modification and change
    times, and inode), so a batch of audits, or the app, reads and checks them once; a file
    edited since is read again."""
    path = _rules_path(content_dir)
    stamp = _stamp(path)
    kept = _RULES.get(path)
    if stamp is not None and kept is not None and kept[0] == stamp:
        return kept[1]
    problems = Problems()
    rules = load_rules(content_dir, lambda p: str(p), problems)
    if problems.errors:
        raise AuditError("\n".join(str(p) for p in problems.errors))
    if stamp is not None and stamp == _stamp(path):  # not changed while it was read
        if len(_RULES) >= 16:
            _RULES.clear()
        _RULES[path] = (stamp, rules)
    return rules


_RULES: dict[str, tuple[tuple, Rules]] = {}  # rules file -> (its stamp, the rules read from it)


@lru_cache(maxsize=16)
def _rules_path(content_dir) -> str:
    return str(Path(content_dir) / RULES_FILE)


def _stamp(path: str) -> tuple | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino, found.st_dev)


def audit_files(plan_path, statement_paths, content_dir: Path | None = None, columns: dict | None = None,
                rules: Rules | None = None, references=None) -> Audit:
    """Read the plan and statements and run the audit. ``references``: the council's reference
    rule for the plan's reference (the default rule when None). Raises AuditError."""
    plan, ledger = read_inputs(Path(plan_path), statement_paths, columns, references)
    if rules is None:
        rules = account_rules(content_dir) if content_dir is not None else Rules([])
    return run_audit(plan, ledger, rules)


def read_inputs(plan_path: Path, statement_paths, columns: dict | None = None, references=None,
                plan: Plan | None = None) -> tuple[Plan, Ledger]:
    """The plan and the statements, both read even when one has problems, so that the problems
    of both are told at once. Raises AuditError listing them (the plan's first). ``plan``: the
    plan already read from ``plan_path`` (a batch reads each once), not read again."""
    ledger = None
    said = []
    try:
        if plan is None:
            plan = load_plan(plan_path, references=references)
    except PlanError as exc:
        said.append(str(exc))
    try:
        ledger = read_statements(statement_paths, columns)
    except StatementError as exc:
        said.append(str(exc))
    if said:
        raise AuditError("\n".join(said))
    return plan, ledger


def audit_json(audit: Audit) -> dict:
    """The figures (decimal strings; money_in and money_out by kind; ``not_on_any_statement``, so
    that opening + money in - money out + it = closing; ``contribution_overpaid``;
    ``paid_for_after_period``, money received for days after the period, kept out of the
    surplus), the days the
    opening and closing balances are from (``opening_date``, ``closing_date``), the last day the
    money kept back as paid ahead is counted from (``paid_ahead_from``: the period's end, or the
    last day the statements show when they stop early), whether the surplus
    is provisional (``surplus_provisional``, and ``surplus_provisional_reason``: statements are
    missing, or the last balance is not certain), what was due on days no statement shows
    (``council_expected_uncovered``, ``contribution_expected_uncovered``), the days with no rows
    over which the balance carries on (``quiet_days``), the officer's ``notes`` and the flags."""
    rec = audit.reconciliation
    out: dict = {}
    for name in FIGURES:
        value = getattr(rec, name)
        out[name] = {k: str(v) for k, v in value.items()} if isinstance(value, dict) else str(value)
    out["opening_date"] = (rec.opening_date or rec.start).isoformat()
    out["closing_date"] = (rec.closing_date or rec.end).isoformat()
    out["paid_ahead_from"] = rec.paid_ahead_from.isoformat()
    out["surplus_provisional"] = bool(rec.surplus_provisional)
    out["surplus_provisional_reason"] = rec.surplus_provisional or None
    out["council_expected_uncovered"] = str(rec.council_expected_uncovered)
    out["contribution_expected_uncovered"] = str(rec.contribution_expected_uncovered)
    out["quiet_days"] = [[a.isoformat(), b.isoformat()] for a, b in rec.quiet]
    out["notes"] = list(audit.notes)
    out["flags"] = [f.as_dict() for f in audit.flags]
    return out


__all__ = ["Audit", "AuditError", "DETAILS", "FIGURES", "IN_KINDS", "account_rules", "audit_files", "audit_json", "read_inputs", "run_audit"]
