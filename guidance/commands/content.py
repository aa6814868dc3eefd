"""``guidance content ...``: check, review-due, export, schema and release."""

from __future__ import annotations

import argparse
import sys

from guidance.words import counted
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
    from guidance.content.review import REVIEW_WINDOW_DAYS

    content = sub.add_parser("content", help="check, review, export and release the content base")
    actions = content.add_subparsers(dest="action", metavar="ACTION", required=True)

    check = actions.add_parser("check", help="validate pages, rates, links, flows and letters")
    add_on_option(check, says="check as if today were DATE")
    add_json_option(check)
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.add_argument("--no-style", action="store_true", help="skip the plain-language checks")
    check.add_argument("--boundaries", action="store_true", help="also render every text on each day a figure or rule it uses changes, back to 6 April 2015 (slow: before a release)")
    check.set_defaults(func=run_check)

    due = actions.add_parser("review-due", help="pages due for review, soonest first")
    due.add_argument("--within", type=duration_days, default=REVIEW_WINDOW_DAYS, metavar="SPAN", help=f"e.g. 30d, 6w, 3m (default {REVIEW_WINDOW_DAYS}d)")
    add_on_option(due, says="list what is due as if today were DATE")
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
    add_on_option(release, says="make the release as on DATE")
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
        print(f"{counted(len(base.pages), 'page')}, {counted(len(base.rates.keys()), 'rate')} checked: "
              f"{counted(len(problems.errors), 'error')}, {counted(len(problems.warnings), 'warning')}", file=sys.stderr)
    failed = bool(problems.errors) or (args.strict and bool(problems.warnings))
    return 1 if failed else 0


def run_review_due(args) -> int:
    from guidance.content.formatting import long_date
    from guidance.content.review import due_for_review, review_limit

    base = load_base(args)
    warn_left_out(base)
    on = args.on or today()
    limit = review_limit(on, args.within)
    rows = [
        {"id": d.page_id, "title": d.title, "review_by": d.review_by.isoformat(), "overdue": d.overdue, "owner": d.owner, "path": d.path}
        for d in due_for_review(base, on, args.within)
    ]
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print(f"Nothing is due for review by {long_date(limit)}.")
    for row in rows:
        flag = "OVERDUE " if row["overdue"] else ""
        print(f"{long_date(row['review_by']):<17}  {flag}{row['id']}  ({row['owner']})  {row['path']}")
    return 0


def run_export(args) -> int:
    from guidance.content.export import export_pages

    from guidance.problems import Problems

    base = load_base(args, needs_figures=True)
    warn_left_out(base)
    problems = Problems()
    print_json(export_pages(base, args.on or today(), problems))
    for problem in problems:
        print(f"guidance: {problem} (left out of the export)", file=sys.stderr)
    return 1 if problems.errors else 0


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

    from guidance.content.roots import is_packaged_copy

    base = load_base(args, use_cache=False)
    if is_packaged_copy(base.root):
        raise CommandError(f"{base.root}: this is the copy of the content inside the installed package; a release made here "
                           "is undone by the next install and would be cited by letters and records as a release that exists "
                           "nowhere else. Release your team's own copy of the content: --root FOLDER (or GUIDANCE_ROOT)")
    on = args.on or today()
    problems = check_content(base, on, style_checks=False)
    if problems.errors:
        for problem in problems.errors:
            print(problem, file=sys.stderr)
        raise CommandError(f"{counted(len(problems.errors), 'error')}: fix {'it' if len(problems.errors) == 1 else 'them'} before releasing")
    entry = make_release(base, args.notes, on)
    if not entry.pages:
        changed = "no page changes"
    elif len(entry.pages) <= 8:
        changed = ", ".join(entry.pages)
    else:
        changed = f"{counted(len(entry.pages), 'page')} new or changed (listed in content/manifest.yaml)"
    print(f"Released {entry.release} on {entry.date.isoformat()}: {changed}")
    if not entry.pages and not entry.rates:
        print(f"Note: no page and no figure changed since {base.manifest.release}; this release records the notes only",
              file=sys.stderr)
    if entry.rates:
        shown = "; ".join(entry.rates) if len(entry.rates) <= 8 else f"{counted(len(entry.rates), 'figure')} (listed in content/manifest.yaml)"
        print(f"Figures new or changed: {shown}")
    return 0

