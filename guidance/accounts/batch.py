"""Many accounts at once: a folder holding one folder of statements per account, and a CSV of
plans (columns ``folder`` and ``plan``; a relative plan path is taken from the CSV's folder).

``audit_batch`` audits each account (one that cannot be audited gets its error in its row and
never stops the others) and returns the rows worst first: accounts that could not be audited,
then safeguarding signs, then by the most serious flag, the surplus and the shortfall.
``summary_csv(rows)`` is the summary file's text.
"""

from __future__ import annotations

import csv
import gc
import io
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Callable

from guidance.accounts.audit import Audit, AuditError, read_inputs, run_audit
from guidance.accounts.flags import SEVERITY
from guidance.accounts.money import ZERO
from guidance.accounts.plan import Plan, PlanError, load_plan
from guidance.accounts.rules import Rules

STATEMENT_SUFFIXES = (".csv", ".ofx", ".qfx", ".xlsx")


class BatchError(ValueError):
    """The plans CSV cannot be used at all (the message names the file and row)."""


@dataclass(frozen=True)
class BatchRow:
    folder: str
    line: int
    audit: Audit | None = None
    error: str | None = None
    plan_reference: str = ""  # the plan's reference when the plan was read but the audit failed

    @property
    def reference(self) -> str:
        return self.audit.reconciliation.reference if self.audit else self.plan_reference

    def sort_key(self) -> tuple:
        if self.audit is None:
            return (0, 0, 0, ZERO, ZERO, self.folder)
        rec, flags = self.audit.reconciliation, self.audit.flags
        worst = flags[0].severity if flags else len(SEVERITY)
        return (1, -sum(f.safeguarding for f in flags), worst, -rec.surplus, -rec.contribution_shortfall, self.folder)


def read_plan_list(plans_csv: Path) -> list[tuple[int, str, Path | None, str | None]]:
    """(line, folder name, plan path, problem) for each row of the plans CSV: a row that cannot be
    read (a stray quote, more cells than the header names) comes with its problem and no plan, so
    it is reported with the other accounts, never dropped. Blank lines are not accounts.
    Raises BatchError when the file cannot be read or its header lacks 'folder' and 'plan'."""
    from guidance.letters.merge import MergeError, read_rows

    try:
        fields, rows = read_rows(plans_csv)
    except MergeError as exc:
        raise BatchError(str(exc)) from None
    if "folder" not in fields or "plan" not in fields:
        raise BatchError(f"{plans_csv}:1: the first row must name the columns 'folder' and 'plan'")
    out = []
    for row in rows:
        if row.values is None:
            if row.problem != "the row is empty":
                out.append((row.line, "", None, row.problem))
            continue
        cells = {name: (value or "").strip() for name, value in row.values.items()}
        plan = Path(cells.get("plan", ""))
        out.append((row.line, cells.get("folder", ""), plan if plan.is_absolute() else plans_csv.parent / plan, None))
    return out


def check_each_folder_once(plans, plans_csv: Path) -> None:
    """Raise BatchError, before anything is audited or recorded, when a folder is listed on more
    than one row of the plans CSV (it would be audited, and recorded, twice), naming the lines."""
    lines: dict[str, list[int]] = {}
    for line, name, _plan, problem in plans:
        if problem is None and name:
            lines.setdefault(name, []).append(line)
    repeated = [f"'{name}' on lines {', '.join(map(str, found[:-1]))} and {found[-1]}" for name, found in lines.items() if len(found) > 1]
    if repeated:
        raise BatchError(f"{plans_csv}: each account's folder is listed once, but {'; '.join(repeated)}: "
                         "keep one row for each (nothing was audited)")


def check_each_reference_once(plans, plans_csv: Path, references=None) -> dict[Path, Plan]:
    """Raise BatchError, before anything is audited or recorded, when the plans on two or more
    rows of the plans CSV (for two folders, or the same plan listed for two) give the same
    account reference: one account would be audited, and recorded, as two. Names the reference's
    lines. A plan that cannot be read is left to its own row's error. Returns the plans read, by
    path: each account's audit uses its plan as read here (a batch reads each plan once)."""
    from guidance.references import canonical

    lines: dict[str, list[int]] = {}
    read: dict[Path, Plan] = {}
    for line, name, plan_path, problem in plans:
        if problem is not None or plan_path is None or not name:
            continue
        try:
            plan = load_plan(plan_path, references=references)
        except (PlanError, OSError):
            continue
        read[plan_path] = plan
        lines.setdefault(canonical(plan.reference), []).append(line)
    repeated = [f"{reference} on lines {', '.join(map(str, found[:-1]))} and {found[-1]}" for reference, found in lines.items()
                if len(found) > 1]
    if repeated:
        raise BatchError(f"{plans_csv}: each account's plan reference is listed once, but {'; '.join(repeated)}: "
                         "keep one row for each account (nothing was audited)")
    return read


def audit_one(folder: Path, plan_path: Path, rules: Rules, columns: dict | None, references=None, plan: Plan | None = None) -> Audit:
    """Audit the statements in ``folder`` against ``plan_path`` (its reference checked with the
    council's rule ``references``; ``plan``: the plan already read from it, not read again).
    Raises AuditError."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in STATEMENT_SUFFIXES) if folder.is_dir() else []
    if not folder.is_dir():
        raise AuditError(f"{folder}: no such folder")
    if not files:
        raise AuditError(f"{folder}: no statements (CSV, OFX or .xlsx files)")
    plan, ledger = read_inputs(plan_path, files, columns, references, plan=plan)
    return run_audit(plan, ledger, rules)


def check_folder(folder: Path) -> None:
    """Raise BatchError, before anything is audited or written, when ``folder`` (the folder of
    the accounts' folders) is missing or is not a folder: every account would fail alike."""
    if not folder.is_dir():
        said = "is not a folder" if folder.exists() else "no such folder"
        raise BatchError(f"{folder}: {said} (FOLDER holds one folder of statements for each account); nothing was written")


def audit_batch(folder: Path, plans_csv: Path, rules: Rules, columns: dict | None = None,
                progress: Callable[[int, int], None] | None = None,
                keep: Callable[[Audit, list[Path]], object] | None = None, references=None) -> list[BatchRow]:
    """Audit every account in the plans CSV; rows worst first. ``progress(done, total)`` is
    called before the first account (done 0) and after each one; ``keep(audit, files)`` records an audit."""
    check_folder(folder)
    plans = read_plan_list(plans_csv)
    check_each_folder_once(plans, plans_csv)
    read = check_each_reference_once(plans, plans_csv, references)
    if progress:  # the bar shows at once ("0 of 3 accounts"), not only once the first is done
        progress(0, len(plans))
    with _held_objects_set_aside():
        rows = _audit_rows(folder, plans_csv, plans, read, rules, columns, progress, keep, references)
    return sorted(rows, key=BatchRow.sort_key)


@contextmanager
def _held_objects_set_aside():
    """What the process holds when a batch starts is set aside from Python's cycle collector
    until it ends (``gc.freeze``): a batch keeps every account's audit to the end, so the
    collector now and then walks everything the process holds (the content, the libraries, the
    audits so far) for nothing, a fifth of a batch's time. What the batch makes and drops is
    collected as usual, and what was set aside is handed back at the end. Left alone when
    something else has set objects aside already."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _audit_rows(folder: Path, plans_csv: Path, plans, read: dict, rules: Rules, columns, progress, keep, references) -> list[BatchRow]:
    """The row of each account of the plans list (see ``audit_batch``), in the list's order."""
    rows = []
    for done, (line, name, plan_path, problem) in enumerate(plans, start=1):
        where = f"{plans_csv}:{line}"
        if problem is not None:
            rows.append(BatchRow(name, line, error=f"{where}: {problem}"))
        elif not name or Path(name).name != name:
            rows.append(BatchRow(name, line, error=f"{where}: 'folder' must be the name of a folder in {folder}"))
        else:
            try:
                audit = audit_one(folder / name, plan_path, rules, columns, references, plan=read.get(plan_path))
                if keep is not None:
                    keep(audit, sorted(p for p in (folder / name).iterdir() if p.suffix.lower() in STATEMENT_SUFFIXES))
                rows.append(BatchRow(name, line, audit))
            except AuditError as exc:
                rows.append(BatchRow(name, line, error=str(exc).replace("\n", "; "), plan_reference=_reference_of(plan_path, references)))
        if progress:
            progress(done, len(plans))
    return rows


def _reference_of(plan_path: Path, references=None) -> str:
    """The plan's reference, for the row of an account whose audit failed ('' when the plan
    itself cannot be read)."""
    try:
        return load_plan(plan_path, references=references).reference
    except (PlanError, OSError):
        return ""


def _text_cell(text: str) -> str:
    """A text cell a spreadsheet will not run as a formula (a name starting with = + - or @)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


#: The summary's columns of the audit's figures after ``closing_date``, named as in its JSON.
#: The surplus is the closing balance less ``owed``, ``contingency`` and ``paid_for_after_period``:
#: each is a column, so the sum can be checked from the row alone.
FIGURE_COLUMNS = ("opening_balance", "opening_date", "not_on_any_statement", "contribution_overpaid",
                  "contingency", "owed", "paid_for_after_period")


def _figure_cells(rec) -> list:
    """The cells of ``FIGURE_COLUMNS`` for reconciliation ``rec`` (dates as ISO days)."""
    days = {"opening_date": (rec.opening_date or rec.start).isoformat()}
    return [days[name] if name in days else getattr(rec, name) for name in FIGURE_COLUMNS]


def summary_csv(rows: list[BatchRow]) -> str:
    """One row per account: reference, folder, status, surplus (and "not final" beside it when it
    is provisional: the statements stop before the period ends, or the last balance is not
    certain), shortfall, closing balance and the day it is from, opening balance and the day it
    is from, money not on any statement, contributions paid above what was due, and what the
    surplus is worked out from besides the closing balance: the contingency, money owed and
    money paid ahead for days after the period (or after the last statement) (decimal strings
    and ISO dates, as in the audit's JSON), the most serious flag, then a count of each flag kind
    (``flags_<kind>``: a kind such as ``surplus`` is also a figure's column, and one header must
    never name two columns)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["reference", "folder", "status", "surplus", "surplus_provisional", "contribution_shortfall", "closing_balance",
                     "closing_date", *FIGURE_COLUMNS, "flags",
                     "safeguarding", "most_serious", *(f"flags_{kind}" for kind in SEVERITY), "error"])
    for row in rows:
        if row.audit is None:
            writer.writerow([_text_cell(row.reference), _text_cell(row.folder), "error", "", "", "", "", "", *[""] * len(FIGURE_COLUMNS), "", "", "", *[""] * len(SEVERITY), _text_cell(row.error)])
            continue
        rec, flags = row.audit.reconciliation, row.audit.flags
        counts = {kind: 0 for kind in SEVERITY}
        for f in flags:
            counts[f.kind] += 1
        writer.writerow([rec.reference, _text_cell(row.folder), "audited", rec.surplus, "not final" if rec.surplus_provisional else "",
                         rec.contribution_shortfall, rec.closing_balance, (rec.closing_date or rec.end).isoformat(),
                         *_figure_cells(rec),
                         len(flags), sum(f.safeguarding for f in flags), flags[0].kind if flags else "",
                         *counts.values(), ""])
    return out.getvalue()


def total(rows: list[BatchRow], name: str) -> Decimal:
    return sum((getattr(r.audit.reconciliation, name) for r in rows if r.audit), ZERO)
