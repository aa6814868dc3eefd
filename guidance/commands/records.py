"""``guidance records``: a person's records for a subject access request, and retention purges.

Both are audited. Neither writes a person's data anywhere but where the officer asked: the export
goes to a private file (0600) or to standard output; messages name counts, never people.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from guidance.commands.common import CommandError, iso_date, print_json
from guidance.commands.records_support import content_release, cutoff, open_db, span


def register(sub) -> None:
    parser = sub.add_parser("records", help="records duties: subject access export, retention purge")
    actions = parser.add_subparsers(dest="records_command", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="everything held about a person, as JSON (subject access request)")
    export.add_argument("--person", required=True, metavar="REF", help="the person's reference as recorded on calls and letters")
    export.add_argument("--out", metavar="FILE", help="write to FILE (owner-only) instead of standard output")
    export.set_defaults(func=run_export)
    purge = actions.add_parser("purge", help="delete records older than the retention period")
    purge.add_argument("--older-than", required=True, type=span, metavar="SPAN", help="e.g. 6y")
    purge.add_argument("--on", type=iso_date, metavar="DATE", help="count back from DATE (default: today)")
    purge.add_argument("--dry-run", action="store_true", help="count what would go, delete nothing")
    purge.set_defaults(func=run_purge)


def run_export(args) -> int:
    from guidance.fileio import atomic_write_text
    from guidance.records.duties import export_person

    db = open_db()
    try:
        data = export_person(db, args.person, content_release(args))
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    finally:
        db.close()
    counts = ", ".join(f"{len(data[key])} {key.replace('_', ' ')}" for key in ("calls", "letters", "sessions", "accuracy_checks", "account_audits") if key in data)
    if args.out:
        try:
            atomic_write_text(Path(args.out), json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n", mode=0o600)
        except OSError as exc:
            raise CommandError(f"cannot write {args.out}: {exc.strerror}") from None
        print(f"Wrote {counts} to {args.out}.", file=sys.stderr)
    else:
        print_json(data)
        print(f"Exported {counts}.", file=sys.stderr)
    return 0


def run_purge(args) -> int:
    from guidance.records.duties import purge_older_than

    before = cutoff(args.older_than, args.on)
    db = open_db()
    try:
        counts = purge_older_than(db, before, dry_run=args.dry_run, release=content_release(args))
    finally:
        db.close()
    what = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items() if n or name != "account_audits")
    print(f"{'Would delete' if args.dry_run else 'Deleted'} records from before {before}: {what}.")
    return 0
