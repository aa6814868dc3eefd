"""``guidance review``: accuracy checks of officers' calls and letters, and results by officer."""

from __future__ import annotations

from decimal import Decimal

from guidance.commands.common import CommandError, add_json_option, iso_date, kind_type, print_json
from guidance.kinds import Number, Whole
from guidance.commands.records_support import content_release, cutoff, open_db, span


def register(sub) -> None:
    parser = sub.add_parser("review", help="accuracy checks: sample calls and letters, record outcomes, results by officer")
    actions = parser.add_subparsers(dest="review_command", metavar="ACTION", required=True)
    sample = actions.add_parser("sample", help="pick a share of each officer's recent calls and letters to check")
    sample.add_argument("--percent", type=kind_type(Number(minimum=Decimal(0), above=True, maximum=Decimal(100)), float), default=10, help="share to check (default 10)")
    sample.add_argument("--since", type=span, default="7d", metavar="SPAN", help="how far back, e.g. 7d (default)")
    sample.add_argument("--seed", type=kind_type(Whole(minimum=0, maximum=2**63)), help="repeatable choice (for tests and audits of the sampling)")
    sample.add_argument("--on", type=iso_date, metavar="DATE", help="count back from DATE (default: today)")
    add_json_option(sample)
    sample.set_defaults(func=run_sample)
    record = actions.add_parser("record", help="record the outcome of checking one sampled item")
    record.add_argument("review_id")
    record.add_argument("--outcome", required=True, choices=["correct", "minor", "wrong"])
    record.add_argument("--note", help="feedback for the officer (no names: use references)")
    record.set_defaults(func=run_record)
    listing = actions.add_parser("list", help="sampled items, newest first")
    listing.add_argument("--pending", action="store_true", help="only those not yet checked")
    add_json_option(listing)
    listing.set_defaults(func=run_list)
    results = actions.add_parser("results", help="checks and outcomes by officer")
    results.add_argument("--since", type=span, metavar="SPAN", help="only items from this span, e.g. 90d")
    results.add_argument("--on", type=iso_date, metavar="DATE", help="count back from DATE (default: today)")
    add_json_option(results)
    results.set_defaults(func=run_results)


def _reviews():
    from guidance.records.review import ReviewStore

    return ReviewStore(open_db())


def _row(review) -> dict:
    return {"id": review.id, "kind": review.kind, "item": review.item_id, "officer": review.officer,
            "item_at": review.item_at, "outcome": review.outcome, "note": review.note, "checked_by": review.checked_by}


def run_sample(args) -> int:
    from guidance.records.casenote import local_words

    store = _reviews()
    try:
        chosen = store.sample(args.percent, cutoff(args.since, args.on), args.seed, content_release(args))
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.database.close()
    if args.json:
        print_json([_row(r) for r in chosen])
    elif not chosen:
        print("Nothing to sample: no unchecked calls or letters in that span.")
    else:
        print(f"Sampled {len(chosen)} to check (record each with 'guidance review record ID --outcome ...'):")
        for r in chosen:
            print(f"  {r.id}  {r.kind:<6} {r.item_id}  {r.officer}  {local_words(r.item_at) or r.item_at}")
    return 0


def run_record(args) -> int:
    from guidance.records.review import UnknownReview

    store = _reviews()
    try:
        review = store.record(args.review_id, args.outcome, args.note, content_release(args))
    except UnknownReview:
        raise CommandError(f"no sampled item '{args.review_id}' (see 'guidance review list --pending')") from None
    finally:
        store.database.close()
    print(f"Recorded: {review.kind} {review.item_id} ({review.officer}) checked {review.outcome}.")
    return 0


def run_list(args) -> int:
    store = _reviews()
    try:
        rows = [_row(r) for r in store.list(pending=args.pending)]
    finally:
        store.database.close()
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("No sampled items." if not args.pending else "Every sampled item has been checked.")
    for row in rows:
        print(f"{row['id']}  {row['kind']:<6} {row['item']}  {row['officer']:<16} {row['outcome'] or 'to check'}")
    return 0


def run_results(args) -> int:
    store = _reviews()
    try:
        rows = store.results(cutoff(args.since, args.on) if args.since else None)
    finally:
        store.database.close()
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("No accuracy checks yet: start with 'guidance review sample --percent 10 --since 7d'.")
        return 0
    print(f"{'officer':<20} {'sampled':>7} {'checked':>7} {'correct':>7} {'minor':>5} {'wrong':>5} {'accuracy':>8}")
    for row in rows:
        accuracy = "-" if row["accuracy_percent"] is None else f"{row['accuracy_percent']:.1f}%"
        print(f"{row['officer']:<20} {row['sampled']:>7} {row['checked']:>7} {row['correct']:>7} {row['minor']:>5} {row['wrong']:>5} {accuracy:>8}")
    return 0
