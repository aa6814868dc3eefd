"""``guidance db``: where the records are kept, and bringing their schema up to date."""

from __future__ import annotations

from guidance.commands.common import CommandError, add_json_option, print_json


def register(sub) -> None:
    parser = sub.add_parser("db", help="the records database: schema upgrades and where it is")
    db_sub = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = db_sub.add_parser("upgrade", help="bring the records database to this version's schema (run once per upgrade)")
    upgrade.set_defaults(func=run_upgrade)
    status = db_sub.add_parser("status", help="which database is used and its schema version")
    add_json_option(status)
    status.set_defaults(func=run_status)


def _url():
    from guidance.records.database import database_url

    return database_url()


def run_upgrade(args) -> int:
    from guidance.records.migrate import upgrade_schema
    from guidance.records.store import StoreError

    try:
        with _open_for_upgrade() as db:
            before, after = upgrade_schema(db)
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    if before == after:
        print(f"The records database {db.where} is up to date (schema {after}).")
    else:
        print(f"Upgraded the records database {db.where} from schema {before or 'none'} to {after}.")
    return 0


def _open_for_upgrade(create: bool = True):
    """Open without the schema check (the upgrade is what fixes it); ``create=False``: a missing
    SQLite file is an error, not made."""
    from guidance.records.database import Database

    return Database(_url(), check=False, create=create)


def run_status(args) -> int:
    from guidance.records.migrate import current_revision
    from guidance.records.schema import HEAD
    from guidance.records.store import StoreError

    try:
        with _open_for_upgrade(create=False) as db:  # looking must not make a database
            with db.read() as conn:
                revision = current_revision(conn)
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    info = {"database": db.where, "engine": db.dialect, "schema": revision, "needed": HEAD, "up_to_date": revision == HEAD}
    if args.json:
        print_json(info)
    else:
        state = "up to date" if revision == HEAD else f"needs 'guidance db upgrade' (to {HEAD})"
        print(f"{info['database']} ({db.dialect}): schema {revision or 'none'}, {state}")
    return 0
