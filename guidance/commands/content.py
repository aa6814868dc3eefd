"""``guidance content ...``: check, review-due, export, schema and release."""

from __future__ import annotations

import argparse
import sys

from guidance.commands.common import (
    CommandError,
    add_json_option,
    add_on_option,
    duration_days,
    load_base,
    print_json,
    today,
    warn_left_out,
)


def register(sub) -> None:
    content = sub.add_parser("content", help="check, review, export and release the content base")
    actions = content.add_subparsers(dest="action", metavar="ACTION", required=True)

    check = actions.add_parser("check", help="validate pages, rates, links, flows and letters")
    add_on_option(check, "the check as if it were")
    add_json_option(check)
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.add_argument("--no-style", action="store_true", help="skip the plain-language checks")
    check.add_argument("--boundaries", action="store_true", help="also render every text on each day a figure or rule it uses changes, back to 6 April 2015 (slow: before a release)")
    check.set_defaults(func=run_check)

    due = actions.add_parser("review-due", help="pages due for review, soonest first")
    due.add_argument("--within", type=duration_days, default=30, metavar="SPAN", help="e.g. 30d, 6w, 3m (default 30d)")
    add_on_option(due, "what is due as if it were")
    add_json_option(due)
    due.set_defaults(func=run_review_due)

    export = actions.add_parser("export", help="every page rendered, for other tools")
    add_on_option(export)
    export.add_argument("--json", action="store_true", default=True, help="JSON output (the only format)")
    export.set_defaults(func=run_export)

    schema = actions.add_parser("schema", help="write JSON Schemas for editors")
    schema.add_argument("--out", required=True, metavar="DIR", help="folder to write the schemas into")
    schema.set_defaults(func=run_schema)

    release = actions.add_parser("release", help="raise the release, write the changelog and the lock")
    release.add_argument("--notes", required=True, type=_notes, help="what changed, for the changelog")
    add_on_option(release, "the release as made on")
    release.set_defaults(func=run_release)


def run_check(args) -> int:
    from guidance.content.check import check_content

    base = load_base(args)
    on = args.on or today()
    problems = check_content(base, on, style_checks=not args.no_style)
    if getattr(args, "boundaries", False):
        from guidance.content.boundaries import check_boundaries

        check_boundaries(base, problems)
        problems.items.sort(key=lambda p: (p.path, p.line or 0, p.level, p.message))
    if args.json:
        print_json({"root": str(base.root), "pages": len(base.pages), "problems": [p.as_dict() for p in problems]})
    else:
        for problem in problems:
            print(problem)
        errors, warnings = len(problems.errors), len(problems.warnings)
        print(f"{len(base.pages)} pages, {len(base.rates.keys())} rates checked: {errors} errors, {warnings} warnings", file=sys.stderr)
    failed = bool(problems.errors) or (args.strict and bool(problems.warnings))
    return 1 if failed else 0


def run_review_due(args) -> int:
    import datetime as dt

    base = load_base(args)
    warn_left_out(base)
    on = args.on or today()
    try:
        limit = on + dt.timedelta(days=args.within)
    except OverflowError:  # --on near the year 9999: every page is due by the end of time
        limit = dt.date.max
    due = sorted((p for p in base.pages.values() if p.meta.review_by <= limit), key=lambda p: (p.meta.review_by, p.id))
    rows = [
        {"id": p.id, "title": p.meta.title, "review_by": p.meta.review_by.isoformat(), "overdue": p.meta.review_by < on, "owner": p.meta.owner, "path": p.path}
        for p in due
    ]
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print(f"Nothing is due for review by {limit.isoformat()}.")
    for row in rows:
        flag = "OVERDUE " if row["overdue"] else ""
        print(f"{row['review_by']}  {flag}{row['id']}  ({row['owner']})  {row['path']}")
    return 0


def run_export(args) -> int:
    from guidance.content.export import export_pages

    base = load_base(args)
    warn_left_out(base)
    print_json(export_pages(base, args.on or today()))
    return 0


def run_schema(args) -> int:
    from pathlib import Path

    from guidance.content.schemas import write_schemas

    try:
        written = write_schemas(Path(args.out))
    except OSError as exc:
        raise CommandError(f"cannot write schemas to {args.out}: {exc.strerror}") from None
    for path in written:
        print(path)
    return 0


def _notes(text: str) -> str:
    """argparse type: the changelog needs words, so blank notes are a usage error."""
    if not text.strip():
        raise argparse.ArgumentTypeError("say what changed, e.g. --notes 'Holiday pay page updated for April'")
    return text.strip()


def run_release(args) -> int:
    from guidance.content.check import check_content
    from guidance.content.release import make_release

    base = load_base(args, use_cache=False)
    on = args.on or today()
    problems = check_content(base, on, style_checks=False)
    if problems.errors:
        for problem in problems.errors:
            print(problem, file=sys.stderr)
        raise CommandError(f"{len(problems.errors)} errors: fix them before releasing")
    entry = make_release(base, args.notes, on)
    if not entry.pages:
        changed = "no page changes"
    elif len(entry.pages) <= 8:
        changed = ", ".join(entry.pages)
    else:
        changed = f"{len(entry.pages)} pages new or changed (listed in content/manifest.yaml)"
    print(f"Released {entry.release} on {entry.date.isoformat()}: {changed}")
    return 0

