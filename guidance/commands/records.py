"""``guidance records``: a person's records for a subject access request, and retention purges.

Both are audited. Neither writes a person's data anywhere but where the officer asked: the export
goes to a private file (0600) or to standard output; messages name counts, never people.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from guidance.commands.common import CommandError, UsageError, iso_date, print_json, today
from guidance.commands.records_support import content_release, open_db, reference_rule, retention_cutoff, retention_span
from guidance.records.store import StoreError


def _counted_kind(count: int, name: str) -> str:
    """A purge count with its noun agreeing: ``("calls", 1)`` is "1 call", ``("letter_drafts", 2)``
    "2 letter drafts" (every kind of record is named in the plural)."""
    from guidance.words import counted

    plural = name.replace("_", " ")
    return counted(count, plural[:-1] if plural.endswith("s") else plural, plural)


def register(sub) -> None:
    parser = sub.add_parser("records", help="records duties: subject access export, retention purge")
    actions = parser.add_subparsers(dest="records_command", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="everything held about a person, as JSON (subject access request)")
    export.add_argument("--person", required=True, metavar="REF", help="the person's reference as recorded on calls and letters")
    export.add_argument("--out", metavar="FILE", help="write to a new FILE (owner-only) instead of standard output")
    export.add_argument("--force", action="store_true", help="replace FILE if it is an existing file (never a link or device)")
    export.set_defaults(func=run_export)
    purge = actions.add_parser("purge", help="delete records older than the retention period")
    purge.add_argument("--older-than", required=True, type=retention_span, metavar="SPAN",
                       help="with its unit: 6y (years), 18m (calendar months), 60w or 400d; at least 1y")
    purge.add_argument("--on", type=iso_date, metavar="DATE", help="count back from DATE, not after today (default: today)")
    purge.add_argument("--dry-run", action="store_true", help="count what would go, delete nothing")
    purge.add_argument("--yes", action="store_true", help="delete without asking (for scripts)")
    purge.set_defaults(func=run_purge)


def _check_json_name(name: str) -> None:
    """The export is JSON: a name that says another kind of file (``export.docx``) is refused."""
    from guidance.outnames import FormatClash, output_format

    try:
        output_format(name, None, "json", ("json",))
    except FormatClash as exc:
        raise UsageError(f"--out: {exc}") from None


def run_export(args) -> int:
    from guidance.fileio import NotReplaced, check_output_path, write_output_file
    from guidance.records.duties import export_person

    rule = reference_rule(args)
    if args.out:
        _check_json_name(args.out)
        try:
            check_output_path(Path(args.out), args.force)
        except NotReplaced as exc:
            raise CommandError(f"{exc.strerror}; nothing was exported") from None
    db = open_db()
    try:
        data = export_person(db, args.person, content_release(args))
    except (ValueError, StoreError) as exc:
        raise CommandError(str(exc)) from None
    finally:
        db.close()
    if not any(data[key] for key in ("calls", "letters", "sessions", "account_audits")):
        hint = "" if rule.fits(data["reference"]) else f"; it does not look like this council's references ({rule.example})"
        print(f"guidance: nothing is held under that reference (no calls, letters, sessions or account audits; compared "
              f"ignoring case){hint}. Nothing was written.", file=sys.stderr)
        return 1
    counts = ", ".join(_count(len(data[key]), key.replace('_', ' ')) for key in ("calls", "letters", "sessions", "accuracy_checks", "account_audits"))
    if args.out:
        text = json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
        try:
            write_output_file(Path(args.out), text.encode("utf-8"), replace=args.force)
        except NotReplaced as exc:
            raise CommandError(f"{exc.strerror}; the export was not written") from None
        except OSError as exc:
            reason = exc.strerror or str(exc)
            where = "" if str(args.out) in reason else f" {args.out}"  # the path once, not twice
            raise CommandError(f"cannot write{where}: {reason}") from None
        print(f"Wrote {counts} to {args.out}.", file=sys.stderr)
    else:
        print_json(data)
        print(f"Exported {counts}.", file=sys.stderr)
    return 0


def _count(number: int, things: str) -> str:
    """'1 call', '2 calls', '1 accuracy check' (``things`` is the plural)."""
    return f"{number} {things[:-1] if number == 1 else things}"


def run_purge(args) -> int:
    """Count what would go, say it, ask (or take --yes), then delete. Refuses a future --on and
    spans under the floor (see ``cutoff``) before the database is opened."""
    from guidance.records.duties import purge_older_than

    now = today()
    if args.on and args.on > now:
        raise CommandError(f"--on {args.on.isoformat()} is in the future: a purge counts back from today or an earlier day")
    before = retention_cutoff(args.older_than, args.on or now)
    db = open_db()
    try:
        release = content_release(args)
        counts = purge_older_than(db, before, dry_run=True, release=release)
        what = ", ".join(_counted_kind(n, name) for name, n in counts.items())
        if args.dry_run:
            print(f"Would delete records from before {before}: {what}.")
            return 0
        if not any(counts.values()):
            print(f"Nothing to delete: no records from before {before}.")
            return 0
        print(f"This deletes records from before {before}: {what}. It cannot be undone.", file=sys.stderr)
        _confirm(args.yes)
        counts = purge_older_than(db, before, release=release)
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    finally:
        db.close()
    what = ", ".join(_counted_kind(n, name) for name, n in counts.items())
    print(f"Deleted records from before {before}: {what}.")
    return 0


def _confirm(yes: bool) -> None:
    """Go on with --yes, or when someone at a terminal types 'yes'; refuse otherwise."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise CommandError("nothing deleted: no one to ask (not a terminal); add --yes to delete")
    try:
        answer = input("Type 'yes' to delete them: ")
    except EOFError:
        answer = ""
    if answer.strip().lower() != "yes":
        raise CommandError("nothing deleted")
