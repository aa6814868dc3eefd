"""Schema migrations: where a database stands, and bringing it up to date with Alembic.

A private SQLite file is upgraded when opened (nothing to set up). A shared PostgreSQL database
is upgraded only by ``guidance db upgrade``, run once by whoever looks after it, so one officer
installing a newer version never changes the schema under everyone else; until then the program
says what to run. A database newer than this program is refused, never written to.
"""

from __future__ import annotations

from pathlib import Path

from guidance.records.schema import HEAD
from guidance.records.store import StoreError

REVISIONS = ("0001", "0002", "0005_h16", "0006_session_mode", "0007_call_drafts", "0008_letter_drafts")  # oldest first; HEAD is the last
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_LOCK_KEY = 7_334_211  # pg_advisory_xact_lock key: one upgrade at a time per database


def current_revision(conn) -> str | None:
    """The revision the database is at; None for a new (or pre-migrations) database."""
    from sqlalchemy import inspect, text

    if not inspect(conn).has_table("alembic_version"):
        return None
    rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(rows) > 1:
        raise StoreError(f"the records database has several schema heads ({', '.join(rows)}); it was changed by hand")
    return rows[0] if rows else None


def _newer(db, conn, revision: str | None) -> bool:
    """An unknown revision, or (SQLite) a ``user_version`` above the one before Alembic."""
    if revision is not None and revision not in REVISIONS:
        return True
    if db.dialect == "sqlite":
        from sqlalchemy import text

        return conn.execute(text("PRAGMA user_version")).scalar() > 1
    return False


def ensure_schema(db, upgrade: bool) -> None:
    """Check the schema on open; upgrade it when allowed, else say what to run."""
    with db.read() as conn:
        revision = current_revision(conn)
        newer = _newer(db, conn, revision)
    if newer:
        raise StoreError(f"the records database {db.where} was written by a newer version of guidance "
                         f"(schema {revision or 'unknown'}); install that version")
    if revision == HEAD:
        return
    if not upgrade:
        raise StoreError(f"the records database {db.where} is at schema {revision or 'none'} and this version of "
                         f"guidance needs {HEAD}: run 'guidance db upgrade'")
    upgrade_schema(db)


def upgrade_schema(db, target: str = "head") -> tuple[str | None, str | None]:
    """Run the migrations in one locked transaction; returns (before, after)."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    with db.write("the schema upgrade") as conn:
        if db.dialect == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
        before = current_revision(conn)
        if _newer(db, conn, before):
            raise StoreError(f"the records database {db.where} was written by a newer version of guidance (schema {before})")
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        command.upgrade(config, target)
        after = current_revision(conn)
    return before, after
