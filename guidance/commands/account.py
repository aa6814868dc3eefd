"""``guidance account``: audit a direct payment account from its bank statements.

- ``audit --plan PLAN STATEMENT...``: the reconciliation and flags (``--json`` for scripts,
  ``--report FILE.md|.html|.docx`` for the officer's report and the person's summary); kept in the
  records unless ``--no-record``;
- ``audit-batch FOLDER --plans PLANS.csv --out SUMMARY.csv``: one folder of statements per account;
- ``letter surplus|statements``: the surplus repayment or statements request letter, filled from
  the audit;
- ``decide AUDIT FLAG DECISION``: the officer's decision on a flag; ``list`` and ``show`` the
  recorded audits; ``schema``: the plan file's JSON Schema for editors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from guidance.commands.common import CommandError, UsageError, add_json_option, add_on_option, kind_type, load_base, print_json, today
from guidance.kinds import Whole

LETTER_FORMATS = ("md", "txt", "html", "docx")
FORCE_HELP = "replace the file if it is an existing file (never a link or device)"


def register(sub) -> None:
    account = sub.add_parser("account", help="audit direct payment accounts from bank statements")
    actions = account.add_subparsers(dest="action", metavar="ACTION", required=True)

    audit = actions.add_parser("audit", help="reconcile one account's statements against its plan, and flag what to ask about")
    _audit_inputs(audit)
    add_json_option(audit)
    audit.add_argument("--report", metavar="FILE", help="write the report: FILE.md, FILE.html or FILE.docx")
    audit.add_argument("--no-record", action="store_true", help="do not keep this audit in the records")
    audit.add_argument("--force", action="store_true", help=FORCE_HELP)
    audit.set_defaults(func=run_audit)

    batch = actions.add_parser("audit-batch", help="audit many accounts: one folder of statements per account")
    batch.add_argument("folder", metavar="FOLDER", help="a folder holding one folder of statements per account")
    batch.add_argument("--plans", required=True, metavar="CSV", help="columns: folder (its name in FOLDER), plan (path to the plan file)")
    batch.add_argument("--out", required=True, metavar="CSV", help="the summary: one row per account, worst first")
    batch.add_argument("--columns", metavar="MAP", help="statement headers (or column numbers for a file with none), e.g. date=Posted,description=Details,amount=Value")
    batch.add_argument("--record", action="store_true", help="keep each audit in the records")
    batch.add_argument("--force", action="store_true", help=FORCE_HELP)
    batch.set_defaults(func=run_batch)

    letter = actions.add_parser("letter", help="the surplus repayment or statements request letter, from an audit")
    letter.add_argument("kind", choices=["surplus", "statements"])
    _audit_inputs(letter)
    letter.add_argument("--data", required=True, metavar="FILE", help="YAML or JSON: name, address and the dates the letter needs")
    letter.add_argument("--format", choices=LETTER_FORMATS, default=None,
                        help="md, txt, html or docx: what --out's name ends with says it, so this is needed only for a name with no ending; must agree with --out's name")
    letter.add_argument("--out", required=True, metavar="PATH", help="where to write the letter: its name's ending sets the format")
    letter.add_argument("--no-record", action="store_true", help="do not keep the letter in the record of letters issued")
    letter.add_argument("--force", action="store_true", help=FORCE_HELP)
    add_on_option(letter, says="date the letter DATE, with figures in force then")
    letter.set_defaults(func=run_letter)

    from guidance.accounts.decisions import decision_help

    decide = actions.add_parser("decide", help="record the decision on one flag of a recorded audit")
    decide.add_argument("audit_id", metavar="AUDIT")
    decide.add_argument("flag", type=kind_type(Whole(minimum=1, maximum=1_000_000)), metavar="FLAG", help="the flag's number (see 'account show')")
    decide.add_argument("decision", type=_decision_word, metavar="DECISION", help=decision_help())
    decide.add_argument("--note", help="why (kept with the decision; not in the audit trail)")
    decide.set_defaults(func=run_decide)

    listing = actions.add_parser("list", help="recorded audits, newest first (by when they were made)")
    listing.add_argument("--reference", metavar="REF")
    listing.add_argument("--oldest-first", action="store_true", help="list the oldest audit first")
    add_json_option(listing)
    listing.set_defaults(func=run_list)

    show = actions.add_parser("show", help="one recorded audit: figures, flags and decisions")
    show.add_argument("audit_id", metavar="AUDIT")
    add_json_option(show)
    show.set_defaults(func=run_show)

    schema = actions.add_parser("schema", help="the plan file's JSON Schema (for editors)")
    schema.add_argument("--out", metavar="FILE", help="write it to FILE (default: the screen)")
    schema.add_argument("--force", action="store_true", help=FORCE_HELP)
    schema.set_defaults(func=run_schema)


def _audit_inputs(parser) -> None:
    parser.add_argument("--plan", required=True, metavar="PLAN.yaml", help="the plan: payments, contribution, suspensions, payees")
    parser.add_argument("statements", nargs="+", metavar="STATEMENT", help="statement files: CSV, OFX or Excel (.xlsx)")
    parser.add_argument("--columns", metavar="MAP", help="statement headers (or column numbers for a file with none), e.g. date=Posted,description=Details,amount=Value")


def _columns(args) -> dict:
    from guidance.accounts.statements import parse_columns

    try:
        return parse_columns(args.columns)
    except ValueError as exc:
        raise UsageError(f"--columns: {exc}") from None


def _rules(args):
    from guidance.accounts.audit import AuditError, account_rules

    base = load_base(args)
    try:
        return account_rules(base.content_dir), base
    except AuditError as exc:
        raise CommandError(f"the account rules have errors (run 'guidance content check'):\n{exc}") from None


def _references(base):
    """The council's reference rule (content/references.yaml), as every command checks references."""
    from guidance.references import ReferenceError, load_rule

    try:
        return load_rule(base.root)
    except ReferenceError as exc:
        raise CommandError(str(exc)) from None


def _run(args):
    from guidance.accounts.audit import AuditError, audit_files

    columns = _columns(args)
    rules, base = _rules(args)
    try:
        return audit_files(args.plan, args.statements, columns=columns, rules=rules, references=_references(base)), base
    except AuditError as exc:
        raise CommandError(str(exc)) from None


_MONEY = re.compile(r"£\d[\d,]*(?:\.\d\d)?")
_DAY = re.compile(r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b")


def summary_wording(text: str) -> str:
    """The person's summary with each amount and date the same (£12.00, 1 May 2026): its
    plainness is a matter of its words, so audits worded alike are measured once (the measures
    are kept in the user's cache) instead of each report loading the pronouncing dictionary."""
    return _DAY.sub("1 May 2026", _MONEY.sub("£12.00", text))


def _format(option: str, name: str, given: str | None, default: str | None, formats) -> str | None:
    """The format to write ``name`` in, as its ending says (see ``guidance.outnames``); a name or
    ``--format`` that says another format is a usage error, before any work."""
    from guidance.outnames import FormatClash, output_format

    try:
        return output_format(name, given, default, formats)
    except FormatClash as exc:
        raise UsageError(f"{option}: {exc}") from None


def _check_out(path: str | None, force: bool) -> None:
    """Refuse, before any work, a file the command must not replace (see ``_write``)."""
    from guidance.fileio import NotReplaced, check_output_path

    if path:
        try:
            check_output_path(Path(path), force)
        except NotReplaced as exc:
            raise CommandError(f"{exc.strerror}; nothing was written") from None


def _write(path: Path, data: bytes, force: bool, announce: bool = True) -> None:
    """Write a file the officer named: a new one owner-only (it holds a person's spending); an
    existing file only with ``--force`` (keeping its mode); never a link, device or folder."""
    from guidance.fileio import NotReplaced, write_output_file

    try:
        write_output_file(path, data, replace=force)
    except NotReplaced as exc:
        raise CommandError(f"{exc.strerror}; nothing was written") from None
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from None
    if announce:
        print(f"Wrote {path}", file=sys.stderr)


def run_audit(args) -> int:
    from guidance.accounts.audit import audit_json
    from guidance.accounts.report import FORMATS, write_report

    fmt = None
    if args.report:
        fmt = _format("--report", args.report, None, None, FORMATS)
        if fmt is None:
            raise UsageError(f"--report: name a .md, .html or .docx file, not '{args.report}'")
    _check_out(args.report, args.force)
    audit, base = _run(args)
    audit_id = None if args.no_record else _record(audit, args.statements, base)
    if args.report:
        from guidance.accounts.summary import check_summary, summary_markdown
        from guidance.content.style import save_scores

        for problem in check_summary(summary_wording(summary_markdown(audit)), base.content_dir, "the person's summary"):
            print(f"guidance: warning: {problem.message}", file=sys.stderr)
        save_scores()  # the wording's measures are kept: the next report with this wording is not measured again
        titles = {page_id: page.meta.title for page_id, page in base.pages.items()}
        _write(Path(args.report), write_report(audit, fmt, titles, _decisions(audit_id)), args.force)
    if args.json:
        print_json(audit_json(audit))
    else:
        _print(audit)
    return 0


def _record(audit, statements, base) -> str:
    from guidance.commands.records_support import open_db
    from guidance.records.accounts import AccountAuditStore, statement_digests
    from guidance.records.store import StoreError

    db = open_db()
    try:
        audit_id, new = AccountAuditStore(db).record(audit, statement_digests(statements), str(base.manifest.release))
    except StoreError as exc:
        raise CommandError(f"the audit was made but not recorded: {exc}") from None
    finally:
        db.close()
    if new:
        print(f"Recorded as account audit {audit_id}", file=sys.stderr)
    else:
        print(f"Same as recorded account audit {audit_id} (nothing changed): not recorded again", file=sys.stderr)
    return audit_id


def _decisions(audit_id: str | None) -> dict[int, str]:
    """The decisions recorded so far on the flags of audit ``audit_id`` (none when not recorded)."""
    from guidance.records.store import StoreError

    if audit_id is None:
        return {}
    try:
        store = _store()
        try:
            return store.decisions(audit_id)
        finally:
            store.database.close()
    except StoreError as exc:
        raise CommandError(f"the decisions on the flags could not be read: {exc}; the report was not written") from None


def _print(audit) -> None:
    from guidance.accounts.audit import audit_json
    from guidance.accounts.days import span
    from guidance.accounts.money import money_text
    from guidance.words import counted

    rec = audit.reconciliation
    print(f"Account audit {rec.reference}: {span(rec.start, rec.end)}")
    ledger = audit.ledger
    print(f"  {counted(len(ledger.statements), 'statement file')}, {counted(len(rec.entries), 'row')} in the audit period"
          + (f"; {counted(ledger.overlaps, 'row')} shown twice counted once" if ledger.overlaps else "")
          + (f"; {rec.outside_text}" if rec.outside_text else ""))
    for line in figure_table(audit_json(audit)):
        print(f"  {line}")
    for note in audit.notes:
        print(f"  Note: {note}")
    print(f"Flags: {len(audit.flags)}")
    for number, f in enumerate(audit.flags, start=1):
        where = f"{f.file}:{f.line}" if f.file else f.source
        mark = " SAFEGUARDING" if f.safeguarding else ""
        print(f"  {number:>3}. {f.label}{mark} {f.date.isoformat()} {money_text(f.amount)} ({where}): {f.message}")


def figure_table(figures: dict) -> list[str]:
    """The audit's figures as the lines ``audit`` prints and ``show`` prints again from the record
    (one table, so the two never differ): balances with their days, money in and out, money moved
    on days no statement shows, what was due against what came in (and what was due on days no
    statement shows), the contingency, what is owed, what was paid in for days after the period
    (when anything was) and the surplus (marked when not final).
    ``figures`` is the audit's JSON form (``audit_json``) as recorded."""
    from decimal import Decimal

    from guidance.accounts.money import money_text

    def amount(name):
        return Decimal(str(figures.get(name) or "0"))

    money_in = sum((Decimal(v) for v in (figures.get("money_in") or {}).values()), Decimal("0"))
    money_out = sum((Decimal(v) for v in (figures.get("money_out") or {}).values()), Decimal("0"))
    unseen = (amount("not_on_any_statement") if "not_on_any_statement" in figures
              else amount("closing_balance") - amount("opening_balance") - money_in + money_out)  # recorded before it was a figure
    rows = [(f"Opening balance {figures.get('opening_date', '')}".rstrip(), amount("opening_balance")), ("Money in", money_in),
            ("Money out", money_out)]
    if unseen:
        rows.append(("Not on any statement", unseen))
    rows += [(f"Closing balance {figures.get('closing_date', '')}".rstrip(), amount("closing_balance")),
             ("Council expected", amount("council_expected"))]
    if amount("council_expected_uncovered"):
        rows.append(("  due on days not shown", amount("council_expected_uncovered")))
    rows += [("Council received", amount("council_received")), ("Contribution expected", amount("contribution_expected"))]
    if amount("contribution_expected_uncovered"):
        rows.append(("  due on days not shown", amount("contribution_expected_uncovered")))
    rows += [("Contribution paid", amount("contribution_paid")), ("Contribution shortfall", amount("contribution_shortfall"))]
    if amount("contribution_overpaid"):
        rows.append(("Contribution paid above due", amount("contribution_overpaid")))
    rows += [("Contingency", amount("contingency")), ("Owed", amount("owed"))]
    if amount("paid_for_after_period"):
        rows.append((_paid_ahead_label(figures), amount("paid_for_after_period")))
    rows += [("Surplus (PROVISIONAL)" if figures.get("surplus_provisional") else "Surplus", amount("surplus"))]
    return [f"{label:<28}{money_text(value):>14}" for label, value in rows]


def _paid_ahead_label(figures: dict) -> str:
    """The label for the money paid ahead: "Paid for after the period", or "Paid for after
    2026-04-12" when statements that stop early have it counted from the last day they show
    (``paid_ahead_from``; an audit recorded before that was a figure: the period's end)."""
    day = figures.get("paid_ahead_from")
    early = day is not None and figures.get("surplus_provisional") and day == figures.get("closing_date")
    return f"Paid for after {day}" if early else "Paid for after the period"


def run_batch(args) -> int:
    from guidance.accounts.batch import BatchError, audit_batch, summary_csv
    from guidance.words import counted

    columns = _columns(args)
    _format("--out", args.out, None, "csv", ("csv",))
    _check_out(args.out, args.force)
    rules, base = _rules(args)
    progress = _progress if sys.stderr.isatty() else None
    try:
        rows = audit_batch(Path(args.folder), Path(args.plans), rules, columns, progress=progress,
                           keep=(lambda audit, files: _record(audit, files, base)) if args.record else None,
                           references=_references(base))
    except BatchError as exc:
        raise CommandError(str(exc)) from None
    if progress:
        print(file=sys.stderr)
    _write(Path(args.out), summary_csv(rows).encode("utf-8"), args.force, announce=False)
    failed = sorted(r.line for r in rows if r.error)
    shown = ", ".join(map(str, failed[:20])) + (f" and {len(failed) - 20} more" if len(failed) > 20 else "")
    print(f"Audited {len(rows) - len(failed)} of {counted(len(rows), 'account')}; wrote {args.out}"
          + (f" ({len(failed)} could not be audited, on line{'s' if len(failed) > 1 else ''} {shown} of {args.plans}: "
             "see the error column)" if failed else ""), file=sys.stderr)
    return 1 if failed else 0


def _progress(done: int, total: int) -> None:
    """The batch's bar on a terminal: "[###...] 2 of 3 accounts" (the noun agrees with the count)."""
    from guidance.words import counted

    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done} of {counted(total, 'account')}")
    sys.stderr.flush()


def run_letter(args) -> int:
    from guidance.accounts.letters import LETTERS, AuditFills, NothingToAsk, letter_values
    from guidance.outnames import format_of_name
    from guidance.commands.letter import _read_data
    from guidance.letters.catalogue import Catalogue
    from guidance.letters.compose import LetterError
    from guidance.letters.formats import write

    args.format = _format("--out", args.out, args.format, None, LETTER_FORMATS)
    if args.format is None or (Path(args.out).suffix and format_of_name(args.out) is None):
        raise UsageError(f"--out: name a .md, .txt, .html or .docx file, not '{args.out}' "
                         "(a name with no ending needs --format md, txt, html or docx)")
    _check_out(args.out, args.force)
    audit, base = _run(args)
    try:
        values = letter_values(audit, args.kind, _read_data(Path(args.data)))
    except AuditFills as exc:  # each field at the data file's line that gives it
        from guidance.commands.letter import audit_fills_error

        raise audit_fills_error(exc, Path(args.data), "no letter made") from None
    except NothingToAsk as exc:
        raise CommandError(f"no letter made: {exc}") from None
    catalogue = Catalogue.load(base)
    template_id = LETTERS[args.kind]
    try:
        letter = catalogue.make(template_id, values, args.on or today(), deadlines=True)
    except LetterError as exc:
        from guidance.commands.letter import blame_data_file

        exc = blame_data_file(exc, Path(args.data))  # a missing or unknown field is the data file's, not the template's
        raise CommandError("the letter was not made:\n  " + "\n  ".join(exc.lines())) from None
    output = write(letter, args.format)
    _write(Path(args.out), output, args.force)
    if not args.no_record:
        from guidance.letters.issue import record_for
        from guidance.records.letters import open_letter_store
        from guidance.records.store import StoreError

        template = catalogue.template(template_id)
        try:
            with open_letter_store() as store:
                letter_id = store.add(record_for(letter, template, args.format, False, output), template.source)
        except StoreError as exc:
            raise CommandError(f"the letter was made but not recorded: {exc}") from None
        print(f"Recorded as letter {letter_id} (reference {letter.reference or 'none'})", file=sys.stderr)
    return 0


def _store():
    from guidance.commands.records_support import open_db
    from guidance.records.accounts import AccountAuditStore

    return AccountAuditStore(open_db())


def _decision_word(text: str) -> str:
    """argparse type: the decision a word names, as recorded (see ``read_decision``)."""
    from guidance.accounts.decisions import UnknownDecision, read_decision

    try:
        return read_decision(text)
    except UnknownDecision as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


_decision_word.__name__ = "decision"


def run_decide(args) -> int:
    from guidance.accounts.decisions import decision_warnings
    from guidance.accounts.flags import label_of
    from guidance.commands.records_support import content_release
    from guidance.records.accounts import UnknownAudit, UnknownFlag

    store = _store()
    try:
        flag = store.decide(args.audit_id, args.flag, args.decision, args.note, content_release(args))
        record = store.get(args.audit_id)
    except UnknownFlag as exc:
        has = f"it has {exc.flags} flag{'' if exc.flags == 1 else 's'}" if exc.flags else "it has no flags"
        raise CommandError(f"no flag {args.flag} on account audit '{args.audit_id}': {has} "
                           f"(see 'guidance account show {args.audit_id}')") from None
    except UnknownAudit:
        raise CommandError(f"no account audit '{args.audit_id}' (see 'guidance account list')") from None
    finally:
        store.database.close()
    print(f"Recorded: flag {flag.seq} ({label_of(flag.kind)}) {flag.decision}.")
    others = [(f.seq, f.kind, f.decision) for f in record.flags if f.seq != flag.seq]
    for warning in decision_warnings(flag.kind, flag.decision, record.figures.get("surplus_provisional") is True, others):
        print(f"guidance: warning: {warning} (recorded all the same; decide again to change it)", file=sys.stderr)
    return 0


def run_list(args) -> int:
    store = _store()
    try:
        rows = [r.summary() for r in store.list(args.reference, oldest_first=args.oldest_first)]
    finally:
        store.database.close()
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("No account audits recorded.")
        return 0
    from guidance.accounts.money import recorded_surplus
    from guidance.words import counted

    order = "oldest first" if args.oldest_first else "newest first"
    print(f"{counted(len(rows), 'account audit')}, {order} (by when each was made, UTC):")
    for r in rows:
        print(f"{_when(r['audited_at'])}  {r['id']}  {r['reference']:<14} {r['period']}  surplus {recorded_surplus(r)}  "
              f"flags {r['decided']}/{r['flags']} decided")
    return 0


def _when(stamp: str) -> str:
    """A record's time as the day and the minute ("2026-12-03 06:12")."""
    return stamp[:16].replace("T", " ")


def run_show(args) -> int:
    from dataclasses import asdict

    from guidance.accounts.flags import label_of, source_words
    from guidance.accounts.money import recorded_money
    from guidance.words import counted
    from guidance.records.accounts import UnknownAudit

    store = _store()
    try:
        record = store.get(args.audit_id)
    except UnknownAudit:
        raise CommandError(f"no account audit '{args.audit_id}' (see 'guidance account list')") from None
    finally:
        store.database.close()
    if args.json:
        print_json({**asdict(record), "flags": [asdict(f) for f in record.flags]})
        return 0
    print(f"Account audit {record.id}: {record.reference}, {record.period_from}{'' if str(record.period_from) == str(record.period_to) else f' to {record.period_to}'} (made {_when(record.audited_at)} UTC)")
    names = [s.get("name", "") for s in record.statements if isinstance(s, dict)]
    print(f"  {counted(len(record.statements), 'statement file')}" + (f": {', '.join(names)}" if names else ""))
    for line in figure_table(record.figures):
        print(f"  {line}")
    for line in _figure_lines({k: v for k, v in record.figures.items() if k in ("money_in", "money_out")}):
        print(f"  {line}")
    for note in record.figures.get("notes") or []:
        print(f"  Note: {note}")
    if record.flags:
        print("  flags, most serious first:")
    for f in record.flags:
        where = f" ({f.file}:{f.line})" if f.file else f" ({source_words(f.kind, dt.date.fromisoformat(str(f.on)))})"
        print(f"  {f.seq:>3}. {label_of(f.kind)} {f.on} {recorded_money(f.amount)}{where}: {f.message} -> {f.decision or 'to decide'}")
    return 0


def _figure_lines(figures: dict) -> list[str]:
    """A recorded audit's figures as readable lines: "name: £amount", and money in and out one
    line a kind under their name (never a raw dict)."""
    from guidance.accounts.money import recorded_money as amount
    from guidance.accounts.report import kind_words

    lines = []
    for name, value in figures.items():
        label = name.replace("_", " ")
        if isinstance(value, dict):
            lines.append(f"{label}:" if value else f"{label}: none")
            lines += [f"  {kind_words(kind)}: {amount(v)}" for kind, v in value.items()]
        elif isinstance(value, list):  # notes, and spans of days (first, last)
            lines.append(f"{label}:" if value else f"{label}: none")
            lines += [f"  - {' to '.join(map(str, v)) if isinstance(v, list) else v}" for v in value]
        elif isinstance(value, bool) or value is None:
            if value is not None:
                lines.append(f"{label}: {'yes' if value else 'no'}")
        else:
            lines.append(f"{label}: {amount(value)}")
    return lines


def run_schema(args) -> int:
    import json

    from guidance.accounts.plan import plan_schema

    text = json.dumps(plan_schema(), indent=2) + "\n"
    if args.out:
        _format("--out", args.out, None, "json", ("json",))
        _check_out(args.out, args.force)
        _write(Path(args.out), text.encode("utf-8"), args.force)
    else:
        sys.stdout.write(text)
    return 0
